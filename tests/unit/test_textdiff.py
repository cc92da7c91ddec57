"""What changed in the wording: word and paragraph diffs, a measure's fields, the prose in snapshots."""

from __future__ import annotations

import json
from pathlib import Path

from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan
from actionplan.plan.releases import compare, read_prose, snapshot_bytes
from actionplan.plan.textdiff import ParagraphChange, Segment, paragraph_diff, word_diff
from actionplan.plan.texts import Localizer
from actionplan.site.textchanges import measure_diffs, prose_diffs, prose_paragraphs

from .helpers import FIXTURES, LANGUAGES, copy_plan
from .test_releases import RELEASE


def test_a_changed_word_is_deleted_and_inserted_with_the_rest_unchanged() -> None:
    assert word_diff("Seit mehr als 50 Jahren", "Seit mehr als 60 Jahren") == (
        Segment("equal", "Seit mehr als "),
        Segment("delete", "50"),
        Segment("insert", "60"),
        Segment("equal", " Jahren"),
    )


def test_punctuation_is_its_own_unit_so_an_added_clause_is_one_insertion() -> None:
    assert word_diff("selbst verwaltet.", "selbst verwaltet und von Vereinen genutzt.") == (
        Segment("equal", "selbst verwaltet "),
        Segment("insert", "und von Vereinen genutzt"),
        Segment("equal", "."),
    )


def test_white_space_around_a_deletion_stays_unmarked() -> None:
    assert word_diff("a b c", "a c") == (Segment("equal", "a "), Segment("delete", "b"), Segment("equal", " c"))


def test_arabic_words_with_vowel_marks_are_compared_whole() -> None:
    assert word_diff("أُضيف نصٌّ", "أُضيف نصٌّ جديد") == (Segment("equal", "أُضيف نصٌّ "), Segment("insert", "جديد"))


def test_equal_texts_have_no_change() -> None:
    assert word_diff("gleich", "gleich") == (Segment("equal", "gleich"),)


def test_paragraphs_are_matched_whole_and_a_replaced_one_word_by_word() -> None:
    diff = paragraph_diff(["Eins.", "Zwei alt.", "Drei."], ["Eins.", "Zwei neu.", "Vier."])
    assert diff == (
        ParagraphChange("equal", (Segment("equal", "Eins."),)),
        ParagraphChange(
            "replace",
            (Segment("equal", "Zwei "), Segment("delete", "alt"), Segment("insert", "neu"), Segment("equal", ".")),
        ),
        ParagraphChange("replace", (Segment("delete", "Drei"), Segment("insert", "Vier"), Segment("equal", "."))),
    )
    assert paragraph_diff(["A."], ["A.", "B."])[1] == ParagraphChange("insert", (Segment("insert", "B."),))
    assert paragraph_diff(["A.", "B."], ["A."])[1] == ParagraphChange("delete", (Segment("delete", "B."),))


def test_prose_is_compared_as_plain_text_paragraphs_without_markers() -> None:
    text = "# Leitbild\n\nEin [Link](a.md) und **fett**.\n\n<!-- plan:principles -->\n\nEnde.\n"
    assert prose_paragraphs(text) == ["Leitbild", "Ein Link und fett.", "Ende."]


def test_only_changed_paragraphs_of_the_readers_language_are_listed() -> None:
    before = {"leitbild": {"de": "A.\n\nB alt.\n", "en": "A.\n\nB old.\n"}, "erklaerung": {"de": "X.\n"}}
    after = {"leitbild": {"de": "A.\n\nB neu.\n", "en": "A.\n\nB old.\n"}, "erklaerung": {"de": "X.\n"}}
    german = prose_diffs(before, after, "de", "de")
    assert [(d.page, [p.op for p in d.paragraphs]) for d in german] == [("leitbild", ["replace"])]
    assert prose_diffs(before, after, "en", "de") == []
    assert [d.page for d in prose_diffs(before, after, "ar", "de")] == ["leitbild"]  # German stands in


