"""The ¶ link of every heading, in the page's language and kept with the heading's last word.

Markdown's toc extension writes one tooltip for the whole site (its ``permalink_title``, "Permanent link"): the
guide gives each page its language's (``ancres.titre`` in libelles.yaml). A word joiner at the start of the link
keeps the ¶ on the line of the word before it, "?" and "!" included, where a line may otherwise break (the
stylesheet makes the link an inline box, which a word joiner holds to its neighbour).
"""

from __future__ import annotations

import html
import re
from typing import Any

from .labels import label_per_language
from .urls import page_language

KEY = "ancres.titre"
WORD_JOINER = "\u2060"
_LINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")([^"]*)(">)\u2060?')


def localize(page_html: str, settings: Any, url: str) -> str:
    """``page_html`` with each heading's ¶ link titled in the language of the page at ``url`` (the toc
    extension's title stays where libelles.yaml has none), and held to the heading's last word."""
    if 'class="headerlink"' not in page_html:
        return page_html
    titles = label_per_language(settings.templates, settings.languages, KEY)
    title = titles.get(page_language(url, settings.languages))
    shown = None if title is None else html.escape(title)
    return _LINK.sub(lambda found: f"{found[1]}{shown or found[2]}{found[3]}{WORD_JOINER}", page_html)
