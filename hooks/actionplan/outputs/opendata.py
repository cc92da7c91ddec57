"""Open data: the plan as files under `daten/`, for anyone to reuse under the site's licence.

One set of files per build (not per language). They are made before the pages are rendered –
the /daten/ page states each file's exact size – and written by `PlanBuild.finish_site`.
Every byte comes from the plan, the release being built and the site's address, never from
the clock: building the same data twice gives identical files.

- `handlungskonzept.json`: the whole plan, texts as language → text, and its JSON Schema
- `massnahmen.csv`, `aktualisierungen.csv`, `indikatoren.csv`: RFC 4180 (UTF-8, comma, CRLF)
- `…-excel.csv`: the same tables for Excel with German settings, which opens a CSV by
  double-click only if it has a byte order mark (else UTF-8 turns into mojibake), semicolons
  (the comma is the German decimal sign), decimal commas and dates as TT.MM.JJJJ
- `handlungskonzept.xlsx`: the editors' workbook (spreadsheet.py), which `import-xlsx` reads back
- `datapackage.json`: a Frictionless Data Package with a Table Schema for every CSV
- `dcat.rdf`: the DCAT-AP.de description in RDF/XML, the form GovData's harvesters read
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from babel import Locale
from pydantic import BaseModel, ConfigDict, WithJsonSchema

from ..editing.schema import DESCRIPTIONS, _germanize
from ..plan.errors import PlanError
from ..plan.model import (
    GERMAN,
    RELEASE_STATES,
    STATUSES,
    ActionField,
    Actor,
    Contact,
    Day,
    LanguageCode,
    Measure,
    Principle,
    Progress,
    QualityCriterion,
    Quarter,
    Release,
    RemovedMeasure,
    Resolution,
    SiteInfo,
    Status,
    Text,
    Url,
    When,
)
from ..plan.plan import Plan
from .citation import plan_date

OPEN_DATA_DIR = "daten"
"""Folder of the files in the built site (beside the /daten/ page)."""

Labels = dict[str, dict[str, str]]


# ---- Licences


@dataclass(frozen=True)
class KnownLicence:
    """An open licence as DCAT-AP.de and Frictionless name it."""

    dcat: str  # the id in DCAT-AP.de's licence vocabulary
    frictionless: str  # the Open Definition id that a Data Package's `licenses` require
    attribution: bool  # whether users must name the source


DCAT_LICENCES = "http://dcat-ap.de/def/licenses/"
LICENCES: dict[str, KnownLicence] = {
    "https://www.govdata.de/dl-de/by-2-0": KnownLicence("dl-by-de/2.0", "dl-de-by-2.0", True),
    "https://www.govdata.de/dl-de/zero-2-0": KnownLicence("dl-zero-de/2.0", "dl-de-zero-2.0", False),
    "https://creativecommons.org/licenses/by/4.0": KnownLicence("cc-by/4.0", "CC-BY-4.0", True),
    "https://creativecommons.org/licenses/by-sa/4.0": KnownLicence("cc-by-sa/4.0", "CC-BY-SA-4.0", True),
    "https://creativecommons.org/publicdomain/zero/1.0": KnownLicence("cc-zero", "CC0-1.0", False),
}
"""Licence texts (data/site.yml `licence.url`, without a trailing slash) the generator can name."""


def known_licence(url: str) -> KnownLicence | None:
    return LICENCES.get(url.rstrip("/"))


def licence_errors(plan: Plan) -> list[PlanError]:
    """Open data needs a licence that data portals know; say so in data/site.yml if it is another."""
    if plan.site is None or known_licence(plan.site.licence.url) is not None:
        return []
    message = (
        "für diese Lizenz kennt der Generator keine Kennung nach DCAT-AP.de, die Datenportale verstehen – "
        f"offene Daten brauchen eine offene Lizenz (bekannt: {', '.join(LICENCES)})"
    )
    source = plan.file_sources.get("site.yml")
    if source is None:  # pragma: no cover - the site information always comes from this file
        return [PlanError("data/site.yml", 0, "licence.url", message, kind="bad_value")]
    return [source.error(("licence", "url"), message, kind="bad_value")]


# ---- The files


@dataclass(frozen=True)
class Download:
    """One file under daten/ with its exact bytes."""

    name: str
    kind: str  # its description in labels.yml: opendata.file.<kind>
    format: str  # as named for people and in DCAT-AP's file-type vocabulary
    mediatype: str
    content: bytes
    encoding: str | None = "utf-8"  # None: binary
    describes: str = ""  # for the Excel variants: the plain file they repeat

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def path(self) -> str:
        """The path in the built site."""
        return f"{OPEN_DATA_DIR}/{self.name}"

    def description(self, labels: Labels, lang: str) -> str:
        """What the file holds, in a language (German where the label is missing)."""
        texts = labels[f"opendata.file.{self.kind}"]
        return texts.get(lang, texts[GERMAN]).format(name=self.describes)


_CSV = "text/csv"
_JSON = "application/json"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RDF = "application/rdf+xml"
_FILE_TYPES = {"JSON": "JSON", "CSV": "CSV", "XLSX": "XLSX", "RDF/XML": "RDF_XML"}
"""Formats → their code in the EU's file-type vocabulary (dct:format)."""


