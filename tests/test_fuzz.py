"""Property-based tests of the loader and the validator: whatever a content file holds, bytes at random or a YAML
document shaped like the schema with its values mutated, the result is a model, or InvalidContentError whose
every error names its file and a line. Never another exception, never a hang.

The normal run is deterministic and short; ``make fuzz`` runs the same properties much longer, with fresh
examples (GUIDE_FUZZ=long, GUIDE_FUZZ_EXAMPLES to choose how many).
"""

from __future__ import annotations

import copy
import datetime
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from guide.errors import InvalidContentError
from guide.model import build_model
from guide.validate import load_content
from sites import FIXTURES

# Hypothesis keeps a cache of Unicode tables: in a temporary folder, never in the project
_HOME = tempfile.mkdtemp(prefix="guide-hypothesis-")
set_hypothesis_home_dir(_HOME)

settings.register_profile(
    "short",  # every run: the same examples each time, in a few seconds
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",  # make fuzz: new examples every run, and many more of them
    max_examples=int(os.environ.get("GUIDE_FUZZ_EXAMPLES", "20000")),
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(os.environ.get("GUIDE_FUZZ", "short"))
pytestmark = [pytest.mark.fuzz, *([pytest.mark.slow] if os.environ.get("GUIDE_FUZZ") == "long" else [])]

SOURCE = {lang: (FIXTURES / "petit" / lang / "guide.yaml").read_bytes() for lang in ("fr", "en")}
DATA = {lang: yaml.safe_load(raw) for lang, raw in SOURCE.items()}
FILES = ("fr/guide.yaml", "en/guide.yaml")
# What a message may not print raw: the content's control and bidirectional characters (newlines are allowed in
# an example only, where the code puts them)
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module", autouse=True)
def _hypothesis_home() -> Iterator[None]:
    yield
    shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One content folder, rewritten by every example (a folder per example would cost more than the check)."""
    return tmp_path_factory.mktemp("fuzz")


def check(folder: Path, contents: dict[str, bytes]) -> None:
    """The property: a model for both languages, or every error with a file, a line, and nothing raw."""
    for lang in ("fr", "en"):
        shutil.rmtree(folder / lang, ignore_errors=True)
        (folder / lang).mkdir()
        (folder / lang / "guide.yaml").write_bytes(contents[lang])
    try:
        trees = load_content({"fr": folder / "fr", "en": folder / "en"}, folder)
        for found in trees.values():
            build_model(found)
    except InvalidContentError as exc:
        assert exc.errors
        for error in exc.errors:
            assert error.file in FILES, error
            assert error.line >= 1, error
            printed = str(error)
            assert printed.startswith(f"{error.file}:{error.line}: "), printed
            assert not UNSAFE.search(printed), printed
            assert "\n" not in printed.split(" (example: ")[0], printed
        assert len(str(exc).splitlines()) <= 102


# -- bytes at random, and the fixture's bytes mutated


@PROFILE
@given(raw=st.binary(max_size=3000))
def test_any_bytes(tree: Path, raw: bytes) -> None:
    check(tree, {"fr": raw, "en": SOURCE["en"]})


@st.composite
def mutated_bytes(draw: st.DrawFn, source: bytes) -> bytes:
    """The fixture with a few bytes flipped, inserted or deleted."""
    data = bytearray(source)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(("insert", "delete", "replace")))
        piece = draw(st.one_of(st.binary(min_size=1, max_size=4), st.sampled_from(SNIPPETS).map(str.encode)))
        if action == "insert" or at == len(data):
            data[at:at] = piece
        elif action == "delete":
            del data[at : at + len(piece)]
        else:
            data[at : at + len(piece)] = piece
    return bytes(data)


# -- documents shaped like the schema, with mutated values, keys and YAML features

# Text-level pieces that YAML reads as something else than text, or refuses
SNIPPETS = [
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!int douze",
    "!!timestamp demain",
    "!custom x",
    "&ancre [1, 2]",
    "*ancre",
    "*inconnue",
    "? [a, b]\n: c",
    "{[a]: b}",
    "2026-02-30",
    "2026-13-45",
    "2026-01-01T10:00:00+99:00",
    "2026-01-01 10:00:00",
    "0b_",
    "0x_",
    "9" * 5000,
    ".nan",
    "-.inf",
    "~",
    "yes",
    "---",
    "...",
    "%YAML 1.1",
    "\t",
    "\r\n",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "\ufffe",
    "\x85",
    '"\\e[2J\\u202e\\x00"',
    "'",
    '"',
    "[" * 60 + "]" * 60,
    "[" * 2000,
    "{a: " * 60 + "}" * 60,
    "- " * 80 + "x",
    "|\n  bloc",
    ">-",
    "#",
    ": :",
]

ODD_TEXT = st.text(
    st.characters(
        codec="utf-8",
        categories=("L", "N", "P", "S", "Z", "Cc", "Cf", "Co"),
        include_characters="\x00\t\n\r\x1b\x85\u2028\u202e\u2066\ufeff\ufffe",
    ),
    max_size=40,
)
DATE_LIKE = st.builds(  # as YAML's date pattern reads them, possible or not: 2026-02-30, 2026-1-1 10:00:00+99:00
    "{:04d}-{}-{}{}".format,
    st.integers(0, 9999),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(("", "T10:00:00", " 25:61:61", "T10:00:00+99:00", "T10:00:00Z", " 1:00:00.123456789 -5")),
)
ID_LIKE = st.builds(lambda n, word: (word * n)[:n], st.integers(0, 70), st.sampled_from(("ab-", "a", "-", "a--b")))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
    ODD_TEXT,
    DATE_LIKE,
    ID_LIKE,
    st.integers(1990, 2010).map(lambda n: ("a [[b]] " * n)[:n]),  # around the longest text allowed
    st.just("x" * 20001),
)
KEYS = st.one_of(ODD_TEXT, st.integers(), st.booleans(), st.none(), st.dates(), st.sampled_from(("id", "titre", "")))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


def _nested(depth: int) -> Any:
    value: Any = "fond"
    for i in range(depth):
        value = [value] if i % 2 else {"n": value}
    return value


def _paths(value: Any, where: tuple = ()) -> list[tuple]:
    found = [where]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*where, i))
    return found


PATHS = {lang: _paths(data) for lang, data in DATA.items()}


def _mutate(data: Any, where: tuple, action: str, new: Any, key: Any) -> Any:
    """``data`` with the value at ``where`` replaced, removed, given a new key, or copied next to itself."""
    if not where:
        return new if action == "replace" else data
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    last = where[-1]
    if action == "replace":
        parent[last] = new
    elif action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[key] = new
    elif action == "add":
        parent.insert(last, new)
    return data


@st.composite
def documents(draw: st.DrawFn, lang: str) -> bytes:
    data = copy.deepcopy(DATA[lang])
    for _ in range(draw(st.integers(0, 5))):
        paths = _paths(data)
        where = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(("replace", "delete", "add")))
        new = draw(st.one_of(VALUES, st.integers(40, 70).map(_nested)))
        try:
            data = _mutate(data, where, action, new, draw(KEYS))
        except (KeyError, IndexError, TypeError):  # the path went away with an earlier change
            continue
    text = yaml.dump(
        data,
        Dumper=yaml.CSafeDumper,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from((False, True, None))),
        sort_keys=False,
        width=draw(st.sampled_from((80, 10_000))),
    )
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):  # YAML's own features, put where a value or a key goes
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        snippet = draw(st.sampled_from(SNIPPETS))
        how = draw(st.sampled_from(("value", "key", "line", "duplicate")))
        indent = line[: len(line) - len(line.lstrip())]
        if how == "value" and ": " in line:
            lines[at] = line.split(": ", 1)[0] + ": " + snippet
        elif how == "key" and ": " in line:
            lines[at] = indent + snippet + ": " + line.split(": ", 1)[1]
        elif how == "duplicate":
            lines.insert(at, line)
        else:
            lines.insert(at, indent + snippet)
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig")))
    return "\n".join(lines).encode(encoding)


@PROFILE
@given(fr=documents("fr"), en=st.one_of(st.just(SOURCE["en"]), documents("en")))
def test_any_document_shaped_like_the_content(tree: Path, fr: bytes, en: bytes) -> None:
    check(tree, {"fr": fr, "en": en})


@PROFILE
@given(fr=mutated_bytes(SOURCE["fr"]))
def test_the_content_with_bytes_changed(tree: Path, fr: bytes) -> None:
    check(tree, {"fr": fr, "en": SOURCE["en"]})


def test_the_fixture_itself_passes(tree: Path) -> None:
    """The property's other side: valid content gives a model (so the fuzzing starts from something valid)."""
    check(tree, dict(SOURCE))
    trees = load_content({"fr": tree / "fr", "en": tree / "en"}, tree)
    assert build_model(trees["fr"]).find("ententes", "salle")["date"] == datetime.date(2026, 11, 22).isoformat()
