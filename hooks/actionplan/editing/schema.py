"""JSON Schemas for editors' tools, generated from the pydantic models (the single source).

`python -m actionplan schemas` writes data/schema/*.schema.json with German titles and
descriptions, and the `yaml-language-server` modeline at the top of every data file, so
common editors complete keys and underline mistakes. Fix, then fail: it writes what is out
of date, says what changed and exits 1; otherwise it says that all is up to date.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..plan.model import DATA_FILES, Measure

SCHEMA_DIR = "schema"
"""Folder of the schemas inside data/."""

SCHEMAS: dict[str, tuple[type[BaseModel], bool, str]] = {
    # schema name: (model, the file holds a list, data files it describes)
    "measure": (Measure, False, "measures/*.yml"),
    **{name.removesuffix(".yml"): (spec.model, spec.many, name) for name, spec in DATA_FILES.items()},
}

TITLES = {
    "id": "Kennung", "title": "Titel", "summary": "Kurzbeschreibung", "description": "Beschreibung",
    "field": "Handlungsfeld", "goals": "Ziele", "principles": "Leitsätze", "quality_criteria": "Qualitätsmerkmale",
    "quarters": "Quartiere", "lead": "Federführung", "partners": "Partner", "start": "Beginn", "due": "Ende geplant",
    "merged_into": "Zusammengeführt in", "milestones": "Meilensteine", "indicators": "Indikatoren", "budget": "Budget",
    "updates": "Aktualisierungen", "date": "Datum", "status": "Status", "progress": "Fortschritt", "note": "Notiz",
    "source": "Quelle", "done": "Erledigt am", "unit": "Einheit", "baseline": "Ausgangswert", "target": "Zielwert",
    "values": "Werte", "value": "Wert", "amount": "Betrag", "currency": "Währung", "secured": "Finanzierung gesichert",
    "prefix": "Kürzel", "text": "Text", "name": "Name", "kind": "Art", "url": "Internetadresse", "lang": "Sprache",
    "reviewed": "Geprüft", "reviewed_on": "Geprüft am", "state": "Stand", "body": "Gremium", "reference": "Drucksache",
    "subject": "Gegenstand", "vote": "Abstimmung", "in_favour": "Ja-Stimmen", "against": "Nein-Stimmen",
    "abstentions": "Enthaltungen", "signatory": "Unterzeichnet von", "role": "Funktion", "address": "Adresse",
    "email": "E-Mail", "phone": "Telefon", "operator": "Herausgeberin", "represented_by": "Vertreten durch",
    "responsible_for_content": "Verantwortlich für den Inhalt", "data_protection_officer": "Datenschutzbeauftragte",
    "supervisory_authority": "Aufsichtsbehörde", "host": "Hosting", "privacy": "Datenschutzerklärung des Anbieters",
    "licence": "Lizenz", "standard": "Grundlage", "prepared_on": "Erstellt am", "method": "Methode der Prüfung",
    "known_issues": "Bekannte Mängel", "alternative": "Alternative", "feedback": "Feedback",
    "enforcement": "Durchsetzungsstelle", "contact": "Ansprechperson", "office": "Büro", "hours": "Sprechzeiten",
    "languages": "Sprachen", "quarter": "Quartier", "opening_hours": "Öffnungszeiten", "step_free": "Stufenlos",
    "accessibility": "Barrierefreiheit", "offers": "Angebote", "total": "Ganze Stadt", "provider": "Träger",
    "workshop": "Werkstatt", "question": "Frage", "themes": "Themen", "cards": "Karten", "measures": "Maßnahmen",
    "proposals": "Vorschläge", "issue_form": "Formular", "video": "Video", "captions": "Untertitel",
    "poster": "Vorschaubild", "place": "Ort", "interpretation": "Dolmetschen", "end": "Ende",
    "repository": "Repository (GitHub)", "branch": "Zweig",
    "open_data": "Offene Daten", "contributor_id": "Datenbereitsteller-ID", "political_geocoding": "Geobezug",
}  # fmt: skip

DESCRIPTIONS = {
    "Measure": "Eine Maßnahme des Handlungskonzepts; Dateiname = Kennung in Kleinbuchstaben.",
    "ActionField": "Ein Handlungsfeld mit seinen Zielen.",
    "Principle": "Ein Leitsatz des Leitbilds.",
    "QualityCriterion": "Ein Qualitätsmerkmal der Gemeinwesenarbeit.",
    "Actor": "Ein Amt, Gremium oder eine Organisation.",
    "Quarter": "Ein Quartier oder Ortsteil, mit der Kümmerin oder dem Kümmerer.",
    "LanguageVersion": "Der Stand einer Sprachfassung: geprüft oder nicht.",
    "Event": "Eine Veranstaltung; Zeiten in Ortszeit (Europe/Berlin).",
    "MeetingPlace": "Ein Begegnungsort im Quartier.",
    "InventoryFigure": "Eine Kennzahl der Bestandsaufnahme: je Quartier und für die ganze Stadt.",
    "Offer": "Ein vorhandenes Angebot.",
    "SignLanguageVideo": "Ein Video in Deutscher Gebärdensprache mit Untertiteln.",
    "Declaration": "Der Beschluss des Rates zur politischen Erklärung.",
    "SiteInfo": "Angaben für Impressum und Datenschutz.",
    "Repository": "Das GitHub-Repository der Website, für die Links „Diese Seite bearbeiten“.",
    "DataPortal": "Wie Datenportale (DCAT-AP.de, GovData) die Herausgeberin der offenen Daten kennzeichnen.",
    "AccessibilityStatement": "Die Erklärung zur Barrierefreiheit nach dem EU-Mustertext.",
    "Participation": "Mitmachen: Werkstatt-Ergebnisse und Wege für Vorschläge.",
    "Update": "Ein datierter Bericht; der neueste bestimmt, was die Website zeigt.",
}


def build_schema(name: str, languages: Sequence[str]) -> dict[str, Any]:
    """The JSON Schema of one data file, with German titles and descriptions."""
    model, is_list, _ = SCHEMAS[name]
    schema = model.model_json_schema()
    _germanize(schema, list(languages))
    for def_name, definition in schema.get("$defs", {}).items():
        definition["description"] = DESCRIPTIONS.get(def_name, "")
        if not definition["description"]:
            del definition["description"]
    schema["description"] = DESCRIPTIONS.get(model.__name__, "")
    if is_list:
        defs = schema.pop("$defs", {})
        schema = {"type": "array", "items": schema, **({"$defs": defs} if defs else {})}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"data/{SCHEMAS[name][2]}", **schema}


def _germanize(node: Any, languages: list[str]) -> None:
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            if isinstance(prop, dict):
                prop["title"] = TITLES.get(key, prop.get("title", key))
        if node.get("type") == "object" and node.get("additionalProperties") == {"type": "string"}:
            node["propertyNames"] = {"enum": languages}
            node["required"] = ["de"]
            node.setdefault("description", "Text je Sprache (Sprachcode: Text); Deutsch („de“) ist Pflicht.")
        for value in node.values():
            _germanize(value, languages)
    elif isinstance(node, list):
        for item in node:
            _germanize(item, languages)


def modeline(data_dir: Path, file: Path, name: str) -> str:
    """The yaml-language-server line that points a data file at its schema."""
    relative = Path(*([".."] * (len(file.relative_to(data_dir).parts) - 1)), SCHEMA_DIR, f"{name}.schema.json")
    return f"# yaml-language-server: $schema={relative.as_posix()}"


def sync_schemas(data_dir: Path, languages: Sequence[str], write: bool = True) -> list[str]:
    """Bring schemas and modelines up to date; return what was (or would be) changed."""
    changed = []
    for name, (_, _, pattern) in SCHEMAS.items():
        target = data_dir / SCHEMA_DIR / f"{name}.schema.json"
        text = json.dumps(build_schema(name, languages), ensure_ascii=False, indent=2) + "\n"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            changed.append(target.relative_to(data_dir.parent).as_posix())
            if write:
                target.parent.mkdir(exist_ok=True)
                target.write_text(text, encoding="utf-8")
        for file in sorted(data_dir.glob(pattern)):
            line = modeline(data_dir, file, name)
            content = file.read_text(encoding="utf-8")
            first, _, rest = content.partition("\n")
            if first == line:
                continue
            changed.append(file.relative_to(data_dir.parent).as_posix())
            if write:
                body = rest if first.startswith("# yaml-language-server:") else content
                file.write_text(f"{line}\n{body}", encoding="utf-8")
    return changed
