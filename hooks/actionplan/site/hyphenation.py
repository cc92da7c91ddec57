"""Soft hyphens in the long words of a page, so every browser can break them where a hyphen belongs.

CSS `hyphens: auto` needs a dictionary in the browser: Debian's Chromium (and desktop Chromium
before it has downloaded one) has none and cuts a long word anywhere (`overflow-wrap`). The
build therefore writes U+00AD SOFT HYPHEN into every word of at least `MIN_LETTERS` letters,
at the points pyphen's dictionary of the text's own language (the nearest `lang` around it)
allows; a browser shows it as a hyphen only where it breaks the line there.

Only the text between tags of the page's `<body>` is touched: never an attribute (ids,
addresses, titles), the `<head>` (`<title>`, meta), code (`code`, `pre`, `kbd`, `samp`), raw
text (`script`, `style`, `textarea`), SVG and MathML, nor a word that is part of an address,
an e-mail, a number or an id, nor one that already holds a soft hyphen. Languages without a
pyphen dictionary (ar, fa, tr) stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import pyphen

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 10
"""Shorter words fit a phone's line; breaking them would only make the text harder to read."""
LEFT, RIGHT = 2, 3
"""At least this many letters stay before a break and go after it (no "Brück-e")."""

SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "title", "head"})
"""Elements whose text is never hyphenated (with everything inside them)."""
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
"""Elements whose content is text up to their end tag, whatever it looks like."""

_TAG = re.compile(r"<!--.*?-->|<![^>]*>|<\?[^>]*>|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>", re.S)
"""A comment, doctype, processing instruction or tag (name, attributes); possessive: runs are taken at once, never retried."""
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_TOKEN = re.compile(r"\S+")
_NOT_A_WORD = re.compile(r"@|://|^www\.|[\w][./:_\\][\w]|\d|&[#\w]*;")
"""A token that is an address, e-mail, file name, number, id or holds an entity: left as written."""
_LETTERS = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
_HTML_LANG = re.compile(r"""<html\b[^>]*?\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_BODY = re.compile(r"<body\b", re.I)
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in RAW_TEXT}


def hyphenator() -> Callable[..., str]:
    """`hyphenate(html)`: the page with soft hyphens in the language of its `<html lang>`.

    `page_lang` stands in where the page names none.

    Made once per build (the dictionaries load once; the cache of words lives as long as the build).
    """

    @cache
    def dictionary(lang: str) -> pyphen.Pyphen | None:
        code = pyphen.language_fallback(lang.replace("-", "_")) if lang else None
        return pyphen.Pyphen(lang=code, left=LEFT, right=RIGHT) if code else None

    @cache
    def word(lang: str, text: str) -> str:
        hyphens = dictionary(lang)
        return _inserted(text, hyphens.positions(text)) if hyphens is not None else text

    def text(chunk: str, lang: str) -> str:
        if _LETTERS.search(chunk) is None or dictionary(lang) is None:  # most text between tags: no long word
            return chunk
        return _TOKEN.sub(lambda t: _token(t[0], lambda w: word(lang, w)), chunk)

    def hyphenate(html: str, page_lang: str = "") -> str:
        root = _HTML_LANG.search(html)
        lang = next((v for v in root.groups() if v is not None), "") if root else ""
        return _hyphenate(html, (lang or page_lang).strip().lower(), text)

    return hyphenate


def hyphenate_html(html: str, page_lang: str = "") -> str:
    """The page `html` with soft hyphens in its long words (`page_lang` where it has no `<html lang>`)."""
    return hyphenator()(html, page_lang)


def strip_soft_hyphens(text: str) -> str:
    """The text as it was written, without the soft hyphens (for search and copying)."""
    return text.replace(SOFT_HYPHEN, "")


# ---- Helpers


def _token(token: str, word: Callable[[str], str]) -> str:
    if len(token) < MIN_LETTERS or SOFT_HYPHEN in token or _NOT_A_WORD.search(token):
        return token
    return _LETTERS.sub(lambda m: word(m[0]), token)


def _inserted(word: str, positions: list[int]) -> str:
    """`word` with a soft hyphen at each position that leaves no piece of one letter.

    pyphen reads only one level of a two-level dictionary (German's marks compounds first): it
    proposes breaks like "Gemeinwese-n-a-r-beit". A break next to a one-letter piece is dropped.
    """
    cuts = [0, *positions, len(word)]
    kept = [cuts[i] for i in range(1, len(cuts) - 1) if cuts[i] - cuts[i - 1] > 1 and cuts[i + 1] - cuts[i] > 1]
    pieces = [word[start:end] for start, end in zip([0, *kept], [*kept, len(word)], strict=True)]
    return SOFT_HYPHEN.join(pieces)


def _hyphenate(html: str, page_lang: str, text: Callable[[str, str], str]) -> str:
    """The walk: the language and skipping of every text between tags, and `text` where it has a long word.

    Text without a word of `MIN_LETTERS` letters is not looked at, and unchanged stretches are
    copied at once: a page is mostly markup and short words.
    """
    body = _BODY.search(html)
    if body is None:
        return html
    size = len(html)
    out: list[str] = []
    copied = 0  # html[:copied] is in `out`
    stack: list[tuple[str, str, bool]] = [("html", page_lang, False)]  # element, its language, skipped
    lang, skipped = page_lang, False  # those of the innermost element
    pos = body.start()
    restart = True
    while restart:  # once, and again after each raw text (the tags after it are searched anew)
        restart = False
        for tag in _TAG.finditer(html, pos):
            end = tag.start()
            if end > pos and not skipped and _LETTERS.search(html, pos, end) is not None:
                changed = text(html[pos:end], lang)  # a long word in this text: hyphenated in its language
                out += (html[copied:pos], changed)
                copied = end
            pos = tag.end()
            closing, name, attributes = tag.groups()
            if not name:
                continue  # a comment, doctype or processing instruction
            name = name.lower()
            if closing:
                for depth in range(len(stack) - 1, 0, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        _, lang, skipped = stack[-1]
                        break
                continue
            if name in VOID or attributes.rstrip().endswith("/"):
                continue
            if name in RAW_TEXT:  # its text is not markup: copied as it is, up to its end tag
                raw_end = _RAW_END[name].search(html, pos)
                pos = raw_end.end() if raw_end else size
                restart = True
                break
            declared = _LANG.search(attributes) if "=" in attributes else None
            if declared:
                lang = next(v for v in declared.groups() if v is not None).strip().lower()
            skipped = skipped or name in SKIPPED
            stack.append((name, lang, skipped))
    if pos < size and not skipped and _LETTERS.search(html, pos) is not None:  # the text after the last tag
        out += (html[copied:pos], text(html[pos:], lang))
        copied = size
    out.append(html[copied:])
    return "".join(out)
