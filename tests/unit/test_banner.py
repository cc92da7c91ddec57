"""Draft versus adopted: the banner and the cite box lead to the same page in the adopted version."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.outputs.citation import page_cite
from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan
from actionplan.plan.releases import AdoptedPage, Building, adopted_page, adopted_urls, versions_root
from actionplan.site.pages import Site
from actionplan.site.render import Renderer, make_environment
from tests.conftest import LANGUAGES, PROJECT

from .helpers import TEMPLATES

SITE_URL = "https://integration.musterstadt.example/"


@pytest.fixture(scope="module")
def sample() -> Plan:
    """The sample plan of the repository: version 2026.1 adopted, with its URL list."""
    return load_plan(PROJECT / "data", PROJECT, LANGUAGES)


def renderer(plan: Plan, lang: str, version: str | None = None) -> Renderer:
    building = Building(version, plan.releases_by_version.get(version or ""))
    return Renderer(plan, lang, Site("de"), make_environment(TEMPLATES), building=building)


def test_a_page_of_the_adopted_version_is_found_in_its_url_list(sample: Plan) -> None:
    adopted = adopted_urls(sample)
    release = sample.releases_by_version["2026.1"]

    assert adopted_page(adopted, "massnahmen/wq-03/") == AdoptedPage(release, "2026.1/massnahmen/wq-03/", True)
    assert adopted_page(adopted, "ar/massnahmen/wq-03/", "ar/") == AdoptedPage(
        release, "2026.1/ar/massnahmen/wq-03/", True
    )
    assert adopted_page(adopted, "", "") == AdoptedPage(release, "2026.1/", True)
    # A page the version lacks leads to its start page in the reader's language.
    assert adopted_page(adopted, "ar/neu/", "ar/") == AdoptedPage(release, "2026.1/ar/", False)
    assert adopted_page(adopted, "xx/neu/", "xx/") == AdoptedPage(release, "2026.1/", False)


def test_without_an_adopted_version_there_is_nothing_to_lead_to(plan: Plan) -> None:
    assert adopted_urls(plan) is None  # the unit tests' plan has no releases
    assert adopted_page(None, "massnahmen/wq-03/") is None


def test_the_root_of_all_versions() -> None:
    assert versions_root("https://x.example/entwurf/", "entwurf") == "https://x.example/"
    assert versions_root("https://x.example/2026.1", "2026.1") == "https://x.example/"
    assert versions_root("https://x.example/", None) == "https://x.example/"


def test_the_draft_banner_names_and_links_the_adopted_version(sample: Plan) -> None:
    html = renderer(sample, "de").banner("massnahmen/wq-03/", SITE_URL)

    assert (
        '<p class="plan-banner plan-banner--draft"><strong>Entwurf der nächsten Fassung – noch nicht beschlossen</strong>'
        ' · Beschlossen ist <a href="https://integration.musterstadt.example/2026.1/massnahmen/wq-03/">'
        "Version 2026.1</a> (26. Februar 2026)</p>" in html
    )


def test_the_published_draft_links_beside_itself(sample: Plan) -> None:
    html = renderer(sample, "ar", "entwurf").banner("ar/massnahmen/wq-03/", SITE_URL + "entwurf/")

    assert (
        "<strong>مسودة الصيغة التالية – لم تُعتمد بعد</strong> · الإصدار المعتمد هو "
        '<a href="../../../../2026.1/ar/massnahmen/wq-03/">الإصدار 2026.1</a> (26 فبراير 2026)</p>' in html
    )


def test_a_page_new_in_the_draft_leads_to_the_adopted_start_page(sample: Plan) -> None:
    html = renderer(sample, "uk").banner("uk/nova-storinka/", SITE_URL)

    assert (
        '<a href="https://integration.musterstadt.example/2026.1/uk/">Версія 2026.1</a> (26 лютого 2026\u202fр.)'
        " – цієї сторінки в ній ще немає</p>" in html
    )


def test_an_adopted_version_keeps_its_own_banner(sample: Plan) -> None:
    html = renderer(sample, "de", "2026.1").banner("massnahmen/wq-03/", SITE_URL + "2026.1/")

    assert "<strong>Version 2026.1</strong> · beschlossen am 26. Februar 2026 (Drucksache 2026/014)" in html
    assert "Entwurf" not in html


def test_the_draft_cite_box_offers_the_adopted_address_first(sample: Plan) -> None:
    release = sample.releases_by_version["2026.1"]
    url = SITE_URL + "2026.1/massnahmen/wq-03/"
    cite = page_cite(
        sample,
        None,
        title="WQ-03: Gemeinschaftsräume in Neubauten",
        work="Integration in Musterstadt",
        lang="de",
        url=SITE_URL + "massnahmen/wq-03/",
        adopted=(release, url),
    )
    html = renderer(sample, "de").citation("massnahmen/wq-03/", cite)

    assert (
        '<p class="plan-cite__text plan-cite__text--adopted"><strong>Bitte zitieren Sie die beschlossene Fassung:</strong>'
        " Stadt Musterstadt: WQ-03: Gemeinschaftsräume in Neubauten. In: Integration in Musterstadt, Version 2026.1,"
        f' Stand 26. Februar 2026. <span dir="ltr">{url}</span></p>' in html
    )
    assert (
        f'<dt>Dauerhafte Adresse der beschlossenen Fassung (2026.1)</dt><dd><a href="{url}" dir="ltr">{url}</a></dd>'
        in html
    )
    assert html.index("plan-cite__text--adopted") < html.index("Entwurf – nicht beschlossen, Stand")
    assert cite.date == dt.date(2026, 11, 19)  # the draft's own citation stays as it was
