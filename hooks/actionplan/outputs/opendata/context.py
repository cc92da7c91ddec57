"""What every open-data file is made from: the plan, the release, the site's address, the licence.

`Download` is one file with its exact bytes; `Context` answers what the files share (dates,
addresses, the publisher, the licence and the attribution it asks for).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...plan.model import (
    GERMAN,
    Release,
    SiteInfo,
)
from ...plan.plan import Plan
from ..citation import plan_date
from ..licences import KnownLicence, known_licence

OPEN_DATA_DIR = "daten"
"""Folder of the files in the built site (beside the /daten/ page)."""

Labels = dict[str, dict[str, str]]


# ---- Licences: in ..licences (`make check` needs them without the open data package)


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
