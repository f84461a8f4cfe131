"""Bad input, tried deliberately, through the whole `python -m guide site` a content editor runs.

Each case changes one file of a built copy of the small content set. A refused input prints a message
naming file, line and field, no traceback, exits non-zero and leaves the previous site/ as it was; an
accepted one builds, and whatever markup or script it held is printed as text, never run.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sites import ROOT, build, make_project

pytestmark = pytest.mark.build

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(20)
)

TOO_DEEP = (
    "lists and mappings are nested more than 50 levels deep "
    "(example: the content needs a few levels: close each [ and { you open, and check the indentation)"
)
NOT_A_FILE = "only a file may be named *.yaml"
NOT_REGULAR = (
    f"is not a regular file (a pipe, a device or a socket): {NOT_A_FILE} "
    "(example: remove it, or replace it with a YAML file)"
)


def _folder(path: Path) -> None:
    (path / "vieux").mkdir(parents=True)


def _pipe(path: Path) -> None:
    os.mkfifo(path)


def _link_to_a_device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _broken_link(path: Path) -> None:
    path.symlink_to(path.with_name("ailleurs.yaml"))


def _too_large(path: Path) -> None:
    path.write_bytes(b"roles: []\n" + b"# " + b"x" * 11_000_000 + b"\n")


# (case, file, how to change it: (old, new) text, or a function given the file's path, the message expected)
REFUSED = [
    (
        "yaml syntax error",
        "fr/guide.yaml",
        ("    resume: Il coordonne.", "    resume: Il coordonne : souvent."),
        "fr/guide.yaml:33: YAML syntax error: mapping values are not allowed in this context "
        '(example: put text that contains ": " in quotes: resume: "Note : la salle est fermée")',
    ),
    (
        "tab indentation",
        "fr/guide.yaml",
        ("    categorie: structure", "\tcategorie: structure"),
        "fr/guide.yaml:32: YAML syntax error: a tab is used for indentation (example: indent with spaces only)",
    ),
    (
        "wrong type",
        "fr/guide.yaml",
        ("    titre: Comité de coordination", "    titre: [Comité, coordination]"),
        'fr/guide.yaml:31: outils[1].titre: expected text, got a list (example: titre: "Comité de coordination")',
    ),
    (
        "missing required field",
        "en/guide.yaml",
        ("    resume: It coordinates.\n", ""),
        "en/guide.yaml:30: outils[1]: missing required field 'resume' (example: resume: ",
    ),
    (
        "unknown field",
        "fr/guide.yaml",
        ("    resume: Il coordonne.", "    resumé: Il coordonne."),
        "fr/guide.yaml:33: outils[1].resumé: unknown field 'resumé' (did you mean 'resume'?)",
    ),
    (
        "duplicate id",
        "fr/guide.yaml",
        ("  - id: entente\n", "  - id: espaces\n"),
        "fr/guide.yaml:40: solutions[1].id: 'espaces'",
    ),
    (
        "reference to a missing id",
        "fr/guide.yaml",
        ("    structures: [comite]", "    structures: [comites]"),
        "fr/guide.yaml:27: roles[1].structures[1]: 'comites' is not the id of any of the outils "
        "(did you mean 'comite'?)",
    ),
    (
        "id in one language only",
        "en/guide.yaml",
        ("  - id: entente\n", "  - id: accord\n"),
        "en/guide.yaml:40: solutions[1].id: 'accord' exists in en/ but not in fr/ "
        "(example: add the solutions entry with id: accord to fr/, translated)",
    ),
    (
        "empty file",
        "fr/vide.yaml",
        ("", "# rien encore\n"),
        "fr/vide.yaml:1: the file is empty (example: roles: [...] or a top-level mapping)",
    ),
    (
        "not utf-8",
        "fr/latin1.yaml",
        ("", "roles:\n  - titre: R\xe9sident\n"),
        "fr/latin1.yaml:2: the file is not UTF-8 text (byte 0xE9 cannot be read) "
        "(example: save it as UTF-8 in your editor)",
    ),
    (
        "alias bomb",
        "fr/bombe.yaml",
        ("", BOMB),
        "fr/bombe.yaml:2: b[1]: anchors and aliases (&name, *name) are not allowed (example: write the value out)",
    ),
    (
        "python object tag",
        "fr/objet.yaml",
        ("", "roles: !!python/object/apply:os.system ['touch PWNED']\n"),
        "fr/objet.yaml:1: roles: the YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed "
        "(example: plain text, a list or a mapping)",
    ),
    (
        "very long text",
        "fr/guide.yaml",
        ("    resume: Il coordonne.", "    resume: " + "Il coordonne. " * 400),
        "fr/guide.yaml:33: outils[1].resume: is 5599 characters long, at most 2000 are allowed "
        "(example: split it into shorter paragraphs)",
    ),
    (
        "impossible date in an agreement",
        "fr/guide.yaml",
        ('    date: "2026-11-22"', '    date: "2026-02-30"'),
        "fr/guide.yaml:77: ententes[1].date: '2026-02-30' is not a date of the calendar "
        '(example: date: "2026-11-22")',
    ),
    (
        "impossible date, unquoted",
        "en/guide.yaml",
        ('    date: "2026-11-22"', "    date: 2026-02-30"),
        "en/guide.yaml:77: ententes[1].date: '2026-02-30' is not a date of the calendar "
        '(example: date: "2026-11-22")',
    ),
    (
        "unquoted date as a title",
        "fr/guide.yaml",
        ("    titre: Comité de coordination", "    titre: 2026-01-01"),
        "fr/guide.yaml:31: outils[1].titre: expected text, got a date (2026-01-01): write it in quotes "
        '(example: titre: "Comité de coordination")',
    ),
    (
        "nesting 100,000 levels deep, in flow style",
        "fr/profond.yaml",
        ("", "roles: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        f"fr/profond.yaml:1: {TOO_DEEP}",
    ),
    (
        "nesting deep, in block style",
        "fr/profond.yaml",
        ("", "roles:\n" + "".join(" " * i + "- x:\n" for i in range(0, 200, 2))),
        f"fr/profond.yaml:26: {TOO_DEEP}",
    ),
    (
        "id of 300 characters",
        "fr/guide.yaml",
        ("  - id: entente\n", "  - id: " + "e" * 300 + "\n"),
        "fr/guide.yaml:40: solutions[1].id: is 300 characters long, at most 60 are allowed in an id "
        "(it names files and pages) (example: id: ententes-gestion)",
    ),
    (
        "folder named .yaml",
        "fr/archive.yaml",
        _folder,
        f"fr/archive.yaml: is a folder: {NOT_A_FILE} (example: rename the folder without .yaml)",
    ),
    ("pipe named .yaml", "fr/tube.yaml", _pipe, f"fr/tube.yaml: {NOT_REGULAR}"),
    ("link to /dev/zero", "fr/zero.yaml", _link_to_a_device, f"fr/zero.yaml: {NOT_REGULAR}"),
    (
        "link to nothing",
        "fr/perdu.yaml",
        _broken_link,
        "fr/perdu.yaml: is a link to a file that does not exist (example: remove it, or point it at a file)",
    ),
    (
        "file of 11 MB",
        "fr/enorme.yaml",
        _too_large,
        "fr/enorme.yaml: the file is 11,000,013 bytes long, more than the 10,000,000 a content file may hold "
        "(example: split it into several files)",
    ),
    (
        "nul byte on line 40",
        "fr/guide.yaml",
        ("  - id: entente\n", "  - id: ent\x00ente\n"),
        "fr/guide.yaml:40: the file holds the character U+0000, which YAML does not allow "
        "(example: delete it: it is often invisible, so retype the line)",
    ),
    (
        "100,000 bad entries",
        "fr/nombreux.yaml",
        ("", "roles:\n" + "  - 1\n" * 100_000),
        "fr/nombreux.yaml:100: roles[99]: expected a mapping, got a number\n… and 99901 more errors\n",
    ),
    (
        "terminal escape in a text",
        "fr/guide.yaml",
        ("    resume: Il coordonne.", '    resume: "Il \\e[2J\\e]0;pris\\acoordonne."'),
        "fr/guide.yaml:33: outils[1].resume: holds the control character U+001B, which a page cannot show "
        '(example: remove it (in double quotes, an escape such as "\\e" or "\\x1b" writes one))',
    ),
    (
        "terminal escape and bidirectional override in a key",
        "fr/guide.yaml",
        ("    resume: Il coordonne.", '    resume: Il coordonne.\n    "\\e[31m\\u202eemuser": x'),
        "fr/guide.yaml:34: outils[1].\\x1b[31m\\u202eemuser: unknown field '\\x1b[31m\\u202eemuser' (known fields: ",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = make_project(tmp_path_factory.mktemp("bad"))
    result = build(config)
    assert result.returncode == 0, result.stderr
    return config.parent


def _copy(built: Path, tmp_path: Path) -> Path:
    project = tmp_path / "petit"
    shutil.copytree(built, project, symlinks=True)
    return project


def _change(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    if not old:  # a new file
        path.write_bytes(new.encode("latin-1") if "latin1" in file else new.encode("utf-8"))
        return
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once"
    path.write_text(text.replace(old, new), encoding="utf-8")


_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.rglob("*")
        if p.is_file()
    }


def _limit_memory() -> None:  # an alias bomb must be refused before it could use much memory
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


@pytest.mark.parametrize(("case", "file", "change", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_clearly_and_site_kept(
    built: Path, tmp_path: Path, case: str, file: str, change: tuple[str, str] | Callable[[Path], None], message: str
) -> None:
    project = _copy(built, tmp_path)
    before = _snapshot(project / "site")
    if callable(change):  # what a text cannot make: a folder, a pipe, a link
        change(project / file)
    else:
        _change(project, file, *change)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "guide", "site", "--config-file", str(project / "mkdocs.yml")],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
        preexec_fn=_limit_memory,
        timeout=120,
    )
    assert result.returncode == 1
    assert message in result.stderr, result.stderr[-3000:]
    assert len(result.stderr.splitlines()) < 110  # the first hundred errors, never a flood
    assert not _TERMINAL_CONTROL.search(result.stderr)  # the content's control characters are shown escaped
    assert "Traceback" not in result.stderr and "site was left as it was" in result.stderr
    assert _snapshot(project / "site") == before
    assert not list(project.glob("site.*"))
    assert not (project / "PWNED").exists()
    assert time.monotonic() - started < 30


def test_byte_order_mark_is_accepted(built: Path, tmp_path: Path) -> None:
    project = _copy(built, tmp_path)
    path = project / "fr" / "guide.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = build(project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr


HOSTILE = "Intervenante </title><script>alert(1)</script> <img src=x onerror=alert(2)>"


def test_markup_and_script_links_in_text_are_rendered_inert(built: Path, tmp_path: Path) -> None:
    """Raw HTML and an onerror attribute, in a title (printed in <title> through Material's striptags) and in a
    text field beside a link: accepted, shown as text, never run. (A javascript: link is refused: test_hostile.)"""
    project = _copy(built, tmp_path)
    _change(project, "fr/guide.yaml", "    titre: Intervenante de milieu", f'    titre: "{HOSTILE}"')
    _change(
        project,
        "fr/guide.yaml",
        "    resume: Il coordonne.",
        '    resume: "Il coordonne [clic](https://example.org/) <script>alert(4)</script>"',
    )
    result = build(project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    role = (project / "site" / "roles" / "intervenante" / "index.html").read_text(encoding="utf-8")
    tool = (project / "site" / "outils" / "comite" / "index.html").read_text(encoding="utf-8")
    for page in (role, tool):
        assert "<script>alert" not in page and "onerror=alert" not in page.replace("&lt;img src=x onerror", "")
        assert "javascript:" not in page
    assert "<title>Intervenante &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in role
    assert 'Il coordonne <a href="https://example.org/">clic</a> &lt;script&gt;alert(4)&lt;/script&gt;' in tool
