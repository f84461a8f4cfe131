"""Read YAML files into plain Python values, keeping the line of every value.

libyaml (``CSafeLoader``) parses the file into events, which are built into values here, without recursion:
that is what lets us refuse aliases (no "billion laughs"), unknown tags (no ``!!python/...`` object is ever
built), duplicate keys and nesting deeper than any content needs, all with a line, and at twice the speed of
composing nodes first. (libyaml's own composer recurses in C: 100,000 ``[`` overflow its stack.)

Only a regular file of a sane size is read: a folder, a pipe, a device or a broken link named ``*.yaml`` is
refused with its name, never opened in a way that could block.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in the PyYAML wheels we pin
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .errors import ErrorList, character_name

MAX_DEPTH = 50  # lists and mappings inside each other; the content needs fewer than 10
MAX_BYTES = 10_000_000  # a content file of 1,000 entities of a kind is about 1.1 MB

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = {MappingStartEvent: "tag:yaml.org,2002:map", yaml.events.SequenceStartEvent: "tag:yaml.org,2002:seq"}
_END = (SequenceEndEvent, MappingEndEvent)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
# What libyaml's reader refuses (YAML's printable characters, tab and line breaks aside)
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def load_file(path: Path, name: str, errors: ErrorList, raw: bytes | None = None) -> Document | None:
    """Load one file (``raw``: its bytes, when the caller has read them already); on any problem add errors
    and return None."""
    raw = read_bytes(path, name, errors) if raw is None else raw
    if raw is None:
        return None
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
    doc = Document(path, name, None)
    builder = _Builder(doc)
    loader = _Loader(text)
    try:
        found = builder.document(loader.get_event)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, name, text, errors)
        return None
    except yaml.reader.ReaderError:  # a character YAML does not allow: the reader tells where in bytes only
        _unacceptable_character(name, text, errors)
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a mark
        errors.add(name, 1, "", f"YAML syntax error: {exc}")
        return None
    except _RefusedError as exc:  # the rest of the file is not read: only this error is reported
        errors.add(name, exc.line, "", exc.what, exc.example)
        return None
    finally:
        loader.dispose()
    if not found:
        errors.add(name, 1, "", "the file is empty", "roles: [...] or a top-level mapping")
        return None
    errors.errors.extend(builder.errors.errors)
    return None if builder.errors else doc


class UnreadableError(Exception):
    """Why a path gives no bytes: ``kind`` is "missing", "folder", "special" (a pipe, a device, a socket),
    "too big" (``size`` says how big) or "error" (``error`` says which)."""

    def __init__(self, kind: str, size: int = 0, error: OSError | None = None):
        super().__init__(kind)
        self.kind, self.size, self.error = kind, size, error


def regular_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or UnreadableError; nothing blocks: a pipe is never
    opened, and a file swapped for one after the check is opened without waiting for a writer. Content files and
    make agreement's data files are both read through it, each saying why in its own words."""
    raw = b""
    try:
        found = path.stat()  # follows links: a link to a file is read, one to a device is not
        if stat.S_ISREG(found.st_mode):
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(fd, "rb") as file:
                found = os.fstat(file.fileno())  # what was opened, in case it changed since
                if stat.S_ISREG(found.st_mode) and found.st_size <= max_bytes:
                    raw = file.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise UnreadableError("missing", error=exc) from None
    except OSError as exc:
        raise UnreadableError("error", error=exc) from None
    if stat.S_ISDIR(found.st_mode):
        raise UnreadableError("folder")
    if not stat.S_ISREG(found.st_mode):
        raise UnreadableError("special")
    size = max(found.st_size, len(raw))
    if size > max_bytes:
        raise UnreadableError("too big", size)
    return raw


def read_bytes(path: Path, name: str, errors: ErrorList) -> bytes | None:
    """The bytes of a content file (a regular file of at most ``MAX_BYTES``), or None with an error."""
    try:
        return regular_bytes(path, MAX_BYTES)
    except UnreadableError as exc:
        errors.add(name, 0, "", *_content_file_problem(path, exc))
        return None


