"""Shared for the whole test session: one cache of rendered agreement files (each fixture's PDFs are rendered
once), the real site built once, and a browser."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_cache = tempfile.mkdtemp(prefix="guide-cache-")


def pytest_configure(config) -> None:
    os.environ.setdefault("GUIDE_CACHE", _cache)


def pytest_unconfigure(config) -> None:
    shutil.rmtree(_cache, ignore_errors=True)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content's site, built as `make site` builds it."""
    from sites import ROOT, build

    site = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT / "mkdocs.yml", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def browser():
    from browser import chromium

    with chromium() as found:
        yield found
