"""A build's temporary folders and files, each made beside what it serves and locked while its build runs.

``make site`` builds into ``site.XXXXXXXX/`` next to ``site/``, and the offline copy reads a config
``.mkdocs-hors-ligne.XXXXXXXX.yml`` next to ``mkdocs.yml``. A build that is stopped removes its own; one that is
killed (``kill -9``, a power cut) cannot, so each build first removes those of builds that no longer run.
Whether a build still runs is told by a lock (``flock``) it holds on each of them, not by a process id (one can
be reused): the kernel releases the lock once the build, and every child it handed the lock to, have ended.
Several builds at once are fine: each removes only what nobody holds, and a lock on the folder they sit in
orders making, locking, removing and swapping, so that nobody sees an entry between its making and its lock.
A build folder holds a mark (MARK): a ``site.20250101/`` someone keeps by hand is not a build's, and stays.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

_RANDOM = "[a-z0-9_]{8}"  # what tempfile puts between prefix and suffix
MARK = ".construction-du-guide"  # in each build folder: a folder without it is someone's, never removed
_held: dict[Path, int] = {}  # what this process holds: path -> its locked descriptor


def held_descriptors() -> list[int]:
    """The locks this process holds, for its children: what they write stays held while they run, even if this
    process is killed."""
    return list(_held.values())


@contextmanager
def folder(beside: Path) -> Iterator[Path]:
    """A new private folder ``<name>.XXXXXXXX`` next to ``beside``, held until the block ends, then removed."""
    parent, prefix = beside.parent, beside.name + "."
    with _ordered(parent):
        _remove_unheld(parent, prefix, "", lambda path: (path / MARK).is_file())
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        (path / MARK).touch()
        _held[path] = _lock(path)
    try:
        yield path
    finally:
        _release(path)


@contextmanager
def file(parent: Path, prefix: str, suffix: str) -> Iterator[Path]:
    """A new empty file ``<prefix>XXXXXXXX<suffix>`` in ``parent``, held until the block ends, then removed."""
    with _ordered(parent):
        _remove_unheld(parent, prefix, suffix, Path.is_file)
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=parent)
        os.close(fd)
        path = Path(name)
        _held[path] = _lock(path)
    try:
        yield path
    finally:
        _release(path)


def replace(target: Path, new: Path, old: Path) -> None:
    """Put ``new`` in the place of ``target``, whose content moves to ``old`` (inside a held folder, removed with
    it). If ``new`` cannot take its place, ``target`` is put back: it is never left missing."""
    with _ordered(target.parent):
        existed = os.path.lexists(target)
        if existed:
            os.rename(target, old)
        try:
            os.rename(new, target)
        except BaseException:
            if existed:
                os.rename(old, target)
            raise


@contextmanager
def _ordered(parent: Path) -> Iterator[None]:
    """Hold the lock of the folder itself, for a moment: making, locking, removing and swapping are one step."""
    fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _lock(path: Path) -> int:
    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # new, and made under _ordered: nobody else can hold it
    return fd


def _remove_unheld(parent: Path, prefix: str, suffix: str, ours: Callable[[Path], bool]) -> list[Path]:
    pattern = re.compile(re.escape(prefix) + _RANDOM + re.escape(suffix))
    removed = []
    for path in sorted(parent.iterdir()):
        if not pattern.fullmatch(path.name) or path in _held or path.is_symlink() or not ours(path):
            continue
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: its build still runs
            os.close(fd)
            continue
        try:
            _remove(path)
        finally:
            os.close(fd)
        removed.append(path)
    return removed


def _release(path: Path) -> None:
    try:
        _remove(path)
    finally:
        os.close(_held.pop(path))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink()
