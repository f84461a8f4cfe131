"""The model the templates see: entities of one language, with their pages and their links.

Links are declared one way in the YAML (a role lists its structures); the way back
(a structure lists its roles) is computed here, so that the two never disagree. Every reference,
nested ones included (an agreement's ``sections[].controverses``), is the entity it names.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from . import citekeys, links
from .fields import Date, Field, Link, ListOf, Parts, Record, Ref, Refs, Text, iso_date
from .leaves import leaves
from .memo import remembered
from .schema import KINDS, Kind, ref_fields
from .text import plain, prepare
from .validate import Tree


@dataclass
class Relation:
    """A titled list of related entities, shown on an entity's page."""

    label: str  # key into the interface strings: "roles.structures" or "roles.structures.inverse"
    entities: list[Entity] | list[Excerpt]  # Excerpts: a situation's agreements, each with the sections it names


@dataclass(eq=False)
class Entity:
    """A role, a tool, a controversy…: its prepared fields and its place in the site."""

    kind: Kind
    id: str
    data: dict[str, Any]
    path: str  # the Markdown file of its page, relative to the language folder
    anchor: str = ""
    relations: list[Relation] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)  # the references its texts cite ([@id]), in order
    source: Any = field(default=None, repr=False)  # its validated YAML data, as the content gives it

    def __getitem__(self, name: str) -> Any:
        if name not in self.kind.record.fields:
            raise KeyError(name)
        if _reading is not None:
            _reading.add((self.kind.key, self.id, name))  # that field alone (incremental._changes)
        return self.data.get(name)

    def link_from(self, page: str) -> str:
        """A relative Markdown link to this entity from the page ``page``."""
        target = relative_path(self.path, page)
        return f"{target}#{self.anchor}" if self.anchor else target


@dataclass(eq=False)
class Section:
    """A part of an entity that its page gives an anchor, ``#<id>``: an agreement's section, as a situation
    points to it."""

    whole: Entity
    id: str
    titre: str

    def link_from(self, page: str) -> str:
        return f"{self.whole.link_from(page)}#{self.id}"


@dataclass(eq=False)
class Excerpt:
    """An entity and some of its parts (an agreement and the sections a situation points to), as a relation lists
    it: the entity's title and link, then its parts'."""

    whole: Entity
    parts: list[Section]

    @property
    def titre(self) -> str:
        return self.whole["titre"]

    @property
    def kind(self) -> Kind:
        return self.whole.kind

    @property
    def path(self) -> str:
        return self.whole.path

    @property
    def anchor(self) -> str:
        return self.whole.anchor

    def link_from(self, page: str) -> str:
        return self.whole.link_from(page)


_reading: set[tuple] | None = None  # while a page is rendered with reading(): the entities and fields it read


@contextmanager
def reading() -> Iterator[set[tuple]]:
    """Note what is read of the entities while the block runs, in the set it gives: each field read, as (kind,
    id, field), and each entity read as a whole, as (kind, id) (incremental.py: the pages an edit changes)."""
    global _reading
    previous, _reading = _reading, set()
    try:
        yield _reading
    finally:
        _reading = previous


def note(read: Entity | tuple[str, str]) -> None:
    """Count an entity (or another read, a kind's list: incremental.py) as read, if a page is being rendered with
    reading()."""
    if _reading is not None:
        _reading.add((read.kind.key, read.id) if isinstance(read, Entity) else read)


def relative_path(target: str, page: str) -> str:
    """``target`` seen from the folder of ``page``, both relative to the same folder ("roles/a.md", "outils/b.md"
    -> "../roles/a.md"). ``posixpath.relpath`` gives the same, at ten times the cost: it makes both absolute
    from the current folder, and a guide has a link for every relation on every page."""
    folder, parts = page.split("/")[:-1], target.split("/")
    common = 0
    while common < len(folder) and common < len(parts) - 1 and folder[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:])


