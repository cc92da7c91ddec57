"""make serve's quick preview: which languages it builds, what it leaves out, and its error page."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplan.build import BuildOptions, prepare_build, write_error_pages
from actionplan.plan.errors import PlanError, PlanErrors
from actionplan.project import read_project

from .helpers import PROJECT, SITE_LANGUAGES, project_at

SITE_URL = "https://integration.musterstadt.example/"


@pytest.mark.parametrize(
    ("wanted", "built"),
    [
        (None, SITE_LANGUAGES),
        ("de", ["de"]),
        ("ar", ["de", "ar"]),
        ("all", SITE_LANGUAGES),
    ],
)
def test_the_preview_builds_german_and_the_language_asked_for(wanted: str | None, built: list[str]) -> None:
    environ = {} if wanted is None else {"PLAN_PREVIEW": wanted}
    assert BuildOptions.from_environ(environ).preview_languages(SITE_LANGUAGES, "de") == built


def test_an_unknown_preview_language_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(PlanErrors) as caught:
        BuildOptions(preview="xx").preview_languages(SITE_LANGUAGES, "de")
    assert caught.value.report().splitlines()[1:] == [
        "  PLAN_PREVIEW: die Vorschau kennt die Sprache „xx“ nicht (erlaubt: de, en, ar, fa, uk, tr, ru, all),"
        " z. B. make serve LANG=ar"
    ]


def test_the_preview_makes_no_open_data_and_no_citations() -> None:
    project = read_project(PROJECT)
    full = prepare_build(project, lang="de", site_url=SITE_URL)
    preview = prepare_build(project, lang="de", site_url=SITE_URL, options=BuildOptions(preview="de"))
    assert "handlungskonzept.xlsx" in [download.name for download in full.downloads]
    assert (full.preview, preview.preview, preview.downloads) == (False, True, ())
    assert "zitieren.bib" in full.citation("leitbild/", "Leitbild", "Integration in Musterstadt", SITE_URL)
    assert preview.citation("leitbild/", "Leitbild", "Integration in Musterstadt", SITE_URL) == ""
    assert preview.citations == {}


def test_a_preview_with_mistakes_shows_them_on_every_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "leitbild").mkdir(parents=True)
    (site / "index.html").write_text("<p>alt</p>", encoding="utf-8")
    (site / "leitbild" / "index.html").write_text("<p>alt</p>", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "plan.css").write_text("body {}", encoding="utf-8")
    errors = PlanErrors(
        [PlanError("data/measures/wq-03.yml", 33, "field", "Handlungsfeld „x“ gibt es nicht", 8, kind="bad_value")]
    )

    (tmp_path / "data" / "measures").mkdir(parents=True)
    (tmp_path / "data" / "measures" / "wq-03.yml").write_text("id: WQ-03\n", encoding="utf-8")

    write_error_pages(site, project_at(tmp_path), errors)

    pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    assert sorted(pages) == ["404.html", "index.html", "leitbild/index.html", "massnahmen/wq-03/index.html"]
    assert len(set(pages.values())) == 1
    page = pages["index.html"]
    assert '<html lang="de" dir="ltr">' in page
    assert "<h1>Vorschau nicht möglich: 1 Fehler in Daten oder Seiten</h1>" in page
    assert (
        "<li><code>data/measures/wq-03.yml:33:8</code> <code>field</code>: Handlungsfeld „x“ gibt es nicht</li>" in page
    )
    assert (site / "assets" / "plan.css").read_text(encoding="utf-8") == "body {}"


@pytest.mark.parametrize(("wanted", "written"), [("de", ["de"]), ("ar", ["ar", "de"]), (None, sorted(SITE_LANGUAGES))])
def test_the_preview_writes_feeds_calendars_and_badges_only_for_its_languages(
    tmp_path: Path, wanted: str | None, written: list[str]
) -> None:
    build = prepare_build(read_project(PROJECT), lang="de", site_url=SITE_URL, options=BuildOptions(preview=wanted))
    build.preview = True  # no search index: the folder holds no pages to index

    build.finish_site(tmp_path, SITE_URL)

    badges = {path.relative_to(tmp_path).parts[0] for path in tmp_path.glob("**/massnahmen/wq-03/status.svg")}
    feeds = {path.parent.relative_to(tmp_path).as_posix() for path in tmp_path.glob("**/aktualisierungen.xml")}
    assert sorted("de" if part == "massnahmen" else part for part in badges) == written
    assert sorted("de" if feed == "." else feed for feed in feeds if "/" not in feed) == written
