"""The site's promises, enforced on every page the build writes: nothing is fetched from another host, no foreign script runs.

Editors and outside contributors write Markdown, and Markdown lets raw HTML through. This
module reads the finished HTML of a page (what the browser gets, not the Markdown) as a browser
does – with lexbor's HTML5 parser (selectolax), so markup a browser reads as an element is an
element here too, and what it reads as text (inside `<title>`, `<textarea>`, a comment) is not
– and its CSS with tinycss2, and finds:

* every attribute or CSS construct that makes the browser request something from another
  host when the page is shown: `src`, `srcset`, `poster`, `<link rel=stylesheet|icon|preload…>`,
  SVG `href`/`xlink:href` (`<image>`, `<use>`, `<feImage>`), `style="…url(…)"`, `<style>` with
  `url()`, `@import` or `image-set()`, `background`, `manifest`, forms that send elsewhere;
* `<iframe>`, `<frame>`, `<object>`, `<embed>` and `<applet>`, which embed foreign content;
* inline scripts, event-handler attributes (`on…`), `javascript:` addresses, scripts from
  anywhere but the site's own `assets/javascripts/`, the `ping` attribute;
* `<base href>` and `<meta http-equiv="refresh">` pointing at another host.

Links (`<a href>`) to other sites stay allowed: a reader clicks them, the page requests nothing.
Each finding is located in the Markdown by what it names (the address, the tag, the attribute):
the n-th finding of a text is placed on the line of the n-th time that text occurs in the source.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import tinycss2
from selectolax.lexbor import LexborHTMLParser, LexborNode
from tinycss2 import ast as css

from ..plan.errors import PlanError, quote

EMBEDDING = ("iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe")
"""Elements that embed another document: always refused."""
DATA_SCRIPTS = ("application/json", "application/ld+json")
"""Script types the browser does not run (the theme's configuration is one)."""
SCRIPT_FOLDER = "assets/javascripts/"
"""Where the site's own scripts lie (the theme's and overrides/assets/javascripts/)."""
NON_FETCHING_LINKS = frozenset(
    {"alternate", "author", "bookmark", "canonical", "external", "help", "license", "me", "next", "prev", "search"}
)
"""`<link rel>` values the browser does not load anything for."""
LOCAL_SCHEMES = ("", "data", "about")
"""Addresses that request nothing from another host (relative ones, inline data, about:blank)."""
SCRIPT_SCHEMES = ("javascript", "vbscript")
LINKING = ("a", "area")
"""Elements whose `href` the reader follows by a click: not a request of the page."""

_IMAGE_ADVICE = "Bilder bitte unter docs/ ablegen und relativ einbinden, z. B. ![Logo](bilder/logo.png)"
_MEDIA_ADVICE = "Videos und Tondateien bitte unter docs/ ablegen und relativ einbinden"
_STYLE_ADVICE = "Bilder und Schriften für CSS bitte unter docs/ ablegen und relativ einbinden"
_LINK_ADVICE = "Stylesheets und Symbole gehören in das Theme (overrides/assets/), nicht in einen Text"
_SCRIPT_ADVICE = "Skripte laufen nur aus den Dateien der Website (overrides/assets/javascripts/) – bitte entfernen"
_MEDIA = ("video", "audio", "source", "track")


@dataclass(frozen=True)
class Finding:
    """One thing on a page that breaks the promises: what to look for in the source, the message."""

    needle: str
    message: str
    fallback: str = ""  # looked for where `needle` is not in the source as written (an entity-encoded address)


def find_unsafe(html: str, own_origins: Collection[str] = ()) -> list[Finding]:
    """Every request to another host, foreign script and embedding in a page's HTML, in page order.

    `own_origins` ("https://integration.musterstadt.example") are the site's own: absolute
    addresses there request nothing from another host.
    """
    checker = _Checker(frozenset(origin.rstrip("/").lower() for origin in own_origins))
    checker.check(LexborHTMLParser(html), html)
    return checker.findings


def source_lines(findings: Iterable[Finding], source: str) -> list[int]:
    """The line (1-based) of each finding in the Markdown `source`; 0 where its text is not in it.

    The n-th finding of one text goes to the n-th occurrence of that text (the last one if
    the page shows it more often than the source has it).
    """
    lowered = source.lower()
    seen: dict[str, int] = {}
    lines = []
    for finding in findings:
        needle = finding.needle.lower()
        starts = list(_occurrences(lowered, needle)) if needle else []
        if not starts and finding.fallback:
            needle = finding.fallback.lower()
            starts = list(_occurrences(lowered, needle))
        nth = seen.get(needle, 0)
        seen[needle] = nth + 1
        if not starts:
            lines.append(0)
            continue
        lines.append(lowered.count("\n", 0, starts[min(nth, len(starts) - 1)]) + 1)
    return lines


def prose_errors(html: str, file: str, source: str | None, own_origins: Collection[str] = ()) -> list[PlanError]:
    """The findings of one page as German errors on its source `file` (the Markdown, or the data of a generated page)."""
    return located_errors(find_unsafe(html, own_origins), file, source)


def located_errors(findings: list[Finding], file: str, source: str | None) -> list[PlanError]:
    """`findings` as German errors on their source `file`, each on its line of `source` (0 where not found)."""
    lines = source_lines(findings, source) if source is not None else [0] * len(findings)
    return [
        PlanError(
            file, line, "", finding.message + (_ELSEWHERE if source is not None and not line else ""), kind="prose"
        )
        for finding, line in zip(findings, lines, strict=True)
    ]


_ELSEWHERE = " (steht so nicht in dieser Datei – vielleicht in einer Vorlage unter overrides/)"


# ---- Helpers


def _occurrences(text: str, needle: str) -> Iterator[int]:
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + 1)


