"""One generation for make site's two builds (handover.py): a build started before the pages are generated
waits for them while make site runs, and gives up, with a message, when it is gone."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config

from guide import handover, pipeline
from guide.settings import Settings
from sites import make_project


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, pipeline.Generation]:
    settings = Settings.from_mkdocs(load_config(str(make_project(tmp_path_factory.mktemp("handover")))))
    return settings, pipeline.generate(settings)


def expect(monkeypatch: pytest.MonkeyPatch, path: Path, parent: int) -> None:
    """This process as a build that make site started: make site, its parent, writes its generation in ``path``."""
    for name, value in {**handover.expected(path), handover.PARENT: str(parent)}.items():
        monkeypatch.setenv(name, value)


def test_a_build_waits_for_the_generation_make_site_is_making(generated, tmp_path: Path, monkeypatch) -> None:
    settings, generation = generated
    path = tmp_path / "generation.json"
    expect(monkeypatch, path, parent=os.getppid())
    writer = threading.Timer(0.3, handover.write, (path, settings, generation))
    writer.start()
    start = time.monotonic()
    taken = handover.taken(settings)
    writer.join()
    assert time.monotonic() - start >= 0.25
    assert taken is not None and taken.pages == generation.pages and taken.written == generation.written
    assert not list(tmp_path.glob("*.part"))  # written whole, then renamed


def test_a_build_gives_up_when_make_site_is_gone(generated, tmp_path: Path, monkeypatch) -> None:
    settings, _ = generated
    path = tmp_path / "generation.json"
    gone = os.getppid() + 1  # not this process's parent: as if make site had ended and this build were orphaned
    expect(monkeypatch, path, parent=gone)
    with pytest.raises(handover.AbandonedError, match="make site ended before it handed its pages over"):
        handover.taken(settings)


def test_a_generation_made_from_other_files_is_not_taken(generated, tmp_path: Path, monkeypatch) -> None:
    settings, generation = generated
    path = tmp_path / "generation.json"
    handover.write(path, settings, generation)
    expect(monkeypatch, path, parent=os.getppid())
    source = settings.root / "fr" / "guide.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # an editor saved it meanwhile
    try:
        assert handover.taken(settings) is None
    finally:
        source.write_text(source.read_text(encoding="utf-8")[:-1], encoding="utf-8")