@dataclass
class Model:
    """Everything one language's pages are made from."""

    lang: str
    kinds: dict[str, list[Entity]]

    def index_path(self, key: str) -> str:
        return f"{key}/index.md"

    def find(self, key: str, ident: str) -> Entity:
        """The entity of kind ``key`` with id ``ident`` (validation made sure it exists)."""
        return next(e for e in self.kinds[key] if e.id == ident)

    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> its full term, from the glossary, as plain text for a tooltip."""
        return {plain(e["sigle"]): plain(e["terme"]) for e in self.kinds.get("glossaire", []) if e["sigle"]}


def build_model(tree: Tree, source: Tree | None = None) -> Model:
    """One language's model; ``source``, the default language's content, gives the glossary of another language
    each term's original beside its translation: "low-rental housing (habitation à loyer modique)"."""
    entities: dict[str, dict[str, Entity]] = {}
    for key, entries in tree.entries.items():
        kind = KINDS[key]
        if not kind.shown:
            continue
        entities[key] = {}
        for ident, entry in entries.items():
            prepared, cites = remembered(_prepared, kind.record, entry.data)
            data = dict(prepared)  # its own: linking sets its references' fields (nested values are new)
            if key == "glossaire":
                data["terme"] = _glossary_term(ident, data["terme"], tree, source)
            if not kind.many:
                path, anchor = f"{key}/index.md", ""
            elif kind.pages:
                path, anchor = f"{key}/{ident}.md", ""
            else:
                path, anchor = f"{key}/index.md", ident
            entities[key][ident] = Entity(kind, ident, data, path, anchor, cites=list(cites), source=entry.data)
    _link(entities)
    kinds = {key: list(found.values()) for key, found in entities.items()}
    if "references" in kinds:
        kinds["references"] = _used_references(kinds)
    return Model(tree.lang, kinds)


def _prepared(record: Record, data: Any) -> tuple[dict[str, Any], list[str]]:
    """An entry's fields prepared for the pages, and the references its texts cite."""
    return _prepare(record, data), citekeys.keys_in(data)


def _glossary_term(ident: str, given: str | None, tree: Tree, source: Tree | None) -> str | None:
    """A glossary entry's term: the termbase's concept of the same id gives it (the validator saw that a term the
    entry gives is the same), followed in a language other than the default by the default language's term."""
    concept = tree.entries.get("terminologie", {}).get(ident)
    if concept is None:
        return given
    term = prepare(concept.data["terme"])
    original = source.entries.get("terminologie", {}).get(ident) if source and source.lang != tree.lang else None
    if original is not None and original.data["terme"].strip().casefold() != concept.data["terme"].strip().casefold():
        return f"{term} ({prepare(original.data['terme'])})"
    return term


def _used_references(kinds: dict[str, list[Entity]]) -> list[Entity]:
    """The references the References page lists: those a text cites or a ``sources`` field lists, in APA order."""
    used = {source.id for entities in kinds.values() for e in entities for source in e.data.get("sources") or []}
    return sorted((r for r in kinds["references"] if r.id in used), key=_apa)


def _apa(reference: Entity) -> tuple[str, str, str]:
    return citekeys.apa_order(reference.data["citation"])


def _link(entities: dict[str, dict[str, Entity]]) -> None:
    back: dict[tuple[str, str], dict[str, list[Entity]]] = {}
    for key, found in entities.items():
        fields = KINDS[key].record.fields.items()
        nested = {name: spec for name, spec in fields if not isinstance(spec, Refs) and _holds_refs(spec)}
        for entity in found.values():
            for name, spec in nested.items():
                entity.data[name] = _nested_refs(spec, entity.data.get(name), entities)
                excerpts = list(_excerpts(entity.data[name]))
                if excerpts:  # a situation's agreement sections: a relation of its own, each agreement with them
                    entity.relations.append(Relation(f"{key}.{name}", excerpts))
                targets = {(t.kind.key, t.id): t for t in _entities_in(entity.data[name])}.values()
                for target in targets:  # an agreement's sections answer controversies: each one names it
                    if target.kind.pages:
                        back.setdefault((target.kind.key, target.id), {}).setdefault(f"{key}.{name}", []).append(entity)
        for name, spec in ref_fields(KINDS[key]).items():
            for entity in found.values():
                listed = entity.data.get(name) or []
                if name == "sources":  # what its texts cite is a source too, listed once, in APA order
                    listed = sorted(
                        dict.fromkeys([*listed, *entity.cites]), key=lambda i: _apa(entities["references"][i])
                    )
                targets = [entities[spec.target][i] for i in listed]
                entity.data[name] = targets
                if targets:
                    entity.relations.append(Relation(f"{key}.{name}", targets))
                for target in targets:
                    if KINDS[spec.target].pages:
                        back.setdefault((spec.target, target.id), {}).setdefault(f"{key}.{name}", []).append(entity)
        order = {name: i for i, name in enumerate(KINDS[key].record.fields)}
        for entity in found.values():  # in the order of the fields, as a page lists them
            entity.relations.sort(key=lambda relation: order[relation.label.split(".", 1)[1]])
    for key, found in entities.items():
        for name, via, reached in KINDS[key].through:
            for entity in found.values():
                _add_through(entity, f"{key}.{name}", f"{key}.{via}", reached)
    for (key, ident), labels in back.items():
        target = entities[key][ident]
        target.relations.extend(Relation(f"{label}.inverse", found) for label, found in labels.items())


