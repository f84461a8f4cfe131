"""The agreements' files as readers, screen readers and word processors get them: PDF/UA-1 tagged PDFs whose fields
show in every viewer and fit a long name, each language marked as such, the bilingual columns aligned clause by
clause, punctuation kept with its blank, DOCX files in their own language with none of python-docx's leftovers,
and the same bytes from one rendering to the next.

Made from the small fixture's agreement, given a paragraph blank followed by a sentence (as the real protocol's
clause 1.1 has one), rendered in this process (no site build)."""

from __future__ import annotations

import datetime
import io
import itertools
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from fontTools.ttLib import TTFont
from mkdocs.config import load_config
from pypdf import PdfReader

from guide.agreements.document import Blank, Document, Run, document
from guide.agreements.printing import Printer
from guide.agreements.rendering import render_file
from guide.labels import load_strings
from guide.model import build_model
from guide.settings import Settings
from guide.validate import load_content
from sites import ROOT, make_project

LONG_NAME = "Office municipal d’habitation de Montréal"
VARIANTS = (("fr",), ("en",), ("fr", "en"))
TAGS = {"fr": "fr-CA", "en": "en-CA"}


@dataclass
class Agreement:
    settings: Settings
    printer: Printer
    entity: dict  # language -> the agreement
    strings: dict

    def doc(self, lang: str, values: dict | None = None) -> Document:
        return document(self.entity[lang], self.settings.language(lang), self.strings[lang], values)

    def html(self, variant: tuple[str, ...], values: dict | None = None) -> str:
        return self.printer.html([self.doc(lang, values) for lang in variant], template=values is None)


@pytest.fixture(scope="module")
def agreement(tmp_path_factory: pytest.TempPathFactory) -> Agreement:
    config = make_project(tmp_path_factory.mktemp("documents"))
    blank = "      - {{id: partenaires, libelle: {}, type: paragraphe}}\n"
    for lang, label, clause, anchor in (
        ("fr", "Autres partenaires", "Les partenaires : [[partenaires]]. Ensemble, ils forment le réseau.", "Elle"),
        ("en", "Other partners", "The partners are: [[partenaires]]. Together they form the network.", "It comes"),
    ):
        path = config.parent / lang / "guide.yaml"
        text = path.read_text(encoding="utf-8").replace("type: date}\n", "type: date}\n" + blank.format(label))
        text = text.replace(f"          - {anchor}", f'          - "{clause}"\n          - {anchor}', 1)
        path.write_text(text, encoding="utf-8")
    settings = Settings.from_mkdocs(load_config(str(config)))
    trees = load_content(settings.content, settings.root)
    entity = {lang: build_model(tree).find("ententes", "salle") for lang, tree in trees.items()}
    strings = load_strings(settings.templates, settings.languages)
    return Agreement(settings, Printer(settings.templates, None), entity, strings)


@pytest.fixture(scope="module")
def pdfs(agreement: Agreement) -> dict[str, bytes]:
    return {"-".join(v): render_file(("pdf", agreement.html(v))) for v in VARIANTS}


@pytest.fixture(scope="module")
def docxs(agreement: Agreement) -> dict[str, bytes]:
    return {lang: render_file(("docx", agreement.doc(lang))) for lang in ("fr", "en")}


# The printable HTML: quick


def test_punctuation_after_a_blank_is_printed_with_it(agreement: Agreement) -> None:
    doc = agreement.doc("fr")
    clauses = [clause for section in doc.sections for clause in section.clauses]
    for clause in clauses:
        for before, piece in itertools.pairwise(clause):
            if isinstance(before, Blank) and isinstance(piece, Run):
                assert not re.match(r"[\u00a0\u202f]?[.,;:]", piece.text), clause  # it went with the blank
    box = next(p for c in clauses for p in c if isinstance(p, Blank) and p.type == "paragraphe")
    assert box.after == "."
    html = agreement.html(("fr", "en"))
    assert html.count('<span class="joined"><span class="blank blank-texte">') == 2  # "située au [[lieu]]."
    assert html.count("</textarea>.<span") == 2  # the box's period, at its end, not at the next line's start
    assert "</span>. " not in html and "</span>.\n" not in html
    assert "</span></span>.</span> Ensemble, ils forment" not in html
    assert re.search(r"</span></span>\s*Ensemble, ils forment le réseau\.", html)


