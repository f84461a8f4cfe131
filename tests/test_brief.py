"""A chapter made a one-page brief (its ``fiche``): the funders' page and its PDF.

The key figures are data, checked like any field, the same in both languages and the seeds' own; the page shows its
short text beside the model's diagram at a desktop's width and above it on a phone, and never says where the
diagram is; the build makes each language's brief a one-page, tagged PDF, the same bytes from build to build,
linked from the page with its size and carried by the offline copy. (That the page prints on one page, Letter or
A4, is test_browser.py's.)
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from mkdocs.config import load_config
from pypdf import PdfReader

from browser import serve
from guide import brief, offline
from guide.agreements.printing import Printer
from guide.errors import InvalidContentError
from guide.labels import load_strings
from guide.model import build_model
from guide.pipeline import _citation
from guide.render import Renderer
from guide.settings import Settings
from guide.validate import load_content
from sites import ROOT, content_set, fixture_content, languages, make_project
from synthetic import write_content

LANGS = {"fr": "", "en": "en/"}
# Seeds 002 and 003, "Méthodes": 6 HLM, 3 networks observed for 24 months, individual interviews with 35 partners,
# about 43 residents ("+/- 43") and 4 on-site workers, a group interview with 6 on-site workers.
SEED_FIGURES = ["6", "3", "24", "35", "43", "4", "6"]
WORDS = {
    "fr": ["HLM", "réseaux", "mois", "partenaires", "résidentes et résidents", "intervenantes de milieu", "groupe"],
    "en": ["HLM", "networks", "months", "partners", "residents", "on-site community workers", "group"],
}
ABOUT = {"fr": "environ", "en": "about"}
_ENV = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
WHERE = {"fr": ["ci-dessous", "ci-dessus", "ci-contre", "plus bas", "plus haut"], "en": ["below", "above"]}


@pytest.fixture(scope="module")
def trees():
    return load_content({"fr": ROOT / "fr", "en": ROOT / "en"}, ROOT)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml")))


def _funders(trees, lang: str) -> dict:
    return trees[lang].entries["chapitres"]["bailleurs"].data


@pytest.mark.parametrize("lang", LANGS)
def test_the_key_figures_are_the_seeds_and_say_what_they_count(trees, lang: str) -> None:
    figures = _funders(trees, lang)["fiche"]["chiffres"]
    assert [f["valeur"] for f in figures] == SEED_FIGURES
    for figure, word in zip(figures, WORDS[lang], strict=True):
        assert word in figure["libelle"], (figure, word)
    assert ABOUT[lang] in figures[4]["libelle"]  # "+/- 43" residents: about 43


def test_the_key_figures_are_the_same_in_both_languages(trees) -> None:
    values = {lang: [f["valeur"] for f in _funders(trees, lang)["fiche"]["chiffres"]] for lang in LANGS}
    assert values["fr"] == values["en"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_brief_never_says_where_the_diagram_is(trees, lang: str) -> None:
    """Beside the text on a desktop and on paper, under it on a phone: no "below" holds everywhere."""
    data = _funders(trees, lang)
    words = f"{data['fiche']['apercu']} {data['description']}".lower()
    assert not [word for word in WHERE[lang] if word in words]


@pytest.mark.parametrize("lang", LANGS)
def test_the_brief_says_what_kind_of_evidence_and_how_hlm_and_networks_relate(trees, lang: str) -> None:
    words = " ".join(_funders(trees, lang)["description"].split())
    expected = {
        "fr": ["étude qualitative", "étude de cas multisite", "perçoivent", "ne mesure pas", "ont du mal à évaluer"],
        "en": ["qualitative study", "multi-site case study", "see the intervention", "neither measures", "hard to"],
    }[lang]
    assert not [phrase for phrase in expected if phrase not in words]
    assert "6 HLM" in words and "3" in words


def _with_brief(figures: list[dict] | None = None) -> dict:
    """The small fixture, its chapter made a brief in both languages."""
    content = fixture_content()
    labels = {"fr": "mois d'observation", "en": "months of observation"}
    for lang, files in content.items():
        chapter = files["guide.yaml"]["chapitres"][0]
        chapter["fiche"] = {
            "apercu": "Le modèle en bref." if lang == "fr" else "The model in brief.",
            "chiffres": copy.deepcopy(figures) if figures else [{"valeur": "24", "libelle": labels[lang]}],
        }
    return content


def _errors(tmp_path: Path, content: dict) -> list[str]:
    with pytest.raises(InvalidContentError) as caught:
        content_set(tmp_path, content)
    return [str(error) for error in caught.value.errors]


def test_a_figure_that_differs_between_languages_is_refused(tmp_path: Path) -> None:
    content = _with_brief()
    content["en"]["guide.yaml"]["chapitres"][0]["fiche"]["chiffres"][0]["valeur"] = "25"
    errors = _errors(tmp_path, content)
    assert len(errors) == 1
    assert errors[0].startswith("en/guide.yaml:")
    assert "chapitres[1].fiche.chiffres[1].valeur: differs from fr/guide.yaml:" in errors[0]


def test_a_brief_is_checked_like_any_field(tmp_path: Path) -> None:
    content = _with_brief()
    fr, en = (content[lang]["guide.yaml"]["chapitres"][0]["fiche"] for lang in ("fr", "en"))
    del fr["apercu"]
    fr["chiffres"].append({"valeur": 3})
    en["chiffres"] = [{"valeur": str(i), "libelle": f"thing {i}"} for i in range(9)]
    errors = " | ".join(_errors(tmp_path, content))
    assert "fr/guide.yaml:" in errors and "chapitres[1].fiche: missing required field 'apercu'" in errors
    assert "chapitres[1].fiche.chiffres[2]: missing required field 'libelle'" in errors
    assert "chapitres[1].fiche.chiffres[2].valeur: expected text, got a number" in errors
    assert "en/guide.yaml:" in errors and "fiche.chiffres: has 9 items, at most 8 are allowed" in errors


@pytest.mark.parametrize(("lang", "label"), [("fr", "Télécharger la fiche"), ("en", "Download the brief")])
def test_the_page_puts_the_text_beside_the_figure_and_offers_the_pdf(trees, lang: str, label: str) -> None:
    models = {code: build_model(tree, trees["fr"]) for code, tree in trees.items()}
    sizes = {code: {brief.file_path(models[code].find("chapitres", "bailleurs"), code): 41_234} for code in LANGS}
    renderer = Renderer(
        ROOT / "gabarits",
        load_strings(ROOT / "gabarits", list(LANGS)),
        languages(),
        language_downloads=brief.downloads(models, sizes),
    )
    page = renderer.render(models[lang])["chapitres/bailleurs.md"]
    size = languages()[lang].size(41_234)
    assert f"[{label} (PDF, 1 page, {size})](fichiers/fiche-bailleurs-{lang}.pdf)" in page
    order = ["guide-fiche__apercu", "guide-fiche__figure", "<svg", "guide-chiffres", "## ", "guide-relations"]
    places = [page.find(mark, page.find("guide-fiche__apercu")) for mark in order]
    assert -1 not in places and places == sorted(places), places
    assert page.count("- **") == len(SEED_FIGURES)
    other = "en" if lang == "fr" else "fr"
    assert f"fiche-bailleurs-{other}.pdf" not in page  # each language offers its own


def _pdfs(settings: Settings) -> dict[str, dict[str, bytes]]:
    """The real briefs' PDFs, rendered without a cache."""
    trees = load_content(settings.content, settings.root)
    models = {lang: build_model(tree, trees["fr"]) for lang, tree in trees.items()}
    strings = load_strings(settings.templates, settings.languages)
    pages = brief.printable(models, strings, settings.templates, settings.language_data, _citation(settings))
    return brief.build_briefs(pages, Printer(settings.templates, None))


