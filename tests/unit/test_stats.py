"""Progress figures: counts and shares by status, average progress of the active measures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from actionplan.plan.model import STATUSES, Measure
from actionplan.plan.plan import Plan
from actionplan.plan.stats import StatusShare, Summary, summarize


def measure(number: int, *updates: tuple[str, int | None]) -> Measure:
    """A measure whose updates are (status, progress) pairs, one month apart."""
    data: dict[str, Any] = {
        "id": f"WQ-{number:02d}",
        "title": {"de": f"Maßnahme {number}"},
        "summary": {"de": "Kurz."},
        "field": "wohnen-quartier",
        "quarters": ["alle"],
        "lead": "stabsstelle-integration",
        "start": "2026-01",
        "updates": [
            {"date": dt.date(2026, month, 1), "status": status, "note": {"de": "Stand."}}
            | ({} if progress is None else {"progress": progress})
            for month, (status, progress) in enumerate(updates, 1)
        ],
    }
    return Measure.model_validate(data, context={"languages": ["de"]})


def test_counts_shares_and_average_without_discontinued_and_merged() -> None:
    measures = [
        measure(1, ("geplant", 0)),
        measure(2, ("laufend", 40)),
        measure(3, ("laufend", 60)),
        measure(4, ("abgeschlossen", 100)),
        measure(5, ("laufend", 30), ("verzoegert", None)),  # keeps 30
        measure(6, ("laufend", 50), ("pausiert", 50)),
        measure(7, ("laufend", 90), ("eingestellt", None)),  # 90, but no longer counted
        measure(8, ("laufend", 70), ("zusammengefuehrt", None)),  # 70, but no longer counted
    ]

    summary = summarize(measures)

    assert summary.total == 8
    assert [(s.status, s.count, s.share) for s in summary.shares] == [
        ("geplant", 1, 12.5),
        ("laufend", 2, 25.0),
        ("abgeschlossen", 1, 12.5),
        ("verzoegert", 1, 12.5),
        ("pausiert", 1, 12.5),
        ("eingestellt", 1, 12.5),
        ("zusammengefuehrt", 1, 12.5),
    ]
    assert summary.progress == (0 + 40 + 60 + 100 + 30 + 50) / 6
    assert [s.status for s in summary.present] == list(STATUSES)


def test_present_lists_only_statuses_that_occur_in_status_order() -> None:
    summary = summarize([measure(1, ("laufend", 20)), measure(2, ("geplant", None)), measure(3, ("laufend", 40))])

    assert summary.present == (
        StatusShare("geplant", 1, pytest.approx(100 / 3)),
        StatusShare("laufend", 2, pytest.approx(200 / 3)),
    )
    assert summary.progress == 20.0  # a measure without any progress counts as 0


def test_only_inactive_measures_average_zero() -> None:
    summary = summarize([measure(1, ("laufend", 80), ("eingestellt", None))])

    assert (summary.total, summary.progress) == (1, 0.0)
    assert [(s.status, s.count, s.share) for s in summary.present] == [("eingestellt", 1, 100.0)]


def test_no_measures() -> None:
    assert summarize([]) == Summary(0, tuple(StatusShare(status, 0, 0.0) for status in STATUSES), 0.0)


def test_fixture_plan(plan: Plan) -> None:
    overall = summarize(plan.measures)
    housing = summarize(plan.measures_of("wohnen-quartier"))

    assert [(s.status, s.count) for s in overall.present] == [("laufend", 2), ("zusammengefuehrt", 1)]
    assert overall.progress == 37.5  # (45 + 30) / 2: the merged WQ-02 does not count
    assert (housing.total, housing.progress) == (2, 45.0)
