"""Repairs to the theme's HTML that no template block reaches, applied to every page.

Each one is a known gap in Material for MkDocs 9.x, found by the browser tests or the Nu
HTML Checker; each is a small, exact rewrite so a theme update that fixes it makes it a no-op.
"""

from __future__ import annotations

import re
from html import escape

_HTML_TAG = re.compile(r'(<html\b(?![^>]*\bdir=)[^>]*?)(\s*class="no-js">)')
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
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
    html = _HEAD_ALTERNATE.sub("", html)
    # autocomplete is not allowed on checkboxes; Material's state toggles carry it.
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    # Navigation labels get tabindex="" where Material means "no tabindex".
    html = _EMPTY_TABINDEX.sub("", html)
    # A label may only point at a control that exists (the table-of-contents toggle is
    # missing on section index pages).
    # Material's hidden search toggle has no name (HTML_CodeSniffer H91, F68); it is never shown.
    if search_toggle_label:
        html = _SEARCH_TOGGLE.sub(lambda m: f'{m[1]} aria-label="{escape(search_toggle_label)}">', html, count=1)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    return _LABEL_FOR.sub(lambda m: m[0] if m[2] in ids else m[1], html)
