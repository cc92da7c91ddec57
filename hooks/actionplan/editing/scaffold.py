"""New measures, neighbourhoods, meeting places and events from commented templates.

`python -m actionplan new measure --field WQ` writes `data/measures/<id>.yml` with the next
free id of that field of action; `new quarter|place|event --id <slug>` appends an entry to
`data/quarters.yml`, `places.yml` or `events.yml` and leaves every byte already there as it is.
Every key of the model is present and explained in German, German texts come first, the other
languages are commented out to be translated, and what is written passes
`python -m actionplan check` as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ..plan.errors import PlanError, PlanErrors, display_path, quote
from ..plan.model import ALL_QUARTERS, EVENT_KINDS, GERMAN, STATUSES, Event, Measure, MeetingPlace, Quarter
from ..plan.yamlsource import Source, load_yaml
from .schema import modeline

REMOVED_FILE = "removed.yml"
"""Measures taken out of the plan (a list of entries with `id`); their ids stay reserved."""
SNAPSHOT_DIR = "snapshots"
"""Published versions of the plan as JSON (`{"measures": [{"id": …}, …]}`); their ids stay reserved."""
PLACEHOLDER = "Bitte ausfüllen"
"""Starts every German text that the editor still has to write."""

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_MEASURE_ID = re.compile(r"([A-Z]{2,4})-(\d{2,3})")
_SLUG_RULE = "erlaubt: Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. stadtteiltreff-nordstadt"


@dataclass(frozen=True)
class EntryKind:
    """What `new <kind>` appends, and to which file."""

    file: str
    noun: str  # German, with article where a sentence needs it: „Quartier“
    model: type[BaseModel]  # what one entry must satisfy
    header: str  # first comment of a file that does not exist yet


ENTRY_KINDS: dict[str, EntryKind] = {
    "quarter": EntryKind("quarters.yml", "Quartier", Quarter, "Quartiere und Ortsteile mit ihrer Ansprechperson."),
    "place": EntryKind(
        "places.yml",
        "Begegnungsort",
        MeetingPlace,
        "Begegnungsorte: Räume, in denen sich Menschen im Quartier treffen.",
    ),
    "event": EntryKind(
        "events.yml", "Veranstaltung", Event, "Veranstaltungen wie der öffentliche Auftakt. Zeiten in Ortszeit."
    ),
}


@dataclass(frozen=True)
class Created:
    """What `new` wrote, and what the editor fills in next."""

    file: str
    summary: str
    next_steps: list[str]

    def report(self) -> str:
        """The German message printed after creating."""
        steps = [f"  {number}. {step}" for number, step in enumerate(self.next_steps, 1)]
        return "\n".join([f"Angelegt: {self.file} – {self.summary}", "Als Nächstes:", *steps])


# ---- Measures


def reserved_measure_ids(data_dir: Path) -> set[str]:
    """Every measure id ever used, which a new measure must never get again.

    The ids of the files in data/measures/ (their names and their `id`), of the entries of
    data/removed.yml and of every measure in the published versions data/snapshots/*.json.
    Raises `PlanErrors` if removed.yml or a snapshot cannot be read: an id could be missed.
    """
    root = data_dir.parent
    ids: set[str] = set()
    for path in sorted((data_dir / "measures").glob("*.y*ml")):
        ids.add(path.name.rsplit(".", 1)[0].upper())
        source, _ = load_yaml(path, display_path(path, root))  # a broken file still reserves its name
        if source is not None and isinstance(source.data, dict) and isinstance(source.data.get("id"), str):
            ids.add(source.data["id"].upper())
    errors: list[PlanError] = []
    removed = data_dir / REMOVED_FILE
    if removed.is_file():
        source, parse_errors = load_yaml(removed, display_path(removed, root))
        errors += parse_errors
        if source is not None and source.data is not None:
            if isinstance(source.data, list):
                ids |= {str(entry["id"]).upper() for entry in source.data if isinstance(entry, dict) and "id" in entry}
            else:
                errors.append(_not_a_list(source.file))
    for path in sorted((data_dir / SNAPSHOT_DIR).glob("*.json")):
        snapshot_ids, error = _snapshot_ids(path, display_path(path, root))
        ids |= snapshot_ids
        errors += [error] if error else []
    if errors:
        raise PlanErrors(errors)
    return ids


def _snapshot_ids(path: Path, display: str) -> tuple[set[str], PlanError | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return set(), PlanError(
            file=display, line=exc.lineno, path="", message=f"kein gültiges JSON ({exc.msg})", kind="syntax"
        )
    except UnicodeDecodeError:
        return set(), PlanError(
            file=display, line=0, path="", message="die Datei ist nicht in UTF-8 gespeichert", kind="syntax"
        )
    measures = data.get("measures") if isinstance(data, dict) else None
    if not isinstance(measures, list) or not all(
        isinstance(m, dict) and isinstance(m.get("id"), str) for m in measures
    ):
        message = (
            "ein veröffentlichter Stand muss ein JSON-Objekt mit „measures“ sein: eine Liste von Objekten mit „id“"
        )
        return set(), PlanError(file=display, line=1, path="measures", message=message, kind="file")
    return {m["id"].upper() for m in measures}, None


def next_measure_id(data_dir: Path, prefix: str) -> str:
    """The next free id of a field of action: one more than the highest ever used with `prefix`."""
    numbers = [
        match[2]
        for match in (_MEASURE_ID.fullmatch(measure_id) for measure_id in reserved_measure_ids(data_dir))
        if match and match[1] == prefix
    ]
    number = max((int(n) for n in numbers), default=0) + 1
    width = max([2, *(len(n) for n in numbers)])
    if len(str(number)) > 3:
        display = display_path(data_dir / "measures", data_dir.parent)
        raise PlanErrors(
            [
                _refuse_error(
                    display, f"für das Kürzel {quote(prefix)} ist keine Kennung mehr frei (höchstens {prefix}-999)"
                )
            ]
        )
    return f"{prefix}-{number:0{width}d}"


def new_measure(data_dir: Path, root: Path, field: str, languages: Sequence[str], today: dt.date) -> Created:
    """Write data/measures/<id>.yml for a field of action given by prefix (WQ) or id (wohnen-quartier)."""
    fields = _entries(data_dir, root, "fields.yml", required=True)
    choices = ", ".join(f"{f.get('prefix')} oder {f.get('id')}" for f in fields)
    if not field.strip():
        raise _refuse("--field", f"bitte ein Handlungsfeld angeben (erlaubt: {choices})")
    chosen = next((f for f in fields if field == f.get("id") or field.upper() == f.get("prefix")), None)
    if chosen is None or not isinstance(chosen.get("prefix"), str) or not isinstance(chosen.get("id"), str):
        raise _refuse("--field", f"Handlungsfeld {quote(field)} gibt es nicht in data/fields.yml (erlaubt: {choices})")
    actors = _entries(data_dir, root, "actors.yml", required=True)
    lead = next((a for a in actors if a.get("kind") == "verwaltung"), actors[0] if actors else None)
    if lead is None:
        raise PlanErrors(
            [_refuse_error("data/actors.yml", "es gibt noch keinen Akteur – jede Maßnahme braucht eine Federführung")]
        )
    measure_id = next_measure_id(data_dir, chosen["prefix"])
    path = data_dir / "measures" / f"{measure_id.lower()}.yml"
    display = display_path(path, root)
    if path.exists():  # only if the file's id and name disagree; never overwrite
        raise PlanErrors([_refuse_error(display, "die Datei gibt es schon")])
    references = References(
        goals=_listing(chosen.get("goals") or [], "title"),
        principles=_listing(_entries(data_dir, root, "principles.yml", required=False), "title"),
        criteria=_listing(_entries(data_dir, root, "quality_criteria.yml", required=False), "title"),
        quarters=_listing(_entries(data_dir, root, "quarters.yml", required=False), "name"),
        actors=_listing(actors, "name"),
    )
    text = measure_template(
        measure_id, chosen["id"], str(lead["id"]), references, languages, today, modeline(data_dir, path, "measure")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    others = [lang for lang in languages if lang != GERMAN]
    steps = [
        f"Titel und Kurzbeschreibung (title, summary) auf Deutsch schreiben – dort steht „{PLACEHOLDER}: …“.",
        "Ziele, Leitsätze, Qualitätsmerkmale, Quartiere und Partner eintragen; die Kommentare in der Datei nennen, was erlaubt ist.",
        f"Federführung (lead) prüfen – eingetragen ist vorläufig {quote(lead['id'])}.",
        "Beginn (start) prüfen, Ende (due), Meilensteine, Indikatoren und Budget eintragen, soweit bekannt.",
    ]
    if others:
        steps.append(
            f"Übersetzungen ({', '.join(others)}): in den Zeilen „# {others[0]}:“ usw. das „# “ entfernen und den Text dahinter schreiben – was fehlt, zeigt make translations."
        )
    steps.append("Prüfen: make check")
    return Created(display, f"Maßnahme {measure_id} im Handlungsfeld {quote(chosen['id'])}", steps)


@dataclass(frozen=True)
class References:
    """The ids (with their German names) a new measure may point to, listed in its comments."""

    goals: list[tuple[str, str]]
    principles: list[tuple[str, str]]
    criteria: list[tuple[str, str]]
    quarters: list[tuple[str, str]]
    actors: list[tuple[str, str]]


def measure_template(
    measure_id: str,
    field: str,
    lead: str,
    refs: References,
    languages: Sequence[str],
    today: dt.date,
    first_line: str,
) -> str:
    """The commented YAML of a new measure: every key of `Measure`, valid as written."""
    others = [lang for lang in languages if lang != GERMAN]
    statuses = ", ".join(STATUSES)
    blocks: dict[str, tuple[list[str], list[str]]] = {
        "id": (
            [
                "Kennung: Kürzel des Handlungsfelds und laufende Nummer. Sie bleibt für immer gleich und wird",
                "nie wiederverwendet – bitte nicht ändern.",
            ],
            [f"id: {measure_id}"],
        ),
        "title": (
            ["Titel (Pflicht): kurz und in einfachen Worten.", "Beispiel: Gemeinschaftsräume in Neubauten"],
            _text("title", f"{PLACEHOLDER}: Titel der Maßnahme", others),
        ),
        "summary": (
            [
                "Kurzbeschreibung (Pflicht): ein bis drei Sätze – was geschieht, für wen und wo?",
                "Beispiel: In neuen Wohngebieten entsteht ein Raum, den die Nachbarschaft kostenlos nutzt.",
            ],
            _text("summary", f"{PLACEHOLDER}: was geschieht, für wen und wo?", others),
        ),
        "description": (
            [
                "Beschreibung (freiwillig): ausführlicher Text; Absätze durch eine Leerzeile trennen.",
                "Leer lassen oder so ausfüllen:",
                "  description:",
                "    de: >-",
                "      Erster Absatz.",
                "",
                "      Zweiter Absatz.",
            ],
            ["description:"],
        ),
        "field": (
            [
                "Handlungsfeld (Pflicht): Kennung aus data/fields.yml; sie passt zum Kürzel der Kennung oben",
                "– bitte nicht ändern (für ein anderes Feld eine neue Maßnahme anlegen).",
            ],
            [f"field: {field}"],
        ),
        "goals": (
            [
                "Ziele: mindestens eines aus dem eigenen Handlungsfeld; Ziele anderer Felder dürfen dazukommen",
                "(alle Ziele stehen in data/fields.yml). Ziele dieses Handlungsfelds:",
                *_listed(refs.goals),
                "Beispiel: goals: [WQ-Z1, SB-Z2]",
            ],
            ["goals: []"],
        ),
        "principles": (
            [
                "Leitsätze des Leitbilds, denen die Maßnahme folgt (Kennungen aus data/principles.yml):",
                *_listed(refs.principles),
                "Beispiel: principles: [L1, L3]",
            ],
            ["principles: []"],
        ),
        "quality_criteria": (
            [
                "Qualitätsmerkmale der Gemeinwesenarbeit, denen die Maßnahme dient (Nummern aus",
                "data/quality_criteria.yml):",
                *_listed(refs.criteria),
                "Beispiel: quality_criteria: [1, 6]",
            ],
            ["quality_criteria: []"],
        ),
        "quarters": (
            [
                f"Quartiere (Pflicht): Kennungen aus data/quarters.yml oder [{ALL_QUARTERS}] für die ganze Stadt.",
                *_listed(refs.quarters),
                "Beispiel: quarters: [nordstadt, suedstadt]",
            ],
            [f"quarters: [{ALL_QUARTERS}]"],
        ),
        "lead": (
            [
                "Federführung (Pflicht): wer verantwortlich ist – Kennung aus data/actors.yml. Vorläufig",
                "eingetragen, bitte prüfen. Erlaubt:",
                *_listed(refs.actors),
            ],
            [f"lead: {lead}"],
        ),
        "partners": (
            [
                "Partner: wer mitarbeitet – Kennungen aus data/actors.yml (siehe oben), ohne die Federführung.",
                "Beispiel: partners: [vhs, jobcenter]",
            ],
            ["partners: []"],
        ),
        "start": (
            [
                "Beginn (Pflicht): Monat JJJJ-MM oder Tag JJJJ-MM-TT. Eingetragen ist der aktuelle Monat.",
                "Beispiel: start: 2026-09",
            ],
            [f"start: {today:%Y-%m}"],
        ),
        "due": (
            [
                "Geplantes Ende (freiwillig): JJJJ-MM oder JJJJ-MM-TT, nicht vor dem Beginn; leer = offen.",
                "Ist es überschritten, nennt make stale die Maßnahme. Beispiel: due: 2027-12",
            ],
            ["due:"],
        ),
        "merged_into": (
            [
                "Nur beim Status zusammengefuehrt: Kennung der Maßnahme, in der diese aufgeht; sonst leer.",
                "Beispiel: merged_into: WQ-01",
            ],
            ["merged_into:"],
        ),
        "milestones": (
            [
                "Meilensteine (freiwillig): Zwischenschritte mit Titel, fällig (due: JJJJ-MM oder JJJJ-MM-TT)",
                "und erledigt am (done: JJJJ-MM-TT, erst eintragen, wenn erledigt). Zum Eintragen „[]“",
                "löschen und darunter schreiben, zum Beispiel:",
                "  milestones:",
                "    - title:",
                "        de: Kooperationsvertrag geschlossen",
                "      due: 2026-06",
                "      done: 2026-06-30",
            ],
            ["milestones: []"],
        ),
        "indicators": (
            [
                "Indikatoren (freiwillig): woran der Fortschritt gemessen wird – Titel, Einheit, Ausgangswert",
                "(baseline), Zielwert (target) und Messwerte (values, älteste zuerst, mit Quelle). Zum",
                "Beispiel:",
                "  indicators:",
                "    - title:",
                "        de: Gemeinschaftsräume in Neubauten",
                "      unit:",
                "        de: Räume",
                "      baseline: {date: 2025-12, value: 2, source: Bestandsaufnahme 2025}",
                "      target: {date: 2027-12, value: 10}",
                "      values:",
                "        - {date: 2026-09, value: 4, source: https://www.musterstadt.de/bericht}",
            ],
            ["indicators: []"],
        ),
        "budget": (
            [
                "Budget (freiwillig): Betrag in Euro, woher das Geld kommt und ob es gesichert ist",
                "(secured: true) oder erst beantragt (false); leer = keine Angabe. Zum Beispiel:",
                "  budget:",
                "    amount: 120000",
                "    currency: EUR",
                "    source:",
                "      de: Landesprogramm Zusammenleben",
                "    secured: true",
            ],
            ["budget:"],
        ),
        "updates": (
            [
                "Aktualisierungen (Pflicht): datierte Berichte, älteste zuerst, neueste zuletzt. Der neueste",
                "bestimmt Status und Fortschritt auf der Website. Für einen neuen Stand einen Eintrag unten",
                "anhängen, ältere nicht überschreiben.",
                "  date: Tag JJJJ-MM-TT",
                f"  status: {statuses}",
                "          (abgeschlossen: Fortschritt 100; zusammengefuehrt: oben merged_into eintragen)",
                "  progress: Fortschritt in Prozent, 0 bis 100 (freiwillig; sonst gilt der letzte Wert)",
                "  note: was sich getan hat (Pflicht, Deutsch)",
                "  source: Beleg, z. B. Drucksache oder Internetadresse (freiwillig)",
                "Beispiel für den nächsten Eintrag:",
                "  - date: 2027-03-01",
                "    status: laufend",
                "    progress: 20",
                "    note:",
                "      de: Die ersten Räume sind geplant.",
                "    source: Ratsbeschluss, Drucksache 2027/012",
            ],
            [
                "updates:",
                f"  - date: {today.isoformat()}",
                "    status: geplant",
                "    progress: 0",
                *_text("note", "Die Maßnahme ist in Vorbereitung.", others, indent="    "),
            ],
        ),
    }
    lines = [
        first_line,
        f"# Maßnahme {measure_id}, angelegt am {today.isoformat()}. Dateiname = Kennung in Kleinbuchstaben.",
        "#",
        f"# Texte mit „{PLACEHOLDER}“ ersetzen. Deutsch (de) ist Pflicht und die verbindliche Fassung.",
        "# Übersetzen: in der Zeile „# en:“ usw. das „# “ entfernen und den Text dahinter schreiben.",
        "# Fehlt eine Sprache, zeigt die Website den deutschen Text mit einem Hinweis.",
        "# Danach prüfen: make check",
    ]
    for key in Measure.model_fields:  # a key added to the model without an explanation here fails loudly
        comment, value = blocks.pop(key)
        lines += ["", *(f"# {line}".rstrip() for line in comment), *value]
    if blocks:
        raise KeyError(f"keys not in the model: {', '.join(blocks)}")
    return "\n".join(lines) + "\n"


# ---- Quarters, places, events


def new_entry(data_dir: Path, root: Path, kind: str, slug: str, languages: Sequence[str], today: dt.date) -> Created:
    """Append a commented entry to data/quarters.yml, places.yml or events.yml."""
    spec = ENTRY_KINDS[kind]
    if not slug.strip():
        raise _refuse("--id", f"bitte eine Kennung angeben ({_SLUG_RULE})")
    if not _SLUG.fullmatch(slug):
        message = f"{quote(slug)} ist keine gültige Kennung ({_SLUG_RULE})"
        suggestion = suggest_slug(slug)
        raise _refuse("--id", message + (f" – Vorschlag: {quote(suggestion)}" if suggestion else ""))
    if kind == "quarter" and slug == ALL_QUARTERS:
        raise _refuse(
            "--id", f"{quote(ALL_QUARTERS)} steht für die ganze Stadt und ist als Kennung eines Quartiers nicht erlaubt"
        )
    path = data_dir / spec.file
    display = display_path(path, root)
    existing = path.read_bytes() if path.is_file() else None
    source = _list_source(path, display) if existing is not None else None
    entries: list[Any] = list(source.data or []) if source is not None else []
    taken = [str(entry.get("id")) for entry in entries if isinstance(entry, dict)]
    if source is not None and slug in taken:
        index = next(i for i, entry in enumerate(entries) if isinstance(entry, dict) and entry.get("id") == slug)
        message = (
            f"{spec.noun} {quote(slug)} gibt es schon – bitte eine andere Kennung wählen (vergeben: {', '.join(taken)})"
        )
        raise PlanErrors(
            [
                PlanError(
                    file=display,
                    line=source.line((index, "id")),
                    path=f"[{index}].id",
                    message=message,
                    kind="duplicate",
                )
            ]
        )
    quarters = _listing(_entries(data_dir, root, "quarters.yml", required=kind == "place"), "name")
    if kind == "place" and not quarters:
        raise PlanErrors(
            [
                _refuse_error(
                    "data/quarters.yml",
                    "es gibt noch kein Quartier – ein Begegnungsort gehört zu einem Quartier (zuerst: make new-quarter ID=…)",
                )
            ]
        )
    others = [lang for lang in languages if lang != GERMAN]
    entry = _ENTRY_TEMPLATES[kind](slug, others, quarters, today)
    head = [
        f"# {spec.noun} {quote(slug)}, angelegt am {today.isoformat()}. Texte mit „{PLACEHOLDER}“ ersetzen; übersetzen:",
        "# in der Zeile „# en:“ usw. das „# “ entfernen und den Text dahinter schreiben. Danach: make check",
    ]
    addition = "\n".join([*head, *entry]) + "\n"
    if not existing:  # a new (or empty) file starts with its schema modeline and what it holds
        before = ""
        addition = f"{modeline(data_dir, path, spec.file.removesuffix('.yml'))}\n# {spec.header}\n" + addition
    else:
        before = existing.decode("utf-8")
        addition = ("" if before.endswith("\n") else "\n") + ("\n" if before.strip() else "") + addition
    _check_appendable(before + addition, len(entries) + 1, display)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as handle:  # append: what is in the file stays byte for byte
        handle.write(addition.encode("utf-8"))
    steps = [*_ENTRY_STEPS[kind]]
    if kind == "quarter":
        steps += _inventory_step(data_dir, root, slug)
    if others:
        steps.append(
            f"Übersetzungen ({', '.join(others)}): in den Zeilen „# {others[0]}:“ usw. das „# “ entfernen und den Text dahinter schreiben – was fehlt, zeigt make translations."
        )
    steps.append("Prüfen: make check")
    return Created(display, f"{spec.noun} {quote(slug)} am Ende der Datei angefügt", steps)


def _quarter_entry(slug: str, others: list[str], quarters: list[tuple[str, str]], today: dt.date) -> list[str]:
    return [
        "# Kennung: Kleinbuchstaben, Ziffern, Bindestriche; Adresse der Seite: /quartiere/<kennung>/ – nicht mehr ändern.",
        f"- id: {slug}",
        "  # Name (Pflicht), wie er in der Stadt gebräuchlich ist. Beispiel: Südstadt",
        *_text("name", f"{PLACEHOLDER}: Name des Quartiers", others, indent="  "),
        "  # Kurzbeschreibung (Pflicht): Lage, wer hier wohnt, was es gibt – zwei bis vier Sätze.",
        *_text("summary", f"{PLACEHOLDER}: kurze Beschreibung des Quartiers", others, indent="  "),
        "  # Ansprechperson vor Ort, die Kümmerin oder der Kümmerer (freiwillig; leer = noch keine).",
        "  # Zum Eintragen bei den Zeilen darunter das „# “ entfernen:",
        "  #   name: Vor- und Nachname (Pflicht)",
        "  #   role: Funktion je Sprache (Pflicht); office: Adresse des Büros (Pflicht)",
        "  #   hours: Sprechzeiten je Sprache (Pflicht); languages: Sprachcodes, die dort gesprochen werden",
        "  #   (mindestens einer, z. B. [de, tr, ar]); email, phone: freiwillig",
        "  contact:",
        "    # name: Vorname Nachname",
        "    # role:",
        "    #   de: Kümmerin",
        "    # office: Musterweg 1, 12345 Musterstadt",
        "    # hours:",
        "    #   de: Dienstag 10–12 Uhr und Donnerstag 15–18 Uhr",
        "    # languages: [de, tr]",
        "    # email: kuemmerin@musterstadt.de",
        "    # phone: 01234 567-890",
    ]


def _place_entry(slug: str, others: list[str], quarters: list[tuple[str, str]], today: dt.date) -> list[str]:
    return [
        "# Kennung: Kleinbuchstaben, Ziffern und Bindestriche – später nicht mehr ändern.",
        f"- id: {slug}",
        "  # Name des Ortes (Pflicht, in allen Sprachen gleich). Beispiel: Stadtteiltreff Nordstadt",
        f"  name: {_quoted(PLACEHOLDER + ': Name des Ortes')}",
        "  # Quartier (Pflicht): Kennung aus data/quarters.yml. Vorläufig eingetragen, bitte prüfen. Erlaubt:",
        *(f"  # {line}" for line in _listed(quarters)),
        f"  quarter: {quarters[0][0]}",
        "  # Adresse (Pflicht). Beispiel: Lindenring 12, 12345 Musterstadt",
        f"  address: {_quoted(PLACEHOLDER + ': Straße Hausnummer, Postleitzahl Ort')}",
        "  # Öffnungszeiten (Pflicht). Beispiel: Montag bis Freitag 9–19 Uhr, Samstag 10–14 Uhr",
        *_text("opening_hours", f"{PLACEHOLDER}: Öffnungszeiten", others, indent="  "),
        "  # Stufenlos erreichbar (Pflicht): true oder false. Erst true eintragen, wenn es geprüft ist.",
        "  step_free: false",
        "  # Barrierefreiheit (Pflicht): Eingang, WC, Höranlage … Beispiel: Stufenloser Eingang, barrierefreies WC",
        *_text("accessibility", f"{PLACEHOLDER}: was ist barrierefrei, was nicht?", others, indent="  "),
        "  # Sprachen, die vor Ort gesprochen werden: Sprachcodes. Beispiel: languages: [de, tr, ar]",
        "  languages: []",
        "  # Angebote (Pflicht). Beispiel: Sprachcafé, Hausaufgabenhilfe, Räume für Gruppen und Vereine",
        *_text("offers", f"{PLACEHOLDER}: was gibt es hier?", others, indent="  "),
    ]


def _event_entry(slug: str, others: list[str], quarters: list[tuple[str, str]], today: dt.date) -> list[str]:
    return [
        "# Kennung: Kleinbuchstaben, Ziffern und Bindestriche; Name der Kalenderdatei – später nicht mehr ändern.",
        f"- id: {slug}",
        f"  # Art (Pflicht): {', '.join(EVENT_KINDS)}",
        "  kind: forum",
        "  # Titel (Pflicht). Beispiel: Bewohnerforum Nordstadt",
        *_text("title", f"{PLACEHOLDER}: Titel der Veranstaltung", others, indent="  "),
        "  # Beschreibung (freiwillig; leer = keine). Zum Beispiel:",
        "  #   description:",
        "  #     de: Bewohnerinnen und Bewohner sprechen mit Rat und Verwaltung über ihr Quartier.",
        "  description:",
        "  # Beginn und Ende (Pflicht): JJJJ-MM-TT HH:MM in Ortszeit. Eingetragen ist vorläufig heute",
        "  # 18 bis 20 Uhr – bitte den richtigen Termin eintragen. Beispiel: 2026-12-03 18:00",
        f"  start: {today.isoformat()} 18:00",
        f"  end: {today.isoformat()} 20:00",
        "  # Ort (Pflicht): Name und Adresse; quarter (freiwillig): Kennung aus data/quarters.yml",
        *(f"  # {line}" for line in _listed(quarters)),
        "  place:",
        f"    name: {_quoted(PLACEHOLDER + ': Name des Ortes')}",
        f"    address: {_quoted(PLACEHOLDER + ': Straße Hausnummer, Postleitzahl Ort')}",
        "    quarter:",
        "  # Dolmetschen: Sprachcodes, dgs für Deutsche Gebärdensprache. Beispiel: [ar, uk, dgs]",
        "  interpretation: []",
        "  # Barrierefreiheit (Pflicht): Zugang, Höranlage, Kinderbetreuung … Beispiel: Stufenloser Zugang, Aufzug",
        *_text("accessibility", f"{PLACEHOLDER}: was ist barrierefrei, was nicht?", others, indent="  "),
        "  # Maßnahmen, um die es geht: Kennungen. Beispiel: measures: [WQ-01, SB-02]",
        "  measures: []",
    ]


_ENTRY_TEMPLATES = {"quarter": _quarter_entry, "place": _place_entry, "event": _event_entry}
_ENTRY_STEPS = {
    "quarter": [
        f"Name und Kurzbeschreibung (name, summary) auf Deutsch schreiben – dort steht „{PLACEHOLDER}: …“.",
        "Die Ansprechperson vor Ort (contact) eintragen, sobald es sie gibt.",
    ],
    "place": [
        f"Name, Adresse, Öffnungszeiten, Barrierefreiheit und Angebote schreiben – dort steht „{PLACEHOLDER}: …“.",
        "Quartier (quarter), stufenlosen Zugang (step_free) und Sprachen (languages) prüfen.",
    ],
    "event": [
        f"Titel, Ort und Barrierefreiheit schreiben – dort steht „{PLACEHOLDER}: …“.",
        "Termin (start, end) eintragen – vorläufig steht dort heute 18 bis 20 Uhr –, Art (kind), Dolmetschen und Maßnahmen prüfen.",
    ],
}


def _inventory_step(data_dir: Path, root: Path, slug: str) -> list[str]:
    """The key figures of the inventory name every quarter: say where the new one needs a value."""
    path = data_dir / "inventory.yml"
    source, errors = load_yaml(path, display_path(path, root)) if path.is_file() else (None, [])
    if source is None or errors or not isinstance(source.data, list):
        return []
    lines = [
        str(source.line((index, "values")))
        for index, figure in enumerate(source.data)
        if isinstance(figure, dict) and isinstance(figure.get("values"), dict) and slug not in figure["values"]
    ]
    if not lines:
        return []
    return [
        f"Bestandsaufnahme: jede Kennzahl nennt einen Wert für jedes Quartier – in {source.file} unter „values“ "
        f"(Zeile {', '.join(lines)}) den Wert für {quote(slug)} eintragen; bis dahin meldet make check einen Fehler."
    ]


def suggest_slug(text: str) -> str:
    """A valid id close to what was typed: „Süd Stadt“ → „sued-stadt“; empty if nothing is left."""
    lowered = text.strip().lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        lowered = lowered.replace(umlaut, spelled)
    ascii_only = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_only))


# ---- Helpers


def _text(key: str, german: str, others: Sequence[str], indent: str = "") -> list[str]:
    """A translatable text: German filled in, every other language commented out to translate."""
    return [f"{indent}{key}:", f"{indent}  de: {_quoted(german)}", *(f"{indent}  # {lang}:" for lang in others)]


def _quoted(text: str) -> str:
    # A double-quoted JSON string is a valid YAML scalar: always text, whatever it holds.
    return json.dumps(text, ensure_ascii=False)


def _listed(items: list[tuple[str, str]]) -> list[str]:
    """Ids with their German names for a comment, or a note that there are none yet."""
    return [f"  {key} – {name}" if name else f"  {key}" for key, name in items] or ["  (noch keine)"]


def _listing(entries: list[Any], name_key: str) -> list[tuple[str, str]]:
    """(id, German name) of raw entries, skipping any without an id."""
    result = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("id") is not None:
            name = entry.get(name_key)
            german = name.get(GERMAN) if isinstance(name, dict) else None
            result.append((str(entry["id"]), " ".join(german.split()) if isinstance(german, str) else ""))
    return result


def _entries(data_dir: Path, root: Path, name: str, *, required: bool) -> list[Any]:
    """The raw entries of a list file; `PlanErrors` if it cannot be read (an optional file may be missing)."""
    path = data_dir / name
    if not path.is_file():
        if required:
            raise PlanErrors(
                [PlanError(file=display_path(path, root), line=0, path="", message="die Datei fehlt", kind="file")]
            )
        return []
    source = _list_source(path, display_path(path, root))
    return list(source.data or [])


def _list_source(path: Path, display: str) -> Source:
    source, errors = load_yaml(path, display)
    if errors or source is None:
        raise PlanErrors(errors)
    if source.data is not None and not isinstance(source.data, list):
        raise PlanErrors([_not_a_list(display)])
    return source


def _check_appendable(text: str, count: int, display: str) -> None:
    """The file with the new entry must still be one list, one entry longer (not so after `[]`)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != count:
        raise PlanErrors(
            [
                _refuse_error(
                    display,
                    "der neue Eintrag lässt sich nicht ans Ende anfügen – die Liste muss ein Eintrag je Zeile „- id: …“ sein, nicht in eckigen Klammern",
                )
            ]
        )


def _not_a_list(display: str) -> PlanError:
    return PlanError(
        file=display,
        line=1,
        path="",
        message="die Datei muss eine Liste von Einträgen („- id: …“) enthalten",
        kind="file",
    )


def _refuse(option: str, message: str) -> PlanErrors:
    return PlanErrors([_refuse_error(option, message)])


def _refuse_error(where: str, message: str) -> PlanError:
    return PlanError(file=where, line=0, path="", message=message, kind="option")
