"""Repairs to the theme's HTML that no template block reaches, applied to every page.

Each one is a known gap in Material for MkDocs 9.x, found by the browser tests or the Nu
HTML Checker; each is a small, exact rewrite so a theme update that fixes it makes it a no-op.
"""

from __future__ import annotations

import re
from html import escape

_HTML_TAG = re.compile(r'(<html\b(?![^>]*\bdir=)[^>]*?)(\s*class="no-js">)')
_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_ID_VALUE = re.compile(r'([^"]+)"')
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r' tabindex=""')
_LABEL_FOR = re.compile(r'(<label\b[^>]*?) for="([^"]+)"')
_SEARCH_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search")>')


def repair_theme_html(html: str, direction: str, search_toggle_label: str = "") -> str:
    """The page with every repair applied; `direction` is the page language's ("ltr"/"rtl").

    `search_toggle_label` names Material's hidden search toggle in the page's language.
    """
    # Material sets dir only on <body>; the root element needs it too.
    html = _HTML_TAG.sub(lambda m: f'{m[1]} dir="{direction}"{m[2]}', html, count=1)
    # Material's JS fetches <href>/sitemap.xml for every <link rel=alternate>, assuming it names a
    # language root; static-i18n's page-level links would cost a 404 per language on every view.
    # The hreflang alternates of every page stand in the sitemap and on the switcher's links.
    html = _without_head_alternates(html)
    # autocomplete is not allowed on checkboxes; Material's state toggles carry it.
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    # Navigation labels get tabindex="" where Material means "no tabindex".
    html = _EMPTY_TABINDEX.sub("", html)
    # A label may only point at a control that exists (the table-of-contents toggle is
    # missing on section index pages).
    # Material's hidden search toggle has no name (HTML_CodeSniffer H91, F68); it is never shown.
    if search_toggle_label:
        html = _SEARCH_TOGGLE.sub(lambda m: f'{m[1]} aria-label="{escape(search_toggle_label)}">', html, count=1)
    ids = _ids(html)
    return _LABEL_FOR.sub(lambda m: m[0] if m[2] in ids else m[1], html)


def _without_head_alternates(html: str) -> str:
    """`html` without its `<link rel="alternate" …>` and the blanks before each (as `\\s*<link …>` removes them).

    A pattern starting with `\\s*` is tried at every blank of the page; the literal start is found at once.
    """
    out = []
    position = 0
    for match in _HEAD_ALTERNATE.finditer(html):
        out.append(html[position : match.start()].rstrip())  # str.rstrip() strips what \s matches
        position = match.end()
    out.append(html[position:])
    return "".join(out)


def _ids(html: str) -> set[str]:
    """Every `id="…"` value, as `re.findall(r'\\bid="([^"]+)"', html)` finds them (without trying every position)."""
    ids = set()
    start = html.find('id="')
    while start >= 0:
        if start == 0 or not (html[start - 1].isalnum() or html[start - 1] == "_"):  # \b before the "i"
            value = _ID_VALUE.match(html, start + 4)
            if value is not None:
                ids.add(value[1])
                start = html.find('id="', value.end())
                continue
        start = html.find('id="', start + 1)
    return ids
