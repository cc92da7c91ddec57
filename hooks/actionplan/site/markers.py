"""Markers: HTML comments by which editors place generated content in prose – and their registry.

`<!-- plan:measures field=wohnen-quartier -->` shows nothing in raw Markdown and is replaced by
the rendered content. Every marker of every page is checked before anything is built; an
unknown one is an error that lists the markers editors may place.

`MARKERS` is the one place that says everything about a marker. To add one:

1. add an entry `MarkerSpec(name, …)` below, in the order the error message should list it:
   its arguments and how each is checked, the arguments it requires, the function that computes
   its template context from the plan (`context`), its web template (`overrides/plan/<name>.html`),
   its PDF form (`pdf="pdf/<name>.html"`, or `pdf=None`: not in the PDF), and the data file it
   `needs` if it cannot be shown without one;
2. for a marker that makes generated pages instead of being placed by editors: `pages` (which
   pages, from the plan, with their source paths), `title` (each page's title) and `data_file`
   (the data file its edit link opens);
3. write its template(s) and any labels it uses (plan/labels.yml).

Nothing else dispatches on marker names: the renderer, the PDF, the page titles and the list
of valid markers all read this registry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..plan.errors import PlanError, byte_position, quote
from ..plan.model import ALL_QUARTERS, STATUSES
from ..plan.plan import Plan
from ..plan.releases import (
    DRAFT,
    Building,
    RemovedPage,
    compare_versions,
    previous_release,
    texts_differ,
    version_history,
    version_pairs,
)
from ..plan.stats import summarize
from ..plan.texts import RTL_LANGUAGES, Localizer
from .follow import field_feed_path, measure_feed_path, quarter_feed_path
from .streets import STREETS_PAGE, directory_context, lookup_context
from .textchanges import measure_diffs, prose_diffs
from .timeline import timeline

MARKER = re.compile(r"<!--\s*plan:(?P<body>.*?)-->", re.DOTALL)
_ARG = re.compile(r"(?<!\S)([a-z_]+)=(\S+)")
_MARKER_IN_HTML = re.compile(r"(?:<p>\s*)?" + MARKER.pattern + r"(?:\s*</p>)?", re.DOTALL)


@dataclass(frozen=True)
class Marker:
    name: str
    args: dict[str, str]


@dataclass(frozen=True)
class Scope:
    """What a marker's context and title functions may use: the plan and the build it is shown in."""

    plan: Plan
    lang: str
    default_language: str = "de"
    building: Building = field(default_factory=Building)
    removed: Mapping[str, RemovedPage] = field(default_factory=dict)  # measure id -> its page
    open_data: Mapping[str, Any] = field(default_factory=dict)  # what the /daten/ page lists (made by the build)
    shown_on: dt.date | None = None  # the date the build shows; None: the newest update's

    @property
    def today(self) -> dt.date:
        """ "Today" on a page: the date the build shows, never the clock (builds are reproducible)."""
        if self.shown_on is not None:
            return self.shown_on
        return max((m.latest.date for m in self.plan.measures), default=dt.date(2000, 1, 1))


ArgCheck = Callable[[Plan, str], "str | None"]
Context = Callable[[Scope, dict[str, str]], dict[str, Any]]
Title = Callable[[Scope, Localizer, dict[str, str]], str]
Pages = Callable[[Scope], Iterable[tuple[str, dict[str, str]]]]


