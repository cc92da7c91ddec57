"""Change YAML data files in place: changed values change, every other byte stays as it was.

ruamel.yaml's round-trip mode keeps the comments, key order, quoting and folded `>-` blocks of
everything that is not touched. The helpers here give new and changed values the house style of
data/: a text that does not fit on a line of 100 characters becomes a folded block wrapped at
100 characters, lists of ids are flow lists (`[AA-Z1, AA-Z2]`), dated values are flow mappings
whose texts are quoted with double quotes where YAML needs quotes, and a new key goes where the
model puts it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, ScalarString

WIDTH = 100
"""Longest line of the data files; longer texts are folded (`>-`) at this width."""
INDENT = 2


def make_yaml() -> YAML:
    """A round-trip YAML reader and writer with the indentation of the data files."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=INDENT, sequence=2 * INDENT, offset=INDENT)
    yaml.width = 4096  # never re-wrap what exists: folded texts carry their own line breaks
    return yaml


def load(text: str) -> Any:
    """Parse YAML text, keeping what is needed to write it back unchanged."""
    return make_yaml().load(text)


def dump(data: Any) -> str:
    """Write YAML as text."""
    out = io.StringIO()
    make_yaml().dump(data, out)
    return out.getvalue()


def block_map(pairs: Iterable[tuple[str, Any]] = ()) -> CommentedMap:
    """A mapping written one key per line."""
    return CommentedMap(pairs)


def flow_map(pairs: Iterable[tuple[str, Any]] = ()) -> CommentedMap:
    """A mapping written on one line: `{date: 2026-09, value: 11}`."""
    mapping = CommentedMap(pairs)
    mapping.fa.set_flow_style()
    return mapping


def block_seq(items: Iterable[Any] = ()) -> CommentedSeq:
    """A list written one item per line (`- …`)."""
    return CommentedSeq(items)


def flow_seq(items: Iterable[Any], like: Any = None) -> CommentedSeq:
    """A list on one line (`[WQ-Z1, SB-Z1]`), or one item per line if the list it replaces was so."""
    seq = CommentedSeq(items)
    if not (isinstance(like, CommentedSeq) and like.fa.flow_style() is False):
        seq.fa.set_flow_style()
    return seq


def is_flow(container: Any) -> bool:
    """Whether a mapping or list is written in flow style (`{…}`, `[…]`)."""
    return isinstance(container, CommentedMap | CommentedSeq) and bool(container.fa.flow_style())


def block_text(text: str, key: str, key_indent: int, old: Any = None) -> str:
    """A text for `key:` standing `key_indent` spaces in, in a block mapping.

    It stays on the key's line if it fits within WIDTH characters and has no paragraph break;
    otherwise it becomes a folded block (`>-`) wrapped at WIDTH. A quoted text that is replaced
    keeps its kind of quotes.
    """
    fits = key_indent + len(key) + 2 + len(text) <= WIDTH
    if (fits and "\n" not in text) or not _foldable(text):
        if isinstance(old, ScalarString) and not isinstance(old, FoldedScalarString) and "\n" not in text:
            quoted: str = type(old)(text)
            return quoted
        return text
    folded: FoldedScalarString = FoldedScalarString(text)
    folded.fold_pos = _fold_positions(text, WIDTH - key_indent - INDENT)  # type: ignore[attr-defined]
    return folded


def flow_text(text: str) -> str:
    """A text inside a flow mapping: plain where YAML allows it, otherwise in double quotes."""
    probe = flow_seq([text])
    return text if dump(probe) == f"[{text}]\n" else DoubleQuotedScalarString(text)


def put(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `key`; a new key goes after the existing keys that come before it in `order`."""
    if key in mapping:
        mapping[key] = value
        return
    rank = {name: index for index, name in enumerate(order)}
    own = rank.get(key, len(order))
    position = 0
    for index, existing in enumerate(mapping):
        if rank.get(existing, -1) < own:
            position = index + 1
    mapping.insert(position, key, value)


def _foldable(text: str) -> bool:
    """Whether a folded block gives back exactly this text (no edge or tab whitespace)."""
    paragraphs = text.split("\n")
    return (
        bool(text.strip())
        and "\t" not in text
        and all(p == p.strip(" ") and "\r" not in p for p in paragraphs)
        and paragraphs[0] != ""
        and paragraphs[-1] != ""
    )


def _fold_positions(text: str, width: int) -> list[int]:
    """Indices of the spaces at which a folded block breaks its lines to stay within `width`."""
    positions: list[int] = []
    start = 0
    for paragraph in text.split("\n"):
        line_start = start
        last_space = -1
        for offset, char in enumerate(paragraph):
            index = start + offset
            # only a single space between two words can become a line break
            if char == " " and paragraph[offset - 1] != " " and paragraph[offset + 1 : offset + 2] not in (" ", ""):
                if index - line_start > width and last_space >= line_start:
                    positions.append(last_space)
                    line_start = last_space + 1
                last_space = index
        if start + len(paragraph) - line_start > width and last_space >= line_start:
            positions.append(last_space)
        start += len(paragraph) + 1
    return positions
