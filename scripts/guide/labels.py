"""The interface strings (libellés) of ``gabarits/libelles.yaml``: the headings and words the templates print,
in each language.

Each language must have the same keys as the others, and every key a template prints: a missing one is
a content error with its line, like any other, found by ``make check`` before a build needs it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .errors import ContentError, ErrorList, InvalidContentError
from .loader import load_file
from .text import prepare

STRINGS_FILE = "libelles.yaml"


def load_strings(templates: Path, languages: list[str]) -> dict[str, dict[str, str]]:
    """Interface strings per language (``libelles.yaml``), flattened to "kinds.roles" keys."""
    errors = ErrorList()
    doc = load_file(templates / STRINGS_FILE, _name(templates), errors)
    strings: dict[str, dict[str, str]] = {}
    if doc is not None:
        data = doc.data if isinstance(doc.data, dict) else {}
        for lang in languages:
            if not isinstance(data.get(lang), dict):
                errors.add(
                    doc.name,
                    doc.line(()),
                    lang,
                    f"the interface strings for '{lang}' are missing",
                    f"{lang}:\n  kinds:\n    roles: …",
                )
                continue
            strings[lang] = {k: prepare(v) for k, v in _flatten(data[lang]).items()}
        for lang, found in strings.items():
            for other, theirs in strings.items():
                for key in sorted(set(found) - set(theirs)):
                    errors.add(
                        doc.name,
                        doc.line((lang, *key.split("."))),
                        f"{lang}.{key}",
                        f"has no counterpart in '{other}'",
                        f"{other}:\n  {key}: …",
                    )
    if errors:
        raise InvalidContentError(errors.sorted())
    return strings


def label_per_language(templates: Path, languages: list[str], key: str) -> dict[str, str]:
    """One interface string in each language that has it, for the hook's per-page work: read again only when
    libelles.yaml changed (``mkdocs serve`` while it is edited), not once per page."""
    found = (templates / STRINGS_FILE).stat()
    strings = _strings_of_version(templates, tuple(languages), found.st_mtime_ns, found.st_size)
    return {lang: their[key] for lang, their in strings.items() if key in their}


@functools.lru_cache(maxsize=4)
def _strings_of_version(
    templates: Path, languages: tuple[str, ...], mtime: int, size: int
) -> dict[str, dict[str, str]]:
    return load_strings(templates, list(languages))


def missing(templates: Path, lang: str, used: dict[str, str]) -> list[ContentError]:
    """An error for each key of ``used`` (key -> what prints it) that ``lang`` lacks, at the line where it
    belongs: its nearest parent's."""
    doc = load_file(templates / STRINGS_FILE, _name(templates), ErrorList())  # it was read whole before
    errors = ErrorList()
    for key, user in sorted(used.items()):
        parts = key.split(".")
        nested = "".join(f"\n{'  ' * depth}{part}:" for depth, part in enumerate([lang, *parts]))
        errors.add(
            _name(templates),
            doc.line((lang, *parts)) if doc is not None else 0,
            f"{lang}.{key}",
            f"is missing: {user} prints it",
            nested.lstrip("\n") + " …",
        )
    return errors.sorted()


def _name(templates: Path) -> str:
    return f"{templates.name}/{STRINGS_FILE}"


def _flatten(data: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out
