"""A whole build of the small fixture content set, checked as a reader would meet it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sites import build, make_project

pytestmark = pytest.mark.build

PAGES = [
    "",
    "modele/",
    "roles/",
    "roles/intervenante/",
    "outils/",
    "outils/comite/",
    "controverses/",
    "controverses/espaces/",
    "solutions/",
    "solutions/entente/",
    "references/",
    "chapitres/",
    "chapitres/reseau/",
    "chapitres/apercu/",
    "glossaire/",
    "ententes/",
    "ententes/salle/",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = make_project(tmp_path_factory.mktemp("build"))
    result = build(config)
    assert result.returncode == 0, result.stderr
    return config.parent / "site"


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_exact_list_of_pages(site: Path) -> None:
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    expected = sorted(
        ["404.html", "en/404.html"] + [f"{u}index.html" for u in PAGES] + [f"en/{u}index.html" for u in PAGES]
    )
    assert built == expected


@pytest.mark.parametrize("url", PAGES)
def test_languages_and_switcher(site: Path, url: str) -> None:
    """Each page is in its language and its switcher leads to the same page in the other one."""
    depth = url.count("/")
    fr, en = html(site, url), html(site, "en/" + url)
    assert '<html lang="fr"' in fr and '<html lang="en"' in en
    to_en = re.search(r'<a href="([^"]*)" hreflang="en" class="md-select__link"', fr).group(1)
    to_fr = re.search(r'<a href="([^"]*)" hreflang="fr" class="md-select__link"', en).group(1)
    assert to_en == "../" * depth + "en/" + url if url else "en/"
    assert to_fr == "../" * (depth + 1) + url
    # No <link rel="alternate" hreflang> in the head without an address (site_url): they need absolute ones.
    assert '<link rel="alternate"' not in fr and '<link rel="alternate"' not in en


def test_index_pages_link_every_entity_and_sidebar_does_not(site: Path) -> None:
    roles = html(site, "roles/")
    assert 'href="intervenante/"' in roles
    home = html(site, "")
    assert "intervenante" not in home  # the sidebar lists index pages only


def test_cross_links_both_ways(site: Path) -> None:
    role = html(site, "roles/intervenante/")
    assert 'href="../../outils/comite/"' in role and 'href="../../controverses/espaces/"' in role
    tool = html(site, "en/outils/comite/")
    assert "Roles that take part" in tool and 'href="../../roles/intervenante/"' in tool
    assert "Solutions that rely on it" in tool


def test_search_index_per_language(site: Path) -> None:
    fr = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert fr["config"]["lang"] == ["fr"] and en["config"]["lang"] == ["en"]
    assert {d["location"].split("#")[0] for d in fr["docs"]} == set(PAGES)
    assert {d["location"].split("#")[0] for d in en["docs"]} == set(PAGES)
    assert any(d["title"] == "Intervenante de milieu" for d in fr["docs"])
    assert not any(d["title"] == "On-site community worker" for d in fr["docs"])
    assert any(d["title"] == "On-site community worker" for d in en["docs"])
    # English pages look for their index under en/, French pages at the root.
    assert 'config.base = "../../../en/"' in html(site, "en/roles/intervenante/")
    assert 'config.base = "../.."' in html(site, "roles/intervenante/")


def test_french_typography_applied(site: Path) -> None:
    role = html(site, "roles/intervenante/")
    assert "milieu\u00a0: «\u00a0tous les jours\u00a0»" in role
    assert "salle\u202f?" in html(site, "controverses/espaces/")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("breakage", ["content", "template"])
def test_failed_build_leaves_site_untouched(tmp_path: Path, breakage: str) -> None:
    config = make_project(tmp_path)
    assert build(config).returncode == 0
    before = snapshot(config.parent / "site")
    if breakage == "content":
        path = config.parent / "fr" / "guide.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("[comite]", "[inconnu]", 1), encoding="utf-8")
    else:
        page = config.parent / "docs" / "fr" / "index.md"
        page.write_text("# Accueil\n\n[lien brisé](nulle-part.md)\n", encoding="utf-8")
    result = build(config)
    assert result.returncode != 0
    if breakage == "content":
        assert "fr/guide.yaml:27: roles[1].structures[1]: 'inconnu' is not the id of any of the outils" in result.stderr
        assert "INFO" not in result.stderr  # the builds, started meanwhile, were stopped and said nothing
    assert "was left as it was" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(config.parent / "site") == before
    assert not list(config.parent.glob("site.*"))


def test_rebuild_rewrites_nothing_and_removes_deleted(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    assert build(config).returncode == 0
    generated = config.parent / "docs" / "fr" / "roles" / "intervenante.md"
    mtime = generated.stat().st_mtime_ns
    result = build(config)
    assert "0 written, 0 removed" in result.stderr
    assert generated.stat().st_mtime_ns == mtime
    for lang in ("fr", "en"):
        path = config.parent / lang / "guide.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("    structures: [comite]\n    controverses: [espaces]\n", "    structures: [comite]\n"),
            encoding="utf-8",
        )
    result = build(config)
    assert result.returncode == 0, result.stderr
    assert generated.is_file()


def test_plain_mkdocs_build_strict(tmp_path: Path) -> None:
    """Without `make site`, MkDocs alone runs the generation through the hook: no PYTHONPATH, and an empty cache,
    so that the agreements' files are rendered by processes that must find the package by themselves."""
    config = make_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GUIDE_CACHE")}

    def build() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
        env_build = {**env, "NO_MKDOCS_2_WARNING": "1"}
        return subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=env_build)

    result = build()
    assert result.returncode == 0, result.stderr
    assert (config.parent / "site" / "en" / "roles" / "intervenante" / "index.html").is_file()
    assert (config.parent / "site" / "ententes" / "fichiers" / "entente-salle-fr-en.pdf").is_file()
    assert result.stderr.count("guide: 32 pages generated") == 1  # once, not once per language
    # the theme's templates and the pages' compiled once, kept for the next build, which compiles none again
    compiled = {path: path.stat().st_mtime_ns for path in (config.parent / ".cache" / "guide" / "jinja").iterdir()}
    assert len(compiled) > 40  # Material's, the theme's, the pages'
    again = build()
    assert again.returncode == 0, again.stderr
    assert {path: path.stat().st_mtime_ns for path in compiled} == compiled


