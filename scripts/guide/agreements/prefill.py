"""A filled-in agreement from a network's data file: ``python -m guide agreement reseau.yaml``.

The data file names the agreement, gives the values of its blanks, and may leave out optional
sections; it is checked like the content, and every error names its file, line and field.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ErrorList, InvalidContentError, character_name, kind_of, quoted
from ..fields import Choice, Context, Date, Field, ListOf, Localized, Markdown, Number, Record, Text
from ..labels import load_strings
from ..model import Entity, build_model
from ..settings import Settings
from ..validate import load_content
from .data_file import read_data_file
from .document import document
from .printing import Printer
from .rendering import render_file
from .variants import Variant, variants

FORMATS = ("pdf", "docx", "html")
MAX_NUMBER = 10**15  # a number blank is a duration, a delay or an amount: beyond this, a typo


# What a printed agreement cannot hold: control characters (XML, hence DOCX, refuses them), noncharacters,
# lone surrogates, and the invisible marks that reverse or isolate the direction of the text around them (a
# clause could then read differently from what it says).
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_NUMBER_TEXT = re.compile(r"[-+]?([0-9][0-9_]*)(?:\.[0-9]+)?")


@dataclass
class Printable(Field):
    """A text blank's value: text (with a hint to quote a number), with no character that cannot be printed."""

    item: Field = field(default_factory=Text)

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return self.item.type_name

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        name = str(where[-1])
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ctx.error(where, "expected text, got a number: write it in quotes", f'{name}: "{value}"')
            return False
        found = _UNPRINTABLE.search(value) if isinstance(value, str) else None
        if found:
            char = character_name(found.group())
            ctx.error(where, f"contains {char}, an invisible character that cannot be printed: remove it")
            return False
        return self.item.check(value, where, ctx)


@dataclass
class CalendarDate(Date):
    """A date written YYYY-MM-DD that is in the calendar (fields.Date), and a date with a time told in a data
    file's words."""

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if isinstance(value, datetime.datetime):
            example = self.example_line(str(where[-1]))
            ctx.error(where, f"expected a date written YYYY-MM-DD, without a time, got {value}", example)
            return False
        return super().check(value, where, ctx)


@dataclass
class Quantity(Number):
    """A number blank (a duration, a delay, an amount): zero or more, finite, and printable in full."""

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        example = self.example_line(str(where[-1]))
        written = _NUMBER_TEXT.fullmatch(value.strip()) if isinstance(value, str) else None
        if written:  # quoted, or too long for the loader to read as a number (it keeps the text)
            digits = len(written.group(1).replace("_", ""))
            if digits > len(str(MAX_NUMBER)) - 1:
                ctx.error(where, f"expected a number below {_grouped(MAX_NUMBER)}, got one of {digits} digits", example)
            else:
                ctx.error(where, f"expected a number, got the text '{value}': write it without quotes", example)
            return False
        if not super().check(value, where, ctx):
            return False
        if math.isnan(value) or math.isinf(value):
            ctx.error(where, f"expected a number written with digits only, got {_yaml_number(value)}", example)
            return False
        if value < 0:
            ctx.error(where, f"expected zero or more, got {value}", example)
            return False
        if value >= MAX_NUMBER:
            ctx.error(where, f"expected a number below {_grouped(MAX_NUMBER)}, got {_grouped(value)}", example)
            return False
        return True


def _grouped(value: float) -> str:
    return f"{value:,}".replace(",", " ")


def _yaml_number(value: float) -> str:
    """.nan and .inf as YAML writes them, so that an editor finds them in the file."""
    if math.isnan(value):
        return ".nan (not a number)"
    return "-.inf (infinite)" if value < 0 else ".inf (infinite)"


@dataclass
class OptionalSection(Field):
    """An optional section of the chosen agreement, to leave out; the others are named as not optional."""

    agreement: str = ""
    sections: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if isinstance(value, str) and value in self.optional:
            return True
        example = f"retirer: [{self.optional[0]}]" if self.optional else "retirer: []"
        if not self.optional:
            what = f"the agreement {self.agreement} has no optional section: nothing can be left out"
        elif isinstance(value, str) and value in self.sections:
            what = f"'{value}' is not an optional section of {self.agreement}: only {', '.join(self.optional)} can"
            what += " be left out"
        else:
            got = quoted(value, cut=False)
            what = f"expected an optional section of {self.agreement} ({', '.join(self.optional)}), got {got}"
        ctx.error(where, what, example)
        return False


@dataclass
class Later(Field):
    """A mapping or a list whose items are checked only once the agreement they belong to is known."""

    kind: type = dict

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return "a mapping" if self.kind is dict else "a list"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        return True if isinstance(value, self.kind) else self.wrong_type(value, where, ctx)


@dataclass
class Request:
    """What the data file asks for."""

    entity: dict[str, Entity]  # language -> the agreement in that language
    variant: Variant
    format: str
    values: dict[str, dict[str, Any]]  # language -> blank -> value
    removed: frozenset[str]


