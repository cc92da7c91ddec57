"""The open licences the generator can name for open data, and the check that data/site.yml uses one.

Apart from the open data package, so that `make check` finds a wrong licence without loading it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..plan.errors import PlanError
from ..plan.plan import Plan


@dataclass(frozen=True)
class KnownLicence:
    """An open licence as DCAT-AP.de and Frictionless name it."""

    dcat: str  # the id in DCAT-AP.de's licence vocabulary
    frictionless: str  # the Open Definition id that a Data Package's `licenses` require
    attribution: bool  # whether users must name the source


DCAT_LICENCES = "http://dcat-ap.de/def/licenses/"
LICENCES: dict[str, KnownLicence] = {
    "https://www.govdata.de/dl-de/by-2-0": KnownLicence("dl-by-de/2.0", "dl-de-by-2.0", True),
    "https://www.govdata.de/dl-de/zero-2-0": KnownLicence("dl-zero-de/2.0", "dl-de-zero-2.0", False),
    "https://creativecommons.org/licenses/by/4.0": KnownLicence("cc-by/4.0", "CC-BY-4.0", True),
    "https://creativecommons.org/licenses/by-sa/4.0": KnownLicence("cc-by-sa/4.0", "CC-BY-SA-4.0", True),
    "https://creativecommons.org/publicdomain/zero/1.0": KnownLicence("cc-zero", "CC0-1.0", False),
}
"""Licence texts (data/site.yml `licence.url`, without a trailing slash) the generator can name."""


def known_licence(url: str) -> KnownLicence | None:
    return LICENCES.get(url.rstrip("/"))


def licence_errors(plan: Plan) -> list[PlanError]:
    """Open data needs a licence that data portals know; say so in data/site.yml if it is another."""
    if plan.site is None or known_licence(plan.site.licence.url) is not None:
        return []
    message = (
        "für diese Lizenz kennt der Generator keine Kennung nach DCAT-AP.de, die Datenportale verstehen – "
        f"offene Daten brauchen eine offene Lizenz (bekannt: {', '.join(LICENCES)})"
    )
    source = plan.file_sources.get("site.yml")
    if source is None:  # pragma: no cover - the site information always comes from this file
        return [PlanError("data/site.yml", 0, "licence.url", message, kind="bad_value")]
    return [source.error(("licence", "url"), message, kind="bad_value")]
