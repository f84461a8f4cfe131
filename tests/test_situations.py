"""Situations, in the readers' own words: validated like the rest (an agreement's sections too), rendered action
first, the same in both languages, and found by the words readers type (``mots``)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from guide.errors import InvalidContentError
from guide.labels import load_strings
from guide.model import build_model
from guide.render import Renderer, front_matter
from guide.search import split_index
from guide.validate import load_content
from guide.voice import RELATIONS
from sites import ROOT, content_set, fixture_content, languages

SITUATION = {
    "fr": {
        "id": "qui-a-les-cles",
        "titre": "Personne ne sait qui a les clés",
        "resume": "On ne sait plus qui entre dans la salle.",
        "pistes": ["Tenir la liste des clés.", "Noter chaque passage.", "Reprendre la clé au départ."],
        "controverse": ["espaces"],
        "ententes": [{"entente": "salle", "sections": ["horaire", "objet"]}],
        "roles": ["intervenante"],
        "mots": ["clés", "chicane", "salle communautaire"],
        "sources": ["source"],
    },
    "en": {
        "id": "qui-a-les-cles",
        "titre": "Nobody knows who has the keys",
        "resume": "Nobody is sure who goes into the room.",
        "pistes": ["Keep a list of keys.", "Log each visit.", "Take the key back when someone leaves."],
        "controverse": ["espaces"],
        "ententes": [{"entente": "salle", "sections": ["horaire", "objet"]}],
        "roles": ["intervenante"],
        "mots": ["keys", "community room"],  # each language its own words, as many as it needs
        "sources": ["source"],
    },
}


def _content(**changes: Any) -> dict[str, dict[str, Any]]:
    """The small fixture with one situation, in a file of its own; ``changes`` replace fields in both languages
    (``lang_field`` in one only: ``fr_pistes=[…]``)."""
    content = fixture_content()
    for lang in content:
        situation = copy.deepcopy(SITUATION[lang])
        for name, value in changes.items():
            target, _, field = name.partition("_") if name[:3] in ("fr_", "en_") else ("", "", name)
            if target in ("", lang):
                if value is None:
                    situation.pop(field)
                else:
                    situation[field] = value
        content[lang]["situations.yaml"] = {"situations": [situation]}
    return content


def _errors(tmp_path: Path, content: dict) -> list[str]:
    """Every error the validation of the content gives, every language's at once."""
    with pytest.raises(InvalidContentError) as caught:
        content_set(tmp_path, content)
    return [str(error) for error in caught.value.errors]


def _render(tmp_path: Path, content: dict) -> dict[str, dict[str, str]]:
    trees = content_set(tmp_path, content)
    renderer = Renderer(ROOT / "gabarits", load_strings(ROOT / "gabarits", list(trees)), languages())
    return {lang: renderer.render(build_model(tree, trees["fr"])) for lang, tree in trees.items()}


# -- validation


def test_an_unknown_section_of_an_agreement_is_told_at_its_line_with_the_known_ones(tmp_path: Path) -> None:
    errors = _errors(tmp_path, _content(ententes=[{"entente": "salle", "sections": ["horaire", "horaires"]}]))
    assert errors == [  # with every other error, in each language
        f"{lang}/situations.yaml:15: situations[1].ententes[1].sections[2]: 'horaires' is not the id of any of the "
        "sections of 'salle' (did you mean 'horaire'? its sections: objet, horaire) (example: sections: [horaire])"
        for lang in ("en", "fr")
    ]


def test_an_unknown_section_far_from_any_is_told_with_every_known_one(tmp_path: Path) -> None:
    errors = _errors(tmp_path, _content(ententes=[{"entente": "salle", "sections": ["menage"]}]))
    assert errors[0].endswith(
        "'menage' is not the id of any of the sections of 'salle' (its sections: objet, horaire) "
        "(example: sections: [objet])"
    )


