"""The real content of the guide: it validates, and every generated page is reachable from an index page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide.model import build_model
from guide.render import Renderer, load_strings
from guide.validate import load_content
from sites import ROOT, build


@pytest.fixture(scope="module")
def trees():
    return load_content({"fr": ROOT / "fr", "en": ROOT / "en"}, ROOT)


def test_real_content_validates_with_the_same_ids(trees) -> None:
    for key, entries in trees["fr"].entries.items():
        assert list(entries) == list(trees["en"].entries[key]), key
    assert trees["fr"].entries["roles"], "the guide has roles"


def test_every_entity_page_is_linked_from_its_index(trees) -> None:
    renderer = Renderer(ROOT / "gabarits", load_strings(ROOT / "gabarits", ["fr", "en"]))
    for lang, tree in trees.items():
        model = build_model(tree)
        pages = renderer.render(model)
        for key, entities in model.kinds.items():
            for entity in entities:
                if entity.kind.many and entity.kind.pages:
                    assert f"]({entity.link_from(model.index_path(key))})" in pages[model.index_path(key)], (
                        lang,
                        entity.path,
                    )


def test_real_site_builds(tmp_path: Path) -> None:
    result = build(ROOT / "mkdocs.yml", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    fr = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.is_relative_to(site / "en"))
    en = sorted(p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("index.html"))
    assert fr == en
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="en/" hreflang="en" class="md-select__link"', home)
