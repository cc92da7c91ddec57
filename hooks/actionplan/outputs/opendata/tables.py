"""The CSV tables: measures, updates and indicator values, plain (RFC 4180) and for German Excel, with their Table Schemas."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel import Locale

from ...plan.model import (
    GERMAN,
    STATUSES,
    When,
)
from .context import (
    Context,
    german_date,
)
from .document import (
    whole_number,
)

Cell = str | int | float | bool | dt.date | When | tuple[str, ...] | None


@dataclass(frozen=True)
class Column:
    """A column of a table; `type` is "string", "integer", "number", "boolean", "date" (a day),
    "when" (a month or a day, as the data has it) or "list" (ids, comma-separated)."""

    name: str
    type: str
    description: str  # German
    required: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str  # the file name without .csv
    kind: str  # its description in labels.yml
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    primary_key: str | None = None
    measure_key: str | None = None  # the column that names a measure (a foreign key to massnahmen)


def _language_name(code: str) -> str:
    return str(Locale.parse(GERMAN).languages.get(code, code))


def _per_language(name: str, what: str, languages: Sequence[str]) -> list[Column]:
    return [Column(f"{name}_{lang}", "string", f"{what} ({_language_name(lang)})") for lang in languages]


def _each(text: dict[str, str] | None, languages: Sequence[str]) -> list[Cell]:
    """A text in each language, empty where it is not translated."""
    return [(text or {}).get(lang) for lang in languages]


def measure_table(context: Context) -> Table:
    """massnahmen.csv: one row per measure."""
    plan = context.plan
    languages = plan.languages
    columns = (
        Column("id", "string", "Kennung der Maßnahme", required=True),
        *_per_language("title", "Titel", languages),
        *_per_language("summary", "Kurzbeschreibung", languages),
        Column("description_de", "string", "Beschreibung (Deutsch)"),
        Column("field", "string", "Handlungsfeld (Kennung)", required=True),
        Column("field_title_de", "string", "Handlungsfeld (Titel)"),
        Column("goals", "list", "Ziele (Kennungen, durch Komma getrennt)"),
        Column("principles", "list", "Leitsätze des Leitbilds (Kennungen, durch Komma getrennt)"),
        Column("quality_criteria", "list", "Qualitätsmerkmale der Gemeinwesenarbeit (Nummern, durch Komma getrennt)"),
        Column("quarters", "list", "Quartiere (Kennungen, durch Komma getrennt; „alle“: die ganze Stadt)"),
        Column("lead", "string", "Federführung (Kennung)", required=True),
        Column("lead_name_de", "string", "Federführung (Name)"),
        Column("partners", "list", "Partner (Kennungen, durch Komma getrennt)"),
        Column("start", "when", "Beginn (Monat oder Tag)", required=True),
        Column("due", "when", "Ende geplant (Monat oder Tag)"),
        Column("status", "string", "Aktueller Status", required=True, enum=STATUSES),
        Column("progress", "integer", "Aktueller Fortschritt in Prozent", required=True),
        Column("last_update", "date", "Datum der neuesten Aktualisierung", required=True),
        Column("merged_into", "string", "Zusammengeführt in (Kennung)"),
        Column("budget_amount", "number", "Budget: Betrag"),
        Column("budget_currency", "string", "Budget: Währung"),
        Column("budget_secured", "boolean", "Budget: Finanzierung gesichert"),
        Column("url", "string", "Adresse der Seite der Maßnahme"),
    )
    rows = []
    for m in plan.measures:
        field = plan.fields_by_id.get(m.field)
        lead = plan.actors_by_id.get(m.lead)
        rows.append(
            (
                m.id,
                *_each(m.title, languages),
                *_each(m.summary, languages),
                (m.description or {}).get(GERMAN),
                m.field,
                field.title[GERMAN] if field else None,
                tuple(m.goals),
                tuple(m.principles),
                tuple(str(number) for number in m.quality_criteria),
                tuple(m.quarters),
                m.lead,
                lead.name[GERMAN] if lead else None,
                tuple(m.partners),
                m.start,
                m.due,
                m.status,
                m.progress,
                m.latest.date,
                m.merged_into,
                m.budget.amount if m.budget else None,
                m.budget.currency if m.budget else None,
                m.budget.secured if m.budget else None,
                context.url(f"massnahmen/{m.slug}/"),
            )
        )
    return Table("massnahmen", "measures", columns, tuple(rows), primary_key="id")


def update_table(context: Context) -> Table:
    """aktualisierungen.csv: one row per update, oldest first within each measure."""
    plan = context.plan
    languages = plan.languages
    columns = (
        Column("measure", "string", "Kennung der Maßnahme", required=True),
        Column("date", "date", "Datum der Aktualisierung", required=True),
        Column("status", "string", "Status", required=True, enum=STATUSES),
        Column("progress", "integer", "Fortschritt in Prozent (leer: unverändert)"),
        *_per_language("note", "Notiz", languages),
        Column("source", "string", "Quelle"),
    )
    rows = tuple(
        (m.id, u.date, u.status, u.progress, *_each(u.note, languages), u.source)
        for m in plan.measures
        for u in m.updates
    )
    return Table("aktualisierungen", "updates", columns, rows, measure_key="measure")


INDICATOR_KINDS = ("ausgangswert", "messwert", "zielwert")


def indicator_table(context: Context) -> Table:
    """indikatoren.csv: one row per value of an indicator – baseline, readings, target."""
    plan = context.plan
    columns = (
        Column("measure", "string", "Kennung der Maßnahme", required=True),
        Column("indicator", "integer", "Nummer des Indikators innerhalb der Maßnahme (ab 1)", required=True),
        Column("indicator_title_de", "string", "Indikator"),
        Column("unit_de", "string", "Einheit"),
        Column("kind", "string", "Art des Werts", required=True, enum=INDICATOR_KINDS),
        Column("date", "when", "Stand des Werts (Monat oder Tag)", required=True),
        Column("value", "number", "Wert", required=True),
        Column("source", "string", "Quelle"),
    )
    rows: list[tuple[Cell, ...]] = []
    for m in plan.measures:
        for number, indicator in enumerate(m.indicators, start=1):
            head = (m.id, number, indicator.title[GERMAN], indicator.unit[GERMAN])
            rows.append(
                (*head, "ausgangswert", indicator.baseline.date, indicator.baseline.value, indicator.baseline.source)
            )
            rows.extend((*head, "messwert", r.date, r.value, r.source) for r in indicator.values)
            rows.append((*head, "zielwert", indicator.target.date, indicator.target.value, None))
    return Table("indikatoren", "indicators", columns, tuple(rows), measure_key="measure")


def cell_text(value: Cell, excel: bool) -> str:
    """A value as CSV text: ISO dates and a decimal point, or the German forms for Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ja" if value else "nein") if excel else ("true" if value else "false")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = format(Decimal(repr(whole_number(value))), "f")  # never an exponent
        return text.replace(".", ",") if excel else text
    if isinstance(value, When):
        if not excel:
            return str(value)
        return (
            f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
            if value.day
            else f"{value.month:02d}.{value.year:04d}"
        )
    if isinstance(value, dt.date):
        return german_date(value) if excel else value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(value)
    return value


