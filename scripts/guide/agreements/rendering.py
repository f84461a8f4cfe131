"""Rendering agreements' files: a job is ("pdf", printable HTML) or ("docx", document); many run in parallel."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import docx, pdf

Job = tuple[str, object]


def render_file(job: Job) -> bytes:
    kind, payload = job
    if kind == "pdf":
        return pdf.pdf(payload)  # type: ignore[arg-type]
    return docx.docx(payload)  # type: ignore[arg-type]


def render_many(jobs: list[Job]) -> Iterable[bytes]:
    """Each job's file, in order: one process per core when there are several."""
    if len(jobs) < 2 or (os.cpu_count() or 1) < 2:
        return [render_file(job) for job in jobs]
    # forkserver, not fork: `mkdocs serve` builds while other threads run, and forking them is unsafe. Its
    # processes take this process's sys.path, and import this package from it: a plain `mkdocs build` (no
    # PYTHONPATH) imported it from the hook's file, so the folder may be missing there.
    scripts = str(Path(__file__).resolve().parents[2])
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1), mp_context=context) as pool:
        return list(pool.map(render_file, jobs))
