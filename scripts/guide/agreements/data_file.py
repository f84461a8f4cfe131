"""A network's data file for ``make agreement``, read with care: it is named by hand, and may be anything.

It must be a regular file of a data file's size: a folder, a pipe or a device is named as such, in words
for the person who gave it, never waited on nor read without end. What is in it is then read by the
loader like the content (which refuses what it cannot turn into values, with a line).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ErrorList
from ..loader import Document, UnreadableError, load_file, regular_bytes
from .atomic_write import reason

EXAMPLE = "scripts/exemples/reseau-exemple.yaml"
MAX_BYTES = 1_000_000  # the real agreements' data files are a few kilobytes


def read_data_file(path: Path, errors: ErrorList) -> Document | None:
    """The data file's YAML, or None with an error."""
    name = path.as_posix()
    try:
        raw = regular_bytes(path, MAX_BYTES)
    except UnreadableError as exc:
        errors.add(name, 0, "", _problem(exc), f"make agreement DATA={EXAMPLE}")
        return None
    if _blank(raw):
        errors.add(name, 1, "", "the file is empty", "entente: espace-communautaire")
        return None
    return load_file(path, name, errors, raw)


def _problem(exc: UnreadableError) -> str:
    """What makes a path no data file, in words for the person who gave it."""
    if exc.kind == "missing":
        return "no such data file"
    if exc.kind == "error":
        return f"the data file cannot be read: {reason(exc.error)}"
    if exc.kind == "folder":
        return "is a folder, not a data file"
    if exc.kind == "special":
        return "is not a regular file (a device, a pipe or a socket), not a data file"
    size, most = (f"{n:,}".replace(",", " ") for n in (exc.size, MAX_BYTES))
    return f"is {size} bytes long: a data file is at most {most}; is it the right file?"


def _blank(raw: bytes) -> bool:
    """Whether a file holds nothing but blank lines, comments and document markers (not UTF-8: the loader says
    where)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return all(line.strip() in ("", "---", "...") or line.lstrip().startswith("#") for line in text.splitlines())
