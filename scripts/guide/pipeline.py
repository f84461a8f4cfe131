"""The whole generation: YAML → validated content → model → Markdown pages on disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import status, text
from .agreement_files import Printer, build_site_files
from .citation import Citation, load_citation
from .model import build_model
from .render import Renderer, load_strings
from .schema import KINDS
from .settings import Settings
from .validate import load_content
from .writer import write_pages


@dataclass
class Generation:
    """What one run produced, per language: page paths, and how many files it wrote or removed."""

    pages: dict[str, list[str]]
    written: int
    removed: int
    rendered: int  # agreement files (PDF, DOCX) rendered, not found in the cache
    stale: list[str]  # translations behind their source (or the reverse), one line each
    abbreviations: dict[str, dict[str, str]]  # language -> abbreviation -> full term, for hand-written pages


def check(settings: Settings) -> None:
    """Validate everything a build needs; raise InvalidContentError with every error found."""
    load_content(settings.content, settings.root)
    load_strings(settings.templates, settings.languages)
    _citation(settings)


def _citation(settings: Settings) -> Citation | None:
    if settings.citation is None:
        return None
    return load_citation(settings.citation, settings.citation.relative_to(settings.root).as_posix())


def generate(settings: Settings) -> Generation:
    trees = load_content(settings.content, settings.root)
    strings = load_strings(settings.templates, settings.languages)
    models = {lang: build_model(tree) for lang, tree in trees.items()}
    printer = Printer(settings.templates, settings.cache_dir)
    files = build_site_files(models, strings, printer, settings.language_data, settings.bilingual)
    if settings.cache_is_own:
        printer.prune()
    renderer = Renderer(
        settings.templates, strings, settings.language_data, _citation(settings), files, settings.bilingual
    )
    abbreviations = {lang: m.abbreviations() for lang, m in models.items()}
    # The pages are written as MkDocs reads them (abbreviations, typography): the hook leaves them as they are.
    rendered = {
        lang: {
            path: text.finish_page(page, settings.language(lang), abbreviations[lang])
            for path, page in renderer.render(model).items()
        }
        for lang, model in models.items()
    }
    # Everything is rendered before anything is written: a template error leaves docs/ as it was.
    pages: dict[str, list[str]] = {}
    written = removed = 0
    for lang, found in rendered.items():
        w, r = write_pages({**found, **files}, settings.docs_dir / lang, owned=list(KINDS))
        written, removed = written + w, removed + r
        pages[lang] = sorted(found)
    stale = [str(finding) for finding in status.stale(trees)]
    return Generation(pages, written, removed, printer.rendered, stale, abbreviations)


def input_files(settings: Settings) -> list[Path]:
    """Every file the generation reads, to tell whether it must run again."""
    found = [p for folder in settings.content.values() for p in folder.rglob("*.yaml")]
    found += [p for p in settings.templates.rglob("*") if p.is_file()]
    found += [settings.citation] if settings.citation else []
    return sorted(found)
