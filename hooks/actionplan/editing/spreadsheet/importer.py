"""The spreadsheet round trip: the measures as an XLSX workbook, and an edited workbook back into YAML.

Most of a plan starts life in a spreadsheet, and the editorial team are city staff. They export
the plan (`python -m actionplan export-xlsx`), edit it in Excel or LibreOffice and import it
(`python -m actionplan import-xlsx massnahmen.xlsx`). The import changes only the values whose
cells changed (roundtrip.py keeps every other byte of data/measures/*.yml), reports every bad
cell by sheet, row and column, validates the plan as it would be afterwards like `check` does,
and writes nothing unless all of it is valid.

The same workbook is published as open data, so the export is deterministic: the same data
gives the same bytes (fixed document dates and zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
import json
import re
import shutil
import tempfile
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter
from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ...plan.errors import Key, PlanError, PlanErrors, display_path, quote
from ...plan.loading import read_plan
from ...plan.model import (
    ALL_QUARTERS,
    GERMAN,
    STATUSES,
    Budget,
    Indicator,
    Measure,
    Milestone,
    Reading,
    Target,
    Update,
    When,
)
from ...plan.plan import Plan
from ...plan.texts import direction, load_labels
from .. import roundtrip
from ..schema import modeline

DEFAULT_FILE = "massnahmen.xlsx"
"""The workbook `make export-xlsx` writes and `make import-xlsx` reads, in the project folder."""

MEASURES = "Maßnahmen"
UPDATES = "Aktualisierungen"
MILESTONES = "Meilensteine"
INDICATORS = "Indikatoren"
READINGS = "Messwerte"
LISTS = "Listen"
NOTES = "Hinweise"
STATE = "Datenstand"
"""A hidden sheet: a fingerprint of every measure as exported, so that the import never takes
back what was changed in data/ after the export."""
YES, NO = "ja", "nein"
CURRENCIES = ("EUR",)
SPARE_ROWS = 1000
"""Rows below the data that still offer the drop-downs and hints, for new entries."""
SHOWN = 12
"""How many allowed values a message lists before it points to the sheet "Listen"."""

Kind = Literal[
    "text", "measure_id", "ref", "refs", "criteria", "status", "choice", "int", "number", "when", "day", "bool"
]
Role = Literal["value", "latest", "measure", "indicator", "measure_title", "indicator_title"]
_SHOWN_ONLY: tuple[Role, ...] = ("measure_title", "indicator_title")
_LIST_KINDS: tuple[Kind, ...] = ("refs", "criteria")
_NUMERIC_KINDS: tuple[Kind, ...] = ("int", "number", "bool")


# ---- The columns of each sheet


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its German header, where its value lives and how it is read."""

    header: str
    path: tuple[str, ...] = ()  # key path inside one item (a measure, an update, …)
    kind: Kind = "text"
    width: float = 14
    role: Role = "value"
    choices: str = ""  # the drop-down: a list of the sheet "Listen" (LIST_TITLES), or "measures"
    strict: bool = True  # the drop-down rejects other values (not for lists of several ids)
    hint: str = ""  # shown when the cell is selected
    lang: str = ""  # the language of a text column

    @property
    def read_back(self) -> bool:
        """Whether the import reads this column (not for the titles shown for orientation)."""
        return self.role not in _SHOWN_ONLY


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook: one row per measure, or per entry of one of a measure's lists."""

    title: str
    columns: tuple[Column, ...]
    freeze: str  # the first cell that scrolls: the header row and the key columns stay visible
    list_key: str  # the measure's list the rows hold ("updates"); "" for the measures themselves
    item_indent: int  # how far the keys of one item stand in in the YAML file
    models: dict[tuple[str, ...], type[BaseModel]]  # key order of every mapping inside an item
    flow: frozenset[tuple[str, ...]] = frozenset()  # mappings written on one line ({date: …, value: …})
    optional: frozenset[str] = frozenset()  # groups of columns that are left out together (budget)

    def column(self, header: str) -> Column:
        """The column with this header."""
        return next(column for column in self.columns if column.header == header)


LIST_TITLES = {
    "statuses": "Status",
    "fields": "Handlungsfelder",
    "goals": "Ziele",
    "principles": "Leitsätze",
    "criteria": "Qualitätsmerkmale",
    "quarters": "Quartiere",
    "actors": "Akteure",
    "yes_no": "Ja/Nein",
    "currencies": "Währungen",
}
"""The lists of allowed values on the sheet "Listen", in this order."""

_NOUNS = {
    "fields": "Handlungsfeld",
    "goals": "Ziel",
    "principles": "Leitsatz",
    "criteria": "Qualitätsmerkmal",
    "quarters": "Quartier",
    "actors": "Akteur",
    "measures": "Maßnahme",
}

_WHEN_HINT = "Monat JJJJ-MM oder Tag JJJJ-MM-TT, z. B. 2026-09 oder 2026-09-15."
_DAY_HINT = "Tag JJJJ-MM-TT, z. B. 2026-09-01."
_IDS_HINT = "Eine oder mehrere Kennungen, durch Komma getrennt, z. B. {example}. Die Liste zeigt alle (Blatt „Listen“)."
_SHOWN_HINT = "Nur zur Orientierung – wird beim Einlesen nicht gelesen."
_MEASURE_KEY_HINT = "Kennung der Maßnahme aus dem Blatt „Maßnahmen“, z. B. WQ-03."


def _texts(label: str, path: tuple[str, ...], languages: Sequence[str], width: float = 40) -> list[Column]:
    """One column per language for a translatable text."""
    hint_other = "Leer = noch nicht übersetzt; die Website zeigt dann den deutschen Text mit einem Hinweis."
    return [
        Column(
            f"{label} ({lang})",
            (*path, lang),
            width=width + 10 if lang == GERMAN else width,
            lang=lang,
            hint="" if lang == GERMAN else hint_other,
        )
        for lang in languages
    ]


def _key_column() -> Column:
    return Column("Kennung", kind="measure_id", width=10, role="measure", choices="measures", hint=_MEASURE_KEY_HINT)


def _measure_title() -> Column:
    return Column("Titel der Maßnahme", width=30, role="measure_title", hint=_SHOWN_HINT)


