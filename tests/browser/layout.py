"""The page as a person sees it, measured in the browser: one `page.evaluate` per page.

`layout_problems(page)` returns one line per problem found on the rendered page (empty when
there is none): sideways scrolling, text below 12 CSS px (SVG text by its size on screen),
text squeezed into a column a few characters wide, text cut off, and tap targets smaller
than 24 × 24 px that are not spaced as WCAG 2.2 SC 2.5.8 allows, and words broken across
two lines anywhere but at a (soft) hyphen. Shared by the layout test of
the sample site and the release test of a mike-published version.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from playwright.sync_api import Error, Page

from tests.projectcopy import PROJECT

WIDTHS = (320, 1366)
"""320 CSS px is the width WCAG 1.4.10 (Reflow) names; 1366 px a common desktop."""
SCREENSHOT_LANGUAGES = ("de", "ar", "uk")
SCREENSHOTS = PROJECT / "test-screenshots"
"""Every run saves its screenshots here (gitignored); CI uploads the folder as an artifact.
JPEG at quality 80: about half the time of a PNG for a full page, and the text stays sharp enough to read."""

MIN_TEXT_PX = 12
MIN_TARGET_PX = 24
SQUEEZED_EM = 6
"""Text that wraps to three or more lines in a column narrower than this many em is squeezed."""

_CHECKS = r"""
({minText, minTarget, squeezedEm}) => {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    const cls = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean).slice(0, 2);
    if (cls.length) s += "." + cls.join(".");
    return s;
  };
  const unhyphenated = (text) => text.replace(/\u00ad/g, "");  // without the build's soft hyphens
  const short = (text) => {
    const t = unhyphenated(text).replace(/\s+/g, " ").trim();
    return t.length > 40 ? t.slice(0, 40) + "…" : t;
  };
  const visible = (el) =>
    el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true});
  // an ancestor that clips or scrolls sideways keeps its content out of the page's width
  const clippedSideways = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== "visible") return p;
    }
    return null;
  };
  // visually hidden text for screen readers (clip to 1 px) is not seen
  const screenReaderOnly = (rect) => rect.width <= 1 || rect.height <= 1;
  // fixed boxes (header, the closed navigation drawer) do not widen the page
  const inFixed = (el) => {
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).position === "fixed") return true;
    }
    return false;
  };
  const offCanvas = (r) => r.right <= 0 || r.left >= vw;
  // the part of a box that its ancestors which clip or scroll leave in view
  const shown = (el, rect) => {
    let {left, top, right, bottom} = rect;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const q = p.getBoundingClientRect();
      if (style.overflowX !== "visible") { left = Math.max(left, q.left); right = Math.min(right, q.right); }
      if (style.overflowY !== "visible") { top = Math.max(top, q.top); bottom = Math.min(bottom, q.bottom); }
    }
    return {left, top, right, bottom, width: Math.max(0, right - left), height: Math.max(0, bottom - top)};
  };

  // 1. the page never scrolls sideways
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > vw + 1) {
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= vw + 1 && r.left >= -1)) continue;
      if (inFixed(el) || clippedSideways(el)) continue;
      if (el.parentElement && wide.includes(name(el.parentElement))) continue;
      wide.push(name(el));
      if (wide.length >= 3) break;
    }
    problems.push(`Seite scrollt seitlich: ${scrollWidth} px breit bei ${vw} px (${wide.join(", ")})`);
  }

  // 2. and 3. text: its rendered size and the width of the column it sits in
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const small = new Map();
  const squeezed = new Map();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || ["SCRIPT", "STYLE", "NOSCRIPT", "TITLE"].includes(el.tagName)) continue;
    if (el.closest("title, desc, defs, [aria-hidden='true'] title")) continue;
    if (!visible(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (screenReaderOnly(box) || screenReaderOnly(el.getBoundingClientRect())) continue;
    if (offCanvas(box)) continue;  // the closed navigation drawer
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);  // the SVG is scaled to its box: what counts is the size on screen
    }
    if (size < minText - 0.05) {
      const key = name(el);
      if (!small.has(key)) small.set(key, `${size.toFixed(1)} px: „${short(text)}“`);
    }
    if (text.replace(/\s/g, "").length >= 12) {  // a few words, not a single short one
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const lines = new Set(rects.map((r) => Math.round(r.top))).size;
      if (lines >= 3) {
        // the column: the nearest box that is not inline, less its padding
        let col = el;
        while (col.parentElement && getComputedStyle(col).display.startsWith("inline")) col = col.parentElement;
        const cs = getComputedStyle(col);
        const width = col.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        const key = name(el);
        if (width < squeezedEm * size && !squeezed.has(key)) {
          squeezed.set(key, `${Math.round(width)} px breit, ${lines} Zeilen: „${short(text)}“`);
        }
      }
    }
  }
  for (const [el, what] of small) problems.push(`Text unter ${minText} px in ${el}: ${what}`);
  for (const [el, what] of squeezed) problems.push(`Text in zu schmaler Spalte in ${el}: ${what}`);

  // text cut off: a box that hides what overflows it, with its text wider than the box
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.overflowX !== "hidden" && style.textOverflow !== "ellipsis") continue;
    if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (screenReaderOnly(r) || offCanvas(r)) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      problems.push(`Text abgeschnitten in ${name(el)}: „${short(el.textContent)}“ ` +
                    `(${el.clientWidth} von ${el.scrollWidth} px zu sehen)`);
    }
  }

  // 4. tap targets: 24 × 24 px, or spaced so that a 24 px circle on each touches no other
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
                   "label[for], [role=button], [role=link], [tabindex]:not([tabindex='-1'])";
  const targets = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!visible(el)) continue;
    if (el.tagName === "LABEL" && el.control && visible(el.control)) continue;  // counted with its control
    const own = el.getBoundingClientRect();
    // what can be tapped is the part its scrolling boxes show (a menu scrolled to the page
    // being read hides its first links under its edge, not under the header)
    const r = shown(el, own);
    if (screenReaderOnly(own) || screenReaderOnly(r) || offCanvas(r)) continue;
    // inline exception: a link within a sentence or a line of other text
    const display = getComputedStyle(el).display;
    if (display === "inline") {
      const block = el.parentElement.closest(
        "p, li, dd, dt, td, th, figcaption, caption, blockquote, h1, h2, h3, h4, h5, h6, div, span, small");
      if (block && block.textContent.trim().length > el.textContent.trim().length + 1) continue;
    }
    targets.push({el, r, small: own.width < minTarget - 0.05 || own.height < minTarget - 0.05});
  }
  const cx = (r) => r.left + r.width / 2;
  const cy = (r) => r.top + r.height / 2;
  const circleHitsRect = (x, y, r) => {
    const dx = Math.max(r.left - x, 0, x - r.right);
    const dy = Math.max(r.top - y, 0, y - r.bottom);
    return Math.hypot(dx, dy) < minTarget / 2 - 0.05;
  };
  const inside = (r, o) => r.left >= o.left - 1 && r.right <= o.right + 1 && r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
  // nested in the DOM, or drawn inside the other's box (the clear button in a search field)
  const related = (a, b) => a.el.contains(b.el) || b.el.contains(a.el) || inside(a.r, b.r) || inside(b.r, a.r);
  const reported = new Set();
  for (const a of targets) {
    const label = a.el.getAttribute("aria-label") || a.el.textContent || a.el.getAttribute("title") || "";
    for (const b of targets) {
      if (a === b || related(a, b)) continue;
      const overlap = a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 &&
                      a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1;
      if (overlap && !reported.has(b.el)) {
        reported.add(a.el);
        problems.push(`Bedienelemente überdecken sich: ${name(a.el)} „${short(label)}“ und ${name(b.el)} ` +
                      `„${short(b.el.getAttribute("aria-label") || b.el.textContent || "")}“`);
        break;
      }
      if (!a.small || reported.has(a.el)) continue;
      const x = cx(a.r), y = cy(a.r);
      const tooClose = circleHitsRect(x, y, b.r) ||
                       (b.small && Math.hypot(x - cx(b.r), y - cy(b.r)) < minTarget - 0.05);
      if (tooClose) {
        reported.add(a.el);
        problems.push(`Zu kleines Bedienelement ${name(a.el)} „${short(label)}“: ` +
                      `${Math.round(a.r.width)} × ${Math.round(a.r.height)} px, ` +
                      `zu nah an ${name(b.el)} (mindestens ${minTarget} × ${minTarget} px oder Abstand)`);
        break;
      }
    }
  }

  // 5. a word broken across two lines breaks where it shows a hyphen: at a soft hyphen (which
  // the browser draws as one), a hyphen, a dash or a bracket; never between two letters or
  // digits (overflow-wrap's cut). Addresses, code and SVG text (which does not wrap) are left out.
  const cut = new Map();
  const words = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = words.nextNode(); node; node = words.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent;
    if (!el || text.trim().length < 2 || el instanceof SVGElement) continue;
    if (el.closest("script, style, noscript, code, pre, kbd, samp, svg")) continue;
    if (!visible(el)) continue;
    for (const match of text.matchAll(/\S{2,}/g)) {
      const word = match[0];
      if (/@|:\/\/|^www\.|[\p{L}\d][.\/_:][\p{L}\d]/u.test(word)) continue;  // an address
      const start = match.index;
      const tops = [];  // the line of each character (soft hyphens that are not shown have none)
      const range = document.createRange();
      for (let i = 0; i < word.length; i++) {
        range.setStart(node, start + i);
        range.setEnd(node, start + i + 1);
        // the last box: Chrome gives the hyphen it draws at a soft hyphen to the next letter too
        const r = [...range.getClientRects()].filter((q) => q.width > 0).pop();
        tops.push(r && word[i] !== "\u00ad" ? Math.round(r.top) : null);
      }
      const first = tops.find((t) => t !== null);
      const next = tops.findIndex((t) => t !== null && Math.abs(t - first) > 2);
      if (next <= 0) continue;  // on one line
      // between two letters or digits is mid-word; at a (soft) hyphen, a dash or a bracket the line may break
      if (!/[\p{L}\p{M}\p{N}]/u.test(word[next - 1]) || !/[\p{L}\p{M}\p{N}]/u.test(word[next])) continue;
      const key = name(el) + " " + word;
      if (!cut.has(key)) cut.set(key, `${name(el)}: „${unhyphenated(word.slice(0, next))}|${unhyphenated(word.slice(next))}“`);
    }
  }
  for (const what of cut.values()) problems.push(`Wort ohne Trennstrich umbrochen in ${what}`);
  return problems;
}
"""


def open_details(page: Page) -> None:
    """Open every disclosure of the content (the cite box), so what it shows is checked too."""
    page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true; })")


def layout_problems(page: Page) -> list[str]:
    """What a person would find wrong on the loaded page, one line each; empty if nothing."""
    page.evaluate("document.fonts.ready")
    arguments = {"minText": MIN_TEXT_PX, "minTarget": MIN_TARGET_PX, "squeezedEm": SQUEEZED_EM}
    return cast(list[str], page.evaluate(_CHECKS, arguments))


def screenshot(page: Page, name: str, width: int) -> Path:
    """Save a full-page screenshot as test-screenshots/<width>/<name>.jpg."""
    path = SCREENSHOTS / str(width) / f"{name}.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(path), full_page=True, type="jpeg", quality=80)
    except Error as error:
        # Headless Chromium now and then refuses to capture a page it has laid out ("Unable to
        # capture screenshot": once in about a thousand captures, on a clean clone); a frame later it can.
        if "Unable to capture screenshot" not in error.message:
            raise
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.screenshot(path=str(path), full_page=True, type="jpeg", quality=80)
    return path
