"""Languages: pick a text in the reader's language or fall back to German, and format values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml
from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from .model import GERMAN, When

if TYPE_CHECKING:  # only the type: the renderer passes the template in; `make check` needs no Jinja2
    from jinja2 import Template

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"})
LABELS_FILE = Path(__file__).with_name("labels.yml")
ARABIC_COMMA_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ckb"})
"""Languages in Arabic script, whose lists are joined with the Arabic comma "،"."""


def direction(lang: str) -> str:
    """The writing direction of a language: "rtl" or "ltr"."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


PERCENT_UNITS = frozenset({"prozent", "%"})
"""German unit names (data's `unit.de`) that make a figure a percentage, shown with "%"."""


def is_percent(unit: dict[str, str] | None) -> bool:
    """Whether a figure in `unit` is a percentage (its German unit is "Prozent" or "%")."""
    return unit is not None and unit.get(GERMAN, "").strip().lower() in PERCENT_UNITS


class Picked(NamedTuple):
    """A text chosen for the reader; `fallback` when German stands in for a missing translation."""

    text: str
    lang: str
    fallback: bool

    @property
    def dir(self) -> str:
        return direction(self.lang)


@cache
def _locale(lang: str) -> Locale:
    # Parsing a CLDR locale is costly and its data never changes during a run.
    return Locale.parse(lang)


Labels = dict[str, dict[str, str]]
"""The generator's vocabulary: label -> language -> text."""


def load_labels() -> dict[str, dict[str, str]]:
    """The generator's vocabulary (labels.yml): label -> language -> text; read once per build."""
    with LABELS_FILE.open(encoding="utf-8") as handle:
        # libyaml's parser where PyYAML has it: the pure-Python one takes half a second for this file
        data: dict[str, dict[str, str]] = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def label_keys() -> list[str]:
    """Every label the templates may use."""
    return list(load_labels())


# Babel's formatting, once per language and value: a build formats the same few figures and
# dates thousands of times. `shown` (the value's repr) keeps apart what compares equal but is
# written differently (0.0 and -0.0, Decimal("1.0") and 1).


@lru_cache(maxsize=1 << 14)
def _decimal(lang: str, shown: str, value: Any) -> str:
    return str(format_decimal(value, locale=_locale(lang)))


@lru_cache(maxsize=1 << 14)
def _long_date(lang: str, shown: str, value: dt.date) -> str:
    return str(format_date(value, "long", locale=_locale(lang)))


@lru_cache(maxsize=1 << 14)
def _skeleton(lang: str, skeleton: str, value: dt.date) -> str:
    return str(format_skeleton(skeleton, value, locale=_locale(lang)))


@dataclass
class Localizer:
    """Everything a template needs to speak one language; remembers whether German stood in.

    `markup` renders a text inside an element (overrides/plan/text.html); it is needed only
    where German stands in or a tag is asked for, so plain texts never pay for a template.
    """

    lang: str
    fallback_used: bool = field(default=False)
    markup: Template | None = None
    labels: dict[str, dict[str, str]] = field(default_factory=load_labels)

    def t(self, text: dict[str, str] | None, tag: str = "span") -> Markup:
        """A translatable text as HTML, marked lang="de" where German stands in."""
        picked = self.pick(text)
        if not picked.fallback and tag == "span":
            return escape(picked.text)
        return self._element(tag, picked.text, picked.fallback, mark=True)

    def l(self, key: str, **values: object) -> Markup:  # noqa: E743 - short name used all over the templates
        """A label as HTML; values may be marked-up texts (from t()) and stay marked up."""
        picked = self.label(key)
        text = Markup(escape(picked.text)).format(**values) if values else escape(picked.text)
        return self._element("span", text, True, mark=False) if picked.fallback else text

    def _element(self, tag: str, text: str, fallback: bool, mark: bool) -> Markup:
        if self.markup is None:  # pragma: no cover - the renderer always provides the template
            raise RuntimeError("Localizer without template for markup")
        return Markup(self.markup.render(tag=tag, text=text, fallback=fallback, mark=mark))

    @property
    def dir(self) -> str:
        return direction(self.lang)

    def pick(self, text: dict[str, str] | None) -> Picked:
        """The text in the reader's language, else German (and remember that)."""
        if not text:
            return Picked("", self.lang, False)
        if self.lang in text:
            return Picked(text[self.lang], self.lang, False)
        self.fallback_used = True
        return Picked(text[GERMAN], GERMAN, True)

    def label(self, key: str, **values: object) -> Picked:
        """A label of the generator's vocabulary, with {placeholders} filled in."""
        picked = self.pick(self.labels[key])
        return picked._replace(text=picked.text.format(**values)) if values else picked

    def plain(self, key: str, **values: object) -> str:
        """A label as plain text (for attributes such as aria-label)."""
        return self.label(key, **values).text

    @property
    def locale(self) -> Locale:
        return _locale(self.lang)

    def number(self, value: float) -> str:
        return _decimal(self.lang, repr(value), value)

    def percent(self, value: float) -> str:
        """Percent from 0–100, rounded half up, formatted by the language's rules ("40 %", "%40")."""
        rounded = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return self.plain("format.percent", value=_decimal(self.lang, repr(rounded), rounded))

    def quantity(self, value: float, unit: dict[str, str] | None) -> str:
        """A figure as readers expect it in its unit: "12,5 %" for a percentage, else the number."""
        if is_percent(unit):
            return self.plain("format.percent", value=_decimal(self.lang, repr(value), value))
        return self.number(value)

    def year(self, year: int) -> str:
        """A year in the language's digits, without grouping ("2026", "۲۰۲۶")."""
        return _skeleton(self.lang, "y", dt.date(year, 1, 1))

    def paragraphs(self, text: dict[str, str] | None) -> tuple[Picked, list[str]]:
        """A longer text split into paragraphs at blank lines (which YAML's ">" keeps as one newline)."""
        picked = self.pick(text)
        separator = "\n\n" if "\n\n" in picked.text else "\n"
        parts = [" ".join(part.split()) for part in picked.text.split(separator)]
        return picked, [part for part in parts if part]

    def date(self, value: dt.date) -> str:
        return _long_date(self.lang, repr(value), value)

    def when(self, value: When) -> str:
        if value.day:
            return self.date(value.first_day)
        return _skeleton(self.lang, "yMMMM", value.first_day)

    def time(self, value: dt.datetime) -> str:
        return format_time(value, "short", locale=self.locale)

    def language_name(self, code: str) -> str:
        """A language named in the reader's language; "dgs" is German Sign Language."""
        if code == "dgs":
            return self.plain("event.dgs")
        return str(self.locale.languages.get(code, code))

    @property
    def separator(self) -> str:
        """What joins the items of a list in running text: ", ", in Arabic script "، "."""
        return "، " if self.lang in ARABIC_COMMA_LANGUAGES else ", "

    def language_names(self, codes: list[str]) -> str:
        return self.separator.join(self.language_name(code) for code in codes)

    def money(self, amount: float, currency: str) -> str:
        return self.plain("format.money", amount=_decimal(self.lang, repr(amount), amount), currency=currency)
