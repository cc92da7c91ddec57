"""Every generated page is valid HTML according to the Nu HTML Checker (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT

pytestmark = pytest.mark.site

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_html_checker_finds_no_error(sample_site: Path) -> None:
    if not VNU.is_file():
        pytest.fail("vnu.jar fehlt: `npm ci` installiert ihn (das macht `make test`)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java fehlt: apt-get install default-jre-headless (das macht .ci/run)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(sample_site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []
    assert len(list(sample_site.rglob("*.html"))) > 300  # the checker saw the whole site
