"""`mkdocs serve` after an edit renders only the pages the edit changes (incremental.py, memo.py): what it writes
is what a whole generation writes. Each edit is made to the real content; after the generation with the memory of
the one before, a generation without memory must find nothing to write or remove."""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from guide import pipeline
from guide.errors import InvalidContentError
from guide.incremental import Memory
from guide.memo import Memo, kept, remembered
from guide.settings import Settings
from sites import ROOT, make_project

LANGS = ("fr", "en")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real content next to a mkdocs.yml like the project's: its mkdocs.yml."""
    config = make_project(tmp_path)
    for lang in LANGS:
        shutil.rmtree(config.parent / lang)
        shutil.copytree(ROOT / lang, config.parent / lang)
    return config


def generate(config: Path, memory: Memory | None = None) -> pipeline.Generation:
    return pipeline.generate(Settings.from_mkdocs(load_config(str(config))), memory=memory)


def edit(folder: Path, lang: str, name: str, change: Callable[[dict], None]) -> None:
    """Change ``lang/name`` as data, written back as an editor's save: its date moves on."""
    path = folder / lang / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    later = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))


def in_both(name: str, change: Callable[[dict, str], None]) -> Callable[[Path], None]:
    return lambda folder: [edit(folder, lang, name, lambda data, lang=lang: change(data, lang)) for lang in LANGS]


def retitle_role(data: dict, lang: str) -> None:
    data["roles"][0]["titre"] = f"{data['roles'][0]['titre']} ({lang}, renommé)"


def add_role(data: dict, lang: str) -> None:
    data["roles"].insert(1, {**copy.deepcopy(data["roles"][0]), "id": "role-ajoute", "titre": f"Rôle ajouté {lang}"})


def swap_solutions(data: dict, lang: str) -> None:
    data["solutions"][0], data["solutions"][1] = data["solutions"][1], data["solutions"][0]


def retitle_section(data: dict, lang: str) -> None:
    section = data["ententes"][0]["sections"][0]
    section["titre"] = f"{section['titre']} ({lang})"


def new_abbreviation(data: dict, lang: str) -> None:
    entry = next(e for e in data["glossaire"] if e.get("sigle"))
    entry["sigle"] = entry["sigle"] + "X"


def cite_differently(data: dict, lang: str) -> None:
    data["references"][0]["auteur_date"] = data["references"][0]["auteur_date"] + " [révisé]"


def drop_structure_link(data: dict, lang: str) -> None:
    role = next(r for r in data["roles"] if r.get("structures"))
    role["structures"] = role["structures"][1:]


def recategorize_tool(data: dict, lang: str) -> None:
    tool = data["outils"][0]
    tool["categorie"] = next(c for c in ("structure", "outil") if c != tool["categorie"])


def describe_role(data: dict, lang: str) -> None:
    data["roles"][0]["description"] += f"\n\nUne phrase de plus ({lang})."


def in_french(name: str, change: Callable[[dict, str], None]) -> Callable[[Path], None]:
    return lambda folder: edit(folder, "fr", name, lambda data: change(data, "fr"))


def recite(data: dict, lang: str) -> None:
    data["references"][0]["citation"] = "Révisé, A. " + data["references"][0]["citation"]


def rename_term(data: dict, lang: str) -> None:
    concept = next(c for c in data["terminologie"] if c["id"] == "hlm")
    concept["terme"] = concept["terme"] + " publique"


EDITS = {
    "a role's title (the pages that link to it)": in_both("roles.yaml", retitle_role),
    "a role's description (its own page)": in_both("roles.yaml", describe_role),
    "a role added (its index, its neighbours)": in_both("roles.yaml", add_role),
    "two solutions swapped (their order, their neighbours)": in_both("solutions.yaml", swap_solutions),
    "an agreement section's title (the situations that name it)": in_both("ententes.yaml", retitle_section),
    "a glossary abbreviation (every page's abbreviations)": in_both("glossaire.yaml", new_abbreviation),
    "a reference's author-date (the pages that cite it)": in_both("references.yaml", cite_differently),
    "a relation dropped (the structure's way back)": in_both("roles.yaml", drop_structure_link),
    "a tool in another category (its index page's groups)": in_both("outils.yaml", recategorize_tool),
    "a reference's full citation (not the pages that cite it by author and date)": in_both("references.yaml", recite),
    "a French reference only (the English model kept)": in_french("references.yaml", recite),
    "a French term only (the English glossary gives it)": in_french("terminologie.yaml", rename_term),
}


@pytest.mark.parametrize("change", list(EDITS.values()), ids=list(EDITS))
def test_an_edit_writes_what_a_whole_generation_writes(project: Path, change: Callable[[Path], None]) -> None:
    memory = Memory()
    first = generate(project, memory)
    pages = sum(map(len, first.pages.values()))
    change(project.parent)
    memory.rendered = 0
    generate(project, memory)
    assert 0 < memory.rendered < pages
    whole = generate(project)
    assert (whole.written, whole.removed) == (0, 0)


