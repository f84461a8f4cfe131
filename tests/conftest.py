"""Shared for the whole test session: one cache of rendered agreement files (each fixture's PDFs are rendered
once), the real site built once, and a browser; the golden files' update flag; the markers that need no edit of a
test (a test that uses the real site or the browser is slow)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_cache = tempfile.mkdtemp(prefix="guide-cache-")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from what the code makes now (then read the diff: it is the change you make)",
    )


def pytest_configure(config) -> None:
    os.environ.setdefault("GUIDE_CACHE", _cache)


def pytest_unconfigure(config) -> None:
    shutil.rmtree(_cache, ignore_errors=True)


# What makes a test slow (pyproject.toml describes each marker): such a test is marked slow too, and make test-fast
# (-m "not slow") leaves it out. A test that uses the real site or the browser gets its marker without saying so.
SLOW = ("real_site", "browser", "build", "serve", "offline", "bench")
BY_FIXTURE = {"real_site": "real_site", "browser": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
        if any(item.get_closest_marker(marker) for marker in SLOW):
            item.add_marker("slow")


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
