"""Load the plan from `data/`: parse, check the schema, cross-check, fail once with all errors."""

from __future__ import annotations

import difflib
import gc
import types
import typing
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import PlanError, PlanErrors, display_path, quote
from .geography import read_boundaries
from .located import Located, Seen
from .model import DATA_FILES, Measure
from .plan import Plan
from .releases import read_prose, read_snapshots
from .validation import validate_plan
from .yamlsource import Loc, ParseCache, Source, load_yaml


def load_plan(data_dir: Path, root: Path, languages: Sequence[str]) -> Plan:
    """Load and validate everything under `data_dir`; raise `PlanErrors` listing every mistake.

    File names in messages are relative to `root` (the project folder).
    """
    plan, errors = read_plan(data_dir, root, languages)
    if errors:
        raise PlanErrors(errors)
    return plan


def read_plan(
    data_dir: Path, root: Path, languages: Sequence[str], cache: ParseCache | None = None
) -> tuple[Plan, list[PlanError]]:
    """Load what is valid under `data_dir` and return it with every mistake found.

    `cache`: files parsed by an earlier run are taken from there (make check, serve and build
    keep one in .venv/cache/); what this run parsed is written back.
    """
    global _cache
    _cache = cache
    try:
        with _no_cycle_collection():
            return _read_plan(data_dir, root, languages)
    finally:
        _cache = None
        if cache is not None:
            cache.save()


_cache: ParseCache | None = None
"""The cache of the `read_plan` running (builds read one plan at a time)."""


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the plan is read: it is made of some ten objects per line
    of YAML, all kept, so the collector ran again and again over them and found nothing (a fifth of
    `make check`). Reference counting frees as before; cycles are collected once it runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_plan(data_dir: Path, root: Path, languages: Sequence[str]) -> tuple[Plan, list[PlanError]]:
    errors: list[PlanError] = []
    sources: dict[str, Source] = {}
    context = {"languages": list(languages)}
    lists: dict[str, list[Located]] = {}
    seen = Seen()

    singles: dict[str, Located | None] = {}
    for name, spec in DATA_FILES.items():
        path = data_dir / name
        display = display_path(path, root)
        if not path.is_file():
            if spec.required:
                errors.append(PlanError(display, 0, "", "die Datei fehlt", kind="file"))
                seen.unavailable.add(name)
        elif spec.many:
            lists[name] = _load_list(path, display, spec.model, context, sources, errors, seen)
        else:
            singles[name] = _load_single(path, display, spec.model, context, sources, errors)

    measures: list[Located] = []
    measure_dir = data_dir / "measures"
    folder = display_path(measure_dir, root)  # resolved once, not for each of a thousand files
    for path in sorted(measure_dir.glob("*")):
        display = display_path(path, root) if path.is_symlink() else f"{folder}/{path.name}"
        if path.suffix == ".yaml":
            errors.append(PlanError(display, 0, "", "Maßnahmen-Dateien enden auf „.yml“, nicht „.yaml“", kind="file"))
            continue
        if path.suffix != ".yml" or not path.is_file():
            continue
        source = _read(path, display, sources, errors)
        if source is None:  # the measure exists, only unreadable: no "gibt es nicht" for it elsewhere
            seen.remember("measures", {"id": path.stem.upper()})
            continue
        if not isinstance(source.data, dict):
            errors.append(
                source.error((), "die Datei muss eine Maßnahme als Zuordnung (Schlüssel: Wert) enthalten", kind="file")
            )
            continue
        measure = _validate(Measure, source.data, (), source, context, errors)
        if measure is not None:
            measures.append(Located(measure, source, ()))
        else:
            seen.remember("measures", source.data)

    def items(name: str) -> list[Any]:
        return [located.item for located in lists.get(name, [])]

    def one(name: str) -> Any:
        located = singles.get(name)
        return None if located is None else located.item

    plan = Plan(
        languages=languages,
        fields=items("fields.yml"),
        principles=items("principles.yml"),
        quality_criteria=items("quality_criteria.yml"),
        actors=items("actors.yml"),
        quarters=items("quarters.yml"),
        measures=sorted((m.item for m in measures), key=lambda m: _measure_order(m.id)),
        sources=sources,
        file_sources={name: located.source for name, located in singles.items() if located}
        | {name: entries[0].source for name, entries in lists.items() if entries},
        language_versions=items("languages.yml"),
        declaration=one("declaration.yml"),
        events=items("events.yml"),
        site=one("site.yml"),
        accessibility=one("accessibility.yml"),
        places=items("places.yml"),
        inventory=items("inventory.yml"),
        offers=items("offers.yml"),
        participation=one("participation.yml"),
        sign_language=items("sign_language.yml"),
        glossary=items("glossary.yml"),
        releases=items("releases.yml"),
        removed=items("removed.yml"),
        streets=items("streets.yml"),
    )
    plan.snapshots = read_snapshots(data_dir, root, languages, errors)
    plan.prose = read_prose(root / "docs", languages)
    plan.boundaries = read_boundaries(data_dir, root, errors)
    errors.extend(validate_plan(plan, lists, measures, seen, singles))
    return plan, errors


