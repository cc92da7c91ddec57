"""Word-level and paragraph-level comparison of two texts (difflib does the matching).

A diff is a list of `Segment`s: runs of text that are the same in both texts, only in the
later one (inserted) or only in the earlier one (deleted). Templates mark them with
<ins>/<del> and a text prefix, so a change is never shown by colour alone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Op = Literal["equal", "insert", "delete"]

# The units the diff compares: a word (with the Arabic vowel marks and the Persian zero-width
# non-joiner inside it), a punctuation mark, or a run of white space.
_TOKEN = re.compile(r"\s+|[\w\u064b-\u065f\u0670\u200c\u200d]+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph of a text compared across two versions."""

    op: Literal["equal", "insert", "delete", "replace"]
    segments: tuple[Segment, ...]


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    """Adjacent runs of the same kind as one run; white space between two changes joins them."""
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].op == segment.op:
            merged[-1] = Segment(segment.op, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return tuple(s for s in merged if s.text)


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """The two texts as runs of equal, deleted and inserted words, in reading order."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(old[i1:i2])))
            continue
        deleted, inserted = "".join(old[i1:i2]), "".join(new[j1:j2])
        if tag in ("delete", "replace") and deleted:
            segments.extend(_split_space("delete", deleted))
        if tag in ("insert", "replace") and inserted:
            segments.extend(_split_space("insert", inserted))
    return _join_changes(_merge(segments))


def _join_changes(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Changes separated only by white space as one deletion and one insertion ("Dezember 2027" → "Juni 2028")."""
    out: list[Segment] = []
    index = 0
    while index < len(segments):
        if segments[index].op == "equal":
            out.append(segments[index])
            index += 1
            continue
        end = index
        while end + 1 < len(segments):
            following = segments[end + 1]
            if following.op != "equal":
                end += 1
            elif not following.text.strip() and end + 2 < len(segments) and segments[end + 2].op != "equal":
                end += 2
            else:
                break
        group = segments[index : end + 1]
        deleted = "".join(s.text for s in group if s.op in ("delete", "equal"))
        inserted = "".join(s.text for s in group if s.op in ("insert", "equal"))
        if any(s.op == "delete" for s in group):
            out.append(Segment("delete", deleted.strip()))
        if any(s.op == "insert" for s in group):
            out.append(Segment("insert", inserted.strip()))
        index = end + 1
    return tuple(out)


def _split_space(op: Op, text: str) -> list[Segment]:
    """A changed run with its leading and trailing white space unmarked (words stay apart in HTML)."""
    core = text.strip()
    if not core:
        return [Segment("equal", text)] if op == "insert" else []
    head, tail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return [Segment("equal", head), Segment(op, core), Segment("equal", tail)]


def changed(segments: Sequence[Segment]) -> bool:
    return any(s.op != "equal" for s in segments)


def paragraph_diff(before: Sequence[str], after: Sequence[str]) -> tuple[ParagraphChange, ...]:
    """Paragraphs matched as wholes; a replaced paragraph is compared word by word.

    Unchanged paragraphs are kept (op "equal") so a reader sees where a change sits; the
    caller decides how much context to show.
    """
    matcher = difflib.SequenceMatcher(None, list(before), list(after), autojunk=False)
    out: list[ParagraphChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(ParagraphChange("equal", (Segment("equal", p),)) for p in before[i1:i2])
            continue
        old, new = list(before[i1:i2]), list(after[j1:j2])
        # Pair replaced paragraphs one to one; what is left over was deleted or inserted.
        for index in range(max(len(old), len(new))):
            if index < len(old) and index < len(new):
                out.append(ParagraphChange("replace", word_diff(old[index], new[index])))
            elif index < len(old):
                out.append(ParagraphChange("delete", (Segment("delete", old[index]),)))
            else:
                out.append(ParagraphChange("insert", (Segment("insert", new[index]),)))
    return tuple(out)
