"""Every field of the schema is described in both editors' guides, as it is declared: a new field, or a field
that changes, cannot land without its line in CONTRIBUTING.md and CONTRIBUTING.en.md."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from guide.errors import InvalidContentError
from guide.fields import Choice, Clause, Date, Field, Flag, Id, Link, ListOf, Markdown, Phrases, Record, Refs, Text
from guide.schema import KINDS, field_paths
from guide.validate import load_content
from sites import ROOT

GUIDES = {"fr": ROOT / "CONTRIBUTING.md", "en": ROOT / "CONTRIBUTING.en.md"}
REFERENCE = {"fr": "## Référence des champs", "en": "## Field reference"}
REQUIRED = {"fr": ("obligatoire", "facultatif"), "en": ("required", "optional")}
_CELL = re.compile(r"(?<!\\)\|")  # a table's cell border (an escaped \| is a pipe inside a cell)


def reference(lang: str) -> dict[str, dict[str, list[str]]]:
    """The field reference of a guide: kind -> field path -> the other cells of its row."""
    text = GUIDES[lang].read_text(encoding="utf-8")
    assert REFERENCE[lang] in text, f"{GUIDES[lang].name} has no '{REFERENCE[lang]}' section"
    section = text.split(REFERENCE[lang], 1)[1].split("\n## ", 1)[0]
    found: dict[str, dict[str, list[str]]] = {}
    kind = None
    for line in section.splitlines():
        if line.startswith("### "):
            named = re.search(r"`([a-z_]+)`", line)
            kind = named.group(1) if named else None
            assert kind in KINDS, f"{GUIDES[lang].name}: {line!r} does not name a kind between backticks"
            found[kind] = {}
        elif line.startswith("| `") and kind:
            cells = [c.strip() for c in _CELL.split(line)[1:-1]]
            path = cells[0].strip("`")
            assert path not in found[kind], f"{GUIDES[lang].name}: {kind}.{path} is described twice"
            found[kind][path] = cells[1:]
    return found


def type_words(spec: Field, lang: str) -> str:
    """How the guides name a field's type."""
    fr = lang == "fr"
    if isinstance(spec, Id):
        return "identifiant" if fr else "id"
    if isinstance(spec, Clause):
        return "clause"
    if isinstance(spec, Date):
        return "date"
    if isinstance(spec, Link):
        return "DOI" if spec.kind == "doi" else ("adresse web" if fr else "web address")
    if isinstance(spec, Markdown):
        return "texte Markdown" if fr else "Markdown text"
    if isinstance(spec, Text):
        return "texte" if fr else "text"
    if isinstance(spec, Flag):
        return "`true` ou `false`" if fr else "`true` or `false`"
    if isinstance(spec, Choice):
        words = [f"`{c}`" for c in spec.choices]
        return ", ".join(words[:-1]) + (" ou " if fr else " or ") + words[-1]
    if isinstance(spec, Refs):
        return f"liste d’identifiants de `{spec.target}`" if fr else f"list of `{spec.target}` ids"
    if isinstance(spec, Phrases):
        return "liste de formulations" if fr else "list of wordings"
    if isinstance(spec, ListOf):
        if isinstance(spec.item, Record):
            words = "liste d’éléments" if fr else "list of items"
        elif isinstance(spec.item, Clause):
            words = "liste de clauses" if fr else "list of clauses"
        else:
            words = "liste de textes" if fr else "list of texts"
        if spec.min_items > 1:
            words += f", au moins {spec.min_items}" if fr else f", at least {spec.min_items}"
        return words
    if isinstance(spec, Record):
        return "groupe de champs" if fr else "group of fields"
    raise AssertionError(f"no words for {type(spec).__name__}: add them here and in both guides")


@pytest.mark.parametrize("lang", GUIDES)
def test_every_field_is_described_as_declared(lang: str) -> None:
    documented = reference(lang)
    name = GUIDES[lang].name
    for key, kind in KINDS.items():
        assert key in documented, f"{name}: the field reference has no '### `{key}`' section"
        rows = documented[key]
        declared = dict(field_paths(kind.record))
        missing = [path for path in declared if path not in rows]
        assert not missing, f"{name}: fields of {key} not described in the field reference: {missing}"
        unknown = [path for path in rows if path not in declared]
        assert not unknown, f"{name}: the field reference describes fields {key} does not have: {unknown}"
        for path, spec in declared.items():
            required, type_cell, purpose, example = rows[path]
            assert required == REQUIRED[lang][0 if spec.required else 1], f"{name}: {key}.{path}: {required!r}"
            assert type_cell == type_words(spec, lang), f"{name}: {key}.{path}: type {type_cell!r}"
            assert purpose and example, f"{name}: {key}.{path} needs what it is for and an example"
    assert list(documented) == list(KINDS), f"{name}: describe the kinds in the schema's order"


@pytest.mark.parametrize(("lang", "other"), [("fr", "CONTRIBUTING.en.md"), ("en", "CONTRIBUTING.md")])
def test_each_guide_links_to_the_other_at_the_top(lang: str, other: str) -> None:
    top = GUIDES[lang].read_text(encoding="utf-8").split("\n## ", 1)[0]
    assert f"]({other})" in top


# The mistakes the guides show the messages of: (file, text, the text with the mistake), made on a copy
BROKEN = [
    [
        ("fr/roles.yaml", "    apports:\n", "    apport:\n"),
        ("fr/roles.yaml", "    structures: [comite-coordination, ", "    structures: [comite-coordinaton, "),
    ],
    [("en/outils.yaml", "    titre: Coordinating committee\n", "    titre: Comité de coordination\n")],
    [("fr/outils.yaml", "    titre: Comité de coordination\n", "    titre: Comité de coordination : qui fait quoi\n")],
]


@pytest.mark.parametrize("mistakes", BROKEN, ids=["field and reference", "untranslated", "yaml syntax"])
def test_guides_quote_the_messages_word_for_word(tmp_path: Path, mistakes: list[tuple[str, str, str]]) -> None:
    """Each message is quoted in both guides as the validator words it (its line number aside: the content
    moves)."""
    for lang in ("fr", "en"):
        shutil.copytree(ROOT / lang, tmp_path / lang)
    for name, old, new in mistakes:
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} no longer holds {old!r}: pick another example of this mistake"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        load_content({"fr": tmp_path / "fr", "en": tmp_path / "en"}, tmp_path)
    for error in caught.value.errors:
        message = str(error).split(f"{error.file}:{error.line}: ", 1)[1]
        for guide in GUIDES.values():
            text = guide.read_text(encoding="utf-8")
            assert f"{error.file}:" in text and message in text, f"{guide.name} does not quote: {error}"


def test_guides_name_the_schema_comment() -> None:
    for path in GUIDES.values():
        assert "# yaml-language-server: $schema=../gabarits/schema/contenu.schema.json" in path.read_text(
            encoding="utf-8"
        )


def test_readme_points_to_the_guides() -> None:
    readme = Path(ROOT / "README.md").read_text(encoding="utf-8")
    assert "CONTRIBUTING.md" in readme and "CONTRIBUTING.en.md" in readme