def _measure_order(measure_id: str) -> tuple[str, int]:
    prefix, _, number = measure_id.partition("-")
    return (prefix, int(number) if number.isdigit() else 0)


def _read(path: Path, display: str, sources: dict[str, Source], errors: list[PlanError]) -> Source | None:
    """Parse a data file and remember it for line lookups; None (with errors) if it is no YAML."""
    source, parse_errors = load_yaml(path, display, _cache)
    errors.extend(parse_errors)
    if source is not None:
        sources[display] = source
    return source


def _load_single(
    path: Path,
    display: str,
    model: type[BaseModel],
    context: dict[str, Any],
    sources: dict[str, Source],
    errors: list[PlanError],
) -> Located | None:
    """A file holding one record; None if it has mistakes (they are in `errors`)."""
    source = _read(path, display, sources, errors)
    item = None if source is None else _validate(model, source.data, (), source, context, errors)
    return None if item is None or source is None else Located(item, source, ())


def _load_list(
    path: Path,
    display: str,
    model: type[BaseModel],
    context: dict[str, Any],
    sources: dict[str, Source],
    errors: list[PlanError],
    seen: Seen,
) -> list[Located]:
    source = _read(path, display, sources, errors)
    if source is None:
        seen.unavailable.add(path.name)
        return []
    if not isinstance(source.data, list):
        errors.append(source.error((), "die Datei muss eine Liste von Einträgen („- id: …“) enthalten", kind="file"))
        seen.unavailable.add(path.name)
        return []
    items = []
    for index, raw in enumerate(source.data):
        item = _validate(model, raw, (index,), source, context, errors)
        if item is not None:
            items.append(Located(item, source, (index,)))
        else:
            seen.remember(path.name, raw)
    return items


def _validate(
    model: type[BaseModel],
    raw: Any,
    base: Loc,
    source: Source,
    context: dict[str, Any],
    errors: list[PlanError],
) -> BaseModel | None:
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as exc:
        for detail in exc.errors():
            errors.append(_convert(detail, model, base, source))
        return None


def _convert(detail: Any, model: type[BaseModel], base: Loc, source: Source) -> PlanError:
    loc: Loc = (*base, *detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    if kind == "missing":
        parent, key = loc[:-1], loc[-1]
        return source.error(parent, f"Pflichtfeld {quote(key)} fehlt", kind="missing", key=loc)
    if kind == "extra_forbidden":
        parent, key = loc[:-1], str(loc[-1])
        allowed = _allowed_keys(model, detail["loc"][:-1])
        message = f"unbekannter Schlüssel {quote(key)} (erlaubt: {', '.join(allowed)})"
        guess = difflib.get_close_matches(key, allowed, n=1)
        if guess:
            message += f" – meinten Sie {quote(guess[0])}?"
        return source.error(loc, message, kind="unknown_key", at_key=True)
    if "key" in ctx:
        loc = (*loc, ctx["key"])
    message = _message(kind, value, ctx, detail["msg"])
    wrong_type = kind in _EXPECTED
    return source.error(loc, message, kind="wrong_type" if wrong_type else "bad_value", at_key=bool(ctx.get("at_key")))


_EXPECTED = {
    "string_type": "einen Text",
    "int_type": "eine ganze Zahl",
    "int_from_float": "eine ganze Zahl",
    "float_type": "eine Zahl",
    "bool_type": "true oder false",
    "list_type": "eine Liste",
    "dict_type": "eine Zuordnung (Schlüssel: Wert)",
    "model_type": "eine Zuordnung (Schlüssel: Wert)",
    "model_attributes_type": "eine Zuordnung (Schlüssel: Wert)",
}


def _message(kind: str, value: Any, ctx: dict[str, Any], fallback: str) -> str:
    if kind == "plan":
        return fallback
    if kind == "dict_type":  # only translatable texts are plain mappings
        return f"erwartet einen Text je Sprache (darunter eingerückt, z. B. „de: …“), gefunden {describe(value)}"
    if kind in _EXPECTED:
        return f"erwartet {_EXPECTED[kind]}, gefunden {describe(value)}"
    if kind == "greater_than_equal":
        return f"{describe(value)} ist zu klein (erlaubt: mindestens {ctx['ge']})"
    if kind == "less_than_equal":
        return f"{describe(value)} ist zu groß (erlaubt: höchstens {ctx['le']})"
    if kind == "too_short":
        needed = ctx["min_length"]
        return "braucht mindestens einen Eintrag" if needed == 1 else f"braucht mindestens {needed} Einträge"
    return f"ungültiger Wert {describe(value)}"


def describe(value: Any) -> str:
    """Name a found value in German for a message."""
    if value is None:
        return "einen leeren Wert"
    if isinstance(value, bool):
        return f"den Wahrheitswert {str(value).lower()}"
    if isinstance(value, int | float):
        return f"die Zahl {value}"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, dict):
        return "eine Zuordnung (Schlüssel: Wert)"
    if hasattr(value, "isoformat"):
        return f"das Datum {value.isoformat()}"
    return quote(value)


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else current
        elif isinstance(current, type) and issubclass(current, BaseModel):
            current = current.model_fields[part].annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and `| None` to reach the model or list type inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation
