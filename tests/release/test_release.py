"""Acceptance: two releases in a temporary git repository, published with mike to gh-pages.

Between them one measure is removed and one merged into another. Checked: both version
directories, `latest` and the root, the version selector's data, every URL of the first release
answered by the second, the computed changes page, the banners, and the citation files.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import LANGUAGES, PREFIX, PROJECT, copy_project
from tests.sitebuild.htmlscan import read_page

pytestmark = pytest.mark.release

SITE_URL = "https://integration.musterstadt.example/"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(root / "hooks"),
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": SITE_URL,
        "GIT_AUTHOR_DATE": "2026-03-01T12:00:00Z",
        "GIT_COMMITTER_DATE": "2026-03-01T12:00:00Z",
    }
    env.pop("MIKE_DOCS_VERSION", None)
    result = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def git(root: Path, *args: str) -> str:
    return run(root, "git", *args).stdout


def release(root: Path, version: str, *, pdfs: bool = True) -> str:
    command = [sys.executable, "-m", "actionplan", "release", version]
    if not pdfs:  # seven PDFs take about 40 s; the second release makes them
        command = ["env", "PLAN_PDF=0", *command]
    return run(root, *command).stdout


def append_yaml(path: Path, entries: list[dict[str, object]]) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False))


def second_release_data(root: Path) -> None:
    """Version 2026.2: TD-04 removed (replaced by TD-01), AA-03 merged into AA-01."""
    (root / "data" / "measures" / "td-04.yml").unlink()
    (root / "data" / "removed.yml").write_text(
        "# yaml-language-server: $schema=schema/removed.schema.json\n", encoding="utf-8"
    )
    append_yaml(
        root / "data" / "removed.yml",
        [
            {
                "id": "TD-04",
                "date": "2026-06-01",
                "reason": {"de": "Die Plattform geht im Quartiersforum auf.", "ar": "تندمج المنصة في منتدى الحي."},
                "replaced_by": ["TD-01"],
            }
        ],
    )
    merged = root / "data" / "measures" / "aa-03.yml"
    text = merged.read_text(encoding="utf-8")
    text = text.replace("\nupdates:\n", "\nmerged_into: AA-01\nupdates:\n", 1)
    text += (
        "  - date: 2026-06-02\n    status: zusammengefuehrt\n    note:\n"
        "      de: Die Berufspatenschaften gehen in der Ausbildungsbrücke auf.\n"
    )
    merged.write_text(text, encoding="utf-8")
    append_yaml(
        root / "data" / "releases.yml",
        [
            {
                "version": "2026.2",
                "date": "2026-06-18",
                "state": "beschlossen",
                "resolution": {"body": "Rat der Stadt Musterstadt", "date": "2026-06-18", "reference": "2026/101"},
                "summary": {"de": "Erste Fortschreibung."},
            }
        ],
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project in a fresh git repository, released twice; gh-pages checked out beside it."""
    root = copy_project(tmp_path_factory.mktemp("release") / "projekt")
    # start from a plan that has never been released: no snapshots, nothing removed yet
    for path in (root / "data" / "snapshots").glob("*"):
        path.unlink()
    (root / "data" / "removed.yml").unlink()
    releases = yaml.safe_load((root / "data" / "releases.yml").read_text(encoding="utf-8"))
    assert [r["version"] for r in releases] == ["2026.1"]
    # the measures as they stood when 2026.1 was adopted: no update after that day
    for path in (root / "data" / "measures").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        head, _, tail = text.partition("\nupdates:\n")
        first = tail.split("\n  - date: ")[1]
        head = re.sub(r"\nmerged_into: [A-Z]+-\d+", "", head)  # merged only later
        path.write_text(head + "\nupdates:\n  - date: " + first.rstrip("\n") + "\n", encoding="utf-8")
    for path in (root / "data" / "measures").glob("*.yml"):  # milestones done later are open then
        path.write_text(
            re.sub(r"\n    done: 2026-(0[3-9]|1[0-2])-\d\d", "", path.read_text(encoding="utf-8")), encoding="utf-8"
        )
    (root / ".gitignore").write_text("site/\n__pycache__/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "redaktion@musterstadt.example")
    git(root, "config", "user.name", "Redaktion")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Fassung 2026.1")
    first = release(root, "2026.1", pdfs=False)
    assert "git tag v2026.1" in first
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Stand der Fassung 2026.1")
    git(root, "tag", "v2026.1")
    second_release_data(root)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Fassung 2026.2")
    release(root, "2026.2")
    pages = tmp_path_factory.mktemp("gh-pages")
    archive = pages / "pages.tar"
    run(root, "git", "archive", "--format=tar", "-o", str(archive), "gh-pages")
    with tarfile.open(archive) as tar:
        tar.extractall(pages, filter="data")
    return root, pages


def text_of(page: Path) -> str:
    html = read_page(page)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_both_versions_latest_and_the_root(published: tuple[Path, Path]) -> None:
    _, pages = published
    for version in ("2026.1", "2026.2"):
        for lang in LANGUAGES:
            assert (pages / version / PREFIX[lang] / "index.html").is_file(), (version, lang)
    versions = json.loads((pages / "versions.json").read_text(encoding="utf-8"))
    assert versions == [
        {"version": "2026.2", "title": "2026.2 (beschlossen)", "aliases": ["latest"]},
        {"version": "2026.1", "title": "2026.1 (beschlossen)", "aliases": []},
    ]
    assert 'url=latest/"' in (pages / "index.html").read_text(encoding="utf-8")
    assert "../2026.2/en/massnahmen/wq-03/" in (
        pages / "latest" / "en" / "massnahmen" / "wq-03" / "index.html"
    ).read_text(encoding="utf-8")


def test_version_selector_and_language_switcher_stay_in_the_version(published: tuple[Path, Path]) -> None:
    _, pages = published
    for lang in LANGUAGES:
        page = pages / "2026.1" / PREFIX[lang] / "massnahmen" / "wq-03" / "index.html"
        html = page.read_text(encoding="utf-8")
        assert '"version": {"default": ["latest", "entwurf"], "provider": "mike"}' in html
        assert f'<link rel="canonical" href="{SITE_URL}2026.1/{PREFIX[lang]}massnahmen/wq-03/">' in html
        here = f"2026.1/{PREFIX[lang]}massnahmen/wq-03/"
        switcher = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"[^>]*class="md-select__link"', html)
        assert {other for _, other in switcher} == set(LANGUAGES)
        for href, other in switcher:
            target = posixpath.normpath(posixpath.join(here, href)) + "/"
            assert target == f"2026.1/{PREFIX[other]}massnahmen/wq-03/".replace("//", "/"), (lang, href)
    sitemap = (pages / "2026.2" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}2026.2/ar/massnahmen/wq-03/</loc>" in sitemap
    assert "2026.22026.2" not in sitemap
    assert "2026.2ar/" not in sitemap


def test_every_url_of_the_first_release_resolves_in_the_second(published: tuple[Path, Path]) -> None:
    root, pages = published
    urls = (root / "data" / "snapshots" / "2026.1.urls.txt").read_text(encoding="utf-8").split()
    assert "/ar/massnahmen/td-04/" in urls
    assert "/massnahmen/aa-03/" in urls
    assert len(urls) > 500
    missing = []
    for url in urls:
        target = pages / "2026.2" / url.lstrip("/")
        if not (target.is_file() or (target / "index.html").is_file()):
            missing.append(url)
    assert missing == []


def test_the_changes_page_is_computed_from_the_data(published: tuple[Path, Path]) -> None:
    _, pages = published
    german = text_of(pages / "2026.2" / "aenderungen" / "index.html")
    assert "Änderungen in Version 2026.2 Gegenüber Version 2026.1:" in german
    assert "Entfernte Maßnahmen TD-04:" in german
    assert "Zusammengeführte Maßnahmen AA-03: Berufspatenschaften → AA-01" in german
    assert "Änderungen in Version 2026.1 Die erste Fassung." in german
    first = text_of(pages / "2026.1" / "aenderungen" / "index.html")
    assert "Änderungen in Version 2026.1 Die erste Fassung." in first
    assert "2026.2" not in first
    removed = text_of(pages / "2026.2" / "massnahmen" / "td-04" / "index.html")
    assert "Diese Maßnahme gehört nicht mehr zum Handlungskonzept" in removed
    assert "Die erste Fassung ohne sie ist Version 2026.2. Zuletzt enthalten in Version 2026.1." in removed
    assert "Die Plattform geht im Quartiersforum auf." in removed
    arabic = text_of(pages / "2026.2" / "ar" / "massnahmen" / "td-04" / "index.html")
    assert "تندمج المنصة في منتدى الحي." in arabic


def test_banners_say_which_version_and_resolution(published: tuple[Path, Path]) -> None:
    _, pages = published
    old = read_page(pages / "2026.1" / "massnahmen" / "wq-03" / "index.html")
    assert "<strong>Version 2026.1</strong> · beschlossen am 26. Februar 2026 (Drucksache 2026/014)" in old
    assert 'data-plan-outdated data-version="2026.1" data-versions="../../../versions.json" hidden' in old
    assert '<a href="../../../latest/massnahmen/wq-03/">' in old
    newer = read_page(pages / "2026.2" / "massnahmen" / "wq-03" / "index.html")
    assert '<a href="../../daten/handlungskonzept-de.pdf" type="application/pdf">Gesamtdokument als PDF</a>' in newer
    assert (pages / "2026.2" / "daten" / "handlungskonzept-ar.pdf").read_bytes().startswith(b"%PDF-")
    new = read_page(pages / "2026.2" / "en" / "index.html")
    assert "<strong>Version 2026.2</strong> · adopted on June 18, 2026 (council paper 2026/101)" in new


def test_citation_files_and_citation_cff(published: tuple[Path, Path]) -> None:
    root, pages = published
    folder = pages / "2026.2" / "ar" / "massnahmen" / "wq-03"
    bib = (folder / "zitieren.bib").read_text(encoding="utf-8")
    assert "  version = {2026.2},\n" in bib
    assert f"  url = {{{SITE_URL}2026.2/ar/massnahmen/wq-03/}},\n" in bib
    assert "note = {Beschluss: Rat der Stadt Musterstadt, 18.06.2026, Drucksache 2026/101}" in bib
    ris = (folder / "zitieren.ris").read_bytes().decode("utf-8")
    assert f"UR  - {SITE_URL}2026.2/ar/massnahmen/wq-03/\r\n" in ris
    assert "ET  - 2026.2\r\n" in ris
    csl = json.loads((folder / "zitieren.json").read_text(encoding="utf-8"))
    assert csl[0]["version"] == "2026.2"
    assert csl[0]["issued"] == {"date-parts": [[2026, 6, 18]]}
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == "2026.2"
    assert cff["date-released"].isoformat() == "2026-06-18"
    assert cff["url"] == f"{SITE_URL}2026.2/"
    assert str(PROJECT) not in (root / "CITATION.cff").read_text(encoding="utf-8")


@pytest.mark.browser
def test_version_selector_banner_and_switcher_in_chromium(published: tuple[Path, Path]) -> None:
    import functools
    import http.server
    import threading

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.browser.test_pages import WCAG_TAGS

    _, pages = published

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(pages)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.goto(f"{base}/", wait_until="networkidle")
            assert page.url == f"{base}/2026.2/"  # root → latest → the newest adopted version
            for lang in ("de", "ar"):
                page.goto(f"{base}/2026.1/{PREFIX[lang]}massnahmen/wq-03/", wait_until="load")
                page.locator(".md-version").wait_for()
                adopted = {"de": "beschlossen", "ar": "معتمد"}[lang]  # the selector speaks the page's language
                assert page.locator(".md-version__link").all_inner_texts() == [
                    f"2026.2 ({adopted})",
                    f"2026.1 ({adopted})",
                ]
                banner = page.locator("[data-plan-outdated]")
                banner.wait_for(state="visible")  # a newer adopted version exists
                assert (
                    banner.locator("a").get_attribute("href")
                    == f"../../../{'../' if PREFIX[lang] else ''}latest/{PREFIX[lang]}massnahmen/wq-03/"
                )
                violations = (
                    Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]
                )
                assert [v["id"] for v in violations] == [], lang
                page.hover(".md-version")
                page.locator(".md-version__link", has_text="2026.2").click()
                page.wait_for_url(f"{base}/2026.2/{PREFIX[lang]}massnahmen/wq-03/")  # same page, newer version
                assert page.locator("[data-plan-outdated]").is_hidden()
            page.goto(f"{base}/2026.2/en/massnahmen/wq-03/", wait_until="networkidle")
            page.hover(".md-header__option .md-select")
            page.locator(".md-select__link[hreflang=ar]").click()
            page.wait_for_url(f"{base}/2026.2/ar/massnahmen/wq-03/")  # the switcher keeps the version
            assert errors == []
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_published_version_layout_in_chromium(published: tuple[Path, Path]) -> None:
    """The layout checks of tests/browser/test_layout.py on what readers see: a mike-published
    version with its banner ("a newer version exists") and Material's version selector, at
    320, 390 and 1366 px, in de, ar and uk; the version titles in the page's language."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.browser.layout import layout_problems, open_details, screenshot

    _, pages = published

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(pages)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    adopted = {"de": "beschlossen", "ar": "معتمد", "uk": "ухвалено"}
    problems: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for width in (320, 390, 1366):
                page = browser.new_page(viewport={"width": width, "height": 800})
                for lang in ("de", "ar", "uk"):
                    for kind, path in (("start", ""), ("measure", "massnahmen/wq-03/"), ("plan", "handlungskonzept/")):
                        page.goto(f"{base}/2026.1/{PREFIX[lang]}{path}", wait_until="load")
                        page.locator(".md-version").wait_for()  # versions.json has come: the selector is drawn
                        page.locator("[data-plan-outdated]").wait_for(state="visible")
                        open_details(page)
                        found = layout_problems(page)
                        problems += [f"2026.1/{PREFIX[lang]}{path} bei {width} px: {p}" for p in found]
                        screenshot(page, f"release-{lang}-{kind}", width)
                        current = page.locator(".md-version__current").inner_text()
                        if current != f"2026.1 ({adopted[lang]})":
                            problems.append(f"{lang}: Versionsauswahl „{current}“ nicht in der Sprache der Seite")
                page.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert problems == [], "\n".join(problems)
