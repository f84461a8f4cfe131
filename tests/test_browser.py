"""The real site as its readers meet it, in headless Chromium: accessible, private, on a phone, on paper.

Every page of both languages is visited once at a desktop width (axe-core runs in it) and once at a
phone's (375 px); what each visit finds is kept, and the tests below each look at one part of it.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from browser import AXE, serve

WCAG = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"
CAPTURES = Path(__file__).resolve().parent / "captures"
PHONE = {"width": 375, "height": 740}


@dataclass
class Visit:
    """What a page did and showed."""

    violations: list[str] = field(default_factory=list)  # axe: "rule: element"
    foreign: list[str] = field(default_factory=list)  # requests to another host
    broken: list[str] = field(default_factory=list)  # requests to the site that failed
    phone_width: int = 0  # the page's scroll width at 375 px


def pages_of(site: Path) -> dict[str, list[str]]:
    """Every page's address, by language: French at the root, English under en/."""
    found: dict[str, list[str]] = {"fr": [], "en": []}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        if url.startswith(("assets/", "search/", "hors-ligne/")):
            continue
        found["en" if url.startswith("en/") else "fr"].append(url)
    return found


@pytest.fixture(scope="module")
def served(real_site: Path):
    with serve(real_site) as base:
        yield base


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def _axe(page) -> list[str]:
    # evaluated, not added as a <script>: the pages' Content-Security-Policy runs no inline script, and rightly so
    page.evaluate(_axe_source())
    result = page.evaluate(f"axe.run(document, {WCAG})")
    return [f"{v['id']}: {' '.join(map(str, n['target']))}" for v in result["violations"] for n in v["nodes"]]


@pytest.fixture(scope="module")
def visits(real_site: Path, served: str, browser) -> dict[str, Visit]:
    assert AXE.is_file(), "axe-core is missing: run `make test`, which installs it with npm"
    host = urlsplit(served).netloc
    found: dict[str, Visit] = {}
    urls = [u for lang in pages_of(real_site).values() for u in lang]
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        current: list[Visit] = []

        def on_request(request, current=current) -> None:
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != host:
                current[0].foreign.append(request.url)

        def on_response(response, current=current) -> None:
            if response.status >= 400:
                current[0].broken.append(f"{response.status} {response.url}")

        page.on("request", on_request)
        page.on("response", on_response)
        for url in urls:
            visit = found.setdefault(url, Visit())
            current[:] = [visit]
            page.goto(served + url)
            if viewport is PHONE:
                visit.phone_width = page.evaluate("document.documentElement.scrollWidth")
            else:  # axe's run also gives the page's scripts time for their requests
                visit.violations += _axe(page)
        context.close()
    return found


def test_every_page_of_both_languages_was_checked(real_site: Path, visits: dict[str, Visit]) -> None:
    pages = pages_of(real_site)
    assert len(pages["fr"]) == len(pages["en"]) >= 45
    assert sorted("en/" + u for u in pages["fr"]) == sorted(pages["en"])


def test_no_accessibility_violation_on_any_page(visits: dict[str, Visit]) -> None:
    """axe-core's WCAG 2.1 A and AA rules; no rule is switched off. (At 375 px, see the search and drawer test.)"""
    found = {url: v.violations for url, v in visits.items() if v.violations}
    assert not found


def test_no_request_leaves_the_site_and_none_fails(visits: dict[str, Visit]) -> None:
    assert not {url: v.foreign for url, v in visits.items() if v.foreign}
    assert not {url: v.broken for url, v in visits.items() if v.broken}


