"""The site published at an address under a sub-path (GitHub project pages), served on 127.0.0.1 the way such a
host serves it: canonical links, hreflang, sitemaps, robots.txt, the 404 pages, and Material's scripts making no
failing request; and without an address, none of it, and nothing broken."""

from __future__ import annotations

import contextlib
import hashlib
import re
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from mkdocs.config import load_config

from browser import _Handler, serve
from guide import offline, publishing
from sites import ROOT, build, make_project
from test_cli import dry_run

PREFIX = "/sous-chemin/"
LANGS = ["fr", "en"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LINK = re.compile(r"<link rel=\"(canonical|alternate)\" href=\"([^\"]*)\"(?: hreflang=\"([^\"]*)\")?>")


# --- What the address gives, without a build -------------------------------------------------------------------


def test_alternates_are_the_same_page_in_each_language_then_x_default() -> None:
    site = "https://example.org/guide/"
    assert publishing.alternates("en/roles/x/", site, LANGS) == [
        ("fr", "https://example.org/guide/roles/x/"),
        ("en", "https://example.org/guide/en/roles/x/"),
        ("x-default", "https://example.org/guide/roles/x/"),
    ]
    assert publishing.alternates("", site, LANGS) == [
        ("fr", site),
        ("en", site + "en/"),
        ("x-default", site),
    ]
    assert publishing.alternates("roles/x/", None, LANGS) == publishing.alternates("roles/x/", "", LANGS) == []


def test_a_sitemap_lists_its_language_once_each_with_the_alternates_that_exist() -> None:
    site = "https://example.org/"
    pages = {"fr": ["./", "roles/x/", "seule/"], "en": ["en/", "en/roles/x/"]}
    tree = ElementTree.fromstring(publishing.sitemap(site, "fr", pages, LANGS))
    urls = {u.findtext(f"{SITEMAP}loc"): u for u in tree.iter(f"{SITEMAP}url")}
    assert list(urls) == [site, site + "roles/x/", site + "seule/"]
    links = {u: [(a.get("hreflang"), a.get("href")) for a in e.iter(f"{XHTML}link")] for u, e in urls.items()}
    assert links[site + "roles/x/"] == [
        ("fr", site + "roles/x/"),
        ("en", site + "en/roles/x/"),
        ("x-default", site + "roles/x/"),
    ]
    assert links[site + "seule/"] == [("fr", site + "seule/"), ("x-default", site + "seule/")]  # no English page
    assert "lastmod" not in publishing.sitemap(site, "fr", pages, LANGS)  # no date from the build's clock


def test_sitemap_index_and_robots() -> None:
    site = "https://example.org/guide/"
    tree = ElementTree.fromstring(publishing.sitemap_index(site, LANGS))
    assert [s.findtext(f"{SITEMAP}loc") for s in tree.iter(f"{SITEMAP}sitemap")] == [
        site + "sitemap-fr.xml",
        site + "sitemap-en.xml",
    ]
    assert "Sitemap: https://example.org/guide/sitemap.xml\n" in publishing.robots(site)


def test_the_address_comes_from_make_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert 'GUIDE_SITE_URL="https://example.org/guide/"' in dry_run("site", "SITE_URL=https://example.org/guide/")
    monkeypatch.setenv("GUIDE_SITE_URL", "https://example.org/guide")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://example.org/guide/"
    monkeypatch.delenv("GUIDE_SITE_URL")
    assert not load_config(str(ROOT / "mkdocs.yml")).site_url


def test_the_offline_copy_has_no_address(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_url: !ENV [GUIDE_SITE_URL, "https://example.org/"]\nplugins: [search]\n', "utf-8")
    assert offline.derived_config(config)["site_url"] == ""


# --- The site built with an address and served under a sub-path --------------------------------------------------


class _SubPath(_Handler):
    """A static host serving the site under PREFIX only, with its root 404.html for any missing address."""

    def translate_path(self, path: str) -> str:
        if path.split("?")[0] + "/" == PREFIX:
            path = PREFIX
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "nulle-part" / "introuvable")
        return super().translate_path("/" + path[len(PREFIX) :])


def _server(folder: Path) -> contextlib.AbstractContextManager[str]:
    """Serve ``folder`` under PREFIX on 127.0.0.1 (the folder may be built once the address is known)."""
    return serve(folder, _SubPath, PREFIX)


def _project(folder: Path, site_url: str) -> Path:
    config = make_project(folder)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    config.write_text(yaml.safe_dump({**data, "site_url": site_url}, allow_unicode=True, sort_keys=False), "utf-8")
    return config


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(the built site, its address): the small content set built for the address it is then served at."""
    folder = tmp_path_factory.mktemp("publie")
    site = folder / "site"
    with _server(site) as address:
        result = build(_project(folder, address), "--site-dir", str(site))
        assert result.returncode == 0, result.stderr
        yield site, address


def _pages(site: Path) -> dict[str, list[str]]:
    """Every page's address from the site's root, by language, from the built files."""
    found: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        found["en" if url.startswith("en/") else "fr"].append(url)
    return found


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.mark.build
def test_every_page_names_itself_and_its_languages_with_absolute_addresses(published: tuple[Path, str]) -> None:
    site, address = published
    pages = _pages(site)
    assert len(pages["fr"]) == len(pages["en"]) > 10
    targets = set()
    for urls in pages.values():
        for url in urls:
            links = LINK.findall((site / url / "index.html").read_text(encoding="utf-8"))
            rest = url.removeprefix("en/")
            assert links == [
                ("canonical", address + url, ""),
                ("alternate", address + rest, "fr"),
                ("alternate", address + "en/" + rest, "en"),
                ("alternate", address + rest, "x-default"),
            ], url
            targets.update(href for _, href, _ in links)
    assert {_status(url) for url in sorted(targets)} == {200}


@pytest.mark.build
def test_sitemaps_list_every_page_of_their_language_once(published: tuple[Path, str]) -> None:
    site, address = published
    assert "Sitemap: " + address + "sitemap.xml\n" in _fetch(address + "robots.txt")
    index = ElementTree.fromstring(_fetch(address + "sitemap.xml"))
    assert index.tag == f"{SITEMAP}sitemapindex"
    sitemaps = [s.findtext(f"{SITEMAP}loc") for s in index.iter(f"{SITEMAP}sitemap")]
    assert sitemaps == [address + "sitemap-fr.xml", address + "sitemap-en.xml"]
    pages = _pages(site)
    for lang, sitemap in zip(LANGS, sitemaps, strict=True):
        tree = ElementTree.fromstring(_fetch(sitemap))
        listed = [u.findtext(f"{SITEMAP}loc") for u in tree.iter(f"{SITEMAP}url")]
        assert sorted(listed) == sorted(address + url for url in pages[lang])  # each once
        assert not list(tree.iter(f"{SITEMAP}lastmod"))
        alternates = {a.get("href") for a in tree.iter(f"{XHTML}link")}
        assert {_status(url) for url in sorted({*listed, *alternates})} == {200}
    assert sorted(p.name for p in site.rglob("sitemap*")) == ["sitemap-en.xml", "sitemap-fr.xml", "sitemap.xml"]


@pytest.mark.build
@pytest.mark.parametrize(("missing", "lang"), [("nulle-part/", "fr"), ("en/nowhere/", "en")])
def test_not_found_pages_work_under_the_sub_path(published: tuple[Path, str], missing: str, lang: str) -> None:
    site, address = published
    with pytest.raises(urllib.error.HTTPError) as found:
        urllib.request.urlopen(address + missing, timeout=10)
    assert found.value.code == 404
    page = found.value.read().decode("utf-8")
    assert '<meta name="robots" content="noindex">' in page
    own = (site / ("" if lang == "fr" else "en/") / "404.html").read_text(encoding="utf-8")
    host = address.removesuffix(PREFIX)
    for html in (page, own):
        refs = set(re.findall(r'(?:href|src)="([^"#]+)"', html))
        assert refs and all(ref.startswith(PREFIX) for ref in refs), refs
        assert {_status(host + ref) for ref in sorted(refs)} == {200}
    assert f'config.base = "{PREFIX}{"" if lang == "fr" else "en/"}"' in own  # search in the page's language


@pytest.mark.build
def test_the_offline_copy_names_no_address(published: tuple[Path, str], tmp_path: Path) -> None:
    site, _ = published
    with zipfile.ZipFile(site / offline.ZIP) as archive:
        names = archive.namelist()
        pages = [archive.read(name).decode("utf-8") for name in names if name.endswith(".html")]
    assert pages and not [p for p in pages if 'rel="canonical"' in p or 'hreflang="x-default"' in p]
    assert not [name for name in names if "sitemap" in name or name.endswith("robots.txt")]


@pytest.mark.build
def test_two_builds_for_the_same_address_are_identical(published: tuple[Path, str], tmp_path: Path) -> None:
    site, address = published
    again = tmp_path / "site"
    result = build(_project(tmp_path, address), "--site-dir", str(again))
    assert result.returncode == 0, result.stderr

    def digests(folder: Path) -> dict[str, str]:
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    one, two = digests(site), digests(again)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


@pytest.mark.browser
@pytest.mark.parametrize(("start", "other"), [("roles/intervenante/", "en"), ("en/outils/comite/", "fr")])
def test_material_makes_no_failing_request(published: tuple[Path, str], browser, start: str, other: str) -> None:
    """A page in each language, then the same page in the other language through the language selector."""
    _, address = published
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed: list[str] = []
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.goto(address + start, wait_until="networkidle")
    # the links are still in the page once Material's script has looked
    assert page.eval_on_selector_all("link[rel=alternate][hreflang]", "links => links.length") == 3
    page.hover(".md-header .md-select")
    with page.expect_navigation(wait_until="networkidle"):
        page.click(f".md-header a.md-select__link[hreflang={other}]")
    rest = start.removeprefix("en/")
    assert page.url == address + ("en/" if other == "en" else "") + rest
    page.close()
    assert failed == []
    assert all(url.startswith(address) for url in requested)


# --- Without an address ------------------------------------------------------------------------------------------


@pytest.mark.build
def test_without_an_address_nothing_names_one(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    result = build(config)
    assert result.returncode == 0, result.stderr
    site = config.parent / "site"
    for lang, urls in _pages(site).items():
        for url in urls:
            html = (site / url / "index.html").read_text(encoding="utf-8")
            assert LINK.findall(html) == [], (lang, url)
    assert not [p.name for p in site.rglob("*") if p.name.startswith("sitemap") or p.name == "robots.txt"]
    assert 'config.base = "/en/"' in (site / "en" / "404.html").read_text(encoding="utf-8")
