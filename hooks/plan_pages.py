"""MkDocs hooks: the thin adapter between MkDocs (+ static-i18n) and the `actionplan` core.

static-i18n builds the site once per language and runs every hook once per language: the first
language's `on_config` loads and checks the plan, and the nested language builds it starts reuse
that checked plan for their language (`PlanBuild.for_language`); nothing survives into the next
build (`mkdocs serve` rebuilds start with `_build` reset by that first `on_config`).
Generated pages (one per field of action, one per measure) are added in `on_files` *before*
static-i18n's own `on_files`, as files that seem to lie in `docs/`: the plugin then gives them
their language alternates and sitemap entries like any prose page. Their Markdown comes from
`on_page_read_source`, because the plugin recreates every File and would drop in-memory content.
"""

from __future__ import annotations

import logging
import os
import sys
from html import unescape
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from actionplan.build import BuildOptions, PlanBuild, prepare_build, write_error_pages
from actionplan.editing.translations import format_report, translation_report
from actionplan.plan.errors import PlanErrors
from actionplan.plan.releases import DRAFT
from actionplan.project import read_project
from actionplan.site.csp import add_policy
from actionplan.site.render import CompiledTemplates, ListedOnce
from actionplan.site.themefix import repair_theme_html

log = logging.getLogger("mkdocs.plugins.plan")
NOT_SITE_FILES = ("assets/fonts/", "assets/stylesheets/pdf.css", "plan/")
"""Theme files that are no part of the web pages: the PDF's fonts and stylesheet, the core's templates."""
_build: PlanBuild | None = None
_default_404: str | None = None
_preview_errors: PlanErrors | None = None
_compiled_theme = CompiledTemplates()
_compiled_plan = CompiledTemplates()
"""Compiled templates (checked against their source before reuse): 7 languages and every rebuild of
`mkdocs serve` compile each template once instead of each time."""
"""make serve: the mistakes that stop this build; the preview shows them on every page instead of the site."""

# ---- Hooks


@event_priority(-110)  # after static-i18n's on_config, which sets the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _preview_errors
    i18n: Any = config.plugins["i18n"]  # mkdocs-static-i18n ships no type hints
    if not i18n.building:
        ListedOnce.forget()  # a new build (or a rebuild of mkdocs serve) lists the theme anew
    _list_theme_once(config)
    if i18n.building and _preview_errors is not None:
        return config  # the preview shows the first language's errors
    if i18n.building and _build is not None:
        # static-i18n builds the other languages from within the first build: same data, new language
        _build = _build.for_language(i18n.current_language)
        _add_field_pages_to_nav(config, _build)
        return config
    options = BuildOptions.from_environ(os.environ)  # the version mike publishes, PLAN_PDF, SOURCE_DATE_EPOCH
    _build, _preview_errors = None, None
    _compiled_theme.folder = options.cache / "templates" if options.cache is not None else None
    _compiled_plan.folder = _compiled_theme.folder
    try:
        _build = prepare_build(
            read_project(Path(config.config_file_path).parent, os.environ),
            lang=i18n.current_language,
            site_url=config.site_url or "",  # the open data under daten/ name their own addresses
            options=options,
            compiled=_compiled_plan,
        )
    except PlanErrors as exc:
        if options.preview is None:
            raise PluginError(exc.report()) from None
        # make serve: a failed build would leave the old pages up, looking right; show the errors instead
        print(exc.report(), file=sys.stderr)  # not logged: in strict mode MkDocs would abort the preview
        _preview_errors = exc
        return config
    _add_field_pages_to_nav(config, _build)
    _configure_versions(config, _build)
    if "SOURCE_DATE_EPOCH" not in os.environ:
        # MkDocs dates the sitemap and its gzip file by the build's clock unless this is set:
        # take the date of what the site shows, so two builds of one commit are byte-identical
        os.environ["SOURCE_DATE_EPOCH"] = str(_build.source_date_epoch)
    report = translation_report(_build.plan, Path(config.docs_dir), _build.renderer.labels)
    for line in format_report(report, details=False).splitlines():
        log.info(line)  # the full list: make translations
    return config


