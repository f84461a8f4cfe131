"""Plain language where people act (readability.py): the formulas on texts counted by hand, the text as a reader
reads it, the setting of each language, a report that never fails a build, and the real content's pages."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
from mkdocs.config import load_config

from guide import pipeline, readability
from guide.__main__ import main
from guide.labels import load_strings
from guide.languages import Language, Readability
from guide.readability import FORMULAS, english_syllables, french_syllables, score, sentences
from guide.settings import Settings, SettingsError, read
from guide.validate import load_content
from sites import ROOT, build, content_set, fixture_content, make_project

FK, KM = FORMULAS["flesch-kincaid"], FORMULAS["kandel-moles"]
MISSED = r"; \d+ pages? miss(es)? it$"  # the end of a summary line when some page misses the target

# --- The formulas, on texts whose words, sentences and syllables are counted by hand ----------------------------


def test_flesch_kincaid_on_texts_counted_by_hand() -> None:
    # 9 words of one syllable in 2 sentences: 0.39 × 4.5 + 11.8 × 1 − 15.59 = −2.035
    assert score(FK, ["The cat sat on the mat. It was fat."]) == pytest.approx(-2.035)
    # part-ners a-gree on the prob-lem: 8 syllables, 5 words, 1 sentence: 0.39 × 5 + 11.8 × 1.6 − 15.59 = 5.24
    assert score(FK, ["Partners agree on the problem."]) == pytest.approx(5.24)
    # both together: 14 words, 17 syllables, 3 sentences
    assert score(FK, ["The cat sat on the mat. It was fat.", "Partners agree on the problem."]) == pytest.approx(
        0.39 * 14 / 3 + 11.8 * 17 / 14 - 15.59
    )


def test_kandel_moles_on_texts_counted_by_hand() -> None:
    # 5 words of one syllable in 2 sentences: 207 − 1.015 × 2.5 − 73.6 × 1 = 130.8625
    assert score(KM, ["Le chat dort. Il rêve."]) == pytest.approx(130.8625)
    # l'é-quipe é-coute les lo-ca-taires: 8 syllables, 4 words, 1 sentence: 207 − 1.015 × 4 − 73.6 × 2 = 55.74
    assert score(KM, ["L'équipe écoute les locataires."]) == pytest.approx(55.74)


def test_a_text_without_words_has_no_score() -> None:
    assert score(FK, ["[@parent-2022]", "[guide]"]) is None


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("table", 2), ("people", 2), ("makes", 1), ("places", 2), ("planned", 1), ("needed", 2), ("created", 3),
        ("association", 5), ("social", 2), ("community", 4), ("idea", 3), ("being", 2), ("beyond", 2),
        ("safely", 2), ("rely", 2), ("HLM", 3), ("OMHM", 4), ("hand-over", 3), ("organization's", 5), ("24", 2),
    ],
)  # fmt: skip
def test_english_syllables(word: str, count: int) -> None:
    assert english_syllables(word) == count


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("partenaires", 3), ("rôle", 1), ("le", 1), ("idée", 2), ("réunir", 3), ("créer", 2), ("quartier", 2),
        ("langue", 1), ("payer", 2), ("naïf", 2), ("situation", 4), ("association", 4), ("l'association", 4),
        ("aujourd'hui", 3), ("socio-économique", 6), ("intervenantes", 4), ("OMHM", 4), ("réseau", 2),
    ],
)  # fmt: skip
def test_french_syllables(word: str, count: int) -> None:
    assert french_syllables(word) == count


# --- Text as a reader reads it -------------------------------------------------------------------------------


def test_links_emphasis_citations_markers_and_blanks_are_read_as_a_reader_reads_them() -> None:
    text = "[guide] Voir le [comité de coordination](../outils/comite.md) **vite** [@parent-2022, p. 3]."
    assert sentences(text) == [["Voir", "le", "comité", "de", "coordination", "vite"]]
    assert sentences("La salle [[lieu]] est *ouverte* { #salle }.") == [["La", "salle", "est", "ouverte"]]
    assert sentences("Les <b>clés</b> : `code`, ![plan](plan.png) et https://example.org.") == [["Les", "clés", "et"]]


def test_each_list_item_heading_and_paragraph_is_a_sentence() -> None:
    text = "## Quoi faire\n\n- écrire le mandat ;\n- nommer qui anime\n  et qui remplace\n\n1. Un. Deux !\n\nFin"
    assert sentences(text) == [
        ["Quoi", "faire"],
        ["écrire", "le", "mandat"],
        ["nommer", "qui", "anime", "et", "qui", "remplace"],
        ["Un."],
        ["Deux"],
        ["Fin"],
    ]


def test_words_are_what_holds_a_letter_or_a_digit() -> None:
    assert sentences("Un réseau — en 2021 — « tient » .") == [["Un", "réseau", "en", "2021", "tient"]]
    assert readability.counts(["Un réseau — en 2021 — « tient »."], french_syllables).words == 5


# --- What is measured --------------------------------------------------------------------------------------------


def _measured(tmp_path: Path, content: dict) -> dict[str, dict[str, list[str]]]:
    trees = content_set(tmp_path, content)
    return {
        lang: {
            f"{key}/{ident}": readability.entry_texts(e)
            for key, found in tree.entries.items()
            for ident, e in found.items()
        }
        for lang, tree in trees.items()
    }


def test_what_people_act_on_is_measured_and_nothing_else(tmp_path: Path) -> None:
    measured = _measured(tmp_path, fixture_content())["fr"]
    assert measured["chapitres/reseau"] == ["Réunir les partenaires."]  # a step's pistes
    assert measured["ententes/salle"] == ["Qui utilise la salle."]  # an agreement's summary (and its description)
    assert measured["chapitres/apercu"] == []  # a chapter's description is not
    assert "glossaire/hlm" not in {k for k, v in measured.items() if v}  # nor a kind without pages
    role = next(e for e in fixture_content()["fr"]["guide.yaml"]["roles"])
    assert measured[f"roles/{role['id']}"] == role.get("pistes", [])


def test_any_kind_with_pistes_or_situations_is_picked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from guide.fields import Id, ListOf, Record, Refs, Text
    from guide.schema import KINDS, Kind
    from guide.validate import Entry

    record = Record(
        fields={
            "id": Id(),
            "titre": Text(),
            "resume": Text(),
            "situations": ListOf(item=Record(fields={"titre": Text(), "pistes": ListOf()})),
            "voir": Refs(target="roles", required=False),
            "pistes": ListOf(),
        }
    )
    monkeypatch.setitem(KINDS, "situations", Kind(key="situations", record=record))
    data = {
        "id": "s",
        "titre": "Une salle réservée deux fois",
        "resume": "Deux groupes arrivent en même temps.",
        "situations": [{"titre": "Le soir", "pistes": ["Appeler l'office."]}],
        "voir": ["intervention-de-milieu"],
        "pistes": ["Tenir un calendrier."],
    }
    entry = Entry("situations", "s", data, doc=None, where=("situations", 0, "id"))  # type: ignore[arg-type]
    assert readability.entry_texts(entry) == [
        "Une salle réservée deux fois",
        "Deux groupes arrivent en même temps.",
        "Le soir",
        "Appeler l'office.",
        "Tenir un calendrier.",
    ]


# --- Each language's setting -------------------------------------------------------------------------------------

GOOD = {
    "content": {"fr": "fr", "en": "en"},
    "languages": {
        "fr": {"locale": "fr_CA", "typography": "fr", "readability": {"formula": "kandel-moles", "target": 70}},
        "en": {"locale": "en_CA"},
    },
}


def _settings(guide: dict, root: Path) -> Settings:
    config = root / "mkdocs.yml"
    found = read(guide, config)
    languages = {
        code: Language(
            code,
            found.languages[code].locale,
            found.languages[code].typography,
            Readability(found.languages[code].readability.formula, found.languages[code].readability.target)
            if found.languages[code].readability
            else None,
        )
        for code in found.content
    }
    return Settings(
        root, {c: root / f for c, f in found.content.items()}, ROOT / "gabarits", root / "docs", None, languages
    )


def test_the_project_declares_a_formula_and_a_target_per_language() -> None:
    settings = Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml")))
    assert settings.language("fr").readability == Readability("kandel-moles", 70)
    assert settings.language("en").readability == Readability("flesch-kincaid", 8)


def test_a_language_without_the_setting_is_not_measured(tmp_path: Path) -> None:
    trees = content_set(tmp_path, fixture_content())
    settings = _settings(GOOD, tmp_path)
    assert settings.language("en").readability is None
    strings = load_strings(ROOT / "gabarits", ["fr", "en"])
    assert set(readability.pages(settings, trees, strings)) == {"fr"}
    lines = readability.report(settings, trees, strings)
    assert lines[0].startswith("readability fr: Kandel–Moles reading ease, target 70 or more: 2 pages, median")
    assert not [line for line in lines if line.startswith("readability en")]
    none = {**GOOD, "languages": {**GOOD["languages"], "fr": {"locale": "fr_CA"}}}
    assert readability.report(_settings(none, tmp_path), trees, strings) == []


@pytest.mark.parametrize(
    ("readability_setting", "message"),
    [
        ({"formula": "flesch", "target": 8}, ".readability.formula: 'flesch' is not a readability formula the guide "
         "knows: flesch-kincaid, kandel-moles (example: formula: flesch-kincaid)"),
        ({"formula": "flesch-kincaid", "target": "eight"}, ".readability.target: expected a number, got 'eight' "
         "(example: target: 8)"),
        ({"formula": "flesch-kincaid", "target": 80}, ".readability.target: a target for flesch-kincaid is a number "
         "from 1 to 18, got 80 (example: target: 8)"),
        ({"formula": "kandel-moles", "target": True}, ".readability.target: a target for kandel-moles is a number "
         "from 0 to 100, got true/false (example: target: 70)"),
        ({"formula": "kandel-moles"}, ".readability.target: expected a number, got nothing (example: target: 8)"),
        ({"formula": "kandel-moles", "target": 70, "cible": 70}, ".readability: unknown setting 'cible' "
         "(known: formula, target)"),
        ("yes", ".readability: expected a mapping of formula and target, got 'yes' "
         "(example: readability: {formula: flesch-kincaid, target: 8})"),
    ],
)  # fmt: skip
def test_a_wrong_setting_is_an_error_at_its_place(readability_setting: object, message: str) -> None:
    guide = {**GOOD, "languages": {**GOOD["languages"], "en": {"locale": "en_CA", "readability": readability_setting}}}
    with pytest.raises(SettingsError) as raised:
        read(guide, Path("mkdocs.yml"))
    assert raised.value.messages == [f"mkdocs.yml: extra.guide.languages.en{message}"]


# --- The report: a notice, never a failure -----------------------------------------------------------------------


def test_the_report_names_each_page_over_the_target_with_its_score(tmp_path: Path) -> None:
    trees = content_set(tmp_path, fixture_content())
    settings = _settings(GOOD, tmp_path)
    strings = load_strings(ROOT / "gabarits", ["fr", "en"])
    scored = readability.pages(settings, trees, strings)["fr"]
    hard = readability.over(settings, {"fr": scored})["fr"]
    assert hard and all(page.score < 70 for page in hard)
    lines = readability.report(settings, trees, strings)
    median = statistics.median(page.score for page in scored)
    assert (
        f"median {readability._number(median)}, worst {readability._number(min(p.score for p in scored))}" in lines[0]
    )
    assert lines[0].endswith(f"{len(hard)} page misses it" if len(hard) == 1 else f"{len(hard)} pages miss it")
    assert lines[1:] == [
        f"  {page.place}: {page.name}: {readability._number(page.score)} (target 70 or more)" for page in hard
    ]
    assert lines[1].startswith("  fr/guide.yaml:")


def test_make_check_prints_the_report_and_passes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    config = make_project(tmp_path)  # its French chapter reads harder than the target
    assert main(["check", "--config-file", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "content OK"
    assert any(line.startswith("readability fr:") and re.search(MISSED, line) for line in out)
    assert any(": chapitres/reseau: " in line for line in out)


def test_the_generation_carries_the_report(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    settings = Settings.from_mkdocs(load_config(str(config)))
    assert pipeline.check(settings) == pipeline.generate(settings, report=True).readability
    assert pipeline.generate(settings, report=True).readability[0].startswith("readability fr:")
    assert pipeline.generate(settings).readability == []  # a build measures nothing: make site prints the report


@pytest.mark.build
def test_make_site_prints_the_report_and_builds(tmp_path: Path) -> None:
    """`make site` builds with --strict: the report is no MkDocs warning, a page over the target stops nothing."""
    config = make_project(tmp_path)
    result = build(config)
    assert result.returncode == 0, result.stderr
    assert re.search(MISSED, result.stdout, re.MULTILINE)
    assert "readability" not in result.stderr


# --- The real content -------------------------------------------------------------------------------------------


def test_the_real_content_meets_its_targets() -> None:
    settings = Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml")))
    trees = load_content(settings.content, settings.root)
    strings = load_strings(settings.templates, settings.languages)
    measured = readability.pages(settings, trees, strings)
    assert set(measured) == {"fr", "en"} and all(len(pages) > 20 for pages in measured.values())
    hard = readability.over(settings, measured)
    assert hard == {"fr": [], "en": []}, readability.report(settings, trees, strings)
