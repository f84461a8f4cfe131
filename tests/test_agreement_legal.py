"""Issue 16, "Legal prudence": the points a lawyer would raise first, fixed in both languages of the real agreements
and carried into what a network reads and signs.

Each point is checked in the content (``fr/ententes.yaml``, ``en/ententes.yaml``, the interface strings), in the
agreement's page, and in its files: the PDF in each language, the bilingual PDF and the DOCX in each language,
rendered here from the real content with the project's functions, some blanks filled in. The templates stay "not
legal advice": these tests check that the wording is there, not that it is right in law.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
import pytest
import yaml
from mkdocs.config import load_config
from pypdf import PdfReader

from guide.agreements.document import Document, document
from guide.agreements.printing import Printer
from guide.agreements.rendering import render_file
from guide.labels import load_strings
from guide.model import build_model
from guide.render import Renderer
from guide.settings import Settings
from guide.validate import load_content
from sites import ROOT

LANGS = ("fr", "en")

# Some blanks filled in, so that a point written around a blank can be checked as a network prints it.
VALUES = {
    "fr": {"nom-ciusss": "CIUSSS de l'Exemple", "duree-registre": 12, "quorum": 5, "bailleurs-signataires": "aucun"},
    "en": {"nom-ciusss": "CIUSSS de l'Exemple", "duree-registre": 12, "quorum": 5, "bailleurs-signataires": "none"},
}


@dataclass(frozen=True)
class Point:
    """What an agreement's section must say, in each language; ``gone``: the old wording it must no longer have."""

    agreement: str
    section: str
    says: dict[str, tuple[str, ...]]
    gone: dict[str, tuple[str, ...]]


