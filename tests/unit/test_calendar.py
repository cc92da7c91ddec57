"""Calendar files (RFC 5545): UTC times, escaping, folding, CRLF, one per event and language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.outputs.calendar import calendar_file, calendar_files
from actionplan.plan.errors import PlanErrors
from actionplan.plan.loading import load_plan
from actionplan.plan.texts import Localizer

from .helpers import LANGUAGES

EVENTS = """- id: auftakt
  kind: auftakt
  title: {de: "Auftakt; mit Komma, und Backslash \\\\", en: Kickoff}
  start: 2026-03-21 14:00
  end: 2026-03-21 18:00
  place: {name: Stadthalle, address: "Am Markt 1, 12345 Musterstadt", quarter: nordstadt}
  interpretation: [ar, dgs]
  accessibility: {de: Stufenloser Zugang}
- id: sommerfest
  kind: fest
  title: {de: Sommerfest}
  start: 2026-07-04 15:00
  end: 2026-07-04 19:30
  place: {name: Park, address: Parkweg 2}
  accessibility: {de: Wege ohne Stufen}
"""


def plan_with_events(make_data: Callable[..., Path], events: str = EVENTS):  # type: ignore[no-untyped-def]
    data = make_data()
    (data / "events.yml").write_text(events, encoding="utf-8")
    return load_plan(data, data.parent, LANGUAGES)


def test_calendar_file_in_german(make_data: Callable[..., Path]) -> None:
    plan = plan_with_events(make_data)

    text = calendar_file(plan.events[0], Localizer("de"), "integration.musterstadt.example")

    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    lines = text.split("\r\n")
    assert "UID:auftakt@integration.musterstadt.example" in lines
    assert "DTSTART:20260321T130000Z" in lines  # 14:00 in Berlin in winter time
    assert "DTEND:20260321T170000Z" in lines
    assert "DTSTAMP:20260321T130000Z" in lines  # no clock: the event's own time
    assert "SUMMARY:Auftakt\\; mit Komma\\, und Backslash \\\\" in lines
    assert "LOCATION:Stadthalle\\, Am Markt 1\\, 12345 Musterstadt" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert (
        "DESCRIPTION:Verdolmetscht in: Arabisch\\, Deutsche Gebärdensprache\\nBarrierefreiheit: Stufenloser Zugang"
        in unfolded
    )


def test_summer_time_and_source_date_epoch(make_data: Callable[..., Path]) -> None:
    plan = plan_with_events(make_data)

    lines = calendar_file(plan.events[1], Localizer("en"), "example.org", epoch=1767225600).split(
        "\r\n"
    )  # 2026-01-01 00:00 UTC

    assert "DTSTART:20260704T130000Z" in lines  # 15:00 in Berlin in summer time
    assert "DTSTAMP:20260101T000000Z" in lines
    assert "SUMMARY:Sommerfest" in lines  # German stands in for the missing English title


def test_long_lines_fold_between_characters(make_data: Callable[..., Path]) -> None:
    plan = plan_with_events(make_data, EVENTS.replace("{de: Sommerfest}", "{de: " + "Ä" * 60 + "}"))

    text = calendar_file(plan.events[1], Localizer("de"), "example.org")

    summary = next(i for i, line in enumerate(text.split("\r\n")) if line.startswith("SUMMARY:"))
    folded = text.split("\r\n")[summary : summary + 3]
    assert [len(line.encode()) <= 75 for line in folded] == [True, True, True]
    assert "".join([folded[0], *(part[1:] for part in folded[1:] if part.startswith(" "))]) == "SUMMARY:" + "Ä" * 60


def test_one_file_per_event_and_language(make_data: Callable[..., Path]) -> None:
    plan = plan_with_events(make_data)

    files = calendar_files(plan, {"de": "", "en": "en/", "ar": "ar/"}, Localizer("de").labels, "example.org")

    assert sorted(files) == [
        "ar/termine/auftakt.ics",
        "ar/termine/sommerfest.ics",
        "en/termine/auftakt.ics",
        "en/termine/sommerfest.ics",
        "termine/auftakt.ics",
        "termine/sommerfest.ics",
    ]
    assert "SUMMARY:Kickoff\r\n" in files["en/termine/auftakt.ics"]


@pytest.mark.parametrize(
    ("wrong", "right", "message"),
    [
        (
            "end: 2026-03-21 18:00",
            "end: 2026-03-21 12:00",
            "data/events.yml:5:8: [0].end: das Ende 2026-03-21 12:00 liegt nicht nach dem Beginn 2026-03-21 14:00",
        ),
        (
            "start: 2026-03-21 14:00",
            "start: 2026-03-21 25:00",
            "data/events.yml:4:10: [0].start: „2026-03-21 25:00“ ist kein gültiger Zeitpunkt – diesen Tag oder diese Uhrzeit gibt es nicht",
        ),
        (
            "start: 2026-03-21 14:00",
            "start: 21.03.2026",
            "data/events.yml:4:10: [0].start: „21.03.2026“ ist kein gültiger Zeitpunkt (erlaubt: JJJJ-MM-TT HH:MM in Ortszeit, z. B. 2026-03-21 14:00)",
        ),
        (
            "quarter: nordstadt",
            "quarter: nordstad",
            "data/events.yml:6:80: [0].place.quarter: Quartier „nordstad“ gibt es nicht (erlaubt: nordstadt, suedstadt) – meinten Sie „nordstadt“?",
        ),
    ],
)
def test_event_mistakes(make_data: Callable[..., Path], wrong: str, right: str, message: str) -> None:
    with pytest.raises(PlanErrors) as caught:
        plan_with_events(make_data, EVENTS.replace(wrong, right))

    assert [str(e) for e in caught.value.errors] == [message]


def test_calendar_programs_read_the_file_back(make_data: Callable[..., Path]) -> None:
    """The `icalendar` package parses what we publish as a calendar program would: every value survives."""
    import datetime as dt

    from icalendar import Calendar

    plan = plan_with_events(make_data)
    text = calendar_file(plan.events[0], Localizer("de"), "example.org", "https://example.org/auftakt/")

    events = Calendar.from_ical(text).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Auftakt; mit Komma, und Backslash \\"
    assert event.decoded("dtstart") == dt.datetime(2026, 3, 21, 13, 0, tzinfo=dt.UTC)
    assert event.decoded("dtend") == dt.datetime(2026, 3, 21, 17, 0, tzinfo=dt.UTC)
    assert str(event["description"]) == (
        "Verdolmetscht in: Arabisch, Deutsche Gebärdensprache\nBarrierefreiheit: Stufenloser Zugang"
    )
    assert str(event["location"]) == "Stadthalle, Am Markt 1, 12345 Musterstadt"
    assert str(event["uid"]) == "auftakt@example.org"
    assert str(event["url"]) == "https://example.org/auftakt/"
