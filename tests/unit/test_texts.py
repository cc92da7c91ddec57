"""Choosing texts by language with a marked German fallback, writing direction, number and date formats."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path
from typing import Any

import pytest

from actionplan.outputs.streetindex import SCRIPT_LABELS
from actionplan.plan.model import STATUSES, When
from actionplan.plan.texts import Localizer, Picked, direction, label_keys, load_labels

from .helpers import PROJECT, SITE_LANGUAGES, TEMPLATES


@pytest.mark.parametrize(
    ("lang", "expected"), [("de", "ltr"), ("en", "ltr"), ("tr", "ltr"), ("ar", "rtl"), ("fa", "rtl"), ("he", "rtl")]
)
def test_direction(lang: str, expected: str) -> None:
    assert direction(lang) == expected
    assert Localizer(lang).dir == expected


def test_pick_the_readers_language() -> None:
    loc = Localizer("en")

    assert loc.pick({"de": "Stadtteil", "en": "Neighbourhood"}) == Picked("Neighbourhood", "en", False)
    assert loc.fallback_used is False


def test_pick_falls_back_to_german_and_remembers_it() -> None:
    loc = Localizer("ar")

    picked = loc.pick({"de": "Stadtteil", "en": "Neighbourhood"})

    assert picked == Picked("Stadtteil", "de", True)
    assert picked.dir == "ltr"  # German inside an Arabic page runs left to right
    assert loc.fallback_used is True
    assert loc.pick({"de": "x", "ar": "س"}) == Picked("س", "ar", False)
    assert loc.fallback_used is True  # stays set for the whole page


def test_pick_nothing() -> None:
    loc = Localizer("en")

    assert loc.pick(None) == Picked("", "en", False)
    assert loc.pick({}) == Picked("", "en", False)
    assert loc.fallback_used is False


def test_german_never_falls_back() -> None:
    loc = Localizer("de")

    assert loc.pick({"de": "Stadtteil"}) == Picked("Stadtteil", "de", False)
    assert loc.fallback_used is False


def test_labels_in_each_language_and_with_placeholders() -> None:
    assert Localizer("de").label("status.laufend") == Picked("in Umsetzung", "de", False)
    assert Localizer("en").label("status.laufend") == Picked("in progress", "en", False)
    assert Localizer("ar").label("status.laufend") == Picked("قيد التنفيذ", "ar", False)
    assert Localizer("en").plain("milestone.caption", id="WQ-01") == "Milestones of measure WQ-01"
    assert Localizer("de").plain("measure.period_value", start="März 2026", due="Mai 2027") == "März 2026 bis Mai 2027"


def test_label_of_a_language_without_labels_falls_back_to_german() -> None:
    loc = Localizer("it")

    assert loc.label("status.laufend") == Picked("in Umsetzung", "de", True)
    assert loc.fallback_used is True


def test_every_label_has_the_site_languages_and_the_same_placeholders() -> None:
    for key, texts in load_labels().items():
        assert set(texts) == set(SITE_LANGUAGES), key
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in texts.items()}
        assert all(found == fields["de"] for found in fields.values()), key


def test_every_label_the_templates_use_exists() -> None:
    used: set[str] = set()
    sources = [*TEMPLATES.rglob("*.html"), *(PROJECT / "hooks" / "actionplan").rglob("*.py")]
    for source in sources:  # templates (also the PDF's) and the core (feed, calendar, PDF) use labels
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\b(?:l|loc\.plain|loc\.label|\.plain)\(\s*["']([a-z0-9_.]+[a-z0-9_])["']""", text))
    used |= {f"changes.{kind}" for kind in ("added", "removed", "merged")}  # l("changes." ~ key)
    used |= {f"status.{status}" for status in STATUSES}  # l("status." ~ status)
    used |= {"format.percent", "format.money"}  # used by Localizer itself
    used |= {"search.title"}  # the search page's title, set by PlanBuild.page_title
    used |= {"declaration.state.beschlossen", "declaration.state.entwurf"}  # l("declaration.state." ~ d.state)
    used |= {"event.dgs"}  # Localizer.language_name("dgs")
    used |= {"footer.imprint", "footer.privacy", "footer.accessibility", "footer.label", "footer.easy", "footer.sign"}
    used |= {"follow.title", "follow.field_title", "follow.quarter_title"}  # follow_links(heading, …) in follow.html
    used |= {"follow.feed_link", "follow.field_feed", "follow.quarter_feed"}  # follow_links(…, feed_label)
    used |= {"page.edit"}  # the "edit this page" link, overrides/partials/edit-link.html via the hooks
    used |= {  # theme templates (main.html, 404.html, partials/languages-offer.html) and themefix via the hooks
        f"layout.{key}"
        for key in (
            "languages_offer",
            "languages_label",
            "not_found_title",
            "not_found_home",
            "scroll_hint",
            "scroll_table",
            "search_toggle",
            "version_adopted",
            "version_draft",
        )
    }
    used |= {  # l("opendata.file." ~ d.kind) on the /daten/ page
        f"opendata.file.{kind}"
        for kind in ("json", "schema", "measures", "updates", "indicators", "excel", "xlsx", "datapackage", "dcat")
    }
    used |= {"opendata.title", "opendata.description", "opendata.keywords"}  # metadata of the files (opendata.py)
    used |= {
        f"a11y.status.{status}" for status in ("vollständig", "teilweise", "nicht")
    }  # l("a11y.status." ~ s.status)
    used |= set(SCRIPT_LABELS)  # streets.js, from strassen.json (outputs/streetindex.py)
    used |= {f"textchanges.paragraph.{op}" for op in ("replace", "insert", "delete")}  # l(… ~ para.op)
    used |= {f"textchanges.{name}" for name in ("title", "summary", "description", "targets")}  # site/textchanges.py

    used |= set(SCRIPT_LABELS)  # the sentences of the street lookup's script, written into strassen.json

    assert len(used) > 60
    assert used <= set(label_keys())
    assert set(label_keys()) - used == set()  # no label is left unused


