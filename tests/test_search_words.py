"""Search that speaks like its readers, in the built site and headless Chromium: the words people use for a tension
(and for the room they quarrel over) find the controversy and situation pages first, in the page's language, and
the reader sees why (the word is shown under the result and on the page)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser import serve

PHONE = {"width": 375, "height": 667}
TOP = 3  # the first results a reader sees on a phone without scrolling
WORDS = [
    ("fr", "conflit"),
    ("fr", "chicane"),
    ("fr", "tension"),
    ("fr", "salle communautaire"),
    ("en", "conflict"),
    ("en", "quarrel"),
    ("en", "tension"),
    ("en", "community room"),
]
KINDS = ("controverses/", "situations/")


@pytest.fixture(scope="module")
def served(real_site):
    with serve(real_site) as base:
        yield base


def _search(page, base: str, lang: str, words: str) -> list[dict]:
    """The results of a search typed on the home page of ``lang``, in order: each one's path from the site's root and
    the words shown as its tags."""
    page.goto(base + ("" if lang == "fr" else f"{lang}/"))
    page.click(".md-header label[for=__search]")
    page.keyboard.type(words)  # as a reader types: the results change with each letter
    # done once the first result is for every word typed (Material writes the words it matched in the link, ?h=…)
    page.wait_for_function(
        """words => {
            const link = document.querySelector('.md-search-result__item a.md-search-result__link');
            return link !== null && new URL(link.href).searchParams.get('h') === words;
        }""",
        arg=words,
    )
    found = page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => ({
            href: item.querySelector('a.md-search-result__link').href,
            tags: [...item.querySelectorAll('.md-tag')].map(tag => tag.innerText.toLowerCase().split(/\\s+/).join(' ')),
        }))""",
    )
    root = urlsplit(base).path
    return [{"path": urlsplit(r["href"]).path.removeprefix(root), "tags": r["tags"]} for r in found]


@pytest.mark.parametrize(("lang", "words"), WORDS, ids=[f"{lang}-{words}" for lang, words in WORDS])
def test_readers_words_find_controversies_and_situations_first(served: str, browser, lang: str, words: str) -> None:
    page = browser.new_page(viewport=PHONE)
    results = _search(page, served, lang, words)
    top = [result["path"] for result in results[:TOP]]
    prefix = "" if lang == "fr" else f"{lang}/"
    assert len(top) == TOP, top
    for path in top:
        assert path.startswith(prefix) and not (lang == "fr" and path.startswith("en/")), top  # its language's
        assert path.removeprefix(prefix).startswith(KINDS), top
    # no word finds a page without showing why: under the first result, and on its page
    first = results[0]
    assert any(words in tag for tag in first["tags"]), first
    page.goto(served + first["path"])
    shown = " ".join(page.inner_text(".guide-mots").lower().split())
    page.close()
    assert words in shown, (first["path"], shown)
