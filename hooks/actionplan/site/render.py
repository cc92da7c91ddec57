"""Render plan content to HTML: every marker and generated page through its template.

What a marker shows comes from its registry entry (markers.MARKERS): the context it computes
and its template. Markup lives in Jinja2 templates under `overrides/plan/`, autoescaped. The renderer uses its
own environment (not the theme's) because MkDocs' theme environment does not autoescape and
because the core must run without MkDocs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from ..plan.errors import PlanErrors
from ..plan.model import ALL_QUARTERS, STATUSES, Measure
from ..plan.plan import Plan
from ..plan.releases import (
    AdoptedPage,
    Building,
    adopted_page,
    adopted_urls,
    newest_adopted,
    removed_pages,
    versions_root,
)
from ..plan.stats import summarize
from ..plan.texts import Localizer, direction, load_labels
from ..plan.yamlsource import replace_cache_file
from . import charts, follow, statuscard
from .glossary import link_terms
from .markers import MARKERS, Marker, Scope
from .pages import Site


def make_environment(template_dir: Path, compiled: BytecodeCache | None = None) -> Environment:
    """The Jinja2 environment for `overrides/plan/*.html`: autoescaped, strict about names.

    `compiled`: templates compiled by an earlier build of this process (`mkdocs serve`), reused
    where their source is unchanged.
    """
    env = Environment(
        bytecode_cache=compiled,
        loader=FileSystemLoader(template_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # made anew for every build: no need to look at each file's date on every use
    )
    env.tests["contains"] = lambda collection, item: item in collection
    env.filters["tel"] = tel_href
    env.filters["iso_local"] = iso_local
    return env


_LOCAL = ZoneInfo("Europe/Berlin")
"""The time zone of the events' local times (data/events.yml)."""


def iso_local(local: dt.datetime) -> str:
    """A local time of data/events.yml as ISO 8601 with its offset, for scripts comparing it with the reader's clock."""
    return local.replace(tzinfo=_LOCAL).isoformat()


def tel_href(number: str) -> str:
    """The `tel:` form of a validated international number: "+49 1234 567-0" -> "+4912345670"."""
    return "+" + "".join(ch for ch in number if ch.isdigit())


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, shared by the environments of all language builds.

    MkDocs makes a new theme environment for each of static-i18n's language builds, and for
    every rebuild of `mkdocs serve`, and would compile every theme template each time. Jinja
    checks the source's checksum before it reuses a compiled template, so a changed file is
    compiled again. With a `folder` (make sets PLAN_CACHE) the compiled templates are also
    kept there for the next run, one file per template, under the same check.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._compiled: dict[str, bytes] = {}
        self.folder = folder
        """Where compiled templates are also kept between runs (make's PLAN_CACHE); None: in memory only."""

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is None and self.folder is not None:
            with contextlib.suppress(OSError):
                compiled = (self.folder / f"{bucket.key}.jinja").read_bytes()
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # Jinja's own check: its version, Python's, the source's checksum
            if bucket.code is not None:
                self._compiled[bucket.key] = compiled

    def dump_bytecode(self, bucket: Bucket) -> None:
        compiled = bucket.bytecode_to_string()
        self._compiled[bucket.key] = compiled
        if self.folder is not None:
            replace_cache_file(self.folder / f"{bucket.key}.jinja", compiled)


