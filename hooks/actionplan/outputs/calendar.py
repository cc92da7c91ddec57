"""iCalendar files (RFC 5545) for events, one per event and language, written by the `icalendar` package.

Times are stored as local time in Europe/Berlin and written in UTC, so no time-zone
definition is needed in the file. DTSTAMP comes from the build's date (SOURCE_DATE_EPOCH) or
the event itself: the same data always gives the same file. Escaping and line folding are the
library's.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ..plan.model import Event
from ..plan.plan import Plan
from ..plan.texts import Localizer

LOCAL = ZoneInfo("Europe/Berlin")
PRODUCT = "-//actionplan//Handlungskonzept//DE"


def calendar_file(
    event: Event, loc: Localizer, uid_domain: str, page_url: str | None = None, *, epoch: int | None = None
) -> str:
    """The .ics text of one event in the localizer's language, lines ending in CRLF."""
    description = [loc.pick(event.description).text] if event.description else []
    if event.interpretation:
        description.append(f"{loc.plain('event.interpretation')}: {loc.language_names(event.interpretation)}")
    description.append(f"{loc.plain('event.accessibility')}: {loc.pick(event.accessibility).text}")
    entry = CalendarEvent()
    entry.add("uid", f"{event.id}@{uid_domain}")
    entry.add("dtstamp", _utc(_stamp(event, epoch)))
    entry.add("dtstart", _utc(event.start))
    entry.add("dtend", _utc(event.end))
    entry.add("summary", loc.pick(event.title).text)
    entry.add("description", "\n".join(description))
    entry.add("location", f"{event.place.name}, {event.place.address}")
    if page_url:
        entry.add("url", page_url)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(entry)
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _stamp(event: Event, epoch: int | None) -> dt.datetime:
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).astimezone(LOCAL).replace(tzinfo=None)
    return event.start


def _utc(local: dt.datetime) -> dt.datetime:
    return local.replace(tzinfo=LOCAL).astimezone(dt.UTC)


def calendar_files(
    plan: Plan,
    prefixes: dict[str, str],
    labels: dict[str, dict[str, str]],
    uid_domain: str,
    *,
    epoch: int | None = None,
) -> dict[str, str]:
    """Every event's calendar file in every language: site-relative path -> content; `epoch` dates them."""
    files = {}
    for lang in plan.languages:
        loc = Localizer(lang, labels=labels)
        for event in plan.events:
            files[f"{prefixes[lang]}termine/{event.id}.ics"] = calendar_file(event, loc, uid_domain, epoch=epoch)
    return files
