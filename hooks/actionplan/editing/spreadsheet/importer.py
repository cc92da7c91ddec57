"""The import: an edited workbook back into data/measures/*.yml, only changed cells changing the files.

roundtrip.py keeps every other byte of the measure files; every bad cell is reported by sheet,
row and column, the plan as it would be afterwards is checked like `check` does (its errors
named by their cell, found through each error's key path), and nothing is written unless all of
it is valid.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from ...plan.errors import Key, PlanError, PlanErrors, display_path, quote
from ...plan.loading import read_plan
from ...plan.model import ALL_QUARTERS, Indicator, Measure
from ...plan.plan import Plan
from .. import roundtrip
from ..schema import modeline
from .columns import (
    CURRENCIES,
    INDICATORS,
    LIST_KINDS,
    MEASURES,
    MILESTONES,
    READINGS,
    STATE,
    UPDATES,
    Column,
    Sheet,
    fingerprint,
    sheets,
)
from .reading import WorkbookReader
from .values import (
    FAILED,
    Cell,
    Row,
    canonical,
    close_match,
    commented,
    data_folder,
    get_path,
    is_empty,
    latest_state,
    plain_values,
    remove_path,
    store_list,
)


class SpreadsheetErrors(PlanErrors):
    """Every problem of an import, in the order of the workbook (sheet, row, column)."""

    def __init__(self, errors: Sequence[PlanError], head: str) -> None:
        self.errors = list(errors)
        self.head = head
        Exception.__init__(self, self.report())

    def report(self) -> str:
        """The German report shown to editors."""
        return "\n".join([f"{len(self.errors)} {self.head}", *(f"  {error}" for error in self.errors)])


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


class _Import(WorkbookReader):
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
        self.by_id: dict[str, Row] = {}
        self.exported: dict[str, str] = {}  # measure id -> fingerprint at the export
        self.grouped: dict[str, dict[str, list[Row]] | None] = {}
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
        rows: dict[str, list[Row] | None] = {}
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
                doc.data = commented(doc.original)
                continue
            self.fail(
                self.by_id[measure_id].cells[self.sheets[0].column("Kennung")],
                f"die Maßnahme wurde nach dem Export dieser Tabelle in {display_path(doc.path, self.root)} geändert – "
                "die Tabelle würde das zurücknehmen. Bitte neu exportieren (make export-xlsx) und die eigenen "
                "Änderungen an dieser Maßnahme dort eintragen",
            )
            doc.data = commented(doc.original)  # stays as it is

    def _fingerprint_of(self, data: CommentedMap) -> str | None:
        """The fingerprint of a measure as the workbook has it; None if it is not valid."""
        try:
            return fingerprint(Measure.model_validate(plain_values(data), context={"languages": self.languages}))
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
                documents[str(source.data.get("id"))] = _Document(path, text, commented(source.data), source.data)
        return documents

    # -- applying

    def _apply(
        self, documents: dict[str, _Document], measure_rows: list[Row], rows: dict[str, list[Row] | None]
    ) -> None:
        by_id: dict[str, Row] = {}
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
        self, title: str, sheet_rows: list[Row] | None, by_id: dict[str, Row], missing: set[str]
    ) -> dict[str, list[Row]] | None:
        """The rows of a sheet by measure; rows naming no known measure are reported."""
        if sheet_rows is None:
            return None
        grouped: dict[str, list[Row]] = {}
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
                    f"Maßnahme {quote(measure_id)} gibt es nicht im Blatt {quote(MEASURES)}{close_match(measure_id, list(by_id))}",
                )
                continue
            if number is not None:
                value = row.values.get(number, FAILED)
                if value is FAILED:
                    continue
                if not isinstance(value, int) or value < 1:
                    self.fail(row.cells[number], "erwartet die Nummer des Indikators in der Maßnahme: 1, 2, …")
                    continue
                row.indicator = value
            row.measure = measure_id
            grouped.setdefault(measure_id, []).append(row)
        return grouped

    def _apply_measure(self, doc: _Document, row: Row, grouped: dict[str, dict[str, list[Row]] | None]) -> None:
        before = latest_state(doc.data)
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
        self._check_latest(doc, row, before, latest_state(doc.data))

    def _check_latest(self, doc: _Document, row: Row, before: tuple[Any, Any], after: tuple[Any, Any]) -> None:
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
        rows: list[Row],
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
        old = [tuple(canonical(c, get_path(item, c.path)) for c in columns) for item in items]
        new = [tuple(canonical(c, row.values.get(c, FAILED)) for c in columns) for row in rows]
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
        store_list(parent, key, existing, items, result, order)
        return result

    def _sync_indicators(
        self,
        measure: CommentedMap,
        measure_id: str,
        indicator_rows: dict[str, list[Row]] | None,
        reading_rows: dict[str, list[Row]] | None,
        cells: dict[Key, Cell],
    ) -> None:
        existing = measure.get("indicators")
        items = [item for item in existing if isinstance(item, CommentedMap)] if isinstance(existing, list) else []
        if indicator_rows is None:
            numbered = dict(enumerate(items, 1))
        else:
            rows: dict[int, Row] = {}
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
            store_list(measure, "indicators", existing, items, list(numbered.values()), list(Measure.model_fields))
        if reading_rows is None:
            return
        readings: dict[int, list[Row]] = {}
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

    def _register(self, cells: dict[Key, Cell], row: Row, base: Key) -> None:
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

    def _apply_item(self, item: CommentedMap, row: Row) -> None:
        """Set the values of one row in one item (a measure, an update, …) where they differ."""
        sheet = row.sheet
        empty_groups = set()
        for group in sheet.optional:
            # all of a group's cells empty (a default such as EUR counts as empty): the group goes
            members = [c for c in sheet.columns if c.path[:1] == (group,) and c.role == "value"]
            if all(c in row.values and canonical(c, row.values[c]) == canonical(c, None) for c in members):
                empty_groups.add(group)
                item.pop(group, None)
        for column, value in row.values.items():
            if column.role != "value" or column.path[0] in empty_groups:
                continue
            old = get_path(item, column.path)
            if canonical(column, old) == canonical(column, value):
                continue
            if is_empty(value):
                remove_path(item, column.path)
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
        if kind in LIST_KINDS:
            return roundtrip.flow_seq(value, like=old)
        if kind in ("when", "day") and isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value

    # -- validation

    def _file(self, doc: _Document) -> str:
        return f"{data_folder(self.data_dir, self.root)}/measures/{doc.path.name}"

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
        folder = data_folder(self.data_dir, self.root)
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