@pytest.mark.slow
def test_each_language_gets_a_tagged_one_page_pdf_the_same_bytes_twice(settings: Settings) -> None:
    first, second = _pdfs(settings), _pdfs(settings)
    assert first == second
    titles = {"fr": "Bailleurs de fonds et évaluation", "en": "For funders and evaluators"}
    for lang, files in first.items():
        assert list(files) == [f"chapitres/fichiers/fiche-bailleurs-{lang}.pdf"]
        reader = PdfReader(io.BytesIO(files[f"chapitres/fichiers/fiche-bailleurs-{lang}.pdf"]))
        assert len(reader.pages) == 1
        root = reader.trailer["/Root"]
        assert root["/Lang"] == f"{lang}-CA" and root["/MarkInfo"]["/Marked"]  # PDF/UA-1: tagged, its language
        assert "/StructTreeRoot" in root
        assert reader.metadata.title.startswith(titles[lang])
        assert reader.metadata["/CreationDate"] == "D:20261122"  # the guide's release date, not the clock's
        text = " ".join(reader.pages[0].extract_text().split())
        for value, figure in zip(SEED_FIGURES, _figure_labels(settings, lang), strict=True):
            assert f"{value} {figure}" in text, (value, figure)
        assert "Parent" in text and "10.7202/1095938ar" in text  # its sources, with the article's DOI


