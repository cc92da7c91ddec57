"""The Frictionless Data Package (datapackage.json) of the files: sizes, hashes, a Table Schema per CSV."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from ...plan.model import (
    GERMAN,
)
from .context import (
    JSON,
    Context,
    Download,
)
from .document import (
    json_bytes,
)
from .tables import (
    Table,
    table_schema,
)


def slug(text: str) -> str:
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.lower().replace(umlaut, plain)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def datapackage(context: Context, tables: Sequence[Table], files: Sequence[Download]) -> dict[str, Any]:
    """A Frictionless Data Package (v1) of the files made so far, CSVs with their Table Schema."""
    by_name = {f"{table.name}.csv": (table, False) for table in tables}
    by_name |= {f"{table.name}-excel.csv": (table, True) for table in tables}
    title = context.labels["opendata.title"][GERMAN]
    licence = context.site.licence
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": slug(f"{title} {context.publisher()}"),
        "title": f"{title} – {context.publisher()}",
        "description": context.labels["opendata.description"][GERMAN],
        "homepage": context.landing_page,
        "created": f"{context.date.isoformat()}T00:00:00Z",
        "keywords": [word.strip() for word in context.labels["opendata.keywords"][GERMAN].split(",")],
        "licenses": [{"name": context.licence.frictionless, "path": licence.url, "title": licence.name[GERMAN]}],
        "contributors": [
            {"title": context.publisher(), "role": "publisher"}
            | ({"email": context.site.operator.email} if context.site.operator.email else {})
            | ({"path": context.site.operator.url} if context.site.operator.url else {})
        ],
        "resources": [],
    }
    if context.release is not None:
        package["version"] = context.release.version
    for file in files:
        resource: dict[str, Any] = {
            "name": file.name.removesuffix(".csv") if file.name in by_name else slug(file.name.replace(".", "-")),
            "path": file.name,
            "description": file.description(context.labels, GERMAN),
            "format": file.name.rsplit(".", 1)[1],
            "mediatype": file.mediatype,
        }
        if file.mediatype == JSON:
            # a JSON file is data, not a descriptor: without the type, frictionless 5 reads a file with a
            # top-level "fields" key, or named *schema.json, as a Table Schema and reports it invalid
            resource["type"] = "json"
        if file.encoding:
            resource["encoding"] = file.encoding
        resource["bytes"] = file.size
        resource["hash"] = "sha256:" + hashlib.sha256(file.content).hexdigest()
        if file.name in by_name:
            table, excel = by_name[file.name]
            resource["profile"] = "tabular-data-resource"
            resource["dialect"] = {
                "delimiter": ";" if excel else ",",
                "lineTerminator": "\r\n",
                "quoteChar": '"',
                "doubleQuote": True,
                "header": True,
            }
            resource["schema"] = table_schema(table, excel)
        package["resources"].append(resource)
    return package


def datapackage_bytes(context: Context, tables: Sequence[Table], files: Sequence[Download]) -> bytes:
    return json_bytes(datapackage(context, tables, files))
