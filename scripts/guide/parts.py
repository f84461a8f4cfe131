"""References to a part of another entry: an agreement's sections named by a situation
(``ententes: [{entente: espace-communautaire, sections: [horaire-reservations]}]``), checked once every file of a
language is read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ErrorList, did_you_mean
from .fields import Field, ListOf, Parts, Record, Ref
from .loader import format_path
from .schema import KINDS

if TYPE_CHECKING:
    from .validate import Entry, Tree


def check(tree: Tree, errors: ErrorList) -> None:
    """Every id a ``Parts`` field lists (``sections: [horaire-reservations]``) is the id of one of the parts of the
    entity its sibling ``Ref`` names; each one that is not is an error at its line, with the known ids. (The
    validator tells whether that entity exists.)"""
    for key, entries in tree.entries.items():
        if not _holds_parts(KINDS[key].record):
            continue
        for entry in entries.values():
            _check_parts_in(KINDS[key].record, entry.data, entry.record_where, entry, tree, errors)


def _holds_parts(spec: Field) -> bool:
    if isinstance(spec, Parts):
        return True
    if isinstance(spec, Record):
        return any(_holds_parts(inner) for inner in spec.fields.values())
    return isinstance(spec, ListOf) and _holds_parts(spec.item)


def _check_parts_in(spec: Field, value: Any, where: tuple, entry: Entry, tree: Tree, errors: ErrorList) -> None:
    if isinstance(spec, ListOf) and isinstance(value, list):
        for i, item in enumerate(value):
            _check_parts_in(spec.item, item, (*where, i), entry, tree, errors)
    if not (isinstance(spec, Record) and isinstance(value, dict)):
        return
    for name, inner in spec.fields.items():
        if isinstance(inner, Parts) and isinstance(value.get(name), list):
            _check_part_ids(spec, inner, value, (*where, name), entry, tree, errors)
        elif isinstance(inner, (Record, ListOf)):
            _check_parts_in(inner, value.get(name), (*where, name), entry, tree, errors)


def _check_part_ids(
    record: Record, spec: Parts, value: dict, where: tuple, entry: Entry, tree: Tree, errors: ErrorList
) -> None:
    whole_spec = record.fields[spec.of]
    target = whole_spec.target if isinstance(whole_spec, Ref) else ""
    whole = tree.entries.get(target, {}).get(value.get(spec.of))
    if whole is None:
        return  # an unknown entity: the validator said so
    known = [part.get("id") for part in whole.data.get(spec.target) or [] if isinstance(part, dict)]
    for i, ident in enumerate(value[where[-1]]):
        if ident in known:
            continue
        _, close = did_you_mean(ident, known, "", cutoff=0.5)
        hint = f"did you mean '{close}'? " if close else ""
        errors.add(
            entry.doc.name,
            entry.doc.line((*where, i)),
            format_path((*where, i)),
            f"'{ident}' is not the id of any of the {spec.target} of '{whole.id}' "
            f"({hint}its {spec.target}: {', '.join(known) or 'none'})",
            f"{where[-1]}: [{close or (known[0] if known else '…')}]",
        )
