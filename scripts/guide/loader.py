"""Read YAML files into plain Python values, keeping the line of every value.

The YAML is composed into nodes (``CSafeLoader`` keeps line marks and is about ten
times faster than the pure-Python loader), then walked here.  Walking the nodes
ourselves is what lets us refuse aliases (no "billion laughs"), refuse unknown tags
(no ``!!python/...`` object is ever built) and report duplicate keys, all with a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in the PyYAML wheels we pin
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .errors import ErrorList

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """One YAML file: its data and the line of every value in it."""

    path: Path
    name: str  # as shown to editors: "fr/roles.yaml"
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, where: tuple) -> int:
        """The line of ``where``, or of its nearest parent that has one."""
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return self.lines.get((), 1)


def load_file(path: Path, name: str, errors: ErrorList) -> Document | None:
    """Load one file; on any problem add errors and return None."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(
            name,
            line,
            "",
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X} cannot be read)",
            "save it as UTF-8 in your editor",
        )
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, name, text, errors)
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a mark
        errors.add(name, 1, "", f"YAML syntax error: {exc}")
        return None
    if node is None:
        errors.add(name, 1, "", "the file is empty", "roles: [...] or a top-level mapping")
        return None
    doc = Document(path, name, None)
    walker = _Walker(doc, errors)
    doc.data = walker.value(node, ())
    return None if walker.failed else doc


def _syntax_error(exc: yaml.MarkedYAMLError, name: str, text: str, errors: ErrorList) -> None:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    problem = exc.problem or "not valid YAML"
    if exc.context:
        problem = f"{problem} {exc.context}"
    lines = text.splitlines()
    source_line = lines[line - 1] if line <= len(lines) else ""
    indent = source_line[: len(source_line) - len(source_line.lstrip())]
    if "'\\t'" in problem or "\t" in indent:
        errors.add(name, line, "", "YAML syntax error: a tab is used for indentation", "indent with spaces only")
        return
    example = 'key: "value", with a space after the colon'
    if "mapping values are not allowed" in problem:
        example = 'put text that contains ": " in quotes: resume: "Note : la salle est fermée"'
    errors.add(name, line, "", f"YAML syntax error: {problem}", example)


class _Walker:
    """Turns nodes into values, recording lines and refusing what content never needs."""

    def __init__(self, doc: Document, errors: ErrorList):
        self.doc = doc
        self.errors = errors
        self.seen: set[int] = set()
        self.failed = False
        self.alias_reported = False

    def fail(self, node: yaml.Node, where: tuple, what: str, example: str = "") -> None:
        self.failed = True
        self.errors.add(self.doc.name, node.start_mark.line + 1, format_path(where), what, example)

    def value(self, node: yaml.Node, where: tuple) -> Any:
        if id(node) in self.seen:  # an alias: its node was met before (reported once: a "billion laughs" has many)
            if not self.alias_reported:
                self.alias_reported = True
                self.failed = True
                line = self.doc.line(where[:-1]) if where else node.start_mark.line + 1
                what = "anchors and aliases (&name, *name) are not allowed"
                self.errors.add(self.doc.name, line, format_path(where), what, "write the value out")
            return None
        self.seen.add(id(node))
        self.doc.lines.setdefault(where, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self.mapping(node, where)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.value(item, (*where, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            return node.value if node.tag == _STR_TAG else _constructor.construct_object(node)  # texts: as they are
        self.fail(node, where, f"the YAML tag {node.tag} is not allowed", "plain text, a list or a mapping")
        return None

    def mapping(self, node: yaml.MappingNode, where: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag in _SCALAR_TAGS):
                self.fail(key_node, where, "a key must be a plain word", "titre: ...")
                continue
            key = key_node.value if key_node.tag == _STR_TAG else str(_constructor.construct_object(key_node))
            if key in result:
                self.fail(key_node, (*where, key), "this key appears twice in the same mapping", "keep only one")
                continue
            self.doc.lines[(*where, key)] = key_node.start_mark.line + 1
            result[key] = self.value(value_node, (*where, key))
        return result


def format_path(where: tuple) -> str:
    """("roles", 2, "titre") -> "roles[2].titre" (list positions count from 1 for editors)."""
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out
