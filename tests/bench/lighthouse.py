"""Lighthouse in mobile mode on the pages a resident meets, in German and Arabic – a benchmark, not a test.

    make lighthouse                          # builds the site into .lighthouse/site, then measures
    python tests/bench/lighthouse.py --site site --lighthouse /path/to/lighthouse

Runs the npm package `lighthouse` (pinned in package.json) against Debian's Chromium on the start
page, the action plan's overview, a measure page and a neighbourhood page, served locally the
way GitHub Pages serves them (text files gzip-compressed), and prints the median of `--runs`
runs of the performance, accessibility, best-practices and SEO scores, plus the median first and
largest contentful paint. Each run's report is kept in .lighthouse/reports/. Nothing is
asserted: the scores vary with the machine's load.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
REPORTS = PROJECT / ".lighthouse" / "reports"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "Startseite": "",
    "Handlungskonzept": "handlungskonzept/",
    "Maßnahme": "massnahmen/wq-03/",
    "Quartier": "quartiere/nordstadt/",
}
LANGUAGES = {"de": "", "ar": "ar/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAINTS = ("first-contentful-paint", "largest-contentful-paint")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"


def build(site: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(site)],
        check=True,
        env=env,
    )


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml"}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves like GitHub Pages does: text files gzip-compressed when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def scores(lighthouse: str, url: str, report: Path) -> dict[str, float]:
    """One Lighthouse run (mobile: its default form factor and throttling): scores 0–100 per
    category, and first and largest contentful paint in seconds."""
    report.parent.mkdir(parents=True, exist_ok=True)
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
    result = {c: 100 * (data["categories"][c]["score"] or 0) for c in CATEGORIES}
    for metric in PAINTS:
        result[metric] = data["audits"][metric]["numericValue"] / 1000
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one)")
    parser.add_argument("--lighthouse", default=str(PROJECT / "node_modules" / ".bin" / "lighthouse"))
    parser.add_argument("--runs", type=int, default=3, help="runs per page; medians are printed")
    args = parser.parse_args()
    site = args.site
    if site is None:
        site = PROJECT / ".lighthouse" / "site"
        build(site)
    server, base = serve(site)
    try:
        print(f"median of {args.runs} runs, load {os.getloadavg()[0]:.1f}")
        print(f"{'Seite':<18} {'Sprache':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES) + "    FCP s    LCP s")
        for name, path in PAGES.items():
            for lang, prefix in LANGUAGES.items():
                slug = f"{(path.strip('/') or 'start').replace('/', '-')}-{lang}"
                runs = [
                    scores(args.lighthouse, base + prefix + path, REPORTS / f"{slug}-{run + 1}.json")
                    for run in range(args.runs)
                ]
                result = {key: statistics.median(run[key] for run in runs) for key in (*CATEGORIES, *PAINTS)}
                print(
                    f"{name:<18} {lang:<8} "
                    + " ".join(f"{result[c]:>14.0f}" for c in CATEGORIES)
                    + "".join(f"{result[m]:>9.2f}" for m in PAINTS),
                    flush=True,
                )
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
