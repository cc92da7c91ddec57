"""Full-text search with Pagefind: one index per language, built after the site.

Pagefind reads each page's <html lang> and writes a separate index per language, loaded
in small fragments: a reader downloads only their own language's index, however many
languages the site has. Material's built-in search would put every language in one file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..plan.errors import PlanError, PlanErrors

BUNDLE = "pagefind"
"""The folder of the search bundle inside the site."""

IGNORED = ".headerlink, .plan-breadcrumb, .plan-fallback-notice, .plan-review-notice, .plan-follow, .plan-embed"
"""Parts of a page that say nothing about it: permalink signs, the path, the fallback notice."""


def index_site(site_dir: Path) -> None:
    """Index the built site; raise `PlanErrors` (German) if Pagefind fails."""
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"),
            *("--exclude-selectors", IGNORED),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"Exit-Code {result.returncode}"
        raise PlanErrors(
            [PlanError(str(site_dir), 0, "", f"der Suchindex konnte nicht gebaut werden: {reason}", kind="output")]
        )
    _sort_entry(site_dir / BUNDLE / "pagefind-entry.json")


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages in a different order on every run: sort them, for reproducible builds."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
