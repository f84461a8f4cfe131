"""The agreements' files the site offers: which ones (a PDF per variant, a DOCX per language), made through the
printer and its cache, and listed for each agreement's page.

The files are the same whatever the page that offers them: there is one set, in the default language's
folder (at the site's root), and every language's pages link to it. MkDocs builds one language at a time
and knows only that language's files: ``shared`` names the set for the other languages' builds (hooks.py
adds them), so that their links are checked and resolved like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

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
    path: str  # relative to a language folder, the same from each: "../fr/ententes/fichiers/…", the one set
    size: int  # bytes


def file_name(ident: str, variant: Variant, ext: str) -> str:
    return f"entente-{ident}-{variant.name}.{ext}"


def site_files(ident: str, languages: list[str], pairs: Iterable[tuple[str, str]]) -> list[tuple[Variant, str, str]]:
    """The files of an agreement the site offers: (variant, format, path relative to the default language's
    folder, where they are written). DOCX files are for adapting the text, in one language each."""
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
    """Every agreement's PDF and DOCX files, by path relative to the default language's folder (one set for
    every language)."""
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
    by path), PDF then DOCX, in the default language's folder whatever the page's language."""
    return {
        entity.path: [
            Download(variant.name, ext, f"../{languages[0]}/{path}", sizes[path])
            for variant, ext, path in site_files(entity.id, languages, pairs)
            if path in sizes
        ]
        for entity in agreements
    }


def shared(docs_dir: Path, languages: list[str]) -> list[tuple[str, str]]:
    """The agreements' files as another language's build must know them: (their path under ``docs_dir``, in the
    default language's folder; their path in the site, at its root, where the default language is)."""
    folder = docs_dir / languages[0] / FOLDER
    names = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    return [(f"{languages[0]}/{FOLDER}/{name}", f"{FOLDER}/{name}") for name in names]