POINTS = {
    "the Santé Québec signatory": Point(
        "protocole-collaboration",
        "objet-objectifs",
        {
            "fr": (
                "Santé Québec, par l'intermédiaire de son établissement CIUSSS de l'Exemple",
                "Pour Santé Québec, signe une personne de l'établissement CIUSSS de l'Exemple",
                "les règles de délégation de signature de Santé Québec",
                "chaque partenaire vérifie, avant la signature, qui peut signer pour lui",
            ),
            "en": (
                "Santé Québec, acting through its institution CIUSSS de l'Exemple",
                "signed by a person at the institution CIUSSS de l'Exemple",
                "Santé Québec's rules on the delegation of signing authority",
                "before signing, each partner checks who may sign on its behalf",
            ),
        },
        {"fr": (), "en": ()},
    ),
    "public partners' contributions": Point(
        "protocole-collaboration",
        "roles-contributions",
        {
            "fr": ("de tout autre partenaire public sont offertes sous réserve des budgets approuvés",),
            "en": ("any other public partner are subject to approved budgets",),
        },
        {"fr": (), "en": ()},
    ),
    "the association's insurance and liability": Point(
        "espace-communautaire",
        "assurances-responsabilite",
        {
            "fr": (
                "l'association vérifie auprès de l'office si l'assurance de l'office couvre les associations de "
                "locataires reconnues",
                "à moins que l'office n'ait confirmé par écrit que sa propre assurance couvre déjà les activités",
                "Une partie ne répond que des dommages causés, dans le cadre de ses propres activités, par sa faute",
                "Elle ne répond pas des activités des autres parties.",
                "si l'association n'est pas constituée en personne morale",
                "peuvent avoir à répondre personnellement de ses obligations",
                "envisage de se constituer en personne morale",
            ),
            "en": (
                "whether the housing office's insurance covers recognized tenant associations",
                "unless the housing office has confirmed in writing that its own insurance already covers",
                "A party is liable only for damage caused, in the course of its own activities, through its own fault",
                "It is not liable for the other parties' activities.",
                "if the association is not incorporated",
                "may be held personally liable for its obligations",
                "considers incorporating",
            ),
        },
        {
            "fr": ("par celle des personnes qui participent à ses activités",),
            "en": ("that of the people taking part in its activities",),
        },
    ),
    "one rule of precedence for bookings": Point(
        "espace-communautaire",
        "horaire-reservations",
        {
            "fr": (
                "l'ordre de priorité l'emporte sur l'ordre d'inscription",
                "À priorité égale, la première réservation inscrite au calendrier a préséance.",
                "Une réservation déjà inscrite peut donc être déplacée par une réservation de priorité plus élevée",
            ),
            "en": (
                "the order of priority prevails over the order of entry",
                "Between bookings of equal priority, the one entered first on the calendar takes precedence.",
                "A booking already entered may therefore be displaced by a higher-priority booking",
            ),
        },
        {
            "fr": ("la première réservation inscrite a préséance",),
            "en": ("the first booking entered takes precedence",),
        },
    ),
    "the office's and the SHQ's rules prevail": Point(
        "espace-communautaire",
        "parties-objet",
        {
            "fr": (
                "Les règlements et les règles de l'office, de même que les normes et les directives de la Société "
                "d'habitation du Québec qui s'appliquent aux HLM, l'emportent sur l'entente",
            ),
            "en": (
                "The housing office's by-laws and rules, and the standards and directives of the Société d'habitation "
                "du Québec that apply to HLM, prevail over this agreement",
            ),
        },
        {"fr": ("les parties en discutent au comité",), "en": ("the parties discuss the matter",)},
    ),
    "the access log: purpose, access, retention, privacy": Point(
        "espace-communautaire",
        "cles-acces",
        {
            "fr": (
                "Le registre sert uniquement à savoir qui a utilisé l'espace",
                "Seules les personnes-ressources des parties et les personnes responsables d'une activité peuvent le "
                "consulter",
                "Il conserve chaque page remplie pendant 12 mois, puis la détruit de façon sécuritaire",
                "Les règles de conservation qui s'appliquent à l'office, s'il en a, l'emportent sur ce délai.",
                "Un avis affiché près du registre indique à quoi il sert",
                "Loi sur l'accès aux documents des organismes publics et sur la protection des renseignements "
                "personnels (RLRQ, c. A-2.1)",
                "Loi sur la protection des renseignements personnels dans le secteur privé (RLRQ, c. P-39.1)",
            ),
            "en": (
                "The log serves only to know who used the space",
                "Only the parties' contact persons and the people in charge of an activity may consult it",
                "It keeps each completed page for 12 months, then destroys it securely",
                "The records retention rules that apply to the housing office, if any, prevail over this period.",
                "A notice posted next to the log says what it is for",
                "Act respecting access to documents held by public bodies and the Protection of personal information "
                "(CQLR, c. A-2.1)",
                "Act respecting the protection of personal information in the private sector (CQLR, c. P-39.1)",
            ),
        },
        {"fr": (), "en": ()},
    ),
    "contacts handed over, residents' information only with consent": Point(
        "protocole-collaboration",
        "continuite",
        {
            "fr": (
                "les coordonnées professionnelles utiles",
                "Cette passation ne comprend aucun renseignement personnel sur une résidente ou un résident, sauf "
                "avec le consentement de cette personne.",
            ),
            "en": (
                "useful professional contacts",
                "This hand-over includes no personal information about a resident, except with that person's consent.",
            ),
        },
        {"fr": ("les contacts utiles, y compris ceux",), "en": ("and useful contacts, including",)},
    ),
    "the privacy laws each partner applies": Point(
        "protocole-collaboration",
        "information-confidentialite",
        {
            "fr": (
                "(RLRQ, c. A-2.1) pour l'office d'habitation",
                "Loi sur les renseignements de santé et de services sociaux (RLRQ, c. R-22.1)",
                "(RLRQ, c. P-39.1) pour un organisme communautaire ou l'association de locataires",
            ),
            "en": (
                "(CQLR, c. A-2.1) for the housing office",
                "Act respecting health and social services information (CQLR, c. R-22.1)",
                "(CQLR, c. P-39.1) for a community organization or the tenant association",
            ),
        },
        {"fr": (), "en": ()},
    ),
    "funders are observers unless they sign": Point(
        "protocole-collaboration",
        "bailleurs-fonds",
        {
            "fr": (
                "Un bailleur de fonds qui n'a pas signé le présent protocole siège au comité à titre d'observateur",
                "sans droit de vote et sans participer aux décisions",
                "que s'il signe le protocole à titre de partenaire et en accepte les obligations",
            ),
            "en": (
                "A funder that has not signed this protocol sits on the committee as an observer",
                "without a vote and without taking part in decisions",
                "only if it signs this protocol as a partner and accepts its obligations",
            ),
        },
        {"fr": ("À titre de membres, les bailleurs",), "en": ("As members, funders take part",)},
    ),
    "a quorum that fits a partners-only committee": Point(
        "mandat-comite",
        "decisions",
        {
            "fr": (
                "Le quorum est de 5 membres présents ; si des résidentes ou des résidents siègent au comité, au moins "
                "l'une de ces personnes doit être présente.",
            ),
            "en": (
                "Quorum is 5 members present; if residents sit on the committee, at least one of them must be present.",
            ),
        },
        {"fr": ("dont au moins une résidente ou un résident",), "en": ("including at least one resident member",)},
    ),
}

