"""Full-text search with Pagefind: one index per language, built from the written pages.

Pagefind reads each page's <html lang> and writes a separate index per language, loaded
in small fragments: a reader downloads only their own language's index, however many
languages the site has. Material's built-in search would put every language in one file.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..plan.errors import PlanError, PlanErrors

BUNDLE = "pagefind"
"""The folder of the search bundle inside the site."""

IGNORED = ".headerlink, .plan-breadcrumb, .plan-fallback-notice, .plan-review-notice, .plan-follow, .plan-embed"
"""Parts of a page that say nothing about it: permalink signs, the path, the fallback notice."""

PAGES = "**/index.html"
"""What Pagefind reads: the pages MkDocs writes (a status card, `karte.html`, is no part of the search)."""


@contextlib.contextmanager
def indexing(site_dir: Path) -> Iterator[None]:
    """Index the built pages while the block writes the rest of the site; raise `PlanErrors` (German) if Pagefind fails.

    Pagefind reads only the pages (`index.html`): the calendars, feeds, cards, citations and PDFs
    the block writes meanwhile are no part of the index, so the index is the same as if it were
    built last, and the two run side by side on two cores.
    """
    with tempfile.TemporaryFile() as output:  # not a pipe: nobody reads it while the block runs
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"),
                *("--glob", PAGES, "--exclude-selectors", IGNORED),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield
        except BaseException:
            process.kill()  # the site is not published: no index is wanted
            process.wait()
            raise
        returncode = process.wait()
        if returncode != 0:
            output.seek(0)
            detail = output.read().decode("utf-8", errors="replace").strip().splitlines()
            reason = detail[-1] if detail else f"Exit-Code {returncode}"
            raise PlanErrors(
                [PlanError(str(site_dir), 0, "", f"der Suchindex konnte nicht gebaut werden: {reason}", kind="output")]
            )
    _sort_entry(site_dir / BUNDLE / "pagefind-entry.json")


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages in a different order on every run: sort them, for reproducible builds."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