def _add_through(entity: Entity, label: str, via: str, reached: str) -> None:
    """The entities reached through a relation (a situation's controversy's solutions), each once, as a relation
    right after that one."""
    found = [r for r in entity.relations if r.label == via]
    if not found:
        return
    targets = list(dict.fromkeys(t for e in found[0].entities for t in e.data.get(reached) or []))
    if targets:
        entity.relations.insert(entity.relations.index(found[0]) + 1, Relation(label, targets))


def _nested_refs(spec: Field, value: Any, entities: dict[str, dict[str, Entity]]) -> Any:
    """``value`` with the references inside its records and lists (``sections[].controverses``) resolved into
    their entities, as the top-level ones are: templates print them, they never look them up. Parts of an entity
    (``{entente: …, sections: […]}``) become its Sections, each with its title and anchor."""
    if value is None:
        return None
    if isinstance(spec, Ref):
        return entities[spec.target][value]
    if isinstance(spec, Parts):
        return value  # resolved with the record that holds it, which names the entity
    if isinstance(spec, Refs):
        return [entities[spec.target][ident] for ident in value]
    if isinstance(spec, Record):
        resolved = {name: _nested_refs(inner, value.get(name), entities) for name, inner in spec.fields.items()}
        for name, inner in spec.fields.items():
            if isinstance(inner, Parts) and resolved[name] is not None:
                whole = resolved[inner.of]
                titles = {part["id"]: part["titre"] for part in whole.data.get(inner.target) or []}
                resolved[name] = [Section(whole, ident, titles[ident]) for ident in resolved[name]]
        return resolved
    if isinstance(spec, ListOf):
        return [_nested_refs(spec.item, item, entities) for item in value]
    return value


def _entities_in(value: Any) -> Iterator[Entity]:
    """The entities a resolved nested value holds, in order."""
    return (leaf for _, leaf in leaves(value) if isinstance(leaf, Entity))


def _excerpts(value: Any) -> Iterator[Excerpt]:
    """Each entity with the Sections a resolved nested value lists of it, in order."""
    if isinstance(value, list):
        for inner in value:
            yield from _excerpts(inner)
    elif isinstance(value, dict):
        for inner in value.values():
            if isinstance(inner, list) and inner and all(isinstance(part, Section) for part in inner):
                yield Excerpt(inner[0].whole, inner)
            else:
                yield from _excerpts(inner)


def _holds_refs(spec: Field) -> bool:
    if isinstance(spec, (Refs, Ref)):
        return True
    if isinstance(spec, Record):
        return any(_holds_refs(field_spec) for field_spec in spec.fields.values())
    return isinstance(spec, ListOf) and _holds_refs(spec.item)


def _prepare(spec: Field, value: Any) -> Any:
    """Every text of the content made inert, every date as its YYYY-MM-DD text; other values as they are."""
    if value is None:
        return None
    if isinstance(spec, Date):  # an unquoted date is read as a date, a quoted one as text: printed the same
        return iso_date(value)
    if isinstance(spec, Link):  # an address: checked, percent-encoded, and its text printed as it is
        return links.href(value, spec.kind)
    if isinstance(spec, Text):  # Markdown fields too
        return prepare(value)
    if isinstance(spec, Record):  # every declared field, None when left out, so templates can test it
        return {name: _prepare(field_spec, value.get(name)) for name, field_spec in spec.fields.items()}
    if isinstance(spec, ListOf):
        return [_prepare(spec.item, v) for v in value]
    return value
