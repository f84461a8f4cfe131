"""Rendered files kept on disk by the hash of what they are made from, so that a build renders only what changed.

A file's key is the hash of its payload (the printable HTML of a PDF, the document of a DOCX) and of
the code that renders it: the source of ``pdf`` and ``docx`` (and of ``document``, whose name of the
guide the DOCX files carry) and their libraries' versions.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import document, docx, pdf


class FileCache:
    """A folder of rendered files by key; ``None`` keeps nothing (``make agreement``)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[Path] = set()

    def get(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self.folder / key
        self.used.add(path)
        return path.read_bytes() if path.is_file() else None

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{key}.tmp{os.getpid()}"
        tmp.write_bytes(data)
        tmp.replace(self.folder / key)

    def prune(self) -> None:
        """Forget the files no longer made by this content (a folder in the cache is another cache's: compiled.py)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path not in self.used and not path.is_dir():
                path.unlink()


def key(kind: str, payload: object) -> str:
    """The name of the file ``payload`` renders to as ``kind`` ("pdf" or "docx")."""
    if not _CODE_VERSION:
        _CODE_VERSION.append(_code_version())
    digest = hashlib.sha256(f"{_CODE_VERSION[0]}\n{kind}\n{payload!r}".encode())
    return f"{digest.hexdigest()[:32]}.{kind}"


def _code_version() -> str:
    """What renders a file: when this code or its libraries change, every cached file is made again."""
    digest = hashlib.sha256()
    for module in (pdf, docx, document):
        digest.update(Path(module.__file__).read_bytes())  # type: ignore[arg-type]
    for module in (pdf, docx):
        digest.update(module.library_version().encode())
    return digest.hexdigest()


_CODE_VERSION: list[str] = []
