"""Following a measure and embedding its status, in Chromium, in German and Arabic."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser.test_pages import WCAG_TAGS
from tests.conftest import DIRECTION, PREFIX

pytestmark = pytest.mark.browser

FOLLOW = {
    "de": ("Sachstände als Feed (Atom)", "Termine im Kalender abonnieren (iCalendar)", "Code kopieren"),
    "ar": ("المستجدات كخلاصة (Atom)", "الاشتراك في المواعيد في تقويمك (iCalendar)", "نسخ الشيفرة"),
}


def open_page(browser: Browser, url: str, width: int = 1366, **options: object) -> tuple[Page, list[str]]:
    """The page loaded at a viewport width, and every URL it requested."""
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)  # type: ignore[arg-type]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requests


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_measure_offers_its_feed_and_calendar_in_the_readers_language(
    browser: Browser, served_site: str, lang: str
) -> None:
    page, requests = open_page(browser, f"{served_site}/{PREFIX[lang]}massnahmen/wq-03/")
    feed_label, calendar_label, _ = FOLLOW[lang]
    try:
        feed = page.get_by_role("link", name=feed_label)
        calendar = page.get_by_role("link", name=calendar_label)
        assert feed.get_attribute("href") == "aktualisierungen.xml"
        assert calendar.get_attribute("href") == "termine.ics"
        head = page.locator('head link[rel="alternate feed"]')
        assert head.get_attribute("type") == "application/atom+xml"
        assert head.get_attribute("href") == "aktualisierungen.xml"
        # Material fetches sitemap.xml beside each rel=alternate link: none beside the feed
        assert [url for url in requests if url.endswith("/massnahmen/wq-03/sitemap.xml")] == []
        for link in (feed, calendar):
            response = page.request.get(link.evaluate("a => a.href"))
            assert response.status == 200
        calendar_text = page.request.get(calendar.evaluate("a => a.href")).text()
        assert calendar_text.startswith("BEGIN:VCALENDAR\r\n")
        assert page.locator("html").get_attribute("dir") == DIRECTION[lang]
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_copy_button_copies_the_snippet(browser: Browser, served_site: str, lang: str) -> None:
    page, _ = open_page(
        browser,
        f"{served_site}/{PREFIX[lang]}massnahmen/wq-03/",
        permissions=["clipboard-read", "clipboard-write"],
    )
    try:
        code = page.locator("#code-badge").input_value()
        assert code.startswith(f'<a href="https://integration.musterstadt.example/{PREFIX[lang]}massnahmen/wq-03/">')
        assert f'src="https://integration.musterstadt.example/{PREFIX[lang]}massnahmen/wq-03/status.svg"' in code
        button = page.get_by_role("button", name=FOLLOW[lang][2]).first
        assert button.is_visible()  # shown by follow.js; hidden without JavaScript
        button.click()
        page.wait_for_function("document.querySelector('.plan-embed__status').textContent !== ''")
        assert page.evaluate("navigator.clipboard.readText()") == code
        status = page.locator(".plan-embed__status")
        assert status.inner_text() == status.get_attribute("data-copied")
    finally:
        page.context.close()


def test_without_javascript_the_snippet_stays_copyable_by_hand(browser: Browser, served_site: str) -> None:
    page, _ = open_page(browser, f"{served_site}/massnahmen/wq-03/", java_script_enabled=False)
    try:
        assert page.locator("button[data-plan-copy]").first.is_hidden()
        assert page.get_by_label("Karte zum Einbetten (HTML)").input_value().startswith("<iframe src=")
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("width", [320, 1366])
def test_the_card_loads_nothing_else_and_is_accessible(
    browser: Browser, served_site: str, lang: str, width: int
) -> None:
    url = f"{served_site}/{PREFIX[lang]}massnahmen/wq-03/karte.html"
    page, requests = open_page(browser, url, width)
    try:
        assert requests == [url]  # no stylesheet, font, script or picture: not even from the site
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("html").get_attribute("dir") == DIRECTION[lang]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        smallest = page.evaluate(
            "Math.min(...[...document.querySelectorAll('body *')].filter(e => e.textContent.trim())"
            ".map(e => parseFloat(getComputedStyle(e).fontSize)))"
        )
        assert smallest >= 12
        heights = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getBoundingClientRect().height)")
        assert min(heights) >= 24
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("link", name="WQ-03").click()
        page.wait_for_url(f"{served_site}/{PREFIX[lang]}massnahmen/wq-03/")
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_the_badge_text_fits_its_boxes(browser: Browser, served_site: str, lang: str) -> None:
    page, requests = open_page(browser, f"{served_site}/{PREFIX[lang]}massnahmen/wq-03/status.svg")
    try:
        assert {urlsplit(url).netloc for url in requests} == {urlsplit(served_site).netloc}
        fits = page.evaluate(
            """() => [...document.querySelectorAll('text')].map((text, i) => {
                const box = document.querySelectorAll('rect')[i].getBBox();
                const own = text.getBBox();
                return own.x >= box.x && own.x + own.width <= box.x + box.width;
            })"""
        )
        assert fits == [True, True]
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_follow_and_embed_sections_fit_a_phone(browser: Browser, served_site: str, lang: str) -> None:
    page, _ = open_page(browser, f"{served_site}/{PREFIX[lang]}massnahmen/wq-03/", 320)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for selector in (".plan-follow a", ".plan-embed a", ".plan-embed button"):
            heights = page.evaluate(
                f"[...document.querySelectorAll('{selector}')].map(e => e.getBoundingClientRect().height)"
            )
            assert heights, selector
            assert min(heights) >= 24, selector
    finally:
        page.context.close()
