"""Every error promised to a content editor, checked word for word on a copy of a small content set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide.errors import InvalidContentError
from guide.validate import load_content
from sites import FIXTURES


def errors_after(tmp_path: Path, lang: str, old: str, new: str) -> list[str]:
    """Copy the fixture, replace ``old`` by ``new`` once in ``<lang>/guide.yaml``, return the errors."""
    shutil.copytree(FIXTURES / "petit", tmp_path, dirs_exist_ok=True)
    path = tmp_path / lang / "guide.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in the fixture"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        load_content({"fr": tmp_path / "fr", "en": tmp_path / "en"}, tmp_path)
    return [str(e) for e in caught.value.errors]


def test_fixture_is_valid(tmp_path: Path) -> None:
    trees = load_content({"fr": FIXTURES / "petit" / "fr", "en": FIXTURES / "petit" / "en"}, FIXTURES / "petit")
    assert list(trees["fr"].entries["roles"]) == ["intervenante"]
    assert trees["fr"].entries["roles"]["intervenante"].place == "fr/guide.yaml:22"


CASES = {
    "yaml syntax": (
        "fr",
        "    resume: Il coordonne.",
        "    resume: Il coordonne : souvent.",
        [
            "fr/guide.yaml:33: YAML syntax error: mapping values are not allowed in this context "
            '(example: put text that contains ": " in quotes: resume: "Note : la salle est fermée")'
        ],
    ),
    "tab indentation": (
        "fr",
        "    categorie: structure",
        "\tcategorie: structure",
        ["fr/guide.yaml:32: YAML syntax error: a tab is used for indentation (example: indent with spaces only)"],
    ),
    "wrong type": (
        "fr",
        "    titre: Comité de coordination",
        "    titre: [Comité, coordination]",
        ['fr/guide.yaml:31: outils[1].titre: expected text, got a list (example: titre: "Comité de coordination")'],
    ),
    "missing field": (
        "en",
        "    resume: It coordinates.\n",
        "",
        [
            "en/guide.yaml:30: outils[1]: missing required field 'resume' "
            '(example: resume: "Réunit les partenaires pour coordonner l\'action.")'
        ],
    ),
    "unknown field": (
        "fr",
        "    categorie: structure",
        "    categorie: structure\n    resumé: Il coordonne.",
        [
            "fr/guide.yaml:33: outils[1].resumé: unknown field 'resumé' (did you mean 'resume'?) "
            '(example: resume: "Réunit les partenaires pour coordonner l\'action.")'
        ],
    ),
    "bad choice": (
        "fr",
        "    categorie: structure",
        "    categorie: comité",
        [
            "fr/guide.yaml:32: outils[1].categorie: expected one of structure, outil, got 'comité' "
            "(example: categorie: structure)"
        ],
    ),
    "duplicate id": (
        "fr",
        "  - id: entente\n",
        "  - id: entente\n    titre: Bis\n    resume: Bis.\n    outils: []\n  - id: entente\n",
        [
            "fr/guide.yaml:44: solutions[2].id: duplicate id 'entente' (first used at fr/guide.yaml:40) "
            "(example: give each entry its own id)"
        ],
    ),
    "unknown reference": (
        "fr",
        "    structures: [comite]",
        "    structures: [comites]",
        [
            "fr/guide.yaml:27: roles[1].structures[1]: 'comites' is not the id of any of the outils "
            "(did you mean 'comite'?) (example: add an entry with id: comites to outils, or fix the id)"
        ],
    ),
    "id in one language only": (
        "en",
        "  - id: entente\n",
        "  - id: accord\n",
        [
            "en/guide.yaml:40: solutions[1].id: 'accord' exists in en/ but not in fr/ "
            "(example: add the solutions entry with id: accord to fr/, translated)",
            "fr/guide.yaml:40: solutions[1].id: 'entente' exists in fr/ but not in en/ "
            "(example: add the solutions entry with id: entente to en/, translated)",
            "en/guide.yaml:38: controverses[1].solutions[1]: 'entente' is not the id of any of the solutions "
            "(known: accord) (example: add an entry with id: entente to solutions, or fix the id)",
        ],
    ),
    "references differ between languages": (
        "en",
        "    structures: [comite]\n    controverses: [espaces]",
        "    structures: [comite]\n    controverses: []",
        [
            "en/guide.yaml:28: roles[1].controverses: differs from fr/guide.yaml:28 ([] here, [espaces] there) "
            "(example: ids, lists of ids and choices are the same in every language; only text is translated)"
        ],
    ),
    "text left untranslated": (
        "en",
        "    resume: Who uses the room?",
        "    resume: Qui utilise la salle ?",
        [
            "en/guide.yaml:37: controverses[1].resume: is the same text as fr/guide.yaml:37: it is not translated yet "
            "(example: write it in this file's language; names and abbreviations go in fields that are not translated)"
        ],
    ),
    "blank that is not a field": (
        "fr",
        "à partir du [[debut]].",
        "à partir du [[fin]].",
        [
            "fr/guide.yaml:95: ententes[1].sections[2].clauses[1]: '[[fin]]' is not one of this agreement's champs "
            "(lieu, debut) (example: add it to champs:\n  - id: fin\n    libelle: …)"
        ],
    ),
    "blank lost in translation": (
        "en",
        "covers the room at [[lieu]].",
        "covers the room.",
        [
            "en/guide.yaml:88: ententes[1].sections[1].clauses[1]: differs from fr/guide.yaml:88 "
            "([] here, [lieu] there) "
            "(example: ids, lists of ids and choices are the same in every language; only text is translated)"
        ],
    ),
    "empty text": (
        "fr",
        "    titre: Le partage des espaces",
        '    titre: ""',
        [
            "fr/guide.yaml:36: controverses[1].titre: is empty "
            '(example: titre: "Le partage et la gestion des espaces collectifs")'
        ],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_error_message(tmp_path: Path, case: str) -> None:
    lang, old, new, expected = CASES[case]
    assert errors_after(tmp_path, lang, old, new) == sorted(expected)


def test_all_errors_reported_at_once(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "petit", tmp_path, dirs_exist_ok=True)
    fr = tmp_path / "fr" / "guide.yaml"
    text = fr.read_text(encoding="utf-8")
    fr.write_text(
        text.replace("titre: Comité de coordination", "titre: 3").replace("[comite]", "[nope]"), encoding="utf-8"
    )
    (tmp_path / "en" / "extra.yaml").write_text("roles: []\n", encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        load_content({"fr": tmp_path / "fr", "en": tmp_path / "en"}, tmp_path)
    messages = [str(e) for e in caught.value.errors]
    assert len(messages) == 4, messages
    assert str(caught.value).startswith("4 content errors:\n")
