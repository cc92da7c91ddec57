"""Fuzzing the data files: whatever an editor or a pull request makes of them, the check ends in German errors.

Each example takes one data file of the sample, mutates it – structure-aware (keys and values
removed, swapped, renamed, given another type) or as raw bytes (inserted, deleted, repeated,
YAML's special characters) – and runs the check path in-process, as `make check` does
(`prepare_build`: load, validate, scan the prose). It must end in success or in `PlanErrors`
whose every error names a file, a line and a German message: never a traceback.

`make test` runs a few examples (FUZZ_EXAMPLES, default 10 per test); `make fuzz` runs 2,000 with a
deadline of 60 s per example (a hang, not a slow machine). No example database is kept (`database=None`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan.build import prepare_build
from actionplan.plan.errors import PlanErrors
from actionplan.project import Project, read_project
from tests.projectcopy import PROJECT, copy_project

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
DEADLINE = (
    dt.timedelta(seconds=60) if "FUZZ_EXAMPLES" in os.environ else None
)  # `make fuzz` only: no timing in `make test`
DATA_FILES = sorted(
    path.relative_to(PROJECT).as_posix()
    for path in [*(PROJECT / "data").glob("*.yml"), *(PROJECT / "data" / "measures").glob("*.yml")]
)
SNAPSHOTS = sorted(path.relative_to(PROJECT).as_posix() for path in (PROJECT / "data" / "snapshots").glob("*.json"))
ORIGINALS = {name: (PROJECT / name).read_bytes() for name in [*DATA_FILES, *SNAPSHOTS]}
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=DEADLINE,
    database=None,  # nothing written into the repository (.hypothesis/)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FAILURES = Path(tempfile.gettempdir()) / "actionplan-fuzz"
"""Where a failing example's whole file is written, outside the repository."""
GERMAN = frozenset(
    [
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "einen",
        "kein",
        "keine",
        "nicht",
        "ist",
        "sind",
        "muss",
        "darf",
        "gibt",
        "es",
        "oder",
        "und",
        "mit",
        "von",
        "zu",
        "nach",
        "vor",
        "bitte",
        "erwartet",
        "erlaubt",
        "fehlt",
        "braucht",
        "mindestens",
        "datei",
        "wert",
        "zahl",
        "liste",
        "datum",
        "schlüssel",
        "eintrag",
    ]
)
"""Words of which every German message has one (and no English one has)."""
ENGLISH = ("Input should", "Field required", "Traceback", "object has no", "is not", "must be", "Value error")


@pytest.fixture(scope="module")
def project() -> Iterator[Project]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        root = copy_project(Path(folder) / "project")
        yield read_project(root)
        shutil.rmtree(root, ignore_errors=True)


# ---- Mutations

YAML_BITS = [
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"[",
    b"]",
    b"{",
    b"}",
    b": ",
    b"- ",
    b"\t",
    b'"',
    b"'",
    b"!!binary ",
    b"%YAML 1.1\n",
    b"---\n",
    b"? ",
    b"|",
    b">-",
    b"#",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\n  ",
    b"1e999",
    b"2026-02-30",
    b"~",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.sampled_from(["de", "en", "WQ-01", "laufend", "fertig", "alle", "2026-01-01", "https://example.org/", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["de", "en", "id", "title", "x"]) | st.text(max_size=8), inner, max_size=4),
    ),
    max_leaves=12,
)