def csv_bytes(table: Table, excel: bool) -> bytes:
    """RFC 4180 (UTF-8, comma, CRLF), or for German Excel: BOM, semicolon, CRLF, decimal comma."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    writer.writerows([cell_text(value, excel) for value in row] for row in table.rows)
    text = buffer.getvalue()
    return ("\ufeff" + text if excel else text).encode("utf-8")


_WHEN_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"
_GERMAN_WHEN_PATTERN = r"^(\d{2}\.)?\d{2}\.\d{4}$"


def table_schema(table: Table, excel: bool) -> dict[str, Any]:
    """The Frictionless Table Schema of a CSV file."""
    fields = []
    for column in table.columns:
        spec: dict[str, Any] = {"name": column.name, "description": column.description}
        constraints: dict[str, Any] = {}
        if column.type in ("string", "list", "when"):
            spec["type"] = "string"
            if column.type == "when":
                constraints["pattern"] = _GERMAN_WHEN_PATTERN if excel else _WHEN_PATTERN
        else:
            spec["type"] = column.type
        if column.type == "date" and excel:
            spec["format"] = "%d.%m.%Y"
        if column.type == "number" and excel:
            spec["decimalChar"] = ","
        if column.type == "boolean":
            spec["trueValues"] = ["ja"] if excel else ["true"]
            spec["falseValues"] = ["nein"] if excel else ["false"]
        if column.required:
            constraints["required"] = True
        if column.enum:
            constraints["enum"] = list(column.enum)
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = [table.primary_key]
    if table.measure_key:
        reference = "massnahmen-excel" if excel else "massnahmen"
        schema["foreignKeys"] = [
            {"fields": [table.measure_key], "reference": {"resource": reference, "fields": ["id"]}}
        ]
    return schema
