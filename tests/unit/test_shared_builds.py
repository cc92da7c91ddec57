"""The test suite's own machinery: a site made once per run is made once, and a failure is told to every asker."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import once_per_run


def test_made_once_and_reused(tmp_path_factory: pytest.TempPathFactory) -> None:
    calls: list[Path] = []

    def make(folder: Path) -> None:
        calls.append(folder)
        (folder / "index.html").write_text("<p>Musterstadt</p>", encoding="utf-8")

    first = once_per_run(tmp_path_factory, "shared-once", make)
    second = once_per_run(tmp_path_factory, "shared-once", make)

    assert first == second == calls[0]
    assert len(calls) == 1
    assert (second / "index.html").read_text(encoding="utf-8") == "<p>Musterstadt</p>"
    assert sorted(path.name for path in first.iterdir()) == ["index.html"]  # no marker file inside the site


def test_a_failure_is_not_made_again_but_reported_again(tmp_path_factory: pytest.TempPathFactory) -> None:
    calls: list[Path] = []

    def make(folder: Path) -> None:
        calls.append(folder)
        raise AssertionError("1 Fehler in den Daten – die Website wurde nicht gebaut")

    with pytest.raises(AssertionError, match="1 Fehler in den Daten"):
        once_per_run(tmp_path_factory, "shared-failing", make)
    with pytest.raises(pytest.fail.Exception) as again:
        once_per_run(tmp_path_factory, "shared-failing", make)

    assert len(calls) == 1
    assert str(again.value) == "shared-failing: AssertionError: 1 Fehler in den Daten – die Website wurde nicht gebaut"