def _figure_labels(settings: Settings, lang: str) -> list[str]:
    data = load_content(settings.content, settings.root)[lang].entries["chapitres"]["bailleurs"].data
    return [" ".join(f["libelle"].replace("'", "’").split()) for f in data["fiche"]["chiffres"]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_site_links_each_language_to_its_pdf_with_its_size(real_site: Path, lang: str) -> None:
    pdf = real_site / LANGS[lang] / "chapitres" / "fichiers" / f"fiche-bailleurs-{lang}.pdf"
    assert len(PdfReader(pdf).pages) == 1
    html = (real_site / LANGS[lang] / "chapitres" / "bailleurs" / "index.html").read_text(encoding="utf-8")
    link = re.search(rf'<a class="guide-fiche-pdf" href="\.\./fichiers/fiche-bailleurs-{lang}\.pdf">([^<]*)</a>', html)
    assert link, "no link to the brief's PDF"
    size = languages()[lang].size(pdf.stat().st_size)
    label = {"fr": "Télécharger la fiche", "en": "Download the brief"}[lang]
    assert " ".join(link.group(1).split()) == " ".join(f"{label} (PDF, 1 page, {size})".split())


def test_the_offline_copy_carries_both_briefs(real_site: Path) -> None:
    with zipfile.ZipFile(real_site / offline.ZIP) as opened:
        names = set(opened.namelist())
    for lang, prefix in LANGS.items():
        assert f"{offline.NAME}/{prefix}chapitres/fichiers/fiche-bailleurs-{lang}.pdf" in names


@pytest.mark.build
def test_two_builds_make_the_same_brief(tmp_path: Path) -> None:
    """The small fixture, its chapter made a brief: built twice, each time with an empty cache."""
    config = make_project(tmp_path)
    write_content(config.parent, _with_brief())
    digests = []
    for run in ("one", "two"):
        env = {**_ENV, "GUIDE_CACHE": str(tmp_path / f"cache-{run}")}  # an empty cache: the PDFs are made twice
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / run)]  # no zip
        result = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        found = sorted((tmp_path / run).rglob("fiche-*.pdf"))
        assert [p.relative_to(tmp_path / run).as_posix() for p in found] == [
            "chapitres/fichiers/fiche-reseau-fr.pdf",
            "en/chapitres/fichiers/fiche-reseau-en.pdf",
        ]
        assert all(len(PdfReader(p).pages) == 1 for p in found)
        digests.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in found])
    assert digests[0] == digests[1]


@pytest.fixture(scope="module")
def served(real_site: Path):
    with serve(real_site) as base:
        yield base


_BOXES = """() => Object.fromEntries(['.guide-fiche__apercu', '.guide-fiche__figure svg', '.guide-chiffres'].map(s => {
  const r = document.querySelector(s).getBoundingClientRect();
  return [s, {left: r.left, right: r.right, top: r.top, bottom: r.bottom}]; }))"""


@pytest.mark.parametrize("lang", LANGS)
def test_text_beside_the_diagram_on_a_desktop_above_it_on_a_phone(served: str, browser, lang: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + LANGS[lang] + "chapitres/bailleurs/")
    wide = page.evaluate(_BOXES)
    page.set_viewport_size({"width": 375, "height": 740})
    narrow = page.evaluate(_BOXES)
    page.close()
    text, figure, figures = (wide[s] for s in (".guide-fiche__apercu", ".guide-fiche__figure svg", ".guide-chiffres"))
    assert figure["left"] >= text["right"] and figure["top"] < text["bottom"]  # side by side
    assert figure["right"] - figure["left"] >= 300  # its labels readable (about 10 px)
    assert figures["top"] >= text["bottom"] and figures["right"] <= figure["left"]  # the key figures under the text
    text, figure, figures = (narrow[s] for s in (".guide-fiche__apercu", ".guide-fiche__figure svg", ".guide-chiffres"))
    assert text["bottom"] <= figure["top"] and figure["bottom"] <= figures["top"]  # one above the other
    assert figure["right"] <= 375 and figures["right"] <= 375
