"""Walking an entry's data: every value that is not a mapping or a list, with the name of the field that holds it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def leaves(value: Any, name: str = "") -> Iterator[tuple[str, Any]]:
    """Each value inside ``value`` that is neither a mapping nor a list, in order, with the key of the nearest
    mapping that holds it (``("pistes", "Dresser…")``; a list's items take the list's name)."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from leaves(inner, str(key))
    elif isinstance(value, list):
        for inner in value:
            yield from leaves(inner, name)
    else:
        yield name, value
