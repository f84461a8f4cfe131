"""The JSON Schema that editors' tools read: up to date, named by every content file, and in agreement with the
validator on the real content and on broken variants of it.

What only the validator can check, because it takes more than one file or more than the value itself (the
schema accepts these, the validator refuses them; ``VALIDATOR_ONLY`` below tests some):

- references: every id listed in ``structures``, ``solutions``, ``sources``… is the id of an existing entry;
- both languages: the same files and ids in ``fr/`` and ``en/``, the same ids, choices and blanks in both,
  and no text left the same in both (untranslated);
- every ``[[blank]]`` of a clause is one of its agreement's ``champs``;
- the termbase: each motif compiles and matches its ``exemple``, a glossary entry's term is its concept's;
- ids unique within a kind, across files, and ``modele`` defined once;
- the YAML itself: syntax, tabs, keys given twice, anchors and tags, an empty file.

And where the two read YAML differently: editors read YAML 1.2, the validator (PyYAML) YAML 1.1, so an
unquoted ``yes`` or ``2026-11-22`` is text to the editor but true or a date to the validator.  The real content
quotes such values; the cases here go through PyYAML for both.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from guide.errors import ContentError, ErrorList, InvalidContentError
from guide.jsonschema import SCHEMA_FILE, comment_for, content_schema, render
from guide.loader import format_path, load_file
from guide.schema import KINDS, field_paths
from sites import ROOT, content_set

LANGS = ("fr", "en")
Content = dict[str, dict[str, Any]]  # language -> file name -> data
VALIDATOR = jsonschema.Draft7Validator(content_schema())


def content_files() -> list[Path]:
    return sorted(p for lang in LANGS for p in (ROOT / lang).rglob("*.yaml"))


@pytest.fixture(scope="module")
def real() -> Content:
    errors = ErrorList()
    content = {
        lang: {p.name: load_file(p, p.name, errors).data for p in sorted((ROOT / lang).glob("*.yaml"))}
        for lang in LANGS
    }
    assert not errors
    return content


def as_json(data: Any) -> Any:
    """The data as the editor's YAML reads it (dates are text)."""
    return json.loads(json.dumps(data, default=str))


def schema_errors(content: Content) -> dict[str, list[str]]:
    """Where the schema refuses each file: ``{"fr/roles.yaml": ["roles[1].titre", …]}``."""
    found = {}
    for lang, files in content.items():
        for name, data in files.items():
            paths = [format_path(tuple(e.absolute_path)) for e in VALIDATOR.iter_errors(as_json(data))]
            if paths:
                found[f"{lang}/{name}"] = paths
    return found


def validator_errors(content: Content, tmp_path: Path) -> list[ContentError]:
    try:
        content_set(tmp_path, content)
    except InvalidContentError as exc:
        return exc.errors
    return []


