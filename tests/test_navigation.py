"""Every page tells where it stands (issue 14): breadcrumbs, its section open in the sidebar with its page (or, for an
entity's page, its kind's index page) highlighted, previous and next; an entity's page carries that much and no more
as the content grows; one set of section names in the sidebar and on the Chapters page, in every language."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from mkdocs.utils.meta import get_data

from guide import navigation
from guide.labels import load_strings
from guide.model import build_model
from guide.render import Renderer
from guide.validate import load_content
from sites import FIXTURES, ROOT, _config, content_set, languages

LANGS = ("fr", "en")
SMALL, LARGE = 10, 40  # entities of each kind in the two synthetic sites


# --- The sidebar's sections and the Chapters page's groups ---------------------------------------------------------


def _sections(config: dict) -> list[tuple[str, list[str]]]:
    """The sidebar's sections (title, pages), in order."""
    return [(title, pages) for entry in config["nav"] if isinstance(entry, dict) for title, pages in entry.items()]


def _translations(config: dict) -> dict[str, dict[str, str]]:
    """Each language's ``nav_translations`` (the default language's: none)."""
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    return {lang["locale"]: lang.get("nav_translations") or {} for lang in i18n["languages"]}


def _groups(lang: str) -> dict[str, str]:
    """The Chapters page's group names in ``lang`` (part -> name), as the templates get them."""
    strings = load_strings(ROOT / "gabarits", list(LANGS))[lang]
    prefix = "kinds.chapitres.groups."
    return {key[len(prefix) :]: html.unescape(value) for key, value in strings.items() if key.startswith(prefix)}


def _group_names(lang: str) -> dict[str, str]:
    """The same, as a page shows them: typeset for the language."""
    return {part: languages()[lang].typeset(name) for part, name in _groups(lang).items()}


def test_each_section_of_the_sidebar_is_a_part_of_the_chapters_by_its_name_in_every_language() -> None:
    """The sidebar's sections and the Chapters page's groups are the same parts (partie) by the same names: each
    section lists the chapters of one part, in the order of chapitres.yaml, under the name libelles.yaml gives it;
    in English through nav_translations."""
    config = _config()
    translations = _translations(config)
    chapters = yaml.safe_load((ROOT / "fr" / "chapitres.yaml").read_text(encoding="utf-8"))["chapitres"]
    parts: dict[str, list[str]] = {}
    for chapter in chapters:
        parts.setdefault(chapter["partie"], []).append(f"chapitres/{chapter['id']}.md")
    seen = []
    for title, pages in _sections(config):
        listed = [page for page in pages if isinstance(page, str) and page.startswith("chapitres/")]
        part = next(part for part, found in parts.items() if listed and listed[0] in found)
        assert listed == parts[part], f"the section {title!r} lists the chapters of {part!r}, in their order"
        for lang in LANGS:
            shown = translations.get(lang, {}).get(title, title)
            assert shown == _group_names(lang)[part], f"{lang}: the section {title!r} and the group {part!r}"
        seen.append(part)
    assert sorted(seen) == sorted(parts), "every part that has chapters is a section of the sidebar"


def test_the_chapters_page_groups_the_chapters_by_those_names() -> None:
    trees = load_content({lang: FIXTURES / "petit" / lang for lang in LANGS}, FIXTURES / "petit")
    renderer = Renderer(ROOT / "gabarits", load_strings(ROOT / "gabarits", list(LANGS)), languages())
    for lang in LANGS:
        page = renderer.render(build_model(trees[lang], trees["fr"]))["chapitres/index.md"]
        headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
        assert headings == [_groups(lang)["etude"], _groups(lang)["agir"]], lang  # the fixture's two parts, in order


# --- Where an entity page stands: what the generator writes, what the hook makes of it ---------------------------


def test_an_entity_page_names_its_index_page_and_neighbours_in_its_front_matter(tmp_path: Path) -> None:
    from synthetic import content_files

    trees = content_set(tmp_path, {lang: content_files(3, lang, agreements=0) for lang in LANGS})
    renderer = Renderer(ROOT / "gabarits", load_strings(ROOT / "gabarits", list(LANGS)), languages())
    pages = renderer.render(build_model(trees["en"], trees["fr"]))
    places = [get_data(pages[f"controverses/controverse-000{k}.md"])[1][navigation.KEY] for k in (1, 2, 3)]
    assert places == [
        {"index": "index.md", "next": "controverse-0002.md"},  # the first has no previous
        {"index": "index.md", "previous": "controverse-0001.md", "next": "controverse-0003.md"},
        {"index": "index.md", "previous": "controverse-0002.md"},  # the last has no next
    ]
    assert navigation.KEY not in get_data(pages["controverses/index.md"])[1]


