"""The real content of the guide: it validates, and the built site carries all of it, in both languages."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader

from guide.agreements.document import Run, document
from guide.labels import load_strings
from guide.model import build_model
from guide.render import Renderer
from guide.validate import load_content
from sites import ROOT, languages

LANGS = {"fr": "", "en": "en/"}


@pytest.fixture(scope="module")
def trees():
    return load_content({"fr": ROOT / "fr", "en": ROOT / "en"}, ROOT)


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


def page(site: Path, lang: str, url: str) -> str:
    return (site / LANGS[lang] / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The visible words of a page's article, spaces normalized (no-break ones included)."""
    article = re.search(r"<article.*?</article>", html, re.DOTALL).group(0)
    words = re.sub(r"</?(?:a|abbr|em|strong)\b[^>]*>", "", article)  # inline: a citation's link is in its words
    words = re.sub(r"<[^>]+>", " ", words)
    return re.sub(r"[\s\u00a0\u202f]+", " ", words)


def test_real_content_validates_with_the_same_ids(trees) -> None:
    for key, entries in trees["fr"].entries.items():
        assert list(entries) == list(trees["en"].entries[key]), key
    counts = {key: len(entries) for key, entries in trees["fr"].entries.items()}
    assert counts["roles"] == 8 and counts["outils"] == 8
    assert counts["controverses"] == 4 and counts["solutions"] == 4
    assert counts["chapitres"] >= 10 and counts["glossaire"] >= 11


def test_every_entity_page_is_linked_from_its_index(trees) -> None:
    renderer = Renderer(ROOT / "gabarits", load_strings(ROOT / "gabarits", ["fr", "en"]), languages())
    for lang, tree in trees.items():
        model = build_model(tree)
        pages = renderer.render(model)
        for key, entities in model.kinds.items():
            for entity in entities:
                if entity.kind.many and entity.kind.pages:
                    assert f"]({entity.link_from(model.index_path(key))})" in pages[model.index_path(key)], (
                        lang,
                        entity.path,
                    )


def test_every_cross_reference_is_a_working_link(trees, site: Path) -> None:
    """Role ↔ structure or tool ↔ controversy ↔ solution, and sources: each relation is a link on the page."""
    checked = 0
    for lang, tree in trees.items():
        for entity in (e for entities in build_model(tree).kinds.values() for e in entities):
            if not entity.kind.pages:
                continue
            url = _url(entity.path)
            html = page(site, lang, url)
            for relation in entity.relations:
                for other in relation.entities:
                    href = posixpath.relpath(_url(other.path), url) + "/" + (f"#{other.anchor}" if other.anchor else "")
                    assert f'href="{href}"' in html, (lang, url, href)
                    checked += 1
    assert checked > 100


def _url(path: str) -> str:
    """The address of a generated Markdown page: roles/x.md -> roles/x/, modele/index.md -> modele/."""
    return path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = {p: _parse(p) for p in site.rglob("*.html") if p.name != "404.html"}
    broken = []
    for path, parsed in pages.items():
        for href in parsed.links:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, _, anchor = href.partition("#")
            file = (path.parent / target).resolve() if target else path
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{path.relative_to(site)}: {href}")
            elif anchor and file.suffix == ".html" and anchor not in pages.get(file, _parse(file)).ids:
                broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    assert not broken, broken


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_both_languages_have_the_same_pages(site: Path) -> None:
    fr = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.is_relative_to(site / "en"))
    en = sorted(p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("index.html"))
    assert fr == en
    assert re.search(r'href="en/" hreflang="en" class="md-select__link"', page(site, "fr", ""))


