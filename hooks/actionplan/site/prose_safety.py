"""The site's promises, enforced on every page the build writes: nothing is fetched from another host, no foreign script runs.

Editors and outside contributors write Markdown, and Markdown lets raw HTML through. This
module reads the finished HTML of a page (what the browser gets, not the Markdown) with the
standard library's HTML parser and its CSS with tinycss2, and finds:

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

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import tinycss2
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
    """One thing on a page that breaks the promises: where in the HTML, what to look for in the source, the message."""

    html_line: int
    needle: str
    message: str
    fallback: str = ""  # looked for where `needle` is not in the source as written (an entity-encoded address)


def find_unsafe(html: str, own_origins: Collection[str] = ()) -> list[Finding]:
    """Every request to another host, foreign script and embedding in a page's HTML, in page order.

    `own_origins` ("https://integration.musterstadt.example") are the site's own: absolute
    addresses there request nothing from another host.
    """
    scanner = _Scanner(frozenset(origin.rstrip("/").lower() for origin in own_origins))
    scanner.feed(html)
    scanner.close()
    return scanner.findings


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


class _Scanner(HTMLParser):
    def __init__(self, own_origins: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.own_origins = own_origins
        self.findings: list[Finding] = []
        self._style: tuple[int, list[str]] | None = None  # the line of an open <style> and its text
        self._tag = ""  # the element being checked, for findings the source shows only as its tag

    # ---- the parser's callbacks

    def parse_starttag(self, i: int) -> int:
        """Skip the attribute parsing of a start tag that cannot break a rule (most of a page's tags).

        A finding needs an attribute named on…, ping or style, an address with a scheme or a host
        (":", "//", "\\"; "&" for an entity-encoded one) or one of the tags checked whatever they
        hold: a tag with none of these in its text is passed by (the result is the same, see
        tests/unit/test_prose_safety.py), every other one goes through the standard parser.
        """
        end = self.check_for_whole_start_tag(i)
        if end < 0:
            return end
        text = self.rawdata[i:end].lower()
        name = _TAG_NAME.match(text, 1)
        if name is not None and name.group(1) not in _ALWAYS_PARSED and not _MAY_BREAK_A_RULE.search(text):
            self.lasttag = name.group(1)
            return end
        return super().parse_starttag(i)

    def parse_endtag(self, i: int) -> int:
        """Pass by a plain end tag (`</name>`) outside `<style>`/`<script>`: no rule looks at it."""
        if self.cdata_elem is None:  # the standard parser's state: not inside <style> or <script>
            plain = _PLAIN_END_TAG.match(self.rawdata, i)
            if plain is not None:
                return plain.end()
        return super().parse_endtag(i)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        self._element(tag, {name: value or "" for name, value in attrs})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        self._element(tag, {name: value or "" for name, value in attrs})
        if tag == "style":
            self._end_style()

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._end_style()

    # ---- the rules

    def _element(self, tag: str, attrs: dict[str, str]) -> None:
        line = self.getpos()[0]
        if tag in EMBEDDING:
            self._add(
                line,
                f"<{tag}",
                f"<{tag}> bettet Inhalte eines anderen Servers in die Seite ein und ist nicht erlaubt"
                " – bitte stattdessen einen Link setzen; Videos bitte unter docs/ ablegen",
            )
        for name, value in attrs.items():
            if name.startswith("on"):
                self._add(
                    line,
                    name,
                    f"das Attribut {quote(name)} führt ein Skript aus und ist nicht erlaubt – bitte entfernen",
                )
            elif name == "ping":
                self._add(
                    line,
                    name,
                    "das Attribut „ping“ meldet jeden Klick an einen Server und ist nicht erlaubt – bitte entfernen",
                )
            elif name == "style":
                self._css(line, f"<{tag} style>", tinycss2.parse_blocks_contents(value))
        for name, value in attrs.items():
            if name in _URL_ATTRIBUTES and _scheme(value) in SCRIPT_SCHEMES:
                self._add(
                    line,
                    value.strip()[:40],
                    f"<{tag} {name}> enthält eine {_scheme(value)}:-Adresse, die ein Skript ausführt"
                    " – bitte eine gewöhnliche Adresse verlinken",
                )
        if tag == "script":
            self._script(line, attrs)
        elif tag == "style":
            self._style = (line, [])
        elif tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if rels - NON_FETCHING_LINKS:
                for url in (attrs.get("href", ""), *_srcset(attrs.get("imagesrcset", ""))):
                    self._fetch(line, f"<link rel={attrs.get('rel', '')}>", url, _LINK_ADVICE)
        elif tag == "base":
            url = attrs.get("href", "")
            if self._foreign(url):
                self._add(
                    line,
                    url,
                    f"<base href> lenkt alle relativen Adressen der Seite auf {quote(url)} um und ist nicht erlaubt – bitte entfernen",
                )
        elif tag == "meta" and attrs.get("http-equiv", "").strip().lower() == "refresh":
            url = _refresh_target(attrs.get("content", ""))
            if url and (self._foreign(url) or _scheme(url) in SCRIPT_SCHEMES):
                self._add(
                    line,
                    url,
                    f'<meta http-equiv="refresh"> leitet auf {quote(url)} weiter und ist nicht erlaubt – bitte einen Link setzen',
                )
        elif tag == "form" and self._foreign(attrs.get("action", "")):
            self._add(
                line,
                attrs["action"],
                f"das Formular sendet an {quote(attrs['action'])}, einen anderen Server, und ist nicht erlaubt"
                " – bitte auf das Formular verlinken",
            )
        if tag not in ("script", *EMBEDDING):  # an embedding is one finding, whatever it loads
            self._resources(line, tag, attrs)

    def _resources(self, line: int, tag: str, attrs: dict[str, str]) -> None:
        media = tag in _MEDIA and not (tag == "source" and "srcset" in attrs)  # <picture>'s <source> is an image
        advice = _MEDIA_ADVICE if media or "poster" in attrs else _IMAGE_ADVICE
        for name in ("src", "poster", "background", "lowsrc", "dynsrc", "manifest", "codebase", "archive", "profile"):
            if name in attrs:
                self._fetch(line, f"<{tag} {name}>", attrs[name], advice)
        if tag == "object" and "data" in attrs:
            self._fetch(line, "<object data>", attrs["data"], advice)
        for url in _srcset(attrs.get("srcset", "")):
            self._fetch(line, f"<{tag} srcset>", url, advice)
        if "formaction" in attrs:
            url = attrs["formaction"]
            if self._foreign(url):
                self._add(
                    line,
                    url,
                    f"<{tag} formaction> sendet an {quote(url)}, einen anderen Server, und ist nicht erlaubt – bitte entfernen",
                )
        if tag not in (*LINKING, "link", "base"):
            for name in ("href", "xlink:href"):
                if name in attrs:  # SVG's <image>, <use>, <feImage> load what they name
                    self._fetch(line, f"<{tag} {name}>", attrs[name], _IMAGE_ADVICE)

    def _script(self, line: int, attrs: dict[str, str]) -> None:
        src = attrs.get("src", attrs.get("href", attrs.get("xlink:href")))
        if src is None:
            if attrs.get("type", "").strip().lower() not in DATA_SCRIPTS:
                self._add(line, "<script", f"ein Skript im Text ist nicht erlaubt – {_SCRIPT_ADVICE}")
            return
        path = _clean(src)
        own = not self._foreign(src) and _scheme(src) == "" and SCRIPT_FOLDER in path.split("?")[0]
        if not own:
            self._add(line, src, f"das Skript {quote(src)} gehört nicht zur Website – {_SCRIPT_ADVICE}")

    def _end_style(self) -> None:
        if self._style is None:
            return
        line, parts = self._style
        self._style = None
        rules = tinycss2.parse_stylesheet("".join(parts))
        self._css(line, "<style>", rules)

    def _css(self, line: int, where: str, nodes: Iterable[css.Node]) -> None:
        for url in _css_urls(nodes):
            self._fetch(line, where, url, _STYLE_ADVICE, what=f"{where} (CSS)")

    def _fetch(self, line: int, where: str, url: str, advice: str, *, what: str | None = None) -> None:
        if self._foreign(url):
            self._add(
                line, url.strip(), f"{what or where} lädt {quote(url.strip())} von einem anderen Server – {advice}"
            )

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

    def _add(self, line: int, needle: str, message: str) -> None:
        self.findings.append(Finding(line, needle, message, fallback=f"<{self._tag}"))


_TAG_NAME = re.compile(r"([a-z][^\t\n\r\f />\x00]*)")
"""A start tag's name, as the standard parser reads it (of the lower-cased tag)."""
_PLAIN_END_TAG = re.compile(r"</\s*[a-zA-Z][-.a-zA-Z0-9:_]*\s*>")
"""An end tag the standard parser reads as just that (its `endtagfind`)."""
_ALWAYS_PARSED = frozenset(
    (
        *EMBEDDING,
        *("script", "style", "link", "base", "meta", "form"),
        # elements whose content the parser reads as text (their end switches the parser's mode)
        *getattr(HTMLParser, "CDATA_CONTENT_ELEMENTS", ()),
        *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ()),
        *("textarea", "title", "xmp", "noembed", "noframes", "noscript", "plaintext"),
    )
)
"""Tags checked whatever their attributes hold, and tags the parser itself treats specially."""
_MAY_BREAK_A_RULE = re.compile(r"""[:\\&]|/[\t\n\r]*/|[\s'"/]on|ping|style""")
"""What a start tag needs in its (lower-cased) text for any rule to find something in it."""

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