def _blank(kind: str) -> Field:
    """What checks the value of a blank of type ``kind``."""
    if kind == "date":
        return CalendarDate(example="2027-01-01")
    if kind == "nombre":
        return Quantity(example="30")
    text = Markdown if kind == "paragraphe" else Text
    return Printable(item=text(example="…"), example="…")


def _spec(
    agreement: Entity | None, languages: list[str], names: list[str], pairs: tuple[tuple[str, str], ...]
) -> Record:
    """The data file's fields; the blanks and optional sections are those of the agreement it names (while it
    names none, they are left unchecked: each would be an error only because the agreement is wrong)."""
    champs: Field = Later(kind=dict, required=False, example="{lieu: …}")
    retirer: Field = Later(kind=list, required=False, example="[]")
    if agreement is not None:
        blanks: dict[str, Field] = {}
        for champ in agreement["champs"]:
            item = _blank(champ["type"] or "texte")
            blanks[champ["id"]] = Localized(
                item=item, languages=tuple(languages), required=False, help=champ["libelle"], example=item.example
            )
        first = next(iter(blanks), "nom-office")
        champs = Record(
            fields=blanks,
            required=False,
            help="The value of each blank; a blank left out stays a line to fill in.",
            example=f"{{{first}: …}}",
        )
        sections = tuple(s["id"] for s in agreement["sections"])
        optional = tuple(s["id"] for s in agreement["sections"] if s["optionnelle"])
        retirer = ListOf(
            item=OptionalSection(agreement=agreement.id, sections=sections, optional=optional),
            min_items=0,
            required=False,
            help="Optional sections to leave out.",
            example=f"[{optional[0]}]" if optional else "[]",
        )
    return Record(
        fields={
            "entente": Choice(
                choices=tuple(names), help="The agreement to fill in.", example=names[0] if names else "…"
            ),
            "langue": Choice(
                choices=tuple(v.name for v in variants(languages, pairs)),
                required=False,
                help="The language of the document (the first one if omitted); two languages give both columns.",
                example=languages[0],
            ),
            "format": Choice(choices=FORMATS, required=False, help="pdf (if omitted), docx or html.", example="pdf"),
            "champs": champs,
            "retirer": retirer,
        }
    )


def read_request(data_file: Path, settings: Settings, langue: str | None, fmt: str | None) -> Request:
    """Check the data file against the content; raise InvalidContentError with every error."""
    errors = ErrorList()
    doc = read_data_file(data_file, errors)
    if doc is None:
        raise InvalidContentError(errors.sorted())
    trees = load_content(settings.content, settings.root)
    models = {lang: build_model(tree) for lang, tree in trees.items()}
    languages = settings.languages
    agreements = {e.id: e for e in models[languages[0]].kinds.get("ententes", [])}
    names = list(agreements)
    data = doc.data
    if not isinstance(data, dict):
        what = f"expected a mapping (entente: …, champs: …), got {kind_of(data)}"
        errors.add(doc.name, doc.line(()), "", what, f"entente: {names[0] if names else '…'}")
        raise InvalidContentError(errors.sorted())
    ctx = Context(doc, errors)
    chosen = agreements.get(data["entente"]) if isinstance(data.get("entente"), str) else None
    _spec(chosen, languages, names, settings.bilingual).check(data, (), ctx)
    versions = [v.name for v in variants(languages, settings.bilingual)]
    for option, value, choices in (("langue", langue, versions), ("format", fmt, FORMATS)):
        if value is not None and value not in choices:
            errors.add("command line", 0, option, f"expected one of {', '.join(choices)}, got '{value}'")
    if errors:
        raise InvalidContentError(errors.sorted())
    assert chosen is not None
    name = langue or data.get("langue") or languages[0]
    variant = next(v for v in variants(languages, settings.bilingual) if v.name == name)
    fmt_given = fmt
    fmt = fmt or data.get("format") or "pdf"
    if fmt == "docx" and len(variant.langs) > 1:
        if langue is None and fmt_given is None:
            errors.add(
                doc.name, doc.line(("format",)), "format", "a DOCX file holds one language", "format: pdf or html"
            )
        else:
            what = f"a DOCX file holds one language, not {variant.name}"
            errors.add("command line", 0, "", what, f"LANGUE={variant.langs[0]}, or FORMAT=pdf")
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
        document(request.entity[lang], settings.language(lang), strings[lang], request.values[lang], request.removed)
        for lang in request.variant.langs
    ]
    html = Printer(settings.templates, cache=None).html(docs, template=False)
    if request.format == "html":
        return html.encode("utf-8")
    return render_file(("pdf", html) if request.format == "pdf" else ("docx", docs[0]))


def default_output(data_file: Path, request: Request) -> Path:
    return data_file.with_name(f"{data_file.stem}-{request.variant.name}.{request.format}")
