"""What changed in the wording: a measure's texts and the adopted prose, word by word, in one language.

The plan says which measures' texts changed (`plan.releases.Changes.texts`) and keeps each
version's prose (`Snapshot.prose`); here the fields are put into the reader's language
(goal titles, the lead's name, dates, targets) and compared with `plan.textdiff`.
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..plan.model import Indicator, Measure
from ..plan.plan import Plan
from ..plan.releases import PROSE_PAGES
from ..plan.textdiff import ParagraphChange, Segment, changed, paragraph_diff, word_diff
from ..plan.texts import Localizer

_PROSE_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "def_list", "tables")
_MARKER = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class FieldDiff:
    label: str  # the label key naming the field (measure.summary, …)
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ProseDiff:
    page: str  # leitbild | erklaerung
    paragraphs: tuple[ParagraphChange, ...]  # only the changed ones


def _indicator_targets(indicators: list[Indicator], loc: Localizer) -> str:
    return "; ".join(
        f"{loc.pick(i.title).text}: {loc.number(i.target.value)} {loc.pick(i.unit).text} ({loc.when(i.target.date)})"
        for i in indicators
    )


def _fields(measure: Measure, plan: Plan, loc: Localizer) -> dict[str, str]:
    """The compared fields of a measure as plain text in the reader's language."""
    goals = [plan.goals_by_id[g][1] for g in measure.goals if g in plan.goals_by_id]
    lead = plan.actors_by_id.get(measure.lead)
    return {
        "textchanges.title": loc.pick(measure.title).text,
        "textchanges.summary": loc.pick(measure.summary).text,
        "textchanges.description": " ".join(loc.pick(measure.description).text.split()),
        "measure.goals": "; ".join(loc.pick(goal.title).text for goal in goals) or "–",
        "measure.lead": loc.pick(lead.name).text if lead else measure.lead,
        "measures.due": loc.when(measure.due) if measure.due else "–",
        "textchanges.targets": _indicator_targets(measure.indicators, loc) or "–",
    }


def measure_diffs(before: Measure, after: Measure, plan: Plan, loc: Localizer) -> list[FieldDiff]:
    """Each field whose wording differs, as a word diff, in the order of the measure page."""
    old, new = _fields(before, plan, loc), _fields(after, plan, loc)
    diffs = [FieldDiff(key, word_diff(old[key], new[key])) for key in new]
    return [diff for diff in diffs if changed(diff.segments)]


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def prose_paragraphs(text: str) -> list[str]:
    """A Markdown page as its paragraphs (headings included) in plain text; markers left out."""
    blocks = re.split(r"\n\s*\n", _MARKER.sub("", text))
    import markdown  # deferred: only a page showing changes converts prose; `make check` never does

    converter = markdown.Markdown(extensions=list(_PROSE_EXTENSIONS))
    paragraphs = []
    for block in blocks:
        parser = _Text()
        parser.feed(converter.reset().convert(block))
        plain = " ".join("".join(parser.parts).split())
        if plain:
            paragraphs.append(plain)
    return paragraphs


def prose_diffs(
    before: Mapping[str, Mapping[str, str]], after: Mapping[str, Mapping[str, str]], lang: str, default: str
) -> list[ProseDiff]:
    """Per prose page, the paragraphs that changed in `lang` (German where the page has no translation)."""
    out = []
    for page in PROSE_PAGES:
        old, new = before.get(page, {}), after.get(page, {})
        old_text, new_text = old.get(lang, old.get(default)), new.get(lang, new.get(default))
        if old_text is None or new_text is None or old_text == new_text:
            continue
        paragraphs = paragraph_diff(prose_paragraphs(old_text), prose_paragraphs(new_text))
        changes = tuple(p for p in paragraphs if p.op != "equal")
        if changes:
            out.append(ProseDiff(page, changes))
    return out
