"""The whole checked plan: every data file's entries, with lookups by id.

`loading.read_plan` makes it; everything else reads it. It holds no output concerns: which
version a build publishes, and what the pages and files look like, are decided elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .geography import Boundaries
from .model import (
    AccessibilityStatement,
    ActionField,
    Actor,
    Declaration,
    Event,
    GlossaryTerm,
    InventoryFigure,
    LanguageVersion,
    Measure,
    MeetingPlace,
    Offer,
    Participation,
    Principle,
    QualityCriterion,
    Quarter,
    Release,
    RemovedMeasure,
    SignLanguageVideo,
    SiteInfo,
    Street,
)
from .yamlsource import Source


@dataclass(frozen=True)
class Snapshot:
    """The measures as one version released them (data/snapshots/<version>.json)."""

    version: str
    measures: tuple[Measure, ...]
    urls: tuple[str, ...] = ()  # every URL of that version's site, relative to its root
    prose: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # page -> language -> Markdown

    @property
    def by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}


class Plan:
    """The whole validated plan, with lookups by id."""

    def __init__(
        self,
        languages: Sequence[str],
        fields: Sequence[ActionField],
        principles: Sequence[Principle],
        quality_criteria: Sequence[QualityCriterion],
        actors: Sequence[Actor],
        quarters: Sequence[Quarter],
        measures: Sequence[Measure],
        sources: dict[str, Source] | None = None,
        file_sources: dict[str, Source] | None = None,
        language_versions: Sequence[LanguageVersion] = (),
        declaration: Declaration | None = None,
        events: Sequence[Event] = (),
        site: SiteInfo | None = None,
        accessibility: AccessibilityStatement | None = None,
        places: Sequence[MeetingPlace] = (),
        inventory: Sequence[InventoryFigure] = (),
        offers: Sequence[Offer] = (),
        participation: Participation | None = None,
        sign_language: Sequence[SignLanguageVideo] = (),
        glossary: Sequence[GlossaryTerm] = (),
        releases: Sequence[Release] = (),
        removed: Sequence[RemovedMeasure] = (),
        streets: Sequence[Street] = (),
    ) -> None:
        self.languages = tuple(languages)
        self.fields = tuple(fields)
        self.principles = tuple(principles)
        self.quality_criteria = tuple(quality_criteria)
        self.actors = tuple(actors)
        self.quarters = tuple(quarters)
        self.measures = tuple(measures)
        self.sources = sources or {}
        self.file_sources = file_sources or {}  # data file name (e.g. "site.yml") -> its parsed source
        self.fields_by_id = {f.id: f for f in fields}
        self.goals_by_id = {goal.id: (f, goal) for f in fields for goal in f.goals}
        self.principles_by_id = {p.id: p for p in principles}
        self.criteria_by_id = {c.id: c for c in quality_criteria}
        self.actors_by_id = {a.id: a for a in actors}
        self.quarters_by_id = {q.id: q for q in quarters}
        self.measures_by_id = {m.id: m for m in measures}
        self.language_versions = {v.lang: v for v in language_versions}
        self.declaration = declaration
        self.site = site
        self.accessibility = accessibility
        self.places = tuple(places)
        self.inventory = tuple(inventory)
        self.offers = tuple(offers)
        self.participation = participation
        self.sign_language = tuple(sign_language)
        self.glossary = tuple(glossary)
        self.events = tuple(sorted(events, key=lambda event: event.start))
        self.releases = tuple(releases)  # oldest first, as in data/releases.yml
        self.releases_by_version = {r.version: r for r in releases}
        self.removed = tuple(removed)
        self.removed_by_id = {r.id: r for r in removed}
        self.streets = tuple(streets)  # the street directory, in the file's order
        self.boundaries: Boundaries | None = None  # data/quarters.geojson, set by read_plan where it exists
        self.snapshots: dict[str, Snapshot] = {}  # version -> the measures it released, set by read_plan
        self.prose: dict[str, dict[str, str]] = {}  # the versioned prose pages (PROSE_PAGES), set by read_plan

    def places_in(self, quarter_id: str) -> list[MeetingPlace]:
        """The meeting places of one neighbourhood."""
        return [place for place in self.places if place.quarter == quarter_id]

    def reviewed(self, lang: str) -> bool:
        """Whether a language version is marked as reviewed (German, the binding text, always is)."""
        version = self.language_versions.get(lang)
        return lang == self.languages[0] or (version is not None and version.reviewed)

    def measures_of(self, field_id: str) -> list[Measure]:
        """The measures of one field of action, in id order."""
        return [m for m in self.measures if m.field == field_id]
