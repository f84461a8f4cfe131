"""Validate the content of every language against the schema, then against each other.

Every error of every file is collected before anything is raised, so an editor fixes
them all in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import parts
from .errors import ContentError, ErrorList, InvalidContentError, did_you_mean, kind_of, quoted, skeleton_shown
from .fields import Context, Record, check_new_id, is_id, item_id
from .loader import Document, format_path, load_file
from .memo import remembered
from .schema import KINDS, Kind


@dataclass
class Entry:
    """One validated entity (a role, a tool…) of one language."""

    kind: str
    id: str
    data: dict
    doc: Document
    where: tuple  # where its id is (or its kind's key, for a single entry such as the model)

    @property
    def place(self) -> str:
        return f"{self.doc.name}:{self.doc.line(self.where)}"

    @property
    def record_where(self) -> tuple:
        """Where its mapping of fields is: ``roles[2]`` for the entry whose id is at ``roles[2].id``."""
        return self.where[:-1] if self.where[-1] == "id" else self.where


@dataclass
class Tree:
    """The validated content of one language."""

    lang: str
    files: list[str] = field(default_factory=list)  # paths relative to the language folder
    complete: bool = True  # False when a file could not be read: its ids are unknown
    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)  # kind -> id -> entry


@dataclass
class FileRead:
    """What one file gives, read and checked on its own: its entries (an id seen twice in it is already told),
    the references and citations its texts make, and its errors. The same file (path, date, size) gives the same
    read: ``mkdocs serve`` keeps them, and after an edit reads again only the file that changed."""

    doc: Document | None
    entries: dict[str, dict[str, Entry]]
    refs: list[tuple[str, str, Document, tuple]]
    citations: list[tuple[str, Document, tuple]]
    errors: list[ContentError]


Reads = dict[tuple, FileRead]  # (path, its date and size, its displayed name) -> what it gave


def load_content(
    folders: dict[str, Path], root: Path, found: ErrorList | None = None, reads: Reads | None = None
) -> dict[str, Tree]:
    """Load and check every language; raise InvalidContentError with all the errors found, or, given ``found``,
    add them to it and return what could be read (``make check`` goes on to check what it can: the termbase).
    ``reads``: each file's read from an earlier run, used again where the file is unchanged, and updated."""
    errors = ErrorList()
    trees = {lang: load_tree(lang, folder, root, errors, reads) for lang, folder in folders.items()}
    _check_parity(trees, errors, compare_values=not errors)
    if found is not None:
        found.errors.extend(errors.errors)
    elif errors:
        raise InvalidContentError(errors.sorted())
    return trees


