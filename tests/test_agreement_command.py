"""``python -m guide agreement`` used carelessly or with hostile intent: every broken data file, every
dangerous place to write, is refused with one clear message, no traceback, and nothing written."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from guide.agreements import atomic_write
from sites import ROOT, make_project

GOOD = "entente: salle\nchamps:\n  lieu: ici\n"


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture content, its agreement given a number blank (``duree``) in both languages."""
    config = make_project(tmp_path_factory.mktemp("commande"))
    for lang, label, clause, anchor in (
        ("fr", "Durée en mois", "Elle dure [[duree]] mois.", "Elle entre en vigueur le [[debut]]."),
        ("en", "Length in months", "It lasts [[duree]] months.", "It comes into force on [[debut]]."),
    ):
        path = config.parent / lang / "guide.yaml"
        text = path.read_text(encoding="utf-8")
        text = text.replace("type: date}\n", f"type: date}}\n      - {{id: duree, libelle: {label}, type: nombre}}\n")
        text = text.replace(f"          - {anchor}\n", f"          - {anchor}\n          - {clause}\n")
        path.write_text(text, encoding="utf-8")
    return config


def run(config: Path, work: Path, *args: str, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess:
    """The command as ``make agreement`` runs it, from the data file's folder."""
    return subprocess.run(
        [sys.executable, "-m", "guide", "agreement", *args, "--config-file", str(config)],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,  # a data file that is a pipe must not make it wait
        preexec_fn=preexec,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (hidden temporary files too), links and special files not followed."""
    found = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(parent, name)
            key = path.relative_to(folder).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[key] = "-> " + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest() + f" {info.st_mtime_ns} {info.st_mode:o}"
            else:
                found[key] = f"mode {info.st_mode:o}"
    return found


def _limit_file_size() -> None:
    """A disk that takes 2,000 bytes per file: a write past them fails with EFBIG (SIGXFSZ ignored)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


@dataclass
class Case:
    """One way to misuse the command: a data file (text, bytes, or None to leave it to ``setup``), the exact
    lines it must print, the arguments, what else is in the folder, and the limits it runs under."""

    id: str
    data: str | bytes | None
    message: str  # one line or several
    args: tuple[str, ...] = ()
    setup: Callable[[Path], None] | None = None
    preexec: Callable[[], None] | None = None


def _existing(name: str) -> Callable[[Path], None]:
    return lambda work: (work / name).write_text("keep me\n", encoding="utf-8")


def _folder(work: Path) -> None:
    (work / "dossier").mkdir()


def _links_to_data(work: Path) -> None:
    (work / "lien.yaml").symlink_to("reseau.yaml")
    os.link(work / "reseau.yaml", work / "dur.yaml")


def _device_link(work: Path) -> None:
    (work / "nul.pdf").symlink_to("/dev/null")


def _old_agreement(work: Path) -> None:
    (work / "sub").mkdir()
    (work / "sub" / "out.html").write_text("the old agreement\n", encoding="utf-8")


def _data_folder(work: Path) -> None:
    (work / "reseau.yaml").mkdir()


def _data_fifo(work: Path) -> None:
    os.mkfifo(work / "reseau.yaml")


def _data_zero(work: Path) -> None:
    (work / "reseau.yaml").symlink_to("/dev/zero")


def _data_huge(work: Path) -> None:
    with (work / "reseau.yaml").open("wb") as out:
        out.write(b"entente: salle\n")
        out.truncate(2_000_000)


DATA_SHOWN = "(example: make agreement DATA=scripts/exemples/reseau-exemple.yaml)"
NESTED = "entente: salle\nchamps:\n  lieu: " + "[" * 100_000 + "]" * 100_000 + "\n"

CASES = [
    # what names the agreement, its language and format
    Case("entente-list", "entente: [1, 2]\n",
         "reseau.yaml:1: entente: expected one of salle, got a list (example: entente: salle)"),
    Case("entente-mapping-and-nothing-else", "entente: {id: salle}\nchamps:\n  lieu: ici\nretirer: [horaire]\n",
         "1 content error:\n"
         "reseau.yaml:1: entente: expected one of salle, got a mapping (example: entente: salle)"),
    Case("langue-list", "entente: salle\nlangue: [fr, en]\n",
         "reseau.yaml:2: langue: expected one of fr, en, fr-en, got a list (example: langue: fr)"),
    Case("langue-bool", "entente: salle\nlangue: yes\n",
         "reseau.yaml:2: langue: expected one of fr, en, fr-en, got true/false (example: langue: fr)"),
    Case("format-number", "entente: salle\nformat: 1\n",
         "reseau.yaml:2: format: expected one of pdf, docx, html, got a number (example: format: pdf)"),
    Case("langue-command-line", GOOD,
         "command line: langue: expected one of fr, en, fr-en, got 'es'", ("--language", "es")),
    Case("docx-two-languages-data", "entente: salle\nlangue: fr-en\nformat: docx\n",
         "reseau.yaml:3: format: a DOCX file holds one language (example: format: pdf or html)"),
    Case("docx-command-line", "entente: salle\nlangue: fr-en\n",
         "command line: a DOCX file holds one language, not fr-en (example: LANGUE=fr, or FORMAT=pdf)",
         ("--format", "docx")),
    Case("two-languages-command-line", "entente: salle\nformat: docx\n",
         "command line: a DOCX file holds one language, not fr-en (example: LANGUE=fr, or FORMAT=pdf)",
         ("--language", "fr-en")),
    # the shape of the file
    Case("top-list", "[entente, salle]\n",
         "reseau.yaml:1: expected a mapping (entente: …, champs: …), got a list (example: entente: salle)"),
    Case("top-text", "salle\n",
         "reseau.yaml:1: expected a mapping (entente: …, champs: …), got text (example: entente: salle)"),
    Case("empty", "", "reseau.yaml:1: the file is empty (example: entente: espace-communautaire)"),
    Case("comments-only", "# entente: salle\n---\n",
         "reseau.yaml:1: the file is empty (example: entente: espace-communautaire)"),
    Case("not-utf8", b"entente: salle\nchamps:\n  lieu: caf\xe9\n",
         "reseau.yaml:3: the file is not UTF-8 text (byte 0xE9 cannot be read) "
         "(example: save it as UTF-8 in your editor)"),
    Case("nested-deep", NESTED,  # the loader's limit, and its words: past it, its stack would overflow
         "reseau.yaml:3: lists and mappings are nested more than 50 levels deep (example: the content needs a few "
         "levels: close each [ and { you open, and check the indentation)"),
    Case("key-number", "entente: salle\n1: x\n",
         "reseau.yaml:2: 1: unknown field '1' (known fields: entente, langue, format, champs, retirer)"),
    Case("key-bool", "entente: salle\nchamps:\n  yes: x\n",
         "reseau.yaml:3: champs.yes: unknown field 'yes' (known fields: lieu, debut, duree)"),
    Case("key-list", "entente: salle\n? [a]\n: x\n",
         "reseau.yaml:2: a key must be a plain word (example: titre: ...)"),
    Case("champs-list", "entente: salle\nchamps: [lieu]\n",
         "reseau.yaml:2: champs: expected a mapping, got a list (example: champs: {lieu: …})"),
    Case("champs-text", "entente: salle\nchamps: ici\n",
         "reseau.yaml:2: champs: expected a mapping, got text (example: champs: {lieu: …})"),
    Case("retirer-text", "entente: salle\nretirer: horaire\n",
         "reseau.yaml:2: retirer: expected a list, got text (example: retirer: [horaire])"),
    Case("retirer-required", "entente: salle\nretirer: [objet]\n",
         "reseau.yaml:2: retirer[1]: 'objet' is not an optional section of salle: only horaire can be left out "
         "(example: retirer: [horaire])"),
    Case("retirer-unknown", "entente: salle\nretirer: [horaire, zut, 3]\n",
         "reseau.yaml:2: retirer[2]: expected an optional section of salle (horaire), got 'zut' "
         "(example: retirer: [horaire])\n"
         "reseau.yaml:2: retirer[3]: expected an optional section of salle (horaire), got a number "
         "(example: retirer: [horaire])"),
    # the blanks' values
    Case("date-impossible", "entente: salle\nchamps:\n  debut: 2027-02-30\n",
         "reseau.yaml:3: champs.debut: '2027-02-30' is not a date of the calendar (example: debut: 2027-01-01)"),
    Case("date-impossible-quoted", "entente: salle\nchamps:\n  debut: '2027-02-30'\n",
         "reseau.yaml:3: champs.debut: '2027-02-30' is not a date of the calendar (example: debut: 2027-01-01)"),
    Case("date-year-zero", "entente: salle\nchamps:\n  debut: {fr: 0000-01-01, en: 2027-01-01}\n",
         "reseau.yaml:3: champs.debut.fr: '0000-01-01' is not a date of the calendar (example: fr: 2027-01-01)"),
    Case("date-with-time", "entente: salle\nchamps:\n  debut: 2027-01-01 10:00:00\n",
         "reseau.yaml:3: champs.debut: expected a date written YYYY-MM-DD, without a time, got 2027-01-01 10:00:00 "
         "(example: debut: 2027-01-01)"),
    Case("date-compact", "entente: salle\nchamps:\n  debut: '20270101'\n",
         "reseau.yaml:3: champs.debut: expected a date written YYYY-MM-DD, got '20270101' "
         "(example: debut: 2027-01-01)"),
    Case("number-negative", "entente: salle\nchamps:\n  duree: -5\n",
         "reseau.yaml:3: champs.duree: expected zero or more, got -5 (example: duree: 30)"),
    Case("number-nan", "entente: salle\nchamps:\n  duree: .nan\n",
         "reseau.yaml:3: champs.duree: expected a number written with digits only, got .nan (not a number) "
         "(example: duree: 30)"),
    Case("number-inf", "entente: salle\nchamps:\n  duree: .inf\n",
         "reseau.yaml:3: champs.duree: expected a number written with digits only, got .inf (infinite) "
         "(example: duree: 30)"),
    Case("number-minus-inf", "entente: salle\nchamps:\n  duree: -.inf\n",
         "reseau.yaml:3: champs.duree: expected a number written with digits only, got -.inf (infinite) "
         "(example: duree: 30)"),
    Case("number-huge", "entente: salle\nchamps:\n  duree: 1.0e+300\n",
         "reseau.yaml:3: champs.duree: expected a number below 1 000 000 000 000 000, got 1e+300 "
         "(example: duree: 30)"),
    Case("number-too-many-digits", "entente: salle\nchamps:\n  duree: " + "9" * 5000 + "\n",
         "reseau.yaml:3: champs.duree: expected a number below 1 000 000 000 000 000, got one of 5000 digits "
         "(example: duree: 30)"),
    Case("number-quoted", "entente: salle\nchamps:\n  duree: '30'\n",
         "reseau.yaml:3: champs.duree: expected a number, got the text '30': write it without quotes "
         "(example: duree: 30)"),
    Case("number-text", "entente: salle\nchamps:\n  duree: 2 000 000 $\n",
         "reseau.yaml:3: champs.duree: expected a number written with digits only, got '2 000 000 $' "
         "(example: duree: 30)"),
    Case("number-bool", "entente: salle\nchamps:\n  duree: yes\n",
         "reseau.yaml:3: champs.duree: expected a number written with digits only, got true/false "
         "(example: duree: 30)"),
    Case("text-number", "entente: salle\nchamps:\n  lieu: 12\n",
         'reseau.yaml:3: champs.lieu: expected text, got a number: write it in quotes (example: lieu: "12")'),
    Case("text-control", 'entente: salle\nformat: docx\nchamps:\n  lieu: "salle\\a3"\n',
         "reseau.yaml:4: champs.lieu: contains U+0007, an invisible character that cannot be printed: remove it"),
    Case("text-nul", 'entente: salle\nchamps:\n  lieu: {fr: "ici\\0", en: here}\n',
         "reseau.yaml:3: champs.lieu.fr: contains U+0000, an invisible character that cannot be printed: remove it"),
    Case("text-bidi-override", 'entente: salle\nchamps:\n  lieu: "salle \\u202e3 \\u202c"\n',
         "reseau.yaml:3: champs.lieu: contains U+202E, an invisible character that cannot be printed: remove it"),
    Case("text-escape", 'entente: salle\nchamps:\n  lieu: "\\e[31mrouge"\n',
         "reseau.yaml:3: champs.lieu: contains U+001B, an invisible character that cannot be printed: remove it"),
    # what the data file is
    Case("data-missing", None, f"reseau.yaml: no such data file {DATA_SHOWN}"),
    Case("data-folder", None, f"reseau.yaml: is a folder, not a data file {DATA_SHOWN}", setup=_data_folder),
    Case("data-fifo", None,
         f"reseau.yaml: is not a regular file (a device, a pipe or a socket), not a data file {DATA_SHOWN}",
         setup=_data_fifo),
    Case("data-dev-zero", None,
         f"reseau.yaml: is not a regular file (a device, a pipe or a socket), not a data file {DATA_SHOWN}",
         setup=_data_zero),
    Case("data-huge", None,
         f"reseau.yaml: is 2 000 000 bytes long: a data file is at most 1 000 000; is it the right file? {DATA_SHOWN}",
         setup=_data_huge),
    # where to write
    Case("out-exists", GOOD, "Makefile already exists: give another OUT, or FORCE=1 to replace it",
         ("-o", "Makefile"), _existing("Makefile")),
    Case("out-is-data", GOOD, "reseau.yaml is the data file: give another OUT", ("-o", "reseau.yaml", "--force")),
    Case("out-is-data-by-dots", GOOD, "sub/../reseau.yaml is the data file: give another OUT",
         ("-o", "sub/../reseau.yaml", "--force")),
    Case("out-is-data-absolute", GOOD, "{work}/reseau.yaml is the data file: give another OUT",
         ("-o", "{work}/reseau.yaml", "--force")),
    Case("out-is-data-symlink", GOOD, "lien.yaml is the data file reseau.yaml: give another OUT",
         ("-o", "lien.yaml", "--force"), _links_to_data),
    Case("out-is-data-hard-link", GOOD, "dur.yaml is the data file reseau.yaml: give another OUT",
         ("-o", "dur.yaml", "--force"), _links_to_data),
    Case("out-folder", GOOD, "dossier is a folder: give another OUT (example: OUT=dossier/reseau-fr.pdf)",
         ("-o", "dossier", "--force"), _folder),
    Case("out-empty", GOOD, ". is a folder: give another OUT (example: OUT=reseau-fr.pdf)", ("-o", "")),
    Case("out-dev-full", GOOD, "/dev/full is not a regular file (a device, a pipe or a socket): give another OUT",
         ("-o", "/dev/full", "--force")),
    Case("out-link-to-device", GOOD,
         "nul.pdf is not a regular file (a device, a pipe or a socket): give another OUT",
         ("-o", "nul.pdf", "--force"), _device_link),
    Case("out-under-a-file", GOOD,
         "Makefile/a/x.pdf cannot be written: a part of its path is a file, not a folder: give another OUT",
         ("-o", "Makefile/a/x.pdf"), _existing("Makefile")),
    Case("out-disk-full", GOOD,
         "could not write out.html: the file is larger than this system allows (nothing was written)",
         ("--format", "html", "-o", "out.html"), preexec=_limit_file_size),
    Case("out-disk-full-replacing", GOOD,
         "could not write sub/out.html: the file is larger than this system allows (nothing was written)",
         ("--format", "html", "-o", "sub/out.html", "--force"), _old_agreement, _limit_file_size),
    Case("out-default-disk-full", GOOD,
         "could not write reseau-fr.html: the file is larger than this system allows (nothing was written)",
         ("--format", "html"), _existing("reseau-fr.html"), _limit_file_size),
    Case("data-and-out-together", "entente: sale\n",
         "reseau.yaml:1: entente: expected one of salle, got 'sale' (example: entente: salle)\n"
         "dossier is a folder: give another OUT (example: OUT=dossier/reseau.pdf)",
         ("-o", "dossier"), _folder),
]  # fmt: skip


@pytest.mark.build
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused_clearly_and_nothing_written(config: Path, tmp_path: Path, case: Case) -> None:
    work = tmp_path / "reseau"
    work.mkdir()
    if isinstance(case.data, str):
        (work / "reseau.yaml").write_text(case.data, encoding="utf-8")
    elif case.data is not None:
        (work / "reseau.yaml").write_bytes(case.data)
    if case.setup:
        case.setup(work)
    before = snapshot(work)
    args = [a.replace("{work}", str(work)) for a in case.args]
    result = run(config, work, "reseau.yaml", *args, preexec=case.preexec)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    for line in case.message.replace("{work}", str(work)).splitlines():
        assert line in lines, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert snapshot(work) == before


@pytest.mark.build
def test_a_rerun_replaces_the_default_output_and_force_replaces_another(config: Path, tmp_path: Path) -> None:
    data = tmp_path / "reseau.yaml"
    data.write_text(GOOD, encoding="utf-8")
    for _ in range(2):
        result = run(config, tmp_path, "reseau.yaml", "--format", "html")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "reseau-fr.html written (salle, fr, html)\n"
    # OUT naming the default output is a re-run too
    assert run(config, tmp_path, "reseau.yaml", "--format", "html", "-o", "./reseau-fr.html").returncode == 0
    other = tmp_path / "autre.html"
    other.write_text("old\n", encoding="utf-8")
    other.chmod(0o640)
    result = run(config, tmp_path, "reseau.yaml", "--format", "html", "-o", "autre.html", "--force")
    assert result.returncode == 0, result.stderr
    assert "<!DOCTYPE html>" in other.read_text(encoding="utf-8")
    assert other.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
    # a link to a file writes the file, and stays a link
    (tmp_path / "lien.html").symlink_to("autre.html")
    other.write_text("old\n", encoding="utf-8")
    assert run(config, tmp_path, "reseau.yaml", "--format", "html", "-o", "lien.html", "--force").returncode == 0
    assert (tmp_path / "lien.html").is_symlink() and "<!DOCTYPE html>" in other.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autre.html", "lien.html", "reseau-fr.html", "reseau.yaml"]


@pytest.mark.build
def test_missing_folders_of_out_are_made(config: Path, tmp_path: Path) -> None:
    (tmp_path / "reseau.yaml").write_text(GOOD, encoding="utf-8")
    result = run(config, tmp_path, "reseau.yaml", "--format", "html", "-o", "a/b/entente.html")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a" / "b" / "entente.html").is_file()
    assert (tmp_path / "a" / "b" / "entente.html").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _Tags(HTMLParser):
    """The elements of a page, and the event-handler attributes (onerror=…) on any of them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


HOSTILE = "</span><script>alert(1)</script><img src=x onerror=alert(2)> & \"q\" 'a' **gras** [lien](javascript:x)"


@pytest.mark.build
def test_markup_in_values_is_printed_as_text_never_run(config: Path, tmp_path: Path) -> None:
    data = tmp_path / "reseau.yaml"
    value = HOSTILE.replace("[lien](javascript:x)", "[lien]")  # a link to a script is refused outright
    data.write_text(f"entente: salle\nchamps:\n  lieu: {json.dumps(value)}\n  duree: 0\n", encoding="utf-8")
    result = run(config, tmp_path, "reseau.yaml", "--format", "html", "--language", "fr-en")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "reseau-fr-en.html").read_text(encoding="utf-8")
    tags = _Tags()
    tags.feed(html)
    assert not {"script", "img", "iframe", "object"} & tags.names and not tags.handlers  # nothing that can run
    assert html.count("&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    text = re.sub(r"<[^>]+>", "", html)
    assert "Elle dure 0 mois." in text and "It lasts 0 months." in text
    result = run(config, tmp_path, "reseau.yaml")
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "reseau-fr.pdf").pages)
    assert "<script>alert(1)</script>" in re.sub(r"\s+", " ", text)
    result = run(config, tmp_path, "reseau.yaml", "--format", "docx", "--language", "en")
    assert result.returncode == 0, result.stderr
    paragraphs = " ".join(p.text for p in docx.Document(str(tmp_path / "reseau-en.docx")).paragraphs)
    assert "<script>alert(1)</script>" in paragraphs and "It lasts 0 months." in paragraphs


def test_makefile_passes_force_only_when_asked() -> None:
    def dry_run(*extra: str) -> str:
        args = ["make", "-n", "-o", ".venv/.installed", "agreement", "DATA=x.yaml", "OUT=y.pdf", *extra]
        return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True).stdout

    assert '--output "y.pdf" --force' in dry_run("FORCE=1")
    assert "--force" not in dry_run() and "--force" not in dry_run("FORCE=0")


# atomic_write on its own: the failures the command cannot easily be made to meet


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "entente.pdf"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_write.os, "fsync", full)
    with pytest.raises(atomic_write.WriteError) as caught:
        atomic_write.write(target, b"new" * 1000, replace=True)
    assert str(caught.value) == f"could not write {target}: the disk is full (nothing was written)"
    assert target.read_bytes() == b"old" and sorted(tmp_path.iterdir()) == [target]


def test_a_failed_write_removes_the_folders_it_made(tmp_path: Path, monkeypatch) -> None:
    def denied(fd: int) -> None:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(atomic_write.os, "fsync", denied)
    with pytest.raises(atomic_write.WriteError, match="permission denied"):
        atomic_write.write(tmp_path / "a" / "b" / "entente.pdf", b"new", replace=False)
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "entente.pdf"
    real = atomic_write.os.fsync

    def meanwhile(fd: int) -> None:
        real(fd)
        target.write_bytes(b"someone else's")

    monkeypatch.setattr(atomic_write.os, "fsync", meanwhile)
    with pytest.raises(atomic_write.TargetExistsError):
        atomic_write.write(target, b"new", replace=False)
    assert target.read_bytes() == b"someone else's" and sorted(tmp_path.iterdir()) == [target]