@dataclass(frozen=True)
class MarkerSpec:
    """Everything about one marker (see the module's docstring for how to add one)."""

    name: str
    template: str  # the web template, below overrides/plan/
    pdf: str | None  # the PDF template below overrides/plan/ – None: not in the PDF
    context: Context = lambda scope, args: {}
    args: dict[str, ArgCheck] = field(default_factory=dict)  # argument -> its check
    required: tuple[str, ...] = ()
    needs: tuple[str, str] | None = None  # (Plan attribute, data file) without which it cannot be shown
    listing: bool = False  # other pages link into it, so every translation of its page keeps it
    pages: Pages | None = None  # the generated pages it makes (source path, args); None: editors place it
    in_nav: bool = False  # its generated pages are listed in the navigation
    title: Title | None = None  # the title of a generated page
    data_file: str = ""  # the file below data/ a generated page shows, for its edit link ({slug}: its id, lower case)
    feed: Callable[[dict[str, str]], str] | None = (
        None  # a generated page's Atom feed (site/follow.py), linked in its head
    )

    @property
    def editor(self) -> bool:
        """Whether editors place this marker in prose (the others make generated pages)."""
        return self.pages is None


# ---- Argument checks


def _field(plan: Plan, value: str) -> str | None:
    return (
        None
        if value in plan.fields_by_id
        else f"Handlungsfeld {quote(value)} gibt es nicht (erlaubt: {', '.join(plan.fields_by_id)})"
    )


def _measure(plan: Plan, value: str) -> str | None:
    return None if value in plan.measures_by_id else f"Maßnahme {quote(value)} gibt es nicht"


def _removed(plan: Plan, value: str) -> str | None:
    return None if value in plan.removed_by_id else f"entfernte Maßnahme {quote(value)} gibt es nicht"


def _version(plan: Plan, value: str) -> str | None:
    known = [*plan.snapshots, DRAFT, *plan.releases_by_version]
    return (
        None if value in known else f"Version {quote(value)} gibt es nicht (erlaubt: {', '.join(dict.fromkeys(known))})"
    )


def _quarter(plan: Plan, value: str) -> str | None:
    return (
        None
        if value in plan.quarters_by_id
        else f"Quartier {quote(value)} gibt es nicht (erlaubt: {', '.join(plan.quarters_by_id)})"
    )


def _status(plan: Plan, value: str) -> str | None:
    return None if value in STATUSES else f"{quote(value)} ist kein gültiger Status (erlaubt: {', '.join(STATUSES)})"


# ---- What each marker computes


