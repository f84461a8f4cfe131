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
    told to hold, ignores them all: past that point, stopping would leave things worse than finishing."""

    def __init__(self) -> None:
        self.holding = False

    def hold(self) -> None:
        self.holding = True

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if not self.holding:
            self.holding = True
            raise Interrupted(signum)


@contextmanager
def raised() -> Iterator[Guard]:
    guard = Guard()
    previous = {signum: signal.signal(signum, guard._handle) for signum in SIGNALS}
    try:
        yield guard
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
