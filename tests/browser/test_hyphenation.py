"""Soft hyphens in the browser: they break long words on a phone, and nothing else notices them.

The build writes U+00AD into long words (hooks/actionplan/site/hyphenation.py). Chromium
copies them along (hyphens.js takes them out on copy), in-page find and Pagefind's search
find the word as written.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.browser.conftest import new_tab

pytestmark = pytest.mark.browser

WORD = "Ausbildungsbrücke"
HEADING = "AA-01: Ausbildungsbrücke Handwerk"


def test_a_long_heading_carries_soft_hyphens_and_breaks_at_one_on_a_phone(
    context: BrowserContext, served_site: str
) -> None:
    page = new_tab(context, 320)
    try:
        page.goto(f"{served_site}/massnahmen/aa-01/", wait_until="load")
        heading = page.locator("h1").first
        assert heading.text_content() == "AA-01: Aus\u00adbil\u00addungs\u00adbrü\u00adcke Handwerk"
        lines = heading.evaluate(
            """h => { const r = document.createRange(); r.selectNodeContents(h);
                      return new Set([...r.getClientRects()].map(q => Math.round(q.top))).size; }"""
        )
        assert lines >= 2  # the word does not fit a 320 px line beside the id
    finally:
        page.close()


def test_copied_text_has_no_soft_hyphens(browser: Browser, served_site: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site)
    page = context.new_page()
    try:
        page.goto(f"{served_site}/massnahmen/aa-01/", wait_until="load")
        page.evaluate(
            """() => { const r = document.createRange(); r.selectNodeContents(document.querySelector("h1"));
                       getSelection().removeAllRanges(); getSelection().addRange(r); }"""
        )
        assert "\u00ad" in page.evaluate("() => getSelection().toString()")  # what Chromium would copy
        page.keyboard.press("Control+C")
        assert page.evaluate("() => navigator.clipboard.readText()") == HEADING
    finally:
        context.close()


def test_in_page_find_matches_the_word_as_written(context: BrowserContext, served_site: str) -> None:
    page = context.new_page()
    try:
        page.goto(f"{served_site}/massnahmen/aa-01/", wait_until="load")
        assert page.evaluate("w => window.find(w)", WORD) is True
    finally:
        page.close()


@pytest.mark.parametrize(("query", "found"), [(WORD, "/massnahmen/aa-01/"), ("Gemeinwesenarbeit", "/quartiere/")])
def test_search_finds_a_hyphenated_word_as_written(
    context: BrowserContext, served_site: str, query: str, found: str
) -> None:
    page = context.new_page()
    try:
        page.goto(f"{served_site}/suche/?q={query}", wait_until="load")
        page.wait_for_selector(".pagefind-ui__result-link")
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "a => a.map(l => l.getAttribute('href'))")
        assert found in links
    finally:
        page.close()