@event_priority(10)  # before static-i18n's on_files, so the plugin localizes these pages too
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _build is None:
        return files  # a preview of a plan with mistakes: its pages are replaced after the build
    for src_uri, in_nav in _current().generated_sources():
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls, inclusion=inclusion))
    docs = Path(config.docs_dir).resolve()
    for file in [f for f in files if f.src_uri.startswith(NOT_SITE_FILES)]:
        if file.abs_src_path and not Path(file.abs_src_path).resolve().is_relative_to(docs):
            files.remove(file)  # theme files only: the PDF's fonts and stylesheet (1.5 MB), the feed's template
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _compiled_theme  # each language's (and rebuild's) new environment reuses the compiled theme
    if _build is None:  # a preview of a plan with mistakes: its pages are replaced after the build
        env.globals.update(plan_directions={}, plan_search_page="", plan_footer_links=[], plan_footer_label="")
        env.globals.update(plan_banner=lambda page: "", plan_edit_label="")
        return env
    # Theme templates (the header's language switcher and search form) need these too.
    env.globals["plan_directions"] = _current().directions
    env.globals["plan_search_page"] = _current().search_page
    env.globals["plan_footer_links"] = _current().footer_links(Path(config.docs_dir))
    env.globals["plan_footer_label"] = _current().renderer.label_text("footer.label")
    env.globals["plan_banner"] = lambda page: Markup(_current().banner(page.url if page else "", config.site_url or ""))
    env.globals["plan_edit_label"] = _current().renderer.label_text("page.edit")
    # a label in the page's language, and one label in every language (the 404 page, the start
    # page's "this website in …" links: each language's words in that language)
    env.globals["plan_label"] = _current().renderer.label_text
    env.globals["plan_label_everywhere"] = lambda key: _current().renderer.labels[key]
    prefixes = {lang: _current().renderer.site.prefix(lang) for lang in _current().languages}
    env.globals["plan_language_prefixes"] = prefixes
    env.globals["plan_language_roots"] = set(prefixes.values())
    env.globals["plan_feed_links"] = lambda page: _current().feed_links(page.file.src_uri, page.url) if page else []
    return env


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    return None if _build is None else _build.page_source(page.file.src_uri)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is None:
        return markdown
    build = _current()
    title = build.page_title(page.file.src_uri)
    if title is not None:
        page.meta["title"] = str(escape(title))  # Material prints titles unescaped
    if page.file.src_uri == build.search_source:
        page.meta["plan_search"] = True  # the search page itself is not indexed
    # our own edit link (overrides/partials/edit-link.html): repo_url would make Material call GitHub's API
    page.edit_url = build.edit_url(page.file.src_uri, Path(page.file.abs_src_path) if page.file.abs_src_path else None)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is None:
        return html
    build = _current()
    shown_in_german = getattr(page.file, "locale", build.lang) != build.lang and not build.is_generated(
        page.file.src_uri
    )
    german_only = page.meta.get("language") == "de"  # e.g. Leichte Sprache: German by design
    content = build.render_content(html, page.url, shown_in_german, german_only=german_only)
    if page.file.src_uri == build.search_source:
        return content
    return content + build.citation(page.url, unescape(page.title or ""), config.site_name, config.site_url or "")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _build is None:
        return output
    build = _build
    search_toggle = build.renderer.label_text("layout.search_toggle")
    html = repair_theme_html(output, build.direction, search_toggle)
    docs_file = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    build.check_page(html, page.file.src_uri, docs_file, config.site_url or "")
    html = build.hyphenate(html, build.lang)  # after the check: it names what the editor wrote
    # the preview's live reload is an inline script of MkDocs' server, which the policy would block
    return html if build.preview else add_policy(html)


@event_priority(-200)  # after static-i18n's on_post_build, which builds the other languages
def on_post_build(config: MkDocsConfig) -> None:
    i18n: Any = config.plugins["i18n"]
    if i18n.building:  # a nested language build: the site is not complete yet
        return
    if _preview_errors is not None:
        project = read_project(Path(config.config_file_path).parent, os.environ)
        write_error_pages(Path(config.site_dir), project, _preview_errors)
        return
    try:
        _current().raise_unsafe()  # before the calendars, feeds and PDFs: the site is not published anyway
        _current().finish_site(Path(config.site_dir), config.site_url or "")
    except PlanErrors as exc:
        raise PluginError(exc.report()) from None


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Every language build writes the one root 404.html; keep the default language's.
    global _default_404
    if template_name != "404.html" or _build is None:
        return output_content
    if _current().lang == _current().default_language:
        html = repair_theme_html(output_content, _current().direction)
        _current().check_page(html, None, None, config.site_url or "")
        _default_404 = add_policy(_current().hyphenate(html, _current().lang))
    return _default_404 or output_content


# ---- Helpers


def _current() -> PlanBuild:
    if _build is None:  # pragma: no cover - MkDocs always calls on_config first
        raise PluginError("Der Plan wurde nicht geladen (on_config lief nicht).")
    return _build


def _list_theme_once(config: MkDocsConfig) -> None:
    """Give the theme's environments a loader that lists the theme's files once for all languages."""
    theme: Any = config.theme
    if getattr(theme, "plan_listed_once", False):
        return
    get_env = type(theme).get_env

    def listed_once() -> Environment:
        env: Environment = get_env(theme)
        loader = env.loader
        if type(loader) is FileSystemLoader:  # MkDocs' own: same folders, same order
            env.loader = ListedOnce(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = listed_once
    theme.plan_listed_once = True


def _configure_versions(config: MkDocsConfig, build: PlanBuild) -> None:
    """In a build published by mike: Material's version selector and the "newer version" banner.

    Plain builds (make build, make serve, the tests) have no versions.json to read, so they get
    neither; their pages would otherwise ask for a file that is not there.
    """
    if not build.building.versioned:
        return
    config.extra["version"] = {"provider": "mike", "default": ["latest", DRAFT]}
    if "assets/javascripts/versions.js" not in config.extra_javascript:
        config.extra_javascript.append("assets/javascripts/versions.js")


def _add_field_pages_to_nav(config: MkDocsConfig, build: PlanBuild) -> None:
    """List the field pages right after handlungskonzept/index.md, wherever that stands."""

    def walk(items: list[Any]) -> bool:
        for index, item in enumerate(items):
            if item == build.plan_index_source or (isinstance(item, dict) and build.plan_index_source in item.values()):
                missing = [src for src in build.field_sources() if src not in items]
                items[index + 1 : index + 1] = missing
                return True
            children = next(iter(item.values()), None) if isinstance(item, dict) else None
            if isinstance(children, list) and walk(children):
                return True
        return False

    if config.nav is not None:
        walk(config.nav)