def _changed_plan(tmp_path: Path) -> tuple[Plan, Plan]:
    data = copy_plan(tmp_path / "data")
    before = load_plan(data, FIXTURES, LANGUAGES)
    measure = data / "measures" / "wq-01.yml"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(text.replace("\ndue: 2027-12", "\ndue: 2028-06"), encoding="utf-8")
    return before, load_plan(data, FIXTURES, LANGUAGES)


def test_a_measure_whose_due_date_changed_is_listed_with_its_field_diff(tmp_path: Path) -> None:
    before, after = _changed_plan(tmp_path)
    changes = compare(before.measures, after.measures, "2026.1")
    assert [(b.id, a.id) for b, a in changes.texts] == [("WQ-01", "WQ-01")]
    old, new = changes.texts[0]
    diffs = measure_diffs(old, new, after, Localizer("de"))
    assert [(d.label, d.segments) for d in diffs] == [
        ("measures.due", (Segment("delete", "Dezember 2027"), Segment("insert", "Juni 2028")))
    ]


def test_snapshots_keep_the_prose_and_old_snapshots_without_it_still_load(tmp_path: Path, plan: Plan) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "leitbild.md").write_text("Deutsch.\n", encoding="utf-8")
    (docs / "leitbild.en.md").write_text("English.\n", encoding="utf-8")
    assert read_prose(docs, ["de", "en", "ar"]) == {"leitbild": {"de": "Deutsch.\n", "en": "English.\n"}}

    data = copy_plan(tmp_path / "data")
    plan.prose = read_prose(docs, LANGUAGES)
    (data / "releases.yml").write_text(
        '- version: "2026.1"\n  date: 2026-02-26\n  state: beschlossen\n'
        '  resolution: {body: Rat der Stadt, date: 2026-02-26, reference: "2026/014"}\n'
        "  summary: {de: Erste Fassung.}\n",
        encoding="utf-8",
    )
    (data / "snapshots").mkdir(exist_ok=True)
    (data / "snapshots" / "2026.1.json").write_bytes(snapshot_bytes(plan, RELEASE))
    raw = json.loads((data / "snapshots" / "2026.1.json").read_text(encoding="utf-8"))
    assert (raw["format"], raw["prose"]) == (2, {"leitbild": {"de": "Deutsch.\n", "en": "English.\n"}})
    assert load_plan(data, tmp_path, LANGUAGES).snapshots["2026.1"].prose == raw["prose"]

    raw["format"] = 1
    del raw["prose"]
    (data / "snapshots" / "2026.1.json").write_text(json.dumps(raw), encoding="utf-8")
    assert load_plan(data, tmp_path, LANGUAGES).snapshots["2026.1"].prose == {}
    plan.prose = {}


def test_every_pair_of_versions_can_be_compared_and_the_draft_comes_last(tmp_path: Path, plan: Plan) -> None:
    from actionplan.plan.releases import Building, comparable_versions, compare_versions, version_pairs

    data = copy_plan(tmp_path / "data")
    (data / "releases.yml").write_text(
        "".join(
            f'- version: "{v}"\n  date: 2026-0{m}-26\n  state: beschlossen\n'
            f'  resolution: {{body: Rat der Stadt, date: 2026-0{m}-26, reference: "2026/01{m}"}}\n'
            "  summary: {de: Fassung.}\n"
            for v, m in (("2026.1", 2), ("2026.2", 5))
        ),
        encoding="utf-8",
    )
    (data / "snapshots").mkdir(exist_ok=True)
    for version in ("2026.1", "2026.2"):
        release = RELEASE.model_copy(update={"version": version})
        (data / "snapshots" / f"{version}.json").write_bytes(snapshot_bytes(plan, release))
    released = load_plan(data, tmp_path, LANGUAGES)
    draft = Building("entwurf")
    assert comparable_versions(released, draft) == ["2026.1", "2026.2", "entwurf"]
    assert version_pairs(released, draft) == [("2026.1", "2026.2"), ("2026.1", "entwurf"), ("2026.2", "entwurf")]
    second = Building("2026.2", released.releases_by_version["2026.2"])
    assert version_pairs(released, second) == [("2026.1", "2026.2")]
    assert compare_versions(released, draft, "2026.1", "entwurf").empty
