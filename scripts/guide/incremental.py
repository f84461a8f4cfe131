"""What an edit changes: the pages ``mkdocs serve`` renders again after an edit, the others kept from before.

A page's Markdown is made from what every page shares (the templates, the interface strings, the settings, the
citation, the model's diagram: if one of them changes, every page is rendered again) and from what its rendering
read of the entities. While a page is rendered, each read is noted (model.reading): a field of an entity, read by
a template or by Python; an entity as a whole (its relations, its attributes) and a kind's list, read by a
template; with the files it offers for download. The next generation compares each entity with its previous
version (its YAML data field by field, its relations, its place) and each kind's list of ids with the previous
one: a page none of whose reads changed keeps its Markdown. A language none of whose entries changed keeps its
model, and so all its pages (``Memory.model``).

A memory is used again only once its generation has succeeded (``commit``): a generation that stops on an
error leaves it as the last good one.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2

from . import model
from .memo import Memo
from .model import Entity, Excerpt, Model, Section
from .schema import KINDS
from .validate import Entry, Reads, Tree

KINDS_READ = "*kinds"  # a read of a kind's list: (KINDS_READ, key), or (KINDS_READ, "*") for the lists themselves


@dataclass
class Rendered:
    reads: frozenset[tuple]  # (kind, id, field), (kind, id): model.reading; (KINDS_READ, key)
    downloads: list  # what the page offered: another file, or another size, renders it again
    page: str  # its Markdown, front matter aside (computed anew each time: cheap, and it names the neighbours)
    printed: str  # an agreement's printed page (render.Renderer._printed)


@dataclass
class LanguageMemory:
    shared: Any  # what every page of the language shares (Memory.session)
    model: Model | None = None
    signatures: dict[tuple[str, str], tuple] = field(default_factory=dict)
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pages: dict[str, Rendered] = field(default_factory=dict)


@dataclass
class Memory:
    """What a generation keeps for the next one: each file's read (validate.py) and each language's pages."""

    reads: Reads = field(default_factory=dict)
    memo: Memo = field(default_factory=Memo)  # what was computed from the entries of unchanged files (memo.py)
    written: dict[str, dict[str, str | bytes]] = field(default_factory=dict)  # language -> what it wrote (writer.py)
    languages: dict[str, LanguageMemory] = field(default_factory=dict)  # as the last good generation left them
    pending: dict[str, LanguageMemory] = field(default_factory=dict)  # as this generation makes them
    rendered: int = 0  # pages the last generation rendered (the others were kept)
    finishing: dict[tuple[str, str], tuple[str, dict, str]] = field(default_factory=dict)  # (lang, path) -> …
    models: dict[str, tuple[tuple, Model]] = field(default_factory=dict)  # language -> (its entries, its model)

    def model(self, tree: Tree, source: Tree | None, build: Callable[[Tree, Tree | None], Model]) -> Model:
        """``build(tree, source)``, or the language's last model if it was built from the same entries: the same
        objects, their files unchanged (validate.FileRead). An edit to one language leaves the other's model as it
        was, and ``session`` then keeps all its pages without comparing its entities one by one. What a model
        reads of ``source``, another language's content, is its termbase (model._glossary_term)."""
        made_from = _entries(tree, "*")
        if source is not None and source.lang != tree.lang:
            made_from += _entries(source, "terminologie")
        found = self.models.get(tree.lang)
        if found is not None and len(found[0]) == len(made_from) and all(map(operator.is_, found[0], made_from)):
            return found[1]
        built = build(tree, source)
        self.models[tree.lang] = (made_from, built)  # built from these entries, whether this generation ends well
        return built

    def finished(self, lang: str, path: str, page: str, abbreviations: dict, finish: Callable[[], str]) -> str:
        """``finish()``, the page as MkDocs reads it, or what it gave last time for the same page and abbreviations."""
        found = self.finishing.get((lang, path))
        if found is not None and found[0] == page and found[1] == abbreviations:
            return found[2]
        done = finish()
        self.finishing[(lang, path)] = (page, abbreviations, done)
        return done

    def session(self, model: Model, shared: Any) -> Session:
        """The pages of ``model`` that can be kept, against the last good generation's."""
        before = self.languages.get(model.lang)
        before = before if before is not None and before.shared == shared else None
        if before is not None and before.model is model:  # nothing it is made from changed (Memory.model)
            now = LanguageMemory(shared, model, before.signatures, before.lists)
            self.pending[model.lang] = now
            return Session(now, before, frozenset())
        signatures = {(e.kind.key, e.id): signature(e) for entities in model.kinds.values() for e in entities}
        lists = {key: tuple(e.id for e in entities) for key, entities in model.kinds.items()}
        now = LanguageMemory(shared, model, signatures, lists)
        self.pending[model.lang] = now
        if before is None:
            return Session(now, None, frozenset())
        changed = set()
        for key in signatures.keys() | before.signatures.keys():
            changed |= _changes(key, before.signatures.get(key), signatures.get(key))
        changed_lists = {(KINDS_READ, key) for key in lists.keys() | before.lists.keys()}
        changed_lists = {read for read in changed_lists if lists.get(read[1]) != before.lists.get(read[1])}
        if changed_lists:
            changed_lists.add((KINDS_READ, "*"))
        return Session(now, before, frozenset(changed | changed_lists))

    def commit(self) -> None:
        """The generation succeeded: the next one starts from it."""
        self.languages.update(self.pending)
        self.pending = {}


