"""Releases: the versions a council adopts, their snapshots, and what changed between them.

`data/releases.yml` lists the versions. When a version is released, `make release` writes
`data/snapshots/<version>.json`: the measures exactly as released. Snapshots are how every
later build knows each id ever released (ids are never reused), keeps the pages of removed
measures, and computes what changed from one version to the next.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import PlanError, display_path, quote
from .located import Located, Seen
from .model import Measure, Release, RemovedMeasure, When
from .plan import Plan, Snapshot

SNAPSHOT_DIR = "snapshots"
SNAPSHOT_FORMAT = 2
"""2 adds the prose of PROSE_PAGES; snapshots of format 1 (measures only) stay readable."""
READABLE_FORMATS = (1, 2)
PROSE_PAGES = ("leitbild", "erklaerung")
"""The prose pages whose wording a council adopts: each snapshot keeps them, /aenderungen/ compares them."""
DRAFT = "entwurf"
"""The name under which `main` is published: the draft of the next version."""
VERSION_VARIABLE = "MIKE_DOCS_VERSION"
"""Set by mike for the build of a version (mike deploy 2026.1 → "2026.1"); read by the hooks and commands only."""


@dataclass(frozen=True)
class Building:
    """What a build publishes: the version mike names, and the release that is (None: the draft).

    `version` is None for a plain build (make build, make serve, the tests), which mike does not
    publish; "entwurf" for the draft that mike publishes from main.
    """

    version: str | None = None
    release: Release | None = None

    @property
    def versioned(self) -> bool:
        """Whether mike publishes this build (then there is a versions.json and a version selector)."""
        return self.version is not None


def building(plan: Plan, version: str | None) -> Building:
    """The build of `version` (mike's MIKE_DOCS_VERSION, passed in by the hook or the command line)."""
    version = (version or "").strip() or None
    release = None if version in (None, DRAFT) else plan.releases_by_version.get(version or "")
    return Building(version, release)


def check_version(plan: Plan, version: str | None) -> list[PlanError]:
    """A version can only be built if data/releases.yml lists it."""
    version = (version or "").strip()
    if version in ("", DRAFT) or version in plan.releases_by_version:
        return []
    source = plan.file_sources.get("releases.yml")
    allowed = ", ".join(plan.releases_by_version) or "keine"
    return [
        PlanError(
            source.file if source else "data/releases.yml",
            0,
            "",
            f"Version {quote(version)} soll gebaut werden, steht aber nicht in der Datei (vorhanden: {allowed})",
            kind="release",
        )
    ]


def newest_adopted(plan: Plan) -> Release | None:
    adopted = [r for r in plan.releases if r.state == "beschlossen"]
    return adopted[-1] if adopted else None


@dataclass(frozen=True)
class AdoptedPage:
    """Where a reader of the draft finds the adopted version of the page they are on."""

    release: Release
    path: str  # below the root of all versions: "2026.1/massnahmen/wq-03/"
    same_page: bool  # False: that version has no such page, and `path` leads to its start page


def adopted_urls(plan: Plan) -> tuple[Release, frozenset[str]] | None:
    """The newest adopted version and its URL list (data/snapshots/<version>.urls.txt), once per build.

    None without an adopted version that was published with its URL list.
    """
    release = newest_adopted(plan)
    snapshot = plan.snapshots.get(release.version) if release else None
    if release is None or snapshot is None or not snapshot.urls:
        return None
    return release, frozenset(snapshot.urls)


def adopted_page(adopted: tuple[Release, frozenset[str]] | None, page_url: str, home: str = "") -> AdoptedPage | None:
    """The adopted version's address of `page_url` (MkDocs' page.url, "massnahmen/wq-03/").

    A page that version lacks leads to its start page `home` in the reader's language ("ar/").
    """
    if adopted is None:
        return None
    release, urls = adopted
    if "/" + page_url in urls:
        return AdoptedPage(release, f"{release.version}/{page_url}", True)
    return AdoptedPage(release, f"{release.version}/{home if '/' + home in urls else ''}", False)


def versions_root(site_url: str, version: str | None) -> str:
    """The address all versions live below: site_url without the version mike appended ("…/entwurf/")."""
    root = site_url.rstrip("/") + "/"
    if version and root.endswith(f"/{version}/"):
        root = root[: -len(version) - 1]
    return root


def previous_release(plan: Plan, release: Release | None) -> Release | None:
    """The version before `release` that has a snapshot; for the draft, the newest one."""
    releases = list(plan.releases)
    before = releases[: releases.index(release)] if release is not None else releases
    released = [r for r in before if r.version in plan.snapshots]
    return released[-1] if released else None


# ---- Snapshots


def snapshot_data(plan: Plan, release: Release) -> dict[str, Any]:
    """The JSON of a version's snapshot."""
    return {
        "format": SNAPSHOT_FORMAT,
        "version": release.version,
        "date": release.date.isoformat(),
        "languages": list(plan.languages),
        "measures": [measure.model_dump(mode="json", exclude_none=True) for measure in plan.measures],
        "prose": plan.prose,
    }


def read_prose(docs_dir: Path, languages: Sequence[str]) -> dict[str, dict[str, str]]:
    """The Markdown of PROSE_PAGES by page and language (`leitbild.md` is the first language's)."""
    prose: dict[str, dict[str, str]] = {}
    for page in PROSE_PAGES:
        texts: dict[str, str] = {}
        for index, lang in enumerate(languages):
            path = docs_dir / (f"{page}.md" if index == 0 else f"{page}.{lang}.md")
            if path.is_file():
                texts[lang] = path.read_text(encoding="utf-8")
        if texts:
            prose[page] = texts
    return prose


def _prose_of(raw: dict[str, Any]) -> dict[str, dict[str, str]] | None:
    """The prose of a snapshot, None if it is not page -> language -> text."""
    prose = raw.get("prose", {})
    if not isinstance(prose, dict):
        return None
    for texts in prose.values():
        if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
            return None
    return prose


def snapshot_bytes(plan: Plan, release: Release) -> bytes:
    return (json.dumps(snapshot_data(plan, release), ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def snapshot_path(data_dir: Path, version: str) -> Path:
    return data_dir / SNAPSHOT_DIR / f"{version}.json"


def urls_path(data_dir: Path, version: str) -> Path:
    return data_dir / SNAPSHOT_DIR / f"{version}.urls.txt"


def _list(value: object) -> list[object]:
    """`value` if it is a list, else a list that fails the check it is used in (a snapshot changed by hand)."""
    return value if isinstance(value, list) else [None]


def read_snapshots(
    data_dir: Path, root: Path, languages: Sequence[str], errors: list[PlanError]
) -> dict[str, Snapshot]:
    """Every snapshot under data/snapshots/, by version; mistakes go to `errors`."""
    snapshots: dict[str, Snapshot] = {}
    for path in sorted((data_dir / SNAPSHOT_DIR).glob("*.json")):
        display = display_path(path, root)
        hint = "die Datei schreibt `make release` – bitte nicht von Hand ändern"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            message = f"keine gültige JSON-Datei ({exc.msg}) – {hint}"
            errors.append(PlanError(display, exc.lineno, "", message, exc.colno, kind="syntax"))
            continue
        except (ValueError, UnicodeDecodeError) as exc:
            errors.append(PlanError(display, 0, "", f"keine gültige JSON-Datei ({exc}) – {hint}", kind="syntax"))
            continue
        except RecursionError:  # thousands of nested brackets: no snapshot is written like that
            errors.append(
                PlanError(display, 0, "", f"keine gültige JSON-Datei (zu tief verschachtelt) – {hint}", kind="syntax")
            )
            continue
        version = path.stem
        if (
            not isinstance(raw, dict)
            or raw.get("format") not in READABLE_FORMATS
            or raw.get("version") != version
            or not all(isinstance(lang, str) for lang in _list(raw.get("languages", [])))
            or not isinstance(raw.get("measures", []), list)
        ):
            errors.append(
                PlanError(display, 0, "", f"kein Stand der Version {quote(version)} – {hint}", kind="release")
            )
            continue
        context = {"languages": list(dict.fromkeys([*languages, *raw.get("languages", [])]))}
        try:
            measures = tuple(Measure.model_validate(m, context=context) for m in raw.get("measures", []))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            problem = (
                "Pflichtfeld fehlt" if first["type"] == "missing" else "ungültiger Wert"
            )  # pydantic's words are English
            errors.append(
                PlanError(display, 0, "", f"{where + ': ' if where else ''}{problem} – {hint}", kind="release")
            )
            continue
        prose = _prose_of(raw)
        if prose is None:
            errors.append(PlanError(display, 0, "prose", f"keine Texte je Seite und Sprache – {hint}", kind="release"))
            continue
        urls_file = urls_path(data_dir, version)
        urls = tuple(urls_file.read_text(encoding="utf-8").split()) if urls_file.is_file() else ()
        snapshots[version] = Snapshot(version, measures, urls, prose)
    return snapshots


def released_ids(plan: Plan) -> dict[str, str]:
    """Every measure id ever released, with the first version that had it."""
    first: dict[str, str] = {}
    for release in plan.releases:
        snapshot = plan.snapshots.get(release.version)
        for measure in snapshot.measures if snapshot else ():
            first.setdefault(measure.id, release.version)
    return first


# ---- Removed measures


@dataclass(frozen=True)
class RemovedPage:
    """A measure that left the plan: the last released state of it and why it went."""

    measure: Measure
    record: RemovedMeasure
    last_version: str  # the last version that had it
    removed_in: str | None  # the first version without it; None: the coming version (draft)


def removed_pages(plan: Plan) -> list[RemovedPage]:
    pages = []
    for record in plan.removed:
        last: tuple[str, Measure] | None = None
        removed_in = None
        for release in plan.releases:
            snapshot = plan.snapshots.get(release.version)
            if snapshot is None:
                continue
            measure = snapshot.by_id.get(record.id)
            if measure is not None:
                last, removed_in = (release.version, measure), None
            elif last is not None and removed_in is None:
                removed_in = release.version
        if last is not None:
            pages.append(RemovedPage(last[1], record, last[0], removed_in))
    return pages


# ---- Checks


def check_releases(
    plan: Plan, lists: dict[str, list[Located]], measures: Sequence[Located], seen: Seen | None = None
) -> Iterator[PlanError]:
    """Versions in order, adopted ones with their resolution, ids never reused, no released id lost."""
    releases = lists.get("releases.yml", [])
    for previous, current in itertools.pairwise(releases):
        if _version_key(current.item.version) <= _version_key(previous.item.version):
            yield current.error(
                ("version",),
                f"Version {quote(current.item.version)} steht nach {quote(previous.item.version)} – "
                "die Versionen stehen in ihrer Reihenfolge, die neueste zuletzt",
                kind="inconsistent",
            )
        elif current.item.date < previous.item.date:
            yield current.error(
                ("date",), f"der Stand liegt vor dem der Version {quote(previous.item.version)}", kind="inconsistent"
            )
    for located in releases:
        release: Release = located.item
        if release.state == "beschlossen" and release.resolution is None:
            yield located.error(
                ("state",),
                "eine beschlossene Version braucht ihren Beschluss: resolution mit body (Gremium), "
                "date (Sitzungstag) und reference (Drucksache)",
                kind="missing",
            )
        if release.resolution is not None and release.resolution.date > release.date:
            yield located.error(
                ("resolution", "date"), "der Beschluss liegt nach dem Stand der Version", kind="inconsistent"
            )
    for version in plan.snapshots:
        if version not in plan.releases_by_version:
            yield PlanError(
                f"data/{SNAPSHOT_DIR}/{version}.json",
                0,
                "",
                f"Version {quote(version)} steht nicht in data/releases.yml – einmal veröffentlicht, bleibt sie dort",
                kind="release",
            )
    yield from _check_ids(plan, lists, measures, seen or Seen())


def _check_ids(
    plan: Plan, lists: dict[str, list[Located]], measures: Sequence[Located], seen: Seen
) -> Iterator[PlanError]:
    released = released_ids(plan)
    current = {located.item.id: located for located in measures}
    removed = {located.item.id: located for located in lists.get("removed.yml", [])}
    taken = set(released) | set(current) | set(removed)
    for measure_id, located in current.items():
        if measure_id in removed:
            at = removed[measure_id]
            yield located.error(
                ("id",),
                f"die Kennung {quote(measure_id)} gehörte einer entfernten Maßnahme "
                f"({at.source.file}:{at.source.line(at.loc)}) und wird nie wieder vergeben – "
                f"nächste freie Kennung: {next_free_id(measure_id.split('-')[0], taken)}",
                kind="release",
            )
    for measure_id, version in sorted(released.items()):
        if measure_id not in current and measure_id not in removed and not seen.skips("measures", measure_id):
            yield PlanError(
                f"data/measures/{measure_id.lower()}.yml",
                0,
                "",
                f"die Datei fehlt, aber Maßnahme {quote(measure_id)} wurde in Version {version} veröffentlicht – "
                "eine veröffentlichte Maßnahme bleibt: die Datei wiederherstellen oder die Maßnahme in "
                "data/removed.yml mit Datum und Grund als entfernt eintragen",
                kind="release",
            )
    for measure_id, located in removed.items():
        if measure_id not in released:
            yield located.error(
                ("id",),
                f"Maßnahme {quote(measure_id)} wurde nie veröffentlicht – eine unveröffentlichte Maßnahme "
                "wird einfach gelöscht, ohne Eintrag hier",
                kind="release",
            )
        for index, successor in enumerate(located.item.replaced_by):
            if successor not in current and successor not in removed:
                yield located.error(
                    ("replaced_by", index), f"Maßnahme {quote(successor)} gibt es nicht", kind="unknown_reference"
                )


def next_free_id(prefix: str, taken: set[str]) -> str:
    """The one id allocator: one more than the highest number ever used with `prefix` (ids are never reused).

    At least two digits, and as many as the widest id taken (WQ-07, WQ-099 → WQ-100).
    """
    numbers = [number for taken_id in taken for head, _, number in [taken_id.partition("-")] if head == prefix]
    numbers = [number for number in numbers if number.isdigit()]
    width = max([2, *(len(number) for number in numbers)])
    return f"{prefix}-{max((int(n) for n in numbers), default=0) + 1:0{width}d}"


def snapshot_ids(path: Path, display: str) -> tuple[set[str], PlanError | None]:
    """The measure ids a snapshot file names, read leniently (new ids are allocated even while the data are broken)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return set(), PlanError(
            file=display, line=exc.lineno, path="", message=f"kein gültiges JSON ({exc.msg})", kind="syntax"
        )
    except UnicodeDecodeError:
        return set(), PlanError(
            file=display, line=0, path="", message="die Datei ist nicht in UTF-8 gespeichert", kind="syntax"
        )
    measures = data.get("measures") if isinstance(data, dict) else None
    if not isinstance(measures, list) or not all(
        isinstance(m, dict) and isinstance(m.get("id"), str) for m in measures
    ):
        message = (
            "ein veröffentlichter Stand muss ein JSON-Objekt mit „measures“ sein: eine Liste von Objekten mit „id“"
        )
        return set(), PlanError(file=display, line=1, path="measures", message=message, kind="file")
    return {m["id"].upper() for m in measures}, None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def check_snapshot_matches(plan: Plan, release: Release, data_dir: Path) -> PlanError | None:
    """A release build publishes exactly what its snapshot records."""
    path = snapshot_path(data_dir, release.version)
    display = f"data/{SNAPSHOT_DIR}/{release.version}.json"
    if not path.is_file():
        return PlanError(
            display, 0, "", f"die Datei fehlt – `make release VERSION={release.version}` legt sie an", kind="release"
        )
    if path.read_bytes() != snapshot_bytes(plan, release):
        return PlanError(
            display,
            0,
            "",
            f"passt nicht zu den Daten – eine veröffentlichte Fassung wird nur aus ihrem Tag gebaut "
            f"(git checkout {release.tag}); vor dem Tag schreibt `make release VERSION={release.version} UPDATE=1` "
            "den Stand neu",
            kind="release",
        )
    return None


# ---- What changed


@dataclass
class Changes:
    """What changed in the measures from one version to the next."""

    since: str | None  # the earlier version; None: nothing released before
    added: list[Measure] = field(default_factory=list)
    removed: list[Measure] = field(default_factory=list)
    merged: list[Measure] = field(default_factory=list)
    status: list[tuple[Measure, str, str]] = field(default_factory=list)  # measure, before, after
    progress: list[tuple[Measure, int, int]] = field(default_factory=list)
    due: list[tuple[Measure, When | None, When | None]] = field(default_factory=list)
    texts: list[tuple[Measure, Measure]] = field(default_factory=list)  # before, after: a text field changed
    prose: tuple[Mapping[str, Mapping[str, str]], Mapping[str, Mapping[str, str]]] | None = None  # before, after

    @property
    def prose_changed(self) -> bool:
        return self.prose is not None and self.prose[0] != self.prose[1]

    @property
    def empty(self) -> bool:
        return (
            not (self.added or self.removed or self.merged or self.status or self.progress or self.due or self.texts)
            and not self.prose_changed
        )


TEXT_FIELDS = ("title", "summary", "description", "goals", "lead", "due")
"""The fields of a measure whose wording /aenderungen/ compares (with the indicators' targets)."""


def texts_differ(before: Measure, after: Measure) -> bool:
    """Whether the wording of a measure changed: TEXT_FIELDS, or an indicator's title, unit or target."""
    if any(getattr(before, name) != getattr(after, name) for name in TEXT_FIELDS):
        return True
    targets = [[(i.title, i.unit, i.target) for i in m.indicators] for m in (before, after)]
    return targets[0] != targets[1]


def compare(
    before: Sequence[Measure] | None,
    after: Sequence[Measure],
    since: str | None,
    prose: tuple[Mapping[str, Mapping[str, str]], Mapping[str, Mapping[str, str]]] | None = None,
) -> Changes:
    """What changed from `before` (the version `since`) to `after`; `prose`: both versions' prose, if known."""
    changes = Changes(since, prose=prose if prose and prose[0] and prose[1] else None)
    old = {m.id: m for m in before or ()}
    new = {m.id: m for m in after}
    for measure in after:
        earlier = old.get(measure.id)
        if earlier is None:
            changes.added.append(measure)
            continue
        if measure.status == "zusammengefuehrt" and earlier.status != "zusammengefuehrt":
            changes.merged.append(measure)
        elif measure.status != earlier.status:
            changes.status.append((measure, earlier.status, measure.status))
        if measure.progress != earlier.progress:
            changes.progress.append((measure, earlier.progress, measure.progress))
        if measure.due != earlier.due:
            changes.due.append((measure, earlier.due, measure.due))
        if texts_differ(earlier, measure):
            changes.texts.append((earlier, measure))
    changes.removed = [m for m in before or () if m.id not in new]
    return changes


def comparable_versions(plan: Plan, building: Building) -> list[str]:
    """The versions a build can compare, oldest first: each released one with a snapshot up to the
    one being built, and in the draft the draft itself ("entwurf")."""
    versions = []
    for r in plan.releases:
        if r is building.release:
            versions.append(r.version)
            break
        if r.version in plan.snapshots:
            versions.append(r.version)
    if building.release is None:
        versions.append(DRAFT)
    return versions


def version_pairs(plan: Plan, building: Building) -> list[tuple[str, str]]:
    """Every pair (earlier, later) of comparable versions: one comparison page each."""
    return list(itertools.combinations(comparable_versions(plan, building), 2))


def compare_versions(plan: Plan, building: Building, before: str, after: str) -> Changes:
    """What changed from version `before` to version `after` (either may be the draft or the one built)."""

    def state(version: str) -> tuple[Sequence[Measure], Mapping[str, Mapping[str, str]]]:
        if version == DRAFT or (building.release is not None and version == building.release.version):
            return plan.measures, plan.prose
        snapshot = plan.snapshots[version]
        return snapshot.measures, snapshot.prose

    (old, old_prose), (new, new_prose) = state(before), state(after)
    return compare(old, new, before, (old_prose, new_prose))


def version_history(plan: Plan, release: Release | None) -> list[tuple[Release | None, Changes]]:
    """For this build's version and every earlier one, newest first: what changed against its predecessor.

    The draft (release None) compares the current data with the newest snapshot.
    """
    history: list[tuple[Release | None, Changes]] = []
    prose: tuple[Mapping[str, Mapping[str, str]], Mapping[str, Mapping[str, str]]] | None
    releases = list(plan.releases)
    upto = releases.index(release) + 1 if release is not None else len(releases)
    if release is None:
        previous = previous_release(plan, None)
        last = plan.snapshots[previous.version] if previous else None
        prose = (last.prose, plan.prose) if last else None
        history.append(
            (
                None,
                compare(last.measures if last else None, plan.measures, previous.version if previous else None, prose),
            )
        )
    for index in range(upto - 1, -1, -1):
        current = releases[index]
        measures = plan.measures if current is release else None
        snapshot = plan.snapshots.get(current.version)
        if measures is None:
            if snapshot is None:
                continue
            measures = snapshot.measures
        earlier = previous_release(plan, current)
        before = plan.snapshots[earlier.version] if earlier else None
        now_prose = plan.prose if current is release else (snapshot.prose if snapshot else {})
        prose = (before.prose, now_prose) if before else None
        history.append(
            (
                current,
                compare(before.measures if before else None, measures, earlier.version if earlier else None, prose),
            )
        )
    return history
