"""The sample site's version features: links of released versions, banners, changes, feeds, citations."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, PREFIX, PROJECT
from tests.sitebuild.htmlscan import read_page

pytestmark = pytest.mark.site

ATOM = "{http://www.w3.org/2005/Atom}"


def text_of(page: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", read_page(page)))


def test_every_url_of_every_released_version_still_resolves(sample_site: Path) -> None:
    lists = sorted((PROJECT / "data" / "snapshots").glob("*.urls.txt"))
    assert lists, "no released version has a URL list"
    for listing in lists:
        urls = listing.read_text(encoding="utf-8").split()
        assert {url.split("/")[1] for url in urls if url.count("/") > 1} >= {lang for lang in LANGUAGES if PREFIX[lang]}
        missing = [
            url
            for url in urls
            if not (
                (sample_site / url.lstrip("/")).is_file() or (sample_site / url.lstrip("/") / "index.html").is_file()
            )
        ]
        assert missing == [], listing.name


def test_the_draft_says_so_on_every_page_and_names_the_adopted_version(sample_site: Path) -> None:
    for lang in LANGUAGES:
        for page in ("", "massnahmen/wq-03/", "daten/"):
            html = read_page(sample_site / PREFIX[lang] / page / "index.html")
            assert 'class="plan-banner plan-banner--draft"' in html, (lang, page)
    german = read_page(sample_site / "index.html")
    assert (
        "<strong>Entwurf der nächsten Fassung – noch nicht beschlossen</strong> · Beschlossen ist "
        '<a href="https://integration.musterstadt.example/2026.1/">Version 2026.1</a> (26. Februar 2026)' in german
    )
    # The banner and the cite box lead to the same page in the adopted version.
    measure = read_page(sample_site / "en" / "massnahmen" / "wq-03" / "index.html")
    adopted = "https://integration.musterstadt.example/2026.1/en/massnahmen/wq-03/"
    assert f'The adopted version is <a href="{adopted}">Version 2026.1</a> (February 26, 2026)</p>' in measure
    assert f'<dd><a href="{adopted}" dir="ltr">{adopted}</a></dd>' in measure
    assert '"version": null}' in german  # no version selector without mike's versions.json
    assert "versions.js" not in german


def test_a_removed_measure_keeps_its_page_in_every_language(sample_site: Path) -> None:
    german = text_of(sample_site / "massnahmen" / "td-05" / "index.html")
    assert "TD-05: Informationsabende zur Integrationsratswahl" in german
    assert "Entfernt am 15. September 2026. Sie fehlt ab der nächsten Fassung, die noch Entwurf ist." in german
    assert "Zuletzt enthalten in Version 2026.1." in german
    assert "An ihre Stelle tritt: TD-01:" in german
    for lang in LANGUAGES:
        assert (sample_site / PREFIX[lang] / "massnahmen" / "td-05" / "index.html").is_file()
    changes = text_of(sample_site / "aenderungen" / "index.html")
    assert "Änderungen im Entwurf Gegenüber Version 2026.1: Entfernte Maßnahmen TD-05:" in changes
    assert "Zusammengeführte Maßnahmen SB-05:" in changes


def test_one_atom_feed_per_language(sample_site: Path) -> None:
    for lang in LANGUAGES:
        feed = ET.parse(sample_site / PREFIX[lang] / "aktualisierungen.xml").getroot()
        assert feed.tag == f"{ATOM}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) > 50
        link = entries[0].find(f"{ATOM}link")
        assert link is not None
        assert link.get("href", "").startswith(f"https://integration.musterstadt.example/{PREFIX[lang]}massnahmen/")


def test_every_page_has_its_citation_files(sample_site: Path) -> None:
    pages = [p.parent for p in sample_site.rglob("index.html") if "assets" not in p.parts and "pagefind" not in p.parts]
    assert len(pages) > 300
    for folder in pages:
        if folder.name == "suche":
            continue
        assert (folder / "zitieren.bib").is_file(), folder
        assert (folder / "zitieren.ris").is_file(), folder
    [item] = json.loads((sample_site / "en" / "massnahmen" / "wq-03" / "zitieren.json").read_text(encoding="utf-8"))
    assert item["URL"] == "https://integration.musterstadt.example/en/massnahmen/wq-03/"
    assert item["version"] == "Entwurf"
    assert item["note"] == "Entwurf – nicht beschlossen"
    page = read_page(sample_site / "en" / "massnahmen" / "wq-03" / "index.html")
    assert '<summary id="plan-cite-title">Cite this page</summary>' in page
    assert '<a href="zitieren.bib" download>BibTeX</a>' in page


def test_the_changes_page_shows_the_changed_wording_word_by_word_in_every_language(sample_site: Path) -> None:
    german = text_of(sample_site / "aenderungen" / "index.html")
    assert (
        "Geänderte Texte Gestrichene Wörter sind durchgestrichen und als „gestrichen“ gekennzeichnet, neue Wörter "
        "unterstrichen und als „eingefügt“. WQ-03: Gemeinschaftsräume in Neubauten Kurzbeschreibung Bei neuen "
        "Wohnanlagen der Wohnbau Musterstadt wird ein Gemeinschaftsraum eingeplant, den die Nachbarschaft selbst "
        "verwaltet [eingefügt: und den auch Vereine aus dem Quartier nutzen können ] ."
    ) in german
    assert "Leitbild : geänderte Absätze: 1 Absatz geändert: Migration ist dabei kein Ausnahmezustand" in german
    assert "Seit mehr als [gestrichen: 50 ] [eingefügt: 60 ] Jahren" in german
    html = read_page(sample_site / "ar" / "aenderungen" / "index.html")
    assert '<del class="plan-diff__del"><span class="plan-diff__mark">[حُذف: </span>50' in html
    assert '<ins class="plan-diff__ins"><span class="plan-diff__mark">[أُضيف: </span>60' in html
    for lang in LANGUAGES:
        page = read_page(sample_site / PREFIX[lang] / "aenderungen" / "index.html")
        assert page.count('<ins class="plan-diff__ins">') == 2, lang  # WQ-03's summary, the Leitbild's paragraph
        assert page.count('<del class="plan-diff__del">') == 1, lang


def test_a_measure_page_says_its_wording_changed_since_the_adopted_version(sample_site: Path) -> None:
    german = text_of(sample_site / "massnahmen" / "wq-03" / "index.html")
    assert "Text geändert seit Version 2026.1 Gestrichene Wörter" in german
    assert "Kurzbeschreibung Bei neuen Wohnanlagen" in german
    assert "Text geändert seit" not in text_of(sample_site / "massnahmen" / "wq-01" / "index.html")
    arabic = text_of(sample_site / "ar" / "massnahmen" / "wq-03" / "index.html")
    assert "تغيّر النص منذ الإصدار 2026.1" in arabic


def test_any_two_versions_have_a_comparison_page_in_every_language(sample_site: Path) -> None:
    german = text_of(sample_site / "aenderungen" / "index.html")
    assert "Zwei Fassungen vergleichen Jede Fassung lässt sich mit jeder späteren vergleichen" in german
    assert "Version 2026.1 → Entwurf" in german
    page = text_of(sample_site / "aenderungen" / "2026.1-entwurf" / "index.html")
    assert "Version 2026.1 → Entwurf" in page  # the title
    assert "Was sich von Version 2026.1 zu Entwurf geändert hat, aus den gespeicherten Ständen berechnet." in page
    assert "Entfernte Maßnahmen TD-05:" in page
    assert "Seit mehr als [gestrichen: 50 ] [eingefügt: 60 ] Jahren" in page
    for lang in LANGUAGES:
        assert (sample_site / PREFIX[lang] / "aenderungen" / "2026.1-entwurf" / "index.html").is_file(), lang
    arabic = text_of(sample_site / "ar" / "aenderungen" / "2026.1-entwurf" / "index.html")
    assert "الإصدار 2026.1 ← المسودة" in arabic
