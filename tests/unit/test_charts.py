"""Chart geometry: status bars, key figure bars and indicator lines, mirrored for right-to-left languages."""

from __future__ import annotations

import pytest

from actionplan.plan.plan import Plan
from actionplan.plan.stats import summarize
from actionplan.plan.texts import Localizer, Picked, is_percent
from actionplan.site.charts import (
    BarRow,
    Point,
    Segment,
    ValueBar,
    Year,
    indicator_chart,
    stacked_bars,
    value_bars,
)

ALL = Picked("Alle", "de", False)
SB = Picked("SB", "de", False)


def test_stacked_bars_give_each_status_its_count_and_share(plan: Plan) -> None:
    rows = stacked_bars([(ALL, summarize(plan.measures)), (SB, summarize(plan.measures_of("sprache-bildung")))])

    assert rows == [
        BarRow(
            ALL,
            (
                Segment("laufend", 2, pytest.approx(66.67, abs=0.01)),
                Segment("zusammengefuehrt", 1, pytest.approx(33.33, abs=0.01)),
            ),
        ),
        BarRow(SB, (Segment("laufend", 1, 100.0),)),  # statuses without measures are left out
    ]


def test_value_bars_are_scaled_to_the_largest_value() -> None:
    town, north = Picked("Stadt", "de", False), Picked("Nord", "de", False)

    assert value_bars([(town, 200.0, True), (north, 50.0, False), (north, 0.0, False)]) == [
        ValueBar(town, 200.0, 100.0, True),
        ValueBar(north, 50.0, 25.0, False),
        ValueBar(north, 0.0, 0.0, False),
    ]


def test_indicator_chart_on_a_time_axis(plan: Plan) -> None:
    indicator = plan.measures_by_id["WQ-01"].indicators[0]  # 2025-12: 140, 2026-06: 165, 2026-10: 1390.5, 2027-12: 700

    chart = indicator_chart(indicator, rtl=False)

    assert [(p.kind, p.value) for p in chart.points] == [
        ("baseline", 140),
        ("value", 165),
        ("value", 1390.5),
        ("target", 700),
    ]
    assert chart.points[0] == Point(0.0, 89.93, 140, "baseline")  # the baseline stands left …
    assert chart.points[-1] == Point(100.0, 49.66, 700, "target")  # … the target right
    assert chart.points[2].y == 0.0  # the highest value touches the top
    assert chart.measured == "0,89.93 24.93,88.13 41.64,0"
    assert chart.planned == "41.64,0 100,49.66"
    assert chart.ticks == (4.25, 54.25)  # 1 January 2026 and 2027
    assert chart.years == (Year(2026, 29.25), Year(2027, 77.12))  # December 2025 is too short to be named


def test_indicator_chart_is_mirrored_for_rtl(plan: Plan) -> None:
    indicator = plan.measures_by_id["WQ-01"].indicators[0]

    ltr, rtl = indicator_chart(indicator, rtl=False), indicator_chart(indicator, rtl=True)

    assert [p.x for p in rtl.points] == [pytest.approx(100 - p.x) for p in ltr.points]
    assert [p.y for p in rtl.points] == [p.y for p in ltr.points]
    assert rtl.ticks == tuple(pytest.approx(100 - x) for x in ltr.ticks)
    assert [y.x for y in rtl.years] == [pytest.approx(100 - y.x) for y in ltr.years]
    assert rtl.measured == "100,89.93 75.07,88.13 58.36,0"


@pytest.mark.parametrize(
    ("lang", "unit", "value", "shown"),
    [
        ("de", {"de": "Prozent", "en": "per cent"}, 22.5, "22,5 %"),
        ("en", {"de": "Prozent", "en": "per cent"}, 22.5, "22.5%"),
        ("ar", {"de": "%"}, 7, "7٪"),
        ("tr", {"de": " prozent "}, 7, "%7"),
        ("de", {"de": "Personen"}, 61240, "61.240"),
        ("de", None, 3.5, "3,5"),
    ],
)
def test_quantities_show_percent_where_the_unit_is_percent(
    lang: str, unit: dict[str, str] | None, value: float, shown: str
) -> None:
    assert Localizer(lang).quantity(value, unit) == shown
    assert is_percent(unit) is (shown[-1] in "%٪" or shown.startswith("%"))


def test_years_as_the_languages_dates_write_them(plan: Plan) -> None:
    month = plan.measures_by_id["WQ-01"].indicators[0].target.date  # December 2027
    for lang in ("de", "ar", "fa", "uk"):
        loc = Localizer(lang)
        assert loc.year(2027) == "2027"  # no grouping ("2.027")
        assert loc.year(2027) in loc.when(month)


def test_an_indicator_measured_on_one_day_only(plan: Plan) -> None:
    indicator = plan.measures_by_id["WQ-01"].indicators[0]
    day = indicator.baseline.date
    same = indicator.model_copy(update={"values": [], "target": indicator.target.model_copy(update={"date": day})})

    chart = indicator_chart(same, rtl=True)

    assert [p.x for p in chart.points] == [100.0, 100.0]  # no span of time: both at the start, the right in RTL
    assert chart.ticks == ()
    assert chart.years == (Year(2025, 50.0),)