# The bilingual version's clause, printed last in the bilingual PDF, and the notices
GOVERNS = {
    "fr": (
        "La présente entente est rédigée en français.",
        "La version anglaise est une traduction fournie pour la commodité des parties.",
        "En cas de divergence entre les deux versions, la version française l'emporte.",
    ),
    "en": (
        "This agreement is drawn up in French.",
        "The English version is a translation provided for the parties' convenience.",
        "In case of any discrepancy between the two versions, the French version prevails.",
    ),
}
NOTICE = {"fr": "Le texte français fait foi.", "en": "The French text governs; this English text is a translation."}
CHARTER = {
    "fr": "la Charte de la langue française exige",
    "en": "the Charter of the French language as a rule requires",
}
EQUAL = ("également foi", "equally authoritative", "equally valid", "both versions are equally", "deux versions font")
SIGNATORY = {
    "fr": "Santé Québec, pour son établissement (CIUSSS ou CISSS)",
    "en": "Santé Québec, for its institution (CIUSSS or CISSS)",
}
POINTS_BY_AGREEMENT = sorted({point.agreement for point in POINTS.values()})
FILES = {"fr": ("pdf-fr", "pdf-fr-en", "docx-fr"), "en": ("pdf-en", "pdf-fr-en", "docx-en")}  # where each language is


def flat(text: str) -> str:
    """Text as a reader reads it: one kind of apostrophe, one kind of space, no emphasis marks, no line-end hyphen."""
    text = text.replace("\u2019", "'").replace("**", "").replace("*", "")
    return re.sub(r"-\s+", "-", re.sub(r"[\s\u00a0\u202f]+", " ", text)).strip()


def filled(clause: str, lang: str) -> str:
    """A clause of the content with the test's values in its blanks."""
    return re.sub(r"\[\[([a-z0-9-]+)\]\]", lambda m: str(VALUES[lang].get(m.group(1), m.group(0))), clause)


@dataclass
class Real:
    settings: Settings
    entity: dict  # language -> agreement id -> entity
    strings: dict
    model: dict  # language -> model

    def doc(self, lang: str, ident: str) -> Document:
        return document(self.entity[lang][ident], self.settings.language(lang), self.strings[lang], VALUES[lang])


@pytest.fixture(scope="module")
def real() -> Real:
    settings = Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml")))
    trees = load_content(settings.content, settings.root)
    models = {lang: build_model(tree) for lang, tree in trees.items()}
    entity = {lang: {e.id: e for e in model.kinds["ententes"]} for lang, model in models.items()}
    return Real(settings, entity, load_strings(settings.templates, settings.languages), models)


# The content: quick


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(POINTS))
def test_each_point_is_in_the_content(real: Real, name: str, lang: str) -> None:
    point = POINTS[name]
    section = next(s for s in real.entity[lang][point.agreement]["sections"] if s["id"] == point.section)
    text = flat(" ".join(filled(clause, lang) for clause in section["clauses"]))
    for words in point.says[lang]:
        assert flat(words) in text, (name, lang, words)
    for words in point.gone[lang]:
        assert flat(words) not in text, (name, lang, words)


@pytest.mark.parametrize("lang", LANGS)
def test_the_santé_québec_party_and_blanks(real: Real, lang: str) -> None:
    protocol = real.entity[lang]["protocole-collaboration"]
    assert protocol["parties"][0]["titre"] == SIGNATORY[lang]
    fields = {c["id"]: c for c in protocol["champs"]}
    assert "Santé Québec" in fields["nom-ciusss"]["libelle"]
    assert "bailleurs-signataires" in fields and "statut-bailleurs" not in fields  # no blank to make funders members
    log = {c["id"]: c for c in real.entity[lang]["espace-communautaire"]["champs"]}["duree-registre"]
    assert log["type"] == "nombre" and "12" in log["libelle"]  # a suggested default


def test_the_example_data_file_fills_the_new_blank() -> None:
    data = yaml.safe_load((ROOT / "scripts" / "exemples" / "reseau-exemple.yaml").read_text(encoding="utf-8"))
    assert data["entente"] == "espace-communautaire" and data["champs"]["duree-registre"] == 12


