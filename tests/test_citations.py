"""Citations in the text (guide/citekeys.py): ``[@id]``, ``[@id, locator]``, ``[@a; @b]``, checked with the other
references when every file is read, printed as author–date links to the References page in each language's style,
added to the page's sources, and the References page listing what is cited or listed, in APA order."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from guide import citekeys, text
from guide.errors import InvalidContentError
from guide.labels import load_strings
from guide.model import Model, build_model
from guide.render import Renderer
from guide.settings import Settings
from guide.validate import load_content
from sites import FIXTURES, ROOT, content_set, fixture_content, make_project

ROLE = "roles/intervenante.md"


# --- the syntax


@pytest.mark.parametrize(
    ("inside", "cited"),
    [
        ("@parent-2022", [("parent-2022", "")]),
        ("@parent-reiser-2021, diapo 12", [("parent-reiser-2021", "diapo 12")]),
        ("@parent-reiser-2021,slide 12 ", [("parent-reiser-2021", "slide 12")]),
        ("@parent-2022; @callon-1986", [("parent-2022", ""), ("callon-1986", "")]),
        ("@parent-2022, p. 3 ;@callon-1986, chap. 2", [("parent-2022", "p. 3"), ("callon-1986", "chap. 2")]),
        ("@parent-2022, p. 3; 5", [("parent-2022", "p. 3; 5")]),  # a semicolon not before @ is the locator's
    ],
)
def test_the_syntax_variants(inside: str, cited: list[tuple[str, str]]) -> None:
    assert citekeys.parse(inside) == [citekeys.Cited(k, loc) for k, loc in cited]
    assert citekeys.scan(f"Un texte [{inside}].") == ([k for k, _ in cited], [])


@pytest.mark.parametrize("written", ["[@]", "[@parent 2022]", "[@parent-2022; callon-1986]", "[@a b, c]"])
def test_a_citation_written_wrongly_is_found(written: str) -> None:
    assert citekeys.scan(f"Voir {written}.") == ([], [written])


@pytest.mark.parametrize("written", ["[@guide](https://example.org)", "[@guide][lien]", "[voir @a]", "courriel@a.org"])
def test_what_is_not_a_citation(written: str) -> None:
    assert citekeys.scan(written) == ([], [])


# --- the messages


def errors_after(tmp_path: Path, changes: dict[str, tuple[str, str]]) -> list[str]:
    """Copy the small fixture, replace in ``<lang>/guide.yaml`` each ``old`` by ``new`` once, return the errors."""
    shutil.copytree(FIXTURES / "petit", tmp_path, dirs_exist_ok=True)
    for lang, (old, new) in changes.items():
        path = tmp_path / lang / "guide.yaml"
        written = path.read_text(encoding="utf-8")
        assert written.count(old) == 1
        path.write_text(written.replace(old, new), encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        load_content({"fr": tmp_path / "fr", "en": tmp_path / "en"}, tmp_path)
    return [str(e) for e in caught.value.errors]


AUTHOR_DATE = {"fr": "Auteur, 2022", "en": "Author, 2022"}
NO_AUTHOR_DATE = (
    "'[@source]' cites a reference with no auteur_date, the words a citation prints "
    '(example: auteur_date: "Parent et Reiser, 2021" in the reference source at {lang}/guide.yaml:45)'
)


def test_an_unknown_key_is_reported_at_its_line_with_the_nearest_id(tmp_path: Path) -> None:
    found = errors_after(tmp_path, {"fr": ("      - Une écoute", "      - Une écoute [@sourse, p. 3]")})
    assert found == [
        "fr/guide.yaml:26: roles[1].apports[1]: '[@sourse]' is not the id of any of the references "
        "(did you mean 'source'?) (example: add an entry with id: sourse to references, or fix the key)"
    ]


def test_every_citation_error_of_every_language_comes_at_once(tmp_path: Path) -> None:
    found = errors_after(
        tmp_path,
        {
            "fr": ("      - Une écoute", "      - Une écoute [@source; @zzz-1999] [@source 12]"),
            "en": ("    resume: Step by step,", "    resume: Step by step [@source], "),
        },
    )
    assert found == [
        "en/guide.yaml:56: chapitres[1].resume: " + NO_AUTHOR_DATE.format(lang="en"),
        "fr/guide.yaml:26: roles[1].apports[1]: '[@source 12]' is not a citation: write @ and the id of a reference "
        "between [ ], a locator after a comma, several citations separated by ; (example: " + citekeys.SYNTAX + ")",
        "fr/guide.yaml:26: roles[1].apports[1]: " + NO_AUTHOR_DATE.format(lang="fr"),
        "fr/guide.yaml:26: roles[1].apports[1]: '[@zzz-1999]' is not the id of any of the references "
        "(known: source) (example: add an entry with id: zzz-1999 to references, or fix the key)",
    ]


def test_the_missing_keys_are_told_once_the_syntax_is_right(tmp_path: Path) -> None:
    found = errors_after(tmp_path, {"fr": ("      - Une écoute", "      - Une écoute [@source; @zzz-1999]")})
    assert found == [
        "fr/guide.yaml:26: roles[1].apports[1]: " + NO_AUTHOR_DATE.format(lang="fr"),
        "fr/guide.yaml:26: roles[1].apports[1]: '[@zzz-1999]' is not the id of any of the references "
        "(known: source) (example: add an entry with id: zzz-1999 to references, or fix the key)",
    ]


# --- the rendering


def content(**texts: Any) -> dict[str, dict[str, Any]]:
    """The small fixture's content, its reference with an author–date label, a second reference, and the role's
    description in each language given by ``texts`` (fr=…, en=…)."""
    found = copy.deepcopy(fixture_content())
    for lang, files in found.items():
        data = files["guide.yaml"]
        data["references"][0]["auteur_date"] = AUTHOR_DATE[lang]
        data["references"].insert(
            0, {"id": "zeta-1990", "citation": "Zeta, Z. (1990). *Plus ancien*.", "auteur_date": "Zeta, 1990"}
        )
        if lang in texts:
            data["roles"][0]["description"] = texts[lang]
    return found


def models(tmp_path: Path, **texts: str) -> dict[str, Model]:
    trees = content_set(tmp_path / "contenu", content(**texts))
    return {lang: build_model(tree) for lang, tree in trees.items()}


def pages(tmp_path: Path, **texts: str) -> dict[str, dict[str, str]]:
    """Every page of each language, as MkDocs reads it (typeset)."""
    settings = Settings.from_mkdocs(load_config(str(make_project(tmp_path / "projet"))))
    renderer = Renderer(
        settings.templates, load_strings(settings.templates, settings.languages), settings.language_data
    )
    return {
        lang: {
            path: text.finish_page(page, settings.language(lang), {}) for path, page in renderer.render(model).items()
        }
        for lang, model in models(tmp_path, **texts).items()
    }


def test_a_citation_prints_as_an_author_date_link_in_each_language(tmp_path: Path) -> None:
    found = pages(tmp_path, fr="Elle écoute [@source, diapo 12].", en="She listens [@source, slide 12].")
    assert "Elle écoute ([Auteur, 2022, diapo 12](../references/index.md#source))." in found["fr"][ROLE]
    assert "She listens ([Author, 2022, slide 12](../references/index.md#source))." in found["en"][ROLE]


def test_several_citations_share_parentheses_with_the_language_s_separator(tmp_path: Path) -> None:
    found = pages(tmp_path, fr="Voir [@source; @zeta-1990].", en="See [@source; @zeta-1990].")
    links = "[{}](../references/index.md#source){}[Zeta, 1990](../references/index.md#zeta-1990)"
    assert "Voir (" + links.format("Auteur, 2022", "\u202f; ") + ")." in found["fr"][ROLE]
    assert "See (" + links.format("Author, 2022", "; ") + ")." in found["en"][ROLE]


def test_the_link_is_relative_to_the_page(tmp_path: Path) -> None:
    trees = content(fr="Voir [@zeta-1990].", en="See [@zeta-1990].")
    trees["fr"]["guide.yaml"]["glossaire"][0]["definition"] = "Un logement [@source]."
    trees["en"]["guide.yaml"]["glossaire"][0]["definition"] = "Public housing [@source]."
    loaded = content_set(tmp_path / "contenu", trees)
    model = build_model(loaded["en"])
    settings = Settings.from_mkdocs(load_config(str(make_project(tmp_path / "projet"))))
    renderer = Renderer(
        settings.templates, load_strings(settings.templates, settings.languages), settings.language_data
    )
    rendered = renderer.render(model)
    assert "([Author, 2022](../references/index.md#source))" in rendered["glossaire/index.md"]


# --- sources and the References page


def sources(model: Model, key: str, ident: str) -> list[str]:
    return [r.id for r in model.find(key, ident)["sources"] or []]


def test_what_a_page_cites_is_added_to_its_sources_once_in_apa_order(tmp_path: Path) -> None:
    found = models(tmp_path, fr="[@source] puis [@zeta-1990, p. 2] et [@source]", en="[@zeta-1990; @source]")
    for model in found.values():
        assert sources(model, "roles", "intervenante") == ["source", "zeta-1990"]  # Auteur before Zeta
        assert sources(model, "modele", "modele") == ["source"]  # its sources field, nothing cited
        relation = next(r for r in model.find("roles", "intervenante").relations if r.label == "roles.sources")
        assert [r.id for r in relation.entities] == ["source", "zeta-1990"]


def test_the_references_page_lists_what_is_cited_or_listed(tmp_path: Path) -> None:
    uncited = models(tmp_path / "a")  # zeta-1990 is neither cited nor in any sources field
    assert [r.id for r in uncited["fr"].kinds["references"]] == ["source"]
    cited = models(tmp_path / "b", fr="Voir [@zeta-1990].", en="See [@zeta-1990].")
    assert [r.id for r in cited["fr"].kinds["references"]] == ["source", "zeta-1990"]


@pytest.mark.parametrize(
    ("citations", "order"),
    [
        (["Zeta, Z. (1990).", "Auteur, A. (2022)."], [1, 0]),
        (["Parent, A.-A. (2022).", "Parent, A.-A. et Reiser, C. (2021, 15 avril).", "Parent, A. (2019)."], [2, 1, 0]),
        (["Émond, B. (2001).", "Eyre, C. (2000).", "Callon, M. (2006).", "callon, M. (1986)."], [3, 2, 0, 1]),
        (["Chaire CACIS. Document en ligne.", "CRISES (2021, 16 février).", "Bilodeau, A. (2016)."], [2, 0, 1]),
    ],
)
def test_apa_order_is_first_author_then_year(citations: list[str], order: list[int]) -> None:
    assert sorted(range(len(citations)), key=lambda i: citekeys.apa_order(citations[i])) == order


REAL_ORDER = [
    "bilodeau-potvin-2016",
    "callon-1986",
    "callon-2006",
    "chaire-cacis",
    "crises-2021",
    "hawe-2015",
    "parent-2019",
    "parent-reiser-2021",
    "parent-2022",
    "townsend-2020",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_guide_s_references_are_all_listed_in_apa_order(lang: str) -> None:
    """Every reference of the guide is cited or listed somewhere: none disappears from the References page."""
    trees = load_content({lang: ROOT / lang for lang in ("fr", "en")}, ROOT)
    model = build_model(trees[lang])
    assert [r.id for r in model.kinds["references"]] == REAL_ORDER
    assert sorted(REAL_ORDER) == sorted(trees[lang].entries["references"])


def test_the_guide_uses_citations_in_both_languages() -> None:
    trees = load_content({lang: ROOT / lang for lang in ("fr", "en")}, ROOT)
    cited = {lang: build_model(tree).find("chapitres", "etude").cites for lang, tree in trees.items()}
    assert cited["fr"] == cited["en"] and {"parent-2022", "parent-reiser-2021", "callon-2006"} <= set(cited["fr"])


# --- hostile input


@pytest.mark.parametrize(
    ("locator", "shown"),
    [
        ('<script>alert("x")</script>', '&lt;script>alert("x")&lt;/script>'),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("p. 3 & \"4\" 'cinq'", "p. 3 &amp; \"4\" 'cinq'"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>"),
        ("fin\\", "fin\\\\"),  # a backslash cannot escape the link's closing bracket
    ],
)
def test_a_hostile_locator_stays_inert_words_of_the_link(tmp_path: Path, locator: str, shown: str) -> None:
    settings = Settings.from_mkdocs(load_config(str(make_project(tmp_path / "projet"))))
    renderer = Renderer(
        settings.templates, load_strings(settings.templates, settings.languages), settings.language_data
    )
    model = models(tmp_path, en=f"See [@source, {locator}].")["en"]
    page = renderer.render(model)[ROLE]
    assert f"See ([Author, 2022, {shown}](../references/index.md#source))." in page
    assert "<script" not in page and "<img" not in page


def test_a_link_to_a_script_written_like_a_citation_is_refused(tmp_path: Path) -> None:
    found = errors_after(tmp_path, {"fr": ("      - Une écoute", "      - Une écoute [@source](javascript:alert(1))")})
    assert len(found) == 1 and "a link to a 'javascript:' address is not allowed" in found[0]
