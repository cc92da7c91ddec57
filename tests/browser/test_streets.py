"""The street lookup, the A–Z list and the map of the neighbourhoods, as residents use them (de and ar)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, new_tab
from tests.browser.test_pages import Visit
from tests.conftest import PREFIX

pytestmark = pytest.mark.browser

LINDENAU = {"de": "Ortsteil Lindenau", "ar": "قرية ليندناو"}
ALTSTADT = {"de": "Altstadt", "ar": "ألتشتات"}
SUEDSTADT = {"de": "Südstadt", "ar": "زودشتات"}
FOUND = {"de": "{address} gehört zum Quartier {quarter}.", "ar": "{address} يقع في حي {quarter}."}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def lookup(context: BrowserContext, served_site: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The page /quartiere/ in the language of the test's `lang`, with no console error."""
    lang = request.node.callspec.params["lang"]
    visit = Visit(context, f"{served_site}/{PREFIX[lang]}quartiere/")
    yield visit.page
    assert visit.console_errors == []
    visit.page.close()


def ask(page: Page, typed: str) -> None:
    page.fill("#plan-lookup-street", typed)
    page.click(".plan-lookup__submit")


def found(page: Page, lang: str, address: str, quarter: str) -> None:
    result = page.locator(".plan-lookup__found")
    expect(result).to_have_text(FOUND[lang].format(address=address, quarter=quarter))


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_lookup_finds_lindenauer_str_12(lookup: Page, served_site: str, lang: str) -> None:
    ask(lookup, "Lindenauer Str. 12")

    found(lookup, lang, "Lindenauer Straße 12", LINDENAU[lang])
    quarter = lookup.locator(".plan-lookup__found a")
    assert quarter.evaluate("a => a.href") == f"{served_site}/{PREFIX[lang]}quartiere/lindenau/"
    card = lookup.locator(".plan-lookup__card")
    place = card.get_by_role("link", name="Dorfgemeinschaftshaus Lindenau")
    assert (
        place.evaluate("a => a.href") == f"{served_site}/{PREFIX[lang]}begegnungsorte/#dorfgemeinschaftshaus-lindenau"
    )
    if lang == "ar":  # the German street name keeps its language and direction inside the Arabic sentence
        name = lookup.locator(".plan-lookup__found span[lang='de']")
        assert name.get_attribute("dir") == "ltr"
        assert lookup.locator(".plan-lookup__result").evaluate("e => getComputedStyle(e).direction") == "rtl"


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_lookup_tells_both_quarters_of_a_street_split_between_them(lookup: Page, lang: str) -> None:
    ask(lookup, "Brückenstraße 5")
    found(lookup, lang, "Brückenstraße 5", ALTSTADT[lang])
    # the other side of the border, typed as people type it
    ask(lookup, "brueckenstr. 40")
    found(lookup, lang, "Brückenstraße 40", SUEDSTADT[lang])
    # Lange Straße: the border runs down the middle, odd numbers one side, even the other
    ask(lookup, "LANGE STRASSE 7")
    found(lookup, lang, "Lange Straße 7", ALTSTADT[lang])
    ask(lookup, "lange str 8")
    found(lookup, lang, "Lange Straße 8", {"de": "Weststadt", "ar": "فيستشتات"}[lang])


@pytest.mark.parametrize("lang", ["de"])
def test_lookup_without_number_lists_the_sections(lookup: Page, lang: str) -> None:
    ask(lookup, "Brückenstraße")

    result = lookup.locator(".plan-lookup__result")
    expect(result.locator("li")).to_have_text(["Nr. 1–28: Altstadt", "ab Nr. 29: Südstadt"])
    expect(result).to_contain_text("Mit der Hausnummer nennen wir Ihnen das Quartier.")


@pytest.mark.parametrize("lang", ["de"])
@pytest.mark.parametrize(
    "typed", ["lindenauer strasse 12", "LINDENAUERSTRASSE 12", "Lindenauer-Straße 12", "Lindenauer Str 12, "]
)
def test_lookup_tolerates_case_spelling_and_abbreviation(lookup: Page, lang: str, typed: str) -> None:
    ask(lookup, typed)

    found(lookup, lang, "Lindenauer Straße 12", LINDENAU[lang])


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_lookup_suggests_near_matches(lookup: Page, lang: str) -> None:
    ask(lookup, "Lindenaur Strase 12")

    choice = lookup.locator(".plan-lookup__choice")
    expect(choice).to_have_text(["Lindenauer Straße"])
    box = choice.bounding_box()
    assert box is not None
    assert box["height"] >= 24  # a tap target
    choice.click()
    found(lookup, lang, "Lindenauer Straße 12", LINDENAU[lang])
    assert lookup.input_value("#plan-lookup-street") == "Lindenauer Straße 12"


