"""Agreements as documents: numbered sections of clauses, each blank filled in or left to fill.

The guide's page shows the blanks as spans that its form fills in (``with_blanks``); the
printable files (PDF, DOCX, standalone HTML) are made from a ``Document``, plain text
throughout, which each format escapes or styles in its own way.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from html import escape, unescape
from typing import Any

from ..fields import BLANK
from ..languages import Language
from ..model import Entity


def with_blanks(clause: str, champs: list[dict], language: Language) -> str:
    """A clause whose ``[[id]]`` blanks become spans that the page's form fills in, showing the label until then.
    The label is typeset here: the page's typesetting leaves attributes alone, and the form puts it back."""
    labels = {c["id"]: language.typeset(unescape(c["libelle"])) for c in champs}

    def blank(match: re.Match) -> str:
        ident = match.group(1)
        label = escape(labels[ident])
        return f'<span class="guide-blank" data-champ="{ident}" data-libelle="{label}">{label}</span>'

    return BLANK.sub(blank, clause)


@dataclass(frozen=True)
class Run:
    """Text in one style: "" (plain), "b" (bold) or "i" (italics)."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Blank:
    """A blank: its field, and its value as printed (None while it is left to fill in)."""

    id: str
    label: str
    type: str  # texte, date, nombre or paragraphe
    value: str | None = None


Piece = Run | Blank


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    optional: bool
    clauses: tuple[tuple[Piece, ...], ...]


@dataclass(frozen=True)
class Document:
    """One agreement in one language, ready to print: every text is plain, typeset for its language."""

    language: Language
    id: str
    title: str
    version: str
    date: str
    parties: tuple[str, ...]
    sections: tuple[Section, ...]
    labels: dict[str, str]  # the interface strings of entente.*, without the prefix

    @property
    def lang(self) -> str:
        return self.language.code


def document(
    entity: Entity,
    language: Language,
    strings: dict[str, str],
    values: dict[str, Any] | None = None,
    removed: frozenset[str] = frozenset(),
) -> Document:
    """``entity`` (an agreement of the model of ``language``) as a document; ``values`` fill its blanks and the
    optional sections in ``removed`` are left out, the others numbered without a gap."""
    values = values or {}
    fields = {c["id"]: c for c in entity["champs"]}

    typeset = language.typeset

    def blank(ident: str) -> Blank:
        spec = fields[ident]
        kind = spec["type"] or "texte"
        value = values.get(ident)
        shown = None if value is None else typeset(format_value(value, kind, language))
        return Blank(ident, typeset(_plain(spec["libelle"])), kind, shown)

    sections = []
    for section in entity["sections"]:
        if section["id"] in removed:
            continue
        clauses = tuple(tuple(_pieces(clause, typeset, blank)) for clause in section["clauses"])
        number = len(sections) + 1
        sections.append(
            Section(section["id"], number, typeset(_plain(section["titre"])), bool(section["optionnelle"]), clauses)
        )
    labels = {k.removeprefix("entente."): typeset(_plain(v)) for k, v in strings.items() if k.startswith("entente.")}
    return Document(
        language=language,
        id=entity.id,
        title=typeset(_plain(entity["titre"])),
        version=entity["version"],
        date=entity["date"],
        parties=tuple(typeset(_plain(p["titre"])) for p in entity["parties"]),
        sections=tuple(sections),
        labels=labels,
    )


_INLINE = re.compile(r"\*\*(?P<b>.+?)\*\*|(?<![*\w])[*_](?P<i>[^*_]+?)[*_](?![*\w])|\[(?P<link>[^\]]+)\]\([^)]*\)")


def _pieces(clause: str, typeset: Any, blank: Any) -> list[Piece]:
    """A prepared clause (inline Markdown, blanks) as runs of plain text and blanks."""
    pieces: list[Piece] = []
    for i, part in enumerate(BLANK.split(clause)):
        if i % 2:
            pieces.append(blank(part))
            continue
        at = 0
        for match in _INLINE.finditer(part):
            pieces.append(Run(typeset(_plain(part[at : match.start()]))))
            if match.group("b"):
                pieces.append(Run(typeset(_plain(match.group("b"))), "b"))
            elif match.group("i"):
                pieces.append(Run(typeset(_plain(match.group("i"))), "i"))
            else:
                pieces.append(Run(typeset(_plain(match.group("link")))))
            at = match.end()
        pieces.append(Run(typeset(_plain(part[at:]))))
    return [p for p in pieces if not isinstance(p, Run) or p.text]


def _plain(text: str) -> str:
    """A prepared text (inert Markdown) as plain text."""
    return unescape(text)


def format_value(value: Any, kind: str, language: Language) -> str:
    """A value for a blank as it is printed in ``language``: dates spelt out, numbers grouped by thousands."""
    if kind == "date" and isinstance(value, datetime.date):
        return language.date(value)
    if kind == "nombre" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return language.number(value)
    return str(value).strip()
