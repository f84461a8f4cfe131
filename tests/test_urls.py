"""The site's addresses (guide/urls.py): the default language at the root, each other one under ``<lang>/``.
The language switcher, the search and the 404 pages are built on these."""

from __future__ import annotations

import pytest

from guide.urls import language_base, language_prefix, page_language, same_page_in

LANGS = ["fr", "en", "es"]  # the first is the default, at the root


@pytest.mark.parametrize(
    ("url", "lang"),
    [
        ("", "fr"),
        ("roles/", "fr"),
        ("roles/intervenante/", "fr"),
        ("en/", "en"),
        ("en/roles/intervenante/", "en"),
        ("es/glossaire/", "es"),
        ("fr/roles/", "fr"),  # a French folder named like the language: still French
        ("english/", "fr"),  # a page whose name starts like a language is not in it
        ("enx/roles/", "fr"),
        ("roles/en/", "fr"),  # only the first part of the address tells
    ],
)
def test_page_language(url: str, lang: str) -> None:
    assert page_language(url, LANGS) == lang


def test_language_prefix() -> None:
    assert [language_prefix(lang, LANGS) for lang in LANGS] == ["", "en/", "es/"]


@pytest.mark.parametrize(
    ("url", "expected"),  # the same page in fr, en, es
    [
        ("", ("./", "en/", "es/")),  # the home page: "./", never an empty link
        ("en/", ("./", "en/", "es/")),
        ("roles/x/", ("roles/x/", "en/roles/x/", "es/roles/x/")),
        ("en/roles/x/", ("roles/x/", "en/roles/x/", "es/roles/x/")),
        ("es/glossaire/#omh", ("glossaire/#omh", "en/glossaire/#omh", "es/glossaire/#omh")),
        ("english/", ("english/", "en/english/", "es/english/")),
    ],
)
def test_same_page_in_each_language(url: str, expected: tuple[str, ...]) -> None:
    assert tuple(same_page_in(url, lang, LANGS) for lang in LANGS) == expected


@pytest.mark.parametrize(
    ("base_url", "lang", "expected"),
    [
        ("../..", "fr", "../.."),  # the default language's root is the site's
        ("../..", "en", "../../en/"),
        ("../../", "en", "../../en/"),  # one slash, whichever way MkDocs gives the base
        (".", "es", "./es/"),
    ],
)
def test_language_base_ends_with_a_slash(base_url: str, lang: str, expected: str) -> None:
    """The search resolves "search/search_index.json" against it: without the slash it would lose a folder."""
    assert language_base(base_url, lang, LANGS) == expected
