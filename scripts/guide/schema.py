"""The kinds of content in the guide, declared once.

A YAML file is a mapping whose top-level keys are kinds (``roles:``, ``outils:``…).
Field names are French, like the content; they are the same in ``fr/`` and ``en/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .fields import (
    BLANK,
    Choice,
    Clause,
    Context,
    Date,
    Field,
    Flag,
    Id,
    Link,
    ListOf,
    Markdown,
    Record,
    Refs,
    Stamp,
    Text,
)

STAMP = "traduction"  # the field of every entry that holds its translation stamp


@dataclass(frozen=True)
class Kind:
    """A kind of entity: where it sits in the YAML, and how it becomes pages."""

    key: str  # top-level key in the YAML files, and the folder of its pages
    record: Record
    many: bool = True  # a list of entities, or one document
    pages: bool = True  # one page per entity (else only the index, with an anchor per entity)
    group_by: str = ""  # a Choice field that groups the index page


def _sources() -> Refs:
    return Refs(
        target="references", required=False, help="References that support this entry.", example="[parent-2022]"
    )


def _id(example: str) -> Id:
    return Id(help="Identifier, the same in both languages; it becomes the page's address.", example=example)


def _title(example: str) -> Text:
    return Text(help="Title of the entry, as shown in headings and lists.", example=f'"{example}"')


def _summary(example: str) -> Text:
    return Text(help="One sentence, shown under the title and on the index page.", example=f'"{example}"')


def _short_title(example: str) -> Text:
    return Text(
        required=False,
        help="A short title for table headings (the table of controversies against solutions).",
        example=f'"{example}"',
    )


def _description() -> Markdown:
    return Markdown(
        required=False,
        help="Body of the page, in Markdown (a YAML block starting with |).",
        example="|\n    Premier paragraphe…",
    )


def _stamp() -> Stamp:
    """Every entry of a translation may say which version of the source it follows."""
    return Stamp(
        required=False,
        translate=False,
        help="In a translation only: the version of the texts it follows, written by "
        "`make status ACCEPT=…`, never by hand; `make status` compares it to tell stale translations.",
        example='"fr:1a2b3c4d en:5e6f7a8b"',
    )


_ITEM = Record(
    fields={
        "id": _id("adultes"),
        "titre": _title("Adultes"),
        "description": Text(required=False, help="A sentence that explains the item.", example='"…"'),
    }
)

MODEL = Kind(
    key="modele",
    many=False,
    record=Record(
        help="The proximity intervention model, drawn as a diagram.",
        fields={
            "titre": _title("Le modèle d'intervention de proximité"),
            "resume": _summary("L'intervention de milieu et la concertation forment ensemble…"),
            "description": _description(),
            "composantes": ListOf(
                item=_ITEM,
                min_items=2,
                help="The components that, together, make proximity intervention.",
                example="[{id: intervention-de-milieu, titre: …}, {id: concertation, titre: …}]",
            ),
            "synthese": Record(
                help="What the components add up to.",
                fields={
                    "titre": _title("Intervention de proximité"),
                    "description": Text(help="A sentence that explains it.", example='"…"'),
                },
                example="{titre: …, description: …}",
            ),
            "populations": ListOf(
                item=_ITEM, help="The populations the model reaches.", example="[{id: adultes, titre: Adultes}]"
            ),
            "acteurs": ListOf(
                item=_ITEM,
                help="The actors of the model.",
                example="[{id: comites-locataires, titre: Comités de locataires}]",
            ),
            "objectifs": ListOf(
                item=_ITEM, help="The model's objectives.", example="[{id: espaces-collectifs, titre: …}]"
            ),
            "legende": Text(
                help="The diagram's caption, with its source.",
                example="\"Le modèle d'intervention de proximité, d'après Parent et Tourillon-Gingras (2019)\"",
            ),
            "sources": _sources(),
            STAMP: _stamp(),
        },
    ),
)


def _page(ident: str, title: str, summary: str) -> dict[str, Field]:
    """The fields that open every page-making entity."""
    return {"id": _id(ident), "titre": _title(title), "resume": _summary(summary), "description": _description()}


def _entity(help: str, ident: str, title: str, summary: str, **specific: Field) -> Record:
    """The fields every page-making entity has, around the ones of its kind."""
    return Record(
        help=help,
        fields={**_page(ident, title, summary), **specific, "sources": _sources(), STAMP: _stamp()},
    )


ROLES = Kind(
    key="roles",
    record=_entity(
        "A role in a local network.",
        "organisation-communautaire",
        "Organisatrice ou organisateur communautaire du CIUSSS",
        "Repère les partenaires et met les structures en place.",
        apports=ListOf(
            required=False,
            help="What this role brings to the network, one item a line.",
            example='["Anime la table"]',
        ),
        structures=Refs(
            target="outils",
            required=False,
            help="Structures and tools this role takes part in.",
            example="[comite-coordination]",
        ),
        controverses=Refs(
            target="controverses",
            required=False,
            help="Controversies this role meets.",
            example="[partage-espaces]",
        ),
    ),
)

TOOLS = Kind(
    key="outils",
    group_by="categorie",
    record=_entity(
        "A structure or a tool of a network.",
        "comite-coordination",
        "Comité de coordination",
        "Réunit les partenaires pour coordonner l'action.",
        categorie=Choice(
            choices=("structure", "outil"), help="Whether it is a structure or a tool.", example="structure"
        ),
    ),
)

CONTROVERSIES = Kind(
    key="controverses",
    record=_entity(
        "A controversy that networks meet.",
        "partage-espaces",
        "Le partage et la gestion des espaces collectifs",
        "Qui utilise la salle communautaire, quand, et à quelles conditions ?",
        titre_court=_short_title("Partage des espaces collectifs"),
        solutions=Refs(
            target="solutions", help="Solutions that answer it (the guide's reading).", example="[ententes-gestion]"
        ),
    ),
)

SOLUTIONS = Kind(
    key="solutions",
    record=_entity(
        "A solution that worked in the networks studied.",
        "ententes-gestion",
        "Mettre en place des ententes de gestion",
        "Écrire qui fait quoi, quand et à quelles conditions.",
        titre_court=_short_title("Ententes de gestion"),
        outils=Refs(
            target="outils",
            required=False,
            help="Structures and tools this solution relies on.",
            example="[ententes-gestion]",
        ),
    ),
)

_STEP = Record(
    help="A step of a practical sequence.",
    fields={
        "id": _id("problematisation"),
        "titre": _title("Définir ensemble le problème"),
        "terme": Text(
            required=False,
            translate=False,  # a theory's term may be spelled the same in two languages (Mobilisation)
            help="The theory's name for the step, if it has one.",
            example='"Problématisation"',
        ),
        "observe": Markdown(help="What the study observed at this step.", example="|\n    Dans les réseaux étudiés…"),
        "pistes": ListOf(
            help="What a network lead can do at this step, one item a line.",
            example='["Réunir les partenaires autour d\'un constat commun"]',
        ),
    },
)

CHAPTERS = Kind(
    key="chapitres",
    group_by="partie",
    record=_entity(
        "A chapter of the guide: the study, its results, how to act on them.",
        "mobilisation",
        "La mobilisation",
        "Ce qui fait que partenaires et résidents se mobilisent.",
        partie=Choice(
            choices=("etude", "agir", "resultats", "perspectives"),
            help="The part of the guide the chapter belongs to.",
            example="resultats",
        ),
        figure=Choice(
            required=False,
            choices=("modele", "controverses"),
            help="A figure generated from the content, shown after the description: "
            "the model's diagram, or the table of controversies against solutions.",
            example="modele",
        ),
        etapes=ListOf(
            item=_STEP,
            required=False,
            help="Steps of a practical sequence, shown in order after the description.",
            example="[{id: problematisation, titre: …, observe: …, pistes: […]}]",
        ),
    ),
)


def _blanks_are_fields(agreement: dict, where: tuple, ctx: Context) -> bool:
    """Every [[blank]] of a clause is the id of one of the agreement's fields (``champs``)."""
    known = [f["id"] for f in agreement["champs"]]
    ok = True
    for i, section in enumerate(agreement["sections"]):
        for j, clause in enumerate(section["clauses"]):
            for blank in BLANK.findall(clause):
                if blank not in known:
                    ctx.error(
                        (*where, "sections", i, "clauses", j),
                        f"'[[{blank}]]' is not one of this agreement's champs ({', '.join(known)})",
                        f"add it to champs:\n  - id: {blank}\n    libelle: …",
                    )
                    ok = False
    return ok


