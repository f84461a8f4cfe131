"""The termbase (``terminologie.yaml``): one term per concept, checked in every text a reader sees.

Each language's termbase lists concepts: the term the guide writes, other accepted forms of it, and variants to
avoid. Every text of the language is searched for the variants: the content's texts (a reference's citation,
quoted as published, aside), the language's interface strings in ``libelles.yaml`` and the hand-written pages
(``docs/<lang>/*.md``). What a text quotes (« … », “ … ”, "…") is left alone, as are code, link addresses and web
addresses. A variant that overlaps a concept's term or one of its forms is no variant: "intervenants" inside
"intervenantes et intervenants", "résidants" inside the proper name "comité consultatif de résidants".

All the variants of a language make one regular expression, all the terms and forms another: plain wordings as a
trie (a thousand concepts cost little more than one), each motif in a named group. A text is masked (quotations,
code… blanked, its offsets kept) only when the expression finds something in it.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ContentError, ErrorList, quoted
from .fields import (
    WORDING_FLAGS,
    Field,
    Link,
    Stamp,
    Text,
    motif_problem,
    texts_of,
    whole_words,
    wording_char,
    wording_key,
)
from .labels import STRINGS_FILE
from .loader import Document, format_path, load_file
from .memo import remembered
from .schema import KINDS, Kind
from .settings import Settings
from .validate import Entry, Tree

TERMBASE = "terminologie"  # the kind of the termbase's concepts

# What a reader does not read as the guide's own words, blanked before a text is searched: fenced and inline code,
# a link's address, comments, Jinja, HTML tags, attribute lists, web addresses, and quotations.
_HIDDEN = re.compile(
    r"^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$"  # a fenced code block
    r"|(`+)[\s\S]*?\2"  # inline code
    r"|(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)"  # a link's address: [words](address)
    r"|<!--[\s\S]*?-->|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}"
    r"|<[A-Za-z/!][^<>\n]*>"
    r"|\{:?[ \t]*[#.][^{}\n]*\}"  # an attribute list: { #anchor .class }
    r"|\b(?:https?://|mailto:)[^\s<>()\[\]]+"
    r"|«[^«»]*»|“[^“”]*”|\"(?:[^\"\n]|\n(?![ \t]*\n))*\"",  # quotations (a straight one within a paragraph)
    re.MULTILINE,
)


def visible(text: str) -> str:
    """``text`` with what is not the guide's own words blanked (each character a space, line breaks kept), so that
    an offset in one is the same place in the other."""
    return _HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


@dataclass(frozen=True)
class Concept:
    id: str
    term: str
    note: str
    place: str  # where its id is: "fr/terminologie.yaml:12"


@dataclass(frozen=True)
class Found:
    """A variant found in a text: where, as written, and which wording of which concept it is."""

    start: int
    end: int
    text: str
    concept: Concept
    key: str  # the variant's key: its wording's key, or its motif's group


class Piece(NamedTuple):
    """A text to search, and where it is: a field of a YAML file (its document and path), or a whole page. Its
    place is worked out only for a text that holds a variant."""

    text: str
    doc: Document | None = None  # None: a page
    where: tuple = ()
    page: str = ""  # a page's name
    dotted: bool = False  # an interface string, named by its keys joined with dots: "en.kinds.roles.title"


def _trie(keys: Iterable[str]) -> str:
    """One pattern for many wordings (their keys), as a trie: each character tried once whatever the count."""
    root: dict[str, dict] = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root)


def _branches(node: dict[str, dict]) -> str:
    branches = [wording_char(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _pattern(keys: Iterable[str], motifs: Iterable[tuple[str, str]]) -> re.Pattern[str] | None:
    """Whole words: one of the plain wordings' ``keys``, or one of the ``motifs`` (group name, regular expression).
    The plain ones are tried only where a text has one of their first characters: most places have none."""
    keys = list(keys)
    parts = [whole_words("|".join(f"(?P<{name}>{motif})" for name, motif in motifs))] if motifs else []
    if keys:
        first = "".join(sorted({wording_char(key[0]).strip("[]") for key in keys}))
        parts.insert(0, f"(?=[{first}])" + whole_words(_trie(keys)))
    return re.compile("|".join(parts), WORDING_FLAGS) if parts else None


def _wordings(value: Any) -> Iterator[tuple[int, str | None, str | None]]:
    """The valid wordings of a ``formes`` or ``variantes`` list: (position, plain wording, motif); the others are
    the validator's to report."""
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, str) and re.search(r"\w", item):
            yield i, item, None
        elif isinstance(item, dict) and _valid_motif(item.get("motif"), item.get("exemple")):
            yield i, None, item["motif"]


def _valid_motif(motif: Any, example: Any) -> bool:
    return isinstance(motif, str) and isinstance(example, str) and motif_problem(motif, example) is None


