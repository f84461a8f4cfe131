"""Field types of the content schema.

Each type checks a value (reporting to an ``ErrorList`` with the file and line of
the value), describes itself for editors, and gives its JSON Schema, so that the
validator, the editors' guide and the editors' autocompletion share one source.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import citekeys, links, voice
from .errors import ErrorList, character_name, did_you_mean, kind_of, quoted
from .loader import Document, format_path

_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_PATTERN = re.compile(f"^{_ID}$")
ID_MAX_LENGTH = 60  # an id names files and folders (entente-<id>-fr-en.pdf), which a file system limits
_ID_TOO_LONG = f"characters long, at most {ID_MAX_LENGTH} are allowed in an id (it names files and pages)"
# C0 and C1 control characters but tab and newline: a page cannot show them (YAML's "\e" or "\x07" writes one)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_id(value: Any) -> bool:
    """An id as every field that holds or names one takes it: its pattern, and not too long for a file name."""
    return isinstance(value, str) and len(value) <= ID_MAX_LENGTH and ID_PATTERN.match(value) is not None


@dataclass
class Context:
    """Where a value is, and where to report what is wrong with it."""

    doc: Document
    errors: ErrorList
    refs: list[tuple[str, str, Document, tuple]] = field(default_factory=list)
    citations: list[tuple[str, Document, tuple]] = field(default_factory=list)  # keys cited in texts ([@id])

    def error(self, where: tuple, what: str, example: str = "") -> None:
        self.errors.add(self.doc.name, self.doc.line(where), format_path(where), what, example)

    def place(self, where: tuple) -> str:
        """Where a value is, as a message names it: ``fr/roles.yaml:12``."""
        return f"{self.doc.name}:{self.doc.line(where)}"


def item_id(item: Any) -> Any:
    """The id an item of a list gives itself, whatever it is, if it is a mapping."""
    return item.get("id") if isinstance(item, dict) else None


def check_new_id(ident: str, first: str | None, where: tuple, ctx: Context) -> bool:
    """Whether ``ident`` is used for the first time in its list; if not, it is reported at ``where`` with
    ``first``, the place of its first use (an entity's id is unique across all the files of its language)."""
    if first is None:
        return True
    ctx.error(where, f"duplicate id '{ident}' (first used at {first})", "give each entry its own id")
    return False


@dataclass
class Field:
    """A field of a record.  ``neutral`` fields hold the same value in every language."""

    help: str = ""
    example: str = ""
    required: bool = True
    neutral: bool = False

    type_name = "value"
    takes_text = False  # a value of this field is text: an unquoted date given to it is text to put in quotes

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        raise NotImplementedError

    def skeleton(self, value: Any) -> Any:
        """What must be equal across languages (None: nothing)."""
        return value if self.neutral else None

    def json_schema(self) -> dict:
        """The JSON Schema that editors' tools check a value against, with the help and example they show."""
        schema = self.value_schema()
        if self.help:
            schema["description"] = self.help
        example = self.example_value()
        if example is not None:
            schema["examples"] = [example]
        return schema

    def value_schema(self) -> dict:
        """What a valid value is, as far as one file tells (references and languages are the validator's)."""
        raise NotImplementedError

    def example_value(self) -> Any:
        """The example as a value: it is written as YAML, as an editor types it; None if there is none."""
        if not self.example:
            return None
        try:
            return _plain(yaml.safe_load(self.example))
        except yaml.YAMLError:
            return None

    def untranslated(self, mine: Any, theirs: Any, where: tuple) -> list[tuple]:
        """Where two languages hold the same text that should have been translated."""
        return []

    def example_line(self, name: str) -> str:
        """The example as an editor writes it: ``name: example``, or the example alone for a list's item."""
        if not self.example:
            return ""
        return self.example if name.isdigit() else f"{name}: {self.example}"

    def wrong_type(self, value: Any, where: tuple, ctx: Context) -> bool:
        what = f"expected {self.type_name}, got {kind_of(value)}"
        if self.takes_text and isinstance(value, datetime.date):  # YAML reads an unquoted 2026-01-01 as a date
            what += ": write it in quotes"
        ctx.error(where, what, self.example_line(str(where[-1])))
        return False


@dataclass
class Text(Field):
    """One paragraph of text; inline Markdown (bold, italics, links) is allowed."""

    type_name = "text"
    takes_text = True
    max_length: int = 2000
    translate: bool = True  # False for names, abbreviations, citations and addresses, the same in every language

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not isinstance(value, str):
            return self.wrong_type(value, where, ctx)
        if not value.strip():
            ctx.error(where, "is empty", self.example_line(str(where[-1])))
            return False
        control = _CONTROL.search(value)
        if control:
            ctx.error(
                where,
                f"holds the control character {character_name(control.group())}, which a page cannot show",
                'remove it (in double quotes, an escape such as "\\e" or "\\x1b" writes one)',
            )
            return False
        if len(value) > self.max_length:
            ctx.error(
                where,
                f"is {len(value)} characters long, at most {self.max_length} are allowed",
                "split it into shorter paragraphs",
            )
            return False
        checks = (self.check_links, self.check_citations, self.check_voice)
        return all([check(value, where, ctx) for check in checks])

    def check_voice(self, value: str, where: tuple, ctx: Context) -> bool:
        """``[guide]`` marks a whole paragraph or list item as the guide's reading: it goes at its start."""
        if voice.MARKER not in value or not voice.misplaced(value):
            return True
        ctx.error(
            where,
            f"{quoted(voice.MARKER)} marks a whole paragraph or list item as the guide's reading, not a finding "
            "of the study: put it at the start of the paragraph or of the item",
            voice.EXAMPLE,
        )
        return False

    def check_citations(self, value: str, where: tuple, ctx: Context) -> bool:
        """A citation is written ``[@id]``, ``[@id, locator]`` or ``[@id; @id]``; whether each id is a reference's
        is told once every file is read (validate.py), with the other references."""
        if "[@" not in value:
            return True
        keys, bad = citekeys.scan(value)
        for written in bad:
            ctx.error(
                where,
                f"{quoted(written)} is not a citation: write @ and the id of a reference between [ ], "
                "a locator after a comma, several citations separated by ;",
                citekeys.SYNTAX,
            )
        ctx.citations.extend((key, ctx.doc, where) for key in keys)
        return not bad

    def check_links(self, value: str, where: tuple, ctx: Context) -> bool:
        """A link in a text leads to a page of the guide or to a web or mail address, never to a script."""
        unsafe = links.unsafe_schemes(value)
        for scheme in unsafe:
            ctx.error(
                where,
                f"a link to a '{scheme}:' address is not allowed: a link leads to a page of the guide or to an "
                f"address starting with {', '.join(s + ':' for s in links.TEXT_SCHEMES)}",
                "[le modèle](../modele/index.md) or [l'article](https://doi.org/10.7202/1095938ar)",
            )
        return not unsafe

    def value_schema(self) -> dict:
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_length,
            "pattern": self.pattern(),
            "patternErrorMessage": "This text is empty (spaces only).",
        }

    def pattern(self) -> str:
        """Not only spaces: the validator strips a text before it tells whether it is empty."""
        return r"\S"

    def untranslated(self, mine: Any, theirs: Any, where: tuple) -> list[tuple]:
        same = self.translate and isinstance(mine, str) and isinstance(theirs, str) and mine.strip() == theirs.strip()
        return [where] if same else []


