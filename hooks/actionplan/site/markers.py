"""HTML-comment markers by which editors place generated content in prose.

`<!-- plan:measures field=wohnen-quartier -->` shows nothing in raw Markdown and is replaced
by the rendered table. Every marker of every page is checked before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..plan.errors import PlanError, byte_position, quote
from ..plan.model import STATUSES
from ..plan.plan import Plan

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


def _removed(plan: Plan, value: str) -> str | None:
    return None if value in plan.removed_by_id else f"entfernte Maßnahme {quote(value)} gibt es nicht"


def _quarter(plan: Plan, value: str) -> str | None:
    return (
        None
        if value in plan.quarters_by_id
        else f"Quartier {quote(value)} gibt es nicht (erlaubt: {', '.join(plan.quarters_by_id)})"
    )


def _status(plan: Plan, value: str) -> str | None:
    return None if value in STATUSES else f"{quote(value)} ist kein gültiger Status (erlaubt: {', '.join(STATUSES)})"


ArgCheck = Callable[[Plan, str], "str | None"]

EDITOR_MARKERS: dict[str, dict[str, ArgCheck]] = {
    "progress": {"field": _field},
    "fields": {},
    "measures": {"field": _field, "quarter": _quarter, "status": _status},
    "principles": {},
    "quality-criteria": {},
    "quarters": {},
    "declaration": {},
    "events": {},
    "imprint": {},
    "privacy": {},
    "accessibility": {},
    "places": {"quarter": _quarter},
    "inventory": {},
    "offers": {"quarter": _quarter},
    "workshop": {},
    "proposals": {},
    "sign-language": {},
    "changes": {},
    "open-data": {},
}
"""The markers editors place in prose, with the arguments each takes and how they are checked."""

MARKERS: dict[str, dict[str, ArgCheck]] = {
    **EDITOR_MARKERS,
    "field": {"id": _field},
    "measure": {"id": _measure},
    "quarter": {"id": _quarter},
    "search": {},
    "removed": {"id": _removed},
}
"""All markers, including the ones that make generated pages (not offered to editors)."""

REQUIRED = {"field": "id", "measure": "id", "quarter": "id", "removed": "id"}
LISTINGS = ("principles", "quality-criteria", "quarters", "fields", "places")
"""Listings that other pages link into, so every translation of a page must keep them."""


def parse_marker(body: str) -> tuple[Marker | None, str | None]:
    """Split the text after `plan:` into name and arguments, or say what is wrong (German)."""
    name, _, rest = body.strip().partition(" ")
    if name not in MARKERS:
        return (
            None,
            f"unbekannter Marker {quote('plan:' + name)} (erlaubt: {', '.join('plan:' + n for n in EDITOR_MARKERS)})",
        )
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


def scan_docs(
    docs_dir: Path, root: Path, plan: Plan, languages: Sequence[str] = ()
) -> tuple[list[PlanError], dict[str, str]]:
    """Check the markers of every Markdown page; return errors and where each listing lives.

    The second result maps a listing marker (principles, quarters, …) to the source path of
    the first German page that shows it, so data pages can link to it.
    """
    errors: list[PlanError] = []
    placed: dict[str, str] = {}
    listings: dict[str, set[str]] = {}  # source path -> listing markers on it
    needs_data = {
        "declaration": (plan.declaration, "data/declaration.yml"),
        "imprint": (plan.site, "data/site.yml"),
        "privacy": (plan.site, "data/site.yml"),
        "accessibility": (plan.accessibility, "data/accessibility.yml"),
        "workshop": (plan.participation, "data/participation.yml"),
        "proposals": (plan.participation, "data/participation.yml"),
        "open-data": (plan.site, "data/site.yml"),
    }
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        display = _display(path, root, rel)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line, column = byte_position(path.read_bytes(), exc.start)
            errors.append(
                PlanError(
                    display,
                    line,
                    "",
                    "die Datei ist nicht in UTF-8 gespeichert – bitte im Editor mit der Kodierung UTF-8 speichern",
                    column,
                )
            )
            continue
        lines = _without_code(text.splitlines())
        found: set[str] = set()
        for line, body, whole in iter_markers("\n".join(lines)):
            before = lines[line - 2].strip() if line > 1 else ""
            after = lines[line].strip() if line < len(lines) else ""
            column = lines[line - 1].find(whole.split("\n", 1)[0]) + 1  # where the marker's "<!--" stands
            if lines[line - 1].strip() != whole or before or after:
                errors.append(
                    PlanError(
                        display,
                        line,
                        "",
                        "ein Marker muss allein in seiner Zeile stehen, mit einer Leerzeile davor und danach",
                        column,
                    )
                )
                continue
            marker, problem = parse_marker(body)
            if marker is None:
                errors.append(PlanError(display, line, "", problem or "", column))
                continue
            errors += [PlanError(display, line, "", p, column) for p in check_marker(plan, marker)]
            data, file = needs_data.get(marker.name, (True, ""))
            if data is None:
                message = f"plan:{marker.name} braucht die Datei {file}, die es nicht gibt"
                errors.append(PlanError(display, line, "", message, column))
            if not marker.args:
                found.add(marker.name)
                if _language_of(rel, languages) is None:
                    placed.setdefault(marker.name, rel)
        listings[rel] = found
    for rel, found in listings.items():
        lang = _language_of(rel, languages)
        german = rel.replace(f".{lang}.md", ".md") if lang else None
        if german in listings:
            for name in sorted((listings[german] - found) & set(LISTINGS)):
                errors.append(
                    PlanError(
                        _display(docs_dir / rel, root, rel),
                        0,
                        "",
                        f"der Marker „<!-- plan:{name} -->“ fehlt in dieser Übersetzung – die deutsche Seite {german} zeigt ihn, und andere Seiten verlinken darauf",
                    )
                )
    return errors, placed


def _display(path: Path, root: Path, rel: str) -> str:
    resolved = path.resolve()
    return resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else rel


def _without_code(lines: list[str]) -> list[str]:
    """The lines with fenced code blocks blanked out (a marker shown as an example is no marker)."""
    out, fence = [], ""
    for line in lines:
        stripped = line.lstrip()
        if fence:
            out.append("")
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            out.append("")
        else:
            out.append(line)
    return out


_LOCALE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


def _language_of(rel: str, languages: Sequence[str]) -> str | None:
    """The language of a translated docs path (index.en.md -> "en"); None for German sources.

    Without a list of languages, any locale-like suffix counts, as static-i18n does.
    """
    parts = rel.rsplit(".", 2)
    if len(parts) != 3:
        return None
    code = parts[1]
    return code if (code in languages if languages else _LOCALE.fullmatch(code)) else None
