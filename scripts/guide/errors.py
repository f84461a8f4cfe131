"""Content errors, worded for the people who edit the YAML, not for programmers."""

from __future__ import annotations

from dataclasses import dataclass, field


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
        example = f" (example: {self.example})" if self.example else ""
        return f"{place}:{where} {self.what}{example}"


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


class InvalidContentError(Exception):
    """Raised once, after collection, when the content cannot be built."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        super().__init__(f"{count} content {noun}:\n" + "\n".join(str(e) for e in errors))
