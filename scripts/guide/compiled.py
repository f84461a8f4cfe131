"""Jinja templates compiled once, then kept: in memory for the process, on disk for the next one.

MkDocs makes a new Jinja environment for the theme at every build (mkdocs-static-i18n, one per language), and each
generation makes its own for the pages: each would compile every template again, Material's forty or so included,
about half a second a build. The compiled code is kept in the cache folder (``jinja/``), where the next process
finds it: ``make site``'s two builds, the next ``make site``, the next ``mkdocs serve``; and in memory, where the
next build of ``mkdocs serve`` finds it. Jinja compares a template's source with the one it was compiled from
before it uses the code (and its file records the Python version): an edited template is compiled again.

A template's code is kept by its file's path, not by the environment's settings (``trim_blocks``…): each template
file is read by one kind of environment (the theme's files by MkDocs', the pages' by the generator's, whose
serve-time variant only adds what it notes at run time), which a new reader of the same files must keep so.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path

import jinja2
import jinja2.bccache

FOLDER = "jinja"  # in the cache folder (settings.cache_dir)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, and in ``folder`` if given (a folder that cannot be written keeps nothing
    there: the build goes on)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.compiled: dict[str, bytes] = {}
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self.compiled.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)
        elif self.folder is not None:
            with contextlib.suppress(OSError):  # unreadable: compiled now
                jinja2.FileSystemBytecodeCache(str(self.folder)).load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.folder is None:
            return
        # Jinja writes a temporary file and renames it: two builds writing at once each leave a whole file
        with contextlib.suppress(OSError):  # unwritable: compiled again next time
            self.folder.mkdir(parents=True, exist_ok=True)
            jinja2.FileSystemBytecodeCache(str(self.folder)).dump_bytecode(bucket)


@functools.cache
def kept_in(cache_dir: Path) -> CompiledTemplates:
    """The process's compiled templates, kept in ``cache_dir``: the theme's and the pages' share them."""
    return CompiledTemplates(cache_dir / FOLDER)
