"""How to cite the guide (guide/citation.py), read from CITATION.cff: every missing field reported at once, each with
an example, and the authors written as the References page prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.citation import Citation, load_citation
from guide.errors import InvalidContentError
from sites import ROOT

NAME = "CITATION.cff"
COMPLETE = """\
cff-version: 1.2.0
title: "Intervention de proximité en HLM"
version: "1.0.0"
date-released: "2026-11-22"
authors:
  - name: "Projet Intervention de proximité en HLM"
"""
MISSING = "is missing: the guide's References page cites it"
AUTHORS_EXAMPLE = 'authors:\n  - name: "Projet Intervention de proximité en HLM"'


def load(tmp_path: Path, text: str) -> Citation:
    path = tmp_path / NAME
    path.write_text(text, encoding="utf-8")
    return load_citation(path, NAME)


def errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InvalidContentError) as raised:
        load(tmp_path, text)
    return [str(e) for e in raised.value.errors]


def test_a_complete_file(tmp_path: Path) -> None:
    assert load(tmp_path, COMPLETE) == Citation(
        authors="Projet Intervention de proximité en HLM",
        year="2026",
        title="Intervention de proximité en HLM",
        version="1.0.0",
    )


def test_the_repository_s_own_file_is_complete() -> None:
    citation = load_citation(ROOT / NAME, NAME)
    assert citation.authors and citation.title and citation.version
    assert len(citation.year) == 4 and citation.year.isdigit()


def test_every_missing_field_is_reported_with_its_example(tmp_path: Path) -> None:
    assert errors(tmp_path, "cff-version: 1.2.0\nmessage: Citez-nous.\n") == [
        f"{NAME}:1: authors: {MISSING} (example: {AUTHORS_EXAMPLE})",
        f'{NAME}:1: date-released: {MISSING} (example: date-released: "2026-11-22")',
        f'{NAME}:1: title: {MISSING} (example: title: "Intervention de proximité en HLM")',
        f'{NAME}:1: version: {MISSING} (example: version: "1.0.0")',
    ]


@pytest.mark.parametrize("key", ["title", "version", "date-released"])
def test_an_empty_field_is_missing(tmp_path: Path, key: str) -> None:
    text = COMPLETE.replace(f'{key}: "', f'{key}: ""  # "')
    assert [e.split(" (example")[0] for e in errors(tmp_path, text)] == [f"{NAME}:1: {key}: {MISSING}"]


def test_family_and_given_names(tmp_path: Path) -> None:
    text = COMPLETE.replace(
        '  - name: "Projet Intervention de proximité en HLM"\n',
        "  - family-names: Parent\n"
        "    given-names: André-Anne\n"
        "  - family-names: Tourillon-Gingras\n"
        "    given-names: Sophie\n"
        "  - family-names: Reiser\n"  # no given name: the family name alone
        '  - name: "Projet Intervention de proximité en HLM"\n',
    )
    assert load(tmp_path, text).authors == (
        "Parent, A., Tourillon-Gingras, S., Reiser, Projet Intervention de proximité en HLM"
    )


def test_an_author_with_no_name_is_reported_at_its_line(tmp_path: Path) -> None:
    text = COMPLETE + "  - given-names: Chloé\n  - affiliation: Université de Montréal\n  - Chloé Reiser\n"
    assert errors(tmp_path, text) == [
        f"{NAME}:7: authors[2]: needs a name (example: {AUTHORS_EXAMPLE})",
        f"{NAME}:8: authors[3]: needs a name (example: {AUTHORS_EXAMPLE})",
        f"{NAME}:9: authors[4]: needs a name (example: {AUTHORS_EXAMPLE})",
    ]


def test_missing_fields_and_nameless_authors_come_together(tmp_path: Path) -> None:
    """Every error at once: an editor fixes the file in one go, not one error per build."""
    found = errors(tmp_path, "authors:\n  - given-names: Chloé\n")
    assert [e.split(":")[2].strip() for e in found] == ["date-released", "title", "version", "authors[1]"]  # by line


def test_authors_given_as_a_text_is_one_error(tmp_path: Path) -> None:
    text = COMPLETE.replace('  - name: "Projet Intervention de proximité en HLM"\n', "").replace(
        "authors:\n", "authors: Projet Intervention\n"
    )
    found = errors(tmp_path, text)
    assert len(found) == 1 and "authors: expected a list of authors (example: authors:" in found[0], found


def test_what_it_prints_is_inert_and_the_year_comes_from_the_date(tmp_path: Path) -> None:
    text = (
        COMPLETE.replace('"Intervention de proximité en HLM"', '"<b>Un guide</b> & co"')
        .replace('date-released: "2026-11-22"', "date-released: 2027-01-05")  # a YAML date, unquoted
        .replace('"Projet Intervention de proximité en HLM"', '"<script>x</script>"')
    )
    citation = load(tmp_path, text)
    assert citation.title == "&lt;b>Un guide&lt;/b> &amp; co"
    assert citation.authors == "&lt;script>x&lt;/script>"
    assert citation.year == "2027"


def test_a_yaml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    found = errors(tmp_path, COMPLETE + "title: [\n")
    assert len(found) == 1 and found[0].startswith(f"{NAME}:8: YAML syntax error: ")
