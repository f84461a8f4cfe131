"""The generator's settings, ``extra.guide`` in mkdocs.yml, declared as MkDocs and Material declare theirs (``Config``
classes of ``config_options``) and checked by MkDocs' own validation. What is wrong is said as a content error is:
the file, the setting, what was found and an example, every problem at once."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .errors import kind_of, quoted
from .languages import (
    RULES,
    Language,
    LanguageError,
    Readability,
    check_declared,
    check_formula,
    check_locale,
    check_target,
    check_typography,
)
from .readability import FORMULAS

T = TypeVar("T")


class SettingsError(ValueError):
    """Every wrong setting, one a line: ``mkdocs.yml: extra.guide.languages.en.locale: … (example: …)``."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


class PlacedError(ValidationError):
    """What is wrong in a setting, each problem at its place below it (``""``, ``.en``, ``.en.locale``), in the
    editor's words."""

    def __init__(self, found: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for _, message in found))
        self.found = found

    @classmethod
    def one(cls, message: str) -> PlacedError:
        return cls([("", message)])

    @staticmethod
    def under(place: str, error: ValidationError) -> list[tuple[str, str]]:
        """The problems of ``error``, placed below ``place``."""
        found = error.found if isinstance(error, PlacedError) else [("", str(error))]
        return [(place + where, message) for where, message in found]


def _shown(value: object) -> str:
    """What was found, in a message: a text in quotes, otherwise what it is."""
    if isinstance(value, (dict, list)) and not value:
        return f"an empty {'mapping' if isinstance(value, dict) else 'list'}"
    return quoted(value, cut=False)


class Explained(c.BaseConfigOption[T]):
    """A MkDocs option whose failure an editor reads in the guide's words (what was expected, what was found, an
    example), with ``check``, a check of the guide's own that says itself what is wrong (languages.py's)."""

    def __init__(
        self,
        option: c.BaseConfigOption[T],
        expected: str,
        example: str,
        check: Callable[[Any], None] | None = None,
        default: object = ...,  # the option's own, unless given (None: it may be left out, wrapped in c.Optional)
    ) -> None:
        super().__init__()
        self.option, self.expected, self.example, self.check = option, expected, example, check
        self.default = option.default if default is ... else default

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self.option.pre_validation(config, key_name)

    def run_validation(self, value: object) -> T:
        try:
            if value is None and self.default is None:
                raise ValidationError("required")
            valid = self.option.validate(value)
        except PlacedError:
            raise
        except ValidationError:
            if isinstance(value, str):
                self._check(value)  # its own words when it has some: "'oqlf' is not writing rules the guide knows"
            raise PlacedError.one(f"expected {self.expected}, got {_shown(value)} (example: {self.example})") from None
        self._check(valid)
        return valid

    def _check(self, value: Any) -> None:
        if self.check is not None:
            try:
                self.check(value)
            except LanguageError as exc:
                raise PlacedError.one(str(exc)) from None


class Declared(base.Config):
    """A Config that reports every wrong option, where MkDocs' stops at the first, and an unknown one as an error,
    where MkDocs' warns: an editor fixes them all in one go."""

    def _validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed: base.ConfigErrors = []
        for key, option in self._schema:
            try:
                self[key] = option.validate(self.get(key))
            except ValidationError as exc:
                failed.append((key, exc))
        known = ", ".join(key for key, _ in self._schema)
        for key in sorted(set(self) - self._schema_keys, key=str):
            failed.append(("", PlacedError.one(f"unknown setting '{key}' (known: {known})")))
        return failed, []

    def problems(self) -> list[tuple[str, str]]:
        """Every problem, in the order the options are declared, unknown settings last."""
        failed, _ = self.validate()
        order = {key: i for i, (key, _) in enumerate(self._schema)}
        failed.sort(key=lambda found: order.get(found[0], len(order)))
        return [found for key, exc in failed for found in PlacedError.under(f".{key}" if key else "", exc)]


class Group(c.SubConfig):
    """Settings grouped under one name, declared by a Declared config (``languages.fr``): every problem reported,
    each at its place, where MkDocs' SubConfig reports the first."""

    def __init__(self, config_class: type[Declared]) -> None:
        super().__init__(config_class)
        self.config_class = config_class

    def run_validation(self, value: object) -> Declared:
        if not isinstance(value, dict):
            raise ValidationError("not a mapping")
        config = self.config_class(config_file_path=self._config_file_path)
        config.load_dict(value)
        found = config.problems()
        if found:
            raise PlacedError(found)
        return config


class Each(c.DictOfItems[T]):
    """A mapping of each language to its setting (``content``, ``languages``), with one entry at least: every entry
    checked, each problem at its place, where MkDocs' DictOfItems stops at the first and does not say which."""

    def run_validation(self, value: object) -> dict[str, T]:
        if not isinstance(value, dict) or not value:
            raise ValidationError("not a mapping with entries")
        found: list[tuple[str, str]] = []
        valid: dict[str, T] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                found.append(("", f"expected a language code, got {kind_of(key)} (example: fr, or 'no' in quotes)"))
                continue
            try:
                valid[key] = self.option_type.validate(item)
            except ValidationError as exc:
                found += PlacedError.under(f".{key}", exc)
        if found:
            raise PlacedError(found)
        return valid


class ReadabilityConfig(Declared):
    """``extra.guide.languages.<code>.readability``: the formula that measures the texts where people act, and the
    score they aim at (readability.py)."""

    formula = Explained(
        c.Choice(tuple(FORMULAS)), "the name of a readability formula", "formula: flesch-kincaid", check=check_formula
    )
    target = Explained(c.Type((int, float)), "a number", "target: 8")

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Each option on its own, then the target on its formula's scale."""
        failed, warnings = super().validate()
        if not {key for key, _ in failed} & {"formula", "target"}:
            try:
                check_target(self.formula, self.target)
            except LanguageError as exc:
                failed.append(("target", PlacedError.one(str(exc))))
        return failed, warnings


