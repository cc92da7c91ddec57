"""Lighthouse in mobile mode on the pages a resident meets, in German and Arabic – a benchmark, not a test.

    make lighthouse                          # builds the site into .lighthouse/site, then measures
    python tests/bench/lighthouse.py --site site --lighthouse /path/to/lighthouse

Runs the npm package `lighthouse` (pinned in package.json) against Debian's Chromium on the start
page, the action plan's overview, a measure page and a neighbourhood page, served locally, and
prints the performance, accessibility, best-practices and SEO scores. Nothing is asserted: the
scores vary with the machine's load.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "Startseite": "",
    "Handlungskonzept": "handlungskonzept/",
    "Maßnahme": "massnahmen/wq-03/",
    "Quartier": "quartiere/nordstadt/",
}
LANGUAGES = {"de": "", "ar": "ar/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"


def build(site: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(site)],
        check=True,
        env=env,
    )


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def scores(lighthouse: str, url: str) -> dict[str, int]:
    """One Lighthouse run (mobile: its default form factor and throttling), scores 0–100 per category."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                lighthouse,
                url,
                "--quiet",
                "--form-factor=mobile",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    return {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one)")
    parser.add_argument("--lighthouse", default=str(PROJECT / "node_modules" / ".bin" / "lighthouse"))
    args = parser.parse_args()
    site = args.site
    if site is None:
        site = PROJECT / ".lighthouse" / "site"
        build(site)
    server, base = serve(site)
    try:
        print(f"{'Seite':<18} {'Sprache':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES))
        for name, path in PAGES.items():
            for lang, prefix in LANGUAGES.items():
                result = scores(args.lighthouse, base + prefix + path)
                print(f"{name:<18} {lang:<8} " + " ".join(f"{result[c]:>14}" for c in CATEGORIES), flush=True)
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