@pytest.mark.parametrize(
    ("lang", "number", "small", "percent"),
    [
        ("de", "1.234.567,5", "0,25", "38 %"),
        ("en", "1,234,567.5", "0.25", "38%"),
        ("ar", "1,234,567.5", "0.25", "38٪"),
    ],
)
def test_numbers(lang: str, number: str, small: str, percent: str) -> None:
    loc = Localizer(lang)

    assert loc.number(1234567.5) == number
    assert loc.number(0.25) == small
    assert loc.percent(37.5) == percent
    assert loc.percent(99.6) == percent.replace("38", "100")


def test_percent_rounds_half_up() -> None:
    # 1 of 8 measures is 12.5 %: shown as 13 %, as 3 of 8 (37.5 %) is shown as 38 % – not to the even number.
    loc = Localizer("de")

    assert [loc.percent(value) for value in (0.5, 12.5, 37.5, 62.5)] == ["1 %", "13 %", "38 %", "63 %"]


@pytest.mark.parametrize(
    ("lang", "day", "month", "day_when", "money"),
    [
        ("de", "1. März 2026", "März 2026", "9. Dezember 2027", "410.000 EUR"),
        ("en", "March 1, 2026", "March 2026", "December 9, 2027", "EUR 410,000"),
        ("ar", "1 مارس 2026", "مارس 2026", "9 ديسمبر 2027", "410,000 EUR"),
    ],
)
def test_dates_and_money(lang: str, day: str, month: str, day_when: str, money: str) -> None:
    loc = Localizer(lang)

    assert loc.date(dt.date(2026, 3, 1)) == day
    assert loc.when(When(2026, 3)) == month
    assert loc.when(When(2027, 12, 9)) == day_when
    assert loc.money(410000, "EUR") == money


def test_labels_yml_is_read_once_per_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Checking, the open data (with the editors' workbook) and the translation summary share one reading."""
    import yaml

    from actionplan.build import prepare_build
    from actionplan.editing.translations import translation_report
    from actionplan.project import read_project

    readings = []
    load = yaml.load

    def counting(stream: Any, Loader: Any) -> Any:
        readings.append(getattr(stream, "name", ""))
        return load(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load", counting)
    project = read_project(PROJECT)
    build = prepare_build(project, lang="de", site_url="https://integration.musterstadt.example/")
    translation_report(build.plan, project.docs_dir, build.renderer.labels)
    for lang in project.languages[1:]:
        build.for_language(lang)

    assert readings[0] == ""  # read_project: mkdocs.yml, once, as text
    assert [Path(name).name for name in readings[1:]] == ["labels.yml"]


@pytest.mark.parametrize(("lang", "joined"), [("de", "Arabisch, Türkisch"), ("ar", "العربية، التركية")])
def test_lists_are_joined_with_the_languages_comma(lang: str, joined: str) -> None:
    assert Localizer(lang).language_names(["ar", "tr"]) == joined
