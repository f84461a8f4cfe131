"""A filled-in agreement from a network's data file: ``python -m guide agreement reseau.yaml``.

The data file names the agreement, gives the values of its blanks, and may leave out optional
sections; it is checked like the content, and every error names its file, line and field.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .agreement_files import Printer, Variant, render_file, variants
from .agreements import document
from .errors import ErrorList, InvalidContentError
from .fields import Choice, Context, Date, Field, ListOf, Markdown, Number, Record, Text
from .loader import load_file
from .model import Entity, build_model
from .render import load_strings
from .settings import Settings
from .validate import load_content

FORMATS = ("pdf", "docx", "html")


@dataclass
class Localized(Field):
    """A value for every language, or a mapping of language to value (``{fr: …, en: …}``)."""

    item: Field = field(default_factory=Text)
    languages: tuple[str, ...] = ()

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return self.item.type_name

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not isinstance(value, dict):
            return self.item.check(value, where, ctx)
        ok = True
        for lang in self.languages:
            if lang not in value:
                ctx.error(where, f"gives no value for '{lang}'", f"{where[-1]}: {{fr: …, en: …}}")
                ok = False
        for lang, given in value.items():
            if lang not in self.languages:
                ctx.error((*where, lang), f"'{lang}' is not a language of the guide ({', '.join(self.languages)})")
                ok = False
            elif not self.item.check(given, (*where, lang), ctx):
                ok = False
        return ok


@dataclass
class Request:
    """What the data file asks for."""

    entity: dict[str, Entity]  # language -> the agreement in that language
    variant: Variant
    format: str
    values: dict[str, dict[str, Any]]  # language -> blank -> value
    removed: frozenset[str]


def _spec(agreement: Entity | None, languages: list[str], names: list[str]) -> Record:
    """The data file's fields; the blanks and optional sections are those of the agreement it names."""
    blanks: dict[str, Field] = {}
    optional: tuple[str, ...] = ()
    if agreement is not None:
        for champ in agreement["champs"]:
            kind = champ["type"] or "texte"
            item = {"date": Date, "nombre": Number, "paragraphe": Markdown}.get(kind, Text)
            example = {"date": "2027-01-01", "nombre": "30"}.get(kind, "…")
            blanks[champ["id"]] = Localized(
                item=item(example=example),
                languages=tuple(languages),
                required=False,
                help=champ["libelle"],
                example=example,
            )
        optional = tuple(s["id"] for s in agreement["sections"] if s["optionnelle"])
    return Record(
        fields={
            "entente": Choice(choices=tuple(names), help="The agreement to fill in.", example="espace-communautaire"),
            "langue": Choice(
                choices=tuple(v.name for v in variants(languages)),
                required=False,
                help="The language of the document (the first one if omitted); two languages give both columns.",
                example=languages[0],
            ),
            "format": Choice(choices=FORMATS, required=False, help="pdf (if omitted), docx or html.", example="pdf"),
            "champs": Record(
                fields=blanks,
                required=False,
                help="The value of each blank; a blank left out stays a line to fill in.",
                example="{nom-office: Office d'habitation de l'Exemple}",
            ),
            "retirer": ListOf(
                item=Choice(choices=optional, example=optional[0] if optional else ""),
                min_items=0,
                required=False,
                help="Optional sections to leave out.",
                example=f"[{optional[0]}]" if optional else "[]",
            ),
        }
    )


def read_request(data_file: Path, settings: Settings, langue: str | None, fmt: str | None) -> Request:
    """Check the data file against the content; raise InvalidContentError with every error."""
    trees = load_content(settings.content, settings.root)
    models = {lang: build_model(tree) for lang, tree in trees.items()}
    languages = settings.languages
    agreements = {e.id: e for e in models[languages[0]].kinds.get("ententes", [])}
    errors = ErrorList()
    doc = load_file(data_file, data_file.as_posix(), errors)
    if doc is None:
        raise InvalidContentError(errors.sorted())
    data = doc.data
    ctx = Context(doc, errors)
    chosen = agreements.get(data.get("entente")) if isinstance(data, dict) else None
    if isinstance(data, dict) and not isinstance(data.get("champs", {}), dict):
        chosen = None
    _spec(chosen, languages, list(agreements)).check(data, (), ctx)
    for option, value, choices in (("langue", langue, [v.name for v in variants(languages)]), ("format", fmt, FORMATS)):
        if value is not None and value not in choices:
            errors.add("command line", 0, option, f"expected one of {', '.join(choices)}, got '{value}'")
    if errors:
        raise InvalidContentError(errors.sorted())
    assert chosen is not None
    name = langue or data.get("langue") or languages[0]
    variant = next(v for v in variants(languages) if v.name == name)
    fmt = fmt or data.get("format") or "pdf"
    if fmt == "docx" and len(variant.langs) > 1:
        where = ("format",) if "format" in data else ()
        errors.add(doc.name, doc.line(where), "format", "a DOCX file holds one language", "format: pdf or html")
        raise InvalidContentError(errors.sorted())
    types = {c["id"]: c["type"] for c in chosen["champs"]}
    given = data.get("champs") or {}
    values = {lang: {k: _value(v, types[k], lang) for k, v in given.items() if v is not None} for lang in variant.langs}
    return Request(
        entity={lang: models[lang].find("ententes", chosen.id) for lang in variant.langs},
        variant=variant,
        format=fmt,
        values=values,
        removed=frozenset(data.get("retirer") or ()),
    )


def _value(value: Any, kind: str | None, lang: str) -> Any:
    """A checked value in ``lang``: a date written as text becomes a date."""
    value = value[lang] if isinstance(value, dict) else value
    if kind == "date" and isinstance(value, str):
        return datetime.date.fromisoformat(value.strip())
    return value


def fill(request: Request, settings: Settings) -> bytes:
    """The filled-in agreement, in the format asked for."""
    strings = load_strings(settings.templates, settings.languages)
    docs = [
        document(request.entity[lang], lang, strings[lang], request.values[lang], request.removed)
        for lang in request.variant.langs
    ]
    html = Printer(settings.templates, cache=None).html(docs, template=False)
    if request.format == "html":
        return html.encode("utf-8")
    return render_file(("pdf", html) if request.format == "pdf" else ("docx", docs[0]))


def default_output(data_file: Path, request: Request) -> Path:
    return data_file.with_name(f"{data_file.stem}-{request.variant.name}.{request.format}")
