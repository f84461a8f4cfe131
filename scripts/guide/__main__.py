"""The guide's command line: ``python -m guide COMMAND``, a subcommand for each job (``check``, ``site``,
``agreement``, ``status``, ``schema``), which the Makefile's targets run. ``python -m guide COMMAND --help`` says
what each one does, with an example."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from contextlib import ExitStack
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from . import handover, interrupt, jsonschema, mkdocs_child, offline, pipeline, scratch
from . import status as translations
from .agreements import atomic_write, prefill
from .errors import InvalidContentError
from .render import TemplateError
from .settings import Settings, SettingsError


def _settings(config_file: Path) -> Settings:
    try:
        config = load_config(str(config_file))
    except MkDocsException as exc:  # MkDocs has logged what is wrong with its own settings, if that is it
        said = exc.message if str(config_file) in exc.message else f"{config_file}: {exc.message}"
        raise SettingsError([said]) from None
    return Settings.from_mkdocs(config)


def check(config_file: Path) -> int:
    try:
        notices = pipeline.check(_settings(config_file))
    except (InvalidContentError, SettingsError) as exc:
        print(exc, file=sys.stderr)
        return 1
    for line in notices:  # the readability report: a notice, never a failure
        print(line)
    print("content OK")
    return 0


def site(config_file: Path, site_dir: Path) -> int:
    """Validate and generate the pages, and build the site and its offline copy side by side into a temporary
    folder next to ``site_dir``, with the offline copy's zip; replace ``site_dir`` only on success. The builds
    start while the pages are generated, and take them when they are (handover.py). Stopped (Ctrl-C, SIGTERM),
    it stops its children and removes what it wrote."""
    site_dir = site_dir.resolve()
    try:
        with interrupt.raised() as guard:
            try:
                settings = _settings(config_file)
            except SettingsError as exc:
                print(exc, file=sys.stderr)
                print(f"{site_dir} was left as it was.", file=sys.stderr)
                return 1
            return _build_site(config_file, site_dir, guard, settings)
    except interrupt.Interrupted as exc:
        print(f"The build was stopped ({exc}): {site_dir} was left as it was.", file=sys.stderr)
        return exc.exit_code


def _generate(settings: Settings) -> pipeline.Generation | None:
    """The pages generated once for both builds, as ``make check`` would pass them; None, once every error is
    told: on an error, ``make check``'s pass finds them all (content, termbase, labels, templates, citation)."""
    try:
        generation = pipeline.generate(settings, report=True)
    except (InvalidContentError, TemplateError) as stopped:
        print(_every_error(settings) or stopped, file=sys.stderr)
        return None
    for line in generation.readability:  # a notice, never a failure
        print(line)
    print("content OK")
    return generation


def _every_error(settings: Settings) -> InvalidContentError | None:
    """Every error of every kind, as ``make check`` tells them: the generation stops at the first kind."""
    try:
        pipeline.check(settings)
    except InvalidContentError as exc:
        return exc
    return None


def _build_site(config_file: Path, site_dir: Path, guard: interrupt.Guard, settings: Settings) -> int:
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
        new, copy = work / "site", work / "hors-ligne" / offline.NAME
        handed = work / "generation.json"
        online = mkdocs_child.Command(["build", "--strict", "--config-file", str(config_file), "--site-dir", str(new)])
        with (
            offline.build_args(config_file, copy) as args,  # the offline copy: a second build, side by side
            mkdocs_child.started(
                [online, mkdocs_child.Command(args, quiet=True)], env=handover.expected(handed), held=True
            ) as builds,
        ):
            generation = _generate(settings)  # meanwhile, the builds start and wait for it
            if generation is None:
                print(f"{site_dir} was left as it was.", file=sys.stderr)
                return 1  # the builds are stopped on the way out
            handover.write(handed, settings, generation)
            (code, _), (offline_code, output) = builds.wait()
        if code == 0 and offline_code != 0:  # the same failure in both is told once, by the site's build
            offline.failed(output)
        if code != 0 or offline_code != 0 or not offline.package(copy, new):
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
    config_file: Path, data: Path, language: str | None, fmt: str | None, output: Path | None, force: bool = False
) -> int:
    """Write the agreement a data file asks for, whole or not at all; on a bad data file, print every error and
    write nothing. An existing file is replaced only when it is the default output (a re-run) or ``force`` says
    so; the data file itself, never."""
    try:
        return _agreement(config_file, data, language, fmt, output, force)
    except KeyboardInterrupt:  # the file being written is removed on the way out
        print("Stopped: nothing was written.", file=sys.stderr)
        return 130


