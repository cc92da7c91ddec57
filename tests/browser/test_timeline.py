"""The timeline across measures in Chromium: today's line follows the reader's clock, the filters work."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

READER_DAY = dt.datetime(2027, 6, 15, 10, 0)


def open_timeline(browser: Browser, url: str) -> Page:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.clock.set_fixed_time(READER_DAY)
    page.goto(url)
    page.locator(".plan-gantt__filters").wait_for(state="visible")  # the script has run
    return page


def today_fraction(page: Page) -> float:
    """Where today's line sits in the first bar, from its inline-start edge, as a fraction of the bar."""
    line = page.locator(".plan-gantt__today").first.bounding_box()
    bar = page.locator(".plan-gantt__bar").first.bounding_box()
    assert line is not None
    assert bar is not None
    centre = line["x"] + line["width"] / 2 - bar["x"]
    return centre / bar["width"]


@pytest.mark.parametrize(("prefix", "date_text", "rtl"), [("", "15. Juni 2027", False), ("ar/", "15 يونيو 2027", True)])
def test_todays_line_is_where_the_readers_clock_says(
    browser: Browser, served_site: str, prefix: str, date_text: str, rtl: bool
) -> None:
    page = open_timeline(browser, f"{served_site}/{prefix}zeitplan/")
    try:
        root = page.locator(".plan-gantt")
        first = dt.date.fromisoformat(root.get_attribute("data-first") or "")
        last = dt.date.fromisoformat(root.get_attribute("data-last") or "")
        expected = (READER_DAY.date() - first).days / ((last - first).days + 1)
        fraction = today_fraction(page)
        assert abs((1 - fraction if rtl else fraction) - expected) < 0.01, (fraction, expected)
        assert page.locator(".plan-gantt__today-date").inner_text() == date_text
        assert page.locator(".plan-gantt__today-date").get_attribute("datetime") == "2027-06-15"
    finally:
        page.close()


def test_the_filters_show_one_field_and_keep_it_in_the_address(browser: Browser, served_site: str) -> None:
    page = open_timeline(browser, f"{served_site}/zeitplan/")
    try:
        rows = page.locator(".plan-gantt__row")
        total = rows.count()
        assert page.locator(".plan-gantt__count").inner_text() == f"{total} von {total} Maßnahmen"
        page.select_option("select[name=feld]", "wohnen-quartier")
        visible = [r.get_attribute("data-field") for r in rows.all() if r.is_visible()]
        assert visible
        assert set(visible) == {"wohnen-quartier"}
        assert page.locator(".plan-gantt__count").inner_text() == f"{len(visible)} von {total} Maßnahmen"
        assert page.url.endswith("/zeitplan/?feld=wohnen-quartier")
        table_rows = [
            r for r in page.locator(".plan-gantt__table tr[data-field]").all() if r.get_attribute("hidden") is None
        ]
        assert len(table_rows) == len(visible)
    finally:
        page.close()


def test_a_shared_address_opens_the_timeline_filtered_in_arabic(browser: Browser, served_site: str) -> None:
    page = open_timeline(browser, f"{served_site}/ar/zeitplan/?quartier=nordstadt")
    try:
        assert page.locator("select[name=quartier]").input_value() == "nordstadt"
        shown = [r for r in page.locator(".plan-gantt__row").all() if r.is_visible()]
        assert shown
        assert all("nordstadt" in (r.get_attribute("data-quarters") or "").split() for r in shown)
        assert page.locator(".plan-gantt__count").inner_text().startswith(f"{len(shown)} من ")
    finally:
        page.close()


def test_without_javascript_every_measure_shows_and_the_filters_stay_hidden(browser: Browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{served_site}/zeitplan/?feld=wohnen-quartier")
        assert page.locator(".plan-gantt__filters").is_hidden()
        rows = page.locator(".plan-gantt__row")
        assert rows.count() > 20
        assert all(r.is_visible() for r in rows.all())
    finally:
        context.close()
