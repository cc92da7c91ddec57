"""Command line: `python -m actionplan check` validates data and prose without building the site."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from .build import prepare_build
from .editing import stale
from .editing.jobsummary import append_job_summary
from .editing.schema import sync_schemas
from .editing.translations import format_report, translation_report
from .plan.errors import PlanError, PlanErrors


def read_mkdocs_yml(mkdocs_yml: Path) -> dict[str, Any]:
    """mkdocs.yml as data; tags such as !ENV, which only MkDocs resolves, read as empty."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config: dict[str, Any] = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader)
    return config


def site_languages(mkdocs_yml: Path) -> tuple[list[str], str]:
    """The languages configured for static-i18n in mkdocs.yml, and the default one."""
    config = read_mkdocs_yml(mkdocs_yml)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            codes = [lang["locale"] for lang in languages]
            default = next((lang["locale"] for lang in languages if lang.get("default")), codes[0])
            return codes, default
    return ["de"], "de"


def report_to_github(errors: list[PlanError]) -> None:
    """Each error as an annotation on its file, line and column, and a table in the job summary."""
    for error in errors:
        where = f"file={error.file}" + (f",line={error.line}" if error.line else "")
        where += f",col={error.column}" if error.line and error.column else ""
        text = f"{error.path}: {error.message}" if error.path else error.message
        print(f"::error {where},title=Fehler in den Daten::{_escape_annotation(text)}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        rows = [
            f"| `{e.file}` | {e.line or ''} | {e.column or ''} | `{e.path}` | {_escape_cell(e.message)} |"
            for e in errors
        ]
        table = [
            "### Fehler in den Daten",
            "",
            "| Datei | Zeile | Spalte | Feld | Fehler |",
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
        ]
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write("\n".join(table) + "\n")


def _escape_annotation(text: str) -> str:
    # GitHub's workflow commands need %, CR and LF escaped in the message
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


# Commands with options of their own: module, then the names of its description, the function that
# adds the options and the one that runs with root and languages. Imported only when used, so that
# `check` stays fast (the PDF and spreadsheet modules pull in Markdown, WeasyPrint and openpyxl).
_EDITOR_COMMANDS: dict[str, tuple[str, str, str, str]] = {
    "new": ("editing.scaffold", "DESCRIPTION", "add_arguments", "run"),
    "stale": ("editing.stale", "DESCRIPTION", "add_arguments", "run"),
    "release": ("publishing.mike", "DESCRIPTION", "add_arguments", "run"),
    "publish-draft": ("publishing.mike", "DRAFT_DESCRIPTION", "add_draft_arguments", "run_draft"),
    "export-xlsx": ("editing.spreadsheet.importer", "EXPORT_DESCRIPTION", "add_export_arguments", "run_export"),
    "import-xlsx": ("editing.spreadsheet.importer", "IMPORT_DESCRIPTION", "add_import_arguments", "run_import"),
    "pdf": ("outputs.pdf", "DESCRIPTION", "add_arguments", "run"),
}


def _editor_command(name: str, argv: list[str]) -> int:
    module_name, description_name, add_name, run_name = _EDITOR_COMMANDS[name]
    module = importlib.import_module(f"{__package__}.{module_name}")
    description: str = getattr(module, description_name)
    add_arguments: Callable[[argparse.ArgumentParser], None] = getattr(module, add_name)
    run: Callable[[argparse.Namespace, Path, Sequence[str]], int] = getattr(module, run_name)
    parser = argparse.ArgumentParser(prog=f"python -m actionplan {name}", description=description)
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="Projektordner mit mkdocs.yml (Standard: aktueller Ordner)"
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    if not (args.root / "mkdocs.yml").is_file():
        print(f"mkdocs.yml: die Datei fehlt – ist {args.root} der Projektordner? (--root)", file=sys.stderr)
        return 1
    languages, _ = site_languages(args.root / "mkdocs.yml")
    return run(args, args.root, languages)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments and arguments[0] in _EDITOR_COMMANDS:
        return _editor_command(arguments[0], arguments[1:])
    parser = argparse.ArgumentParser(
        prog="python -m actionplan", description="Daten und Texte des Handlungskonzepts prüfen."
    )
    parser.add_argument(
        "command",
        choices=["check", "translations", "schemas", *_EDITOR_COMMANDS],
        help="check: alle Daten und Marker prüfen, ohne die Website zu bauen; "
        "translations: je Sprache zeigen, was fehlt und ob die Fassung geprüft ist; "
        "schemas: JSON-Schemas und Modelines der Datendateien aktualisieren; "
        "new: Maßnahme, Quartier, Begegnungsort oder Veranstaltung aus einer Vorlage anlegen (new --help); "
        "stale: lange nicht aktualisierte Maßnahmen und überschrittene Fristen zeigen (stale --help); "
        "release: eine Fassung veröffentlichen (release --help); publish-draft: den Entwurf veröffentlichen; "
        "export-xlsx: die Maßnahmen als Excel-Tabelle schreiben; import-xlsx: eine bearbeitete Tabelle einlesen; "
        "pdf: das Gesamtdokument je Sprache als PDF schreiben (pdf --help)",
    )
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="Projektordner mit mkdocs.yml (Standard: aktueller Ordner)"
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    if not (root / "mkdocs.yml").is_file():
        print(f"mkdocs.yml: die Datei fehlt – ist {root} der Projektordner? (--root)", file=sys.stderr)
        return 1
    languages, default = site_languages(root / "mkdocs.yml")
    config = read_mkdocs_yml(root / "mkdocs.yml")
    if args.command == "schemas":
        changed = sync_schemas(root / "data", languages)
        if changed:
            print("Aktualisiert (bitte übernehmen):\n" + "\n".join(f"  {path}" for path in changed), file=sys.stderr)
            return 1
        print("Die JSON-Schemas und Modelines sind aktuell.")
        return 0
    theme = config.get("theme") or {}
    try:
        build = prepare_build(
            root=root,
            docs_dir=root / (config.get("docs_dir") or "docs"),
            template_dir=root / (theme.get("custom_dir") or "overrides") / "plan",
            languages=languages,
            default_language=default,
            lang=default,
        )
    except PlanErrors as exc:
        print(exc.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            report_to_github(exc.errors)
        return 1
    plan = build.plan
    if args.command == "translations":
        print(format_report(translation_report(plan, root / (config.get("docs_dir") or "docs"))))
        return 0
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:  # the translation and stale reports where reviewers of a pull request look
        docs_dir = root / (config.get("docs_dir") or "docs")
        append_job_summary(Path(summary), plan, docs_dir, stale.today(), stale.DEFAULT_DAYS)
    print(
        f"Alles in Ordnung: {len(plan.measures)} Maßnahmen in {len(plan.fields)} Handlungsfeldern, Sprachen: {', '.join(languages)}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
