"""Languages are data: each is declared in mkdocs.yml (its Babel locale, its writing rules), and a third one
builds, agreements included, with no code change."""

from __future__ import annotations

import copy
import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from guide.languages import Language, LanguageError
from guide.settings import Settings, SettingsError, read
from sites import FIXTURES, ROOT, build, make_project

FR, EN, ES = Language("fr", "fr_CA", "fr"), Language("en", "en_CA"), Language("es", "es_ES")


@pytest.mark.parametrize(
    ("language", "date", "written"),
    [
        (FR, datetime.date(2027, 1, 1), "1er janvier 2027"),
        (FR, datetime.date(2027, 3, 15), "15 mars 2027"),
        (FR, datetime.date(2027, 3, 11), "11 mars 2027"),  # only the first day gets "er", not 11 or 21
        (EN, datetime.date(2027, 1, 1), "January 1, 2027"),
        (ES, datetime.date(2027, 1, 1), "1 de enero de 2027"),
    ],
)
def test_dates_are_spelt_out_in_each_language(language: Language, date: datetime.date, written: str) -> None:
    assert language.date(date) == written


def test_numbers_sizes_colons_and_tags_come_from_the_declaration() -> None:
    assert [FR.number(2000000), EN.number(2000000), ES.number(2000000)] == [
        "2\u00a0000\u00a0000",
        "2,000,000",
        "2.000.000",
    ]
    assert [FR.number(1234.5), EN.number(1234.5)] == ["1\u00a0234,5", "1,234.5"]
    assert [FR.size(85_200), FR.size(1_230_000), EN.size(85_200), EN.size(1_230_000)] == [
        "85\u00a0ko",
        "1,2\u00a0Mo",
        "85\u00a0kB",
        "1.2\u00a0MB",
    ]
    assert [FR.colon, EN.colon, ES.colon] == ["\u00a0:", ":", ":"]
    assert [FR.tag, EN.tag, ES.tag] == ["fr-CA", "en-CA", "es-ES"]
    assert FR.typeset("« Oui » : non ; l'été") == "«\u00a0Oui\u00a0»\u00a0: non\u202f; l’été"
    assert EN.typeset("'Yes' : no") == "'Yes' : no"


@pytest.mark.parametrize(
    ("found", "message"),
    [
        (
            None,
            "languages: expected a mapping of each language to its locale, got nothing "
            "(example: languages: {fr: {locale: fr_CA, typography: fr}, en: {locale: en_CA}})",
        ),
        (
            {"fr": {"locale": "fr_CA"}},
            "languages: 'en' is a content language with no locale declared (example: en: {locale: …})",
        ),
        (
            {"fr": {"locale": "fr_CA"}, "en": {"locale": "xx_YY"}},
            "languages.en.locale: 'xx_YY' is not a locale Babel knows (example: locale: fr_CA, en_CA or es_ES)",
        ),
        (
            {"fr": {"locale": "fr_CA", "typography": "oqlf"}, "en": {"locale": "en_CA"}},
            "languages.fr.typography: 'oqlf' is not writing rules the guide knows: fr, or none "
            "(example: typography: fr)",
        ),
        (
            {"fr": {"locale": "fr_CA", "locales": 1}, "en": {"locale": "en_CA"}},
            "languages.fr: unknown setting 'locales' (known: locale, typography, readability)",
        ),
    ],
)
def test_an_unknown_or_incomplete_language_is_an_error(found: object, message: str) -> None:
    with pytest.raises(SettingsError) as raised:
        read({"content": {"fr": "fr", "en": "en"}, "languages": found}, Path("mkdocs.yml"))
    assert str(raised.value) == f"mkdocs.yml: extra.guide.{message}"


def test_a_language_made_in_code_is_checked_too() -> None:
    with pytest.raises(LanguageError, match="'xx_YY' is not a locale Babel knows"):
        Language("xx", "xx_YY")
    with pytest.raises(LanguageError, match="'oqlf' is not writing rules the guide knows"):
        Language("fr", "fr_CA", "oqlf")


