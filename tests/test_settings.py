"""``extra.guide`` in mkdocs.yml, declared as a MkDocs Config: what it gives the generator, and every message an
editor gets for a wrong setting, word for word and all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from guide.languages import Language, Readability
from guide.settings import GuideConfig, Settings, SettingsError, read
from sites import ROOT

GOOD = {
    "content": {"fr": "fr", "en": "en"},
    "languages": {"fr": {"locale": "fr_CA", "typography": "fr"}, "en": {"locale": "en_CA"}},
}


def errors(guide: object) -> list[str]:
    with pytest.raises(SettingsError) as raised:
        read(guide, Path("mkdocs.yml"))
    assert str(raised.value) == "\n".join(raised.value.messages)
    return raised.value.messages


def test_the_project_settings() -> None:
    settings = Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml")))
    assert settings.content == {"fr": ROOT / "fr", "en": ROOT / "en"}
    assert settings.default_language == "fr"
    assert settings.templates == ROOT / "gabarits"
    assert settings.citation == ROOT / "CITATION.cff"
    assert settings.language_data == {
        "fr": Language("fr", "fr_CA", "fr", Readability("kandel-moles", 70)),
        "en": Language("en", "en_CA", readability=Readability("flesch-kincaid", 8)),
    }
    assert settings.bilingual == (("fr", "en"),)


def test_what_may_be_left_out() -> None:
    guide = read(GOOD, Path("mkdocs.yml"))
    assert isinstance(guide, GuideConfig)
    assert (guide.templates, guide.citation, guide.bilingual) == ("gabarits", None, None)
    assert guide.languages["en"].typography == ""  # no writing rules of its own
    written_empty = read({**GOOD, "templates": None, "citation": None, "bilingual": []}, Path("mkdocs.yml"))
    assert (written_empty.templates, written_empty.citation, written_empty.bilingual) == ("gabarits", None, [])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (None, "extra.guide: expected the guide's settings, got nothing (example: guide: {content: {fr: fr, en: en}, "
         "languages: {fr: {locale: fr_CA}, en: {locale: en_CA}}})"),
        ({"content": None}, "extra.guide.content: expected a mapping of each language to its folder, got nothing "
         "(example: content: {fr: fr, en: en})"),
        ({"content": {}}, "extra.guide.content: expected a mapping of each language to its folder, got an empty "
         "mapping (example: content: {fr: fr, en: en})"),
        ({"content": {"fr": "fr", "en": 2}}, "extra.guide.content.en: expected a folder, got a number "
         "(example: fr: fr)"),
        ({"content": {"fr": "fr", False: "en"}}, "extra.guide.content: expected a language code, got true/false "
         "(example: fr, or 'no' in quotes)"),
        ({"templates": ["gabarits"]}, "extra.guide.templates: expected a folder, got a list "
         "(example: templates: gabarits)"),
        ({"citation": 2026}, "extra.guide.citation: expected a file, got a number (example: citation: CITATION.cff)"),
        ({"languages": "fr_CA"}, "extra.guide.languages: expected a mapping of each language to its locale, got "
         "'fr_CA' (example: languages: {fr: {locale: fr_CA, typography: fr}, en: {locale: en_CA}})"),
        ({"languages": {"fr": {"locale": "fr_CA"}}}, "extra.guide.languages: 'en' is a content language with no "
         "locale declared (example: en: {locale: …})"),
        ({"languages": {"fr": {"locale": "fr_CA"}, "en": "en_CA"}}, "extra.guide.languages.en: expected a mapping "
         "of locale and typography, got 'en_CA' (example: en: {locale: en_CA})"),
        ({"languages": {"fr": {"locale": "fr_CA"}, "en": {}}}, "extra.guide.languages.en.locale: expected a locale, "
         "got nothing (example: locale: en_CA)"),
        ({"languages": {"fr": {"locale": "fr_CA"}, "en": {"locale": "xx_YY"}}}, "extra.guide.languages.en.locale: "
         "'xx_YY' is not a locale Babel knows (example: locale: fr_CA, en_CA or es_ES)"),
        ({"languages": {"fr": {"locale": "fr_CA", "typography": "oqlf"}, "en": {"locale": "en_CA"}}},
         "extra.guide.languages.fr.typography: 'oqlf' is not writing rules the guide knows: fr, or none "
         "(example: typography: fr)"),
        ({"languages": {"fr": {"locale": "fr_CA", "typography": ["fr"]}, "en": {"locale": "en_CA"}}},
         "extra.guide.languages.fr.typography: expected the name of writing rules, got a list "
         "(example: typography: fr)"),
        ({"languages": {"fr": {"locale": "fr_CA", "locales": "x"}, "en": {"locale": "en_CA"}}},
         "extra.guide.languages.fr: unknown setting 'locales' (known: locale, typography, readability)"),
        ({"bilingual": "fr-en"}, "extra.guide.bilingual: expected a list of pairs of languages, got 'fr-en' "
         "(example: bilingual: [fr-en])"),
        ({"bilingual": ["fr-es"]}, "extra.guide.bilingual: 'fr-es' is not two languages of the guide (fr, en) "
         "joined by a hyphen (example: bilingual: [fr-en])"),
        ({"bilingual": ["fr-fr"]}, "extra.guide.bilingual: 'fr-fr' is not two languages of the guide (fr, en) "
         "joined by a hyphen (example: bilingual: [fr-en])"),
        ({"bilingal": ["fr-en"]}, "extra.guide: unknown setting 'bilingal' (known: content, templates, citation, "
         "languages, bilingual)"),
    ],
)  # fmt: skip
def test_each_wrong_setting_is_told_with_its_place_and_an_example(change: dict | None, message: str) -> None:
    assert errors(None if change is None else {**GOOD, **change}) == [f"mkdocs.yml: {message}"]


def test_every_wrong_setting_is_told_at_once() -> None:
    guide = {
        "content": {"fr": "fr", "en": "en"},
        "templates": 1,
        "languages": {"fr": {"locale": "xx_YY", "typography": "oqlf"}},
        "bilingual": ["fr-es"],
        "autre": True,
    }
    assert errors(guide) == [
        "mkdocs.yml: extra.guide.templates: expected a folder, got a number (example: templates: gabarits)",
        "mkdocs.yml: extra.guide.languages.fr.locale: 'xx_YY' is not a locale Babel knows "
        "(example: locale: fr_CA, en_CA or es_ES)",
        "mkdocs.yml: extra.guide.languages.fr.typography: 'oqlf' is not writing rules the guide knows: fr, or none "
        "(example: typography: fr)",
        # what takes several settings is checked too, as long as the content's languages are known
        "mkdocs.yml: extra.guide.languages: 'en' is a content language with no locale declared "
        "(example: en: {locale: …})",
        "mkdocs.yml: extra.guide.bilingual: 'fr-es' is not two languages of the guide (fr, en) joined by a hyphen "
        "(example: bilingual: [fr-en])",
        "mkdocs.yml: extra.guide: unknown setting 'autre' (known: content, templates, citation, languages, bilingual)",
    ]


def test_the_message_names_the_config_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as raised:
        read({}, tmp_path / "autre.yml")
    assert raised.value.messages[0].startswith("autre.yml: extra.guide.content: ")