WorkbookWriter = Callable[[Plan, Sequence[str], dt.datetime], bytes]
"""The editors' workbook writer (editing.spreadsheet.export.workbook_bytes), passed in by the build."""


def open_data(
    plan: Plan, release: Release | None, site_url: str, labels: Labels, workbook: WorkbookWriter
) -> list[Download]:
    """Every file of daten/, in the order the page lists them; empty without data/site.yml.

    `workbook` writes the editors' workbook (the one `import-xlsx` reads back) that is published too.

    `site_url` is the published address of this build (in a versioned build it ends in the
    version); without one, the DCAT description uses addresses relative to itself.
    """
    if plan.site is None:
        return []
    context = _Context(plan, release, site_url, labels)
    tables = [measure_table(context), update_table(context), indicator_table(context)]
    files = [
        Download("handlungskonzept.json", "json", "JSON", _JSON, document_bytes(context)),
        Download("handlungskonzept.schema.json", "schema", "JSON", _JSON, schema_bytes(context)),
    ]
    for table in tables:
        files.append(Download(f"{table.name}.csv", table.kind, "CSV", _CSV, csv_bytes(table, excel=False)))
        files.append(
            Download(
                f"{table.name}-excel.csv",
                "excel",
                "CSV",
                _CSV,
                csv_bytes(table, excel=True),
                encoding="utf-8-sig",
                describes=f"{table.name}.csv",
            )
        )
    stamp = dt.datetime.combine(context.date, dt.time())  # dated like the other files, deterministic to the byte
    files.append(Download("handlungskonzept.xlsx", "xlsx", "XLSX", _XLSX, workbook(plan, plan.languages, stamp), None))
    files.append(Download("datapackage.json", "datapackage", "JSON", _JSON, datapackage_bytes(context, tables, files)))
    files.append(Download("dcat.rdf", "dcat", "RDF/XML", _RDF, dcat_bytes(context, files)))
    return files


@dataclass(frozen=True)
class _Context:
    """What every file is made from."""

    plan: Plan
    release: Release | None
    site_url: str
    labels: Labels

    @property
    def site(self) -> SiteInfo:
        assert self.plan.site is not None  # open_data() makes no files without it
        return self.plan.site

    @property
    def date(self) -> dt.date:
        """The release's date, or the newest update's for the draft (never the clock)."""
        return plan_date(self.plan, self.release)

    @property
    def base(self) -> str:
        """The site's address with a slash, or "" (then addresses are relative to daten/)."""
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def url(self, path: str) -> str:
        """The address of a path of the site; relative to daten/ without a site address."""
        if self.base:
            return self.base + path
        return path.removeprefix(OPEN_DATA_DIR + "/") if path.startswith(OPEN_DATA_DIR + "/") else "../" + path

    @property
    def landing_page(self) -> str:
        return self.url(f"{OPEN_DATA_DIR}/") if self.base else "./"

    def text(self, key: str) -> dict[str, str]:
        """A label in every language of the site that has it."""
        texts = self.labels[key]
        return {lang: texts[lang] for lang in self.plan.languages if lang in texts}

    def publisher(self, lang: str = GERMAN) -> str:
        names = self.site.operator.name
        return names.get(lang, names[GERMAN])

    @property
    def licence(self) -> KnownLicence:
        known = known_licence(self.site.licence.url)
        if known is None:  # pragma: no cover - licence_errors() stops the build before
            raise ValueError(f"unbekannte Lizenz {self.site.licence.url}")
        return known

    def attribution(self) -> str:
        """The attribution the licence asks for (German, as the binding text)."""
        title = self.labels["opendata.title"][GERMAN]
        if self.release is not None:
            edition = f"Version {self.release.version} vom {_german_date(self.release.date)}"
        else:
            edition = f"Entwurf, Stand {_german_date(self.date)}"
        return f"{self.publisher()}: {title}, {edition}"