def _progress(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    plan = scope.plan
    measures = plan.measures_of(args["field"]) if "field" in args else list(plan.measures)
    return {"summary": summarize(measures), "by_field": "field" not in args, "scope": args.get("field", "all")}


def _measures(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    measures = [
        m
        for m in scope.plan.measures
        if ("field" not in args or m.field == args["field"])
        and ("status" not in args or m.status == args["status"])
        and ("quarter" not in args or args["quarter"] in m.quarters or ALL_QUARTERS in m.quarters)
    ]
    return {"measures": measures}


def _declaration(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    return {"declaration": scope.plan.declaration, "binding_elsewhere": scope.lang != scope.default_language}


def _places(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    plan = scope.plan
    quarters = [plan.quarters_by_id[args["quarter"]]] if "quarter" in args else list(plan.quarters)
    return {"groups": [(q, plan.places_in(q.id)) for q in quarters if plan.places_in(q.id)]}


def _offers(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    where = args.get("quarter")
    offers = [o for o in scope.plan.offers if where is None or where in o.quarters or ALL_QUARTERS in o.quarters]
    return {"offers": offers}


def _changes(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    release = scope.building.release
    return {
        "release": release,
        "history": version_history(scope.plan, release),
        "versioned": scope.building.versioned,
        "comparisons": version_pairs(scope.plan, scope.building),
        **_diff_helpers(scope),
    }


def _diff_helpers(scope: Scope) -> dict[str, Any]:
    """What changes-section.html needs to show word diffs in the reader's language."""
    return {"measure_diffs": measure_diffs, "prose_diffs": prose_diffs, "default_language": scope.default_language}


def _comparison(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    before, after = args["from"], args["to"]
    return {
        "changes": compare_versions(scope.plan, scope.building, before, after),
        "before": before,
        "after": after,
        **_diff_helpers(scope),
    }


def _comparison_title(scope: Scope, loc: Localizer, args: dict[str, str]) -> str:
    def name(version: str) -> str:
        return loc.plain("compare.draft") if version == DRAFT else loc.plain("compare.version", version=version)

    return loc.plain("compare.pair", before=name(args["from"]), after=name(args["to"]))


def _measure_page(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    """The measure, and how its wording differs from the version before the one built (if it does)."""
    plan = scope.plan
    measure = plan.measures_by_id[args["id"]]
    previous = previous_release(plan, scope.building.release)
    earlier = plan.snapshots[previous.version].by_id.get(measure.id) if previous else None
    changed = earlier is not None and texts_differ(earlier, measure)
    return {
        "measure": measure,
        "text_since": previous.version if previous and changed else None,
        "earlier": earlier if changed else None,
        "measure_diffs": measure_diffs,
    }


def _timeline(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    plan = scope.plan
    measures = [
        m
        for m in plan.measures
        if ("field" not in args or m.field == args["field"])
        and ("quarter" not in args or args["quarter"] in m.quarters or ALL_QUARTERS in m.quarters)
    ]
    quarters = [q.id for q in plan.quarters]
    layout = timeline(measures, scope.today, scope.lang in RTL_LANGUAGES, quarters) if measures else None
    fields = sorted({m.field for m in measures}, key=list(plan.fields_by_id).index)
    return {"timeline": layout, "fields": [plan.fields_by_id[f] for f in fields], "filters": not args}


def _field_page(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    return {"field": scope.plan.fields_by_id[args["id"]], "measures": scope.plan.measures_of(args["id"])}


def _quarter_page(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    plan = scope.plan
    quarter = plan.quarters_by_id[args["id"]]
    local = [m for m in plan.measures if quarter.id in m.quarters]
    citywide = [m for m in plan.measures if ALL_QUARTERS in m.quarters]
    return {"quarter": quarter, "measures": local, "citywide": citywide, "places": plan.places_in(quarter.id)}


def _site_info(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    return {"info": scope.plan.site}


def _participation(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    return {"participation": scope.plan.participation}


_SITE = ("site", "data/site.yml")
_PARTICIPATION = ("participation", "data/participation.yml")


ATTENTION = ("verzoegert", "pausiert")
"""The statuses a reader asks about first: what is delayed or paused, named on the overview."""


def _headline(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    measures = list(scope.plan.measures)
    return {
        "summary": summarize(measures),
        "attention": [m for m in measures if m.status in ATTENTION],
        "as_of": max((m.latest.date for m in measures), default=None),
    }


def _start(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    lookup = lookup_context(scope.plan) if scope.plan.streets else {}  # start.html shows the street lookup
    return {**_headline(scope, args), "events": scope.plan.events, **lookup}  # events come sorted by start


def _finder(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    plan = scope.plan
    leads = {m.lead for m in plan.measures}
    return {
        "measures": list(plan.measures),
        "statuses_present": [s for s in STATUSES if any(m.status == s for m in plan.measures)],
        "leads": [a for a in plan.actors if a.id in leads],
    }


def _removed_page(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    page = scope.removed[args["id"]]
    return {"page": page, "measure": page.measure}


def _map(scope: Scope, args: dict[str, str]) -> dict[str, Any]:
    from .map import quarter_map  # deferred: numpy, shapely and pyproj load for the map only, not for `make check`

    loc = Localizer(scope.lang, labels={})
    return {"map": quarter_map(scope.plan, {q.id: loc.pick(q.name).text for q in scope.plan.quarters})}


# ---- The registry


MARKERS: dict[str, MarkerSpec] = {
    spec.name: spec
    for spec in (
        MarkerSpec("progress", "progress.html", "pdf/progress.html", _progress, {"field": _field}),
        MarkerSpec("fields", "fields.html", "pdf/fields.html", listing=True),
        MarkerSpec(
            "measures",
            "measures.html",
            "pdf/measures.html",
            _measures,
            {"field": _field, "quarter": _quarter, "status": _status},
        ),
        MarkerSpec("principles", "principles.html", "pdf/principles.html", listing=True),
        MarkerSpec("quality-criteria", "quality-criteria.html", "pdf/quality-criteria.html", listing=True),
        MarkerSpec("quarters", "quarters.html", None, listing=True),
        MarkerSpec(
            "declaration",
            "declaration.html",
            "pdf/declaration.html",
            _declaration,
            needs=("declaration", "data/declaration.yml"),
        ),
        MarkerSpec("events", "events.html", None),
        MarkerSpec("imprint", "imprint.html", None, _site_info, needs=_SITE),
        MarkerSpec("privacy", "privacy.html", None, _site_info, needs=_SITE),
        MarkerSpec(
            "accessibility",
            "accessibility.html",
            None,
            lambda scope, args: {"statement": scope.plan.accessibility},
            needs=("accessibility", "data/accessibility.yml"),
        ),
        MarkerSpec("places", "places.html", None, _places, {"quarter": _quarter}, listing=True),
        MarkerSpec("inventory", "inventory.html", None, lambda scope, args: {"figures": scope.plan.inventory}),
        MarkerSpec("offers", "offers.html", None, _offers, {"quarter": _quarter}),
        MarkerSpec("workshop", "workshop.html", None, _participation, needs=_PARTICIPATION),
        MarkerSpec("proposals", "proposals.html", None, _participation, needs=_PARTICIPATION),
        MarkerSpec(
            "sign-language", "sign-language.html", None, lambda scope, args: {"videos": scope.plan.sign_language}
        ),
        MarkerSpec("changes", "changes.html", None, _changes),
        MarkerSpec("timeline", "timeline.html", None, _timeline, {"field": _field, "quarter": _quarter}),
        MarkerSpec(
            "open-data",
            "open-data.html",
            None,
            lambda scope, args: dict(scope.open_data),
            needs=("site", "data/site.yml"),
        ),
        # ---- the resident's path (start page, finder, glossary)
        MarkerSpec("headline", "headline.html", None, _headline),
        MarkerSpec("start", "start.html", None, _start),
        MarkerSpec("finder", "finder.html", "pdf/measures.html", _finder, listing=True),
        MarkerSpec("glossary", "glossary.html", None, listing=True),
        MarkerSpec(
            "street-lookup",
            "street-lookup.html",
            None,
            lambda scope, args: lookup_context(scope.plan),
            needs=("streets", "data/streets.yml"),
        ),
        MarkerSpec(
            "map",
            "map.html",
            None,
            _map,
            needs=("boundaries", "data/quarters.geojson"),
        ),
        # ---- Markers of generated pages (not offered to editors)
        MarkerSpec(
            "field",
            "field.html",
            None,  # the PDF prints every field in its part of the document (pdf/plan.html)
            _field_page,
            {"id": _field},
            required=("id",),
            pages=lambda scope: ((f"handlungskonzept/{f.id}.md", {"id": f.id}) for f in scope.plan.fields),
            in_nav=True,
            title=lambda scope, loc, args: loc.pick(scope.plan.fields_by_id[args["id"]].title).text,
            data_file="fields.yml",
            feed=lambda args: field_feed_path(args["id"]),
        ),
        MarkerSpec(
            "measure",
            "measure.html",
            None,  # the PDF prints every measure in its field (pdf/measure.html)
            _measure_page,
            {"id": _measure},
            required=("id",),
            pages=lambda scope: ((f"massnahmen/{m.slug}.md", {"id": m.id}) for m in scope.plan.measures),
            title=lambda scope, loc, args: (
                f"{args['id']}: {loc.pick(scope.plan.measures_by_id[args['id']].title).text}"
            ),
            data_file="measures/{slug}.yml",
            feed=lambda args: measure_feed_path(args["id"]),
        ),
        MarkerSpec(
            "quarter",
            "quarter.html",
            None,
            _quarter_page,
            {"id": _quarter},
            required=("id",),
            pages=lambda scope: ((f"quartiere/{q.id}.md", {"id": q.id}) for q in scope.plan.quarters),
            title=lambda scope, loc, args: loc.pick(scope.plan.quarters_by_id[args["id"]].name).text,
            data_file="quarters.yml",
            feed=lambda args: quarter_feed_path(args["id"]),
        ),
        MarkerSpec(
            "removed",
            "removed.html",
            None,
            _removed_page,
            {"id": _removed},
            required=("id",),
            pages=lambda scope: (
                (f"massnahmen/{p.measure.slug}.md", {"id": p.measure.id}) for p in scope.removed.values()
            ),
            title=lambda scope, loc, args: f"{args['id']}: {loc.pick(scope.removed[args['id']].measure.title).text}",
            data_file="removed.yml",
        ),
        MarkerSpec(
            "streets",
            "streets.html",
            None,
            lambda scope, args: directory_context(scope.plan),
            pages=lambda scope: [(STREETS_PAGE, {})] if scope.plan.streets else [],
            title=lambda scope, loc, args: loc.plain("streets.title"),
            data_file="streets.yml",
        ),
        MarkerSpec(
            "comparison",
            "comparison.html",
            None,
            _comparison,
            {"from": _version, "to": _version},
            required=("from", "to"),
            pages=lambda scope: (
                (f"aenderungen/{a}-{b}.md", {"from": a, "to": b}) for a, b in version_pairs(scope.plan, scope.building)
            ),
            title=_comparison_title,
            data_file="releases.yml",
        ),
        MarkerSpec(
            "search",
            "search.html",
            None,
            pages=lambda scope: [("suche.md", {})],
            title=lambda scope, loc, args: loc.plain("search.title"),
        ),
    )
}
"""Every marker: the ones editors place, in the order error messages list them, then those of generated pages."""

EDITOR_MARKERS = tuple(name for name, spec in MARKERS.items() if spec.editor)
"""The names editors may place; "valid markers" in messages."""


def parse_marker(body: str) -> tuple[Marker | None, str | None]:
    """Split the text after `plan:` into name and arguments, or say what is wrong (German)."""
    name, _, rest = body.strip().partition(" ")
    if name not in MARKERS:
        return (
            None,
            f"unbekannter Marker {quote('plan:' + name)} (erlaubt: {', '.join('plan:' + n for n in EDITOR_MARKERS)})",
        )
    args = dict(_ARG.findall(rest))
    leftover = _ARG.sub("", rest).strip()
    if leftover:
        return None, f"{quote(leftover)} ist kein Argument der Form name=wert"
    return Marker(name, args), None


def check_marker(plan: Plan, marker: Marker) -> list[str]:
    """Problems with a marker's arguments, in German."""
    problems = []
    spec = MARKERS[marker.name]
    allowed = spec.args
    for key, value in marker.args.items():
        if key not in allowed:
            problems.append(
                f"plan:{marker.name} kennt kein Argument {quote(key)} (erlaubt: {', '.join(allowed) or 'keine'})"
            )
            continue
        problem = allowed[key](plan, value)
        if problem:
            problems.append(problem)
    for required in spec.required:
        if required not in marker.args:
            problems.append(f"plan:{marker.name} braucht das Argument {quote(required)}")
    return problems


def marker_source(marker: Marker) -> str:
    """The Markdown of a generated page: just its marker."""
    args = "".join(f" {key}={value}" for key, value in marker.args.items())
    return f"<!-- plan:{marker.name}{args} -->\n"


def replace_markers(html: str, render: Callable[[Marker], str]) -> str:
    """Every marker in rendered HTML (a paragraph of its own, as Markdown leaves it) replaced by `render`."""

    def replace(match: re.Match[str]) -> str:
        marker, problem = parse_marker(match["body"])
        if marker is None:  # pragma: no cover - markers are checked before any build
            raise ValueError(problem)
        return render(marker)

    return _MARKER_IN_HTML.sub(replace, html)


def iter_markers(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, body, whole marker) of every marker in a Markdown or HTML text."""
    for match in MARKER.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match["body"], match[0]


def scan_docs(
    docs_dir: Path, root: Path, plan: Plan, languages: Sequence[str] = ()
) -> tuple[list[PlanError], dict[str, str]]:
    """Check the markers of every Markdown page; return errors and where each listing lives.

    The second result maps a listing marker (principles, quarters, …) to the source path of
    the first German page that shows it, so data pages can link to it.
    """
    errors: list[PlanError] = []
    placed: dict[str, str] = {}
    listings: dict[str, set[str]] = {}  # source path -> listing markers on it
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        display = _display(path, root, rel)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line, column = byte_position(path.read_bytes(), exc.start)
            errors.append(
                PlanError(
                    display,
                    line,
                    "",
                    "die Datei ist nicht in UTF-8 gespeichert – bitte im Editor mit der Kodierung UTF-8 speichern",
                    column,
                    kind="syntax",
                )
            )
            continue
        lines = _without_code(text.splitlines())
        found: set[str] = set()
        for line, body, whole in iter_markers("\n".join(lines)):
            before = lines[line - 2].strip() if line > 1 else ""
            after = lines[line].strip() if line < len(lines) else ""
            column = lines[line - 1].find(whole.split("\n", 1)[0]) + 1  # where the marker's "<!--" stands
            if lines[line - 1].strip() != whole or before or after:
                errors.append(
                    PlanError(
                        display,
                        line,
                        "",
                        "ein Marker muss allein in seiner Zeile stehen, mit einer Leerzeile davor und danach",
                        column,
                        kind="marker",
                    )
                )
                continue
            marker, problem = parse_marker(body)
            if marker is None:
                errors.append(PlanError(display, line, "", problem or "", column, kind="marker"))
                continue
            errors += [PlanError(display, line, "", p, column, kind="marker") for p in check_marker(plan, marker)]
            needs = MARKERS[marker.name].needs
            if needs is not None and not getattr(plan, needs[0]):  # no file, or an empty list (streets)
                message = f"plan:{marker.name} braucht die Datei {needs[1]}, die es nicht gibt"
                errors.append(PlanError(display, line, "", message, column, kind="marker"))
            if not marker.args:
                found.add(marker.name)
                if _language_of(rel, languages) is None:
                    placed.setdefault(marker.name, rel)
        listings[rel] = found
    for rel, found in listings.items():
        lang = _language_of(rel, languages)
        german = rel.replace(f".{lang}.md", ".md") if lang else None
        if german in listings:
            for name in sorted((listings[german] - found) & {n for n, s in MARKERS.items() if s.listing}):
                errors.append(
                    PlanError(
                        _display(docs_dir / rel, root, rel),
                        0,
                        "",
                        f"der Marker „<!-- plan:{name} -->“ fehlt in dieser Übersetzung – die deutsche Seite {german} zeigt ihn, und andere Seiten verlinken darauf",
                        kind="marker",
                    )
                )
    return errors, placed


def _display(path: Path, root: Path, rel: str) -> str:
    resolved = path.resolve()
    return resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else rel


def _without_code(lines: list[str]) -> list[str]:
    """The lines with fenced code blocks blanked out (a marker shown as an example is no marker)."""
    out, fence = [], ""
    for line in lines:
        stripped = line.lstrip()
        if fence:
            out.append("")
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            out.append("")
        else:
            out.append(line)
    return out


_LOCALE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


def _language_of(rel: str, languages: Sequence[str]) -> str | None:
    """The language of a translated docs path (index.en.md -> "en"); None for German sources.

    Without a list of languages, any locale-like suffix counts, as static-i18n does.
    """
    parts = rel.rsplit(".", 2)
    if len(parts) != 3:
        return None
    code = parts[1]
    return code if (code in languages if languages else _LOCALE.fullmatch(code)) else None
