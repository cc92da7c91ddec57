"""The reports in GitHub's job summary: what is untranslated and what is stale, as Markdown tables.

`python -m actionplan check` appends them to the file named by GITHUB_STEP_SUMMARY when the
data is valid, so a pull request's checks page shows them without anyone running a command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from babel import Locale

from ..plan.plan import Plan
from ..plan.texts import Labels
from .stale import StaleReport, stale_report
from .translations import LanguageReport, translation_report

MAX_ROWS = 100
"""Rows per language in the details of the translation report; `make translations` lists all."""


def job_summary(plan: Plan, docs_dir: Path, on: dt.date, days: int, labels: Labels | None = None) -> str:
    """Both reports as Markdown sections, each ending with a blank line."""
    translations = translations_markdown(translation_report(plan, docs_dir, labels))
    return translations + stale_markdown(stale_report(plan, on, days))


def append_job_summary(
    summary_file: Path, plan: Plan, docs_dir: Path, on: dt.date, days: int, labels: Labels | None = None
) -> None:
    """Append both reports to GitHub's job summary file."""
    with summary_file.open("a", encoding="utf-8") as handle:
        handle.write(job_summary(plan, docs_dir, on, days, labels))


def translations_markdown(reports: Sequence[LanguageReport]) -> str:
    """Per language: review state and counts of what is missing, and the missing items folded away."""
    lines = [
        "### Übersetzungen",
        "",
        "| Sprache | Fassung | fehlende Seiten | fehlende Datentexte | fehlende Beschriftungen |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for r in reports:
        state = "geprüft" if r.reviewed else "noch nicht geprüft"
        lines.append(
            f"| {_language(r.lang)} | {state} | {len(r.missing_pages)} | {len(r.missing_texts)} | {len(r.missing_labels)} |"
        )
    lines.append("")
    for r in reports:
        if r.complete:
            continue
        items = [
            *(f"- Seite `docs/{page.replace('.md', f'.{r.lang}.md')}`" for page in r.missing_pages),
            *(f"- Text `{text}`" for text in r.missing_texts),
            *(f"- Beschriftung `hooks/actionplan/plan/labels.yml: {key}`" for key in r.missing_labels),
        ]
        shown = items[:MAX_ROWS]
        if len(items) > MAX_ROWS:
            shown.append(f"- … und {len(items) - MAX_ROWS} weitere – alle zeigt `make translations`")
        lines += [
            f"<details><summary>{_language(r.lang)}: {len(items)} fehlen</summary>",
            "",
            *shown,
            "",
            "</details>",
            "",
        ]
    return "\n".join(lines) + "\n"


def stale_markdown(report: StaleReport) -> str:
    """The stale report as one table, grouped in the report's order."""
    lines = [f"### Veraltete Angaben (Stand {report.today.isoformat()})", ""]
    if not report.count:
        lines += [
            f"Nichts veraltet: alle {report.open_measures} offenen Maßnahmen wurden in den letzten {report.days} "
            "Tagen aktualisiert, kein Meilenstein und kein geplantes Ende ist überschritten.",
            "",
        ]
        return "\n".join(lines) + "\n"
    counts = ", ".join(f"{heading}: {len(items)}" for heading, items in report.groups)
    hints = "1 Hinweis" if report.count == 1 else f"{report.count} Hinweise"
    lines += [
        f"{hints} zu {report.measures_concerned} von {report.open_measures} offenen Maßnahmen "
        f"({counts}); einzeln mit `make stale`.",
        "",
        "| Art | Datei | Zeile | Feld | Hinweis |",
        "| --- | --- | --- | --- | --- |",
    ]
    for heading, items in report.groups:
        lines += [f"| {heading} | `{i.file}` | {i.line or ''} | `{i.path}` | {_cell(i.message)} |" for i in items]
    return "\n".join([*lines, ""]) + "\n"


def _language(code: str) -> str:
    """A language's German name with its code – "uk" alone reads like the United Kingdom."""
    name = Locale.parse("de").languages.get(code)
    return f"{name} ({code})" if name else code


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