def _german_date(day: dt.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


# ---- The whole plan as JSON


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CurrentState(_Strict):
    """What readers see now: set by the newest update."""

    status: Status
    progress: Progress
    date: Day


class PublishedMeasure(Measure):
    """A measure with every field of its data file, the address of its page and its current state."""

    url: str
    current: CurrentState


class PublishedLicence(_Strict):
    name: Text
    url: Url
    id: str  # DCAT-AP.de licence URI
    attribution: str | None  # the text to name as the source, if the licence asks for one


ReleaseState = Annotated[str, WithJsonSchema({"enum": list(RELEASE_STATES)})]


class PlanDocument(_Strict):
    """The whole action plan as open data (daten/handlungskonzept.json)."""

    title: Text
    description: Text
    publisher: Contact
    version: str | None  # None: the draft
    state: ReleaseState
    date: Day
    resolution: Resolution | None
    licence: PublishedLicence
    languages: list[LanguageCode]
    fields: list[ActionField]
    principles: list[Principle]
    quality_criteria: list[QualityCriterion]
    actors: list[Actor]
    quarters: list[Quarter]
    measures: list[PublishedMeasure]
    removed: list[RemovedMeasure]


_TITLES = {
    "publisher": "Herausgeberin",
    "version": "Version",
    "resolution": "Beschluss",
    "attribution": "Quellenvermerk",
    "current": "Aktueller Stand",
    "removed": "Entfernte Maßnahmen",
    "replaced_by": "Ersetzt durch",
    "fields": "Handlungsfelder",
    "principles": "Leitsätze",
    "quality_criteria": "Qualitätsmerkmale",
    "actors": "Akteure",
    "languages": "Sprachen",
}
_DESCRIPTIONS = {
    "PlanDocument": "Das ganze Handlungskonzept als offene Daten; Texte je Sprache (Sprachcode: Text).",
    "PublishedMeasure": "Eine Maßnahme mit allen Angaben ihrer Datei, der Adresse ihrer Seite und dem aktuellen Stand.",
    "CurrentState": "Was die Website zeigt: Status und Fortschritt der neuesten Aktualisierung und ihr Datum.",
    "PublishedLicence": "Die Lizenz: Name, Lizenztext, Kennung nach DCAT-AP.de und der zu nennende Quellenvermerk.",
    "RemovedMeasure": "Eine veröffentlichte Maßnahme, die nicht mehr zum Plan gehört; ihre Kennung wird nie wieder vergeben.",
}


def plan_document(context: _Context) -> dict[str, Any]:
    """The JSON of the whole plan, keys in the models' order, texts in the site's language order."""
    plan = context.plan
    site = context.site
    release = context.release
    measures = [
        PublishedMeasure.model_construct(
            **{name: getattr(measure, name) for name in Measure.model_fields},
            url=context.url(f"massnahmen/{measure.slug}/"),
            current=CurrentState.model_construct(
                status=measure.status, progress=measure.progress, date=measure.latest.date
            ),
        )
        for measure in plan.measures
    ]
    adopted = release is not None and release.state == "beschlossen"
    document = PlanDocument.model_construct(
        title=context.text("opendata.title"),
        description=context.text("opendata.description"),
        publisher=site.operator,
        version=release.version if release else None,
        state=release.state if release else "entwurf",
        date=context.date,
        resolution=release.resolution if release is not None and adopted else None,
        licence=PublishedLicence.model_construct(
            name=site.licence.name,
            url=site.licence.url,
            id=DCAT_LICENCES + context.licence.dcat,
            attribution=context.attribution() if context.licence.attribution else None,
        ),
        languages=list(plan.languages),
        fields=list(plan.fields),
        principles=list(plan.principles),
        quality_criteria=list(plan.quality_criteria),
        actors=list(plan.actors),
        quarters=list(plan.quarters),
        measures=measures,
        removed=sorted(plan.removed, key=lambda record: record.id),
    )
    plain: dict[str, Any] = _plain(document, plan.languages)
    return plain


def _plain(value: Any, languages: Sequence[str]) -> Any:
    """A model as JSON values: fields in model order, every field (absent ones as null)."""
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name), languages) for name in type(value).model_fields}
    if isinstance(value, When):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dict):  # a text: the site's languages in their order, any other key after them
        order = [lang for lang in languages if lang in value] + sorted(set(value) - set(languages))
        return {key: _plain(value[key], languages) for key in order}
    if isinstance(value, list | tuple):
        return [_plain(item, languages) for item in value]
    raise TypeError(f"cannot publish {type(value).__name__}")  # pragma: no cover - the models hold nothing else


