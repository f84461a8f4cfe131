"""`mkdocs serve` rebuilds the affected page when a YAML file or a template changes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import fetch, free_port
from sites import ROOT, make_project


def wait_for(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url, timeout=2):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def server(tmp_path: Path):
    config = make_project(tmp_path)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--config-file",
            str(config),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=config.parent,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield config.parent, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_yaml_edit_is_served(server: tuple[Path, str]) -> None:
    project, base = server
    assert wait_for(f"{base}/roles/intervenante/", "Intervenante de milieu")
    path = project / "fr" / "guide.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Intervenante de milieu", "Intervenante de quartier"), encoding="utf-8"
    )
    assert wait_for(f"{base}/roles/intervenante/", "Intervenante de quartier")
    assert "Intervenante de quartier" in fetch(f"{base}/roles/", timeout=2)
