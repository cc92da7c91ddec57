"""The spreadsheet round trip: export to XLSX, edit as an editor would, import back into YAML."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from actionplan.commands import main, source_date
from actionplan.editing.spreadsheet.export import workbook_bytes, write_workbook
from actionplan.editing.spreadsheet.importer import import_workbook
from actionplan.plan.errors import PlanErrors
from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan

from .helpers import LANGUAGES, PROJECT, SITE_LANGUAGES, copy_plan

ERRORS_HEAD = "Fehler in massnahmen.xlsx – es wurde nichts eingelesen und keine Datei geändert:"


# ---- Helpers


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def fixture_project(root: Path) -> Path:
    """The small fixture plan (de, en, ar) as root/data."""
    copy_plan(root / "data")
    return root


def sample_project(root: Path) -> Path:
    """A copy of the real sample data as root/data."""
    shutil.copytree(PROJECT / "data", root / "data")
    return root


def export(root: Path, languages: list[str]) -> Path:
    plan = load_plan(root / "data", root, languages)
    path = root / "massnahmen.xlsx"
    write_workbook(plan, path, languages)
    return path


def edit(path: Path, changes: list[tuple[str, int, str, Any]]) -> None:
    """Set cells named by (sheet, row, header, value), as an editor would in Excel."""
    book = load_workbook(path)
    for sheet, row, header, value in changes:
        ws = book[sheet]
        ws.cell(row=row, column=column_of(ws, header)).value = value
    book.save(path)


def append(path: Path, sheet: str, values: dict[str, Any]) -> int:
    """Add a row below the data of a sheet; return its number."""
    book = load_workbook(path)
    ws = book[sheet]
    row = ws.max_row + 1
    for header, value in values.items():
        ws.cell(row=row, column=column_of(ws, header)).value = value
    book.save(path)
    return row


def column_of(ws: Any, header: str) -> int:
    return next(cell.column for cell in ws[1] if cell.value == header)


def import_errors(root: Path, languages: list[str]) -> list[str]:
    with pytest.raises(PlanErrors) as raised:
        import_workbook(root / "massnahmen.xlsx", root / "data", root, languages)
    report = raised.value.report().splitlines()
    assert report[0] == f"{len(report) - 1} {ERRORS_HEAD}"
    return [line.removeprefix("  ") for line in report[1:]]


def plan_of(root: Path, languages: list[str]) -> Plan:
    return load_plan(root / "data", root, languages)


# ---- Round trip without edits


def test_round_trip_of_the_sample_changes_no_byte(tmp_path: Path) -> None:
    root = sample_project(tmp_path)
    before = snapshot(root / "data")
    export(root, SITE_LANGUAGES)

    written = import_workbook(root / "massnahmen.xlsx", root / "data", root, SITE_LANGUAGES)

    assert written == []
    assert snapshot(root / "data") == before


def test_round_trip_of_the_fixture_plan_changes_no_byte(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    before = snapshot(root / "data")
    export(root, LANGUAGES)

    assert import_workbook(root / "massnahmen.xlsx", root / "data", root, LANGUAGES) == []
    assert snapshot(root / "data") == before


# ---- The workbook


def test_export_is_deterministic(tmp_path: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = workbook_bytes(plan, LANGUAGES)
    second = workbook_bytes(plan, LANGUAGES)

    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        dates = {info.date_time for info in archive.infolist()}
    # the newest update of the plan (WQ-01, 2026-10-01) dates the workbook and every zip entry
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-01T00:00:00Z</dcterms:created>' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-10-01T00:00:00Z</dcterms:modified>' in core
    assert dates == {(2026, 10, 1, 0, 0, 0)}


def test_source_date_epoch_dates_the_workbook(plan: Plan) -> None:
    timestamp = source_date({"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01 00:00 UTC, as export-xlsx reads it

    with zipfile.ZipFile(io.BytesIO(workbook_bytes(plan, LANGUAGES, timestamp))) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        dates = {info.date_time for info in archive.infolist()}

    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>' in core
    assert dates == {(2026, 1, 1, 0, 0, 0)}


def test_export_in_other_processes_gives_the_same_bytes(tmp_path: Path) -> None:
    root = fixture_project(tmp_path / "projekt")
    shutil.copyfile(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"export-{seed}.xlsx"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(PROJECT / "hooks")}
        env.pop("SOURCE_DATE_EPOCH", None)
        command = [sys.executable, "-m", "actionplan", "export-xlsx", "--root", str(root), "--out", str(out)]
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())

    assert outputs[0] == outputs[1]


def test_workbook_layout(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "massnahmen.xlsx"
    write_workbook(plan, path, LANGUAGES)
    book = load_workbook(path)

    assert book.sheetnames == [
        "Maßnahmen",
        "Aktualisierungen",
        "Meilensteine",
        "Indikatoren",
        "Messwerte",
        "Listen",
        "Hinweise",
        "Datenstand",
    ]
    assert book["Datenstand"].sheet_state == "hidden"
    measures = book["Maßnahmen"]
    headers = [cell.value for cell in measures[1]]
    assert headers[:6] == ["Kennung", "Titel (de)", "Handlungsfeld", "Status", "Fortschritt (%)", "Federführung"]
    assert headers[-3:] == ["Budget: Quelle (de)", "Budget: Quelle (en)", "Budget: Quelle (ar)"]
    assert [cell.value for cell in measures["A"]] == ["Kennung", "SB-01", "WQ-01", "WQ-02"]
    # the header row and the columns Kennung and Titel (de) stay visible when scrolling
    assert measures.freeze_panes == "C2"
    assert book["Aktualisierungen"].freeze_panes == "C2"
    assert measures.column_dimensions["B"].width == 50
    assert measures.cell(row=3, column=headers.index("Ziele") + 1).value == "WQ-Z1, SB-Z1"
    assert measures.cell(row=3, column=headers.index("Budget: gesichert") + 1).value == "ja"

    drop_downs = {
        str(validation.sqref): (validation.formula1, validation.showErrorMessage)
        for validation in measures.data_validations.dataValidation
        if validation.type == "list"
    }
    assert drop_downs == {
        "C2:C1004": ("'Listen'!$D$2:$D$3", True),  # Handlungsfeld
        "D2:D1004": ("'Listen'!$A$2:$A$8", True),  # Status
        "F2:F1004": ("'Listen'!$S$2:$S$4", True),  # Federführung
        "G2:G1004": ("'Listen'!$S$2:$S$4", False),  # Partner: several, so typing is allowed
        "H2:H1004": ("'Listen'!$P$2:$P$4", False),  # Quartiere
        "I2:I1004": ("'Listen'!$G$2:$G$4", False),  # Ziele
        "J2:J1004": ("'Listen'!$J$2:$J$3", False),  # Leitsätze
        "K2:K1004": ("'Listen'!$M$2:$M$10", False),  # Qualitätsmerkmale
        "N2:N1004": ("'Maßnahmen'!$A$2:$A$1004", True),  # Zusammengeführt in
        "P2:P1004": ("'Listen'!$Y$2:$Y$2", True),  # Budget: Währung
        "Q2:Q1004": ("'Listen'!$V$2:$V$3", True),  # Budget: gesichert
    }
    updates = {str(v.sqref): v.formula1 for v in book["Aktualisierungen"].data_validations.dataValidation if v.type}
    assert updates == {"A2:A1007": "'Maßnahmen'!$A$2:$A$1004", "D2:D1007": "'Listen'!$A$2:$A$8"}

    lists = book["Listen"]
    assert [cell.value for cell in lists["A"] if cell.value] == ["Status", *_statuses()]
    assert [cell.value for cell in lists["P"] if cell.value] == ["Quartiere", "nordstadt", "suedstadt", "alle"]
    assert [cell.value for cell in lists["V"] if cell.value] == ["Ja/Nein", "ja", "nein"]


def _statuses() -> list[str]:
    return ["geplant", "laufend", "abgeschlossen", "verzoegert", "pausiert", "eingestellt", "zusammengefuehrt"]


# ---- Edits


def test_changed_status_in_an_update_changes_only_that_value(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    original = (root / "data/measures/wq-01.yml").read_text(encoding="utf-8")
    before = snapshot(root / "data")
    # row 5: the newest update of WQ-01; the Status column of "Maßnahmen" still shows the old one
    edit(path, [("Aktualisierungen", 5, "Status", "verzoegert")])

    written = import_workbook(path, root / "data", root, LANGUAGES)

    assert written == [root / "data/measures/wq-01.yml"]
    expected = original.replace(
        "  - date: 2026-10-01\n    status: laufend\n", "  - date: 2026-10-01\n    status: verzoegert\n"
    )
    assert (root / "data/measures/wq-01.yml").read_text(encoding="utf-8") == expected
    after = snapshot(root / "data")
    assert {name for name in after if after[name] != before[name]} == {"measures/wq-01.yml"}
    assert plan_of(root, LANGUAGES).measures_by_id["WQ-01"].status == "verzoegert"


def test_new_update_row_becomes_the_newest_update(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    original = (root / "data/measures/sb-01.yml").read_text(encoding="utf-8")
    append(
        path,
        "Aktualisierungen",
        {
            "Kennung": "SB-01",
            "Datum": "05.11.2026",  # German dates are understood
            "Status": "verzoegert",
            "Fortschritt (%)": 35,
            "Notiz (de)": "Die Kursleiterin ist erkrankt: der zweite Kurs beginnt später.",
            "Quelle": "Amt für Bildung, Kursplanung",
        },
    )

    assert import_workbook(path, root / "data", root, LANGUAGES) == [root / "data/measures/sb-01.yml"]

    assert (root / "data/measures/sb-01.yml").read_text(encoding="utf-8") == original + (
        "  - date: 2026-11-05\n"
        "    status: verzoegert\n"
        "    progress: 35\n"
        "    note:\n"
        "      de: 'Die Kursleiterin ist erkrankt: der zweite Kurs beginnt später.'\n"
        "    source: Amt für Bildung, Kursplanung\n"
    )
    measure = plan_of(root, LANGUAGES).measures_by_id["SB-01"]
    assert (measure.status, measure.progress) == ("verzoegert", 35)


def test_changed_text_in_one_language_changes_only_that_language(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    original = (root / "data/measures/wq-01.yml").read_text(encoding="utf-8")
    long_text = (
        "Each neighbourhood gets a permanent contact person with an office on site, open four days a week, "
        "who knows the associations, the schools and the housing companies."
    )
    edit(
        path,
        [
            ("Maßnahmen", 3, "Titel (en)", "A permanent community worker in every neighbourhood"),
            ("Maßnahmen", 3, "Kurzbeschreibung (en)", long_text),
            ("Maßnahmen", 3, "Titel (ar)", "عامل مجتمعي دائم لكل حي"),
        ],
    )

    import_workbook(path, root / "data", root, LANGUAGES)

    expected = original.replace(
        "  en: A permanent community worker for every neighbourhood\n",
        "  en: A permanent community worker in every neighbourhood\n  ar: عامل مجتمعي دائم لكل حي\n",
    ).replace(
        "  en: Each neighbourhood gets a permanent contact person with an office on site.\n",
        "  en: >-\n"
        "    Each neighbourhood gets a permanent contact person with an office on site, open four days a\n"
        "    week, who knows the associations, the schools and the housing companies.\n",
    )
    assert (root / "data/measures/wq-01.yml").read_text(encoding="utf-8") == expected


def test_new_measure_row_becomes_a_new_file(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    append(
        path,
        "Maßnahmen",
        {
            "Kennung": "wq-03",
            "Titel (de)": "Nachbarschaftsgärten",
            "Handlungsfeld": "wohnen-quartier",
            "Federführung": "gwa-traeger",
            "Partner": "stabsstelle-integration",
            "Quartiere": "nordstadt",
            "Ziele": "WQ-Z1",
            "Qualitätsmerkmale": 6,
            "Beginn": "2027-01",
            "Kurzbeschreibung (de)": "Auf Brachflächen entstehen Gärten, die Nachbarinnen und Nachbarn gemeinsam "
            "bewirtschaften – mit Beeten für Schulen, Kitas und alle, die mitmachen wollen.",
            "Titel (en)": "Neighbourhood gardens",
            "Budget: Betrag": "12.000",
            "Budget: gesichert": "nein",
        },
    )
    append(
        path,
        "Aktualisierungen",
        {"Kennung": "WQ-03", "Datum": "2026-12-10", "Status": "geplant", "Notiz (de)": "Beschlossen."},
    )
    append(path, "Meilensteine", {"Kennung": "WQ-03", "Titel (de)": "Erste Fläche gefunden", "Fällig": "2027-04"})

    written = import_workbook(path, root / "data", root, LANGUAGES)

    assert written == [root / "data/measures/wq-03.yml"]
    assert (root / "data/measures/wq-03.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/measure.schema.json\n"
        "# Maßnahme WQ-03 – eine Datei je Maßnahme, Dateiname = Kennung in Kleinbuchstaben.\n"
        "id: WQ-03\n"
        "title:\n"
        "  de: Nachbarschaftsgärten\n"
        "  en: Neighbourhood gardens\n"
        "summary:\n"
        "  de: >-\n"
        "    Auf Brachflächen entstehen Gärten, die Nachbarinnen und Nachbarn gemeinsam bewirtschaften – mit\n"
        "    Beeten für Schulen, Kitas und alle, die mitmachen wollen.\n"
        "field: wohnen-quartier\n"
        "goals: [WQ-Z1]\n"
        "quality_criteria: [6]\n"
        "quarters: [nordstadt]\n"
        "lead: gwa-traeger\n"
        "partners: [stabsstelle-integration]\n"
        "start: 2027-01\n"
        "milestones:\n"
        "  - title:\n"
        "      de: Erste Fläche gefunden\n"
        "    due: 2027-04\n"
        "budget:\n"
        "  amount: 12000\n"
        "  secured: false\n"
        "updates:\n"
        "  - date: 2026-12-10\n"
        "    status: geplant\n"
        "    note:\n"
        "      de: Beschlossen.\n"
    )
    assert plan_of(root, LANGUAGES).measures_by_id["WQ-03"].budget is not None


def test_indicator_values_milestones_and_budget(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    original = (root / "data/measures/wq-01.yml").read_text(encoding="utf-8")
    append(
        path,
        "Messwerte",
        {
            "Kennung": "WQ-01",
            "Indikator (Nr.)": 1,
            "Datum": "2026-12",
            "Wert": "410,5",
            "Quelle": "Quartiersbüros, Zählung",
        },
    )
    edit(
        path,
        [
            ("Meilensteine", 3, "Erledigt am", "2026-11-30"),
            *[("Maßnahmen", 3, header, None) for header in ("Budget: Betrag", "Budget: Währung", "Budget: gesichert")],
            *[("Maßnahmen", 3, f"Budget: Quelle ({lang})", None) for lang in LANGUAGES],
        ],
    )

    import_workbook(path, root / "data", root, LANGUAGES)

    budget = original[original.index("budget:\n") : original.index("updates:\n")]
    expected = (
        original.replace(
            '      - {date: 2026-10, value: 1390.5, source: "https://gwa.musterstadt.example/statistik"}\n',
            '      - {date: 2026-10, value: 1390.5, source: "https://gwa.musterstadt.example/statistik"}\n'
            '      - {date: 2026-12, value: 410.5, source: "Quartiersbüros, Zählung"}\n',
        )
        .replace("    due: 2027-06\n", "    due: 2027-06\n    done: 2026-11-30\n")
        .replace(budget, "")
    )
    assert (root / "data/measures/wq-01.yml").read_text(encoding="utf-8") == expected


def test_deleted_update_row_removes_that_update(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    original = (root / "data/measures/wq-01.yml").read_text(encoding="utf-8")
    book = load_workbook(path)
    book["Aktualisierungen"].delete_rows(4)  # WQ-01, 2026-04-23
    book.save(path)

    import_workbook(path, root / "data", root, LANGUAGES)

    start = original.index("  - date: 2026-04-23\n")
    end = original.index("  - date: 2026-10-01\n")
    assert (root / "data/measures/wq-01.yml").read_text(encoding="utf-8") == original[:start] + original[end:]


def test_sheets_left_out_leave_their_entries_alone(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    original = (root / "data/measures/wq-01.yml").read_text(encoding="utf-8")
    book = load_workbook(path)
    for title in ("Aktualisierungen", "Meilensteine", "Indikatoren", "Messwerte", "Datenstand"):
        del book[title]
    headers = [cell.value for cell in book["Maßnahmen"][1]]
    book["Maßnahmen"].delete_cols(headers.index("Titel (ar)") + 1)  # a column left out, too
    book["Maßnahmen"].cell(row=3, column=column_of(book["Maßnahmen"], "Leitsätze")).value = "L1"
    book.save(path)

    assert import_workbook(path, root / "data", root, LANGUAGES) == [root / "data/measures/wq-01.yml"]
    assert (root / "data/measures/wq-01.yml").read_text(encoding="utf-8") == original.replace(
        "principles: [L1, L2]\n", "principles: [L1]\n"
    )


# ---- Problems: reported by sheet, row and column, and nothing is written


def test_bad_date_is_reported_and_nothing_written(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    before = snapshot(root / "data")
    edit(
        path,
        [
            ("Aktualisierungen", 2, "Fortschritt (%)", 40),  # a good change must not be written either
            ("Aktualisierungen", 3, "Datum", "30.02.2026"),
            ("Maßnahmen", 3, "Beginn", "März 2026"),
            ("Meilensteine", 2, "Erledigt am", "2026-06"),
        ],
    )

    assert import_errors(root, LANGUAGES) == [
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 3, Spalte L („Beginn“): „März 2026“ ist kein gültiges Datum – erlaubt: JJJJ-MM oder JJJJ-MM-TT, z. B. 2026-09 (auch MM.JJJJ oder TT.MM.JJJJ)",
        "massnahmen.xlsx: Blatt „Aktualisierungen“, Zeile 3, Spalte C („Datum“): „30.02.2026“ ist kein gültiges Datum – diesen Tag gibt es im Kalender nicht",
        "massnahmen.xlsx: Blatt „Meilensteine“, Zeile 2, Spalte G („Erledigt am“): „2026-06“ ist kein gültiges Datum – erlaubt: JJJJ-MM-TT, z. B. 2026-09-01 (auch TT.MM.JJJJ)",
    ]
    assert snapshot(root / "data") == before


def test_bad_references_are_reported_with_their_cells(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    before = snapshot(root / "data")
    edit(
        path,
        [
            ("Maßnahmen", 2, "Handlungsfeld", "sprache"),
            ("Maßnahmen", 3, "Federführung", "stabstelle-integration"),
            ("Maßnahmen", 3, "Quartiere", "nordstadt, Südstadt"),
            ("Maßnahmen", 3, "Ziele", "WQ-Z1, SB-Z7"),
            ("Maßnahmen", 4, "Status", "laufen"),
            ("Maßnahmen", 4, "Ziele", "SB-Z1"),  # a known goal, but none of the measure's own field
            ("Aktualisierungen", 6, "Kennung", "WQ-20"),
        ],
    )

    assert import_errors(root, LANGUAGES) == [
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 2, Spalte C („Handlungsfeld“): Handlungsfeld „sprache“ gibt es nicht – erlaubt: wohnen-quartier, sprache-bildung – meinten Sie „sprache-bildung“?",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 3, Spalte F („Federführung“): Akteur „stabstelle-integration“ gibt es nicht – erlaubt: stabsstelle-integration, gwa-traeger, amt-bildung – meinten Sie „stabsstelle-integration“?",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 3, Spalte H („Quartiere“): Quartier „Südstadt“ gibt es nicht – erlaubt: nordstadt, suedstadt, alle – meinten Sie „suedstadt“?",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 3, Spalte I („Ziele“): Ziel „SB-Z7“ gibt es nicht – erlaubt: WQ-Z1, WQ-Z2, SB-Z1 – meinten Sie „SB-Z1“?",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 4, Spalte D („Status“): „laufen“ ist kein erlaubter Status – erlaubt: geplant, laufend, abgeschlossen, verzoegert, pausiert, eingestellt, zusammengefuehrt – meinten Sie „laufend“?",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 4, Spalte I („Ziele“): keines der Ziele gehört zum Handlungsfeld „wohnen-quartier“ dieser Maßnahme – mindestens eines muss es sein (Ziele dieses Felds: WQ-Z1, WQ-Z2)",
        "massnahmen.xlsx: Blatt „Aktualisierungen“, Zeile 6, Spalte A („Kennung“): Maßnahme „WQ-20“ gibt es nicht im Blatt „Maßnahmen“ – meinten Sie „WQ-02“?",
    ]
    assert snapshot(root / "data") == before


def test_errors_of_the_imported_plan_name_their_cells(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    before = snapshot(root / "data")
    edit(
        path,
        [
            ("Maßnahmen", 2, "Ende geplant", "2025-12"),
            ("Maßnahmen", 3, "Kurzbeschreibung (de)", None),  # English stays: German is missing
            ("Aktualisierungen", 4, "Fortschritt (%)", 140),
            ("Aktualisierungen", 7, "Datum", "2026-01-05"),
        ],
    )
    append(path, "Maßnahmen", {"Kennung": "WQ-03", "Handlungsfeld": "wohnen-quartier", "Quartiere": "alle"})

    assert import_errors(root, LANGUAGES) == [
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 2, Spalte M („Ende geplant“): das Enddatum 2025-12 liegt vor dem Beginn 2026-09-01 (start)",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 3, Spalte T („Kurzbeschreibung (de)“): der deutsche Text („de“) fehlt – er ist Pflicht und die verbindliche Fassung",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 5, Spalte A („Kennung“): die Maßnahme hat keine Zeile im Blatt „Aktualisierungen“ – jede Maßnahme braucht mindestens eine (Datum, Status, Notiz); die neueste bestimmt ihren Status",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 5, Spalte B („Titel (de)“): die Zelle ist leer – diese Angabe ist Pflicht",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 5, Spalte F („Federführung“): die Zelle ist leer – diese Angabe ist Pflicht",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 5, Spalte L („Beginn“): die Zelle ist leer – diese Angabe ist Pflicht",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 5, Spalte T („Kurzbeschreibung (de)“): die Zelle ist leer – diese Angabe ist Pflicht",
        "massnahmen.xlsx: Blatt „Aktualisierungen“, Zeile 4, Spalte E („Fortschritt (%)“): die Zahl 140 ist zu groß (erlaubt: höchstens 100)",
        "massnahmen.xlsx: Blatt „Aktualisierungen“, Zeile 7, Spalte C („Datum“): die Aktualisierungen (updates) stehen nicht in zeitlicher Reihenfolge: 2026-01-05 steht nach 2026-02-26, ist aber älter (älteste zuerst, neueste zuletzt)",
    ]
    assert snapshot(root / "data") == before


def test_status_is_changed_by_an_update_not_on_the_measures_sheet(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    edit(path, [("Maßnahmen", 2, "Status", "abgeschlossen"), ("Maßnahmen", 2, "Fortschritt (%)", 100)])

    assert import_errors(root, LANGUAGES) == [
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 2, Spalte D („Status“): der Status ergibt sich aus der neuesten Aktualisierung („laufend“) und wird hier nur angezeigt – für einen neuen Stand bitte im Blatt „Aktualisierungen“ eine Zeile mit Datum, Status und Notiz anlegen",
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 2, Spalte E („Fortschritt (%)“): der Fortschritt ergibt sich aus der neuesten Aktualisierung (30 %) und wird hier nur angezeigt – für einen neuen Stand bitte im Blatt „Aktualisierungen“ eine Zeile mit Datum, Status und Notiz anlegen",
    ]


def test_measures_are_not_deleted_through_the_workbook(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    before = snapshot(root / "data")
    book = load_workbook(path)
    book["Maßnahmen"].delete_rows(4)  # WQ-02; its rows on the other sheets stay
    book.save(path)

    assert import_errors(root, LANGUAGES) == [
        "massnahmen.xlsx: Blatt „Maßnahmen“: die Maßnahme „WQ-02“ (data/measures/wq-02.yml) fehlt in der Tabelle – Maßnahmen werden beim Einlesen nicht gelöscht: bitte die Zeile wiederherstellen; eine Maßnahme, die nicht weitergeführt wird, bekommt den Status „eingestellt“",
    ]
    assert snapshot(root / "data") == before


def test_unknown_column_and_foreign_file(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    edit(path, [("Maßnahmen", 1, "Titel (en)", "Titel (fr)")])

    assert import_errors(root, LANGUAGES) == [
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 1, Spalte R („Titel (fr)“): unbekannte Spalte – meinten Sie „Titel (ar)“? – erlaubt sind die Spalten der mit „make export-xlsx“ erzeugten Tabelle; eigene Notizen bitte in ein eigenes Blatt",
    ]
    path.write_text("Kennung;Titel\n", encoding="utf-8")
    assert import_errors(root, LANGUAGES) == [
        "massnahmen.xlsx: die Datei ist keine Excel-Arbeitsmappe (.xlsx) – bitte im Format „Excel-Arbeitsmappe (.xlsx)“ speichern",
    ]


def test_outdated_workbook_never_takes_back_later_changes(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    path = export(root, LANGUAGES)
    measure = root / "data/measures/wq-01.yml"
    # after the export, someone changes WQ-01 in its YAML file
    changed = measure.read_text(encoding="utf-8").replace("lead: stabsstelle-integration", "lead: amt-bildung")
    measure.write_text(changed, encoding="utf-8")
    edit(path, [("Maßnahmen", 2, "Titel (en)", "German classes with childcare")])

    # the workbook still holds the old WQ-01, but nobody edited that row: SB-01 is imported, WQ-01 stays
    assert import_workbook(path, root / "data", root, LANGUAGES) == [root / "data/measures/sb-01.yml"]
    assert measure.read_text(encoding="utf-8") == changed

    edit(path, [("Maßnahmen", 3, "Titel (en)", "A community worker for every neighbourhood")])
    assert import_errors(root, LANGUAGES) == [
        "massnahmen.xlsx: Blatt „Maßnahmen“, Zeile 3, Spalte A („Kennung“): die Maßnahme wurde nach dem Export dieser Tabelle in data/measures/wq-01.yml geändert – die Tabelle würde das zurücknehmen. Bitte neu exportieren (make export-xlsx) und die eigenen Änderungen an dieser Maßnahme dort eintragen",
    ]
    assert measure.read_text(encoding="utf-8") == changed


# ---- Command line


def test_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = fixture_project(tmp_path / "projekt")
    shutil.copyfile(PROJECT / "mkdocs.yml", root / "mkdocs.yml")

    assert main(["export-xlsx", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert out == (
        "Geschrieben: massnahmen.xlsx – 3 Maßnahmen, Sprachen: de, en, ar, fa, uk, tr, ru.\n"
        "Nach dem Bearbeiten einlesen mit: make import-xlsx FILE=massnahmen.xlsx\n"
    )
    workbook = root / "massnahmen.xlsx"
    assert main(["import-xlsx", str(workbook), "--root", str(root)]) == 0
    assert capsys.readouterr().out == "Keine Änderungen: die Tabelle stimmt mit den Daten überein.\n"

    edit(workbook, [("Aktualisierungen", 2, "Status", "fertig")])
    assert main(["import-xlsx", str(workbook), "--root", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f"1 {ERRORS_HEAD}\n"
        "  massnahmen.xlsx: Blatt „Aktualisierungen“, Zeile 2, Spalte D („Status“): „fertig“ ist kein erlaubter Status – erlaubt: geplant, laufend, abgeschlossen, verzoegert, pausiert, eingestellt, zusammengefuehrt\n"
    )

    edit(workbook, [("Aktualisierungen", 2, "Status", "verzoegert")])
    assert main(["import-xlsx", str(workbook), "--root", str(root)]) == 0
    assert capsys.readouterr().out == (
        "Eingelesen – 1 Datei(en) geändert oder neu:\n"
        "  data/measures/sb-01.yml\n"
        "Bitte die Änderungen ansehen (git diff) und übernehmen.\n"
    )

    # exporting again would lose edits not yet imported: refused unless forced
    assert main(["export-xlsx", "--root", str(root)]) == 1
    assert capsys.readouterr().err == (
        "massnahmen.xlsx: die Tabelle gibt es schon – Änderungen darin erst einlesen "
        "(make import-xlsx FILE=massnahmen.xlsx), dann neu exportieren; oder mit FORCE=1 überschreiben "
        "(nicht eingelesene Änderungen gehen dann verloren)\n"
    )
    assert main(["export-xlsx", "--root", str(root), "--force"]) == 0
