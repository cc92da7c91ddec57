"""„Diese Seite bearbeiten“: every page links to the GitHub web editor of the file holding its content."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actionplan.project import read_mkdocs_yml
from actionplan.site.hyphenation import strip_soft_hyphens
from tests.conftest import LANGUAGES, PREFIX, PROJECT
from tests.sitebuild.htmlscan import Document, parse

pytestmark = pytest.mark.site

REPOSITORY = yaml.safe_load((PROJECT / "data" / "site.yml").read_text(encoding="utf-8"))["repository"]
EDIT = f"{REPOSITORY['url']}/edit/{REPOSITORY['branch']}/"
LABELS = yaml.safe_load((PROJECT / "hooks" / "actionplan" / "plan" / "labels.yml").read_text(encoding="utf-8"))[
    "page.edit"
]


def edit_links(doc: Document) -> list[str]:
    return [tag.attrs["href"] for tag in doc.find_all("a", rel="edit")]


def edit_link(site: Path, url: str) -> str:
    links = edit_links(parse(site / url / "index.html"))
    assert len(links) == 1, f"{url}: {links}"
    return links[0]


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("", "docs/index.md"),
        ("leitbild/", "docs/leitbild.md"),
        ("handlungskonzept/", "docs/handlungskonzept/index.md"),
        ("en/leitbild/", "docs/leitbild.en.md"),
        ("ar/leitbild/", "docs/leitbild.ar.md"),
        ("en/handlungskonzept/", "docs/handlungskonzept/index.en.md"),
        ("en/leichte-sprache/", "docs/leichte-sprache.md"),  # German by design: the German file
        ("massnahmen/wq-03/", "data/measures/wq-03.yml"),
        ("fa/massnahmen/wq-03/", "data/measures/wq-03.yml"),
        ("handlungskonzept/wohnen-quartier/", "data/fields.yml"),
        ("uk/handlungskonzept/wohnen-quartier/", "data/fields.yml"),
        ("quartiere/nordstadt/", "data/quarters.yml"),
        ("tr/quartiere/nordstadt/", "data/quarters.yml"),
    ],
)
def test_edit_link_opens_the_file_with_the_content(sample_site: Path, url: str, file: str) -> None:
    assert edit_link(sample_site, url) == EDIT + file
    assert (PROJECT / file).is_file()


def test_a_page_shown_in_german_links_to_the_german_file(fallback_site: Path) -> None:
    # docs/auftakt.en.md is missing in this build: the English page shows docs/auftakt.md
    assert edit_link(fallback_site, "en/auftakt/") == EDIT + "docs/auftakt.md"
    assert edit_link(fallback_site, "ar/auftakt/") == EDIT + "docs/auftakt.ar.md"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_link_says_what_it_does_in_the_page_language(sample_site: Path, lang: str) -> None:
    page = (sample_site / PREFIX[lang] / "leitbild" / "index.html").read_text(encoding="utf-8")
    link = page[page.index('<p class="plan-edit">') :]
    link = strip_soft_hyphens(link[: link.index("</p>")])  # the build's soft hyphens in long words

    assert f"<span>{LABELS[lang]}</span>" in link
    assert '<span aria-hidden="true"><svg' in link  # the icon is decoration; the text is the name


def test_every_page_but_the_search_links_to_an_existing_file(sample_site: Path) -> None:
    checked = 0
    for html in sample_site.rglob("index.html"):
        url = html.parent.relative_to(sample_site).as_posix()
        if "assets" in html.parts or url.split("/")[-1] == "suche":
            continue
        links = edit_links(parse(html))
        assert len(links) == 1, f"{url}: {links}"
        assert links[0].startswith(EDIT), url
        assert (PROJECT / links[0].removeprefix(EDIT)).is_file(), url
        checked += 1
    assert checked > 100


def test_the_search_page_has_no_edit_link(sample_site: Path) -> None:
    assert edit_links(parse(sample_site / "suche" / "index.html")) == []


def test_no_repository_widget_that_calls_the_github_api(sample_site: Path) -> None:
    assert "repo_url" not in read_mkdocs_yml(PROJECT / "mkdocs.yml")
    page = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "md-source" not in page
    assert "api.github.com" not in page
