"""Chart geometry: stacked status bars and indicator lines, mirrored for right-to-left languages."""

from __future__ import annotations

import pytest

from actionplan.plan.plan import Plan
from actionplan.plan.stats import summarize
from actionplan.site.charts import BAR_HEIGHT, ROW_GAP, WIDTH, BarRow, Segment, indicator_chart, stacked_bars


def test_stacked_bars_left_to_right(plan: Plan) -> None:
    rows, height = stacked_bars(
        [("Alle", summarize(plan.measures)), ("SB", summarize(plan.measures_of("sprache-bildung")))], rtl=False
    )

    assert rows == [
        BarRow("Alle", 0.0, 0.0, (Segment("laufend", 0.0, 400.0, 2), Segment("zusammengefuehrt", 400.0, 200.0, 1))),
        BarRow("SB", 0.0, ROW_GAP + BAR_HEIGHT, (Segment("laufend", 0.0, 600.0, 1),)),
    ]
    assert height == 2 * (ROW_GAP + BAR_HEIGHT)


def test_stacked_bars_mirrored_for_rtl(plan: Plan) -> None:
    rows, _ = stacked_bars([("Alle", summarize(plan.measures))], rtl=True)

    # The first status starts at the right edge and the bar still fills the whole width.
    assert rows == [
        BarRow("Alle", WIDTH, 0.0, (Segment("laufend", 200.0, 400.0, 2), Segment("zusammengefuehrt", 0.0, 200.0, 1)))
    ]


def test_indicator_chart_is_mirrored_for_rtl(plan: Plan) -> None:
    indicator = plan.measures_by_id["WQ-01"].indicators[0]

    ltr = indicator_chart(indicator, rtl=False)
    rtl = indicator_chart(indicator, rtl=True)

    assert [p.kind for p in ltr.points] == ["baseline", "value", "value", "target"]
    assert [p.value for p in ltr.points] == [140, 165, 1390.5, 700]
    assert ltr.points[0].x == 24.0  # the baseline stands left …
    assert ltr.points[-1].x == 336.0  # … the target right
    assert [p.x for p in rtl.points] == [pytest.approx(360 - p.x) for p in ltr.points]
    assert [p.y for p in rtl.points] == [p.y for p in ltr.points]
    assert min(p.y for p in ltr.points) == 18.0  # the highest value touches the top padding
    assert ltr.axis_y == 118.0
    assert ltr.measured == "24.0,107.9 101.8,106.1 153.9,18.0"
    assert ltr.planned == "153.9,18.0 336.0,67.7"
