"""The agreements' printable files: standalone HTML, fillable PDF and DOCX, in each language and bilingual.

PDF and DOCX files are cached by the hash of what they are made from (the printable HTML, or the
document itself, and the code that renders it), so a build renders only what changed; what is
missing is rendered in parallel, one process per core.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import agreement_docx, agreement_pdf
from .agreements import Document, Run, Section, document
from .languages import Language
from .model import Model

FOLDER = "ententes/fichiers"
TEMPLATE = "entente.html.j2"
STYLESHEET = "entente.css"
GENERATOR = "Guide de l'intervention de proximité en HLM"


@dataclass(frozen=True)
class Variant:
    """One language, or two side by side."""

    langs: tuple[str, ...]

    @property
    def name(self) -> str:
        return "-".join(self.langs)


def variants(languages: list[str], pairs: Iterable[tuple[str, str]]) -> list[Variant]:
    """Each language alone, then each pair side by side (settings.bilingual)."""
    return [Variant((lang,)) for lang in languages] + [Variant(tuple(pair)) for pair in pairs]


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


def with_versions_clause(docs: list[Document]) -> list[Document]:
    """The bilingual version ends with a section saying that both languages are equally valid."""
    out = []
    for doc in docs:
        number = len(doc.sections) + 1
        clause = (Run(doc.labels["bilingue.clause"]),)
        section = Section("versions", number, doc.labels["bilingue.titre"], False, (clause,))
        out.append(replace(doc, sections=(*doc.sections, section)))
    return out


class Printer:
    """Renders documents to HTML, and through the cache to PDF and DOCX."""

    def __init__(self, templates: Path, cache: Path | None):
        folder = templates / "ententes"
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.css = (folder / STYLESHEET).read_text(encoding="utf-8")
        self.cache = cache
        self.used: set[Path] = set()
        self.rendered = 0  # files made this run, not read from the cache

    def html(self, docs: list[Document], template: bool) -> str:
        """The printable page of ``docs`` (one per column); ``template`` marks the optional sections."""
        if len(docs) > 1:
            docs = with_versions_clause(docs)
        sections = list(zip(*(d.sections for d in docs), strict=True))
        return self.env.get_template(TEMPLATE).render(
            docs=docs,
            sections=sections,
            css=Markup(self.css),
            boxes=_page_boxes(docs),
            both=lambda key: _both(docs, key),
            template=template,
            generator=GENERATOR,
        )

    def render(self, jobs: list[tuple[str, object]]) -> list[bytes]:
        """Each job is ("pdf", html) or ("docx", document); cached results are read, the others rendered
        in parallel."""
        keys = [_key(kind, payload) for kind, payload in jobs]
        results: list[bytes | None] = [self._cached(key) for key in keys]
        missing = [i for i, found in enumerate(results) if found is None]
        self.rendered += len(missing)
        for i, data in zip(missing, _render_many([jobs[i] for i in missing]), strict=True):
            results[i] = data
            self._store(keys[i], data)
        return [r for r in results if r is not None]

    def _cached(self, key: str) -> bytes | None:
        if self.cache is None:
            return None
        path = self.cache / key
        self.used.add(path)
        return path.read_bytes() if path.is_file() else None

    def _store(self, key: str, data: bytes) -> None:
        if self.cache is None:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        tmp = self.cache / f"{key}.tmp{os.getpid()}"
        tmp.write_bytes(data)
        tmp.replace(self.cache / key)

    def prune(self) -> None:
        """Forget the files no longer made by this content."""
        if self.cache is None or not self.cache.is_dir():
            return
        for path in self.cache.iterdir():
            if path not in self.used:
                path.unlink()


def build_site_files(
    models: dict[str, Model],
    strings: dict[str, dict[str, str]],
    printer: Printer,
    languages: dict[str, Language],
    pairs: Iterable[tuple[str, str]],
) -> dict[str, bytes]:
    """Every agreement's PDF and DOCX files, by path relative to a language folder (the same in each)."""
    codes = list(models)
    jobs: list[tuple[str, object]] = []
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


def render_file(job: tuple[str, object]) -> bytes:
    kind, payload = job
    if kind == "pdf":
        return agreement_pdf.pdf(payload)  # type: ignore[arg-type]
    return agreement_docx.docx(payload)  # type: ignore[arg-type]


def _render_many(jobs: list[tuple[str, object]]) -> Iterable[bytes]:
    if len(jobs) < 2 or (os.cpu_count() or 1) < 2:
        return [render_file(job) for job in jobs]
    # forkserver, not fork: `mkdocs serve` builds while other threads run, and forking them is unsafe.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1), mp_context=context) as pool:
        return list(pool.map(render_file, jobs))


def _code_version() -> str:
    """What renders a file: when this code or its libraries change, every cached file is made again."""
    digest = hashlib.sha256()
    for module in (agreement_pdf, agreement_docx):
        digest.update(Path(module.__file__).read_bytes())  # type: ignore[arg-type]
        digest.update(module.library_version().encode())
    return digest.hexdigest()


_CODE_VERSION: list[str] = []


def _key(kind: str, payload: object) -> str:
    if not _CODE_VERSION:
        _CODE_VERSION.append(_code_version())
    digest = hashlib.sha256(f"{_CODE_VERSION[0]}\n{kind}\n{payload!r}".encode())
    return f"{digest.hexdigest()[:32]}.{kind}"


def _page_boxes(docs: list[Document]) -> dict[str, Markup]:
    """The texts of the page's margins (footer, page X of Y, initials) as CSS strings."""

    def both(key: str) -> str:
        return _both(docs, key)

    first = docs[0]
    titles = " / ".join(d.title for d in docs)
    lines = "   ".join("______" for _ in first.parties)
    return {
        "footer": _css_string(f"{titles} — {both('version')} {first.version} ({first.date})"),
        "page": _css_string(both("page")),
        "of": _css_string(both("sur")),
        "initials": _css_string(both("initiales") + first.language.colon + " " + lines),
    }


def _both(docs: list[Document], key: str) -> str:
    """A label in each language of the document, once if they are the same ("Date", not "Date / Date")."""
    return " / ".join(dict.fromkeys(d.labels[key] for d in docs))


def _css_string(text: str) -> Markup:
    """Text as a CSS string in double quotes, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return Markup(f'"{escaped}"')
