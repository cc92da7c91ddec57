"""JSON Schemas for editors' tools, generated from the pydantic models (the single source).

`python -m actionplan schemas` writes data/schema/*.schema.json with German titles and
descriptions, and the `yaml-language-server` modeline at the top of every data file, so
common editors complete keys and underline mistakes. Fix, then fail: it writes what is out
of date, says what changed and exits 1; otherwise it says that all is up to date.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..plan.jsonschema import DESCRIPTIONS, germanize
from ..plan.model import DATA_FILES, Measure

SCHEMA_DIR = "schema"
"""Folder of the schemas inside data/."""

SCHEMAS: dict[str, tuple[type[BaseModel], bool, str]] = {
    # schema name: (model, the file holds a list, data files it describes)
    "measure": (Measure, False, "measures/*.yml"),
    **{name.removesuffix(".yml"): (spec.model, spec.many, name) for name, spec in DATA_FILES.items()},
}


def build_schema(name: str, languages: Sequence[str]) -> dict[str, Any]:
    """The JSON Schema of one data file, with German titles and descriptions."""
    model, is_list, _ = SCHEMAS[name]
    schema = model.model_json_schema()
    germanize(schema, list(languages))
    for def_name, definition in schema.get("$defs", {}).items():
        definition["description"] = DESCRIPTIONS.get(def_name, "")
        if not definition["description"]:
            del definition["description"]
    schema["description"] = DESCRIPTIONS.get(model.__name__, "")
    if is_list:
        defs = schema.pop("$defs", {})
        schema = {"type": "array", "items": schema, **({"$defs": defs} if defs else {})}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"data/{SCHEMAS[name][2]}", **schema}


def modeline(data_dir: Path, file: Path, name: str) -> str:
    """The yaml-language-server line that points a data file at its schema."""
    relative = Path(*([".."] * (len(file.relative_to(data_dir).parts) - 1)), SCHEMA_DIR, f"{name}.schema.json")
    return f"# yaml-language-server: $schema={relative.as_posix()}"


def sync_schemas(data_dir: Path, languages: Sequence[str], write: bool = True) -> list[str]:
    """Bring schemas and modelines up to date; return what was (or would be) changed."""
    changed = []
    for name, (_, _, pattern) in SCHEMAS.items():
        target = data_dir / SCHEMA_DIR / f"{name}.schema.json"
        text = json.dumps(build_schema(name, languages), ensure_ascii=False, indent=2) + "\n"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            changed.append(target.relative_to(data_dir.parent).as_posix())
            if write:
                target.parent.mkdir(exist_ok=True)
                target.write_text(text, encoding="utf-8")
        for file in sorted(data_dir.glob(pattern)):
            line = modeline(data_dir, file, name)
            content = file.read_text(encoding="utf-8")
            first, _, rest = content.partition("\n")
            if first == line:
                continue
            changed.append(file.relative_to(data_dir.parent).as_posix())
            if write:
                body = rest if first.startswith("# yaml-language-server:") else content
                file.write_text(f"{line}\n{body}", encoding="utf-8")
    return changed
