"""What agreements add to a page: their blanks, marked so that a reader can fill them in."""

from __future__ import annotations

import re
from html import escape, unescape

from .fields import BLANK


def with_blanks(clause: str, champs: list[dict]) -> str:
    """A clause whose ``[[id]]`` blanks become spans that the page's form fills in, showing the label until then."""
    labels = {c["id"]: unescape(c["libelle"]) for c in champs}

    def blank(match: re.Match) -> str:
        ident = match.group(1)
        label = escape(labels[ident])
        return f'<span class="guide-blank" data-champ="{ident}" data-libelle="{label}">{label}</span>'

    return BLANK.sub(blank, clause)