_FIELD_TYPES = ("texte", "date", "nombre", "paragraphe")

AGREEMENTS = Kind(
    key="ententes",
    record=Record(
        help="An agreement template: its parties, the blanks to fill in, and its sections of clauses.",
        rules=(_blanks_are_fields,),
        fields={
            **_page(
                "entente-espace-communautaire",
                "Entente de gestion d'un espace communautaire",
                "Qui utilise la salle, quand, et qui en prend soin.",
            ),
            "sources": _sources(),
            "version": Text(
                neutral=True,
                translate=False,
                help="The template's version, printed in its footer; the same in every language.",
                example='"1.0"',
            ),
            "date": Date(
                neutral=True,
                help="The date of this version (YYYY-MM-DD), printed in the footer; the same in every language.",
                example='"2026-11-22"',
            ),
            "parties": ListOf(
                item=Record(fields={"id": _id("office"), "titre": _title("L'office d'habitation")}),
                min_items=2,
                help="The parties who sign, each with a signature block.",
                example="[{id: office, titre: L'office d'habitation}, {id: association, titre: …}]",
            ),
            "champs": ListOf(
                item=Record(
                    fields={
                        "id": _id("lieu"),
                        "libelle": Text(
                            help="What goes in the blank, as the form's label.", example='"Nom et adresse de la salle"'
                        ),
                        "type": Choice(
                            required=False,
                            choices=_FIELD_TYPES,
                            help="The kind of answer (texte if omitted): a paragraphe gets several lines.",
                            example="date",
                        ),
                    }
                ),
                help="The blanks to fill in; a clause writes [[id]] where one goes.",
                example="[{id: lieu, libelle: Nom et adresse de la salle}]",
            ),
            "sections": ListOf(
                item=Record(
                    fields={
                        "id": _id("horaire"),
                        "titre": _title("Horaire et priorités de réservation"),
                        "optionnelle": Flag(
                            required=False,
                            help="true if a network may leave the section out (it is in by default).",
                            example="true",
                        ),
                        "controverses": Refs(
                            target="controverses",
                            required=False,
                            help="The controversies of the guide this section answers (shown in the guide, "
                            "not printed).",
                            example="[partage-espaces]",
                        ),
                        "clauses": ListOf(
                            item=Clause(
                                help="One clause; [[id]] marks a blank.",
                                example='"La salle [[lieu]] est réservée en priorité aux activités des locataires."',
                            ),
                            help="The clauses of the section, numbered in order.",
                            example='["La salle [[lieu]] est…"]',
                        ),
                    }
                ),
                help="The agreement's sections, in order.",
                example="[{id: objet, titre: Objet, clauses: […]}]",
            ),
            STAMP: _stamp(),
        },
    ),
)