def _agreement(
    config_file: Path, data: Path, language: str | None, fmt: str | None, output: Path | None, force: bool
) -> int:
    # what no data file can make right is told with the data file's errors
    early = _target_problem(output, data, replace=True) if output is not None else None
    try:
        settings = _settings(config_file)
        request = prefill.read_request(data, settings, language, fmt)
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


def status(config_file: Path, accept: list[str] | None = None, accept_all: bool = False) -> int:
    """Print what the translations need, file by file; first stamp the entries ``accept`` names (every one with
    ``accept_all``) as brought up to date."""
    try:
        settings = _settings(config_file)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 1
    trees = translations.load(settings)
    known = {f"{key}/{ident}" for tree in trees.values() for key, found in tree.entries.items() for ident in found}
    unknown = [name for name in accept or [] if name not in known]
    if unknown:
        print(
            f"no such entry: {', '.join(unknown)} (write kind/id, for example roles/office-habitation)", file=sys.stderr
        )
        return 1
    if accept or accept_all:
        try:
            stamped = translations.accept(trees, None if accept_all else accept)
        except translations.StampError as exc:
            print(exc, file=sys.stderr)
            return 1
        for line in stamped:
            print(f"stamped {line}")
        trees = translations.load(settings)
    found = translations.findings(trees)
    for finding in found:
        print(finding)
    for line in translations.terminology(settings, trees):
        print(line)
    for line in translations.readability(settings, trees):
        print(line)
    counts = {
        "missing": sum("missing in" in f.what for f in found),
        "identical": sum("not translated" in f.what for f in found),
        "stale": sum(f.what.startswith("stale") for f in found),
        "not stamped": sum(f.what.startswith("no translation stamp") for f in found),
    }
    entries = sum(len(e) for e in trees[settings.default_language].entries.values())
    print(f"{entries} entries: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0


def schema(output: Path) -> int:
    """Write the content files' JSON Schema (the same content always gives the same bytes)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(jsonschema.render(), encoding="utf-8", newline="\n")
    print(f"wrote {output}")
    return 0


EXAMPLE_DATA = "scripts/exemples/reseau-exemple.yaml"


class _Help(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples kept as written (wrapped beforehand); room for the subcommands' names."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def parser() -> argparse.ArgumentParser:
    """The command and its subcommands, each with its own help and an example."""
    top = argparse.ArgumentParser(
        prog="python -m guide",
        description=textwrap.fill(
            "The guide's command line: a subcommand for each job, which make's targets run (make check, make site, "
            "make agreement DATA=…, make status).",
            100,
        ),
        epilog=textwrap.fill(
            "python -m guide COMMAND --help says what each one does, with an example. Run it from the project's "
            "folder with PYTHONPATH=scripts, as make does.",
            100,
        ),
        formatter_class=_Help,
    )
    commands = top.add_subparsers(title="commands", dest="command", required=True, metavar="COMMAND")
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the site's settings (default: mkdocs.yml)",
    )

    def command(
        name: str, summary: str, details: str, examples: list[str], with_config: bool = True
    ) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=textwrap.fill(f"{summary[0].upper()}{summary[1:]}. {details}", 100),
            epilog="examples:\n" + "\n".join(f"  {line}" for line in examples),
            parents=[config] if with_config else [],
            formatter_class=_Help,
        )

    check_ = command(
        "check",
        "validate the content and print every error",
        "Nothing is built; the exit status is 1 on any error.",
        ["python -m guide check", "python -m guide check --config-file ../another-guide/mkdocs.yml"],
    )
    check_.set_defaults(run=lambda args: check(args.config_file))

    site_ = command(
        "site",
        "build the whole site, with the agreements' files and the offline copy",
        "The content is validated first; the build goes to a temporary folder that replaces the site's folder "
        "only on success: on any error, or when stopped, the site's folder is left as it was. The address the "
        "site is published at (for its canonical links, hreflang and sitemaps) comes from GUIDE_SITE_URL, "
        "which mkdocs.yml reads (make site SITE_URL=...).",
        [
            "python -m guide site",
            "python -m guide site --site-dir /tmp/site",
            "GUIDE_SITE_URL=https://example.org/guide/ python -m guide site",
        ],
    )
    site_.add_argument(
        "-d",
        "--site-dir",
        type=Path,
        default=Path("site"),
        metavar="FOLDER",
        help="where to build the site (default: site)",
    )
    site_.set_defaults(run=lambda args: site(args.config_file, args.site_dir))

    agreement_ = command(
        "agreement",
        "write a filled-in agreement from a network's data file",
        "The file is written whole or not at all, next to the data file unless --output says where; a data file "
        "with a mistake is refused with every error, and nothing is written.",
        [
            f"python -m guide agreement {EXAMPLE_DATA}",
            f"python -m guide agreement {EXAMPLE_DATA} --language en --format docx --output /tmp/agreement.docx",
        ],
    )
    agreement_.add_argument("data", type=Path, metavar="DATA", help=f"the data file (example: {EXAMPLE_DATA})")
    agreement_.add_argument("--language", help="fr, en or fr-en (both columns); overrides the data file's")
    agreement_.add_argument(
        "--format", dest="fmt", metavar="FORMAT", help="pdf, docx or html; overrides the data file's"
    )
    agreement_.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the file to write (default: next to the data file, named after it)",
    )
    agreement_.add_argument("--force", action="store_true", help="replace the file --output names if it exists")
    agreement_.set_defaults(
        run=lambda args: agreement(args.config_file, args.data, args.language, args.fmt, args.output, args.force)
    )

    status_ = command(
        "status",
        "say what the translations need, file by file and entry by entry",
        "Missing in a language, left identical, stale (the source changed since the translation) or not stamped "
        "yet; --accept records entries brought up to date by writing their translation stamp.",
        [
            "python -m guide status",
            "python -m guide status --accept roles/office-habitation outils/comite-coordination",
        ],
    )
    accepting = status_.add_mutually_exclusive_group()
    accepting.add_argument(
        "--accept", nargs="+", metavar="KIND/ID", help="record these entries as translated, then say what is left"
    )
    accepting.add_argument("--accept-all", action="store_true", help="record every entry as translated")
    status_.set_defaults(run=lambda args: status(args.config_file, args.accept, args.accept_all))

    schema_ = command(
        "schema",
        "write the content files' JSON Schema, for editors' completion",
        f"It is made from scripts/guide/schema.py, the validator's own definition: run it after changing that; "
        f"a test fails if {jsonschema.SCHEMA_FILE} is stale.",
        ["python -m guide schema", "python -m guide schema /tmp/contenu.schema.json"],
        with_config=False,
    )
    schema_.add_argument(
        "output",
        nargs="?",
        type=Path,
        default=jsonschema.ROOT / jsonschema.SCHEMA_FILE,
        metavar="OUTPUT",
        help=f"where to write it (default: {jsonschema.SCHEMA_FILE})",
    )
    schema_.set_defaults(run=lambda args: schema(args.output))
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
