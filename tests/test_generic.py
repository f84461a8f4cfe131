"""The generator is not wired to this guide's content: another content set, with its own roles and
controversies and no chapters, glossary or agreements, builds with no code change."""

from __future__ import annotations

from pathlib import Path

import pytest

from sites import build, make_project

pytestmark = pytest.mark.build


def test_a_cooperative_network_builds_with_its_own_content(tmp_path: Path) -> None:
    config = make_project(tmp_path, "cooperative")
    result = build(config)
    assert result.returncode == 0, result.stderr
    site = config.parent / "site"
    for prefix, words in (("", "La charge du bénévolat"), ("en/", "The volunteer load")):
        index = (site / prefix / "controverses" / "index.html").read_text(encoding="utf-8")
        assert words in index and 'href="travaux/"' in index
        role = (site / prefix / "roles" / "conseil" / "index.html").read_text(encoding="utf-8")
        assert 'href="../../controverses/travaux/"' in role and 'href="../../outils/comite-entretien/"' in role
    assert not (site / "ententes").exists() and not (site / "chapitres").exists()
    assert "Quels travaux faire d’abord, avec un budget limité" in (
        site / "controverses" / "travaux" / "index.html"
    ).read_text(encoding="utf-8")