def test_an_unknown_agreement_controversy_or_role_is_told_as_any_reference(tmp_path: Path) -> None:
    content = _content(
        ententes=[{"entente": "sale", "sections": ["objet"]}], controverse=["espace"], roles=["intervenant"]
    )
    errors = _errors(tmp_path, content)
    unknown = "fr/situations.yaml:10: situations[1].controverse[1]: 'espace' is not the id of any of the controverses"
    assert any(e.startswith(unknown) for e in errors)
    assert any("situations[1].ententes[1].entente: 'sale' is not the id of any of the ententes" in e for e in errors)
    assert any("situations[1].roles[1]: 'intervenant' is not the id of any of the roles" in e for e in errors)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pistes": None}, "situations[1]: missing required field 'pistes'"),
        ({"pistes": ["Une seule."]}, "situations[1].pistes: needs at least 3 item(s)"),
        ({"pistes": [f"Action {i}." for i in range(6)]}, "situations[1].pistes: has 6 items, at most 5 are allowed"),
        ({"controverse": None}, "situations[1]: missing required field 'controverse'"),
        ({"controverse": []}, "situations[1].controverse: needs at least 1 item(s)"),
        ({"ententes": [{"entente": "salle"}]}, "situations[1].ententes[1]: missing required field 'sections'"),
        ({"ententes": [{"entente": "salle", "sections": []}]}, "ententes[1].sections: needs at least 1 item(s)"),
        ({"ententes": [{"entente": "salle", "sections": ["objet", "objet"]}]}, "'objet' is listed twice"),
        ({"mot": ["chicane"]}, "situations[1].mot: unknown field 'mot' (did you mean 'mots'?)"),
    ],
    ids=["no pistes", "one piste", "six pistes", "no controversy", "empty controversy", "no sections",
         "empty sections", "a section twice", "mot"],
)  # fmt: skip
def test_a_situation_missing_what_it_needs_is_refused(tmp_path: Path, changes: dict, message: str) -> None:
    errors = _errors(tmp_path, _content(**changes))
    assert any(error.startswith("fr/situations.yaml:") and message in error for error in errors), errors


def test_ids_and_references_are_the_same_in_both_languages_but_not_the_words(tmp_path: Path) -> None:
    errors = _errors(tmp_path, _content(en_ententes=[{"entente": "salle", "sections": ["objet"]}]))
    assert len(errors) == 1 and errors[0].startswith("en/situations.yaml:")
    assert "situations[1].ententes[1].sections: differs from fr/situations.yaml" in errors[0]
    errors = _errors(tmp_path, _content(en_pistes=["Keep a list of keys.", "Log each visit."]))
    assert any("en/situations.yaml" in e and "pistes" in e for e in errors)
    # the words readers type are each language's own: their number differs, and the same word is no untranslated
    trees = content_set(tmp_path, _content(fr_mots=["tension"], en_mots=["tension", "friction", "clash"]))
    assert trees["en"].entries["situations"]["qui-a-les-cles"].data["mots"] == ["tension", "friction", "clash"]


# -- the page


def test_a_situation_page_opens_with_what_to_do_then_where_to_turn_then_its_sources(tmp_path: Path) -> None:
    page = _render(tmp_path, _content())["fr"]["situations/qui-a-les-cles.md"].replace("\u00a0:", " :")
    order = [
        "# Personne ne sait qui a les clés",
        "On ne sait plus qui entre dans la salle.",
        '<div class="guide-voix" markdown>',
        "- Tenir la liste des clés.",
        '<div class="guide-suite" markdown>',
        "**La controverse de l'étude** : [Le partage des espaces](../controverses/espaces.md)",
        "**Les solutions qui ont fonctionné** : [Une entente de gestion](../solutions/entente.md)",
        "**Les sections d'entente qui y répondent** : [Entente sur la salle](../ententes/salle.md) : "
        "[Horaire](../ententes/salle.md#horaire), [Objet](../ententes/salle.md#objet)",
        "**Qui peut aider** : [Intervenante de milieu](../roles/intervenante.md)",
        "Mots-clés : clés · chicane · salle communautaire\n{ .guide-mots }",
        "## Sources",
        "[Toutes les situations](index.md)",
    ]
    body = page.split("\n---\n", 1)[1]  # after the front matter, which repeats the summary
    places = [body.find(text) for text in order]
    assert -1 not in places, [text for text, place in zip(order, places, strict=True) if place == -1]
    assert places == sorted(places)
    page = body
    where_to_turn = page[places[4] : places[9]]
    assert where_to_turn.count('<span class="guide-marque">Guide</span>') == 4  # every link is the guide's reading
    front = _render(tmp_path / "again", _content())["fr"]["situations/qui-a-les-cles.md"].split("\n---\n", 1)[0]
    assert front.splitlines()[:3] == [
        "---",
        'description: "On ne sait plus qui entre dans la salle."',
        'tags: ["clés", "chicane", "salle communautaire"]',  # Material's search weighs them above a title
    ]