_C0_AND_SPACE = "".join(map(chr, range(0x21)))
"""What a browser strips from both ends of an address (the URL standard's C0 control or space)."""


def _clean(url: str) -> str:
    """The address as a browser reads it: without surrounding blanks, inner tabs and line breaks, with / for \\."""
    stripped = url.strip(_C0_AND_SPACE)
    return stripped.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")


def _scheme(url: str) -> str:
    try:
        return urlsplit(_clean(url)).scheme.lower()
    except ValueError:
        return "?"


class _Checker:
    """The rules, applied to one element at a time in document order."""

    def __init__(self, own_origins: frozenset[str]) -> None:
        self.own_origins = own_origins
        self.findings: list[Finding] = []
        self.noscripts = 0  # the <noscript> elements seen
        self._tag = ""  # the element being checked, for findings the source shows only as its tag

    def check(self, document: LexborHTMLParser, html: str) -> None:
        """Every element of the parsed document `html`, in document order."""
        if document.root is not None:
            self._walk(document.root)
        if html.lower().count("</noscript") > self.noscripts:
            # This parser reads <noscript> as a browser without scripts does; one with scripts reads its
            # content as text up to the first "</noscript" – also one in a value, a comment or a style –
            # and what follows as markup this check did not see as such.
            self.findings.append(
                Finding(
                    "</noscript",
                    "„</noscript“ steht in einem Wert, Kommentar oder Text; ein Browser läse den Rest des"
                    " <noscript> als Seite – bitte entfernen",
                    fallback="<noscript",
                )
            )

    def _walk(self, top: LexborNode) -> None:
        for node in top.traverse(include_text=False):
            tag = node.tag
            if not tag or tag[0] in "-!#":  # a comment, the doctype, the fragment itself
                continue
            attributes = {name.lower(): value or "" for name, value in node.attributes.items()}
            self._tag = tag.lower()
            if self._tag in _ALWAYS_CHECKED or not _harmless(attributes):
                self._element(self._tag, attributes, node)
            if self._tag == "noscript":
                self.noscripts += 1
            if self._tag == "template":
                # its content is no part of the tree, but a declarative shadow root
                # (<template shadowrootmode>) or a script shows it: checked like the rest
                for fragment in node.template_fragments():
                    self._walk(fragment)

    # ---- the rules

    def _element(self, tag: str, attrs: dict[str, str], node: LexborNode) -> None:
        if tag in EMBEDDING:
            self._add(
                f"<{tag}",
                f"<{tag}> bettet Inhalte eines anderen Servers in die Seite ein und ist nicht erlaubt"
                " – bitte stattdessen einen Link setzen; Videos bitte unter docs/ ablegen",
            )
        for name, value in attrs.items():
            if name.startswith("on"):
                self._add(
                    name, f"das Attribut {quote(name)} führt ein Skript aus und ist nicht erlaubt – bitte entfernen"
                )
            elif name == "ping":
                self._add(
                    name,
                    "das Attribut „ping“ meldet jeden Klick an einen Server und ist nicht erlaubt – bitte entfernen",
                )
            elif name == "style" and _may_load(value):
                self._css(f"<{tag} style>", tinycss2.parse_blocks_contents(value))
            elif _css_in_value(value):  # SVG's fill, mask, clip-path, marker-*, cursor … take url(…)
                self._css(f"<{tag} {name}>", tinycss2.parse_component_value_list(value))
        for name, value in attrs.items():
            if name in _URL_ATTRIBUTES and _scheme(value) in SCRIPT_SCHEMES:
                self._add(
                    value.strip()[:40],
                    f"<{tag} {name}> enthält eine {_scheme(value)}:-Adresse, die ein Skript ausführt"
                    " – bitte eine gewöhnliche Adresse verlinken",
                )
        if tag == "script":
            self._script(attrs)
        elif tag == "style":
            text = node.text(deep=True)
            if _may_load(text):
                self._css("<style>", tinycss2.parse_stylesheet(text))
        elif tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if rels - NON_FETCHING_LINKS:
                for url in (attrs.get("href", ""), *_srcset(attrs.get("imagesrcset", ""))):
                    self._fetch(f"<link rel={attrs.get('rel', '')}>", url, _LINK_ADVICE)
            if "stylesheet" in rels and _scheme(attrs.get("href", "")) == "data":  # its @import and url() load too
                self._add(
                    attrs["href"].strip()[:40],
                    f"<link rel={attrs.get('rel', '')}> lädt ein Stylesheet aus einer data:-Adresse – {_LINK_ADVICE}",
                )
        elif tag == "base":
            url = attrs.get("href", "")
            if self._foreign(url):
                self._add(
                    url,
                    f"<base href> lenkt alle relativen Adressen der Seite auf {quote(url)} um und ist nicht erlaubt – bitte entfernen",
                )
        elif tag == "meta" and attrs.get("http-equiv", "").strip().lower() == "refresh":
            url = _refresh_target(attrs.get("content", ""))
            if url and (self._foreign(url) or _scheme(url) in SCRIPT_SCHEMES):
                self._add(
                    url,
                    f'<meta http-equiv="refresh"> leitet auf {quote(url)} weiter und ist nicht erlaubt – bitte einen Link setzen',
                )
        elif tag == "form" and self._foreign(attrs.get("action", "")):
            self._add(
                attrs["action"],
                f"das Formular sendet an {quote(attrs['action'])}, einen anderen Server, und ist nicht erlaubt"
                " – bitte auf das Formular verlinken",
            )
        elif tag in _ANIMATING and attrs.get("attributename", "").strip().lower() in ("href", "xlink:href"):
            self._add(
                f"<{tag}",
                f"<{tag} attributeName=href> setzt per SVG-Animation eine Adresse, die kein Check sieht,"
                " und ist nicht erlaubt – bitte entfernen",
            )
        if tag not in ("script", *EMBEDDING):  # an embedding is one finding, whatever it loads
            self._resources(tag, attrs)

    def _resources(self, tag: str, attrs: dict[str, str]) -> None:
        media = tag in _MEDIA and not (tag == "source" and "srcset" in attrs)  # <picture>'s <source> is an image
        advice = _MEDIA_ADVICE if media or "poster" in attrs else _IMAGE_ADVICE
        for name in ("src", "poster", "background", "lowsrc", "dynsrc", "manifest", "codebase", "archive", "profile"):
            if name in attrs:
                self._fetch(f"<{tag} {name}>", attrs[name], advice)
        if tag == "object" and "data" in attrs:
            self._fetch("<object data>", attrs["data"], advice)
        for url in _srcset(attrs.get("srcset", "")):
            self._fetch(f"<{tag} srcset>", url, advice)
        if "formaction" in attrs:
            url = attrs["formaction"]
            if self._foreign(url):
                self._add(
                    url,
                    f"<{tag} formaction> sendet an {quote(url)}, einen anderen Server, und ist nicht erlaubt – bitte entfernen",
                )
        if tag not in (*LINKING, "link", "base"):
            for name in ("href", "xlink:href"):
                if name in attrs:  # SVG's <image>, <use>, <feImage> load what they name
                    self._fetch(f"<{tag} {name}>", attrs[name], _IMAGE_ADVICE)

    def _script(self, attrs: dict[str, str]) -> None:
        src = attrs.get("src", attrs.get("href", attrs.get("xlink:href")))
        if src is None:
            if attrs.get("type", "").strip().lower() not in DATA_SCRIPTS:
                self._add("<script", f"ein Skript im Text ist nicht erlaubt – {_SCRIPT_ADVICE}")
            return
        path = posixpath.normpath(
            "/" + re.split(r"[?#]", _clean(src), maxsplit=1)[0]
        )  # "a/../b" as a browser resolves it
        own = not self._foreign(src) and _scheme(src) == "" and SCRIPT_FOLDER in path
        if not own:
            self._add(src, f"das Skript {quote(src)} gehört nicht zur Website – {_SCRIPT_ADVICE}")

    def _css(self, where: str, nodes: Iterable[css.Node]) -> None:
        for url, imported in _css_urls(nodes):
            if imported and _scheme(url) == "data":
                self._add(
                    url.strip()[:40], f"{where} (CSS) lädt ein Stylesheet aus einer data:-Adresse – {_STYLE_ADVICE}"
                )
            else:
                self._fetch(where, url, _STYLE_ADVICE, what=f"{where} (CSS)")

    def _fetch(self, where: str, url: str, advice: str, *, what: str | None = None) -> None:
        if self._foreign(url):
            self._add(url.strip(), f"{what or where} lädt {quote(url.strip())} von einem anderen Server – {advice}")

    def _foreign(self, url: str) -> bool:
        """Whether the address names another host (or an unknown scheme) rather than the site itself."""
        cleaned = _clean(url)
        if not cleaned:
            return False
        try:
            parts = urlsplit(cleaned)
        except ValueError:
            return True  # a browser may still make something of it: refuse
        if parts.scheme in SCRIPT_SCHEMES:
            return False  # reported as a script, not as a host
        if not parts.netloc and parts.scheme in LOCAL_SCHEMES:
            return False
        origin = f"{parts.scheme or 'https'}://{parts.netloc}".lower()
        return origin not in self.own_origins

    def _add(self, needle: str, message: str) -> None:
        self.findings.append(Finding(needle, message, fallback=f"<{self._tag}"))


