"""`make serve` (`mkdocs serve --dirty`) rebuilds the affected page when a YAML file or a template changes: one
fast build per edit, that shows the page being edited as a full build does."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import fetch, free_port, wait_idle
from guide import preview
from guide.settings import Settings
from sites import ROOT, languages, make_project

pytestmark = pytest.mark.serve


def wait_for(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url, timeout=2):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def server(tmp_path: Path):
    config = make_project(tmp_path)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",  # as make serve does: fast builds
            "--config-file",
            str(config),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=config.parent,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield config.parent, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_yaml_edit_is_served(server: tuple[Path, str]) -> None:
    project, base = server
    assert wait_for(f"{base}/roles/intervenante/", "Intervenante de milieu")
    path = project / "fr" / "guide.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Intervenante de milieu", "Intervenante de quartier"), encoding="utf-8"
    )
    assert wait_for(f"{base}/roles/intervenante/", "Intervenante de quartier")
    assert "Intervenante de quartier" in fetch(f"{base}/roles/", timeout=2)


def shown_titles(page: str) -> list[str]:
    """The titles a page shows of other pages: its sidebar's, its breadcrumbs', its previous and next pages'."""
    return [" ".join(t.split()) for t in re.findall(r'class="md-ellipsis">\s*([^<]*?)\s*<', page)]


def index_of(base: str) -> dict[str, str]:
    """The French search index: each entry's address and title (each address once)."""
    docs = json.loads(fetch(f"{base}/search/search_index.json"))["docs"]
    found = {doc["location"]: doc["title"] for doc in docs}
    assert len(found) == len(docs), "an address indexed twice"
    return found


def test_an_edit_is_one_fast_build_that_shows_the_page_right(server: tuple[Path, str]) -> None:
    project, base = server
    log = project.parent / "serve.log"
    url = f"{base}/roles/intervenante/"
    assert wait_for(url, "Intervenante de milieu")
    wait_idle(log)
    before, index = fetch(url), index_of(base)
    path = project / "fr" / "guide.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Intervenante de milieu", "Intervenante de quartier"), encoding="utf-8"
    )
    assert wait_for(url, "Intervenante de quartier")
    wait_idle(log)
    text = log.read_text(encoding="utf-8")
    assert text.count("Detected file changes") == 1  # the generator's own writes start no second build
    assert "A 'dirty' build" not in text and "Aborted" not in text
    # the other pages' titles, as the full build showed them (the page's own title aside: it changed)
    expected = [t.replace("Intervenante de milieu", "Intervenante de quartier") for t in shown_titles(before)]
    assert shown_titles(fetch(url)) == expected
    assert len(expected) > 5 and all(expected)
    after = index_of(base)
    assert after.keys() == index.keys()  # every page still found by search, not only the one rebuilt
    assert "Intervenante de quartier" in after["roles/intervenante/"]


def wait_without(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url, timeout=2)
        if page and text not in page:
            return True
        time.sleep(0.2)
    return False


def reload_epoch(page: str) -> int:
    """The site version MkDocs' live-reload script in the page knows: browsers reload when it grows."""
    return int(re.search(r"livereload\((\d+),", page).group(1))


def test_content_error_keeps_the_last_good_site_with_the_errors(server: tuple[Path, str]) -> None:
    project, base = server
    url = f"{base}/roles/intervenante/"
    assert wait_for(url, "Intervenante de milieu")
    good_epoch = reload_epoch(fetch(url, timeout=2))
    path = project / "fr" / "guide.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("categorie: structure", 'categorie: "<b>structure</b>"', 1), encoding="utf-8")
    assert wait_for(url, "guide-preview-errors")

    start = time.monotonic()
    page = fetch(url, timeout=5)
    assert time.monotonic() - start < 2  # answered at once, not held until the YAML is fixed
    assert "Intervenante de milieu" in page  # the last good page
    assert reload_epoch(page) > good_epoch  # open browsers reload, and show the errors
    assert "Le contenu a des erreurs" in page
    error = (
        "fr/guide.yaml:32: outils[1].categorie: expected one of structure, outil, "
        "got &#x27;&lt;b&gt;structure&lt;/b&gt;&#x27; (example: categorie: structure)"
    )
    assert error in page
    assert "<b>structure</b>" not in page  # the content's text is shown, never run as markup
    english = fetch(f"{base}/en/roles/intervenante/", timeout=5)
    assert "The content has errors" in english and error in english

    path.write_text(good, encoding="utf-8")
    assert wait_without(url, "guide-preview-errors")
    assert "Intervenante de milieu" in fetch(url, timeout=5)


def test_banner_is_in_the_page_language_and_escapes_the_errors(tmp_path: Path) -> None:
    content = {"fr": tmp_path / "fr", "en": tmp_path / "en"}
    settings = Settings(tmp_path, content, ROOT / "gabarits", tmp_path / "docs", language_data=languages())
    page = b'<html lang="en" class="no-js"><head></head><body dir="ltr"><p>Page</p></body></html>'
    shown = preview.Preview(settings).banner(page, ["en/guide.yaml:3: titre: got '<script>x</script>'"]).decode()
    assert shown.startswith('<html lang="en" class="no-js"><head></head><body dir="ltr"><aside class="md-banner')
    assert "The content has errors" in shown
    assert "en/guide.yaml:3: titre: got &#x27;&lt;script&gt;x&lt;/script&gt;&#x27;" in shown
    assert "<script>" not in shown
    assert shown.endswith("</aside><p>Page</p></body></html>")
