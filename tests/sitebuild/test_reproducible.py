"""Two builds of the same sources give byte-identical sites: no build-time clock anywhere."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import PROJECT, build_site

pytestmark = pytest.mark.site


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_the_same_commit_are_byte_identical(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # dates must come from the data
    assert "SOURCE_DATE_EPOCH" not in os.environ
    result = build_site(PROJECT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    first, second = tree(sample_site), tree(tmp_path / "site")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    newest = max(
        re.findall(
            r"\n  - date: (\d{4}-\d\d-\d\d)",
            "".join(path.read_text(encoding="utf-8") for path in (PROJECT / "data" / "measures").glob("*.yml")),
        )
    )
    assert f"<lastmod>{newest}</lastmod>" in first["sitemap.xml"].decode()  # the data's date, not today's