def _harmless(attributes: dict[str, str]) -> bool:
    """Whether no rule can find anything in these attributes (of an element not in `_ALWAYS_CHECKED`): most of a page's.

    No event handler, `ping` or `style`, and every address relative to the page: without a
    scheme (":") and without "//" once cleaned as a browser cleans it. `_element` would find
    nothing in them (tests/unit/test_prose_safety.py compares both on every case).
    """
    for name, value in attributes.items():
        if name.startswith("on") or name in _STYLE_OR_PING or _css_in_value(value):
            return False
        if name in _ADDRESS_ATTRIBUTES and (":" in value or "/" in value or "\\" in value):
            cleaned = _clean(value)
            if ":" in cleaned or "//" in cleaned:
                return False
    return True


def _css_in_value(value: str) -> bool:
    """Whether an attribute's value may hold a CSS address: url(…), or escapes that could spell it."""
    return "(" in value and ("url" in value.lower() or "\\" in value)


def _may_load(css_text: str) -> bool:
    """Whether CSS can name anything to load: `url(`, `image-set(`… need "(", `@import "…"` an "@", escapes a "\\"."""
    return "(" in css_text or "@" in css_text or "\\" in css_text


_ANIMATING = frozenset({"set", "animate"})
"""SVG animations, which can set an attribute (`attributeName`) to any value (`to`, `values`)."""
_STYLE_OR_PING = frozenset({"style", "ping"})
_ALWAYS_CHECKED = frozenset({*EMBEDDING, *_ANIMATING, "script", "style", "link", "base", "meta", "form", "template"})
"""Elements checked whatever their attributes hold."""

