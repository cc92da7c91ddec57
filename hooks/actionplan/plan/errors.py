"""Errors that editors read: German, with file, line, column and key path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Key = tuple[str | int, ...]
"""A key path inside a data file: ("updates", 2, "status")."""

ErrorKind = Literal[
    "syntax",  # the file is no valid YAML or JSON, or not UTF-8
    "file",  # a file is missing, misnamed or holds the wrong kind of thing (no list, no mapping)
    "missing",  # a required key is missing; `key` names it, `path` is where it belongs
    "unknown_key",  # a key the file's model does not know
    "wrong_type",  # a value of the wrong type: a text where a number belongs, …
    "bad_value",  # a value outside what is allowed: a status, a pattern, a range, a calendar date
    "unknown_reference",  # an id that names nothing (a field, quarter, actor, measure, …)
    "duplicate",  # an id or key given twice
    "inconsistent",  # values that contradict each other: dates out of order, status rules, id and file name
    "release",  # versions and snapshots: what was released must stay, and be built from its data
    "marker",  # a marker in the prose: unknown, misplaced, wrong arguments, its data missing
    "prose",  # prose that breaks the site's promises: a request to another host, a script, an embedding
    "output",  # an output could not be made (a PDF that needs the network, the search index)
    "option",  # a command-line option or environment variable
]
"""Stable ids of what kind of mistake an error is, for tools (the spreadsheet import) to act on."""


@dataclass(frozen=True, order=True)
class PlanError:
    """One mistake in the data or the prose, located for the editor.

    `line` and `column` are 1-based; 0 means unknown (a missing file has neither). `path` is the
    key path as printed; `key` is the same as a tuple (for a missing key: the key that is missing,
    below `path`). `kind` and `key` are for tools and take no part in comparing errors: two errors
    print the same, they are the same.
    """

    file: str
    line: int
    path: str
    message: str
    column: int = 0
    kind: ErrorKind = field(kw_only=True, compare=False)
    key: Key = field(default=(), kw_only=True, compare=False)

    def __str__(self) -> str:
        return f"{self.where}: {self.path}: {self.message}" if self.path else f"{self.where}: {self.message}"

    @property
    def where(self) -> str:
        """`file:line:column`, `file:line` or `file`, as far as the place is known."""
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"


class PlanErrors(Exception):
    """All mistakes found in one build, reported together."""

    def __init__(self, errors: Iterable[PlanError]) -> None:
        self.errors = sorted(set(errors), key=_sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        """Render the errors as the German report shown to editors."""
        head = f"{len(self.errors)} Fehler in den Daten – die Website wurde nicht gebaut:"
        return "\n".join([head, *(f"  {error}" for error in self.errors)])


def _sort_key(error: PlanError) -> tuple[str, int, int, str, str]:
    return (error.file, error.line, error.column, error.path, error.message)


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of a byte offset, e.g. of a byte that is no UTF-8."""
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", errors="replace")) + 1


def quote(value: object) -> str:
    """Quote a found value the German way: „wert“."""
    return f"„{value}“"


def format_path(loc: Iterable[str | int]) -> str:
    """Turn ("updates", 2, "status") into "updates[2].status"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def display_path(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the project folder where it lies inside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
