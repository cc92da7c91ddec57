"""An Atom feed (RFC 4287) of the measures' status reports, one per language.

Entries are the dated updates, newest first; every date comes from the data, so the same data
always gives the same file. Links are absolute, as feed readers need them.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..plan.plan import Plan
from ..plan.texts import Localizer

FEED_FILE = "aktualisierungen.xml"
MAX_ENTRIES = 200


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(plan: Plan, loc: Localizer, site_url: str, prefix: str, site_name: str) -> str:
    """The feed in the localizer's language; `prefix` is the language's path ("" or "en/")."""
    domain = urlsplit(site_url).hostname or "localhost"
    base = urljoin(site_url, prefix)
    updates = sorted(
        ((update, measure) for measure in plan.measures for update in measure.updates),
        key=lambda pair: (pair[0].date, pair[1].id),
        reverse=True,
    )[:MAX_ENTRIES]
    newest = updates[0][0].date if updates else dt.date(2000, 1, 1)
    feed_url = urljoin(base, FEED_FILE)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{loc.lang}">',
        f"<title>{escape(loc.plain('feed.title', site=site_name))}</title>",
        f"<id>{escape(feed_url)}</id>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(base)}/>',
        f"<updated>{_stamp(newest)}</updated>",
    ]
    if plan.site is not None:
        lines.append(f"<author><name>{escape(loc.pick(plan.site.operator.name).text)}</name></author>")
    for update, measure in updates:
        page = urljoin(base, f"massnahmen/{measure.id.lower()}/")
        title = loc.plain(
            "feed.entry",
            id=measure.id,
            title=loc.pick(measure.title).text,
            status=loc.plain(f"status.{update.status}"),
        )
        note = loc.pick(update.note)
        lines += [
            "<entry>",
            f"<title>{escape(title)}</title>",
            f"<id>tag:{domain},{update.date.isoformat()}:{measure.id}/{update.date.isoformat()}</id>",
            f'<link rel="alternate" type="text/html" href={quoteattr(page + "#verlauf")}/>',
            f"<updated>{_stamp(update.date)}</updated>",
            f'<summary xml:lang="{"de" if note.fallback else loc.lang}">{escape(note.text)}</summary>',
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