def _display(path: Path, root: Path) -> str:
    """``path`` as an editor names it, from the project's folder (a link is named, not the file it points to)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_tree(lang: str, folder: Path, root: Path, errors: ErrorList, reads: Reads | None = None) -> Tree:
    tree = Tree(lang, entries={key: {} for key in KINDS})
    if not folder.is_dir():
        errors.add(
            _display(folder, root),
            0,
            "",
            f"the content folder for '{lang}' does not exist",
            f"create {_display(folder, root)}/ with roles.yaml in it",
        )
        return tree
    refs: list[tuple[str, str, Document, tuple]] = []
    citations: list[tuple[str, Document, tuple]] = []
    for path in sorted(folder.rglob("*.yaml")):
        tree.files.append(path.relative_to(folder).as_posix())
        read = _read_file(path, _display(path, root), reads)
        errors.errors.extend(read.errors)
        if read.doc is None:
            tree.complete = False
            continue
        refs += read.refs
        citations += read.citations
        for key, entries in read.entries.items():
            _add_entries(KINDS[key], entries, tree, errors)
    if not tree.complete:  # some ids are unknown: checking references now would only add noise
        return tree
    for target, ident, doc, where in refs:
        known = tree.entries.get(target, {})
        if ident not in known:
            hint, _ = did_you_mean(ident, known, "known", cutoff=0.5)
            errors.add(
                doc.name,
                doc.line(where),
                format_path(where),
                f"'{ident}' is not the id of any of the {target} ({hint})",
                f"add an entry with id: {ident} to {target}, or fix the id",
            )
    parts.check(tree, errors)
    _check_citations(citations, tree.entries["references"], errors)
    _check_glossary_terms(tree.entries["glossaire"], tree.entries["terminologie"], errors)
    return tree


def _read_file(path: Path, name: str, reads: Reads | None) -> FileRead:
    """``path`` read and checked on its own, or its read from an earlier run if it has not changed since."""
    try:
        found = path.stat()
        key: tuple | None = (str(path), found.st_mtime_ns, found.st_size, name)
    except OSError:  # load_file says what is wrong with it
        key = None
    if reads is not None and key in reads:
        return reads[key]
    errors = ErrorList()
    doc = load_file(path, name, errors)
    own = Tree("", entries={k: {} for k in KINDS})
    ctx = Context(doc, errors) if doc is not None else None
    if doc is not None and ctx is not None:
        _read_document(doc, ctx, own)
    read = FileRead(
        doc,
        {k: entries for k, entries in own.entries.items() if entries},
        ctx.refs if ctx else [],
        ctx.citations if ctx else [],
        errors.errors,
    )
    if reads is not None and key is not None:
        for old in [k for k in reads if k[0] == key[0]]:  # its earlier versions
            del reads[old]
        reads[key] = read
    return read


def _add_entries(kind: Kind, entries: dict[str, Entry], tree: Tree, errors: ErrorList) -> None:
    """A file's entries of ``kind`` into its language's tree; an id another file already gave is told."""
    known = tree.entries[kind.key]
    for ident, entry in entries.items():
        first = known.get(ident)
        if first is None:
            known[ident] = entry
        elif kind.many:
            where = entry.where
            what = f"duplicate id '{ident}' (first used at {first.place})"
            errors.add(entry.doc.name, entry.doc.line(where), format_path(where), what, "give each entry its own id")
        else:
            what = f"'{kind.key}' is already defined at {first.place}"
            errors.add(entry.doc.name, entry.doc.line(entry.where), format_path(entry.where), what, "define it once")


def _check_citations(citations: list[tuple[str, Document, tuple]], known: dict[str, Entry], errors: ErrorList) -> None:
    """Each key cited in a text (``[@parent-2022]``) is the id of a reference that gives its author–date label."""
    for key, doc, where in citations:
        entry = known.get(key)
        if entry is None:
            hint, _ = did_you_mean(key, known, "known", cutoff=0.5)
            what = f"'[@{key}]' is not the id of any of the references ({hint})"
            example = f"add an entry with id: {key} to references, or fix the key"
        elif not entry.data.get("auteur_date"):
            what = f"'[@{key}]' cites a reference with no auteur_date, the words a citation prints"
            example = f'auteur_date: "Parent et Reiser, 2021" in the reference {key} at {entry.place}'
        else:
            continue
        errors.add(doc.name, doc.line(where), format_path(where), what, example)


def _check_glossary_terms(glossary: dict[str, Entry], concepts: dict[str, Entry], errors: ErrorList) -> None:
    """A glossary entry takes its term from the termbase's concept of the same id; without one, it gives its own."""
    for ident, entry in glossary.items():
        given, concept = entry.data.get("terme"), concepts.get(ident)
        if concept is None:
            if given is None:
                errors.add(
                    entry.doc.name,
                    entry.doc.line(entry.where),
                    format_path(entry.record_where),
                    f"missing the field 'terme': no concept of terminologie.yaml has the id '{ident}' to give it",
                    f"terme: … here, or a concept with id: {ident} in terminologie.yaml",
                )
            continue
        term = concept.data.get("terme")
        if isinstance(given, str) and isinstance(term, str) and given.strip() != term.strip():
            where = (*entry.record_where, "terme")
            errors.add(
                entry.doc.name,
                entry.doc.line(where),
                format_path(where),
                f"{quoted(given)} is not the term of the concept '{ident}' at {concept.place}, {quoted(term)}",
                f"remove terme: the glossary takes the term from {concept.doc.name}; or change it there",
            )


def _read_document(doc: Document, ctx: Context, tree: Tree) -> None:
    if not isinstance(doc.data, dict):
        ctx.error((), f"expected a mapping of kinds ({', '.join(KINDS)}) at the top of the file", "roles:\n  - id: …")
        return
    for key, value in doc.data.items():
        kind = KINDS.get(key)
        if kind is None:
            hint, close = did_you_mean(key, KINDS, "known kinds")
            ctx.error((key,), f"unknown kind '{key}' ({hint})", f"{close or 'roles'}: …")
        elif kind.many:
            _read_list(kind, value, ctx, tree)
        else:
            _read_single(kind, value, ctx, tree)


