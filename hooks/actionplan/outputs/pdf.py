"""The document of record: the whole plan in one language as one tagged PDF (PDF/UA-1).

Cover (version, date, state, resolution), contents with page numbers, the mission statement
(Leitbild prose and principles), the council's declaration (prose and resolution record) and
the action plan (every field of action with its goals and every measure with all its data).
The HTML comes from the templates in `overrides/plan/pdf/`; WeasyPrint lays it out with
`overrides/assets/stylesheets/pdf.css` and the fonts committed in `overrides/assets/fonts/`.

Nothing is fetched from the network: the URL fetcher serves files below the theme and docs
folders only. The same data gives the same bytes: the dates in the file come from the release
(or, for the draft, from the data or SOURCE_DATE_EPOCH), never from the clock.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import posixpath
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import markdown
from jinja2 import Environment
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..plan.errors import PlanError, PlanErrors, quote
from ..plan.model import GERMAN, Release
from ..plan.plan import Plan
from ..plan.releases import Building
from ..plan.stats import summarize
from ..plan.texts import Localizer, direction, load_labels
from ..project import Project
from ..site.markdown import Prose
from ..site.markers import MARKERS, Marker, Scope, replace_markers
from ..site.render import make_environment, measure_quarters

PDF_FOLDER = "daten"
STYLESHEET = "assets/stylesheets/pdf.css"  # below the theme folder (overrides/)

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)


@dataclass(frozen=True)
class PartSpec:
    """One part of the document: a prose page, its heading when the page is missing, and its data."""

    id: str
    source: str  # docs source path of the German page
    label: str  # label of the heading when the page has none
    required_marker: str | None = None  # data shown even when the page does not place it


PARTS = (
    PartSpec("leitbild", "leitbild.md", "pdf.part.leitbild", "principles"),
    PartSpec("erklaerung", "erklaerung.md", "pdf.part.erklaerung", "declaration"),
    PartSpec("handlungskonzept", "handlungskonzept/index.md", "plan.title"),
)


@dataclass(frozen=True)
class Part:
    """A part as printed: anchor, title (for the contents), HTML, and whether German stands in."""

    id: str
    title: str
    html: Markup
    shown_in_german: bool


def pdf_site_path(lang: str) -> str:
    """Where the PDF of a language lies in the built site, relative to its root (for links)."""
    return f"{PDF_FOLDER}/handlungskonzept-{lang}.pdf"


def pdf_link(lang: str, labels: dict[str, dict[str, str]]) -> tuple[str, str]:
    """The PDF's path in the site (relative to its root) and the words of a link to it, in `lang`."""
    loc = Localizer(lang, labels=labels)
    return pdf_site_path(lang), loc.plain("pdf.download")


# ---- Fetching: local files only


class RefusedURL(ValueError):
    """An address outside the allowed folders: the PDF is made without the network."""


class LocalFiles:
    """What the PDF may load: files below the given folders, by `file:` URL; remembers what it refused."""

    def __init__(self, *roots: Path) -> None:
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def path(self, url: str) -> Path | None:
        """The file a URL names, if it is a `file:` URL of an existing file below an allowed folder."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path

    def load(self, url: str) -> tuple[bytes, str]:
        """The bytes and media type of an allowed file; anything else raises `RefusedURL`."""
        path = self.path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"{url} wird nicht geladen: das PDF entsteht ohne Netz, nur aus Dateien des Projekts")
        return path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def url_fetcher(files: LocalFiles) -> Any:
    """A WeasyPrint URL fetcher that serves `files` and refuses everything else (no network at all)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # WeasyPrint loads only when a PDF is made

    class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            body, content_type = files.load(url)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    return LocalFetcher(allowed_protocols=("file",))


# ---- Prose


class _ProseLinks(Treeprocessor):
    """Point links into the document where their target is part of it; elsewhere to the site or nowhere."""

    def __init__(
        self, md: markdown.Markdown, page: str, anchor: str, resolve: Callable[[str, str], str | None]
    ) -> None:
        super().__init__(md)
        self.page = page
        self.anchor = anchor
        self.resolve = resolve
        self.title: str | None = None

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "h1" and self.title is None:  # the page's heading is the part's, in the contents
                self.title = "".join(element.itertext()).strip()
                element.set("id", self.anchor)
            elif element.tag == "a":
                href = self.resolve(self.page, element.get("href", ""))
                if href is None:  # no address to go to: the text stays, the link goes
                    element.tag = "span"
                    element.attrib.pop("href", None)
                    element.attrib.pop("title", None)
                else:
                    element.set("href", href)
            elif element.tag == "img":
                src = element.get("src", "")
                if not _has_scheme(src) and not src.startswith("/"):
                    element.set("src", posixpath.normpath(posixpath.join(posixpath.dirname(self.page), src)))


def _has_scheme(url: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url))


def _strip_front_matter(text: str) -> str:
    return _FRONT_MATTER.sub("", text, count=1)


# ---- The document


