"""Translation status: what is missing in a language, left identical, or stale.

A translated entry carries a stamp, ``traduction: "fr:1a2b3c4d en:5e6f7a8b"``: the hashes of the
source's texts and of its own when the translation was last brought up to date. Staleness is
computed from it: the source changed since (the translation is behind), the translation changed
alone (the source may be behind), or both. ``accept`` writes the stamps of entries an editor has
brought up to date.

``python -m guide status [--accept roles/office-habitation ...] [--accept-all]`` (``make status``) prints it, with
the terminology still to fix: the variants the termbase avoids, file by file (``terminology``), and the pages that
read harder than their language's target (``readability``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import readability as reading
from . import terminology as terms
from .errors import ErrorList, InvalidContentError
from .fields import Field, texts_of
from .labels import load_strings
from .loader import format_path
from .memo import remembered
from .schema import KINDS, STAMP
from .settings import Settings
from .validate import Entry, Tree, load_tree


class StampError(ValueError):
    """An entry whose layout the stamp cannot be written into."""


@dataclass(frozen=True, order=True)
class Finding:
    """One thing to do, at one place: ``en/roles.yaml:12: roles/office-habitation: …``."""

    place: str
    entry: str  # kind/id
    what: str

    def __str__(self) -> str:
        return f"{self.place}: {self.entry}: {self.what}"


def _texts(spec: Field, value: Any) -> list[str]:
    """The texts of a value that are translated, in order (names, ids and stamps left out)."""
    return [text for _, field, text in texts_of(spec, value) if field.translate]


def text_hash(entry: Entry) -> str:
    """A short hash of an entry's translated texts: it changes when any of them changes."""
    texts = _texts(KINDS[entry.kind].record, entry.data)
    return hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode("utf-8")).hexdigest()[:8]


def stamp(source: Entry, source_lang: str, translation: Entry, lang: str) -> str:
    return f"{source_lang}:{text_hash(source)} {lang}:{text_hash(translation)}"


def findings(trees: dict[str, Tree]) -> list[Finding]:
    """Everything to do for the translations, each at the place to do it."""
    langs = list(trees)
    source_lang, found = langs[0], []
    for lang in langs[1:]:
        source, other = trees[source_lang], trees[lang]
        for key in KINDS:
            mine, theirs = source.entries.get(key, {}), other.entries.get(key, {})
            for ident in sorted(set(mine) - set(theirs)):
                found.append(Finding(mine[ident].place, f"{key}/{ident}", f"missing in {lang}/: to translate"))
            for ident in sorted(set(theirs) - set(mine)):
                found.append(Finding(theirs[ident].place, f"{key}/{ident}", f"missing in {source_lang}/"))
            for ident in sorted(set(mine) & set(theirs)):
                found += remembered(_compare, mine[ident], source_lang, theirs[ident], lang)
    return sorted(found)


def _compare(source: Entry, source_lang: str, twin: Entry, lang: str) -> list[Finding]:
    record = KINDS[source.kind].record
    if not _texts(record, source.data):  # a reference, say, has nothing to translate
        return []
    name = f"{source.kind}/{source.id}"
    out = []
    for path in record.untranslated(source.data, twin.data, ()):
        where = twin.record_where + path
        place = f"{twin.doc.name}:{twin.doc.line(where)}"
        out.append(Finding(place, name, f"{format_path(path)}: the same text as in {source_lang}/: not translated"))
    recorded = twin.data.get(STAMP) if isinstance(twin.data, dict) else None
    if not recorded:
        return [*out, Finding(twin.place, name, "no translation stamp yet (make status ACCEPT=kind/id)")]
    hashes = dict(part.split(":", 1) for part in recorded.split())
    source_changed = hashes.get(source_lang) != text_hash(source)
    own_changed = hashes.get(lang) != text_hash(twin)
    if source_changed and own_changed:
        what = f"stale: both {source_lang}/ and {lang}/ changed since the last translation: compare them"
    elif source_changed:
        what = f"stale: {source_lang}/ changed since this translation ({source.place})"
    elif own_changed:
        what = f"stale: {lang}/ changed alone since the last translation: {source_lang}/ may be behind"
    else:
        return out
    return [*out, Finding(twin.place, name, what)]


