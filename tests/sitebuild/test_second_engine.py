"""A second engine: ProperDocs, the maintained fork of MkDocs 1.6, builds the same site from the same mkdocs.yml.

The core imports no MkDocs and the hooks use only MkDocs 1.6's plugin API, so the site does not
depend on MkDocs staying maintained. Every file must be byte-identical to the MkDocs build except
the generator's <meta> tag, which names the engine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT

pytestmark = pytest.mark.site

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site(sample_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://integration.musterstadt.example/"}
    engine = Path(sys.executable).parent / "properdocs"
    result = subprocess.run(
        [str(engine), "build", "--strict", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr

    mkdocs, properdocs = files_of(sample_site), files_of(out)
    assert sorted(properdocs) == sorted(mkdocs)
    generators = {match for content in properdocs.values() for match in _GENERATOR.findall(content)}
    assert len(generators) == 1
    assert re.fullmatch(
        rb'<meta name="generator" content="mkdocs-ProperDocs [0-9.]+, mkdocs-material-[0-9.]+">', generators.pop()
    )
    different = [
        name
        for name, content in mkdocs.items()
        if _GENERATOR.sub(b"", content) != _GENERATOR.sub(b"", properdocs[name])
    ]
    assert different == []