@dataclass
class _Document:
    """What one rendering needs; the localizer remembers whether German stood in anywhere."""

    plan: Plan
    lang: str
    release: Release | None
    docs_dir: Path
    env: Environment
    loc: Localizer
    default_language: str
    site_url: str | None
    prose: Prose = field(default_factory=lambda: Prose(()))
    markers_used: set[str] = field(default_factory=set)

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "loc": self.loc,
            "lang": self.lang,
            "dir": direction(self.lang),
            "rtl": direction(self.lang) == "rtl",
            "release": self.release,
            "summarize": summarize,
            "measure_quarters": measure_quarters,
            "measure_anchor": measure_anchor,
            "field_anchor": field_anchor,
            "default_language": self.default_language,
            **extra,
        }

    def render(self, template: str, **extra: Any) -> Markup:
        return Markup(self.env.get_template(template).render(self.context(**extra)))

    # ---- Prose pages

    def part(self, spec: PartSpec) -> Part:
        source, shown_in_german = self._prose_source(spec.source)
        self.markers_used = set()
        title = None
        body = Markup("")
        if source is not None:
            md = self.prose.converter(for_print=True)
            links = _ProseLinks(md, spec.source, spec.id, self._link)
            md.treeprocessors.register(links, "plan_pdf_links", 1)
            html = md.convert(_strip_front_matter(source.read_text(encoding="utf-8")))
            title = links.title
            body = Markup(replace_markers(html, lambda marker: self._marker(marker, shown_in_german)))
            if shown_in_german:
                body = self.render("language.html", content=body, lang=GERMAN, dir="ltr")
        if title is None:
            title = self.loc.plain(spec.label)
            body = self.render("pdf/heading.html", anchor=spec.id, title=title) + body
        if spec.required_marker and spec.required_marker not in self.markers_used:
            body += self._render_marker(Marker(spec.required_marker, {}))
        return Part(spec.id, title, body, shown_in_german)

    def _prose_source(self, source: str) -> tuple[Path | None, bool]:
        """The page in this language, else the German one (True: German stands in)."""
        german = self.docs_dir / source
        translated = german.with_name(f"{german.stem}.{self.lang}.md")
        if self.lang != self.default_language and translated.is_file():
            return translated, False
        if german.is_file():
            return german, self.lang != self.default_language
        return None, False

    def _marker(self, marker: Marker, shown_in_german: bool) -> str:
        if MARKERS[marker.name].pdf is None:
            return ""  # markers are checked before any build; those without a printed form are left out
        rendered = self._render_marker(marker)
        if shown_in_german:  # generated content speaks the reader's language inside a German page
            return str(self.render("language.html", content=rendered))
        return str(rendered)

    def _render_marker(self, marker: Marker) -> Markup:
        """A marker's printed form (markers.MARKERS: its `pdf` template), from the context it computes."""
        self.markers_used.add(marker.name)
        spec = MARKERS[marker.name]
        if spec.pdf is None or (spec.needs is not None and getattr(self.plan, spec.needs[0]) is None):
            return Markup("")  # no printed form, or its data file is missing (a part prints it unasked)
        scope = Scope(self.plan, self.lang, self.default_language, Building(release=self.release))
        return self.render(spec.pdf, **spec.context(scope, marker.args))

    def _link(self, page: str, href: str) -> str | None:
        """Where a link of a prose page leads in the PDF: an anchor, the site, or nowhere (None)."""
        if not href or href.startswith("#"):
            return None  # anchors of the web page do not exist in the document
        if _has_scheme(href):
            return href
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        internal = self._anchor_of(target)
        if internal is not None:
            return internal
        if not self.site_url:
            return None
        prefix = "" if self.lang == self.default_language else f"{self.lang}/"
        if target.endswith(".md"):
            stem = target.removesuffix(".md")
            stem = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
            target = stem
        else:
            prefix = ""  # files (downloads) are shared by all languages
        return self.site_url.rstrip("/") + "/" + prefix + target + (f"#{anchor}" if anchor else "")

    def _anchor_of(self, target: str) -> str | None:
        for spec in PARTS:
            if target == spec.source:
                return f"#{spec.id}"
        if target == "massnahmen/index.md":
            return "#inhalt"  # the contents list every measure
        folder, _, name = target.rpartition("/")
        stem = name.removesuffix(".md")
        if folder == "handlungskonzept" and stem in self.plan.fields_by_id:
            return "#" + field_anchor(stem)
        if folder == "massnahmen" and stem.upper() in self.plan.measures_by_id:
            return "#" + measure_anchor(stem.upper())
        return None


def measure_anchor(measure_id: str) -> str:
    return f"massnahme-{measure_id.lower()}"


def field_anchor(field_id: str) -> str:
    return f"feld-{field_id}"


