"""One site build: check plan and prose, the generated pages, then the files beside the pages.

Independent of MkDocs: the hook file passes the project, the language and what the environment
asks for (`BuildOptions`) in, and asks for sources, titles and rendered HTML by the page's
source path. After the last language, `finish_site` writes calendars, feeds, citations, open
data, PDFs, the URL list and the search index.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import os
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .outputs.licences import licence_errors
from .plan.errors import ErrorKind, PlanError, PlanErrors, quote
from .plan.loading import read_plan
from .plan.model import GERMAN
from .plan.plan import Plan
from .plan.releases import (
    VERSION_VARIABLE,
    Building,
    building,
    check_snapshot_matches,
    check_version,
    removed_pages,
    versions_root,
)
from .plan.texts import Labels, Localizer, direction, load_labels
from .plan.yamlsource import ParseCache
from .project import Project
from .site.editlinks import content_file, edit_url
from .site.hyphenation import hyphenator
from .site.markers import MARKERS, Marker, Scope, marker_source, replace_markers, scan_docs
from .site.pages import PLAN_INDEX, SEARCH_PAGE, Site, collisions, generated_pages

if TYPE_CHECKING:  # what only a site build loads; `make check` imports none of it (see check_build)
    from .outputs.citation import Cite
    from .outputs.opendata import Download
    from .site.render import CompiledTemplates, Renderer

PREVIEW_VARIABLE = "PLAN_PREVIEW"
"""Set by `make serve`: a quick preview (some languages; no search index, open data, citations, PDFs)."""
CACHE_VARIABLE = "PLAN_CACHE"
"""Set by make: the folder of the caches of parsed data files and compiled templates (.venv/cache)."""


@dataclass(frozen=True)
class BuildOptions:
    """What the environment asks of a build; read once, by the hooks or the command line."""

    version: str | None = None  # MIKE_DOCS_VERSION: the version mike publishes ("entwurf": the draft)
    pdfs: bool | None = None  # PLAN_PDF: "1" makes PDFs of the draft too, "0" none at all; unset: for releases
    source_date_epoch: int | None = None  # SOURCE_DATE_EPOCH, where set to a number
    preview: str | None = (
        None  # PLAN_PREVIEW (make serve): the language previewed ("de", "ar", "all"); unset: a full build
    )
    cache: Path | None = None  # PLAN_CACHE (set by make): the folder of the parsed data files' cache; unset: none

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> BuildOptions:
        """The options as the variables in `environ` (os.environ) set them."""
        wanted = environ.get("PLAN_PDF", "").strip()
        epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
        return cls(
            version=environ.get(VERSION_VARIABLE, "").strip() or None,
            pdfs=True if wanted == "1" else False if wanted == "0" else None,
            source_date_epoch=int(epoch) if epoch.isdigit() else None,
            preview=environ.get(PREVIEW_VARIABLE, "").strip() or None,
            cache=Path(cache) if (cache := environ.get(CACHE_VARIABLE, "").strip()) else None,
        )

    def preview_languages(self, languages: Sequence[str], default_language: str) -> list[str]:
        """The languages a preview builds: the default one, and the one asked for (or all); every one without a preview."""
        if self.preview is None or self.preview == "all":
            return list(languages)
        if self.preview not in languages:
            allowed = ", ".join([*languages, "all"])
            raise PlanErrors(
                [
                    PlanError(
                        PREVIEW_VARIABLE,
                        0,
                        "",
                        f"die Vorschau kennt die Sprache {quote(self.preview)} nicht (erlaubt: {allowed}), z. B. make serve LANG=ar",
                        kind="bad_value",
                    )
                ]
            )
        return [lang for lang in languages if lang in (default_language, self.preview)]


def pdfs_wanted(options: BuildOptions, building: Building) -> bool:
    """Whether a site build writes the PDFs: every release, the draft with PLAN_PDF=1; never with PLAN_PDF=0."""
    return options.pdfs is not False and (building.release is not None or options.pdfs is True)


@dataclass
class PlanBuild:
    """The state of one language build; made anew for every build."""

    plan: Plan
    lang: str
    languages: tuple[str, ...]
    default_language: str
    renderer: Renderer
    generated: dict[str, Marker]  # docs source path -> the marker that makes the page
    project: Project
    building: Building = field(default_factory=Building)
    pdfs: bool = False  # whether this build writes the PDFs (and pages link to them)
    preview: bool = False  # make serve: no search index, open data or citations
    built_languages: tuple[str, ...] = ()  # the languages of the site's pages (a preview's); empty: all
    source_date_epoch: int = 0  # the date of what the site shows, as a Unix time (SOURCE_DATE_EPOCH)
    shown_date: dt.date = dt.date(2000, 1, 1)  # plan_date(): the release's date or the newest update's
    downloads: tuple[Download, ...] = ()  # the open data files of daten/, made before the pages state their sizes
    plan_index_source: str = PLAN_INDEX
    search_source: str = SEARCH_PAGE
    citations: dict[str, Cite] = field(default_factory=dict)  # page directory -> citation, all languages
    site_names: dict[str, str] = field(default_factory=dict)  # language -> the site's name in it
    unsafe: list[PlanError] = field(default_factory=list)  # what written pages must not hold, all languages
    # soft hyphens in long words; its word cache serves all languages
    hyphenate: Callable[..., str] = field(default_factory=hyphenator)

    @property
    def direction(self) -> str:
        return direction(self.lang)

    def for_language(self, lang: str) -> PlanBuild:
        """The same checked plan, rendered in another language (static-i18n's nested builds)."""
        from .site.render import Renderer  # deferred: Jinja2's templates load only for a site build

        renderer = Renderer(
            self.plan, lang, self.renderer.site, self.renderer.env, self.renderer.labels, building=self.building
        )
        return replace(self, lang=lang, renderer=renderer)

    def finish_site(self, site_dir: Path, site_url: str) -> None:
        """After the last language build: calendars, feeds, badges and cards in every language built, and search."""
        # deferred: icalendar, WeasyPrint, rdflib and the rest of the outputs are heavy and `make check` needs none
        from .outputs.calendar import calendar_files  # deferred
        from .outputs.citation import write_citations  # deferred
        from .outputs.feed import FEED_FILE, atom_feed  # deferred
        from .outputs.follow import follow_files  # deferred
        from .outputs.opendata import write_open_data  # deferred
        from .outputs.pdf import PDF_FOLDER, write_pdfs  # deferred
        from .outputs.search import indexing  # deferred
        from .outputs.streetindex import write_street_indexes  # deferred
        from .outputs.urls import write_url_list  # deferred

        built = self.built_languages or self.languages  # the preview's (make serve LANG=…), or all
        prefixes = {lang: self.renderer.site.prefix(lang) for lang in built}
        domain = urlsplit(site_url).hostname or "localhost"
        # the search index of the pages is built while the other files are written (none is a page)
        with contextlib.nullcontext() if self.preview else indexing(site_dir):  # the preview has no search index
            calendars = calendar_files(self.plan, prefixes, self.renderer.labels, domain, epoch=self.source_date_epoch)
            for path, text in calendars.items():
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))  # CRLF line ends stay as written
            for lang in built:
                loc = Localizer(lang, labels=self.renderer.labels)
                name = self.site_names.get(lang, "")
                feed = atom_feed(
                    self.plan, loc, site_url or "https://localhost/", prefixes[lang], name, env=self.renderer.env
                )
                (site_dir / prefixes[lang] / FEED_FILE).write_text(feed, encoding="utf-8")
            follow = follow_files(
                self.plan,
                prefixes,
                self.renderer.labels,
                site_url,
                self.site_names,
                env=self.renderer.env,
                epoch=self.source_date_epoch,
            )
            for path, text in follow.items():  # feeds, calendars, badges and cards beside the pages
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))  # calendars keep their CRLF line ends
            write_citations(site_dir, self.citations)
            write_street_indexes(site_dir, self.plan, built, self.renderer.site, self.renderer.labels)
            write_open_data(site_dir, self.downloads)
            # the document of record, one PDF per language: for every release, for the draft with PLAN_PDF=1
            if self.pdfs:
                write_pdfs(
                    self.plan,
                    self.languages,
                    self.building.release,
                    self.project,
                    site_dir / PDF_FOLDER,
                    site_url=site_url or None,
                    source_date_epoch=self.source_date_epoch,
                    labels=self.renderer.labels,
                )
        write_url_list(site_dir)  # every file is written: pagefind/ is no address of its own

    def check_page(self, html: str, src_uri: str | None, docs_file: Path | None, site_url: str) -> None:
        """Note what a written page holds that breaks the promises (prose_safety.py), on the file it comes from.

        A prose page is located in its Markdown file (the language's, or the German one standing
        in), a generated page in the data file it shows; the theme's own pages (404) by name.
        """
        from .site.prose_safety import find_unsafe, located_errors  # deferred: tinycss2 loads only for a site build

        origin = urlsplit(site_url)
        own = [f"{origin.scheme}://{origin.netloc}"] if origin.netloc else []
        findings = find_unsafe(html, own)
        if not findings:
            return  # the page's source file is read only to locate what was found
        marker = self.generated.get(src_uri) if src_uri is not None else None
        path = content_file(self.plan, marker, docs_file if marker is None else None, self.project.root)
        if src_uri is None:
            path = "overrides (Theme)"
        source = None
        if path is not None and (self.project.root / path).is_file():
            source = (self.project.root / path).read_text(encoding="utf-8", errors="replace")
        self.unsafe.extend(located_errors(findings, path or f"docs/{src_uri}", source))

    def raise_unsafe(self) -> None:
        """Fail the build once, with every finding of every page and language; nothing if there is none."""
        if self.unsafe:
            raise PlanErrors(self.unsafe)

    def banner(self, page_url: str, site_url: str = "") -> str:
        """The line on every page that says which version this is: draft or adopted."""
        return self.renderer.banner(page_url, site_url)

    def citation(self, page_url: str, title: str, site_name: str, site_url: str) -> str:
        """How to cite a page; its citation files are written with the rest of the site."""
        from .outputs.citation import page_cite  # deferred: only a site build cites

        if self.preview or (not page_url.endswith("/") and page_url != ""):
            return ""  # the preview leaves citations out; 404.html: nothing to cite
        self.site_names[self.lang] = site_name
        release = self.building.release
        adopted = self.renderer.adopted_page(page_url) if release is None or release.state != "beschlossen" else None
        cite = page_cite(
            self.plan,
            release,
            title=title,
            work=site_name,
            lang=self.lang,
            url=urljoin(site_url, page_url),
            adopted=(adopted.release, versions_root(site_url, self.building.version) + adopted.path)
            if adopted is not None and adopted.same_page
            else None,
            date=self.shown_date,  # computed once per build, not per page: it scans every measure
        )
        self.citations[page_url] = cite
        return self.renderer.citation(page_url, cite)

    @property
    def directions(self) -> dict[str, str]:
        """Every language of the site with its writing direction."""
        return {lang: direction(lang) for lang in self.languages}

    @property
    def search_page(self) -> str:
        """The site-relative URL of the search page in this build's language."""
        return self.renderer.site.prefix(self.lang) + self.search_source.removesuffix(".md") + "/"

    def footer_links(self, docs_dir: Path) -> list[tuple[str, str]]:
        """(title, site-relative URL) of the legal pages that exist, in this build's language."""
        prefix = self.renderer.site.prefix(self.lang)
        pages = (
            ("leichte-sprache", "footer.easy"),
            ("gebaerdensprache", "footer.sign"),
            ("impressum", "footer.imprint"),
            ("datenschutz", "footer.privacy"),
            ("barrierefreiheit", "footer.accessibility"),
        )
        return [
            (self.renderer.label_text(key), f"{prefix}{name}/")
            for name, key in pages
            if (docs_dir / f"{name}.md").is_file()
        ]

    def generated_sources(self) -> list[tuple[str, bool]]:
        """(source path, listed in the navigation) of every generated page."""
        return [(src, MARKERS[marker.name].in_nav) for src, marker in self.generated.items()]

    def field_sources(self) -> list[str]:
        """The generated pages listed in the navigation (the fields of action), after the plan's index."""
        return [src for src, in_nav in self.generated_sources() if in_nav]

    def is_generated(self, src_uri: str) -> bool:
        return src_uri in self.generated

    def page_source(self, src_uri: str) -> str | None:
        """The Markdown of a generated page: just its marker."""
        marker = self.generated.get(src_uri)
        return None if marker is None else marker_source(marker)

    def edit_url(self, src_uri: str, docs_file: Path | None) -> str | None:
        """The web-editor address of the file holding a page's content (None without data/site.yml `repository`)."""
        repository = self.plan.site.repository if self.plan.site else None
        if repository is None:
            return None
        path = content_file(self.plan, self.generated.get(src_uri), docs_file, self.project.root)
        return edit_url(repository, path) if path is not None else None

    def feed_links(self, src_uri: str, page_url: str) -> list[tuple[str, str]]:
        """(title, address relative to the page) of the Atom feed a generated page offers, for its head."""
        marker = self.generated.get(src_uri)
        feed = MARKERS[marker.name].feed if marker is not None else None
        if marker is None or feed is None:
            return []
        target = self.renderer.site.prefix(self.lang) + feed(marker.args)
        return [(self.renderer.label_text("follow.feed_link"), posixpath.relpath(target, page_url.rstrip("/") or "."))]

    def page_title(self, src_uri: str) -> str | None:
        """The title of a generated page in this build's language."""
        marker = self.generated.get(src_uri)
        return None if marker is None else self.renderer.page_title(marker)

    def render_content(self, html: str, page_url: str, shown_in_german: bool, german_only: bool = False) -> str:
        """Replace every marker in a page's HTML; add the notice where German stands in.

        A page that is German by design (`german_only`, such as Leichte Sprache) is marked as
        German but gets a plain note instead of the "not yet translated" warning.
        """
        used_german = False
        renderer = self.renderer

        def render(marker: Marker) -> str:
            nonlocal used_german
            rendered, fallback = renderer.marker(marker, page_url)
            used_german = used_german or fallback
            # generated content speaks the reader's language, also inside a page German stands in for
            return renderer.in_language(rendered, self.lang) if shown_in_german else rendered

        content = self.renderer.link_glossary(replace_markers(html, render), page_url)
        review = "" if self.plan.reviewed(self.lang) else self.renderer.review_notice(page_url)
        if german_only and self.lang != self.renderer.site.default_language:
            return renderer.german_only_note(page_url) + renderer.in_language(content, GERMAN)
        if german_only:
            return content
        if shown_in_german:
            notice = renderer.fallback_notice(page_url, whole_page=True)
            return review + notice + renderer.in_language(content, GERMAN)
        if used_german:
            return review + self.renderer.fallback_notice(page_url, whole_page=False) + content
        return review + content


