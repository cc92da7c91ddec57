"""Errors that editors read: German, with file, line and key path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class PlanError:
    """One mistake in the data or the prose, located for the editor."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class PlanErrors(Exception):
    """All mistakes found in one build, reported together."""

    def __init__(self, errors: Iterable[PlanError]) -> None:
        self.errors = sorted(set(errors), key=_sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        """Render the errors as the German report shown to editors."""
        head = f"{len(self.errors)} Fehler in den Daten – die Website wurde nicht gebaut:"
        return "\n".join([head, *(f"  {error}" for error in self.errors)])


def _sort_key(error: PlanError) -> tuple[str, int, str, str]:
    return (error.file, error.line, error.path, error.message)


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
