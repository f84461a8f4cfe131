"""The site's address layout: the default language at the root, each other language under ``<lang>/``."""

from __future__ import annotations


def page_language(url: str, languages: list[str]) -> str:
    """The language of a page from its address ("en/roles/x/" -> "en")."""
    first = url.split("/", 1)[0]
    return first if first in languages[1:] else languages[0]


def language_prefix(lang: str, languages: list[str]) -> str:
    return "" if lang == languages[0] else f"{lang}/"


def same_page_in(url: str, lang: str, languages: list[str]) -> str:
    """The address of the page ``url`` in the language ``lang``, from the site root."""
    rest = url[len(language_prefix(page_language(url, languages), languages)) :]
    return language_prefix(lang, languages) + rest or "./"


def language_base(base_url: str, lang: str, languages: list[str]) -> str:
    """The root of a language, relative to a page whose site root is ``base_url``.

    The trailing slash matters: the browser resolves "search/search_index.json" against it.
    """
    prefix = language_prefix(lang, languages)
    return f"{base_url.rstrip('/')}/{prefix}" if prefix else base_url
