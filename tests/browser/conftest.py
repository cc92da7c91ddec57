"""The browser of the browser tests: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Without these flags Chromium phones home at start; the machine's closed network refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium fehlt: apt-get install chromium (das macht .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser context for the tabs of a module's tests (in each process): they share its caches.

    A new context for every tab (`browser.new_page()`) costs Chromium more CPU than the visit
    itself: its caches start empty. A test that needs a context of its own (no JavaScript,
    clipboard permissions, a clock) still makes one.
    """
    context = browser.new_context()
    yield context
    context.close()


def new_tab(context: BrowserContext, width: int | None = None, height: int = 800) -> Page:
    """A new tab in `context`, `width` CSS px wide (the context's default of 1280 × 720 without)."""
    page = context.new_page()
    if width is not None:
        page.set_viewport_size({"width": width, "height": height})
    return page
