"""The guide's look, measured in headless Chromium: the home page's band and three doors, the controversy table
on a phone, the glossary's A–Z bar, the headings' ¶ links in each language and the colours' contrasts.

What a screenshot shows a person, measured: the doors' boxes, the headings' lines, the colours the browser
computes (WCAG 2.1's contrast ratio, 4.5:1 for text).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from browser import serve
from guide import anchors
from sites import ROOT
from test_browser import _axe

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
PREFIX = {"fr": "", "en": "en/"}
PERMALINK = {"fr": "Lien permanent", "en": "Permanent link"}

# The contrast ratio of WCAG 2.1 between an element's text and what is behind it: the backgrounds of the element
# and its ancestors, each laid over the one below (the page's white at the bottom).
CONTRAST = """
(el, pseudo) => {
  const parse = (c) => {
    const v = c.match(/[\\d.]+/g).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const layers = [];
  for (let node = el; node; node = node.parentElement) layers.push(parse(getComputedStyle(node).backgroundColor));
  let background = [255, 255, 255, 1];
  for (const layer of layers.reverse()) background = over(layer, background);
  const text = over(parse(getComputedStyle(el, pseudo).color), background);
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}
"""


@pytest.fixture(scope="module")
def served(real_site: Path):
    with serve(real_site) as base:
        yield base


def _open(browser, url: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    page.goto(url)
    return page


def _boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector, "els => els.map(e => e.getBoundingClientRect()).map(r => ({x: r.x, y: r.y, bottom: r.bottom}))"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_page_three_doors_side_by_side_on_a_desktop_and_stacked_on_a_phone(
    served: str, browser, lang: str
) -> None:
    page = _open(browser, served + PREFIX[lang], DESKTOP)
    doors = _boxes(page, ".guide-portes > ul > li")
    assert len(doors) == 3
    assert max(d["y"] for d in doors) - min(d["y"] for d in doors) < 1  # one row: the third is not alone below
    assert doors[0]["x"] < doors[1]["x"] < doors[2]["x"]
    page.set_viewport_size(PHONE)
    doors = _boxes(page, ".guide-portes > ul > li")
    assert all(below["y"] >= above["bottom"] for above, below in itertools.pairwise(doors))
    assert len({round(d["x"]) for d in doors}) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_page_band_says_what_the_guide_is_for_and_leads_to_the_situations(served: str, browser, lang: str) -> None:
    page = _open(browser, served + PREFIX[lang], PHONE)
    assert page.inner_text("h1.guide-titre").strip()
    assert len(page.inner_text(".guide-bandeau .guide-accroche").split(". ")) == 1  # one sentence
    button = page.locator(".guide-bandeau .guide-situation a.guide-bouton")
    assert button.is_visible() and button.bounding_box()["y"] < 2 * PHONE["height"]  # near the top, on a phone too
    button.click()
    page.wait_for_load_state()
    assert page.url == served + PREFIX[lang] + "situations/"
    assert page.locator("article h1").count() == 1
    page.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_controversy_table_turns_no_text_and_reads_on_a_phone(served: str, browser, lang: str) -> None:
    turned = """root => [...root.querySelectorAll('*')].filter(e => { const s = getComputedStyle(e);
        return s.transform !== 'none' || s.writingMode !== 'horizontal-tb'; }).length"""
    page = _open(browser, served + PREFIX[lang] + "controverses/", DESKTOP)
    assert page.eval_on_selector(".guide-matrix", turned) == 0
    table = page.locator(".guide-matrix table")
    assert table.is_visible() and not page.locator(".guide-matrix__cartes").is_visible()
    columns = page.locator(".guide-matrix thead th[scope=col]").count()
    rows = page.locator(".guide-matrix tbody th[scope=row]").count()
    assert columns >= 3 and rows >= 3
    assert page.locator(".guide-matrix tbody td").count() == rows * (columns - 1)
    room = page.eval_on_selector(".guide-matrix", "e => e.getBoundingClientRect().width")
    assert table.bounding_box()["width"] <= room + 0.5
    page.set_viewport_size(PHONE)
    assert page.eval_on_selector(".guide-matrix", turned) == 0
    assert not table.is_visible()
    cards = page.locator(".guide-matrix__cartes > ul > li")
    assert cards.count() == rows and cards.first.is_visible()
    ticks = page.locator(".guide-matrix td:has-text('✓')").count()
    assert page.locator(".guide-matrix__cartes li li a").count() == ticks  # each card lists its row's solutions
    sizes = page.eval_on_selector_all(".guide-matrix__cartes a", "as => as.map(a => getComputedStyle(a).fontSize)")
    assert min(float(size.removesuffix("px")) for size in sizes) >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_glossary_is_a_definition_list_with_an_a_to_z_bar(served: str, browser, lang: str) -> None:
    page = _open(browser, served + PREFIX[lang] + "glossaire/", PHONE)
    terms = page.eval_on_selector_all(".guide-lettre dl > dt[id]", "ds => ds.map(d => d.id)")
    assert len(terms) >= 30 and "hlm" in terms
    assert page.locator(":is(h2, h3)[id=hlm]").count() == 0  # a term is no heading
    assert "HLM" in page.inner_text("dt#hlm")  # its abbreviation shown
    assert page.locator("dt#hlm + dd a[href*='references/#']").count() >= 1  # and its sources
    bar = page.eval_on_selector_all(
        ".guide-az a",
        """as => as.map(a => { const target = document.getElementById(a.hash.slice(1));
            const group = target && target.closest('.guide-lettre');
            return {letter: a.textContent.trim(), tag: target && target.tagName,
                    first: group && group.querySelector('dt') === target,
                    heading: group && group.querySelector('h2').textContent.trim()}; })""",
    )
    assert len(bar) >= 10
    for link in bar:  # each leads to the first term of its letter
        assert link["tag"] == "DT" and link["first"] and link["heading"].startswith(link["letter"]), link
    letters = page.inner_text(".guide-az").split()
    assert letters == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # the letters without terms shown, not as links
    headings = page.eval_on_selector_all(".guide-lettre h2", "hs => hs.map(h => h.firstChild.textContent.trim())")
    assert headings == sorted(headings) and [link["letter"] for link in bar] == headings
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


# Pages with long headings, some ending with a question mark (where a line may break before the ¶).
HEADINGS = ["", "controverses/", "controverses/roles-structures/", "chapitres/construire-reseau/", "references/"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_heading_links_speak_the_page_language_and_stay_on_the_heading_line(served: str, browser, lang: str) -> None:
    last_line = """h => {
        const link = h.querySelector('.headerlink');
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT, {acceptNode: n =>
            !link.contains(n) && n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
        let text = null;
        while (walker.nextNode()) text = walker.currentNode;
        const end = text.textContent.trimEnd().length;
        const range = document.createRange();
        range.setStart(text, end - 1);
        range.setEnd(text, end);
        const word = range.getBoundingClientRect();
        const mark = link.getClientRects();
        return {text: h.textContent, word: [word.top, word.bottom], lines: mark.length,
                mark: mark.length ? [mark[0].top, mark[0].bottom] : null};
    }"""
    page = browser.new_page(viewport=PHONE)
    checked = 0
    for url in HEADINGS:
        page.goto(served + PREFIX[lang] + url)
        titles = page.eval_on_selector_all("article .headerlink", "as => as.map(a => a.title)")
        assert titles and set(titles) == {PERMALINK[lang]}, url
        for heading in page.query_selector_all("article :is(h1, h2, h3, h4):has(> .headerlink)"):
            if not heading.is_visible():
                continue
            found = heading.evaluate(last_line)
            if found["lines"] == 0:  # a heading whose ¶ the stylesheet hides (the glossary's letters)
                continue
            middle = (found["mark"][0] + found["mark"][1]) / 2
            assert found["lines"] == 1 and found["word"][0] <= middle <= found["word"][1], (url, found)
            checked += 1
    assert checked >= 15
    page.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_header_and_link_colours_pass_wcag_aa(served: str, browser, lang: str) -> None:
    page = _open(browser, served + PREFIX[lang], DESKTOP)
    ratios = {
        "header title": page.eval_on_selector(".md-header__topic", CONTRAST, None),
        "search placeholder": page.eval_on_selector(".md-search__input", CONTRAST, "::placeholder"),
        "link in the text": page.eval_on_selector(".guide-portes li li a", CONTRAST, None),
        "band's title": page.eval_on_selector("h1.guide-titre", CONTRAST, None),
        "band's text": page.eval_on_selector(".guide-credit", CONTRAST, None),
        "band's button": page.eval_on_selector(".guide-bouton", CONTRAST, None),
        "current page in the menu": page.eval_on_selector(".md-nav__link--active", CONTRAST, None),
    }
    page.hover(".guide-portes li li a")
    page.wait_for_timeout(300)  # Material's colour transitions
    ratios["link under the pointer"] = page.eval_on_selector(".guide-portes li li a:hover", CONTRAST, None)
    page.hover(".guide-bouton")
    page.wait_for_timeout(300)  # Material's colour transitions
    ratios["button under the pointer"] = page.eval_on_selector(".guide-bouton", CONTRAST, None)
    assert {name: ratio for name, ratio in ratios.items() if ratio < 4.5} == {}, ratios
    colours = page.evaluate(
        """() => { const s = getComputedStyle(document.body);
            return [s.getPropertyValue('--md-primary-fg-color'), s.getPropertyValue('--guide-voix')]; }"""
    )
    assert colours[0].strip() != colours[1].strip()  # the guide's own voice keeps its colour apart
    page.close()


@pytest.mark.parametrize("url", ["", "en/", "glossaire/", "en/glossaire/", "controverses/", "en/controverses/"])
def test_home_glossary_and_controversy_cards_are_accessible_on_a_phone(served: str, browser, url: str) -> None:
    """test_browser.py runs axe on every page at a desktop's width; the home page's stacked doors, the glossary
    and the controversy cards are what a phone shows differently."""
    page = _open(browser, served + url, PHONE)
    assert _axe(page) == []
    page.close()


def test_logo_is_the_guide_svg_in_the_header_and_the_tab(real_site: Path, served: str, browser) -> None:
    logo = (real_site / "assets" / "logo.svg").read_text(encoding="utf-8")
    assert logo.startswith("<svg") and "<title" in logo and "http" not in logo.replace("http://www.w3.org/2000/svg", "")
    page = _open(browser, served + "en/roles/", DESKTOP)
    assert page.get_attribute(".md-header .md-logo img", "src") == "../../assets/logo.svg"
    assert page.get_attribute("link[rel=icon]", "href") == "../../assets/logo.svg"
    assert page.get_attribute(".md-header .md-logo", "aria-label") == "Proximity intervention in HLM"
    assert page.eval_on_selector(".md-header .md-logo img", "img => img.complete && img.naturalWidth > 0")
    page.close()


def test_heading_link_title_is_the_page_language_s_and_holds_to_the_last_word() -> None:
    """The toc extension writes one title for the site; anchors.py gives each page its language's (libelles.yaml),
    escaped, with a word joiner before the ¶; run twice, it changes nothing more."""
    settings = type("Settings", (), {"templates": ROOT / "gabarits", "languages": ["fr", "en"]})()
    html = '<h2 id="a">Par où commencer ?<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
    french = anchors.localize(html, settings, "roles/")
    assert french == (
        '<h2 id="a">Par où commencer ?<a class="headerlink" href="#a" title="Lien permanent">\u2060¶</a></h2>'
    )
    assert anchors.localize(french, settings, "roles/") == french
    assert 'title="Permanent link">\u2060¶' in anchors.localize(html, settings, "en/roles/")
    assert anchors.localize("<p>No heading</p>", settings, "") == "<p>No heading</p>"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_first_action_shows_on_a_phone_s_first_screen(served: str, browser, lang: str) -> None:
    """Every controversy, solution and situation page opens with what a network can do: its first action is
    inside the first 375 × 667 screen, without scrolling."""
    screen = {"width": 375, "height": 667}
    late = []
    for kind in ("controverses", "solutions", "situations"):
        entries = yaml.safe_load((ROOT / lang / f"{kind}.yaml").read_text(encoding="utf-8"))[kind]
        for ident in (entry["id"] for entry in entries):
            page = _open(browser, f"{served}{PREFIX[lang]}{kind}/{ident}/", screen)
            first = _boxes(page, ".guide-voix li")
            if not first or first[0]["bottom"] > screen["height"]:
                late.append((ident, first[0]["bottom"] if first else None))
            page.close()
    assert not late, late