_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "xlink:href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "codebase",
        "cite",
        "longdesc",
        "manifest",
        "srcdoc",
    }
)
"""Attributes holding an address, checked for javascript: (srcdoc: an <iframe>'s page, refused anyway)."""
_ADDRESS_ATTRIBUTES = _URL_ATTRIBUTES | {
    *("lowsrc", "dynsrc", "archive", "profile", "srcset", "imagesrcset"),
}
"""Every attribute a rule reads an address from."""


def _srcset(value: str) -> list[str]:
    """The addresses of a `srcset` ("a.png 1x, b.png 2x")."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _refresh_target(content: str) -> str:
    """The address of `<meta http-equiv=refresh content="0; url=…">`, or "" for a plain reload.

    As the HTML standard reads it: the seconds, then blanks, a ";" or "," and blanks, then
    "url=" if written, then the address (quoted or not). A content that does not begin with a
    number is taken as an address whole (a browser ignores it; refusing it costs nothing).
    """
    text = content.strip(" \t\n\f\r")
    seconds = re.match(r"[0-9.]*", text)
    if not seconds or not seconds[0]:
        return text.strip("'\" ")
    rest = text[seconds.end() :].lstrip(" \t\n\f\r")
    if rest[:1] in (";", ","):
        rest = rest[1:].lstrip(" \t\n\f\r")
    if rest[:3].lower() == "url":
        after = rest[3:].lstrip(" \t\n\f\r")
        if after.startswith("="):
            rest = after[1:].lstrip(" \t\n\f\r")
    return rest.strip("'\" ")


def _css_urls(nodes: Iterable[css.Node], imported: bool = False) -> Iterator[tuple[str, bool]]:
    """Every address CSS may load, with whether `@import` loads it as a stylesheet.

    url(…) and every string: one in a custom property reaches image-set(…) through var(…), so
    any string is taken as an address (a text like "»" names no other host and passes).
    """
    for node in nodes:
        if isinstance(node, (css.URLToken, css.StringToken)):
            yield node.value, imported
        elif isinstance(node, css.FunctionBlock):
            yield from _css_urls(node.arguments, imported)
        elif isinstance(node, css.AtRule):
            yield from _css_urls(node.prelude, node.lower_at_keyword == "import")
            if node.content is not None:
                yield from _css_urls(tinycss2.parse_blocks_contents(node.content))
        elif isinstance(node, css.QualifiedRule):
            yield from _css_urls(node.prelude)
            yield from _css_urls(tinycss2.parse_blocks_contents(node.content))
        elif isinstance(node, css.Declaration):
            yield from _css_urls(node.value)
        elif isinstance(node, (css.SquareBracketsBlock, css.ParenthesesBlock, css.CurlyBracketsBlock)):
            yield from _css_urls(node.content, imported)
