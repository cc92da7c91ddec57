"""iCalendar files (RFC 5545) for events, one per event and language, and one per measure to subscribe to,
written by the `icalendar` package.

A measure's calendar (`measure_calendar`) holds its milestones and due date as all-day entries
and the events that name it; it says its name (X-WR-CALNAME, NAME), METHOD:PUBLISH and how
often to look again, so calendar apps can subscribe to it. UIDs never change with the language,
the build or a new date: a milestone's comes from its German title, an event's is its own.

Times are stored as local time in Europe/Berlin and written in UTC, so no time-zone
definition is needed in the file. DTSTAMP comes from the build's date (SOURCE_DATE_EPOCH) or
the event itself: the same data always gives the same file. Escaping and line folding are the
library's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ..plan.model import Event, Measure, Milestone
from ..plan.plan import Plan
from ..plan.texts import Localizer
from ..site.follow import has_calendar, measure_calendar_path, related_events

LOCAL = ZoneInfo("Europe/Berlin")
PRODUCT = "-//actionplan//Handlungskonzept//DE"


def calendar_file(
    event: Event, loc: Localizer, uid_domain: str, page_url: str | None = None, *, epoch: int | None = None
) -> str:
    """The .ics text of one event in the localizer's language, lines ending in CRLF."""
    calendar = _calendar()
    calendar.add_component(_event(event, loc, uid_domain, page_url, epoch=epoch))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _event(
    event: Event, loc: Localizer, uid_domain: str, page_url: str | None = None, *, epoch: int | None = None
) -> CalendarEvent:
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
    return entry


REFRESH = dt.timedelta(hours=12)
"""How often a subscribed calendar app should look for changes."""


def measure_calendar(
    plan: Plan, measure: Measure, loc: Localizer, uid_domain: str, calendar_url: str, page_url: str, *, epoch: int
) -> str:
    """The calendar of one measure to subscribe to: milestones, due date, related events (CRLF lines)."""
    calendar = _calendar()
    name = loc.plain("follow.calendar_name", id=measure.id, title=loc.pick(measure.title).text)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    description = loc.plain("follow.calendar_description", id=measure.id)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("url", page_url)
    calendar.add("source", calendar_url, parameters={"VALUE": "URI"})
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    stamp = dt.datetime.fromtimestamp(epoch, dt.UTC)
    title = loc.pick(measure.title).text
    for milestone in measure.milestones:
        calendar.add_component(_milestone(measure, milestone, loc, uid_domain, page_url, stamp, title))
    if measure.due is not None:
        entry = _all_day(
            f"{measure.slug}-ende@{uid_domain}",
            measure.due.last_day,
            loc.plain("follow.due_summary", id=measure.id, title=title),
            loc.plain("follow.due_description", due=loc.when(measure.due)),
            page_url,
            stamp,
        )
        calendar.add_component(entry)
    for event in related_events(plan, measure):
        calendar.add_component(_event(event, loc, uid_domain, page_url, epoch=epoch))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def milestone_uid(measure: Measure, milestone: Milestone, uid_domain: str) -> str:
    """Stable over languages and new due dates: the measure and a digest of the German title."""
    digest = hashlib.sha256(milestone.title["de"].encode("utf-8")).hexdigest()[:12]
    return f"{measure.slug}-meilenstein-{digest}@{uid_domain}"


def _milestone(
    measure: Measure,
    milestone: Milestone,
    loc: Localizer,
    uid_domain: str,
    page_url: str,
    stamp: dt.datetime,
    title: str,
) -> CalendarEvent:
    """A milestone on the day it was reached, else on its due day (the month's last for a month)."""
    name = loc.pick(milestone.title).text
    if milestone.done is not None:
        day = milestone.done
        state = loc.plain("follow.milestone_reached", date=loc.date(milestone.done), due=loc.when(milestone.due))
    else:
        day = milestone.due.last_day
        state = loc.plain("follow.milestone_due", due=loc.when(milestone.due))
    summary = loc.plain("follow.milestone_event", id=measure.id, title=name)
    return _all_day(
        milestone_uid(measure, milestone, uid_domain), day, summary, f"{state}\n{measure.id}: {title}", page_url, stamp
    )


def _all_day(uid: str, day: dt.date, summary: str, description: str, url: str, stamp: dt.datetime) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", uid)
    entry.add("dtstamp", stamp)
    entry.add("dtstart", day)
    entry.add("dtend", day + dt.timedelta(days=1))
    entry.add("summary", summary)
    entry.add("description", description)
    entry.add("transp", "TRANSPARENT")  # a deadline, not a busy time
    entry.add("url", url)
    return entry


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
    """Every event's calendar file in every language of `prefixes`: site-relative path -> content; `epoch` dates them."""
    files = {}
    for lang in [lang for lang in plan.languages if lang in prefixes]:  # the languages built
        loc = Localizer(lang, labels=labels)
        for event in plan.events:
            files[f"{prefixes[lang]}termine/{event.id}.ics"] = calendar_file(event, loc, uid_domain, epoch=epoch)
    return files


def measure_calendars(
    plan: Plan,
    prefixes: dict[str, str],
    labels: dict[str, dict[str, str]],
    site_url: str,
    *,
    epoch: int,
    removed: Sequence[Measure] = (),
) -> dict[str, str]:
    """Every measure's calendar in every language of `prefixes` (for measures with anything to show): path -> content.

    `removed`: measures that left the plan, in their last released state, whose calendars stay.
    """
    uid_domain = urlsplit(site_url).hostname or "localhost"
    files = {}
    for lang in [lang for lang in plan.languages if lang in prefixes]:  # the languages built
        loc = Localizer(lang, labels=labels)
        base = urljoin(site_url, prefixes[lang])
        for measure in [*plan.measures, *removed]:
            if has_calendar(plan, measure):
                path = measure_calendar_path(measure.id)
                page = urljoin(base, f"massnahmen/{measure.slug}/")
                files[prefixes[lang] + path] = measure_calendar(
                    plan, measure, loc, uid_domain, urljoin(base, path), page, epoch=epoch
                )
    return files
