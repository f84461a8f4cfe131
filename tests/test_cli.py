"""The command line, ``python -m guide {check,site,agreement,status,schema}``: each subcommand's help, a wrong
setting told without a traceback, and the Makefile's targets calling it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guide.__main__ import main, parser
from guide.jsonschema import SCHEMA_FILE
from sites import ROOT, make_project

ENV = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
COMMANDS = ["check", "site", "agreement", "status", "schema"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide", *args], cwd=cwd, capture_output=True, text=True, env=ENV)


@pytest.mark.build
def test_the_command_lists_its_subcommands() -> None:
    result = run("--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m guide [-h] COMMAND ...")
    section = result.stdout.split("commands:\n  COMMAND\n", 1)[1].split("\n\n")[0]
    assert [line.split()[0] for line in section.splitlines() if line[4] != " "] == COMMANDS
    assert "python -m guide COMMAND --help" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_subcommand_has_its_help_and_an_example(command: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"usage: python -m guide {command} ")
    assert f"examples:\n  python -m guide {command}" in shown
    assert ("--config-file" in shown) == (command != "schema")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["agreement"], "the following arguments are required: DATA"),
        (["status", "--accept", "roles/a", "--accept-all"], "--accept-all: not allowed with argument --accept"),
        (["agreement", "x.yaml", "--langue", "fr"], "unrecognized arguments: --langue fr"),
        (["build"], "argument COMMAND: invalid choice: 'build'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_a_wrong_command_line_is_a_usage_error(args: list[str], said: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert said in capsys.readouterr().err


@pytest.fixture(scope="module")
def wrong(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose extra.guide has two mistakes in mkdocs.yml, with a good data file for an agreement."""
    config = make_project(tmp_path_factory.mktemp("reglages"))
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["extra"]["guide"]["languages"]["en"] = {"locale": "xx_YY"}
    data["extra"]["guide"]["bilingual"] = ["fr-es"]
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (config.parent / "reseau.yaml").write_text("entente: salle\n", encoding="utf-8")
    return config


WRONG = [
    "mkdocs.yml: extra.guide.languages.en.locale: 'xx_YY' is not a locale Babel knows "
    "(example: locale: fr_CA, en_CA or es_ES)",
    "mkdocs.yml: extra.guide.bilingual: 'fr-es' is not two languages of the guide (fr, en) joined by a hyphen "
    "(example: bilingual: [fr-en])",
]


@pytest.mark.build
@pytest.mark.parametrize(
    ("args", "after"),
    [
        (["check"], []),
        (["site"], ["site was left as it was."]),
        (["agreement", "reseau.yaml"], []),
        (["status"], []),
    ],
    ids=["check", "site", "agreement", "status"],
)
def test_a_wrong_setting_is_told_without_a_traceback(wrong: Path, args: list[str], after: list[str]) -> None:
    result = run(*args, "--config-file", str(wrong), cwd=wrong.parent)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[: len(WRONG)] == WRONG, result.stderr
    assert [line.rsplit("/", 1)[-1] for line in lines[len(WRONG) :]] == after
    assert result.stdout == ""
    assert not (wrong.parent / "site").exists() and not list(wrong.parent.glob("reseau-*"))


def test_a_missing_config_file_is_told_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "nulle-part.yml"
    assert main(["check", "--config-file", str(missing)]) == 1
    assert capsys.readouterr().err == f"Config file '{missing}' does not exist.\n"


@pytest.mark.build
def test_a_wrong_mkdocs_setting_is_told_by_mkdocs_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: [1]\n", encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Config value 'site_name'" in result.stderr
    assert result.stderr.endswith("mkdocs.yml: Aborted with a configuration error!\n")


def test_schema_rewrites_the_committed_schema_identically(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    output = tmp_path / "contenu.schema.json"
    assert main(["schema", str(output)]) == 0
    assert capsys.readouterr().out == f"wrote {output}\n"
    assert output.read_bytes() == (ROOT / SCHEMA_FILE).read_bytes()
    assert parser().parse_args(["schema"]).output == ROOT / SCHEMA_FILE  # where it goes by default


@pytest.mark.build
def test_status_prints_what_make_status_printed(tmp_path: Path) -> None:
    """The lines ``python -m guide.status`` printed on this fixture, before it became a subcommand."""
    config = make_project(tmp_path)
    result = run("status", "--config-file", str(config), cwd=config.parent)
    assert result.returncode == 0, result.stderr
    unstamped = "no translation stamp yet (make status ACCEPT=kind/id)"
    # its readability section (tests/test_readability.py) aside
    lines = [line for line in result.stdout.splitlines() if not line.startswith(("readability ", "  "))]
    assert lines == [
        f"en/guide.yaml:1: modele/modele: {unstamped}",
        f"en/guide.yaml:22: roles/intervenante: {unstamped}",
        f"en/guide.yaml:30: outils/comite: {unstamped}",
        f"en/guide.yaml:35: controverses/espaces: {unstamped}",
        f"en/guide.yaml:40: solutions/entente: {unstamped}",
        f"en/guide.yaml:49: glossaire/hlm: {unstamped}",
        f"en/guide.yaml:54: chapitres/reseau: {unstamped}",
        f"en/guide.yaml:66: chapitres/apercu: {unstamped}",
        f"en/guide.yaml:73: ententes/salle: {unstamped}",
        "10 entries: 0 missing, 0 identical, 0 stale, 9 not stamped",
    ]
    result = run("status", "--config-file", str(config), "--accept", "roles/intervenante", "outils/comite")
    assert result.stdout.splitlines()[:2] == [
        "stamped en/guide.yaml: roles/intervenante",
        "stamped en/guide.yaml: outils/comite",
    ]
    assert result.stdout.splitlines()[-1] == "10 entries: 0 missing, 0 identical, 0 stale, 7 not stamped"


def dry_run(target: str, *variables: str) -> str:
    """The command a Makefile target runs, without running it."""
    args = ["make", "--no-print-directory", "-n", "-o", ".venv/.installed", target, *variables]
    # run by `make test`, this make is a child of another: it must not inherit its flags and level
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, env=env).stdout


def test_the_makefile_runs_the_subcommands() -> None:
    assert "-m guide check\n" in dry_run("check")
    assert "-m guide site\n" in dry_run("site")
    assert dry_run("status").endswith("-m guide status \n")
    assert "-m guide status --accept roles/a outils/b\n" in dry_run("status", "ACCEPT=roles/a outils/b")
    assert "-m guide status --accept-all\n" in dry_run("status", "ACCEPT=all")
    command = dry_run("agreement", "DATA=x.yaml", "LANGUE=en", "FORMAT=docx", "OUT=y.docx").replace("\\\n", "")
    assert '-m guide agreement "x.yaml" --language "en" --format "docx" --output "y.docx"' in " ".join(command.split())