@pytest.mark.parametrize("lang", ["de"])
def test_lookup_says_when_nothing_is_similar(lookup: Page, lang: str) -> None:
    ask(lookup, "Xyzweg 3")

    expect(lookup.locator(".plan-lookup__result")).to_have_text(
        "Die Straße „Xyzweg“ steht nicht im Straßenverzeichnis."
        "Auch einen ähnlichen Namen gibt es nicht. Bitte sehen Sie in der Liste aller Straßen nach."
    )


def test_start_page_has_the_lookup(context: BrowserContext, served_site: str) -> None:
    visit = Visit(context, f"{served_site}/")
    try:
        ask(visit.page, "Hafenstraße 3")
        found(visit.page, "de", "Hafenstraße 3", "Südstadt")
        assert visit.console_errors == []
    finally:
        visit.page.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_without_javascript_the_form_leads_to_the_a_to_z_list(browser: Browser, served_site: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{served_site}/{PREFIX[lang]}quartiere/")
        page.fill("#plan-lookup-street", "Lindenauer Str. 12")
        page.click(".plan-lookup__submit")
        page.wait_for_url(f"{served_site}/{PREFIX[lang]}strassen/?strasse=Lindenauer+Str.+12")
        item = page.locator(".plan-streets__list > li", has_text="Lindenauer Straße")
        link = item.get_by_role("link", name=LINDENAU[lang])
        assert link.evaluate("a => a.href") == f"{served_site}/{PREFIX[lang]}quartiere/lindenau/"
        bridge = page.locator(".plan-streets__list > li", has_text="Brückenstraße").locator("li")
        assert bridge.count() == 2
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_maps_quarters_link_to_their_pages(context: BrowserContext, served_site: str, lang: str) -> None:
    visit = Visit(context, f"{served_site}/{PREFIX[lang]}quartiere/")
    page = visit.page
    try:
        areas = page.locator(".plan-map__area")
        names = {
            area.locator("text").text_content(): area.evaluate(
                "a => new URL(a.getAttribute('href'), document.baseURI).href"
            )
            for area in areas.all()
        }
        assert len(names) == 5
        assert names[LINDENAU[lang]] == f"{served_site}/{PREFIX[lang]}quartiere/lindenau/"
        assert names[ALTSTADT[lang]] == f"{served_site}/{PREFIX[lang]}quartiere/altstadt/"
        # the list below the map has the same links
        listed = {a.text_content(): a.evaluate("a => a.href") for a in page.locator(".plan-map__list > li > a").all()}
        assert listed == names
        page.locator(".plan-map__area", has_text=SUEDSTADT[lang]).click()
        page.wait_for_url(f"{served_site}/{PREFIX[lang]}quartiere/suedstadt/")
        assert page.locator("h1").inner_text() == SUEDSTADT[lang]
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_the_map_is_readable_at_320_px(context: BrowserContext, served_site: str, lang: str) -> None:
    page = new_tab(context, 320)
    try:
        page.goto(f"{served_site}/{PREFIX[lang]}quartiere/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.plan-map__area text')].map(t => {
                const svg = t.ownerSVGElement;
                return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            })"""
        )
        assert len(sizes) == 5
        assert min(sizes) >= 12, sizes
        # every name lies inside the picture
        inside = page.evaluate(
            """() => [...document.querySelectorAll('.plan-map__area text')].every(t => {
                const box = t.getBoundingClientRect(), svg = t.ownerSVGElement.getBoundingClientRect();
                return box.left >= svg.left - 1 && box.right <= svg.right + 1;
            })"""
        )
        assert inside
    finally:
        page.close()


def test_the_map_takes_system_colours_in_forced_colours_mode(context: BrowserContext, served_site: str) -> None:
    page = context.new_page()
    try:
        page.emulate_media(forced_colors="active")
        page.goto(f"{served_site}/quartiere/")
        colours = page.evaluate(
            """() => {
                const probe = (value) => { const e = document.createElement('div'); e.style.color = value;
                    document.body.append(e); const c = getComputedStyle(e).color; e.remove(); return c; };
                const area = document.querySelector('.plan-map__area');
                return {fill: getComputedStyle(area.querySelector('path')).fill,
                        text: getComputedStyle(area.querySelector('text')).fill,
                        canvas: probe('Canvas'), link: probe('LinkText')};
            }"""
        )
        assert colours["fill"] == colours["canvas"]
        assert colours["text"] == colours["link"]
    finally:
        page.close()
