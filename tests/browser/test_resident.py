"""What a resident does in Chromium: filter the measures, see the next event by their own clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from tests.projectcopy import PROJECT

pytestmark = pytest.mark.browser

COUNT = {"de": "{shown} von {total} Maßnahmen", "ar": "{shown} من أصل {total} إجراءً"}
DELAYED = {"de": "verzögert", "ar": "متأخرة"}
NEXT_EVENT = {"de": "Nächster Termin", "ar": "الموعد القادم"}


def _measures() -> list[dict[str, object]]:
    """The sample's measures as the data files say: id, newest status, due date."""
    rows = []
    for path in sorted((PROJECT / "data" / "measures").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows.append({"id": data["id"], "status": data["updates"][-1]["status"], "due": str(data.get("due") or "")})
    return rows


MEASURES = _measures()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 320, "height": 800})
    yield context
    context.close()


def _visible_ids(page: Page) -> list[str]:
    return page.locator(".plan-card:visible .plan-card__id").all_inner_texts()


def _prefix(lang: str) -> str:
    return "" if lang == "de" else f"{lang}/"


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_choosing_delayed_shows_exactly_the_delayed_measures_and_says_how_many(
    context: BrowserContext, served_site: str, lang: str
) -> None:
    delayed = [m["id"] for m in MEASURES if m["status"] == "verzoegert"]
    assert delayed, "the sample must have delayed measures for this test to mean anything"
    page = context.new_page()
    page.goto(f"{served_site}/{_prefix(lang)}massnahmen/", wait_until="networkidle")
    count = page.locator("[data-finder-count]")
    assert count.get_attribute("aria-live") == "polite"
    assert count.get_attribute("role") == "status"
    assert count.inner_text() == COUNT[lang].format(shown=len(MEASURES), total=len(MEASURES))
    page.get_by_label(_status_label(lang)).select_option(label=DELAYED[lang])
    assert _visible_ids(page) == delayed
    assert count.inner_text() == COUNT[lang].format(shown=len(delayed), total=len(MEASURES))
    assert page.url.endswith(f"/{_prefix(lang)}massnahmen/?status=verzoegert")
    # the address can be shared: opened afresh, it shows the same list
    page.goto(f"{served_site}/{_prefix(lang)}massnahmen/?status=verzoegert", wait_until="networkidle")
    assert _visible_ids(page) == delayed
    assert count.inner_text() == COUNT[lang].format(shown=len(delayed), total=len(MEASURES))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def _status_label(lang: str) -> str:
    return {"de": "Status", "ar": "الحالة"}[lang]


def test_sorting_by_planned_end_puts_the_earliest_first(context: BrowserContext, served_site: str) -> None:
    page = context.new_page()
    page.goto(f"{served_site}/massnahmen/?sortierung=faellig&quartier=lindenau", wait_until="networkidle")
    shown = _lindenau_and_citywide()
    expected = [
        m["id"]
        for m in sorted(MEASURES, key=lambda m: (str(m["due"]) or "9999", MEASURES.index(m)))
        if m["id"] in shown
    ]
    assert _visible_ids(page) == expected
    page.get_by_role("button", name="Filter zurücksetzen").click()
    assert len(_visible_ids(page)) == len(MEASURES)
    assert page.url.endswith("/massnahmen/")


def _lindenau_and_citywide() -> set[str]:
    ids = set()
    for path in (PROJECT / "data" / "measures").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "lindenau" in data["quarters"] or "alle" in data["quarters"]:
            ids.add(data["id"])
    return ids


def test_without_javascript_the_whole_list_shows(browser: Browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{served_site}/massnahmen/?status=verzoegert")
        assert len(_visible_ids(page)) == len(MEASURES)
        assert page.locator("[data-finder-form]").is_hidden()
        # and the start page claims no event to be the next one
        page.goto(f"{served_site}/")
        assert page.locator(".plan-event--next").count() == 0
        assert page.locator("[data-event-state]:visible").count() == 0
    finally:
        context.close()


def _events() -> list[dict[str, object]]:
    data = yaml.safe_load((PROJECT / "data" / "events.yml").read_text(encoding="utf-8"))
    return sorted(data, key=lambda e: str(e["start"]))


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-03-01T12:00:00+01:00", "auftakt-2026"),
        ("2026-12-01T12:00:00+01:00", "forum-nordstadt-2026-12"),
        ("2026-12-03T19:00:00+01:00", "forum-nordstadt-2026-12"),  # still going on
        ("2026-12-04T09:00:00+01:00", "bilanz-2027"),
    ],
)
def test_the_next_event_is_the_next_one_by_the_readers_clock(
    context: BrowserContext, served_site: str, lang: str, today: str, expected: str
) -> None:
    page = context.new_page()
    page.clock.set_fixed_time(today)
    page.goto(f"{served_site}/{_prefix(lang)}", wait_until="networkidle")
    upcoming = page.locator(".plan-start-events .plan-event-item:visible")
    nxt = page.locator(".plan-start-events .plan-event--next")
    assert nxt.count() == 1
    assert nxt.locator("a").get_attribute("href") == f"auftakt/#termin-{expected}"
    assert nxt.locator("[data-event-state]").inner_text() == NEXT_EVENT[lang]
    ids = [e["id"] for e in _events()]
    later = ids[ids.index(expected) :]
    assert upcoming.count() == len(later)  # past events are not on the start page
    now = dt.datetime.fromisoformat(today)
    assert all(
        dt.datetime.fromisoformat(str(e["end"]).replace(" ", "T") + "+01:00") >= now
        for e in _events()
        if e["id"] in later
    )


def test_past_events_are_marked_past_everywhere(context: BrowserContext, served_site: str) -> None:
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-04T09:00:00+01:00")
    page.goto(f"{served_site}/auftakt/", wait_until="networkidle")
    states = {
        section.get_attribute("aria-labelledby"): section.locator("[data-event-state]").inner_text()
        for section in page.locator(".plan-event").all()
    }
    assert states == {
        "termin-auftakt-2026": "Vorbei",
        "termin-forum-nordstadt-2026-12": "Vorbei",
        "termin-bilanz-2027": "Nächster Termin",
    }
    assert page.locator("#termin-auftakt-2026 ~ .plan-event__calendar").is_hidden()
    assert page.locator("#termin-bilanz-2027 ~ .plan-event__calendar").is_visible()
    # when every event is over, the start page says so instead of showing an old one
    page.clock.set_fixed_time("2027-04-01T09:00:00+02:00")
    page.goto(f"{served_site}/", wait_until="networkidle")
    assert page.locator(".plan-start-events .plan-event-item:visible").count() == 0
    assert page.locator("[data-event-none]").inner_text() == "Zurzeit ist kein weiterer Termin geplant."
