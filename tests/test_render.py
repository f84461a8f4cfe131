"""Template errors name the template and the line, for whoever edits gabarits/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide.errors import InvalidContentError
from guide.model import build_model
from guide.render import Renderer, TemplateError, load_strings
from guide.validate import load_content
from sites import FIXTURES, ROOT


def test_template_error_names_template_and_line(tmp_path: Path) -> None:
    templates = tmp_path / "gabarits"
    shutil.copytree(ROOT / "gabarits", templates)
    page = templates / "pages" / "roles.md.j2"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("{% endblock %}", "{{ entity.mandat }}\n{% endblock %}"), encoding="utf-8")
    trees = load_content({"fr": FIXTURES / "petit" / "fr", "en": FIXTURES / "petit" / "en"}, FIXTURES / "petit")
    renderer = Renderer(templates, load_strings(templates, ["fr", "en"]))
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
    with pytest.raises(InvalidContentError) as caught:
        load_strings(templates, ["fr", "en"])
    assert [str(e) for e in caught.value.errors] == [
        "gabarits/libelles.yaml:62: fr.page.apports: has no counterpart in 'en' (example: en:\n  page.apports: …)"
    ]
