"""The translation report: per language, what is missing and whether it is reviewed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from actionplan.editing.translations import format_report, translation_report
from actionplan.plan.loading import load_plan

from .helpers import LANGUAGES


def test_report_names_missing_pages_texts_and_the_review_state(make_data: Callable[..., Path], tmp_path: Path) -> None:
    data = make_data()
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in {"index.md": "# Start", "index.en.md": "# Start", "leitbild.md": "# Leitbild"}.items():
        (docs / name).write_text(text + "\n", encoding="utf-8")
    plan = load_plan(data, data.parent, LANGUAGES)

    reports = translation_report(plan, docs)

    assert [(r.lang, r.reviewed, r.missing_pages) for r in reports] == [
        ("en", True, ["leitbild.md"]),
        ("ar", False, ["index.md", "leitbild.md"]),
    ]
    english = format_report(reports[:1]).splitlines()
    assert english[0].startswith("en: 1 Seite, ")
    assert english[0].endswith(" fehlen, geprüft")
    assert english[1] == "  Seite fehlt: docs/leitbild.en.md"
    assert "  Text fehlt: data/measures/sb-01.yml:6: summary" in english


def test_complete_language_is_one_line() -> None:
    from actionplan.editing.translations import LanguageReport

    assert format_report([LanguageReport("fa", False)]) == "fa: vollständig übersetzt, noch nicht geprüft"


def test_report_without_details_is_one_line_per_language() -> None:
    from actionplan.editing.translations import LanguageReport

    reports = [LanguageReport("en", True, missing_pages=["leitbild.md"]), LanguageReport("fa", False)]

    assert format_report(reports, details=False) == (
        "en: 1 Seite, 0 Datentexte, 0 Beschriftungen fehlt, geprüft\nfa: vollständig übersetzt, noch nicht geprüft"
    )