@pytest.mark.parametrize("lang", LANGS)
def test_the_labels_say_the_french_version_governs(real: Real, lang: str) -> None:
    strings = real.strings[lang]
    clause = flat(strings["entente.bilingue.clause"])
    assert all(flat(sentence) in clause for sentence in GOVERNS[lang])
    assert flat(NOTICE[lang]) in flat(strings["entente.avis.court"])
    assert flat(CHARTER[lang]) in flat(strings["entente.avis.texte"])


def test_nothing_says_both_versions_are_equally_authoritative() -> None:
    for name in ("fr/ententes.yaml", "en/ententes.yaml", "gabarits/libelles.yaml", "README.md"):
        text = (ROOT / name).read_text(encoding="utf-8").lower()
        assert not [words for words in EQUAL if words in text], name
    for path in ROOT.glob("CONTRIBUTING*.md"):
        text = path.read_text(encoding="utf-8").lower()
        assert not [words for words in EQUAL if words in text], path.name
    readme = flat((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "a clause saying that the French version governs and the English is a translation" in readme


@pytest.mark.parametrize("lang", LANGS)
def test_the_agreement_pages_carry_the_notice_and_the_points(real: Real, lang: str) -> None:
    renderer = Renderer(real.settings.templates, real.strings, real.settings.language_data)
    pages = renderer.render(real.model[lang])
    for ident in ("espace-communautaire", "protocole-collaboration", "mandat-comite"):
        page = flat(next(text for path, text in pages.items() if path.endswith(f"ententes/{ident}.md")))
        assert flat(CHARTER[lang]) in page and flat(NOTICE[lang]) in page, ident
    protocol = flat(next(text for path, text in pages.items() if path.endswith("ententes/protocole-collaboration.md")))
    assert flat(SIGNATORY[lang]) in protocol
    assert {"fr": "sous réserve des budgets approuvés", "en": "subject to approved budgets"}[lang] in protocol


# The files: rendered by WeasyPrint and python-docx, a second or two each


@pytest.fixture(scope="module")
def outputs(real: Real) -> dict[tuple[str, str], str]:
    """(agreement, file) -> its text, flattened: "pdf-fr", "pdf-en", "pdf-fr-en", "docx-fr", "docx-en"."""
    printer = Printer(real.settings.templates, None)
    found = {}
    for ident in POINTS_BY_AGREEMENT:
        docs = {lang: real.doc(lang, ident) for lang in LANGS}
        for variant in (("fr",), ("en",), ("fr", "en")):
            data = render_file(("pdf", printer.html([docs[lang] for lang in variant], template=False)))
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
            found[ident, "pdf-" + "-".join(variant)] = flat(text)
        for lang in LANGS:
            data = render_file(("docx", docs[lang]))
            paragraphs = docx.Document(io.BytesIO(data)).paragraphs
            found[ident, f"docx-{lang}"] = flat(" ".join(p.text for p in paragraphs))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(POINTS))
def test_each_point_is_in_every_file(outputs: dict, name: str, lang: str) -> None:
    point = POINTS[name]
    for file in FILES[lang]:
        text = outputs[point.agreement, file]
        missing = [words for words in point.says[lang] if flat(words) not in text]
        assert not missing, (name, file, missing)
        assert not [words for words in point.gone[lang] if flat(words) in text], (name, file)


@pytest.mark.slow
@pytest.mark.parametrize("ident", POINTS_BY_AGREEMENT)
def test_the_bilingual_pdf_says_the_french_version_governs(outputs: dict, ident: str) -> None:
    bilingual = outputs[ident, "pdf-fr-en"]
    for lang in LANGS:
        assert all(flat(sentence) in bilingual for sentence in GOVERNS[lang]), (ident, lang)
        assert flat(NOTICE[lang]) in bilingual
    for file in ("pdf-fr", "pdf-en", "docx-fr", "docx-en"):  # one language: no versions clause, but the notice
        assert "rédigée en français." not in outputs[ident, file] and "drawn up in French." not in outputs[ident, file]
        assert flat(NOTICE[file[-2:]]) in outputs[ident, file], (ident, file)
    for text in (outputs[ident, file] for file in ("pdf-fr", "pdf-en", "pdf-fr-en", "docx-fr", "docx-en")):
        assert not [words for words in EQUAL if words in text.lower()]


@pytest.mark.slow
def test_the_signature_blocks_name_santé_québec(outputs: dict) -> None:
    for lang in LANGS:
        for file in FILES[lang]:
            assert flat(SIGNATORY[lang]) in outputs["protocole-collaboration", file], file
