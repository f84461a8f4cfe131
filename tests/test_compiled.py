"""Templates compiled once and kept on disk for the next process (compiled.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from guide.agreements.cache import FileCache
from guide.compiled import FOLDER, CompiledTemplates


class CountingEnvironment(jinja2.Environment):
    compiled = 0

    def _compile(self, source: str, filename: str):  # type: ignore[override]
        CountingEnvironment.compiled += 1
        return super()._compile(source, filename)


def render(templates: Path, cache: CompiledTemplates) -> str:
    env = CountingEnvironment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache)
    return env.get_template("page.md.j2").render(name="HLM")


def test_a_template_compiled_by_one_process_is_used_by_the_next(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text("# {{ name }}\n", encoding="utf-8")
    CountingEnvironment.compiled = 0
    assert render(templates, CompiledTemplates(tmp_path / "cache")) == "# HLM"
    assert CountingEnvironment.compiled == 1
    assert render(templates, CompiledTemplates(tmp_path / "cache")) == "# HLM"  # a new process: from the disk
    assert CountingEnvironment.compiled == 1
    (templates / "page.md.j2").write_text("## {{ name }}\n", encoding="utf-8")  # edited: compiled again
    assert render(templates, CompiledTemplates(tmp_path / "cache")) == "## HLM"
    assert CountingEnvironment.compiled == 2
    kept = CompiledTemplates(tmp_path / "cache")
    assert render(templates, kept) == "## HLM"
    assert render(templates, kept) == "## HLM"  # a new environment, the same process: from memory
    assert CountingEnvironment.compiled == 2


def test_a_cache_folder_that_cannot_be_written_keeps_nothing_and_the_build_goes_on(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text("# {{ name }}\n", encoding="utf-8")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert render(templates, CompiledTemplates(blocked / "jinja")) == "# HLM"


def test_the_agreement_files_cache_leaves_the_compiled_templates_alone(tmp_path: Path) -> None:
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / "compiled.cache").write_bytes(b"code")
    (tmp_path / "old.pdf").write_bytes(b"%PDF")
    cache = FileCache(tmp_path)
    cache.put("new.pdf", b"%PDF")
    cache.get("new.pdf")
    cache.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == [FOLDER, "new.pdf"]
    assert (tmp_path / FOLDER / "compiled.cache").is_file()