@dataclass
class Markdown(Text):
    """Several paragraphs or lists of Markdown, written as a YAML block (``|``)."""

    type_name = "text"
    max_length: int = 20000


BLANK = re.compile(r"\[\[([^\[\]]*)\]\]")
# a [[…]] (as BLANK finds it) whose inside is not an id: not the id pattern, or longer than an id may be
_BAD_BLANK = rf"\[\[(?!(?=[a-z0-9-]{{1,{ID_MAX_LENGTH}}}\]\]){_ID}\]\])[^\[\]]*\]\]"


@dataclass
class Clause(Text):
    """A clause of an agreement: text with blanks to fill in, written ``[[id]]`` (the id of one of its fields).

    The same blanks must appear in every language, so a translation never loses one.
    """

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not super().check(value, where, ctx):
            return False
        bad = [b for b in BLANK.findall(value) if not is_id(b)]
        for blank in bad:
            ctx.error(
                where, f"{quoted(f'[[{blank}]]')} is not a blank: write the id of a field between [[ ]]", "[[lieu]]"
            )
        return not bad

    def skeleton(self, value: Any) -> Any:
        return sorted(BLANK.findall(value))

    def value_schema(self) -> dict:
        schema = super().value_schema()
        schema["patternErrorMessage"] = "This clause is empty, or has a blank not written [[id]] (example: [[lieu]])."
        return schema

    def pattern(self) -> str:
        """Not only spaces, and no blank but ``[[id]]``: two lookaheads, as one pattern is all JSON Schema takes."""
        return rf"^(?=[\s\S]*\S)(?![\s\S]*{_BAD_BLANK})"


