"""Cross-checks of the council's record: resolutions that name their place in the council information system.

The form of each field is the model's (plan/model.py `CouncilRecord`); here what needs the
record's surroundings: an address to open, and the Drucksache agreeing with the resolution's
own reference number.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .errors import PlanError, quote
from .located import Located
from .model import CouncilRecord


def check_council_records(
    lists: dict[str, list[Located]], measures: Sequence[Located], singles: dict[str, Located | None]
) -> list[PlanError]:
    """Every record must name an OParl object; a resolution's Drucksache must be the one its reference names."""
    errors: list[PlanError] = []
    declaration = singles.get("declaration.yml")
    if declaration is not None:
        errors += _check(declaration, (), declaration.item.council, declaration.item.reference)
    for release in lists.get("releases.yml", []):
        resolution = release.item.resolution
        if resolution is not None:
            errors += _check(release, ("resolution",), resolution.council, resolution.reference)
    for measure in measures:
        for index, update in enumerate(measure.item.updates):
            errors += _check(measure, ("updates", index), update.council, None)
    return errors


def _check(
    at: Located, path: tuple[str | int, ...], record: CouncilRecord | None, reference: str | None
) -> Iterator[PlanError]:
    if record is None:
        return
    if record.paper is None and record.meeting is None:
        yield at.error(
            (*path, "council"),
            "es fehlt die OParl-Adresse: „paper“ (die Drucksache) oder „meeting“ (die Sitzung) – "
            "wie man sie im Ratsinformationssystem findet, steht in data/README.md",
            kind="missing",
        )
    if reference is not None and record.drucksache not in reference:
        yield at.error(
            (*path, "council", "drucksache"),
            f"{quote(record.drucksache)} passt nicht zur Drucksache des Beschlusses (reference: {quote(reference)}) – "
            "beide müssen dieselbe Nummer nennen",
            kind="inconsistent",
        )
