"""`make bench` in its quick mode (tiny sizes, one run): every figure is written, with its unit and its budget.
No timing is asserted: the figures depend on the machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import figures
from sites import ROOT

pytestmark = pytest.mark.bench

PER_SIZE = [
    "pages",
    "html_pages",
    "site_build",
    "plain_build",
    "overhead",
    "html_bytes_per_page",
    "largest_html_page",
    "search_index_bytes.fr",
    "search_index_bytes.en",
    "rebuild",
    "rebuild_vs_plain",
    "rebuild_written",
    "rebuild_rendered",
    "make_site",
    "site_vs_plain",
    "edit_to_served",
    "builds_per_edit",
]
GROWTH = ["html_bytes_per_page", "search_index_bytes.fr", "search_index_bytes.en", "build_time"]
AGREEMENTS = ["files", "wall", "children_cpu", "cores", "parallelism"]
SERVE = ["edit_to_served", "builds_per_edit"]
BUDGETED = ["growth.html_bytes_per_page", "growth.build_time", "serve.edit_to_served"]


def test_quick_bench_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--out", str(out), "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    sizes = results["settings"]["sizes"]
    assert len(sizes) == 2 and results["settings"]["runs"] == 1

    expected = [f"sizes.{n}.{name}" for n in sizes for name in PER_SIZE]
    expected += [f"growth.{name}" for name in GROWTH] + [f"agreements.{name}" for name in AGREEMENTS]
    expected += [f"serve.{name}" for name in SERVE]
    found = dict(figures(results))
    assert sorted(found) == sorted(expected)
    for name, figure in found.items():
        assert isinstance(figure["value"], (int, float)), name
        assert isinstance(figure["unit"], str) and figure["unit"], name
        assert (figure["budget"] is None) == (figure["met"] is None), name  # met: true/false exactly when budgeted
    per_size = ["rebuild_written", "site_vs_plain", "edit_to_served", "builds_per_edit"]
    for name in BUDGETED + [f"sizes.{n}.{figure}" for n in sizes for figure in per_size]:
        assert found[name]["budget"], name
    assert results["growth"]["sizes"] == sizes
    assert results["serve"]["content"].startswith("real")

    # Not timings: a rebuild with nothing changed rewrites nothing and renders no agreement file again.
    for n in sizes:
        assert found[f"sizes.{n}.rebuild_written"]["value"] == 0
        assert found[f"sizes.{n}.rebuild_rendered"]["value"] == 0
        assert found[f"sizes.{n}.builds_per_edit"]["value"] == 1  # the generator's writes start no second build
    assert found["agreements.files"]["value"] == found["agreements.files"]["rendered"] > 0

    assert {"cores", "python", "mkdocs", "mkdocs-material", "weasyprint"} <= set(results["machine"])
    assert results["date"] and results["date_from"] in ("SOURCE_DATE_EPOCH", "clock")
    for name in expected:  # the printed table
        assert name in result.stdout
