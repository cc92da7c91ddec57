"""The workbook's sheets and columns: German headers, where each value lives, how it is read.

One `Sheet` per kind of row (measures, updates, milestones, indicators, readings), one `Column`
per value; export.py writes them, importer.py reads them back. The workbook keeps a fingerprint
of every measure as exported, so that the import never takes back a later change in data/.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from ...plan.model import ALL_QUARTERS, GERMAN, Budget, Indicator, Measure, Milestone, Reading, Target, Update

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
SHOWN_ONLY: tuple[Role, ...] = ("measure_title", "indicator_title")
LIST_KINDS: tuple[Kind, ...] = ("refs", "criteria")
NUMERIC_KINDS: tuple[Kind, ...] = ("int", "number", "bool")


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
        return self.role not in SHOWN_ONLY


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

NOUNS = {
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


def fingerprint(measure: Measure) -> str:
    """A short checksum of everything a measure holds, to notice a change since an export."""
    values = json.dumps(measure.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(values.encode("utf-8")).hexdigest()[:16]
