"""The JSON Schema of the content files, built from the validator's own schema, for editors' tools.

``PYTHONPATH=scripts python -m guide schema`` writes it to ``gabarits/schema/contenu.schema.json``; each
YAML file of ``fr/`` and ``en/`` names it in its first line, which the YAML extension of VS Code (Red Hat)
reads to complete field names and show their help while typing.  It is draft-07, the draft that extension
handles best.  It checks what one file says on its own; what takes several files or both languages
(references, the same ids in ``fr/`` and ``en/``, translations, blanks that are champs) stays the validator's.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .schema import KINDS, Kind

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = Path("gabarits/schema/contenu.schema.json")  # relative to the project's root
COMMENT = "# yaml-language-server: $schema={path}"  # the first line of each content file


def content_schema() -> dict:
    """A content file: a mapping of kinds (``roles:``, ``outils:``…), one or several, and nothing else."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$comment": "Generated from scripts/guide/schema.py by `PYTHONPATH=scripts python -m guide schema`: "
        "do not edit by hand. `make check` checks more: references, both languages, blanks.",
        "title": "Contenu du guide / Guide content",
        "description": "A content file of fr/ or en/: one or several kinds of entries (" + ", ".join(KINDS) + ").",
        "type": "object",
        "additionalProperties": False,
        "properties": {key: _kind_schema(kind) for key, kind in KINDS.items()},
    }


def _kind_schema(kind: Kind) -> dict:
    if not kind.many:
        return kind.record.json_schema()
    schema: dict = {"type": "array", "items": kind.record.json_schema()}
    if kind.record.help:
        schema["description"] = kind.record.help
    return schema


def render() -> str:
    """The schema file's text, as committed: the same content always gives the same bytes."""
    return json.dumps(content_schema(), ensure_ascii=False, indent=2) + "\n"


def comment_for(yaml_file: Path, root: Path = ROOT) -> str:
    """The first line a content file needs, with the schema's path relative to that file."""
    relative = os.path.relpath((root / SCHEMA_FILE).resolve(), yaml_file.parent.resolve())
    return COMMENT.format(path=Path(relative).as_posix())