def _page(path: str, place: dict | None = None) -> Any:
    return SimpleNamespace(
        file=SimpleNamespace(abs_src_path=f"/docs/fr/{path}"),
        meta={navigation.KEY: place} if place else {},
        parent=None,
        previous_page=None,
        next_page=None,
    )


def test_attach_gives_a_page_the_sidebar_does_not_list_its_place_and_leaves_the_others_alone() -> None:
    index = _page("controverses/index.md")
    first = _page("controverses/a.md", {"index": "index.md", "next": "b.md"})
    second = _page("controverses/b.md", {"index": "index.md", "previous": "a.md", "next": "gone.md"})
    chapter = _page("chapitres/c.md", {"index": "index.md", "next": "d.md"})  # listed: MkDocs placed it
    chapter.previous_page = marker = object()
    navigation.attach([index, first, second, chapter], frozenset({"/docs/fr/chapitres/c.md"}))
    assert (first.parent, first.previous_page, first.next_page) == (index, None, second)
    assert (second.parent, second.previous_page, second.next_page) == (index, first, None)  # no such page: none
    assert (chapter.parent, chapter.previous_page, chapter.next_page) == (None, marker, None)
    assert index.parent is None


# --- Built sites: synthetic content at two sizes, the sidebar in sections as the real one ----------------------------


def _nav() -> list:
    """The synthetic site's sidebar, in sections as the real one: the first four chapters (one of each part), each
    kind's index page; the other chapters and every entity are reached from the index pages."""
    names = _group_names("fr")
    return [
        "index.md",
        {names["etude"]: ["modele/index.md", "chapitres/chapitre-0001.md"]},
        {
            names["agir"]: [
                "chapitres/chapitre-0002.md",
                *(f"{key}/index.md" for key in ("roles", "outils", "controverses", "solutions", "ententes")),
            ]
        },
        {names["resultats"]: ["chapitres/chapitre-0003.md"]},
        {names["perspectives"]: ["chapitres/chapitre-0004.md"]},
        "chapitres/index.md",
        "references/index.md",
        "glossaire/index.md",
    ]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The synthetic content built with the hook at two sizes, with the sidebar above and its English names."""
    import os
    import subprocess

    from bench import _env, mkdocs_build, write_project

    built = {}
    english = {_group_names("fr")[part]: name for part, name in _group_names("en").items()}
    for n in (SMALL, LARGE):
        folder = tmp_path_factory.mktemp(f"nav{n}")
        config_file, _ = write_project(folder, n, agreements=1)
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        config["nav"] = _nav()
        for lang in next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]:
            if lang["locale"] == "en":
                lang["nav_translations"] = english
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        env = _env(Path(os.environ["GUIDE_CACHE"]))  # the session's cache: the agreement's files render once
        result = subprocess.run(
            mkdocs_build(config_file, folder / "site"), cwd=folder, capture_output=True, text=True, env=env
        )
        assert result.returncode == 0, result.stderr[-3000:]
        built[n] = folder / "site"
    return built


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _trail(page: str) -> tuple[str, list[tuple[str, str]]]:
    """The breadcrumbs' name and items (link, text)."""
    found = re.search(r'<nav class="md-path" aria-label="([^"]*)"[^>]*>(.*?)</nav>', page, re.DOTALL)
    assert found, "the page has breadcrumbs"
    items = re.findall(r'<a href="([^"]*)" class="md-path__link">(.*?)</a>', found[2], re.DOTALL)
    return html.unescape(found[1]), [(href, _text(inner)) for href, inner in items]


def _neighbours(page: str) -> dict[str, tuple[str, str, str]]:
    """The foot of the page: direction -> (link, label, title)."""
    found = {}
    pattern = r'<a href="([^"]*)" class="md-footer__link md-footer__link--(prev|next)"[^>]*>(.*?)</a>'
    for href, direction, inner in re.findall(pattern, page, re.DOTALL):
        label = _text(re.search(r'<span class="md-footer__direction">(.*?)</span>', inner, re.DOTALL)[1])
        title = _text(re.search(r'<div class="md-ellipsis">(.*?)</div>', inner, re.DOTALL)[1])
        found[direction] = (href, label, title)
    return found


