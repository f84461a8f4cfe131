"""Command line: ``python -m guide check`` validates; ``python -m guide site`` builds ``site/`` safely;
``python -m guide agreement DATA`` writes a filled-in agreement from a network's data file."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config import load_config

from . import offline, pipeline, prefill
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
    only on success."""
    if check(config_file):
        print(f"{site_dir} was left as it was.", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=site_dir.name + ".", dir=site_dir.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the site is for everyone to read
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config_file),
        "--site-dir",
        str(tmp),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # the offline copy (a second build, zipped into the site) only once the site itself is built
    if subprocess.run(cmd, env=env).returncode != 0 or not offline.build(config_file, tmp):
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"The build failed: {site_dir} was left as it was.", file=sys.stderr)
        return 1
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    tmp.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Site built in {site_dir}")
    return 0


def agreement(config_file: Path, data: Path, langue: str | None, fmt: str | None, output: Path | None) -> int:
    """Write the agreement a data file asks for; on a bad data file, print every error and write nothing."""
    if not data.is_file():
        print(f"{data}: no such data file (example: make agreement DATA={EXAMPLE_DATA})", file=sys.stderr)
        return 1
    try:
        settings = _settings(config_file)
        request = prefill.read_request(data, settings, langue, fmt)
        content = prefill.fill(request, settings)
    except (InvalidContentError, SettingsError) as exc:
        print(exc, file=sys.stderr)
        return 1
    output = output or prefill.default_output(data, request)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(content)
    print(f"{output} written ({request.entity[request.variant.langs[0]].id}, {request.variant.name}, {request.format})")
    return 0


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
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.config_file)
    if args.command == "agreement":
        if args.data is None:
            parser.error(f"agreement needs a data file (example: python -m guide agreement {EXAMPLE_DATA})")
        return agreement(args.config_file, args.data, args.langue, args.fmt, args.sortie)
    return site(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