def test_schema_is_valid_draft_07() -> None:
    jsonschema.Draft7Validator.check_schema(content_schema())
    assert content_schema()["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_committed_schema_is_up_to_date() -> None:
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == render(), f"{SCHEMA_FILE} is stale: run PYTHONPATH=scripts python -m guide schema"


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_content_file_names_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == comment_for(path) == "# yaml-language-server: $schema=../gabarits/schema/contenu.schema.json"


def test_every_example_fits_its_field() -> None:
    """The examples editors are shown (and offered to insert) are valid values."""
    for kind in KINDS.values():
        for path, spec in field_paths(kind.record):
            example = spec.example_value()
            assert example is not None, f"{kind.key}.{path} has no example"
            errors = list(jsonschema.Draft7Validator(spec.json_schema()).iter_errors(example))
            assert not errors, f"{kind.key}.{path}: {spec.example!r}: {errors[0].message}"


def test_schema_carries_help_and_examples() -> None:
    roles = content_schema()["properties"]["roles"]
    titre = roles["items"]["properties"]["titre"]
    assert roles["description"] == KINDS["roles"].record.help
    assert titre["description"] == KINDS["roles"].record.fields["titre"].help
    assert titre["examples"] == ["Organisatrice ou organisateur communautaire du CIUSSS"]


def test_real_content_is_valid_for_both(real: Content, tmp_path: Path) -> None:
    assert schema_errors(real) == {}
    assert validator_errors(real, tmp_path) == []


DROP = object()


@dataclass(frozen=True)
class Change:
    """One change to the content: in ``file``, at ``path``, put ``value`` (or what it makes of the old value
    if it is a function), or remove the field if it is ``DROP``."""

    file: str
    path: tuple
    value: Any = DROP

    def apply(self, content: Content) -> None:
        lang, name = self.file.split("/")
        *parents, last = self.path
        target = content[lang][name]
        for part in parents:
            target = target[part]
        if self.value is DROP:
            del target[last]
        else:
            target[last] = self.value(target[last]) if callable(self.value) else self.value


ROLE = ("roles", 0)
AGREEMENT = ("ententes", 0)
ROLES, AGREEMENTS = "fr/roles.yaml", "fr/ententes.yaml"

# name: (change, where the validator reports it); the schema must refuse that file there or at a parent
BOTH_REFUSE: dict[str, tuple[Change, str]] = {
    "missing required field": (Change(ROLES, (*ROLE, "resume")), "roles[1]"),
    "unknown field": (Change(ROLES, (*ROLE, "resumé"), "Repère les partenaires."), "roles[1].resumé"),
    "wrong type: a list for a text": (Change(ROLES, (*ROLE, "titre"), ["Organisatrice", "OC"]), "roles[1].titre"),
    "wrong type: a text for a list": (Change(ROLES, (*ROLE, "apports"), "Anime la table"), "roles[1].apports"),
    "wrong type: a number for a text": (Change(AGREEMENTS, (*AGREEMENT, "version"), 1.0), "ententes[1].version"),
    "required field left empty": (Change(ROLES, (*ROLE, "titre"), None), "roles[1].titre"),
    "bad id pattern": (Change("fr/outils.yaml", ("outils", 0, "id"), "Comité_coordination"), "outils[1].id"),
    "bad id in a list of ids": (Change(ROLES, (*ROLE, "sources"), ["Parent 2022"]), "roles[1].sources[1]"),
    "id listed twice": (Change(ROLES, (*ROLE, "sources"), ["parent-2022", "parent-2022"]), "roles[1].sources[2]"),
    "choice outside its choices": (
        Change("fr/outils.yaml", ("outils", 0, "categorie"), "comité"),
        "outils[1].categorie",
    ),
    "nested choice outside its choices": (
        Change(AGREEMENTS, (*AGREEMENT, "champs", 0, "type"), "heure"),
        "ententes[1].champs[1].type",
    ),
    "flag that is not true or false": (
        Change(AGREEMENTS, (*AGREEMENT, "sections", 0, "optionnelle"), "oui"),
        "ententes[1].sections[1].optionnelle",
    ),
    "empty text": (Change(ROLES, (*ROLE, "titre"), ""), "roles[1].titre"),
    "text of spaces only": (Change(ROLES, (*ROLE, "titre"), "   "), "roles[1].titre"),
    "text too long": (Change(ROLES, (*ROLE, "resume"), "Repère les partenaires. " * 100), "roles[1].resume"),
    "empty list": (Change(ROLES, (*ROLE, "apports"), []), "roles[1].apports"),
    "list under its min items": (
        Change("fr/modele.yaml", ("modele", "composantes"), lambda items: items[:1]),
        "modele.composantes",
    ),
    "blank that is not an id": (
        Change(AGREEMENTS, (*AGREEMENT, "sections", 0, "clauses", 0), "La salle [[Nom de la salle]] est réservée."),
        "ententes[1].sections[1].clauses[1]",
    ),
    "translation stamp not written by make status": (
        Change(ROLES, (*ROLE, "traduction"), "à jour"),
        "roles[1].traduction",
    ),
    "unknown kind": (Change(ROLES, ("role",), []), "role"),
    "a kind that is not a list": (Change("fr/outils.yaml", ("outils",), {"id": "comite"}), "outils"),
}


@pytest.mark.parametrize("case", BOTH_REFUSE, ids=list(BOTH_REFUSE))
def test_both_refuse(real: Content, tmp_path: Path, case: str) -> None:
    change, where = BOTH_REFUSE[case]
    content = copy.deepcopy(real)
    change.apply(content)
    refused = schema_errors(content)
    assert list(refused) == [change.file], refused
    assert any(where.startswith(path) for path in refused[change.file]), refused
    errors = validator_errors(content, tmp_path)
    assert any(e.file == change.file and e.where == where for e in errors), [str(e) for e in errors]


def _several_kinds_in_one_file(content: Content) -> None:
    for lang in LANGS:
        content[lang]["roles.yaml"].update(content[lang].pop("outils.yaml"))


BOTH_ACCEPT: dict[str, Callable[[Content], None]] = {
    "optional field left empty": Change("fr/controverses.yaml", ("controverses", 0, "titre_court"), None).apply,
    "optional field left out": Change(ROLES, (*ROLE, "description")).apply,
    "several kinds in one file": _several_kinds_in_one_file,
}


@pytest.mark.parametrize("case", BOTH_ACCEPT, ids=list(BOTH_ACCEPT))
def test_both_accept(real: Content, tmp_path: Path, case: str) -> None:
    content = copy.deepcopy(real)
    BOTH_ACCEPT[case](content)
    assert schema_errors(content) == {}
    assert validator_errors(content, tmp_path) == []


# What the schema cannot check (see the top of this file): it accepts every file, the validator refuses.
VALIDATOR_ONLY: dict[str, tuple[Change, str, str]] = {
    "reference to an id that does not exist": (
        Change(ROLES, (*ROLE, "structures"), ["comite-coordinatio"]),
        "roles[1].structures[1]",
        "'comite-coordinatio' is not the id of any of the outils",
    ),
    "id in one language only": (
        Change("en/outils.yaml", ("outils", 0, "id"), "coordinating-committee"),
        "outils[1].id",
        "'coordinating-committee' exists in en/ but not in fr/",
    ),
    "text left untranslated": (
        Change("en/roles.yaml", (*ROLE, "titre"), "Organisatrice ou organisateur communautaire du CIUSSS"),
        "roles[1].titre",
        "is not translated yet",
    ),
    "blank that is not one of the champs": (
        Change(AGREEMENTS, (*AGREEMENT, "sections", 0, "clauses", 0), "La salle [[salle]] est réservée."),
        "ententes[1].sections[1].clauses[1]",
        "'[[salle]]' is not one of this agreement's champs",
    ),
    "the same id twice": (
        Change(ROLES, ("roles",), lambda roles: [roles[0], copy.deepcopy(roles[0]), *roles[1:]]),
        "roles[2].id",
        "duplicate id 'organisation-communautaire'",
    ),
    "a motif that does not match its example": (
        Change("en/terminologie.yaml", ("terminologie", 4, "variantes", 0, "motif"), "May \\d{4}"),
        "terminologie[5].variantes[1].motif",
        "does not match its exemple '15 April 2021'",
    ),
}


@pytest.mark.parametrize("case", VALIDATOR_ONLY, ids=list(VALIDATOR_ONLY))
def test_only_the_validator_refuses(real: Content, tmp_path: Path, case: str) -> None:
    change, where, what = VALIDATOR_ONLY[case]
    content = copy.deepcopy(real)
    change.apply(content)
    assert schema_errors(content) == {}
    errors = validator_errors(content, tmp_path)
    assert any(e.file == change.file and e.where == where and what in e.what for e in errors), [str(e) for e in errors]
