"""Links in the content, checked as what they are.

A link field (a reference's ``url``, its ``doi``) is an address of the web or a DOI, nothing else. A link
written in a text (``[texte](cible)``, ``[texte][ref]`` with ``[ref]: cible``, ``![image](cible)``) leads to a
page of the guide or to a web address. Any other scheme (``javascript:``, ``vbscript:``, ``data:``, ``file:``…)
is refused at validation, with the file and the line; the page sanitizer (sanitize.py) removes whatever
slips through anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import quote, urlsplit

WEB_SCHEMES = ("http", "https")
TEXT_SCHEMES = (*WEB_SCHEMES, "mailto")  # what a link in a text may lead to, besides a page of the guide

# Browsers drop these from an address before reading its scheme ("java\tscript:" is "javascript:").
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\\]")
# Characters that never belong in an address as an editor writes it: spaces, quotes, angle brackets, controls.
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>`\\{}|^]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)

# Where a text's links lead: inline links and images, then reference definitions.
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)>]*)")
_REFERENCE_TARGET = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S*)", re.MULTILINE)


def scheme(target: str) -> str:
    """The scheme a browser reads in ``target`` ("" for a path, a page or an anchor), lowercased."""
    cleaned = _IGNORED.sub("", unescape(target))  # entities too: "&#106;avascript:" is "javascript:"
    head = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return head.group(1).lower() if head else ""


def unsafe_schemes(text: str) -> list[str]:
    """The schemes of a text's links that lead neither to a page of the guide nor to a web or mail address."""
    found = [scheme(t) for t in _INLINE_TARGET.findall(text) + _REFERENCE_TARGET.findall(text)]
    return [s for s in found if s and s not in TEXT_SCHEMES]


@dataclass(frozen=True)
class Href:
    """A checked address: ``href`` is safe as a Markdown link's target, ``text`` as the link's words."""

    href: str
    text: str


def web_address(value: str) -> str | None:
    """What is wrong with ``value`` as a web address (http or https, with a host), or None if it is one."""
    if _FORBIDDEN.search(value):
        return "an address holds no spaces, quotes, angle brackets or control characters"
    parts = urlsplit(value)
    if parts.scheme.lower() not in WEB_SCHEMES:
        return "expected a web address starting with https:// or http://"
    if not parts.hostname:
        return "this web address has no host name"
    return None


def doi(value: str) -> str | None:
    """The DOI in ``value`` ("10.7202/1095938ar", "doi:10…" or "https://doi.org/10…"), or None."""
    bare = _DOI_PREFIXES.sub("", value.strip())
    return bare if _DOI.match(bare) and not _CONTROL.search(bare) else None  # a DOI may hold <, > and quotes


def href(value: str, kind: str) -> Href:
    """A checked address or DOI as a link: the DOI as its https://doi.org/ address, as citation styles print
    it; characters that Markdown reads in a link's target percent-encoded."""
    address = f"https://doi.org/{doi(value)}" if kind == "doi" else value.strip()
    return Href(quote(address, safe=":/?#@!$&*+,;=%-._~"), markdown_literal(address))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")  # what Python-Markdown lets a backslash escape


def markdown_literal(text: str) -> str:
    """``text`` as Markdown that prints it character for character (no emphasis, no link, no HTML): a backslash
    before what Markdown reads, an entity for what it cannot escape."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;")
