"""The offline copy as a reader uses it: the zip that `make site` puts in the site, unzipped and opened from the
disk (file://) in headless Chromium, search included, in each language."""

from __future__ import annotations

import re
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from guide import offline
from sites import ROOT

pytestmark = pytest.mark.offline  # and real_site, browser: from their fixtures

HOMES = {"fr": "index.html", "en": "en/index.html"}
# A word of each language, and a name that pages of both languages hold: each page finds its language's only.
QUERIES = [("fr", "locataires"), ("en", "tenant"), ("fr", "Callon"), ("en", "Callon")]


@pytest.fixture(scope="module")
def archive(real_site: Path) -> Path:
    return real_site / offline.ZIP


@pytest.fixture(scope="module")
def copy(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hors-ligne")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    return folder / offline.NAME


@pytest.fixture
def foreign() -> list[str]:
    """The requests of the page below that leave the disk."""
    return []


@pytest.fixture
def page(browser, foreign: list[str]):
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def on_request(request) -> None:
        if urlsplit(request.url).scheme != "file":
            foreign.append(request.url)

    context.on("request", on_request)
    yield context.new_page()
    context.close()


def local_file(url: str, copy: Path) -> Path:
    """The file a file:// address inside the copy opens."""
    parts = urlsplit(url)
    assert parts.scheme == "file", url
    path = Path(unquote(parts.path))
    assert path.is_relative_to(copy), url
    return path


def title_of(page: Path) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.DOTALL).group(1))


def words(text: str) -> str:
    return " ".join(text.split())  # no-break spaces count as spaces


def test_zip_holds_the_site_under_one_folder(archive: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        infos = opened.infolist()
    names = [info.filename for info in infos]
    assert all(name.startswith(offline.NAME + "/") for name in names)
    assert f"{offline.NAME}/index.html" in names and f"{offline.NAME}/en/index.html" in names
    assert f"{offline.NAME}/search/search_index.js" in names and f"{offline.NAME}/en/search/search_index.js" in names
    assert not [name for name in names if name.endswith(".zip")]  # neither itself nor an earlier one
    assert names == sorted(names)
    assert len({info.date_time for info in infos}) == 1
    with zipfile.ZipFile(archive) as opened:  # the link to the zip is left out, from the pages and from search
        for lang, home in HOMES.items():
            assert 'id="hors-ligne"' not in opened.read(f"{offline.NAME}/{home}").decode()
            index = opened.read(f"{offline.NAME}/{'en/' if lang == 'en' else ''}search/search_index.js").decode()
            assert "guide hors ligne" not in index and "offline version of the guide" not in index


def test_zip_is_reproducible(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second build gives the same bytes."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # as the site fixture was built
    assert offline.build(ROOT / "mkdocs.yml", tmp_path)
    assert (tmp_path / offline.ZIP).read_bytes() == archive.read_bytes()


@pytest.mark.parametrize(("lang", "query"), QUERIES)
def test_search_from_the_disk_finds_pages_of_the_page_language(
    copy: Path, page, foreign: list[str], lang: str, query: str
) -> None:
    page.goto((copy / HOMES[lang]).as_uri())
    page.fill("input.md-search__input", query)
    page.wait_for_selector(".md-search-result__item")
    results = page.eval_on_selector_all(  # each page found: its address and its title
        ".md-search-result__item > a.md-search-result__link:first-child",
        "as => as.map(a => [a.href, a.querySelector('h1').innerText])",
    )
    assert results
    for link, title in results:
        path = local_file(link, copy)
        assert path.is_file(), link
        assert (path.relative_to(copy).parts[0] == "en") == (lang == "en"), link
        assert words(title) in words(title_of(path)), link  # that page, not the same page in the other language
    page.click(".md-search-result__item a.md-search-result__link")
    page.wait_for_load_state()
    assert local_file(page.url, copy).is_file()
    assert page.get_attribute("html", "lang") == lang
    assert foreign == []


@pytest.mark.parametrize("lang", HOMES)
def test_links_between_pages_work_from_the_disk(copy: Path, page, foreign: list[str], lang: str) -> None:
    home = copy / HOMES[lang]
    page.goto(home.as_uri())
    links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    for link in [link for link in links if urlsplit(link).scheme == "file"]:
        assert local_file(link, copy).is_file(), link  # no folder address, nor the zip the copy does not hold
    page.click('.md-content a[href$=".html"]')  # the first link of the text to another page
    page.wait_for_load_state()
    following = local_file(page.url, copy)
    assert following.is_file() and following != home
    assert page.get_attribute("html", "lang") == lang
    page.click("a.md-logo")  # back to the home page of the same language
    page.wait_for_load_state()
    assert local_file(page.url, copy) == home
    assert foreign == []
