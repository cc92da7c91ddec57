"""A tiny HTML scanner for site tests: every start tag with its attributes, in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from actionplan.site.hyphenation import strip_soft_hyphens


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]


@dataclass
class Document:
    tags: list[Tag] = field(default_factory=list)
    text: str = ""

    def find_all(self, name: str, **attrs: str) -> list[Tag]:
        """Tags of this name whose attributes include the given ones (class_ means class)."""
        wanted = {key.rstrip("_"): value for key, value in attrs.items()}
        return [t for t in self.tags if t.name == name and all(t.attrs.get(k) == v for k, v in wanted.items())]

    def first(self, name: str, **attrs: str) -> Tag:
        found = self.find_all(name, **attrs)
        assert found, f"no <{name} {attrs}>"
        return found[0]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = Document()
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.doc.tags.append(Tag(tag, {key: value or "" for key, value in attrs}))

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def read_page(path: Path) -> str:
    """A written page's HTML without the soft hyphens the build puts into long words (site/hyphenation.py)."""
    return strip_soft_hyphens(path.read_text(encoding="utf-8"))


def parse(path: Path) -> Document:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    # the text as a reader reads it: without the soft hyphens the build writes into long words
    parser.doc.text = " ".join(strip_soft_hyphens(" ".join(parser._text)).split())
    return parser.doc