@dataclass(frozen=True)
class CheckedPlan:
    """What `check_build` found without a mistake: the plan, the edition built, the listings and the generated pages."""

    plan: Plan
    building: Building
    placed: dict[str, str]  # where each listing lives (scan_docs)
    generated: dict[str, Marker]  # docs source path -> the marker that makes the page


def check_build(project: Project, *, lang: str, options: BuildOptions | None = None) -> CheckedPlan:
    """Everything a build checks in data and prose, and nothing it renders; raise `PlanErrors` on any mistake.

    `make check` stops here: it loads no template, label, output or map library.
    """
    options = options or BuildOptions()
    root, docs_dir, languages, default_language = (
        project.root,
        project.docs_dir,
        project.languages,
        project.default_language,
    )
    linked = linked_files(root)
    if linked:  # nothing is read through a link: its target may lie outside the repository
        raise PlanErrors(linked)
    cache = ParseCache.in_folder(options.cache, root) if options.cache is not None else None
    plan, errors = read_plan(root / "data", root, languages, cache)
    errors += check_version(plan, options.version)
    edition = building(plan, options.version)
    if edition.release is not None and not errors:
        mismatch = check_snapshot_matches(plan, edition.release, root / "data")
        errors += [mismatch] if mismatch else []
    marker_errors, placed = scan_docs(docs_dir, root, plan, [lang for lang in languages if lang != default_language])
    errors += marker_errors
    removed = {page.measure.id: page for page in removed_pages(plan)}
    generated = generated_pages(Scope(plan, lang, default_language, edition, removed))
    errors += collisions(docs_dir, root, generated, languages)
    errors += _video_files(plan, docs_dir)
    errors += licence_errors(plan)
    if errors:
        raise PlanErrors(errors)
    return CheckedPlan(plan, edition, placed, generated)


