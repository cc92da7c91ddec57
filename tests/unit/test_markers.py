"""Markers in the prose: parsed, checked against the plan, and found in every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan
from actionplan.site.markers import Marker, check_marker, iter_markers, parse_marker, scan_docs

from .helpers import PROJECT, SITE_LANGUAGES

ALL_MARKERS = (
    "plan:progress, plan:fields, plan:measures, plan:principles, plan:quality-criteria, plan:quarters, plan:declaration, "
    "plan:events, plan:imprint, plan:privacy, plan:accessibility, plan:places, plan:inventory, plan:offers, "
    "plan:workshop, plan:proposals, plan:sign-language, plan:changes, plan:open-data, plan:street-lookup, plan:map"
)
STATUSES = "geplant, laufend, abgeschlossen, verzoegert, pausiert, eingestellt, zusammengefuehrt"


@pytest.mark.parametrize(
    ("body", "marker"),
    [
        (" progress ", Marker("progress", {})),
        (
            "measures field=wohnen-quartier status=laufend ",
            Marker("measures", {"field": "wohnen-quartier", "status": "laufend"}),
        ),
        ("field id=sprache-bildung", Marker("field", {"id": "sprache-bildung"})),
        ("\n  quarters\n", Marker("quarters", {})),
    ],
)
def test_parse_marker(body: str, marker: Marker) -> None:
    assert parse_marker(body) == (marker, None)


def test_unknown_marker_lists_the_valid_ones() -> None:
    assert parse_marker(" massnahmen ") == (None, f"unbekannter Marker „plan:massnahmen“ (erlaubt: {ALL_MARKERS})")


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("measures field = wohnen-quartier", "„field = wohnen-quartier“ ist kein Argument der Form name=wert"),
        ("measures wohnen-quartier", "„wohnen-quartier“ ist kein Argument der Form name=wert"),
        ("measures Feld=wohnen-quartier", "„Feld=wohnen-quartier“ ist kein Argument der Form name=wert"),
    ],
)
def test_bad_argument(body: str, problem: str) -> None:
    assert parse_marker(body) == (None, problem)


@pytest.mark.parametrize(
    ("marker", "problems"),
    [
        (Marker("measures", {"field": "wohnen-quartier", "status": "laufend", "quarter": "nordstadt"}), []),
        (Marker("field", {"id": "sprache-bildung"}), []),
        (Marker("measure", {"id": "WQ-02"}), []),
        (
            Marker("measures", {"field": "wohnen"}),
            ["Handlungsfeld „wohnen“ gibt es nicht (erlaubt: wohnen-quartier, sprache-bildung)"],
        ),
        (
            Marker("progress", {"field": "bildung"}),
            ["Handlungsfeld „bildung“ gibt es nicht (erlaubt: wohnen-quartier, sprache-bildung)"],
        ),
        (Marker("measures", {"status": "fertig"}), [f"„fertig“ ist kein gültiger Status (erlaubt: {STATUSES})"]),
        (
            Marker("measures", {"quarter": "weststadt"}),
            ["Quartier „weststadt“ gibt es nicht (erlaubt: nordstadt, suedstadt)"],
        ),
        (Marker("measure", {"id": "WQ-09"}), ["Maßnahme „WQ-09“ gibt es nicht"]),
        (Marker("progress", {"status": "laufend"}), ["plan:progress kennt kein Argument „status“ (erlaubt: field)"]),
        (Marker("fields", {"field": "wohnen-quartier"}), ["plan:fields kennt kein Argument „field“ (erlaubt: keine)"]),
        (Marker("field", {}), ["plan:field braucht das Argument „id“"]),
        (
            Marker("measure", {"field": "wohnen-quartier"}),
            ["plan:measure kennt kein Argument „field“ (erlaubt: id)", "plan:measure braucht das Argument „id“"],
        ),
    ],
)
def test_check_marker(plan: Plan, marker: Marker, problems: list[str]) -> None:
    assert check_marker(plan, marker) == problems


def test_iter_markers_gives_line_body_and_whole_marker() -> None:
    text = "# Titel\n\n<!-- plan:progress -->\n\nText <!--plan:measures field=x-->\n<!-- kein Marker -->\n"

    assert list(iter_markers(text)) == [
        (3, "progress ", "<!-- plan:progress -->"),
        (5, "measures field=x", "<!--plan:measures field=x-->"),
    ]


def write(docs: Path, relative: str, text: str) -> None:
    path = docs / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_scan_docs_reports_marker_mistakes_with_page_and_line(tmp_path: Path, plan: Plan) -> None:
    docs = tmp_path / "docs"
    write(docs, "index.md", "# Start\n\n<!-- plan:progres -->\n")
    write(docs, "quartiere.md", "# Quartiere\n\nHier: <!-- plan:quarters --> und mehr.\n")
    write(docs, "massnahmen/index.en.md", "# Measures\n\n<!-- plan:measures field=wohnen status=fertig -->\n")

    errors, _ = scan_docs(docs, tmp_path, plan)

    assert [str(error) for error in errors] == [
        f"docs/index.md:3:1: unbekannter Marker „plan:progres“ (erlaubt: {ALL_MARKERS})",
        "docs/massnahmen/index.en.md:3:1: Handlungsfeld „wohnen“ gibt es nicht (erlaubt: wohnen-quartier, sprache-bildung)",
        f"docs/massnahmen/index.en.md:3:1: „fertig“ ist kein gültiger Status (erlaubt: {STATUSES})",
        "docs/quartiere.md:3:7: ein Marker muss allein in seiner Zeile stehen, mit einer Leerzeile davor und danach",
    ]


def test_scan_docs_returns_where_listings_are_placed(tmp_path: Path, plan: Plan) -> None:
    docs = tmp_path / "docs"
    write(docs, "index.md", "# Start\n\n<!-- plan:progress -->\n")
    write(docs, "handlungskonzept/index.md", "# Plan\n\n<!-- plan:progress -->\n\n<!-- plan:fields -->\n")
    write(
        docs, "leitbild.en.md", "# Mission\n\n<!-- plan:principles -->\n\n<!-- plan:quality-criteria -->\n"
    )  # not the place
    write(docs, "leitbild.md", "# Leitbild\n\n<!-- plan:principles -->\n\n<!-- plan:quality-criteria -->\n")
    write(docs, "massnahmen/index.md", "# Alle\n\n<!-- plan:measures -->\n")
    write(
        docs, "quartiere.md", "# Quartiere\n\n<!-- plan:measures quarter=nordstadt -->\n"
    )  # filtered: not the listing

    errors, placed = scan_docs(docs, tmp_path, plan)

    assert errors == []
    assert placed == {
        "progress": "handlungskonzept/index.md",  # pages are scanned in path order; the first one wins
        "fields": "handlungskonzept/index.md",
        "principles": "leitbild.md",
        "quality-criteria": "leitbild.md",
        "measures": "massnahmen/index.md",
    }


def test_a_translation_must_keep_the_listings_of_its_german_page(tmp_path: Path, plan: Plan) -> None:
    docs = tmp_path / "docs"
    write(docs, "leitbild.md", "# Leitbild\n\n<!-- plan:principles -->\n\n<!-- plan:quality-criteria -->\n")
    write(docs, "leitbild.en.md", "# Mission\n\n<!-- plan:principles -->\n")

    errors, _ = scan_docs(docs, tmp_path, plan, ["en", "ar"])

    assert [str(e) for e in errors] == [
        "docs/leitbild.en.md: der Marker „<!-- plan:quality-criteria -->“ fehlt in dieser Übersetzung – "
        "die deutsche Seite leitbild.md zeigt ihn, und andere Seiten verlinken darauf"
    ]


def test_a_marker_in_a_code_block_is_an_example_not_a_marker(tmp_path: Path, plan: Plan) -> None:
    docs = tmp_path / "docs"
    write(docs, "hilfe.md", "# Hilfe\n\n```html\n<!-- plan:principles -->\n<!-- plan:unbekannt -->\n```\n")
    write(docs, "leitbild.md", "# Leitbild\n\n<!-- plan:principles -->\n")

    errors, placed = scan_docs(docs, tmp_path, plan)

    assert errors == []
    assert placed == {"principles": "leitbild.md"}


def test_a_marker_glued_to_a_paragraph_is_reported(tmp_path: Path, plan: Plan) -> None:
    docs = tmp_path / "docs"
    write(docs, "leitbild.md", "# Leitbild\nText davor.\n<!-- plan:principles -->\n")

    errors, _ = scan_docs(docs, tmp_path, plan)

    assert [str(e) for e in errors] == [
        "docs/leitbild.md:3:1: ein Marker muss allein in seiner Zeile stehen, mit einer Leerzeile davor und danach"
    ]


def test_scan_docs_of_the_real_prose_finds_no_mistake() -> None:
    real = load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)

    errors, placed = scan_docs(PROJECT / "docs", PROJECT, real)

    assert errors == []
    assert placed["fields"] == "handlungskonzept/index.md"
    assert placed["progress"] == "handlungskonzept/index.md"