def _content_file_problem(path: Path, exc: UnreadableError) -> tuple[str, str]:
    """What is wrong with a content file, and what to do."""
    if exc.kind == "missing" and path.is_symlink():
        return "is a link to a file that does not exist", "remove it, or point it at a file"
    if exc.kind == "missing":
        return "has disappeared while it was being read", "run the build again"
    if exc.kind == "error":
        return f"cannot be read ({exc.error.strerror or exc.error})", "check that the file can be read"
    if exc.kind == "folder":
        return "is a folder: only a file may be named *.yaml", "rename the folder without .yaml"
    if exc.kind == "special":
        what = "is not a regular file (a pipe, a device or a socket): only a file may be named *.yaml"
        return what, "remove it, or replace it with a YAML file"
    what = f"the file is {exc.size:,} bytes long, more than the {MAX_BYTES:,} a content file may hold"
    return what, "split it into several files"


class _RefusedError(Exception):
    """The file is refused as a whole at ``line``: what follows in it is not read."""

    def __init__(self, line: int, what: str, example: str):
        super().__init__(what)
        self.line, self.what, self.example = line, what, example


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


def _unacceptable_character(name: str, text: str, errors: ErrorList) -> None:
    found = _NOT_YAML.search(text)
    if found is None:  # pragma: no cover - the reader refuses only what the pattern finds
        errors.add(name, 1, "", "the file holds a character that YAML does not allow", "delete it")
        return
    line = text.count("\n", 0, found.start()) + 1
    what = f"the file holds the character {character_name(found.group())}, which YAML does not allow"
    errors.add(name, line, "", what, "delete it: it is often invisible, so retype the line")


class _Frame:
    """A list or a mapping being built, and where it is."""

    __slots__ = ("container", "is_map", "key", "skip_value", "where")

    def __init__(self, container: list | dict, where: tuple):
        self.container = container
        self.where = where
        self.is_map = isinstance(container, dict)
        self.key: Any = None  # in a mapping, the key whose value comes next (None: a key comes next)
        self.skip_value = False  # the key was refused: its value is read and dropped

    def next_where(self) -> tuple:
        return (*self.where, self.key if self.is_map else len(self.container))


