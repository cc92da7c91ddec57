"""The street directory and the neighbourhoods' boundaries: names compared as residents type them, German errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from geojson_pydantic import FeatureCollection

from actionplan.plan.loading import load_plan, read_plan
from actionplan.plan.model import HouseNumbers, Street, StreetSection
from actionplan.plan.streets import quarter_of, sections_overlap, street_key

from .helpers import FIXTURES, LANGUAGES, PROJECT, SITE_LANGUAGES, copy_plan, expected_lines

CASES_DIR = FIXTURES / "streets"
VALID = CASES_DIR / "valid"
CASES = sorted(path for path in CASES_DIR.iterdir() if path.is_dir() and path != VALID)


# ---- How names are compared


@pytest.mark.parametrize(
    "typed",
    [
        "Lindenauer Straße",
        "lindenauer straße",
        "LINDENAUER STRASSE",
        "Lindenauer Str.",
        "lindenauer str",
        "Lindenauerstraße",
        "Lindenauer-Strasse",
        " Lindenauer  Str. ",
    ],
)
def test_spellings_of_one_street_give_one_key(typed: str) -> None:
    assert street_key(typed) == "lindenauerstr"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Brückenstraße", "brueckenstr"),
        ("Brueckenstrasse", "brueckenstr"),
        ("Bru\u0308ckenstraße", "brueckenstr"),  # ü typed as u + combining diaeresis
        ("Große Bleiche", "grossebleiche"),
        ("GROẞE BLEICHE", "grossebleiche"),
        ("Bürgermeister-Müller-Straße", "buergermeistermuellerstr"),
        ("Fährweg", "faehrweg"),
        ("Rue de l’Église", "ruedeleglise"),
        ("Am Markt", "ammarkt"),
    ],
)
def test_case_sharp_s_umlauts_and_punctuation_are_folded(typed: str, key: str) -> None:
    assert street_key(typed) == key


def test_different_streets_keep_different_keys() -> None:
    names = ["Schulstraße", "Schulweg", "Lindenring", "Lindenauer Straße", "Nordring", "Südring"]
    assert len({street_key(name) for name in names}) == len(names)


# ---- House numbers


def section(numbers: str, quarter: str = "nordstadt", side: str | None = None) -> StreetSection:
    raw: dict[str, object] = {"numbers": numbers, "quarter": quarter}
    if side:
        raw["side"] = side
    return StreetSection.model_validate(raw)


def test_house_numbers_are_ranges_open_ranges_or_single_numbers() -> None:
    assert section("1-28").numbers == HouseNumbers(1, 28)
    assert section("29-").numbers == HouseNumbers(29, None)
    assert StreetSection.model_validate({"numbers": 7, "quarter": "x"}).numbers == HouseNumbers(7, 7)
    assert section("3 – 9").numbers == HouseNumbers(3, 9)
    assert [str(section(n).numbers) for n in ("1-28", "29-", "7")] == ["1-28", "29-", "7"]


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (("1-28", None), ("29-", None), False),
        (("1-28", None), ("28-", None), True),
        (("1-", "ungerade"), ("2-", "gerade"), False),
        (("1-", "ungerade"), ("31", None), True),
        (("2-", "gerade"), ("31", None), False),  # 31 is odd: not on the even side
        (("10-", "gerade"), ("9-11", "gerade"), True),  # 10
        (("1-9", None), ("10-", "gerade"), False),
        (("5-", None), ("1-100", None), True),
    ],
)
def test_sections_overlap_only_where_a_number_lies_in_both(
    a: tuple[str, str | None], b: tuple[str, str | None], overlap: bool
) -> None:
    first, second = section(a[0], side=a[1]), section(b[0], side=b[1])
    assert sections_overlap(first, second) is overlap
    assert sections_overlap(second, first) is overlap


def test_the_quarter_of_an_address() -> None:
    street = Street.model_validate(
        {
            "name": "Lange Straße",
            "sections": [
                {"numbers": "1-", "side": "ungerade", "quarter": "altstadt"},
                {"numbers": "2-40", "side": "gerade", "quarter": "weststadt"},
            ],
        }
    )
    assert quarter_of(street, 13) == ["altstadt"]
    assert quarter_of(street, 12) == ["weststadt"]
    assert quarter_of(street, 42) == ["altstadt", "weststadt"]  # not in the directory: either
    assert quarter_of(street, None) == ["altstadt", "weststadt"]


# ---- The files


def test_the_valid_directory_and_boundaries_load(tmp_path: Path) -> None:
    data = copy_plan(tmp_path / "data", VALID)

    plan = load_plan(data, tmp_path, LANGUAGES)

    assert [street.name for street in plan.streets] == ["Lindenauer Straße", "Brückenstraße", "Lange Straße"]
    assert plan.boundaries is not None
    assert [area.id for area in plan.boundaries.areas] == ["nordstadt", "suedstadt"]


def test_both_files_are_optional(tmp_path: Path) -> None:
    plan = load_plan(copy_plan(tmp_path / "data"), tmp_path, LANGUAGES)

    assert plan.streets == ()
    assert plan.boundaries is None


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_directory_or_boundaries_report_exactly_the_expected_errors(case: Path, tmp_path: Path) -> None:
    data = copy_plan(tmp_path / "data", VALID, case)

    _, errors = read_plan(data, tmp_path, LANGUAGES)

    assert [str(error) for error in sorted(set(errors), key=_order)] == expected_lines(case)


def _order(error: object) -> tuple[str, int, int, str, str]:
    return (error.file, error.line, error.column, error.path, error.message)  # type: ignore[attr-defined]


def test_the_sample_crosses_borders_mid_street_at_least_twice() -> None:
    plan = load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)

    split = [street.name for street in plan.streets if len(street.quarters()) > 1]
    assert len(split) >= 2, split
    assert "lindenauerstr" in {street_key(street.name) for street in plan.streets}
    assert plan.boundaries is not None
    assert sorted(area.id for area in plan.boundaries.areas) == sorted(plan.quarters_by_id)


@pytest.mark.parametrize("path", [PROJECT / "data" / "quarters.geojson", VALID / "quarters.geojson"])
def test_the_boundaries_are_geojson_by_the_standard(path: Path) -> None:
    collection = FeatureCollection.model_validate(json.loads(path.read_text(encoding="utf-8")))

    assert {feature.geometry.type for feature in collection.features if feature.geometry} == {"Polygon"}


# ---- The script folds what residents type as the build folds the names


SPELLINGS = [
    "Lindenauer Straße",
    "lindenauer str.",
    "LINDENAUERSTRASSE",
    "Brückenstraße",
    "Bru\u0308ckenstrasse",
    "GROẞE BLEICHE",
    "Bürgermeister-Müller-Str.",
    "Fährweg",
    "Rue de l’Église",
    "Straße des 17. Juni",
]


def test_the_lookup_script_makes_the_same_keys_as_the_build() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node fehlt: apt-get install nodejs (npm bringt es mit)")
    script = (PROJECT / "overrides" / "assets" / "javascripts" / "streets.js").read_text(encoding="utf-8")
    start = script.index("  function key(text) {")
    end = script.index("\n  }\n", start) + 4
    program = script[start:end] + f"\nprocess.stdout.write(JSON.stringify({json.dumps(SPELLINGS)}.map(key)));\n"

    result = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)

    assert json.loads(result.stdout) == [street_key(name) for name in SPELLINGS]
