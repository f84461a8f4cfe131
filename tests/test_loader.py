"""What the loader refuses before the schema is even consulted, each with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.errors import ErrorList
from guide.loader import load_file

CASES = {
    "empty file": (
        b"# nothing yet\n",
        ["fr/roles.yaml:1: the file is empty (example: roles: [...] or a top-level mapping)"],
    ),
    "not utf-8": (
        b"roles:\n  - titre: R\xe9sident\n",
        [
            "fr/roles.yaml:2: the file is not UTF-8 text (byte 0xE9 cannot be read) "
            "(example: save it as UTF-8 in your editor)"
        ],
    ),
    "alias": (
        b"a: &x [1, 2]\nb: *x\n",
        ["fr/roles.yaml:1: b: anchors and aliases (&name, *name) are not allowed (example: write the value out)"],
    ),
    "python tag": (
        b"roles: !!python/object/apply:os.system ['true']\n",
        [
            "fr/roles.yaml:1: roles: the YAML tag tag:yaml.org,2002:python/object/apply:os.system "
            "is not allowed (example: plain text, a list or a mapping)"
        ],
    ),
    "duplicate key": (
        b"roles:\n  - id: a\n    id: b\n",
        ["fr/roles.yaml:3: roles[1].id: this key appears twice in the same mapping (example: keep only one)"],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_refused(tmp_path: Path, case: str) -> None:
    raw, expected = CASES[case]
    path = tmp_path / "roles.yaml"
    path.write_bytes(raw)
    errors = ErrorList()
    assert load_file(path, "fr/roles.yaml", errors) is None
    assert [str(e) for e in errors.sorted()] == expected


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "roles.yaml"
    path.write_bytes("\ufeffroles:\n  - id: a\n    titre: Rôle\n".encode())
    errors = ErrorList()
    doc = load_file(path, "fr/roles.yaml", errors)
    assert not errors and doc is not None
    assert doc.data == {"roles": [{"id": "a", "titre": "Rôle"}]}
    assert doc.line(("roles", 0, "titre")) == 3