FACTS = {
    "fr": [
        "6 HLM",
        "3 réseaux",
        "24 mois",
        "35 partenaires",
        "43 résidentes et résidents",
        "20 000 logements",
        "38 000",
        "100 à 300 ménages",
        "dizaine d’années",
    ],
    "en": [
        "6 HLM",
        "3 networks",
        "24 months",
        "35 partners",
        "43 residents",
        "20,000 units",
        "38,000",
        "100 to 300 households",
        "ten years",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_study_figures_are_on_the_site(site: Path, lang: str) -> None:
    words = " ".join(text_of(page(site, lang, url)) for url in ("chapitres/etude/", "chapitres/bailleurs/"))
    words += text_of(page(site, lang, "chapitres/conclusion/"))
    missing = [fact for fact in FACTS[lang] if fact not in words]
    assert not missing, missing


MOMENTS = {
    "fr": ["Problématisation", "Intéressement", "Enrôlement", "Mobilisation"],
    "en": ["Problematisation", "Interessement", "Enrolment", "Mobilisation"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_callon_moments_are_the_steps_of_building_a_network(site: Path, lang: str) -> None:
    """Each step, titled in everyday words, names its moment under its heading, a link to the theory."""
    html = page(site, lang, "chapitres/construire-reseau/")
    steps = re.findall(
        r'<h2 id="[a-z-]+">(\d)\. [^<]+<a class="headerlink".*?</h2>\s*<p><em>[^<]*<a href="([^"]+)">([^<]+)</a>', html
    )
    assert [(number, term) for number, _, term in steps] == [(str(i + 1), term) for i, term in enumerate(MOMENTS[lang])]
    theory = {href for _, href, _ in steps}
    assert len(theory) == 1 and theory.pop().startswith("../etude/#")


@pytest.mark.parametrize("lang", LANGS)
def test_funders_page_has_the_model_the_evidence_and_the_references(site: Path, lang: str) -> None:
    html = page(site, lang, "chapitres/bailleurs/")
    assert 'role="img"' in html and "<figcaption>" in html
    assert 'href="../../references/#parent-2022"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_abbreviations_have_tooltips_wherever_they_appear(trees, site: Path, lang: str) -> None:
    glossary = build_model(trees[lang]).abbreviations()
    assert {"HLM", "OMH", "OMHM", "CIUSSS", "CISSS", "OC", "CPE", "TS", "OSBL"} <= set(glossary)
    for url in ("", "chapitres/etude/", "roles/organisation-communautaire/"):
        html = page(site, lang, url)
        for short in glossary:
            if re.search(rf"\b{short}\b", text_of(html)):
                assert '<abbr title="' in html and f">{short}</abbr>" in html, (url, short)


@pytest.mark.parametrize("lang", LANGS)
def test_controversies_against_solutions_table(trees, site: Path, lang: str) -> None:
    html = page(site, lang, "controverses/")
    table = re.search(r"<table[^>]*>.*?</table>", html, re.DOTALL).group(0)
    for ident in trees[lang].entries["solutions"]:
        assert f'href="../solutions/{ident}/"' in table
    for ident in trees[lang].entries["controverses"]:
        assert f'href="{ident}/"' in table
    assert table.count("✓") == sum(len(e.data["solutions"]) for e in trees[lang].entries["controverses"].values())


def test_references_page_cites_the_guide_from_citation_cff(site: Path) -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for lang in LANGS:
        html = page(site, lang, "references/")
        assert f"{cff['version']}" in text_of(html)
        assert cff["authors"][0]["name"] in text_of(html)
        assert "https://doi.org/10.7202/1095938ar" in html


@pytest.mark.parametrize("lang", LANGS)
def test_every_agreement_page_has_every_clause_blank_and_signature(trees, site: Path, lang: str) -> None:
    agreements = trees[lang].entries["ententes"]
    assert list(agreements) == ["espace-communautaire", "protocole-collaboration", "mandat-comite"]
    for ident, entry in agreements.items():
        html = page(site, lang, f"ententes/{ident}/")
        data = entry.data
        for champ in data["champs"]:
            assert f'data-champ="{champ["id"]}"' in html, (ident, champ["id"])
        sections = re.findall(r'<div class="guide-section"[^>]*data-section="([a-z0-9-]+)"', html)
        assert sections == [s["id"] for s in data["sections"]]
        clauses = sum(len(s["clauses"]) for s in data["sections"])
        assert len(re.findall(r'<strong><span class="guide-num">\d+</span>\.\d+</strong>', html)) == clauses
        assert html.count('class="guide-signature-party"') == len(data["parties"])
        if lang == "fr":  # the label printed under an empty blank is typeset like the rest of the page
            labels = re.findall(r'<span class="guide-blank-label">([^<]*)', html)
            assert labels and not [label for label in labels if "'" in label or "&#x27;" in label]
        assert any(s.get("optionnelle") for s in data["sections"])


def _flat(text: str) -> str:
    """Text as extracted from a PDF or a DOCX, compared whatever its line breaks (a hyphen may end a line)."""
    return re.sub(r"-\s+", "-", re.sub(r"[\s\u00a0\u202f]+", " ", text)).strip()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_clause_is_in_each_printable_file(trees, site: Path, lang: str) -> None:
    """Each agreement's PDF in its language, the bilingual PDF and the DOCX carry every clause's text, and the
    PDFs a fillable field for every blank and every signature line."""
    strings = load_strings(ROOT / "gabarits", ["fr", "en"])
    model = build_model(trees[lang])
    folder = site / "ententes" / "fichiers"  # one set of files, linked from every language's pages
    for entity in model.kinds["ententes"]:
        readers = {
            "pdf": PdfReader(folder / f"entente-{entity.id}-{lang}.pdf"),
            "bilingual": PdfReader(folder / f"entente-{entity.id}-fr-en.pdf"),
        }
        texts = {name: _flat(" ".join(p.extract_text() for p in r.pages)) for name, r in readers.items()}
        paragraphs = docx.Document(str(folder / f"entente-{entity.id}-{lang}.docx")).paragraphs
        texts["docx"] = _flat(" ".join(p.text for p in paragraphs))
        doc = document(entity, languages()[lang], strings[lang])
        runs = [p.text for s in doc.sections for c in s.clauses for p in c if isinstance(p, Run) and p.text.strip()]
        assert len(runs) > 40
        for name, text in texts.items():
            missing = [run for run in runs if _flat(run) not in text]
            assert not missing, (entity.id, name, missing)
        blanks = {c["id"] for c in entity["champs"]}
        signatures = {
            f"signature-{i}-{line}"
            for i in range(1, len(entity["parties"]) + 1)
            for line in ("nom", "fonction", "organisme", "date")
        }
        for reader in readers.values():
            assert set(reader.get_fields()) == blanks | signatures


# Issue 15: corrections checked against the seeds. Each page keeps the seeds' wording and hedges, and the
# claims the seeds do not support are gone, in both languages.
CORRECTED = {
    "fr": {
        "controverses/": (
            ["Tous les milieux en connaissent, et ils varient d'un milieu à l'autre"],
            ["observées dans tous"],
        ),
        "controverses/roles-structures/": (["ce ne sont pas partout les mêmes"], ["observées dans tous les milieux"]),
        "roles/partenaires-institutionnels/": (["que les résultats de l'étude désignent par le CIUSSS"], ["CISSS)"]),
        "roles/intervention-de-milieu/": (
            ["l'ensemble des intervenantes et intervenants communautaires, au-delà de l'intervention de milieu"],
            [],
        ),
        "chapitres/discussion/": (
            ["« semblent avoir permis la résolution des controverses avantageusement » (Parent et Reiser, 2021)"],
            ["surmontées"],
        ),
        "chapitres/retombees/": (["Dans l'un des milieux, une meilleure image du réseau public"], []),
        "": (["les données sur lesquelles il repose", "André-Anne Parent (Université de Montréal)"], ["preuves"]),
        "modele/": (["agissent en symbiose (Parent et Reiser, 2021)"], []),
        "references/": (["Midi Interactions. Diapositives"], ["1066105"]),
        "chapitres/au-dela-hlm/": (
            ["a annoncé, pour le 16 février 2021", "conférenciers annoncés"],
            ["a tenu une table"],
        ),
        "chapitres/bailleurs/": (
            [
                "Il s'agit d'une étude qualitative",
                "« ont du mal à évaluer précisément l'impact de l'intervention sur les résidents »",
                "ne précisent pas comment les 6 HLM se répartissent entre ces 3 réseaux",
            ],
            [],
        ),
        "chapitres/etude/": (["Chez Callon, une controverse", "passage obligé", "porte-parole"], []),
    },
    "en": {
        "controverses/": (["Every setting has some, and they vary from one setting to another"], ["observed in every"]),
        "controverses/roles-structures/": (["though they are not the same everywhere"], ["observed in every setting"]),
        "roles/partenaires-institutionnels/": (
            ["which the study's findings refer to as the CIUSSS"],
            ["CISSS elsewhere"],
        ),
        "roles/intervention-de-milieu/": (["community workers more broadly, not on-site community workers alone"], []),
        "chapitres/discussion/": (['"seem to have" helped resolve'], ["Controversies overcome"]),
        "chapitres/retombees/": (["In one setting, a better image of the public network"], []),
        "": (["the data behind it", "André-Anne Parent (Université de Montréal)"], []),
        "modele/": (["working in symbiosis (Parent"], []),
        "references/": (["Midi Interactions. The slides"], ["1066105", "Some elements of a sociology"]),
        "chapitres/au-dela-hlm/": (["announced a public round table", "announced speakers"], ["held a public round"]),
        "chapitres/bailleurs/": (
            [
                "A qualitative study",
                "partners themselves find it hard to assess precisely",
                "do not say how the 6 HLM are spread across those 3 networks",
            ],
            [],
        ),
        "chapitres/etude/": (["For Callon, a controversy", "spokespersons"], []),
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_issue_15_corrections_are_on_the_site(site: Path, lang: str) -> None:
    for url, (present, absent) in CORRECTED[lang].items():
        words = text_of(page(site, lang, url))
        for typeset, plain in (("’", "'"), ("&#x27;", "'"), ("&quot;", '"'), ("“", '"'), ("”", '"')):
            words = words.replace(typeset, plain)
        assert not [p for p in present if p not in words], (url, [p for p in present if p not in words])
        assert not [a for a in absent if a in words], (url, [a for a in absent if a in words])
        assert "Sophie" not in words, url
    bailleurs = page(site, lang, "chapitres/bailleurs/")
    assert 'href="../../references/#parent-reiser-2021"' in bailleurs


def test_no_first_name_or_shared_affiliation_the_seeds_do_not_give() -> None:
    files = ["README.md", "mkdocs.yml", "CITATION.cff", "docs/fr/index.md", "docs/en/index.md"]
    files += [str(p.relative_to(ROOT)) for lang in LANGS for p in (ROOT / lang).glob("*.yaml")]
    files += ["gabarits/libelles.yaml"]
    for name in files:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "Sophie" not in text, name
        assert "Tourillon-Gingras (Université" not in text and "Tourillon-Gingras of the" not in text, name
        assert "1066105" not in text, name
    for name in ["README.md", "mkdocs.yml", "CITATION.cff"]:
        assert "André-Anne Parent (Université de Montréal)" in (ROOT / name).read_text(encoding="utf-8"), name


def test_slide_content_cites_the_2021_presentation(trees) -> None:
    """The slides (Parent and Reiser, 2021) carry the findings: wherever the 2022 article is a source, so is the
    presentation (the CPE entry rests on the research capsule alone)."""
    for lang, tree in trees.items():
        for kind in ("chapitres", "roles", "outils", "controverses", "glossaire"):
            for ident, entry in tree.entries[kind].items():
                sources = entry.data.get("sources") or []
                if "parent-2022" in sources and ident != "cpe":
                    assert "parent-reiser-2021" in sources, (lang, kind, ident)
