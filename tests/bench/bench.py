"""Benchmark: every row of issue 11's table, against the same pages as plain Markdown.

    make bench                      # everything but the test suite (RUNS=2 paired runs)
    make bench-test                 # the time of `make test`
    python tests/bench/bench.py --only build,check --runs 3
    python tests/bench/bench.py --project /elsewhere/checkout   # the same figures for another checkout

Rows: the full build of the sample and of a generated 500-measure plan vs. their plain-Markdown
twins (paired runs A B A B, medians, wall and CPU time), the cost per page at 27, 500 and 2,000
measures, peak memory, the preview latency of `make serve` (from writing a data file to the
served page showing it), the first start from a fresh clone, and `make check` at 1,000
measures. A synthetic plan is made by cloning the sample's measures under new ids; the twin
gets one hand-written-style page per measure and language, and a plain page for every other page
the hooks generate (fields of action, neighbourhoods, streets, comparison, search, removed measures). The machine's load is printed with
the figures: on a shared machine, compare CPU times. Timing is reported, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "hooks"))
sys.path.insert(0, str(PROJECT))
from actionplan.project import read_project  # noqa: E402 - after the path above
from tests.projectcopy import PROJECT_PARTS  # noqa: E402 - the test suite's list of what a build reads

WORK = PROJECT / ".bench"
SECTIONS = ("build", "pages", "preview", "check", "first-start", "test")
DEFAULT_SECTIONS = ("build", "pages", "preview", "check", "first-start")
source_root = PROJECT  # --project: the checkout whose code and sample are measured


def copy_project(target: Path) -> Path:
    """Copy what a build reads from the measured checkout into `target`, replacing it."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = source_root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def generate_plan(project: Path, count: int) -> list[dict[str, object]]:
    """Replace the project's measures by `count` clones of the sample's, spread over all fields."""
    measure_dir = project / "data" / "measures"
    samples = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(measure_dir.glob("*.yml"))]
    fields = yaml.safe_load((project / "data" / "fields.yml").read_text(encoding="utf-8"))
    shutil.rmtree(measure_dir)
    measure_dir.mkdir()
    # a generated plan has never been released: no snapshots, nothing removed
    shutil.rmtree(project / "data" / "snapshots", ignore_errors=True)
    (project / "data" / "removed.yml").unlink(missing_ok=True)
    # events and workshop themes link to the sample's measure ids, which the generated plan lacks
    events = project / "data" / "events.yml"
    if events.is_file():
        listed = yaml.safe_load(events.read_text(encoding="utf-8"))
        for event in listed:
            event.pop("measures", None)
            event["start"], event["end"] = str(event["start"]), str(event["end"])
        events.write_text(yaml.safe_dump(listed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    participation = project / "data" / "participation.yml"
    if participation.is_file():
        record = yaml.safe_load(participation.read_text(encoding="utf-8"))
        for theme in record["themes"]:
            theme["measures"] = []
        participation.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    made = []
    for n in range(count):
        field = fields[n % len(fields)]
        sample = next(s for s in samples[n % len(samples) :] + samples if s["field"] == field["id"])
        measure = dict(sample)
        measure["id"] = f"{field['prefix']}-{n // len(fields) + 1:03d}"
        measure.pop("merged_into", None)
        measure["updates"] = [u for u in sample["updates"] if u["status"] != "zusammengefuehrt"] or sample["updates"][
            :1
        ]
        if measure["updates"][-1]["status"] == "abgeschlossen":
            measure["updates"][-1] = {**measure["updates"][-1], "progress": 100}
        text = yaml.safe_dump(measure, allow_unicode=True, sort_keys=False)
        (measure_dir / f"{str(measure['id']).lower()}.yml").write_text(text, encoding="utf-8")
        made.append(measure)
    return made


def plain_twin(project: Path, measures: list[dict[str, object]], languages: list[str]) -> Path:
    """The same site without hooks: every measure as a plain Markdown page per language."""
    twin = copy_project(project.parent / (project.name + "-plain"))
    shutil.rmtree(twin / "hooks")
    (twin / "overrides" / "partials" / "alternate.html").unlink()  # needs the hooks; Material's own instead
    config = (twin / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    (twin / "mkdocs.yml").write_text(config + "\nnot_in_nav: |\n  /massnahmen/*/\n", encoding="utf-8")
    for page in (twin / "docs").rglob("*.md"):
        page.write_text(re.sub(r"<!--\s*plan:.*?-->", "", page.read_text(encoding="utf-8")), encoding="utf-8")
    target = twin / "docs" / "massnahmen"
    for measure in measures:
        for lang in languages:
            suffix = "" if lang == languages[0] else f".{lang}"
            title = measure["title"]
            summary = measure["summary"]
            assert isinstance(title, dict)
            assert isinstance(summary, dict)
            body = [f"# {measure['id']}: {title.get(lang, title['de'])}", "", summary.get(lang, summary["de"]), ""]
            for update in measure["updates"]:  # type: ignore[attr-defined]
                body += [f"- **{update['date']}** {update['status']}: {update['note'].get(lang, update['note']['de'])}"]
            (target / f"{str(measure['id']).lower()}{suffix}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
    other_pages(project, twin, languages)
    return twin


def other_pages(project: Path, twin: Path, languages: list[str]) -> None:
    """A plain page in every language for each page the hooks generate besides the measures.

    The fields of action and neighbourhoods (title, summary, their measures as links), the street
    list, the comparison of versions, the search page and removed measures (a heading and a line):
    the twin has as many HTML pages as our site, so the ratio compares the same pages.
    """
    from actionplan.build import check_build  # the pages a build of `project` generates

    checked = check_build(read_project(project), lang=languages[0])
    plan = checked.plan
    docs = twin / "docs"

    def text(value: dict[str, str], lang: str) -> str:
        return value.get(lang, value["de"])

    def measure_links(measures: list[Any], lang: str, depth: int) -> list[str]:
        up = "../" * depth
        return [f"- [{m.id}: {text(m.title, lang)}]({up}massnahmen/{m.id.lower()}.md)" for m in measures]

    for src, marker in checked.generated.items():
        if (docs / src).exists():
            continue  # a measure: written above
        depth = src.count("/")
        for lang in languages:
            if marker.name == "field":
                field = next(f for f in plan.fields if f.id == marker.args["id"])
                measures = [m for m in plan.measures if m.field == field.id]
                body = [f"# {text(field.title, lang)}", "", text(field.summary, lang), ""]
                body += measure_links(measures, lang, depth)
            elif marker.name == "quarter":
                quarter = next(q for q in plan.quarters if q.id == marker.args["id"])
                measures = [m for m in plan.measures if quarter.id in m.quarters or "alle" in m.quarters]
                body = [f"# {text(quarter.name, lang)}", "", text(quarter.summary, lang), ""]
                body += measure_links(measures, lang, depth)
            elif marker.name == "streets":
                body = ["# Straßen", ""] + [
                    f"- {street.name}: {', '.join(street.quarters())}" for street in plan.streets
                ]
            else:  # the comparison of versions, the search page, a removed measure
                title = " ".join([marker.name, *map(str, marker.args.values())])
                body = [f"# {title}", "", f"{title} ({lang})"]
            suffix = "" if lang == languages[0] else f".{lang}"
            page = docs / f"{src.removesuffix('.md')}{suffix}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text("\n".join(body) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Run:
    """One measured command: wall time, CPU time (user + system, its children included), peak memory."""

    wall: float
    cpu: float
    peak_kb: int


def run_measured(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run `command` to its end and measure it (os.wait4 gives this child's own resource use)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"{' '.join(command)} in {cwd} failed:\n{stderr.decode(errors='replace')}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def build_env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": ""}
    for name in ("PLAN_PREVIEW", "PLAN_PDF", "MIKE_DOCS_VERSION"):
        env.pop(name, None)  # the full build as `make build` makes it
    return env


def build_once(project: Path) -> Run:
    out = project / "site"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    return run_measured(command, project, build_env())


def paired_builds(ours: Path, plain: Path, runs: int) -> tuple[list[Run], list[Run]]:
    """A B A B …: both variants see the same moments of a noisy machine."""
    a: list[Run] = []
    b: list[Run] = []
    for _ in range(runs):
        a.append(build_once(ours))
        b.append(build_once(plain))
    return a, b


def median(runs: list[Run], attribute: str) -> float:
    return float(statistics.median(getattr(run, attribute) for run in runs))


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def site_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def compare(label: str, project: Path, twin: Path, page: str, runs: int, languages: list[str]) -> list[Run]:
    print(f"{label}  [{load()}]", flush=True)
    ours, plain = paired_builds(project, twin, runs)
    wall, plain_wall = median(ours, "wall"), median(plain, "wall")
    cpu, plain_cpu = median(ours, "cpu"), median(plain, "cpu")
    print(f"  build wall  ours {wall:6.2f} s   plain Markdown {plain_wall:6.2f} s   ratio {wall / plain_wall:4.2f}")
    print(f"  build CPU   ours {cpu:6.2f} s   plain Markdown {plain_cpu:6.2f} s   ratio {cpu / plain_cpu:4.2f}")
    print(f"  runs (wall) ours {[round(r.wall, 1) for r in ours]}  plain {[round(r.wall, 1) for r in plain]}")
    peak, plain_peak = max(r.peak_kb for r in ours), max(r.peak_kb for r in plain)
    print(f"  peak memory ours {peak / 1024:6.0f} MB   plain Markdown {plain_peak / 1024:6.0f} MB")
    ours_html = (project / "site" / "massnahmen" / page / "index.html").stat().st_size
    plain_html = (twin / "site" / "massnahmen" / page / "index.html").stat().st_size
    print(f"  measure page massnahmen/{page}/  ours {ours_html / 1024:5.1f} KB   plain {plain_html / 1024:5.1f} KB")
    print(
        f"  site    ours {site_size(project / 'site') / 2**20:6.1f} MB   plain {site_size(twin / 'site') / 2**20:6.1f} MB"
    )
    bundle = project / "site" / "pagefind"
    for lang in languages:
        index = sum(p.stat().st_size for p in bundle.rglob(f"*{lang}_*") if p.is_file())
        # without a stemmer for a language (e.g. fa), Pagefind serves its language-neutral build
        wasm_file = bundle / f"wasm.{lang}.pagefind"
        wasm = (wasm_file if wasm_file.exists() else bundle / "wasm.unknown.pagefind").stat().st_size
        print(
            f"  search  {lang}: index and fragments {index / 1024:7.1f} KB (loaded in parts), wasm {wasm / 1024:5.1f} KB"
        )
    return ours


def per_page(label: str, project: Path, runs: list[Run]) -> None:
    pages = html_pages(project / "site")
    wall, cpu = median(runs, "wall"), median(runs, "cpu")
    print(
        f"  {label:>14}: {pages:6d} pages  {wall * 1000 / pages:6.1f} ms wall/page  {cpu * 1000 / pages:6.1f} ms CPU/page"
        f"  peak {max(r.peak_kb for r in runs) / 1024:5.0f} MB   [{load()}]",
        flush=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, wanted: str | None, timeout: float, server: subprocess.Popen[bytes]) -> float:
    """Seconds until `url` answers (and contains `wanted`); polls every 50 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode})")
        page = fetch(url)
        if page is not None and (wanted is None or wanted in page):
            return time.perf_counter() - start
        time.sleep(0.05)
    sys.exit(f"{url} did not show {wanted!r} within {timeout:.0f} s")


def preview_latency(label: str, project: Path, measure_id: str, changes: int, lang: str = "de") -> None:
    """`make serve`'s loop: write a measure's title, time until the served measure page shows it."""
    port = free_port()
    env = {**build_env(), "PLAN_PREVIEW": lang}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml")]
    command += ["--dev-addr", f"127.0.0.1:{port}", "--livereload", "--watch", str(project / "data")]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/massnahmen/{measure_id.lower()}/"
    try:
        started = wait_for(url, None, 1800, server)
        data_file = project / "data" / "measures" / f"{measure_id.lower()}.yml"
        original = data_file.read_text(encoding="utf-8")
        times = []
        for n in range(changes):
            mark = f"Benchmark-Titel-{n}-{time.time_ns()}"
            changed = re.sub(r"^(title:\s*\n\s+de:\s*).*$", rf"\g<1>{mark}", original, count=1, flags=re.M)
            if changed == original:
                changed = re.sub(r"^(  de: ).*$", rf"\g<1>{mark}", original, count=1, flags=re.M)
            start = time.perf_counter()
            data_file.write_text(changed, encoding="utf-8")
            wait_for(url, mark, 1800, server)
            times.append(time.perf_counter() - start)
            time.sleep(1)  # let the watcher settle before the next change
        data_file.write_text(original, encoding="utf-8")
        print(
            f"  {label}: first build served after {started:5.1f} s; change → page shows it: median"
            f" {statistics.median(times):5.2f} s of {[round(t, 2) for t in times]}   [{load()}]",
            flush=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=60)


def check_time(project: Path, runs: int) -> None:
    """`make check` as make runs it: the first run with an empty cache of parsed files, then `runs` more."""
    env = {**build_env(), "PYTHONPATH": str(project / "hooks")}
    cache = project / ".bench-cache" if env.get("PLAN_CACHE") else None  # make sets one (older checkouts: none)
    if cache is not None:  # this copy's own, emptied first
        shutil.rmtree(cache, ignore_errors=True)
        env["PLAN_CACHE"] = str(cache)
    command = [sys.executable, "-m", "actionplan", "check"]
    first = run_measured(command, project, env)
    results = [run_measured(command, project, env) for _ in range(runs)]
    count = len(list((project / "data" / "measures").glob("*.yml")))
    print(
        f"  make check, {count} measures: median {median(results, 'wall'):5.2f} s wall, {median(results, 'cpu'):5.2f} s CPU"
        f" (runs {[round(r.wall, 2) for r in results]}); first run {first.wall:5.2f} s"
        f"{' (parses every file, writes the cache)' if cache is not None else ''}   [{load()}]",
        flush=True,
    )


def first_start(timeout: float) -> None:
    """A fresh clone of the measured checkout's commit: `make serve` until the site answers."""
    clone = WORK / "first-start"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", "--no-local", str(source_root), str(clone)], check=True)
    port = free_port()
    env = {k: v for k, v in build_env().items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    # as on a fresh machine: nothing in the installers' caches, every package downloaded
    cache = WORK / "first-start-cache"
    shutil.rmtree(cache, ignore_errors=True)
    env |= {"UV_CACHE_DIR": str(cache / "uv"), "PIP_NO_CACHE_DIR": "1"}
    command = ["make", "serve", f"ADDR=127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=clone, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        seconds = wait_for(f"http://127.0.0.1:{port}/", None, timeout, server)
        print(
            f"  first start (fresh clone, empty installer caches, make serve until the site answers):"
            f" {seconds:6.1f} s   [{load()}]"
        )
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have stopped by itself
            os.killpg(server.pid, signal.SIGTERM)  # make and the server it started: the group begun above
        server.wait(timeout=60)


def test_time() -> None:
    start = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=source_root, check=False)
    print(f"  make test: {time.perf_counter() - start:6.1f} s (exit {result.returncode})   [{load()}]")


def main() -> None:
    global source_root, WORK
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--measures", type=int, default=500, help="size of the generated plan (default 500; 0: the sample only)"
    )
    parser.add_argument("--runs", type=int, default=2, help="paired builds per variant (A B A B); medians reported")
    parser.add_argument("--only", default=",".join(DEFAULT_SECTIONS), help=f"comma-separated of {', '.join(SECTIONS)}")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the checkout to measure (default: this one)")
    parser.add_argument("--work", type=Path, default=WORK, help="the folder for the copies it builds (default .bench/)")
    args = parser.parse_args()
    only = set(args.only.split(","))
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    source_root, WORK = args.project.resolve(), args.work.resolve()
    languages = list(read_project(source_root).languages)
    print(f"measuring {source_root} at {time.strftime('%Y-%m-%d %H:%M:%S')}  [{load()}]", flush=True)

    sample = copy_project(WORK / "sample")
    sample_measures = [
        yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((sample / "data" / "measures").glob("*.yml"))
    ]
    builds: dict[int, tuple[Path, list[Run]]] = {}
    if only & {"build", "pages"}:
        runs = compare(
            f"full build, sample ({len(sample_measures)} measures × {len(languages)} languages)",
            sample,
            plain_twin(sample, sample_measures, languages),
            "wq-03",
            args.runs,
            languages,
        )
        builds[len(sample_measures)] = (sample, runs)
    if only & {"build", "pages"} and args.measures > 0:  # --measures 0: the sample only
        big = copy_project(WORK / f"plan{args.measures}")
        generated = generate_plan(big, args.measures)
        runs = compare(
            f"full build, generated ({args.measures} measures × {len(languages)} languages)",
            big,
            plain_twin(big, generated, languages),
            str(generated[0]["id"]).lower(),
            args.runs,
            languages,
        )
        builds[args.measures] = (big, runs)
    if "pages" in only:
        huge = copy_project(WORK / "plan2000")
        generate_plan(huge, 2000)
        builds[2000] = (huge, [build_once(huge)])  # one run: the point is the trend, not the digits
        print("cost per generated page (full build / HTML pages; flat means no per-page work grows with the plan):")
        for count, (project, runs) in sorted(builds.items()):
            per_page(f"{count} measures", project, runs)
    if "preview" in only:
        print("preview (make serve, German only):")
        preview_latency(f"sample, {len(sample_measures)} measures", copy_project(WORK / "serve-sample"), "WQ-03", 3)
        if args.measures > 0:
            serve_big = copy_project(WORK / f"serve{args.measures}")
            first = generate_plan(serve_big, args.measures)[0]["id"]
            preview_latency(f"generated, {args.measures} measures", serve_big, str(first), 3)
    if "check" in only:
        checked = copy_project(WORK / "check1000")
        generate_plan(checked, 1000)
        check_time(checked, 3)
    if "first-start" in only:
        first_start(timeout=900)
    if "test" in only:
        test_time()


if __name__ == "__main__":
    main()
