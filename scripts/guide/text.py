"""Text as it goes into the generated Markdown: inert, and typeset for its language."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html import unescape
from typing import Any

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space


def inert(text: str) -> str:
    """Make raw HTML print as text, keeping Markdown itself working. Links to scripts never get here: the
    validator refuses them (links.py), and the page sanitizer (sanitize.py) is the last wall."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


_OPEN_QUOTE = re.compile("«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile("[ \u00a0\u202f]*»")
_COLON = re.compile(r"[ \u00a0\u202f]+:(?=\s|$)")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_HIGH_PUNCTUATION = re.compile(r"[ \u00a0\u202f]+([;!?])")


def typeset_fr(text: str) -> str:
    """Quebec (OQLF) typography: no-break space before the colon and inside « », a narrow one before ; ! ?,
    the typographic apostrophe, and no break inside a number."""
    # Each rule runs only where its character occurs: a build typesets every part of every page.
    if "«" in text:
        text = _OPEN_QUOTE.sub("«" + NBSP, text)
    if "»" in text:
        text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    if ":" in text:
        text = _COLON.sub(NBSP + ":", text)
    text = text.replace("'", "’")
    text = _THOUSANDS.sub(NBSP, text)  # 20 000: the thousands never split from the rest
    if ";" in text or "!" in text or "?" in text:
        text = _HIGH_PUNCTUATION.sub(NNBSP + r"\1", text)
    return text


_CODE = re.compile(r"(^```.*?^```[ \t]*$|`[^`\n]+`|\]\([^)\n]*\)|<[^>\n]*>)", re.MULTILINE | re.DOTALL)


def typeset_markdown(markdown: str, typeset: Callable[[str], str]) -> str:
    """Typeset a whole page with a language's rules, leaving code, link targets and tags as they are."""
    parts = _CODE.split(markdown)
    return "".join(part if i % 2 else typeset(part) for i, part in enumerate(parts))


def prepare(text: str) -> str:
    """What every text field of the content goes through before a template prints it."""
    return inert(text.strip("\n"))


def plain(text: str) -> str:
    """A prepared text as a reader sees it, for a tooltip or a figure's description: no Markdown emphasis marks,
    no escaped entities."""
    return unescape(re.sub(r"[*_`]", "", text))


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=8)
def _abbreviation_order(shorts: tuple[str, ...]) -> tuple[dict[str, int], tuple[str, ...]]:
    """Each abbreviation's place in the glossary, and those that are not made of word characters only."""
    return {s: i for i, s in enumerate(shorts)}, tuple(s for s in shorts if not _WORD.fullmatch(s))


def with_abbreviations(markdown: str, abbreviations: dict[str, str]) -> str:
    """Append the abbreviations' definitions (Markdown ``abbr``): each occurrence gets its term as a tooltip."""
    if not abbreviations:
        return markdown
    # An abbreviation of word characters only is used when it is one of the page's words: one pass over the
    # page, however long the glossary (a search per abbreviation made the build grow as pages × glossary).
    order, others = _abbreviation_order(tuple(abbreviations))
    found = order.keys() & set(_WORD.findall(markdown))
    found |= {short for short in others if re.search(rf"\b{re.escape(short)}\b", markdown)}
    used = [(short, abbreviations[short]) for short in sorted(found, key=order.__getitem__)]
    if not used:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + "".join(f"*[{short}]: {term}\n" for short, term in used)


def finish_page(markdown: str, language: Any, abbreviations: dict[str, str]) -> str:
    """A page as MkDocs reads it: the glossary's abbreviations appended, and typeset for its language (a
    languages.Language)."""
    return language.typeset_markdown(with_abbreviations(markdown, abbreviations))
