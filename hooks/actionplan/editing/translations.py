"""What is missing in each language: prose pages, data texts, labels, and the review state."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..plan.errors import format_path
from ..plan.plan import Plan
from ..plan.texts import Labels, load_labels
from ..plan.yamlsource import Loc


@dataclass
class LanguageReport:
    """One language: what a translator still has to do."""

    lang: str
    reviewed: bool
    missing_pages: list[str] = field(default_factory=list)  # German source pages without this language
    missing_texts: list[str] = field(default_factory=list)  # "file:line: key.path"
    missing_labels: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.missing_pages or self.missing_texts or self.missing_labels)


def translation_report(plan: Plan, docs_dir: Path, labels: Labels | None = None) -> list[LanguageReport]:
    """A report for every language but the default (German), in the site's order; `labels`: the build's."""
    german_pages = sorted(
        p.relative_to(docs_dir).as_posix()
        for p in docs_dir.rglob("*.md")
        if len(p.name.split(".")) == 2 and not _german_by_design(p)
    )
    texts = [(source, loc, text) for source in plan.sources.values() for loc, text in _texts(source.data, ())]
    labels = labels if labels is not None else load_labels()
    reports = []
    for lang in plan.languages[1:]:
        report = LanguageReport(lang, plan.reviewed(lang))
        report.missing_pages = [p for p in german_pages if not (docs_dir / p.replace(".md", f".{lang}.md")).exists()]
        report.missing_texts = [
            f"{source.file}:{source.line(loc)}: {format_path(loc)}" for source, loc, text in texts if lang not in text
        ]
        report.missing_labels = [key for key, text in labels.items() if lang not in text]
        reports.append(report)
    return reports


def format_report(reports: Sequence[LanguageReport], details: bool = True) -> str:
    """The report in German, one block per language; without details one line each."""
    lines = []
    for r in reports:
        state = "geprüft" if r.reviewed else "noch nicht geprüft"
        if r.complete:
            lines.append(f"{r.lang}: vollständig übersetzt, {state}")
            continue
        counts = ", ".join(
            [
                _count(len(r.missing_pages), "Seite", "Seiten"),
                _count(len(r.missing_texts), "Datentext", "Datentexte"),
                _count(len(r.missing_labels), "Beschriftung", "Beschriftungen"),
            ]
        )
        counts += " fehlen" if len(r.missing_pages) + len(r.missing_texts) + len(r.missing_labels) > 1 else " fehlt"
        lines.append(f"{r.lang}: {counts}, {state}")
        if not details:
            continue
        lines += [f"  Seite fehlt: docs/{p.replace('.md', f'.{r.lang}.md')}" for p in r.missing_pages]
        lines += [f"  Text fehlt: {t}" for t in r.missing_texts]
        lines += [f"  Beschriftung fehlt: hooks/actionplan/plan/labels.yml: {k}" for k in r.missing_labels]
    return "\n".join(lines)


def _german_by_design(page: Path) -> bool:
    """Whether a page's front matter says it is German only (`language: de`), like Leichte Sprache."""
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return False
    front = text[4 : text.find("\n---", 4)]
    return any(line.strip() == "language: de" for line in front.splitlines())


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, dict[str, str]]]:
    """Every translatable text (a mapping that has German) in a parsed data file."""
    if isinstance(value, dict):
        if isinstance(value.get("de"), str) and all(isinstance(v, str) for v in value.values()):
            yield loc, value
            return
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
