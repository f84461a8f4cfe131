"""Links between generated pages."""

from __future__ import annotations

import itertools
import posixpath

from guide.model import relative_path

PATHS = ["index.md", "a.md", "roles/x.md", "roles/index.md", "outils/y.md", "a/b/c.md", "a/b/d.md", "a/e.md"]


def test_relative_path_is_posixpath_relpath_from_the_page_folder() -> None:
    for target, page in itertools.product(PATHS, PATHS):
        assert relative_path(target, page) == posixpath.relpath(target, posixpath.dirname(page) or "."), (target, page)


def test_relative_path_examples() -> None:
    assert relative_path("roles/a.md", "outils/b.md") == "../roles/a.md"
    assert relative_path("roles/a.md", "roles/index.md") == "a.md"
    assert relative_path("roles/a.md", "index.md") == "roles/a.md"
