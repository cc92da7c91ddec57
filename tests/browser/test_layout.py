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

LAYOUT_PAGES = {**PAGE_TYPES, "not-found": "gibt-es-nicht/"}
"""Every page type, and what a mistyped address shows (the site's 404 page, as GitHub Pages serves it)."""
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


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_table_too_wide_scrolls_in_a_named_focusable_box_that_says_so(
    tabs: dict[int, Page], served_site: str, lang: str
) -> None:
    page = tabs[320]
    load(page, f"{served_site}/{PREFIX[lang]}handlungskonzept/")
    boxes = page.locator(".plan-table--numeric .md-typeset__scrollwrap")
    wide = [i for i in range(boxes.count()) if boxes.nth(i).evaluate("b => b.scrollWidth > b.clientWidth")]
    assert wide  # the table of fields by status is wider than the phone
    box = boxes.nth(wide[0])
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region"
    caption = box.locator("caption").inner_text()
    named = {"de": "Tabelle, seitlich verschiebbar: ", "ar": "جدول قابل للتحريك أفقيًا: "}[lang]
    assert box.get_attribute("aria-label") == named + caption
    hint = {"de": "Die Tabelle lässt sich seitlich verschieben.", "ar": "يمكن تحريك الجدول أفقيًا."}[lang]
    assert box.evaluate("b => b.nextElementSibling.textContent") == hint
    assert box.evaluate("b => b.nextElementSibling.checkVisibility()")
    box.focus()
    page.keyboard.press("ArrowRight" if lang == "de" else "ArrowLeft")  # the keyboard scrolls it
    page.wait_for_function("b => b.scrollLeft !== 0", arg=box.element_handle())


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_every_measure_shows_its_status_on_a_phone(tabs: dict[int, Page], served_site: str, lang: str) -> None:
    page = tabs[320]
    load(page, f"{served_site}/{PREFIX[lang]}massnahmen/")
    cards = page.locator(".plan-cards .plan-card")  # the finder's list: one card per measure
    assert cards.count() > 20
    outside = page.evaluate(
        """() => [...document.querySelectorAll('.plan-cards .plan-card')].filter(card => {
            const badge = card.querySelector('.plan-status').getBoundingClientRect();
            return badge.width === 0 || badge.left < 0 || badge.right > document.documentElement.clientWidth;
        }).map(card => card.querySelector('.plan-card__id').textContent)"""
    )
    assert outside == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_language_button_names_the_language_and_its_list_shows_all(
    tabs: dict[int, Page], served_site: str, width: int
) -> None:
    page = tabs[width]
    load(page, f"{served_site}/uk/")
    button = page.locator(".md-header .plan-language")
    assert button.inner_text().strip() == "Українська"
    assert button.get_attribute("aria-label") == "Українська – Обрати мову"
    button.focus()  # opens the list (focus-within), as a tap does
    links = page.locator(".md-select__link")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
    listing = page.locator(".md-select__list")
    assert listing.evaluate("l => l.scrollHeight <= l.clientHeight")  # no list to scroll inside
    viewport = page.viewport_size
    assert viewport is not None
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= viewport["width"]
    offer = page.locator(".plan-languages a")
    assert offer.all_inner_texts() == [
        "Diese Website auf Deutsch",
        "This website in English",
        "هذا الموقع باللغة العربية",
        "این وبسایت به زبان فارسی",
        "Bu web sitesi Türkçe",
        "Этот сайт на русском языке",
    ]
