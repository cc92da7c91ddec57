"""Reading YAML with line numbers, strict duplicate keys and editor-friendly scalar types."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from actionplan.plan import yamlsource
from actionplan.plan.errors import PlanError
from actionplan.plan.yamlsource import MAX_BYTES, MAX_DEPTH, ParseCache, Source, load_yaml


def load(tmp_path: Path, text: str) -> tuple[Source | None, list[PlanError]]:
    path = tmp_path / "file.yml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, "data/file.yml")


def test_every_key_path_knows_its_line(tmp_path: Path) -> None:
    source, errors = load(
        tmp_path,
        "# Kommentar\nid: WQ-01\ntitle:\n  de: Titel\n  en: Title\nupdates:\n  - date: 2026-01-05\n    status: laufend\n  - {date: 2026-02-01, status: geplant}\n",
    )

    assert errors == []
    assert source is not None
    assert source.file == "data/file.yml"
    assert source.lines[("id",)] == 2
    assert source.lines[("title", "en")] == 5
    assert source.lines[("updates", 0)] == 7
    assert source.lines[("updates", 0, "status")] == 8
    assert source.lines[("updates", 1, "status")] == 9


def test_every_key_path_knows_its_column(tmp_path: Path) -> None:
    source, _ = load(
        tmp_path,
        "id: WQ-01\ntitle:\n  de: Titel\nlead:\ngoals: [WQ-Z1, WQ-Z2]\nupdates:\n  - date: 2026-01-05\n"
        "    status:   laufend\n",
    )

    assert source is not None
    assert source.column(("id",)) == 5  # the value on the key's line
    assert source.column(("title",)) == 1  # the value starts below: the key
    assert source.column(("title", "de")) == 7
    assert source.column(("lead",)) == 1  # an empty value: the key
    assert source.column(("goals", 1)) == 16  # a list item: the item itself
    assert source.column(("updates", 0)) == 5
    assert source.column(("updates", 0, "status")) == 15
    assert source.key_column(("updates", 0, "status")) == 5
    assert source.key_column(("goals", 1)) == 16  # an item has no key: its own column
    assert source.column(("updates", 0, "note", "de")) == 5  # a missing key: its parent's column
    assert source.column(()) == 1


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    source, errors = load(tmp_path, "title: {de: Maßnahme für Ältere, en: Measure}\n")

    assert errors == []
    assert source is not None
    assert source.column(("title", "en")) == 38
    assert str(source.error(("title", "en"), "falsch", kind="bad_value")) == "data/file.yml:1:38: title.en: falsch"
    assert (
        str(source.error(("title", "en"), "falsch", kind="bad_value", at_key=True))
        == "data/file.yml:1:34: title.en: falsch"
    )


def test_line_falls_back_to_the_nearest_known_parent(tmp_path: Path) -> None:
    source, _ = load(tmp_path, "id: WQ-01\nnote:\n  de: Text\n")

    assert source is not None
    assert source.line(("note", "en")) == 2  # a missing key is located at its parent
    assert source.line(("missing", 3, "deep")) == 1  # the document itself
    assert source.line(()) == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("False", False),
        ("no", "no"),  # the language code of Norwegian, not a boolean
        ("yes", "yes"),
        ("on", "on"),
        ("", None),
        ("~", None),
        ("null", None),
        ("42", 42),
        ("-7", -7),
        ("1_000", 1000),
        ("007", "007"),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1e5", "1e5"),
        ("2026-09-01", dt.date(2026, 9, 1)),
        ("2026-9-1", dt.date(2026, 9, 1)),
        ("2026-02-30", "2026-02-30"),  # stays text, the schema reports it
        ("2026-09", "2026-09"),
        ("'42'", "42"),
        ('"true"', "true"),
        ("'2026-09-01'", "2026-09-01"),
        ("|\n  Zeile\n", "Zeile\n"),
        (">-\n  Absatz eins\n\n  Absatz zwei\n", "Absatz eins\nAbsatz zwei"),
    ],
)
def test_scalar_types(tmp_path: Path, text: str, value: object) -> None:
    source, errors = load(tmp_path, f"key: {text}\n")

    assert errors == []
    assert source is not None
    assert source.data == {"key": value}
    assert type(source.data["key"]) is type(value)


def test_duplicate_key_is_an_error_and_the_first_value_stays(tmp_path: Path) -> None:
    source, errors = load(tmp_path, "id: WQ-01\nupdates:\n  - status: geplant\n    status: laufend\n")

    assert [str(error) for error in errors] == [
        "data/file.yml:4:5: updates[0].status: der Schlüssel „status“ steht doppelt"
    ]
    assert source is not None
    assert source.data == {"id": "WQ-01", "updates": [{"status": "geplant"}]}


def test_empty_file_is_no_value(tmp_path: Path) -> None:
    source, errors = load(tmp_path, "# nur ein Kommentar\n")

    assert errors == []
    assert source is not None
    assert source.data is None
    assert source.line(("id",)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: WQ-01\nnote: Stand: Mai\n",
            "data/file.yml:2:12: YAML-Syntaxfehler: hier darf kein „Schlüssel: Wert“ stehen – fehlt ein Einzug oder ein Anführungszeichen?",
        ),
        (
            "id: WQ-01\nnote:\n\tde: Text\n",
            "data/file.yml:3:1: YAML-Syntaxfehler: Tabulatoren sind nicht erlaubt, bitte Leerzeichen zum Einrücken verwenden",
        ),
        (
            "id: WQ-01\ntitle:\n  de: Titel\n en: Title\n",
            "data/file.yml:4:2: YAML-Syntaxfehler: hier wurde ein Schlüssel erwartet – stimmt der Einzug?",
        ),
        (
            "id: *kennung\n",
            "data/file.yml:1:5: YAML-Anker und -Verweise („*kennung“) sind in den Daten nicht erlaubt"
            " – bitte den Wert an jeder Stelle ausschreiben",
        ),
        (
            "id: WQ-01\nsource: @musterstadt\n",
            "data/file.yml:2:9: YAML-Syntaxfehler: mit diesem Zeichen (Tabulator, @, ` oder %) darf hier nichts beginnen – bitte mit Leerzeichen einrücken und solche Texte in Anführungszeichen setzen",
        ),
    ],
)
def test_syntax_errors_are_german_with_the_line(tmp_path: Path, text: str, expected: str) -> None:
    source, errors = load(tmp_path, text)

    assert source is None
    assert [str(error) for error in errors] == [expected]


# ---- Input that could hang the build or end it in a traceback


def test_anchors_and_aliases_are_refused_with_their_place(tmp_path: Path) -> None:
    source, errors = load(tmp_path, "id: WQ-01\nquarters: [nordstadt]\npartners: *q\n")

    assert source is None
    assert [str(error) for error in errors] == [
        "data/file.yml:3:11: YAML-Anker und -Verweise („*q“) sind in den Daten nicht erlaubt"
        " – bitte den Wert an jeder Stelle ausschreiben"
    ]


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 1  # the file's own mapping is the first level
    source, errors = load(tmp_path, "x: " + "[" * depth + "]" * depth + "\n")

    assert errors == []
    assert source is not None


def test_nesting_beyond_the_limit_is_refused_at_the_first_bracket_too_many(tmp_path: Path) -> None:
    depth = MAX_DEPTH
    source, errors = load(tmp_path, "x: " + "[" * depth + "]" * depth + "\n")

    assert source is None
    assert [str(error) for error in errors] == [
        f"data/file.yml:1:{3 + depth}: die Werte sind tiefer als 50 Ebenen ineinander verschachtelt"
        " – fehlt eine schließende Klammer, oder stimmt der Einzug nicht?"
    ]


def test_a_file_larger_than_the_limit_is_not_read(tmp_path: Path) -> None:
    source, errors = load(tmp_path, "# " + "x" * MAX_BYTES + "\n")

    assert source is None
    assert [str(error) for error in errors] == [
        "data/file.yml: die Datei ist 1,0 MB groß, erlaubt sind höchstens 1 MB"
        " – bitte auf mehrere Dateien aufteilen oder Bilder und Dokumente unter docs/ ablegen"
    ]


@pytest.mark.parametrize(("char", "code"), [("\x00", "0000"), ("\x07", "0007"), ("\x1b", "001B")])
def test_control_characters_are_located_in_characters(tmp_path: Path, char: str, code: str) -> None:
    source, errors = load(tmp_path, f"id: WQ-01\ntitle:\n  de: Maß{char}nahme\n")

    assert source is None
    assert [str(error) for error in errors] == [
        f"data/file.yml:3:10: die Datei enthält das unsichtbare Steuerzeichen U+{code}, das in YAML nicht erlaubt ist"
        " – bitte die Stelle löschen und neu tippen"
    ]


def test_a_file_that_cannot_be_read_is_reported_not_raised(tmp_path: Path) -> None:
    folder = tmp_path / "wq-09.yml"
    folder.mkdir()

    source, errors = load_yaml(folder, "data/measures/wq-09.yml")

    assert source is None
    assert [str(error) for error in errors] == [
        "data/measures/wq-09.yml: die Datei lässt sich nicht lesen – ist sie ein Ordner, oder fehlen die Leserechte?"
    ]


def test_deep_nesting_by_indentation_is_refused_too(tmp_path: Path) -> None:
    # a list under its key at the key's own column: the tightest nesting indentation allows
    lines, indent = [], 0
    for level in range(MAX_DEPTH + 2):
        if level % 2 == 0:
            lines.append(" " * indent + f"k{level}:")
        else:
            lines.append(" " * indent + "-")
            indent += 2
    source, errors = load(tmp_path, "\n".join(lines) + " x\n")

    assert source is None
    assert [error.message for error in errors] == [
        "die Werte sind tiefer als 50 Ebenen ineinander verschachtelt"
        " – fehlt eine schließende Klammer, oder stimmt der Einzug nicht?"
    ]
    assert errors[0].line == MAX_DEPTH + 1


# ---- The cache of parsed files (make check, serve and build keep one between runs)


def cached_load(tmp_path: Path, path: Path) -> tuple[Source | None, list[PlanError]]:
    cache = ParseCache.in_folder(tmp_path / "cache", tmp_path)
    result = load_yaml(path, "data/file.yml", cache)
    cache.save()
    return result


def test_a_file_parsed_before_comes_from_the_cache_and_a_changed_one_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "file.yml"
    path.write_text("id: WQ-01\ntitle:\n  de: Titel\n", encoding="utf-8")
    first, _ = cached_load(tmp_path, path)
    parsed: list[bytes] = []
    real_parse = yamlsource._parse
    monkeypatch.setattr(yamlsource, "_parse", lambda raw, display: parsed.append(raw) or real_parse(raw, display))

    again, errors = cached_load(tmp_path, path)
    path.write_text("id: WQ-01\ntitle:\n  de: Neuer Titel\n", encoding="utf-8")
    changed, _ = cached_load(tmp_path, path)

    assert parsed == [b"id: WQ-01\ntitle:\n  de: Neuer Titel\n"]  # only the changed bytes
    assert first is not None
    assert again is not None
    assert changed is not None
    assert (again.data, again.lines, again.columns, errors) == (first.data, first.lines, first.columns, [])
    assert changed.data == {"id": "WQ-01", "title": {"de": "Neuer Titel"}}


def test_errors_come_from_the_cache_as_they_were_found(tmp_path: Path) -> None:
    path = tmp_path / "file.yml"
    path.write_text("id: WQ-01\nid: WQ-02\n", encoding="utf-8")

    first = cached_load(tmp_path, path)
    again = cached_load(tmp_path, path)

    assert [str(error) for error in again[1]] == [str(error) for error in first[1]]
    assert [error.line for error in again[1]] == [2]


def test_what_a_run_changes_in_its_data_never_reaches_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "file.yml"
    path.write_text("goals: [WQ-Z1]\n", encoding="utf-8")
    first, _ = cached_load(tmp_path, path)
    assert first is not None
    first.data["goals"].append("verändert")

    again, _ = cached_load(tmp_path, path)

    assert again is not None
    assert again.data == {"goals": ["WQ-Z1"]}


def test_an_unreadable_cache_counts_as_empty_and_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "file.yml"
    path.write_text("id: WQ-01\n", encoding="utf-8")
    cache_file = ParseCache.in_folder(tmp_path / "cache", tmp_path).file
    cache_file.parent.mkdir()
    cache_file.write_bytes(b"kein Pickle")

    source, errors = cached_load(tmp_path, path)

    assert source is not None
    assert source.data == {"id": "WQ-01"}
    assert errors == []
    assert len(ParseCache(cache_file)._stored) == 1
    assert [p.name for p in cache_file.parent.iterdir()] == [cache_file.name]  # no half-written file left


def test_the_cache_keeps_only_the_files_of_its_last_run(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yml", tmp_path / "file.yml"
    old.write_text("id: WQ-01\n", encoding="utf-8")
    new.write_text("id: WQ-02\n", encoding="utf-8")
    cached_load(tmp_path, old)

    cached_load(tmp_path, new)

    stored = ParseCache.in_folder(tmp_path / "cache", tmp_path)._stored
    assert len(stored) == 1
    assert [pickle.loads(entry)[0].data for entry in stored.values()] == [{"id": "WQ-02"}]


def test_a_damaged_entry_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "file.yml"
    path.write_text("id: WQ-01\n", encoding="utf-8")
    cached_load(tmp_path, path)
    cache_file = ParseCache.in_folder(tmp_path / "cache", tmp_path).file
    stored = pickle.loads(cache_file.read_bytes())
    cache_file.write_bytes(pickle.dumps({key: entry[:-5] for key, entry in stored.items()}))  # cut short

    source, errors = cached_load(tmp_path, path)

    assert source is not None
    assert (source.data, errors) == ({"id": "WQ-01"}, [])
    assert pickle.loads(next(iter(ParseCache(cache_file)._stored.values())))[0].data == {"id": "WQ-01"}
