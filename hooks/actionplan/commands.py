"""The command line, `python -m actionplan <command>`: every command's options, and the calls into the core.

The Makefile's targets call these commands. Each command reads the project's facts once
(project.py), takes what it needs from the environment (the version mike publishes,
SOURCE_DATE_EPOCH, GitHub's job summary) and passes it on explicitly: nothing below this module
and the MkDocs hooks reads the environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .build import BuildOptions, check_build, prepare_build
from .editing import stale
from .editing.jobsummary import append_job_summary
from .editing.schema import sync_schemas
from .editing.translations import format_report, translation_report
from .plan.errors import PlanError, PlanErrors, display_path, quote
from .plan.loading import load_plan
from .plan.texts import load_labels
from .project import CONFIG_FILE, Project, read_project

PROG = "python -m actionplan"
_ROOT_HELP = "Projektordner mit mkdocs.yml (Standard: aktueller Ordner)"


@dataclass(frozen=True)
class Command:
    """One command: what `--help` says, its options, and what it does with the project."""

    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Project], int]
    summary: str  # one line in the overview of `python -m actionplan --help`


# ---- check, translations, schemas


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run_check(args: argparse.Namespace, project: Project) -> int:
    """`check`: everything a build checks, without building; in GitHub Actions also annotations and reports."""
    try:  # what a build checks, and nothing it renders
        checked = check_build(project, lang=project.default_language, options=BuildOptions.from_environ(os.environ))
    except PlanErrors as exc:
        print(exc.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            report_to_github(exc.errors, os.environ.get("GITHUB_STEP_SUMMARY"))
        return 1
    plan = checked.plan
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:  # the translation and stale reports where reviewers of a pull request look
        append_job_summary(Path(summary), plan, project.docs_dir, stale.today(), stale.DEFAULT_DAYS, load_labels())
    print(
        f"Alles in Ordnung: {len(plan.measures)} Maßnahmen in {len(plan.fields)} Handlungsfeldern, "
        f"Sprachen: {', '.join(project.languages)}."
    )
    return 0


def run_translations(args: argparse.Namespace, project: Project) -> int:
    """`translations`: per language, what is missing, after the same checks as `check`."""
    try:
        build = prepare_build(project, lang=project.default_language, options=BuildOptions.from_environ(os.environ))
    except PlanErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(format_report(translation_report(build.plan, project.docs_dir, build.renderer.labels)))
    return 0


def run_schemas(args: argparse.Namespace, project: Project) -> int:
    """`schemas`: bring the JSON Schemas and modelines up to date (fix, then fail)."""
    changed = sync_schemas(project.data_dir, project.languages)
    if changed:
        print("Aktualisiert (bitte übernehmen):\n" + "\n".join(f"  {path}" for path in changed), file=sys.stderr)
        return 1
    print("Die JSON-Schemas und Modelines sind aktuell.")
    return 0


def report_to_github(errors: list[PlanError], summary: str | None) -> None:
    """Each error as an annotation on its file, line and column, and a table in the job summary."""
    for error in errors:
        where = f"file={error.file}" + (f",line={error.line}" if error.line else "")
        where += f",col={error.column}" if error.line and error.column else ""
        text = f"{error.path}: {error.message}" if error.path else error.message
        print(f"::error {where},title=Fehler in den Daten::{_escape_annotation(text)}")
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


# ---- new


def _new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "kind",
        choices=["measure", "quarter", "place", "event"],
        help="measure: Maßnahme (data/measures/<kennung>.yml); quarter: Quartier; place: Begegnungsort; "
        "event: Veranstaltung (angehängt an data/quarters.yml, places.yml, events.yml)",
    )
    parser.add_argument(
        "--field", help="Handlungsfeld einer neuen Maßnahme: Kürzel (WQ) oder Kennung (wohnen-quartier)"
    )
    parser.add_argument("--id", help="Kennung eines neuen Quartiers, Begegnungsorts oder einer Veranstaltung")
    parser.add_argument(
        "--date", type=parse_day, default=None, help="Datum „heute“ für die Vorlage, JJJJ-MM-TT (Standard: heute)"
    )


def run_new(args: argparse.Namespace, project: Project) -> int:
    """`new …`: create from a template, print what was created and what comes next."""
    from .editing.scaffold import new_entry, new_measure  # deferred: its Jinja2 templates are not for `make check`

    today: dt.date = args.date or dt.date.today()
    root, languages = project.root, project.languages
    try:
        if args.kind == "measure":
            if args.id is not None:
                raise _refuse(
                    "--id",
                    "eine neue Maßnahme bekommt ihre Kennung automatisch (die nächste freie ihres Handlungsfelds) – bitte nur --field angeben",
                )
            created = new_measure(project.data_dir, root, args.field or "", languages, today)
        else:
            if args.field is not None:
                raise _refuse("--field", "gilt nur für „new measure“; hier bitte nur --id angeben")
            created = new_entry(project.data_dir, root, args.kind, args.id or "", languages, today)
    except PlanErrors as exc:
        print("\n".join(["Nichts angelegt:", *(f"  {error}" for error in exc.errors)]), file=sys.stderr)
        return 1
    print(created.report())
    return 0


def _refuse(option: str, message: str) -> PlanErrors:
    return PlanErrors([PlanError(file=option, line=0, path="", message=message, kind="option")])


def parse_day(value: str) -> dt.date:
    """A date from the command line (JJJJ-MM-TT), with a German message if it is none."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{quote(value)} ist kein gültiges Datum (erlaubt: JJJJ-MM-TT, z. B. 2026-09-01)"
        ) from None


