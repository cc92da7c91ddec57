"""Following a measure: its Atom feed, its calendar, the field's and neighbourhood's feeds, badge and card."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from actionplan.outputs.calendar import measure_calendars
from actionplan.outputs.follow import follow_files
from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan
from actionplan.plan.releases import removed_pages
from actionplan.plan.texts import Localizer, load_labels
from actionplan.site.render import make_environment
from actionplan.site.statuscard import badge_layout, text_width

from .helpers import PROJECT, SITE_LANGUAGES, TEMPLATES

ENV = make_environment(TEMPLATES)
SITE = "https://integration.musterstadt.example/"
PREFIXES = {lang: "" if lang == "de" else f"{lang}/" for lang in SITE_LANGUAGES}
EPOCH = 1767225600  # 2026-01-01 00:00 UTC


@pytest.fixture(scope="module")
def sample() -> Plan:
    """The real sample plan in all seven languages."""
    return load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)


@pytest.fixture(scope="module")
def files(sample: Plan) -> dict[str, str]:
    names = {lang: f"Integration ({lang})" for lang in SITE_LANGUAGES}
    return follow_files(sample, PREFIXES, load_labels(), SITE, names, env=ENV, epoch=EPOCH)


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_every_measure_feed_parses_in_every_language(sample: Plan, files: dict[str, str], lang: str) -> None:
    for measure in sample.measures:
        path = f"{PREFIXES[lang]}massnahmen/{measure.slug}/aktualisierungen.xml"
        feed = feedparser.parse(files[path])

        assert (feed.bozo, feed.version) == (False, "atom10"), path
        assert feed.feed.language == lang
        assert feed.feed.link == f"{SITE}{PREFIXES[lang]}massnahmen/{measure.slug}/"
        reached = [m for m in measure.milestones if m.done is not None]
        assert len(feed.entries) == len(measure.updates) + len(reached)
        updated = [entry.updated for entry in feed.entries]
        assert updated == sorted(updated, reverse=True)
        assert all(entry.link.startswith(feed.feed.link) for entry in feed.entries)


def test_a_measure_feed_has_its_updates_and_milestones_reached(files: dict[str, str]) -> None:
    feed = feedparser.parse(files["en/massnahmen/wq-03/aktualisierungen.xml"])

    assert feed.feed.title == "WQ-03: Community rooms in new buildings – status reports (Integration (en))"
    assert [(entry.title, entry.updated[:10]) for entry in feed.entries] == [
        ("WQ-03: Community rooms in new buildings – in progress", "2026-09-01"),
        ("WQ-03: milestone reached – Room concept agreed with residents", "2026-08-20"),
        ("WQ-03: Community rooms in new buildings – in progress", "2026-04-10"),
        ("WQ-03: Community rooms in new buildings – planned", "2026-02-26"),
    ]
    milestone = feed.entries[1]
    assert milestone.summary == (
        "Milestone “Room concept agreed with residents” reached on August 20, 2026 (planned by September 2026)."
    )
    assert milestone.link == f"{SITE}en/massnahmen/wq-03/#meilensteine"
    assert re.fullmatch(
        r"tag:integration\.musterstadt\.example,2026-08-20:WQ-03/meilenstein/[0-9a-f]{12}", milestone.id
    )


def test_the_same_entry_has_the_same_id_in_every_feed_and_language(files: dict[str, str]) -> None:
    def ids(path: str) -> set[str]:
        return {entry.id for entry in feedparser.parse(files[path]).entries}

    measure = ids("massnahmen/wq-03/aktualisierungen.xml")
    assert measure == ids("ar/massnahmen/wq-03/aktualisierungen.xml")
    assert measure <= ids("handlungskonzept/wohnen-quartier/aktualisierungen.xml")
    assert measure <= ids("uk/quartiere/nordstadt/aktualisierungen.xml")


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_field_and_neighbourhood_feeds_parse(sample: Plan, files: dict[str, str], lang: str) -> None:
    for action_field in sample.fields:
        feed = feedparser.parse(files[f"{PREFIXES[lang]}handlungskonzept/{action_field.id}/aktualisierungen.xml"])
        assert (feed.bozo, feed.version) == (False, "atom10")
        measures = sample.measures_of(action_field.id)
        expected = sum(len(m.updates) + len([s for s in m.milestones if s.done]) for m in measures)
        assert len(feed.entries) == expected
    for quarter in sample.quarters:
        feed = feedparser.parse(files[f"{PREFIXES[lang]}quartiere/{quarter.id}/aktualisierungen.xml"])
        assert (feed.bozo, feed.version) == (False, "atom10")
        names = {entry.title.split(":")[0] for entry in feed.entries}
        assert names == {m.id for m in sample.measures if quarter.id in m.quarters}  # not the citywide ones


def test_no_feed_or_calendar_holds_an_email_address(sample: Plan, files: dict[str, str]) -> None:
    assert sample.site is not None
    assert sample.site.operator.email
    address = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
    for path, text in files.items():
        without_uids = re.sub(r"^UID:.*$", "", text.replace("\r\n ", ""), flags=re.MULTILINE)
        assert address.findall(without_uids) == [], path
        assert "mailto:" not in text, path
        assert "ORGANIZER" not in text, path
    author = ET.fromstring(files["massnahmen/wq-03/aktualisierungen.xml"]).find("{http://www.w3.org/2005/Atom}author")
    assert author is not None
    assert [child.tag.split("}")[1] for child in author] == ["name"]


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_measure_calendars_parse_and_can_be_subscribed_to(sample: Plan, files: dict[str, str], lang: str) -> None:
    calendars = {path: text for path, text in files.items() if path.endswith("termine.ics")}
    released = [*sample.measures, *(page.measure for page in removed_pages(sample))]  # removed ones keep theirs
    assert len([path for path in calendars if path.startswith(PREFIXES[lang] + "massnahmen/")]) == len(
        [m for m in released if m.due or m.milestones or any(m.id in e.measures for e in sample.events)]
    )
    text = files[f"{PREFIXES[lang]}massnahmen/wq-03/termine.ics"]
    calendar = Calendar.from_ical(text)

    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar["x-wr-calname"]).startswith("WQ-03: ")
    assert str(calendar["x-wr-calname"]) == str(calendar["name"])
    assert str(calendar["source"]) == f"{SITE}{PREFIXES[lang]}massnahmen/wq-03/termine.ics"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in text
    entries = calendar.walk("VEVENT")
    assert [entry.decoded("dtstart") for entry in entries] == [
        dt.date(2026, 8, 20),  # reached on that day
        dt.date(2027, 3, 31),  # open, due in March 2027: its last day
        dt.date(2027, 12, 31),  # the measure's due date
    ]
    assert all(entry.decoded("dtstamp") == dt.datetime(2026, 1, 1, tzinfo=dt.UTC) for entry in entries)
    assert all(str(entry["url"]) == f"{SITE}{PREFIXES[lang]}massnahmen/wq-03/" for entry in entries)


def test_calendar_uids_stay_over_languages_and_new_dates(sample: Plan, tmp_path: Path) -> None:
    def uids(plan: Plan, path: str) -> list[str]:
        calendars = measure_calendars(plan, PREFIXES, load_labels(), SITE, epoch=EPOCH)
        return [str(entry["uid"]) for entry in Calendar.from_ical(calendars[path]).walk("VEVENT")]

    german = uids(sample, "massnahmen/wq-03/termine.ics")
    assert german == uids(sample, "fa/massnahmen/wq-03/termine.ics")
    assert len(set(german)) == 3
    assert german[2] == "wq-03-ende@integration.musterstadt.example"

    data = tmp_path / "data"

    shutil.copytree(PROJECT / "data", data)
    measure = data / "measures" / "wq-03.yml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("due: 2027-03", "due: 2027-06"), encoding="utf-8")
    moved = load_plan(data, tmp_path, SITE_LANGUAGES)
    assert uids(moved, "massnahmen/wq-03/termine.ics") == german  # a delayed milestone keeps its UID


def test_a_measure_calendar_has_its_related_events(files: dict[str, str]) -> None:
    calendar = Calendar.from_ical(files["en/massnahmen/td-01/termine.ics"])

    entries = calendar.walk("VEVENT")
    assert [str(entry["uid"]) for entry in entries][-2:] == [
        "td-01-ende@integration.musterstadt.example",
        "forum-nordstadt-2026-12@integration.musterstadt.example",  # the event's own UID, as in termine/
    ]
    assert str(entries[-1]["summary"]) == "Nordstadt residents' forum"


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_badges_are_svg_with_their_text_in_the_language(sample: Plan, files: dict[str, str], lang: str) -> None:
    loc = Localizer(lang)
    for measure in sample.measures:
        svg = ET.fromstring(files[f"{PREFIXES[lang]}massnahmen/{measure.slug}/status.svg"])
        ns = {"s": "http://www.w3.org/2000/svg"}
        texts = [t.text for t in svg.findall(".//s:text", ns)]
        status, progress = loc.plain(f"status.{measure.status}"), loc.percent(measure.progress)
        assert texts == [measure.id, f"{status} · {progress}"]
        assert svg.findtext("s:title", namespaces=ns) == svg.get("aria-label")
        assert status in (svg.get("aria-label") or "")
        assert progress in (svg.get("aria-label") or "")
        assert svg.get("lang") == lang


def test_a_right_to_left_badge_puts_the_id_on_the_right() -> None:
    plan = load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)
    measure = plan.measures_by_id["WQ-03"]

    german, arabic = badge_layout(measure, Localizer("de")), badge_layout(measure, Localizer("ar"))

    assert (german.id_x, german.text_x) == (0, german.id_width)
    assert (arabic.id_x, arabic.text_x) == (arabic.text_width, 0)
    assert german.text == "in Umsetzung · 40 %"
    assert german.alt == "Maßnahme WQ-03: in Umsetzung, Fortschritt 40 %"
    assert text_width("WWW") > text_width("iii") > 0


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_card_loads_nothing_and_links_to_the_measure(files: dict[str, str], lang: str) -> None:
    card = files[f"{PREFIXES[lang]}massnahmen/wq-03/karte.html"]

    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in card
    assert "default-src 'none'" in card
    assert "<script" not in card
    assert "<img" not in card
    assert '<link rel="stylesheet"' not in card
    assert re.findall(r'(?:src|href)="([^"]*)"', card) == ["./", "./", "./"]  # canonical and two links, relative
    assert 'target="_top"' in card


def test_a_removed_measure_keeps_its_addresses_and_says_it_is_gone(sample: Plan, files: dict[str, str]) -> None:
    """Released addresses never break (a release build checks it): TD-05 left the plan after 2026.1."""
    assert "TD-05" in sample.removed_by_id
    feed = feedparser.parse(files["massnahmen/td-05/aktualisierungen.xml"])
    assert (feed.bozo, feed.version) == (False, "atom10")
    assert feed.entries  # its updates as last released
    svg = ET.fromstring(files["ar/massnahmen/td-05/status.svg"])
    texts = [t.text for t in svg.findall(".//{http://www.w3.org/2000/svg}text")]
    assert texts == ["TD-05", "لم يعد ضمن خطة العمل"]
    card = files["massnahmen/td-05/karte.html"]
    assert '<span class="status">nicht mehr im Handlungskonzept</span>' in card
    assert "Fortschritt" not in card
