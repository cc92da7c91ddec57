"""The build refuses what breaks the promises, on every page it writes, and says where (prose_safety.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_site
from tests.projectcopy import copy_project

pytestmark = pytest.mark.site

PIXEL = "![Logo](https://tracker.example.com/pixel.png)"
THEME_SCRIPT = "<script>window.__theme_injected = 1</script>"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample with a tracking pixel in the Leitbild, an iframe in an English page and a script in the theme."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    leitbild = project / "docs" / "leitbild.md"
    leitbild.write_text(leitbild.read_text(encoding="utf-8") + f"\n{PIXEL}\n", encoding="utf-8")
    auftakt = project / "docs" / "auftakt.en.md"
    auftakt.write_text(
        auftakt.read_text(encoding="utf-8") + '\n<iframe src="https://video.example.com/embed/1"></iframe>\n',
        encoding="utf-8",
    )
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8") + "\n{% block footer %}{{ super() }}" + THEME_SCRIPT + "{% endblock %}\n",
        encoding="utf-8",
    )
    result = build_site(project, project / "site")
    assert result.returncode == 1, result.stdout + result.stderr
    return project, result.stderr


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_prose_is_refused_on_the_markdown_line(hostile_build: tuple[Path, str]) -> None:
    project, report = hostile_build
    leitbild, auftakt = project / "docs" / "leitbild.md", project / "docs" / "auftakt.en.md"

    assert (
        f"  docs/leitbild.md:{line_of(leitbild, PIXEL)}: <img src> lädt „https://tracker.example.com/pixel.png“ von"
        " einem anderen Server – Bilder bitte unter docs/ ablegen und relativ einbinden, z. B. ![Logo](bilder/logo.png)\n"
    ) in report
    iframe = '<iframe src="https://video.example.com/embed/1"></iframe>'
    assert (
        f"  docs/auftakt.en.md:{line_of(auftakt, iframe)}: <iframe> bettet Inhalte eines anderen Servers in die Seite ein"
        " und ist nicht erlaubt – bitte stattdessen einen Link setzen; Videos bitte unter docs/ ablegen\n"
    ) in report


def test_every_written_page_is_checked_generated_pages_and_404_included(hostile_build: tuple[Path, str]) -> None:
    _, report = hostile_build
    script = (
        "ein Skript im Text ist nicht erlaubt – Skripte laufen nur aus den Dateien der Website"
        " (overrides/assets/javascripts/) – bitte entfernen"
    )
    elsewhere = " (steht so nicht in dieser Datei – vielleicht in einer Vorlage unter overrides/)"

    assert f"  data/measures/wq-03.yml: {script}{elsewhere}\n" in report  # a generated page: the data it shows
    assert f"  data/fields.yml: {script}{elsewhere}\n" in report
    assert f"  docs/leitbild.md: {script}{elsewhere}\n" in report
    assert f"  overrides (Theme): {script}" in report  # the 404 page
    assert "Traceback" not in report
    assert report.count(" Fehler in den Daten – die Website wurde nicht gebaut:") == 1  # all languages, one report
