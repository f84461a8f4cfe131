"""The agreements' files the site offers: which ones (a PDF per variant, a DOCX per language), made through the
printer and its cache, and listed for each agreement's page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..languages import Language
from ..model import Entity, Model
from .document import document
from .printing import Printer
from .rendering import Job
from .variants import Variant, variants

FOLDER = "ententes/fichiers"


@dataclass(frozen=True)
class Download:
    """A file of an agreement, as its page offers it."""

    variant: str  # "fr", "fr-en"…: its label is the interface string entente.fichiers.<variant>
    format: str  # "pdf" or "docx"
    path: str  # relative to a language folder (the same in each)
    size: int  # bytes


def file_name(ident: str, variant: Variant, ext: str) -> str:
    return f"entente-{ident}-{variant.name}.{ext}"


def site_files(ident: str, languages: list[str], pairs: Iterable[tuple[str, str]]) -> list[tuple[Variant, str, str]]:
    """The files of an agreement the site offers: (variant, format, path relative to the language folder).
    DOCX files are for adapting the text, in one language each."""
    out = []
    for ext in ("pdf", "docx"):
        for variant in variants(languages, pairs):
            if ext == "docx" and len(variant.langs) > 1:
                continue
            out.append((variant, ext, f"{FOLDER}/{file_name(ident, variant, ext)}"))
    return out


def build_site_files(
    models: dict[str, Model],
    strings: dict[str, dict[str, str]],
    printer: Printer,
    languages: dict[str, Language],
    pairs: Iterable[tuple[str, str]],
) -> dict[str, bytes]:
    """Every agreement's PDF and DOCX files, by path relative to a language folder (the same in each)."""
    codes = list(models)
    jobs: list[Job] = []
    paths: list[str] = []
    for entity in models[codes[0]].kinds.get("ententes", []):
        docs = {
            lang: document(model.find("ententes", entity.id), languages[lang], strings[lang])
            for lang, model in models.items()
        }
        for variant, ext, path in site_files(entity.id, codes, pairs):
            chosen = [docs[lang] for lang in variant.langs]
            jobs.append(("pdf", printer.html(chosen, template=True)) if ext == "pdf" else ("docx", chosen[0]))
            paths.append(path)
    return dict(zip(paths, printer.render(jobs), strict=True))


def downloads(
    agreements: list[Entity], languages: list[str], pairs: Iterable[tuple[str, str]], sizes: Mapping[str, int]
) -> dict[str, list[Download]]:
    """What each agreement's page offers to download, by the page's path: its files that were made (``sizes``,
    by path), PDF then DOCX."""
    return {
        entity.path: [
            Download(variant.name, ext, path, sizes[path])
            for variant, ext, path in site_files(entity.id, languages, pairs)
            if path in sizes
        ]
        for entity in agreements
    }
