"""Translation status: missing, identical and stale entries, computed from each translation's stamp."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sites import ROOT, build, make_project

pytestmark = pytest.mark.build

ENV = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}


def status(config: Path, *args: str) -> list[str]:
    command = [sys.executable, "-m", "guide", "status", "-f", str(config), *args]
    result = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def edit(config: Path, lang: str, old: str, new: str) -> None:
    path = config.parent / lang / "guide.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def stamped(tmp_path: Path) -> Path:
    config = make_project(tmp_path)
    lines = status(config, "--accept-all")
    assert "stamped en/guide.yaml: roles/intervenante" in lines
    assert lines[-1] == "10 entries: 0 missing, 0 identical, 0 stale, 0 not stamped"
    return config


def test_real_content_has_nothing_missing_identical_stale_or_unstamped() -> None:
    lines = status(ROOT / "mkdocs.yml")
    assert lines[-1].endswith(": 0 missing, 0 identical, 0 stale, 0 not stamped"), lines


def test_stamps_are_written_in_place_and_keep_the_file_valid(stamped: Path) -> None:
    text = (stamped.parent / "en" / "guide.yaml").read_text(encoding="utf-8")
    assert '  - id: intervenante\n    traduction: "fr:' in text
    assert text.startswith('modele:\n  traduction: "fr:')
    assert build(stamped).returncode == 0
    assert not [line for line in status(stamped, "--accept-all") if line.startswith("stamped")]  # nothing left


def test_french_changed_after_the_translation(stamped: Path) -> None:
    edit(stamped, "fr", "    resume: Il coordonne.", "    resume: Il coordonne les partenaires.")
    lines = status(stamped)
    assert "en/guide.yaml:32: outils/comite: stale: fr/ changed since this translation (fr/guide.yaml:30)" in lines
    assert lines[-1] == "10 entries: 0 missing, 0 identical, 1 stale, 0 not stamped"
    result = build(stamped)  # `make site` builds with --strict: a stale translation stops it
    assert result.returncode == 1
    assert "WARNING -  en/guide.yaml:32: outils/comite: stale: fr/ changed since this translation" in result.stderr
    status(stamped, "--accept", "outils/comite")
    assert status(stamped)[-1] == "10 entries: 0 missing, 0 identical, 0 stale, 0 not stamped"


def test_english_changed_alone_and_both_changed(stamped: Path) -> None:
    edit(stamped, "en", "    resume: It coordinates.", "    resume: It coordinates the partners.")
    assert (
        "en/guide.yaml:32: outils/comite: stale: en/ changed alone since the last translation: fr/ may be behind"
        in (status(stamped))
    )
    edit(stamped, "fr", "    resume: Il coordonne.", "    resume: Il coordonne les partenaires.")
    lines = status(stamped)
    assert (
        "en/guide.yaml:32: outils/comite: stale: both fr/ and en/ changed since the last translation: compare them"
        in lines
    )


def test_missing_and_identical_are_reported_even_when_the_content_has_errors(stamped: Path) -> None:
    edit(stamped, "en", "  - id: entente\n", "  - id: accord\n")
    edit(stamped, "en", "    resume: Who uses the room?", "    resume: Qui utilise la salle ?")
    lines = status(stamped)
    assert "fr/guide.yaml:40: solutions/entente: missing in en/: to translate" in lines
    assert "en/guide.yaml:44: solutions/accord: missing in fr/" in lines
    assert "en/guide.yaml:41: controverses/espaces: resume: the same text as in fr/: not translated" in lines
    assert lines[-1] == "10 entries: 2 missing, 1 identical, 1 stale, 0 not stamped"


def test_unknown_entry_is_refused(stamped: Path) -> None:
    command = [sys.executable, "-m", "guide", "status", "-f", str(stamped), "--accept", "roles/nobody"]
    result = subprocess.run(command, capture_output=True, text=True, env=ENV)
    assert result.returncode == 1 and "no such entry: roles/nobody" in result.stderr
