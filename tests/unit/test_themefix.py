"""Repairs to the theme's HTML: each exact, each a no-op once the theme is fixed."""

from __future__ import annotations

import re

import pytest

from actionplan.site.themefix import repair_theme_html

PAGE = (
    '<html lang="fa" class="no-js"><head>'
    '<link rel="alternate" href="../../en/massnahmen/wq-03/" hreflang="en">'
    '<link rel="alternate" type="application/rss+xml" href="feed.xml">'
    "</head><body>"
    '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
    '<input type="text" name="q" autocomplete="off">'
    '<label class="md-nav__link" for="__nav_4" id="__nav_4_label" tabindex="">A</label>'
    '<input type="checkbox" id="__nav_4">'
    '<label class="md-nav__title" for="__toc">Inhalt</label>'
    "</body></html>"
)


def test_every_repair() -> None:
    assert repair_theme_html(PAGE, "rtl") == (
        '<html lang="fa" dir="rtl" class="no-js"><head>'
        '<link rel="alternate" type="application/rss+xml" href="feed.xml">'
        "</head><body>"
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="text" name="q" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_4" id="__nav_4_label">A</label>'
        '<input type="checkbox" id="__nav_4">'
        '<label class="md-nav__title">Inhalt</label>'
        "</body></html>"
    )


def test_a_repaired_page_stays_as_it_is() -> None:
    once = repair_theme_html(PAGE, "rtl")
    assert repair_theme_html(once, "rtl") == once


def test_the_hidden_search_toggle_gets_a_name_in_the_pages_language() -> None:
    toggle = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
    page = f"<body>{toggle}</body>"
    named = repair_theme_html(page, "rtl", "فتح البحث")
    assert named == (
        '<body><input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
        ' aria-label="فتح البحث"></body>'
    )
    assert repair_theme_html(named, "rtl", "فتح البحث") == named
    assert 'aria-label="a &amp; &quot;b&quot;"' in repair_theme_html(page, "ltr", 'a & "b"')


@pytest.mark.parametrize(
    "html",
    [
        'x id="a" xid="b" _id="c" -id="d" id=""e" éid="f" ١id="g" id="h',
        'xid="foo id=" bar" id="i"',  # a match inside a skipped one
        'id="j"id="k"',
    ],
)
def test_ids_are_those_the_word_boundary_pattern_finds(html: str) -> None:
    from actionplan.site.themefix import _ids

    assert _ids(html) == set(re.findall(r'\bid="([^"]+)"', html))


def test_head_alternates_go_with_the_blanks_before_them() -> None:
    from actionplan.site.themefix import _without_head_alternates

    html = ' \n\t<link rel="alternate" href="a" hreflang="b">\u00a0 <link rel="alternate" href="c" hreflang="d">x\n'

    assert _without_head_alternates(html) == "x\n"
    assert _without_head_alternates(html) == re.sub(
        r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">', "", html
    )
