"""Render one language's model into Markdown pages through the Jinja2 templates of ``gabarits/pages``.

The renderer is handed what the pages print beyond the model (the citation, the agreements' files): it
only turns each into the page's words and links. A label a template prints but a language lacks is not
fatal at once: every one is collected and told as a content error, with its line in ``libelles.yaml``.
"""

from __future__ import annotations

import functools
import json
import re
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from . import citekeys, labels, navigation, voice
from .agreements.document import document, form_sections, with_blanks
from .agreements.printing import Printer
from .agreements.site_files import Download
from .citation import Citation
from .diagram import model_svg
from .errors import InvalidContentError
from .incremental import KINDS_READ, Memory, TrackingEnvironment
from .languages import Language
from .model import Entity, Model, reading, relative_path
from .schema import Kind
from .text import plain

AGREEMENTS = "ententes"  # the kind whose pages print as the agreement's PDF does (Printer.page_style)
PAGE_LABELS = ("version", "page", "sur", "initiales")  # what its margins print (printing._page_boxes)
DIAGRAM_LABELS = ("populations", "acteurs", "coeur", "objectifs", "description", "et", "guillemets")


class TemplateError(Exception):
    """A template could not be rendered; the message names the template and the line."""

    def __init__(self, file: str, line: int, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")


class Renderer:
    """One Jinja2 environment for every page; templates loop and print, the logic is in Python."""

    def __init__(
        self,
        templates: Path,
        strings: dict[str, dict[str, str]],
        languages: dict[str, Language],
        citation: Citation | None = None,
        downloads: dict[str, list[Download]] | None = None,
        language_downloads: dict[str, dict[str, list[Download]]] | None = None,
        memory: Memory | None = None,
        shared: Any = None,
        compiled: jinja2.BytecodeCache | None = None,
    ):
        self.templates = templates
        self.strings = strings
        self.languages = languages
        self.citation = citation
        self.downloads = downloads or {}  # the agreements' files, by the path of the page that offers them
        self.language_downloads = language_downloads or {}  # one language's files (a brief), by language then page
        # with a memory of the last generation (mkdocs serve), only the pages an edit changes are rendered again
        self.memory, self.shared = memory, shared  # shared: what every page depends on (Memory.session)
        self.env = (TrackingEnvironment if memory is not None else jinja2.Environment)(
            loader=jinja2.FileSystemLoader(templates / "pages"),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown out: the model's texts are already made inert (text.inert)
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # a generation makes its own Renderer: no need to check each template's date per page
            bytecode_cache=compiled,  # compiled.py
        )
        self.env.filters["blanks"] = with_blanks
        self.env.filters["form_sections"] = form_sections
        self._printer: Printer | None = None  # made for the first agreement's page
        self._constants: dict[str, str] | None = None  # read once: a generation makes its own Renderer
        self._references_by_lang: dict[str, tuple[Model, dict[str, Entity]]] = {}

    def render(self, model: Model) -> dict[str, str]:
        """Every generated page of ``model``: path relative to the language folder -> Markdown. Raise
        InvalidContentError naming every interface string the pages print that the language lacks."""
        strings = self.strings[model.lang]
        # what a template prints whatever the content, then what the content makes it print
        missing = {key: user for key, user in self._constant_keys().items() if key not in strings}

        def label(key: str, user: str) -> str:
            found = strings.get(key)
            if found is None:
                missing.setdefault(key, user)
                return key
            return found

        diagram = _diagram(model, lambda key: label(key, "the model's diagram"))
        session = self.memory.session(model, (self.shared, diagram)) if self.memory is not None else None
        if isinstance(self.env, TrackingEnvironment):
            self.env.kinds = model.kinds

        def make(path: str, names: tuple[str, ...], own: Entity | None, **context: Any) -> tuple[str, str]:
            """The page at ``path`` (its Markdown, front matter aside) and an agreement's printed page: kept from
            the last generation if nothing it reads changed since, else rendered."""
            downloads = self._downloads(model.lang, path)
            found = session.kept(path, downloads) if session is not None else None
            if found is not None:
                return found.page, found.printed
            with reading() as reads:
                page = self._page(path, model, names, label, downloads, diagram=diagram, **context)
                agreement = own is not None and own.kind.key == AGREEMENTS and own.kind.many
                printed = self._printed(own, model.lang, label) if agreement and own is not None else ""
            if session is not None:
                explicit = {(own.kind.key, own.id)} if own is not None else set()
                if "groups" in context:  # an index page: its kind's list, and the field that groups it
                    explicit.add((KINDS_READ, context["key"]))
                    explicit |= {
                        (e.kind.key, e.id, e.kind.group_by)
                        for _, found in context["groups"]
                        for e in found
                        if e.kind.group_by
                    }
                session.keep(path, reads | explicit, downloads, page, printed)
            return page, printed

        pages: dict[str, str] = {}
        for key, entities in model.kinds.items():
            if not entities:
                continue
            first = entities[0]
            if not first.kind.many:
                page, _ = make(first.path, (key + ".md.j2",), first, entity=first)
                pages[first.path] = front_matter(_summary(first), _words(first)) + page
                continue
            index = model.index_path(key)
            names = (key + "-index.md.j2", "index.md.j2")
            page, _ = make(index, names, None, key=key, groups=_groups(entities, first.kind))
            pages[index] = front_matter(label(f"kinds.{key}.intro", "the page's description")) + page
            if first.kind.pages:
                names = (key + ".md.j2", "entite.md.j2")
                for i, entity in enumerate(entities):
                    page, printed = make(entity.path, names, entity, entity=entity)
                    place = _place(entity, index, entities, i)
                    pages[entity.path] = front_matter(_summary(entity), _words(entity), place, printed) + page
        if self.memory is not None and session is not None:
            self.memory.rendered += session.rendered
        if missing:
            raise InvalidContentError(labels.missing(self.templates, model.lang, missing))
        return pages

    def _constant_keys(self) -> dict[str, str]:
        """The interface strings the templates print by a constant key (``t("page.apports")``), with the template
        that prints each; keys built from the content (``t("kinds." ~ key ~ ".title")``) are found by rendering."""
        if self._constants is not None:
            return self._constants
        found: dict[str, str] = {}
        for name in self.env.list_templates(extensions=["j2"]):
            source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
            try:
                tree = self.env.parse(source, name)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(f"gabarits/pages/{name}", exc.lineno, exc.message or str(exc)) from exc
            for call in tree.find_all(nodes.Call):
                key = call.args[0] if call.args else None
                if isinstance(call.node, nodes.Name) and call.node.name == "t" and isinstance(key, nodes.Const):
                    found.setdefault(str(key.value), f"the template {name}")
        self._constants = found
        return found

    def _printed(self, entity: Entity, lang: str, label: Callable[[str, str], str]) -> str:
        """An agreement's printed page (paper, margins, header, footer), as its PDF has it: the page's head holds
        it (gabarits/theme/main.html), so that it prints the same, and no style is left in the page's body. ""
        while a label its margins print is missing (told with the others)."""
        missing = [f"entente.{key}" for key in PAGE_LABELS if f"entente.{key}" not in self.strings[lang]]
        for key in missing:
            label(key, "the agreement's printed page")
        if missing:
            return ""
        if self._printer is None:
            self._printer = Printer(self.templates, cache=None)
        return self._printer.page_style([document(entity, self.languages[lang], self.strings[lang])])

    def _downloads(self, lang: str, path: str) -> list[Download]:
        """The files the page ``path`` of language ``lang`` offers: every language's, then its language's own."""
        return self.downloads.get(path, []) + self.language_downloads.get(lang, {}).get(path, [])

    def _page(
        self,
        path: str,
        model: Model,
        names: tuple[str, ...],
        label: Callable[[str, str], str],
        downloads: list[Download],
        **context: Any,
    ) -> str:
        template = self.env.select_template(list(names))
        language = self.languages[model.lang]
        user = f"the template {template.name}"

        def t(key: str) -> str:
            return label(key, user)

        def link(entity: Entity) -> str:
            return entity.link_from(path)

        marker = t("voix.marque")  # the guide's voice (voice.py), as the page shows it

        try:
            page = template.render(
                language=language,
                model=model,
                link=link,
                t=t,
                citation=self.citation,
                downloads=_download_groups(downloads, path, language),
                speaks=voice.speaks,
                voice_mark=voice.mark(marker),
                voice_relations=voice.RELATIONS,
                **context,
            )
        except jinja2.TemplateError as exc:
            name, line = _where(exc, template.name)
            raise TemplateError(f"gabarits/pages/{name}", line, exc.message or str(exc)) from exc
        page = voice.render(page, marker)
        if "[@" not in page:
            return page
        return citekeys.render(page, _CitationLabels(self._references(model), path), language.rules.citations)

    def _references(self, model: Model) -> dict[str, Entity]:
        """The references of ``model`` by id, listed once per language."""
        found = self._references_by_lang.get(model.lang)
        if found is None or found[0] is not model:
            found = (model, {r.id: r for r in model.kinds.get("references", [])})
            self._references_by_lang[model.lang] = found
        return found[1]


PRINTED = "guide_print"  # the front matter's key for an agreement's printed page
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_CITATION_KEY = re.compile(r"\s*\[@[^\[\]]*\](?![(\[])")  # "[@parent-2022]": the page shows it, the summary drops it


def _summary(entity: Entity) -> str:
    """An entity's summary, the text its page opens with ("" for a kind without one)."""
    return entity.data.get("resume") or ""


def _words(entity: Entity) -> list[str]:
    """The words readers search an entity's page by (``mots``), if its kind has them."""
    return entity.data.get("mots") or []


def front_matter(
    summary: str, words: list[str] | tuple[str, ...] = (), place: dict[str, str] | None = None, printed: str = ""
) -> str:
    """The page's own meta description, as MkDocs front matter: the summary as plain text on one line, in a
    JSON string (a YAML double-quoted scalar), so that no quote, line break or ``---`` ends it early; the theme
    escapes it into the attribute. "" for no summary (the site's description is used).

    ``words``, the words readers search the page by, go in as Material's ``tags``: its search gives them a field
    weighed above the title, and shows them under the page's result (search.py keeps them on the page's own entry,
    not on each of its sections). The page prints them too: no word finds a page without showing why.

    ``place``, an entity page's index page and neighbours, is where the page stands: navigation.py reads it back.

    ``printed``, an agreement's printed page (CSS ``@page`` rules), goes in as ``guide_print``, which the theme puts
    in the page's head (main.html)."""
    return _front_matter(summary, tuple(words), tuple((place or {}).items()), printed)


@functools.lru_cache(maxsize=65536)  # mkdocs serve: an edit changes few pages' front matter
def _front_matter(summary: str, words: tuple[str, ...], place: tuple[tuple[str, str], ...], printed: str) -> str:
    lines = []
    written = _one_line(_LINK.sub(r"\1", _CITATION_KEY.sub("", summary.replace(voice.MARKER, ""))))
    if written:
        lines.append(f"description: {json.dumps(written, ensure_ascii=False)}")
    tags = [tag for tag in (_one_line(word) for word in words) if tag]
    if tags:
        lines.append(f"tags: {json.dumps(tags, ensure_ascii=False)}")
    if place:
        lines.append(f"{navigation.KEY}: {json.dumps(dict(place), ensure_ascii=False)}")
    if printed:
        lines.append(f"{PRINTED}: {json.dumps(printed, ensure_ascii=False)}")
    return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""


def _place(entity: Entity, index: str, entities: list[Entity], i: int) -> dict[str, str]:
    """The place of the ``i``-th entity of its kind: its kind's index page, its neighbours in the YAML file's order
    (navigation.py: the page shows it where the sidebar does not list it)."""
    previous = entities[i - 1].path if i > 0 else None
    following = entities[i + 1].path if i + 1 < len(entities) else None
    return navigation.place(entity.path, index, previous, following)


def _one_line(text: str) -> str:
    """A prepared text as plain text on one line, without characters a page cannot show."""
    return " ".join("".join(c if c.isprintable() else " " for c in plain(text)).split())


class _CitationLabels(Mapping[str, tuple[str, str]]):
    """Each reference's author–date label, and its link from ``page`` to its entry on the References page, read
    only for the references the page cites: a page is rendered again after an edit to one of those (incremental.py),
    not after an edit to any reference. A reference without a label has none."""

    def __init__(self, references: dict[str, Entity], page: str):
        self.references, self.page = references, page

    def __getitem__(self, key: str) -> tuple[str, str]:
        reference = self.references[key]
        label = reference["auteur_date"]
        if not label:
            raise KeyError(key)
        return label, reference.link_from(self.page)

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return (key for key in self.references if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _diagram(model: Model, label: Callable[[str], str]) -> str:
    """The model's diagram as a raw HTML block, a figure with its caption ("" in a guide without a model)."""
    found = model.kinds.get("modele")
    if not found:
        return ""
    entity = found[0]
    svg = model_svg(entity, {key: label(f"figure.modele.{key}") for key in DIAGRAM_LABELS})
    return f'<figure class="guide-figure">\n{svg}\n<figcaption>{entity["legende"]}</figcaption>\n</figure>'


def _download_groups(found: list[Download], page: str, language: Language) -> list[dict[str, Any]]:
    """A page's downloads by format, each file with its link from ``page`` and its size in ``language``."""
    groups: dict[str, list[dict[str, str]]] = {}
    for download in found:
        groups.setdefault(download.format, []).append(
            {
                "variant": download.variant,
                "href": relative_path(download.path, page),
                "size": language.size(download.size),
            }
        )
    return [{"format": ext, "files": files} for ext, files in groups.items()]


def _where(exc: jinja2.TemplateError, default: str) -> tuple[str, int]:
    """The template and line of an error (0 if unknown): Jinja rewrites tracebacks to point into the templates."""
    if getattr(exc, "lineno", None):
        return getattr(exc, "name", None) or default, exc.lineno  # type: ignore[attr-defined]
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return (Path(frames[-1].filename).name, frames[-1].lineno or 0) if frames else (default, 0)


def _groups(entities: list[Entity], kind: Kind) -> list[tuple[str, list[Entity]]]:
    """Entities grouped by the kind's choice field, in the order of its choices; one group if none."""
    if not kind.group_by:
        return [("", entities)]
    choices = kind.record.fields[kind.group_by].choices  # type: ignore[attr-defined]
    groups = [(choice, [e for e in entities if e.data[kind.group_by] == choice]) for choice in choices]
    return [(choice, found) for choice, found in groups if found]