def sheets(languages: Sequence[str]) -> tuple[Sheet, ...]:
    """The sheets with the measures' data, for the languages of the site."""
    others = [lang for lang in languages if lang != GERMAN]
    measures = Sheet(
        MEASURES,
        (
            Column(
                "Kennung",
                ("id",),
                "measure_id",
                10,
                hint="Kürzel des Handlungsfelds und Nummer, z. B. WQ-06. Sie bleibt für immer; "
                "eine neue Maßnahme bekommt eine neue, nie benutzte Nummer.",
            ),
            *_texts("Titel", ("title",), [GERMAN]),
            Column("Handlungsfeld", ("field",), "ref", 20, choices="fields"),
            Column(
                "Status",
                ("status",),
                "status",
                15,
                role="latest",
                choices="statuses",
                hint=f"Nur Anzeige: der Status der neuesten Aktualisierung. Ändern: im Blatt „{UPDATES}“ eine neue Zeile anlegen.",
            ),
            Column(
                "Fortschritt (%)",
                ("progress",),
                "int",
                12,
                role="latest",
                hint=f"Nur Anzeige: der Fortschritt der neuesten Aktualisierung. Ändern: im Blatt „{UPDATES}“ eine neue Zeile anlegen.",
            ),
            Column("Federführung", ("lead",), "ref", 22, choices="actors"),
            Column(
                "Partner",
                ("partners",),
                "refs",
                28,
                choices="actors",
                strict=False,
                hint=_IDS_HINT.format(example="vhs, jobcenter"),
            ),
            Column(
                "Quartiere",
                ("quarters",),
                "refs",
                20,
                choices="quarters",
                strict=False,
                hint=_IDS_HINT.format(example="nordstadt, suedstadt") + f" „{ALL_QUARTERS}“: die ganze Stadt.",
            ),
            Column(
                "Ziele", ("goals",), "refs", 16, choices="goals", strict=False, hint=_IDS_HINT.format(example="WQ-Z1")
            ),
            Column(
                "Leitsätze",
                ("principles",),
                "refs",
                12,
                choices="principles",
                strict=False,
                hint=_IDS_HINT.format(example="L1, L3"),
            ),
            Column(
                "Qualitätsmerkmale",
                ("quality_criteria",),
                "criteria",
                12,
                choices="criteria",
                strict=False,
                hint=_IDS_HINT.format(example="1, 6"),
            ),
            Column("Beginn", ("start",), "when", 11, hint=_WHEN_HINT),
            Column("Ende geplant", ("due",), "when", 12, hint=_WHEN_HINT + " Leer = offen."),
            Column(
                "Zusammengeführt in",
                ("merged_into",),
                "measure_id",
                12,
                choices="measures",
                hint="Nur beim Status „zusammengefuehrt“: die Maßnahme, in der diese aufgeht.",
            ),
            Column("Budget: Betrag", ("budget", "amount"), "number", 14, hint="Betrag in Euro, z. B. 185000."),
            Column("Budget: Währung", ("budget", "currency"), "choice", 10, choices="currencies"),
            Column("Budget: gesichert", ("budget", "secured"), "bool", 11, choices="yes_no"),
            *_texts("Titel", ("title",), others),
            *_texts("Kurzbeschreibung", ("summary",), languages),
            *_texts("Beschreibung", ("description",), languages),
            *_texts("Budget: Quelle", ("budget", "source"), languages),
        ),
        freeze="C2",
        list_key="",
        item_indent=0,
        models={(): Measure, ("budget",): Budget},
        optional=frozenset({"budget"}),
    )
    updates = Sheet(
        UPDATES,
        (
            _key_column(),
            _measure_title(),
            Column("Datum", ("date",), "day", 11, hint=_DAY_HINT),
            Column("Status", ("status",), "status", 15, choices="statuses"),
            Column("Fortschritt (%)", ("progress",), "int", 12, hint="0 bis 100; leer = wie zuvor."),
            *_texts("Notiz", ("note",), languages),
            Column("Quelle", ("source",), width=30),
        ),
        freeze="C2",
        list_key="updates",
        item_indent=4,
        models={(): Update},
    )
    milestones = Sheet(
        MILESTONES,
        (
            _key_column(),
            _measure_title(),
            *_texts("Titel", ("title",), languages),
            Column("Fällig", ("due",), "when", 11, hint=_WHEN_HINT),
            Column("Erledigt am", ("done",), "day", 11, hint=_DAY_HINT + " Leer = noch offen."),
        ),
        freeze="C2",
        list_key="milestones",
        item_indent=4,
        models={(): Milestone},
    )
    indicators = Sheet(
        INDICATORS,
        (
            _key_column(),
            _measure_title(),
            Column("Nr.", kind="int", width=6, role="indicator", hint="Nummer des Indikators in der Maßnahme: 1, 2, …"),
            *_texts("Titel", ("title",), languages),
            *_texts("Einheit", ("unit",), languages, width=14),
            Column("Ausgangswert: Datum", ("baseline", "date"), "when", 12, hint=_WHEN_HINT),
            Column("Ausgangswert", ("baseline", "value"), "number", 12),
            Column("Ausgangswert: Quelle", ("baseline", "source"), width=30),
            Column("Zielwert: Datum", ("target", "date"), "when", 12, hint=_WHEN_HINT),
            Column("Zielwert", ("target", "value"), "number", 12),
        ),
        freeze="D2",
        list_key="indicators",
        item_indent=4,
        models={(): Indicator, ("baseline",): Reading, ("target",): Target},
        flow=frozenset({("baseline",), ("target",)}),
    )
    readings = Sheet(
        READINGS,
        (
            _key_column(),
            Column(
                "Indikator (Nr.)",
                kind="int",
                width=10,
                role="indicator",
                hint=f"Nummer des Indikators im Blatt „{INDICATORS}“ (Spalte „Nr.“).",
            ),
            Column("Indikator", width=30, role="indicator_title", hint=_SHOWN_HINT),
            Column("Datum", ("date",), "when", 11, hint=_WHEN_HINT),
            Column("Wert", ("value",), "number", 12),
            Column("Quelle", ("source",), width=40),
        ),
        freeze="D2",
        list_key="values",
        item_indent=0,
        models={(): Reading},
        flow=frozenset({()}),
    )
    return (measures, updates, milestones, indicators, readings)


# ---- Export


def write_workbook(plan: Plan, path: Path, languages: Sequence[str], timestamp: dt.datetime | None = None) -> None:
    """Write every measure of the plan to an XLSX workbook; the same plan gives the same bytes.

    `timestamp` is the workbook's creation date (the command line passes SOURCE_DATE_EPOCH);
    by default the newest update of the plan.
    """
    path.write_bytes(workbook_bytes(plan, languages, timestamp))


def workbook_bytes(plan: Plan, languages: Sequence[str], timestamp: dt.datetime | None = None) -> bytes:
    """The XLSX workbook of the plan's measures, as bytes (see write_workbook)."""
    book = Workbook()
    book.remove(book.active)
    lists = _lists(plan)
    ranges = _list_ranges(lists)
    ranges["measures"] = f"{quote_sheetname(MEASURES)}!$A$2:$A${len(plan.measures) + 1 + SPARE_ROWS}"  # new rows too
    for sheet in sheets(languages):
        _write_sheet(book.create_sheet(sheet.title), sheet, list(_export_rows(plan, sheet)), ranges)
    _write_lists(book.create_sheet(LISTS), lists)
    _write_notes(book.create_sheet(NOTES))
    _write_state(book.create_sheet(STATE), plan)
    stamp = timestamp or _timestamp(plan)
    book.properties.title = "Maßnahmen des Handlungskonzepts"
    book.properties.creator = "python -m actionplan export-xlsx"
    book.properties.language = GERMAN
    book.properties.created = stamp
    book.properties.modified = stamp
    return _deterministic_xlsx(book, stamp)


def _timestamp(plan: Plan) -> dt.datetime:
    """The newest update of the plan: what the workbook is dated by without a given time."""
    days = [update.date for measure in plan.measures for update in measure.updates]
    newest = max(days, default=dt.date(2000, 1, 1))
    return dt.datetime(newest.year, newest.month, newest.day)


