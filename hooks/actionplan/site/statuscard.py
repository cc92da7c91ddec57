"""The embeddable status of a measure: a small SVG badge and a minimal card page, in every language.

Partner organisations put either on their own website. Both are self-contained: the badge is
one SVG file with its text in it, the card one HTML file with its styles in it and a policy
that forbids loading anything (no script, no font, no picture from anywhere). The markup is in
the templates overrides/plan/status-badge.svg and overrides/plan/status-card.html; this module
lays the badge out (SVG has no automatic width) and says what both show.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from jinja2 import Environment

from ..plan.model import Measure
from ..plan.plan import Plan
from ..plan.texts import Localizer

BADGE_TEMPLATE = "status-badge.svg"
CARD_TEMPLATE = "status-card.html"
STATUS_COLOURS = {
    "geplant": "#4b5563",
    "laufend": "#1d4ed8",
    "abgeschlossen": "#15803d",
    "verzoegert": "#b45309",
    "pausiert": "#6d28d9",
    "eingestellt": "#b91c1c",
    "zusammengefuehrt": "#0f766e",
}
"""The status colours of plan.css (white text on each reaches at least 4.5:1)."""
ID_COLOUR = "#1f2937"
FONT_SIZE = 12  # px: no text on the site is smaller
HEIGHT = 22
PADDING = 8


def text_width(text: str) -> int:
    """A generous estimate of the text's width in px at FONT_SIZE in a common sans-serif.

    SVG cannot size a box to its text, and a badge must not depend on the reader's fonts; an
    estimate that errs wide leaves some space but never cuts a word off.
    """
    width = 0.0
    for char in text:
        if char == " ":
            width += 3.6
        elif unicodedata.combining(char) or unicodedata.category(char) == "Mn":
            continue  # Arabic vowel marks and accents take no width of their own
        elif char.isupper() or char.isdigit() or char in "%@mwMW":
            width += 8.6
        else:
            width += 7.2
    return int(width + 0.999)


@dataclass(frozen=True)
class BadgeLayout:
    """Where the badge's two parts stand: the measure's id and its status with progress."""

    lang: str
    rtl: bool
    measure_id: str
    text: str  # "in Umsetzung · 40 %"
    alt: str  # the whole statement for screen readers and as the image's alt text
    colour: str
    id_width: int
    text_width: int

    @property
    def width(self) -> int:
        return self.id_width + self.text_width

    @property
    def height(self) -> int:
        return HEIGHT

    @property
    def font_size(self) -> int:
        return FONT_SIZE

    @property
    def id_colour(self) -> str:
        return ID_COLOUR

    @property
    def id_x(self) -> int:
        """Where the id's box starts: on the left, in right-to-left languages on the right."""
        return self.text_width if self.rtl else 0

    @property
    def text_x(self) -> int:
        return 0 if self.rtl else self.id_width


REMOVED_COLOUR = STATUS_COLOURS["geplant"]


def badge_layout(measure: Measure, loc: Localizer, *, removed: bool = False) -> BadgeLayout:
    """The badge of a measure's current status in the localizer's language.

    A measure that left the plan (`removed`) keeps its badge, which then says so instead of
    its last status: partners' pages must not go on showing it as under way.
    """
    status = loc.plain(f"status.{measure.status}")
    progress = loc.percent(measure.progress)
    text = loc.plain("card.badge_text", status=status, progress=progress)
    alt = loc.plain("card.badge_alt", id=measure.id, status=status, progress=progress)
    if removed:
        text = loc.plain("card.removed")
        alt = f"{measure.id}: {loc.plain('removed.title')}"
    return BadgeLayout(
        lang=loc.lang,
        rtl=loc.dir == "rtl",
        measure_id=measure.id,
        text=text,
        alt=alt,
        colour=REMOVED_COLOUR if removed else STATUS_COLOURS[measure.status],
        id_width=text_width(measure.id) + 2 * PADDING,
        text_width=text_width(text) + 2 * PADDING,
    )


def badge_svg(measure: Measure, loc: Localizer, env: Environment, *, removed: bool = False) -> str:
    """The SVG file of the badge."""
    return env.get_template(BADGE_TEMPLATE).render(badge=badge_layout(measure, loc, removed=removed)) + "\n"


def card_page(
    plan: Plan, measure: Measure, loc: Localizer, env: Environment, site_name: str, *, removed: bool = False
) -> str:
    """The card page (karte.html beside the measure's page): one HTML file that loads nothing."""
    field = plan.fields_by_id[measure.field]
    return (
        env.get_template(CARD_TEMPLATE).render(
            loc=loc,
            measure=measure,
            field=field,
            site_name=site_name,
            colour=REMOVED_COLOUR if removed else STATUS_COLOURS[measure.status],
            rtl=loc.dir == "rtl",
            removed=removed,
        )
        + "\n"
    )
