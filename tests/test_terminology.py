"""The termbase (``terminologie.yaml``): every text of a language is checked against its variants, each found at its
own line with the term to write; what a text quotes, codes or links to is left alone; the glossary takes its terms
from it; ``make status`` lists what is left; and the real content uses it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from guide import status, terminology
from guide.errors import ContentError, ErrorList, InvalidContentError
from guide.model import build_model
from guide.settings import Settings
from guide.validate import Tree, load_content
from sites import FIXTURES, ROOT, content_set, make_project
from synthetic import content_files

FR_TERMS = """
terminologie:
  - id: concertation
    terme: concertation
    variantes: [consultation]
    note: des partenaires qui agissent ensemble.
  - id: resident
    terme: résidente ou résident
    formes:
      - résidentes et résidents
    variantes: [résidants, résidents]
  - id: ccr
    terme: comité consultatif de résidants
  - id: date
    terme: 15 avril 2021
"""

DATE_MOTIF = """      - motif: '(?-i:\\d{1,2}\\s+(?:January|February|April),?\\s+\\d{4})'
        exemple: 15 April 2021
"""

EN_TERMS = (
    """
terminologie:
  - id: concertation
    terme: concertation
    variantes: [consultation structures, Québec City]
    note: partners who act together.
  - id: resident
    terme: resident
  - id: ccr
    terme: residents' advisory committee
  - id: date
    terme: April 15, 2021
    variantes:
