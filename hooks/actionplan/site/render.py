"""Render plan content to HTML: one pure function per marker and per generated page.

Markup lives in Jinja2 templates under `overrides/plan/`, autoescaped. The renderer uses its
own environment (not the theme's) because MkDocs' theme environment does not autoescape and
because the core must run without MkDocs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..outputs.opendata import Download, page_context
from ..plan.model import ALL_QUARTERS, STATUSES, Measure
from ..plan.plan import Plan
from ..plan.releases import Building, newest_adopted, removed_pages, version_history
from ..plan.stats import summarize
from ..plan.texts import Localizer, load_labels
from . import charts
from .markers import Marker


def make_environment(template_dir: Path) -> Environment:
    """The Jinja2 environment for `overrides/plan/*.html`: autoescaped, strict about names."""
    env = Environment(
        loader=FileSystemLoader(template_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["contains"] = lambda collection, item: item in collection
    return env


@dataclass(frozen=True)
class Site:
    """Where pages live: the language prefixes and the pages that show each listing."""

    default_language: str
    placed: dict[str, str] = field(default_factory=dict)  # marker name -> docs source path
    downloads: tuple[Download, ...] = ()  # the open data files of daten/, made before the pages
    pdfs: dict[str, str] = field(default_factory=dict)  # language -> the PDF's path in the site, if PDFs are made

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_language else f"{lang}/"

    @staticmethod
    def measure_path(measure_id: str) -> str:
        return f"massnahmen/{measure_id.lower()}/"

    @staticmethod
    def field_path(field_id: str) -> str:
        return f"handlungskonzept/{field_id}/"

    @staticmethod
    def quarter_path(quarter_id: str) -> str:
        return f"quartiere/{quarter_id}/"

    def listing_path(self, marker: str) -> str | None:
        """The page showing a listing (e.g. "principles"), or None if no page has it."""
        source = self.placed.get(marker)
        if source is None:
            return None
        stem = source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index")
            return stem if stem else ""
        return f"{stem}/"


class Renderer:
    """Renders the plan for one language; `page_url` makes every link relative."""

    def __init__(
        self,
        plan: Plan,
        lang: str,
        site: Site,
        env: Environment,
        labels: dict[str, dict[str, str]] | None = None,
        *,
        building: Building | None = None,
    ) -> None:
        self.plan = plan
        self.lang = lang
        self.site = site
        self.env = env
        self.labels = labels if labels is not None else load_labels()
        self.building = building or Building()  # what this build publishes; a plain build by default
        self.removed = {p.measure.id: p for p in removed_pages(plan)}  # computed once, not per page
        self.versioned = self.building.versioned

    # ---- Entry points

    def marker(self, marker: Marker, page_url: str) -> tuple[str, bool]:
        """Render one marker; returns HTML and whether German stood in for a missing text."""
        loc = self._localizer()
        html = self._render(f"{marker.name}.html", loc, page_url, **self._context(marker))
        return html, loc.fallback_used

    def fallback_notice(self, page_url: str, whole_page: bool) -> str:
        """The notice that (parts of) a page are shown in German."""
        return self._render("notice.html", self._localizer(), page_url, whole_page=whole_page)

    def german_only_note(self, page_url: str) -> str:
        """The note on a page that exists in German only by design (Leichte Sprache, DGS)."""
        return self._render("german-only.html", self._localizer(), page_url)

    def review_notice(self, page_url: str) -> str:
        """The notice that this language version has not been reviewed yet."""
        return self._render("review-notice.html", self._localizer(), page_url)

    def measure_title(self, measure_id: str) -> str:
        return self._localizer().pick(self.plan.measures_by_id[measure_id].title).text

    def label_text(self, key: str) -> str:
        return self._localizer().plain(key)

    def removed_title(self, measure_id: str) -> str:
        return self._localizer().pick(self.removed[measure_id].measure.title).text

    def banner(self, page_url: str) -> str:
        """The state of this version, shown on every page: draft, or adopted on … (Drucksache …)."""
        release = self.building.release
        return self._render(
            "banner.html",
            self._localizer(),
            page_url,
            pdf=self.site.pdfs.get(self.lang),
            release=release,
            adopted=newest_adopted(self.plan),
            versioned=self.versioned,
            page_path=page_url,
        )

    def citation(self, page_url: str, cite: Any) -> str:
        """How to cite this page, with the downloadable citation files."""
        return self._render("cite.html", self._localizer(), page_url, cite=cite)

    def quarter_title(self, quarter_id: str) -> str:
        return self._localizer().pick(self.plan.quarters_by_id[quarter_id].name).text

    def field_title(self, field_id: str) -> str:
        return self._localizer().pick(self.plan.fields_by_id[field_id].title).text

    # ---- Helpers

    def _localizer(self) -> Localizer:
        return Localizer(self.lang, markup=self.env.get_template("text.html"), labels=self.labels)

    def _context(self, marker: Marker) -> dict[str, Any]:
        plan = self.plan
        args = marker.args
        if marker.name == "quarter":
            quarter = plan.quarters_by_id[args["id"]]
            local = [m for m in plan.measures if quarter.id in m.quarters]
            citywide = [m for m in plan.measures if ALL_QUARTERS in m.quarters]
            return {"quarter": quarter, "measures": local, "citywide": citywide, "places": plan.places_in(quarter.id)}
        if marker.name == "places":
            quarters = [plan.quarters_by_id[args["quarter"]]] if "quarter" in args else list(plan.quarters)
            return {"groups": [(q, plan.places_in(q.id)) for q in quarters if plan.places_in(q.id)]}
        if marker.name == "sign-language":
            return {"videos": plan.sign_language}
        if marker.name in ("workshop", "proposals"):
            return {"participation": plan.participation}
        if marker.name == "inventory":
            return {"figures": plan.inventory}
        if marker.name == "offers":
            where = args.get("quarter")
            return {
                "offers": [o for o in plan.offers if where is None or where in o.quarters or ALL_QUARTERS in o.quarters]
            }
        if marker.name in ("imprint", "privacy"):
            return {"info": plan.site}
        if marker.name == "accessibility":
            return {"statement": plan.accessibility}
        if marker.name == "declaration":
            return {"declaration": plan.declaration, "binding_elsewhere": self.lang != self.site.default_language}
        if marker.name == "measure":
            return {"measure": plan.measures_by_id[args["id"]]}
        if marker.name == "removed":
            page = self.removed[args["id"]]
            return {"page": page, "measure": page.measure}
        if marker.name == "open-data":
            return page_context(plan, self.building.release, self.site.downloads, self.labels)
        if marker.name == "changes":
            release = self.building.release
            return {"release": release, "history": version_history(plan, release), "versioned": self.versioned}
        if marker.name == "field":
            return {"field": plan.fields_by_id[args["id"]], "measures": plan.measures_of(args["id"])}
        if marker.name == "measures":
            measures = [
                m
                for m in plan.measures
                if ("field" not in args or m.field == args["field"])
                and ("status" not in args or m.status == args["status"])
                and ("quarter" not in args or args["quarter"] in m.quarters or ALL_QUARTERS in m.quarters)
            ]
            return {"measures": measures}
        if marker.name == "progress":
            measures = plan.measures_of(args["field"]) if "field" in args else list(plan.measures)
            return {"summary": summarize(measures), "by_field": "field" not in args, "scope": args.get("field", "all")}
        return {}

    def _render(self, template: str, loc: Localizer, page_url: str, **context: Any) -> str:
        base = posixpath.dirname(page_url.rstrip("/")) if not page_url.endswith("/") else page_url.rstrip("/")
        prefix = self.site.prefix(self.lang)

        def url(path: str | None, anchor: str = "") -> str | None:
            if path is None:
                return None
            target = prefix + path
            relative = posixpath.relpath(target or ".", base or ".")
            relative = "./" if relative == "." else relative + ("/" if target.endswith("/") else "")
            return relative + (f"#{anchor}" if anchor else "")

        root = posixpath.relpath(".", base or ".")
        return self.env.get_template(template).render(
            plan=self.plan,
            root_url="./" if root == "." else root + "/",
            loc=loc,
            url=url,
            site=self.site,
            statuses=STATUSES,
            summarize=summarize,
            charts=charts,
            rtl=loc.dir == "rtl",
            all_quarters=ALL_QUARTERS,
            measure_quarters=measure_quarters,
            **context,
        )


def measure_quarters(plan: Plan, measure: Measure) -> list[Any]:
    """The neighbourhoods of a measure, or an empty list for the whole town."""
    return [plan.quarters_by_id[q] for q in measure.quarters if q != ALL_QUARTERS]
