"""A chapter's one-page brief (its ``fiche``) as a PDF made at build time, one per language, offered by its page.

The brief's printable page (``gabarits/fiche/``) is made from what its page in the guide shows: the summary, the
short text (``apercu``) beside the model's diagram, the key figures, the description and the sources. Its texts go
through what a page's texts go through (the guide's voice, citations, the language's typography), then Markdown
and the pages' allow-list (sanitize.py). The PDF stands alone: a link to another page of the guide keeps only its
words, and a citation leads to the brief's own list of sources.

The agreements' printer renders it (WeasyPrint, PDF/UA-1, agreements/pdf.py) through their cache, keyed by the
printable page: a build renders it again only when its content, its template or the rendering code changed.
Nothing comes from the clock: its date is the guide's release date (CITATION.cff), so that two builds give the
same bytes. Each language's PDF is written in that language's folder, next to the chapters' pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markupsafe import Markup

from . import citekeys, sanitize, voice
from .agreements.printing import Printer, html_environment
from .agreements.site_files import Download
from .citation import Citation
from .diagram import model_svg
from .languages import Language
from .model import Entity, Model
from .render import DIAGRAM_LABELS, TemplateError
from .text import plain

FOLDER = "chapitres/fichiers"  # in each language's folder: docs/fr/chapitres/fichiers/fiche-bailleurs-fr.pdf
TEMPLATE = "fiche.html.j2"
STYLESHEET = "fiche.css"


def briefs(model: Model) -> list[Entity]:
    """The chapters of ``model`` that are briefs (they have a ``fiche``)."""
    return [entity for entity in model.kinds.get("chapitres", []) if entity.data.get("fiche")]


def file_path(entity: Entity, lang: str) -> str:
    """Where a brief's PDF goes, relative to its language's folder."""
    return f"{FOLDER}/fiche-{entity.id}-{lang}.pdf"


def planned(models: Mapping[str, Model]) -> dict[str, dict[str, int]]:
    """Every brief's PDF, by language then path, with a size of 0: what `make check` plans without making it."""
    return {lang: {file_path(entity, lang): 0 for entity in briefs(model)} for lang, model in models.items()}


def downloads(
    models: Mapping[str, Model], sizes: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, list[Download]]]:
    """What each brief's page offers, by language then page path: its own language's PDF (``sizes``, by language
    then path: the files that were made)."""
    found: dict[str, dict[str, list[Download]]] = {}
    for lang, model in models.items():
        made = sizes.get(lang, {})
        found[lang] = {
            entity.path: [Download(lang, "pdf", file_path(entity, lang), made[file_path(entity, lang)])]
            for entity in briefs(model)
            if file_path(entity, lang) in made
        }
    return found


def printable(
    models: Mapping[str, Model],
    strings: Mapping[str, Mapping[str, str]],
    templates: Path,
    languages: Mapping[str, Language],
    citation: Citation | None,
) -> dict[tuple[str, str], str]:
    """Every brief's printable page, by (language, path of its PDF): `make check` renders them to find a broken
    template, a build prints them."""
    page = BriefPage(templates)
    return {
        (lang, file_path(entity, lang)): page.html(entity, model, languages[lang], strings[lang], citation)
        for lang, model in models.items()
        for entity in briefs(model)
    }


def build_briefs(pages: Mapping[tuple[str, str], str], printer: Printer) -> dict[str, dict[str, bytes]]:
    """Every brief's PDF, by language then path relative to that language's folder, from its printable page."""
    found: dict[str, dict[str, bytes]] = {}
    for (lang, path), data in zip(pages, printer.render([("pdf", html) for html in pages.values()]), strict=True):
        found.setdefault(lang, {})[path] = data
    return found


