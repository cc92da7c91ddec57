"""The timeline's layout: one axis of whole years, bars mirrored in right-to-left, progress per year."""

from __future__ import annotations

import datetime as dt

from actionplan.plan.model import Measure
from actionplan.plan.plan import Plan
from actionplan.site.timeline import WIDTH, progress_by_year, timeline

from .helpers import LANGUAGES


def measure(start: str, due: str | None, updates: list[tuple[str, int | None]]) -> Measure:
    return Measure.model_validate(
        {
            "id": "WQ-09",
            "title": {"de": "Probe"},
            "summary": {"de": "Probe"},
            "field": "wohnen-quartier",
            "quarters": ["alle"],
            "lead": "stabsstelle-integration",
            "start": start,
            **({"due": due} if due else {}),
            "updates": [
                {
                    "date": day,
                    "status": "laufend",
                    "note": {"de": "Stand"},
                    **({"progress": value} if value is not None else {}),
                }
                for day, value in updates
            ],
        },
        context={"languages": LANGUAGES},
    )


def test_a_measure_over_three_years_shows_the_progress_reported_by_the_end_of_each_closed_year() -> None:
    m = measure(
        "2025-03", "2027-12", [("2025-06-01", 10), ("2025-11-30", 20), ("2026-05-01", None), ("2026-09-01", 55)]
    )
    assert progress_by_year(m, dt.date(2027, 2, 1)) == ((2025, 20, True), (2026, 55, True), (2027, 55, False))
    assert progress_by_year(m, dt.date(2026, 1, 10)) == ((2025, 20, True), (2026, 20, False))


def test_a_measure_within_one_year_has_no_progress_per_year() -> None:
    assert progress_by_year(measure("2026-03", "2026-11", [("2026-04-01", 30)]), dt.date(2027, 1, 1)) == ()


def test_the_axis_runs_over_whole_years_and_mirrors_in_right_to_left(plan: Plan) -> None:
    m = measure("2026-07", "2026-12", [("2026-07-01", 0)])
    today = dt.date(2026, 7, 2)
    ltr = timeline([m], today, False, ["nordstadt"])
    rtl = timeline([m], today, True, ["nordstadt"])
    assert (ltr.first, ltr.last, ltr.years) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31), (2026,))
    row, mirrored = ltr.rows[0], rtl.rows[0]
    assert (row.x, row.width) == (495.9, 504.1)  # 1 July: day 181 of 365
    assert mirrored.x == round(WIDTH - row.x - row.width, 1)
    assert ltr.today_x == 498.6
    assert rtl.today_x == round(WIDTH - 498.6, 1)
    assert row.quarters == ("nordstadt",)  # the whole town: every neighbourhood, for the filter
