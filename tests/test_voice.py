"""The guide's own voice (guide/voice.py): an entity's ``pistes`` open its page in a box, a ``[guide]`` at the start of
a paragraph or list item marks it, the guide's pairings of controversies and solutions carry the marker, and one
legend per page explains it; a misplaced marker is an editor's error."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from guide import text, voice
from guide.labels import load_strings
from guide.model import build_model
from guide.render import Renderer
from guide.settings import Settings
from guide.validate import load_content
from sites import ROOT, content_set, fixture_content, make_project
from test_citations import errors_after

MARK = '<span class="guide-marque">Guide</span>'
LEGEND = '<p class="guide-legende">'


# --- the marker in a text


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("[guide] Un paragraphe.", f"{MARK} Un paragraphe."),
        ("- [guide] Un élément.", f"- {MARK} Un élément."),
        ("  * [guide]Serré.", f"  * {MARK} Serré."),
        ("1. [guide] Une étape.", f"1. {MARK} Une étape."),
        ("Un fait.\n\n[guide] Une lecture.", f"Un fait.\n\n{MARK} Une lecture."),
    ],
)
def test_the_marker_opens_its_paragraph_or_item(written: str, shown: str) -> None:
    assert voice.misplaced(written) == 0
    assert voice.render(written, "Guide") == shown


@pytest.mark.parametrize("written", ["Un fait [guide] au milieu.", "Un fait. [guide]", "- Un élément [guide]"])
def test_a_marker_elsewhere_is_misplaced(written: str) -> None:
    assert voice.misplaced(written) == 1


def test_the_marker_s_label_is_escaped() -> None:
    assert voice.mark("<b>Guía</b>") == '<span class="guide-marque">&lt;b&gt;Guía&lt;/b&gt;</span>'


def test_a_misplaced_marker_is_reported_at_its_line_with_an_example(tmp_path: Path) -> None:
    found = errors_after(tmp_path, {"fr": ("      - Une écoute", "      - Une écoute attentive [guide]")})
    assert found == [
        "fr/guide.yaml:26: roles[1].apports[1]: '[guide]' marks a whole paragraph or list item as the guide's "
        "reading, not a finding of the study: put it at the start of the paragraph or of the item "
        f"(example: {voice.EXAMPLE})"
    ]


# --- the pages


def content(**entries: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The small fixture, the fields given for each language (fr={...}, en={...}) set on its role."""
    found = copy.deepcopy(fixture_content())
    for lang, fields in entries.items():
        found[lang]["guide.yaml"]["roles"][0].update(fields)
    return found


def pages(tmp_path: Path, **entries: dict[str, Any]) -> dict[str, dict[str, str]]:
    settings = Settings.from_mkdocs(load_config(str(make_project(tmp_path / "projet"))))
    renderer = Renderer(
        settings.templates, load_strings(settings.templates, settings.languages), settings.language_data
    )
    trees = content_set(tmp_path / "contenu", content(**entries))
    return {
        lang: {
            path: text.finish_page(page, settings.language(lang), {})
            for path, page in renderer.render(build_model(tree)).items()
        }
        for lang, tree in trees.items()
    }


ROLE = "roles/intervenante.md"


def test_the_pistes_open_the_page_in_a_box_with_the_marker_and_the_legend(tmp_path: Path) -> None:
    found = pages(
        tmp_path,
        fr={"pistes": ["Dresser la carte des partenaires.", "Revoir la carte chaque année."]},
        en={"pistes": ["Map the partners.", "Review the map every year."]},
    )
    for lang, heading, first in (("fr", "Ce qu’un réseau peut faire", "Dresser"), ("en", "What a network", "Map")):
        page = found[lang][ROLE]
        box = page[page.index('<div class="guide-voix"') : page.index("</div>")]
        assert MARK in box and heading in box and f"- {first}" in box
        assert box.count(LEGEND) == 1 and page.count(LEGEND) == 1  # the legend once, inside the box
        assert page.index("guide-voix") < page.index("## ")  # before the role's own sections: action first


