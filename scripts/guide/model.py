"""The model the templates see: entities of one language, with their pages and their links.

Links are declared one way in the YAML (a role lists its structures); the way back
(a structure lists its roles) is computed here, so that the two never disagree. Every reference,
nested ones included (an agreement's ``sections[].controverses``), is the entity it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import citekeys, links
from .fields import Date, Field, Link, ListOf, Record, Refs, Text, iso_date
from .schema import KINDS, Kind, ref_fields
from .text import plain, prepare
from .validate import Tree


@dataclass
class Relation:
    """A titled list of related entities, shown on an entity's page."""

    label: str  # key into the interface strings: "roles.structures" or "roles.structures.inverse"
    entities: list[Entity]


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

    def __getitem__(self, name: str) -> Any:
        if name not in self.kind.record.fields:
            raise KeyError(name)
        return self.data.get(name)

    def link_from(self, page: str) -> str:
        """A relative Markdown link to this entity from the page ``page``."""
        target = relative_path(self.path, page)
        return f"{target}#{self.anchor}" if self.anchor else target


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


def build_model(tree: Tree) -> Model:
    entities: dict[str, dict[str, Entity]] = {}
    for key, entries in tree.entries.items():
        kind = KINDS[key]
        entities[key] = {}
        for ident, entry in entries.items():
            data = _prepare(kind.record, entry.data)
            if not kind.many:
                path, anchor = f"{key}/index.md", ""
            elif kind.pages:
                path, anchor = f"{key}/{ident}.md", ""
            else:
                path, anchor = f"{key}/index.md", ident
            entities[key][ident] = Entity(kind, ident, data, path, anchor, cites=citekeys.keys_in(entry.data))
    _link(entities)
    kinds = {key: list(found.values()) for key, found in entities.items()}
    if "references" in kinds:
        kinds["references"] = _used_references(kinds)
    return Model(tree.lang, kinds)


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
    for (key, ident), labels in back.items():
        target = entities[key][ident]
        target.relations.extend(Relation(f"{label}.inverse", found) for label, found in labels.items())


def _nested_refs(spec: Field, value: Any, entities: dict[str, dict[str, Entity]]) -> Any:
    """``value`` with the references inside its records and lists (``sections[].controverses``) resolved into
    their entities, as the top-level ones are: templates print them, they never look them up."""
    if value is None:
        return None
    if isinstance(spec, Refs):
        return [entities[spec.target][ident] for ident in value]
    if isinstance(spec, Record):
        return {name: _nested_refs(field_spec, value.get(name), entities) for name, field_spec in spec.fields.items()}
    if isinstance(spec, ListOf):
        return [_nested_refs(spec.item, item, entities) for item in value]
    return value


def _holds_refs(spec: Field) -> bool:
    if isinstance(spec, Refs):
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