def test_the_pages_it_leads_to_lead_back_to_it(tmp_path: Path) -> None:
    pages = _render(tmp_path, _content())["en"]
    back = "[Nobody knows who has the keys](../situations/qui-a-les-cles.md)"
    assert f"**Situations on the ground that lead here**: {back}" in pages["controverses/espaces.md"]
    assert f"**Situations on the ground where this role can help**: {back}" in pages["roles/intervenante.md"]
    agreement = pages["ententes/salle.md"]
    assert "## Situations on the ground it deals with" in agreement and f"- {back}" in agreement
    assert "{ #horaire }" in agreement and "{ #objet }" in agreement  # the anchors the situation links to
    index = pages["situations/index.md"]
    assert "## Sharing spaces" in index  # grouped by the controversy each one leads to
    assert "- [Nobody knows who has the keys](qui-a-les-cles.md)" in index


def test_every_relation_of_a_situation_is_the_guides_reading() -> None:
    for name in ("controverse", "solutions", "ententes", "roles"):
        assert f"situations.{name}" in RELATIONS
    for name in ("controverse", "ententes", "roles"):
        assert f"situations.{name}.inverse" in RELATIONS


def test_front_matter_gives_the_words_to_the_search_as_plain_text() -> None:
    assert front_matter("", ["ça brasse", "a &lt;b&gt;\x07"]) == '---\ntags: ["ça brasse", "a <b>"]\n---\n\n'
    assert front_matter("Résumé.", []) == '---\ndescription: "Résumé."\n---\n\n'
    assert front_matter("", []) == ""


def test_the_search_index_keeps_the_words_on_the_page_entry_only(tmp_path: Path) -> None:
    index = {
        "config": {"lang": ["fr"], "separator": "[\\s]+", "pipeline": [], "fields": {"tags": {"boost": 1e6}}},
        "docs": [
            {"location": "situations/a/", "title": "A", "text": "", "tags": ["chicane"]},
            {"location": "situations/a/#ce-quun-reseau-peut-faire", "title": "B", "text": "", "tags": ["chicane"]},
            {"location": "en/situations/a/", "title": "A", "text": "", "tags": ["quarrel"]},
        ],
    }
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    split_index(tmp_path, ["fr", "en"])
    french = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    english = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [doc.get("tags") for doc in french] == [["chicane"], None]
    assert english == [{"location": "situations/a/", "title": "A", "text": "", "tags": ["quarrel"]}]


# -- the real content


@pytest.fixture(scope="module")
def real() -> dict:
    return load_content({"fr": ROOT / "fr", "en": ROOT / "en"}, ROOT)


def test_the_real_situations_cover_the_four_controversies_and_lead_somewhere(real: dict) -> None:
    for lang, tree in real.items():
        model = build_model(tree, real["fr"])
        situations = model.kinds["situations"]
        assert 8 <= len(situations) <= 12
        reached = {c.id for s in situations for c in s["controverse"]}
        assert reached == {"roles-structures", "roulement-personnel", "bailleurs-table", "partage-espaces"}
        for situation in situations:
            labels = [relation.label for relation in situation.relations]
            assert labels[:2] == ["situations.controverse", "situations.solutions"], (lang, situation.id)
            assert "situations.ententes" in labels and "situations.roles" in labels, (lang, situation.id)
            assert 3 <= len(situation["pistes"]) <= 5 and situation["mots"], (lang, situation.id)
            assert '"' not in situation["titre"] and "«" not in situation["titre"], situation.id
        for controversy in model.kinds["controverses"]:
            assert controversy["mots"], (lang, controversy.id)


def test_each_language_has_its_own_search_words(real: dict) -> None:
    words = {
        lang: {word for entry in tree.entries["controverses"].values() for word in entry.data["mots"]}
        for lang, tree in real.items()
    }
    assert {"conflit", "chicane", "tension", "salle communautaire"} <= words["fr"]
    assert {"conflict", "quarrel", "tension", "community room"} <= words["en"]


def test_the_real_situation_pages_render_with_working_section_anchors(real: dict) -> None:
    renderer = Renderer(ROOT / "gabarits", load_strings(ROOT / "gabarits", list(real)), languages())
    for lang, tree in real.items():
        pages = renderer.render(build_model(tree, real["fr"]))
        anchors = {
            f"ententes/{path.split('/')[1]}#{anchor}"
            for path, page in pages.items()
            if path.startswith("ententes/") and path != "ententes/index.md"
            for anchor in re.findall(r"\{ #([a-z0-9-]+) \}", page)
        }
        linked = {
            link.removeprefix("../")
            for path, page in pages.items()
            if path.startswith("situations/")
            for link in re.findall(r"\]\((\.\./ententes/[^)]+#[^)]+)\)", page)
        }
        assert linked and linked <= anchors, (lang, linked - anchors)


def test_the_guides_quote_the_message_for_an_unknown_section() -> None:
    for name in ("CONTRIBUTING.md", "CONTRIBUTING.en.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "is not the id of any of the sections of 'espace-communautaire' (" in text, name
