"""`make serve` (`mkdocs serve --dirty`) rebuilds the affected page when a YAML file or a template changes: one
fast build per edit, that shows the page being edited as a full build does."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from bench import fetch, free_port, wait_idle
from guide import preview
from guide.settings import Settings
from sites import ROOT, languages, make_project

pytestmark = pytest.mark.serve
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "NO_MKDOCS_2_WARNING": "1"}


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
        env=ENV,
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


def test_the_preview_looks_at_the_content_often(tmp_path: Path) -> None:
    """MkDocs' server looks at the files it watches every half second: an edit waited up to that long before its
    build started. The preview looks at the content and the hand-written pages every tenth of a second."""
    config = make_project(tmp_path)
    settings = Settings.from_mkdocs(load_config(str(config)))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(settings.docs_dir))  # as MkDocs does before the hook's on_serve
    try:
        preview.Preview(settings).attach(server)
        intervals = {emitter.watch.path: emitter.timeout for emitter in server.observer.emitters}
    finally:
        server.server_close()
    watched = [str(folder) for folder in settings.content.values()] + [str(settings.docs_dir)]
    assert {path: intervals.get(path) for path in watched} == {path: preview.POLLING for path in watched}


# Builds as `make serve` runs them, in one process: the first one, then one after each edit (`fast`), or one full
# build of the content as it is (`full`). Prints the number of entries Material's search holds after each build.
BUILDS = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, site, address, mode, edits = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])

def config():
    loaded = load_config(config_file, site_dir=site)
    loaded.site_url = address
    return loaded

first = config()
first.plugins.on_startup(command="serve", dirty=mode == "fast")
build(first, serve_url=address, dirty=mode == "fast")
for file, old, new in edits:
    path = Path(file)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    current = config()
    build(current, serve_url=address, dirty=True)
    print(len(current.plugins["material/search"].search_index.entries), flush=True)
"""


def run_builds(config: Path, site: Path, mode: str, edits: list[tuple[str, str, str]]) -> list[int]:
    args = [str(config), str(site), "http://127.0.0.1:8000/", mode, json.dumps(edits)]
    done = subprocess.run(
        [sys.executable, "-c", BUILDS, *args], cwd=config.parent, env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [int(line) for line in done.stdout.split()]


def test_fast_builds_in_a_row_write_what_a_full_build_writes(tmp_path: Path) -> None:
    """Four edits in a row, in both languages: the pages they change and the search index of each language are
    what a full build of the same content writes, and nothing grows from one build to the next (Material's
    search, under mkdocs-static-i18n, doubled its index at each edit: preview.search_from_nothing). The files
    mkdocs-static-i18n made for the first build are taken again (preview.KnownFiles)."""
    served = make_project(tmp_path / "served")
    files = {lang: str(served.parent / lang / "guide.yaml") for lang in ("fr", "en")}
    edits = [
        (files["fr"], "*Titre*", "*Titre un*"),
        (files["en"], "*Title*", "*Title one*"),
        (files["fr"], "*Titre un*", "*Titre deux*"),
        (files["en"], "*Title one*", "*Title two*"),
    ]
    counts = run_builds(served, tmp_path / "fast", "fast", edits)
    assert len(counts) == 4 and counts[2:] == counts[:2], counts  # the same pages built again: the same entries

    full = make_project(tmp_path / "full")
    for lang in ("fr", "en"):
        shutil.copy(files[lang], full.parent / lang / "guide.yaml")
    run_builds(full, tmp_path / "whole", "full", [])
    assert "Titre deux" in (tmp_path / "fast" / "references" / "index.html").read_text(encoding="utf-8")
    assert "Title two" in (tmp_path / "fast" / "en" / "references" / "index.html").read_text(encoding="utf-8")
    for page in ("references/index.html", "en/references/index.html", "sitemap.xml", "sitemap-en.xml", "robots.txt"):
        fast, whole = (tmp_path / site / page for site in ("fast", "whole"))
        assert fast.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8"), page
    for folder in ("", "en/"):
        fast, whole = (
            json.loads((tmp_path / site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
            for site in ("fast", "whole")
        )
        assert len({doc["location"] for doc in fast["docs"]}) == len(fast["docs"])  # each entry once
        assert sorted(fast["docs"], key=str) == sorted(whole["docs"], key=str)
