"""The charts as a reader sees them in Chromium: text size at 320 px, values as text, forced colours, RTL."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from actionplan.site.hyphenation import strip_soft_hyphens
from tests.browser.conftest import new_tab
from tests.conftest import PREFIX

pytestmark = pytest.mark.browser

CHART_PAGES = {
    "plan": "handlungskonzept/",
    "inventory": "bestandsaufnahme/",
    "measure": "massnahmen/wq-01/",
}
CHARTS = ".plan-chart, .plan-chart__svg"  # every chart's outermost element

# Every piece of text a chart draws, with its size as rendered: an SVG's scale counts, and text
# that is not drawn (an SVG <title>, a tooltip) does not.
CHART_TEXTS = """(selector) => {
  const out = [];
  for (const chart of document.querySelectorAll(selector)) {
    if (chart.parentElement.closest(selector)) continue;
    const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || el.closest("title, desc")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement) {
        const m = el.getScreenCTM();
        size *= Math.hypot(m.a, m.b);
      }
      out.push({text, size: Math.round(size * 10) / 10});
    }
  }
  return out;
}"""

# Contrast of every chart text and mark against what lies behind it (WCAG's relative luminance).
CONTRASTS = """(selector) => {
  const parse = (c) => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1};
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (e instanceof HTMLElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0.5) return c.rgb;
      }
    }
    return parse(getComputedStyle(document.documentElement).backgroundColor)?.rgb || [255, 255, 255];
  };
  const out = [];
  for (const chart of document.querySelectorAll(selector)) {
    if (chart.parentElement.closest(selector)) continue;
    const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const el = node.parentElement;
      if (!node.textContent.trim() || el.closest("title, desc")) continue;
      const style = getComputedStyle(el);
      const color = parse(el instanceof SVGElement ? style.fill : style.color);
      if (color) out.push({kind: "text", what: node.textContent.trim(), ratio: ratio(color.rgb, behind(el))});
    }
    const marks = chart.querySelectorAll("rect, circle, line, polyline, path, .plan-chart__mark");
    for (const mark of marks) {
      const box = mark.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const style = getComputedStyle(mark);
      const ground = behind(mark.parentElement);
      const paints = mark instanceof SVGElement
        ? [style.fill, style.stroke]
        : [style.backgroundColor, style.borderTopWidth !== "0px" ? style.borderTopColor : null];
      const best = Math.max(0, ...paints.map(parse).filter((c) => c && c.a > 0.5).map((c) => ratio(c.rgb, ground)));
      out.push({kind: "mark", what: mark.getAttribute("class") || mark.tagName, ratio: best});
    }
  }
  return out;
}"""


def _open(context: BrowserContext, url: str, width: int, forced: str | None = None) -> Page:
    page = new_tab(context, width)
    if forced:  # Chromium's forced colours: light or dark ("black") high contrast by the colour scheme
        page.emulate_media(forced_colors="active", color_scheme=forced)  # type: ignore[arg-type]
    page.goto(url, wait_until="load")
    return page


@pytest.mark.parametrize("width", [320, 1366])
@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("kind", CHART_PAGES)
def test_chart_text_is_at_least_12_px(
    context: BrowserContext, served_site: str, kind: str, lang: str, width: int
) -> None:
    page = _open(context, f"{served_site}/{PREFIX[lang]}{CHART_PAGES[kind]}", width)
    try:
        texts: list[dict[str, Any]] = page.evaluate(CHART_TEXTS, CHARTS)
        assert texts, "no chart text found"
        assert [t for t in texts if t["size"] < 12] == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no chart widens the page
    finally:
        page.close()


def _visible_text(page: Page, selector: str) -> str:
    return " ".join(page.locator(selector).first.inner_text().split())


def test_status_bars_show_their_counts_as_text(context: BrowserContext, served_site: str) -> None:
    page = _open(context, f"{served_site}/handlungskonzept/", 320)
    try:
        # The first row of the table: all measures, a count per status ("4 (15 %)").
        cells = page.locator(".plan-overview table tbody tr").first.locator("td").all_inner_texts()
        counts = [cell.split()[0] for cell in cells[:-2] if cell.split()[0] != "0"]
        row = page.locator(".plan-chart__row").first
        shown = [" ".join(t.split()) for t in row.locator(".plan-chart__count").all_inner_texts()]
        assert shown == counts
        assert all(row.locator(".plan-chart__count").nth(i).is_visible() for i in range(len(counts)))
        assert _visible_text(page, ".plan-chart__row").startswith("Alle Maßnahmen")
    finally:
        page.close()


def test_indicator_chart_has_a_time_axis_and_a_legend(context: BrowserContext, served_site: str) -> None:
    page = _open(context, f"{served_site}/massnahmen/wq-03/", 320)
    try:
        chart = page.locator(".plan-chart").first
        assert chart.locator(".plan-chart__axis-label").all_inner_texts() == ["2026", "2027"]
        # as a reader reads it: without the soft hyphens of long words
        legend = [" ".join(strip_soft_hyphens(t).split()) for t in chart.locator(".plan-legend li").all_inner_texts()]
        assert legend == [
            "Ausgangswert: 2 (Dezember 2025)",
            "Zuletzt gemessen: 4 (September 2026)",
            "Zielwert: 10 (Dezember 2027)",
            "Gestrichelt: der geplante Weg zum Ziel",
        ]
        dashed = chart.locator(".plan-legend__line--planned")
        assert dashed.evaluate("el => getComputedStyle(el).borderTopStyle") == "dashed"
        assert chart.locator(".plan-chart__planned").evaluate("el => getComputedStyle(el).strokeDasharray") != "none"
        assert page.locator("caption").filter(has_text="Einheit").first.inner_text() == "Werte (Einheit: Räume)"
    finally:
        page.close()


def test_percentages_carry_a_percent_sign(context: BrowserContext, served_site: str) -> None:
    page = _open(context, f"{served_site}/bestandsaufnahme/", 320)
    try:
        percent_figure = page.locator(".plan-figure").nth(1)  # the second key figure is a share in per cent
        values = percent_figure.locator(".plan-chart .plan-chart__value").all_inner_texts()
        assert values
        assert all(v.endswith(" %") for v in values), values
        cells = percent_figure.locator("table td").all_inner_texts()
        assert cells
        assert all(c.endswith(" %") for c in cells), cells
        people = page.locator(".plan-figure").first.locator(".plan-chart .plan-chart__value").all_inner_texts()
        assert people[0] == "61.240"  # a count stays a plain number
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("kind", CHART_PAGES)
def test_forced_colours_keep_chart_text_and_marks_visible(
    context: BrowserContext, served_site: str, kind: str, lang: str, scheme: str
) -> None:
    page = _open(context, f"{served_site}/{PREFIX[lang]}{CHART_PAGES[kind]}", 1366, forced=scheme)
    try:
        found: list[dict[str, Any]] = page.evaluate(CONTRASTS, CHARTS)
        assert {f["kind"] for f in found} == {"text", "mark"}
        low = [f for f in found if f["ratio"] < 3]
        assert low == []
    finally:
        page.close()


def test_arabic_status_bars_grow_from_the_right(context: BrowserContext, served_site: str) -> None:
    page = _open(context, f"{served_site}/ar/handlungskonzept/", 320)
    try:
        chart = page.locator(".plan-chart").first
        marks = chart.locator("rect, .plan-chart__segment")
        first, second = marks.nth(0).bounding_box(), marks.nth(1).bounding_box()
        track = chart.locator("svg, .plan-chart__bar").first.bounding_box()
        assert first
        assert second
        assert track
        assert abs((first["x"] + first["width"]) - (track["x"] + track["width"])) < 2  # the first status at the right
        assert second["x"] < first["x"]  # the next one to its left
    finally:
        page.close()


def test_arabic_time_runs_from_right_to_left(context: BrowserContext, served_site: str) -> None:
    page = _open(context, f"{served_site}/ar/massnahmen/wq-03/", 320)
    try:
        baseline = page.locator(".plan-chart__point--baseline").first.bounding_box()
        target = page.locator(".plan-chart__point--target").first.bounding_box()
        assert baseline
        assert target
        assert baseline["x"] > target["x"]
        years = page.locator(".plan-chart__axis-label")
        assert years.nth(0).bounding_box()["x"] > years.nth(1).bounding_box()["x"]  # type: ignore[index]
    finally:
        page.close()


def test_arabic_key_figure_bars_start_at_the_right(context: BrowserContext, served_site: str) -> None:
    page = _open(context, f"{served_site}/ar/bestandsaufnahme/", 320)
    try:
        row = page.locator(".plan-chart__row").nth(1)  # the first neighbourhood
        track, fill, value = (
            row.locator(s).bounding_box() for s in (".plan-chart__track", ".plan-chart__fill", ".plan-chart__value")
        )
        assert track
        assert fill
        assert value
        assert abs((fill["x"] + fill["width"]) - (track["x"] + track["width"])) < 2  # the bar grows from the right …
        assert value["x"] + value["width"] <= fill["x"]  # … and its value stands past its end, to the left
    finally:
        page.close()
