"""The whole generation: YAML → validated content → model → Markdown pages on disk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import brief, compiled, memo, readability, status, terminology, text
from .agreements.printing import Printer
from .agreements.site_files import Download, build_site_files, downloads, site_files
from .citation import Citation, load_citation
from .errors import ContentError, ErrorList, InvalidContentError
from .incremental import Memory
from .labels import load_strings
from .model import Entity, Model, build_model
from .render import Renderer, TemplateError
from .schema import KINDS
from .settings import Settings
from .validate import Tree, load_content
from .writer import write_pages

T = TypeVar("T")


@dataclass
class Generation:
    """What one run produced, per language: page paths, and how many files it wrote or removed."""

    pages: dict[str, list[str]]
    written: int
    removed: int
    rendered: int  # agreement files (PDF, DOCX) and briefs' PDFs rendered, not found in the cache
    stale: list[str]  # translations behind their source (or the reverse), one line each
    abbreviations: dict[str, dict[str, str]]  # language -> abbreviation -> full term, for hand-written pages
    readability: list[str]  # the readability report, if asked for: a notice, never an error (readability.py)


def check(settings: Settings) -> list[str]:
    """Validate everything a build needs; raise InvalidContentError with every error found: the content, the
    interface strings (each language's, and every one the pages print), the citation, and every text against
    its language's termbase. The pages are rendered in memory; the agreements' files are only planned. Return the
    readability report, a notice to print (readability.py)."""
    errors: list[ContentError] = []
    found = ErrorList()
    trees: dict[str, Tree] | None = load_content(settings.content, settings.root, found)
    errors += found.sorted()
    errors += terminology.check(settings, trees)  # what can be read of the content: a variant is told at once
    trees = None if found else trees
    strings = _collect(lambda: load_strings(settings.templates, settings.languages), errors)
    citation = _collect(lambda: _citation(settings), errors)
    if trees is not None and strings is not None:
        source = trees[settings.default_language]
        models = {lang: build_model(tree, source) for lang, tree in trees.items()}
        offered = [site_files(entity.id, settings.languages, settings.bilingual) for entity in _agreements(models)]
        planned = {path: 0 for files in offered for _, _, path in files}  # not made: their sizes are unknown
        renderer = Renderer(
            settings.templates,
            strings,
            settings.language_data,
            citation,
            _downloads(models, planned, settings),
            brief.downloads(models, brief.planned(models)),
        )
        _collect(lambda: render_pages(renderer, models), errors)
        _collect(lambda: brief.printable(models, strings, settings.templates, settings.language_data, citation), errors)
    if errors:
        raise InvalidContentError(sorted(set(errors)))
    return readability.report(settings, trees or {}, strings or {})


def _collect(read: Callable[[], T], errors: list[ContentError]) -> T | None:
    """What ``read`` returns, or None with its errors added to ``errors`` (a template's error among them: in
    ``make check``, a template is one more file an editor may have broken)."""
    try:
        return read()
    except InvalidContentError as exc:
        errors += exc.errors
    except TemplateError as exc:
        errors.append(ContentError(exc.file, exc.line, "", exc.message))
    return None


def _citation(settings: Settings) -> Citation | None:
    if settings.citation is None:
        return None
    return load_citation(settings.citation, settings.citation.relative_to(settings.root).as_posix())


def _agreements(models: dict[str, Model]) -> list[Entity]:
    """The agreements whose files are made: the default language's (every language has the same)."""
    return next(iter(models.values())).kinds.get("ententes", []) if models else []


def _downloads(models: dict[str, Model], sizes: dict[str, int], settings: Settings) -> dict[str, list[Download]]:
    return downloads(_agreements(models), settings.languages, settings.bilingual, sizes)


def render_pages(renderer: Renderer, models: dict[str, Model]) -> dict[str, dict[str, str]]:
    """Every language's pages; raise InvalidContentError with every language's missing interface strings."""
    pages: dict[str, dict[str, str]] = {}
    errors: list[ContentError] = []
    for lang, model in models.items():
        try:
            pages[lang] = renderer.render(model)
        except InvalidContentError as exc:
            errors += exc.errors
    if errors:
        raise InvalidContentError(sorted(set(errors)))
    return pages


def generate(settings: Settings, report: bool = False, memory: Memory | None = None) -> Generation:
    """Validate the content, render every page and write those that changed into the docs folder (nothing is
    written on an error); ``report``: measure the readability too (make site prints it; a build does not).
    ``memory``, the last generation's (mkdocs serve): read again only the files that changed, render again only
    the pages they change (incremental.py)."""
    with memo.kept(memory.memo if memory is not None else None):
        return _generate(settings, report, memory)


def _generate(settings: Settings, report: bool, memory: Memory | None) -> Generation:
    trees = load_content(settings.content, settings.root, reads=memory.reads if memory is not None else None)
    strings = load_strings(settings.templates, settings.languages)
    variants = terminology.check(settings, trees)
    if variants:
        raise InvalidContentError(variants)
    source = trees[settings.default_language]
    models = {
        lang: memory.model(tree, source, build_model) if memory is not None else build_model(tree, source)
        for lang, tree in trees.items()
    }
    printer = Printer(settings.templates, settings.cache_dir)
    files = build_site_files(models, strings, printer, settings.language_data, settings.bilingual)
    citation = _citation(settings)
    briefs = brief.build_briefs(
        brief.printable(models, strings, settings.templates, settings.language_data, citation), printer
    )
    if settings.cache_is_own:
        printer.prune()
    sizes = {path: len(data) for path, data in files.items()}
    brief_sizes = {lang: {path: len(data) for path, data in found.items()} for lang, found in briefs.items()}
    renderer = Renderer(
        settings.templates,
        strings,
        settings.language_data,
        citation,
        _downloads(models, sizes, settings),
        brief.downloads(models, brief_sizes),
        memory,
        (settings, [stamp(path) for path in _shared_files(settings)]),
        compiled.kept_in(settings.cache_dir),
    )
    abbreviations = {lang: m.abbreviations() for lang, m in models.items()}
    # The pages are written as MkDocs reads them (abbreviations, typography): the hook leaves them as they are.
    rendered = {
        lang: {path: _finished(page, lang, path, settings, abbreviations[lang], memory) for path, page in found.items()}
        for lang, found in render_pages(renderer, models).items()
    }
    # Everything is rendered before anything is written: a template error leaves docs/ as it was.
    pages: dict[str, list[str]] = {}
    written = removed = 0
    for lang, found in rendered.items():
        shared = files if lang == settings.languages[0] else {}  # one set of agreement files, for every language
        own = briefs.get(lang, {})  # its briefs' PDFs, in its own language
        known = memory.written.setdefault(lang, {}) if memory is not None else None
        w, r = write_pages({**found, **shared, **own}, settings.docs_dir / lang, list(KINDS), known)
        written, removed = written + w, removed + r
        pages[lang] = sorted(found)
    stale = [str(finding) for finding in status.stale(trees)]
    notices = readability.report(settings, trees, strings) if report else []
    if memory is not None:
        memory.commit()
    return Generation(pages, written, removed, printer.rendered, stale, abbreviations, notices)


def _finished(
    page: str, lang: str, path: str, settings: Settings, abbreviations: dict[str, str], memory: Memory | None
) -> str:
    """``page`` with its abbreviations and its language's typography, as MkDocs reads it; the same page with the
    same abbreviations as in the last generation, as it was finished then."""
    if memory is None:
        return text.finish_page(page, settings.language(lang), abbreviations)
    return memory.finished(
        lang, path, page, abbreviations, lambda: text.finish_page(page, settings.language(lang), abbreviations)
    )


def _shared_files(settings: Settings) -> list[Path]:
    """What every page is made from, beside the content: the templates and the citation."""
    found = [p for p in settings.templates.rglob("*") if p.is_file()]
    return sorted(found + ([settings.citation] if settings.citation else []))


def fingerprint(settings: Settings) -> list[tuple]:
    """Each input file's path, date and size, read without opening it (a pipe named *.yaml never blocks): the
    same fingerprint, the same generation. A broken link or a file that vanished has neither: the generation then
    runs, and says what is wrong with it."""
    return [stamp(path) for path in input_files(settings)]


def stamp(path: Path) -> tuple:
    try:
        found = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), found.st_mtime_ns, found.st_size)


def input_files(settings: Settings) -> list[Path]:
    """Every file the generation reads, to tell whether it must run again."""
    found = [p for folder in settings.content.values() for p in folder.rglob("*.yaml")]
    found += [p for p in settings.templates.rglob("*") if p.is_file()]
    found += [settings.citation] if settings.citation else []
    found += [page for lang in settings.content for page in terminology.hand_written_pages(settings, lang)]
    return sorted(found)
