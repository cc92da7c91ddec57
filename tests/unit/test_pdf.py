"""The document of record: one PDF of the whole plan per language (hooks/actionplan/pdf.py).

Every test here is marked `pdf` (`pytest -m pdf` runs them, `-m "not pdf"` skips them). The HTML
tests render the document without WeasyPrint; the others make the German and the Arabic PDF of
the sample's release 2026.1 once per module and read them with poppler-utils (pdftotext,
pdffonts, pdfinfo).
"""

from __future__ import annotations

import copy
import html as htmllib
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from pathlib import Path

import pytest

from actionplan.build import BuildOptions, pdfs_wanted
from actionplan.commands import main
from actionplan.outputs.pdf import (
    LocalFiles,
    RefusedURL,
    document_date,
    pdf_link,
    pdf_site_path,
    render_document,
    url_fetcher,
    write_pdf,
)
from actionplan.plan.errors import PlanErrors
from actionplan.plan.loading import load_plan
from actionplan.plan.model import Release
from actionplan.plan.plan import Plan
from actionplan.plan.releases import Building
from actionplan.plan.texts import Localizer, load_labels
from actionplan.project import read_project
from actionplan.site.markdown import Prose

from .helpers import FIXTURES, LANGUAGES, PLAN_DIR, PROJECT, SITE_LANGUAGES

pytestmark = pytest.mark.pdf

DOCS = PROJECT / "docs"
THEME = PROJECT / "overrides"
SITE_URL = "https://integration.musterstadt.example/"
PROSE = Prose.of(read_project(PROJECT))  # the Markdown extensions of mkdocs.yml
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def sample() -> Plan:
    """The sample plan of the repository."""
    return load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)


@pytest.fixture(scope="module")
def labels() -> dict[str, dict[str, str]]:
    return load_labels()


@pytest.fixture(scope="module")
def release(sample: Plan) -> Release:
    return sample.releases_by_version["2026.1"]


def render(
    plan: Plan,
    lang: str,
    release: Release | None,
    labels: dict[str, dict[str, str]],
    docs: Path = DOCS,
    site_url: str | None = SITE_URL,
) -> str:
    return render_document(plan, lang, release, docs, THEME / "plan", site_url=site_url, labels=labels, prose=PROSE)


