"""The street lookup and the A–Z street list: what their templates show.

The lookup (marker `plan:street-lookup`, overrides/plan/street-lookup.html) is a form whose
script (assets/javascripts/streets.js) reads `strassen.json` of the reader's language
(outputs/streetindex.py); without the script the form leads to the A–Z list at /strassen/
(the generated page of the marker `streets`), which needs no script at all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from ..plan.model import Street
from ..plan.plan import Plan

STREETS_PAGE = "strassen.md"
"""The A–Z list of streets, a generated page in every language."""
STREETS_PATH = "strassen/"
STREET_INDEX = "strassen.json"
"""What the lookup's script reads, one file per language beside the language's start page."""


@dataclass(frozen=True)
class Letter:
    """The streets beginning with one letter, for the A–Z list."""

    letter: str
    streets: tuple[Street, ...]

    @property
    def anchor(self) -> str:
        return self.letter.lower()


def sort_key(name: str) -> str:
    """German dictionary order (DIN 5007-1): Ä as A, ß as ss, case ignored."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.casefold()


def letters(plan: Plan) -> list[Letter]:
    """The streets grouped by their initial letter (umlauts under their vowel), in dictionary order."""
    groups: dict[str, list[Street]] = {}
    for street in sorted(plan.streets, key=lambda s: sort_key(s.name)):
        groups.setdefault(sort_key(street.name)[:1].upper(), []).append(street)
    return [Letter(letter, tuple(streets)) for letter, streets in groups.items()]


def example_address(plan: Plan) -> str:
    """An address to show as an example: a street that crosses a border, with a number of its first part."""
    split = [s for s in plan.streets if s.sections]
    if split:
        return f"{split[0].name} {split[0].sections[0].numbers.first}"
    return f"{plan.streets[0].name} 1" if plan.streets else ""


def lookup_context(plan: Plan) -> dict[str, Any]:
    return {"streets_path": STREETS_PATH, "index_path": STREET_INDEX, "example": example_address(plan)}


def directory_context(plan: Plan) -> dict[str, Any]:
    return {"letters": letters(plan), "example": example_address(plan)}
