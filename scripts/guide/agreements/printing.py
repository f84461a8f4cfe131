"""An agreement's printable page (``gabarits/ententes/``), the source of its PDF and of ``make agreement``'s HTML;
the ``Printer`` also turns pages and documents into files, through the cache.

One autoescaped HTML environment; the bilingual version is two documents side by side, clause by
clause (one row each, so that both columns start each clause on the same line), ending with a clause
saying which version governs (the French one: ``entente.bilingue.clause``). Each column, and each word of
the other language in the signature blocks, is marked with its language.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .cache import FileCache, key
from .document import Document, Run, Section
from .rendering import Job, render_many

TEMPLATE = "entente.html.j2"
STYLESHEET = "entente.css"
PAGE = "page.css.j2"  # the printed page: paper, margins, header and footer, for the PDF and the guide's page


def html_environment(folder: Path) -> jinja2.Environment:
    """The Jinja2 environment of a printable page's templates (an agreement's, a brief's): HTML, autoescaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Printer:
    """Renders documents to HTML, and through the cache to PDF and DOCX."""

    def __init__(self, templates: Path, cache: Path | None):
        folder = templates / "ententes"
        self.env = html_environment(folder)
        self.css = (folder / STYLESHEET).read_text(encoding="utf-8")
        self.cache = FileCache(cache)
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
            page=Markup(self.page_style(docs)),
            both=lambda key: _both(docs, key),
            marked=lambda key: _marked(docs, [d.labels[key] for d in docs]),
            party_names=lambda index: _marked(docs, [d.parties[index] for d in docs]),
            keywords=", ".join(dict.fromkeys(party for d in docs for party in d.parties)),
            template=template,
            generator=" / ".join(dict.fromkeys(d.labels["generateur"] for d in docs)),
        )

    def page_style(self, docs: list[Document]) -> str:
        """The printed page of ``docs`` (``page.css.j2``): one definition of its paper, margins, header and
        footer, for the PDF and for the agreement's page in the guide (render.py puts it in the page's head)."""
        return self.env.get_template(PAGE).render(boxes=_page_boxes(docs))

    def render(self, jobs: list[Job]) -> list[bytes]:
        """Each job's file: read from the cache, or rendered (in parallel) and kept there."""
        keys = [key(kind, payload) for kind, payload in jobs]
        results: list[bytes | None] = [self.cache.get(k) for k in keys]
        missing = [i for i, found in enumerate(results) if found is None]
        self.rendered += len(missing)
        for i, data in zip(missing, render_many([jobs[i] for i in missing]), strict=True):
            results[i] = data
            self.cache.put(keys[i], data)
        return [r for r in results if r is not None]

    def prune(self) -> None:
        """Forget the cached files no longer made by this content."""
        self.cache.prune()


def with_versions_clause(docs: list[Document]) -> list[Document]:
    """The bilingual version ends with a section saying which version governs (``entente.bilingue.clause``)."""
    out = []
    for doc in docs:
        number = len(doc.sections) + 1
        clause = (Run(doc.labels["bilingue.clause"]),)
        section = Section("versions", number, doc.labels["bilingue.titre"], False, (clause,))
        out.append(replace(doc, sections=(*doc.sections, section)))
    return out


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


def _marked(docs: list[Document], texts: list[str]) -> Markup:
    """One text per document's language, joined as ``_both`` joins them, each one not in the first document's
    language marked with its own (a reader's voice, a PDF's tags, say it in that language)."""
    shown: dict[str, str] = {}
    for doc, text in zip(docs, texts, strict=True):
        shown.setdefault(text, doc.tag)
    parts = [
        escape(text) if tag == docs[0].tag else Markup('<span lang="{}">{}</span>').format(tag, text)
        for text, tag in shown.items()
    ]
    return Markup(" / ").join(parts)


def _css_string(text: str) -> Markup:
    """Text as a CSS string in double quotes, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return Markup(f'"{escaped}"')
