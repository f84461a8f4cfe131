"""Writing a file that someone asked for, all or nothing.

The bytes go to a temporary file beside the target, which is renamed into place only once it is
complete: a full disk, a size limit or an interruption leaves the target as it was (or absent), never
truncated, and the temporary file is removed.  ``check_target`` tells beforehand what must not be
written over (a folder, a device, a file the caller must keep, an existing file unless asked), so that
a slow rendering is not done for nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message is one line, for the person who asked for it."""


class TargetError(WriteError):
    """The target is not something to write a file over (a folder, a device)."""


class TargetExistsError(TargetError):
    """The target is an existing file, and replacing it was not asked for."""


class TargetKeptError(TargetError):
    """The target is a file that must never be written over (the input of the command, by any path)."""


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is larger than this system allows",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOTDIR: "a part of its path is a file, not a folder",
    errno.EEXIST: "a part of its path is a file, not a folder",  # mkdir(exist_ok=True) on a file
    errno.EISDIR: "it is a folder",
}


def reason(exc: OSError) -> str:
    """An operating system error in a few plain words."""
    known = _REASONS.get(exc.errno or 0)
    return known or (exc.strerror or str(exc)).lower()


def resolved(path: Path) -> Path:
    """Where writing ``path`` lands: through its symbolic links, so that a link keeps pointing at the file."""
    return Path(os.path.realpath(path))


def check_target(path: Path, replace: bool, keep: Iterable[Path] = ()) -> None:
    """Raise a TargetError if ``path`` must not be written: a folder, anything but a regular file, one of
    ``keep`` (the same file by any path: links included), or an existing file when ``replace`` is false.
    What is checked is what ``write`` writes: the path through its links, ``..`` resolved."""
    target = resolved(path)
    for kept in keep:
        if target == resolved(kept) or _same_file(target, kept):
            raise TargetKeptError(f"{path} is {kept}")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise TargetError(f"{path} cannot be written: {reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise TargetError(f"{path} is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise TargetError(f"{path} is not a regular file (a device, a pipe or a socket)")
    if not replace:
        raise TargetExistsError(f"{path} already exists")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def write(path: Path, data: bytes, replace: bool, keep: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` (through links), whole or not at all; raise a WriteError that names ``path``
    as it was given.  Missing folders are made, and removed again if the file cannot be written."""
    keep = list(keep)
    check_target(path, replace, keep)
    target = resolved(path)
    made = _missing_folders(target.parent)
    tmp: Path | None = None
    done = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp, fd = _temporary(target)
        with os.fdopen(fd, "wb") as out:
            if target.exists():  # a replaced file keeps its permissions
                os.fchmod(out.fileno(), stat.S_IMODE(target.stat().st_mode))
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        check_target(path, replace, keep)  # again: something may have appeared there while writing
        _put(tmp, target, replace, path)
        done = True
    except OSError as exc:
        raise WriteError(f"could not write {path}: {reason(exc)} (nothing was written)") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if not done:
            for folder in made:
                _remove_empty(folder)


def _temporary(target: Path) -> tuple[Path, int]:
    """A new file beside ``target`` (a rename across disks would not be atomic), with the usual permissions."""
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue


def _put(tmp: Path, target: Path, replace: bool, shown: Path) -> None:
    """Rename ``tmp`` to ``target``; without ``replace``, a hard link, which fails if the target appeared
    meanwhile (``tmp`` is then removed by the caller)."""
    if replace:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise TargetExistsError(f"{shown} already exists") from None
    except OSError:  # a file system without hard links: the check just made is what we have
        os.replace(tmp, target)


def _missing_folders(folder: Path) -> list[Path]:
    """The folders that making ``folder`` would create, deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
