"""Two builds of the same inputs give the same bytes, PDF and DOCX files included: nothing comes from the clock."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sites import ROOT, make_project

pytestmark = pytest.mark.build


def _build(config: Path, site: Path, cache: Path, epoch: str | None) -> None:
    """A build as `make site` runs it; the offline zip's file dates come from SOURCE_DATE_EPOCH when it is set."""
    env = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    env["GUIDE_CACHE"] = str(cache)  # an empty cache each time: the agreement files are rendered twice
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "guide", "site", "--config-file", str(config), "--site-dir", str(site)]
    result = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


def _digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_give_identical_files(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    _build(config, tmp_path / "one", tmp_path / "cache-one", None)
    os.utime(config.parent / "fr" / "guide.yaml")  # touched, not changed
    _build(config, tmp_path / "two", tmp_path / "cache-two", None)
    one, two = _digests(tmp_path / "one"), _digests(tmp_path / "two")
    assert any(name.endswith(".pdf") for name in one) and any(name.endswith(".docx") for name in one)
    assert not any("sitemap" in name for name in one)  # without site_url a sitemap is "None" and today's date
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
