"""One cache of rendered agreement files for the whole test session: each fixture's PDFs are rendered once."""

from __future__ import annotations

import os
import shutil
import tempfile

_cache = tempfile.mkdtemp(prefix="guide-cache-")


def pytest_configure(config) -> None:
    os.environ.setdefault("GUIDE_CACHE", _cache)


def pytest_unconfigure(config) -> None:
    shutil.rmtree(_cache, ignore_errors=True)
