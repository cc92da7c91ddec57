"""One language build of the site: the plan, the generated pages and the content they show.

Independent of MkDocs: the hook file passes paths and languages in and asks for sources,
titles and rendered HTML by the page's source path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from .calendar import calendar_files
from .errors import PlanError, PlanErrors, quote
from .loading import Plan, read_plan
from .markers import MARKER, Marker, parse_marker, scan_docs
from .render import Renderer, Site, make_environment
from .search import index_site
from .texts import direction, load_labels

PLAN_INDEX = "handlungskonzept/index.md"
SEARCH_PAGE = "suche.md"
_MARKER_IN_HTML = re.compile(r"(?:<p>\s*)?" + MARKER.pattern + r"(?:\s*</p>)?", re.DOTALL)


@dataclass
class PlanBuild:
    """The state of one language build; made anew for every build."""

    plan: Plan
    lang: str
    languages: tuple[str, ...]
    default_language: str
    renderer: Renderer
    generated: dict[str, Marker]  # docs source path -> the marker that makes the page
    plan_index_source: str = PLAN_INDEX
    search_source: str = SEARCH_PAGE

    @property
    def direction(self) -> str:
        return direction(self.lang)

    def for_language(self, lang: str) -> PlanBuild:
        """The same checked plan, rendered in another language (static-i18n's nested builds)."""
        renderer = Renderer(self.plan, lang, self.renderer.site, self.renderer.env, self.renderer.labels)
        return replace(self, lang=lang, renderer=renderer)

    def finish_site(self, site_dir: Path, site_url: str) -> None:
        """After the last language build: calendar files for every event and language, then search."""
        prefixes = {lang: self.renderer.site.prefix(lang) for lang in self.languages}
        domain = urlsplit(site_url).hostname or "localhost"
        for path, text in calendar_files(self.plan, prefixes, self.renderer.labels, domain).items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))  # CRLF line ends stay as written
        index_site(site_dir)

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
        return [(src, marker.name == "field") for src, marker in self.generated.items()]

    def field_sources(self) -> list[str]:
        return [src for src, marker in self.generated.items() if marker.name == "field"]

    def is_generated(self, src_uri: str) -> bool:
        return src_uri in self.generated

    def page_source(self, src_uri: str) -> str | None:
        """The Markdown of a generated page: just its marker."""
        marker = self.generated.get(src_uri)
        if marker is None:
            return None
        args = "".join(f" {key}={value}" for key, value in marker.args.items())
        return f"<!-- plan:{marker.name}{args} -->\n"

    def page_title(self, src_uri: str) -> str | None:
        """The title of a generated page in this build's language."""
        marker = self.generated.get(src_uri)
        if marker is None:
            return None
        if marker.name == "field":
            return self.renderer.field_title(marker.args["id"])
        if marker.name == "search":
            return self.renderer.label_text("search.title")
        if marker.name == "quarter":
            return self.renderer.quarter_title(marker.args["id"])
        measure_id = marker.args["id"]
        return f"{measure_id}: {self.renderer.measure_title(measure_id)}"

    def render_content(self, html: str, page_url: str, shown_in_german: bool, german_only: bool = False) -> str:
        """Replace every marker in a page's HTML; add the notice where German stands in.

        A page that is German by design (`german_only`, such as Leichte Sprache) is marked as
        German but gets a plain note instead of the "not yet translated" warning.
        """
        used_german = False
        wrap = f'<div lang="{self.lang}" dir="{self.direction}">{{}}</div>' if shown_in_german else "{}"

        def replace(match: re.Match[str]) -> str:
            nonlocal used_german
            marker, problem = parse_marker(match["body"])
            if marker is None:  # pragma: no cover - markers are checked before the build
                raise PlanErrors([PlanError(page_url, 0, "", problem or "")])
            rendered, fallback = self.renderer.marker(marker, page_url)
            used_german = used_german or fallback
            return wrap.format(rendered)

        content = _MARKER_IN_HTML.sub(replace, html)
        review = "" if self.plan.reviewed(self.lang) else self.renderer.review_notice(page_url)
        if german_only and self.lang != self.renderer.site.default_language:
            note = self.renderer.german_only_note(page_url)
            return f'{note}<div lang="de" dir="ltr">{content}</div>'
        if german_only:
            return content
        if shown_in_german:
            notice = self.renderer.fallback_notice(page_url, whole_page=True)
            return f'{review}{notice}<div lang="de" dir="ltr">{content}</div>'
        if used_german:
            return review + self.renderer.fallback_notice(page_url, whole_page=False) + content
        return review + content


