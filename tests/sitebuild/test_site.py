"""The sample site built with MkDocs, inspected as HTML."""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from actionplan.plan.loading import load_plan
from actionplan.site.csp import POLICY
from tests.conftest import DIRECTION, LANGUAGES, PREFIX, PROJECT, build_site, copy_project, measure_ids
from tests.sitebuild.htmlscan import parse, read_page

pytestmark = pytest.mark.site

SITE_HOST = "integration.musterstadt.example"


def pages(site: Path) -> list[str]:
    """Site-relative URLs of every HTML page (directory URLs), without the 404 page."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if "assets" not in p.parts
    )


def language_of(url: str) -> str:
    first = url.split("/", 1)[0]
    return first if first in LANGUAGES else "de"


def unprefixed(url: str) -> str:
    lang = language_of(url)
    return url[len(PREFIX[lang]) :]


def resolve(page_url: str, href: str) -> str:
    """A link on a page as a site-relative directory URL (the site lies at the host's root)."""
    target = href.split("#")[0]
    joined = posixpath.normpath(
        target.lstrip("/") or "." if target.startswith("/") else posixpath.join(page_url, target)
    )
    return "" if joined == "." else joined.rstrip("/") + "/"


def test_every_measure_page_exists_in_every_language(sample_site: Path) -> None:
    ids = measure_ids()
    plan = load_plan(PROJECT / "data", PROJECT, LANGUAGES)
    assert ids == sorted(m.slug for m in plan.measures)  # every measure file is a measure of the plan
    assert len(ids) >= 24  # the sample is a plan of some size, not a toy
    for lang in LANGUAGES:
        for measure in ids:
            page = sample_site / PREFIX[lang] / "massnahmen" / measure / "index.html"
            assert page.is_file(), page
            headings = re.findall(r'<h1 id="([^"]*)">([^<]*)', read_page(page))
            title = plan.measures_by_id[measure.upper()].title
            # the page's one heading: the measure's id and its title in this language (German where it is missing)
            assert [(anchor, html.unescape(text)) for anchor, text in headings] == [
                (measure, f"{measure.upper()}: {title.get(lang, title['de'])}")
            ], page


def test_every_page_exists_in_every_language(sample_site: Path) -> None:
    by_language = {lang: {unprefixed(u) for u in pages(sample_site) if language_of(u) == lang} for lang in LANGUAGES}
    assert all(by_language[lang] == by_language["de"] for lang in LANGUAGES)
    assert {
        "",
        "leitbild/",
        "handlungskonzept/",
        "massnahmen/",
        "massnahmen/wq-03/",
        "handlungskonzept/wohnen-quartier/",
    } <= by_language["de"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lang_and_dir_on_every_page(sample_site: Path, lang: str) -> None:
    for url in pages(sample_site):
        if language_of(url) != lang:
            continue
        doc = parse(sample_site / url / "index.html")
        html = doc.first("html")
        assert (html.attrs["lang"], html.attrs["dir"]) == (lang, DIRECTION[lang]), url
        assert doc.first("body").attrs["dir"] == DIRECTION[lang], url


def test_language_switcher_names_each_language_in_its_language(sample_site: Path) -> None:
    doc = parse(sample_site / "en" / "massnahmen" / "wq-03" / "index.html")
    names = {(a.attrs["lang"], a.attrs["dir"]) for a in doc.find_all("a", class_="md-select__link")}
    assert names == {(lang, DIRECTION[lang]) for lang in LANGUAGES}


def test_language_switcher_leads_to_the_same_page(sample_site: Path) -> None:
    for url in pages(sample_site):
        doc = parse(sample_site / url / "index.html")
        links = {
            a.attrs["hreflang"]: resolve(url, a.attrs["href"]) for a in doc.find_all("a", class_="md-select__link")
        }
        assert links == {lang: PREFIX[lang] + unprefixed(url) for lang in LANGUAGES}, url


def test_no_head_alternates_that_make_material_fetch_missing_sitemaps(sample_site: Path) -> None:
    """Material fetches <href>/sitemap.xml for each <link rel=alternate>; hreflang lives in the sitemap."""
    for url in pages(sample_site):
        doc = parse(sample_site / url / "index.html")
        assert [t for t in doc.find_all("link", rel="alternate") if "hreflang" in t.attrs] == [], url


def test_sitemap_lists_every_page_in_every_language(sample_site: Path) -> None:
    tree = ET.parse(sample_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = {urlsplit(loc.text or "").path.lstrip("/") for loc in tree.getroot().findall("s:url/s:loc", ns)}
    assert locs == set(pages(sample_site))
    entry = next(
        u
        for u in tree.getroot().findall("s:url", ns)
        if (u.findtext("s:loc", namespaces=ns) or "").endswith("/en/massnahmen/wq-03/")
    )
    alternates = {link.get("hreflang"): urlsplit(link.get("href") or "").path for link in entry.findall("x:link", ns)}
    assert alternates == {lang: f"/{PREFIX[lang]}massnahmen/wq-03/" for lang in LANGUAGES}


_LOADING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


def test_no_page_loads_anything_from_another_host(sample_site: Path) -> None:
    """Links (<a>) may point elsewhere; nothing that the browser fetches by itself may."""
    for path in sample_site.rglob("*.html"):
        doc = parse(path)
        for tag in doc.tags:
            urls = []
            if tag.name in _LOADING:
                urls.append(tag.attrs.get(_LOADING[tag.name], ""))
            if tag.name == "link" and tag.attrs.get("rel") not in ("canonical", "alternate"):
                urls.append(tag.attrs.get("href", ""))
            urls += [part.split()[0] for part in tag.attrs.get("srcset", "").split(",") if part.strip()]
            urls += re.findall(r"url\(([^)]+)\)", tag.attrs.get("style", ""))
            for url in urls:
                assert not urlsplit(url.strip("'\"")).netloc, f"{path}: <{tag.name}> loads {url}"
        for tag in doc.find_all("link"):
            if tag.attrs.get("rel") in ("canonical", "alternate"):
                assert urlsplit(tag.attrs["href"]).netloc in ("", SITE_HOST), path
    html = "\n".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    css = "\n".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.css"))
    for third_party in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com", "api.github.com"):
        assert third_party not in html
        assert third_party not in css


def test_measure_page_shows_all_of_its_data(sample_site: Path) -> None:
    doc = parse(sample_site / "massnahmen" / "wq-03" / "index.html")
    text = doc.text
    for fact in (
        "WQ-03: Gemeinschaftsräume in Neubauten",
        "in Umsetzung",
        "40 %",
        "1. September 2026",
        "Raumkonzept steht; Bauantrag für den ersten Raum ist gestellt.",
        "Quelle: Ratsbeschluss, Drucksache 2026/014",
        "Raumkonzept mit Bewohnerinnen und Bewohnern abgestimmt",
        "am 20. August 2026",
        "Dezember 2025 Ausgangswert 2",
        "Dezember 2027 Zielwert 10",
        "Wohnbau Musterstadt GmbH",
        "März 2026 bis Dezember 2027",
        "120.000 EUR (Finanzierung gesichert)",
    ):
        assert fact in text, fact
    links = {a.attrs.get("href") for a in doc.find_all("a")}
    assert {
        "../../handlungskonzept/wohnen-quartier/",
        "../../handlungskonzept/wohnen-quartier/#wq-z1",
        "../../leitbild/#l3",
        "../../leitbild/#qm-8",
        "../../quartiere/nordstadt/",
    } <= links
    assert doc.first("div", class_="plan-chart__plot").attrs["role"] == "img"


def test_measure_pages_stay_out_of_the_navigation(sample_site: Path) -> None:
    nav_links = [
        a.attrs["href"]
        for a in parse(sample_site / "massnahmen" / "wq-03" / "index.html").find_all("a", class_="md-nav__link")
    ]
    assert not [href for href in nav_links if "massnahmen/" in href and href.rstrip("/").split("/")[-1] != "massnahmen"]
    assert any(href.endswith("handlungskonzept/wohnen-quartier/") for href in nav_links)


def test_arabic_measure_page_is_in_arabic(sample_site: Path) -> None:
    doc = parse(sample_site / "ar" / "massnahmen" / "wq-03" / "index.html")
    assert "غرف مجتمعية في المباني الجديدة" in doc.first("h1").attrs.get("id", "") + doc.text
    assert "قيد التنفيذ" in doc.text
    assert not doc.find_all("span", class_="plan-fallback")


def test_untranslated_page_shows_german_with_notice(fallback_site: Path) -> None:
    doc = parse(fallback_site / "en" / "auftakt" / "index.html")
    assert "Not yet translated" in doc.text
    assert "This page is not yet available in English. You are reading the German text." in doc.text
    assert doc.find_all("div", lang="de", dir="ltr")
    assert doc.first("html").attrs["lang"] == "en"


def test_untranslated_data_text_is_marked_german(fallback_site: Path) -> None:
    html = read_page(fallback_site / "en" / "massnahmen" / "wq-03" / "index.html")
    assert '<p lang="de" dir="ltr" class="plan-fallback">Bei neuen Wohnanlagen der Wohnbau Musterstadt' in html
    assert "Some texts on this page are not yet translated into English and are shown in German." in html
    translated = read_page(fallback_site / "en" / "massnahmen" / "wq-01" / "index.html")
    assert "plan-fallback" not in translated


def test_a_data_mistake_fails_the_build_without_writing_a_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    measure = project / "data" / "measures" / "wq-03.yml"
    text = measure.read_text(encoding="utf-8")
    wrong = text.index("status: laufend\n    progress: 40")
    line = text[:wrong].count("\n") + 1
    column = wrong - text.rfind("\n", 0, wrong) + len("status: ")  # where the value begins, 1-based
    measure.write_text(text[:wrong] + text[wrong:].replace("laufend", "fertig", 1), encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 1
    assert (
        f"data/measures/wq-03.yml:{line}:{column}: updates[2].status: „fertig“ ist kein gültiger Status (erlaubt: geplant, "
        "laufend, abgeschlossen, verzoegert, pausiert, eingestellt, zusammengefuehrt)"
    ) in result.stderr
    assert "1 Fehler in den Daten – die Website wurde nicht gebaut:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_an_unknown_marker_fails_with_the_valid_ones(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "leitbild.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- plan:tabelle -->\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        f"docs/leitbild.md:{line}:1: unbekannter Marker „plan:tabelle“ (erlaubt: plan:progress, plan:fields, plan:measures, "
        "plan:principles, plan:quality-criteria, plan:quarters, plan:declaration, plan:events, plan:imprint, plan:privacy, plan:accessibility, plan:places, plan:inventory, plan:offers, plan:workshop, plan:proposals, plan:sign-language, plan:changes, plan:timeline, plan:open-data, plan:headline, plan:start, plan:finder, plan:glossary, plan:street-lookup, plan:map)"
    ) in result.stderr
    assert not (tmp_path / "site").exists()


def test_search_is_one_pagefind_index_per_language(sample_site: Path) -> None:
    bundle = sample_site / "pagefind"
    assert {p.name.split("_")[0].removeprefix("pagefind.") for p in bundle.glob("pagefind.*.pf_meta")} == set(LANGUAGES)
    assert not (sample_site / "search" / "search_index.json").exists()  # Material's all-language index is gone
    for lang in LANGUAGES:
        doc = parse(sample_site / PREFIX[lang] / "suche" / "index.html")
        box = doc.first("div", id="plan-search")
        assert resolve(f"{PREFIX[lang]}suche/", box.attrs["data-bundle"]) == "pagefind/"
        form = doc.first("form", role="search")
        assert resolve(f"{PREFIX[lang]}suche/", form.attrs["action"]) == f"{PREFIX[lang]}suche/"
        assert not doc.find_all("div", **{"data-pagefind-body": ""})  # the search page is not indexed itself


def test_every_page_but_search_marks_its_content_for_the_index(sample_site: Path) -> None:
    for url in pages(sample_site):
        marked = bool(parse(sample_site / url / "index.html").find_all("div", **{"data-pagefind-body": ""}))
        assert marked == (unprefixed(url) != "suche/"), url


def test_every_page_has_the_one_policy_and_no_inline_script(sample_site: Path) -> None:
    for path in [*sample_site.rglob("index.html"), sample_site / "404.html"]:
        html = path.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policies == [POLICY], path
        assert html.index("Content-Security-Policy") < html.index("<script"), path  # before any script
        # the theme's scripts are files (overrides/partials/javascripts/): nothing inline is left to allow
        inline = [m for m in re.finditer(r"<script(?P<attrs>[^>]*)>", html) if "src=" not in m["attrs"]]
        assert [m["attrs"] for m in inline] == [' id="__config" type="application/json"'], path


def test_unreviewed_language_versions_say_so_on_every_page(sample_site: Path) -> None:
    for url in pages(sample_site):
        doc = parse(sample_site / url / "index.html")
        noticed = bool(doc.find_all("div", class_="admonition note plan-review-notice", role="note"))
        german_by_design = unprefixed(url) in ("leichte-sprache/", "gebaerdensprache/")  # nothing translated there
        assert noticed == (language_of(url) in ("fa", "uk", "tr", "ru") and not german_by_design), url
    assert "Эта языковая версия ещё не проверена специалистами." in parse(sample_site / "ru" / "index.html").text


def test_declaration_shows_its_record_and_says_german_binds(sample_site: Path) -> None:
    german = parse(sample_site / "erklaerung" / "index.html").text
    assert "Gremium Rat der Stadt Musterstadt Sitzung 26. Februar 2026 Drucksache Drucksache 2026/014" in german
    assert "38 Ja, 5 Nein, 2 Enthaltungen" in german
    assert "Verbindlich ist allein der deutsche Wortlaut" not in german
    for lang in LANGUAGES[1:]:
        doc = parse(sample_site / PREFIX[lang] / "erklaerung" / "index.html")
        assert doc.find_all("div", class_="admonition note plan-binding", role="note"), lang


def test_events_with_a_calendar_file_in_every_language(sample_site: Path) -> None:
    for lang in LANGUAGES:
        page = f"{PREFIX[lang]}auftakt/"
        doc = parse(sample_site / page / "index.html")
        links = [a.attrs["href"] for a in doc.find_all("a") if a.attrs.get("href", "").endswith(".ics")]
        assert [resolve(page, href).rstrip("/") for href in links] == [
            f"{PREFIX[lang]}termine/auftakt-2026.ics",
            f"{PREFIX[lang]}termine/forum-nordstadt-2026-12.ics",
            f"{PREFIX[lang]}termine/bilanz-2027.ics",
        ]
        for link in links:
            ics = (sample_site / resolve(page, link).rstrip("/")).read_bytes()
            assert ics.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), link
    german = parse(sample_site / "auftakt" / "index.html").text
    assert "21. März 2026, 14:00–18:00" in german.replace(" – ", "–")
    assert "Arabisch, Englisch, Persisch, Türkisch, Ukrainisch, Deutsche Gebärdensprache" in german
    calendar = (sample_site / "fa" / "termine" / "auftakt-2026.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "SUMMARY:آغاز عمومی منشور ادغام و برنامهٔ اقدام\r\n" in calendar


def test_every_page_links_the_legal_pages_in_its_language(sample_site: Path) -> None:
    for url in pages(sample_site):
        doc = parse(sample_site / url / "index.html")
        lang = language_of(url)
        links = [resolve(url, a.attrs["href"]) for a in doc.tags if a.name == "a" and "href" in a.attrs]
        legal = [link for link in links if unprefixed(link) in ("impressum/", "datenschutz/", "barrierefreiheit/")]
        assert legal[-3:] == [
            f"{PREFIX[lang]}impressum/",
            f"{PREFIX[lang]}datenschutz/",
            f"{PREFIX[lang]}barrierefreiheit/",
        ], url
        assert all((sample_site / link / "index.html").is_file() for link in legal), url


def test_legal_pages_say_what_the_law_asks(sample_site: Path) -> None:
    imprint = parse(sample_site / "impressum" / "index.html").text
    assert "Herausgeberin Stadt Musterstadt Rathausplatz 1, 12345 Musterstadt" in imprint
    assert (
        "Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV) Jana Muster, Leiterin der Stabsstelle Integration" in imprint
    )
    privacy = parse(sample_site / "datenschutz" / "index.html").text
    assert "IP-Adresse" in privacy  # the host logs it
    assert "Hosting GitHub Inc. (GitHub Pages)" in privacy
    statement = parse(sample_site / "barrierefreiheit" / "index.html").text
    for part in (
        "Diese Website ist wegen der folgenden Unvereinbarkeiten teilweise mit den Anforderungen der BITV 2.0 vereinbar.",
        "Nicht barrierefreie Inhalte",
        "Diese Erklärung wurde am 20. November 2026 erstellt.",
        "Feedback und Kontaktangaben",
        "Durchsetzungsverfahren",
        "Durchsetzungsstelle für digitale Barrierefreiheit des Landes Musterland",
    ):
        assert part in statement, part


def test_every_neighbourhood_has_a_page_with_whom_to_ask(sample_site: Path) -> None:
    for lang in LANGUAGES:
        for quarter in ("altstadt", "nordstadt", "suedstadt", "weststadt", "lindenau"):
            assert (sample_site / PREFIX[lang] / "quartiere" / quarter / "index.html").is_file(), (lang, quarter)
    nordstadt = parse(sample_site / "quartiere" / "nordstadt" / "index.html").text
    for fact in (
        "Kümmerin Nordstadt, Verein für Gemeinwesenarbeit Musterstadt e. V.",
        "Sprechzeiten Dienstag 10–13 Uhr und Donnerstag 15–18 Uhr, sonst nach Vereinbarung",
        "Sprachen Deutsch, Türkisch, Arabisch, Englisch",
        "Stadtteiltreff Nordstadt – Lindenring 12, 12345 Musterstadt",
    ):
        assert fact in nordstadt, fact
    assert (
        "Die Stelle der Kümmerin oder des Kümmerers ist ausgeschrieben."
        in parse(sample_site / "quartiere" / "altstadt" / "index.html").text
    )
    english = parse(sample_site / "en" / "quartiere" / "nordstadt" / "index.html").text
    assert "Languages German, Turkish, Arabic, English" in english


def test_meeting_places_by_neighbourhood(sample_site: Path) -> None:
    doc = parse(sample_site / "begegnungsorte" / "index.html")
    assert [h.attrs["id"] for h in doc.find_all("h4")] == [
        "stadtbibliothek",
        "stadtteiltreff-nordstadt",
        "familienzentrum-regenbogen",
        "quartiersbuero-suedstadt",
        "nachbarschaftstreff-weststadt",
        "dorfgemeinschaftshaus-lindenau",
    ]
    assert "Dorfgemeinschaftshaus Lindenau Adresse Dorfstraße 21, 12399 Musterstadt-Lindenau" in doc.text
    assert "Stufenlos zugänglich nein" in doc.text


def test_inventory_figures_with_source_and_date_and_the_offers(sample_site: Path) -> None:
    doc = parse(sample_site / "bestandsaufnahme" / "index.html")
    assert [h.attrs["id"] for h in doc.find_all("h3")][:2] == ["kennzahl-einwohner", "kennzahl-unter-18"]
    assert "Ganze Stadt 61.240 Altstadt 8.120 Nordstadt 14.650" in doc.text
    assert "Quelle: Melderegister der Stadt Musterstadt, Stand: 31. Dezember 2025" in doc.text
    charts = [d for d in doc.find_all("div", class_="plan-chart__rows") if d.attrs.get("role") == "img"]
    assert len(charts) == 7  # one chart per key figure
    assert (
        "Migrationsberatung für Erwachsene und Jugendmigrationsdienst Migrationsberatung der Wohlfahrtsverbände ganze Stadt"
        in doc.text
    )
    arabic = parse(sample_site / "ar" / "bestandsaufnahme" / "index.html")
    assert not arabic.find_all("span", class_="plan-fallback")


def test_participation_shows_the_workshop_by_theme_and_how_to_propose(sample_site: Path) -> None:
    doc = parse(sample_site / "mitmachen" / "index.html")
    assert [h.attrs["id"] for h in doc.find_all("h3")][:3] == [
        "thema-vernetzung",
        "thema-finanzierung",
        "thema-buerokratie",
    ]
    assert "… es eine übersichtliche Darstellung aller Angebote gibt." in doc.text
    hrefs = [a.attrs.get("href", "") for a in doc.find_all("a")]
    assert "https://github.com/musterstadt/integration/issues/new?template=aenderung-vorschlagen.yml" in hrefs
    assert (
        "mailto:integration@musterstadt.example?subject=Vorschlag%20zur%20Website%20Integration%20in%20Musterstadt"
        in hrefs
    )
    assert "../massnahmen/vv-04/" in hrefs
    form = PROJECT / ".github" / "ISSUE_TEMPLATE" / "aenderung-vorschlagen.yml"
    assert form.is_file()  # the form the link opens


def test_easy_language_is_german_in_every_language_without_a_warning(sample_site: Path) -> None:
    german = parse(sample_site / "leichte-sprache" / "index.html")
    assert german.first("html").attrs["lang"] == "de"
    assert not german.find_all("div", class_="admonition info plan-german-only", role="note")
    assert "Diese Person heißt Kümmerin oder Kümmerer ." in german.text
    for lang in LANGUAGES[1:]:
        doc = parse(sample_site / PREFIX[lang] / "leichte-sprache" / "index.html")
        assert doc.find_all("div", class_="admonition info plan-german-only", role="note"), lang
        assert doc.find_all("div", lang="de", dir="ltr"), lang
        assert not doc.find_all("div", class_="admonition warning plan-fallback-notice", role="note"), lang
    assert (
        "Die Videos in Deutscher Gebärdensprache werden gerade gedreht."
        in parse(sample_site / "gebaerdensprache" / "index.html").text
    )


def test_community_work_explains_the_nine_quality_criteria(sample_site: Path) -> None:
    for lang in LANGUAGES:
        doc = parse(sample_site / PREFIX[lang] / "quartiere" / "index.html")
        assert [li.attrs["id"] for li in doc.find_all("li", class_="plan-criterion")] == [
            f"qm-{n}" for n in range(1, 10)
        ]
