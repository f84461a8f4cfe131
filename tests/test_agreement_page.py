"""An agreement's page in the guide, printed from the browser and kept as data.

On paper it is the PDF's twin: an empty blank is a line as wide as the PDF's to write on (a ruled box for a
paragraph), whatever its label; its margins come from the same definition (gabarits/ententes/page.css.j2), in the
text's sans-serif font, with one initials blank per party and the language's colon; dates and numbers are written
as ``make agreement`` writes them; the punctuation after a blank never starts a line. What is typed is saved as a
data file that ``make agreement`` reads as it is, and loads back into the page; nothing leaves the browser.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape
from mkdocs.config import load_config
from pypdf import PdfReader

from browser import serve
from guide import sanitize, text
from guide.agreements.document import document, form_sections, with_blanks
from guide.agreements.printing import Printer
from guide.errors import ErrorList
from guide.labels import load_strings
from guide.loader import load_file
from guide.model import build_model
from guide.render import Renderer
from guide.settings import Settings
from guide.validate import load_content
from sites import FIXTURES, ROOT, languages

TEMPLATES = ROOT / "gabarits"
PHONE = {"width": 375, "height": 740}
PAPER = {"width": 665, "height": 900}  # Letter less the PDF's margins (2 cm each side), in CSS pixels
WIDTHS_CM = {"texte": 7.0, "date": 3.6, "nombre": 2.6}  # the PDF's blank widths (entente.css)
CM = 96 / 2.54
URLS = {"fr": "ententes/espace-communautaire/", "en": "en/ententes/mandat-comite/"}
AGREEMENTS = {"fr": "espace-communautaire", "en": "mandat-comite"}


# -- Quick: what the generator writes


@pytest.fixture(scope="module")
def petit() -> dict:
    trees = load_content({"fr": FIXTURES / "petit" / "fr", "en": FIXTURES / "petit" / "en"}, FIXTURES / "petit")
    return {lang: build_model(tree) for lang, tree in trees.items()}


def test_a_blank_is_a_line_with_its_label_under_it_and_keeps_its_punctuation() -> None:
    fr = languages()["fr"]
    champs = [
        {"id": "lieu", "libelle": "Adresse : la salle", "type": None},
        {"id": "liste", "libelle": "Inventaire", "type": "paragraphe"},
    ]
    html = with_blanks("Située au [[lieu]]. Voici : [[liste]] ; fin [[lieu]] suite", champs, fr)
    line = (
        '<span class="guide-blank" data-champ="lieu" data-type="texte"><span class="guide-blank-value"></span>'
        '<span class="guide-blank-label">Adresse\u00a0: la salle</span></span>'
    )
    assert html.startswith(f'Située au <span class="guide-joined">{line}.</span> Voici : ')
    assert '<span class="guide-blank-lines"><span></span><span></span><span></span><span></span></span>' in html
    assert "</span></span> ;</span> fin " in html  # the space becomes a no-break one when the page is typeset
    assert html.endswith(f"fin {line} suite")


def test_the_form_asks_for_each_blank_once_in_the_section_that_first_uses_it(petit: dict) -> None:
    salle = petit["fr"].find("ententes", "salle")
    groups = [(section and section["id"], [c["id"] for c in champs]) for section, champs in form_sections(salle)]
    assert groups == [("objet", ["lieu", "debut"]), ("horaire", [])]  # an optional section: its box to keep it


def test_the_page_prints_with_the_pdfs_margins_from_its_head(petit: dict) -> None:
    strings = load_strings(TEMPLATES, ["fr", "en"])
    renderer = Renderer(TEMPLATES, strings, languages())
    printer = Printer(TEMPLATES, None)
    for lang, colon in (("fr", "Initiales\u00a0:"), ("en", "Initials:")):
        written = renderer.render(petit[lang])["ententes/salle.md"]
        page = text.finish_page(written, languages()[lang], {})  # typeset as it is written: the rules untouched
        front, body = page.split("\n---\n", 1)
        printed = json.loads(re.search(r"^guide_print: (.*)$", front, re.MULTILINE).group(1))
        doc = document(petit[lang].find("ententes", "salle"), languages()[lang], strings[lang])
        assert printed == printer.page_style([doc])
        assert printed in printer.html([doc], template=True)  # the PDF's, word for word
        assert f'content: "{colon} ______   ______";' in printed  # one blank per party
        assert '"Liberation Sans"' in printed and "<" not in printed
        assert "<style" not in body and "@page" not in body


def test_the_sanitizer_keeps_no_style_element() -> None:
    assert "style" not in sanitize.TAGS
    assert sanitize.clean("<style>@page { margin: 0 }</style><p>Texte</p>") == "<p>Texte</p>"


# -- In Chromium, on the real site


@pytest.fixture(scope="module")
def served(real_site: Path):
    with serve(real_site) as base:
        yield base


@pytest.fixture(scope="module")
def real() -> dict:
    settings = Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml")))
    trees = load_content(settings.content, settings.root)
    return {lang: build_model(tree) for lang, tree in trees.items()}


def _open(browser, served: str, lang: str, viewport: dict | None = None, context=None):
    """The agreement's page, every section of its form open; the messages about the policy it logs."""
    page = context.new_page() if context else browser.new_page()
    page.set_viewport_size(viewport or {"width": 1280, "height": 900})
    policy: list[str] = []
    page.on("console", lambda m: policy.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(served + URLS[lang])
    page.evaluate("document.querySelectorAll('details.guide-fill-section').forEach(d => { d.open = true; })")
    return page, policy


def _fonts(data: bytes) -> set[str]:
    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


_WIDTHS = """() => [...document.querySelectorAll('.guide-agreement .guide-blank')].map(b => {
  const lines = b.querySelector('.guide-blank-lines');
  return {type: b.dataset.type, width: b.getBoundingClientRect().width,
          text: b.closest('p').getBoundingClientRect().width,
          border: lines ? parseFloat(getComputedStyle(lines).borderTopWidth) : 0,
          rules: lines ? [...lines.children].filter(r => parseFloat(getComputedStyle(r).borderBottomWidth)).length : 0,
          height: lines ? lines.getBoundingClientRect().height : 0,
          size: parseFloat(getComputedStyle(b).fontSize)};
})"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_empty_blanks_print_as_lines_to_write_on(served: str, browser, real: dict, lang: str) -> None:
    page, policy = _open(browser, served, lang, PAPER)
    page.emulate_media(media="print")
    blanks = page.evaluate(_WIDTHS)
    data = page.pdf(format="Letter")
    page.close()
    assert policy == []
    assert {b["type"] for b in blanks} >= {"texte", "paragraphe"}
    for blank in blanks:
        if blank["type"] == "paragraphe":  # a box of ruled lines, across the text
            assert blank["width"] >= 0.9 * blank["text"] and blank["border"] >= 1, blank
            assert blank["rules"] == 3 and blank["height"] >= 4 * 1.9 * blank["size"], blank
        else:  # as wide as the PDF's, whatever the length of its label
            assert blank["width"] >= WIDTHS_CM[blank["type"]] * CM - 0.5, blank
    fonts = _fonts(data)
    assert fonts and not [f for f in fonts if "Serif" in f or "Times" in f], fonts  # the margins' too
    parties = len(real[lang].find("ententes", AGREEMENTS[lang])["parties"])
    header = re.search({"fr": r"Initiales[\u00a0 ]:[ _]*", "en": r"Initials:[ _]*"}[lang], _text(data))
    assert header and header.group(0).count("______") == parties  # one blank per party, as the PDF has


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dates_and_numbers_print_as_make_agreement_writes_them(served: str, browser, real: dict, lang: str) -> None:
    language = languages()[lang]
    entity = real[lang].find("ententes", AGREEMENTS[lang])
    dates = [c["id"] for c in entity["champs"] if c["type"] == "date"]
    numbers = [c["id"] for c in entity["champs"] if c["type"] == "nombre"]
    assert dates and numbers
    page, _ = _open(browser, served, lang)
    for day in (datetime.date(2027, 1, 15), datetime.date(2027, 2, 1), datetime.date(2028, 12, 31)):
        page.fill(f"#champ-{dates[0]}", day.isoformat())
        shown = page.inner_text(f'.guide-blank[data-champ="{dates[0]}"] .guide-blank-value')
        assert shown == language.date(day)  # "1er février 2027", "February 1, 2027": Babel's, through Intl
    for number in (12, 2_000_000, 2.5):
        page.fill(f"#champ-{numbers[0]}", str(number))
        assert page.inner_text(f'.guide-blank[data-champ="{numbers[0]}"] .guide-blank-value') == language.number(number)
    page.fill(f"#champ-{dates[0]}", "2027-01-15")
    page.emulate_media(media="print")
    printed = _text(page.pdf(format="Letter")).replace("\u00a0", " ")
    page.close()
    assert {"fr": "15 janvier 2027", "en": "January 15, 2027"}[lang] in printed


_LONE_PUNCTUATION = """() => [...document.querySelectorAll('.guide-agreement .guide-joined')].filter(joined => {
  const blank = joined.querySelector('.guide-blank');
  const range = document.createRange();
  range.selectNode(blank.nextSibling);
  const after = range.getClientRects()[0];
  const parts = blank.getClientRects();
  const end = parts[parts.length - 1];
  return !(after.left >= end.right - 1 && after.top < end.bottom);
}).map(joined => joined.textContent)"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_punctuation_after_a_blank_starts_a_line_on_a_phone(served: str, browser, lang: str) -> None:
    page, _ = _open(browser, served, lang, PHONE)
    assert page.evaluate("document.querySelectorAll('.guide-agreement .guide-joined').length") > 5
    assert page.evaluate(_LONE_PUNCTUATION) == []  # empty
    long = "Office municipal d'habitation de la ville de Val-des-Exemples et des environs"
    for field in page.query_selector_all("form [data-champ]"):
        kind = field.get_attribute("type")
        field.fill({"date": "2027-01-15", "number": "2000000"}.get(kind, long))
    assert page.evaluate(_LONE_PUNCTUATION) == []  # filled in
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


def test_the_print_rules_are_in_the_head_not_the_body(real_site: Path, real: dict) -> None:
    strings = load_strings(TEMPLATES, ["fr", "en"])
    printer = Printer(TEMPLATES, None)
    for lang, url in URLS.items():
        html = (real_site / url / "index.html").read_text(encoding="utf-8")
        head, body = html.split("</head>", 1)
        assert "<style" not in body and "@page" not in body
        doc = document(real[lang].find("ententes", AGREEMENTS[lang]), languages()[lang], strings[lang])
        assert f"<style>{printer.page_style([doc])}</style>" in head  # the PDF's margins, header and footer


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_phone_sees_the_files_and_the_way_into_the_form_first(served: str, browser, real: dict, lang: str) -> None:
    page, _ = _open(browser, served, lang, PHONE)
    page.goto(served + URLS[lang])  # as it opens: only the first section of the form open
    tops = page.evaluate(
        "['#telecharger', '.guide-fill-entry', '#a-propos', '#remplir']"
        ".map(s => document.querySelector(s).getBoundingClientRect().top)"
    )
    assert tops == sorted(tops)
    assert page.get_attribute(".guide-fill-entry a", "href") == "#remplir"
    words = {"fr": "pas un avis juridique", "en": "not legal advice"}[lang]
    description = real[lang].find("ententes", AGREEMENTS[lang])["description"]
    article = page.inner_text("article")
    assert article.count(words) == 1 + description.count(words)  # the notice that prints, and what the content says
    assert page.locator(".guide-agreement-notice").inner_text().count(words) == 1
    sections = page.locator("details.guide-fill-section")
    assert sections.count() >= 5 and page.locator("details.guide-fill-section[open]").count() == 1
    sections.nth(0).locator('[data-action="suivante"]').click()
    assert page.evaluate("[...document.querySelectorAll('details.guide-fill-section')].map(d => d.open)")[:3] == [
        False,
        True,
        False,
    ]
    page.close()


# -- The round trip: filled in the page, saved, made into an agreement by make agreement, loaded back


def _values(entity, lang: str) -> dict[str, str]:
    """A value for every blank, as typed, with what a YAML file must quote: quotes, backslashes, colons, hashes."""
    out = {}
    for i, champ in enumerate(entity["champs"]):
        kind = champ["type"] or "texte"
        if kind == "date":
            out[champ["id"]] = ("2027-01-15", "2027-02-01")[i % 2]
        elif kind == "nombre":
            out[champ["id"]] = ("12", "2000000", "2.5")[i % 3]
        elif kind == "paragraphe":
            out[champ["id"]] = f'- {champ["id"]} : "un"\n# deux \\ trois\n'.strip()
        else:
            out[champ["id"]] = (f'L\'« {champ["id"]} » : "a" \\ #{i}', "yes", "12", "- x", "[a]", "&b *c")[i % 6]
    return out


def _run_agreement(data_file: Path, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guide", "agreement", str(data_file), "--format", "html", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_saved_values_make_the_same_agreement_and_load_back(
    served: str, browser, real: dict, lang: str, tmp_path: Path
) -> None:
    entity = real[lang].find("ententes", AGREEMENTS[lang])
    language = languages()[lang]
    values = _values(entity, lang)
    optional = [s["id"] for s in entity["sections"] if s["optionnelle"]]
    context = browser.new_context(accept_downloads=True)
    page, policy = _open(browser, served, lang, context=context)
    for ident, value in values.items():
        page.fill(f"#champ-{ident}", value)
    if optional:
        page.uncheck(f"#garder-{optional[0]}")
    with page.expect_download() as download:
        page.click('[data-action="enregistrer"]')
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"{AGREEMENTS[lang]}.yaml"

    written = saved.read_text(encoding="utf-8")
    assert written.startswith(f"# make agreement DATA={saved.name}\nentente: {AGREEMENTS[lang]}\nlangue: {lang}\n")
    errors = ErrorList()
    data = load_file(saved, saved.name, errors, saved.read_bytes()).data
    assert not errors
    kinds = {c["id"]: c["type"] or "texte" for c in entity["champs"]}
    for ident, value in values.items():
        read = data["champs"][ident]
        if kinds[ident] == "nombre":
            assert read == float(value) and not isinstance(read, str), ident  # a number, not a text
        else:
            assert str(read) == value, ident
    assert data["retirer"] == optional[:1]

    output = tmp_path / "entente.html"
    result = _run_agreement(saved, output)
    assert result.returncode == 0, result.stderr
    html = output.read_text(encoding="utf-8")
    for ident, value in values.items():
        kind = kinds[ident]
        if kind == "date":
            shown = language.date(datetime.date.fromisoformat(value))
        elif kind == "nombre":
            shown = language.number(float(value) if "." in value else int(value))
        else:
            shown = language.typeset(value)
        assert str(escape(shown)) in html, (ident, shown)
        assert f'name="{ident}"' not in html  # filled in: no field left to fill
    if optional:
        assert f'id="{optional[0]}"' not in html and f'id="{entity["sections"][0]["id"]}"' in html

    fresh = browser.new_context()
    again, policy_again = _open(browser, served, lang, context=fresh)
    again.set_input_files('[data-action="fichier"]', str(saved))
    again.locator(".guide-fill-status > span").first.wait_for()  # polled by selector: the policy allows no eval
    assert saved.name in again.inner_text(".guide-fill-status")
    for ident, value in values.items():
        assert again.input_value(f"#champ-{ident}") == value, ident
    if optional:
        assert not again.is_checked(f"#garder-{optional[0]}")
        assert again.is_hidden(f'.guide-agreement [data-section="{optional[0]}"]')
    assert policy == [] and policy_again == []
    context.close()
    fresh.close()


def test_the_saved_file_escapes_what_yaml_would_misread(served: str, browser, tmp_path: Path) -> None:
    hard = {
        "nom-office": 'a "b" \\ c: #d\te \u2028 f \u0085 g \x7f h 😀 \u00a0',
        "nom-association": "null",
        "nom-organisme": "'quoted'",
        "inventaire": "one\r\ntwo\n\nthree\\n",
    }
    context = browser.new_context(accept_downloads=True)
    page, _ = _open(browser, served, "fr", context=context)
    for ident, value in hard.items():
        page.fill(f"#champ-{ident}", value)
    with page.expect_download() as download:
        page.click('[data-action="enregistrer"]')
    saved = tmp_path / "saved.yaml"
    download.value.save_as(saved)
    typed = {ident: page.input_value(f"#champ-{ident}").strip() for ident in hard}
    context.close()
    errors = ErrorList()
    data = load_file(saved, saved.name, errors, saved.read_bytes()).data
    assert not errors
    assert data["champs"] == typed
    assert all(re.fullmatch(r'  [a-z-]+: "[^\n]*"', line) for line in saved.read_text().splitlines()[4:-1])


_BAD = """entente: espace-communautaire
champs:
  nom-office: "Office"
  date-debut: 15 janvier 2027
  duree: douze
  inconnu: x
  espace:
    fr: la salle
    en: the room
retirer: [parties-objet]
"""


def test_a_file_that_is_not_one_is_refused_with_its_lines(served: str, browser, tmp_path: Path) -> None:
    page, policy = _open(browser, served, "fr")
    page.fill("#champ-nom-office", "Déjà là")
    bad = tmp_path / "mauvais.yaml"
    bad.write_text(_BAD, encoding="utf-8")
    page.set_input_files('[data-action="fichier"]', str(bad))
    page.locator(".guide-fill-status > span").first.wait_for()
    said = page.locator(".guide-fill-status > span").all_inner_texts()
    assert said[0] == "mauvais.yaml n’est pas chargé, rien n’a changé\u00a0:"
    assert said[1:] == [
        "ligne 4\u00a0: une date s’écrit AAAA-MM-JJ (exemple\u00a0: date-debut: 2027-01-15)",
        "ligne 5\u00a0: un nombre s’écrit en chiffres seulement (exemple\u00a0: duree: 12)",
        "ligne 6\u00a0: inconnu n’est pas un champ de cette entente",
        "ligne 7\u00a0: une valeur par langue ne se charge pas ici\u00a0: gardez-en une seule"
        " (exemple\u00a0: espace: …)",
        "ligne 10\u00a0: parties-objet n’est pas une section facultative de cette entente",
    ]
    assert page.input_value("#champ-nom-office") == "Déjà là"  # nothing half loaded
    other = tmp_path / "autre.yaml"
    other.write_text("entente: mandat-comite\nchamps: {}\n", encoding="utf-8")
    page.set_input_files('[data-action="fichier"]', str(other))
    page.locator(".guide-fill-status", has_text="autre.yaml").wait_for()
    assert "ligne 1\u00a0: ces valeurs sont celles d’une autre entente, mandat-comite" in page.inner_text(
        ".guide-fill-status"
    )
    page.close()
    assert policy == []


def test_values_kept_in_the_browser_come_back_until_forgotten(served: str, browser) -> None:
    context = browser.new_context()
    page, policy = _open(browser, served, "en", context=context)
    page.fill("#champ-nom-comite", "Living-together committee")
    assert page.is_hidden('[data-action="oublier"]')
    page.check('[data-action="retenir"]')
    assert page.is_visible('[data-action="oublier"]')
    page.reload()
    assert page.input_value("#champ-nom-comite") == "Living-together committee"
    assert page.is_checked('[data-action="retenir"]')
    assert page.inner_text(".guide-fill-status") == "The values kept in this browser are back."
    page.click('[data-action="oublier"]')
    assert page.evaluate("localStorage.length") == 0 and page.is_hidden('[data-action="oublier"]')
    page.reload()
    assert page.input_value("#champ-nom-comite") == ""
    assert policy == []
    context.close()


def test_nothing_is_kept_unless_asked(served: str, browser) -> None:
    context = browser.new_context()
    page, _ = _open(browser, served, "fr", context=context)
    page.fill("#champ-nom-office", "Office")
    assert page.evaluate("localStorage.length") == 0
    context.close()