def test_a_value_ending_with_a_period_is_followed_by_one_period(agreement: Agreement, tmp_path: Path) -> None:
    values = {"lieu": "Room 3 (open until 10 p.m.)", "partenaires": "the CPE, the library, etc."}
    doc = agreement.doc("en", values)
    pieces = [p for section in doc.sections for clause in section.clauses for p in clause]
    text = "".join(p.text if isinstance(p, Run) else (p.value or "") + p.after for p in pieces)
    assert "The partners are: the CPE, the library, etc. Together they form" in text
    assert "covers the room at Room 3 (open until 10 p.m.)." in text and ".." not in text
    html = re.sub(r"<[^>]+>", "", agreement.html(("en",), values))
    assert "the library, etc. Together" in html and "etc.." not in html
    path = tmp_path / "en.docx"
    path.write_bytes(render_file(("docx", doc)))
    paragraphs = " ".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "the library, etc. Together they form" in paragraphs and "p.m.)." in paragraphs and ".." not in paragraphs


class _Rows(HTMLParser):
    """Each row of a printable agreement: its columns' languages and the clause numbers each holds."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[dict]] = []
        self.stack: list[str] = []
        self.in_number = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag in ("input", "meta"):
            return
        self.stack.append(" ".join(classes))
        if "row" in classes:
            self.rows.append([])
        elif "col" in classes and self.rows:
            self.rows[-1].append({"lang": found.get("lang"), "numbers": []})
        self.in_number = tag == "b" and "num" in classes

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("input", "meta") and self.stack:
            self.stack.pop()
        self.in_number = False

    def handle_data(self, data: str) -> None:
        if self.in_number and self.rows and self.rows[-1]:
            self.rows[-1][-1]["numbers"].append(data.strip())


def test_bilingual_columns_pair_each_clause_in_one_row(agreement: Agreement) -> None:
    """One row per clause (its section's heading in the row of its first clause): both languages of a clause start
    on the same line."""
    parser = _Rows()
    parser.feed(agreement.html(("fr", "en")))
    rows = [row for row in parser.rows if row]
    assert len(rows) == 1 + 4 + 1  # the titles, each clause of the agreement, the versions clause
    for row in rows:
        assert [col["lang"] for col in row] == ["fr-CA", "en-CA"]
        assert len({tuple(col["numbers"]) for col in row}) == 1, row
    assert [rows[i][0]["numbers"] for i in (1, 3, 4, 5)] == [["1.1"], ["1.3"], ["2.1"], ["3.1"]]


def test_each_language_is_marked(agreement: Agreement) -> None:
    html = agreement.html(("fr", "en"))
    assert '<html lang="fr-CA">' in html
    assert html.count('<div class="col" lang="en-CA">') == html.count('<div class="col" lang="fr-CA">') == 6
    assert 'Nom / <span lang="en-CA">Name</span>' in html  # the signature blocks' labels
    assert 'L’office d’habitation / <span lang="en-CA">The housing office</span>' in html
    english = agreement.html(("en",))
    assert '<html lang="en-CA">' in english and "<title>Agreement on the room</title>" in english
    assert '<meta name="description" content="Who uses the room.">' in english
    assert '<meta name="keywords" content="The housing office, The tenant association">' in english


# The PDF files: rendered by WeasyPrint, a second or two each


def _catalog(data: bytes) -> tuple[PdfReader, dict]:
    reader = PdfReader(io.BytesIO(data))
    return reader, reader.trailer["/Root"]


def _struct_langs(element, found: set[str]) -> set[str]:
    element = element.get_object()
    if "/Lang" in element:
        found.add(str(element["/Lang"]))
    kids = element.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object()
        if hasattr(kid, "get") and kid.get("/Type") in ("/StructElem", "/StructTreeRoot"):
            _struct_langs(kid, found)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["fr", "en", "fr-en"])
def test_every_pdf_is_tagged_pdf_ua(pdfs: dict[str, bytes], variant: str, tmp_path: Path) -> None:
    reader, root = _catalog(pdfs[variant])
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/Lang"] == TAGS[variant[:2]]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp and 'pdfuaid:part="1"' in xmp.replace("'", '"')
    assert reader.pdf_header == "%PDF-1.7"
    if shutil.which("pdfinfo"):
        path = tmp_path / f"{variant}.pdf"
        path.write_bytes(pdfs[variant])
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M) and re.search(r"^Form:\s+AcroForm$", info, re.M)


@pytest.mark.slow
def test_each_pdf_speaks_its_language(pdfs: dict[str, bytes]) -> None:
    reader, root = _catalog(pdfs["en"])
    assert reader.metadata.title == "Agreement on the room" and reader.metadata.subject == "Who uses the room."
    assert "The housing office" in reader.metadata["/Keywords"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "Agreement on the room" in xmp and "Entente" not in xmp and "Guide de" not in xmp
    assert reader.metadata.creator == "Proximity intervention in HLM guide"
    assert _struct_langs(root["/StructTreeRoot"], set()) == {"en-CA"}
    reader, root = _catalog(pdfs["fr-en"])
    assert reader.metadata.title == "Entente sur la salle / Agreement on the room"
    assert _struct_langs(root["/StructTreeRoot"], set()) == {"fr-CA", "en-CA"}  # the English column is English


def _widgets(reader: PdfReader) -> list:
    return [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Widget"
    ]


def _field(widget) -> dict:
    return widget.get("/Parent", widget).get_object()


def _name(widget) -> str:
    return str(_field(widget)["/T"])


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["fr", "en", "fr-en"])
def test_every_field_has_an_appearance_and_one_line_fields_fit_their_text(pdfs: dict[str, bytes], variant: str) -> None:
    reader, root = _catalog(pdfs[variant])
    assert "/NeedAppearances" not in root["/AcroForm"]
    widgets = _widgets(reader)
    assert {_name(w) for w in widgets} == {"lieu", "debut", "partenaires"} | {
        f"signature-{p}-{line}" for p in (1, 2) for line in ("nom", "fonction", "organisme", "date")
    }
    for widget in widgets:
        appearance = widget["/AP"]["/N"].get_object()
        assert appearance["/Subtype"] == "/Form" and "/BBox" in appearance, _name(widget)
        size = re.search(r"([\d.]+) Tf", str(_field(widget)["/DA"])).group(1)
        multiline = int(_field(widget).get("/Ff", 0)) & (1 << 12)
        assert (size != "0") if multiline else (size == "0"), (_name(widget), size)  # 0: auto, shrinks to fit


@pytest.mark.slow
def test_the_bilingual_name_blank_holds_a_long_name_at_the_text_size(pdfs: dict[str, bytes]) -> None:
    """Wide enough at the size of the bilingual text (auto-sizing would shrink it otherwise), in the form's own
    font as the PDF embeds it."""
    reader, root = _catalog(pdfs["fr-en"])
    css = (ROOT / "gabarits" / "ententes" / "entente.css").read_text(encoding="utf-8")
    text_size = float(re.search(r"\.columns-2 \{ font-size: ([\d.]+)pt; \}", css).group(1))
    widget = next(w for w in _widgets(reader) if _name(w) == "lieu")
    font_name = re.search(r"(/\S+) [\d.]+ Tf", str(_field(widget)["/DA"])).group(1)
    font = root["/AcroForm"]["/DR"]["/Font"][font_name].get_object()
    program = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    ttf = TTFont(io.BytesIO(program))
    cmap, widths = ttf.getBestCmap(), ttf["hmtx"]
    width = sum(widths[cmap[ord(c)]][0] for c in LONG_NAME) / ttf["head"].unitsPerEm * text_size
    left, _, right, _ = (float(v) for v in widget["/Rect"])
    assert width + 4 <= abs(right - left), (width, widget["/Rect"])  # 2pt of padding on each side


def _texts(reader: PdfReader) -> list[tuple[int, float, float, str]]:
    """Every piece of text the pages show: (page, x, y, text)."""
    found = []
    for number, page in enumerate(reader.pages):

        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                found.append((number, round(cm[4] + tm[4] * cm[0], 1), round(cm[5] + tm[5] * cm[3], 1), text))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.slow
def test_bilingual_clauses_start_on_the_same_line(pdfs: dict[str, bytes]) -> None:
    numbers: dict[str, list[tuple[int, float, float]]] = {}
    for page, x, y, text in _texts(PdfReader(io.BytesIO(pdfs["fr-en"]))):
        if re.fullmatch(r"\d+\.\d+", text.strip()):
            numbers.setdefault(text.strip(), []).append((page, x, y))
    assert len(numbers) == 5
    for number, places in numbers.items():
        (page_fr, x_fr, y_fr), (page_en, x_en, y_en) = sorted(places, key=lambda p: p[1])
        assert (page_fr, y_fr) == (page_en, y_en) and x_en > x_fr + 200, number


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["fr", "en", "fr-en"])
def test_no_punctuation_starts_a_line(pdfs: dict[str, bytes], variant: str) -> None:
    texts = _texts(PdfReader(io.BytesIO(pdfs[variant])))
    margins = {x for _, x, _, text in texts if re.fullmatch(r"\d+\.\d+", text.strip())}  # where clauses start
    assert margins
    lone = [t for t in texts if re.match(r"\s*[.,;:]", t[3]) and any(abs(t[1] - x) < 1 for x in margins)]
    assert lone == []


# The DOCX files


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_docx_is_in_its_language_without_the_templates_leftovers(docxs: dict[str, bytes], lang: str) -> None:
    archive = zipfile.ZipFile(io.BytesIO(docxs[lang]))
    styles = archive.read("word/styles.xml").decode()
    defaults = re.search(r"<w:docDefaults>.*</w:docDefaults>", styles).group()
    assert f'<w:lang w:val="{TAGS[lang]}"/>' in defaults
    word = " ".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/") and "theme" not in n)
    assert "en-US" not in word and "proofState" not in word  # the spelling is checked in the document's language
    app = archive.read("docProps/app.xml").decode()
    generator = "Guide de l’intervention de proximité en HLM" if lang == "fr" else "Proximity intervention in HLM guide"
    assert "Microsoft" not in app and f"<Application>{generator}</Application>" in app
    core = archive.read("docProps/core.xml").decode()
    assert f"<dc:language>{TAGS[lang]}</dc:language>" in core and "python-docx" not in core
    assert ("Entente sur la salle" if lang == "fr" else "Agreement on the room") in core
    assert not [n for n in archive.namelist() if "thumbnail" in n or n.startswith("customXml")]
    assert {info.date_time for info in archive.infolist()} == {(2026, 11, 22, 0, 0, 0)}


@pytest.mark.slow
def test_two_renderings_give_the_same_bytes(agreement: Agreement, pdfs: dict[str, bytes], docxs: dict[str, bytes]):
    assert render_file(("pdf", agreement.html(("fr", "en")))) == pdfs["fr-en"]
    assert render_file(("docx", agreement.doc("en"))) == docxs["en"]
    assert datetime.date.today().isoformat().encode() not in pdfs["fr-en"]