def test_settings_name_the_declaration_and_the_bilingual_pairs(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["extra"]["guide"]["languages"].pop("en")
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        Settings.from_mkdocs(load_config(str(config)))
    assert str(raised.value) == (
        "mkdocs.yml: extra.guide.languages: 'en' is a content language with no locale declared "
        "(example: en: {locale: …})"
    )
    result = subprocess.run(
        [sys.executable, "-m", "guide", "check", "--config-file", str(config)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1 and "'en' is a content language with no locale declared" in result.stderr
    assert "Traceback" not in result.stderr
    data["extra"]["guide"]["languages"]["en"] = {"locale": "en_CA"}
    data["extra"]["guide"]["bilingual"] = ["fr-es"]
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        Settings.from_mkdocs(load_config(str(config)))
    assert "'fr-es' is not two languages of the guide (fr, en) joined by a hyphen" in str(raised.value)


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small content set in French, English and Spanish: the Spanish content, its home page, its locale in
    extra.guide.languages, its i18n entry and its interface strings; no code change. (The Spanish interface
    strings are the English ones: what is tested is what the code does with a language, not a translation.)"""
    config = make_project(tmp_path_factory.mktemp("trilingue"))
    project = config.parent
    shutil.copytree(FIXTURES / "trilingue", project, dirs_exist_ok=True)
    shutil.copytree(ROOT / "gabarits", project / "gabarits", ignore=shutil.ignore_patterns("theme"))
    strings_file = project / "gabarits" / "libelles.yaml"
    strings = yaml.safe_load(strings_file.read_text(encoding="utf-8"))
    strings["es"] = copy.deepcopy(strings["en"])
    for lang, name in (("fr", "espagnol"), ("en", "Spanish"), ("es", "español")):  # its name in each language
        strings[lang]["entente"]["fichiers"]["es"] = name
    strings_file.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    guide = data["extra"]["guide"]
    guide["templates"] = "gabarits"
    guide["content"]["es"] = "es"
    guide["languages"]["es"] = {"locale": "es_ES"}
    data["watch"] = [w for w in data["watch"] if not w.endswith("gabarits")] + ["gabarits"]
    i18n = data["plugins"][1]["i18n"]
    i18n["languages"].append({"locale": "es", "name": "Español", "build": True, "site_name": "Intervención"})
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(config)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.build
def test_three_languages_build_with_their_agreements(trilingual: Path) -> None:
    site = trilingual / "site"
    page = (site / "es" / "roles" / "intervenante" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in page and "Interventora en el medio" in page
    assert "Está presente «todos los días»." in page  # no French typography in Spanish
    files = sorted(p.name for p in (site / "ententes" / "fichiers").iterdir())  # one set, for every language
    assert not (site / "es" / "ententes" / "fichiers").exists()
    expected = [f"entente-salle-{v}.pdf" for v in ("fr", "en", "es", "fr-en")]
    assert files == sorted([*expected, *(f"entente-salle-{v}.docx" for v in ("fr", "en", "es"))])
    agreement = (site / "es" / "ententes" / "salle" / "index.html").read_text(encoding="utf-8")
    assert "\u00a0kB)" in agreement and 'content: "Initials: ______' in agreement
    assert 'content: "Initiales\u00a0: ______' in (site / "ententes" / "salle" / "index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.build
@pytest.mark.parametrize(
    ("langue", "written"),
    [("fr", "1er janvier 2027"), ("en", "January 1, 2027"), ("es", "1 de enero de 2027")],
)
def test_a_prefilled_agreement_writes_its_date_in_its_language(trilingual: Path, langue: str, written: str) -> None:
    data = trilingual / f"reseau-{langue}.yaml"
    data.write_text(f"entente: salle\nlangue: {langue}\nformat: html\nchamps:\n  debut: 2027-01-01\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "guide", "agreement", str(data), "--config-file", str(trilingual / "mkdocs.yml")],
        cwd=trilingual,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    html = data.with_name(f"reseau-{langue}-{langue}.html").read_text(encoding="utf-8")
    assert written in html