def _srcset(value: str) -> list[str]:
    """The addresses of a `srcset` ("a.png 1x, b.png 2x")."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _refresh_target(content: str) -> str:
    """The address of `<meta http-equiv=refresh content="0; url=…">`, or "" for a plain reload."""
    _, _, rest = content.partition(";")
    rest = rest.strip()
    if rest.lower().startswith("url"):
        rest = rest[3:].lstrip()
        rest = rest[1:].lstrip() if rest.startswith("=") else rest
    elif content.strip() and not content.strip()[0].isdigit():
        rest = content.strip()
    return rest.strip("'\" ")


def _css_urls(nodes: Iterable[css.Node]) -> Iterator[str]:
    """Every address CSS loads: url(…), src(…), the strings of image-set(…) and image(…), @import."""
    for node in nodes:
        if isinstance(node, css.URLToken):
            yield node.value
        elif isinstance(node, css.FunctionBlock):
            name = node.lower_name
            if name in ("url", "src") or name.endswith(("image-set", "image", "cross-fade")):
                yield from (arg.value for arg in node.arguments if isinstance(arg, css.StringToken))
            yield from _css_urls(node.arguments)
        elif isinstance(node, css.AtRule):
            if node.lower_at_keyword == "import":
                yield from (token.value for token in node.prelude if isinstance(token, css.StringToken))
            yield from _css_urls(node.prelude)
            if node.content is not None:
                yield from _css_urls(tinycss2.parse_blocks_contents(node.content))
        elif isinstance(node, css.QualifiedRule):
            yield from _css_urls(node.prelude)
            yield from _css_urls(tinycss2.parse_blocks_contents(node.content))
        elif isinstance(node, css.Declaration):
            yield from _css_urls(node.value)
        elif isinstance(node, (css.SquareBracketsBlock, css.ParenthesesBlock, css.CurlyBracketsBlock)):
            yield from _css_urls(node.content)