def prepare_build(
    project: Project,
    *,
    lang: str,
    site_url: str | None = None,
    options: BuildOptions | None = None,
    compiled: CompiledTemplates | None = None,
) -> PlanBuild:
    """Load and check data and prose for one language build; raise `PlanErrors` on any mistake.

    With `site_url` (the published address, may be empty), the open data files are made too.
    `compiled`: the core's templates as an earlier build of this process compiled them.
    """
    # deferred: templates, open data, citations and PDFs load only for a build, not for `make check`
    from .outputs.citation import plan_date  # deferred
    from .outputs.opendata import open_data, page_context  # deferred
    from .outputs.pdf import pdf_site_path  # deferred
    from .site.render import Renderer, make_environment  # deferred

    options = options or BuildOptions()
    languages, default_language = project.languages, project.default_language
    checked = check_build(project, lang=lang, options=options)
    plan, edition, placed, generated = checked.plan, checked.building, checked.placed, checked.generated
    labels = load_labels()
    with_open_data = site_url is not None and options.preview is None  # the preview makes none
    downloads = open_data(plan, edition.release, site_url or "", labels, _editors_workbook) if with_open_data else []
    pdfs = pdfs_wanted(options, edition)
    shown_date = plan_date(plan, edition.release)
    site = Site(
        default_language,
        placed,
        pdfs={code: pdf_site_path(code) for code in languages} if pdfs else {},
        open_data=page_context(plan, edition.release, downloads, labels),
        shown_on=shown_date,
        base_url=site_url or "",
    )
    renderer = Renderer(plan, lang, site, make_environment(project.template_dir, compiled), labels, building=edition)
    if options.source_date_epoch is not None:
        epoch = options.source_date_epoch
    else:  # the date of what the site shows: two builds of one commit are byte-identical
        epoch = calendar.timegm(shown_date.timetuple())
    return PlanBuild(
        plan,
        lang,
        tuple(languages),
        default_language,
        renderer,
        generated,
        project,
        building=edition,
        pdfs=pdfs,
        preview=options.preview is not None,
        built_languages=tuple(options.preview_languages(languages, default_language)),
        source_date_epoch=epoch,
        shown_date=shown_date,
        downloads=tuple(downloads),
    )