@dataclass
class Termbase:
    """One language's concepts, as two expressions: the variants to avoid, and the terms and forms to accept."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    owners: dict[str, Concept] = field(default_factory=dict)  # a plain variant's key -> its concept
    motif_owners: dict[str, Concept] = field(default_factory=dict)  # a motif's group -> its concept
    problems: list[ContentError] = field(default_factory=list)  # termbase entries that can never work
    variants: re.Pattern[str] | None = None
    accepted: re.Pattern[str] | None = None

    def find(self, text: str) -> list[Found]:
        """The variants of ``text`` that a reader sees, outside every term and form."""
        if self.variants is None or self.variants.search(text) is None:
            return []
        shown = visible(text)
        candidates = list(self.variants.finditer(shown))
        if not candidates:
            return []
        spans = [m.span() for m in self.accepted.finditer(shown)] if self.accepted else []
        ends = [end for _, end in spans]
        found = []
        for match in candidates:
            start, end = match.span()
            if _within_accepted(start, end, spans, ends):
                continue
            if match.lastgroup:
                concept = self.motif_owners.get(match.lastgroup)
            else:
                concept = self.owners.get(wording_key(match.group()))
            if concept is not None:
                found.append(Found(start, end, text[start:end], concept, _key_of(match)))
        return found


def _within_accepted(start: int, end: int, spans: list[tuple[int, int]], ends: list[int]) -> bool:
    """Whether a variant at ``start:end`` overlaps a term or form that reaches beyond it: "intervenants" in
    "intervenantes et intervenants" is part of a term, "daycare centre" holding the term "centre" is a variant."""
    i = bisect.bisect_right(ends, start)  # the first term or form that ends after the variant starts
    while i < len(spans) and spans[i][0] < end:
        if spans[i][0] < start or spans[i][1] > end:
            return True
        i += 1
    return False


def _key_of(match: re.Match[str]) -> str:
    """Which variant a match is: its plain wording's key, or its motif's group after a space (no key starts
    with one)."""
    return f" {match.lastgroup}" if match.lastgroup else wording_key(match.group())


def termbase(tree: Tree) -> Termbase:
    """The termbase of a language, from its ``terminologie`` entries (each one valid or not: what is valid of it is
    used, the rest is the validator's to report)."""
    base = Termbase()
    accepted: dict[str, str] = {}  # a term's or form's key -> the concept it belongs to
    accepted_motifs: list[tuple[str, str]] = []
    variants: list[tuple[str, Entry, int]] = []  # (wording, entry, position)
    motifs: list[tuple[str, str]] = []
    for ident, entry in tree.entries.get(TERMBASE, {}).items():
        data = entry.data if isinstance(entry.data, dict) else {}
        term, note = data.get("terme"), data.get("note")
        if not isinstance(term, str) or not re.search(r"\w", term):
            continue
        concept = Concept(ident, " ".join(term.split()), note.strip() if isinstance(note, str) else "", entry.place)
        base.concepts[ident] = concept
        accepted.setdefault(wording_key(term), ident)
        for _, plain, motif in _wordings(data.get("formes")):
            if plain is not None:
                accepted.setdefault(wording_key(plain), ident)
            else:
                accepted_motifs.append((f"f{len(accepted_motifs)}", motif))  # type: ignore[arg-type]
        for i, plain, motif in _wordings(data.get("variantes")):
            if plain is not None:
                variants.append((plain, entry, i))
            else:
                name = f"v{len(motifs)}"
                motifs.append((name, motif))  # type: ignore[arg-type]
                base.motif_owners[name] = concept
    for written, entry, i in variants:
        key = wording_key(written)
        concept = base.concepts[entry.id]
        where = (*entry.record_where, "variantes", i)
        owner, term_of = base.owners.get(key), accepted.get(key)
        if owner is not None and owner.id != concept.id:
            what = f"{quoted(written)} is already a variant of the concept '{owner.id}' ({owner.place})"
            base.problems.append(_problem(entry, where, what, "list a variant in one concept only"))
        elif term_of is not None:
            what = (
                f"{quoted(written)} is also a term or a form of the concept '{term_of}': as a variant it would "
                "never be reported"
            )
            base.problems.append(_problem(entry, where, what, "remove it from variantes, or from the term and forms"))
        else:
            base.owners[key] = concept
    base.variants = _pattern(base.owners, motifs)
    base.accepted = _pattern(accepted, accepted_motifs)
    return base


def _problem(entry: Entry, where: tuple, what: str, example: str) -> ContentError:
    return ContentError(entry.doc.name, entry.doc.line(where), format_path(where), what, example)


# --- The texts of a language ------------------------------------------------------------------------------------


def _entry_texts(kind: Kind, entry: Entry) -> list[Piece]:
    """Every text of an entry a reader sees: each text field of its kind."""
    found = []
    for where, spec, text in texts_of(kind.record, entry.data):
        if where[0] not in kind.verbatim and _is_text(spec):
            found.append(Piece(text, entry.doc, (*entry.record_where, *where)))
    return found


def _is_text(spec: Field) -> bool:
    """A field a reader reads: text, not an address or a translation stamp."""
    return isinstance(spec, Text) and not isinstance(spec, (Link, Stamp))


def label_texts(doc: Document | None, lang: str) -> Iterator[Piece]:
    """A language's interface strings (``libelles.yaml``), each at its key."""
    data = doc.data.get(lang) if doc is not None and isinstance(doc.data, dict) else None
    stack: list[tuple[tuple, Any]] = [((lang,), data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*where, key), inner) for key, inner in reversed(value.items()))
        elif isinstance(value, str) and doc is not None:
            yield Piece(value, doc, where, dotted=True)


