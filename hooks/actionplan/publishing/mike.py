"""Publishing with mike: a release into its own immutable directory, the draft as "entwurf".

`make release VERSION=2026.1` runs the same steps locally (against the local gh-pages branch)
as the release workflow does on the tag v2026.1 (with --push and --verify):

1. the version must be listed in data/releases.yml;
2. its snapshot data/snapshots/<version>.json is written (or, with --verify, must match);
3. CITATION.cff is written from the same source (or, with --verify, must match);
4. mike builds the site as that version (PDFs and open data included) and commits it to
   gh-pages; an adopted version becomes "latest", where the site's root leads;
5. the version's URL list is kept as data/snapshots/<version>.urls.txt, and every URL of the
   previous release must still be answered by the new build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from ..outputs.citation import citation_cff
from ..outputs.urls import URL_LIST, missing_urls
from ..plan.errors import quote
from ..plan.loading import load_plan
from ..plan.model import Release
from ..plan.plan import Plan
from ..plan.releases import (
    DRAFT,
    VERSION_VARIABLE,
    newest_adopted,
    previous_release,
    snapshot_bytes,
    snapshot_path,
    urls_path,
)
from ..project import Project

CITATION_FILE = "CITATION.cff"
LATEST = "latest"


class ReleaseError(Exception):
    """A German message for the editor; nothing further was done."""


def _load(project: Project) -> Plan:
    """The data as it is (the version being published is mike's business, not the plan's)."""
    return load_plan(project.data_dir, project.root, project.languages)


def release_version(
    project: Project, version: str, *, push: bool, verify: bool, update: bool, environ: Mapping[str, str]
) -> None:
    """Publish `version` into the local gh-pages branch (see the module's steps); `environ` runs mike."""
    root = project.root
    plan = _load(project)
    release = plan.releases_by_version.get(version)
    if release is None:
        listed = ", ".join(plan.releases_by_version) or "keine"
        raise ReleaseError(
            f"data/releases.yml: Version {quote(version)} steht nicht in der Datei (vorhanden: {listed}) – "
            "zuerst dort eintragen: version, date, state, resolution, summary"
        )
    published = _published_versions(root)
    if version in published or (not push and _has_tag(root, release.tag)):
        raise ReleaseError(
            f"Version {version} ist schon veröffentlicht"
            f"{' (Tag ' + release.tag + ')' if version not in published else ''} – eine veröffentlichte Fassung "
            "ändert sich nicht mehr; Änderungen gehören in eine neue Version in data/releases.yml"
        )
    _sync(root / "data" / "snapshots" / f"{version}.json", snapshot_bytes(plan, release), root, verify, update, version)
    cff = citation_cff(plan, project.site_name, project.public_url, release).encode()
    _sync(root / CITATION_FILE, cff, root, verify, True, version)
    plan = _load(project)  # now with this version's snapshot
    adopted = release.state == "beschlossen"
    newest = newest_adopted(plan)
    is_latest = adopted and newest is not None and newest.version == version
    title = f"{version} (beschlossen)" if adopted else f"{version} (Entwurf)"

    def deploy() -> None:  # into the local gh-pages branch; pushed only after the checks
        _mike(
            root, ["deploy", "--update-aliases", "--title", title, version, *([LATEST] if is_latest else [])], environ
        )
        if is_latest:
            _mike(root, ["set-default", LATEST], environ)
        _check_urls(plan, release, root / "site")

    deploy()
    if push:
        _push(root, deploy)
    if not verify:
        shutil.copyfile(root / "site" / URL_LIST, urls_path(root / "data", version))
    print(f"Version {version} ist in gh-pages eingetragen{' und übertragen' if push else ''}.")
    if not verify:
        print(
            "Bitte übernehmen (git add, commit), dann den Tag setzen:\n"
            f"  {snapshot_path(Path('data'), version)}\n  {urls_path(Path('data'), version)}\n  {CITATION_FILE}\n"
            f"  git tag {release.tag} && git push origin {release.tag}"
        )


def publish_draft(project: Project, *, push: bool, environ: Mapping[str, str]) -> None:
    """Publish the data as they are as the draft ("entwurf"); `environ` runs mike."""
    root = project.root
    plan = _load(project)

    def deploy() -> None:
        _mike(root, ["deploy", "--title", "Entwurf", DRAFT], environ)
        if newest_adopted(plan) is None:
            _mike(root, ["set-default", DRAFT], environ)  # nothing adopted yet: the root leads to the draft

    deploy()
    if push:
        _push(root, deploy)
    print(f"Der Entwurf ist als „{DRAFT}“ in gh-pages eingetragen{' und übertragen' if push else ''}.")


def _sync(path: Path, content: bytes, root: Path, verify: bool, update: bool, version: str) -> None:
    display = path.relative_to(root).as_posix()
    if path.is_file() and path.read_bytes() == content:
        return
    if verify:
        state = "passt nicht zu den Daten" if path.is_file() else "fehlt"
        raise ReleaseError(
            f"{display}: {state} – vor dem Tag `make release VERSION={version}` ausführen und das Ergebnis übernehmen"
        )
    if path.is_file() and not update:
        raise ReleaseError(
            f"{display}: der festgehaltene Stand passt nicht mehr zu den Daten – vor dem Tag schreibt "
            f"`make release VERSION={version} UPDATE=1` ihn neu"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _check_urls(plan: Plan, release: Release, site_dir: Path) -> None:
    """Every URL of the previous release must still be answered by this build."""
    previous = previous_release(plan, release)
    snapshot = plan.snapshots.get(previous.version) if previous else None
    if snapshot is None or not snapshot.urls:
        return
    missing = missing_urls(snapshot.urls, site_dir)
    if missing:
        listed = "\n".join(f"  {url}" for url in missing[:50])
        raise ReleaseError(
            f"{len(missing)} Adressen der Version {previous.version if previous else ''} fehlen im neuen Bau "
            f"(Links dürfen nicht brechen):\n{listed}"
        )


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def _has_tag(root: Path, tag: str) -> bool:
    return _git(root, "rev-parse", "-q", "--verify", f"refs/tags/{tag}").returncode == 0


def _published_versions(root: Path) -> list[str]:
    """The versions on the published gh-pages branch (origin's, else the local one)."""
    for ref in ("origin/gh-pages", "gh-pages"):
        shown = _git(root, "show", f"{ref}:versions.json")
        if shown.returncode == 0:
            return [entry["version"] for entry in json.loads(shown.stdout)]
    return []


def _push(root: Path, redeploy: Callable[[], None], attempts: int = 3) -> None:
    """Push gh-pages; if the draft or another release was pushed meanwhile, deploy again on top of it."""
    for attempt in range(attempts):
        if _git(root, "push", "origin", "gh-pages").returncode == 0:
            return
        if attempt + 1 < attempts:
            _git(root, "fetch", "origin", "gh-pages")
            _git(root, "branch", "-f", "gh-pages", "origin/gh-pages")
            redeploy()
    raise ReleaseError("gh-pages konnte nicht übertragen werden (git push origin gh-pages) – bitte erneut starten")


def _mike(root: Path, arguments: list[str], environ: Mapping[str, str]) -> None:
    """Run mike from this Python's environment (it starts `mkdocs` by name, so PATH must find it)."""
    bin_dir = str(Path(sys.executable).parent)
    env = dict(environ, PATH=bin_dir + os.pathsep + environ.get("PATH", ""))
    env.pop(VERSION_VARIABLE, None)  # mike sets it for the build of the version it deploys
    command = [str(Path(bin_dir) / "mike"), *arguments]
    result = subprocess.run(command, cwd=root, env=env, check=False)
    if result.returncode != 0:
        raise ReleaseError(f"mike {' '.join(arguments)} ist fehlgeschlagen (Ausgabe siehe oben)")