def _deterministic_xlsx(book: Workbook, stamp: dt.datetime) -> bytes:
    raw = io.BytesIO()
    # ExcelWriter instead of Workbook.save, which sets `modified` to the current time
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    date_time = max(stamp, dt.datetime(1980, 1, 1)).timetuple()[:6]  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


@dataclass(frozen=True)
class _ExportRow:
    item: Any
    measure: Measure
    number: int = 0  # of the indicator
    indicator: Indicator | None = None


def _export_rows(plan: Plan, sheet: Sheet) -> Iterator[_ExportRow]:
    for measure in plan.measures:
        if sheet.list_key == "":
            yield _ExportRow(measure, measure)
        elif sheet.list_key in ("updates", "milestones"):
            for item in getattr(measure, sheet.list_key):
                yield _ExportRow(item, measure)
        else:
            for number, indicator in enumerate(measure.indicators, 1):
                if sheet.list_key == "indicators":
                    yield _ExportRow(indicator, measure, number, indicator)
                else:
                    for reading in indicator.values:
                        yield _ExportRow(reading, measure, number, indicator)


def _cell_value(column: Column, row: _ExportRow) -> Any:
    if column.role == "measure":
        return row.measure.id
    if column.role == "indicator":
        return row.number
    if column.role == "measure_title":
        return row.measure.title[GERMAN]
    if column.role == "indicator_title":
        return row.indicator.title[GERMAN] if row.indicator else None
    value: Any = row.item
    for part in column.path:
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        if value is None:
            return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or None
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, When | dt.date):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_SHOWN_FONT = Font(italic=True, color="595959")
_SHOWN_FILL = PatternFill("solid", fgColor="F2F2F2")
_TOP = Alignment(vertical="top")
_TEXT_FORMAT = "@"  # typed dates and ids stay as written instead of becoming Excel dates or numbers


def _write_sheet(ws: Any, sheet: Sheet, rows: list[_ExportRow], ranges: dict[str, str]) -> None:
    last_row = len(rows) + 1 + SPARE_ROWS
    for index, column in enumerate(sheet.columns, 1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index, value=column.header)
        header.font = _HEADER_FONT
        header.fill = _HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        dimension = ws.column_dimensions[letter]
        dimension.width = column.width
        alignment = Alignment(vertical="top", readingOrder=2) if direction(column.lang) == "rtl" else _TOP
        text_format = column.kind not in _NUMERIC_KINDS
        if text_format:
            dimension.number_format = _TEXT_FORMAT  # also for rows added later
        for number, row in enumerate(rows, 2):
            cell = ws.cell(row=number, column=index)
            value = _cell_value(column, row)
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a text, never a formula
            cell.alignment = alignment
            if text_format:
                cell.number_format = _TEXT_FORMAT
            if not column.read_back:
                cell.font = _SHOWN_FONT
                cell.fill = _SHOWN_FILL
        validation = _validation(column, ranges)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{last_row}")
            ws.add_data_validation(validation)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = sheet.freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(rows) + 1}"


def _validation(column: Column, ranges: dict[str, str]) -> DataValidation | None:
    """The drop-down of allowed values and the hint of a column, if it has either."""
    if not column.choices and not column.hint:
        return None
    prompt = {"promptTitle": column.header[:32], "prompt": column.hint[:255]} if column.hint else {}
    if not column.choices:
        return DataValidation(allow_blank=True, showInputMessage=True, **prompt)
    return DataValidation(
        type="list",
        formula1=ranges[column.choices],
        allow_blank=True,
        showErrorMessage=column.strict,
        errorTitle="Wert nicht erlaubt",
        error=f"Bitte einen Wert aus der Liste wählen (alle erlaubten stehen im Blatt „{LISTS}“).",
        showInputMessage=bool(column.hint),
        **prompt,
    )


def _lists(plan: Plan) -> dict[str, list[tuple[Any, str]]]:
    """Every list of allowed values: (id, German name), in the order of LIST_TITLES."""
    labels = load_labels()
    return {
        "statuses": [(status, labels[f"status.{status}"][GERMAN]) for status in STATUSES],
        "fields": [(f.id, f.title[GERMAN]) for f in plan.fields],
        "goals": [(goal.id, goal.title[GERMAN]) for f in plan.fields for goal in f.goals],
        "principles": [(p.id, p.title[GERMAN]) for p in plan.principles],
        "criteria": [(c.id, c.title[GERMAN]) for c in plan.quality_criteria],
        "quarters": [(q.id, q.name[GERMAN]) for q in plan.quarters] + [(ALL_QUARTERS, "die ganze Stadt")],
        "actors": [(a.id, a.name[GERMAN]) for a in plan.actors],
        "yes_no": [(YES, ""), (NO, "")],
        "currencies": [(currency, "Euro") for currency in CURRENCIES],
    }


def _list_ranges(lists: dict[str, list[tuple[Any, str]]]) -> dict[str, str]:
    """Where each list's ids stand on the sheet "Listen": two columns per list and a gap."""
    ranges = {}
    for position, (name, entries) in enumerate(lists.items()):
        letter = get_column_letter(3 * position + 1)
        ranges[name] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(entries) + 1}"
    return ranges


def _write_lists(ws: Any, lists: dict[str, list[tuple[Any, str]]]) -> None:
    for position, (name, entries) in enumerate(lists.items()):
        column = 3 * position + 1
        for offset, title in enumerate((LIST_TITLES[name], "Bedeutung")):
            header = ws.cell(row=1, column=column + offset, value=title)
            header.font = _HEADER_FONT
            header.fill = _HEADER_FILL
        for number, (key, label) in enumerate(entries, 2):
            ws.cell(row=number, column=column, value=key)
            ws.cell(row=number, column=column + 1, value=label or None)
        ws.column_dimensions[get_column_letter(column)].width = 18
        ws.column_dimensions[get_column_letter(column + 1)].width = 36
        ws.column_dimensions[get_column_letter(column + 2)].width = 3
    ws.freeze_panes = "A2"


_NOTES = (
    "Maßnahmen des Handlungskonzepts – Tabelle zum Bearbeiten",
    "",
    "Einlesen: make import-xlsx FILE=massnahmen.xlsx (oder python -m actionplan import-xlsx massnahmen.xlsx).",
    "Nur geänderte Zellen ändern die Dateien in data/measures/. Bei einem Fehler wird nichts geändert;",
    "die Meldung nennt Blatt, Zeile und Spalte.",
    "",
    f"Blatt „{MEASURES}“: eine Zeile je Maßnahme. Neue Maßnahme: neue Zeile mit neuer Kennung (z. B. WQ-06) –",
    f"und mindestens eine Zeile im Blatt „{UPDATES}“. Kennungen werden nie geändert und nie wiederverwendet;",
    "Maßnahmen werden über die Tabelle nicht gelöscht.",
    f"Status und Fortschritt: im Blatt „{UPDATES}“ eine neue Zeile anlegen (Datum, Status, Notiz); die neueste zählt.",
    "Texte: eine Spalte je Sprache; leer = noch nicht übersetzt. Absätze: Zeilenumbruch in der Zelle",
    "(Excel: Alt+Eingabe, LibreOffice: Strg+Eingabe).",
    "Daten: JJJJ-MM-TT oder – wo ein Monat genügt – JJJJ-MM; TT.MM.JJJJ geht auch.",
    "Listen (Ziele, Quartiere, Partner …): Kennungen durch Komma getrennt; erlaubt ist, was im Blatt „Listen“ steht.",
    f"Blatt „{INDICATORS}“: „Nr.“ zählt die Indikatoren einer Maßnahme; das Blatt „{READINGS}“ nennt sie mit dieser Nummer.",
    "Graue Spalten dienen nur der Orientierung und werden nicht eingelesen.",
)


