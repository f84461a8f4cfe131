"""Content errors, worded for the people who edit the YAML, not for programmers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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

    def __len__(self) -> int:
        return len(self.errors)

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
