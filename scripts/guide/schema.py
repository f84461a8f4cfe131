"""The kinds of content in the guide, declared once.

A YAML file is a mapping whose top-level keys are kinds (``roles:``, ``outils:``…).
Field names are French, like the content; they are the same in ``fr/`` and ``en/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fields import Choice, Field, Id, ListOf, Markdown, Record, Refs, Text


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
                example="[{id: intervention-de-milieu, titre: …}]",
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
        },
    ),
)


def _entity(help: str, ident: str, title: str, summary: str, **specific: Field) -> Record:
    """The fields every page-making entity has, around the ones of its kind."""
    return Record(
        help=help,
        fields={
            "id": _id(ident),
            "titre": _title(title),
            "resume": _summary(summary),
            "description": _description(),
            **specific,
            "sources": _sources(),
        },
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
            "doi": Text(
                required=False,
                translate=False,
                help="The DOI, as a full https://doi.org/ address.",
                example='"https://doi.org/10.7202/1095938ar"',
            ),
            "url": Text(
                required=False, translate=False, help="An address where the text can be read.", example='"https://…"'
            ),
        },
    ),
)

KINDS: dict[str, Kind] = {
    k.key: k for k in (MODEL, CHAPTERS, ROLES, TOOLS, CONTROVERSIES, SOLUTIONS, REFERENCES, GLOSSARY)
}


def ref_fields(kind: Kind) -> dict[str, Field]:
    """The fields of a kind that point to other entities."""
    return {name: f for name, f in kind.record.fields.items() if isinstance(f, Refs)}
