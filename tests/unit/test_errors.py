"""The error type editors read: location, German report, order and deduplication."""

from __future__ import annotations

import pytest

from actionplan.plan.errors import PlanError, PlanErrors, byte_position, format_path, quote
from actionplan.plan.loading import describe


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (
            PlanError("data/a.yml", 3, "updates[0].status", "falsch", 13, kind="bad_value"),
            "data/a.yml:3:13: updates[0].status: falsch",
        ),
        (PlanError("data/a.yml", 3, "", "falsch", 1, kind="bad_value"), "data/a.yml:3:1: falsch"),
        (
            PlanError("data/a.yml", 3, "updates[0].status", "falsch", kind="bad_value"),
            "data/a.yml:3: updates[0].status: falsch",
        ),
        (PlanError("data/a.yml", 3, "", "falsch", kind="bad_value"), "data/a.yml:3: falsch"),
        (PlanError("data/a.yml", 0, "", "die Datei fehlt", kind="bad_value"), "data/a.yml: die Datei fehlt"),
        (PlanError("data/a.yml", 0, "id", "falsch", kind="bad_value"), "data/a.yml: id: falsch"),
    ],
)
def test_error_text(error: PlanError, text: str) -> None:
    assert str(error) == text


def test_errors_are_sorted_by_file_and_line_and_deduplicated() -> None:
    errors = PlanErrors(
        [
            PlanError("data/measures/wq-01.yml", 12, "due", "b", kind="bad_value"),
            PlanError("data/fields.yml", 40, "", "c", kind="bad_value"),
            PlanError("data/measures/wq-01.yml", 2, "id", "a", kind="bad_value"),
            PlanError("data/measures/wq-01.yml", 12, "due", "b", kind="bad_value"),
        ]
    )

    assert errors.report() == (
        "3 Fehler in den Daten – die Website wurde nicht gebaut:\n"
        "  data/fields.yml:40: c\n"
        "  data/measures/wq-01.yml:2: id: a\n"
        "  data/measures/wq-01.yml:12: due: b"
    )
    assert str(errors) == errors.report()


def test_line_numbers_sort_as_numbers() -> None:
    errors = PlanErrors(
        [PlanError("f.yml", 10, "", "zehn", kind="bad_value"), PlanError("f.yml", 9, "", "neun", kind="bad_value")]
    )

    assert [e.message for e in errors.errors] == ["neun", "zehn"]


def test_errors_on_one_line_sort_by_column() -> None:
    errors = PlanErrors(
        [
            PlanError("f.yml", 3, "b", "zwölf", 12, kind="bad_value"),
            PlanError("f.yml", 3, "c", "neun", 9, kind="bad_value"),
        ]
    )

    assert [e.message for e in errors.errors] == ["neun", "zwölf"]


def test_the_column_is_optional_and_keyword_compatible() -> None:
    assert PlanError("f.yml", 3, "id", "falsch", kind="bad_value") == PlanError(
        "f.yml", 3, "id", "falsch", column=0, kind="missing"
    )
    assert PlanError(file="f.yml", line=3, path="id", message="falsch", column=5, kind="bad_value").where == "f.yml:3:5"


@pytest.mark.parametrize(
    ("raw", "offset", "position"),
    [(b"abc", 0, (1, 1)), (b"a\nbc\xff", 4, (2, 3)), ("# Maß\nä".encode() + b"\xff", 9, (2, 2))],
)
def test_byte_position_counts_characters(raw: bytes, offset: int, position: tuple[int, int]) -> None:
    assert byte_position(raw, offset) == position


@pytest.mark.parametrize(
    ("loc", "path"),
    [(("updates", 2, "status"), "updates[2].status"), ((0, "goals", 1, "id"), "[0].goals[1].id"), ((), "")],
)
def test_format_path(loc: tuple[str | int, ...], path: str) -> None:
    assert format_path(loc) == path


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "einen leeren Wert"),
        (True, "den Wahrheitswert true"),
        (3, "die Zahl 3"),
        (2.5, "die Zahl 2.5"),
        ([1], "eine Liste"),
        ({"a": 1}, "eine Zuordnung (Schlüssel: Wert)"),
        ("text", "„text“"),
    ],
)
def test_describe_and_quote(value: object, text: str) -> None:
    assert describe(value) == text
    assert quote("WQ-01") == "„WQ-01“"
