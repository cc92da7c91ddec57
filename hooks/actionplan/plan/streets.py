"""The street directory (data/streets.yml): how names are compared, and its checks.

Residents type "lindenauer str. 12" or "Lindenauerstrasse 12"; the directory says "Lindenauer
Straße". `street_key` makes both the same key; the lookup's script
(overrides/assets/javascripts/streets.js) normalises what is typed the same way, and the build
writes each street's key into the JSON the script reads (outputs/streetindex.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from .errors import PlanError, quote
from .located import Located, Seen
from .model import Street, StreetSection, did_you_mean
from .plan import Plan

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_STREET_WORD = re.compile(r"strasse|str\.")
_NOT_LETTERS = re.compile(r"[\W_]+")


def street_key(name: str) -> str:
    """The form in which street names are compared: case, ß/ss, umlauts, "Str."/"Straße", spaces.

    "Lindenauer Straße", "lindenauer str.", "Lindenauerstrasse" all give "lindenauerstr".
    """
    text = unicodedata.normalize("NFC", name).casefold()  # casefold turns ß (and ẞ) into ss
    text = text.translate(_UMLAUTS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))  # é → e
    text = _STREET_WORD.sub("str", text)
    return _NOT_LETTERS.sub("", text)


def sections_overlap(a: StreetSection, b: StreetSection) -> bool:
    """Whether some house number lies in both sections."""
    low = max(a.numbers.first, b.numbers.first)
    ends = [n for n in (a.numbers.last, b.numbers.last) if n is not None]
    high = min(ends) if ends else None
    if high is not None and low > high:
        return False
    sides = {s for s in (a.side, b.side) if s is not None}
    if len(sides) == 2:
        return False  # even and odd numbers: the two sides of the street
    if not sides or high is None or high > low:
        return True  # at least two numbers in common: one of each parity
    return (low % 2 == 0) == (sides.pop() == "gerade")


def check_streets(plan: Plan, streets: Sequence[Located], seen: Seen) -> Iterator[PlanError]:
    """Unknown neighbourhoods, overlapping house numbers and streets listed twice."""
    first_by_key: dict[str, Located] = {}
    for at in streets:
        street: Street = at.item
        key = street_key(street.name)
        first = first_by_key.setdefault(key, at)
        if first is not at:
            yield at.error(
                ("name",),
                f"die Straße {quote(street.name)} steht schon in Zeile {first.source.line(first.loc)}"
                f" ({quote(first.item.name)}) – jede Straße steht nur einmal im Verzeichnis; kreuzt sie eine"
                " Quartiersgrenze, stehen ihre Hausnummern je Quartier unter „sections“",
                kind="duplicate",
            )
        yield from _check_street(plan, at, seen)


def _check_street(plan: Plan, at: Located, seen: Seen) -> Iterator[PlanError]:
    street: Street = at.item
    if street.quarter is not None and street.sections:
        yield at.error(
            ("sections",),
            "eine Straße hat entweder „quarter“ (die ganze Straße liegt in einem Quartier) oder „sections“"
            " (Hausnummern je Quartier), nicht beides",
            kind="inconsistent",
            at_key=True,
        )
    elif street.quarter is None and not street.sections:
        yield at.error(
            (),
            "Pflichtfeld „quarter“ fehlt – oder „sections“ mit den Hausnummern je Quartier, wenn die Straße eine"
            " Quartiersgrenze kreuzt",
            kind="missing",
        )
    if street.quarter is not None:
        yield from _quarter_known(plan, at, ("quarter",), street.quarter, seen)
    for i, section in enumerate(street.sections):
        yield from _quarter_known(plan, at, ("sections", i, "quarter"), section.quarter, seen)
        for j in range(i):
            other = street.sections[j]
            if sections_overlap(other, section):
                line = at.source.line((*at.loc, "sections", j))
                yield at.error(
                    ("sections", i, "numbers"),
                    f"die Hausnummern {_shown(section)} überschneiden sich mit sections[{j}] ({_shown(other)},"
                    f" Zeile {line}) – jede Hausnummer gehört zu genau einem Quartier",
                    kind="inconsistent",
                )
    in_sections = {section.quarter for section in street.sections}
    if street.quarter is None and len(street.sections) > 1 and len(in_sections) == 1:
        (only,) = in_sections
        yield at.error(
            ("sections",),
            f"alle Abschnitte liegen im Quartier {quote(only)} – dann genügt „quarter: {only}“ statt „sections“",
            kind="inconsistent",
            at_key=True,
        )


def _shown(section: StreetSection) -> str:
    return f"„{section.numbers}“" + (f" ({section.side})" if section.side else "")


def _quarter_known(
    plan: Plan, at: Located, path: tuple[str | int, ...], quarter: str, seen: Seen
) -> Iterator[PlanError]:
    if quarter in plan.quarters_by_id or seen.skips("quarters.yml", quarter):
        return
    allowed = list(plan.quarters_by_id)
    yield at.error(
        path,
        f"Quartier {quote(quarter)} gibt es nicht (erlaubt: {', '.join(allowed)}){did_you_mean(quarter, allowed)}",
        kind="unknown_reference",
    )


def quarter_of(street: Street, number: int | None) -> list[str]:
    """The neighbourhood(s) an address may lie in: one with a number inside a section, else all."""
    if street.quarter is not None:
        return [street.quarter]
    if number is not None:
        found = [s.quarter for s in street.sections if s.holds(number)]
        if found:
            return found
    return street.quarters()
