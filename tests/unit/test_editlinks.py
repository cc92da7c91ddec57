"""The file behind each page and its address in GitHub's web editor (the "edit this page" link)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actionplan.build import prepare_build
from actionplan.plan.errors import PlanErrors
from actionplan.plan.loading import load_plan
from actionplan.plan.model import Repository
from actionplan.plan.plan import Plan
from actionplan.site.editlinks import content_file, edit_url
from actionplan.site.markers import Marker

from .helpers import FIXTURES, PROJECT, SITE_LANGUAGES, project_at

REPOSITORY = Repository(url="https://github.com/musterstadt/integration")


def test_edit_url_is_the_web_editor_on_the_branch() -> None:
    assert edit_url(REPOSITORY, "docs/leitbild.en.md") == (
        "https://github.com/musterstadt/integration/edit/main/docs/leitbild.en.md"
    )
    other = Repository(url="https://github.com/stadt-x/integration/", branch="redaktion/2026")
    assert edit_url(other, "docs/über uns.md") == (
        "https://github.com/stadt-x/integration/edit/redaktion/2026/docs/%C3%BCber%20uns.md"
    )


@pytest.mark.parametrize(
    ("marker", "file"),
    [
        (Marker("measure", {"id": "WQ-01"}), "plan/measures/wq-01.yml"),
        (Marker("field", {"id": "wohnen-quartier"}), "plan/fields.yml"),
        (Marker("quarter", {"id": "nordstadt"}), "plan/quarters.yml"),
        (Marker("search", {}), None),  # made from a template only: no file to edit
        (Marker("measure", {"id": "XX-99"}), None),
    ],
)
def test_a_generated_page_is_edited_in_its_data_file(plan: Plan, marker: Marker, file: str | None) -> None:
    assert content_file(plan, marker, None, FIXTURES) == file


def test_a_prose_page_is_edited_in_its_markdown_file(plan: Plan, tmp_path: Path) -> None:
    assert content_file(plan, None, FIXTURES / "docs" / "leitbild.en.md", FIXTURES) == "docs/leitbild.en.md"
    assert content_file(plan, None, tmp_path / "leitbild.md", FIXTURES) is None  # outside the repository
    assert content_file(plan, None, None, FIXTURES) is None


def site_project(tmp_path: Path, repository: str | None) -> Path:
    """The fixture plan with the sample's site.yml (with or without `repository`) and one prose page."""
    shutil.copytree(FIXTURES / "plan", tmp_path / "data")
    site = (PROJECT / "data" / "site.yml").read_text(encoding="utf-8")
    site = site[: site.index("\nrepository:")] + "\n" + (repository or "")
    (tmp_path / "data" / "site.yml").write_text(site, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.en.md").write_text("# Start\n", encoding="utf-8")
    return tmp_path


def test_plan_build_gives_each_page_its_edit_url(tmp_path: Path) -> None:
    root = site_project(tmp_path, "repository:\n  url: https://github.com/musterstadt/integration\n")
    build = prepare_build(project_at(root, SITE_LANGUAGES), lang="en")

    editor = "https://github.com/musterstadt/integration/edit/main/"
    assert build.edit_url("index.md", root / "docs" / "index.en.md") == editor + "docs/index.en.md"
    assert build.edit_url("massnahmen/sb-01.md", root / "docs" / "massnahmen" / "sb-01.md") == (
        editor + "data/measures/sb-01.yml"
    )
    assert build.edit_url("handlungskonzept/sprache-bildung.md", None) == editor + "data/fields.yml"
    assert build.edit_url("quartiere/suedstadt.md", None) == editor + "data/quarters.yml"
    assert build.edit_url("suche.md", root / "docs" / "suche.md") is None


def test_without_a_repository_there_is_no_edit_link(tmp_path: Path) -> None:
    root = site_project(tmp_path, None)
    build = prepare_build(project_at(root, SITE_LANGUAGES), lang="de")

    assert build.edit_url("index.md", root / "docs" / "index.en.md") is None


@pytest.mark.parametrize(
    ("repository", "message"),
    [
        (
            "repository:\n  url: https://gitlab.com/musterstadt/integration\n",
            "data/site.yml:{line}:8: repository.url: „https://gitlab.com/musterstadt/integration“ ist keine Adresse "
            "eines GitHub-Repositorys (Beispiel: https://github.com/musterstadt/integration)",
        ),
        (
            "repository:\n  url: https://github.com/musterstadt/integration.git\n",
            "data/site.yml:{line}:8: repository.url: „https://github.com/musterstadt/integration.git“ ist keine "
            "Adresse eines GitHub-Repositorys (Beispiel: https://github.com/musterstadt/integration)",
        ),
        (
            "repository:\n  url: https://github.com/musterstadt/integration\n  branch: haupt zweig\n",
            "data/site.yml:{line}:11: repository.branch: „haupt zweig“ ist kein gültiger Name eines Zweigs "
            "(Beispiel: main)",
        ),
    ],
)
def test_a_wrong_repository_is_reported(tmp_path: Path, repository: str, message: str) -> None:
    root = site_project(tmp_path, repository)
    lines = (root / "data" / "site.yml").read_text(encoding="utf-8").splitlines()
    line = len(lines)  # the wrong value stands in the last line

    with pytest.raises(PlanErrors) as caught:
        load_plan(root / "data", root, SITE_LANGUAGES)

    assert [str(e) for e in caught.value.errors] == [message.format(line=line)]


def test_the_sample_names_its_github_repository() -> None:
    plan = load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)
    assert plan.site is not None
    assert plan.site.repository is not None
    assert plan.site.repository.url.startswith("https://github.com/")
