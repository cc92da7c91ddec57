"""Loading and validating the plan: every data mistake is reported in German, located, all at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.plan.errors import PlanErrors
from actionplan.plan.loading import load_plan, read_plan
from actionplan.plan.model import When
from actionplan.plan.plan import Plan
from actionplan.project import read_project

from .helpers import LANGUAGES, PROJECT, SITE_LANGUAGES, broken_cases, expected_lines

CASES = broken_cases()


def errors_of(data: Path) -> PlanErrors:
    with pytest.raises(PlanErrors) as caught:
        load_plan(data, data.parent, LANGUAGES)
    return caught.value


# ---- The broken cases


def test_every_broken_case_is_run() -> None:
    # exactly the folders under tests/fixtures/broken/: a case lost or added changes this number
    assert len(CASES) == 71
    for case in CASES:
        assert expected_lines(case), f"{case.name}/expected.txt is empty"
        overlaid = [p for p in case.rglob("*") if p.is_file() and p.name != "expected.txt"]
        assert overlaid, f"{case.name} changes nothing"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_case_reports_exactly_the_expected_errors(case: Path, make_data: Callable[..., Path]) -> None:
    exc = errors_of(make_data(case))

    assert [str(error) for error in exc.errors] == expected_lines(case)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_report_is_the_german_list_without_traceback(case: Path, make_data: Callable[..., Path]) -> None:
    exc = errors_of(make_data(case))

    report = exc.report()
    lines = [str(error) for error in exc.errors]
    assert report == "\n".join(
        [f"{len(lines)} Fehler in den Daten – die Website wurde nicht gebaut:", *(f"  {line}" for line in lines)]
    )
    assert str(exc) == report
    assert "Traceback" not in report
    assert "pydantic" not in report.lower()


def test_errors_of_several_files_are_reported_together(make_data: Callable[..., Path]) -> None:
    # A YAML syntax error in one file does not hide schema or cross-check errors in the others.
    data = make_data("yaml-syntax", "due-before-start", "goal-not-field-prefix")

    exc = errors_of(data)

    assert [str(error) for error in exc.errors] == [
        *expected_lines("goal-not-field-prefix"),  # data/fields.yml
        *expected_lines("yaml-syntax"),  # data/measures/sb-01.yml
        *expected_lines("due-before-start"),  # data/measures/wq-01.yml
    ]
    assert exc.report().splitlines()[0] == "3 Fehler in den Daten – die Website wurde nicht gebaut:"


def test_read_plan_returns_the_valid_part_with_the_errors(make_data: Callable[..., Path]) -> None:
    data = make_data("due-before-start")

    plan, errors = read_plan(data, data.parent, LANGUAGES)

    assert [m.id for m in plan.measures] == ["SB-01", "WQ-01", "WQ-02"]
    assert [str(error) for error in errors] == expected_lines("due-before-start")


def test_file_names_are_shown_relative_to_the_root(make_data: Callable[..., Path]) -> None:
    data = make_data("unknown-field")

    with pytest.raises(PlanErrors) as caught:
        load_plan(data, data.parent.parent, LANGUAGES)

    assert [str(error) for error in caught.value.errors] == [
        f"{data.parent.name}/{line}" for line in expected_lines("unknown-field")
    ]


# ---- Valid plans


def test_valid_fixture_loads(make_data: Callable[..., Path]) -> None:
    data = make_data()

    plan = load_plan(data, data.parent, LANGUAGES)

    assert plan.languages == ("de", "en", "ar")
    assert [f.id for f in plan.fields] == ["wohnen-quartier", "sprache-bildung"]
    assert list(plan.goals_by_id) == ["WQ-Z1", "WQ-Z2", "SB-Z1"]
    assert [p.id for p in plan.principles] == ["L1", "L2"]
    assert [c.id for c in plan.quality_criteria] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [a.id for a in plan.actors] == ["stabsstelle-integration", "gwa-traeger", "amt-bildung"]
    assert [q.id for q in plan.quarters] == ["nordstadt", "suedstadt"]
    assert [m.id for m in plan.measures] == ["SB-01", "WQ-01", "WQ-02"]
    assert [m.id for m in plan.measures_of("wohnen-quartier")] == ["WQ-01", "WQ-02"]
    assert sorted(plan.sources) == [
        "data/actors.yml",
        "data/fields.yml",
        "data/languages.yml",
        "data/measures/sb-01.yml",
        "data/measures/wq-01.yml",
        "data/measures/wq-02.yml",
        "data/principles.yml",
        "data/quality_criteria.yml",
        "data/quarters.yml",
    ]


def test_valid_fixture_values(plan: Plan) -> None:
    full = plan.measures_by_id["WQ-01"]
    assert (full.status, full.progress, full.slug) == ("laufend", 45, "wq-01")
    assert (full.start, full.due) == (When(2026, 3), When(2027, 12))
    assert full.description == {
        "de": "Die Kümmerinnen sind Anlauf- und Vernetzungsstelle zugleich.\nTräger ist der Verein für Gemeinwesenarbeit."
    }
    assert full.milestones[0].done == dt.date(2026, 6, 30)
    assert [v.value for v in full.indicators[0].values] == [165, 1390.5]
    assert full.budget is not None
    assert (full.budget.amount, full.budget.currency, full.budget.secured) == (410000, "EUR", True)

    merged = plan.measures_by_id["WQ-02"]
    # The merging update reports no progress: the previous value stays.
    assert (merged.status, merged.progress, merged.merged_into) == ("zusammengefuehrt", 10, "WQ-01")
    assert merged.quarters == ["alle"]

    minimal = plan.measures_by_id["SB-01"]
    assert minimal.start == When(2026, 9, 1)
    assert (minimal.due, minimal.description, minimal.budget) == (None, None, None)
    assert (minimal.goals, minimal.quarters, minimal.partners, minimal.milestones) == ([], ["alle"], [], [])


def test_quoted_dates_read_like_unquoted_ones(make_data: Callable[..., Path]) -> None:
    data = make_data()
    path = data / "measures" / "sb-01.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("start: 2026-09-01", 'start: "2026-09-01"').replace("date: 2026-09-15", "date: '2026-09-15'"),
        "utf-8",
    )

    plan = load_plan(data, data.parent, LANGUAGES)

    minimal = plan.measures_by_id["SB-01"]
    assert (minimal.start, minimal.latest.date) == (When(2026, 9, 1), dt.date(2026, 9, 15))


def test_real_sample_loads() -> None:
    project = read_project(PROJECT)
    languages, default = list(project.languages), project.default_language

    plan = load_plan(PROJECT / "data", PROJECT, languages)

    assert (languages, default) == (SITE_LANGUAGES, "de")
    files = sorted(p.stem.upper() for p in (PROJECT / "data" / "measures").glob("*.yml"))
    assert sorted(m.id for m in plan.measures) == files
    assert all(m.field in plan.fields_by_id for m in plan.measures)


def test_languages_are_those_of_the_site(make_data: Callable[..., Path]) -> None:
    data = make_data()

    with pytest.raises(PlanErrors) as caught:
        load_plan(data, data.parent, ["de", "ar"])

    errors = caught.value.errors
    assert str(errors[0]) == "data/actors.yml:5:5: [0].name.en: „en“ ist keine Sprache dieser Website (erlaubt: de, ar)"
    assert {error.message for error in errors} == {
        "„en“ ist keine Sprache dieser Website (erlaubt: de, ar)",
        "„en“ ist keine übersetzte Sprache dieser Website (erlaubt: ar)",  # data/languages.yml
    }


def test_review_state_comes_from_languages_yml(plan: Plan) -> None:
    assert (plan.reviewed("de"), plan.reviewed("en"), plan.reviewed("ar")) == (True, True, False)
    assert plan.reviewed("fa") is False  # a language without an entry counts as not reviewed


def test_inventory_and_offers_mistakes(make_data: Callable[..., Path]) -> None:
    data = make_data()
    (data / "inventory.yml").write_text(
        "- id: einwohner\n  title: {de: Einwohner}\n  unit: {de: Personen}\n  date: 2025-12-31\n"
        "  source: {de: Melderegister}\n  total: 100\n  values: {nordstadt: 60, suedstad: 40}\n",
        encoding="utf-8",
    )
    (data / "offers.yml").write_text(
        "- id: kurs\n  title: {de: Kurs}\n  provider: volkshochschule\n  quarters: [alle]\n", encoding="utf-8"
    )

    with pytest.raises(PlanErrors) as caught:
        load_plan(data, data.parent, LANGUAGES)

    assert [str(e) for e in caught.value.errors] == [
        "data/inventory.yml:7:11: [0].values: es fehlt ein Wert für „suedstadt“ – jede Kennzahl nennt alle Quartiere",
        "data/inventory.yml:7:27: [0].values.suedstad: Quartier „suedstad“ gibt es nicht (erlaubt: nordstadt, suedstadt) – meinten Sie „suedstadt“?",
        "data/offers.yml:3:13: [0].provider: Akteur „volkshochschule“ gibt es nicht (erlaubt: stabsstelle-integration, gwa-traeger, amt-bildung)",
    ]


def test_participation_themes_name_existing_measures(make_data: Callable[..., Path]) -> None:
    data = make_data()
    (data / "participation.yml").write_text(
        "workshop: {title: {de: Werkstatt}, date: 2025-11-14, question: {de: Warum?}}\n"
        "themes:\n  - id: raeume\n    title: {de: Räume}\n    cards: [{de: … Räume da sind.}]\n    measures: [WQ-09]\n"
        "proposals: {email: integration@musterstadt.example}\n",
        encoding="utf-8",
    )

    with pytest.raises(PlanErrors) as caught:
        load_plan(data, data.parent, LANGUAGES)

    assert [str(e) for e in caught.value.errors] == [
        "data/participation.yml:6:16: themes[0].measures[0]: Maßnahme „WQ-09“ gibt es nicht (erlaubt: SB-01, WQ-01, WQ-02) – meinten Sie „WQ-02“?"
    ]


@pytest.mark.parametrize(
    ("case", "kind", "key"),
    [
        ("missing-required-nested", "missing", ("updates", 1, "note")),
        ("unknown-key", "unknown_key", ("partner",)),
        ("number-where-text", "wrong_type", ("updates", 0, "source")),
        ("unknown-status", "bad_value", ("updates", 0, "status")),
        ("unknown-quarter", "unknown_reference", ("quarters", 1)),
        ("duplicate-actor-id", "duplicate", (3, "id")),
        ("updates-out-of-order", "inconsistent", ("updates", 1, "date")),
        ("yaml-syntax", "syntax", ()),
        ("released-measure-deleted", "release", ()),
    ],
)
def test_errors_carry_their_kind_and_key_path(
    case: str, kind: str, key: tuple[str | int, ...], make_data: Callable[..., Path]
) -> None:
    """Tools such as the spreadsheet import act on kind and key path, never on the German text."""
    errors = errors_of(make_data(case)).errors

    assert [(error.kind, error.key) for error in errors][:1] == [(kind, key)]
