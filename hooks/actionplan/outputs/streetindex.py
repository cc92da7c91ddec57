"""strassen.json: what the street lookup's script reads, one file per language.

Every street with its comparison key (plan/streets.py `street_key`, which the script mirrors)
and its house-number sections; every neighbourhood with its page, contact person, office hours
and meeting places in that language; and the sentences the script answers with. Texts are
[text, language] pairs, so a German text standing in keeps its `lang`. Addresses are relative
to the language's start page, where the file lies.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..plan.plan import Plan
from ..plan.streets import street_key
from ..plan.texts import Labels, Localizer
from ..site.pages import Site
from ..site.streets import STREET_INDEX, STREETS_PATH, example_address

SCRIPT_LABELS = (
    "streets.found",
    "streets.split",
    "streets.ask_number",
    "streets.number_unknown",
    "streets.not_found",
    "streets.suggest",
    "streets.no_suggestion",
    "streets.empty",
    "streets.all",
    "streets.numbers_range",
    "streets.numbers_from",
    "streets.numbers_single",
    "streets.side.gerade",
    "streets.side.ungerade",
    "quarter.contact_title",
    "quarter.no_contact",
    "quarter.office",
    "quarter.hours",
    "quarter.languages",
    "quarter.places_title",
    "contact.email",
    "contact.phone",
)


def street_index(plan: Plan, lang: str, site: Site, labels: Labels) -> dict[str, Any]:
    """The lookup's data in one language."""
    loc = Localizer(lang, labels=labels)

    def text(value: dict[str, str]) -> list[str]:
        picked = loc.pick(value)
        return [picked.text, picked.lang]

    places_page = site.listing_path("places")
    quarters: dict[str, Any] = {}
    for quarter in plan.quarters:
        contact = quarter.contact
        quarters[quarter.id] = {
            "name": text(quarter.name),
            "url": site.quarter_path(quarter.id),
            "contact": None
            if contact is None
            else {
                "name": contact.name,
                "role": text(contact.role),
                "office": contact.office,
                "hours": text(contact.hours),
                "languages": loc.language_names(contact.languages),
                "email": contact.email,
                "phone": contact.phone,
            },
            "places": [
                {
                    "name": place.name,
                    "address": place.address,
                    "url": None if places_page is None else f"{places_page}#{place.id}",
                }
                for place in plan.places_in(quarter.id)
            ],
        }
    streets = []
    for street in plan.streets:
        entry: dict[str, Any] = {"name": street.name, "key": street_key(street.name)}
        if street.quarter is not None:
            entry["quarter"] = street.quarter
        else:
            entry["sections"] = [
                {"first": s.numbers.first, "last": s.numbers.last, "side": s.side, "quarter": s.quarter}
                for s in street.sections
            ]
        streets.append(entry)
    operator = plan.site.operator if plan.site else None
    return {
        "lang": lang,
        # whom to ask where a neighbourhood has no contact person yet (as its page says)
        "fallback": None if operator is None else {"email": operator.email, "phone": operator.phone},
        "all": STREETS_PATH,
        "example": example_address(plan),
        "labels": {key: text(labels[key]) for key in SCRIPT_LABELS},
        "quarters": quarters,
        "streets": streets,
    }


def write_street_indexes(
    site_dir: Path, plan: Plan, languages: Sequence[str], site: Site, labels: Labels
) -> list[Path]:
    """Write `<language prefix>strassen.json` for every language; nothing without a street directory."""
    if not plan.streets:
        return []
    written = []
    for lang in languages:
        target = site_dir / site.prefix(lang) / STREET_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(street_index(plan, lang, site, labels), ensure_ascii=False, separators=(",", ":"))
        target.write_text(data + "\n", encoding="utf-8")
        written.append(target)
    return written