def document_date(plan: Plan, release: Release | None) -> dt.date:
    """The date the document states: the release's, or for the draft the newest date in the data."""
    if release is not None:
        return release.date
    dates = [update.date for measure in plan.measures for update in measure.updates]
    dates += [r.date for r in plan.releases]
    if plan.declaration is not None:
        dates.append(plan.declaration.date)
    return max(dates, default=dt.date(1970, 1, 1))


def metadata_date(plan: Plan, release: Release | None, source_date_epoch: int | None = None) -> str:
    """Creation date of the file (W3C format): the release date, SOURCE_DATE_EPOCH, or the data's date."""
    if release is None and source_date_epoch is not None:
        return dt.datetime.fromtimestamp(source_date_epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return document_date(plan, release).isoformat()


def render_document(
    plan: Plan,
    lang: str,
    release: Release | None,
    docs_dir: Path,
    template_dir: Path,
    *,
    default_language: str = GERMAN,
    site_url: str | None = None,
    labels: dict[str, dict[str, str]] | None = None,
    source_date_epoch: int | None = None,
    prose: Prose,
) -> str:
    """The whole plan in one language as one HTML document for print (pure: data in, HTML out).

    `template_dir` is `overrides/plan` (the PDF's templates are in its `pdf/` folder);
    `site_url`, if given, turns links to pages outside the document into absolute addresses.
    """
    env = make_environment(template_dir)
    loc = Localizer(lang, markup=env.get_template("text.html"), labels=labels if labels is not None else load_labels())
    doc = _Document(plan, lang, release, docs_dir, env, loc, default_language, site_url, prose)
    parts = [doc.part(spec) for spec in PARTS]
    fields = doc.render("pdf/plan.html")
    town = plan.site.operator.name if plan.site else None
    for text in (town, release.summary if release else None):
        loc.pick(text)  # the cover's texts count for the notice below, which comes first
    return doc.render(
        "pdf/document.html",
        parts=parts,
        plan_fields=fields,
        town=town,
        date=document_date(plan, release),
        created=metadata_date(plan, release, source_date_epoch),
        reviewed=plan.reviewed(lang),
        fallback_used=loc.fallback_used,
    )


def write_pdf(
    plan: Plan,
    lang: str,
    release: Release | None,
    docs_dir: Path,
    out_path: Path,
    *,
    theme_dir: Path,
    default_language: str = GERMAN,
    site_url: str | None = None,
    labels: dict[str, dict[str, str]] | None = None,
    source_date_epoch: int | None = None,
    prose: Prose,
) -> Path:
    """Write the PDF of the plan in one language to `out_path`; raise `PlanErrors` if it needs the network.

    `theme_dir` is `overrides/`: templates in `plan/pdf/`, stylesheet and fonts in `assets/`.
    """
    html = render_document(
        plan,
        lang,
        release,
        docs_dir,
        theme_dir / "plan",
        default_language=default_language,
        site_url=site_url,
        labels=labels,
        source_date_epoch=source_date_epoch,
        prose=prose,
    )
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    files = LocalFiles(theme_dir, docs_dir)
    fetcher = url_fetcher(files)
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(theme_dir / STYLESHEET), url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, base_url=docs_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
    pdf = document.write_pdf(
        stylesheets=[stylesheet],
        font_config=fonts,
        pdf_variant="pdf/ua-1",
        pdf_identifier=True,  # an id derived from the content: same data, same id
    )
    if files.refused:
        raise PlanErrors(
            PlanError(pdf_site_path(lang), 0, "", _refusal(url), kind="output") for url in dict.fromkeys(files.refused)
        )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(pdf)
    return out_path


def _refusal(url: str) -> str:
    """Why the PDF could not load an address, in German for editors."""
    if urlsplit(url).scheme == "file":
        path = unquote(urlsplit(url).path)
        return f"die Datei {quote(path)} gibt es nicht oder sie liegt außerhalb von docs/ und overrides/"
    return f"{quote(url)} ist keine Datei des Projekts – das PDF lädt nichts aus dem Netz"


def write_pdfs(
    plan: Plan,
    languages: Sequence[str],
    release: Release | None,
    project: Project,
    out_dir: Path,
    *,
    site_url: str | None = None,
    source_date_epoch: int | None = None,
    report: Callable[[str], None] | None = None,
    labels: dict[str, dict[str, str]] | None = None,
) -> list[Path]:
    """One PDF per language as `out_dir/handlungskonzept-<lang>.pdf`; `report` hears one line per file."""
    labels = labels if labels is not None else load_labels()
    written = []
    for lang in languages:
        started = time.perf_counter()
        path = write_pdf(
            plan,
            lang,
            release,
            project.docs_dir,
            out_dir / posixpath.basename(pdf_site_path(lang)),
            theme_dir=project.theme_dir,
            default_language=project.default_language,
            site_url=site_url,
            labels=labels,
            source_date_epoch=source_date_epoch,
            prose=Prose.of(project),
        )
        written.append(path)
        if report is not None:
            seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")  # German decimal comma
            report(f"{path}: {round(path.stat().st_size / 1024)} KB, {seconds} s")
    return written
