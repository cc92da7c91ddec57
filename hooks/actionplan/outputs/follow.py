"""The files to follow and show a measure elsewhere, beside the pages, in every language.

Per measure: its Atom feed, its calendar (where it has dates), its status badge and card; per
field of action and per neighbourhood: a feed. All are computed from the plan alone (no clock),
so two builds of the same data give the same bytes.
"""

from __future__ import annotations

from jinja2 import Environment

from ..plan.plan import Plan
from ..plan.releases import removed_pages
from ..plan.texts import Labels, Localizer
from ..site.follow import badge_path, card_path
from ..site.statuscard import badge_svg, card_page
from .calendar import measure_calendars
from .feed import follow_feeds


def follow_files(
    plan: Plan,
    prefixes: dict[str, str],
    labels: Labels,
    site_url: str,
    site_names: dict[str, str],
    *,
    env: Environment,
    epoch: int,
) -> dict[str, str]:
    """Site-relative path -> text of every feed, calendar, badge and card, in every language of `prefixes`."""
    site_url = site_url or "https://localhost/"  # feeds and calendars need absolute addresses
    # a measure that left the plan keeps the addresses it had: from its last released state
    removed = [page.measure for page in removed_pages(plan)]
    files: dict[str, str] = {}
    for lang in [lang for lang in plan.languages if lang in prefixes]:  # the languages built
        loc = Localizer(lang, markup=env.get_template("text.html"), labels=labels)
        name = site_names.get(lang, "")
        files |= follow_feeds(plan, loc, site_url, prefixes[lang], name, env=env, removed=removed)
        for measure in [*plan.measures, *removed]:
            gone = measure in removed
            files[prefixes[lang] + badge_path(measure.id)] = badge_svg(measure, loc, env, removed=gone)
            files[prefixes[lang] + card_path(measure.id)] = card_page(plan, measure, loc, env, name, removed=gone)
    files |= measure_calendars(plan, prefixes, labels, site_url, epoch=epoch, removed=removed)
    return files