@dataclass
class Session:
    """One language's pages in one generation: which ones it keeps, and what it renders."""

    now: LanguageMemory
    before: LanguageMemory | None
    changed: frozenset[tuple]  # the reads an edit changed (_changes)
    rendered: int = 0

    def kept(self, path: str, downloads: list) -> Rendered | None:
        """The page as the last generation rendered it, if nothing it read changed since."""
        found = self.before.pages.get(path) if self.before else None
        if found is None or found.downloads != downloads or found.reads & self.changed:
            return None
        self.now.pages[path] = found
        return found

    def keep(self, path: str, reads: set[tuple], downloads: list, page: str, printed: str) -> None:
        self.now.pages[path] = Rendered(frozenset(reads), downloads, page, printed)
        self.rendered += 1


def _entries(tree: Tree, key: str) -> tuple[Entry, ...]:
    """The entries of ``tree``, every kind's (``*``) or one kind's, in order."""
    kinds = tree.entries.values() if key == "*" else [tree.entries.get(key, {})]
    return tuple(entry for entries in kinds for entry in entries.values())


def signature(entity: Entity) -> tuple:
    """What a page can read of ``entity``, compared between generations: its YAML data (the same object when its
    file did not change), its relations, its place, what it cites and, for a glossary entry, its term (the
    termbase gives it)."""
    relations = tuple((r.label, tuple(_ident(e) for e in r.entities)) for r in entity.relations)
    return (_Same(entity.source), relations, entity.path, entity.anchor, tuple(entity.cites), entity.data.get("terme"))


def _changes(key: tuple[str, str], before: tuple | None, now: tuple | None) -> set[tuple]:
    """The reads of the entity ``key`` that an edit changed: a field (``(kind, id, field)``, read by a page that
    prints it) and the entity as a whole (``(kind, id)``, read by a page that walks its relations); every field too
    when its relations, its place or what it cites changed, or when it was added or removed."""
    if before == now:
        return set()
    whole = {key}
    if before is None or now is None or before[1:5] != now[1:5]:
        return whole | {(*key, name) for name in KINDS[key[0]].record.fields}
    old, new = before[0].value, now[0].value
    fields = {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}
    if before[5] != now[5]:
        fields.add("terme")  # a glossary entry's term, from the termbase
    return whole | {(*key, name) for name in fields}


def _ident(entity: Entity | Excerpt) -> tuple:
    if isinstance(entity, Excerpt):
        return (entity.whole.kind.key, entity.whole.id, tuple(part.id for part in entity.parts))
    return (entity.kind.key, entity.id)


class _Same:
    """A value compared by identity first (an unchanged file gives the same objects), then by equality."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and (self.value is other.value or self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


# An entity's attributes that follow from its kind and id: no edit changes them (signature compares them all the same)
_CONSTANT = frozenset({"id", "kind", "path", "anchor", "link_from"})


class TrackingEnvironment(jinja2.Environment):
    """Jinja's environment, noting what a template reads of the model (attributes too, which model.Entity's own
    note does not see: ``entity.relations``, ``model.kinds.controverses``)."""

    kinds: dict | None = None  # the lists of the model being rendered

    def getattr(self, obj: Any, attribute: str) -> Any:
        self._note(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self._note(obj, argument)
        return super().getitem(obj, argument)

    def _note(self, obj: Any, name: Any) -> None:
        if isinstance(obj, Entity):
            if isinstance(name, str) and name not in _CONSTANT and hasattr(obj, name):
                model.note(obj)  # its relations, its data…: the entity as a whole
            # else a field (Entity.__getitem__ notes it), an attribute that follows from its kind and id, or none
        elif isinstance(obj, (Excerpt, Section)):
            model.note(obj.whole)
        elif obj is self.kinds:
            model.note((KINDS_READ, name if isinstance(name, str) and name in obj else "*"))
