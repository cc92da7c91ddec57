"""Benchmark: our build vs. the same pages as plain Markdown, same theme and languages.

    make bench                      # sample plan and a generated 500-measure plan
    python tests/bench/bench.py --measures 1000 --runs 3

A synthetic plan is made by cloning the sample's measures under new ids; the plain-Markdown
twin gets one hand-written-style page per measure and language. Prints build times, their
ratio, and the HTML size of one measure page. Timing is reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))
from actionplan.project import read_project

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))
from tests.projectcopy import copy_project  # noqa: E402 - the test suite's own copy

WORK = PROJECT / ".bench"


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
    return twin


def timed_build(project: Path, runs: int) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": ""}
    times = []
    for _ in range(runs):
        out = project / "site"
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        times.append(time.perf_counter() - start)
        if result.returncode:
            sys.exit(f"build of {project} failed:\n{result.stderr}")
    return statistics.median(times)


def site_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def measure(label: str, project: Path, twin: Path, page: str, runs: int, languages: list[str]) -> None:
    ours, plain = timed_build(project, runs), timed_build(twin, runs)
    ours_html = (project / "site" / "massnahmen" / page / "index.html").stat().st_size
    plain_html = (twin / "site" / "massnahmen" / page / "index.html").stat().st_size
    print(f"{label}:")
    print(f"  build   ours {ours:6.2f} s   plain Markdown {plain:6.2f} s   ratio {ours / plain:4.2f}")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measures", type=int, default=500, help="size of the generated plan (default 500)")
    parser.add_argument("--runs", type=int, default=1, help="builds per variant; the median is reported")
    args = parser.parse_args()
    languages = list(read_project(PROJECT).languages)

    sample = copy_project(WORK / "sample")
    sample_measures = [
        yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((sample / "data" / "measures").glob("*.yml"))
    ]
    measure(
        f"sample ({len(sample_measures)} measures × {len(languages)} languages)",
        sample,
        plain_twin(sample, sample_measures, languages),
        "wq-03",
        args.runs,
        languages,
    )

    big = copy_project(WORK / f"plan{args.measures}")
    generated = generate_plan(big, args.measures)
    first = str(generated[0]["id"]).lower()
    measure(
        f"generated ({args.measures} measures × {len(languages)} languages)",
        big,
        plain_twin(big, generated, languages),
        first,
        args.runs,
        languages,
    )


if __name__ == "__main__":
    main()
