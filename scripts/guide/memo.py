"""Results kept from one generation to the next, by the identity of what they were computed from.

``mkdocs serve`` reads again only the files an edit changed (validate.FileRead): the entries of the other files
are the same objects as in the last generation. What was computed from those objects alone (an entry's prepared
texts, its translation status, the variants its texts use…) is taken again instead of computed again, while a
generation runs inside ``kept(memo)``. Outside it (``make site``, ``make check``), everything is computed.

A result is kept for the next generation only if this one used it: the memory holds one generation's worth.
Results are shared: callers never change them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self.previous: dict[tuple, tuple[tuple, Any]] = {}  # ids of the sources -> (the sources, the result)
        self.current: dict[tuple, tuple[tuple, Any]] = {}

    def get(self, compute: Callable[..., T], sources: tuple) -> T:
        key = (compute, *map(_identity, sources))  # which computation, from which objects
        found = self.current.get(key) or self.previous.get(key)
        if found is not None and all(a is b or _same_value(a, b) for a, b in zip(found[0], sources, strict=True)):
            self.current[key] = found
            return found[1]
        result = compute(*sources)
        self.current[key] = (sources, result)  # the sources held: an id is never reused while they live
        return result

    def turn(self) -> None:
        """A generation ended: what it used is kept for the next, the rest dropped."""
        self.previous, self.current = self.current, {}


_VALUES = (str, int, float, bool, type(None))


def _identity(source: Any) -> Any:
    """A source's part of the key: a plain value by itself (a language's code read again from mkdocs.yml at each
    build of ``make serve`` is a new string each time: by its ``id``, nothing would be taken again), any other
    object by its ``id``."""
    return source if type(source) in _VALUES else id(source)


def _same_value(a: Any, b: Any) -> bool:
    return type(a) in _VALUES and type(a) is type(b) and a == b


_memo: Memo | None = None


@contextmanager
def kept(memo: Memo | None) -> Iterator[None]:
    """While the block runs, ``remembered`` takes results from ``memo`` (None: computes them all)."""
    global _memo
    previous, _memo = _memo, memo
    try:
        yield
    finally:
        _memo = previous
        if memo is not None:
            memo.turn()


def remembered(compute: Callable[..., T], *sources: Any) -> T:
    """``compute(*sources)``, or its result from the last generation if it was computed from the same objects.
    ``compute`` reads nothing but ``sources`` and constants."""
    if _memo is None:
        return compute(*sources)
    return _memo.get(compute, sources)
