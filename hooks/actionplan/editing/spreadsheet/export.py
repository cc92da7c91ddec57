"""The export: every measure of the plan as an XLSX workbook, the same bytes for the same data.

The workbook is published as open data too, so the document dates and zip timestamps are fixed
(the newest update's day, or the time the command line passes from SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from ...plan.model import ALL_QUARTERS, GERMAN, STATUSES, Indicator, Measure, When
from ...plan.plan import Plan
from ...plan.texts import Labels, direction, load_labels
from .columns import (
    CURRENCIES,
    INDICATORS,
    LIST_TITLES,
    LISTS,
    MEASURES,
    NO,
    NOTES,
    NUMERIC_KINDS,
    READINGS,
    SPARE_ROWS,
    STATE,
    UPDATES,
    YES,
    Column,
    Sheet,
    fingerprint,
    sheets,
)


def write_workbook(plan: Plan, path: Path, languages: Sequence[str], timestamp: dt.datetime | None = None) -> None:
    """Write every measure of the plan to an XLSX workbook; the same plan gives the same bytes.

    `timestamp` is the workbook's creation date (the command line passes SOURCE_DATE_EPOCH);
    by default the newest update of the plan.
    """
    path.write_bytes(workbook_bytes(plan, languages, timestamp))


def workbook_bytes(
    plan: Plan, languages: Sequence[str], timestamp: dt.datetime | None = None, labels: Labels | None = None
) -> bytes:
    """The XLSX workbook of the plan's measures, as bytes (see write_workbook); `labels`: the build's, if it has them."""
    book = Workbook()
    book.remove(book.active)
    lists = _lists(plan, labels if labels is not None else load_labels())
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
        text_format = column.kind not in NUMERIC_KINDS
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


def _lists(plan: Plan, labels: Labels) -> dict[str, list[tuple[Any, str]]]:
    """Every list of allowed values: (id, German name), in the order of LIST_TITLES."""
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


def _write_notes(ws: Any) -> None:
    for number, line in enumerate(_NOTES, 1):
        ws.cell(row=number, column=1, value=line or None)
    ws.cell(row=1, column=1).font = _HEADER_FONT
    ws.column_dimensions["A"].width = 120