GLOSSARY = Kind(
    key="glossaire",
    pages=False,
    record=Record(
        help="A term or an abbreviation, explained.",
        fields={
            "id": _id("hlm"),
            "sigle": Text(
                required=False,
                translate=False,
                help="The abbreviation as it is written in the pages; each occurrence gets the term as a tooltip.",
                example="HLM",
            ),
            "terme": Text(
                translate=False,
                help="The term in full, as used in this language (a proper name may stay the same).",
                example='"habitation à loyer modique"',
            ),
            "definition": Text(help="What it means, in one or two sentences.", example='"Logement social public…"'),
            "sources": _sources(),
            STAMP: _stamp(),
        },
    ),
)

REFERENCES = Kind(
    key="references",
    pages=False,
    record=Record(
        help="A bibliographic reference.",
        fields={
            "id": _id("parent-2022"),
            "citation": Text(
                translate=False,
                help="The full reference, journal in *italics*.",
                example='"Parent, A.-A. (2022). Titre. *Revue*, 33(1), 89-111."',
            ),
            "auteur_date": Text(
                required=False,
                translate=False,
                max_length=200,
                help="Authors and year as a citation in the text prints them, in this language's style "
                '(« Parent et Reiser, 2021 », "Parent & Reiser, 2021"); needed once a text cites the reference '
                "with [@id].",
                example='"Parent et Reiser, 2021"',
            ),
            "doi": Link(
                kind="doi",
                required=False,
                help="The DOI (10.xxxx/…, or its full https://doi.org/ address); printed as its https://doi.org/ "
                "address.",
                example='"https://doi.org/10.7202/1095938ar"',
            ),
            "url": Link(
                required=False,
                help="A web address (https:// or http://) where the text can be read.",
                example='"https://www.erudit.org/fr/revues/nps/"',
            ),
            STAMP: _stamp(),
        },
    ),
)

KINDS: dict[str, Kind] = {
    k.key: k for k in (MODEL, CHAPTERS, ROLES, TOOLS, CONTROVERSIES, SOLUTIONS, AGREEMENTS, REFERENCES, GLOSSARY)
}


def ref_fields(kind: Kind) -> dict[str, Field]:
    """The fields of a kind that point to other entities."""
    return {name: f for name, f in kind.record.fields.items() if isinstance(f, Refs)}


def field_paths(record: Record, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every field of a record, nested ones included, named as the editors' guide names them:
    ``titre``, ``synthese.titre``, ``sections``, ``sections[].clauses``."""
    for name, spec in record.fields.items():
        path = prefix + name
        yield path, spec
        if isinstance(spec, Record):
            yield from field_paths(spec, f"{path}.")
        elif isinstance(spec, ListOf) and isinstance(spec.item, Record):
            yield from field_paths(spec.item, f"{path}[].")