def _sidebar(page: str) -> str:
    found = re.search(r'<nav class="md-nav md-nav--primary".*?</ul>\s*</nav>\s*</div>', page, re.DOTALL)
    assert found
    return found[0]


def _highlighted(page: str) -> list[tuple[str, str]]:
    """The sidebar's highlighted pages (link, text): an active item that is a page, not a section."""
    pattern = r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]*)" class="md-nav__link[^"]*">(.*?)</a>'
    return [(href, _text(inner)) for href, inner in re.findall(pattern, _sidebar(page), re.DOTALL)]


def _open_sections(page: str) -> list[str]:
    pattern = r'<input class="md-nav__toggle md-toggle[^"]*" type="checkbox" [^>]*checked>\s*<label[^>]*>(.*?)</label>'
    return [_text(inner) for inner in re.findall(pattern, _sidebar(page), re.DOTALL)]


def _title(site: Path, url: str) -> str:
    """A page's title, as the sidebar and the foot of a page print it (its <title> before the site's name)."""
    found = re.search(r"<title>(.*?) - [^<]*</title>", _html(site, url), re.DOTALL)
    assert found
    return html.unescape(found[1])


def _resolves(site: Path, url: str, href: str) -> bool:
    return ((site / url / href).resolve() / "index.html").is_file()


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_an_entity_page_shows_its_section_and_its_kinds_index_page(sites: dict[int, Path], lang: str) -> None:
    site, prefix = sites[SMALL], "" if lang == "fr" else "en/"
    url = f"{prefix}controverses/controverse-0005/"
    page = _html(site, url)
    name, items = _trail(page)
    home, index = {"fr": ("Accueil", "Controverses"), "en": ("Home", "Controversies")}[lang]
    assert name == {"fr": "Fil d’Ariane", "en": "Breadcrumb"}[lang]  # not "Navigation", the sidebar's name
    assert [text for _, text in items] == [home, _group_names(lang)["agir"], index]
    assert all(_resolves(site, url, href) for href, _ in items)
    assert items[-1][0] == "../"  # its kind's index page
    # The sidebar: the index page's section open, the index page highlighted; nothing of the other entities.
    assert _open_sections(page) == [_group_names(lang)["agir"]]
    assert _highlighted(page) == [("../", index)]
    assert "controverse-0004" not in _sidebar(page)


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_an_entity_page_leads_to_its_neighbours_in_the_yaml_files_order(sites: dict[int, Path], lang: str) -> None:
    site, prefix = sites[SMALL], "" if lang == "fr" else "en/"
    previous, following = {"fr": ("Précédent", "Suivant"), "en": ("Previous", "Next")}[lang]

    def at(k: int) -> dict[str, tuple[str, str, str]]:
        return _neighbours(_html(site, f"{prefix}roles/role-{k:04d}/"))

    assert at(1) == {"next": ("../role-0002/", following, _title(site, f"{prefix}roles/role-0002/"))}
    assert at(2) == {
        "prev": ("../role-0001/", previous, _title(site, f"{prefix}roles/role-0001/")),
        "next": ("../role-0003/", following, _title(site, f"{prefix}roles/role-0003/")),
    }
    last = f"role-{SMALL - 1:04d}"
    assert at(SMALL) == {"prev": (f"../{last}/", previous, _title(site, f"{prefix}roles/{last}/"))}


@pytest.mark.build
def test_the_english_page_leads_to_english_pages_and_the_french_one_to_french_ones(sites: dict[int, Path]) -> None:
    site = sites[SMALL]
    for prefix in ("", "en/"):
        url = f"{prefix}solutions/solution-0003/"
        for href, _, title in _neighbours(_html(site, url)).values():
            target = (site / url / href).resolve()
            assert target.is_dir() and target.relative_to(site.resolve()).as_posix().startswith(f"{prefix}solutions/")
            assert title == _title(site, target.relative_to(site.resolve()).as_posix() + "/")
    assert _title(site, "solutions/solution-0002/") != _title(site, "en/solutions/solution-0002/")


@pytest.mark.build
def test_a_chapter_of_the_sidebar_keeps_its_section_and_its_neighbours_in_the_sidebars_order(
    sites: dict[int, Path],
) -> None:
    site = sites[SMALL]
    page = _html(site, "chapitres/chapitre-0002/")
    assert [text for _, text in _trail(page)[1]] == ["Accueil", _group_names("fr")["agir"]]
    assert _highlighted(page) == []  # the page itself: Material marks its link, with its table of contents
    assert 'class="md-nav__link md-nav__link--active"' in _sidebar(page)
    neighbours = _neighbours(page)
    assert neighbours["prev"][0] == "../chapitre-0001/"  # the last page of the section before
    assert neighbours["next"][0] == "../../roles/"  # the next page of the sidebar, the Roles page
    # A chapter the sidebar does not list: its place is the Chapters page, its neighbours the chapters around it.
    page = _html(site, "chapitres/chapitre-0006/")
    assert [text for _, text in _trail(page)[1]] == ["Accueil", "Chapitres"]
    assert _highlighted(page) == [("../", "Chapitres")]
    assert {d: href for d, (href, _, _) in _neighbours(page).items()} == {
        "prev": "../chapitre-0005/",
        "next": "../chapitre-0007/",
    }


def _chrome(page: str) -> dict[str, int]:
    """The sizes of what a page carries around its content: the sidebar, the breadcrumbs, the foot's neighbours,
    and everything outside the article."""
    article = re.search(r"<article.*?</article>", page, re.DOTALL)
    trail = re.search(r'<nav class="md-path".*?</nav>', page, re.DOTALL)
    foot = re.search(r'<nav class="md-footer__inner.*?</nav>', page, re.DOTALL)
    assert article and trail and foot
    return {
        "sidebar": len(_sidebar(page)),
        "breadcrumbs": len(trail[0]),
        "footer": len(foot[0]),
        "outside the article": len(page) - len(article[0]),
    }


@pytest.mark.build
@pytest.mark.parametrize("url", ["controverses/controverse-0005/", "en/roles/role-0003/", "chapitres/chapitre-0006/"])
def test_an_entity_pages_navigation_does_not_grow_with_the_content(sites: dict[int, Path], url: str) -> None:
    """Four times the entities, the same navigation on an entity's page: the sidebar lists the index pages, never
    the entities (a page listing them all would make the site's size grow with the square of its content)."""
    small, large = _html(sites[SMALL], url), _html(sites[LARGE], url)
    assert _chrome(small) == _chrome(large)
    assert abs(len(large) - len(small)) <= len(small) // 50  # the whole page too, within 2 %


# --- The real site -------------------------------------------------------------------------------------------------


def _ids(lang: str, kind: str) -> list[str]:
    return [e["id"] for e in yaml.safe_load((ROOT / lang / f"{kind}.yaml").read_text(encoding="utf-8"))[kind]]


@pytest.mark.parametrize("lang", LANGS)
def test_a_controversy_of_the_real_guide_shows_its_place(real_site: Path, lang: str) -> None:
    prefix = "" if lang == "fr" else "en/"
    ids = _ids(lang, "controverses")
    first = f"{prefix}controverses/{ids[0]}/"
    page = _html(real_site, first)
    _, items = _trail(page)
    assert [text for _, text in items][1:] == [_group_names(lang)["agir"], _title(real_site, f"{prefix}controverses/")]
    assert all(_resolves(real_site, first, href) for href, _ in items)
    assert _highlighted(page) == [("../", _title(real_site, f"{prefix}controverses/"))]
    assert _open_sections(page) == [_group_names(lang)["agir"]]
    following = {"fr": "Suivant", "en": "Next"}[lang]
    second = f"{prefix}controverses/{ids[1]}/"
    assert _neighbours(page) == {"next": (f"../{ids[1]}/", following, _title(real_site, second))}


def test_the_chapters_of_the_real_guide_follow_the_sidebar(real_site: Path) -> None:
    """Previous and next on a page of the sidebar: the page before and after it there, chapters and index pages."""
    order: list[str] = []
    for entry in _config()["nav"]:
        for pages in entry.values() if isinstance(entry, dict) else [[entry]]:
            order += pages
    urls = [page.removesuffix(".md").removesuffix("index").removesuffix("/") for page in order]
    for i, url in enumerate(urls):
        if not url.startswith("chapitres/"):
            continue
        found = {d: _target(real_site, url, href) for d, (href, _, _) in _neighbours(_html(real_site, url)).items()}
        assert found == {"prev": urls[i - 1], "next": urls[i + 1]}, url


def _target(site: Path, url: str, href: str) -> str:
    """The address a link of the page at ``url`` leads to, from the site's root, without its slashes."""
    return (site / url / href).resolve().relative_to(site.resolve()).as_posix().strip(".")
