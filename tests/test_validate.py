"""Every error promised to a content editor, checked word for word on a copy of a small content set."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from guide.errors import (
    ContentError,
    ErrorList,
    InvalidContentError,
    did_you_mean,
    kind_of,
    quoted,
    skeleton_shown,
)
from guide.fields import Context, check_new_id
from guide.loader import Document
from guide.model import build_model
from guide.validate import Entry, load_content
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
    "unknown kind": (
        "fr",
        "ententes:\n",
        "glosaire: []\nententes:\n",
        ["fr/guide.yaml:72: glosaire: unknown kind 'glosaire' (did you mean 'glossaire'?) (example: glossaire: …)"],
    ),
    "unknown kind, nothing near": (
        "fr",
        "ententes:\n",
        "zzz: []\nententes:\n",
        [
            "fr/guide.yaml:72: zzz: unknown kind 'zzz' (known kinds: modele, chapitres, roles, outils, controverses, "
            "solutions, ententes, situations, references, glossaire, terminologie) (example: roles: …)"
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
    "duplicate id in an entry's list": (
        "fr",
        "      - {id: debut, libelle: Date de début, type: date}\n",
        "      - {id: debut, libelle: Date de début, type: date}\n      - {id: lieu, libelle: Bis}\n",
        [
            "fr/guide.yaml:84: ententes[1].champs[3].id: duplicate id 'lieu' (first used at fr/guide.yaml:82) "
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
    "choices differ between languages": (
        "en",
        "    categorie: structure",
        "    categorie: outil",
        [
            "en/guide.yaml:32: outils[1].categorie: differs from fr/guide.yaml:32 (outil here, structure there) "
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
    "impossible date": (
        "fr",
        '    date: "2026-11-22"',
        '    date: "2026-02-30"',
        [
            "fr/guide.yaml:77: ententes[1].date: '2026-02-30' is not a date of the calendar "
            '(example: date: "2026-11-22")'
        ],
    ),
    "impossible date, unquoted": (
        "fr",
        '    date: "2026-11-22"',
        "    date: 2026-02-30",
        [
            "fr/guide.yaml:77: ententes[1].date: '2026-02-30' is not a date of the calendar "
            '(example: date: "2026-11-22")'
        ],
    ),
    "date written otherwise": (
        "en",
        '    date: "2026-11-22"',
        "    date: November 22, 2026",
        [
            "en/guide.yaml:77: ententes[1].date: expected a date written YYYY-MM-DD, got 'November 22, 2026' "
            '(example: date: "2026-11-22")'
        ],
    ),
    "date and time": (
        "en",
        '    date: "2026-11-22"',
        "    date: 2026-11-22 10:00:00",
        [
            "en/guide.yaml:77: ententes[1].date: expected a date written YYYY-MM-DD, "
            'got a date and time (2026-11-22 10:00:00) (example: date: "2026-11-22")'
        ],
    ),
    "unquoted date in a text": (
        "fr",
        "    titre: Comité de coordination",
        "    titre: 2026-01-01",
        [
            "fr/guide.yaml:31: outils[1].titre: expected text, got a date (2026-01-01): write it in quotes "
            '(example: titre: "Comité de coordination")'
        ],
    ),
    "id too long": (
        "fr",
        "  - id: comite\n",
        "  - id: " + "comite-" * 40 + "x\n",
        [
            "fr/guide.yaml:30: outils[1].id: is 281 characters long, at most 60 are allowed in an id "
            "(it names files and pages) (example: id: comite-coordination)",
            "en/guide.yaml:30: outils[1].id: 'comite' exists in en/ but not in fr/ "
            "(example: add the outils entry with id: comite to fr/, translated)",
            "fr/guide.yaml:27: roles[1].structures[1]: 'comite' is not the id of any of the outils (known: none yet) "
            "(example: add an entry with id: comite to outils, or fix the id)",
            "fr/guide.yaml:43: solutions[1].outils[1]: 'comite' is not the id of any of the outils (known: none yet) "
            "(example: add an entry with id: comite to outils, or fix the id)",
        ],
    ),
    "reference too long": (
        "fr",
        "    structures: [comite]",
        "    structures: [" + "a" * 300 + "]",
        [
            "fr/guide.yaml:27: roles[1].structures[1]: is 300 characters long, at most 60 are allowed in an id "
            "(it names files and pages) (example: structures: [comite-coordination])"
        ],
    ),
    "blank too long": (
        "fr",
        "située au [[lieu]].",
        "située au [[" + "a" * 61 + "]].",
        [
            "fr/guide.yaml:88: ententes[1].sections[1].clauses[1]: '[[" + "a" * 58 + "…' is not a blank: "
            "write the id of a field between [[ ]] (example: [[lieu]])"
        ],
    ),
    "control character in a text": (
        "fr",
        "    resume: Il coordonne.",
        '    resume: "Il \\e[31mcoordonne."',
        [
            "fr/guide.yaml:33: outils[1].resume: holds the control character U+001B, which a page cannot show "
            '(example: remove it (in double quotes, an escape such as "\\e" or "\\x1b" writes one))'
        ],
    ),
    "C1 control character in a text": (
        "en",
        "    resume: It coordinates.",
        '    resume: "It \\x85coordinates\\x9b."',
        [
            "en/guide.yaml:33: outils[1].resume: holds the control character U+0085, which a page cannot show "
            '(example: remove it (in double quotes, an escape such as "\\e" or "\\x1b" writes one))'
        ],
    ),
    "control and bidirectional characters in a key": (
        "fr",
        "    categorie: structure",
        '    categorie: structure\n    "\\e]0;titre\\a\\u202eresume": Il coordonne.',
        [
            "fr/guide.yaml:33: outils[1].\\x1b]0;titre\\x07\\u202eresume: "
            "unknown field '\\x1b]0;titre\\x07\\u202eresume' (known fields: id, titre, resume, description, "
            "pistes, categorie, sources, traduction)"
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


def test_a_date_quoted_or_not_is_the_same_date_and_an_impossible_one_is_a_title(tmp_path: Path) -> None:
    """YAML reads an unquoted date as a date, a quoted one as text: the model prints both as YYYY-MM-DD, and the
    two languages agree. What looks like a date and is none stays text, which a title may be."""
    shutil.copytree(FIXTURES / "petit", tmp_path, dirs_exist_ok=True)
    fr = tmp_path / "fr" / "guide.yaml"
    text = fr.read_text(encoding="utf-8")
    text = text.replace('    date: "2026-11-22"', "    date: 2026-11-22")
    fr.write_text(text.replace("    titre: Comité de coordination", "    titre: 2026-13-45"), encoding="utf-8")
    trees = load_content({"fr": tmp_path / "fr", "en": tmp_path / "en"}, tmp_path)
    models = {lang: build_model(tree) for lang, tree in trees.items()}
    assert [m.find("ententes", "salle")["date"] for m in models.values()] == ["2026-11-22", "2026-11-22"]
    assert models["fr"].find("outils", "comite")["titre"] == "2026-13-45"


def _errors(count: int) -> list[ContentError]:
    return [ContentError("fr/roles.yaml", line, "roles", "expected a mapping, got a number") for line in range(count)]


@pytest.mark.parametrize(
    ("count", "last"), [(100, None), (101, "… and 1 more error"), (100_000, "… and 99900 more errors")]
)
def test_the_printed_list_of_errors_stops_at_a_hundred(count: int, last: str | None) -> None:
    lines = str(InvalidContentError(_errors(count))).splitlines()
    assert lines[0] == f"{count} content errors:"
    assert lines[1] == "fr/roles.yaml: roles: expected a mapping, got a number"  # line 0: no line shown
    assert len(lines) == 101 + (last is not None)
    assert lines[-1] == (last or "fr/roles.yaml:99: roles: expected a mapping, got a number")


def test_messages_show_control_and_bidirectional_characters_escaped() -> None:
    error = ContentError(
        "fr/a\x1b[2J.yaml", 3, "roles[1].\u202ex", "unknown field '\u2066\x00\t\n'", "roles:\n  - \x1b"
    )
    assert str(error) == (
        "fr/a\\x1b[2J.yaml:3: roles[1].\\u202ex: unknown field '\\u2066\\x00\\x09\\x0a' (example: roles:\n  - \\x1b)"
    )


def test_a_near_miss_is_suggested_else_every_known_word_is_listed() -> None:
    assert did_you_mean("outil", ["roles", "outils"], "known kinds") == ("did you mean 'outils'?", "outils")
    assert did_you_mean("zzz", {"roles": 1, "outils": 2}, "known kinds") == ("known kinds: roles, outils", None)
    assert did_you_mean("zzz", [], "known") == ("known: none yet", None)
    assert did_you_mean("abcd", ["abxy"], "known")[1] is None  # as near as 0.5: only for a reference's id
    assert did_you_mean("abcd", ["abxy"], "known", cutoff=0.5)[1] == "abxy"


def test_how_a_message_names_a_value() -> None:
    assert [kind_of(v) for v in (None, True, 3, 2.5, "x", [], {}, {1})] == [
        "nothing",
        "true/false",
        "a number",
        "a number",
        "text",
        "a list",
        "a mapping",
        "set",
    ]
    assert kind_of(datetime.date(2026, 1, 2)) == "a date (2026-01-02)"
    assert kind_of(datetime.datetime(2026, 1, 2, 3, 4)) == "a date and time (2026-01-02 03:04:00)"
    assert quoted("lieu") == "'lieu'"
    assert quoted("x" * 60) == f"'{'x' * 60}'"
    assert quoted("x" * 61) == f"'{'x' * 60}…'"
    assert quoted("x" * 61, cut=False) == f"'{'x' * 61}'"
    assert quoted(["lieu"]) == "a list"
    assert quoted(None, cut=False) == "nothing"


def test_how_a_message_names_what_must_be_the_same_in_every_language() -> None:
    assert skeleton_shown(None) == "nothing"
    assert skeleton_shown("structure") == "structure"
    assert skeleton_shown(3) == "3 items"  # a list of texts: only its length is the same
    assert [skeleton_shown(True), skeleton_shown(False)] == ["true", "false"]  # a flag, not a count
    assert skeleton_shown({"id": "objet", "clauses": 2}) == "objet"
    assert skeleton_shown({"clauses": 2}) == "…"
    assert skeleton_shown([{"id": "objet"}, ["lieu", "debut"], 2]) == "[objet, [lieu, debut], 2 items]"


def test_an_id_used_again_names_its_first_use() -> None:
    doc = Document(Path("fr/roles.yaml"), "fr/roles.yaml", None, {("roles", 1, "id"): 7})
    ctx = Context(doc, ErrorList())
    assert check_new_id("office", None, ("roles", 1, "id"), ctx)
    assert not ctx.errors
    assert ctx.place(("roles", 1, "id", "more")) == "fr/roles.yaml:7"
    assert not check_new_id("office", "fr/autre.yaml:3", ("roles", 1, "id"), ctx)
    assert [str(e) for e in ctx.errors.errors] == [
        "fr/roles.yaml:7: roles[2].id: duplicate id 'office' (first used at fr/autre.yaml:3) "
        "(example: give each entry its own id)"
    ]


def test_an_entry_knows_where_its_fields_are() -> None:
    doc = Document(Path("fr/guide.yaml"), "fr/guide.yaml", None, {("roles", 0, "id"): 5, ("modele",): 1})
    role = Entry("roles", "office", {}, doc, ("roles", 0, "id"))
    model = Entry("modele", "modele", {}, doc, ("modele",))
    assert (role.record_where, role.place) == (("roles", 0), "fr/guide.yaml:5")
    assert (model.record_where, model.place) == (("modele",), "fr/guide.yaml:1")


def test_the_mkdocs_hook_logs_a_hundred_errors_then_how_many_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import PluginError

    from guide import hooks
    from guide.settings import Settings

    shutil.copytree(FIXTURES / "petit", tmp_path, dirs_exist_ok=True)
    (tmp_path / "fr" / "nombreux.yaml").write_text("roles:\n" + "  - 1\n" * 150, encoding="utf-8")
    settings = Settings(tmp_path, {"fr": tmp_path / "fr", "en": tmp_path / "en"}, tmp_path / "gabarits", tmp_path)
    monkeypatch.setattr(hooks, "_settings", lambda config: settings)
    with pytest.raises(PluginError, match="151 content error"):
        hooks.on_pre_build(None)
    logged = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.guide"]
    assert len(logged) == 101
    assert logged[-2:] == ["fr/nombreux.yaml:100: roles[99]: expected a mapping, got a number", "… and 51 more errors"]
