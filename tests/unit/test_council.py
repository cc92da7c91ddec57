"""The council's record: resolutions name their Drucksache and OParl object; the site, citations and open data link it."""

from __future__ import annotations

import json
import re

import pytest

from actionplan.outputs.citation import bibtex, citation_cff, page_cite
from actionplan.outputs.opendata import open_data
from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan
from actionplan.plan.texts import load_labels
from actionplan.site.markers import Marker
from actionplan.site.pages import Site
from actionplan.site.render import Renderer, make_environment

from .helpers import PROJECT, SITE_LANGUAGES, TEMPLATES

WEB = "https://ris.musterstadt.example/vorgang/2026-014"
PAPER = "https://ris.musterstadt.example/oparl/v1/paper/2026-014"


@pytest.fixture(scope="module")
def sample() -> Plan:
    return load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)


def rendered(plan: Plan, lang: str, name: str, page_url: str, **args: str) -> str:
    renderer = Renderer(plan, lang, Site("de", {}), make_environment(TEMPLATES))
    html, _ = renderer.marker(Marker(name, args), page_url)
    return html


def records(html: str) -> list[str]:
    """Every council record's markup on a page."""
    return re.findall(r'<span class="plan-council">.*?</span>(?=</|<br|\s·|$)', html, re.DOTALL)


def links(html: str) -> list[tuple[str, str]]:
    return [(text, href) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)]


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("de", "Im Ratsinformationssystem öffnen"),
        ("ar", "فتح في نظام معلومات المجلس"),
        ("uk", "Відкрити в інформаційній системі ради"),
    ],
)
def test_the_declaration_opens_its_record(sample: Plan, lang: str, label: str) -> None:
    found = records(rendered(sample, lang, "declaration", "erklaerung/"))

    assert len(found) == 1
    assert found[0].startswith('<span class="plan-council"><a ')  # the reference beside it names the number
    assert links(found[0]) == [(label, WEB), ("OParl", PAPER)]


def test_an_update_from_a_council_decision_opens_it(sample: Plan) -> None:
    html = rendered(sample, "en", "measure", "en/massnahmen/wq-03/", id="WQ-03")

    history = re.findall(r'<p class="plan-timeline__source plan-timeline__council">(.*?)</p>', html)
    assert [links(record) for record in history] == [
        # newest first; without a page for people the OParl object is what opens
        [("Open in the council information system", "https://ris.musterstadt.example/oparl/v1/paper/2026-233")],
        [("Open in the council information system", WEB), ("OParl", PAPER)],
    ]
    assert history[0].startswith('<span class="plan-council">Council document 2026/233: ')


def test_releases_on_the_changes_page_open_their_record(sample: Plan) -> None:
    html = rendered(sample, "fa", "changes", "fa/aenderungen/")

    table = html[html.index("<table>") : html.index("</table>")]
    assert links(records(table)[0]) == [("باز کردن در سامانهٔ اطلاعات شورا", WEB), ("OParl", PAPER)]


def test_citations_carry_the_link(sample: Plan) -> None:
    release = sample.releases[0]
    cite = page_cite(sample, release, title="Erklärung", work="Integration", lang="de", url="https://x.example/")

    assert cite.note() == (
        "Beschluss: Rat der Stadt Musterstadt, 26.02.2026, Drucksache 2026/014, Ratsinformationssystem: " + WEB
    )
    assert WEB in bibtex(cite)
    cff = citation_cff(sample, "Integration in Musterstadt", "https://integration.musterstadt.example/")
    assert (
        "identifiers:\n"
        "  - type: url\n"
        f'    value: "{WEB}"\n'
        '    description: "Drucksache 2026/014 im Ratsinformationssystem"\n'
        "  - type: url\n"
        f'    value: "{PAPER}"\n'
        '    description: "Drucksache 2026/014 (OParl Paper)"\n'
    ) in cff


def test_open_data_carry_the_records(sample: Plan) -> None:
    from actionplan.build import _editors_workbook

    release = sample.releases[0]
    files = {
        d.name: d for d in open_data(sample, release, "https://x.example/2026.1/", load_labels(), _editors_workbook)
    }

    document = json.loads(files["handlungskonzept.json"].content)
    assert document["resolution"]["council"] == {"drucksache": "2026/014", "paper": PAPER, "meeting": None, "web": WEB}
    wq03 = next(m for m in document["measures"] if m["id"] == "WQ-03")
    assert [u["council"]["drucksache"] if u["council"] else None for u in wq03["updates"]] == [
        "2026/014",
        None,
        "2026/233",
    ]
    dcat = files["dcat.rdf"].content.decode("utf-8")
    assert f'<dct:relation rdf:resource="{PAPER}"/>' in dcat
    assert '<dct:relation rdf:resource="https://ris.musterstadt.example/oparl/v1/meeting/2026-02-26-rat"/>' in dcat
