"""Command line: `python -m actionplan check` validates data and prose without building the site."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from .build import prepare_build
from .errors import PlanError, PlanErrors
from .schema import sync_schemas
from .translations import format_report, translation_report


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
    """Each error as an annotation on its file and line, and a table in the job summary."""
    for error in errors:
        where = f"file={error.file}" + (f",line={error.line}" if error.line else "")
        text = f"{error.path}: {error.message}" if error.path else error.message
        print(f"::error {where},title=Fehler in den Daten::{_escape_annotation(text)}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        rows = [f"| `{e.file}` | {e.line or ''} | `{e.path}` | {_escape_cell(e.message)} |" for e in errors]
        table = [
            "### Fehler in den Daten",
            "",
            "| Datei | Zeile | Feld | Fehler |",
            "| --- | --- | --- | --- |",
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m actionplan", description="Daten und Texte des Handlungskonzepts prüfen."
    )
    parser.add_argument(
        "command",
        choices=["check", "translations", "schemas"],
        help="check: alle Daten und Marker prüfen, ohne die Website zu bauen; "
        "translations: je Sprache zeigen, was fehlt und ob die Fassung geprüft ist; "
        "schemas: JSON-Schemas und Modelines der Datendateien aktualisieren",
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
    print(
        f"Alles in Ordnung: {len(plan.measures)} Maßnahmen in {len(plan.fields)} Handlungsfeldern, Sprachen: {', '.join(languages)}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