# ---- stale


def _stale_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--days",
        type=_positive,
        default=stale.DEFAULT_DAYS,
        help=f"ab wie vielen Tagen ohne Aktualisierung eine Maßnahme als veraltet gilt (Standard: {stale.DEFAULT_DAYS})",
    )
    parser.add_argument("--today", type=parse_day, default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")


def run_stale(args: argparse.Namespace, project: Project) -> int:
    """`stale`: print the report; exit 1 only if the data cannot be read."""
    try:
        plan = load_plan(project.data_dir, project.root, project.languages)
    except PlanErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(stale.format_stale(stale.stale_report(plan, args.today or stale.today(), args.days)))
    return 0


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{quote(value)} ist keine gültige Anzahl Tage (erlaubt: ganze Zahl ab 1)")
    return int(value)


# ---- release, publish-draft


def _push_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--push", action="store_true", help="gh-pages nach GitHub übertragen (im Workflow)")


def _release_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("version", help="die Version aus data/releases.yml, z. B. 2026.1")
    _push_argument(parser)
    parser.add_argument(
        "--verify",
        action="store_true",
        help="nichts schreiben, nur prüfen, dass Stand und CITATION.cff zur Fassung passen (so läuft es am Tag)",
    )
    parser.add_argument(
        "--update", action="store_true", help="einen vorhandenen Stand überschreiben (nur vor dem Tag erlaubt)"
    )


def run_release(args: argparse.Namespace, project: Project) -> int:
    """`release VERSION`: publish a version into the local gh-pages branch with mike."""
    from .publishing.mike import ReleaseError, release_version  # deferred: the outputs it needs load for a release only

    try:
        release_version(
            project, args.version, push=args.push, verify=args.verify, update=args.update, environ=os.environ
        )
    except (ReleaseError, PlanErrors) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def run_publish_draft(args: argparse.Namespace, project: Project) -> int:
    """`publish-draft`: publish main as the draft into the local gh-pages branch."""
    from .publishing.mike import ReleaseError, publish_draft  # deferred: as in run_release

    try:
        publish_draft(project, push=args.push, environ=os.environ)
    except (ReleaseError, PlanErrors) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


# ---- export-xlsx, import-xlsx

_WORKBOOK = "massnahmen.xlsx"  # editing.spreadsheet.export.DEFAULT_FILE, named here without loading openpyxl


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=None, help=f"Zieldatei (Standard: {_WORKBOOK} im Projektordner)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="eine vorhandene Tabelle überschreiben (nicht eingelesene Änderungen gehen verloren)",
    )


