"""Shared fixtures: the sample site built once per session, and a local web server for it."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.projectcopy import PROJECT, copy_project

sys.path.insert(0, str(PROJECT / "hooks"))  # the core, as MkDocs imports it for the hooks

from actionplan.plan.texts import direction
from actionplan.project import read_project

_project = read_project(PROJECT)
LANGUAGES, DEFAULT_LANGUAGE = _project.languages, _project.default_language
PREFIX = {lang: "" if lang == DEFAULT_LANGUAGE else f"{lang}/" for lang in LANGUAGES}
DIRECTION = {lang: direction(lang) for lang in LANGUAGES}


def build_site(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build of `project` into `out` in a separate process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://integration.musterstadt.example/"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=out.parent,  # paths come from the config, never from the working directory
    )


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site exactly as the repository builds it."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = build_site(PROJECT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with one prose page and one data text left untranslated in English."""
    project = copy_project(tmp_path_factory.mktemp("fallback") / "project")
    (project / "docs" / "auftakt.en.md").unlink()
    measure = project / "data" / "measures" / "wq-03.yml"
    text = measure.read_text(encoding="utf-8")
    start = text.index("  en: >-\n    New housing estates")
    end = text.index("  ar: >-", start)
    measure.write_text(text[:start] + text[end:], encoding="utf-8")
    out = project / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def served_site(sample_site: Path) -> Iterator[str]:
    """The sample site on a local web server; yields its base URL."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(QuietHandler, directory=str(sample_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def measure_ids() -> list[str]:
    """Ids (lower case) of the sample's measures, from the data files."""
    return sorted(path.stem for path in (PROJECT / "data" / "measures").glob("*.yml"))