def _containers(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a list or mapping inside `value`, the root included."""
    if isinstance(value, dict):
        yield path
        for key, item in value.items():
            yield from _containers(item, (*path, key))
    elif isinstance(value, list):
        yield path
        for index, item in enumerate(value):
            yield from _containers(item, (*path, index))


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


@st.composite
def structural_mutation(draw: st.DrawFn, original: bytes) -> bytes:
    as_json = original.lstrip().startswith(b"{")
    data = json.loads(original) if as_json else yaml.safe_load(original.decode("utf-8"))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = list(_containers(data))
        if not paths:
            data = draw(values)
            continue
        container = _at(data, draw(st.sampled_from(paths)))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        action = draw(st.sampled_from(["delete", "replace", "swap", "rename", "duplicate", "retype"]))
        if not keys:
            action = "add"
        key = draw(st.sampled_from(keys)) if keys else None
        if action == "delete":
            del container[key]
        elif action == "replace":
            container[key] = draw(values)
        elif action == "swap":
            other = draw(st.sampled_from(keys))
            container[key], container[other] = container[other], container[key]
        elif action == "rename" and isinstance(container, dict):
            new = draw(st.sampled_from([*keys, "id", "de", "status", "updates"]) | st.text(max_size=10))
            container[new] = container.pop(key)
        elif action == "duplicate" and isinstance(container, list):
            container.insert(key, container[key])
        elif action == "retype":
            current = container[key]
            container[key] = (
                ([current] if not isinstance(current, list) else (current[0] if current else {}))
                if draw(st.booleans())
                else str(current)
            )
        elif action == "add":
            if isinstance(container, dict):
                container[draw(st.text(max_size=10))] = draw(values)
            else:
                container.append(draw(values))
    if as_json:
        return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@st.composite
def byte_mutation(draw: st.DrawFn, original: bytes) -> bytes:
    raw = bytearray(original)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "repeat", "flip", "bits"]))
        if action == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del raw[at : at + draw(st.integers(min_value=1, max_value=40))]
        elif action == "repeat":
            raw[at:at] = raw[at : at + draw(st.integers(min_value=1, max_value=200))] * draw(st.integers(1, 20))
        elif action == "flip" and at < len(raw):
            raw[at] = draw(st.integers(min_value=0, max_value=255))
        else:
            raw[at:at] = draw(st.sampled_from(YAML_BITS))
    return bytes(raw)


class Case:
    """One mutated file; its repr stays short (the whole content is written to FAILURES when it fails)."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name, self.content = name, content

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # what Hypothesis prints for a failing case
        printer.text(repr(self))

    def __repr__(self) -> str:
        return f"Case({self.name!r}, {len(self.content)} bytes, beginning {self.content[:80]!r})"


@st.composite
def mutated_file(draw: st.DrawFn, files: list[str] = DATA_FILES) -> Case:
    name = draw(st.sampled_from(files))
    original = ORIGINALS[name]
    content = draw(structural_mutation(original) if draw(st.booleans()) else byte_mutation(original))
    return Case(name, content)


# ---- The property


def check_ends_in_german_errors(project: Project, name: str, content: bytes) -> None:
    target = project.root / name
    target.write_bytes(content)
    try:
        prepare_build(project, lang=project.default_language)
    except PlanErrors as exc:
        for error in exc.errors:
            assert error.file, error
            # a whole file may be meant: missing, unreadable, a snapshot (written by `make release`) of the wrong shape
            assert error.line > 0 or error.kind in ("file", "release") or error.file.endswith(".json"), error
            assert GERMAN & set(re.findall(r"\w+", error.message.lower())), error
            # the message's own words, not what it quotes of the file („…“ may hold English sample text)
            own_words = re.sub(r"„[^“]*“", "„…“", error.message)
            assert not any(english in own_words for english in ENGLISH), error
    except BaseException:
        FAILURES.mkdir(parents=True, exist_ok=True)
        (FAILURES / name.replace("/", "_")).write_bytes(content)  # to reproduce: copy it over the sample's file
        raise
    finally:
        target.write_bytes(ORIGINALS[name])


@FUZZ_SETTINGS
@given(mutated_file())
def test_a_mutated_data_file_ends_in_success_or_german_errors(project: Project, case: Case) -> None:
    check_ends_in_german_errors(project, case.name, case.content)


@FUZZ_SETTINGS
@given(mutated_file(SNAPSHOTS))
def test_a_mutated_snapshot_ends_in_success_or_german_errors(project: Project, case: Case) -> None:
    check_ends_in_german_errors(project, case.name, case.content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("data/fields.yml", b"- id: &a x\n  title: *a\n"),
        ("data/measures/wq-01.yml", b"id: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
        ("data/measures/wq-01.yml", b"id: WQ-01\x00\n"),
        ("data/quarters.yml", b"\xff\xfe"),
        ("data/site.yml", b""),
        ("data/measures/wq-01.yml", b"- 1\n- 2\n"),
    ],
    ids=["alias", "deep", "nul", "not-utf8", "empty", "list-for-mapping"],
)
def test_known_hostile_files_end_in_german_errors(project: Project, name: str, content: bytes) -> None:
    check_ends_in_german_errors(project, name, content)
