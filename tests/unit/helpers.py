"""Paths and helpers shared by the unit tests (fixtures are in conftest.py)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from actionplan.project import Project

PROJECT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT / "tests" / "fixtures"
PLAN_DIR = FIXTURES / "plan"
BROKEN_DIR = FIXTURES / "broken"
TEMPLATES = PROJECT / "overrides" / "plan"
LANGUAGES = ["de", "en", "ar"]
"""The languages of the small fixture plan; the real sample has the site's (SITE_LANGUAGES)."""
SITE_LANGUAGES = ["de", "en", "ar", "fa", "uk", "tr", "ru"]
"""The languages configured in mkdocs.yml (test_real_sample_loads checks that they agree)."""

_NOT_OVERLAID = {"expected.txt", "DELETE"}


def broken_cases() -> list[Path]:
    """Every case directory under tests/fixtures/broken/."""
    return sorted(path for path in BROKEN_DIR.iterdir() if path.is_dir())


def expected_lines(case: str | Path) -> list[str]:
    """The error lines a broken case must produce, in report order."""
    directory = case if isinstance(case, Path) else BROKEN_DIR / case
    return (directory / "expected.txt").read_text(encoding="utf-8").splitlines()


def overlay(case: str | Path, data_dir: Path) -> None:
    """Copy a broken case's files over a data folder and remove what its DELETE file lists."""
    directory = case if isinstance(case, Path) else BROKEN_DIR / case
    for source in sorted(directory.rglob("*")):
        relative = source.relative_to(directory).as_posix()
        if source.is_dir() or relative in _NOT_OVERLAID:
            continue
        target = data_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    delete = directory / "DELETE"
    if delete.exists():
        for relative in delete.read_text(encoding="utf-8").split():
            (data_dir / relative).unlink()


def project_at(root: Path, languages: Sequence[str] = LANGUAGES, site_url: str = "") -> Project:
    """A project in `root` (data/, docs/) without mkdocs.yml, themed by the repository's overrides/."""
    return Project(
        root=root,
        site_url=site_url,
        languages=tuple(languages),
        default_language="de",
        site_names={},
        docs_dir=root / "docs",
        theme_dir=PROJECT / "overrides",
    )


def copy_plan(data_dir: Path, *cases: str | Path) -> Path:
    """Copy the valid plan to `data_dir`, overlay the named cases and return `data_dir`."""
    shutil.copytree(PLAN_DIR, data_dir)
    for case in cases:
        overlay(case, data_dir)
    return data_dir
