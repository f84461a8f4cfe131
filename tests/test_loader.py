"""What the loader refuses before the schema is even consulted, each with its file and line."""

from __future__ import annotations

import datetime
import os
import threading
from pathlib import Path

import pytest

from guide.errors import ErrorList
from guide.loader import MAX_BYTES, MAX_DEPTH, load_file

TOO_DEEP = (
    "lists and mappings are nested more than 50 levels deep "
    "(example: the content needs a few levels: close each [ and { you open, and check the indentation)"
)

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
        ["fr/roles.yaml:2: b: anchors and aliases (&name, *name) are not allowed (example: write the value out)"],
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
    "alias as a key": (
        b"a: &x b\nroles:\n  *x : c\n",
        ["fr/roles.yaml:3: roles: anchors and aliases (&name, *name) are not allowed (example: write the value out)"],
    ),
    "list as a key": (
        b"roles:\n  ? [a, b]\n  : c\n",
        ["fr/roles.yaml:2: roles: a key must be a plain word (example: titre: ...)"],
    ),
    "tag on a list": (
        b"roles: !!set\n  ? a\n",
        [
            "fr/roles.yaml:1: roles: the YAML tag tag:yaml.org,2002:set is not allowed "
            "(example: plain text, a list or a mapping)"
        ],
    ),
    "a nul byte": (
        b"roles:\n  - id: a\n    titre: R\x00le\n",
        [
            "fr/roles.yaml:3: the file holds the character U+0000, which YAML does not allow "
            "(example: delete it: it is often invisible, so retype the line)"
        ],
    ),
    "a delete character": (
        b"roles:\n\n  - titre: \x7f\n",
        [
            "fr/roles.yaml:3: the file holds the character U+007F, which YAML does not allow "
            "(example: delete it: it is often invisible, so retype the line)"
        ],
    ),
    "a noncharacter": (
        "roles:\n  - titre: \ufffe\n".encode(),
        [
            "fr/roles.yaml:2: the file holds the character U+FFFE, which YAML does not allow "
            "(example: delete it: it is often invisible, so retype the line)"
        ],
    ),
    "a second document": (
        b"roles: []\n---\nroles: []\n",
        [
            "fr/roles.yaml:2: the file holds a second YAML document (after ---): a file holds only one "
            "(example: remove the second --- line)"
        ],
    ),
    "100,000 [ in flow style": (
        b"roles: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        [f"fr/roles.yaml:1: {TOO_DEEP}"],
    ),
    "100,000 unclosed [": (b"roles: " + b"[" * 100_000, [f"fr/roles.yaml:1: {TOO_DEEP}"]),
    "100,000 { in flow style": (b"{a: " * 100_000 + b"}" * 100_000, [f"fr/roles.yaml:1: {TOO_DEEP}"]),
    "nesting in block style": (
        b"roles:\n" + b"".join(b" " * i + b"-\n" for i in range(100)),
        [f"fr/roles.yaml:51: {TOO_DEEP}"],
    ),
    "100,000 compact - on a line": (b"roles:\n" + b"- " * 100_000 + b"x\n", [f"fr/roles.yaml:2: {TOO_DEEP}"]),
    "nesting under a refused tag": (  # skipped, but within the same limit: libyaml is slow on deep nesting
        b"roles: !!omap " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        [f"fr/roles.yaml:1: {TOO_DEEP}"],
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


# What a value becomes: YAML's own reading, except that what looks like a date or a number and is none stays text
VALUES = {
    "a date": (b"d: 2026-01-01", datetime.date(2026, 1, 1)),
    "an impossible date": (b"d: 2026-02-30", "2026-02-30"),
    "an impossible month": (b"d: 2026-13-45", "2026-13-45"),
    "a date and time": (b"d: 2026-01-01 10:30:00", datetime.datetime(2026, 1, 1, 10, 30)),
    "an impossible time zone": (b"d: 2026-01-01T10:00:00+99:00", "2026-01-01T10:00:00+99:00"),
    "an empty binary number": (b"d: 0b_", "0b_"),
    "an empty hexadecimal number": (b"d: 0x_", "0x_"),
    "a number too long for Python": (b"d: " + b"9" * 5000, "9" * 5000),
    "a tagged number that is not one": (b"d: !!int douze", "douze"),
    "a tagged true/false that is not one": (b"d: !!bool peut-etre", "peut-etre"),
    "a tagged date that is not one": (b"d: !!timestamp demain", "demain"),
    "a quoted date": (b"d: '2026-01-01'", "2026-01-01"),
    "text tagged !!str": (b"d: !!str 12", "12"),
    "a number": (b"d: 12", 12),
    "true": (b"d: yes", True),
    "nothing": (b"d: ~", None),
}


@pytest.mark.parametrize("case", VALUES, ids=list(VALUES))
def test_value(tmp_path: Path, case: str) -> None:
    raw, expected = VALUES[case]
    path = tmp_path / "roles.yaml"
    path.write_bytes(raw + b"\n")
    errors = ErrorList()
    doc = load_file(path, "fr/roles.yaml", errors)
    assert not errors and doc is not None
    assert doc.data == {"d": expected} and type(doc.data["d"]) is type(expected)


def test_keys_are_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "roles.yaml"
    path.write_bytes(b"true: 1\n2026-02-30: 2\n0x10: 3\n~: 4\n")
    errors = ErrorList()
    doc = load_file(path, "fr/roles.yaml", errors)
    assert not errors and doc is not None
    assert doc.data == {"true": 1, "2026-02-30": 2, "0x10": 3, "~": 4}
    assert doc.line(("0x10",)) == 3


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "roles.yaml"
    path.write_bytes(b"roles: " + b"[" * (MAX_DEPTH - 1) + b"x" + b"]" * (MAX_DEPTH - 1) + b"\n")
    errors = ErrorList()
    doc = load_file(path, "fr/roles.yaml", errors)
    assert not errors and doc is not None
    value = doc.data["roles"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == ["x"]


def _folder(path: Path) -> None:
    path.mkdir()


def _pipe(path: Path) -> None:
    os.mkfifo(path)


def _link_to_a_device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _broken_link(path: Path) -> None:
    path.symlink_to(path.with_name("nowhere.yaml"))


def _too_large(path: Path) -> None:
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")


NOT_A_FILE = "only a file may be named *.yaml"
SPECIAL = {
    "a folder": (_folder, f"fr/roles.yaml: is a folder: {NOT_A_FILE} (example: rename the folder without .yaml)"),
    "a pipe": (
        _pipe,
        f"fr/roles.yaml: is not a regular file (a pipe, a device or a socket): {NOT_A_FILE} "
        "(example: remove it, or replace it with a YAML file)",
    ),
    "a link to /dev/zero": (
        _link_to_a_device,
        f"fr/roles.yaml: is not a regular file (a pipe, a device or a socket): {NOT_A_FILE} "
        "(example: remove it, or replace it with a YAML file)",
    ),
    "a broken link": (
        _broken_link,
        "fr/roles.yaml: is a link to a file that does not exist (example: remove it, or point it at a file)",
    ),
    "a file too large": (
        _too_large,
        "fr/roles.yaml: the file is 10,000,003 bytes long, more than the 10,000,000 a content file may hold "
        "(example: split it into several files)",
    ),
}


@pytest.mark.parametrize("case", SPECIAL, ids=list(SPECIAL))
def test_not_a_regular_file_is_refused_without_blocking(tmp_path: Path, case: str) -> None:
    make, expected = SPECIAL[case]
    path = tmp_path / "roles.yaml"
    make(path)
    errors = ErrorList()
    found: list = []
    reader = threading.Thread(target=lambda: found.append(load_file(path, "fr/roles.yaml", errors)), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "load_file blocked"
    assert found == [None]
    assert [str(e) for e in errors.sorted()] == [expected]


def test_a_link_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"roles: []\n")
    path = tmp_path / "roles.yaml"
    path.symlink_to(tmp_path / "real.yaml")
    errors = ErrorList()
    doc = load_file(path, "fr/roles.yaml", errors)
    assert not errors and doc is not None and doc.data == {"roles": []}


def test_the_build_fingerprint_stats_every_input_without_opening_it(tmp_path: Path) -> None:
    """`mkdocs serve` stats every input before each build: a pipe, a folder or a broken link named *.yaml
    neither blocks nor crashes it (the generation then reports them)."""
    from guide import pipeline
    from guide.settings import Settings

    content = tmp_path / "fr"
    content.mkdir()
    (content / "roles.yaml").write_bytes(b"roles: []\n")
    for make, name in ((_folder, "dossier.yaml"), (_pipe, "tube.yaml"), (_broken_link, "perdu.yaml")):
        make(content / name)
    (content / "zero.yaml").symlink_to("/dev/zero")
    settings = Settings(tmp_path, {"fr": content}, tmp_path / "gabarits", tmp_path / "docs")
    found: list = []
    reader = threading.Thread(target=lambda: found.append(pipeline.fingerprint(settings)), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "the fingerprint blocked"
    stamps = {Path(path).name: (date is not None, size) for path, date, size in found[0]}
    assert stamps["perdu.yaml"] == (False, None)
    assert stamps["roles.yaml"] == (True, 10)
    assert set(stamps) == {"dossier.yaml", "perdu.yaml", "roles.yaml", "tube.yaml", "zero.yaml"}
