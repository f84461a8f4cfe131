"""The languages a file of an agreement is in: one language alone, or two side by side (the bilingual version)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """One language, or two side by side."""

    langs: tuple[str, ...]

    @property
    def name(self) -> str:
        return "-".join(self.langs)


def variants(languages: list[str], pairs: Iterable[tuple[str, str]]) -> list[Variant]:
    """Each language alone, then each pair side by side (settings.bilingual)."""
    return [Variant((lang,)) for lang in languages] + [Variant(tuple(pair)) for pair in pairs]
