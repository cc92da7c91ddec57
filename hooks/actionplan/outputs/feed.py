"""Atom feeds (RFC 4287) of the measures' status reports, in every language.

One feed of every measure at the language's root, and one per measure, per field of action and
per neighbourhood beside its page (`follow_feeds`), whose entries are the dated updates and the
milestones reached. Entries are newest first; every date comes from the data, so the same data
always gives the same file. Links are absolute, as feed readers need them. The markup is the
template overrides/plan/feed.xml (autoescaped); this module computes what it shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment

from ..plan.model import Measure
from ..plan.plan import Plan
from ..plan.texts import Localizer
from ..site.follow import field_feed_path, measure_feed_path, quarter_feed_path, quarter_measures

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
    base = urljoin(site_url, prefix)
    return _render(
        env,
        loc,
        plan,
        title=loc.plain("feed.title", site=site_name),
        feed_url=urljoin(base, FEED_FILE),
        page_url=base,
        entries=_entries(plan.measures, loc, site_url, prefix, milestones=False),
    )


def follow_feeds(
    plan: Plan,
    loc: Localizer,
    site_url: str,
    prefix: str,
    site_name: str,
    *,
    env: Environment,
    removed: Sequence[Measure] = (),
) -> dict[str, str]:
    """Every measure's, field's and neighbourhood's feed in one language: site-relative path -> Atom text.

    Their entries are the dated updates and the milestones reached, newest first. `removed`:
    measures that left the plan, in their last released state – their feeds stay where they were.
    """
    base = urljoin(site_url, prefix)
    groups: list[tuple[str, str, str, list[Measure]]] = []
    for measure in [*plan.measures, *removed]:
        title = loc.plain("follow.feed_measure", id=measure.id, title=loc.pick(measure.title).text, site=site_name)
        groups.append((measure_feed_path(measure.id), f"massnahmen/{measure.slug}/", title, [measure]))
    for action_field in plan.fields:
        title = loc.plain("follow.feed_field", title=loc.pick(action_field.title).text, site=site_name)
        groups.append(
            (
                field_feed_path(action_field.id),
                f"handlungskonzept/{action_field.id}/",
                title,
                plan.measures_of(action_field.id),
            )
        )
    for quarter in plan.quarters:
        title = loc.plain("follow.feed_quarter", name=loc.pick(quarter.name).text, site=site_name)
        groups.append(
            (quarter_feed_path(quarter.id), f"quartiere/{quarter.id}/", title, quarter_measures(plan, quarter.id))
        )
    feeds = {}
    for path, page, title, measures in groups:
        feeds[prefix + path] = _render(
            env,
            loc,
            plan,
            title=title,
            feed_url=urljoin(base, path),
            page_url=urljoin(base, page),
            entries=_entries(measures, loc, site_url, prefix, milestones=True),
        )
    return feeds


def _entries(
    measures: Sequence[Measure], loc: Localizer, site_url: str, prefix: str, *, milestones: bool
) -> list[FeedEntry]:
    """The updates (and, with `milestones`, the milestones reached) of the measures, newest first."""
    domain = urlsplit(site_url).hostname or "localhost"
    base = urljoin(site_url, prefix)
    dated: list[tuple[dt.date, str, str, FeedEntry]] = []
    for measure in measures:
        page = urljoin(base, f"massnahmen/{measure.slug}/")
        title = loc.pick(measure.title).text
        for update in measure.updates:
            note = loc.pick(update.note)
            day = update.date.isoformat()
            entry = FeedEntry(
                title=loc.plain("feed.entry", id=measure.id, title=title, status=loc.plain(f"status.{update.status}")),
                id=f"tag:{domain},{day}:{measure.id}/{day}",
                link=page + "#verlauf",
                updated=_stamp(update.date),
                lang="de" if note.fallback else loc.lang,
                summary=note.text,
            )
            dated.append((update.date, measure.id, "1", entry))
        for milestone in measure.milestones if milestones else ():
            if milestone.done is None:
                continue  # open milestones are dates to come: the calendar has them
            name = loc.pick(milestone.title)
            digest = hashlib.sha256(milestone.title["de"].encode("utf-8")).hexdigest()[:12]
            entry = FeedEntry(
                title=loc.plain("follow.milestone_entry", id=measure.id, title=name.text),
                id=f"tag:{domain},{milestone.done.isoformat()}:{measure.id}/meilenstein/{digest}",
                link=page + "#meilensteine",
                updated=_stamp(milestone.done),
                lang="de" if name.fallback else loc.lang,
                summary=loc.plain(
                    "follow.milestone_summary",
                    title=name.text,
                    date=loc.date(milestone.done),
                    due=loc.when(milestone.due),
                ),
            )
            dated.append((milestone.done, measure.id, "0", entry))
    dated.sort(key=lambda item: item[:3], reverse=True)
    return [entry for *_, entry in dated[:MAX_ENTRIES]]


def _render(
    env: Environment, loc: Localizer, plan: Plan, *, title: str, feed_url: str, page_url: str, entries: list[FeedEntry]
) -> str:
    """The Atom text; the feed is as new as its newest entry (a fixed day if it has none)."""
    newest = max((entry.updated for entry in entries), default=_stamp(dt.date(2000, 1, 1)))
    return (
        env.get_template(FEED_TEMPLATE).render(
            lang=loc.lang,
            title=title,
            feed_url=feed_url,
            base=page_url,
            updated=newest,
            # the town as author, by name only: no e-mail address goes into any feed
            author=loc.pick(plan.site.operator.name).text if plan.site is not None else None,
            entries=entries,
        )
        + "\n"
    )  # Jinja drops the template's last line end
