"""What loading knows beyond the valid entries: where each came from, and what was invalid.

Validation uses both: a `Located` entry names its file and key path in an error, and `Seen`
keeps one mistake from being reported twice.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .errors import ErrorKind, PlanError
from .yamlsource import Loc, Source


@dataclass
class Seen:
    """What exists although it could not be validated, so one mistake is reported only once.

    References to an entry with an error of its own, or into a file that could not be read,
    are not reported again as "gibt es nicht".
    """

    invalid_ids: dict[str, set[object]] = field(default_factory=dict)  # file name -> raw ids
    unavailable: set[str] = field(default_factory=set)  # file names

    def remember(self, name: str, raw: Any) -> None:
        if isinstance(raw, dict):
            _add_id(self.invalid_ids.setdefault(name, set()), raw.get("id"))
            if name == "fields.yml":
                goals = raw.get("goals")
                for goal in goals if isinstance(goals, list) else []:
                    if isinstance(goal, dict):
                        _add_id(self.invalid_ids.setdefault("goals", set()), goal.get("id"))

    def skips(self, name: str, value: object) -> bool:
        """Whether a reference to `value` in file `name` must not be reported as unknown."""
        if name in self.unavailable:
            return True
        return isinstance(value, Hashable) and value in self.invalid_ids.get(name, set())


def _add_id(ids: set[object], value: object) -> None:
    """Remember an id as written; a list or mapping where an id belongs names nothing (found by the fuzz test)."""
    if isinstance(value, Hashable):
        ids.add(value)


class Located(NamedTuple):
    """A validated item with the file and key path it came from."""

    item: Any
    source: Source
    loc: Loc

    def error(self, path: Loc, message: str, *, kind: ErrorKind, at_key: bool = False) -> PlanError:
        """An error at a key path below this item (at its key rather than its value with `at_key`)."""
        return self.source.error((*self.loc, *path), message, kind=kind, at_key=at_key)