@dataclass
class Flag(Field):
    """true or false."""

    type_name = "true or false"
    neutral: bool = True

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        return True if isinstance(value, bool) else self.wrong_type(value, where, ctx)

    def value_schema(self) -> dict:
        return {"type": "boolean"}


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: Any) -> str:
    """A checked date as it is printed, YYYY-MM-DD, whether YAML read a date or text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        return str(value)


@dataclass
class Date(Field):
    """A date written YYYY-MM-DD."""

    type_name = "a date (YYYY-MM-DD)"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return True
        if isinstance(value, str) and _DATE.fullmatch(value.strip()):
            try:
                datetime.date.fromisoformat(value.strip())
                return True
            except ValueError:  # 2026-02-30 (YAML leaves an unquoted one as text, as it is no date)
                ctx.error(
                    where, f"{quoted(value.strip())} is not a date of the calendar", self.example_line(str(where[-1]))
                )
                return False
        ctx.error(where, f"expected a date written YYYY-MM-DD, got {quoted(value)}", self.example_line(str(where[-1])))
        return False

    def skeleton(self, value: Any) -> Any:
        return iso_date(value) if self.neutral else None

    def value_schema(self) -> dict:
        # an editor's YAML (1.2) reads an unquoted 2027-01-01 as text, where PyYAML reads a date: both are valid
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass
class Number(Field):
    """A number, written with digits only (2000000, not 2 000 000 $)."""

    type_name = "a number"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return True
        ctx.error(
            where, f"expected a number written with digits only, got {quoted(value)}", self.example_line(str(where[-1]))
        )
        return False

    def value_schema(self) -> dict:
        return {"type": "number"}


@dataclass
class Id(Field):
    """An identifier: lowercase letters, digits and hyphens, the same in every language."""

    type_name = "an id"
    takes_text = True
    neutral: bool = True

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not isinstance(value, str):
            return self.wrong_type(value, where, ctx)
        if len(value) > ID_MAX_LENGTH:
            ctx.error(where, f"is {len(value)} {_ID_TOO_LONG}", self.example_line(str(where[-1])))
            return False
        if not ID_PATTERN.match(value):
            ctx.error(
                where,
                f"{quoted(value)} is not a valid id: use lowercase letters, digits and hyphens",
                self.example_line(str(where[-1])),
            )
            return False
        return True

    def value_schema(self) -> dict:
        return {
            "type": "string",
            "maxLength": ID_MAX_LENGTH,
            "pattern": ID_PATTERN.pattern,
            "patternErrorMessage": "Not a valid id: use lowercase letters, digits and hyphens (example: lieu).",
        }


@dataclass
class Choice(Field):
    """One of a fixed list of words."""

    choices: tuple[str, ...] = ()
    neutral: bool = True

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.choices)

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if value not in self.choices:
            ctx.error(
                where,
                f"expected one of {', '.join(self.choices)}, got {quoted(value, cut=False)}",
                self.example_line(str(where[-1])),
            )
            return False
        return True

    def value_schema(self) -> dict:
        return {"enum": list(self.choices)}


@dataclass
class Refs(Field):
    """A list of ids of another kind of entity; each must exist."""

    target: str = ""
    neutral: bool = True
    min_items: int = 0  # a situation leads to one controversy at least; most lists of ids may be empty ([])

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return f"a list of {self.target} ids"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not isinstance(value, list):
            return self.wrong_type(value, where, ctx)
        if len(value) < self.min_items:
            ctx.error(where, f"needs at least {self.min_items} item(s)", self.example_line(str(where[-1])))
            return False
        ok = True
        seen: set[str] = set()
        for i, item in enumerate(value):
            if isinstance(item, str) and len(item) > ID_MAX_LENGTH:
                ctx.error((*where, i), f"is {len(item)} {_ID_TOO_LONG}", self.example_line(str(where[-1])))
                ok = False
            elif not isinstance(item, str) or not ID_PATTERN.match(item):
                ctx.error(
                    (*where, i),
                    f"expected the id of one of the {self.target}, got {kind_of(item)}",
                    self.example_line(str(where[-1])),
                )
                ok = False
            elif item in seen:
                ctx.error((*where, i), f"'{item}' is listed twice", "list each id once")
                ok = False
            else:
                seen.add(item)
                self.register(item, (*where, i), ctx)
        return ok

    def register(self, ident: str, where: tuple, ctx: Context) -> None:
        """Note the id for the validator, which tells once every file is read whether it exists."""
        ctx.refs.append((self.target, ident, ctx.doc, where))

    def value_schema(self) -> dict:
        schema: dict[str, Any] = {
            "type": "array",
            "uniqueItems": True,
            "items": {
                "type": "string",
                "maxLength": ID_MAX_LENGTH,
                "pattern": ID_PATTERN.pattern,
                "patternErrorMessage": f"Not an id of one of the {self.target}: lowercase letters, digits and hyphens.",
            },
        }
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass
class Ref(Id):
    """The id of one entity of another kind (an agreement); it must exist."""

    target: str = ""

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return f"the id of one of the {self.target}"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not super().check(value, where, ctx):
            return False
        ctx.refs.append((self.target, value, ctx.doc, where))
        return True

    def value_schema(self) -> dict:
        schema = super().value_schema()
        schema["patternErrorMessage"] = f"Not an id of one of the {self.target}: lowercase letters, digits and hyphens."
        return schema


@dataclass
class Parts(Refs):
    """Ids of parts of the entity a sibling ``Ref`` names: ``{entente: espace-communautaire, sections:
    [horaire-reservations]}``. ``target`` is the field of that entity that lists its parts, each with an id (an
    agreement's ``sections``); the entity's page gives each part the anchor ``#<id>``. Whether each id is one of
    them is told once every file is read, with the model (model.py), which resolves them."""

    of: str = ""  # the sibling field, a Ref, that names the entity

    def register(self, ident: str, where: tuple, ctx: Context) -> None:
        pass  # the entity's parts are known once every file is read: model.check_parts tells


@dataclass
class ListOf(Field):
    """A list whose items all have the same type."""

    item: Field = field(default_factory=Text)
    min_items: int = 1
    max_items: int = 0  # 0: no limit

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return "a list"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not isinstance(value, list):
            return self.wrong_type(value, where, ctx)
        if len(value) < self.min_items:
            ctx.error(where, f"needs at least {self.min_items} item(s)", self.example_line(str(where[-1])))
            return False
        if self.max_items and len(value) > self.max_items:
            ctx.error(
                where,
                f"has {len(value)} items, at most {self.max_items} are allowed",
                f"keep the {self.max_items} that matter most",
            )
            return False
        results = [self.item.check(v, (*where, i), ctx) for i, v in enumerate(value)]
        if isinstance(self.item, Record):
            results.append(self.item.check_unique_ids(value, where, ctx))
        return all(results)

    def skeleton(self, value: Any) -> Any:
        items = [self.item.skeleton(v) for v in value]
        return items if isinstance(self.item, Record) or any(i is not None for i in items) else len(value)

    def untranslated(self, mine: Any, theirs: Any, where: tuple) -> list[tuple]:
        if not (isinstance(mine, list) and isinstance(theirs, list)):
            return []
        pairs = zip(mine, theirs, strict=False)
        return [w for i, (a, b) in enumerate(pairs) for w in self.item.untranslated(a, b, (*where, i))]

    def value_schema(self) -> dict:
        schema = {"type": "array", "minItems": self.min_items, "items": self.item.json_schema()}
        if self.max_items:
            schema["maxItems"] = self.max_items
        return schema


@dataclass
class Words(ListOf):
    """Words readers type for what an entry is about (search words): each language its own, as many as fit; not a
    translation of the other language's, so neither their number nor their wording is compared."""

    item: Field = field(default_factory=lambda: Text(max_length=60, translate=False))

    def skeleton(self, value: Any) -> Any:
        return None

    def untranslated(self, mine: Any, theirs: Any, where: tuple) -> list[tuple]:
        return []


@dataclass
class Record(Field):
    """A mapping with declared fields: unknown fields are refused, with the nearest known one suggested."""

    fields: dict[str, Field] = field(default_factory=dict)
    rules: tuple[Callable[[dict, tuple, Context], bool], ...] = ()  # checks across fields, once each is valid

    type_name = "a mapping"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not isinstance(value, dict):
            return self.wrong_type(value, where, ctx)
        ok = True
        for name, given in value.items():
            spec = self.fields.get(name)
            if spec is None:
                hint, close = did_you_mean(name, self.fields, "known fields")
                example = self.fields[close].example_line(close) if close else ""
                ctx.error((*where, name), f"unknown field '{name}' ({hint})", example)
                ok = False
            elif given is None and not spec.required:
                continue
            elif not spec.check(given, (*where, name), ctx):
                ok = False
        for name, spec in self.fields.items():
            if spec.required and name not in value:
                ctx.error(where, f"missing required field '{name}'", spec.example_line(name))
                ok = False
        if ok:  # rules read several fields: only once each of them is valid
            ok = all([rule(value, where, ctx) for rule in self.rules])
        return ok

    def check_unique_ids(self, items: list, where: tuple, ctx: Context) -> bool:
        """The items of a list of records have each their own id (if records have one)."""
        if "id" not in self.fields:
            return True
        first: dict[str, str] = {}  # id -> its first use, file:line
        ok = True
        for i, item in enumerate(items):
            ident = item_id(item)
            if not isinstance(ident, str):
                continue
            here = (*where, i, "id")
            if check_new_id(ident, first.get(ident), here, ctx):
                first[ident] = ctx.place(here)
            else:
                ok = False
        return ok

    def skeleton(self, value: Any) -> Any:
        return {
            name: spec.skeleton(value[name])
            for name, spec in self.fields.items()
            if name in value and value[name] is not None and spec.skeleton(value[name]) is not None
        }

    def untranslated(self, mine: Any, theirs: Any, where: tuple) -> list[tuple]:
        if not (isinstance(mine, dict) and isinstance(theirs, dict)):
            return []
        return [
            w
            for name, spec in self.fields.items()
            for w in spec.untranslated(mine.get(name), theirs.get(name), (*where, name))
        ]

    def value_schema(self) -> dict:
        schema: dict[str, Any] = {"type": "object", "additionalProperties": False}
        required = [n for n, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        schema["properties"] = {
            n: f.json_schema() if f.required else _nullable(f.json_schema()) for n, f in self.fields.items()
        }
        return schema


def texts_of(spec: Field, value: Any, where: tuple = ()) -> Iterator[tuple[tuple, Text, str]]:
    """Every text of a value, walking its schema: (its place below ``where``, its field, the text), in the order
    of the fields. What is a text to translate, to check or to measure, each caller tells from the field."""
    if isinstance(spec, Text):
        if isinstance(value, str):
            yield where, spec, value
    elif isinstance(spec, Record) and isinstance(value, dict):
        for name, inner in spec.fields.items():
            if name in value:
                yield from texts_of(inner, value[name], (*where, name))
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts_of(spec.item, item, (*where, i))


def _nullable(schema: dict) -> dict:
    """An optional field may also be left empty (``titre_court:``): ``check`` skips it."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "type" in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _plain(value: Any) -> Any:
    """A YAML value as JSON holds it: a date becomes its text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@dataclass
class Link(Text):
    """An address: a web address (``kind="url"``) or a DOI (``kind="doi"``), checked as what it is, never free
    text printed into a link."""

    kind: str = "url"
    translate: bool = False

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return "a DOI" if self.kind == "doi" else "a web address"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not super().check(value, where, ctx):
            return False
        if self.kind == "doi":
            if links.doi(value) is None:
                ctx.error(where, f"expected a DOI (10.xxxx/…), got {quoted(value)}", self.example_line(str(where[-1])))
                return False
            return True
        problem = links.web_address(value.strip())
        if problem:
            ctx.error(where, f"{problem}, got {quoted(value)}", self.example_line(str(where[-1])))
        return problem is None

    def pattern(self) -> str:
        if self.kind == "doi":
            return r"^\s*(?:(?:[hH][tT][tT][pP][sS]?://(?:dx\.)?doi\.org/|doi:\s*))?10\.\d{4,9}/\S+\s*$"
        return r"^\s*[hH][tT][tT][pP][sS]?://[^\s\"'<>`\\{}|^/?#]+[^\s\"'<>`\\{}|^]*\s*$"

    def value_schema(self) -> dict:
        schema = super().value_schema()
        schema["patternErrorMessage"] = (
            "Not a DOI (example: 10.7202/1095938ar)."
            if self.kind == "doi"
            else "Not a web address (example: https://doi.org/10.7202/1095938ar)."
        )
        return schema


STAMP_PATTERN = re.compile(r"^[a-z]{2}:[0-9a-f]{8} [a-z]{2}:[0-9a-f]{8}$")


@dataclass
class Stamp(Text):
    """Which version of the source text a translation follows: ``fr:<hash> en:<hash>``, the hashes of both
    languages' texts when the translation was last brought up to date. Written by the status command."""

    def check(self, value: object, where: tuple, ctx: Context) -> bool:
        if isinstance(value, str) and STAMP_PATTERN.match(value):
            return True
        ctx.error(
            where, "is not a translation stamp: let `make status` write it", 'traduction: "fr:1a2b3c4d en:5e6f7a8b"'
        )
        return False

    def value_schema(self) -> dict:
        return {
            "type": "string",
            "pattern": STAMP_PATTERN.pattern,
            "patternErrorMessage": "Not a translation stamp: let `make status` write it.",
        }


WORDING_FLAGS = re.IGNORECASE  # a wording is found whatever its case, a motif too
_MOTIF_REFUSED = re.compile(r"\(\?P|\\[1-9]|\\g<")  # named groups and back references: motifs are joined in one


def wording_key(text: str) -> str:
    """A plain wording as two of them are told the same: case, apostrophes (’ or ') and spaces aside."""
    return " ".join(text.replace("’", "'").split()).lower()


def wording_char(char: str) -> str:
    """What one character of a plain wording's key matches in a text: ' either apostrophe, a space any run of
    spaces or a line break (a Markdown paragraph breaks its lines anywhere)."""
    if char == "'":
        return "['’]"
    if char == " ":
        return r"\s+"
    return re.escape(char)


def whole_words(pattern: str) -> str:
    """``pattern`` found only as whole words: no letter or digit just before or after it."""
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def motif_problem(motif: str, example: str) -> str | None:
    """What is wrong with a motif (a regular expression of a termbase), or None: it compiles, as it is used (whole
    words, whatever the case), matches no empty text, and matches its example."""
    if _MOTIF_REFUSED.search(motif):
        return "uses a named group or a back reference, which a motif cannot: write plain groups ( )"
    try:
        re.compile(motif, WORDING_FLAGS)
        compiled = re.compile(whole_words(motif), WORDING_FLAGS)
    except re.error as exc:
        if "global flags" in exc.msg:  # (?i) alone is fine, but not once the motif is joined to the others
            return "sets a flag for the whole expression, which a motif cannot: write (?i:…) or (?-i:…) around a part"
        at = f" at character {exc.pos + 1}" if exc.pos is not None else ""
        return f"is not a regular expression Python reads ({exc.msg}{at})"
    if compiled.match(""):
        return "matches an empty text, so it would be found everywhere"
    if not compiled.search(example):
        return f"does not match its exemple {quoted(example)} (as whole words, whatever the case)"
    return None


@dataclass
class Phrases(Field):
    """A list of wordings (a termbase's forms and variants): each a text, found as whole words whatever its case
    (’ and ' alike, any spaces between words), or ``{motif: <regular expression>, exemple: <a text it matches>}``
    for what no single text says (a date written one way)."""

    type_name = "a list of wordings"

    def check(self, value: Any, where: tuple, ctx: Context) -> bool:
        if not isinstance(value, list):
            return self.wrong_type(value, where, ctx)
        if not value:
            ctx.error(where, "needs at least 1 item(s)", self.example_line(str(where[-1])))
            return False
        return all([self._check_item(item, (*where, i), ctx) for i, item in enumerate(value)])

    def _check_item(self, item: Any, where: tuple, ctx: Context) -> bool:
        if isinstance(item, str):
            if not re.search(r"\w", item):
                ctx.error(where, f"{quoted(item)} has no letter or digit to be found as words", '"résidants"')
                return False
            return True
        example = '{motif: "\\\\d{1,2} (?:January|April) \\\\d{4}", exemple: "15 April 2021"}'
        if not isinstance(item, dict):
            ctx.error(where, f"expected a text or a mapping of motif and exemple, got {kind_of(item)}", example)
            return False
        ok = True
        for name in item:
            if name not in ("motif", "exemple"):
                hint, _ = did_you_mean(str(name), ("motif", "exemple"), "known fields")
                ctx.error((*where, name), f"unknown field '{name}' ({hint})", example)
                ok = False
        for name in ("motif", "exemple"):
            if not isinstance(item.get(name), str) or not item[name].strip():
                ctx.error(where if name not in item else (*where, name), f"needs a {name}: a text", example)
                ok = False
        if ok:
            problem = motif_problem(item["motif"], item["exemple"])
            if problem:
                ctx.error((*where, "motif"), f"{quoted(item['motif'], cut=False)} {problem}", example)
                ok = False
        return ok

    def value_schema(self) -> dict:
        text = {"type": "string", "minLength": 1, "pattern": r"\w"}
        motif = {
            "type": "object",
            "additionalProperties": False,
            "required": ["motif", "exemple"],
            "properties": {
                "motif": {"type": "string", "minLength": 1, "description": "A regular expression (Python's)."},
                "exemple": {"type": "string", "minLength": 1, "description": "A text the motif matches."},
            },
        }
        return {"type": "array", "minItems": 1, "items": {"anyOf": [text, motif]}}


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
