"""Citation keys in the text: ``[@parent-2022]``, ``[@parent-reiser-2021, diapo 12]``, ``[@a; @b]``.

The Pandoc convention: a key is the id of a reference, a locator follows a comma, keys are separated by
semicolons. The validator finds the keys (fields.Text) and checks them against the references (validate.py);
the model adds what a page cites to its sources; the renderer turns each citation into author–date links
to the References page, with the reference's ``auteur_date`` and the language's separator.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import unescape
from typing import Any

from .leaves import leaves
from .text import inert

# "[@…]" not followed by "(" or "[": "[@name](https://…)" is a link whose words start with @, not a citation
CITATION = re.compile(r"\[(@[^\[\]]*)\](?![(\[])")
_PART = re.compile(r"\s*@([^\s,;]+)\s*(?:,\s*(.*?))?\s*", re.DOTALL)
_SEPARATOR = re.compile(r";(?=\s*@)")  # a semicolon in a locator ("p. 3; 5") separates nothing
SYNTAX = "[@parent-reiser-2021] or [@parent-reiser-2021, diapo 12] or [@parent-2022; @callon-1986]"


@dataclass(frozen=True)
class Cited:
    """One key of a citation, with its locator ("" if none)."""

    key: str
    locator: str = ""


def parse(inside: str) -> list[Cited] | None:
    """The keys of a citation (what is between its brackets), or None if it is not written as one."""
    found = []
    for part in _SEPARATOR.split(inside):
        match = _PART.fullmatch(part)
        if match is None:
            return None
        found.append(Cited(match.group(1), (match.group(2) or "").strip()))
    return found


def scan(text: str) -> tuple[list[str], list[str]]:
    """The keys a text cites, in order, and the citations it writes wrongly (as written, brackets included)."""
    keys: list[str] = []
    bad: list[str] = []
    for match in CITATION.finditer(text):
        cited = parse(match.group(1))
        if cited is None:
            bad.append(match.group())
        else:
            keys.extend(c.key for c in cited)
    return keys, bad


def keys_in(value: Any) -> list[str]:
    """The keys cited anywhere in a value of the content (its texts, nested ones too), each once, in order."""
    return list(dict.fromkeys(_keys(value)))


def _keys(value: Any) -> Iterator[str]:
    for _, text in leaves(value):
        if isinstance(text, str) and "[@" in text:
            yield from scan(text)[0]


def render(markdown: str, labels: Mapping[str, tuple[str, str]], separator: str) -> str:
    """Every citation of a page as author–date links: ``([Parent et Reiser, 2021, diapo 12](…#parent-reiser-2021))``.

    ``labels`` gives each reference's author–date label and its link from the page. The page's texts are already
    inert (text.prepare): a citation is read as its editor wrote it, and its locator made inert again; a backslash
    in it cannot escape the link's bracket.
    """
    if "[@" not in markdown:
        return markdown

    def one(match: re.Match[str]) -> str:
        cited = parse(unescape(match.group(1)))
        if cited is None or any(c.key not in labels for c in cited):  # never content: the validator saw to it
            return match.group()
        links = []
        for c in cited:
            label, href = labels[c.key]
            words = f"{label}, {inert(c.locator)}" if c.locator else label
            links.append(f"[{words.replace(chr(92), chr(92) * 2)}]({href})")
        return "(" + separator.join(links) + ")"

    return CITATION.sub(one, markdown)


@functools.lru_cache(maxsize=8192)  # a sort key, asked for again for each entity listing the reference
def apa_order(citation: str) -> tuple[str, str, str]:
    """Where a reference goes in an APA list: by its first author's family name (the words before the first
    comma or period of the reference, as APA writes it), then its year, then the whole reference."""
    name = re.match(r"[^,.(]*", citation).group().strip()  # type: ignore[union-attr]
    year = re.search(r"\((\d{4})", citation)
    return _folded(name), year.group(1) if year else "", _folded(citation)


def _folded(text: str) -> str:
    """Compared as a reader sorts: no case, no accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
