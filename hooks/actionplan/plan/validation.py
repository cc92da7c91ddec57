"""Cross-checks that need the whole plan: references, ids, dates and status rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from .council import check_council_records
from .errors import PlanError, quote
from .geography import check_boundaries
from .located import Located, Seen
from .model import ALL_QUARTERS, DATA_FILES, Event, Measure, did_you_mean
from .plan import Plan
from .releases import check_releases
from .streets import check_streets


def validate_plan(
    plan: Plan,
    lists: dict[str, list[Located]],
    measures: Sequence[Located],
    seen: Seen | None = None,
    singles: dict[str, Located | None] | None = None,
) -> list[PlanError]:
    """Return every cross-reference, id, date and status mistake of the plan."""
    seen = seen or Seen()
    errors: list[PlanError] = []
    for name, entries in lists.items():
        if not DATA_FILES[name].noun:
            continue  # entries without ids (the streets: plan/streets.py checks their names)
        errors += _duplicates(
            entries, lambda item: item.id, DATA_FILES[name].noun, key_name="lang" if name == "languages.yml" else "id"
        )
    fields = lists.get("fields.yml", [])
    errors += _duplicates(fields, lambda item: item.prefix, "Das Kürzel", key_name="prefix")
    goals = [
        (f.item.prefix, Located(g, f.source, (*f.loc, "goals", i))) for f in fields for i, g in enumerate(f.item.goals)
    ]
    errors += _duplicates((goal for _, goal in goals), lambda goal: goal.id, "Ziel")
    for prefix, goal in goals:
        if not goal.item.id.startswith(f"{prefix}-Z"):
            message = f"{quote(goal.item.id)} passt nicht zum Kürzel {quote(prefix)} des Handlungsfelds (erwartet: {prefix}-Z1, {prefix}-Z2, …)"
            errors.append(goal.error(("id",), message, kind="inconsistent"))
    others = plan.languages[1:]
    for version in lists.get("languages.yml", []):
        if version.item.lang not in others:
            message = (
                f"{quote(version.item.lang)} ist keine übersetzte Sprache dieser Website (erlaubt: {', '.join(others)})"
            )
            errors.append(version.error(("lang",), message, kind="bad_value"))
    errors += _duplicates(measures, lambda m: m.id, "Maßnahme")
    for located in measures:
        errors += _check_measure(plan, located, seen)
    for event in lists.get("events.yml", []):
        errors += _check_event(plan, event, seen)
    participation = (singles or {}).get("participation.yml")
    if participation is not None:
        errors += _check_participation(plan, participation, seen)
    for figure in lists.get("inventory.yml", []):
        errors += _check_figure(plan, figure, seen)
    for offer in lists.get("offers.yml", []):
        errors += _check_offer(plan, offer, seen)
    errors += check_releases(plan, lists, measures, seen)
    errors += _check_lead_contacts(plan, lists.get("actors.yml", []))
    for term in lists.get("glossary.yml", []):
        for lang in term.item.forms:
            if lang not in plan.languages:
                message = f"{quote(lang)} ist keine Sprache dieser Website (erlaubt: {', '.join(plan.languages)})"
                errors.append(term.error(("forms", lang), message, kind="bad_value", at_key=True))
    errors += check_streets(plan, lists.get("streets.yml", []), seen)
    errors += check_boundaries(plan.boundaries, plan.quarters_by_id, lists.get("places.yml", []), seen)
    errors += check_council_records(lists, measures, singles or {})
    for place in lists.get("places.yml", []):
        if place.item.quarter not in plan.quarters_by_id and not seen.skips("quarters.yml", place.item.quarter):
            errors.append(
                place.error(
                    ("quarter",),
                    _unknown("Quartier", place.item.quarter, plan.quarters_by_id),
                    kind="unknown_reference",
                )
            )
    return errors


def _duplicates(
    items: Iterable[Located], key: Callable[[Any], Any], noun: str, *, key_name: str = "id"
) -> Iterator[PlanError]:
    seen: dict[Any, Located] = {}
    for located in items:
        value = key(located.item)
        first = seen.setdefault(value, located)
        if first is not located:
            where = f"{first.source.file}:{first.source.line(first.loc)}"
            yield located.error(
                (key_name,),
                f"{noun} {quote(value)} gibt es schon ({where}) – Kennungen müssen eindeutig sein",
                kind="duplicate",
            )


def _check_measure(plan: Plan, at: Located, seen: Seen) -> Iterator[PlanError]:
    m: Measure = at.item
    expected_file = f"{m.id.lower()}.yml"
    actual_file = PurePosixPath(at.source.file).name
    if actual_file != expected_file:
        yield at.error(
            ("id",),
            f"{quote(m.id)} passt nicht zum Dateinamen {quote(actual_file)} (erwartet: Datei {quote(expected_file)} oder id {quote(actual_file.removesuffix('.yml').upper())})",
            kind="inconsistent",
        )

    field = plan.fields_by_id.get(m.field)
    if field is None and not seen.skips("fields.yml", m.field):
        yield at.error(("field",), _unknown("Handlungsfeld", m.field, plan.fields_by_id), kind="unknown_reference")
    elif field is not None and not m.id.startswith(f"{field.prefix}-"):
        yield at.error(
            ("id",),
            f"{quote(m.id)} passt nicht zum Handlungsfeld {quote(field.id)} (Kennungen beginnen mit {quote(field.prefix + '-')})",
            kind="inconsistent",
        )

    yield from _references(
        at,
        "goals",
        m.goals,
        plan.goals_by_id,
        "Ziel",
        skip=lambda v: "fields.yml" in seen.unavailable or seen.skips("goals", v),
    )
    yield from _references(
        at,
        "principles",
        m.principles,
        plan.principles_by_id,
        "Leitsatz",
        skip=lambda v: seen.skips("principles.yml", v),
    )
    yield from _references(
        at,
        "quality_criteria",
        m.quality_criteria,
        plan.criteria_by_id,
        "Qualitätsmerkmal",
        skip=lambda v: seen.skips("quality_criteria.yml", v),
    )
    yield from _references(
        at, "partners", m.partners, plan.actors_by_id, "Akteur", skip=lambda v: seen.skips("actors.yml", v)
    )
    # Goals of other fields are welcome (integrated action), but one must be the measure's own.
    known_goals = [plan.goals_by_id[g][0].id for g in m.goals if g in plan.goals_by_id]
    if field is not None and known_goals and len(known_goals) == len(m.goals) and field.id not in known_goals:
        own = ", ".join(goal.id for goal in field.goals)
        yield at.error(
            ("goals",),
            f"keines der Ziele gehört zum Handlungsfeld {quote(field.id)} dieser Maßnahme – mindestens eines muss es sein (Ziele dieses Felds: {own})",
            kind="inconsistent",
        )
    if m.lead not in plan.actors_by_id and not seen.skips("actors.yml", m.lead):
        yield at.error(("lead",), _unknown("Akteur", m.lead, plan.actors_by_id), kind="unknown_reference")
    if m.lead in m.partners:
        yield at.error(
            ("partners",),
            f"{quote(m.lead)} ist schon federführend (lead) und nicht zugleich Partner",
            kind="inconsistent",
        )
    if ALL_QUARTERS in m.quarters and len(m.quarters) > 1:
        yield at.error(
            ("quarters",),
            f"{quote(ALL_QUARTERS)} steht für die ganze Stadt und wird nicht mit einzelnen Quartieren kombiniert",
            kind="inconsistent",
        )
    else:
        yield from _references(
            at,
            "quarters",
            [q for q in m.quarters if q != ALL_QUARTERS],
            plan.quarters_by_id,
            "Quartier",
            extra=[ALL_QUARTERS],
        )

    if m.due is not None and m.due.last_day < m.start.first_day:
        yield at.error(("due",), f"das Enddatum {m.due} liegt vor dem Beginn {m.start} (start)", kind="inconsistent")
    for i, milestone in enumerate(m.milestones):
        if milestone.due.last_day < m.start.first_day:
            yield at.error(
                ("milestones", i, "due"),
                f"der Meilenstein ist {milestone.due} fällig, vor dem Beginn der Maßnahme ({m.start})",
                kind="inconsistent",
            )
    yield from _ascending(at, "updates", [u.date for u in m.updates], "Aktualisierungen (updates)")
    for i, indicator in enumerate(m.indicators):
        yield from _ascending(
            at, ("indicators", i, "values"), [v.date.first_day for v in indicator.values], "Messwerte (values)"
        )
        for j, reading in enumerate(indicator.values):
            if reading.date.last_day < indicator.baseline.date.first_day:
                yield at.error(
                    ("indicators", i, "values", j, "date"),
                    f"der Messwert vom {reading.date} liegt vor dem Ausgangswert ({indicator.baseline.date})",
                    kind="inconsistent",
                )
        if indicator.target.date.last_day < indicator.baseline.date.first_day:
            yield at.error(
                ("indicators", i, "target", "date"),
                f"das Zieldatum {indicator.target.date} liegt vor dem Ausgangswert ({indicator.baseline.date})",
                kind="inconsistent",
            )

    merged = m.status == "zusammengefuehrt"
    if merged and m.merged_into is None:
        yield at.error(
            ("updates", len(m.updates) - 1, "status"),
            "der Status „zusammengefuehrt“ braucht „merged_into“ mit der Kennung der Maßnahme, die diese ersetzt",
            kind="missing",
        )
    if m.merged_into is not None:
        if not merged:
            yield at.error(
                ("merged_into",),
                f"„merged_into“ ist nur beim Status „zusammengefuehrt“ erlaubt (aktueller Status: {quote(m.status)})",
                kind="inconsistent",
            )
        if m.merged_into == m.id:
            yield at.error(
                ("merged_into",), "eine Maßnahme kann nicht in sich selbst zusammengeführt werden", kind="inconsistent"
            )
        elif m.merged_into not in plan.measures_by_id and not seen.skips("measures", m.merged_into):
            others = {key: value for key, value in plan.measures_by_id.items() if key != m.id}
            yield at.error(("merged_into",), _unknown("Maßnahme", m.merged_into, others), kind="unknown_reference")
    if m.status == "abgeschlossen" and m.progress != 100:
        index = len(m.updates) - 1
        yield at.error(
            ("updates", index, "progress"),
            f"eine abgeschlossene Maßnahme hat den Fortschritt 100, nicht {m.progress}",
            kind="inconsistent",
        )


def _check_lead_contacts(plan: Plan, actors: Sequence[Located]) -> Iterator[PlanError]:
    """A body that leads a measure must be reachable: its measure pages link its contact data."""
    checked: set[str] = set()
    for at in actors:
        actor = at.item
        if actor.id in checked:  # a second entry with the id is reported as a duplicate
            continue
        checked.add(actor.id)
        leads = [m.id for m in plan.measures if m.lead == actor.id]
        if leads and not (actor.email or actor.phone or actor.url):
            message = (
                f"{quote(actor.id)} ist federführend bei {', '.join(leads)}, hat aber keine Kontaktdaten"
                " – bitte email, phone oder url angeben (die Maßnahmenseiten nennen sie, damit man"
                " die federführende Stelle erreicht)"
            )
            yield at.error((), message, kind="missing")


def _check_participation(plan: Plan, at: Located, seen: Seen) -> Iterator[PlanError]:
    themes = [Located(theme, at.source, ("themes", i)) for i, theme in enumerate(at.item.themes)]
    yield from _duplicates(themes, lambda theme: theme.id, "Thema")
    for theme in themes:
        skip = lambda value: seen.skips("measures", value)  # noqa: E731 - one mistake, one message
        yield from _references(theme, "measures", theme.item.measures, plan.measures_by_id, "Maßnahme", skip=skip)


def _check_figure(plan: Plan, at: Located, seen: Seen) -> Iterator[PlanError]:
    figure = at.item
    if "quarters.yml" in seen.unavailable:
        return
    for key in figure.values:
        if key not in plan.quarters_by_id and not seen.skips("quarters.yml", key):
            yield at.error(
                ("values", key), _unknown("Quartier", key, plan.quarters_by_id), at_key=True, kind="unknown_reference"
            )
    missing = [q for q in plan.quarters_by_id if q not in figure.values]
    if missing:
        yield at.error(
            ("values",),
            f"es fehlt ein Wert für {', '.join(quote(q) for q in missing)} – jede Kennzahl nennt alle Quartiere",
            kind="missing",
        )


def _check_offer(plan: Plan, at: Located, seen: Seen) -> Iterator[PlanError]:
    offer = at.item
    if offer.provider not in plan.actors_by_id and not seen.skips("actors.yml", offer.provider):
        yield at.error(("provider",), _unknown("Akteur", offer.provider, plan.actors_by_id), kind="unknown_reference")
    places = [q for q in offer.quarters if q != ALL_QUARTERS]
    yield from _references(
        at,
        "quarters",
        places,
        plan.quarters_by_id,
        "Quartier",
        extra=[ALL_QUARTERS],
        skip=lambda v: seen.skips("quarters.yml", v),
    )


def _check_event(plan: Plan, at: Located, seen: Seen) -> Iterator[PlanError]:
    event: Event = at.item
    if event.end <= event.start:
        yield at.error(
            ("end",),
            f"das Ende {event.end:%Y-%m-%d %H:%M} liegt nicht nach dem Beginn {event.start:%Y-%m-%d %H:%M}",
            kind="inconsistent",
        )
    quarter = event.place.quarter
    if quarter is not None and quarter not in plan.quarters_by_id and not seen.skips("quarters.yml", quarter):
        yield at.error(
            ("place", "quarter"), _unknown("Quartier", quarter, plan.quarters_by_id), kind="unknown_reference"
        )
    yield from _references(
        at, "measures", event.measures, plan.measures_by_id, "Maßnahme", skip=lambda v: seen.skips("measures", v)
    )


def _references(
    at: Located,
    key: str,
    values: Sequence[Any],
    known: dict[Any, Any],
    noun: str,
    extra: Sequence[str] = (),
    skip: Callable[[Any], bool] = lambda value: False,
) -> Iterator[PlanError]:
    for i, value in enumerate(values):
        if value not in known and not skip(value):
            yield at.error((key, i), _unknown(noun, value, known, extra), kind="unknown_reference")
    seen: set[Any] = set()
    for i, value in enumerate(values):
        if value in seen:
            yield at.error((key, i), f"{quote(value)} steht doppelt in der Liste", kind="duplicate")
        seen.add(value)


def _unknown(noun: str, value: Any, known: dict[Any, Any], extra: Sequence[str] = ()) -> str:
    allowed = [*(str(k) for k in known), *extra]
    shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", …"
    return f"{noun} {quote(value)} gibt es nicht (erlaubt: {shown}){did_you_mean(value, allowed)}"


def _ascending(at: Located, key: str | tuple[str | int, ...], dates: Sequence[Any], what: str) -> Iterator[PlanError]:
    path = (key,) if isinstance(key, str) else key
    for i in range(1, len(dates)):
        if dates[i] < dates[i - 1]:
            yield at.error(
                (*path, i, "date"),
                f"die {what} stehen nicht in zeitlicher Reihenfolge: {dates[i]} steht nach {dates[i - 1]}, ist aber älter (älteste zuerst, neueste zuletzt)",
                kind="inconsistent",
            )
