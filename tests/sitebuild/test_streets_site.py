"""The built street lookup data, A–Z list and map: in every language, every link leading somewhere."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest

from actionplan.plan.loading import load_plan
from actionplan.plan.streets import street_key
from tests.conftest import LANGUAGES, PREFIX, PROJECT
from tests.sitebuild.htmlscan import parse

pytestmark = pytest.mark.site

PLAN = load_plan(PROJECT / "data", PROJECT, LANGUAGES)


def target(site: Path, base: str, href: str) -> Path:
    """The file a relative link of a page in `base` (a site directory) leads to."""
    path = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
    return site / path / "index.html" if not path.endswith(".json") else site / path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lookup_data_has_every_street_and_quarter_in_each_language(sample_site: Path, lang: str) -> None:
    data = json.loads((sample_site / PREFIX[lang] / "strassen.json").read_text(encoding="utf-8"))

    assert data["lang"] == lang
    assert [(s["name"], s["key"]) for s in data["streets"]] == [(s.name, street_key(s.name)) for s in PLAN.streets]
    assert set(data["quarters"]) == set(PLAN.quarters_by_id)
    bridge = next(s for s in data["streets"] if s["name"] == "Brückenstraße")
    assert bridge["sections"] == [
        {"first": 1, "last": 28, "side": None, "quarter": "altstadt"},
        {"first": 29, "last": None, "side": None, "quarter": "suedstadt"},
    ]
    root = PREFIX[lang].rstrip("/")
    for quarter in data["quarters"].values():
        assert target(sample_site, root, quarter["url"]).is_file(), quarter["url"]
        for place in quarter["places"]:
            assert target(sample_site, root, place["url"]).is_file(), place["url"]
    # labels in the reader's language: German only stands in where a translation is missing
    assert {lang_of for _, lang_of in data["labels"].values()} == {lang}
    nordstadt = data["quarters"]["nordstadt"]["contact"]
    assert nordstadt["hours"][1] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_a_to_z_list_names_every_street_with_links_to_its_quarters(sample_site: Path, lang: str) -> None:
    page = sample_site / PREFIX[lang] / "strassen" / "index.html"
    doc = parse(page)

    for street in PLAN.streets:
        assert street.name in doc.text
    base = f"{PREFIX[lang]}strassen"
    links = [a.attrs["href"] for a in doc.find_all("a") if "quartiere/" in a.attrs.get("href", "")]
    assert {target(sample_site, base, href).parent.name for href in links} >= set(PLAN.quarters_by_id)
    letters = [a.attrs["href"] for a in doc.find_all("a") if a.attrs.get("href", "").startswith("#")]
    assert letters[:3] == ["#a", "#b", "#d"]
    if lang != "de":  # the German names are marked as German
        assert len(doc.find_all("span", lang="de", dir="ltr")) >= len(PLAN.streets)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lookup_form_works_without_script_and_loads_its_own_data(sample_site: Path, lang: str) -> None:
    for page, base in (("quartiere/index.html", "quartiere"), ("index.html", "")):
        doc = parse(sample_site / PREFIX[lang] / page)
        form = doc.first("form", class_="plan-lookup")
        where = posixpath.join(PREFIX[lang], base) if base else PREFIX[lang].rstrip("/")
        assert (
            target(sample_site, where, form.attrs["action"]) == sample_site / PREFIX[lang] / "strassen" / "index.html"
        )
        assert target(sample_site, where, form.attrs["data-plan-streets"]).is_file()
        script = [s.attrs["src"] for s in doc.find_all("script") if s.attrs.get("src", "").endswith("streets.js")]
        assert len(script) == 1
        assert (sample_site / posixpath.normpath(posixpath.join(where, script[0]))).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_map_links_every_quarter_with_its_name(sample_site: Path, lang: str) -> None:
    doc = parse(sample_site / PREFIX[lang] / "quartiere" / "index.html")

    hrefs = [a.attrs["href"] for a in doc.find_all("a") if "plan-map__area" in a.attrs.get("class", "")]
    assert sorted(hrefs) == sorted(f"{q}/" for q in PLAN.quarters_by_id)
    for quarter in PLAN.quarters:
        assert quarter.name.get(lang, quarter.name["de"]) in doc.text
    assert len(doc.find_all("circle")) == sum(1 for p in PLAN.places if p.location) + 1  # and the key's dot