def text_of(html: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def between(html: str, start: str, end: str) -> str:
    """The HTML from `start` up to (not including) the first `end` after it."""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def cover_text(html: str) -> str:
    return text_of(between(html, '<section class="pdf-cover">', "</section>"))


# ---- The document (HTML, no WeasyPrint)


def test_cover_of_an_adopted_version(sample: Plan, release: Release, labels: dict[str, dict[str, str]]) -> None:
    html = render(sample, "de", release, labels)

    assert '<html lang="de" dir="ltr">' in html
    assert "<title>Leitbild und Handlungskonzept Integration – Stadt Musterstadt (Version 2026.1)</title>" in html
    assert '<meta name="author" content="Stadt Musterstadt">' in html
    assert '<meta name="dcterms.created" content="2026-02-26">' in html
    cover = cover_text(html)
    assert cover.startswith("Stadt Musterstadt Leitbild und Handlungskonzept Integration")
    assert (
        "Beschlossen Version 2026.1 Stand 26. Februar 2026 Gremium Rat der Stadt Musterstadt "
        "Sitzung 26. Februar 2026 Drucksache 2026/014 Erste Fassung:"
    ) in cover
    assert "Entwurf" not in cover
    assert "Verbindlich" not in cover  # German is the binding text itself


def test_cover_of_the_draft(sample: Plan, labels: dict[str, dict[str, str]]) -> None:
    html = render(sample, "de", None, labels)

    newest = max(update.date for measure in sample.measures for update in measure.updates)
    stand = Localizer("de", labels=labels).date(document_date(sample, None))
    assert document_date(sample, None) >= newest
    cover = cover_text(html)
    assert f"Entwurf – nicht beschlossen Version Arbeitsstand (noch keine Version) Stand {stand}" in cover
    assert "Gremium" not in cover
    assert f'data-version="Entwurf, Stand {stand}"' in html


def test_arabic_document_is_right_to_left(sample: Plan, release: Release, labels: dict[str, dict[str, str]]) -> None:
    html = render(sample, "ar", release, labels)

    assert '<html lang="ar" dir="rtl">' in html
    assert '<td lang="de" dir="ltr">Rat der Stadt Musterstadt</td>' in html  # the resolution record is German
    assert labels["pdf.binding"]["ar"] in html
    assert labels["pdf.state.beschlossen"]["ar"] in html
    assert f'data-page-before="{labels["pdf.page"]["ar"].split("{page}")[0]}"' in html


def test_no_marker_is_printed(sample: Plan, release: Release, labels: dict[str, dict[str, str]]) -> None:
    for lang in ("de", "ar"):
        html = render(sample, lang, release, labels)
        assert "plan:" not in html
        assert "<!--" not in html


def test_contents_point_at_every_part_field_and_measure(
    sample: Plan, release: Release, labels: dict[str, dict[str, str]]
) -> None:
    html = render(sample, "de", release, labels)

    contents = between(html, 'class="pdf-contents"', "</nav>")
    targets = re.findall(r'href="#([^"]+)"', contents)
    expected = ["leitbild", "erklaerung", "handlungskonzept"]
    for field in sample.fields:
        expected.append(f"feld-{field.id}")
        expected += [f"massnahme-{m.id.lower()}" for m in sample.measures_of(field.id)]
    assert targets == expected
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= set(ids)  # every link inside the document lands
    for measure in sample.measures:
        section = between(html, f'<section class="pdf-measure" id="massnahme-{measure.id.lower()}">', "</section>")
        assert text_of(section).startswith(f"{measure.id} {measure.title['de']} ")


def test_measure_shows_its_data(sample: Plan, release: Release, labels: dict[str, dict[str, str]]) -> None:
    html = render(sample, "de", release, labels)

    loc = Localizer("de", labels=labels)
    for measure in sample.measures:
        section = text_of(between(html, f'id="massnahme-{measure.id.lower()}"', "</section>"))
        status = labels[f"status.{measure.status}"]["de"]
        facts = (
            f"Kennung {measure.id} Status {status} Fortschritt {loc.percent(measure.progress)} "
            f"Stand {loc.date(measure.latest.date)}"
        )
        assert facts in section
        assert f"Federführung {sample.actors_by_id[measure.lead].name['de']}" in section
        for update in measure.updates:  # the dated history, every entry
            assert f"{loc.date(update.date)} {labels[f'status.{update.status}']['de']}" in section
            assert " ".join(update.note["de"].split()) in section
        for indicator in measure.indicators:
            assert f"{loc.when(indicator.baseline.date)} Ausgangswert {loc.number(indicator.baseline.value)}" in section
            assert f"{loc.when(indicator.target.date)} Zielwert {loc.number(indicator.target.value)}" in section
        for milestone in measure.milestones:
            assert f"{milestone.title['de']} {loc.when(milestone.due)}" in section
        if measure.budget:
            assert f"Budget {loc.money(measure.budget.amount, measure.budget.currency)}" in section
        assert section.count("Fortschritt:") == sum(1 for update in measure.updates if update.progress is not None)


def test_prose_links_lead_into_the_document_or_to_the_site(
    sample: Plan, release: Release, labels: dict[str, dict[str, str]]
) -> None:
    german = render(sample, "de", release, labels)
    arabic = render(sample, "ar", release, labels)
    offline = render(sample, "de", release, labels, site_url=None)

    assert '<a href="https://integration.musterstadt.example/bestandsaufnahme/">Bestandsaufnahme</a>' in german
    assert 'href="https://integration.musterstadt.example/ar/bestandsaufnahme/"' in arabic
    assert '<a href="#erklaerung">Drucksache 2026/014</a>' in german  # from handlungskonzept/index.md: ../erklaerung.md
    assert '<a href="#handlungskonzept">Handlungskonzept</a>' in german
    assert "bestandsaufnahme/" not in offline
    assert "<span>Bestandsaufnahme</span>" in offline


def test_missing_translations_stand_in_german_marked(
    tmp_path: Path, sample: Plan, release: Release, labels: dict[str, dict[str, str]]
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    (docs / "leitbild.en.md").unlink()
    measure = sample.measures_by_id["SB-01"]
    german_title = measure.model_copy(update={"title": {"de": measure.title["de"]}})
    plan = copy.copy(sample)
    plan.measures = tuple(german_title if m.id == "SB-01" else m for m in sample.measures)
    plan.measures_by_id = {**sample.measures_by_id, "SB-01": german_title}

    html = render(plan, "en", release, labels, docs=docs)

    part = between(html, 'id="teil-leitbild"', 'id="teil-erklaerung"')
    assert labels["pdf.fallback_part"]["en"] in part
    assert '<div lang="de" dir="ltr"><h1 id="leitbild">Leitbild Integration</h1>' in part
    assert '<div lang="en" dir="ltr"><ol class="pdf-principles">' in part  # generated content speaks English
    assert '<span lang="de" dir="ltr">Leitbild Integration</span>' in between(html, 'class="pdf-contents"', "</nav>")
    heading = f'<span class="pdf-id">SB-01</span> <span lang="de" dir="ltr" class="plan-fallback">{measure.title["de"]}</span></h4>'
    assert heading in html
    assert labels["pdf.fallback"]["en"] in cover_text(html)
    assert labels["pdf.fallback"]["en"] not in render(sample, "en", release, labels)


def test_part_without_prose_page_keeps_its_data(
    tmp_path: Path, sample: Plan, release: Release, labels: dict[str, dict[str, str]]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()

    html = render(sample, "de", release, labels, docs=docs)

    assert '<h1 id="leitbild">Leitbild</h1><ol class="pdf-principles">' in html.replace("\n", "")
    assert '<h1 id="erklaerung">Politische Erklärung</h1>' in html
    assert "Drucksache 2026/014" in html  # the resolution record of data/declaration.yml
    assert '<h1 id="handlungskonzept">Handlungskonzept</h1>' in html


def test_pdf_labels_exist_in_every_language(labels: dict[str, dict[str, str]]) -> None:
    keys = [key for key in labels if key.startswith("pdf.")]
    assert len(keys) == 18
    for key in keys:
        assert sorted(labels[key]) == sorted(SITE_LANGUAGES), key
    for lang, text in labels["pdf.page"].items():
        assert text.index("{page}") < text.index("{pages}"), lang  # the footer puts the counters in this order


def test_only_local_files_are_served(tmp_path: Path) -> None:
    files = LocalFiles(THEME)
    fetcher = url_fetcher(files)
    font = (THEME / "assets" / "fonts" / "NotoSans-Regular.ttf").as_uri()

    assert fetcher(font).read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    with pytest.raises(RefusedURL):
        fetcher("http://example.org/karte.png")
    with pytest.raises(RefusedURL):
        fetcher("https://example.org/style.css")
    with pytest.raises(RefusedURL):
        fetcher((PROJECT / "mkdocs.yml").as_uri())  # a file, but outside the allowed folders
    with pytest.raises(RefusedURL):
        fetcher((THEME / "assets" / ".." / ".." / "mkdocs.yml").as_uri())
    assert files.refused == [
        "http://example.org/karte.png",
        "https://example.org/style.css",
        (PROJECT / "mkdocs.yml").as_uri(),
        (THEME / "assets" / ".." / ".." / "mkdocs.yml").as_uri(),
    ]


def test_site_path_and_when_pdfs_are_made(release: Release) -> None:
    draft, adopted = Building(), Building("2026.1", release)
    unset, one, zero = (BuildOptions.from_environ(env) for env in ({}, {"PLAN_PDF": "1"}, {"PLAN_PDF": "0"}))
    assert pdf_site_path("ar") == "daten/handlungskonzept-ar.pdf"
    assert pdf_link("de", load_labels()) == ("daten/handlungskonzept-de.pdf", "Gesamtdokument als PDF")
    assert not pdfs_wanted(unset, draft)
    assert pdfs_wanted(unset, adopted)
    assert pdfs_wanted(one, draft)
    assert not pdfs_wanted(zero, adopted)  # e.g. tests of the release mechanics, which need no PDFs


def test_command_line_names_an_unknown_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdf", "--root", str(PROJECT), "--lang", "xx"]) == 1
    assert capsys.readouterr().err == "„xx“ ist keine Sprache dieser Website (erlaubt: de, en, ar, fa, uk, tr, ru)\n"


# ---- The PDFs


def poppler(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def info_field(path: Path, name: str) -> str:
    """One line of pdfinfo's report, e.g. "Title"."""
    match = re.search(rf"^{name}:\s+(.*)$", poppler("pdfinfo", str(path)), re.MULTILINE)
    assert match is not None, name
    return match[1]


def pdf_text(path: Path) -> str:
    """pdftotext's text without bidi controls; lines joined where a word was broken at a hyphen."""
    text = _BIDI_CONTROLS.sub("", poppler("pdftotext", str(path), "-"))
    return " ".join(text.replace("-\n", "-").split())


def pdf_objects(path: Path) -> bytes:
    """The PDF's bytes with every compressed stream inflated (the catalog lies in an object stream)."""
    data = path.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(data[match.end() : end]))
        except zlib.error:
            continue  # font data and other streams that are not deflated
    return b"\n".join(parts)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory, sample: Plan, release: Release) -> dict[str, Path]:
    """The German and the Arabic PDF of release 2026.1."""
    out = tmp_path_factory.mktemp("pdf")
    labels = load_labels()
    return {
        lang: write_pdf(
            sample,
            lang,
            release,
            DOCS,
            out / f"{lang}.pdf",
            theme_dir=THEME,
            site_url=SITE_URL,
            labels=labels,
            prose=PROSE,
        )
        for lang in ("de", "ar")
    }


def test_german_pdf_has_title_cover_and_measures(pdfs: dict[str, Path], sample: Plan) -> None:
    text = pdf_text(pdfs["de"])
    pages = int(info_field(pdfs["de"], "Pages"))

    assert text.startswith("Stadt Musterstadt Leitbild und Handlungskonzept Integration")
    assert "Beschlossen Version 2026.1 Stand 26. Februar 2026 Gremium Rat der Stadt Musterstadt" in text
    assert "Drucksache 2026/014" in text
    for measure in sample.measures:
        assert f"{measure.id} {measure.title['de']}" in text
    assert f"Seite 2 von {pages}" in text
    assert f"Seite {pages} von {pages}" in text
    assert "Leitbild und Handlungskonzept Integration Version 2026.1" in text  # the running header


def arabic_words(text: str) -> list[str]:
    """Words that pdftotext gives back letter for letter: no lam (ligatures) and no vowel marks."""
    words = []
    for word in text.split():
        word = word.strip("()«»،؛.:\"'")
        if (
            len(word) >= 3
            and re.search("[\u0600-\u06ff]", word)
            and "ل" not in word
            and not any(unicodedata.category(char) == "Mn" for char in word)
        ):
            words.append(word)
    return words


def test_arabic_pdf_has_arabic_text(pdfs: dict[str, Path], sample: Plan, labels: dict[str, dict[str, str]]) -> None:
    text = pdf_text(pdfs["ar"])

    expected = arabic_words(" ".join(m.title["ar"] for m in sample.measures))
    expected += arabic_words(labels["pdf.page"]["ar"] + " " + labels["pdf.contents"]["ar"])
    assert len(expected) > 40
    missing = [word for word in expected if word not in text]
    assert missing == []
    assert "Rat der Stadt Musterstadt" in text  # the German resolution record
    assert all(measure.id in text for measure in sample.measures)


def test_every_font_is_embedded_and_committed(pdfs: dict[str, Path]) -> None:
    for lang, families in (("de", {"Plan-Sans", "Plan-Sans-Bold"}), ("ar", {"Plan-Sans-Arabic", "Plan-Sans"})):
        rows = poppler("pdffonts", str(pdfs[lang])).splitlines()[2:]
        assert rows
        names = set()
        for row in rows:
            name, kind, _, encoding, emb, sub, uni, *_ = row.split()
            assert (kind, encoding, emb, sub, uni) == ("CID", "Identity-H", "yes", "yes", "yes"), row
            names.add(name.split("+", 1)[1])
        assert families <= names
        assert all(name.startswith("Plan-Sans") for name in names), names  # no font of the machine


def test_pdf_declares_pdf_ua_language_and_metadata(pdfs: dict[str, Path]) -> None:
    for lang in ("de", "ar"):
        assert info_field(pdfs[lang], "Tagged") == "yes"
        assert info_field(pdfs[lang], "Author") == {"de": "Stadt Musterstadt", "ar": "مدينة موسترشتات"}[lang]
        assert info_field(pdfs[lang], "CreationDate") == "Thu Feb 26 00:00:00 2026 UTC"
        assert info_field(pdfs[lang], "PDF version") == "1.7"
        assert 'pdfuaid:part="1"' in poppler("pdfinfo", "-meta", str(pdfs[lang]))
        objects = pdf_objects(pdfs[lang])
        assert f"/Lang ({lang})".encode() in objects
        assert b"/StructTreeRoot" in objects
        assert b"/MarkInfo <</Marked true>>" in objects
        assert b"/DisplayDocTitle true" in objects
        structure = poppler("pdfinfo", "-struct", str(pdfs[lang]))
        assert structure.startswith("Document\n")
        assert "H1 (block)" in structure
        assert "Table (block)" in structure
    title = "Leitbild und Handlungskonzept Integration – Stadt Musterstadt (Version 2026.1)"
    assert info_field(pdfs["de"], "Title") == title
    subject = "Leitbild, politische Erklärung des Rates und Handlungskonzept zur Integration"
    assert info_field(pdfs["de"], "Subject") == subject


_SECOND_RUN = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1] + "/hooks")
from actionplan.plan.loading import load_plan
from actionplan.outputs.pdf import write_pdf
root = Path(sys.argv[1])
plan = load_plan(root / "data", root, sys.argv[3].split(","))
release = plan.releases_by_version["2026.1"]
from actionplan.project import read_project
from actionplan.site.markdown import Prose
prose = Prose.of(read_project(root))
write_pdf(
    plan, "de", release, root / "docs", Path(sys.argv[2]), theme_dir=root / "overrides", site_url=sys.argv[4], prose=prose
)
"""


def test_same_data_gives_the_same_bytes(pdfs: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    env = {**os.environ, "PYTHONHASHSEED": "4711", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-c", _SECOND_RUN, str(PROJECT), str(again), ",".join(SITE_LANGUAGES), SITE_URL],
        check=True,
        env=env,
        cwd=tmp_path,  # another working directory and another hash seed: still the same file
    )

    assert again.read_bytes() == pdfs["de"].read_bytes()


def test_a_picture_from_the_network_or_a_missing_file_is_refused(tmp_path: Path) -> None:
    plan = load_plan(PLAN_DIR, FIXTURES, LANGUAGES)
    docs = tmp_path / "docs"
    docs.mkdir()
    prose = "# Leitbild\n\n![Karte](https://example.org/karte.png)\n\n![Plan](bilder/fehlt.png)\n"
    (docs / "leitbild.md").write_text(prose, encoding="utf-8")

    with pytest.raises(PlanErrors) as raised:
        write_pdf(plan, "de", None, docs, tmp_path / "de.pdf", theme_dir=THEME, prose=PROSE)

    assert [str(error) for error in raised.value.errors] == [
        f"daten/handlungskonzept-de.pdf: die Datei „{docs.resolve()}/bilder/fehlt.png“ gibt es nicht "
        "oder sie liegt außerhalb von docs/ und overrides/",
        "daten/handlungskonzept-de.pdf: „https://example.org/karte.png“ ist keine Datei des Projekts "
        "– das PDF lädt nichts aus dem Netz",
    ]
    assert not (tmp_path / "de.pdf").exists()


def test_the_pdf_converts_prose_with_the_extensions_of_mkdocs_yml() -> None:
    """One Markdown pipeline: mkdocs.yml's extensions and settings; print leaves out only the web's permalinks."""
    assert PROSE.extensions == ("admonition", "attr_list", "md_in_html", "def_list", "tables", "toc")
    assert PROSE.configs["toc"] == {"permalink": True, "permalink_title": "Link zu diesem Abschnitt"}
    web = PROSE.converter().convert("## Ziele\n\nTerm\n:   Definition\n")
    printed = PROSE.converter(for_print=True).convert("## Ziele\n\nTerm\n:   Definition\n")
    assert 'class="headerlink"' in web
    assert printed == "<h2>Ziele</h2>\n<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>"


def test_the_declaration_names_its_record_in_the_council_information_system(
    sample: Plan, release: Release, labels: dict[str, dict[str, str]]
) -> None:
    html = render(sample, "ar", release, labels)

    row = re.search(r"<tr><th scope=\"row\">فتح في نظام معلومات المجلس</th><td>(.*?)</td></tr>", html)
    assert row is not None
    assert 'href="https://ris.musterstadt.example/vorgang/2026-014"' in row[1]  # printed, so the address is shown