def _read_list(kind: Kind, value: object, ctx: Context, tree: Tree) -> None:
    where = (kind.key,)
    if not isinstance(value, list):
        ctx.error(where, f"expected a list of {kind.key}, got {kind_of(value)}", f"{kind.key}:\n  - id: …")
        return
    known = tree.entries[kind.key]
    for i, item in enumerate(value):
        kind.record.check(item, (*where, i), ctx)
        ident = item_id(item)
        if not is_id(ident):
            continue  # already reported; an entry with a valid id is kept so references to it resolve
        first = known[ident].place if ident in known else None  # in this file or another of the language
        if check_new_id(ident, first, (*where, i, "id"), ctx):
            known[ident] = Entry(kind.key, ident, item, ctx.doc, (*where, i, "id"))


def _read_single(kind: Kind, value: object, ctx: Context, tree: Tree) -> None:
    known = tree.entries[kind.key]
    if kind.key in known:
        ctx.error((kind.key,), f"'{kind.key}' is already defined at {known[kind.key].place}", "define it once")
    elif kind.record.check(value, (kind.key,), ctx):
        known[kind.key] = Entry(kind.key, kind.key, value, ctx.doc, (kind.key,))  # type: ignore[arg-type]


def _check_parity(trees: dict[str, Tree], errors: ErrorList, compare_values: bool) -> None:
    """Both languages hold the same files, the same ids, and (once each is valid) the same neutral values."""
    langs = list(trees)
    for lang in langs:
        for other in langs:
            if other == lang:
                continue
            mine, theirs = trees[lang], trees[other]
            if not theirs.complete:
                continue
            for name in sorted(set(mine.files) - set(theirs.files)):
                errors.add(
                    f"{lang}/{name}",
                    0,
                    "",
                    f"has no counterpart in {other}/",
                    f"create {other}/{name} with the same ids, translated",
                )
            for key, entries in mine.entries.items():
                for ident, entry in entries.items():
                    if ident not in theirs.entries[key]:
                        errors.add(
                            entry.doc.name,
                            entry.doc.line(entry.where),
                            format_path(entry.where),
                            f"'{ident}' exists in {lang}/ but not in {other}/",
                            f"add the {key} entry with id: {ident} to {other}/, translated",
                        )
    if not compare_values:
        return
    first, rest = langs[0], langs[1:]
    for other in rest:
        for key, entries in trees[first].entries.items():
            record = KINDS[key].record
            for ident, entry in entries.items():
                twin = trees[other].entries[key].get(ident)
                if twin is not None:
                    errors.errors.extend(remembered(_compare_twins, record, entry, twin))


def _compare_twins(record: Record, entry: Entry, twin: Entry) -> list[ContentError]:
    """What differs between an entry and its translation that should not: neutral values, untranslated texts."""
    errors = ErrorList()
    _compare(record.skeleton(entry.data), record.skeleton(twin.data), entry, twin, (), errors)
    _check_translated(record, entry, twin, errors)
    return errors.errors


def _compare(mine: object, theirs: object, entry: Entry, twin: Entry, path: tuple, errors: ErrorList) -> None:
    """Report the first place where two skeletons differ, at the second language's line."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        for name in sorted(set(mine) | set(theirs)):
            _compare(mine.get(name), theirs.get(name), entry, twin, (*path, name), errors)
        return
    if isinstance(mine, list) and isinstance(theirs, list) and len(mine) == len(theirs):
        for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            if isinstance(a, (dict, list)):
                _compare(a, b, entry, twin, (*path, i), errors)
            elif a != b:
                break
        else:
            return
    if mine == theirs:
        return
    _report_at_twin(
        errors,
        entry,
        twin,
        path,
        f"differs from {{place}} ({skeleton_shown(theirs)} here, {skeleton_shown(mine)} there)",
        "ids, lists of ids and choices are the same in every language; only text is translated",
    )


def _check_translated(record: Record, entry: Entry, twin: Entry, errors: ErrorList) -> None:
    """A text left the same in two languages is a translation still to do."""
    for path in record.untranslated(entry.data, twin.data, ()):
        _report_at_twin(
            errors,
            entry,
            twin,
            path,
            "is the same text as {place}: it is not translated yet",
            "write it in this file's language; names and abbreviations go in fields that are not translated",
        )


def _report_at_twin(errors: ErrorList, entry: Entry, twin: Entry, path: tuple, what: str, example: str) -> None:
    """An error at ``path`` in the second language's entry; ``{place}`` in ``what`` names the first's line."""
    here, there = entry.record_where + path, twin.record_where + path
    place = f"{entry.doc.name}:{entry.doc.line(here)}"
    errors.add(twin.doc.name, twin.doc.line(there), format_path(there), what.replace("{place}", place), example)
