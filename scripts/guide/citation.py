"""How to cite the guide itself, read from the repository's ``CITATION.cff``: one source for both."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ErrorList, InvalidContentError
from .loader import load_file
from .text import prepare


@dataclass(frozen=True)
class Citation:
    authors: str
    year: str
    title: str
    version: str
    released: datetime.date | None = field(default=None, compare=False)  # None: date-released is no date


def load_citation(path: Path, name: str) -> Citation:
    """The fields a citation needs; every missing one is reported, with an example."""
    errors = ErrorList()
    doc = load_file(path, name, errors)
    if doc is None:
        raise InvalidContentError(errors.sorted())
    data = doc.data if isinstance(doc.data, dict) else {}
    examples = {
        "title": 'title: "Intervention de proximité en HLM"',
        "version": 'version: "1.0.0"',
        "date-released": 'date-released: "2026-11-22"',
        "authors": 'authors:\n  - name: "Projet Intervention de proximité en HLM"',
    }
    for key, example in examples.items():
        if not data.get(key):
            errors.add(name, doc.line(()), key, "is missing: the guide's References page cites it", example)
    names = []
    authors = data.get("authors") or []
    if not isinstance(authors, list):
        errors.add(name, doc.line(("authors",)), "authors", "expected a list of authors", examples["authors"])
        authors = []
    for i, author in enumerate(authors):
        if isinstance(author, dict) and author.get("name"):
            names.append(str(author["name"]))
        elif isinstance(author, dict) and author.get("family-names"):
            given = str(author.get("given-names", ""))
            names.append(f"{author['family-names']}, {given[:1]}." if given else str(author["family-names"]))
        else:
            errors.add(name, doc.line(("authors", i)), f"authors[{i + 1}]", "needs a name", examples["authors"])
    if errors:
        raise InvalidContentError(errors.sorted())
    return Citation(
        authors=prepare(", ".join(names)),
        year=str(data["date-released"])[:4],
        title=prepare(str(data["title"])),
        version=prepare(str(data["version"])),
        released=_date(data["date-released"]),
    )


def _date(value: object) -> datetime.date | None:
    """``date-released`` as a date: written unquoted, YAML has made it one; quoted, it is its ISO text."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None