def stale(trees: dict[str, Tree]) -> list[Finding]:
    """Only the stale translations (what a build warns about)."""
    return [f for f in findings(trees) if f.what.startswith("stale")]


def accept(trees: dict[str, Tree], names: list[str] | None) -> list[str]:
    """Write the stamp of each entry named ``kind/id`` (every entry if ``names`` is None) in every translation;
    return what was stamped. The YAML is edited line by line, so comments and layout stay as they were."""
    langs = list(trees)
    source_lang, done = langs[0], []
    edits: dict[Path, list[tuple[int, int, str]]] = {}  # file -> (line, lines to replace, text)
    for lang in langs[1:]:
        for key in KINDS:
            for ident, twin in trees[lang].entries.get(key, {}).items():
                source = trees[source_lang].entries.get(key, {}).get(ident)
                if source is None or (names is not None and f"{key}/{ident}" not in names):
                    continue
                if not _texts(KINDS[key].record, source.data):
                    continue
                value = stamp(source, source_lang, twin, lang)
                if twin.data.get(STAMP) == value:
                    continue
                edits.setdefault(twin.doc.path, []).append(_stamp_edit(twin, value))
                done.append(f"{twin.doc.name}: {key}/{ident}")
    for path, changes in edits.items():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for line, count, text in sorted(changes, reverse=True):
            lines[line : line + count] = [text]
        path.write_text("".join(lines), encoding="utf-8")
    return done


def _stamp_edit(entry: Entry, value: str) -> tuple[int, int, str]:
    """Where the stamp goes: in place of the old one, or on the line after the entry's id (or kind, for a
    single entry such as the model)."""
    lines = entry.doc.path.read_text(encoding="utf-8").splitlines()
    if STAMP in entry.data:
        line = entry.doc.line((*entry.record_where, STAMP)) - 1
        indent = len(lines[line]) - len(lines[line].lstrip())
        return line, 1, f'{" " * indent}{STAMP}: "{value}"\n'
    anchor = entry.doc.line(entry.where) - 1
    text = lines[anchor]
    if "{" in text:
        raise StampError(f"{entry.place}: write this entry one field per line (not {{id: …}}) to stamp it")
    # "  - id: x": the fields line up with "id"; "modele:": its fields are indented one step more.
    indent = text.index("id:") if entry.where[-1] == "id" else len(text) - len(text.lstrip()) + 2
    return anchor + 1, 0, f'{" " * indent}{STAMP}: "{value}"\n'


def terminology(settings: Settings, trees: dict[str, Tree]) -> list[str]:
    """The variants the texts still use (what ``make check`` refuses), file by file: a section of its own, so that
    an editor sees the terminology to fix beside the translations; nothing when there is none."""
    found = terms.check(settings, trees)
    if not found:
        return []
    files = terms.variants_by_file(found)
    lines = [f"terminology: {len(found)} to fix in {len(files)} {'file' if len(files) == 1 else 'files'}"]
    for name, errors in files.items():
        lines.append(f"{name}: {len(errors)}")
        lines += [f"  {error}" for error in errors]
    return lines


def readability(settings: Settings, trees: dict[str, Tree]) -> list[str]:
    """The readability report (readability.py): each language's median and worst, and the pages over its target;
    an agreement's page is measured without the interface strings while ``libelles.yaml`` has an error."""
    try:
        strings = load_strings(settings.templates, settings.languages)
    except InvalidContentError:
        strings = {}
    return reading.report(settings, trees, strings)


def load(settings: Settings) -> dict[str, Tree]:
    """Every language's entries, even where the content has errors (status must help to fix them)."""
    errors = ErrorList()
    return {lang: load_tree(lang, folder, settings.root, errors) for lang, folder in settings.content.items()}
