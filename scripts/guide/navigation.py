"""Where a page stands in the site, for the pages the sidebar does not list: an entity's page (a role, a controversy…).

The sidebar lists each kind's index page, never its entities: listing every entity would make every page carry all
of them, a site whose size grows with the square of its content. An entity's page still shows its place, as a page of
the sidebar does: the generator writes into its front matter its kind's index page and its neighbours in the order
of the YAML file (``place``, links relative to the page, as a Markdown link is); the hook hands that to MkDocs as the
page's ``parent``, ``previous_page`` and ``next_page``. Material's theme then shows, from those alone and with a size
that does not grow with the content: the breadcrumbs (``navigation.path``: the index page's section, then the index
page), the index page highlighted in its open section of the sidebar (MkDocs makes a page's parents active with it)
and the previous and next entities at the foot of the page (``navigation.footer``), in the page's language. A page
of the sidebar keeps the place MkDocs gives it: its section, and its neighbours in the sidebar's order.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from typing import Any

from .labels import label_per_language
from .model import relative_path
from .text import plain
from .urls import page_language

KEY = "place"  # the front matter's key
LABEL = "navigation.fil"  # the breadcrumbs' name, in libelles.yaml


def place(page: str, index: str, previous: str | None, following: str | None) -> dict[str, str]:
    """The place of the page ``page`` (paths relative to the language folder), as its front matter gives it: links
    relative to the page, a neighbour left out where there is none (the first entity has no previous one)."""
    found = {"index": relative_path(index, page)}
    if previous:
        found["previous"] = relative_path(previous, page)
    if following:
        found["next"] = relative_path(following, page)
    return found


def listed(nav: Any) -> frozenset[str]:
    """The source files of the pages the sidebar lists (``nav.pages``): those keep the place MkDocs gives them."""
    return frozenset(os.path.normpath(page.file.abs_src_path) for page in nav.pages)


def attach(pages: Iterable[Any], in_nav: frozenset[str]) -> None:
    """Give each page of ``pages`` (MkDocs' pages, their front matter read) that the sidebar does not list the
    place its front matter names: its index page as its parent, its neighbours as its previous and next pages.
    Only pages of the language being built are there: a link leads to a page of the same language or to none."""
    found = list(pages)
    by_source = {os.path.normpath(page.file.abs_src_path): page for page in found}
    for page in found:
        given = page.meta.get(KEY) if isinstance(page.meta, dict) else None
        source = os.path.normpath(page.file.abs_src_path)
        if not isinstance(given, dict) or source in in_nav:
            continue
        folder = os.path.dirname(source)

        def find(link: Any, folder: str = folder) -> Any:
            if not isinstance(link, str):
                return None
            return by_source.get(os.path.normpath(os.path.join(folder, link)))

        index = find(given.get("index"))
        if index is not None and index is not page:
            page.parent = index  # the breadcrumbs end with it; MkDocs makes it, and its section, active with the page
        page.previous_page = find(given.get("previous"))
        page.next_page = find(given.get("next"))


def trail_label(settings: Any, url: str) -> str | None:
    """The breadcrumbs' name (their landmark's) in the language of the page at ``url``, typeset for it; None where
    libelles.yaml has none (Material's own name stays)."""
    lang = page_language(url, settings.languages)
    label = label_per_language(settings.templates, settings.languages, LABEL).get(lang)
    return None if label is None else html.escape(settings.language(lang).typeset(plain(label)))