def _number(value: float) -> int | float:
    """4.0 as 4: the data's whole numbers stay whole in every file."""
    return int(value) if value.is_integer() else value


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def document_bytes(context: _Context) -> bytes:
    return _json_bytes(plan_document(context))


def document_schema(context: _Context) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of handlungskonzept.json, generated from the models."""
    schema = PlanDocument.model_json_schema()
    _germanize(schema, list(context.plan.languages))
    _add_titles(schema)
    for name, definition in schema.get("$defs", {}).items():
        description = _DESCRIPTIONS.get(name) or DESCRIPTIONS.get(name)
        if description:
            definition["description"] = description
    schema["description"] = _DESCRIPTIONS["PlanDocument"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": context.url(f"{OPEN_DATA_DIR}/handlungskonzept.schema.json"),
        **schema,
        "title": f"{context.labels['opendata.title'][GERMAN]} (JSON)",
    }


def _add_titles(node: Any) -> None:
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            if isinstance(prop, dict) and key in _TITLES:
                prop["title"] = _TITLES[key]
        for value in node.values():
            _add_titles(value)
    elif isinstance(node, list):
        for item in node:
            _add_titles(item)


def schema_bytes(context: _Context) -> bytes:
    return _json_bytes(document_schema(context))


# ---- Tables


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


def measure_table(context: _Context) -> Table:
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


def update_table(context: _Context) -> Table:
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


def indicator_table(context: _Context) -> Table:
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
        text = format(Decimal(repr(_number(value))), "f")  # never an exponent
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
        return _german_date(value) if excel else value.isoformat()
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


# ---- Data Package


def _slug(text: str) -> str:
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.lower().replace(umlaut, plain)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def datapackage(context: _Context, tables: Sequence[Table], files: Sequence[Download]) -> dict[str, Any]:
    """A Frictionless Data Package (v1) of the files made so far, CSVs with their Table Schema."""
    by_name = {f"{table.name}.csv": (table, False) for table in tables}
    by_name |= {f"{table.name}-excel.csv": (table, True) for table in tables}
    title = context.labels["opendata.title"][GERMAN]
    licence = context.site.licence
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": _slug(f"{title} {context.publisher()}"),
        "title": f"{title} – {context.publisher()}",
        "description": context.labels["opendata.description"][GERMAN],
        "homepage": context.landing_page,
        "created": f"{context.date.isoformat()}T00:00:00Z",
        "keywords": [word.strip() for word in context.labels["opendata.keywords"][GERMAN].split(",")],
        "licenses": [{"name": context.licence.frictionless, "path": licence.url, "title": licence.name[GERMAN]}],
        "contributors": [
            {"title": context.publisher(), "role": "publisher"}
            | ({"email": context.site.operator.email} if context.site.operator.email else {})
            | ({"path": context.site.operator.url} if context.site.operator.url else {})
        ],
        "resources": [],
    }
    if context.release is not None:
        package["version"] = context.release.version
    for file in files:
        resource: dict[str, Any] = {
            "name": file.name.removesuffix(".csv") if file.name in by_name else _slug(file.name.replace(".", "-")),
            "path": file.name,
            "description": file.description(context.labels, GERMAN),
            "format": file.name.rsplit(".", 1)[1],
            "mediatype": file.mediatype,
        }
        if file.encoding:
            resource["encoding"] = file.encoding
        resource["bytes"] = file.size
        resource["hash"] = "sha256:" + hashlib.sha256(file.content).hexdigest()
        if file.name in by_name:
            table, excel = by_name[file.name]
            resource["profile"] = "tabular-data-resource"
            resource["dialect"] = {
                "delimiter": ";" if excel else ",",
                "lineTerminator": "\r\n",
                "quoteChar": '"',
                "doubleQuote": True,
                "header": True,
            }
            resource["schema"] = table_schema(table, excel)
        package["resources"].append(resource)
    return package


def datapackage_bytes(context: _Context, tables: Sequence[Table], files: Sequence[Download]) -> bytes:
    return _json_bytes(datapackage(context, tables, files))


# ---- DCAT-AP.de


_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "adms": "http://www.w3.org/ns/adms#",
}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_IANA = "http://www.iana.org/assignments/media-types/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EU = "http://publications.europa.eu/resource/authority/"
_THEMES = ("SOCI", "GOVE")  # population and society; government and public sector
_LANGUAGES = {"de": "DEU", "en": "ENG", "ar": "ARA", "fa": "FAS", "uk": "UKR", "tr": "TUR", "ru": "RUS"}
"""Language codes → the EU's language vocabulary (codes not listed are left out of dct:language)."""
_GEOCODING_LEVELS = "http://dcat-ap.de/def/politicalGeocoding/Level/"
_LEVELS = {"stateKey": "state", "districtKey": "administrativeDistrict"}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _q(name))
    for key, value in attributes.items():
        element.set(_XML_LANG if key == "lang" else _q(key.replace("_", ":")), value)
    if text is not None:
        element.text = text
    return element