class ListedOnce(FileSystemLoader):
    """A theme loader that lists its folders once for all language builds of one build.

    MkDocs lists every file of the theme for each of static-i18n's language builds, to copy
    its static files: about 14,600 names, nearly all of them Material's icons. The listing is
    kept until `forget()`, which the first language's build calls, so `mkdocs serve` lists a
    changed theme again on its next rebuild.
    """

    _listed: ClassVar[dict[tuple[frozenset[str], bool], list[str]]] = {}

    def list_templates(self) -> list[str]:
        # the sorted union of the folders' files: the folders' order does not matter, nor a folder
        # named twice (static-i18n adds its sitemap folder to the theme's again for each language)
        key = (frozenset(map(str, self.searchpath)), self.followlinks)
        if key not in self._listed:
            self._listed[key] = super().list_templates()
        return list(self._listed[key])

    @classmethod
    def forget(cls) -> None:
        cls._listed.clear()


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
        self.adopted = adopted_urls(plan)  # the newest adopted version's pages, read once per build
        self.scope = Scope(
            plan, lang, site.default_language, self.building, self.removed, site.open_data, site.shown_on
        )

    # ---- Entry points

    def marker(self, marker: Marker, page_url: str) -> tuple[str, bool]:
        """Render one marker; returns HTML and whether German stood in for a missing text."""
        spec = MARKERS[marker.name]
        loc = self._localizer()
        html = self._render(spec.template, loc, page_url, **spec.context(self.scope, marker.args))
        return html, loc.fallback_used

    def page_title(self, marker: Marker) -> str | None:
        """The title of the generated page a marker makes, in this language (None: it has none)."""
        title = MARKERS[marker.name].title
        return None if title is None else title(self.scope, self._localizer(), marker.args)

    def fallback_notice(self, page_url: str, whole_page: bool) -> str:
        """The notice that (parts of) a page are shown in German."""
        return self._render("notice.html", self._localizer(), page_url, whole_page=whole_page)

    def german_only_note(self, page_url: str) -> str:
        """The note on a page that exists in German only by design (Leichte Sprache, DGS)."""
        return self._render("german-only.html", self._localizer(), page_url)

    def review_notice(self, page_url: str) -> str:
        """The notice that this language version has not been reviewed yet."""
        return self._render("review-notice.html", self._localizer(), page_url)

    def label_text(self, key: str) -> str:
        return self._localizer().plain(key)

    def banner(self, page_url: str, site_url: str = "") -> str:
        """The state of this version, shown on every page: draft, or adopted on … (Drucksache …).

        A draft leads to the same page in the newest adopted version: relative in a version mike
        publishes (beside it), else to its permanent address below `site_url`.
        """
        release = self.building.release
        adopted = self.adopted_page(page_url) if release is None or release.state != "beschlossen" else None
        newest = newest_adopted(self.plan)
        path = adopted.path if adopted else f"{newest.version}/{self.site.prefix(self.lang)}" if newest else None
        href = None
        if path is not None and self.versioned:
            base = page_url.rstrip("/") if page_url.endswith("/") else posixpath.dirname(page_url)
            href = posixpath.normpath(posixpath.join(posixpath.relpath(".", base or "."), "..", path)) + "/"
        elif adopted is not None and site_url:  # a plain build: the permanent address of the published version
            href = versions_root(site_url, self.building.version) + adopted.path
        return self._render(
            "banner.html",
            self._localizer(),
            page_url,
            pdf=self.site.pdfs.get(self.lang),
            release=release,
            adopted=newest,
            adopted_page=adopted,
            adopted_href=href,
            versioned=self.versioned,
            page_path=page_url,
        )

    def adopted_page(self, page_url: str) -> AdoptedPage | None:
        """This page in the newest adopted version (or that version's start page in this language)."""
        return adopted_page(self.adopted, page_url, self.site.prefix(self.lang))

    def in_language(self, content: str, lang: str) -> str:
        """Content marked as being in `lang`: its lang and writing direction around it."""
        return self.env.get_template("language.html").render(lang=lang, dir=direction(lang), content=Markup(content))

    def citation(self, page_url: str, cite: Any) -> str:
        """How to cite this page, with the downloadable citation files."""
        return self._render("cite.html", self._localizer(), page_url, cite=cite)

    def link_glossary(self, html: str, page_url: str) -> str:
        """The first use of each glossary term on a page linked to its explanation (not on the glossary itself)."""
        glossary = self.site.listing_path("glossary")
        if (
            not self.plan.glossary
            or glossary is None
            or page_url.rstrip("/") == (self.site.prefix(self.lang) + glossary).rstrip("/")
        ):
            return html
        _, url = self._urls(page_url)
        terms = [(g.id, g.forms_in(self.lang)) for g in self.plan.glossary]
        return link_terms(html, terms, lambda term_id: url(glossary, term_id) or "")

    # ---- Helpers

    def _localizer(self) -> Localizer:
        return Localizer(self.lang, markup=self.env.get_template("text.html"), labels=self.labels)

    def _urls(self, page_url: str) -> tuple[str, Callable[[str | None, str], str | None]]:
        """The page's folder and a function making a site path (of this language) relative to it."""
        base = posixpath.dirname(page_url.rstrip("/")) if not page_url.endswith("/") else page_url.rstrip("/")
        prefix = self.site.prefix(self.lang)

        def url(path: str | None, anchor: str = "") -> str | None:
            if path is None:
                return None
            target = prefix + path
            relative = _relpath(target or ".", base or ".")
            relative = "./" if relative == "." else relative + ("/" if target.endswith("/") else "")
            return relative + (f"#{anchor}" if anchor else "")

        return base, url

    def _render(self, template: str, loc: Localizer, page_url: str, **context: Any) -> str:
        base, url = self._urls(page_url)
        root = _relpath(".", base or ".")
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
            follow=follow,
            statuscard=statuscard,
            **context,
        )


@lru_cache(maxsize=1 << 16)
def _relpath(target: str, base: str) -> str:
    """posixpath.relpath of two site paths, computed once per pair (a page links the same few places many times)."""
    return posixpath.relpath(target, base)


def error_page(env: Environment, errors: PlanErrors) -> str:
    """The page a preview shows instead of the site while the plan has mistakes (German, for editors)."""
    return env.get_template("preview-error.html").render(errors=errors.errors, count=len(errors.errors))


def measure_quarters(plan: Plan, measure: Measure) -> list[Any]:
    """The neighbourhoods of a measure, or an empty list for the whole town."""
    return [plan.quarters_by_id[q] for q in measure.quarters if q != ALL_QUARTERS]
