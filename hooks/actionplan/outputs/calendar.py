"""iCalendar files (RFC 5545) for events, one per event and language.

Times are stored as local time in Europe/Berlin and written in UTC, so no time-zone
definition is needed in the file. DTSTAMP comes from the build's date (SOURCE_DATE_EPOCH) or
the event itself: the same data always gives the same file.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ..plan.model import Event
from ..plan.plan import Plan
from ..plan.texts import Localizer

LOCAL = ZoneInfo("Europe/Berlin")


def calendar_file(
    event: Event, loc: Localizer, uid_domain: str, page_url: str | None = None, *, epoch: int | None = None
) -> str:
    """The .ics text of one event in the localizer's language, lines ending in CRLF."""
    description = [loc.pick(event.description).text] if event.description else []
    if event.interpretation:
        description.append(f"{loc.plain('event.interpretation')}: {loc.language_names(event.interpretation)}")
    description.append(f"{loc.plain('event.accessibility')}: {loc.pick(event.accessibility).text}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//actionplan//Handlungskonzept//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event.id}@{uid_domain}",
        f"DTSTAMP:{_utc(_stamp(event, epoch))}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"SUMMARY:{_escape(loc.pick(event.title).text)}",
        f"DESCRIPTION:{_escape(chr(10).join(description))}",
        f"LOCATION:{_escape(event.place.name + ', ' + event.place.address)}",
        *([f"URL:{page_url}"] if page_url else []),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _stamp(event: Event, epoch: int | None) -> dt.datetime:
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).astimezone(LOCAL).replace(tzinfo=None)
    return event.start


def _utc(local: dt.datetime) -> str:
    return local.replace(tzinfo=LOCAL).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and newline escaped (RFC 5545, 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space (3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with a space
    return "\r\n ".join(parts)


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
