"""HTML-comment markers by which editors place generated content in prose.

`<!-- plan:measures field=wohnen-quartier -->` shows nothing in raw Markdown and is replaced
by the rendered table. Every marker of every page is checked before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import PlanError, quote
from .loading import Plan
from .model import STATUSES

MARKER = re.compile(r"<!--\s*plan:(?P<body>.*?)-->", re.DOTALL)
_ARG = re.compile(r"(?<!\S)([a-z_]+)=(\S+)")


@dataclass(frozen=True)
class Marker:
    name: str
    args: dict[str, str]


def _field(plan: Plan, value: str) -> str | None:
    return (
        None
        if value in plan.fields_by_id
        else f"Handlungsfeld {quote(value)} gibt es nicht (erlaubt: {', '.join(plan.fields_by_id)})"
    )


def _measure(plan: Plan, value: str) -> str | None:
    return None if value in plan.measures_by_id else f"Maßnahme {quote(value)} gibt es nicht"


def _quarter(plan: Plan, value: str) -> str | None:
    return (
        None
        if value in plan.quarters_by_id
        else f"Quartier {quote(value)} gibt es nicht (erlaubt: {', '.join(plan.quarters_by_id)})"
    )


def _status(plan: Plan, value: str) -> str | None:
    return None if value in STATUSES else f"{quote(value)} ist kein gültiger Status (erlaubt: {', '.join(STATUSES)})"


ArgCheck = Callable[[Plan, str], "str | None"]

MARKERS: dict[str, dict[str, ArgCheck]] = {
    "progress": {"field": _field},
    "fields": {},
    "measures": {"field": _field, "quarter": _quarter, "status": _status},
    "principles": {},
    "quality-criteria": {},
    "quarters": {},
    "field": {"id": _field},
    "measure": {"id": _measure},
}
"""Every marker with the arguments it takes and how each argument is checked."""

REQUIRED = {"field": "id", "measure": "id"}


def parse_marker(body: str) -> tuple[Marker | None, str | None]:
    """Split the text after `plan:` into name and arguments, or say what is wrong (German)."""
    name, _, rest = body.strip().partition(" ")
    if name not in MARKERS:
        return None, f"unbekannter Marker {quote('plan:' + name)} (erlaubt: {', '.join('plan:' + n for n in MARKERS)})"
    args = dict(_ARG.findall(rest))
    leftover = _ARG.sub("", rest).strip()
    if leftover:
        return None, f"{quote(leftover)} ist kein Argument der Form name=wert"
    return Marker(name, args), None


def check_marker(plan: Plan, marker: Marker) -> list[str]:
    """Problems with a marker's arguments, in German."""
    problems = []
    allowed = MARKERS[marker.name]
    for key, value in marker.args.items():
        if key not in allowed:
            problems.append(
                f"plan:{marker.name} kennt kein Argument {quote(key)} (erlaubt: {', '.join(allowed) or 'keine'})"
            )
            continue
        problem = allowed[key](plan, value)
        if problem:
            problems.append(problem)
    required = REQUIRED.get(marker.name)
    if required and required not in marker.args:
        problems.append(f"plan:{marker.name} braucht das Argument {quote(required)}")
    return problems


def iter_markers(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, body, whole marker) of every marker in a Markdown or HTML text."""
    for match in MARKER.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match["body"], match[0]


def scan_docs(docs_dir: Path, root: Path, plan: Plan) -> tuple[list[PlanError], dict[str, str]]:
    """Check the markers of every Markdown page; return errors and where each listing lives.

    The second result maps a listing marker (principles, quarters, …) to the source path of
    the first German page that shows it, so data pages can link to it.
    """
    errors: list[PlanError] = []
    placed: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        display = (
            path.resolve().relative_to(root.resolve()).as_posix()
            if path.resolve().is_relative_to(root.resolve())
            else rel
        )
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for line, body, whole in iter_markers(text):
            if lines[line - 1].strip() != whole:
                errors.append(
                    PlanError(
                        display,
                        line,
                        "",
                        "ein Marker muss allein in seiner Zeile stehen, mit Leerzeilen davor und danach",
                    )
                )
                continue
            marker, problem = parse_marker(body)
            if marker is None:
                errors.append(PlanError(display, line, "", problem or ""))
                continue
            errors += [PlanError(display, line, "", p) for p in check_marker(plan, marker)]
            if not _is_translation(rel) and not marker.args:
                placed.setdefault(marker.name, rel)
    return errors, placed


def _is_translation(rel: str) -> bool:
    """Whether a docs path is a translated variant (index.en.md)."""
    parts = rel.split(".")
    return len(parts) > 2
