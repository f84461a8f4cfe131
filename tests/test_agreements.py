"""The agreements' files (fillable PDF, DOCX, bilingual) and the pre-filled command, on the fixture content."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from sites import ROOT, build, make_project

pytestmark = pytest.mark.build

FILES = [
    "entente-salle-fr.pdf",
    "entente-salle-en.pdf",
    "entente-salle-fr-en.pdf",
    "entente-salle-fr.docx",
    "entente-salle-en.docx",
]
SIGNATURES = {f"signature-{p}-{line}" for p in (1, 2) for line in ("nom", "fonction", "organisme", "date")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = make_project(tmp_path_factory.mktemp("ententes"))
    result = build(config)
    assert result.returncode == 0, result.stderr
    return config.parent


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def docx_text(path: Path) -> str:
    text = " ".join(p.text for p in docx.Document(str(path)).paragraphs)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_one_set_of_files_is_linked_from_both_languages(project: Path) -> None:
    site = project / "site"
    assert sorted(p.name for p in (site / "ententes" / "fichiers").iterdir()) == sorted(FILES)
    assert not (site / "en" / "ententes" / "fichiers").exists()  # no copy under en/: the same files
    assert not (project / "docs" / "en" / "ententes" / "fichiers").exists()
    for lang, prefix, up in (("fr", "", "../fichiers/"), ("en", "en/", "../../../ententes/fichiers/")):
        folder = site / prefix / "ententes" / "salle"
        page = (folder / "index.html").read_text(encoding="utf-8")
        for name in FILES:
            assert f'href="{up}{name}"' in page, (lang, name)
            assert (folder / up / name).resolve() == (site / "ententes" / "fichiers" / name).resolve()
    page = (project / "site" / "ententes" / "salle" / "index.html").read_text(encoding="utf-8")
    assert (
        "PDF à remplir" in page and "bilingue, en deux colonnes" in page and re.search(r"\(\d+\u00a0ko\)", page)
    )  # kilooctets, as OQLF writes them


def test_pdfs_are_letter_with_fillable_fields(project: Path) -> None:
    folder = project / "site" / "ententes" / "fichiers"
    for name in FILES[:3]:
        reader = PdfReader(folder / name)
        assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]  # Letter
        fields = reader.get_fields()
        assert set(fields) == {"lieu", "debut"} | SIGNATURES, name
        assert all(f["/FT"] == "/Tx" for f in fields.values())
        root = reader.trailer["/Root"]  # tagged (test_agreement_documents.py says more), every widget drawn
        assert "/StructTreeRoot" in root and root["/Lang"] == ("en-CA" if name == "entente-salle-en.pdf" else "fr-CA")
        widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
        assert widgets and all("/AP" in w for w in widgets if w["/Subtype"] == "/Widget")
    # A blank used twice is one field with two widgets: what is typed once shows in both places.
    french = PdfReader(folder / "entente-salle-fr.pdf").get_fields()
    assert len(french["debut"]["/Kids"]) == 2 and "/Kids" not in french["lieu"]
    bilingual = PdfReader(folder / "entente-salle-fr-en.pdf").get_fields()
    assert len(bilingual["debut"]["/Kids"]) == 4 and len(bilingual["lieu"]["/Kids"]) == 2


def test_pdfs_and_docx_carry_the_clauses_notice_footer_and_signatures(project: Path) -> None:
    folder = project / "site" / "ententes" / "fichiers"
    french = pdf_text(folder / "entente-salle-fr.pdf")
    for words in (
        "La présente entente porte sur la salle située au",
        "Les locataires ont priorité le soir, à partir du",
        "il ne constitue pas un avis juridique",
        "Entente sur la salle — version 1.0 (2026-11-22)",
        "Page 1 de 1",
        "Initiales :",
        "L’office d’habitation",
        "Adresse de la salle",  # the label printed under the blank line
    ):
        assert words in french, words
    assert "Répond à la controverse" not in french  # shown in the guide only
    bilingual = pdf_text(folder / "entente-salle-fr-en.pdf")
    assert "En cas de divergence entre les deux versions, la version française l’emporte." in bilingual
    assert "In case of any discrepancy between the two versions, the French version prevails." in bilingual
    assert "The tenant association" in bilingual and "L’association de locataires" in bilingual
    english = docx_text(folder / "entente-salle-en.docx")
    assert "This agreement covers the room at" in english and "[Address of the room]" in english
    assert "2.1 Tenants have priority in the evening" in english
    assert "Template provided for guidance only" in english


def test_docx_footer_counts_pages_and_is_the_same_bytes_every_time(project: Path) -> None:
    path = project / "site" / "ententes" / "fichiers" / "entente-salle-fr.docx"
    document = docx.Document(str(path))
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Entente sur la salle" in footer
    assert round(document.sections[0].page_width.inches, 2) == 8.5
    dates = {info.date_time for info in zipfile.ZipFile(path).infolist()}
    assert dates == {(2026, 11, 22, 0, 0, 0)}


def test_a_rebuild_renders_nothing_and_an_edited_clause_renders_its_agreement(project: Path) -> None:
    result = build(project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert "0 written, 0 removed, 0 agreement files rendered" in result.stderr
    for lang, old, new in (
        ("fr", "Elle entre en vigueur le", "Elle prend effet le"),
        ("en", "It comes into force on", "It takes effect on"),
    ):
        path = project / lang / "guide.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = build(project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert "5 agreement files rendered" in result.stderr
    assert "Elle prend effet le" in pdf_text(project / "site" / "ententes" / "fichiers" / "entente-salle-fr.pdf")


def agreement(project: Path, data: str, *args: str) -> subprocess.CompletedProcess:
    path = project / "reseau.yaml"
    path.write_text(data, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "guide", "agreement", str(path), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )


GOOD = """entente: salle
champs:
  lieu: 100, rue de l'Exemple
  debut: 2027-01-01
