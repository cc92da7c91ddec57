"""Shared fixtures of the unit tests: the valid test plan and broken variants of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan

from .helpers import FIXTURES, LANGUAGES, PLAN_DIR, copy_plan


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as on an editor's machine even in CI: no annotations, nothing written to the real job summary."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[..., Path]:
    """Copy the valid plan to tmp_path/data with the named broken cases overlaid.

    With `root=tmp_path`, messages name files as `data/measures/wq-01.yml`.
    """

    def make(*cases: str | Path) -> Path:
        return copy_plan(tmp_path / "data", *cases)

    return make


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The valid test plan: fields wohnen-quartier and sprache-bildung, measures SB-01, WQ-01, WQ-02."""
    return load_plan(PLAN_DIR, FIXTURES, LANGUAGES)