def test_an_edit_to_one_language_keeps_the_others_model_and_pages(project: Path) -> None:
    """The English model is made from the English content and the French termbase: an edit to a French reference
    leaves it as it was, the same object, and every English page is kept as rendered."""
    memory = Memory()
    generate(project, memory)
    french, english = memory.languages["fr"], memory.languages["en"]
    in_french("references.yaml", recite)(project.parent)
    generate(project, memory)
    # compared here, not in the assertions: a failing one would print the models, whose entities link each other
    kept, built_again = memory.languages["en"].model is english.model, memory.languages["fr"].model is not french.model
    assert (kept, built_again) == (True, True)
    pages = memory.languages["en"].pages
    assert pages.keys() == english.pages.keys()
    assert [path for path in pages if pages[path] is not english.pages[path]] == []


def test_a_page_is_rendered_again_for_what_it_prints_of_an_entity(project: Path) -> None:
    """The glossary cites parent-2022 by author and date, the References page prints its full citation: an edit to
    one renders again the page that prints it, not the other. A role's description shows on its own page only:
    the pages that link to the role print its title."""
    memory = Memory()
    generate(project, memory)

    def rendered_again(change: Callable[[Path], None]) -> set[str]:
        before = {lang: dict(memory.languages[lang].pages) for lang in LANGS}
        change(project.parent)
        generate(project, memory)
        return {
            p for lang in LANGS for p, found in memory.languages[lang].pages.items() if found is not before[lang][p]
        }

    pages = {"glossaire/index.md", "references/index.md"}
    assert rendered_again(in_both("references.yaml", recite)) & pages == {"references/index.md"}
    assert rendered_again(in_both("references.yaml", cite_differently)) & pages == {"glossaire/index.md"}
    assert rendered_again(in_both("roles.yaml", describe_role)) == {"roles/organisation-communautaire.md"}
    whole = generate(project)
    assert (whole.written, whole.removed) == (0, 0)


def test_nothing_changed_renders_nothing(project: Path) -> None:
    memory = Memory()
    generate(project, memory)
    memory.rendered = 0
    again = generate(project, memory)
    assert (memory.rendered, again.written, again.removed) == (0, 0, 0)


def test_a_failed_generation_leaves_the_memory_as_the_last_good_one(project: Path) -> None:
    """An edit with an error, then its fix: the pages are those of the fixed content."""
    memory = Memory()
    generate(project, memory)
    in_both("roles.yaml", retitle_role)(project.parent)
    edit(project.parent, "fr", "roles.yaml", lambda data: data["roles"][0].update(structures=["inconnue"]))
    with pytest.raises(InvalidContentError):
        generate(project, memory)
    edit(project.parent, "fr", "roles.yaml", lambda data: data["roles"][0].pop("structures"))
    edit(project.parent, "en", "roles.yaml", lambda data: data["roles"][0].pop("structures"))
    generate(project, memory)
    whole = generate(project)
    assert (whole.written, whole.removed) == (0, 0)


def test_a_template_changed_renders_every_page(project: Path, tmp_path: Path) -> None:
    templates = tmp_path / "gabarits"
    shutil.copytree(ROOT / "gabarits", templates)
    text = project.read_text(encoding="utf-8").replace(str(ROOT / "gabarits") + "\n", str(templates) + "\n")
    project.write_text(text, encoding="utf-8")
    memory = Memory()
    first = generate(project, memory)
    entity = templates / "pages" / "entite.md.j2"
    entity.write_text(entity.read_text(encoding="utf-8") + "\n<!-- changé -->\n", encoding="utf-8")
    memory.rendered = 0
    generate(project, memory)
    assert memory.rendered == sum(map(len, first.pages.values()))
    whole = generate(project)
    assert (whole.written, whole.removed) == (0, 0)


def test_a_result_is_taken_again_for_equal_values_read_anew() -> None:
    """``make serve`` reads mkdocs.yml again at each build: a language's code is then an equal string, but a new
    object. A result computed from it and from the same entry is taken again; from another entry, or another
    value, computed again."""
    calls = []

    def compute(entry: object, lang: str) -> str:
        calls.append(lang)
        return f"{lang}:{id(entry)}"

    entry, memo = object(), Memo()
    lang, again = "".join(["e", "n"]), "".join(["e", "n"])
    assert lang == again and lang is not again
    with kept(memo):
        first = remembered(compute, entry, lang)
    with kept(memo):
        assert remembered(compute, entry, again) == first
        remembered(compute, entry, "fr")
        remembered(compute, object(), again)
    assert calls == ["en", "fr", "en"]
