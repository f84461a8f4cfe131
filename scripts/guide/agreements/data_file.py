"""A network's data file for ``make agreement``, read with care: it is named by hand, and may be anything.

It must be a regular file of a data file's size: a folder, a pipe or a device is named as such, in words
for the person who gave it, never waited on nor read without end. What is in it is then read by the
loader like the content (which refuses what it cannot turn into values, with a line).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import ErrorList
from ..loader import Document, load_file
from .atomic_write import reason

EXAMPLE = "scripts/exemples/reseau-exemple.yaml"
MAX_BYTES = 1_000_000  # the real agreements' data files are a few kilobytes


def read_data_file(path: Path, errors: ErrorList) -> Document | None:
    """The data file's YAML, or None with an error."""
    name = path.as_posix()
    raw = _read(path)
    if isinstance(raw, str):
        errors.add(name, 0, "", raw, f"make agreement DATA={EXAMPLE}")
        return None
    if _blank(raw):
        errors.add(name, 1, "", "the file is empty", "entente: espace-communautaire")
        return None
    return load_file(path, name, errors)


def _read(path: Path) -> bytes | str:
    """The bytes of ``path``, or what makes it no data file. A pipe is opened without waiting for a writer, and
    what was opened is what is looked at."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return "no such data file"
    except OSError as exc:
        return f"the data file cannot be read: {reason(exc)}"
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return "is a folder, not a data file"
        if not stat.S_ISREG(info.st_mode):
            return "is not a regular file (a device, a pipe or a socket), not a data file"
        if info.st_size > MAX_BYTES:
            size, most = (f"{n:,}".replace(",", " ") for n in (info.st_size, MAX_BYTES))
            return f"is {size} bytes long: a data file is at most {most}; is it the right file?"
        with os.fdopen(fd, "rb") as stream:
            fd = -1  # the stream closes it
            return stream.read(MAX_BYTES + 1)
    except OSError as exc:
        return f"the data file cannot be read: {reason(exc)}"
    finally:
        if fd >= 0:
            os.close(fd)


def _blank(raw: bytes) -> bool:
    """Whether a file holds nothing but blank lines, comments and document markers (not UTF-8: the loader says
    where)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return all(line.strip() in ("", "---", "...") or line.lstrip().startswith("#") for line in text.splitlines())
