"""The search index: Pagefind reads the pages while the build writes the other files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplan.outputs.search import BUNDLE, indexing
from actionplan.plan.errors import PlanErrors

PAGE = (
    '<!doctype html><html lang="{lang}"><head><title>{title}</title></head>'
    "<body><div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>"
)


def write_page(site: Path, path: str, lang: str, title: str, text: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(lang=lang, title=title, text=text), encoding="utf-8")


def test_indexes_the_pages_and_not_what_the_block_writes(tmp_path: Path) -> None:
    write_page(tmp_path, "index.html", "de", "Start", "Sprachkurse für Erwachsene")
    write_page(tmp_path, "en/index.html", "en", "Home", "Language courses for adults")
    write_page(tmp_path, "massnahmen/wq-03/karte.html", "de", "Karte", "Statuskarte")  # a card, not a page
    with indexing(tmp_path):
        (tmp_path / "massnahmen" / "wq-03" / "feed.xml").write_text("<feed/>", encoding="utf-8")
    entry = json.loads((tmp_path / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["de", "en"]  # sorted: the same file on every run
    assert [entry["languages"][lang]["page_count"] for lang in ("de", "en")] == [1, 1]


def test_a_failing_block_stops_the_index_and_raises_its_own_error(tmp_path: Path) -> None:
    write_page(tmp_path, "index.html", "de", "Start", "Sprachkurse")
    with pytest.raises(ValueError, match=r"\APDF kaputt\Z"), indexing(tmp_path):
        raise ValueError("PDF kaputt")
    assert not (tmp_path / BUNDLE / "pagefind-entry.json").exists()


def test_a_site_without_pages_fails_in_german(tmp_path: Path) -> None:
    (tmp_path / "massnahmen").mkdir()
    (tmp_path / "massnahmen" / "karte.html").write_text("<html></html>", encoding="utf-8")
    with pytest.raises(PlanErrors) as caught, indexing(tmp_path):
        pass
    assert caught.value.report() == (
        "1 Fehler in den Daten – die Website wurde nicht gebaut:\n"
        f"  {tmp_path}: der Suchindex konnte nicht gebaut werden: Most likely, the directory passed to Pagefind "
        "was empty or did not contain any html files."
    )
