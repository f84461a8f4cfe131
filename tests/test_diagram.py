"""The model's diagram (guide/diagram.py): SVG drawn from the content, with real text that fits its boxes, a title and
a description for screen readers, and nothing an editor writes able to become markup."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from guide.diagram import MARGIN, PAD, WIDTH, Box, model_svg, text_width, wrap
from guide.model import build_model
from guide.text import prepare
from sites import content_set, fixture_content

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {  # as libelles.yaml gives them: prepared like every text
    key: prepare(value)
    for key, value in {
        "populations": "POPULATIONS",
        "acteurs": "ACTEURS",
        "coeur": "AU CŒUR DU MODÈLE",
        "objectifs": "OBJECTIFS",
        "description": "Populations : {populations}. Acteurs : {acteurs}. Au cœur, {composantes} forment ensemble "
        "{synthese}. Ses objectifs : {objectifs}.",
        "et": " et ",
        "guillemets": "« {} »",
    }.items()
}
# Not "]]>": text in an HTML page (the diagram's only home), but ill-formed XML for the parser here
HOSTILE = "<script>alert('x')</script> & <img src=x onerror=alert(1)> <!-- {populations} \" --"


# -- text widths and wrapping


def test_text_width_by_character_class() -> None:
    assert text_width("", 13) == 0
    assert text_width("il.", 10) == pytest.approx(9.0)  # narrow: 0.3 em
    assert text_width("ab", 10) == pytest.approx(11.2)  # lower case: 0.56 em
    assert text_width("A1", 10) == pytest.approx(13.2)  # capitals and digits: 0.66 em
    assert text_width("mW", 10) == pytest.approx(17.0)  # wide: 0.85 em
    assert text_width("Comité", 26) == pytest.approx(2 * text_width("Comité", 13))


def test_wrap_fills_each_line_up_to_the_width() -> None:
    text = "Faciliter la création d'espaces collectifs et le soutien aux initiatives des locataires"
    lines = wrap(text, 150, 13)
    assert " ".join(lines) == text  # every word, in order
    assert len(lines) > 2
    assert all(text_width(line, 13) <= 150 for line in lines)
    for line, after in itertools.pairwise(lines):  # greedy: the next word did not fit
        assert text_width(f"{line} {after.split()[0]}", 13) > 150


def test_wrap_keeps_a_word_wider_than_the_line_whole() -> None:
    assert wrap("Un mot-très-très-très-long ici", 40, 13) == ["Un", "mot-très-très-très-long", "ici"]


def test_wrap_of_nothing_is_one_empty_line() -> None:
    assert wrap("", 100, 13) == [""]
    assert wrap("  \n ", 100, 13) == [""]


def test_box_shrinks_its_text_for_a_long_word_down_to_10() -> None:
    assert Box(0, 0, 200, "Concertation").size == 13
    narrow = Box(0, 0, 90, "Intersectorialité")
    assert 10 <= narrow.size < 13
    assert text_width("Intersectorialité", narrow.size) <= 90 - 2 * PAD
    tiny = Box(0, 0, 30, "Intersectorialité")
    assert tiny.size == 10  # never smaller: the word overflows rather than becoming unreadable


def test_box_height_grows_with_its_lines() -> None:
    one, three = Box(0, 0, 200, "Court"), Box(0, 0, 150, "Un libellé bien plus long, qui prend ici trois lignes")
    assert len(one.lines) == 1 and len(three.lines) == 3
    assert three.h - one.h == pytest.approx(2 * one.line_height)


# -- the whole diagram


def diagram(tmp_path: Path, change: dict[str, str] | None = None) -> ET.Element:
    """The petit fixture's diagram in French, each title of the model changed by ``change`` (key -> text)."""
    content = fixture_content()
    for lang, files in content.items():
        model = files["guide.yaml"]["modele"]
        for key, text in (change or {}).items():
            text = f"{text} ({lang})"  # a text left the same in both languages is refused as untranslated
            if key == "titre":
                model[key] = text
            elif key == "synthese":
                model[key]["titre"] = text
            else:
                model[key][0]["titre"] = text
    model = build_model(content_set(tmp_path, content)["fr"])
    svg = model_svg(model.kinds["modele"][0], LABELS)
    return ET.fromstring(svg)  # well-formed XML, or this raises


def texts(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def test_title_and_description_name_the_figure(tmp_path: Path) -> None:
    svg = diagram(tmp_path)
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Le modèle"
    assert desc.text == (
        "Populations : Adultes. Acteurs : Comités de locataires. Au cœur, « Intervention de milieu » et "
        "« Concertation » forment ensemble « Intervention de proximité ». Ses objectifs : Faciliter la création "
        "d'espaces collectifs."
    )


def test_every_part_of_the_model_is_drawn_as_text_in_order(tmp_path: Path) -> None:
    assert texts(diagram(tmp_path)) == [
        "POPULATIONS",
        "Adultes",
        "ACTEURS",
        "Comités de locataires",
        "AU CŒUR DU MODÈLE",
        "Intervention de milieu",
        "Concertation",
        "+",
        "Intervention de proximité",
        "OBJECTIFS",
        "1. Faciliter la création d'espaces collectifs",
    ]


def inside(rect: ET.Element, text: ET.Element) -> bool:
    x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
    return x < float(text.get("x")) < x + w and y < float(text.get("y")) < y + h


def test_the_drawing_fits_its_width_and_height(tmp_path: Path) -> None:
    svg = diagram(tmp_path, {"objectifs": "Faciliter la création d'espaces collectifs " * 4})
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    assert width == WIDTH
    rects = list(svg.iter(f"{SVG}rect"))
    for rect in rects:
        assert MARGIN <= float(rect.get("x")) <= float(rect.get("x")) + float(rect.get("width")) <= WIDTH - MARGIN
    bottom = max(float(r.get("y")) + float(r.get("height")) for r in rects)
    assert bottom == pytest.approx(height - MARGIN, abs=0.15)  # each rounded to 0.1
    lines = {id(rect): [t for t in svg.iter(f"{SVG}text") if inside(rect, t)] for rect in rects}
    for rect in rects:  # each line of a box fits inside it
        assert lines[id(rect)], rect.attrib
        for text in lines[id(rect)]:
            assert text_width(text.text, float(text.get("font-size"))) <= float(rect.get("width")) - 2 * PAD
    assert len(lines[id(rects[-1])]) == 3  # the long objective, on three lines


@pytest.mark.parametrize("where", ["titre", "populations", "acteurs", "composantes", "synthese", "objectifs"])
def test_a_hostile_label_stays_text(tmp_path: Path, where: str) -> None:
    svg = diagram(tmp_path, {where: HOSTILE})
    tags = {element.tag.removeprefix(SVG) for element in svg.iter()}
    assert tags <= {"svg", "title", "desc", "text", "rect", "path"}, tags
    assert not [name for element in svg.iter() for name in element.attrib if name.lower().startswith("on")]
    shown = f"{HOSTILE} (fr)"
    if where == "titre":
        assert svg.find(f"{SVG}title").text == shown
    else:
        assert shown in svg.find(f"{SVG}desc").text  # what a screen reader reads: the editor's text, as written
        assert shown in " ".join(texts(svg))  # on the drawing, over as many lines as it takes


def test_markdown_marks_are_left_out_of_the_description(tmp_path: Path) -> None:
    svg = diagram(tmp_path, {"acteurs": "Les **comités** de _locataires_"})
    assert "Acteurs : Les comités de locataires (fr)." in svg.find(f"{SVG}desc").text
    assert re.search(r"[*_]", svg.find(f"{SVG}desc").text) is None
