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
    Parts,
    Phrases,
    Record,
    Ref,
    Refs,
    Stamp,
    Text,
    Words,
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
    verbatim: tuple[str, ...] = ()  # fields quoted as published (a citation): the termbase's check leaves them
    shown: bool = True  # printed in the site (False: the termbase, which checks the texts and gives glossary terms)
    # relations reached through another: (name, via, field) shows the ``field`` of the entities its ``via`` names,
    # right after them (a situation shows the solutions of its controversy)
    through: tuple[tuple[str, str, str], ...] = ()


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


def _pistes() -> ListOf:
    return ListOf(
        required=False,
        help="What a network can do, in the guide's own voice (not a finding of the study): short actions, "
        "one item a line; the page opens with them.",
        example='["Dresser une carte simple de qui fait quoi dans le réseau"]',
    )


def _words(example: str) -> Words:
    return Words(
        required=False,
        help="The words readers type in the search box for what this page is about (a tension, a quarrel, a "
        "room), in this file's language: the search finds this page first for them, and the page shows them. "
        "Each language writes its own; they are not translations of each other.",
        example=example,
    )


def _entity(help: str, ident: str, title: str, summary: str, **specific: Field) -> Record:
    """The fields every page-making entity has, around the ones of its kind."""
    return Record(
        help=help,
        fields={
            **_page(ident, title, summary),
            "pistes": _pistes(),
            **specific,
            "sources": _sources(),
            STAMP: _stamp(),
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
        mots=_words("[conflit, chicane, salle communautaire]"),
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

_BRIEF = Record(
    required=False,
    help="Makes the chapter a one-page brief (for funders): this short text beside the chapter's figure, a box of "
    "key figures, then the description; the page prints on one page, and the build makes it a one-page PDF that the "
    "page offers to download.",
    fields={
        "apercu": Markdown(
            help="What the chapter is about in three or four sentences, shown beside the figure; it must not say "
            "where the figure is (beside it on a wide screen and on paper, under it on a phone).",
            example="|\n    L'intervention de proximité réunit deux composantes…",
        ),
        "chiffres": ListOf(
            item=Record(
                fields={
                    "valeur": Text(
                        neutral=True,
                        translate=False,
                        max_length=12,
                        help="The figure, as printed, the same in every language: digits (6, 24), with no "
                        "thousands separator, which differs from one language to another.",
                        example='"24"',
                    ),
                    "libelle": Text(
                        max_length=120,
                        help="What the figure counts, in a few words printed after it.",
                        example='"mois d\'observation des rencontres de partenaires"',
                    ),
                }
            ),
            max_items=8,
            help="The key figures, in a box: at most eight, each a value and what it counts.",
            example='[{valeur: "6", libelle: HLM à Montréal et à Québec}]',
        ),
    },
    example='{apercu: …, chiffres: [{valeur: "6", libelle: …}]}',
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
        theorie=Text(
            required=False,
            help="Where the theory behind the steps' terms (etapes[].terme) is explained: a page of the guide and "
            "its anchor, in this language; each step's term links there.",
            example='"etude.md#les-quatre-moments-et-les-controverses-selon-callon"',
        ),
        fiche=_BRIEF,
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

SITUATIONS = Kind(
    key="situations",
    through=(("solutions", "controverse", "solutions"),),
    record=_entity(
        "A situation as people on the ground describe it, and where it leads: the controversy, its solutions, the "
        "agreement sections that answer it, the roles that can help. The guide's reading: the study lists no "
        "situations.",
        "qui-fait-quoi",
        "On ne sait plus qui fait quoi",
        "Plusieurs partenaires travaillent dans le même HLM, et personne ne sait plus qui s'occupe de quoi.",
        pistes=ListOf(
            min_items=3,
            max_items=5,
            help="What to do, in the guide's own voice: 3 to 5 short, concrete actions, one item a line; the page "
            "opens with them.",
            example='["Faire la liste de qui fait quoi", "Noter qui joindre", "Revoir la liste chaque année"]',
        ),
        controverse=Refs(
            target="controverses",
            min_items=1,
            help="The controversy (or controversies) of the study the situation leads to; the page shows its "
            "solutions too.",
            example="[roles-structures]",
        ),
        ententes=ListOf(
            required=False,
            item=Record(
                fields={
                    "entente": Ref(target="ententes", help="The agreement, by its id.", example="espace-communautaire"),
                    "sections": Parts(
                        target="sections",
                        of="entente",
                        min_items=1,
                        help="The ids of the agreement's sections that answer the situation; each becomes a link "
                        "to that section of the agreement's page.",
                        example="[horaire-reservations, cles-acces]",
                    ),
                },
            ),
            help="The agreement sections that answer the situation: each item names an agreement and some of its "
            "sections.",
            example="[{entente: espace-communautaire, sections: [horaire-reservations]}]",
        ),
        roles=Refs(
            target="roles",
            required=False,
            help="The roles that can help.",
            example="[organisation-communautaire, intervention-de-milieu]",
        ),
        mots=_words('[chicane, "qui fait quoi", mêlant]'),
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
                required=False,
                translate=False,
                help="The term in full, as used in this language (a proper name may stay the same). Leave it out "
                "when terminologie.yaml has a concept with the same id: the glossary shows that concept's term.",
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
    verbatim=("citation",),
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

TERMINOLOGY = Kind(
    key="terminologie",
    pages=False,
    shown=False,
    record=Record(
        help="A concept of the termbase: the term the guide writes for it in this language, and the variants it "
        "avoids. `make check` finds a variant in any text of the language and names the term.",
        fields={
            "id": Id(
                help="The concept's id, the same in both languages; a glossary entry with the same id takes its "
                "term from here.",
                example="concertation",
            ),
            "terme": Text(
                translate=False,  # a term may be written the same in two languages (concertation)
                max_length=200,
                help="The preferred term in this language, as the guide writes it; an error about a variant names "
                "it, and the glossary shows it.",
                example='"concertation"',
            ),
            "formes": Phrases(
                required=False,
                help="Other accepted ways of writing the term (plurals, doublets, a proper name): a variant found "
                "inside one of them, or inside any concept's term, is not reported. Each is a text or "
                "{motif: <regular expression>, exemple: <a text it matches>}.",
                example='["intervenantes et intervenants", "intervenantes et les intervenants"]',
            ),
            "variantes": Phrases(
                required=False,
                help="Variants to avoid: each is found in every text of the language as whole words, whatever "
                "the case (’ and ' alike), except in quotations, code, link addresses and citations. Each is a "
                "text or {motif: <regular expression>, exemple: <a text it matches>}.",
                example='["consultation structures", {motif: "\\\\d{1,2} April \\\\d{4}", exemple: "15 April 2021"}]',
            ),
            "note": Text(
                required=False,
                max_length=500,
                help="Why this term, or when a variant is right after all; an error about a variant shows it.",
                example='"Concertation, not consultation: partners act together."',
            ),
            STAMP: _stamp(),
        },
    ),
)

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        MODEL,
        CHAPTERS,
        ROLES,
        TOOLS,
        CONTROVERSIES,
        SOLUTIONS,
        AGREEMENTS,
        SITUATIONS,
        REFERENCES,
        GLOSSARY,
        TERMINOLOGY,
    )
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
