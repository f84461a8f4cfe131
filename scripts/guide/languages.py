"""What a language means to the guide, declared once per language in mkdocs.yml (``extra.guide.languages``).

A language is its Babel locale (how it writes dates, numbers and file sizes, and the tag its documents carry),
its writing rules (typography) and, if it has one, the readability it aims at where people act (a formula of
readability.py and a target). Nothing in the code asks which language it is: adding one is content, interface
strings, this declaration and mkdocs.yml's i18n entry.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.units import format_unit

from . import text
from .readability import FORMULAS


@dataclass(frozen=True)
class Rules:
    """A language's writing rules, beyond what Babel's locale data says."""

    typeset: Callable[[str], str]  # spaces and signs around punctuation, quotes, apostrophes
    colon: str  # between a label and what follows it ("Initiales : …", "Initials: …")
    first_day: str = ""  # the first day of a month in a date, when it is not written "1" ("1er janvier")
    citations: str = "; "  # between two citations in one pair of parentheses ("(Callon, 1986 ; Hawe, 2015)")


RULES: dict[str, Rules] = {
    "fr": Rules(
        text.typeset_fr, "\u00a0:", first_day="1er", citations="\u202f; "
    ),  # French, as the OQLF sets it for Quebec
    "": Rules(str, ":"),  # no rule of its own
}


class LanguageError(ValueError):
    """A language declaration that cannot be used; the message says what to write."""


@dataclass(frozen=True)
class Readability:
    """The readability a language's texts aim at where people act (readability.py): a formula and its target."""

    formula: str  # a key of readability.FORMULAS: "flesch-kincaid"
    target: float  # a Flesch–Kincaid grade of 8 or less, a Kandel–Moles reading ease of 70 or more…

    def __post_init__(self) -> None:
        check_formula(self.formula)
        check_target(self.formula, self.target)


@dataclass(frozen=True)
class Language:
    code: str  # the key of its content folder and of its interface strings: "fr"
    locale: str  # Babel's locale: "fr_CA"
    typography: str = ""  # a key of RULES
    readability: Readability | None = None  # None: its texts are not measured

    def __post_init__(self) -> None:
        check_locale(self.locale)
        check_typography(self.typography)

    @cached_property
    def rules(self) -> Rules:
        return RULES[self.typography]

    @property
    def tag(self) -> str:
        """The language tag of its documents: "fr-CA"."""
        return self.locale.replace("_", "-")

    @property
    def colon(self) -> str:
        return self.rules.colon

    def typeset(self, value: str) -> str:
        return self.rules.typeset(value)

    def typeset_markdown(self, markdown: str) -> str:
        """A whole page typeset, code, link targets and tags left as they are."""
        return markdown if not self.typography else text.typeset_markdown(markdown, self.rules.typeset)

    def date(self, value: datetime.date) -> str:
        """A date spelt out: "1er janvier 2027", "January 1, 2027", "1 de enero de 2027"."""
        written = format_date(value, "long", locale=self.locale)
        if value.day == 1 and self.rules.first_day:
            written = re.sub(r"(?<!\d)1(?!\d)", self.rules.first_day, written, count=1)
        return written

    def number(self, value: float) -> str:
        """A number grouped by thousands, with the locale's signs: "2 000 000", "2,000,000", "2.000.000"."""
        return format_decimal(value, locale=self.locale)

    def size(self, count: int) -> str:
        """A file's size for a reader on a phone: "85 ko", "1,2 Mo", "85 kB"; it never breaks across lines."""
        if count >= 1_000_000:
            shown = format_unit(count / 1_000_000, "digital-megabyte", "short", "#,##0.0", locale=self.locale)
        else:
            shown = format_unit(max(1, round(count / 1000)), "digital-kilobyte", "short", locale=self.locale)
        return shown.replace(" ", "\u00a0")


def check_locale(locale: str) -> None:
    """LanguageError unless Babel knows ``locale``: its dates, numbers and sizes come from there."""
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        raise LanguageError(
            f"'{locale}' is not a locale Babel knows (example: locale: fr_CA, en_CA or es_ES)"
        ) from None


def check_typography(name: str) -> None:
    """LanguageError unless ``name`` is writing rules of RULES ("" for none)."""
    if name not in RULES:
        known = [k for k in RULES if k]
        raise LanguageError(
            f"'{name}' is not writing rules the guide knows: {', '.join(known)}, or none "
            f"(example: typography: {known[0]})"
        )


def check_formula(name: str) -> None:
    """LanguageError unless ``name`` is a readability formula of readability.FORMULAS."""
    if name not in FORMULAS:
        raise LanguageError(
            f"'{name}' is not a readability formula the guide knows: {', '.join(FORMULAS)} "
            f"(example: formula: {next(iter(FORMULAS))})"
        )


def check_target(formula: str, target: object) -> None:
    """LanguageError unless ``target`` is a number on the scale of ``formula`` (a known one)."""
    low, high = FORMULAS[formula].scale
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not low <= target <= high:
        shown = f"'{target}'" if isinstance(target, str) else "true/false" if isinstance(target, bool) else target
        raise LanguageError(
            f"a target for {formula} is a number from {low:g} to {high:g}, got {shown} "
            f"(example: target: {FORMULAS[formula].example:g})"
        )


def check_declared(code: str, declared: Collection[str]) -> None:
    """LanguageError unless the content language ``code`` is declared: nothing guesses what a language means."""
    if code not in declared:
        raise LanguageError(f"'{code}' is a content language with no locale declared (example: {code}: {{locale: …}})")
