"""The timeline across measures (marker `plan:timeline`): every measure from start to due date.

The layout is computed here, once per build: the span runs from 1 January of the first year
to 31 December of the last, so every year is equally wide and the year labels above can be
plain HTML boxes of equal width. Positions are fractions of `WIDTH`, the width of each bar's
SVG viewBox; in right-to-left languages they are mirrored, so time runs from right to left.
"Today" is the date the build shows (the newest update, reproducible); a small script
(`timeline.js`) moves the line to the reader's own date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..plan.model import ALL_QUARTERS, Measure

WIDTH = 1000.0


@dataclass(frozen=True)
class Mark:
    x: float
    title: dict[str, str]
    due: str  # the milestone's date, as written (2026-09)
    done: bool


@dataclass(frozen=True)
class Row:
    measure: Measure
    x: float
    width: float
    open_end: bool  # no due date: the bar runs to the end of the span
    milestones: tuple[Mark, ...]
    years: tuple[tuple[int, int, bool], ...]  # (year, progress at its end, year closed): see progress_by_year
    quarters: tuple[str, ...]  # the neighbourhoods it works in; every one for the whole town


@dataclass(frozen=True)
class Timeline:
    first: dt.date
    last: dt.date
    years: tuple[int, ...]
    rows: tuple[Row, ...]
    today: dt.date
    today_x: float | None  # None: today lies outside the span
    grid: tuple[float, ...]  # x of each year's start after the first


def progress_by_year(measure: Measure, until: dt.date) -> tuple[tuple[int, int, bool], ...]:
    """For a measure that runs over several calendar years: the progress reported by the end of each.

    Each entry is (year, progress, closed); the year of `until` (the build's date) is not closed
    yet ("so far"), and later years have no report and are left out.
    """
    end = measure.due.last_day if measure.due else until
    if end.year <= measure.start.year:
        return ()
    out = []
    for year in range(measure.start.year, min(end.year, until.year) + 1):
        reported = [
            u.progress for u in measure.updates if u.date.year <= year and u.date <= until and u.progress is not None
        ]
        out.append((year, reported[-1] if reported else 0, year < until.year))
    return tuple(out)


def timeline(measures: Sequence[Measure], today: dt.date, rtl: bool, all_quarters: Sequence[str]) -> Timeline:
    """The layout of `measures` (not empty) on one time axis."""
    starts = [m.start.first_day for m in measures]
    ends = [m.due.last_day for m in measures if m.due] + [m.start.last_day for m in measures]
    for m in measures:
        ends += [milestone.due.last_day for milestone in m.milestones]
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(max(*ends, today).year, 12, 31)
    span = (last - first).days + 1

    def x(day: dt.date, width: float = 0.0) -> float:
        position = (day - first).days / span * WIDTH
        return round(WIDTH - position - width if rtl else position, 1)

    rows = []
    for m in measures:
        start = m.start.first_day
        end = m.due.last_day if m.due else last
        width = round(max((end - start).days + 1, 1) / span * WIDTH, 1)
        marks = tuple(Mark(x(ms.due.last_day), ms.title, str(ms.due), ms.done is not None) for ms in m.milestones)
        quarters = tuple(all_quarters) if ALL_QUARTERS in m.quarters else tuple(m.quarters)
        rows.append(Row(m, x(start, width), width, m.due is None, marks, progress_by_year(m, today), quarters))
    years = tuple(range(first.year, last.year + 1))
    grid = tuple(x(dt.date(year, 1, 1)) for year in years[1:])
    today_x = x(today) if first <= today <= last else None
    return Timeline(first, last, years, tuple(rows), today, today_x, grid)