def test_not_found_page_switcher_leads_to_home_pages(site: Path) -> None:
    page = (site / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', page)
    assert links == [("/", "fr"), ("/en/", "en")]


def test_french_apostrophe_is_typographic(site: Path) -> None:
    page = html(site, "chapitres/reseau/")
    assert "Ce qu’un réseau peut faire" in page
    assert "Ce qu'un" not in page
    assert "What a network can do" in html(site, "en/chapitres/reseau/")


def test_chapter_steps_and_controversy_table(site: Path) -> None:
    page = html(site, "en/chapitres/reseau/")
    assert re.search(r'<h2 id="problematisation">1\. Defining the problem together', page)
    assert "<em>In the theory: Problematisation</em>" in page  # the fixture has no theory page to link to
    assert '<a href="#problematisation">Defining the problem together</a>' in page  # the steps at a glance
    table = re.search(r'<table class="guide-matrix__table">.*?</table>', page, re.DOTALL).group(0)
    assert 'href="../../solutions/entente/"' in table and 'href="../../controverses/espaces/"' in table
    assert "✓" in table and '<th scope="row">' in table
    assert "guide's reading" in page
    assert '<table class="guide-matrix__table">' in html(site, "controverses/")


def test_model_diagram_is_the_same_figure_in_both_languages(site: Path) -> None:
    shapes = {}
    for lang, url in (("fr", "modele/"), ("en", "en/modele/")):
        page = html(site, url)
        svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", page, re.DOTALL).group(0)
        assert 'role="img"' in svg and 'aria-labelledby="modele-titre modele-description"' in svg
        assert re.search(r'<title id="modele-titre">[^<]+</title>', svg)
        assert re.search(r'<desc id="modele-description">[^<]{40,}</desc>', svg)
        # Black, white and greys only: it prints in black and white.
        assert set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]+)"', svg)) <= {
            "#fff",
            "#111",
            "#222",
            "#333",
            "#e6e6e6",
            "#000",
        }
        shapes[lang] = re.findall(r"<(rect|path)\b", svg)
        assert "<figcaption>" in page
    assert shapes["fr"] == shapes["en"] and shapes["fr"]
    assert "Adultes" in html(site, "modele/") and "Adults" in html(site, "en/modele/")
    assert "<svg" in html(site, "chapitres/apercu/")


def test_glossary_abbreviations_become_tooltips(site: Path) -> None:
    assert '<abbr title="habitation à loyer modique">HLM</abbr>' in html(site, "chapitres/reseau/")
    assert '<abbr title="low-rental housing (habitation à loyer modique)">HLM</abbr>' in html(
        site, "en/chapitres/reseau/"
    )
    glossary = html(site, "glossaire/")
    assert 'id="hlm"' in glossary and "Un logement social public." in glossary


def test_generated_markdown_is_written_as_mkdocs_reads_it(site: Path) -> None:
    """Abbreviations and typography are in the generated files (the hook leaves those pages alone): once each."""
    markdown = (site.parent / "docs" / "fr" / "chapitres" / "reseau.md").read_text(encoding="utf-8")
    assert markdown.count("*[HLM]: habitation à loyer modique") == 1 and "Ce qu’un réseau" in markdown
    assert html(site, "chapitres/reseau/").count('<abbr title="habitation à loyer modique">HLM</abbr>') >= 1


def test_agreement_page_has_its_form_its_blanks_and_its_signatures(site: Path) -> None:
    page = html(site, "ententes/salle/")
    form = re.search(r'<form class="guide-fill".*?</form>', page, re.DOTALL).group(0)
    assert '<label for="champ-lieu">Adresse de la salle</label>' in form
    assert '<input id="champ-debut" data-champ="debut" type="date">' in form
    assert '<input id="garder-horaire" data-garder="horaire" type="checkbox" checked="">' in form
    text = re.search(r'<div class="guide-agreement">.*</div>', page, re.DOTALL).group(0)
    assert text.count('class="guide-blank" data-champ="debut"') == 2
    assert re.search(r'<div class="guide-section" data-optionnelle="[^"]*" data-section="horaire">', text)
    assert text.count('class="guide-signature-party"') == 2
    assert 'href="../../controverses/espaces/"' in text  # shown in the guide, hidden when printed
    assert "il ne constitue pas un avis juridique" in page
    assert "Entente sur la salle — version 1.0 (2026-11-22)" in page  # the printed footer
    assert 'src="../../assets/ententes.js"' in page or "assets/ententes.js" in page
    english = html(site, "en/ententes/salle/")
    assert '<label for="champ-lieu">Address of the room</label>' in english and "Initials" in english
