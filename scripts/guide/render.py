"""Render one language's model into Markdown pages through the Jinja2 templates of ``gabarits/pages``."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2

from .agreement_files import site_files
from .agreements import with_blanks
from .citation import Citation
from .diagram import model_svg
from .errors import ErrorList, InvalidContentError
from .languages import Language
from .loader import load_file
from .model import Entity, Model, relative_path
from .schema import Kind
from .text import prepare

STRINGS_FILE = "libelles.yaml"
_DIAGRAM_LABELS = ("populations", "acteurs", "coeur", "objectifs", "description", "et", "guillemets")


class TemplateError(Exception):
    """A template could not be rendered; the message names the template and the line."""


def load_strings(templates: Path, languages: list[str]) -> dict[str, dict[str, str]]:
    """Interface strings per language (``libelles.yaml``), flattened to "kinds.roles" keys."""
    errors = ErrorList()
    doc = load_file(templates / STRINGS_FILE, f"{templates.name}/{STRINGS_FILE}", errors)
    strings: dict[str, dict[str, str]] = {}
    if doc is not None:
        data = doc.data if isinstance(doc.data, dict) else {}
        for lang in languages:
            if not isinstance(data.get(lang), dict):
                errors.add(
                    doc.name,
                    doc.line(()),
                    lang,
                    f"the interface strings for '{lang}' are missing",
                    f"{lang}:\n  kinds:\n    roles: …",
                )
                continue
            strings[lang] = {k: prepare(v) for k, v in _flatten(data[lang]).items()}
        for lang, found in strings.items():
            for other, theirs in strings.items():
                for key in sorted(set(found) - set(theirs)):
                    errors.add(
                        doc.name,
                        doc.line((lang, *key.split("."))),
                        f"{lang}.{key}",
                        f"has no counterpart in '{other}'",
                        f"{other}:\n  {key}: …",
                    )
    if errors:
        raise InvalidContentError(errors.sorted())
    return strings


def _flatten(data: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


class Renderer:
    """One Jinja2 environment for every page; templates loop and print, the logic is in Python."""

    def __init__(
        self,
        templates: Path,
        strings: dict[str, dict[str, str]],
        languages: dict[str, Language],
        citation: Citation | None = None,
        files: dict[str, bytes] | None = None,
        pairs: tuple[tuple[str, str], ...] = (),
    ):
        self.strings = strings
        self.languages = languages
        self.citation = citation
        self.files = files or {}  # the agreements' files, by path relative to a language folder
        self.pairs = pairs  # the languages printed side by side in the bilingual files
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates / "pages"),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown out: the model's texts are already made inert (text.inert)
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # a generation makes its own Renderer: no need to check each template's date per page
        )
        self.env.filters["blanks"] = with_blanks

    def _template(self, *names: str) -> jinja2.Template:
        return self.env.select_template(list(names))

    def render(self, model: Model) -> dict[str, str]:
        """Every generated page of ``model``: path relative to the language folder -> Markdown."""
        pages: dict[str, str] = {}
        for key, entities in model.kinds.items():
            if not entities:
                continue
            first = entities[0]
            if not first.kind.many:
                pages[first.path] = self._page(first.path, model, (key + ".md.j2",), entity=first)
                continue
            index = model.index_path(key)
            pages[index] = self._page(
                index,
                model,
                (key + "-index.md.j2", "index.md.j2"),
                key=key,
                groups=_groups(entities, first.kind),
            )
            if first.kind.pages:
                for entity in entities:
                    pages[entity.path] = self._page(entity.path, model, (key + ".md.j2", "entite.md.j2"), entity=entity)
        return pages

    def _page(self, path: str, model: Model, names: tuple[str, ...], **context: Any) -> str:
        template = self._template(*names)
        t = self.strings[model.lang]
        language = self.languages[model.lang]

        def link(entity: Entity) -> str:
            return entity.link_from(path)

        def label(key: str) -> str:
            if key not in t:
                raise TemplateError(f"{template.name}: no interface string '{key}' in libelles.yaml")
            return t[key]

        def diagram() -> str:
            """The model's diagram as a raw HTML block: a figure with its caption."""
            entity = model.kinds["modele"][0]
            labels = {key: label(f"figure.modele.{key}") for key in _DIAGRAM_LABELS}
            svg, caption = model_svg(entity, labels), entity["legende"]
            return f'<figure class="guide-figure">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>'

        def downloads(entity: Entity) -> list[dict]:
            """The files of an agreement, by format: a Markdown link to each variant, with its size."""
            out: dict[str, list[str]] = {}
            for variant, ext, target in site_files(entity.id, list(self.strings), self.pairs):
                if target in self.files:
                    size = language.size(len(self.files[target]))
                    link = relative_path(target, path)
                    name = label(f"entente.fichiers.{variant.name}")
                    out.setdefault(ext, []).append(f"[{name}]({link}) <small>({size})</small>")
            return [{"format": ext, "links": found} for ext, found in out.items()]

        try:
            return template.render(
                lang=model.lang,
                language=language,
                model=model,
                page=path,
                link=link,
                t=label,
                diagram=diagram,
                citation=self.citation,
                downloads=downloads,
                **context,
            )
        except jinja2.TemplateError as exc:
            raise TemplateError(f"gabarits/pages/{_where(exc, template.name)}: {exc.message}") from exc


def _where(exc: jinja2.TemplateError, default: str) -> str:
    """The template and line of an error: Jinja rewrites tracebacks to point into the templates."""
    if getattr(exc, "lineno", None):
        return f"{getattr(exc, 'name', None) or default}:{exc.lineno}"  # type: ignore[attr-defined]
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else default


def _groups(entities: list[Entity], kind: Kind) -> list[tuple[str, list[Entity]]]:
    """Entities grouped by the kind's choice field, in the order of its choices; one group if none."""
    if not kind.group_by:
        return [("", entities)]
    choices = kind.record.fields[kind.group_by].choices  # type: ignore[attr-defined]
    groups = [(choice, [e for e in entities if e.data[kind.group_by] == choice]) for choice in choices]
    return [(choice, found) for choice, found in groups if found]
