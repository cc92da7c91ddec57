"""The pages of the site: which are generated from the data, where each comes from, where each lives.

A measure page comes from here: `generated_pages` asks every marker of the registry
(markers.MARKERS) that makes pages which ones the plan calls for – `massnahmen/wq-03.md` is
made by the marker `measure` with `id=WQ-03` – and the hook hands MkDocs that marker as the
page's Markdown (`marker_source`). The renderer then shows it with the marker's template
(overrides/plan/measure.html) and titles it with the marker's `title`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..plan.errors import PlanError, quote
from .markers import MARKERS, Marker, Scope

PLAN_INDEX = "handlungskonzept/index.md"
"""The action plan's overview page, after which the field pages are listed in the navigation."""
SEARCH_PAGE = "suche.md"


def generated_pages(scope: Scope) -> dict[str, Marker]:
    """Every generated page: docs source path -> the marker that makes it, in the registry's order."""
    pages: dict[str, Marker] = {}
    for name, spec in MARKERS.items():
        if spec.pages is not None:
            pages |= {source: Marker(name, args) for source, args in spec.pages(scope)}
    return pages


@dataclass(frozen=True)
class Site:
    """Where pages live: the language prefixes and the pages that show each listing."""

    default_language: str
    placed: dict[str, str] = field(default_factory=dict)  # marker name -> docs source path
    pdfs: dict[str, str] = field(default_factory=dict)  # language -> the PDF's path in the site, if PDFs are made
    open_data: Mapping[str, Any] = field(default_factory=dict)  # what the /daten/ page lists, made by the build
    shown_on: dt.date | None = None  # the date the build shows (its release's, or the newest update's)
    base_url: str = ""  # the published address of this build (site_url), for snippets others paste elsewhere

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_language else f"{lang}/"

    def absolute(self, lang: str, path: str) -> str:
        """A path of the site in a language as an absolute address (from the root without a site address)."""
        base = self.base_url.rstrip("/") + "/" if self.base_url else "/"
        return base + self.prefix(lang) + path

    @staticmethod
    def measure_path(measure_id: str) -> str:
        return f"massnahmen/{measure_id.lower()}/"

    @staticmethod
    def field_path(field_id: str) -> str:
        return f"handlungskonzept/{field_id}/"

    @staticmethod
    def quarter_path(quarter_id: str) -> str:
        return f"quartiere/{quarter_id}/"

    def listing_path(self, marker: str) -> str | None:
        """The page showing a listing (e.g. "principles"), or None if no page has it."""
        source = self.placed.get(marker)
        if source is None:
            return None
        stem = source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index")
            return stem if stem else ""
        return f"{stem}/"


def collisions(docs_dir: Path, root: Path, generated: dict[str, Marker], languages: Sequence[str]) -> list[PlanError]:
    """A prose file where a generated page belongs would silently replace it."""
    errors = []
    # folder under docs/ -> its entries: one listing, not a look-up per page and language
    listed: dict[str, set[str]] = {}
    for src in generated:
        stem = src.removesuffix(".md")
        folder, _, _ = stem.rpartition("/")
        if folder not in listed:
            try:
                listed[folder] = set(os.listdir(docs_dir / folder))
            except OSError:  # no such folder: no file in it
                listed[folder] = set()
        for candidate in [f"{stem}.md", *(f"{stem}.{lang}.md" for lang in languages)]:
            path = docs_dir / candidate
            if candidate.rpartition("/")[2] in listed[folder] and path.exists():
                display = path.resolve().relative_to(root.resolve()).as_posix()
                errors.append(
                    PlanError(
                        display,
                        0,
                        "",
                        f"diese Seite wird aus den Daten erzeugt; die Datei {quote(candidate)} bitte löschen oder umbenennen",
                        kind="file",
                    )
                )
    return errors
