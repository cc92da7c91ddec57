"""Reading a workbook's sheets: headers to columns, cells to values, every problem at its cell."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ...plan.errors import quote
from ...plan.model import STATUSES
from .columns import LIST_KINDS, LISTS, NO, NOUNS, SHOWN, YES, Column, Sheet
from .values import BadCell, Cell, Row, as_text, close_match, is_blank, parse_date, parse_number, split_ids


class WorkbookReader:
    """Reads the sheets of one workbook; `fail` (of the import) hears every problem at its cell."""

    refs: dict[str, list[Any]]  # the allowed ids of each list of the sheet "Listen"

    def fail(self, where: Cell | str, message: str) -> None:
        raise NotImplementedError

    def fail_file(self, message: str) -> None:
        raise NotImplementedError

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

    def _read_sheet(self, ws: Any, sheet: Sheet) -> list[Row] | None:
        by_header = {column.header: column for column in sheet.columns}
        present: dict[int, Column] = {}  # 0-based position in a row -> column
        for position, header in enumerate(next(ws.iter_rows(max_row=1, values_only=True), ())):
            text = as_text(header)
            if not text:
                continue
            cell = Cell(sheet.title, 1, position + 1, text)
            column = by_header.get(text)
            if column is None:
                self.fail(
                    cell,
                    f"unbekannte Spalte{close_match(text, list(by_header))} – erlaubt sind die Spalten der mit "
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
            if all(is_blank(value) for index, value in values.items() if present[index].read_back):
                continue
            row = Row(sheet, number)
            for index, column in present.items():
                cell = Cell(sheet.title, row.number, index + 1, column.header)
                row.cells[column] = cell
                if not column.read_back:
                    continue
                try:
                    row.values[column] = self._parse(column, values.get(index))
                except BadCell as exc:
                    self.fail(cell, str(exc))
            rows.append(row)
        return rows

    def _parse(self, column: Column, value: Any) -> Any:
        """The cell's value as it goes into YAML: None if empty, [] for an empty list."""
        text = as_text(value)
        if not text:
            return [] if column.kind in LIST_KINDS else None
        kind = column.kind
        if kind == "measure_id":
            return text.upper()
        if kind in ("text",):
            return text
        if kind == "status":
            if text not in STATUSES:
                raise BadCell(
                    f"{quote(text)} ist kein erlaubter Status – erlaubt: {', '.join(STATUSES)}{close_match(text, STATUSES)}"
                )
            return text
        if kind == "choice":
            allowed = self.refs[column.choices]
            if text not in allowed:
                raise BadCell(f"{quote(text)} ist keine erlaubte Währung – erlaubt: {', '.join(allowed)}")
            return text
        if kind == "bool":
            if value is True or text.lower() in (YES, "true", "wahr"):
                return True
            if value is False or text.lower() in (NO, "false", "falsch"):
                return False
            raise BadCell(f"{quote(text)} ist kein erlaubter Wert – erlaubt: {YES}, {NO}")
        if kind == "ref":
            return self._reference(column.choices, text)
        if kind == "refs":
            return [self._reference(column.choices, part) for part in split_ids(text)]
        if kind == "criteria":
            numbers = []
            for part in split_ids(text):
                number: int | float | str
                try:
                    number = parse_number(part, integer=True)
                except BadCell:
                    number = part
                numbers.append(self._reference("criteria", number))
            return numbers
        if kind in ("int", "number"):
            return parse_number(value, integer=kind == "int")
        return parse_date(value, months=kind == "when")

    def _reference(self, name: str, value: Any) -> Any:
        allowed = self.refs[name]
        if value in allowed:
            return value
        noun = NOUNS[name]
        names = [str(a) for a in allowed]
        shown = (
            ", ".join(names)
            if len(names) <= SHOWN
            else ", ".join(names[:SHOWN]) + f", … (alle im Blatt {quote(LISTS)})"
        )
        raise BadCell(f"{noun} {quote(value)} gibt es nicht – erlaubt: {shown}{close_match(str(value), names)}")
