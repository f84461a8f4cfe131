"""The guide's own voice, told apart at a glance from what the study found.

What the guide suggests or reads into the study is shown one way on every page, on screen and in print: a
"Guide" marker, explained once per page by a legend under the summary (interface strings ``voix.*``).

- An entity's ``pistes`` (what a network can do) are the guide's by definition: the page opens with them, in a
  box that carries the marker.
- In a text, an editor starts a paragraph or a list item with ``[guide]`` when it is the guide's reading rather
  than a finding of the study: ``- [guide] Des rôles qui évoluent sont normaux…``.
- The links between controversies and solutions, and between an agreement's sections and controversies, are
  the guide's reading (the study does not pair them): they carry the marker too. So is everything a situation
  leads to (its controversy, their solutions, the agreement sections, the roles): the study lists no situations.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from .leaves import leaves

MARKER = "[guide]"
EXAMPLE = "- [guide] Des rôles qui évoluent sont normaux ; la difficulté vient de ce qu'ils restent implicites."

# where the marker may be: at the start of a line, after a list item's bullet or number if there is one
_PLACED = re.compile(r"^([ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?)\[guide\][ \t]*", re.MULTILINE)

# the relations (model.Relation.label) that are the guide's reading, not the study's
RELATIONS = frozenset(
    {
        "controverses.solutions",
        "controverses.solutions.inverse",
        "ententes.sections.inverse",
        *(f"situations.{name}" for name in ("controverse", "solutions", "ententes", "roles")),
        *(f"situations.{name}.inverse" for name in ("controverse", "ententes", "roles")),
    }
)


def misplaced(text: str) -> int:
    """How many ``[guide]`` markers of ``text`` are not at the start of a paragraph or a list item."""
    return text.count(MARKER) - len(_PLACED.findall(text))


def mark(label: str) -> str:
    """The marker as a page shows it."""
    return f'<span class="guide-marque">{escape(label)}</span>'


def render(markdown: str, label: str) -> str:
    """A page's Markdown with each ``[guide]`` made the marker, at the start of its paragraph or item."""
    if MARKER not in markdown:
        return markdown
    return _PLACED.sub(lambda m: f"{m.group(1)}{mark(label)} ", markdown)


def speaks(entity: Any) -> bool:
    """Whether an entity's page says something in the guide's voice, and so needs the legend."""
    if any(r.label in RELATIONS for r in entity.relations):
        return True
    if any(section.get("controverses") for section in entity.data.get("sections", [])):
        return True  # an agreement's sections say which controversies they answer: the guide's reading
    return any(isinstance(v, str) and (name == "pistes" or MARKER in v) for name, v in leaves(entity.data))
