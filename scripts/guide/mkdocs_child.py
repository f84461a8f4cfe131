"""MkDocs run as a child of ``make site``: stopped, with its own children, when the build is stopped, and with a
one-line message instead of a traceback when a file cannot be written (a full disk).

``python -m guide.mkdocs_child build …`` is ``mkdocs build …``, except that an OSError prints
``<file>: <reason>`` and exits 1, and SIGTERM, SIGINT or SIGHUP exits at once, quietly.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import TextIO

from . import interrupt, scratch

STOP_DELAY = 5.0  # seconds a stopped child has to end, before SIGKILL
_SCRIPTS = Path(__file__).resolve().parent.parent  # where the guide package is, for the child to import it


def run(args: list[str], *, quiet: bool = False) -> tuple[int, str]:
    """Run ``mkdocs ARGS``; its output goes to stderr as it comes or, ``quiet``, is returned."""
    return run_all([Command(args, quiet)])[0]


@dataclass
class Command:
    args: list[str]  # mkdocs' arguments: ["build", "--strict", …]
    quiet: bool = False  # its output returned, instead of written to stderr as it comes


def run_all(commands: list[Command], env: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """Run each command side by side (``started``): each one's exit code and, if quiet, its output."""
    with started(commands, env) as running:
        return running.wait()


@contextmanager
def started(commands: list[Command], env: dict[str, str] | None = None, held: bool = False) -> Iterator[Running]:
    """Start each command, side by side, each one a child ``mkdocs`` with ``env`` added to this process's
    environment; ``held``, the output of those that are not quiet is kept until ``Running.release``. Each child
    runs in a session of its own (Ctrl-C in the terminal reaches this process only): if this process is
    interrupted, or leaves the block without waiting for them, it stops every child and every process they
    started."""
    running = Running(commands, env, held)
    try:
        running.start()
        yield running
    finally:
        running.end()


