"""Stopping ``make site`` cleanly: Ctrl-C (SIGINT), SIGTERM and SIGHUP become an exception where the build can
stop, so that it stops its children and removes its temporary files on the way out, with no traceback."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):  # like KeyboardInterrupt: no `except Exception` swallows it
    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # what a shell reports for a process a signal stopped


class Guard:
    """Raises Interrupted on the first signal; ignores the next ones, so that the cleanup runs to its end. Once
    told to hold, ignores them all: past that point, stopping would leave things worse than finishing. Within
    ``deferred()``, keeps the signal for the block's end."""

    def __init__(self) -> None:
        self.holding = False
        self.kept: list[int] | None = None  # signals that came within deferred(), while it runs

    def hold(self) -> None:
        self.holding = True

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.holding:
            return
        if self.kept is not None:
            self.kept.append(signum)
            return
        self.holding = True
        raise Interrupted(signum)


_guards: list[Guard] = []  # the guard in force, if any: raised() is running


@contextmanager
def raised() -> Iterator[Guard]:
    guard = Guard()
    previous = {signum: signal.signal(signum, guard._handle) for signum in SIGNALS}
    _guards.append(guard)
    try:
        yield guard
    finally:
        _guards.remove(guard)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """A signal that comes within the block is raised at its end, so that what the block does (start a child and
    count it among those to stop) is never cut halfway. Python runs a signal's handler in the main thread,
    whichever thread the signal reached: blocking it in one thread would not do."""
    guard = _guards[-1] if _guards else None
    if guard is None or guard.kept is not None:
        yield
        return
    guard.kept = []
    try:
        yield
    finally:
        came, guard.kept = guard.kept, None
        if came and not guard.holding:
            guard.holding = True
            raise Interrupted(came[0])
