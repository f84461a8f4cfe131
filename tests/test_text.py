"""Text as it goes into a page (guide/text.py): made inert, typeset for French, abbreviations defined, and plain
for a tooltip. Every text field of the content goes through these, on every page."""

from __future__ import annotations

import pytest

from guide.languages import Language
from guide.text import (
    NBSP,
    NNBSP,
    finish_page,
    inert,
    plain,
    prepare,
    typeset_fr,
    typeset_markdown,
    with_abbreviations,
)

FRENCH, ENGLISH = Language("fr", "fr_CA", "fr"), Language("en", "en_CA")  # as mkdocs.yml declares them

# -- inert: raw HTML prints as text, Markdown keeps working


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)">'),
        ("R&D &amp; co", "R&amp;D &amp;amp; co"),  # an entity written in the content prints as written
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ("**gras**, _italique_, [lien](../roles/x.md), `code`", "**gras**, _italique_, [lien](../roles/x.md), `code`"),
        ("> une citation\n\n- une liste", "> une citation\n\n- une liste"),
    ],
)
def test_inert_escapes_what_starts_html_and_leaves_markdown(text: str, expected: str) -> None:
    assert inert(text) == expected


def test_prepare_strips_the_newlines_yaml_blocks_add_and_makes_inert() -> None:
    assert prepare("\n<b>Un texte</b>\n\n") == "&lt;b>Un texte&lt;/b>"
    assert prepare("  indenté  ") == "  indenté  "  # spaces are the text's own: only YAML's newlines go


# -- French typesetting (OQLF), rule by rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # « » take a no-break space inside, whether the editor typed one, a plain space, or none
        ("«Bonjour»", f"«{NBSP}Bonjour{NBSP}»"),
        ("« Bonjour »", f"«{NBSP}Bonjour{NBSP}»"),
        (f"«{NNBSP}Bonjour{NNBSP}»", f"«{NBSP}Bonjour{NBSP}»"),
        ("«  deux espaces  »", f"«{NBSP}deux espaces{NBSP}»"),
        # the colon: a no-break space before it, when the editor spaced it as a word
        ("Mandat : animer", f"Mandat{NBSP}: animer"),
        ("Mandat :", f"Mandat{NBSP}:"),
        ("Mandat :\nla suite", f"Mandat{NBSP}:\nla suite"),
        ("Mandat: animer", "Mandat: animer"),  # no space typed: none added (English text, a ratio)
        ("à 10:30, voir https://example.org", "à 10:30, voir https://example.org"),
        ("a :b", "a :b"),  # not a colon of a sentence
        # ; ! ? take a narrow no-break space
        ("Qui ? Quand ! Où ; comment", f"Qui{NNBSP}? Quand{NNBSP}! Où{NNBSP}; comment"),
        (f"Qui{NBSP}?", f"Qui{NNBSP}?"),
        ("Qui?", "Qui?"),
        # the typographic apostrophe
        ("l'entente d'aujourd'hui", "l’entente d’aujourd’hui"),
        # numbers: the groups of thousands never split
        ("20 000 $", f"20{NBSP}000 $"),
        ("1 234 567 locataires", f"1{NBSP}234{NBSP}567 locataires"),
        ("en 2026 100 logements", f"en 2026{NBSP}100 logements"),  # a year before a number: the rule cannot tell
        ("en 2026 12 logements", "en 2026 12 logements"),  # not a group of three
        ("12 3456", "12 3456"),  # four digits: not a group of thousands
        ("article 5 2000", "article 5 2000"),
    ],
)
def test_typeset_fr(text: str, expected: str) -> None:
    assert typeset_fr(text) == expected


def test_typeset_fr_is_stable() -> None:
    """A page typeset twice is the same page: `mkdocs serve` compares what it writes."""
    text = "« Oui » : l'entente, 20 000 $ ; vraiment ? Oui !"
    once = typeset_fr(text)
    assert once == f"«{NBSP}Oui{NBSP}»{NBSP}: l’entente, 20{NBSP}000 ${NNBSP}; vraiment{NNBSP}? Oui{NNBSP}!"
    assert typeset_fr(once) == once


# -- typeset_markdown: text typeset, code, link targets and tags left alone


def test_typeset_markdown_leaves_code_link_targets_and_tags_alone() -> None:
    page = (
        "# Titre : un guide\n"
        "\n"
        "Voir [la page : rôles](../roles/x.md#a:b \"l'infobulle\") et `l'option : x ?`.\n"
        '<span class="guide-blank" data-libelle="Date : début ?">Date : début ?</span>\n'
        "\n"
        "```yaml\n"
        "titre: l'entente ; 20 000 ?\n"
        "```\n"
        "\n"
        "Après le code : l'eau !\n"
    )
    assert typeset_markdown(page, typeset_fr) == (
        f"# Titre{NBSP}: un guide\n"
        "\n"
        f"Voir [la page{NBSP}: rôles](../roles/x.md#a:b \"l'infobulle\") et `l'option : x ?`.\n"
        f'<span class="guide-blank" data-libelle="Date : début ?">Date{NBSP}: début{NNBSP}?</span>\n'
        "\n"
        "```yaml\n"
        "titre: l'entente ; 20 000 ?\n"
        "```\n"
        "\n"
        f"Après le code{NBSP}: l’eau{NNBSP}!\n"
    )


def test_typeset_markdown_with_no_rules_is_the_page_itself() -> None:
    page = "Voir : [x](a.md) l'eau ?\n"
    assert typeset_markdown(page, str) == page


def test_each_language_typesets_by_its_own_rules() -> None:
    page = "Note : l'entente ?\n"
    assert FRENCH.typeset_markdown(page) == f"Note{NBSP}: l’entente{NNBSP}?\n"
    assert ENGLISH.typeset_markdown(page) == page  # English declares no typography


# -- abbreviations: a definition for each one the page uses, in the glossary's order


GLOSSARY = {"OMH": "office municipal d'habitation", "HLM": "habitation à loyer modique", "R-D": "recherche"}


def test_abbreviations_used_are_defined_in_the_glossary_order() -> None:
    page = "Le HLM de l'OMH.\n\n"
    assert with_abbreviations(page, GLOSSARY) == (
        "Le HLM de l'OMH.\n\n*[OMH]: office municipal d'habitation\n*[HLM]: habitation à loyer modique\n"
    )


def test_abbreviations_only_as_whole_words() -> None:
    page = "Les OMHM et les HLMs, la R-DX."
    assert with_abbreviations(page, GLOSSARY) == page  # nothing used: the page as it was, no trailing block
    assert with_abbreviations("La R-D avance.", GLOSSARY).endswith("\n\n*[R-D]: recherche\n")


def test_abbreviations_none_declared() -> None:
    assert with_abbreviations("Le HLM.\n", {}) == "Le HLM.\n"


def test_finish_page_defines_then_typesets() -> None:
    page = finish_page("Le HLM : l'immeuble.\n", FRENCH, {"HLM": "habitation à loyer modique"})
    assert page == f"Le HLM{NBSP}: l’immeuble.\n\n*[HLM]: habitation à loyer modique\n"


# -- plain: what a reader sees of a prepared text, for a tooltip or a figure's description


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**gras** et _italique_", "gras et italique"),
        ("`code`", "code"),
        (prepare("R&D <b>"), "R&D <b>"),  # prepared, then plain again: the editor's text
        ("&amp;lt;", "&lt;"),  # entities are unescaped once, not twice
    ],
)
def test_plain(text: str, expected: str) -> None:
    assert plain(text) == expected