class BriefPage:
    """A brief's printable page: one autoescaped HTML environment, for ``gabarits/fiche/``."""

    def __init__(self, templates: Path):
        folder = templates / "fiche"
        self.env = html_environment(folder)
        self.css = (folder / STYLESHEET).read_text(encoding="utf-8")

    def html(
        self,
        entity: Entity,
        model: Model,
        language: Language,
        strings: Mapping[str, str],
        citation: Citation | None,
    ) -> str:
        marker = strings["voix.marque"]
        sources = entity["sources"] or []
        labels = {r.id: (r["auteur_date"], f"#source-{r.id}") for r in sources if r["auteur_date"]}

        def block(text: str | None) -> Markup:
            return _html(text or "", language, marker, labels)

        def inline(text: str) -> Markup:
            return Markup(re.sub(r"^<p>(.*)</p>$", r"\1", str(block(text)), flags=re.DOTALL))

        released = citation.released if citation else None
        footer = strings["fiche.pied"]
        if citation:
            footer += " " + strings["fiche.version"].format(
                version=citation.version, date=language.date(released) if released else citation.year
            )
        try:
            template = self.env.get_template(TEMPLATE)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"gabarits/fiche/{TEMPLATE}", exc.lineno, exc.message or str(exc)) from exc
        context = dict(
            lang=language.tag,
            title=inline(entity["titre"]),
            plain_title=language.typeset(plain(entity["titre"])),
            summary=inline(entity["resume"]),
            plain_summary=language.typeset(plain(entity["resume"])),
            legend=voice.speaks(entity),
            marker=Markup(voice.mark(marker)),
            apercu=block(entity["fiche"]["apercu"]),
            figure=_figure(model, entity["figure"], language, strings),
            figures=[
                {"valeur": language.typeset(c["valeur"]), "libelle": inline(c["libelle"])}
                for c in entity["fiche"]["chiffres"]
            ],
            description=block(entity["description"]),
            sources=[_source(r, inline) for r in sources],
            footer=language.typeset(footer),
            author=citation.authors if citation else "",
            date=released.isoformat() if released else "",
            generator=strings["entente.generateur"],  # what made the guide's files, as the agreements say it
            css=Markup(self.css),
            t=lambda key: language.typeset(strings[key]),
        )
        try:
            return template.render(**context)
        except jinja2.TemplateError as exc:
            raise TemplateError(f"gabarits/fiche/{TEMPLATE}", getattr(exc, "lineno", 0) or 0, str(exc)) from exc


def _figure(model: Model, name: str | None, language: Language, strings: Mapping[str, str]) -> dict[str, Any] | None:
    """The model's diagram and its caption, typeset as the page typesets them; None for no figure, or a figure
    that only the page shows (the table of controversies and solutions)."""
    found = model.kinds.get("modele")
    if name != "modele" or not found:
        return None
    labels = {key: strings[f"figure.modele.{key}"] for key in DIAGRAM_LABELS}
    svg = sanitize.clean(model_svg(found[0], labels))
    return {
        "svg": Markup(language.typeset_markdown(svg)),
        "caption": Markup(language.typeset_markdown(sanitize.clean(found[0]["legende"]))),
    }


def _source(reference: Entity, inline: Any) -> dict[str, Any]:
    """A reference as the brief's list of sources prints it: its citation, and its DOI's or web address."""
    address = reference["doi"] or reference["url"]
    return {"id": reference.id, "citation": inline(reference["citation"]), "href": address.href if address else ""}


_LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.DOTALL)


def _html(text: str, language: Language, marker: str, labels: Mapping[str, tuple[str, str]]) -> Markup:
    """A prepared Markdown text as the brief prints it: the guide's voice marked, citations as links to the
    brief's sources, typeset, made HTML through the allow-list; a link to a page of the guide keeps its words."""
    text = voice.render(text, marker)
    text = citekeys.render(text, labels, language.rules.citations)
    html = sanitize.clean(markdown.markdown(language.typeset_markdown(text)))
    return Markup(_LINK.sub(lambda m: m.group(0) if _kept(m.group(1)) else m.group(2), html))


def _kept(href: str) -> bool:
    """A link the PDF keeps: to its own sources, or to the web."""
    return href.startswith(("#", "https:", "http:", "mailto:"))
