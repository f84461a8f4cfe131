"""What the renderer is handed, and the interface strings it prints: references and downloads are resolved in
Python before a template sees them, and a label a page prints that a language lacks is a content error that
``make check`` finds, with its line in libelles.yaml."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
import yaml
from jinja2 import nodes
from mkdocs.config import load_config

from guide import pipeline
from guide.agreements.site_files import Download
from guide.errors import InvalidContentError
from guide.labels import load_strings
from guide.model import build_model
from guide.render import Renderer
from guide.settings import Settings
from guide.validate import load_content
from sites import FIXTURES, ROOT, languages, make_project

TEMPLATES = ROOT / "gabarits"


@pytest.fixture(scope="module")
def models() -> dict:
    trees = load_content({"fr": FIXTURES / "petit" / "fr", "en": FIXTURES / "petit" / "en"}, FIXTURES / "petit")
    return {lang: build_model(tree) for lang, tree in trees.items()}


def test_nested_references_are_the_entities_they_name(models: dict) -> None:
    model = models["fr"]
    section = next(s for s in model.find("ententes", "salle")["sections"] if s["controverses"])
    assert section["controverses"] == [model.find("controverses", "espaces")]
    assert all(s["controverses"] is None for s in model.find("ententes", "salle")["sections"] if s is not section)


def test_an_agreement_page_prints_the_downloads_it_is_handed(models: dict) -> None:
    sizes = {"pdf": 139_000, "docx": 85_200}
    downloads = {
        "ententes/salle.md": [
            Download(variant, ext, f"ententes/fichiers/entente-salle-{variant}.{ext}", sizes[ext])
            for ext, variant in (("pdf", "fr"), ("pdf", "fr-en"), ("docx", "fr"))
        ]
    }
    renderer = Renderer(TEMPLATES, load_strings(TEMPLATES, ["fr", "en"]), languages(), downloads=downloads)
    page = renderer.render(models["fr"])["ententes/salle.md"]
    assert (
        "- **PDF à remplir**\u00a0: [français](fichiers/entente-salle-fr.pdf) <small>(139\u00a0ko)</small>"
        " · [bilingue, en deux colonnes](fichiers/entente-salle-fr-en.pdf) <small>(139\u00a0ko)</small>\n"
        "- **DOCX à modifier**\u00a0: [français](fichiers/entente-salle-fr.docx) <small>(85\u00a0ko)</small>\n"
    ) in page
    espaces = models["fr"].find("controverses", "espaces")
    assert f"[{espaces['titre']}](../controverses/espaces.md)." in page
    bare = Renderer(TEMPLATES, load_strings(TEMPLATES, ["fr", "en"]), languages()).render(models["fr"])
    assert "PDF à remplir" not in bare["ententes/salle.md"]  # no files made: none offered


def test_no_template_calls_into_the_model() -> None:
    """Templates loop and print: a lookup in the model (model.find…) is resolved in Python and handed over."""
    env = jinja2.Environment()
    for path in sorted((TEMPLATES / "pages").glob("*.j2")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        calls = [
            call.node.attr
            for call in tree.find_all(nodes.Call)
            if isinstance(call.node, nodes.Getattr)
            and isinstance(call.node.node, nodes.Name)
            and call.node.node.name == "model"
        ]
        assert calls == [], f"{path.name} calls model.{calls[0] if calls else ''}"


def test_a_label_the_diagram_needs_is_a_content_error(tmp_path: Path, models: dict) -> None:
    templates = tmp_path / "gabarits"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("theme"))
    strings = templates / "libelles.yaml"
    text = strings.read_text(encoding="utf-8")
    for line in ("      coeur: AU CŒUR DU MODÈLE\n", "      coeur: AT THE CORE OF THE MODEL\n"):  # in both: no
        assert line in text  # counterpart is missing, only what the diagram prints
        text = text.replace(line, "")
    strings.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = lines.index("    modele:", lines.index("  figure:")) + 1  # where the French figure.modele block starts
    with pytest.raises(InvalidContentError) as caught:
        Renderer(templates, load_strings(templates, ["fr", "en"]), languages()).render(models["fr"])
    assert [str(e) for e in caught.value.errors] == [
        f"gabarits/libelles.yaml:{line}: fr.figure.modele.coeur: is missing: the model's diagram prints it "
        "(example: fr:\n  figure:\n    modele:\n      coeur: …)"
    ]


def _line(strings: Path, *keys: str) -> int:
    """The line of a key of libelles.yaml, as an editor sees it."""
    node = yaml.compose(strings.read_text(encoding="utf-8"))
    line = 0
    for key in keys:
        found = next((k, v) for k, v in node.value if k.value == key)
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def test_check_finds_a_label_that_every_language_lacks(tmp_path: Path) -> None:
    """A third language's files are linked from every language's agreement page, each under the language's name
    for it: left out of libelles.yaml, `make check` names the missing label in each language, before a build."""
    config = make_project(tmp_path)
    project = config.parent
    shutil.copytree(FIXTURES / "trilingue", project, dirs_exist_ok=True)
    shutil.copytree(TEMPLATES, project / "gabarits", ignore=shutil.ignore_patterns("theme"))
    strings_file = project / "gabarits" / "libelles.yaml"
    strings = yaml.safe_load(strings_file.read_text(encoding="utf-8"))
    strings["es"] = copy.deepcopy(strings["en"])  # and no one names the Spanish files: entente.fichiers.es
    strings_file.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["extra"]["guide"]["templates"] = "gabarits"
    data["extra"]["guide"]["content"]["es"] = "es"
    data["extra"]["guide"]["languages"]["es"] = {"locale": "es_ES"}
    i18n = data["plugins"][1]["i18n"]
    i18n["languages"].append({"locale": "es", "name": "Español", "build": True, "site_name": "Intervención"})
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "guide", "check", "--config-file", str(config)],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    expected = [
        f"gabarits/libelles.yaml:{_line(strings_file, lang, 'entente', 'fichiers')}: {lang}.entente.fichiers.es: "
        f"is missing: the template ententes.md.j2 prints it (example: {lang}:\n  entente:\n    fichiers:\n"
        "      es: …)"
        for lang in ("en", "es", "fr")
    ]
    assert result.stderr == "3 content errors:\n" + "\n".join(expected) + "\n"


def test_a_label_printed_whatever_the_content_is_required_before_the_content_needs_it(
    tmp_path: Path, models: dict
) -> None:
    """The small content set has no citation, so its References page does not print how to cite the guide: the
    label is still required, for the template prints it by its constant key."""
    templates = tmp_path / "gabarits"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("theme"))
    strings = templates / "libelles.yaml"
    data = yaml.safe_load(strings.read_text(encoding="utf-8"))
    for lang in ("fr", "en"):
        del data[lang]["page"]["citer"]["titre"]
    strings.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        Renderer(templates, load_strings(templates, ["fr", "en"]), languages()).render(models["en"])
    assert [str(e) for e in caught.value.errors] == [
        f"gabarits/libelles.yaml:{_line(strings, 'en', 'page', 'citer')}: en.page.citer.titre: is missing: the "
        "template references-index.md.j2 prints it (example: en:\n  page:\n    citer:\n      titre: …)"
    ]


def test_check_names_a_broken_template_like_a_content_error(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    templates = config.parent / "gabarits"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("theme"))
    page = templates / "pages" / "roles.md.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("{% endif %}", "{% endfi %}", 1), encoding="utf-8")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["extra"]["guide"]["templates"] = "gabarits"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        pipeline.check(Settings.from_mkdocs(load_config(str(config))))
    [error] = caught.value.errors  # the rest of the message is Jinja's
    assert str(error).startswith("gabarits/pages/roles.md.j2:10: Encountered unknown tag 'endfi'.")
