"""Synthetic content: N entities of every kind of the schema, in French and English, valid against it.

``make bench`` builds sites of it at growing N; the tests render it where the fixtures are too small (a table past
five solutions). ``write_content`` writes any content set as an editor's YAML files, for either.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from guide.schema import KINDS

AGREEMENTS = 3  # PDF files are slow to render: at most this many agreements at any N (1 if --quick)


def ident(kind: str, i: int, n: int) -> str:
    """The id of the i-th entity (from 0) of a kind, wrapping around so that references always exist."""
    return f"{kind}-{i % n + 1:04d}"


def sigle(i: int) -> str:
    """A made-up abbreviation (QA, QB… QAA…), unique for each i and unlike any word."""
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(65 + rest) + letters
    return "Q" + letters


def _say(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def _paragraphs(lang: str, i: int, n: int, link: str) -> str:
    """A description in Markdown: paragraphs, a list, a link to another page and an abbreviation."""
    short = sigle(i - i % 2)  # every other glossary entry has an abbreviation
    fr = (
        f"Dans le milieu {i + 1}, les partenaires se réunissent chaque mois pour faire le point sur les activités, "
        "les besoins des locataires et les ressources du quartier. L'intervenante de milieu y présente ce qu'elle "
        f"a observé ; le comité décide ensuite des suites à donner, avec le {short}.\n\n"
        "Ce qu'un réseau peut faire :\n\n"
        "- dire clairement qui anime les rencontres ;\n"
        "- prévoir comment passer le relais quand une personne change de poste ;\n"
        f"- s'appuyer sur [la structure voisine]({link}) pour écrire ses propres outils.\n\n"
        "Les résidents rencontrés disent que l'accompagnement fait une différence importante dans leur accès aux "
        "services ; il favorise aussi la prévention et renforce leur capacité d'agir."
    )
    en = (
        f"In setting {i + 1}, the partners meet every month to review the activities, the tenants' needs and the "
        "neighbourhood's resources. The on-site worker reports what she has observed; the committee then decides "
        f"what to do next, with the {short}.\n\n"
        "What a network can do:\n\n"
        "- say clearly who runs the meetings;\n"
        "- plan how to hand over when someone changes jobs;\n"
        f"- rely on [the neighbouring structure]({link}) to write its own tools.\n\n"
        "The residents interviewed say that support makes a real difference to their access to services; it also "
        "helps prevention and strengthens their power to act."
    )
    return _say(lang, fr, en)


def _entity(kind: str, lang: str, i: int, n: int, title: tuple[str, str], summary: tuple[str, str]) -> dict:
    """The fields every page-making entity has."""
    link = f"../outils/{ident('outil', i + 1, n)}.md"
    return {
        "id": ident(kind, i, n),
        "titre": _say(lang, *title),
        "resume": _say(lang, *summary),
        "description": _paragraphs(lang, i, n, link),
    }


def _role(lang: str, i: int, n: int) -> dict:
    k = i + 1
    return {
        **_entity("role", lang, i, n, (f"Rôle numéro {k} du réseau", f"Network role number {k}"), _SUMMARY),
        "apports": [_say(lang, f"Apport {j} du rôle {k}.", f"Contribution {j} of role {k}.") for j in (1, 2, 3)],
        "structures": sorted({ident("outil", i, n), ident("outil", i + 1, n)}),
        "controverses": [ident("controverse", i, n)],
        "sources": [ident("reference", i, n)],
    }


_SUMMARY = (
    "Il réunit les partenaires et fait le lien avec les locataires.",
    "It brings partners and tenants together.",
)


def _tool(lang: str, i: int, n: int) -> dict:
    k = i + 1
    return {
        **_entity("outil", lang, i, n, (f"Comité de coordination {k}", f"Coordinating committee {k}"), _SUMMARY),
        "categorie": ("structure", "outil")[i % 2],
        "sources": [ident("reference", i, n)],
    }


def _controversy(lang: str, i: int, n: int) -> dict:
    k = i + 1
    title = (f"Le partage des espaces collectifs {k}", f"Sharing collective spaces {k}")
    return {
        **_entity("controverse", lang, i, n, title, ("Qui utilise la salle, et quand ?", "Who uses the room, when?")),
        "titre_court": _say(lang, f"Espaces {k}", f"Spaces {k}"),
        "solutions": sorted({ident("solution", i, n), ident("solution", i + 1, n)}),
        "sources": [ident("reference", i, n)],
    }


def _solution(lang: str, i: int, n: int) -> dict:
    k = i + 1
    title = (f"Mettre en place des ententes de gestion {k}", f"Setting up management agreements {k}")
    return {
        **_entity("solution", lang, i, n, title, ("Écrire qui fait quoi.", "Write down who does what.")),
        "titre_court": _say(lang, f"Ententes {k}", f"Agreements {k}"),
        "outils": [ident("outil", i, n)],
        "sources": [ident("reference", i, n)],
    }


def _situation(lang: str, i: int, n: int) -> dict:
    """A situation, with the sections of the first agreement (every N has one, but a set made with none: see
    ``content``)."""
    k = i + 1
    return {
        "id": ident("situation", i, n),
        "titre": _say(lang, f"Tout le monde veut la salle {k}", f"Everybody wants room {k}"),
        "resume": _say(lang, "Les ménages partagent un même milieu de vie.", "Households share one living space."),
        "pistes": [
            _say(lang, f"Faire un horaire de la salle {k}.", f"Post a schedule for room {k}."),
            _say(lang, "S'entendre sur les priorités.", "Agree on who goes first."),
            _say(lang, "Régler un désaccord en comité.", "Take a disagreement to the committee."),
        ],
        "controverse": [ident("controverse", i, n)],
        "ententes": [{"entente": "entente-0001", "sections": ["section-1", "section-2"]}],
        "roles": [ident("role", i, n)],
        "mots": [_say(lang, f"salle {k}", f"room {k}"), _say(lang, "chicane", "quarrel")],
        "sources": [ident("reference", i, n)],
    }


def _chapter(lang: str, i: int, n: int) -> dict:
    k = i + 1
    title = (f"Chapitre {k} : bâtir un réseau", f"Chapter {k}: building a network")
    chapter = {
        **_entity("chapitre", lang, i, n, title, ("Pas à pas, avec le quartier.", "Step by step, with the area.")),
        "partie": ("etude", "agir", "resultats", "perspectives")[i % 4],
        "figure": {0: "modele", 1: "controverses"}.get(i),  # one chapter shows each figure, as in the guide
        "etapes": None,
        "sources": [ident("reference", i, n)],
    }
    if i % 3 == 0:
        chapter["etapes"] = [
            {
                "id": f"etape-{j}",
                "titre": _say(lang, f"Définir ensemble le problème {j}", f"Defining the problem together {j}"),
                "terme": _say(lang, "Problématisation", "Problematisation"),
                "observe": _say(lang, f"Le problème {j} est défini en comité.", f"Problem {j} is defined together."),
                "pistes": [_say(lang, "Réunir les partenaires.", "Bring the partners together.")],
            }
            for j in (1, 2, 3)
        ]
    return chapter


def _reference(lang: str, i: int, n: int) -> dict:
    k = i + 1
    return {
        "id": ident("reference", i, n),
        "citation": f"Autrice, A. et Auteur, B. ({2000 + i % 25}). Titre de l'article {k}. *Revue*, {k}(1), 1-20.",
        "doi": f"https://doi.org/10.0000/exemple.{k}",
        "url": f"https://example.org/articles/{k}",
    }


def _term(lang: str, i: int, n: int) -> dict:
    k = i + 1
    return {
        "id": ident("terme", i, n),
        "sigle": sigle(i) if i % 2 == 0 else None,
        "terme": _say(lang, f"comité de locataires numéro {k}", f"tenant committee number {k}"),
        "definition": _say(lang, f"Regroupement de locataires {k} d'un HLM.", f"A group of tenants {k} of an HLM."),
        "sources": [ident("reference", i, n)],
    }


def _concept(lang: str, i: int, n: int) -> dict:
    """A concept of the termbase, whose variants no synthetic text uses: the check searches every text for nothing."""
    k = i + 1
    variants: list = [_say(lang, f"comité des locataires numéro {k}", f"tenants' committee number {k}")]
    if i == 0:
        variants.append({"motif": r"numéro\s+zéro|number\s+zero", "exemple": _say(lang, "numéro zéro", "number zero")})
    return {
        "id": ident("concept", i, n),
        "terme": _say(lang, f"comité de locataires numéro {k}", f"tenant committee number {k}"),
        "formes": [_say(lang, f"comités de locataires numéro {k}", f"tenant committees number {k}")],
        "variantes": variants,
    }


def _agreement(lang: str, i: int, n: int) -> dict:
    """The same agreements at every N (so their files render once for the whole benchmark)."""
    k = i + 1
    clauses = (
        ("La salle [[lieu]] est réservée aux locataires.", "The room at [[lieu]] is kept for the tenants."),
        ("L'entente entre en vigueur le [[debut]].", "This agreement comes into force on [[debut]]."),
        ("Le dépôt est de [[montant]] dollars.", "The deposit is [[montant]] dollars."),
        ("Les règles de la salle : [[regles]]", "The room's rules: [[regles]]"),
    )
    return {
        "id": f"entente-{k:04d}",
        "titre": _say(lang, f"Entente de gestion de la salle {k}", f"Agreement on managing room {k}"),
        "resume": _say(lang, "Qui utilise la salle, et quand.", "Who uses the room, and when."),
        "description": _say(lang, "Un gabarit à adapter.", "A template to adapt."),
        "version": "1.0",
        "date": "2026-11-22",
        "parties": [
            {"id": "office", "titre": _say(lang, "L'office d'habitation", "The housing office")},
            {"id": "association", "titre": _say(lang, "L'association de locataires", "The tenant association")},
        ],
        "champs": [
            {"id": "lieu", "libelle": _say(lang, "Adresse de la salle", "Address of the room"), "type": "texte"},
            {"id": "debut", "libelle": _say(lang, "Date de début", "Start date"), "type": "date"},
            {"id": "montant", "libelle": _say(lang, "Montant du dépôt", "Deposit"), "type": "nombre"},
            {"id": "regles", "libelle": _say(lang, "Règles de la salle", "The room's rules"), "type": "paragraphe"},
        ],
        "sections": [
            {
                "id": f"section-{j + 1}",
                "titre": _say(lang, f"Section {j + 1} de l'entente {k}", f"Section {j + 1} of agreement {k}"),
                "optionnelle": j == 3,
                "controverses": [f"controverse-{k:04d}"],
                "clauses": [_say(lang, *clauses[j]), _say(lang, *clauses[(j + 1) % 4])],
            }
            for j in range(4)
        ],
        "sources": [f"reference-{k:04d}"],
    }


def _model(lang: str, n: int) -> dict:
    def items(prefix: str, fr: str, en: str, count: int = 3) -> list[dict]:
        return [
            {"id": f"{prefix}-{j}", "titre": _say(lang, f"{fr} {j}", f"{en} {j}"), "description": _say(lang, fr, en)}
            for j in range(1, count + 1)
        ]

    return {
        "titre": _say(lang, "Le modèle d'intervention de proximité", "The proximity intervention model"),
        "resume": _say(lang, "L'intervention de milieu et la concertation.", "On-site work and partnership."),
        "description": _paragraphs(lang, 0, n, f"../outils/{ident('outil', 0, n)}.md"),
        "composantes": items("composante", "Composante", "Component", 2),
        "synthese": {
            "titre": _say(lang, "Intervention de proximité", "Proximity intervention"),
            "description": _say(lang, "Les deux ensemble.", "Both together."),
        },
        "populations": items("population", "Population", "Population group"),
        "acteurs": items("acteur", "Acteur", "Actor"),
        "objectifs": items("objectif", "Objectif", "Objective"),
        "legende": _say(lang, "Le modèle, d'après Autrice (2022)", "The model, after Author (2022)"),
        "sources": [ident("reference", 0, n)],
    }


MAKERS: dict[str, Callable[[str, int, int], dict]] = {
    "chapitres": _chapter,
    "roles": _role,
    "outils": _tool,
    "controverses": _controversy,
    "solutions": _solution,
    "ententes": _agreement,
    "situations": _situation,
    "references": _reference,
    "glossaire": _term,
    "terminologie": _concept,
}


def content(n: int, lang: str, agreements: int = AGREEMENTS) -> dict[str, Any]:
    """Every kind of the schema, N of each (the model is one document; at most ``agreements`` agreements)."""
    missing = set(KINDS) - set(MAKERS) - {"modele"}
    if missing:
        raise SystemExit(f"synthetic.py makes no synthetic {', '.join(sorted(missing))}: add a maker to MAKERS")
    found: dict[str, Any] = {"modele": _model(lang, n)}
    for key, make in MAKERS.items():
        count = min(n, agreements) if key == "ententes" else n
        found[key] = [_drop_none(make(lang, i, n)) for i in range(count)]
    if not found["ententes"]:  # no agreement: no section for a situation to point to
        for situation in found["situations"]:
            situation.pop("ententes")
    return found


def _drop_none(entity: dict) -> dict:
    return {name: value for name, value in entity.items() if value is not None}


# --- Any content set, written as an editor's files ---------------------------------------------------------------


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter when there is one: 10 times faster
    """Texts of several lines as YAML blocks (``|``), as editors write them."""


_Dumper.add_representer(
    str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None)
)


def write_content(folder: Path, files: Mapping[str, Mapping[str, Any]]) -> dict[str, Path]:
    """Write ``files`` ({language: {file name: data}}) as YAML files in ``folder/<language>/``; return each
    language's folder, as ``guide.validate.load_content`` takes them."""
    folders = {}
    for lang, named in files.items():
        folders[lang] = folder / lang
        folders[lang].mkdir(parents=True, exist_ok=True)
        for name, data in named.items():
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
            (folders[lang] / name).write_text(text, encoding="utf-8")
    return folders


def content_files(n: int, lang: str, agreements: int = AGREEMENTS) -> dict[str, Any]:
    """``content`` as an editor would split it: one file per kind ("roles.yaml": {"roles": [...]})."""
    return {f"{key}.yaml": {key: value} for key, value in content(n, lang, agreements).items()}
