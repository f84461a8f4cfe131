"""Command line: ``python -m guide check`` validates; ``python -m guide site`` builds ``site/`` safely;
``python -m guide agreement DATA`` writes a filled-in agreement from a network's data file."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from pathlib import Path

from mkdocs.config import load_config

from . import atomic_write, interrupt, mkdocs_child, offline, pipeline, prefill, scratch
from .errors import InvalidContentError
from .settings import Settings, SettingsError


def _settings(config_file: Path) -> Settings:
    return Settings.from_mkdocs(load_config(str(config_file)))


def check(config_file: Path) -> int:
    try:
        pipeline.check(_settings(config_file))
    except (InvalidContentError, SettingsError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print("content OK")
    return 0


def site(config_file: Path, site_dir: Path) -> int:
    """Build into a temporary folder next to ``site_dir``, with the offline copy's zip; replace ``site_dir``
    only on success. Stopped (Ctrl-C, SIGTERM), it stops its children and removes what it wrote."""
    site_dir = site_dir.resolve()
    try:
        with interrupt.raised() as guard:
            if check(config_file):
                print(f"{site_dir} was left as it was.", file=sys.stderr)
                return 1
            return _build_site(config_file, site_dir, guard)
    except interrupt.Interrupted as exc:
        print(f"The build was stopped ({exc}): {site_dir} was left as it was.", file=sys.stderr)
        return exc.exit_code


def _build_site(config_file: Path, site_dir: Path, guard: interrupt.Guard) -> int:
    with ExitStack() as stack:
        try:
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            # site.XXXXXXXX/ holds the new site (site/), the offline copy while it is built, then the old site
            work = stack.enter_context(scratch.folder(site_dir))
        except OSError as exc:
            print(
                f"{site_dir.parent}: the new build cannot be written there ({exc.strerror or exc}): "
                f"{site_dir} was left as it was.",
                file=sys.stderr,
            )
            return 1
        new = work / "site"
        args = ["build", "--strict", "--config-file", str(config_file), "--site-dir", str(new)]
        # the offline copy (a second build, zipped into the site) only once the site itself is built
        if mkdocs_child.run(args)[0] != 0 or not offline.build(config_file, new, work):
            print(f"The build failed: {site_dir} was left as it was.", file=sys.stderr)
            return 1
        guard.hold()  # from here, stopping would be worse than finishing: the swap takes a moment
        try:
            scratch.replace(site_dir, new, work / "ancien")
        except OSError as exc:
            print(
                f"{site_dir} could not be replaced ({exc.strerror or exc}): "
                "it was left as it was, the new build removed.",
                file=sys.stderr,
            )
            return 1
    print(f"Site built in {site_dir}")
    return 0


def agreement(
    config_file: Path, data: Path, langue: str | None, fmt: str | None, output: Path | None, force: bool = False
) -> int:
    """Write the agreement a data file asks for, whole or not at all; on a bad data file, print every error and
    write nothing. An existing file is replaced only when it is the default output (a re-run) or ``force`` says
    so; the data file itself, never."""
    try:
        return _agreement(config_file, data, langue, fmt, output, force)
    except KeyboardInterrupt:  # the file being written is removed on the way out
        print("Stopped: nothing was written.", file=sys.stderr)
        return 130


def _agreement(
    config_file: Path, data: Path, langue: str | None, fmt: str | None, output: Path | None, force: bool
) -> int:
    # what no data file can make right is told with the data file's errors
    early = _target_problem(output, data, replace=True) if output is not None else None
    try:
        settings = _settings(config_file)
        request = prefill.read_request(data, settings, langue, fmt)
    except (InvalidContentError, SettingsError) as exc:
        print(exc, file=sys.stderr)
        if early:
            print(early, file=sys.stderr)
        return 1
    default = prefill.default_output(data, request)
    target = output or default
    replace = force or output is None or os.path.realpath(output) == os.path.realpath(default)
    problem = _target_problem(target, data, replace, default.name)
    if problem:  # told before the rendering, which takes seconds
        print(problem, file=sys.stderr)
        return 1
    try:
        atomic_write.write(target, prefill.fill(request, settings), replace, keep=[data])
    except atomic_write.WriteError as exc:
        print(_advice(exc, target, data, default.name), file=sys.stderr)
        return 1
    print(f"{target} written ({request.entity[request.variant.langs[0]].id}, {request.variant.name}, {request.format})")
    return 0


def _target_problem(target: Path, data: Path, replace: bool, name: str | None = None) -> str | None:
    try:
        atomic_write.check_target(target, replace, keep=[data])
    except atomic_write.WriteError as exc:
        return _advice(exc, target, data, name)
    return None


def _advice(exc: atomic_write.WriteError, target: Path, data: Path, name: str | None) -> str:
    """What went wrong with the file to write, and what to do about it, in the Makefile's words."""
    if isinstance(exc, atomic_write.TargetKeptError):
        same = os.path.abspath(target) == os.path.abspath(data)
        return f"{target} is the data file{'' if same else f' {data}'}: give another OUT"
    if isinstance(exc, atomic_write.TargetExistsError):
        return f"{exc}: give another OUT, or FORCE=1 to replace it"
    if isinstance(exc, atomic_write.TargetError):
        example = f" (example: OUT={target / (name or data.stem + '.pdf')})" if target.is_dir() else ""
        return f"{exc}: give another OUT{example}"
    return str(exc)


EXAMPLE_DATA = "scripts/exemples/reseau-exemple.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide", description=__doc__)
    parser.add_argument("command", choices=["check", "site", "agreement"])
    parser.add_argument("data", nargs="?", type=Path, help=f"agreement: the data file (example: {EXAMPLE_DATA})")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--langue", help="agreement: fr, en or fr-en (both columns); overrides the data file")
    parser.add_argument("--format", dest="fmt", help="agreement: pdf, docx or html; overrides the data file")
    parser.add_argument(
        "-o", "--sortie", type=Path, help="agreement: the file to write (next to the data file if omitted)"
    )
    parser.add_argument("--force", action="store_true", help="agreement: replace the file to write if it exists")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.config_file)
    if args.command == "agreement":
        if args.data is None:
            parser.error(f"agreement needs a data file (example: python -m guide agreement {EXAMPLE_DATA})")
        return agreement(args.config_file, args.data, args.langue, args.fmt, args.sortie, args.force)
    return site(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
