"""Geometry of the inline SVG charts; the markup is in overrides/plan/charts.html.

Coordinates are computed here so they can be mirrored for right-to-left languages:
bars grow from the right and time runs from right to left, as readers of Arabic expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..plan.model import Indicator
from ..plan.stats import Summary
from ..plan.texts import Picked

WIDTH = 600
BAR_HEIGHT = 22
ROW_GAP = 30


@dataclass(frozen=True)
class Segment:
    status: str
    x: float
    width: float
    count: int


@dataclass(frozen=True)
class BarRow:
    label: Picked
    label_x: float
    y: float
    segments: tuple[Segment, ...]


def stacked_bars(rows: Sequence[tuple[Picked, Summary]], rtl: bool) -> tuple[list[BarRow], float]:
    """One 100 % bar per row, split by status; returns rows and the total height."""
    result = []
    y = 0.0
    for label, summary in rows:
        x = 0.0
        segments = []
        for share in summary.present:
            width = WIDTH * share.share / 100
            segments.append(Segment(share.status, WIDTH - x - width if rtl else x, width, share.count))
            x += width
        result.append(BarRow(label, WIDTH if rtl else 0.0, y, tuple(segments)))
        y += ROW_GAP + BAR_HEIGHT
    return result, y


@dataclass(frozen=True)
class ValueBar:
    label: Picked
    value: float
    x: float
    width: float
    y: float
    label_x: float
    value_x: float  # where the figure stands: just past the bar's end
    total: bool  # the town as a whole, drawn apart from the neighbourhoods


LABEL_WIDTH = 170


def value_bars(rows: Sequence[tuple[Picked, float, bool]], rtl: bool) -> tuple[list[ValueBar], float]:
    """One bar per area, scaled to the largest value; labels on the reading side."""
    top = max((value for _, value, _ in rows), default=1) or 1
    span = WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, (label, value, total) in enumerate(rows):
        width = span * value / top
        y = index * (BAR_HEIGHT + 8)
        if rtl:
            x = WIDTH - LABEL_WIDTH - width
            bars.append(ValueBar(label, value, x, width, y, WIDTH, x - 6, total))
        else:
            bars.append(ValueBar(label, value, LABEL_WIDTH, width, y, 0.0, LABEL_WIDTH + width + 6, total))
    return bars, len(rows) * (BAR_HEIGHT + 8)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    kind: str  # baseline | value | target


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: tuple[Point, ...]
    measured: str  # polyline through baseline and values
    planned: str  # dashed line from the last measured point to the target
    axis_y: float


def indicator_chart(indicator: Indicator, rtl: bool, width: int = 360, height: int = 140) -> LineChart:
    """Baseline, measured values and target on a time axis, scaled to fit."""
    pad_x, pad_top, pad_bottom = 24.0, 18.0, 22.0
    readings = [(indicator.baseline.date.first_day, indicator.baseline.value, "baseline")]
    readings += [(v.date.first_day, v.value, "value") for v in indicator.values]
    readings.append((indicator.target.date.first_day, indicator.target.value, "target"))
    days = [day.toordinal() for day, _, _ in readings]
    start = min(days)  # a reading may come after the target date: the axis covers all of them
    span = max(max(days) - start, 1)
    low = min(0.0, *(value for _, value, _ in readings))
    high = max(value for _, value, _ in readings)
    scale = (height - pad_top - pad_bottom) / ((high - low) or 1)
    points = []
    for day, value, kind in readings:
        x = pad_x + (width - 2 * pad_x) * (day.toordinal() - start) / span
        points.append(Point(width - x if rtl else x, height - pad_bottom - (value - low) * scale, value, kind))
    measured = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points[:-1])
    planned = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points[-2:])
    return LineChart(width, height, tuple(points), measured, planned, height - pad_bottom)
