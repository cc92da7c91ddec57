"""Geometry of the charts; the markup is in overrides/plan/charts.html.

The charts are HTML laid out for their container, not drawings scaled to fit it: every label and
value is HTML text at the page's own size, so it stays readable at 320 px. Bars are flex rows
that follow the reading direction by themselves (the first status stands at the right in Arabic);
the indicator chart places its points in per cent of its plot, and time runs from right to left
for right-to-left languages, as their readers expect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..plan.model import Indicator
from ..plan.stats import Summary
from ..plan.texts import Picked

MIN_YEAR_BAND = 15.0
"""A year is named on the time axis when its stretch takes at least this share (%) of it."""


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    share: float  # per cent of the row


@dataclass(frozen=True)
class BarRow:
    label: Picked
    segments: tuple[Segment, ...]


def stacked_bars(rows: Sequence[tuple[Picked, Summary]]) -> list[BarRow]:
    """One 100 % bar per row, split by status; statuses without measures are left out."""
    return [
        BarRow(label, tuple(Segment(s.status, s.count, s.share) for s in summary.present)) for label, summary in rows
    ]


@dataclass(frozen=True)
class ValueBar:
    label: Picked
    value: float
    length: float  # per cent of the longest bar
    total: bool  # the town as a whole, drawn apart from the neighbourhoods


def value_bars(rows: Sequence[tuple[Picked, float, bool]]) -> list[ValueBar]:
    """One bar per area, scaled to the largest value."""
    top = max((value for _, value, _ in rows), default=1) or 1
    return [ValueBar(label, value, round(100 * max(value, 0) / top, 2), total) for label, value, total in rows]


@dataclass(frozen=True)
class Point:
    x: float  # per cent of the plot's width, from the left
    y: float  # per cent of the plot's height, from the top
    value: float
    kind: str  # baseline | value | target


@dataclass(frozen=True)
class Year:
    year: int
    x: float  # where its name stands: the middle of its stretch of the axis (per cent from the left)


@dataclass(frozen=True)
class LineChart:
    points: tuple[Point, ...]
    measured: str  # polyline through baseline and values, in the plot's 0–100 coordinates
    planned: str  # dashed line from the last measured point to the target
    ticks: tuple[float, ...]  # the turns of the year on the axis (per cent from the left)
    years: tuple[Year, ...]  # the years named under the axis


def indicator_chart(indicator: Indicator, rtl: bool) -> LineChart:
    """Baseline, measured values and target on a time axis, in per cent of the plot."""
    readings = [(indicator.baseline.date.first_day, indicator.baseline.value, "baseline")]
    readings += [(v.date.first_day, v.value, "value") for v in indicator.values]
    readings.append((indicator.target.date.first_day, indicator.target.value, "target"))
    start = min(day for day, _, _ in readings)  # a reading may come after the target date: the axis covers all
    end = max(day for day, _, _ in readings)
    span = max((end - start).days, 1)
    low = min(0.0, *(value for _, value, _ in readings))
    high = max(value for _, value, _ in readings)

    def x_of(day: dt.date) -> float:
        x = 100 * (day - start).days / span
        return round(100 - x if rtl else x, 2)

    points = tuple(
        Point(x_of(day), round(100 - 100 * (value - low) / ((high - low) or 1), 2), value, kind)
        for day, value, kind in readings
    )
    ticks = tuple(x_of(dt.date(year, 1, 1)) for year in range(start.year + 1, end.year + 1))
    years = []
    for year in range(start.year, end.year + 1):
        first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year + 1, 1, 1))
        if start == end:  # every reading on one day: the year stands in the middle
            years.append(Year(year, 50.0))
        elif 100 * (last - first).days / span >= MIN_YEAR_BAND:
            years.append(Year(year, round((x_of(first) + x_of(last)) / 2, 2)))
    return LineChart(
        points,
        " ".join(f"{p.x:g},{p.y:g}" for p in points[:-1]),
        " ".join(f"{p.x:g},{p.y:g}" for p in points[-2:]),
        ticks,
        tuple(years),
    )
