"""Golden files: what the generator makes from the small fixture (tests/fixtures/petit), compared byte for byte with
tests/golden/. Every generated page of both languages, as it is written for MkDocs (abbreviations defined,
typeset), and one agreement's printable HTML (the source of its PDF files, and what `make agreement` writes).

A change to a template, to the typesetting or to the model shows here as a diff to read. When the change is the one
you meant, rewrite the files and read what changed before committing it:

    PYTHONPATH=scripts .venv/bin/python -m pytest tests/test_golden.py --update-golden
    git diff tests/golden/
"""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path

import pytest
from mkdocs.config import load_config

from guide import text
from guide.agreements.document import document
from guide.agreements.printing import Printer
from guide.agreements.site_files import downloads, site_files
from guide.labels import load_strings
from guide.model import build_model
from guide.render import Renderer
from guide.settings import Settings
from guide.validate import load_content
from sites import make_project

GOLDEN = Path(__file__).resolve().parent / "golden" / "petit"
# The sizes the agreement's page prints for its files: fixed, so that a new version of the PDF or DOCX library
# does not show here (tests/test_agreements.py checks the real files).
SIZES = {"pdf": 85_000, "docx": 1_234_567}
AGREEMENT = "salle"
VALUES = {"lieu": "Salle communautaire, 1234, rue Principale", "debut": datetime.date(2027, 1, 1)}
UPDATE = "PYTHONPATH=scripts .venv/bin/python -m pytest tests/test_golden.py --update-golden"


def generate(tmp_path: Path) -> dict[str, str]:
    """Every golden file's text, by its path under tests/golden/petit/."""
    settings = Settings.from_mkdocs(load_config(str(make_project(tmp_path))))
    trees = load_content(settings.content, settings.root)
    strings = load_strings(settings.templates, settings.languages)
    models = {lang: build_model(tree) for lang, tree in trees.items()}
    agreements = models[settings.default_language].kinds["ententes"]
    sizes = {
        path: SIZES[ext]
        for entity in agreements
        for _, ext, path in site_files(entity.id, settings.languages, settings.bilingual)
    }
    offered = downloads(agreements, settings.languages, settings.bilingual, sizes)
    renderer = Renderer(settings.templates, strings, settings.language_data, None, offered)
    found = {}
    for lang, model in models.items():
        abbreviations = model.abbreviations()
        for path, page in renderer.render(model).items():
            found[f"{lang}/{path}"] = text.finish_page(page, settings.language(lang), abbreviations)

    printer = Printer(settings.templates, None)

    def doc(lang: str, values: dict | None = None):
        return document(models[lang].find("ententes", AGREEMENT), settings.language(lang), strings[lang], values)

    folder = f"ententes/entente-{AGREEMENT}"
    for variant in (("fr",), ("en",), ("fr", "en")):
        found[f"{folder}-{'-'.join(variant)}.html"] = printer.html([doc(lang) for lang in variant], template=True)
    found[f"{folder}-fr-rempli.html"] = printer.html([doc("fr", VALUES)], template=False)  # as make agreement fills it
    return found


def on_disk() -> dict[str, str]:
    if not GOLDEN.is_dir():
        return {}
    files = sorted(p for p in GOLDEN.rglob("*") if p.is_file())
    return {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in files}  # no newline translation


def update(found: dict[str, str]) -> None:
    for stale in set(on_disk()) - set(found):
        (GOLDEN / stale).unlink()
    for name, content in found.items():
        path = GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))


def test_generated_files_match_the_golden_files(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    found = generate(tmp_path)
    if request.config.getoption("--update-golden"):
        update(found)
    expected = on_disk()
    problems = [f"not in tests/golden/ (a new file?): {name}" for name in sorted(set(found) - set(expected))]
    problems += [f"no longer made: {name}" for name in sorted(set(expected) - set(found))]
    for name in sorted(set(found) & set(expected)):
        if found[name] != expected[name]:
            diff = difflib.unified_diff(
                expected[name].splitlines(keepends=True),
                found[name].splitlines(keepends=True),
                f"golden/petit/{name}",
                f"made now/{name}",
            )
            shown = "".join(list(diff)[:60])
            problems.append(f"differs: {name}\n{shown}")
    if problems:
        pytest.fail(
            f"{len(problems)} golden file(s) differ from what the code makes now.\n\n"
            + "\n".join(problems)
            + f"\n\nIf the change is the one you meant, rewrite them, then read git diff tests/golden/:\n    {UPDATE}",
            pytrace=False,
        )


def test_the_golden_files_cover_every_kind_of_page_in_both_languages() -> None:
    """A guard on the golden files themselves: a fixture that lost a kind would test less without saying so."""
    names = set(on_disk())
    for lang in ("fr", "en"):
        for page in ("modele/index.md", "roles/index.md", "roles/intervenante.md", "ententes/salle.md"):
            assert f"{lang}/{page}" in names, f"{lang}/{page}"
    assert {f"ententes/entente-salle-{v}.html" for v in ("fr", "en", "fr-en", "fr-rempli")} <= names
