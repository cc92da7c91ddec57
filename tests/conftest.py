"""Shared fixtures: the sample site built once per test run, and a local web server for it.

`make test` runs the tests on two processes (pytest-xdist): the sites are built once for all of
them (the first process to ask builds, the others wait for it and read the same folder), in-process,
as `mkdocs build --strict` does. Tests that check the command line itself (exit code, messages)
still build in a separate process with `build_site`.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import logging
import os
import shutil
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.projectcopy import PROJECT, copy_project

sys.path.insert(0, str(PROJECT / "hooks"))  # the core, as MkDocs imports it for the hooks

from actionplan.plan.texts import direction
from actionplan.project import read_project

os.environ.pop("PLAN_CACHE", None)  # make's cache of parsed data: the tests' many copies of the sample would fill it
_project = read_project(PROJECT)
LANGUAGES, DEFAULT_LANGUAGE = _project.languages, _project.default_language
PREFIX = {lang: "" if lang == DEFAULT_LANGUAGE else f"{lang}/" for lang in LANGUAGES}
DIRECTION = {lang: direction(lang) for lang in LANGUAGES}


BUILD_ENVIRONMENT = {"NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://integration.musterstadt.example/"}


def build_site(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build of `project` into `out` in a separate process."""
    env = {**os.environ, **BUILD_ENVIRONMENT}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=out.parent,  # paths come from the config, never from the working directory
    )


SHARED_PER_PROCESS = {"browser", "context", "tabs", "tab"}
"""Module-scoped fixtures cheap enough to make in every process (a Chromium starts in a second).

`context` holds a module's tabs, `tabs` is the layout test's browser and `tab` the accessibility
test's: grouped, each module's tests (hundreds of page visits) would run in one process."""


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the tests that share a costly module-scoped fixture in one process, so it is made once.

    Under `--dist loadgroup` (make test) such a module's tests form one group (the two releases with
    mike, the PDFs, the open data); all other tests are spread over the processes one by one.
    """
    grouped = set()
    for item in items:
        info = getattr(item, "_fixtureinfo", None)  # pytest's record of the fixtures a test uses
        if info is None:
            continue
        if any(
            name not in SHARED_PER_PROCESS and any(d.scope == "module" for d in defs)
            for name, defs in info.name2fixturedefs.items()
        ):
            grouped.add(item)
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
            if config.getoption("loadgroup", False):
                _join_group(item, item.module.__name__)
    items.sort(key=lambda item: _start_rank(item, grouped))


def _start_rank(item: pytest.Item, grouped: set[pytest.Item]) -> int:
    """The order the processes take the tests in (a stable sort keeps each file's own order).

    The longest group first (the two releases with mike, about a third of the suite's time in one
    process), then the other groups and the tests that need no site build – they keep the other
    process busy while the first site is built – then the rest, which spreads evenly at the end.
    """
    if item.get_closest_marker("release"):
        return 0
    if item in grouped:
        return 1
    if item.get_closest_marker("site") or item.get_closest_marker("browser"):
        return 3
    return 2


def _join_group(item: pytest.Item, group: str) -> None:
    """The node id with xdist's group suffix ("…::test_x@group"), which its scheduler groups by.

    pytest-xdist 3.8 writes the suffix to `item._nodeid`, which pytest 9.2 no longer reads (it
    keeps the id in `_id`): without this every test of a group could run in another process.
    """
    if "@" in item.nodeid:
        return
    if hasattr(item, "_id"):
        from _pytest.nodeid import coerce_node_id  # type: ignore[import-not-found, unused-ignore]

        item._id = coerce_node_id(f"{item.nodeid}@{group}")
    else:
        item._nodeid = f"{item.nodeid}@{group}"


def build_site_here(project: Path, out: Path) -> None:
    """The strict build of `build_site` in this process (no interpreter to start, nothing to import again).

    As `mkdocs build --strict` does it: the same environment and working directory, warnings shown
    rather than raised, a warning fails the build (`Abort`), the plugins' startup and shutdown.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    saved, modules = dict(os.environ), dict(sys.modules)
    os.environ.update(BUILD_ENVIRONMENT)
    log = logging.getLogger("mkdocs")
    level = log.level
    log.setLevel(logging.INFO)  # as the command line: the hooks' warnings reach the strict counter
    try:
        with warnings.catch_warnings(), contextlib.chdir(out.parent):
            warnings.simplefilter("default")  # the test suite's "error" would fail the build on a library's notice
            config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(out))
            try:
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    build(config)
                finally:
                    config.plugins.on_shutdown()
            finally:
                for name in config.hooks:  # MkDocs registers each hook file as a module of its name
                    if name in modules:
                        sys.modules[name] = modules[name]
                    else:
                        sys.modules.pop(name, None)
    finally:
        log.setLevel(level)
        os.environ.clear()
        os.environ.update(saved)


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`make(folder)` once per test run, also across pytest-xdist's processes; returns the folder.

    The first process to ask makes it under a lock; the others wait and reuse it, or fail with the
    same message if making it failed.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the workers' folders lie side by side in the run's folder
    folder, done, failed = base / name, base / f"{name}.done", base / f"{name}.failed"
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException as error:
                failed.write_text(f"{name}: {type(error).__name__}: {error}", encoding="utf-8")
                raise
            done.touch()
    return folder


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site exactly as the repository builds it."""

    def make(folder: Path) -> None:
        build_site_here(PROJECT, folder / "site")

    return once_per_run(tmp_path_factory, "sample", make) / "site"


@pytest.fixture(scope="session")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with one prose page and one data text left untranslated in English."""

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        (project / "docs" / "auftakt.en.md").unlink()
        measure = project / "data" / "measures" / "wq-03.yml"
        text = measure.read_text(encoding="utf-8")
        start = text.index("  en: >-\n    New housing estates")
        end = text.index("  ar: >-", start)
        measure.write_text(text[:start] + text[end:], encoding="utf-8")
        build_site_here(project, project / "site")

    return once_per_run(tmp_path_factory, "fallback", make) / "project" / "site"


@pytest.fixture(scope="session")
def served_site(sample_site: Path) -> Iterator[str]:
    """The sample site on a local web server; yields its base URL. Missing addresses get its 404 page."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """An address with no file gets the site's own 404.html, with status 404, as on GitHub Pages."""
            not_found = sample_site / "404.html"
            if code != 404 or self.command != "GET" or not not_found.is_file():
                super().send_error(code, message, explain)
                return
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

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
