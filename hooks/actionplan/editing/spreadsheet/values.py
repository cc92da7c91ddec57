"""Cell values and YAML values: reading what editors type, comparing it with the data, writing it back.

Dates may be typed 2026-09-01 or 01.09.2026, numbers 1390,5; a value that cannot be read raises
`Bad` with the German reason, and the import names its cell.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ...plan.errors import quote
from .. import roundtrip
from .columns import LIST_KINDS, NO, YES, Column, Sheet


@dataclass(frozen=True)
class Cell:
    """A cell of the workbook, named for the editor."""

    sheet: str
    row: int
    column: int  # 1-based
    header: str

    def __str__(self) -> str:
        where = f"Blatt {quote(self.sheet)}, Zeile {self.row}, Spalte {get_column_letter(self.column)}"
        return f"{where} ({quote(self.header)})"


@dataclass
class Row:
    """A row of a sheet: the values read without a problem and the cell of every column."""

    sheet: Sheet
    number: int
    values: dict[Column, Any] = field(default_factory=dict)
    cells: dict[Column, Cell] = field(default_factory=dict)
    measure: str = ""
    indicator: int = 0


class BadCell(Exception):
    """A cell value that cannot be read; the message says why, in German."""


FAILED = object()  # stands for a cell that could not be read, unequal to every value


def as_text(value: Any) -> str:
    """A cell's value as the text an editor sees, without edge whitespace."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def is_blank(value: Any) -> bool:
    return as_text(value) == ""


def is_empty(value: Any) -> bool:
    return value is None or value == []


def split_ids(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def close_match(value: str, allowed: Sequence[str]) -> str:
    # the same matching as loading.py uses for unknown keys
    guess = difflib.get_close_matches(value, list(allowed), n=1)
    return f" – meinten Sie {quote(guess[0])}?" if guess else ""


_GERMAN_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")


def parse_number(value: Any, integer: bool) -> int | float:
    """A number from a cell: 12, 1390.5 or German 1390,5 and 185.000; a percent sign is ignored."""
    if isinstance(value, bool):
        raise BadCell(f"{quote(as_text(value))} ist keine Zahl")
    if isinstance(value, int | float):
        number = float(value)
        shown = as_text(value)
    else:
        shown = as_text(value)
        text = shown.replace("\u00a0", "").replace(" ", "").removesuffix("%")
        if "," in text or _GERMAN_THOUSANDS.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
    if number != number or number in (float("inf"), float("-inf")):
        example = "z. B. 40" if integer else "z. B. 12 oder 1390,5"
        raise BadCell(f"{quote(shown)} ist keine Zahl – erlaubt: {example}")
    if integer and not number.is_integer():
        raise BadCell(f"{quote(shown)} ist keine ganze Zahl – erlaubt: z. B. 40")
    return int(number) if number.is_integer() else number


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_GERMAN_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_GERMAN_MONTH = re.compile(r"(\d{1,2})[./](\d{4})")


def parse_date(value: Any, months: bool) -> str:
    """A date as JJJJ-MM-TT, or JJJJ-MM where `months` allows a whole month."""
    text = as_text(value)
    day = _ISO_DAY.fullmatch(text)
    german = _GERMAN_DAY.fullmatch(text)
    parts = (day[1], day[2], day[3]) if day else (german[3], german[2], german[1]) if german else None
    if parts:
        try:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
        except ValueError:
            raise BadCell(f"{quote(text)} ist kein gültiges Datum – diesen Tag gibt es im Kalender nicht") from None
    month = _ISO_MONTH.fullmatch(text)
    german_month = _GERMAN_MONTH.fullmatch(text)
    year_month = (month[1], month[2]) if month else (german_month[2], german_month[1]) if german_month else None
    if months and year_month and 1 <= int(year_month[1]) <= 12:
        return f"{int(year_month[0]):04d}-{int(year_month[1]):02d}"
    allowed = (
        "JJJJ-MM oder JJJJ-MM-TT, z. B. 2026-09 (auch MM.JJJJ oder TT.MM.JJJJ)"
        if months
        else "JJJJ-MM-TT, z. B. 2026-09-01 (auch TT.MM.JJJJ)"
    )
    raise BadCell(f"{quote(text)} ist kein gültiges Datum – erlaubt: {allowed}")


def plain_values(value: Any) -> Any:
    """Values of the round-trip writer as plain Python values, as a YAML file gives them."""
    if isinstance(value, dict):
        return {str(key): plain_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_values(item) for item in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    return value


def commented(value: Any) -> Any:
    """Plain YAML values as the mappings and lists that the round-trip writer uses."""
    if isinstance(value, dict):
        return CommentedMap((key, commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(commented(item) for item in value)
    return value


def store_list(
    parent: CommentedMap,
    key: str,
    existing: Any,
    items: list[CommentedMap],
    result: list[CommentedMap],
    order: list[str],
) -> None:
    """Put the new items of a list in place; a list whose items all stay is not touched."""
    if [id(item) for item in result] == [id(item) for item in items]:
        return
    if not result:
        parent.pop(key, None)
    elif isinstance(existing, CommentedSeq):
        if [id(item) for item in result[: len(items)]] == [id(item) for item in items]:
            existing.extend(result[len(items) :])  # appended: what stands keeps its comments
        else:
            del existing[:]
            existing.extend(result)
    else:
        roundtrip.put(parent, key, roundtrip.block_seq(result), order)


def get_path(item: Any, path: Sequence[str]) -> Any:
    for part in path:
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item


def remove_path(item: CommentedMap, path: Sequence[str]) -> None:
    """Delete a key, and the mappings above it that are left empty (not the item itself)."""
    chain: list[dict[Any, Any]] = [item]
    for part in path[:-1]:
        child = chain[-1].get(part)
        if not isinstance(child, dict):
            return
        chain.append(child)
    chain[-1].pop(path[-1], None)
    for depth in range(len(path) - 1, 0, -1):
        if not chain[depth]:
            del chain[depth - 1][path[depth - 1]]


def canonical(column: Column, value: Any) -> Any:
    """A value of a YAML file or a cell in one comparable form; an absent key counts as its default."""
    if value is FAILED:
        return value
    kind = column.kind
    if kind in LIST_KINDS:
        return tuple(value or ())
    if value is None:
        return "EUR" if column.path == ("budget", "currency") else None
    if kind in ("int", "number") and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind in ("when", "day"):
        try:
            return parse_date(value, months=True)
        except BadCell:
            return str(value)
    if kind == "bool":
        return value
    return str(value)


def latest_state(measure: CommentedMap) -> tuple[Any, Any]:
    """Status and progress of the newest update, as the site shows them."""
    updates = measure.get("updates")
    if not isinstance(updates, list) or not updates or not isinstance(updates[-1], dict):
        return None, None
    progress = next(
        (u.get("progress") for u in reversed(updates) if isinstance(u, dict) and u.get("progress") is not None), 0
    )
    return updates[-1].get("status"), progress


def data_folder(data_dir: Path, root: Path) -> str:
    try:
        return data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return data_dir.name
