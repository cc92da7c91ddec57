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
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel

from ..plan.errors import PlanError, PlanErrors, display_path, quote
from ..plan.model import ALL_QUARTERS, EVENT_KINDS, GERMAN, STATUSES, Event, Measure, MeetingPlace, Quarter
from ..plan.releases import SNAPSHOT_DIR, next_free_id, snapshot_ids
from ..plan.yamlsource import Source, load_yaml
from .schema import modeline

PLACEHOLDER = "Bitte ausfüllen"
"""Starts every German text that the editor still has to write."""

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
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
    removed = data_dir / "removed.yml"
    if removed.is_file():
        source, parse_errors = load_yaml(removed, display_path(removed, root))
        errors += parse_errors
        if source is not None and source.data is not None:
            if isinstance(source.data, list):
                ids |= {str(entry["id"]).upper() for entry in source.data if isinstance(entry, dict) and "id" in entry}
            else:
                errors.append(_not_a_list(source.file))
    for path in sorted((data_dir / SNAPSHOT_DIR).glob("*.json")):
        ids_of, error = snapshot_ids(path, display_path(path, root))
        ids |= ids_of
        errors += [error] if error else []
    if errors:
        raise PlanErrors(errors)
    return ids


def next_measure_id(data_dir: Path, prefix: str) -> str:
    """The next free id of a field of action (releases.next_free_id) among every id ever used."""
    measure_id = next_free_id(prefix, reserved_measure_ids(data_dir))
    if len(measure_id.split("-")[1]) > 3:
        display = display_path(data_dir / "measures", data_dir.parent)
        raise PlanErrors(
            [
                _refuse_error(
                    display, f"für das Kürzel {quote(prefix)} ist keine Kennung mehr frei (höchstens {prefix}-999)"
                )
            ]
        )
    return measure_id


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
    """The commented YAML of a new measure (templates/measure.yml): every key of `Measure`, valid as written."""
    text = (
        _templates(languages)
        .get_template("measure.yml")
        .render(
            modeline=first_line,
            measure_id=measure_id,
            today=today,
            field=field,
            lead=lead,
            refs=refs,
            statuses=STATUSES,
            all_quarters=ALL_QUARTERS,
        )
    )
    keys = list(yaml.safe_load(text))
    if keys != list(Measure.model_fields):  # a key added to the model without an explanation fails loudly
        raise KeyError(f"templates/measure.yml has the keys {keys}, the model {list(Measure.model_fields)}")
    return text


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
    addition = (
        _templates(languages)
        .get_template(f"{kind}.yml")
        .render(noun=spec.noun, slug=slug, today=today, quarters=quarters, event_kinds=EVENT_KINDS)
    )
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
        steps += _map_steps(data_dir, root, slug)
    if others:
        steps.append(
            f"Übersetzungen ({', '.join(others)}): in den Zeilen „# {others[0]}:“ usw. das „# “ entfernen und den Text dahinter schreiben – was fehlt, zeigt make translations."
        )
    steps.append("Prüfen: make check")
    return Created(display, f"{spec.noun} {quote(slug)} am Ende der Datei angefügt", steps)


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


def _map_steps(data_dir: Path, root: Path, slug: str) -> list[str]:
    """A new quarter needs its boundary on the map (else the check fails) and, best, its streets."""
    steps = []
    boundaries = data_dir / "quarters.geojson"
    if boundaries.is_file():
        steps.append(
            f"Karte: in {display_path(boundaries, root)} die Grenze des Quartiers als Fläche mit "
            f'`"properties": {{"id": "{slug}"}}` ergänzen (etwa mit geojson.io oder QGIS, siehe data/README.md); '
            "bis dahin meldet make check einen Fehler."
        )
    streets = data_dir / "streets.yml"
    if streets.is_file():
        steps.append(
            f"Straßenverzeichnis: in {display_path(streets, root)} die Straßen des Quartiers mit „quarter: {slug}“ "
            "eintragen – und bei Straßen, die die neue Grenze kreuzt, die Hausnummern unter „sections“ aufteilen."
        )
    return steps


def suggest_slug(text: str) -> str:
    """A valid id close to what was typed: „Süd Stadt“ → „sued-stadt“; empty if nothing is left."""
    lowered = text.strip().lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        lowered = lowered.replace(umlaut, spelled)
    ascii_only = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_only))


# ---- Helpers


TEMPLATES = Path(__file__).with_name("templates")
"""The commented YAML of new entries: measure.yml, quarter.yml, place.yml, event.yml."""


def _templates(languages: Sequence[str]) -> Environment:
    """The templates' environment: YAML text (not HTML, so nothing is escaped) for the site's languages."""
    others = [lang for lang in languages if lang != GERMAN]
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals |= {
        "placeholder": PLACEHOLDER,
        "text": lambda key, german, indent="": _text(key, german, others, indent),
    }
    env.filters |= {"quoted": _quoted, "listed": _listed, "german_quote": quote}
    return env


def _text(key: str, german: str, others: Sequence[str], indent: str = "") -> str:
    """A translatable text: German filled in, every other language commented out to translate."""
    lines = [f"{indent}{key}:", f"{indent}  de: {_quoted(german)}", *(f"{indent}  # {lang}:" for lang in others)]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    # A double-quoted JSON string is a valid YAML scalar: always text, whatever it holds.
    return json.dumps(text, ensure_ascii=False)


def _listed(items: list[tuple[str, str]], prefix: str = "#") -> str:
    """Ids with their German names as comment lines, or a note that there are none yet."""
    lines = [f"{prefix}   {key} – {name}" if name else f"{prefix}   {key}" for key, name in items]
    return "\n".join(lines or [f"{prefix}   (noch keine)"])


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