def test_no_page_scrolls_sideways_on_a_phone(visits: dict[str, Visit]) -> None:
    assert not {url: v.phone_width for url, v in visits.items() if v.phone_width > PHONE["width"]}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_open_search_drawer_and_not_found_pages_are_accessible(served: str, browser, prefix: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(served + prefix)
    page.click(".md-header label[for=__search]")
    page.keyboard.type("locataires" if not prefix else "tenants")
    page.wait_for_selector(".md-search-result__item")
    assert _axe(page) == []
    page.goto(served + prefix)
    page.click(".md-header label[for=__drawer]")
    page.wait_for_selector(".md-nav--primary", state="visible")
    assert _axe(page) == []
    page.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_model_diagram_and_controversy_table_stay_readable_on_a_phone(served: str, browser, lang: str) -> None:
    page = browser.new_page(viewport=PHONE)
    prefix = "" if lang == "fr" else "en/"
    page.goto(served + prefix + "modele/")
    heights = page.eval_on_selector_all(
        "figure.guide-figure svg text", "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert len(heights) > 20 and min(heights) >= 10  # about 11 px letters: readable without zooming
    page.goto(served + prefix + "controverses/")
    cards = page.eval_on_selector(
        ".guide-matrix__cartes",
        "c => ({width: c.getBoundingClientRect().width, room: c.closest('article').clientWidth,"
        " font: parseFloat(getComputedStyle(c.querySelector('a')).fontSize)})",
    )
    assert 0 < cards["width"] <= cards["room"] and cards["font"] >= 12  # one card per controversy (test_look.py)
    page.close()


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize(
    ("url", "words", "hidden"),
    [
        ("roles/office-habitation/", "Office d’habitation", ["Rechercher", "Agir en réseau"]),
        ("en/solutions/animation-mediation/", "Facilitation", ["Search", "Working as a network"]),
        ("ententes/espace-communautaire/", "Parties et objet", ["Remplir et imprimer", "Répond à la controverse"]),
        ("en/ententes/mandat-comite/", "Name and type of committee", ["Fill in and print", "Answers the controversy"]),
    ],
)
def test_printing_gives_clean_pages(served: str, browser, url: str, words: str, hidden: list[str]) -> None:
    """Chromium's print: the text, without the site's navigation, search or the agreement's form."""
    page = browser.new_page()
    page.goto(served + url)
    page.emulate_media(media="print")
    overflow = page.evaluate(
        "[...document.querySelectorAll('article *')].filter(e => e.getBoundingClientRect().right >"
        " document.documentElement.clientWidth + 1).length"
    )
    count, text = _pdf_text(page.pdf(format="Letter", print_background=True))
    page.close()
    assert overflow == 0
    assert count >= 1 and words in text
    for word in hidden:
        assert word not in text, word


# The smallest type of a page in print, in points, the model's diagram aside (its labels scale with it)
_SMALLEST_PRINTED = """() => {
  const w = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  let smallest = 99; while (w.nextNode()) { const e = w.currentNode.parentElement;
    if (!w.currentNode.textContent.trim() || e.closest('svg') || !e.checkVisibility()) continue;
    smallest = Math.min(smallest, Math.round(parseFloat(getComputedStyle(e).fontSize) * 75) / 100); }
  return smallest; }"""


@pytest.mark.parametrize("paper", ["Letter", "A4"])
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("chapitres/bailleurs/", ["Chiffres clés", "AU CŒUR DU MODÈLE", "étude qualitative", "Parent"]),
        ("en/chapitres/bailleurs/", ["Key figures", "AT THE CORE OF THE MODEL", "qualitative study", "Parent"]),
    ],
)
def test_funders_brief_prints_on_exactly_one_page(served: str, browser, url: str, words: list[str], paper: str) -> None:
    """The brief, its diagram, key figures, evidence and sources, on one page of either paper, in small but
    readable type; not the link to its PDF."""
    page = browser.new_page()
    page.goto(served + url)
    page.emulate_media(media="print")
    smallest = page.evaluate(_SMALLEST_PRINTED)
    count, text = _pdf_text(page.pdf(format=paper, print_background=True))
    page.close()
    assert count == 1
    assert not [word for word in words if word not in text]
    assert "(PDF, 1 page" not in text
    assert smallest >= 8.5


@pytest.mark.parametrize(
    ("url", "lang", "title"), [("nulle-part/", "fr", "Page introuvable"), ("en/nowhere/", "en", "Page not found")]
)
def test_not_found_page_in_each_language(served: str, browser, url: str, lang: str, title: str) -> None:
    page = browser.new_page()
    response = page.goto(served + url)
    assert response.status == 404
    page.wait_for_selector(f"html[lang={lang}] h1")
    assert page.inner_text("article h1") == title
    assert _axe(page) == []
    page.close()


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("", "accueil-fr"),
        ("en/", "home-en"),
        ("ententes/espace-communautaire/", "entente-fr"),
        ("en/ententes/espace-communautaire/", "agreement-en"),
        # one page of every kind, in one language or the other
        ("situations/", "situations-fr"),
        ("en/situations/tout-le-monde-veut-la-salle/", "situation-en"),
        ("controverses/partage-espaces/", "controverse-fr"),
        ("en/solutions/ententes-gestion/", "solution-en"),
        ("roles/intervention-de-milieu/", "role-fr"),
        ("en/outils/comite-coordination/", "tool-en"),
        ("chapitres/construire-reseau/", "chapitre-fr"),
        ("en/chapitres/bailleurs/", "brief-en"),
        ("modele/", "modele-fr"),
        ("glossaire/", "glossaire-fr"),
        ("en/references/", "references-en"),
    ],
)
def test_screenshots_for_people_to_look_at(served: str, browser, url: str, name: str) -> None:
    """Saved in tests/captures/, at a desktop width and a phone's."""
    CAPTURES.mkdir(exist_ok=True)
    for viewport, suffix in (({"width": 1280, "height": 900}, "1280"), (PHONE, "375")):
        page = browser.new_page(viewport=viewport)
        page.goto(served + url, wait_until="networkidle")
        target = CAPTURES / f"{name}-{suffix}.png"
        page.screenshot(path=str(target), full_page=True)
        page.close()
        assert target.stat().st_size > 10_000