def _editors_workbook(plan: Plan, languages: Sequence[str], stamp: dt.datetime, labels: Labels) -> bytes:
    """The editors' workbook as open data; openpyxl loads only for builds that publish it (not for `check`)."""
    from .editing.spreadsheet.export import workbook_bytes  # deferred: keeps `make check` fast

    return workbook_bytes(plan, languages, stamp, labels)


CONTENT_FOLDERS = ("data", "docs", "overrides")
"""What a pull request changes and the build reads or copies into the site."""


def linked_files(root: Path) -> list[PlanError]:
    """Symbolic links in the content folders: a link from a pull request could publish any file of
    the machine that builds (MkDocs copies what a link points to), so none is allowed."""
    errors = []
    for folder in CONTENT_FOLDERS:
        for current, folders, files in os.walk(root / folder):  # does not follow links to folders
            for name in folders + files:
                path = Path(current) / name
                if path.is_symlink():
                    rel = path.relative_to(root).as_posix()
                    message = (
                        f"ist eine symbolische Verknüpfung (Symlink) auf {quote(os.readlink(path))} – in data/, docs/"
                        " und overrides/ sind nur gewöhnliche Dateien und Ordner erlaubt: bitte die Datei selbst"
                        " ablegen (git add der Datei, nicht des Links)"
                    )
                    errors.append(PlanError(rel, 0, "", message, kind="file"))
    return sorted(errors, key=lambda error: error.file)