"""
    + DATE_MOTIF
)


def project(tmp_path: Path, fr: str = FR_TERMS, en: str = EN_TERMS) -> Path:
    """The small fixture with a termbase in each language."""
    shutil.copytree(FIXTURES / "petit", tmp_path, dirs_exist_ok=True)
    for lang, terms in (("fr", fr), ("en", en)):
        path = tmp_path / lang / "guide.yaml"
        path.write_text(path.read_text(encoding="utf-8") + terms, encoding="utf-8")
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` (found once) in a file of the project; return the line where ``new`` starts."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def settings(root: Path) -> Settings:
    return Settings(root, {"fr": root / "fr", "en": root / "en"}, ROOT / "gabarits", root / "docs")


def found(root: Path, config: Settings | None = None) -> list[ContentError]:
    config = config or settings(root)
    return terminology.check(config, load_content(config.content, root))


def lines_of(root: Path, name: str, words: str) -> list[int]:
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    return [i + 1 for i, line in enumerate(lines) if words in line]


def line_of(root: Path, name: str, words: str) -> int:
    matching = lines_of(root, name, words)
    assert len(matching) == 1, (words, matching)
    return matching[0]


def test_a_variant_in_a_block_is_reported_at_its_own_line_with_the_term(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(
        root,
        "fr/guide.yaml",
        "    apports:\n      - Une écoute\n",
        "    description: |\n      Premier paragraphe.\n\n      - une liste ;\n      - puis des résidants du HLM.\n"
        "    apports:\n      - Une écoute\n",
    )
    [error] = found(root)
    assert (error.file, error.line, error.where) == (
        "fr/guide.yaml",
        line_of(root, "fr/guide.yaml", "des résidants"),
        "roles[1].description",
    )
    concept = line_of(root, "fr/guide.yaml", "  - id: resident")
    assert error.what == (
        f"'résidants' is a variant to avoid: the guide writes 'résidente ou résident' (fr/guide.yaml:{concept}, "
        "concept resident)"
    )


def test_a_variant_folded_over_two_lines_is_reported_where_it_starts(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(
        root,
        "en/guide.yaml",
        '    resume: She is there "every day".\n',
        "    resume: >-\n      She is there every day, and her\n      consultation\n      structures work.\n",
    )
    [error] = found(root)
    assert (error.file, error.line, error.where) == (
        "en/guide.yaml",
        line_of(root, "en/guide.yaml", "      consultation"),
        "roles[1].resume",
    )
    assert error.what.startswith("'consultation structures' is a variant to avoid: the guide writes 'concertation' (")
    assert error.what.endswith(", concept concertation: partners who act together.)")


def test_each_occurrence_of_a_variant_has_its_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(
        root,
        "fr/guide.yaml",
        "    apports:\n      - Une écoute\n",
        "    description: |\n      Des résidents.\n\n      D'autres résidents.\n    apports:\n      - Une écoute\n",
    )
    lines = [e.line for e in found(root)]
    assert lines == [line_of(root, "fr/guide.yaml", "Des résidents"), line_of(root, "fr/guide.yaml", "D'autres")]


@pytest.mark.parametrize(
    "text",
    [
        "« les résidants »",  # a quotation
        "“les résidants”",
        '"les résidants"',
        "`résidants`",  # code
        "[la page](https://example.org/résidants)",  # a link's address
        "https://example.org/résidants",
        "le comité consultatif de résidants",  # inside a concept's term
        "les résidentes et résidents",  # inside a form
        "RÉSIDANTES",  # not the variant: whole words only
        "la consultation",  # a French variant is not an English one: checked in the French file below
    ],
)
def test_what_a_text_quotes_codes_or_links_to_and_terms_are_left_alone(tmp_path: Path, text: str) -> None:
    root = project(tmp_path)
    edit(
        root,
        "fr/guide.yaml",
        "    resume: Il coordonne.\n",
        f"    resume: Il coordonne {text}.\n".replace("la consultation", "l'équipe"),
    )
    edit(root, "en/guide.yaml", "    resume: It coordinates.\n", f"    resume: It coordinates {text}.\n")
    assert found(root) == []


def test_case_and_apostrophes_do_not_hide_a_variant(tmp_path: Path) -> None:
    root = project(
        tmp_path, fr=FR_TERMS.replace("[résidants, résidents]", '[résidants, résidents, "table d\'intervenants"]')
    )
    edit(
        root,
        "fr/guide.yaml",
        "    resume: Il coordonne.\n",
        "    resume: Il coordonne la Table d’intervenants et les RÉSIDANTS.\n",
    )
    assert sorted(e.what.split(" is ")[0] for e in found(root)) == ["'RÉSIDANTS'", "'Table d’intervenants'"]


def test_a_reference_citation_and_the_termbase_itself_are_not_checked(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(
        root,
        "fr/guide.yaml",
        "    citation: Auteur, A. (2022). *Titre*.\n",
        "    citation: Auteur, A. (2022). *La consultation des résidants*.\n",
    )
    assert found(root) == []


def test_a_motif_finds_a_way_of_writing(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(
        root,
        "en/guide.yaml",
        "    resume: It coordinates.\n",
        "    resume: It met on 15 April 2021, on April 15, 2021, and in 2 May 2021.\n",
    )
    assert [e.what.split(" is ")[0] for e in found(root)] == ["'15 April 2021'"]


@pytest.mark.parametrize(
    ("motif", "exemple", "said"),
    [
        (
            "(January",
            "15 January 2021",
            "is not a regular expression Python reads (missing ), unterminated subpattern at character 1)",
        ),
        (
            "\\\\d+ April",
            "15 January 2021",
            "does not match its exemple '15 January 2021' (as whole words, whatever the case)",
        ),
        (
            "(?P<jour>\\\\d+) April",
            "15 April",
            "uses a named group or a back reference, which a motif cannot: write plain groups ( )",
        ),
        ("x*", "xx", "matches an empty text, so it would be found everywhere"),
        (
            "(?i)april",
            "april",
            "sets a flag for the whole expression, which a motif cannot: write (?i:…) or (?-i:…) around a part",
        ),
    ],
)
def test_a_motif_that_cannot_work_is_refused(tmp_path: Path, motif: str, exemple: str, said: str) -> None:
    terms = EN_TERMS.replace(DATE_MOTIF, f'      - {{motif: "{motif}", exemple: "{exemple}"}}\n')
    assert terms != EN_TERMS
    root = project(tmp_path, en=terms)
    with pytest.raises(InvalidContentError) as caught:
        load_content(settings(root).content, root)
    [error] = caught.value.errors
    assert (error.file, error.where) == ("en/guide.yaml", "terminologie[4].variantes[1].motif")
    assert error.what.endswith(said), error.what


@pytest.mark.parametrize(
    ("item", "where", "said"),
    [
        ('{motif: "x"}', "terminologie[1].variantes[2]", "needs a exemple: a text"),
        (
            '{motif: "x", exemple: "x", sens: "y"}',
            "terminologie[1].variantes[2].sens",
            "unknown field 'sens' (known fields: motif, exemple)",
        ),
        ('"…"', "terminologie[1].variantes[2]", "'…' has no letter or digit to be found as words"),
        (
            "[consultation]",
            "terminologie[1].variantes[2]",
            "expected a text or a mapping of motif and exemple, got a list",
        ),
    ],
)
def test_a_wording_that_is_neither_text_nor_motif_is_refused(tmp_path: Path, item: str, where: str, said: str) -> None:
    terms = FR_TERMS.replace("variantes: [consultation]", f"variantes: [consultation, {item}]")
    root = project(tmp_path, fr=terms)
    with pytest.raises(InvalidContentError) as caught:
        load_content(settings(root).content, root)
    [error] = caught.value.errors
    assert (error.file, error.where, error.what) == ("fr/guide.yaml", where, said)


def test_a_variant_that_could_never_be_reported_is_an_error(tmp_path: Path) -> None:
    terms = FR_TERMS.replace(
        "variantes: [consultation]", "variantes: [consultation, résidants, Comité consultatif de résidants]"
    )
    root = project(tmp_path, fr=terms)
    concertation = lines_of(root, "fr/guide.yaml", "  - id: concertation")[-1]
    assert [(e.where, e.what) for e in found(root)] == [
        (
            "terminologie[1].variantes[3]",
            "'Comité consultatif de résidants' is also a term or a form of the concept 'ccr': as a variant it would "
            "never be reported",
        ),
        (
            "terminologie[2].variantes[1]",
            f"'résidants' is already a variant of the concept 'concertation' (fr/guide.yaml:{concertation})",
        ),
    ]


def test_labels_and_hand_written_pages_are_checked_generated_pages_are_not(tmp_path: Path) -> None:
    root = project(tmp_path)
    templates = root / "gabarits"
    templates.mkdir()
    labels = (ROOT / "gabarits" / "libelles.yaml").read_text(encoding="utf-8")
    (templates / "libelles.yaml").write_text(labels + "  exemple: Our consultation structures\n", encoding="utf-8")
    (root / "docs" / "fr" / "roles").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "fr" / "roles" / "index.md").write_text("Des résidants (une page générée).\n", encoding="utf-8")
    (root / "docs" / "fr" / "a-propos.md").write_text(
        "# À propos\n\nPour les « résidants » et les résidants.\n", encoding="utf-8"
    )
    config = Settings(root, {"fr": root / "fr", "en": root / "en"}, templates, root / "docs")
    errors = found(root, config)
    assert [(e.file, e.line, e.where) for e in errors] == [
        ("docs/fr/a-propos.md", 3, ""),
        ("gabarits/libelles.yaml", labels.count("\n") + 1, "en.exemple"),
    ]
    assert str(errors[0]).startswith("docs/fr/a-propos.md:3: 'résidants' is a variant to avoid")


def test_the_glossary_takes_its_terms_from_the_termbase(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        fr=FR_TERMS + "  - id: hlm\n    terme: habitation à loyer modique\n",
        en=EN_TERMS + "  - id: hlm\n    terme: low-rental housing\n",
    )
    edit(root, "fr/guide.yaml", "    terme: habitation à loyer modique\n    definition", "    definition")
    edit(root, "en/guide.yaml", "    terme: low-rental housing (habitation à loyer modique)\n", "")
    trees = load_content(settings(root).content, root)
    french, english = build_model(trees["fr"], trees["fr"]), build_model(trees["en"], trees["fr"])
    assert french.find("glossaire", "hlm")["terme"] == "habitation à loyer modique"
    assert english.find("glossaire", "hlm")["terme"] == "low-rental housing (habitation à loyer modique)"
    assert english.abbreviations() == {"HLM": "low-rental housing (habitation à loyer modique)"}
    assert "terminologie" not in english.kinds  # the termbase has no page


def test_a_glossary_term_that_differs_from_the_termbase_is_an_error(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        fr=FR_TERMS + "  - id: hlm\n    terme: habitation à loyer modique\n",
        en=EN_TERMS + "  - id: hlm\n    terme: low-rental housing\n",
    )
    with pytest.raises(InvalidContentError) as caught:
        load_content(settings(root).content, root)
    given = line_of(root, "en/guide.yaml", "terme: low-rental housing (")
    concept = lines_of(root, "en/guide.yaml", "  - id: hlm")[-1]
    assert [str(e) for e in caught.value.errors] == [
        f"en/guide.yaml:{given}: glossaire[1].terme: 'low-rental housing (habitation à loyer modique)' is not the "
        f"term of the concept 'hlm' at en/guide.yaml:{concept}, 'low-rental housing' (example: remove terme: the "
        "glossary takes the term from en/guide.yaml; or change it there)"
    ]


def test_a_glossary_entry_without_a_term_needs_a_concept(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root, "fr/guide.yaml", "    terme: habitation à loyer modique\n    definition", "    definition")
    with pytest.raises(InvalidContentError) as caught:
        load_content(settings(root).content, root)
    entry = line_of(root, "fr/guide.yaml", "  - id: hlm")
    assert [str(e) for e in caught.value.errors] == [
        f"fr/guide.yaml:{entry}: glossaire[1]: missing the field 'terme': no concept of terminologie.yaml has the id "
        "'hlm' to give it (example: terme: … here, or a concept with id: hlm in terminologie.yaml)"
    ]


def test_status_lists_the_variants_file_by_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    fr = edit(root, "fr/guide.yaml", "    resume: Il coordonne.\n", "    resume: Il coordonne les résidants.\n")
    en = edit(
        root, "en/guide.yaml", "    resume: It coordinates.\n", "    resume: It coordinates consultation structures.\n"
    )
    lines = status.terminology(settings(root), load_content(settings(root).content, root))
    assert lines[0] == "terminology: 2 to fix in 2 files"
    assert lines[1] == "en/guide.yaml: 1"
    assert lines[2].startswith(
        f"  en/guide.yaml:{en}: outils[1].resume: 'consultation structures' is a variant to avoid"
    )
    assert lines[3] == "fr/guide.yaml: 1"
    assert lines[4].startswith(f"  fr/guide.yaml:{fr}: outils[1].resume: 'résidants' is a variant to avoid")
    assert len(lines) == 5
    assert status.terminology(settings(FIXTURES / "petit"), _trees(FIXTURES / "petit")) == []  # no termbase, no section


def _trees(root: Path) -> dict[str, Tree]:
    return load_content({"fr": root / "fr", "en": root / "en"}, root)


ENV = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}


@pytest.mark.build
def test_make_check_refuses_a_variant_and_make_status_lists_it(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    for lang, terms in (("fr", FR_TERMS), ("en", EN_TERMS)):
        path = config.parent / lang / "guide.yaml"
        path.write_text(path.read_text(encoding="utf-8") + terms, encoding="utf-8")
    line = edit(
        config.parent, "en/guide.yaml", "    resume: It coordinates.\n", "    resume: It coordinates in Québec City.\n"
    )
    command = [sys.executable, "-m", "guide", "check", "-f", str(config)]
    result = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=ENV)
    assert result.returncode == 1
    assert (
        f"en/guide.yaml:{line}: outils[1].resume: 'Québec City' is a variant to avoid: the guide writes 'concertation'"
        in result.stderr
    )
    command = [sys.executable, "-m", "guide", "status", "-f", str(config)]
    lines = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=ENV).stdout.splitlines()
    at = lines.index("terminology: 1 to fix in 1 file")
    assert lines[at + 1 : at + 2] == ["en/guide.yaml: 1"]
    assert lines[-1].startswith("14 entries: ")  # the translations' summary stays the last line


def test_synthetic_content_validates_with_its_termbase(tmp_path: Path) -> None:
    content = {lang: content_files(10, lang) for lang in ("fr", "en")}
    trees = content_set(tmp_path, content)
    assert len(trees["fr"].entries["terminologie"]) == 10
    assert terminology.check(settings(tmp_path), trees) == []
    assert terminology.termbase(trees["en"]).variants is not None  # one expression for all the variants


@pytest.fixture(scope="module")
def real() -> tuple[Settings, list[ContentError]]:
    config = Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml")))
    errors = ErrorList()
    trees = load_content(config.content, config.root, errors)
    assert not errors, errors.sorted()[:5]
    return config, terminology.check(config, trees)


# The French inclusive-writing concepts (a noun for people, its doublets as forms, the masculine alone as variants)
INCLUSIVE = {
    "intervenant",
    "intervenant-milieu",
    "resident",
    "oc",
    "ts",
    "chercheur",
    "citoyen",
    "adolescent",
    "conferencier",
    "voisin",
    "representant",
    "evaluateur",
    "conseiller",
    "ecriture-inclusive",
}


def _concept(error: ContentError) -> str:
    return re.search(r", concept ([a-z0-9-]+)", error.what).group(1)  # type: ignore[union-attr]


def test_real_content_uses_the_termbase_beyond_french_inclusive_writing(real) -> None:
    _, errors = real
    others = [str(e) for e in errors if not (e.file.startswith(("fr/", "docs/fr/")) and _concept(e) in INCLUSIVE)]
    assert others == []


def test_real_content_uses_the_termbase(real) -> None:
    _, errors = real
    assert [str(e) for e in errors] == []


def test_real_termbase_has_the_same_concepts_and_gives_every_glossary_term(real) -> None:
    config, _ = real
    trees = load_content(config.content, config.root)
    assert list(trees["fr"].entries["terminologie"]) == list(trees["en"].entries["terminologie"])
    assert set(trees["fr"].entries["glossaire"]) <= set(trees["fr"].entries["terminologie"])
    assert set(trees["fr"].entries["terminologie"]) >= INCLUSIVE
