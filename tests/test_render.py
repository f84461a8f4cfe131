"""Template errors name the template and the line, for whoever edits gabarits/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide.errors import InvalidContentError
from guide.labels import load_strings
from guide.model import build_model
from guide.render import Renderer, TemplateError
from guide.validate import load_content
from sites import FIXTURES, ROOT, content_set, languages


def test_template_error_names_template_and_line(tmp_path: Path) -> None:
    templates = tmp_path / "gabarits"
    shutil.copytree(ROOT / "gabarits", templates)
    page = templates / "pages" / "roles.md.j2"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("{% endblock %}", "{{ entity.mandat }}\n{% endblock %}"), encoding="utf-8")
    trees = load_content({"fr": FIXTURES / "petit" / "fr", "en": FIXTURES / "petit" / "en"}, FIXTURES / "petit")
    renderer = Renderer(templates, load_strings(templates, ["fr", "en"]), languages())
    with pytest.raises(TemplateError) as caught:
        renderer.render(build_model(trees["fr"]))
    assert str(caught.value).startswith("gabarits/pages/roles.md.j2:11: ")
    assert "mandat" in str(caught.value)


def test_interface_string_missing_in_one_language(tmp_path: Path) -> None:
    templates = tmp_path / "gabarits"
    shutil.copytree(ROOT / "gabarits", templates)
    strings = templates / "libelles.yaml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("    apports: What this role brings\n", ""), encoding="utf-8")
    line = text.splitlines().index("    apports: Ce que ce rôle apporte") + 1  # the French one, reported
    with pytest.raises(InvalidContentError) as caught:
        load_strings(templates, ["fr", "en"])
    assert [str(e) for e in caught.value.errors] == [
        f"gabarits/libelles.yaml:{line}: fr.page.apports: has no counterpart in 'en' (example: en:\n  page.apports: …)"
    ]


def _synthetic(tmp_path: Path, n: int) -> dict[str, str]:
    """The French pages of the benchmark's synthetic content with N entities of each kind."""
    from synthetic import content_files

    trees = content_set(tmp_path, {lang: content_files(n, lang, agreements=0) for lang in ("fr", "en")})
    templates = ROOT / "gabarits"
    return Renderer(templates, load_strings(templates, ["fr", "en"]), languages()).render(build_model(trees["fr"]))


def _table(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_controversy_table_is_a_grid_while_it_fits_and_cards_on_a_phone(tmp_path: Path) -> None:
    """Up to five solutions, a real table (headings across, each row headed by its controversy) and, for a phone,
    one card per controversy listing its solutions; the stylesheet shows one or the other."""
    page = _synthetic(tmp_path, 5)["controverses/index.md"]
    assert page.count('<th scope="col"') == 1 + 5 and page.count('<th scope="row" markdown>') == 5
    assert page.count("<td>✓</td>") == 5 * 2 and page.count("<td></td>") == 5 * 3  # two solutions each
    assert "<caption>Un crochet indique" in page and '<div class="guide-matrix" markdown>' in page
    cards = page.split('<div class="guide-matrix__cartes" markdown>')[1]
    assert cards.count("\n- [") == 5 and cards.count("\n    - [") == 5 * 2
    assert not _table(page)


def test_controversy_table_lists_the_solutions_beyond_a_grid_size(tmp_path: Path) -> None:
    """Past five solutions (more columns would not fit a screen), a row per controversy with its own solutions:
    its size grows with the links, where a grid of 1,000 controversies by 1,000 solutions made a 38 MB page."""
    page = _synthetic(tmp_path, 6)["controverses/index.md"]
    rows = _table(page)
    assert rows[0] == "| Controverse | Solutions qui y répondent |" and len(rows) == 2 + 6
    assert rows[2] == (
        "| [Espaces 1](controverse-0001.md) | "
        "[Ententes 1](../solutions/solution-0001.md)<br>[Ententes 2](../solutions/solution-0002.md) |"
    )
    assert "✓" not in page and "Un crochet" not in page and '<div class="guide-answers" markdown>' in page
