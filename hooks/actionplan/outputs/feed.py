"""An Atom feed (RFC 4287) of the measures' status reports, one per language.

Entries are the dated updates, newest first; every date comes from the data, so the same data
always gives the same file. Links are absolute, as feed readers need them. The markup is the
template overrides/plan/feed.xml (autoescaped); this module computes what it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment

from ..plan.plan import Plan
from ..plan.texts import Localizer

FEED_FILE = "aktualisierungen.xml"
FEED_TEMPLATE = "feed.xml"
MAX_ENTRIES = 200


@dataclass(frozen=True)
class FeedEntry:
    """One update of one measure, as the feed shows it."""

    title: str
    id: str
    link: str
    updated: str
    lang: str  # the summary's language: German where it stands in
    summary: str


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(plan: Plan, loc: Localizer, site_url: str, prefix: str, site_name: str, *, env: Environment) -> str:
    """The feed in the localizer's language; `prefix` is the language's path ("" or "en/")."""
    domain = urlsplit(site_url).hostname or "localhost"
    base = urljoin(site_url, prefix)
    updates = sorted(
        ((update, measure) for measure in plan.measures for update in measure.updates),
        key=lambda pair: (pair[0].date, pair[1].id),
        reverse=True,
    )[:MAX_ENTRIES]
    newest = updates[0][0].date if updates else dt.date(2000, 1, 1)
    entries = []
    for update, measure in updates:
        page = urljoin(base, f"massnahmen/{measure.slug}/")
        title = loc.plain(
            "feed.entry",
            id=measure.id,
            title=loc.pick(measure.title).text,
            status=loc.plain(f"status.{update.status}"),
        )
        note = loc.pick(update.note)
        day = update.date.isoformat()
        entries.append(
            FeedEntry(
                title=title,
                id=f"tag:{domain},{day}:{measure.id}/{day}",
                link=page + "#verlauf",
                updated=_stamp(update.date),
                lang="de" if note.fallback else loc.lang,
                summary=note.text,
            )
        )
    return (
        env.get_template(FEED_TEMPLATE).render(
            lang=loc.lang,
            title=loc.plain("feed.title", site=site_name),
            feed_url=urljoin(base, FEED_FILE),
            base=base,
            updated=_stamp(newest),
            author=loc.pick(plan.site.operator.name).text if plan.site is not None else None,
            entries=entries,
        )
        + "\n"
    )  # Jinja drops the template's last line end