"""


def test_prefilled_pdf_fills_every_blank_it_was_given(project: Path) -> None:
    result = agreement(project, GOOD)
    assert result.returncode == 0, result.stderr
    output = project / "reseau-fr.pdf"
    assert f"{output.name} written" in result.stdout
    text = pdf_text(output)
    assert "située au 100, rue de l’Exemple." in text
    assert text.count("1er janvier 2027") == 2
    assert set(PdfReader(output).get_fields()) == SIGNATURES  # no blank left to fill in


def test_prefilled_bilingual_html_and_per_language_values(project: Path) -> None:
    data = GOOD.replace("  lieu: 100, rue de l'Exemple", "  lieu: {fr: salle du 2e étage, en: second-floor room}")
    result = agreement(project, data, "--language", "fr-en", "--format", "html", "--output", "out/bi.html")
    assert result.returncode == 0, result.stderr
    html = (project / "out" / "bi.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "située au salle du 2e étage." in text and "covers the room at second-floor room." in text
    assert "1er janvier 2027" in html and "January 1, 2027" in html
    assert 'name="lieu"' not in html and 'name="debut"' not in html


def test_prefilled_docx_leaves_out_an_optional_section_and_keeps_unfilled_blanks(project: Path) -> None:
    data = "entente: salle\nlangue: en\nformat: docx\nchamps:\n  lieu: Room 3\nretirer: [horaire]\n"
    result = agreement(project, data)
    assert result.returncode == 0, result.stderr
    text = docx_text(project / "reseau-en.docx")
    assert "This agreement covers the room at Room 3." in text
    assert "[Start date]" in text  # not given: still a blank to fill in
    assert "Tenants have priority" not in text and "2. Schedule" not in text


BAD = [
    (
        "entente: sale\n",
        "reseau.yaml:1: entente: expected one of salle, got 'sale' (example: entente: salle)",
    ),
    (
        "entente: salle\nchamps:\n  leiu: ici\n",
        "reseau.yaml:3: champs.leiu: unknown field 'leiu' (did you mean 'lieu'?) (example: lieu: …)",
    ),
    (
        "entente: salle\nchamps:\n  debut: 1er janvier\n",
        "reseau.yaml:3: champs.debut: expected a date written YYYY-MM-DD, got '1er janvier' "
        "(example: debut: 2027-01-01)",
    ),
    (
        "entente: salle\nretirer: [objet]\n",
        "reseau.yaml:2: retirer[1]: 'objet' is not an optional section of salle: only horaire can be left out "
        "(example: retirer: [horaire])",
    ),
    (
        "entente: salle\nlangue: fr-en\nformat: docx\n",
        "reseau.yaml:3: format: a DOCX file holds one language (example: format: pdf or html)",
    ),
    (
        "entente: salle\nchamps:\n  lieu: {fr: ici, es: aquí}\n",
        "reseau.yaml:3: champs.lieu: gives no value for 'en' (example: lieu: {fr: …, en: …})",
    ),
    (
        "entente: salle\nchamps:\n\tlieu: ici\n",
        "reseau.yaml:3: YAML syntax error: a tab is used for indentation (example: indent with spaces only)",
    ),
    (
        "entente: salle\nformat: odt\n",
        "reseau.yaml:2: format: expected one of pdf, docx, html, got 'odt' (example: format: pdf)",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD, ids=[m.split(": ")[1] for _, m in BAD])
def test_bad_data_file_is_refused_clearly_and_writes_nothing(project: Path, data: str, message: str) -> None:
    before = sorted(p.name for p in project.iterdir())
    result = agreement(project, data)
    assert result.returncode == 1
    assert message in result.stderr.replace(str(project) + "/", ""), result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in project.iterdir()) == before


def test_example_data_file_fills_the_real_agreement(tmp_path: Path) -> None:
    def fill(*args: str) -> str:
        output = tmp_path / "exemple.docx"
        command = [sys.executable, "-m", "guide", "agreement", "scripts/exemples/reseau-exemple.yaml", *args]
        command += ["--format", "docx", "-o", str(output), "--force"]
        env = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        return docx_text(output)

    text = fill()
    assert "Office d’habitation de Val-des-Exemples" in text and "15 janvier 2027" in text
    assert "au moins 2 000 000 $" in text
    english = fill("--language", "en")
    assert "every day from 8 a.m. to 10 p.m." in english and "p.m.." not in english  # one period, not two


def test_docx_zip_is_valid_for_word_processors(project: Path) -> None:
    data = (project / "site" / "ententes" / "fichiers" / "entente-salle-fr.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert {"[Content_Types].xml", "word/document.xml", "word/footer1.xml"} <= set(archive.namelist())
