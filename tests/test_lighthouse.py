"""The real site on a phone, as Lighthouse measures it and served compressed as a real host serves it; and search,
which starts only when the reader reaches for it.

Lighthouse (from npm in tests/lighthouse/, which `make test` installs) runs in Debian's Chromium with its mobile
settings: a mid-range phone on a slow 4G network, its processor four times slower than this machine's. Nothing
leaves 127.0.0.1: Chromium runs with its background requests switched off (browser.ARGS, and chrome-launcher's
defaults), Lighthouse's Node API sends no error report, and the test checks that no page asked another host.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import ARGS, CHROMIUM, LIGHTHOUSE, serve_compressed

pytestmark = pytest.mark.browser  # and real_site: from its fixture

# One page of each kind that weighs most: the agreements' (their form), the glossary (a tooltip per abbreviation)
PAGES = [
    "",
    "ententes/espace-communautaire/",
    "controverses/partage-espaces/",
    "situations/tout-le-monde-veut-la-salle/",
    "glossaire/",
    "controverses/",
    "en/",
    "en/ententes/espace-communautaire/",
]
PERFORMANCE = 0.95
RUNNER = Path(__file__).resolve().parent / "lighthouse" / "run.mjs"
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]
PHONE = {"width": 375, "height": 740}
INDEX = {"fr": "search/search_index.json", "en": "en/search/search_index.json"}
PREFIX = {"fr": "", "en": "en/"}
QUERY = {"fr": "locataires", "en": "tenants"}


@pytest.fixture(scope="module")
def served(real_site: Path):
    with serve_compressed(real_site) as base:
        yield base


def lighthouse(urls: list[str], folder: Path) -> list[dict]:
    """Lighthouse's mobile run (its default) of each of ``urls`` in one Chromium, the performance category: the
    reports, in their order (tests/lighthouse/run.mjs)."""
    folder.mkdir()
    command = ["node", str(RUNNER), str(folder), *urls, *ARGS]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=60 + 60 * len(urls))
    return [json.loads((folder / f"{i}.json").read_text(encoding="utf-8")) for i in range(len(urls))]


def test_every_kind_of_page_scores_95_for_performance_on_a_phone(served: str, tmp_path: Path, capsys) -> None:
    """Lighthouse's scores vary with the machine's load: each page is measured once, and a page under 0.95 once
    more, whose score counts. Every score is printed, with the measures it comes from."""
    assert LIGHTHOUSE.is_file(), "Lighthouse is missing: run `make test`, which installs it with npm"
    reports = dict(zip(PAGES, lighthouse([served + url for url in PAGES], tmp_path / "1"), strict=True))
    tries = {url: [report["categories"]["performance"]["score"]] for url, report in reports.items()}
    again = [url for url in PAGES if tries[url][0] < PERFORMANCE]
    if again:
        for url, report in zip(again, lighthouse([served + url for url in again], tmp_path / "2"), strict=True):
            reports[url] = report
            tries[url].append(report["categories"]["performance"]["score"])
    lines = []
    for url, report in reports.items():
        shown = ", ".join(f"{name} {report['audits'][name]['displayValue']}" for name in METRICS)
        lines.append(f"  /{url:40} {' then '.join(f'{score:.2f}' for score in tries[url]):13} {shown}")
    with capsys.disabled():
        print("\nLighthouse, mobile, performance:", *lines, sep="\n")
    host = urlsplit(served).netloc
    requested = [item["url"] for r in reports.values() for item in r["audits"]["network-requests"]["details"]["items"]]
    assert not [url for url in requested if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host]
    assert not {url: scores[-1] for url, scores in tries.items() if scores[-1] < PERFORMANCE}


# --- Search starts when the reader reaches for it -------------------------------------------------------------


def _requests(page) -> list[str]:
    """What ``page`` asks for from now on: each request's path."""
    found: list[str] = []
    page.on("request", lambda request: found.append(urlsplit(request.url).path))
    return found


def _search_requests(found: list[str]) -> list[str]:
    return [path for path in found if path.endswith("search_index.json") or "/workers/search." in path]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_index_waits_for_the_search_field_then_finds_pages_of_the_language(
    served: str, browser, lang: str
) -> None:
    page = browser.new_page()
    found = _requests(page)
    page.goto(served + PREFIX[lang] + "glossaire/")
    page.wait_for_timeout(1000)  # the page's load and what its scripts start after it
    assert _search_requests(found) == []
    with page.expect_response(served + INDEX[lang]) as response:
        page.focus("input.md-search__input")
    assert response.value.ok
    page.keyboard.type(QUERY[lang])
    page.wait_for_selector(".md-search-result__item")
    links = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => new URL(a.href).pathname)")
    assert links and all(link.startswith("/en/") == (lang == "en") for link in links)
    requested = _search_requests(found)  # the index of the page's language, and Material's search worker
    assert "/" + INDEX[lang] in requested and [path for path in requested if "/workers/search." in path]
    page.close()


@pytest.mark.parametrize("way", ["phone's search button", "keyboard shortcut"])
def test_search_index_comes_with_the_other_ways_to_search(served: str, browser, way: str) -> None:
    page = browser.new_page(viewport=PHONE if way == "phone's search button" else {"width": 1280, "height": 900})
    found = _requests(page)
    page.goto(served + "controverses/")
    page.wait_for_timeout(500)
    assert _search_requests(found) == []
    with page.expect_response(served + INDEX["fr"]):
        if way == "phone's search button":
            page.click(".md-header label[for=__search]")
        else:
            page.keyboard.press("/")
    page.keyboard.type(QUERY["fr"])
    page.wait_for_selector(".md-search-result__item")
    page.close()


def test_a_search_result_highlights_its_words_and_an_address_can_search(served: str, browser) -> None:
    """A result leads to its page with ?h= (search.highlight), which needs the index at once; ?q= opens search."""
    page = browser.new_page()
    with page.expect_response(served + INDEX["fr"]):
        page.goto(served + "glossaire/?h=locataires")
    page.wait_for_selector("article mark")
    assert "locataires" in page.inner_text("article mark").lower()
    with page.expect_response(served + INDEX["en"]):
        page.goto(served + "en/?q=tenants")
    page.wait_for_selector(".md-search-result__item")
    page.close()
