"""The sample site in Debian's Chromium: accessibility, privacy, direction, language switcher."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from tests.conftest import DIRECTION, LANGUAGES, PREFIX

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGE_TYPES = {
    "start": "",
    "prose": "auftakt/",
    "listings": "leitbild/",
    "plan": "handlungskonzept/",
    "field": "handlungskonzept/wohnen-quartier/",
    "measure": "massnahmen/wq-03/",
    "merged-measure": "massnahmen/sb-05/",
    "removed-measure": "massnahmen/td-05/",
    "changes": "aenderungen/",
    "timeline": "zeitplan/",
    "all-measures": "massnahmen/",
    "neighbourhoods": "quartiere/",
    "neighbourhood": "quartiere/nordstadt/",
    "streets": "strassen/",
    "places": "begegnungsorte/",
    "inventory": "bestandsaufnahme/",
    "participation": "mitmachen/",
    "open-data": "daten/",
    "easy-language": "leichte-sprache/",
    "sign-language": "gebaerdensprache/",
    "declaration": "erklaerung/",
    "imprint": "impressum/",
    "privacy": "datenschutz/",
    "accessibility": "barrierefreiheit/",
    "search": "suche/?q=WQ-03",
    "glossary": "glossar/",
}
"""One page of every kind the site has; each is checked in every language."""
PAGES = [(lang, PREFIX[lang] + path, DIRECTION[lang]) for lang in LANGUAGES for path in PAGE_TYPES.values()]
IDS = [f"{lang}-{kind}" for lang in LANGUAGES for kind in PAGE_TYPES]


class Visit:
    """A page load with every console error and every requested host recorded.

    `Visit(context, url)` opens a new tab in the module's browser context for the visit (one in a
    context of its own with `Visit(browser, url)`); `Visit(tab, url)` loads the page into a tab
    that is open already and records from then on, until `stop()`. By default the visit waits
    for the network to be idle (500 ms without a request) before it returns; `settled=False`
    returns at the load event, and `settle()` waits for the idle later: the page's checks run in
    the meantime instead of after half a second of waiting.
    """

    def __init__(self, opener: Browser | BrowserContext | Page, url: str, *, settled: bool = True) -> None:
        self.console_errors: list[str] = []
        self.hosts: set[str] = set()
        self.page: Page = opener if isinstance(opener, Page) else opener.new_page()
        self._listeners: list[tuple[str, Callable[[Any], None]]] = [
            ("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None),
            ("pageerror", lambda exc: self.console_errors.append(str(exc))),
            ("request", lambda request: self.hosts.add(urlsplit(request.url).netloc)),
        ]
        for event, listener in self._listeners:
            self.page.on(event, listener)  # type: ignore[call-overload]
        self.page.goto(url, wait_until="networkidle" if settled else "load")

    def settle(self) -> None:
        """Wait until the network has been idle for 500 ms (at once if it has been already)."""
        self.page.wait_for_load_state("networkidle")

    def stop(self) -> None:
        """Stop recording: the tab stays open for the next visit."""
        for event, listener in self._listeners:
            self.page.remove_listener(event, listener)


@pytest.fixture(scope="module")
def tab(context: BrowserContext) -> Iterator[Page]:
    """One tab for the accessibility check of every page, in each process.

    A new browser context for each of the 182 pages cost Chromium almost three times the CPU of
    visiting them all in one tab (its caches start empty, a new renderer starts). What is
    checked and recorded is the same: a file the tab has in its cache still counts as a request
    of the page (Playwright reports it), so every host a page loads from is seen.
    """
    page = context.new_page()
    yield page
    page.close()


@pytest.mark.parametrize(("lang", "path", "direction"), PAGES, ids=IDS)
def test_page_is_accessible_private_and_directed(
    tab: Page, served_site: str, lang: str, path: str, direction: str
) -> None:
    visit = Visit(tab, f"{served_site}/{path}", settled=False)
    page = visit.page
    try:
        if "/suche/" in f"/{path}":  # the results come from Pagefind after the load: axe checks them too
            page.wait_for_selector(".pagefind-ui__result-link")
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("html").get_attribute("dir") == direction
        assert page.locator("body").get_attribute("dir") == direction
        assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == direction
        visit.settle()  # every request the page makes after its load, as with a visit that waits first
        assert visit.console_errors == []
        assert visit.hosts == {urlsplit(served_site).netloc}
        assert results.violations_count == 0, results.generate_report()
    finally:
        visit.stop()


def test_language_switcher_keeps_the_measure(context: BrowserContext, served_site: str) -> None:
    visit = Visit(context, f"{served_site}/massnahmen/wq-03/")
    page = visit.page
    try:
        page.locator(".md-header__option .md-select").hover()
        page.get_by_role("link", name="العربية").click()
        page.wait_for_url(f"{served_site}/ar/massnahmen/wq-03/")
        assert page.locator("h1").inner_text() == "WQ-03: غرف مجتمعية في المباني الجديدة"
        page.locator(".md-header__option .md-select").hover()
        page.get_by_role("link", name="English").click()
        page.wait_for_url(f"{served_site}/en/massnahmen/wq-03/")
        assert page.locator("h1").inner_text() == "WQ-03: Community rooms in new buildings"
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_pages_of_the_readers_language_only(context: BrowserContext, served_site: str, lang: str) -> None:
    prefix = PREFIX[lang]
    visit = Visit(context, f"{served_site}/{prefix}")
    page = visit.page
    try:
        page.locator("#plan-search-query").fill("WQ-03")
        page.locator("#plan-search-query").press("Enter")  # the header form, by keyboard
        page.wait_for_url(f"{served_site}/{prefix}suche/?q=WQ-03")
        page.wait_for_selector(".pagefind-ui__result-link")
        links = page.eval_on_selector_all(
            ".pagefind-ui__result-link", "links => links.map(a => a.getAttribute('href'))"
        )
        assert f"/{prefix}massnahmen/wq-03/" in links
        others = [f"/{PREFIX[other]}" for other in LANGUAGES if other != lang and PREFIX[other]]
        assert [
            link for link in links if any(link.startswith(o) for o in others) or not link.startswith(f"/{prefix}")
        ] == []
        assert visit.console_errors == []
        assert visit.hosts == {urlsplit(served_site).netloc}
    finally:
        page.close()


def test_content_security_policy_refuses_an_injected_inline_script(context: BrowserContext, served_site: str) -> None:
    visit = Visit(context, f"{served_site}/massnahmen/wq-03/")
    page = visit.page
    try:
        page.evaluate(
            """() => {
                const s = document.createElement("script");
                s.textContent = "window.__injected = true";
                document.body.appendChild(s);
            }"""
        )
        assert page.evaluate("window.__injected === undefined")
        assert any("Content Security Policy" in error for error in visit.console_errors)
    finally:
        page.close()


def test_a_script_written_into_a_built_page_is_blocked_by_its_policy(
    context: BrowserContext, served_site: str, sample_site: Path
) -> None:
    # As if the build's check (prose_safety.py) had missed it: the page file itself holds the script.
    html = (sample_site / "leitbild" / "index.html").read_text(encoding="utf-8")
    injected = '<script>window.__injected = "inline"</script><img src="x.png" alt="" onerror="window.__handler = 1">'
    assert html.count("</article>") == 1
    html = html.replace("</article>", injected + "</article>")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.route(f"{served_site}/leitbild/", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    try:
        page.goto(f"{served_site}/leitbild/", wait_until="networkidle")
        assert page.evaluate("window.__injected === undefined && window.__handler === undefined")
        violations = [error for error in errors if "Content Security Policy" in error]
        assert len(violations) == 2, errors  # the script and the handler, each reported
        assert all("script-src 'self' 'wasm-unsafe-eval'" in error for error in violations)
        # the theme's own scripts, now files, still run: Material's helpers and its bundle (waited
        # for: on a busy machine "networkidle" can come before the deferred bundle has run)
        page.wait_for_function("typeof __md_get === 'function' && typeof document$ === 'object'", timeout=15_000)
    finally:
        page.close()


def test_print_shows_content_only_with_outside_addresses(context: BrowserContext, served_site: str) -> None:
    visit = Visit(context, f"{served_site}/massnahmen/wq-03/")
    page = visit.page
    try:
        page.emulate_media(media="print")
        hidden = "el => getComputedStyle(el).display"
        assert page.eval_on_selector(".md-header", hidden) == "none"
        assert page.eval_on_selector(".md-sidebar--primary", hidden) == "none"
        assert page.eval_on_selector(".plan-search-form", hidden) == "none"
        assert page.eval_on_selector(".plan-edit", hidden) == "none"  # "edit this page" is no use on paper
        outside = page.locator(".plan-timeline__source a[href^='https://']").first
        after = outside.evaluate("a => getComputedStyle(a, '::after').content")
        assert after == '" (https://ratsinfo.musterstadt.example/vorlage/2026-233)"'
        assert page.eval_on_selector(".plan-timeline__item", "el => getComputedStyle(el).breakInside") == "avoid"
    finally:
        page.close()


def test_keyboard_reaches_the_language_switcher_with_visible_focus(context: BrowserContext, served_site: str) -> None:
    visit = Visit(context, f"{served_site}/massnahmen/wq-03/")
    page = visit.page
    try:
        for _ in range(40):  # Tab through the header until the switcher's first language has focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('md-select__link')"):
                break
        focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
        assert focused == LANGUAGES[0]
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        shadow = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
        assert outline != "none" or shadow != "none"  # the focus is visible
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('hreflang')") == LANGUAGES[1]
        page.keyboard.press("Enter")
        page.wait_for_url(f"{served_site}/{PREFIX[LANGUAGES[1]]}massnahmen/wq-03/")
    finally:
        page.close()


def test_every_link_in_the_content_has_a_visible_focus(context: BrowserContext, served_site: str) -> None:
    visit = Visit(context, f"{served_site}/massnahmen/wq-03/")
    page = visit.page
    try:
        page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true; })")  # citation
        links = page.locator("article a[href]")
        assert links.count() > 10
        for i in range(links.count()):
            link = links.nth(i)
            link.focus()
            style = link.evaluate("a => [getComputedStyle(a).outlineStyle, getComputedStyle(a).boxShadow]")
            assert style != ["none", "none"], link.get_attribute("href")
    finally:
        page.close()