def _write_state(ws: Any, plan: Plan) -> None:
    ws.append(["Kennung", "Prüfsumme (Stand beim Export – bitte nicht ändern)"])
    for measure in plan.measures:
        ws.append([measure.id, fingerprint(measure)])
    ws.sheet_state = "hidden"


def fingerprint(measure: Measure) -> str:
    """A short checksum of everything a measure holds, to notice a change since an export."""
    values = json.dumps(measure.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(values.encode("utf-8")).hexdigest()[:16]


def _write_notes(ws: Any) -> None:
    for number, line in enumerate(_NOTES, 1):
        ws.cell(row=number, column=1, value=line or None)
    ws.cell(row=1, column=1).font = _HEADER_FONT
    ws.column_dimensions["A"].width = 120


# ---- Import


class SpreadsheetErrors(PlanErrors):
    """Every problem of an import, in the order of the workbook (sheet, row, column)."""

    def __init__(self, errors: Sequence[PlanError], head: str) -> None:
        self.errors = list(errors)
        self.head = head
        Exception.__init__(self, self.report())

    def report(self) -> str:
        """The German report shown to editors."""
        return "\n".join([f"{len(self.errors)} {self.head}", *(f"  {error}" for error in self.errors)])


@dataclass(frozen=True)
class Cell:
    """A cell of the workbook, named for the editor."""

    sheet: str
    row: int
    column: int  # 1-based
    header: str

    def __str__(self) -> str:
        where = f"Blatt {quote(self.sheet)}, Zeile {self.row}, Spalte {get_column_letter(self.column)}"
        return f"{where} ({quote(self.header)})"


@dataclass
class _Row:
    """A row of a sheet: the values read without a problem and the cell of every column."""

    sheet: Sheet
    number: int
    values: dict[Column, Any] = field(default_factory=dict)
    cells: dict[Column, Cell] = field(default_factory=dict)
    measure: str = ""
    indicator: int = 0


class _Bad(Exception):
    """A cell value that cannot be read; the message says why, in German."""


_FAILED = object()  # stands for a cell that could not be read, unequal to every value


@dataclass
class _Document:
    """A measure file: its path, its text as read and the values the workbook is applied to.

    ruamel.yaml's round-trip parser is slow (a fifth of a second for a measure), so the workbook
    is first applied to a plain copy of the values read by `read_plan`; only a file whose values
    change is parsed for the round trip and the workbook applied again (`exact`).
    """

    path: Path
    text: str
    data: CommentedMap
    original: Any = None  # the values as read, to see whether the workbook changes them
    new: bool = False
    exact: bool = False  # `data` is the round-trip YAML of the file

    @property
    def changed(self) -> bool:
        """Whether the workbook changes a value of this measure (or makes it)."""
        return self.new or self.data != self.original


def import_workbook(workbook: Path, data_dir: Path, root: Path, languages: Sequence[str]) -> list[Path]:
    """Read an edited workbook back into data/measures/*.yml; return the files written.

    Raises `SpreadsheetErrors` with every problem – of the cells, and of the plan as it would be
    after the import – and then writes nothing.
    """
    plan, errors = read_plan(data_dir, root, languages)
    if errors:
        raise SpreadsheetErrors(
            PlanErrors(errors).errors,
            "Fehler in den Daten – bitte zuerst beheben (make check); es wurde nichts eingelesen:",
        )
    run = _Import(display_path(workbook, root), data_dir, root, languages, plan)
    documents = run.read(workbook)
    run.refuse_outdated(documents)
    run.redo_exactly([doc for doc in documents.values() if doc.changed and not doc.new])
    changed = {key: doc for key, doc in documents.items() if doc.new or (doc.exact and run.text_of(doc) != doc.text)}
    if run.opened and changed:  # unchanged data passed read_plan above
        run.validate(changed)
    if run.errors:
        raise SpreadsheetErrors(
            run.sorted_errors(), f"Fehler in {run.display} – es wurde nichts eingelesen und keine Datei geändert:"
        )
    written = []
    for doc in changed.values():
        doc.path.parent.mkdir(parents=True, exist_ok=True)
        doc.path.write_text(run.text_of(doc), encoding="utf-8", newline="\n")
        written.append(doc.path)
    return written


class _Import:
    """One import: reads the workbook, applies it to the measure files and collects every problem."""

    def __init__(self, display: str, data_dir: Path, root: Path, languages: Sequence[str], plan: Plan) -> None:
        self.display = display
        self.data_dir = data_dir
        self.root = root
        self.languages = list(languages)
        self.sheets = sheets(languages)
        self.plan = plan
        self.errors: list[tuple[tuple[int, int, int, int], PlanError]] = []
        self.flagged: set[Cell] = set()
        self.cells: dict[str, dict[Key, Cell]] = {}  # measure file -> key path -> cell
        self.opened = False
        self.quiet = False  # while the workbook is applied a second time: its problems are known
        self.by_id: dict[str, _Row] = {}
        self.exported: dict[str, str] = {}  # measure id -> fingerprint at the export
        self.grouped: dict[str, dict[str, list[_Row]] | None] = {}
        self.refs: dict[str, list[Any]] = {
            "fields": [f.id for f in plan.fields],
            "goals": list(plan.goals_by_id),
            "principles": [p.id for p in plan.principles],
            "criteria": [c.id for c in plan.quality_criteria],
            "quarters": [q.id for q in plan.quarters] + [ALL_QUARTERS],
            "actors": [a.id for a in plan.actors],
            "currencies": list(CURRENCIES),
        }

    # -- problems

    def fail(self, where: Cell | str, message: str) -> None:
        """Note a problem at a cell, or on a whole sheet (its title)."""
        if self.quiet:
            return
        if isinstance(where, Cell):
            self.flagged.add(where)
            key = (self._sheet_index(where.sheet), where.row, where.column, len(self.errors))
            text = str(where)
        else:
            key = (self._sheet_index(where), 0, 0, len(self.errors))
            text = f"Blatt {quote(where)}"
        self.errors.append((key, PlanError(file=self.display, line=0, path=text, message=message, kind="bad_value")))

    def fail_file(self, message: str) -> None:
        self.errors.append(
            ((-1, 0, 0, len(self.errors)), PlanError(file=self.display, line=0, path="", message=message, kind="file"))
        )

    def sorted_errors(self) -> list[PlanError]:
        unique: dict[PlanError, tuple[int, int, int, int]] = {}
        for key, error in self.errors:
            unique.setdefault(error, key)
        return [error for error, _ in sorted(unique.items(), key=lambda pair: pair[1])]

    def _sheet_index(self, title: str) -> int:
        titles = [sheet.title for sheet in self.sheets]
        return titles.index(title) if title in titles else len(titles)

    # -- reading

    def read(self, workbook: Path) -> dict[str, _Document]:
        """Apply the workbook to the measure files (in memory); return them by measure id."""
        documents = self._documents(self.plan)
        book = self._open(workbook)
        if book is None:
            return documents
        self.opened = True
        rows: dict[str, list[_Row] | None] = {}
        for sheet in self.sheets:
            if sheet.title in book.sheetnames:
                rows[sheet.title] = self._read_sheet(book[sheet.title], sheet)
            elif sheet.title == MEASURES:
                self.fail_file(
                    f"das Blatt {quote(MEASURES)} fehlt – bitte eine mit „make export-xlsx“ erzeugte Tabelle verwenden"
                )
            else:
                rows[sheet.title] = None  # a sheet left out leaves its entries as they are
        if STATE in book.sheetnames:
            for values in book[STATE].iter_rows(min_row=2, max_col=2, values_only=True):
                if len(values) == 2 and values[0] and values[1]:
                    self.exported[str(values[0])] = str(values[1])
        book.close()
        measure_rows = rows.get(MEASURES)
        if measure_rows is None:
            return documents
        self._apply(documents, measure_rows, rows)
        return documents

    def refuse_outdated(self, documents: dict[str, _Document]) -> None:
        """Never take back what was changed in data/ after the export.

        A measure that changed in data/ since the export stays as it is if its rows were not
        edited; if they were, the editor is asked to export anew.
        """
        for measure_id, doc in documents.items():
            exported = self.exported.get(measure_id)
            current = self.plan.measures_by_id.get(measure_id)
            if not doc.changed or doc.new or exported is None or current is None or exported == fingerprint(current):
                continue
            if self._fingerprint_of(doc.data) == exported:  # not edited: the workbook only shows the old state
                doc.data = _commented(doc.original)
                continue
            self.fail(
                self.by_id[measure_id].cells[self.sheets[0].column("Kennung")],
                f"die Maßnahme wurde nach dem Export dieser Tabelle in {display_path(doc.path, self.root)} geändert – "
                "die Tabelle würde das zurücknehmen. Bitte neu exportieren (make export-xlsx) und die eigenen "
                "Änderungen an dieser Maßnahme dort eintragen",
            )
            doc.data = _commented(doc.original)  # stays as it is

    def _fingerprint_of(self, data: CommentedMap) -> str | None:
        """The fingerprint of a measure as the workbook has it; None if it is not valid."""
        try:
            return fingerprint(Measure.model_validate(_plain(data), context={"languages": self.languages}))
        except ValidationError:
            return None

    def redo_exactly(self, documents: list[_Document]) -> None:
        """Apply the workbook again to the round-trip YAML of the files it changes."""
        self.quiet = True
        for doc in documents:
            try:
                doc.data = roundtrip.load(doc.text)
            except Exception:  # ruamel.yaml raises several kinds; the file passed `check` already
                self.quiet = False
                self.fail_file(
                    f"{display_path(doc.path, self.root)} lässt sich nicht bearbeiten – bitte mit make check prüfen"
                )
                self.quiet = True
                continue
            doc.exact = True
            self._apply_measure(doc, self.by_id[str(doc.data.get("id"))], self.grouped)
        self.quiet = False

    def _documents(self, plan: Plan) -> dict[str, _Document]:
        documents = {}
        for path in sorted((self.data_dir / "measures").glob("*.yml")):
            source = plan.sources.get(display_path(path, self.root))
            if source is not None and isinstance(source.data, dict):
                text = path.read_text(encoding="utf-8")
                documents[str(source.data.get("id"))] = _Document(path, text, _commented(source.data), source.data)
        return documents

    def _open(self, workbook: Path) -> Any:
        if not workbook.is_file():
            self.fail_file("die Datei gibt es nicht – erst „make export-xlsx“ ausführen oder den Pfad prüfen")
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # about Excel extensions openpyxl does not read
                return load_workbook(workbook, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
            self.fail_file(
                "die Datei ist keine Excel-Arbeitsmappe (.xlsx) – bitte im Format „Excel-Arbeitsmappe (.xlsx)“ speichern"
            )
            return None

    def _read_sheet(self, ws: Any, sheet: Sheet) -> list[_Row] | None:
        by_header = {column.header: column for column in sheet.columns}
        present: dict[int, Column] = {}  # 0-based position in a row -> column
        for position, header in enumerate(next(ws.iter_rows(max_row=1, values_only=True), ())):
            text = _as_text(header)
            if not text:
                continue
            cell = Cell(sheet.title, 1, position + 1, text)
            column = by_header.get(text)
            if column is None:
                self.fail(
                    cell,
                    f"unbekannte Spalte{_did_you_mean(text, list(by_header))} – erlaubt sind die Spalten der mit "
                    "„make export-xlsx“ erzeugten Tabelle; eigene Notizen bitte in ein eigenes Blatt",
                )
            elif column in present.values():
                first = next(index for index, other in present.items() if other is column)
                self.fail(cell, f"die Spalte steht doppelt (schon in Spalte {get_column_letter(first + 1)})")
            else:
                present[position] = column
        keys = [c for c in sheet.columns if c.role in ("measure", "indicator") or c.path == ("id",)]
        missing = [c.header for c in keys if c not in present.values()]
        if missing:
            self.fail(
                sheet.title, f"die Spalte {quote(missing[0])} fehlt – ohne sie lassen sich die Zeilen nicht zuordnen"
            )
            return None
        rows = []
        for number, line in enumerate(ws.iter_rows(min_row=2, values_only=True), 2):
            values = {index: line[index] for index in present if index < len(line)}
            if all(_blank(value) for index, value in values.items() if present[index].read_back):
                continue
            row = _Row(sheet, number)
            for index, column in present.items():
                cell = Cell(sheet.title, row.number, index + 1, column.header)
                row.cells[column] = cell
                if not column.read_back:
                    continue
                try:
                    row.values[column] = self._parse(column, values.get(index))
                except _Bad as exc:
                    self.fail(cell, str(exc))
            rows.append(row)
        return rows

    def _parse(self, column: Column, value: Any) -> Any:
        """The cell's value as it goes into YAML: None if empty, [] for an empty list."""
        text = _as_text(value)
        if not text:
            return [] if column.kind in _LIST_KINDS else None
        kind = column.kind
        if kind == "measure_id":
            return text.upper()
        if kind in ("text",):
            return text
        if kind == "status":
            if text not in STATUSES:
                raise _Bad(
                    f"{quote(text)} ist kein erlaubter Status – erlaubt: {', '.join(STATUSES)}{_did_you_mean(text, STATUSES)}"
                )
            return text
        if kind == "choice":
            allowed = self.refs[column.choices]
            if text not in allowed:
                raise _Bad(f"{quote(text)} ist keine erlaubte Währung – erlaubt: {', '.join(allowed)}")
            return text
        if kind == "bool":
            if value is True or text.lower() in (YES, "true", "wahr"):
                return True
            if value is False or text.lower() in (NO, "false", "falsch"):
                return False
            raise _Bad(f"{quote(text)} ist kein erlaubter Wert – erlaubt: {YES}, {NO}")
        if kind == "ref":
            return self._reference(column.choices, text)
        if kind == "refs":
            return [self._reference(column.choices, part) for part in _split(text)]
        if kind == "criteria":
            numbers = []
            for part in _split(text):
                number: int | float | str
                try:
                    number = _number(part, integer=True)
                except _Bad:
                    number = part
                numbers.append(self._reference("criteria", number))
            return numbers
        if kind in ("int", "number"):
            return _number(value, integer=kind == "int")
        return _date(value, months=kind == "when")

    def _reference(self, name: str, value: Any) -> Any:
        allowed = self.refs[name]
        if value in allowed:
            return value
        noun = _NOUNS[name]
        names = [str(a) for a in allowed]
        shown = (
            ", ".join(names)
            if len(names) <= SHOWN
            else ", ".join(names[:SHOWN]) + f", … (alle im Blatt {quote(LISTS)})"
        )
        raise _Bad(f"{noun} {quote(value)} gibt es nicht – erlaubt: {shown}{_did_you_mean(str(value), names)}")

    # -- applying

    def _apply(
        self, documents: dict[str, _Document], measure_rows: list[_Row], rows: dict[str, list[_Row] | None]
    ) -> None:
        by_id: dict[str, _Row] = {}
        id_column = self.sheets[0].column("Kennung")
        for row in measure_rows:
            measure_id = row.values.get(id_column)
            if measure_id is None:
                if id_column in row.values:
                    self.fail(row.cells[id_column], "die Kennung fehlt – jede Maßnahme braucht eine, z. B. WQ-06")
                continue
            if measure_id in by_id:
                self.fail(
                    row.cells[id_column],
                    f"die Maßnahme {quote(measure_id)} steht schon in Zeile {by_id[measure_id].number} – jede Maßnahme hat genau eine Zeile",
                )
                continue
            row.measure = measure_id
            by_id[measure_id] = row
        for measure_id, doc in documents.items():
            if measure_id not in by_id:
                self.fail(
                    MEASURES,
                    f"die Maßnahme {quote(measure_id)} ({display_path(doc.path, self.root)}) fehlt in der Tabelle – "
                    "Maßnahmen werden beim Einlesen nicht gelöscht: bitte die Zeile wiederherstellen; "
                    "eine Maßnahme, die nicht weitergeführt wird, bekommt den Status „eingestellt“",
                )
        missing = set(documents) - set(by_id)  # reported above, with their rows on the other sheets
        grouped = {
            title: self._group(title, sheet_rows, by_id, missing)
            for title, sheet_rows in rows.items()
            if title != MEASURES
        }
        self.by_id, self.grouped = by_id, grouped
        for measure_id, row in by_id.items():
            if measure_id not in documents:
                path = self.data_dir / "measures" / f"{measure_id.lower()}.yml"
                documents[measure_id] = _Document(path, "", CommentedMap(), new=True, exact=True)
            self._apply_measure(documents[measure_id], row, grouped)

    def _group(
        self, title: str, sheet_rows: list[_Row] | None, by_id: dict[str, _Row], missing: set[str]
    ) -> dict[str, list[_Row]] | None:
        """The rows of a sheet by measure; rows naming no known measure are reported."""
        if sheet_rows is None:
            return None
        grouped: dict[str, list[_Row]] = {}
        sheet = next(s for s in self.sheets if s.title == title)
        key = next(c for c in sheet.columns if c.role == "measure")
        number = next((c for c in sheet.columns if c.role == "indicator"), None)
        for row in sheet_rows:
            measure_id = row.values.get(key)
            if key not in row.values:
                continue  # unreadable, already reported
            if measure_id is None:
                self.fail(
                    row.cells[key], "die Kennung der Maßnahme fehlt – jede Zeile gehört zu einer Maßnahme, z. B. WQ-03"
                )
                continue
            if measure_id in missing:
                continue
            if measure_id not in by_id:
                self.fail(
                    row.cells[key],
                    f"Maßnahme {quote(measure_id)} gibt es nicht im Blatt {quote(MEASURES)}{_did_you_mean(measure_id, list(by_id))}",
                )
                continue
            if number is not None:
                value = row.values.get(number, _FAILED)
                if value is _FAILED:
                    continue
                if not isinstance(value, int) or value < 1:
                    self.fail(row.cells[number], "erwartet die Nummer des Indikators in der Maßnahme: 1, 2, …")
                    continue
                row.indicator = value
            row.measure = measure_id
            grouped.setdefault(measure_id, []).append(row)
        return grouped

    def _apply_measure(self, doc: _Document, row: _Row, grouped: dict[str, dict[str, list[_Row]] | None]) -> None:
        before = _latest(doc.data)
        cells = self.cells.setdefault(self._file(doc), {})
        self._apply_item(doc.data, row)
        self._register(cells, row, ())
        key = row.cells[self.sheets[0].column("Kennung")]
        for title in (UPDATES, MILESTONES):
            sheet = self._sheet(title)
            cells.setdefault((sheet.list_key,), key)
            rows = grouped.get(title)
            if rows is not None:
                self._sync(doc.data, sheet.list_key, rows.get(row.measure, []), sheet, (), cells)
        self._sync_indicators(doc.data, row.measure, grouped.get(INDICATORS), grouped.get(READINGS), cells)
        self._check_latest(doc, row, before, _latest(doc.data))

    def _check_latest(self, doc: _Document, row: _Row, before: tuple[Any, Any], after: tuple[Any, Any]) -> None:
        """Status and progress on the sheet Maßnahmen show the newest update; they are not set there."""
        sheet = self.sheets[0]
        key = row.cells[sheet.column("Kennung")]
        updates = doc.data.get("updates")
        if not isinstance(updates, list) or not updates:
            self.fail(
                key,
                f"die Maßnahme hat keine Zeile im Blatt {quote(UPDATES)} – jede Maßnahme braucht mindestens eine "
                "(Datum, Status, Notiz); die neueste bestimmt ihren Status",
            )
            return
        for column, old, new, what in (
            (
                sheet.column("Status"),
                before[0],
                after[0],
                f"der Status ergibt sich aus der neuesten Aktualisierung ({quote(after[0])})",
            ),
            (
                sheet.column("Fortschritt (%)"),
                before[1],
                after[1],
                f"der Fortschritt ergibt sich aus der neuesten Aktualisierung ({after[1]} %)",
            ),
        ):
            shown = row.values.get(column)
            if shown is None or shown in (old, new):
                continue
            self.fail(
                row.cells[column],
                f"{what} und wird hier nur angezeigt – für einen neuen Stand bitte im Blatt {quote(UPDATES)} "
                "eine Zeile mit Datum, Status und Notiz anlegen",
            )

    def _sheet(self, title: str) -> Sheet:
        return next(sheet for sheet in self.sheets if sheet.title == title)

    def _sync(
        self,
        parent: CommentedMap,
        key: str,
        rows: list[_Row],
        sheet: Sheet,
        base: tuple[str | int, ...],
        cells: dict[Key, Cell],
    ) -> list[CommentedMap]:
        """Make the list `parent[key]` hold one item per row; unchanged items stay as they are."""
        existing = parent.get(key)
        items = [item for item in existing if isinstance(item, CommentedMap)] if isinstance(existing, list) else []
        if not rows and not items:
            return []
        columns = [c for c in sheet.columns if c.role == "value" and any(c in row.cells for row in rows)]
        old = [tuple(_canon(c, _get(item, c.path)) for c in columns) for item in items]
        new = [tuple(_canon(c, row.values.get(c, _FAILED)) for c in columns) for row in rows]
        result: list[CommentedMap] = []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                result += items[i1:i2]
                continue
            for offset, row in enumerate(rows[j1:j2]):
                reused = i1 + offset < i2
                item = (
                    items[i1 + offset]
                    if reused
                    else (roundtrip.flow_map() if () in sheet.flow else roundtrip.block_map())
                )
                self._apply_item(item, row)
                result.append(item)
        for index, row in enumerate(rows):
            self._register(cells, row, (*base, key, index))
        order = list(Indicator.model_fields if base else Measure.model_fields)
        _store_list(parent, key, existing, items, result, order)
        return result

    def _sync_indicators(
        self,
        measure: CommentedMap,
        measure_id: str,
        indicator_rows: dict[str, list[_Row]] | None,
        reading_rows: dict[str, list[_Row]] | None,
        cells: dict[Key, Cell],
    ) -> None:
        existing = measure.get("indicators")
        items = [item for item in existing if isinstance(item, CommentedMap)] if isinstance(existing, list) else []
        if indicator_rows is None:
            numbered = dict(enumerate(items, 1))
        else:
            rows: dict[int, _Row] = {}
            for row in indicator_rows.get(measure_id, []):
                if row.indicator in rows:
                    number_column = next(c for c in row.sheet.columns if c.role == "indicator")
                    self.fail(
                        row.cells[number_column],
                        f"Indikator {row.indicator} der Maßnahme {quote(measure_id)} steht schon in Zeile {rows[row.indicator].number}",
                    )
                    continue
                rows[row.indicator] = row
            numbered = {}
            for index, number in enumerate(sorted(rows)):
                item = items[number - 1] if number <= len(items) else roundtrip.block_map()
                self._apply_item(item, rows[number])
                self._register(cells, rows[number], ("indicators", index))
                numbered[number] = item
            _store_list(measure, "indicators", existing, items, list(numbered.values()), list(Measure.model_fields))
        if reading_rows is None:
            return
        readings: dict[int, list[_Row]] = {}
        for row in reading_rows.get(measure_id, []):
            if row.indicator not in numbered:
                number_column = next(c for c in row.sheet.columns if c.role == "indicator")
                known = ", ".join(str(n) for n in numbered) or "keine"
                self.fail(
                    row.cells[number_column],
                    f"Indikator {row.indicator} der Maßnahme {quote(measure_id)} gibt es nicht im Blatt {quote(INDICATORS)} (vorhanden: {known})",
                )
                continue
            readings.setdefault(row.indicator, []).append(row)
        for index, (number, item) in enumerate(numbered.items()):
            self._sync(item, "values", readings.get(number, []), self._sheet(READINGS), ("indicators", index), cells)

    def _register(self, cells: dict[Key, Cell], row: _Row, base: Key) -> None:
        """Remember which cell holds which key path, to name the cell in validation errors."""
        first = next((cell for column, cell in row.cells.items() if column.role == "value"), None)
        if first is not None:
            cells.setdefault(base, first)
        for column, cell in row.cells.items():
            if column.role != "value":
                continue
            path = (*base, *column.path)
            cells[path] = cell
            for depth in range(len(base) + 1, len(path)):
                cells.setdefault(path[:depth], cell)  # German comes first: the text's cell

    def _apply_item(self, item: CommentedMap, row: _Row) -> None:
        """Set the values of one row in one item (a measure, an update, …) where they differ."""
        sheet = row.sheet
        empty_groups = set()
        for group in sheet.optional:
            # all of a group's cells empty (a default such as EUR counts as empty): the group goes
            members = [c for c in sheet.columns if c.path[:1] == (group,) and c.role == "value"]
            if all(c in row.values and _canon(c, row.values[c]) == _canon(c, None) for c in members):
                empty_groups.add(group)
                item.pop(group, None)
        for column, value in row.values.items():
            if column.role != "value" or column.path[0] in empty_groups:
                continue
            old = _get(item, column.path)
            if _canon(column, old) == _canon(column, value):
                continue
            if _empty(value):
                _remove(item, column.path)
            else:
                self._set(item, column, value, old, sheet)

    def _set(self, item: CommentedMap, column: Column, value: Any, old: Any, sheet: Sheet) -> None:
        node = item
        path = column.path
        for depth, part in enumerate(path[:-1]):
            child = node.get(part)
            if not isinstance(child, CommentedMap):
                child = roundtrip.flow_map() if path[: depth + 1] in sheet.flow else roundtrip.block_map()
                roundtrip.put(node, part, child, self._model_order(sheet, path[:depth]))
            node = child
        order = self.languages if column.lang else self._model_order(sheet, path[:-1])
        roundtrip.put(node, path[-1], self._yaml_value(column, value, old, sheet, roundtrip.is_flow(node)), order)

    def _model_order(self, sheet: Sheet, path: tuple[str, ...]) -> list[str]:
        model = sheet.models.get(path)
        return list(model.model_fields) if model else []

    def _yaml_value(self, column: Column, value: Any, old: Any, sheet: Sheet, in_flow: bool) -> Any:
        """A value in the style of the data files at the column's place."""
        kind = column.kind
        if kind == "text":
            if in_flow:
                return roundtrip.flow_text(value)
            key_indent = sheet.item_indent + roundtrip.INDENT * (len(column.path) - 1)
            return roundtrip.block_text(value, column.path[-1], key_indent, old)
        if kind in _LIST_KINDS:
            return roundtrip.flow_seq(value, like=old)
        if kind in ("when", "day") and isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value

    # -- validation

    def _file(self, doc: _Document) -> str:
        return f"{_data_folder(self.data_dir, self.root)}/measures/{doc.path.name}"

    def text_of(self, doc: _Document) -> str:
        """The file's new text; a new measure starts like every other measure file."""
        text = roundtrip.dump(doc.data)
        if doc.new:
            head = [
                modeline(self.data_dir, doc.path, "measure"),
                f"# Maßnahme {doc.data.get('id')} – eine Datei je Maßnahme, Dateiname = Kennung in Kleinbuchstaben.",
            ]
            text = "\n".join(head) + "\n" + text
        return text

    def validate(self, changed: dict[str, _Document]) -> None:
        """Check the plan as it would be after the import, like `check`; name the cells of its errors."""
        folder = _data_folder(self.data_dir, self.root)
        with tempfile.TemporaryDirectory(prefix="import-xlsx-") as temp:
            copy = Path(temp) / folder
            shutil.copytree(self.data_dir, copy)
            for doc in changed.values():
                target = copy / "measures" / doc.path.name
                target.write_text(self.text_of(doc), encoding="utf-8", newline="\n")
            _, errors = read_plan(copy, Path(temp), self.languages)
        for error in PlanErrors(errors).errors:
            located = self._locate(error)
            if located is None:
                self.errors.append(((len(self.sheets) + 1, 0, 0, len(self.errors)), error))
                continue
            cell, message = located
            if cell not in self.flagged:
                key = (self._sheet_index(cell.sheet), cell.row, cell.column, len(self.errors))
                moved = PlanError(self.display, 0, str(cell), message, kind=error.kind, key=error.key)
                self.errors.append((key, moved))

    def _locate(self, error: PlanError) -> tuple[Cell, str] | None:
        """The cell that holds what an error of the plan is about, by its key path; None if no cell does.

        An error about a value of a cell names the cell; one about a key path no column holds
        names the cell of the nearest key above it, with the key path. A missing required key
        (`kind` "missing", `key` the missing key) whose column is there is an empty cell.
        """
        cells = self.cells.get(error.file)
        if cells is None:
            return None
        key, message = error.key, error.message
        exact = True
        while key not in cells:
            if not key:
                return None
            key, exact = key[:-1], False
        if error.kind == "missing" and exact:
            message = "die Zelle ist leer – diese Angabe ist Pflicht"
        elif not exact and error.path:
            message = f"{error.path}: {message}"
        return cells[key], message


# ---- Values


def _as_text(value: Any) -> str:
    """A cell's value as the text an editor sees, without edge whitespace."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _blank(value: Any) -> bool:
    return _as_text(value) == ""


def _empty(value: Any) -> bool:
    return value is None or value == []


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def _did_you_mean(value: str, allowed: Sequence[str]) -> str:
    # the same matching as loading.py uses for unknown keys
    guess = difflib.get_close_matches(value, list(allowed), n=1)
    return f" – meinten Sie {quote(guess[0])}?" if guess else ""


_GERMAN_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")


def _number(value: Any, integer: bool) -> int | float:
    """A number from a cell: 12, 1390.5 or German 1390,5 and 185.000; a percent sign is ignored."""
    if isinstance(value, bool):
        raise _Bad(f"{quote(_as_text(value))} ist keine Zahl")
    if isinstance(value, int | float):
        number = float(value)
        shown = _as_text(value)
    else:
        shown = _as_text(value)
        text = shown.replace("\u00a0", "").replace(" ", "").removesuffix("%")
        if "," in text or _GERMAN_THOUSANDS.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
    if number != number or number in (float("inf"), float("-inf")):
        example = "z. B. 40" if integer else "z. B. 12 oder 1390,5"
        raise _Bad(f"{quote(shown)} ist keine Zahl – erlaubt: {example}")
    if integer and not number.is_integer():
        raise _Bad(f"{quote(shown)} ist keine ganze Zahl – erlaubt: z. B. 40")
    return int(number) if number.is_integer() else number


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_GERMAN_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_GERMAN_MONTH = re.compile(r"(\d{1,2})[./](\d{4})")


def _date(value: Any, months: bool) -> str:
    """A date as JJJJ-MM-TT, or JJJJ-MM where `months` allows a whole month."""
    text = _as_text(value)
    day = _ISO_DAY.fullmatch(text)
    german = _GERMAN_DAY.fullmatch(text)
    parts = (day[1], day[2], day[3]) if day else (german[3], german[2], german[1]) if german else None
    if parts:
        try:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
        except ValueError:
            raise _Bad(f"{quote(text)} ist kein gültiges Datum – diesen Tag gibt es im Kalender nicht") from None
    month = _ISO_MONTH.fullmatch(text)
    german_month = _GERMAN_MONTH.fullmatch(text)
    year_month = (month[1], month[2]) if month else (german_month[2], german_month[1]) if german_month else None
    if months and year_month and 1 <= int(year_month[1]) <= 12:
        return f"{int(year_month[0]):04d}-{int(year_month[1]):02d}"
    allowed = (
        "JJJJ-MM oder JJJJ-MM-TT, z. B. 2026-09 (auch MM.JJJJ oder TT.MM.JJJJ)"
        if months
        else "JJJJ-MM-TT, z. B. 2026-09-01 (auch TT.MM.JJJJ)"
    )
    raise _Bad(f"{quote(text)} ist kein gültiges Datum – erlaubt: {allowed}")


def _plain(value: Any) -> Any:
    """Values of the round-trip writer as plain Python values, as a YAML file gives them."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    return value


def _commented(value: Any) -> Any:
    """Plain YAML values as the mappings and lists that the round-trip writer uses."""
    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def _store_list(
    parent: CommentedMap,
    key: str,
    existing: Any,
    items: list[CommentedMap],
    result: list[CommentedMap],
    order: list[str],
) -> None:
    """Put the new items of a list in place; a list whose items all stay is not touched."""
    if [id(item) for item in result] == [id(item) for item in items]:
        return
    if not result:
        parent.pop(key, None)
    elif isinstance(existing, CommentedSeq):
        if [id(item) for item in result[: len(items)]] == [id(item) for item in items]:
            existing.extend(result[len(items) :])  # appended: what stands keeps its comments
        else:
            del existing[:]
            existing.extend(result)
    else:
        roundtrip.put(parent, key, roundtrip.block_seq(result), order)


def _get(item: Any, path: Sequence[str]) -> Any:
    for part in path:
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item


def _remove(item: CommentedMap, path: Sequence[str]) -> None:
    """Delete a key, and the mappings above it that are left empty (not the item itself)."""
    chain: list[dict[Any, Any]] = [item]
    for part in path[:-1]:
        child = chain[-1].get(part)
        if not isinstance(child, dict):
            return
        chain.append(child)
    chain[-1].pop(path[-1], None)
    for depth in range(len(path) - 1, 0, -1):
        if not chain[depth]:
            del chain[depth - 1][path[depth - 1]]


def _canon(column: Column, value: Any) -> Any:
    """A value of a YAML file or a cell in one comparable form; an absent key counts as its default."""
    if value is _FAILED:
        return value
    kind = column.kind
    if kind in _LIST_KINDS:
        return tuple(value or ())
    if value is None:
        return "EUR" if column.path == ("budget", "currency") else None
    if kind in ("int", "number") and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind in ("when", "day"):
        try:
            return _date(value, months=True)
        except _Bad:
            return str(value)
    if kind == "bool":
        return value
    return str(value)


def _latest(measure: CommentedMap) -> tuple[Any, Any]:
    """Status and progress of the newest update, as the site shows them."""
    updates = measure.get("updates")
    if not isinstance(updates, list) or not updates or not isinstance(updates[-1], dict):
        return None, None
    progress = next(
        (u.get("progress") for u in reversed(updates) if isinstance(u, dict) and u.get("progress") is not None), 0
    )
    return updates[-1].get("status"), progress


def _data_folder(data_dir: Path, root: Path) -> str:
    try:
        return data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return data_dir.name
