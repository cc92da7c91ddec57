"""Following a measure: where its feed, calendar, status badge and card live, and what each offers.

The files themselves are written after the pages (outputs/feed.py, outputs/calendar.py,
outputs/statuscard.py); the pages link to them through these paths, so both sides agree.
Every path is site-relative and without the language prefix, like `Site.measure_path`.
"""

from __future__ import annotations

from ..plan.model import Event, Measure
from ..plan.plan import Plan

FEED_NAME = "aktualisierungen.xml"
"""The Atom feed beside a measure's, a field's and a neighbourhood's page (and at the language root)."""
CALENDAR_NAME = "termine.ics"
BADGE_NAME = "status.svg"
CARD_NAME = "karte.html"


def measure_feed_path(measure_id: str) -> str:
    return f"massnahmen/{measure_id.lower()}/{FEED_NAME}"


def measure_calendar_path(measure_id: str) -> str:
    return f"massnahmen/{measure_id.lower()}/{CALENDAR_NAME}"


def field_feed_path(field_id: str) -> str:
    return f"handlungskonzept/{field_id}/{FEED_NAME}"


def quarter_feed_path(quarter_id: str) -> str:
    return f"quartiere/{quarter_id}/{FEED_NAME}"


def badge_path(measure_id: str) -> str:
    return f"massnahmen/{measure_id.lower()}/{BADGE_NAME}"


def card_path(measure_id: str) -> str:
    return f"massnahmen/{measure_id.lower()}/{CARD_NAME}"


def related_events(plan: Plan, measure: Measure) -> list[Event]:
    """The events of data/events.yml that name the measure, in their order."""
    return [event for event in plan.events if measure.id in event.measures]


def has_calendar(plan: Plan, measure: Measure) -> bool:
    """Whether the measure has anything for a calendar: a due date, milestones or related events.

    An iCalendar file must hold at least one component (RFC 5545), so a measure without any
    of them gets no file and no link.
    """
    return measure.due is not None or bool(measure.milestones) or bool(related_events(plan, measure))


def quarter_measures(plan: Plan, quarter_id: str) -> list[Measure]:
    """The measures of one neighbourhood's feed: those naming it (not the citywide ones, which every feed would repeat)."""
    return [measure for measure in plan.measures if quarter_id in measure.quarters]