def prepare_build(
    *,
    root: Path,
    docs_dir: Path,
    template_dir: Path,
    languages: Sequence[str],
    default_language: str,
    lang: str,
) -> PlanBuild:
    """Load and check data and prose for one language build; raise `PlanErrors` on any mistake."""
    plan, errors = read_plan(root / "data", root, languages)
    marker_errors, placed = scan_docs(docs_dir, root, plan, [lang for lang in languages if lang != default_language])
    errors += marker_errors
    generated = {f"handlungskonzept/{f.id}.md": Marker("field", {"id": f.id}) for f in plan.fields}
    generated |= {f"massnahmen/{m.id.lower()}.md": Marker("measure", {"id": m.id}) for m in plan.measures}
    generated |= {f"quartiere/{q.id}.md": Marker("quarter", {"id": q.id}) for q in plan.quarters}
    generated[SEARCH_PAGE] = Marker("search", {})
    errors += _collisions(docs_dir, root, generated, languages)
    errors += _video_files(plan, docs_dir)
    if errors:
        raise PlanErrors(errors)
    site = Site(default_language, placed)
    renderer = Renderer(plan, lang, site, make_environment(template_dir), load_labels())
    return PlanBuild(plan, lang, tuple(languages), default_language, renderer, generated)


def _video_files(plan: Plan, docs_dir: Path) -> list[PlanError]:
    """Sign-language videos are self-hosted: their files must lie in docs/, captions in WebVTT."""
    errors = []
    source = plan.file_sources.get("sign_language.yml")
    file = source.file if source else "data/sign_language.yml"
    for index, video in enumerate(plan.sign_language):
        line = source.line((index,)) if source else 0
        for key, path in (("video", video.video), ("captions", video.captions), ("poster", video.poster)):
            if path is not None and not (docs_dir / path).is_file():
                errors.append(PlanError(file, line, f"[{index}].{key}", f"die Datei docs/{path} gibt es nicht"))
        if not video.video.endswith((".mp4", ".webm")):
            message = f"„{video.video}“ ist kein Video (erlaubt: .mp4, .webm)"
            errors.append(PlanError(file, line, f"[{index}].video", message))
        captions = docs_dir / video.captions
        if captions.is_file() and not captions.read_text(encoding="utf-8", errors="replace").startswith("WEBVTT"):
            message = f"docs/{video.captions} ist keine WebVTT-Datei (sie beginnt nicht mit „WEBVTT“)"
            errors.append(PlanError(file, line, f"[{index}].captions", message))
    return errors


def _collisions(docs_dir: Path, root: Path, generated: dict[str, Marker], languages: Sequence[str]) -> list[PlanError]:
    """A prose file where a generated page belongs would silently replace it."""
    errors = []
    for src in generated:
        stem = src.removesuffix(".md")
        for candidate in [f"{stem}.md", *(f"{stem}.{lang}.md" for lang in languages)]:
            path = docs_dir / candidate
            if path.exists():
                display = path.resolve().relative_to(root.resolve()).as_posix()
                errors.append(
                    PlanError(
                        display,
                        0,
                        "",
                        f"diese Seite wird aus den Daten erzeugt; die Datei {quote(candidate)} bitte löschen oder umbenennen",
                    )
                )
    return errors
