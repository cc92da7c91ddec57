"""Open data: the plan as files under `daten/`, for anyone to reuse under the site's licence.

One set of files per build (not per language). They are made before the pages are rendered –
the /daten/ page states each file's exact size – and written by `PlanBuild.finish_site`.
Every byte comes from the plan, the release being built and the site's address, never from
the clock: building the same data twice gives identical files.

- `handlungskonzept.json`: the whole plan, texts as language → text, and its JSON Schema
- `massnahmen.csv`, `aktualisierungen.csv`, `indikatoren.csv`: RFC 4180 (UTF-8, comma, CRLF)
- `…-excel.csv`: the same tables for Excel with German settings, which opens a CSV by
  double-click only if it has a byte order mark (else UTF-8 turns into mojibake), semicolons
  (the comma is the German decimal sign), decimal commas and dates as TT.MM.JJJJ
- `handlungskonzept.xlsx`: the editors' workbook (spreadsheet.py), which `import-xlsx` reads back
- `datapackage.json`: a Frictionless Data Package with a Table Schema for every CSV
- `dcat.rdf`: the DCAT-AP.de description in RDF/XML, the form GovData's harvesters read
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from babel import Locale

from ...plan.model import Release
from ...plan.plan import Plan
from ..licences import KnownLicence, known_licence, licence_errors
from .context import (
    CSV,
    JSON,
    OPEN_DATA_DIR,
    RDF,
    XLSX,
    Context,
    Download,
    Labels,
)
from .datapackage import datapackage_bytes
from .document import document_bytes, schema_bytes
from .tables import csv_bytes, indicator_table, measure_table, update_table

__all__ = [
    "OPEN_DATA_DIR",
    "Download",
    "KnownLicence",
    "Labels",
    "WorkbookWriter",
    "format_size",
    "known_licence",
    "licence_errors",
    "open_data",
    "page_context",
    "write_open_data",
]


WorkbookWriter = Callable[[Plan, Sequence[str], dt.datetime, Labels], bytes]
"""The editors' workbook writer (editing.spreadsheet.export.workbook_bytes), passed in by the build."""


def open_data(
    plan: Plan, release: Release | None, site_url: str, labels: Labels, workbook: WorkbookWriter
) -> list[Download]:
    """Every file of daten/, in the order the page lists them; empty without data/site.yml.

    `workbook` writes the editors' workbook (the one `import-xlsx` reads back) that is published too.

    `site_url` is the published address of this build (in a versioned build it ends in the
    version); without one, the DCAT description uses addresses relative to itself.
    """
    if plan.site is None:
        return []
    context = Context(plan, release, site_url, labels)
    tables = [measure_table(context), update_table(context), indicator_table(context)]
    files = [
        Download("handlungskonzept.json", "json", "JSON", JSON, document_bytes(context)),
        Download("handlungskonzept.schema.json", "schema", "JSON", JSON, schema_bytes(context)),
    ]
    for table in tables:
        files.append(Download(f"{table.name}.csv", table.kind, "CSV", CSV, csv_bytes(table, excel=False)))
        files.append(
            Download(
                f"{table.name}-excel.csv",
                "excel",
                "CSV",
                CSV,
                csv_bytes(table, excel=True),
                encoding="utf-8-sig",
                describes=f"{table.name}.csv",
            )
        )
    stamp = dt.datetime.combine(context.date, dt.time())  # dated like the other files, deterministic to the byte
    files.append(
        Download("handlungskonzept.xlsx", "xlsx", "XLSX", XLSX, workbook(plan, plan.languages, stamp, labels), None)
    )
    files.append(Download("datapackage.json", "datapackage", "JSON", JSON, datapackage_bytes(context, tables, files)))
    from .dcat import dcat_bytes  # deferred: rdflib is heavy and `make check` writes no open data

    files.append(Download("dcat.rdf", "dcat", "RDF/XML", RDF, dcat_bytes(context, files)))
    return files


# ---- Writing


def write_open_data(site_dir: Path, downloads: Sequence[Download]) -> None:
    """Write the files into the built site's daten/."""
    for download in downloads:
        target = site_dir / download.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(download.content)


def format_size(size: int, locale: Locale | str) -> str:
    """A file size for people, by the language's rules: "830 Byte", "12,3 kB", "1,5 MB"."""
    from babel.units import format_unit

    if size < 1000:
        return str(format_unit(size, "digital-byte", length="short", locale=locale))
    if size < 1_000_000:
        return str(format_unit(size / 1000, "digital-kilobyte", length="short", locale=locale, format="#,##0.#"))
    return str(format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=locale, format="#,##0.#"))


def page_context(plan: Plan, release: Release | None, downloads: Sequence[Download], labels: Labels) -> dict[str, Any]:
    """What the template of `<!-- plan:open-data -->` shows (the marker needs data/site.yml)."""
    context = Context(plan, release, "", labels)
    return {
        "downloads": downloads,
        "info": plan.site,
        "release": release,
        "date": context.date,
        "attribution": context.attribution() if plan.site is not None and context.licence.attribution else None,
        "size": format_size,
    }
