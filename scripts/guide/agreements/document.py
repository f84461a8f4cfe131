"""Agreements as documents: numbered sections of clauses, each blank filled in or left to fill.

The guide's page shows the blanks as spans that its form fills in (``with_blanks``); the
printable files (PDF, DOCX, standalone HTML) are made from a ``Document``, plain text
throughout, which each format escapes or styles in its own way.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from html import escape, unescape
from typing import Any

from ..fields import BLANK
from ..languages import Language
from ..model import Entity


def with_blanks(clause: str, champs: list[dict], language: Language) -> str:
    """A clause whose ``[[id]]`` blanks become what the page's form fills in: a line to write on by hand, as
    wide as the PDF's, with the blank's label under it (ruled lines for a ``paragraphe``), until a value is typed.
    The punctuation that follows a blank is kept with it, as in the PDF: never a lone "." at a line's start."""
    fields = {c["id"]: c for c in champs}

    def blank(match: re.Match) -> str:
        ident = match.group(1)
        kind = fields[ident]["type"] or "texte"
        label = escape(language.typeset(unescape(fields[ident]["libelle"])))
        lines = '<span class="guide-blank-lines">' + "<span></span>" * 4 + "</span>" if kind == "paragraphe" else ""
        html = (
            f'<span class="guide-blank" data-champ="{ident}" data-type="{kind}"><span class="guide-blank-value"></span>'
            f'{lines}<span class="guide-blank-label">{label}</span></span>'
        )
        after = match.group(2)
        return f'<span class="guide-joined">{html}{after}</span>' if after else html

    return _BLANK_AND_AFTER.sub(blank, clause)


# A blank and the punctuation after it, in a clause not yet typeset (a space before ";" or ":" is a no-break one
# once the page is typeset).
_BLANK_AND_AFTER = re.compile(BLANK.pattern + r"((?:[ \u00a0\u202f](?=[;:!?»]))?[.,;:!?…)\]»”’]*)")


def form_sections(entity: Entity) -> list[tuple[dict, list[dict]]]:
    """The agreement's sections with the blanks each one asks for first, for a form filled in section by section:
    a blank used in several sections is asked for once, where it first appears; a blank no clause uses comes
    last, in a group of its own (``None``). Sections with no new blank and nothing to choose are left out."""
    fields = {c["id"]: c for c in entity["champs"]}
    asked: set[str] = set()
    groups: list[tuple[dict, list[dict]]] = []
    for section in entity["sections"]:
        found = [i for clause in section["clauses"] for i in BLANK.findall(clause)]
        new = [fields[i] for i in dict.fromkeys(found) if i not in asked]
        asked.update(c["id"] for c in new)
        if new or section["optionnelle"]:
            groups.append((section, new))
    rest = [c for c in entity["champs"] if c["id"] not in asked]
    if rest:
        groups.append((None, rest))
    return groups


@dataclass(frozen=True)
class Run:
    """Text in one style: "" (plain), "b" (bold) or "i" (italics)."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Blank:
    """A blank: its field, its value as printed (None while it is left to fill in), and the punctuation that
    follows it in the clause, printed joined to it so that it never starts a line."""

    id: str
    label: str
    type: str  # texte, date, nombre or paragraphe
    value: str | None = None
    after: str = ""


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
    summary: str  # the agreement's summary, the files' subject
    version: str
    date: str
    parties: tuple[str, ...]
    sections: tuple[Section, ...]
    labels: dict[str, str]  # the interface strings of entente.*, without the prefix

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def tag(self) -> str:
        """The language tag its files declare ("fr-CA")."""
        return self.language.tag


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
        summary="".join(piece.text for piece in _pieces(entity["resume"], typeset, None) if isinstance(piece, Run)),
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
    return _joined([p for p in pieces if not isinstance(p, Run) or p.text])


# What may follow a blank with no space between (a no-break space before it, as French writes "; » !"): it is
# printed with the blank, never at the start of the next line.
_FOLLOWING = re.compile(r"[\u00a0\u202f]?[.,;:!?…)\]»”’]+")
_ENDS_SENTENCE = (".", "!", "?", "…")


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Each blank with the punctuation that follows it; one period where a value ending with one meets the
    clause's ("10 p.m." then "." prints "10 p.m.")."""
    out: list[Piece] = []
    for piece in pieces:
        previous = out[-1] if out else None
        found = _FOLLOWING.match(piece.text) if isinstance(piece, Run) and isinstance(previous, Blank) else None
        if not found:
            out.append(piece)
            continue
        assert isinstance(piece, Run) and isinstance(previous, Blank)
        after = found.group()
        if previous.value and previous.value.endswith(_ENDS_SENTENCE) and after.startswith("."):
            after = after[1:]
        out[-1] = replace(previous, after=after)
        rest = piece.text[found.end() :]
        if rest:
            out.append(Run(rest, piece.style))
    return out


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
