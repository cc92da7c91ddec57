"""Releases: snapshots, what changed, removed measures, citations, the feed and the URL list."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from actionplan.build import BuildOptions
from actionplan.outputs.citation import Cite, bibtex, csl_json, ris
from actionplan.outputs.feed import atom_feed
from actionplan.outputs.urls import missing_urls, site_urls
from actionplan.plan.errors import PlanError, PlanErrors
from actionplan.plan.loading import load_plan
from actionplan.plan.model import Release, Resolution
from actionplan.plan.plan import Plan
from actionplan.plan.releases import (
    building,
    check_snapshot_matches,
    check_version,
    compare,
    read_snapshots,
    removed_pages,
    snapshot_bytes,
    version_history,
)
from actionplan.plan.texts import Localizer
from actionplan.publishing.mike import ReleaseError, release_version
from actionplan.site.render import make_environment

from .helpers import LANGUAGES, TEMPLATES, copy_plan, project_at

ENV = make_environment(TEMPLATES)

RELEASE = Release.model_validate(
    {
        "version": "2026.1",
        "date": "2026-02-26",
        "state": "beschlossen",
        "resolution": {"body": "Rat der Stadt", "date": "2026-02-26", "reference": "2026/014"},
        "summary": {"de": "Erste Fassung."},
    },
    context={"languages": LANGUAGES},
)


def released(tmp_path: Path, plan: Plan) -> Path:
    """The fixture plan with version 2026.1 released from it."""
    data = copy_plan(tmp_path / "data")
    (data / "releases.yml").write_text(
        '- version: "2026.1"\n  date: 2026-02-26\n  state: beschlossen\n'
        '  resolution: {body: Rat der Stadt, date: 2026-02-26, reference: "2026/014"}\n'
        "  summary: {de: Erste Fassung.}\n",
        encoding="utf-8",
    )
    (data / "snapshots").mkdir()
    (data / "snapshots" / "2026.1.json").write_bytes(snapshot_bytes(plan, RELEASE))
    return data


def test_a_snapshot_reads_back_as_the_same_measures(tmp_path: Path, plan: Plan) -> None:
    data = released(tmp_path, plan)
    again = load_plan(data, tmp_path, LANGUAGES)
    assert again.snapshots["2026.1"].measures == plan.measures
    assert json.loads((data / "snapshots" / "2026.1.json").read_text(encoding="utf-8"))["measures"][0]["start"] == str(
        plan.measures[0].start
    )


def test_the_version_being_built_comes_from_mike(tmp_path: Path, plan: Plan) -> None:
    data = released(tmp_path, plan)
    loaded = load_plan(data, tmp_path, LANGUAGES)
    assert building(loaded, None).release is None
    assert building(loaded, None).versioned is False  # a plain build: no version selector
    assert building(loaded, "entwurf").release is None
    assert building(loaded, "entwurf").versioned is True
    assert building(loaded, "2026.1").release == RELEASE
    assert BuildOptions.from_environ({"MIKE_DOCS_VERSION": "2026.1"}).version == "2026.1"
    assert BuildOptions.from_environ({}).version is None


def test_building_an_unlisted_version_is_an_error(tmp_path: Path, plan: Plan) -> None:
    data = released(tmp_path, plan)
    loaded = load_plan(data, tmp_path, LANGUAGES)
    assert check_version(loaded, "2026.1") == []
    assert check_version(loaded, "entwurf") == []
    with pytest.raises(PlanErrors, match="Fehler") as caught:
        raise PlanErrors(check_version(loaded, "2027.1"))
    assert str(caught.value).splitlines()[1:] == [
        "  data/releases.yml: Version „2027.1“ soll gebaut werden, steht aber nicht in der Datei (vorhanden: 2026.1)"
    ]


def test_a_release_build_publishes_exactly_its_snapshot(tmp_path: Path, plan: Plan) -> None:
    data = released(tmp_path, plan)
    assert check_snapshot_matches(plan, RELEASE, data) is None
    (data / "snapshots" / "2026.1.json").write_text("{}", encoding="utf-8")
    assert str(check_snapshot_matches(plan, RELEASE, data)) == (
        "data/snapshots/2026.1.json: passt nicht zu den Daten – eine veröffentlichte Fassung wird nur aus ihrem Tag "
        "gebaut (git checkout v2026.1); vor dem Tag schreibt `make release VERSION=2026.1 UPDATE=1` den Stand neu"
    )
    (data / "snapshots" / "2026.1.json").unlink()
    assert str(check_snapshot_matches(plan, RELEASE, data)) == (
        "data/snapshots/2026.1.json: die Datei fehlt – `make release VERSION=2026.1` legt sie an"
    )


def test_changes_name_added_removed_merged_and_changed_measures(plan: Plan) -> None:
    sb01, wq01, wq02 = plan.measures
    before = [
        wq01.model_copy(update={"updates": wq01.updates[:1], "due": None}),
        wq02.model_copy(update={"updates": wq02.updates[:1], "merged_into": None}),
        sb01.model_copy(update={"id": "SB-09"}),
    ]
    changes = compare(before, plan.measures, "2026.1")
    assert [m.id for m in changes.added] == ["SB-01"]
    assert [m.id for m in changes.removed] == ["SB-09"]
    assert [m.id for m in changes.merged] == ["WQ-02"]
    assert [(m.id, old, new) for m, old, new in changes.status] == [("WQ-01", "geplant", "laufend")]
    assert [(m.id, old, new) for m, old, new in changes.progress] == [("WQ-01", 0, 45)]
    assert [(m.id, old, str(new)) for m, old, new in changes.due] == [("WQ-01", None, "2027-12")]
    assert not changes.empty
    assert compare(plan.measures, plan.measures, "2026.1").empty


def test_the_draft_compares_with_the_newest_release(tmp_path: Path, plan: Plan) -> None:
    loaded = load_plan(released(tmp_path, plan), tmp_path, LANGUAGES)
    history = version_history(loaded, None)
    assert [(r.version if r else None, c.since) for r, c in history] == [(None, "2026.1"), ("2026.1", None)]
    assert history[0][1].empty


def test_a_removed_measure_keeps_its_last_released_state(tmp_path: Path, plan: Plan) -> None:
    data = released(tmp_path, plan)
    (data / "measures" / "sb-01.yml").unlink()
    (data / "removed.yml").write_text(
        "- id: SB-01\n  date: 2026-06-01\n  reason: {de: Entfällt.}\n  replaced_by: [WQ-01]\n", encoding="utf-8"
    )
    loaded = load_plan(data, tmp_path, LANGUAGES)
    [page] = removed_pages(loaded)
    assert (page.measure.id, page.last_version, page.removed_in) == ("SB-01", "2026.1", None)
    assert page.measure == plan.measures_by_id["SB-01"]
    assert page.record.replaced_by == ["WQ-01"]


CITE = Cite(
    title="WQ-03: Räume & Treffpunkte {neu}",
    work="Integration in Musterstadt",
    author="Stadt Musterstadt",
    version="2026.1",
    date=RELEASE.date,
    url="https://integration.musterstadt.example/2026.1/massnahmen/wq-03/",
    resolution=Resolution(body="Rat der Stadt Musterstadt", date=RELEASE.date, reference="2026/014"),
    lang="de",
)


def test_bibtex_escapes_and_names_the_town_as_one_author() -> None:
    assert bibtex(CITE) == (
        "@misc{integration-musterstadt-example-2026-1-massnahmen-wq-03-2026.1,\n"
        "  author = {{Stadt Musterstadt}},\n"
        "  title = {WQ-03: Räume \\& Treffpunkte \\{neu\\}},\n"
        "  howpublished = {Integration in Musterstadt},\n"
        "  version = {2026.1},\n"
        "  date = {2026-02-26},\n"
        "  year = {2026},\n"
        "  url = {https://integration.musterstadt.example/2026.1/massnahmen/wq-03/},\n"
        "  language = {de},\n"
        "  note = {Beschluss: Rat der Stadt Musterstadt, 26.02.2026, Drucksache 2026/014}\n"
        "}\n"
    )


def test_ris_and_csl_json() -> None:
    text = ris(CITE)
    assert text.startswith("TY  - GOVDOC\r\nAU  - Stadt Musterstadt\r\n")
    assert text.endswith("N1  - Beschluss: Rat der Stadt Musterstadt, 26.02.2026, Drucksache 2026/014\r\nER  -\r\n")
    [item] = json.loads(csl_json(CITE))
    assert item["author"] == [{"literal": "Stadt Musterstadt"}]
    assert item["issued"] == {"date-parts": [[2026, 2, 26]]}
    assert item["version"] == "2026.1"


def test_the_feed_lists_updates_newest_first_in_the_language(plan: Plan) -> None:
    feed = atom_feed(
        plan, Localizer("en"), "https://integration.musterstadt.example/2026.1/", "en/", "Integration", env=ENV
    )
    root = ET.fromstring(feed)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    entries = root.findall("a:entry", ns)
    updated = [e.findtext("a:updated", namespaces=ns) for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext("a:updated", namespaces=ns) == updated[0]
    first = entries[0]
    link = first.find("a:link", ns)
    assert link is not None
    assert link.get("href", "").startswith("https://integration.musterstadt.example/2026.1/en/massnahmen/")
    assert atom_feed(plan, Localizer("en"), "https://x.example/", "en/", "I", env=ENV) == atom_feed(
        plan, Localizer("en"), "https://x.example/", "en/", "I", env=ENV
    )


def test_feed_readers_read_the_feed(plan: Plan) -> None:
    """feedparser, the reader behind many feed programs, reads the feed without a complaint."""
    import feedparser

    text = atom_feed(plan, Localizer("en"), "https://x.example/", "en/", "Integration's plan", env=ENV)
    feed = feedparser.parse(text)

    assert (feed.bozo, feed.version) == (False, "atom10")
    assert feed.feed.title == "Integration's plan: status reports of the measures"
    assert feed.feed.language == "en"
    assert feed.feed.link == "https://x.example/en/"
    count = sum(len(m.updates) for m in plan.measures)
    assert len(feed.entries) == count
    first = feed.entries[0]
    assert first.link.startswith("https://x.example/en/massnahmen/")
    assert first.link.endswith("/#verlauf")
    assert first.id.startswith("tag:x.example,")
    assert first.updated == max(u.date for m in plan.measures for u in m.updates).isoformat() + "T00:00:00Z"
    assert all(entry.summary for entry in feed.entries)


def test_the_url_list_and_what_a_later_build_misses(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path in ("index.html", "en/index.html", "massnahmen/wq-03/index.html", "termine/a.ics", "assets/x.css"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text("x", encoding="utf-8")
    assert site_urls(site) == ["/", "/en/", "/massnahmen/wq-03/", "/termine/a.ics"]
    assert missing_urls(["/", "/massnahmen/wq-03/", "/massnahmen/wq-04/", "/termine/b.ics"], site) == [
        "/massnahmen/wq-04/",
        "/termine/b.ics",
    ]


def test_releasing_an_unlisted_version_says_where_to_add_it(tmp_path: Path, plan: Plan) -> None:
    data = released(tmp_path, plan)
    with pytest.raises(ReleaseError) as caught:
        release_version(project_at(data.parent), "2026.2", push=False, verify=False, update=False, environ={})
    assert str(caught.value) == (
        "data/releases.yml: Version „2026.2“ steht nicht in der Datei (vorhanden: 2026.1) – "
        "zuerst dort eintragen: version, date, state, resolution, summary"
    )


def test_verifying_a_release_refuses_a_snapshot_that_differs(tmp_path: Path, plan: Plan) -> None:
    data = released(tmp_path, plan)
    other = RELEASE.model_copy(update={"summary": {"de": "Anders."}, "date": RELEASE.date.replace(day=27)})
    (data / "snapshots" / "2026.1.json").write_bytes(snapshot_bytes(plan, other))
    with pytest.raises(ReleaseError) as caught:
        release_version(project_at(data.parent), "2026.1", push=False, verify=True, update=False, environ={})
    assert str(caught.value) == (
        "data/snapshots/2026.1.json: passt nicht zu den Daten – vor dem Tag `make release VERSION=2026.1` "
        "ausführen und das Ergebnis übernehmen"
    )
    with pytest.raises(ReleaseError) as caught:
        release_version(project_at(data.parent), "2026.1", push=False, verify=False, update=False, environ={})
    assert str(caught.value).startswith("data/snapshots/2026.1.json: der festgehaltene Stand passt nicht mehr")


def test_site_url_is_the_version_directory_in_every_nested_language_build(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    from types import SimpleNamespace

    import site_url

    hook = importlib.reload(site_url)  # a fresh module, as MkDocs loads it per build
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2026.1")
    config = SimpleNamespace(site_url="https://integration.musterstadt.example/2026.1")  # as mike leaves it
    for _ in range(3):  # static-i18n runs on_config again per language; mike appends the version each time
        hook.on_config(config)  # type: ignore[arg-type]
        assert config.site_url == "https://integration.musterstadt.example/2026.1/"
        config.site_url += "2026.1"


def test_the_repositorys_citation_cff_names_the_newest_release() -> None:
    from actionplan.outputs.citation import citation_cff
    from actionplan.project import read_project

    from .helpers import PROJECT, SITE_LANGUAGES

    project = read_project(PROJECT)  # without SITE_URL: the address mkdocs.yml names
    sample = load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)
    expected = citation_cff(sample, project.site_name, project.public_url)
    assert (PROJECT / "CITATION.cff").read_text(encoding="utf-8") == expected, "make release writes CITATION.cff"
    assert 'version: "2026.1"\n' in expected


def test_one_id_allocator_for_checks_and_new_measures() -> None:
    from actionplan.plan.releases import next_free_id

    assert next_free_id("WQ", set()) == "WQ-01"
    assert next_free_id("WQ", {"WQ-07", "SB-12"}) == "WQ-08"
    assert next_free_id("WQ", {"WQ-01", "WQ-099"}) == "WQ-100"  # as wide as the widest id taken
    assert next_free_id("W", {"WQ-07"}) == "W-01"  # a prefix is the part before the hyphen, not a start


# ---- Snapshots changed by hand (or by a hostile pull request): German errors, never a traceback


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "keine gültige JSON-Datei (zu tief verschachtelt)"),
        ('{"format": 1, "version": "2026.1", "languages": [{}], "measures": []}', "kein Stand der Version „2026.1“"),
        ('{"format": 1, "version": "2026.1", "languages": ["de"], "measures": 5}', "kein Stand der Version „2026.1“"),
        ('{"format": 1, "version": "2026.1", "languages": ["de"], "measures": [5]}', "ungültiger Wert"),
        ('{"format": 1, "version": "2026.1", "languages": ["de"], "measures": [{}]}', "id: Pflichtfeld fehlt"),
    ],
    ids=["deep", "language-not-text", "measures-not-a-list", "measure-not-a-mapping", "measure-without-id"],
)
def test_a_broken_snapshot_is_an_error_not_a_crash(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "snapshots").mkdir()
    (tmp_path / "snapshots" / "2026.1.json").write_text(content, encoding="utf-8")
    errors: list[PlanError] = []

    assert read_snapshots(tmp_path, tmp_path, LANGUAGES, errors) == {}
    assert [str(error) for error in errors] == [
        f"snapshots/2026.1.json: {message} – die Datei schreibt `make release` – bitte nicht von Hand ändern"
    ]