def run_export(args: argparse.Namespace, project: Project) -> int:
    """`export-xlsx [--out PATH] [--force]`: every measure into a workbook for editing."""
    # deferred: openpyxl and ruamel.yaml load only for the spreadsheet commands, so `check` stays fast
    from .editing.spreadsheet.export import write_workbook
    from .editing.spreadsheet.importer import SpreadsheetErrors  # deferred, as above

    root = project.root
    out: Path = args.out or root / _WORKBOOK
    if out.exists() and not args.force:
        print(
            f"{display_path(out, root)}: die Tabelle gibt es schon – Änderungen darin erst einlesen "
            f"(make import-xlsx FILE={display_path(out, root)}), dann neu exportieren; "
            "oder mit FORCE=1 überschreiben (nicht eingelesene Änderungen gehen dann verloren)",
            file=sys.stderr,
        )
        return 1
    try:
        timestamp = source_date(os.environ)
        plan = load_plan(project.data_dir, root, project.languages)
        write_workbook(plan, out, project.languages, timestamp)
    except PlanErrors as exc:
        head = "Fehler in den Daten – die Tabelle wurde nicht geschrieben (erst beheben, make check):"
        print(SpreadsheetErrors(exc.errors, head).report(), file=sys.stderr)
        return 1
    print(
        f"Geschrieben: {display_path(out, root)} – {len(plan.measures)} Maßnahmen, "
        f"Sprachen: {', '.join(project.languages)}.\n"
        f"Nach dem Bearbeiten einlesen mit: make import-xlsx FILE={display_path(out, root)}"
    )
    return 0


def source_date(environ: Mapping[str, str]) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time without zone, None if unset; a German error if it is no number."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise PlanErrors(
            [
                PlanError(
                    file="SOURCE_DATE_EPOCH",
                    line=0,
                    path="",
                    message=f"{quote(epoch)} ist keine Unix-Zeit in Sekunden",
                    kind="option",
                )
            ]
        )
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=f"die bearbeitete Tabelle, z. B. {_WORKBOOK}")


def run_import(args: argparse.Namespace, project: Project) -> int:
    """`import-xlsx PATH`: an edited workbook back into data/measures/."""
    from .editing.spreadsheet.importer import import_workbook  # deferred: see run_export

    root = project.root
    try:
        written = import_workbook(args.file, project.data_dir, root, project.languages)
    except PlanErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if not written:
        print("Keine Änderungen: die Tabelle stimmt mit den Daten überein.")
        return 0
    lines = [f"  {display_path(path, root)}" for path in written]
    print(f"Eingelesen – {len(written)} Datei(en) geändert oder neu:\n" + "\n".join(lines))
    print("Bitte die Änderungen ansehen (git diff) und übernehmen.")
    return 0


# ---- pdf


def _pdf_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", action="append", help="nur diese Sprache (mehrfach möglich, Standard: alle Sprachen der Website)"
    )
    parser.add_argument("--out", type=Path, default=None, help="Zielordner (Standard: pdf/ im Projektordner)")


def run_pdf(args: argparse.Namespace, project: Project) -> int:
    """`pdf`: check everything as a build does, then write one PDF per language."""
    from .outputs.pdf import write_pdfs  # deferred: WeasyPrint and Markdown load only for the PDF

    languages = project.languages
    unknown = [lang for lang in args.lang or [] if lang not in languages]
    if unknown:
        print(
            f"{quote(unknown[0])} ist keine Sprache dieser Website (erlaubt: {', '.join(languages)})", file=sys.stderr
        )
        return 1
    options = BuildOptions.from_environ(os.environ)
    try:
        build = prepare_build(project, lang=project.default_language, options=options)
        version = options.version if options.version else None
        site_url = urljoin(project.public_url, version + "/") if version else project.public_url
        write_pdfs(
            build.plan,
            args.lang or languages,
            build.building.release,
            project,
            args.out or project.root / "pdf",
            site_url=site_url,
            source_date_epoch=options.source_date_epoch,
            report=print,
        )
    except PlanErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    return 0


