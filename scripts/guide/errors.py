"""Content errors, worded for the people who edit the YAML, not for programmers: the errors, and how a message
names what it is about (a value, a character, the word an editor may have meant)."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

MAX_SHOWN = 100  # errors printed; past that, one line says how many more (a broken file can make thousands)

# Characters a terminal acts on instead of showing (escape sequences, bidirectional overrides, line breaks): the
# content can hold them (YAML's "\e", "\u202e"), so a message shows them escaped, as YAML writes them.
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_UNSAFE_CHAR = re.compile(f"[\x00-\x1f{_OTHERS}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHERS}]")


def escaped(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control, bidirectional or line-separating character written as a YAML escape."""
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE_CHAR
    return pattern.sub(_escape, text)


def _escape(found: re.Match) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def character_name(char: str) -> str:
    """How a message names one character an editor may not see: ``U+0000``."""
    return f"U+{ord(char):04X}"


def kind_of(value: Any) -> str:
    """How a value's type is named to an editor."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime.datetime):
        return f"a date and time ({value.isoformat(' ')})"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_QUOTED_LENGTH = 60  # a longer text is cut in a message: the editor finds it by its line


def quoted(value: Any, cut: bool = True) -> str:
    """A value in a message: a text in quotes (cut if it is long, unless ``cut`` is False); otherwise its kind."""
    if not isinstance(value, str):
        return kind_of(value)
    return f"'{value}'" if not cut or len(value) <= _QUOTED_LENGTH else f"'{value[:_QUOTED_LENGTH]}…'"


def skeleton_shown(value: Any) -> str:
    """What must be the same in every language (a field's ``skeleton``) in a message: a list of items by their ids,
    a list of texts by its length."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):  # a Flag: true or false, as the editor writes it (bool is an int to Python)
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value} items"
    if isinstance(value, dict):
        return str(value.get("id", "…"))
    if isinstance(value, list):
        return "[" + ", ".join(skeleton_shown(v) for v in value) + "]"
    return str(value)


def did_you_mean(word: str, known: Collection[str], listing: str, cutoff: float = 0.6) -> tuple[str, str | None]:
    """The hint for a word that is none of the ``known`` ones, and the known one nearest to it, if any is near
    enough: ``did you mean 'roles'?``, or else all of them after ``listing`` (``known kinds: modele, …``)."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=cutoff)
    if close:
        return f"did you mean '{close[0]}'?", close[0]
    return f"{listing}: {', '.join(known) or 'none yet'}", None


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one place: ``fr/roles.yaml:12: roles[2].titre: expected text, got a list (example: ...)``."""

    file: str
    line: int
    where: str
    what: str
    example: str = ""

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        where = f" {self.where}:" if self.where else ""
        example = f" (example: {escaped(self.example, keep_newlines=True)})" if self.example else ""
        return escaped(f"{place}:{where} {self.what}") + example


@dataclass
class ErrorList:
    """Collects every error of a run so that an editor sees them all at once."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, file: str, line: int, where: str, what: str, example: str = "") -> None:
        self.errors.append(ContentError(file, line, where, what, example))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def sorted(self) -> list[ContentError]:
        return sorted(set(self.errors))


def shown(errors: list[ContentError]) -> list[str]:
    """The errors as printed: the first ``MAX_SHOWN``, then how many more there are."""
    lines = [str(e) for e in errors[:MAX_SHOWN]]
    more = len(errors) - MAX_SHOWN
    if more > 0:
        lines.append(f"… and {more} more {'error' if more == 1 else 'errors'}")
    return lines


class InvalidContentError(Exception):
    """Raised once, after collection, when the content cannot be built."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        super().__init__(f"{count} content {noun}:\n" + "\n".join(shown(errors)))