_PREFIXES = {uri: prefix for prefix, uri in _NS.items()} | {"http://www.w3.org/XML/1998/namespace": "xml"}


def _prefixed(name: str) -> str:
    uri, local = name[1:].split("}")
    return f"{_PREFIXES[uri]}:{local}"


def _serialize(element: ET.Element, depth: int, lines: list[str]) -> None:
    """RDF/XML with our prefixes: ElementTree's own writer would need its global prefix registry,
    which other libraries (openpyxl) read too."""
    tag = _prefixed(element.tag)
    attributes = "".join(f" {_prefixed(key)}={quoteattr(value)}" for key, value in element.attrib.items())
    if depth == 0:
        attributes = "".join(f" xmlns:{prefix}={quoteattr(uri)}" for prefix, uri in _NS.items()) + attributes
    indent = "  " * depth
    children = list(element)
    if children:
        lines.append(f"{indent}<{tag}{attributes}>")
        for child in children:
            _serialize(child, depth + 1, lines)
        lines.append(f"{indent}</{tag}>")
    elif element.text is not None:
        lines.append(f"{indent}<{tag}{attributes}>{escape(element.text)}</{tag}>")
    else:
        lines.append(f"{indent}<{tag}{attributes}/>")


def dcat_bytes(context: _Context, files: Sequence[Download]) -> bytes:
    """The DCAT-AP.de description: a dcat:Dataset with a dcat:Distribution per file, as RDF/XML."""
    site = context.site
    release = context.release
    day = context.date.isoformat()
    root = ET.Element(_q("rdf:RDF"))
    dataset = _add(root, "dcat:Dataset", rdf_about=context.landing_page + "#dataset")
    for lang in (GERMAN, "en"):
        if lang in context.labels["opendata.title"]:
            _add(dataset, "dct:title", context.labels["opendata.title"][lang], lang=lang)
    for lang in (GERMAN, "en"):
        if lang in context.labels["opendata.description"]:
            _add(dataset, "dct:description", context.labels["opendata.description"][lang], lang=lang)
    _add(dataset, "dct:identifier", context.landing_page)
    _add(dataset, "dcat:landingPage", rdf_resource=context.landing_page)
    publisher = _add(_add(dataset, "dct:publisher"), "foaf:Organization")
    _add(publisher, "foaf:name", context.publisher())
    if site.operator.url:
        _add(publisher, "foaf:homepage", rdf_resource=site.operator.url)
    contact = _add(_add(dataset, "dcat:contactPoint"), "vcard:Organization")
    _add(contact, "vcard:fn", context.publisher())
    if site.operator.email:
        _add(contact, "vcard:hasEmail", rdf_resource=f"mailto:{site.operator.email}")
    if site.operator.url:
        _add(contact, "vcard:hasURL", rdf_resource=site.operator.url)
    portal = site.open_data
    if portal is not None and portal.contributor_id:
        _add(dataset, "dcatde:contributorID", rdf_resource=portal.contributor_id)
    if portal is not None and portal.political_geocoding:
        key_kind = portal.political_geocoding.rstrip("/").split("/")[-2]  # regionalKey, stateKey, …
        _add(dataset, "dcatde:politicalGeocodingURI", rdf_resource=portal.political_geocoding)
        level = _GEOCODING_LEVELS + _LEVELS.get(key_kind, "municipality")
        _add(dataset, "dcatde:politicalGeocodingLevelURI", rdf_resource=level)
    for lang in (GERMAN, "en"):
        for word in context.labels["opendata.keywords"].get(lang, "").split(","):
            if word.strip():
                _add(dataset, "dcat:keyword", word.strip(), lang=lang)
    for theme in _THEMES:
        _add(dataset, "dcat:theme", rdf_resource=f"{_EU}data-theme/{theme}")
    for lang in context.plan.languages:
        if lang in _LANGUAGES:
            _add(dataset, "dct:language", rdf_resource=f"{_EU}language/{_LANGUAGES[lang]}")
    _add(dataset, "dct:issued", day, rdf_datatype=_XSD + "date")
    _add(dataset, "dct:modified", day, rdf_datatype=_XSD + "date")
    if release is not None:
        _add(dataset, "owl:versionInfo", release.version)
        _add(dataset, "adms:versionNotes", release.summary[GERMAN], lang=GERMAN)
    licence = DCAT_LICENCES + context.licence.dcat
    attribution = context.attribution() if context.licence.attribution else None
    schema_path = f"{OPEN_DATA_DIR}/handlungskonzept.schema.json"
    for file in files:
        url = context.url(file.path)
        distribution = _add(_add(dataset, "dcat:distribution"), "dcat:Distribution", rdf_about=url)
        _add(distribution, "dct:title", file.name)
        for lang in (GERMAN, "en"):
            _add(distribution, "dct:description", file.description(context.labels, lang), lang=lang)
        _add(distribution, "dcat:accessURL", rdf_resource=url)
        _add(distribution, "dcat:downloadURL", rdf_resource=url)
        _add(distribution, "dct:format", rdf_resource=f"{_EU}file-type/{_FILE_TYPES[file.format]}")
        _add(distribution, "dcat:mediaType", rdf_resource=f"{_IANA}{file.mediatype}")
        if file.name == "handlungskonzept.json":
            _add(distribution, "dct:conformsTo", rdf_resource=context.url(schema_path))
        _add(distribution, "dct:license", rdf_resource=licence)
        if attribution:
            _add(distribution, "dcatde:licenseAttributionByText", attribution)
        _add(distribution, "dcat:byteSize", str(file.size), rdf_datatype=_XSD + "decimal")
        _add(distribution, "dct:issued", day, rdf_datatype=_XSD + "date")
        _add(distribution, "dct:modified", day, rdf_datatype=_XSD + "date")
    lines = ['<?xml version="1.0" encoding="utf-8"?>']
    _serialize(root, 0, lines)
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---- Writing


def write_open_data(site_dir: Path, downloads: Sequence[Download]) -> None:
    """Write the files into the built site's daten/."""
    for download in downloads:
        target = site_dir / download.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(download.content)


def format_size(size: int, locale: Locale | str) -> str:
    """A file size for people, by the language's rules: "830 Byte", "12,3 kB", "1,5 MB"."""
    from babel.units import format_unit

    if size < 1000:
        return str(format_unit(size, "digital-byte", length="short", locale=locale))
    if size < 1_000_000:
        return str(format_unit(size / 1000, "digital-kilobyte", length="short", locale=locale, format="#,##0.#"))
    return str(format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=locale, format="#,##0.#"))


def page_context(plan: Plan, release: Release | None, downloads: Sequence[Download], labels: Labels) -> dict[str, Any]:
    """What the template of `<!-- plan:open-data -->` shows (the marker needs data/site.yml)."""
    context = _Context(plan, release, "", labels)
    return {
        "downloads": downloads,
        "info": plan.site,
        "release": release,
        "date": context.date,
        "attribution": context.attribution() if plan.site is not None and context.licence.attribution else None,
        "size": format_size,
    }