class LanguageConfig(Declared):
    """``extra.guide.languages.<code>``: what a language means to the guide (see languages.py)."""

    locale = Explained(c.Type(str), "a locale", "locale: en_CA", check=check_locale)
    typography = Explained(
        c.Choice(tuple(RULES), default=""), "the name of writing rules", "typography: fr", check=check_typography
    )
    readability = c.Optional(  # left out: the language's texts are not measured
        Explained(
            Group(ReadabilityConfig),
            "a mapping of formula and target",
            "readability: {formula: flesch-kincaid, target: 8}",
            default=None,
        )
    )


class GuideConfig(Declared):
    """``extra.guide``: where the content, the templates and the citation are, and what each language means."""

    content = Explained(  # the first language is the default
        Each(Explained(c.Type(str), "a folder", "fr: fr")),
        "a mapping of each language to its folder",
        "content: {fr: fr, en: en}",
    )
    templates = Explained(c.Type(str, default="gabarits"), "a folder", "templates: gabarits")
    citation = c.Optional(Explained(c.Type(str), "a file", "citation: CITATION.cff"))
    languages = Explained(
        Each(Explained(Group(LanguageConfig), "a mapping of locale and typography", "en: {locale: en_CA}")),
        "a mapping of each language to its locale",
        "languages: {fr: {locale: fr_CA, typography: fr}, en: {locale: en_CA}}",
    )
    bilingual = c.Optional(Explained(c.ListOfItems(c.Type(str)), "a list of pairs of languages", "bilingual: [fr-en]"))

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Each option on its own, then what takes several: the content's languages are declared, the bilingual
        pairs are two of them (checked whatever else is wrong, as long as the content's languages are known)."""
        failed, warnings = super().validate()
        wrong = {key for key, _ in failed}
        if "content" in wrong:
            return failed, warnings
        codes = list(self.content)
        declared = self.get("languages")  # as written, when one of its languages is wrong
        if isinstance(declared, dict) and declared:
            for code in codes:
                try:
                    check_declared(code, declared)
                except LanguageError as exc:
                    failed.append(("languages", PlacedError.one(str(exc))))
        for pair in [] if "bilingual" in wrong else self.bilingual or []:
            if _pair(pair, codes) is None:
                problem = (
                    f"'{pair}' is not two languages of the guide ({', '.join(codes)}) joined by a hyphen "
                    f"(example: bilingual: [{'-'.join(codes[:2])}])"
                )
                failed.append(("bilingual", PlacedError.one(problem)))
        return failed, warnings


def _pair(pair: str, codes: list[str]) -> tuple[str, str] | None:
    langs = tuple(pair.split("-"))
    if len(langs) != 2 or langs[0] == langs[1] or not set(langs) <= set(codes):
        return None
    return langs[0], langs[1]


GUIDE = Explained(
    Group(GuideConfig),
    "the guide's settings",
    "guide: {content: {fr: fr, en: en}, languages: {fr: {locale: fr_CA}, en: {locale: en_CA}}}",
)


def read(found: object, config_file: Path) -> GuideConfig:
    """``extra.guide`` as found in ``config_file``, checked, or SettingsError with every problem."""
    try:
        return GUIDE.validate(found)
    except ValidationError as exc:
        lines = [f"{config_file.name}: extra.guide{where}: {message}" for where, message in PlacedError.under("", exc)]
        raise SettingsError(lines) from None


@dataclass(frozen=True)
class Settings:
    root: Path  # the folder of mkdocs.yml
    content: dict[str, Path]  # language -> YAML folder; the first language is the default
    templates: Path
    docs_dir: Path
    citation: Path | None = None  # CITATION.cff: how to cite the guide, printed on the References page
    language_data: dict[str, Language] = field(default_factory=dict)  # code -> its locale and writing rules
    bilingual: tuple[tuple[str, str], ...] = ()  # the pairs of languages printed side by side

    def language(self, code: str) -> Language:
        return self.language_data[code]

    @property
    def languages(self) -> list[str]:
        return list(self.content)

    @property
    def cache_dir(self) -> Path:
        """Where rendered agreement files are kept between builds (GUIDE_CACHE, to share one between projects)."""
        return Path(os.environ.get("GUIDE_CACHE") or self.root / ".cache" / "guide")

    @property
    def cache_is_own(self) -> bool:
        """A project's own cache keeps only the files of its last build; a shared one keeps everything."""
        return not os.environ.get("GUIDE_CACHE")

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @classmethod
    def from_mkdocs(cls, config: Any) -> Settings:
        """``config`` is MkDocs' loaded config; its ``extra.guide`` is read as GuideConfig declares it."""
        config_file = Path(config.config_file_path).resolve()
        guide = read((config.extra or {}).get("guide"), config_file)
        root = config_file.parent
        content = {code: root / folder for code, folder in guide.content.items()}
        codes = list(content)
        languages = {code: _language(code, guide.languages[code]) for code in codes}
        if guide.bilingual is None:  # by default, the first two languages
            pairs = ((codes[0], codes[1]),) if len(codes) > 1 else ()
        else:
            pairs = tuple(p for p in (_pair(pair, codes) for pair in guide.bilingual) if p)
        citation = root / guide.citation if guide.citation else None
        return cls(root, content, root / guide.templates, Path(config.docs_dir), citation, languages, pairs)


def _language(code: str, declared: LanguageConfig) -> Language:
    measured = declared.readability
    readability = Readability(measured.formula, measured.target) if measured is not None else None
    return Language(code, declared.locale, declared.typography, readability)
