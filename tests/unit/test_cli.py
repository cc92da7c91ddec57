"""`python -m actionplan check`: exit code 0 and a short summary, or 1 and the German report on stderr."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actionplan.commands import main
from actionplan.project import read_project

from .helpers import PROJECT, copy_plan, expected_lines

HANDLUNGSKONZEPT = (
    "# Handlungskonzept\n\n## Gesamtstand\n\n<!-- plan:progress -->\n\n## Handlungsfelder\n\n<!-- plan:fields -->\n"
)


def make_project(root: Path, *cases: str) -> Path:
    """A tiny project: the real mkdocs.yml, two prose pages and the fixture plan as data/."""
    root.mkdir(exist_ok=True)
    shutil.copyfile(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / "handlungskonzept").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Integration in Musterstadt\n\nWillkommen.\n", encoding="utf-8")
    (root / "docs" / "handlungskonzept" / "index.md").write_text(HANDLUNGSKONZEPT, encoding="utf-8")
    copy_plan(root / "data", *cases)
    return root


def report(lines: list[str]) -> str:
    head = f"{len(lines)} Fehler in den Daten – die Website wurde nicht gebaut:"
    return "\n".join([head, *(f"  {line}" for line in lines)]) + "\n"


def test_valid_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt")

    code = main(["check", "--root", str(root)])

    out, err = capsys.readouterr()
    assert code == 0
    assert out == "Alles in Ordnung: 3 Maßnahmen in 2 Handlungsfeldern, Sprachen: de, en, ar, fa, uk, tr, ru.\n"
    assert err == ""


def test_root_defaults_to_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_project(tmp_path / "projekt"))

    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("Alles in Ordnung: 3 Maßnahmen")


def test_broken_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt", "unknown-status", "due-before-start")

    code = main(["check", "--root", str(root)])

    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err == report([*expected_lines("unknown-status"), *expected_lines("due-before-start")])
    assert "Traceback" not in err


def test_with_plan_cache_a_second_check_reads_the_cache_and_still_sees_every_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "projekt")
    monkeypatch.setenv("PLAN_CACHE", str(tmp_path / "cache"))
    valid = "Alles in Ordnung: 3 Maßnahmen in 2 Handlungsfeldern, Sprachen: de, en, ar, fa, uk, tr, ru.\n"

    first = main(["check", "--root", str(root)]), capsys.readouterr().out
    cached = list((tmp_path / "cache").iterdir())
    again = main(["check", "--root", str(root)]), capsys.readouterr().out
    measure = root / "data" / "measures" / "sb-01.yml"
    measure.write_text(
        measure.read_text(encoding="utf-8").replace("status: laufend", "status: kaputt"), encoding="utf-8"
    )
    code = main(["check", "--root", str(root)])

    assert first == again == (0, valid)
    assert [path.suffix for path in cached] == [".pickle"]
    assert code == 1
    assert capsys.readouterr().err.splitlines()[1].startswith("  data/measures/sb-01.yml:14:13: updates[0].status: ")


def test_broken_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt", "tab-indentation")

    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().err == report(expected_lines("tab-indentation"))


def test_a_symbolic_link_in_the_content_is_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "projekt")
    secret = tmp_path / "geheim.txt"
    secret.write_text("Zugangsdaten des Servers", encoding="utf-8")
    (root / "docs" / "bilder").mkdir()
    (root / "docs" / "bilder" / "logo.png").symlink_to(secret)
    (root / "data" / "measures" / "wq-09.yml").symlink_to(secret)
    (root / "docs" / "anderswo").symlink_to(tmp_path, target_is_directory=True)

    code = main(["check", "--root", str(root)])

    out, err = capsys.readouterr()
    rule = (
        " – in data/, docs/ und overrides/ sind nur gewöhnliche Dateien und Ordner erlaubt: bitte die Datei"
        " selbst ablegen (git add der Datei, nicht des Links)"
    )
    assert code == 1
    assert out == ""
    assert err == report(
        [
            f"data/measures/wq-09.yml: ist eine symbolische Verknüpfung (Symlink) auf „{secret}“{rule}",
            f"docs/anderswo: ist eine symbolische Verknüpfung (Symlink) auf „{tmp_path}“{rule}",
            f"docs/bilder/logo.png: ist eine symbolische Verknüpfung (Symlink) auf „{secret}“{rule}",
        ]
    )
    assert "Zugangsdaten" not in err


def test_marker_mistakes_and_data_mistakes_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt", "unknown-field")
    page = root / "docs" / "massnahmen" / "index.en.md"
    page.parent.mkdir()
    page.write_text("# Measures\n\n<!-- plan:measures status=fertig -->\n\n<!-- plan:progres -->\n", encoding="utf-8")

    assert main(["check", "--root", str(root)]) == 1

    err = capsys.readouterr().err
    assert err == report(
        [
            *expected_lines("unknown-field"),
            "docs/massnahmen/index.en.md:3:1: „fertig“ ist kein gültiger Status (erlaubt: geplant, laufend, abgeschlossen, verzoegert, pausiert, eingestellt, zusammengefuehrt)",
            "docs/massnahmen/index.en.md:5:1: unbekannter Marker „plan:progres“ (erlaubt: plan:progress, plan:fields, plan:measures, plan:principles, plan:quality-criteria, plan:quarters, plan:declaration, plan:events, plan:imprint, plan:privacy, plan:accessibility, plan:places, plan:inventory, plan:offers, plan:workshop, plan:proposals, plan:sign-language, plan:changes, plan:timeline, plan:open-data, plan:headline, plan:start, plan:finder, plan:glossary, plan:street-lookup, plan:map)",
        ]
    )


def test_prose_page_where_a_generated_page_belongs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt")
    (root / "docs" / "massnahmen").mkdir()
    (root / "docs" / "massnahmen" / "wq-01.en.md").write_text("# WQ-01\n", encoding="utf-8")

    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().err == report(
        [
            "docs/massnahmen/wq-01.en.md: diese Seite wird aus den Daten erzeugt; die Datei „massnahmen/wq-01.en.md“ bitte löschen oder umbenennen"
        ]
    )


CHECK_LOADS_NONE_OF = (
    "mkdocs",
    "jinja2",
    "markdown",
    "weasyprint",
    "openpyxl",
    "icalendar",
    "rdflib",
    "pyproj",
    "tinycss2",
    "actionplan.site.render",
    "actionplan.site.map",
    "actionplan.outputs.pdf",
    "actionplan.outputs.opendata",
    "actionplan.publishing.mike",
)
"""What `make check` does not need: Jinja2 and the templates, outputs, the map, the PDF, the publishing (issue 11: under a second)."""


def test_check_imports_nothing_of_the_outputs_templates_or_map() -> None:
    script = (
        "import sys\n"
        "from actionplan.commands import main\n"
        f"code = main(['check', '--root', {str(PROJECT)!r}])\n"
        f"print(code, sorted(name for name in {CHECK_LOADS_NONE_OF!r} if name in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "hooks")}
    env.pop("GITHUB_STEP_SUMMARY", None)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)

    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == "0 []"


def test_languages_come_from_mkdocs_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("        - locale: en\n", "        - locale: it\n"), encoding="utf-8")

    project = read_project(root)
    assert (project.languages, project.default_language) == (("de", "it", "ar", "fa", "uk", "tr", "ru"), "de")
    assert main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert (
        err.splitlines()[1]
        == "  data/actors.yml:5:5: [0].name.en: „en“ ist keine Sprache dieser Website (erlaubt: de, it, ar, fa, uk, tr, ru)"
    )


def test_missing_mkdocs_yml_is_reported_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt")
    (root / "mkdocs.yml").unlink()

    code = main(["check", "--root", str(root)])

    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("mkdocs.yml: die Datei fehlt")
    assert "Traceback" not in err


def test_errors_become_github_annotations_and_a_summary_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "projekt")
    measure = root / "data" / "measures" / "wq-01.yml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("status: laufend", "status: fertig", 1), "utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    assert main(["check", "--root", str(root)]) == 1

    out = capsys.readouterr().out.splitlines()
    line, text = next(
        (i, text)
        for i, text in enumerate(measure.read_text(encoding="utf-8").splitlines(), 1)
        if "status: fertig" in text
    )
    column = text.index("fertig") + 1
    message = (
        "„fertig“ ist kein gültiger Status (erlaubt: geplant, laufend, abgeschlossen, verzoegert, pausiert, "
        "eingestellt, zusammengefuehrt)"
    )
    assert out == [
        f"::error file=data/measures/wq-01.yml,line={line},col={column},title=Fehler in den Daten::updates[1].status: "
        + message
    ]
    assert summary.read_text(encoding="utf-8").splitlines() == [
        "### Fehler in den Daten",
        "",
        "| Datei | Zeile | Spalte | Feld | Fehler |",
        "| --- | --- | --- | --- | --- |",
        f"| `data/measures/wq-01.yml` | {line} | {column} | `updates[1].status` | {message} |",
        "",
    ]


def test_an_error_without_a_line_has_no_line_or_column_in_github(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "projekt")
    (root / "data" / "principles.yml").unlink()
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    assert main(["check", "--root", str(root)]) == 1

    out = capsys.readouterr().out.splitlines()
    assert out[0] == "::error file=data/principles.yml,title=Fehler in den Daten::die Datei fehlt"
    assert "| `data/principles.yml` |  |  | `` | die Datei fehlt |" in summary.read_text(encoding="utf-8").splitlines()


def test_valid_data_puts_the_translation_and_stale_reports_into_the_job_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from actionplan.editing.translations import translation_report
    from actionplan.plan.loading import load_plan

    root = make_project(tmp_path / "projekt")
    (root / "docs" / "index.en.md").write_text("# Integration in Musterstadt\n\nWelcome.\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("### Vorher\n\n", encoding="utf-8")  # GitHub's file may hold other steps' output
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setattr("actionplan.editing.stale.today", lambda: dt.date(2027, 7, 1))

    assert main(["check", "--root", str(root)]) == 0

    assert capsys.readouterr().out.startswith("Alles in Ordnung: 3 Maßnahmen")
    text = summary.read_text(encoding="utf-8")
    translations, stale = text.removeprefix("### Vorher\n\n").split("### Veraltete Angaben")
    plan = load_plan(root / "data", root, ["de", "en", "ar", "fa", "uk", "tr", "ru"])
    reports = {r.lang: r for r in translation_report(plan, root / "docs")}
    english, persian = reports["en"], reports["fa"]
    assert translations.splitlines()[:6] == [
        "### Übersetzungen",
        "",
        "| Sprache | Fassung | fehlende Seiten | fehlende Datentexte | fehlende Beschriftungen |",
        "| --- | --- | ---: | ---: | ---: |",
        f"| Englisch (en) | geprüft | 1 | {len(english.missing_texts)} | {len(english.missing_labels)} |",
        f"| Arabisch (ar) | noch nicht geprüft | 2 | {len(reports['ar'].missing_texts)} | {len(reports['ar'].missing_labels)} |",
    ]
    missing = len(persian.missing_pages) + len(persian.missing_texts) + len(persian.missing_labels)
    details = translations.split(f"<details><summary>Persisch (fa): {missing} fehlen</summary>\n\n")[1]
    assert details.splitlines()[:3] == [
        "- Seite `docs/handlungskonzept/index.fa.md`",
        "- Seite `docs/index.fa.md`",
        "- Text `data/fields.yml:4: [0].title`",
    ]
    assert stale.splitlines() == [
        " (Stand 2027-07-01)",
        "",
        "3 Hinweise zu 2 von 2 offenen Maßnahmen (Länger als 90 Tage nicht aktualisiert: 2, Meilensteine überfällig: 1, "
        "Geplantes Ende überschritten: 0); einzeln mit `make stale`.",
        "",
        "| Art | Datei | Zeile | Feld | Hinweis |",
        "| --- | --- | --- | --- | --- |",
        "| Länger als 90 Tage nicht aktualisiert | `data/measures/sb-01.yml` | 13 | `updates[0].date` | SB-01 „Deutschkurse "
        "mit Kinderbetreuung“: zuletzt aktualisiert am 2026-09-15, vor 289 Tagen (Status: laufend) |",
        "| Länger als 90 Tage nicht aktualisiert | `data/measures/wq-01.yml` | 66 | `updates[2].date` | WQ-01 „Eine feste "
        "Kümmerin für jedes Quartier“: zuletzt aktualisiert am 2026-10-01, vor 273 Tagen (Status: laufend) |",
        "| Meilensteine überfällig | `data/measures/wq-01.yml` | 32 | `milestones[1].due` | WQ-01 „Eine feste Kümmerin "
        "für jedes Quartier“: Meilenstein „Alle Stellen besetzt“ war 2027-06 fällig und ist nicht als erledigt "
        "eingetragen (done) |",
        "",
    ]
