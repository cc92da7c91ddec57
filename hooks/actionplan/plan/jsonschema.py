"""German titles and descriptions for the JSON Schemas generated from the models.

The editors' schemas (editing/schema.py, data/schema/) and the schema of the open data's
handlungskonzept.json (outputs/opendata) both speak German to whoever reads them.
"""

from __future__ import annotations

from typing import Any

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
    "term": "Begriff", "forms": "Weitere Formen", "definition": "Erklärung",
    "sections": "Abschnitte", "numbers": "Hausnummern", "side": "Straßenseite", "location": "Lage",
    "lat": "Breite", "lon": "Länge",
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
    "GlossaryTerm": "Ein Begriff, in einfachen Worten erklärt; Seiten verlinken seine erste Nennung.",
    "Declaration": "Der Beschluss des Rates zur politischen Erklärung.",
    "SiteInfo": "Angaben für Impressum und Datenschutz.",
    "Repository": "Das GitHub-Repository der Website, für die Links „Diese Seite bearbeiten“.",
    "DataPortal": "Wie Datenportale (DCAT-AP.de, GovData) die Herausgeberin der offenen Daten kennzeichnen.",
    "AccessibilityStatement": "Die Erklärung zur Barrierefreiheit nach dem EU-Mustertext.",
    "Participation": "Mitmachen: Werkstatt-Ergebnisse und Wege für Vorschläge.",
    "Update": "Ein datierter Bericht; der neueste bestimmt, was die Website zeigt.",
    "Street": "Eine Straße und ihr Quartier; kreuzt sie eine Quartiersgrenze, die Hausnummern je Quartier.",
    "StreetSection": "Die Hausnummern einer Straße, die in einem Quartier liegen.",
    "GeoPoint": "Ein Punkt in Grad (WGS 84): Breite und Länge.",
}


def germanize(node: Any, languages: list[str]) -> None:
    """German titles on every property, and translatable texts restricted to the site's languages."""
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            if isinstance(prop, dict):
                prop["title"] = TITLES.get(key, prop.get("title", key))
        if node.get("type") == "object" and node.get("additionalProperties") == {"type": "string"}:
            node["propertyNames"] = {"enum": languages}
            node["required"] = ["de"]
            node.setdefault("description", "Text je Sprache (Sprachcode: Text); Deutsch („de“) ist Pflicht.")
        for value in node.values():
            germanize(value, languages)
    elif isinstance(node, list):
        for item in node:
            germanize(item, languages)