def test_a_marked_paragraph_gets_the_marker_and_the_page_its_legend(tmp_path: Path) -> None:
    found = pages(
        tmp_path,
        fr={"description": "L'étude l'a observé.\n\n[guide] Le guide en tire une piste."},
        en={"description": "The study observed it.\n\n[guide] The guide reads it so."},
    )
    page = found["fr"][ROLE]
    assert f"{MARK} Le guide en tire une piste." in page and "[guide]" not in page
    assert page.count(LEGEND) == 1 and page.index(LEGEND) < page.index("L’étude")
    assert "signale une suggestion ou une lecture du guide" in page
    assert "marks the guide’s own suggestions" in found["en"][ROLE] or "marks the guide's own" in found["en"][ROLE]


def test_a_page_without_the_guide_s_voice_has_no_legend(tmp_path: Path) -> None:
    found = pages(tmp_path)
    assert MARK not in found["fr"]["outils/comite.md"] and LEGEND not in found["fr"]["outils/comite.md"]


def test_the_guide_s_pairings_carry_the_marker(tmp_path: Path) -> None:
    found = pages(tmp_path)
    for path in ("controverses/espaces.md", "solutions/entente.md", "ententes/salle.md"):
        page = found["fr"][path]
        assert page.count(LEGEND) == 1 and MARK in page.split(LEGEND, 1)[1], path


# --- the real content


@pytest.fixture(scope="module")
def real() -> dict[str, Any]:
    return load_content({"fr": ROOT / "fr", "en": ROOT / "en"}, ROOT)


_SAID_IN_WORDS = re.compile(r"\((?:lecture|piste) du guide\)|\(the guide[’']s (?:reading|suggestion)\)", re.IGNORECASE)


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for inner in value.values() for t in _texts(inner)]
    if isinstance(value, list):
        return [t for inner in value for t in _texts(inner)]
    return []


def test_the_real_content_uses_the_convention_not_words_in_parentheses(real: dict[str, Any]) -> None:
    said = [
        (lang, kind, ident, t[:80])
        for lang, tree in real.items()
        for kind, entries in tree.entries.items()
        for ident, entry in entries.items()
        for t in _texts(entry.data)
        if _SAID_IN_WORDS.search(t)
    ]
    assert not said, said


def test_both_languages_mark_the_same_passages(real: dict[str, Any]) -> None:
    """A marker left out of a translation would present the guide's reading as a finding in one language."""
    counts = {
        lang: {
            (kind, ident): sum(t.count(voice.MARKER) for t in _texts(entry.data))
            for kind, entries in tree.entries.items()
            for ident, entry in entries.items()
        }
        for lang, tree in real.items()
    }
    assert counts["fr"] == counts["en"]
    assert sum(counts["fr"].values()) > 0


def test_a_marked_summary_keeps_the_marker_out_of_the_meta_description(tmp_path: Path) -> None:
    found = pages(tmp_path, fr={"resume": "[guide] Elle est là tous les jours."})
    page = found["fr"][ROLE]
    assert 'description: "Elle est là tous les jours."' in page.replace("’", "'")
    assert f"{MARK} Elle est là tous les jours." in page


def test_a_page_acts_first_then_tells_what_the_study_says_then_its_sources(tmp_path: Path) -> None:
    found = pages(
        tmp_path,
        fr={"pistes": ["Écouter."], "description": "L'étude l'a vue.", "sources": ["source"]},
        en={"pistes": ["Listen."], "description": "The study saw her.", "sources": ["source"]},
    )
    page = found["fr"][ROLE]
    order = ["guide-voix", "guide-suite", "## Ce qu’en dit l’étude", "L’étude l’a vue.", "## Sources"]
    assert [page.index(mark) for mark in order] == sorted(page.index(mark) for mark in order)
    assert "## What the study says" in found["en"][ROLE]


def test_a_controversy_names_the_agreements_whose_sections_answer_it(tmp_path: Path) -> None:
    page = pages(tmp_path)["fr"]["controverses/espaces.md"]
    line = next(line for line in page.splitlines() if "Ententes dont une section y répond" in line)
    assert line.startswith(MARK) and "(../ententes/salle.md)" in line