class Running:
    """Children ``mkdocs`` started side by side (``started``)."""

    def __init__(self, commands: list[Command], env: dict[str, str] | None, held: bool) -> None:
        path = os.pathsep.join(filter(None, [str(_SCRIPTS), os.environ.get("PYTHONPATH")]))
        self.environment = {**os.environ, **(env or {}), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
        self.commands = commands
        self.children: list[subprocess.Popen] = []
        self.outputs = [_Output(None if command.quiet else sys.stderr, held) for command in commands]
        self.readers: list[threading.Thread] = []

    def start(self) -> None:
        # A signal that came while a child was being started would leave it running, unknown: it is raised
        # once every child is in the list.
        with interrupt.deferred():
            for command, output in zip(self.commands, self.outputs, strict=True):
                # MkDocs colours its log when it writes to a terminal: this process's, here, through a pipe
                colour = not command.quiet and sys.stderr.isatty()
                colour = colour and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
                child = subprocess.Popen(
                    [sys.executable, "-m", "guide.mkdocs_child", *(["--color"] if colour else []), *command.args],
                    env=self.environment,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    pass_fds=scratch.held_descriptors(),  # what it writes stays held while it runs, even if this dies
                )
                self.children.append(child)
                reader = threading.Thread(target=_read, args=(child, output))
                reader.daemon = True  # never keeps this process alive: the child's end ends it
                reader.start()
                self.readers.append(reader)

    def release(self) -> None:
        """The output held so far written, and the rest as it comes."""
        for output in self.outputs:
            output.release()

    def wait(self) -> list[tuple[int, str]]:
        """Each child's exit code and, if quiet, its output, once every child has ended."""
        self.release()
        for child in self.children:
            child.wait()
        for reader in self.readers:
            reader.join()
        return [(child.returncode, output.text()) for child, output in zip(self.children, self.outputs, strict=True)]

    def end(self) -> None:
        """Every child still running stopped, with the processes it started; every pipe closed. A signal that
        comes meanwhile (Ctrl-C while the builds are stopped after a content error) is raised once they are."""
        with interrupt.deferred():
            for child in self.children:
                if child.returncode is None:
                    _stop(child)
            for child in self.children[len(self.readers) :]:  # stopped before its reader started: nothing closes it
                assert child.stdout is not None
                child.stdout.close()
            for reader in self.readers:
                reader.join(timeout=STOP_DELAY)


class _Output:
    """A child's output: written to ``stream`` as it comes (once released, if ``held``), else kept."""

    def __init__(self, stream: TextIO | None, held: bool) -> None:
        self.stream, self.held = stream, held
        self.parts: list[str] = []
        self.lock = threading.Lock()

    def write(self, text: str) -> None:
        with self.lock:
            if self.stream is None or self.held:
                self.parts.append(text)
            else:
                self.stream.write(text)
                self.stream.flush()

    def release(self) -> None:
        with self.lock:
            if self.stream is not None and self.held:
                self.stream.write("".join(self.parts))
                self.stream.flush()
                self.parts.clear()
            self.held = False

    def text(self) -> str:
        return "".join(self.parts)


def _read(child: subprocess.Popen, output: _Output) -> None:
    """The child's output until it ends."""
    assert child.stdout is not None
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    with child.stdout:
        while True:
            chunk = os.read(child.stdout.fileno(), 65536)
            output.write(decoder.decode(chunk, final=not chunk))
            if not chunk:
                break


def _stop(child: subprocess.Popen) -> None:
    """Stop the child and every process of its group, and wait for them: SIGTERM, sent again until they are
    gone (one that came as the child was being started, before it ran its own program, is lost), then SIGKILL
    after STOP_DELAY. A worker the child was starting as the signal came (a forkserver, say) joins the group
    after it and would outlive it: the whole group is waited for."""
    deadline = time.monotonic() + STOP_DELAY
    while child.poll() is None or _group_alive(child.pid):
        now = time.monotonic()
        if now > deadline + STOP_DELAY:  # even SIGKILL has not ended it: nothing more to do
            break
        with contextlib.suppress(ProcessLookupError):  # all of them ended already
            os.killpg(child.pid, signal.SIGTERM if now < deadline else signal.SIGKILL)
        time.sleep(0.05)
    child.wait()


def _group_alive(group: int) -> bool:
    """Whether a process of ``group`` still runs; one that ended and waits to be reaped (a zombie) does not."""
    try:
        numbers = [entry.name for entry in Path("/proc").iterdir() if entry.name.isdigit()]
    except OSError:  # no /proc: ask the system, which counts a zombie as a process
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        return True
    for number in numbers:
        found = process_state(number)
        if found is not None and found[2] == group and found[0] not in "ZX":
            return True
    return False


def process_state(pid: int | str) -> tuple[str, int, int] | None:
    """A process's state letter (``Z`` once it ended and waits to be reaped), parent and process group, from
    /proc; None once it is gone."""
    try:
        state, parent, group = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[:3]
    except OSError:
        return None
    return state, int(parent), int(group)


def explain(exc: OSError, default: Path | None = None) -> str:
    """An OSError in one line that names the file: ``site.x/site/index.html: No space left on device``."""
    name = exc.filename2 or exc.filename or _file_being_written(exc.__traceback__) or default
    reason = exc.strerror or str(exc)
    return f"{_shown(name)}: {reason}" if name is not None else f"a file could not be written: {reason}"


def _file_being_written(tb: TracebackType | None) -> str | None:
    """A failed ``write()`` names no file: the innermost frame holding a file open for writing does."""
    for frame, _ in reversed(list(traceback.walk_tb(tb))):
        for value in list(frame.f_locals.values()):
            try:
                name, mode = getattr(value, "name", None), getattr(value, "mode", None)
            except Exception:  # a property that fails: not a file
                continue
            if isinstance(name, str) and isinstance(mode, str) and set(mode) & set("wax+"):
                return name
    return None


def _shown(name: str | bytes | int | Path) -> str:
    path = Path(os.fsdecode(name)) if not isinstance(name, int) else None
    if path is None:
        return f"file descriptor {name}"
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def _quit(signum: int, frame: FrameType | None) -> None:
    """Exit at the first signal, and let the exit run to its end: the next ones (``_stop`` sends SIGTERM until
    the child is gone) are ignored."""
    for stopping in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(stopping, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _quit)
    from mkdocs.__main__ import cli

    try:
        cli.main(args=argv, prog_name="mkdocs")
    except OSError as exc:
        print(explain(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
