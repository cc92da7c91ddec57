"""The whole plan as JSON (handlungskonzept.json) and its JSON Schema, generated from the models."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, WithJsonSchema

from ...plan.jsonschema import DESCRIPTIONS, germanize
from ...plan.model import (
    GERMAN,
    RELEASE_STATES,
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
    RemovedMeasure,
    Resolution,
    Status,
    Text,
    Url,
    When,
)
from ...site import follow
from ..licences import DCAT_LICENCES
from .context import (
    OPEN_DATA_DIR,
    Context,
)


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
    feed: dict[str, str]  # language -> its Atom feed
    calendar: dict[str, str] | None  # language -> its calendar to subscribe to; None: it has no dates
    badge: dict[str, str]  # language -> its status badge (SVG)
    card: dict[str, str]  # language -> its status card to embed (HTML)


class PublishedField(ActionField):
    """A field of action with the Atom feed of its measures."""

    feed: dict[str, str]


class PublishedQuarter(Quarter):
    """A neighbourhood with the Atom feed of the measures that name it."""

    feed: dict[str, str]


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
    fields: list[PublishedField]
    principles: list[Principle]
    quality_criteria: list[QualityCriterion]
    actors: list[Actor]
    quarters: list[PublishedQuarter]
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
    "feed": "Feed (Atom) je Sprache",
    "calendar": "Kalender (iCalendar) je Sprache",
    "badge": "Statusbild (SVG) je Sprache",
    "card": "Statuskarte zum Einbetten (HTML) je Sprache",
}
_DESCRIPTIONS = {
    "PlanDocument": "Das ganze Handlungskonzept als offene Daten; Texte je Sprache (Sprachcode: Text).",
    "PublishedMeasure": "Eine Maßnahme mit allen Angaben ihrer Datei, der Adresse ihrer Seite und dem aktuellen Stand.",
    "CurrentState": "Was die Website zeigt: Status und Fortschritt der neuesten Aktualisierung und ihr Datum.",
    "PublishedLicence": "Die Lizenz: Name, Lizenztext, Kennung nach DCAT-AP.de und der zu nennende Quellenvermerk.",
    "PublishedField": "Ein Handlungsfeld mit seinen Zielen und dem Feed der Sachstände seiner Maßnahmen.",
    "PublishedQuarter": "Ein Quartier mit dem Feed der Sachstände der Maßnahmen, die es nennen.",
    "RemovedMeasure": "Eine veröffentlichte Maßnahme, die nicht mehr zum Plan gehört; ihre Kennung wird nie wieder vergeben.",
}


def plan_document(context: Context) -> dict[str, Any]:
    """The JSON of the whole plan, keys in the models' order, texts in the site's language order."""
    plan = context.plan
    site = context.site
    release = context.release

    def every_language(path: str) -> dict[str, str]:
        return {lang: context.url(("" if lang == plan.languages[0] else f"{lang}/") + path) for lang in plan.languages}

    measures = [
        PublishedMeasure.model_construct(
            **{name: getattr(measure, name) for name in Measure.model_fields},
            url=context.url(f"massnahmen/{measure.slug}/"),
            current=CurrentState.model_construct(
                status=measure.status, progress=measure.progress, date=measure.latest.date
            ),
            feed=every_language(follow.measure_feed_path(measure.id)),
            calendar=every_language(follow.measure_calendar_path(measure.id))
            if follow.has_calendar(plan, measure)
            else None,
            badge=every_language(follow.badge_path(measure.id)),
            card=every_language(follow.card_path(measure.id)),
        )
        for measure in plan.measures
    ]
    fields = [
        PublishedField.model_construct(
            **{name: getattr(item, name) for name in ActionField.model_fields},
            feed=every_language(follow.field_feed_path(item.id)),
        )
        for item in plan.fields
    ]
    quarters = [
        PublishedQuarter.model_construct(
            **{name: getattr(item, name) for name in Quarter.model_fields},
            feed=every_language(follow.quarter_feed_path(item.id)),
        )
        for item in plan.quarters
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
        fields=fields,
        principles=list(plan.principles),
        quality_criteria=list(plan.quality_criteria),
        actors=list(plan.actors),
        quarters=quarters,
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
        return whole_number(value)
    if isinstance(value, dict):  # a text: the site's languages in their order, any other key after them
        order = [lang for lang in languages if lang in value] + sorted(set(value) - set(languages))
        return {key: _plain(value[key], languages) for key in order}
    if isinstance(value, list | tuple):
        return [_plain(item, languages) for item in value]
    raise TypeError(f"cannot publish {type(value).__name__}")  # pragma: no cover - the models hold nothing else


def whole_number(value: float) -> int | float:
    """4.0 as 4: the data's whole numbers stay whole in every file."""
    return int(value) if value.is_integer() else value


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def document_bytes(context: Context) -> bytes:
    return json_bytes(plan_document(context))


def document_schema(context: Context) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of handlungskonzept.json, generated from the models."""
    schema = PlanDocument.model_json_schema()
    germanize(schema, list(context.plan.languages))
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


def schema_bytes(context: Context) -> bytes:
    return json_bytes(document_schema(context))