class _Builder:
    """Turns parser events into values, recording lines and refusing what content never needs."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.errors = ErrorList()  # added to the run's errors only once the whole file has been parsed
        self.alias_reported = False
        self.frames: list[_Frame] = []  # the lists and mappings being built, outermost first

    def fail(self, event: yaml.Event, where: tuple, what: str, example: str = "") -> None:
        self.errors.add(self.doc.name, event.start_mark.line + 1, format_path(where), what, example)

    def document(self, get: Any) -> bool:
        """Read the stream's one document into ``doc``; False if the stream holds none."""
        get()  # the stream's start
        event = get()
        if isinstance(event, StreamEndEvent):
            return False
        self.doc.data = self.value(get)
        get()  # the document's end
        event = get()
        if not isinstance(event, StreamEndEvent):  # a second document ("---")
            raise _RefusedError(
                event.start_mark.line + 1,
                "the file holds a second YAML document (after ---): a file holds only one",
                "remove the second --- line",
            )
        return True

    def value(self, get: Any) -> Any:
        """The value of the node whose events come next, built with a stack of frames instead of recursion."""
        frames = self.frames
        while True:
            event = get()
            frame = frames[-1] if frames else None
            if isinstance(event, _END):
                done = frames.pop()
                value = done.container
                if not frames:
                    return value
                frame = frames[-1]
            elif frame is not None and frame.is_map and frame.key is None:
                self.key(frame, event, get)
                continue
            elif frame is not None and frame.skip_value:
                self.skip(event, get)
                frame.key, frame.skip_value = None, False
                continue
            else:
                where = frame.next_where() if frame else ()
                if isinstance(event, CollectionStartEvent):
                    container = self.collection(event, where, get)
                    if container is not None:
                        frames.append(_Frame(container, where))
                        continue
                    value = None
                else:
                    value = self.scalar(event, where)
                if frame is None:
                    return value
            if frame.is_map:
                frame.container[frame.key] = value
                frame.key = None
            else:
                frame.container.append(value)

    def collection(self, event: yaml.Event, where: tuple, get: Any) -> list | dict | None:
        """A new list or mapping to fill, or None when it is refused (its events are then skipped)."""
        _check_depth(event, len(self.frames))
        self.doc.lines.setdefault(where, event.start_mark.line + 1)
        tag = _COLLECTION_TAGS[type(event)]
        if event.tag not in (None, "!", tag):
            self.fail(event, where, f"the YAML tag {event.tag} is not allowed", "plain text, a list or a mapping")
            self.skip(event, get)
            return None
        return {} if isinstance(event, MappingStartEvent) else []

    def scalar(self, event: yaml.Event, where: tuple) -> Any:
        if isinstance(event, AliasEvent):
            self.alias(event, where)
            return None
        self.doc.lines.setdefault(where, event.start_mark.line + 1)
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value  # texts: as they are
        if tag not in _SCALAR_TAGS:
            self.fail(event, where, f"the YAML tag {tag} is not allowed", "plain text, a list or a mapping")
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return _constructor.yaml_constructors[tag](_constructor, node)
        except Exception:  # looks like a date or a number but is none (2026-02-30): its text
            return event.value

    def key(self, frame: _Frame, event: yaml.Event, get: Any) -> None:
        """Read a mapping's key into ``frame``; a refused key has its value skipped."""
        where = frame.where
        if isinstance(event, AliasEvent):
            self.alias(event, where)
            frame.key, frame.skip_value = "", True
            return
        tag = event.tag
        if isinstance(event, ScalarEvent) and (tag is None or tag == "!" or tag in _SCALAR_TAGS):
            key = event.value  # as written: "true", "2026-02-30" and "0x10" are keys an editor recognises
            if key in frame.container:
                self.fail(event, (*where, key), "this key appears twice in the same mapping", "keep only one")
                frame.key, frame.skip_value = key, True
                return
            self.doc.lines[(*where, key)] = event.start_mark.line + 1
            frame.key = key
            return
        self.fail(event, where, "a key must be a plain word", "titre: ...")
        self.skip(event, get)
        frame.key, frame.skip_value = "", True

    def alias(self, event: yaml.Event, where: tuple) -> None:
        if not self.alias_reported:  # reported once: a "billion laughs" has many
            self.alias_reported = True
            self.fail(event, where, "anchors and aliases (&name, *name) are not allowed", "write the value out")

    def skip(self, event: yaml.Event, get: Any) -> None:
        """Read and drop the node that starts with ``event``, within the same depth limit (libyaml takes a time
        that grows as the square of the depth to parse deep nesting, even to skip it)."""
        if not isinstance(event, CollectionStartEvent):
            return
        _check_depth(event, len(self.frames))
        depth = 1
        while depth:
            event = get()
            if isinstance(event, CollectionStartEvent):
                _check_depth(event, len(self.frames) + depth)
                depth += 1
            elif isinstance(event, _END):
                depth -= 1


def _check_depth(event: yaml.Event, outer: int) -> None:
    """Refuse the file at a list or mapping that ``outer`` lists and mappings hold, if that is too many."""
    if outer >= MAX_DEPTH:
        raise _RefusedError(
            event.start_mark.line + 1,
            f"lists and mappings are nested more than {MAX_DEPTH} levels deep",
            "the content needs a few levels: close each [ and { you open, and check the indentation",
        )


def format_path(where: tuple) -> str:
    """("roles", 2, "titre") -> "roles[2].titre" (list positions count from 1 for editors)."""
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out
