"""The resident's path in the built sample: headline figures, tappable contacts, glossary links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from tests.conftest import LANGUAGES, PREFIX, PROJECT
from tests.sitebuild.htmlscan import parse, read_page

pytestmark = pytest.mark.site


def _statuses() -> dict[str, str]:
    return {
        data["id"]: data["updates"][-1]["status"]
        for path in sorted((PROJECT / "data" / "measures").glob("*.yml"))
        for data in [yaml.safe_load(path.read_text(encoding="utf-8"))]
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_plan_overview_names_the_delayed_and_paused_measures_first(sample_site: Path, lang: str) -> None:
    html = read_page(sample_site / PREFIX[lang] / "handlungskonzept" / "index.html")
    attention = re.search(r'<ul class="plan-headline__attention">(.*?)</ul>', html, re.DOTALL)
    assert attention is not None
    named = re.findall(r'<span class="plan-headline__id">([A-Z]{2}-\d{2})</span>', attention[1])
    assert named == [mid for mid, status in _statuses().items() if status in ("verzoegert", "pausiert")]
    delayed = sum(1 for status in _statuses().values() if status == "verzoegert")
    assert f'<a href="../massnahmen/?status=verzoegert"><strong>{delayed}</strong>' in html
    # the figures come before the long explanations of the page
    assert html.index('class="plan-headline"') < html.index('id="so-lesen-sie-den-stand"') if lang == "de" else True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_start_page_answers_progress_neighbourhood_and_events(sample_site: Path, lang: str) -> None:
    html = read_page(sample_site / PREFIX[lang] / "index.html")
    headline, picker, events = (html.index(m) for m in ('id="stand"', 'id="ihr-quartier"', 'id="termine"'))
    assert headline < picker < events
    assert 'href="massnahmen/?status=verzoegert"' in html
    assert 'href="quartiere/nordstadt/"' in html
    assert 'data-event-end="2026-12-03T20:00:00+01:00"' in html  # the residents' forum, with its offset


def test_neighbourhood_and_measure_pages_can_be_tapped_to_call_or_write(sample_site: Path) -> None:
    quarter = read_page(sample_site / "ar" / "quartiere" / "nordstadt" / "index.html")
    assert '<a href="tel:+491234567301" dir="ltr">+49 1234 567-301</a>' in quarter
    assert '<a href="mailto:nordstadt@gwa-musterstadt.example">' in quarter
    measure = read_page(sample_site / "massnahmen" / "wq-03" / "index.html")
    assert '<a href="tel:+491234567270" dir="ltr">+49 1234 567-270</a>' in measure  # the lead body, Wohnbau
    easy = parse(sample_site / "leichte-sprache" / "index.html")
    assert easy.find_all("a", href="mailto:barrierefreiheit@musterstadt.example")
    assert easy.find_all("a", href="tel:+491234567120")


@pytest.mark.parametrize(
    ("page", "term", "text"),
    [
        ("index.html", "gemeinwesenarbeit", "Gemeinwesenarbeit"),
        ("ar/index.html", "handlungsfeld", "مجالات العمل"),
        ("uk/quartiere/index.html", "gemeinwesenarbeit", "роботи з громадою"),
    ],
)
def test_a_glossary_term_links_where_it_first_appears(sample_site: Path, page: str, term: str, text: str) -> None:
    html = read_page(sample_site / page)
    links = re.findall(rf'<a class="plan-term" href="([^"]*#{term})">([^<]*)</a>', html)
    assert len(links) == 1
    href, shown = links[0]
    assert shown == text
    assert (sample_site / page).parent.joinpath(href.split("#")[0], "index.html").resolve().is_file()


def test_the_glossary_page_explains_every_term_in_every_language(sample_site: Path) -> None:
    terms = yaml.safe_load((PROJECT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        html = read_page(sample_site / PREFIX[lang] / "glossar" / "index.html")
        assert 'class="plan-term"' not in html  # the glossary does not link to itself
        for term in terms:
            assert f'<dt id="{term["id"]}">' in html
            assert str(escape(term["definition"][lang])) in html
