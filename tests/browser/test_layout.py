"""Layout as a person meets it: every page type in every language at 320 px and at 1366 px.

One browser for the module and one tab per width, reused from page to page; all checks of a
page run in one `page.evaluate` (tests/browser/layout.py). Screenshots of every page type in
de, ar and uk at both widths go to test-screenshots/ for reviewers.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.layout import SCREENSHOT_LANGUAGES, WIDTHS, layout_problems, open_details, screenshot
from tests.browser.test_pages import PAGE_TYPES
from tests.conftest import LANGUAGES, PREFIX

pytestmark = pytest.mark.browser

LAYOUT_PAGES = {**PAGE_TYPES, "not-found": "404.html"}
CASES = [(width, lang, kind) for width in WIDTHS for lang in LANGUAGES for kind in LAYOUT_PAGES]


@pytest.fixture(scope="module")
def tabs() -> Iterator[dict[int, Page]]:
    """One tab per width in one browser, opened when first needed."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium fehlt: apt-get install chromium (das macht .ci/run)")
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        opened: dict[int, Page] = {}

        class Tabs(dict[int, Page]):
            def __missing__(self, width: int) -> Page:
                page = browser.new_page(viewport={"width": width, "height": 800})
                opened[width] = page
                self[width] = page
                return page

        yield Tabs()
        browser.close()


def load(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    if "/suche/" in url:  # the results come from Pagefind after the load
        page.wait_for_selector(".pagefind-ui__result-link")
    open_details(page)


@pytest.mark.parametrize(("width", "lang", "kind"), CASES, ids=[f"{w}-{lang}-{k}" for w, lang, k in CASES])
def test_page_layout(tabs: dict[int, Page], served_site: str, width: int, lang: str, kind: str) -> None:
    page = tabs[width]
    load(page, f"{served_site}/{PREFIX[lang]}{LAYOUT_PAGES[kind]}")
    problems = layout_problems(page)
    if lang in SCREENSHOT_LANGUAGES:
        screenshot(page, f"{lang}-{kind}", width)
    assert problems == [], f"{PREFIX[lang]}{LAYOUT_PAGES[kind]} bei {width} px:\n" + "\n".join(problems)
