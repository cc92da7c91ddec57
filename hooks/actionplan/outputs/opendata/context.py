"""What every open-data file is made from: the plan, the release, the site's address, the licence.

`Download` is one file with its exact bytes; `Context` answers what the files share (dates,
addresses, the publisher, the licence and the attribution it asks for).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...plan.errors import PlanError
from ...plan.model import (
    GERMAN,
    Release,
    SiteInfo,
)
from ...plan.plan import Plan
from ..citation import plan_date

OPEN_DATA_DIR = "daten"
"""Folder of the files in the built site (beside the /daten/ page)."""

Labels = dict[str, dict[str, str]]


# ---- Licences


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


# ---- The files


@dataclass(frozen=True)
class Download:
    """One file under daten/ with its exact bytes."""

    name: str
    kind: str  # its description in labels.yml: opendata.file.<kind>
    format: str  # as named for people and in DCAT-AP's file-type vocabulary
    mediatype: str
    content: bytes
    encoding: str | None = "utf-8"  # None: binary
    describes: str = ""  # for the Excel variants: the plain file they repeat

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def path(self) -> str:
        """The path in the built site."""
        return f"{OPEN_DATA_DIR}/{self.name}"

    def description(self, labels: Labels, lang: str) -> str:
        """What the file holds, in a language (German where the label is missing)."""
        texts = labels[f"opendata.file.{self.kind}"]
        return texts.get(lang, texts[GERMAN]).format(name=self.describes)


CSV = "text/csv"
JSON = "application/json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RDF = "application/rdf+xml"
FILE_TYPES = {"JSON": "JSON", "CSV": "CSV", "XLSX": "XLSX", "RDF/XML": "RDF_XML"}
"""Formats → their code in the EU's file-type vocabulary (dct:format)."""


@dataclass(frozen=True)
class Context:
    """What every file is made from."""

    plan: Plan
    release: Release | None
    site_url: str
    labels: Labels

    @property
    def site(self) -> SiteInfo:
        assert self.plan.site is not None  # open_data() makes no files without it
        return self.plan.site

    @property
    def date(self) -> dt.date:
        """The release's date, or the newest update's for the draft (never the clock)."""
        return plan_date(self.plan, self.release)

    @property
    def base(self) -> str:
        """The site's address with a slash, or "" (then addresses are relative to daten/)."""
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def url(self, path: str) -> str:
        """The address of a path of the site; relative to daten/ without a site address."""
        if self.base:
            return self.base + path
        return path.removeprefix(OPEN_DATA_DIR + "/") if path.startswith(OPEN_DATA_DIR + "/") else "../" + path

    @property
    def landing_page(self) -> str:
        return self.url(f"{OPEN_DATA_DIR}/") if self.base else "./"

    def text(self, key: str) -> dict[str, str]:
        """A label in every language of the site that has it."""
        texts = self.labels[key]
        return {lang: texts[lang] for lang in self.plan.languages if lang in texts}

    def publisher(self, lang: str = GERMAN) -> str:
        names = self.site.operator.name
        return names.get(lang, names[GERMAN])

    @property
    def licence(self) -> KnownLicence:
        known = known_licence(self.site.licence.url)
        if known is None:  # pragma: no cover - licence_errors() stops the build before
            raise ValueError(f"unbekannte Lizenz {self.site.licence.url}")
        return known

    def attribution(self) -> str:
        """The attribution the licence asks for (German, as the binding text)."""
        title = self.labels["opendata.title"][GERMAN]
        if self.release is not None:
            edition = f"Version {self.release.version} vom {german_date(self.release.date)}"
        else:
            edition = f"Entwurf, Stand {german_date(self.date)}"
        return f"{self.publisher()}: {title}, {edition}"


def german_date(day: dt.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
