"""One generation for several builds: ``make site`` validates the content and writes the pages once, then runs its
two builds side by side (the site and its offline copy), and each one's hook takes that generation's result
instead of making it again.

The result goes into a file that the builds find through ``GUIDE_GENERATION``, with the fingerprint of the
files it was made from: a build whose inputs changed since (an editor saved a file meanwhile) generates anew.
The builds start while ``make site`` generates (MkDocs takes a second to start): a build waits for the file as
long as ``make site``, its parent (``GUIDE_GENERATION_BY``), runs.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .pipeline import Generation, fingerprint
from .settings import Settings

VARIABLE = "GUIDE_GENERATION"
PARENT = "GUIDE_GENERATION_BY"
WAIT = 0.01  # seconds between two looks for the file


class AbandonedError(Exception):
    """``make site`` ended before it handed its generation over: it was stopped, or failed."""


def expected(path: Path) -> dict[str, str]:
    """The variables that tell a build to wait for the generation this process will write in ``path``."""
    return {VARIABLE: str(path), PARENT: str(os.getpid())}


def write(path: Path, settings: Settings, generation: Generation) -> None:
    """Record ``generation`` in ``path``, whole at once: a build waiting for it never reads half of it."""
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
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    part.replace(path)


def taken(settings: Settings) -> Generation | None:
    """The generation handed over to this build, if there is one and it was made from the files as they are now."""
    name = os.environ.get(VARIABLE)
    if not name:
        return None
    parent = os.environ.get(PARENT)
    while parent and not Path(name).exists():
        if os.getppid() != int(parent):  # make site is gone: nothing will come
            raise AbandonedError(f"make site ended before it handed its pages over ({name})")
        time.sleep(WAIT)
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
