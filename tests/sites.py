"""Build fixture sites in a temporary folder, with the project's templates and hook."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@functools.cache
def languages() -> dict:
    """The languages the project's mkdocs.yml declares (code -> guide.languages.Language)."""
    from mkdocs.config import load_config

    from guide.settings import Settings

    return Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml"))).language_data


def fixture_content(fixture: str = "petit") -> dict[str, dict[str, Any]]:
    """A fixture's content as data, {language: {file name: data}}, to change before ``content_set``."""
    project = list(_config()["extra"]["guide"]["content"])  # the project's order: the default first
    found = sorted(p.name for p in (FIXTURES / fixture).iterdir() if p.is_dir() and p.name != "docs")
    found.sort(key=lambda lang: project.index(lang) if lang in project else len(project))
    return {
        lang: {
            p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((FIXTURES / fixture / lang).glob("*.yaml"))
        }
        for lang in found
    }


def content_set(folder: Path, content: Mapping[str, Mapping[str, Any]]) -> dict:
    """A content set from YAML data ({language: {file name: data}}): written as an editor's files into
    ``folder``, then loaded as a build loads it (language -> validated tree, or InvalidContentError)."""
    from guide.validate import load_content
    from synthetic import write_content

    return load_content(write_content(folder, content), folder)


def _config() -> dict:
    """The project's mkdocs.yml as data, read as MkDocs reads it (``!ENV``), without the site's address: a test
    that needs one sets it, whatever the environment of the tests says."""
    from mkdocs.utils import yaml_load

    return {**yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), "site_url": ""}


def make_project(tmp_path: Path, fixture: str = "petit") -> Path:
    """Copy a fixture content set next to a mkdocs.yml like the project's; return that mkdocs.yml."""
    project = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, project)
    config = _config()
    config["hooks"] = [str(ROOT / "scripts" / "mkdocs_hooks.py")]
    config["theme"]["custom_dir"] = str(ROOT / "gabarits" / "theme")
    config["extra"]["guide"]["templates"] = str(ROOT / "gabarits")
    config["watch"] = [w if w != "gabarits" else str(ROOT / "gabarits") for w in config["watch"]]
    config["extra"]["guide"].pop("citation", None)
    nav = project / "nav.yml"
    if nav.exists():
        config["nav"] = yaml.safe_load(nav.read_text(encoding="utf-8"))
        for lang in config["plugins"][1]["i18n"]["languages"]:
            lang.pop("nav_translations", None)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config_file: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m guide site`` on a project, as ``make site`` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "guide", "site", "--config-file", str(config_file), *args],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env={
            "PYTHONPATH": str(ROOT / "scripts"),
            "PATH": "/usr/bin:/bin",
            "NO_MKDOCS_2_WARNING": "1",
            **({"GUIDE_CACHE": os.environ["GUIDE_CACHE"]} if "GUIDE_CACHE" in os.environ else {}),
        },
    )