def page_texts(settings: Settings, lang: str) -> Iterator[Piece]:
    """A language's hand-written pages (its home page, its About page…): the generated ones are the content's."""
    for path in hand_written_pages(settings, lang):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # MkDocs tells what is wrong with a page it cannot read
            continue
        yield Piece(text, page=_display(path, settings.root))


def hand_written_pages(settings: Settings, lang: str) -> list[Path]:
    folder = settings.docs_dir / lang
    if not folder.is_dir():
        return []
    pages = []
    for parent, folders, files in os.walk(folder):
        if Path(parent) == folder:
            folders[:] = [name for name in folders if name not in KINDS]  # the generator's: never walked
        pages += [Path(parent, name) for name in files if name.endswith(".md")]
    return sorted(p for p in pages if p.is_file())


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- The check ----------------------------------------------------------------------------------------------------


def check(settings: Settings, trees: dict[str, Tree]) -> list[ContentError]:
    """Every variant a text of any language uses, at its line, and every termbase entry that cannot work."""
    labels = load_file(settings.templates / STRINGS_FILE, f"{settings.templates.name}/{STRINGS_FILE}", ErrorList())
    errors: list[ContentError] = []
    sources: dict[Path, str] = {}
    for lang, tree in trees.items():
        concepts = tuple(tree.entries.get(TERMBASE, {}).values())
        base = remembered(_termbase, *concepts)
        errors += base.problems
        if base.variants is None:
            continue
        for key, entries in tree.entries.items():
            kind = KINDS.get(key)
            if kind is None or key == TERMBASE:
                continue
            for entry in entries.values():
                errors += remembered(_entry_variants, base, kind, entry)
        errors += _variants(base, [*label_texts(labels, lang), *page_texts(settings, lang)], sources)
    return sorted(set(errors))


def _termbase(*concepts: Entry) -> Termbase:
    """The termbase of these concepts (the entries of a language's terminologie.yaml)."""
    return termbase(Tree("", entries={TERMBASE: {entry.id: entry for entry in concepts}}))


def _entry_variants(base: Termbase, kind: Kind, entry: Entry) -> list[ContentError]:
    return _variants(base, _entry_texts(kind, entry), {})


def _variants(base: Termbase, pieces: Iterable[Piece], sources: dict[Path, str]) -> list[ContentError]:
    return [_error(piece, found, base, sources) for piece in pieces for found in base.find(piece.text)]


def _error(piece: Piece, found: Found, base: Termbase, sources: dict[Path, str]) -> ContentError:
    concept = found.concept
    shown = " ".join(found.text.split())
    note = f": {concept.note}" if concept.note else ""
    what = (
        f"{quoted(shown)} is a variant to avoid: the guide writes {quoted(concept.term, cut=False)} "
        f"({concept.place}, concept {concept.id}{note})"
    )
    if piece.doc is None:  # a page: its lines are the text's
        return ContentError(piece.page, 1 + piece.text.count("\n", 0, found.start), "", what)
    where = ".".join(map(str, piece.where)) if piece.dotted else format_path(piece.where)
    return ContentError(piece.doc.name, _line(piece.doc, piece, found, base, sources), where, what)


def _line(doc: Document, piece: Piece, found: Found, base: Termbase, sources: dict[Path, str]) -> int:
    """The line of a variant in a YAML file: the same occurrence found again in the file from the line where the
    text starts (a block, or a text folded over lines, starts before its words; escapes aside, its words are the
    file's)."""
    first = doc.line(piece.where)
    if base.variants is None:
        return first
    before = sum(1 for m in base.variants.finditer(piece.text, 0, found.start) if _key_of(m) == found.key)
    if doc.path not in sources:
        try:
            sources[doc.path] = doc.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            sources[doc.path] = ""
    source = sources[doc.path]
    start = 0
    for _ in range(first - 1):
        start = source.find("\n", start) + 1
        if start == 0:
            return first
    for match in base.variants.finditer(source, start):
        if _key_of(match) == found.key:
            if before == 0:
                return source.count("\n", 0, match.start()) + 1
            before -= 1
    return first


def variants_by_file(errors: list[ContentError]) -> dict[str, list[ContentError]]:
    """The errors grouped by file, in the order of the files."""
    grouped: dict[str, list[ContentError]] = {}
    for error in sorted(errors):
        grouped.setdefault(error.file, []).append(error)
    return grouped