# ---- Dispatch

COMMANDS: dict[str, Command] = {
    "check": Command(
        "Alle Daten und Marker prüfen, ohne die Website zu bauen.",
        _no_arguments,
        run_check,
        "check: alle Daten und Marker prüfen, ohne die Website zu bauen",
    ),
    "translations": Command(
        "Je Sprache zeigen, was fehlt und ob die Fassung geprüft ist.",
        _no_arguments,
        run_translations,
        "translations: je Sprache zeigen, was fehlt und ob die Fassung geprüft ist",
    ),
    "schemas": Command(
        "JSON-Schemas und Modelines der Datendateien aktualisieren.",
        _no_arguments,
        run_schemas,
        "schemas: JSON-Schemas und Modelines der Datendateien aktualisieren",
    ),
    "new": Command(
        "Eine neue Maßnahme, ein Quartier, einen Begegnungsort oder eine Veranstaltung aus einer Vorlage anlegen.",
        _new_arguments,
        run_new,
        "new: Maßnahme, Quartier, Begegnungsort oder Veranstaltung aus einer Vorlage anlegen (new --help)",
    ),
    "stale": Command(
        "Zeigen, welche Maßnahmen lange nicht aktualisiert wurden und welche Fristen überschritten sind.",
        _stale_arguments,
        run_stale,
        "stale: lange nicht aktualisierte Maßnahmen und überschrittene Fristen zeigen (stale --help)",
    ),
    "release": Command(
        "Eine Fassung veröffentlichen: Stand festhalten, mit mike bauen und in gh-pages eintragen.",
        _release_arguments,
        run_release,
        "release: eine Fassung veröffentlichen (release --help)",
    ),
    "publish-draft": Command(
        "Den Entwurf (main) als „entwurf“ mit mike bauen und in gh-pages eintragen.",
        _push_argument,
        run_publish_draft,
        "publish-draft: den Entwurf veröffentlichen",
    ),
    "export-xlsx": Command(
        "Alle Maßnahmen als Excel-Tabelle (XLSX) schreiben – zum Bearbeiten und als offene Daten.",
        _export_arguments,
        run_export,
        "export-xlsx: die Maßnahmen als Excel-Tabelle schreiben",
    ),
    "import-xlsx": Command(
        "Eine bearbeitete Tabelle (XLSX) in data/measures/ einlesen: nur geänderte Zellen ändern die Dateien; "
        "bei einem Fehler wird nichts geändert.",
        _import_arguments,
        run_import,
        "import-xlsx: eine bearbeitete Tabelle einlesen",
    ),
    "pdf": Command(
        "Das Gesamtdokument (Leitbild, Erklärung, Handlungskonzept) je Sprache als PDF schreiben.",
        _pdf_arguments,
        run_pdf,
        "pdf: das Gesamtdokument je Sprache als PDF schreiben (pdf --help)",
    ),
}


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (argparse exits with 2 on a bad option)."""
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments or arguments[0] not in COMMANDS:
        overview = argparse.ArgumentParser(prog=PROG, description="Daten und Texte des Handlungskonzepts prüfen.")
        overview.add_argument("command", choices=list(COMMANDS), help="; ".join(c.summary for c in COMMANDS.values()))
        overview.parse_args(arguments[:1])  # exits with the overview
        return 2  # pragma: no cover - parse_args exits for an unknown command
    name = arguments[0]
    command = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"{PROG} {name}", description=command.description)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=_ROOT_HELP)
    command.add_arguments(parser)
    args = parser.parse_args(arguments[1:])
    if not (args.root / CONFIG_FILE).is_file():
        print(f"{CONFIG_FILE}: die Datei fehlt – ist {args.root} der Projektordner? (--root)", file=sys.stderr)
        return 1
    return command.run(args, read_project(args.root, os.environ))
