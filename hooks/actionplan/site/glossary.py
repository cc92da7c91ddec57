"""Glossary links: the first place on a page where a term of data/glossary.yml appears links to its explanation.

Works on a page's content HTML (as Markdown and the markers leave it): text inside links,
headings, code, form controls, SVG and `<time>` is left alone, every term is linked once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_LEAVE_ALONE = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "script", "style", "svg", "button"}
    | {"select", "option", "label", "textarea", "time", "title", "summary", "caption"}
)
"""Elements whose text is never linked: links cannot nest, headings and labels stay plain."""


def link_terms(html: str, terms: Sequence[tuple[str, Sequence[str]]], href: Callable[[str], str]) -> str:
    """`html` with the first use of each term (id, the forms it may take) linked to `href(id)`."""
    patterns = {
        term_id: re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)"
        )
        for term_id, forms in terms
        if any(form in html for form in forms)  # a term the page never writes cannot be linked
    }
    if not patterns:
        return html
    out: list[str] = []
    open_elements: list[str] = []  # the elements left alone that we are inside of
    position = 0
    for match in _TOKEN.finditer(html):
        if not patterns:
            break  # every term linked: the rest stays as it is
        text = html[position : match.start()]
        out.append(text if open_elements else _link(text, patterns, href))
        token = match.group(0)
        tag = _TAG.match(token)
        if tag and tag[2].lower() in _LEAVE_ALONE and not token.endswith("/>"):
            name = tag[2].lower()
            if not tag[1]:
                open_elements.append(name)
            elif name in open_elements:
                del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name) :]
        out.append(token)
        position = match.end()
    rest = html[position:]
    out.append(rest if open_elements else _link(rest, patterns, href))
    return "".join(out)


def _link(text: str, patterns: dict[str, re.Pattern[str]], href: Callable[[str], str]) -> str:
    """Link the earliest term still unlinked in `text`, then the next, until none is left in it."""
    out = []
    while patterns and text:
        found = [(m.start(), term_id, m) for term_id, pattern in patterns.items() if (m := pattern.search(text))]
        if not found:
            break
        _, term_id, match = min(found, key=lambda hit: hit[0])
        out.append(f'{text[: match.start()]}<a class="plan-term" href="{href(term_id)}">{match.group(0)}</a>')
        text = text[match.end() :]
        del patterns[term_id]
    return "".join(out) + text
