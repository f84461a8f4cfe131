"""One generation for several builds: ``make site`` validates the content and writes the pages once, then runs its
two builds side by side (the site and its offline copy), and each one's hook takes that generation's result
instead of making it again.

The result goes into a file that the builds find through ``GUIDE_GENERATION``, with the fingerprint of the
files it was made from: a build whose inputs changed since (an editor saved a file meanwhile) generates anew.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .pipeline import Generation, fingerprint
from .settings import Settings

VARIABLE = "GUIDE_GENERATION"


def write(path: Path, settings: Settings, generation: Generation) -> dict[str, str]:
    """Record ``generation`` in ``path``; the variables that hand it to a build's hook."""
    record = {
        "inputs": fingerprint(settings),
        "docs_dir": str(settings.docs_dir),
        "pages": generation.pages,
        "written": generation.written,
        "removed": generation.removed,
        "rendered": generation.rendered,
        "stale": generation.stale,
        "abbreviations": generation.abbreviations,
    }
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return {VARIABLE: str(path)}


def taken(settings: Settings) -> Generation | None:
    """The generation handed over to this build, if there is one and it was made from the files as they are now."""
    name = os.environ.get(VARIABLE)
    if not name:
        return None
    try:
        record = json.loads(Path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # gone, or half-written by a build that was stopped: generate
        return None
    now = json.loads(json.dumps(fingerprint(settings)))  # as JSON has it: tuples become lists
    if record.get("inputs") != now or record.get("docs_dir") != str(settings.docs_dir):
        return None
    return Generation(
        record["pages"],
        record["written"],
        record["removed"],
        record["rendered"],
        record["stale"],
        record["abbreviations"],
        readability=[],
    )