def _video_files(plan: Plan, docs_dir: Path) -> list[PlanError]:
    """Sign-language videos are self-hosted: their files must lie in docs/, captions in WebVTT."""
    errors = []
    source = plan.file_sources.get("sign_language.yml")

    def error(index: int, key: str, message: str, kind: ErrorKind = "file") -> PlanError:
        if source is None:  # pragma: no cover - videos always come from this file
            return PlanError("data/sign_language.yml", 0, f"[{index}].{key}", message, kind=kind, key=(index, key))
        return source.error((index, key), message, kind=kind)

    for index, video in enumerate(plan.sign_language):
        for key, path in (("video", video.video), ("captions", video.captions), ("poster", video.poster)):
            if path is not None and not (docs_dir / path).is_file():
                errors.append(error(index, key, f"die Datei docs/{path} gibt es nicht"))
        if not video.video.endswith((".mp4", ".webm")):
            errors.append(error(index, "video", f"„{video.video}“ ist kein Video (erlaubt: .mp4, .webm)", "bad_value"))
        captions = docs_dir / video.captions
        if captions.is_file() and not captions.read_text(encoding="utf-8", errors="replace").startswith("WEBVTT"):
            message = f"docs/{video.captions} ist keine WebVTT-Datei (sie beginnt nicht mit „WEBVTT“)"
            errors.append(error(index, "captions", message))
    return errors


def write_error_pages(site_dir: Path, project: Project, errors: PlanErrors) -> None:
    """The preview of a plan the real build refuses: every page of the site shows the errors instead.

    A preview must never look right while `make build` would fail; the live reload brings
    the pages back once the mistake is fixed.
    """
    from .site.render import error_page, make_environment  # deferred: Jinja2's templates load only for pages

    page = error_page(make_environment(project.template_dir), errors)
    pages = list(site_dir.rglob("*.html")) or [site_dir / "index.html"]
    # the measure pages, made only from a valid plan: the page being edited reloads once it is fixed
    measures = [
        site_dir / Site.measure_path(path.stem) / "index.html" for path in project.data_dir.glob("measures/*.yml")
    ]
    for path in [*pages, *measures, site_dir / "404.html"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
