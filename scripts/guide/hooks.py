"""MkDocs events, kept thin: each one hands over to the generator.

mkdocs-static-i18n runs a whole build once per language, so these events fire once
per language; the generation runs only when its input files changed since the last
run in this process.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory

from . import (
    anchors,
    compiled,
    csp,
    handover,
    incremental,
    navigation,
    offline,
    origins,
    pipeline,
    preview,
    publishing,
    sanitize,
    search,
    text,
    urls,
)
from .agreements import site_files
from .citation import load_citation
from .errors import InvalidContentError, shown
from .labels import load_strings
from .render import TemplateError
from .settings import Settings, SettingsError

log = logging.getLogger("mkdocs.plugins.guide")
_state: dict[str, Any] = {
    "fingerprint": None,
    "settings": (None, None),
    "abbreviations": {},
    "generated": frozenset(),  # the generated pages' paths: written finished, the page event leaves them alone
    "not_found": {},
    "published": {},  # language -> its pages' addresses, for its sitemap (publishing.py)
    "builds": 0,  # under way: mkdocs-static-i18n builds each other language inside the default language's build
}


def _settings(config: Any) -> Settings:
    """The settings of ``config``, read once per config object (page events ask for them on every page)."""
    cached_config, settings = _state["settings"]
    if cached_config is config:
        return settings
    try:
        settings = Settings.from_mkdocs(config)
    except SettingsError as exc:
        raise PluginError(str(exc)) from None
    _state["settings"] = (config, settings)
    return settings


def on_pre_build(config: Any) -> None:
    _state["builds"] += 1  # how many builds are under way: on_post_build
    settings = _settings(config)
    if _state.get("dirty"):
        _rebuild_all_if_the_theme_changed(config, settings)
    fingerprint = (settings, pipeline.fingerprint(settings))
    if fingerprint == _state["fingerprint"]:
        return
    try:
        # `make site` has generated the pages for its builds (handover.py); alone, a build generates them
        taken = handover.taken(settings)
        result = taken or pipeline.generate(settings, memory=_state.get("memory"))
    except InvalidContentError as exc:
        for line in shown(exc.errors):  # the first hundred, then how many more
            log.error(line)
        raise PluginError(f"{len(exc.errors)} content error(s): nothing was built, the previous site is kept") from None
    except (TemplateError, handover.AbandonedError) as exc:
        raise PluginError(str(exc)) from None
    _state["fingerprint"] = fingerprint
    _state["abbreviations"] = result.abbreviations
    _know_pages(settings, result.pages)
    for line in result.stale:  # a warning: `mkdocs build --strict` (and so `make site`) stops on it
        log.warning(f"{line} (see make status)")
    log.info(
        f"guide: {sum(map(len, result.pages.values()))} pages generated{' by make site' if taken else ''}, "
        f"{result.written} written, {result.removed} removed, {result.rendered} agreement files rendered"
    )


def _know_pages(settings: Settings, pages: dict[str, list[str]]) -> None:
    """The generated pages' files, which the page event leaves alone, and the content each comes from (origins.py);
    worked out again only when the pages or the folders change (an edit in ``make serve`` seldom adds a page)."""
    known = (settings.docs_dir, settings.content, pages)
    if known != _state.get("pages"):
        _state["pages"] = known
        _state["generated"] = frozenset(
            str(settings.docs_dir / lang / path) for lang, paths in pages.items() for path in paths
        )
        _state["origins"] = {
            f"{lang}/{path}": settings.content[lang] for lang, paths in pages.items() for path in paths
        }
    origins.ORIGINS.update(_state["origins"], settings.root)  # each generation's warnings told anew


def _rebuild_all_if_the_theme_changed(config: Any, settings: Settings) -> None:
    """A fast build (``make serve``: MkDocs' dirty builds) builds only the pages whose Markdown changed. What every
    page shows beside its Markdown (the theme, the interface strings, the agreements' templates, mkdocs.yml) has
    changed since the last build: the whole site is built again, from an empty folder."""
    pages = settings.templates / "pages"  # the generator's: it writes again every page they change
    shown = [p for p in settings.templates.rglob("*") if p.is_file() and pages not in p.parents]
    stamp = [pipeline.stamp(path) for path in sorted([*shown, Path(config.config_file_path or "mkdocs.yml")])]
    if _state.get("theme") not in (None, stamp):
        clean_directory(config.site_dir)
        _state["known_files"].forget()
        _state["sitemaps"] = None
    _state["theme"] = stamp


def on_config(config: Any) -> Any:
    """Markdown's attribute lists set only the attributes the guide allows (sanitize.py); MkDocs' warnings about
    a generated page name the content line it comes from (origins.py); a fast build takes again the files
    mkdocs-static-i18n made for the last one (preview.KnownFiles), and Material's search starts from nothing
    (preview.search_from_nothing)."""
    origins.install()
    if not any(isinstance(ext, sanitize.SafeAttributesExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(sanitize.SafeAttributesExtension())
    if _state.get("dirty"):
        _state["known_files"].register(config)
        preview.search_from_nothing(config)
    return config


@event_priority(-100)  # after mkdocs-static-i18n has kept the files of the language being built (0)
def on_files(files: Any, config: Any) -> Any:
    """The agreements' files are made once, in the default language's folder: another language's build knows
    them too, so that its pages link to that one set (site_files.py). In a fast build, the files static-i18n made
    last time (preview.KnownFiles)."""
    if _state.get("dirty"):
        files = _state["known_files"].restore(files, config)
    languages = _settings(config).languages
    if config.theme["language"] in languages[1:]:
        for src, dest in site_files.shared(Path(config.docs_dir), languages):
            files.append(File(src, config.docs_dir, config.site_dir, config.use_directory_urls, dest_uri=dest))
    return files


@event_priority(-200)  # after mkdocs-static-i18n has made the nav of the language being built (-100)
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """The pages the sidebar lists keep the place MkDocs gives them; the others get theirs in on_env."""
    _state["in_nav"] = navigation.listed(nav)
    return nav


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Every page read, front matter included: an entity's page gets the place its front matter names, its kind's
    index page and its neighbours (navigation.py), before any page is rendered. In a fast build (make serve), the
    pages it did not read first get back what the last build read of them (preview.keep_unread). The theme's
    templates are compiled once (compiled.py)."""
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    if _state.get("dirty"):
        preview.keep_unread(pages, _state.setdefault("unread", {}))
    env.bytecode_cache = compiled.kept_in(_settings(config).cache_dir)
    navigation.attach(pages, _state.get("in_nav", frozenset()))
    return env


@event_priority(-100)  # after every other change to the page's HTML, before search indexes it (page context)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Every page's HTML, generated or written by hand, through the allow-list: the last wall against script; then
    its headings' ¶ links in the page's language (anchors.py). In the offline copy, no link to the copy's zip."""
    html = anchors.localize(sanitize.clean(html), _settings(config), page.url)
    return offline.without_online_only(html) if _on_disk(config) else html


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` keeps what each generation read and rendered, so that an edit renders only what it changes
    (incremental.py)."""
    _state["command"] = command
    _state["dirty"] = dirty
    if command == "serve":
        _state["memory"] = incremental.Memory()
    if dirty:
        preview.fast_builds()
        _state["known_files"] = preview.KnownFiles()


@event_priority(-200)  # once every other change to the page is made: the policy holds its scripts' hashes
def on_post_page(output: str, page: Any, config: Any) -> str:
    """The Content-Security-Policy of the page (csp.py): the second wall. Not in `mkdocs serve`'s preview, whose
    live reload writes an inline script into every page it serves."""
    if _state.get("command") == "serve":
        return output
    return csp.with_policy(output, on_disk=_on_disk(config))


def _on_disk(config: Any) -> bool:
    """Whether this build is the offline copy, read from the disk (Material's offline plugin is on)."""
    return any(name.endswith("offline") for name in config.plugins)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """On a page written by hand, what the generator gives its own pages: the glossary's abbreviations, and
    the typography of its language (its description's too); and the guide's version and date where it asks."""
    if page.file.abs_src_path in _state["generated"]:
        return markdown
    settings = _settings(config)
    lang = urls.page_language(page.url, settings.languages)
    language = settings.language(lang)
    if isinstance(page.meta.get("description"), str):  # its front matter, which MkDocs has already taken out
        page.meta["description"] = language.typeset(page.meta["description"])
    if "{{ guide." in markdown:
        markdown = _RELEASE.sub(lambda found: _release(settings, language)[found.group(1)], markdown)
    return text.finish_page(markdown, language, _state["abbreviations"].get(lang, {}))


_RELEASE = re.compile(r"\{\{ guide\.(version|date) \}\}")


def _release(settings: Settings, language: Any) -> dict[str, str]:
    """The guide's version and release date as CITATION.cff gives them (read as the References page reads it),
    for a page written by hand (``{{ guide.version }}``, ``{{ guide.date }}``: the About page), the date spelt
    out in the page's language."""
    if settings.citation is None:
        raise PluginError("a page prints {{ guide.version }} or {{ guide.date }}, but extra.guide names no citation")
    try:
        citation = load_citation(settings.citation, settings.citation.name)
    except InvalidContentError as exc:
        raise PluginError(str(exc)) from None
    if citation.released is None:
        raise PluginError(f"{settings.citation.name}: date-released is no date written YYYY-MM-DD to print")
    return {"version": citation.version, "date": language.date(citation.released)}


@event_priority(-200)  # after mkdocs-static-i18n has set the language switcher's links (50)
def on_page_context(context: dict, page: Any, config: Any, nav: Any) -> dict:
    """Point the language switcher at the same page in each language, and search at the page's language."""
    languages = _settings(config).languages
    lang = urls.page_language(page.url, languages)
    context["guide_lang"] = lang
    context["guide_search_base"] = urls.language_base(context["base_url"], lang, languages)
    _set_alternates(config, lambda lang: urls.same_page_in(page.url, lang, languages))
    context["guide_hreflang"] = publishing.alternates(page.url, config.site_url, languages)
    context["guide_trail_label"] = navigation.trail_label(_settings(config), page.url)
    return context


@event_priority(-200)
def on_template_context(context: dict, template_name: str, config: Any) -> dict:
    """The 404 page belongs to no page: its switcher leads to each language's home page, its text and search
    are in the language being built. MkDocs' sitemap: the guide keeps its list of pages and writes its own."""
    if template_name == "404.html":
        settings = _settings(config)
        languages = settings.languages
        root = context["base_url"].rstrip("/")  # the 404 page is served at any depth: absolute links
        _set_alternates(config, lambda lang: f"{root}/{urls.language_prefix(lang, languages)}")
        lang = config.theme["language"] if config.theme["language"] in languages else languages[0]
        strings = load_strings(settings.templates, languages)[lang]
        context["guide_not_found"] = {
            key: settings.language(lang).typeset_markdown(text.plain(strings[f"introuvable.{key}"]))
            for key in ("titre", "texte", "accueil")
        }
        context["guide_home"] = f"{root}/{urls.language_prefix(lang, languages)}"
        context["guide_search_base"] = urls.language_base(context["base_url"], lang, languages)
    elif template_name == "sitemap.xml":
        _record_pages(context, config)
    return context


def _record_pages(context: dict, config: Any) -> None:
    """The pages of the language being built, as MkDocs hands them to its sitemap: the guide writes its own."""
    languages = _settings(config).languages
    lang = config.theme["language"] if config.theme["language"] in languages else languages[0]
    _state["published"][lang] = [file.url for file in context["pages"]]


def _set_alternates(config: Any, link: Any) -> None:
    # mkdocs-static-i18n sets them as an attribute of `extra` on some pages and as an item on others,
    # and Material's templates read the attribute first: set both.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if alternates:
        links = [{**alt, "link": link(alt["lang"])} for alt in alternates]
        config.extra["alternate"] = config.extra.alternate = links


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Keep each language's "page not found": every language's build writes the same root 404.html."""
    if template_name == "404.html":
        found = re.search(r'<html lang="([\w-]+)"', output)
        if found:
            _state["not_found"][found.group(1)] = output
    return output


def on_build_error(error: Exception) -> None:
    _state["builds"] = 0  # every build under way stops with the error


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """`mkdocs serve` watches the content folders named in extra.guide, and on a content error keeps serving the
    last good site with the errors on every page (preview.py)."""
    return preview.Preview(_settings(config)).attach(server)


@event_priority(-200)  # after mkdocs-static-i18n has merged the languages' entries (-100)
def on_post_build(config: Any) -> None:
    """The files the whole site shares: each language's search index, its page not found, its sitemap.
    mkdocs-static-i18n builds the other languages inside the default language's build, whose post-build event
    comes last and holds every language's search entries: they are written then, once."""
    _state["builds"] -= 1
    if _state["builds"]:  # a language's build inside the default language's
        return
    settings = _settings(config)
    site_dir = Path(config.site_dir)
    # a fast build (make serve) indexes only the pages it built: the others keep their entries of the last build
    kept = _state.get("search") if _state.get("dirty") else None
    _state["search"] = search.split_index(site_dir, settings.languages, kept)
    _write_not_found_pages(site_dir, settings.languages, urlsplit(config.site_url or "/").path or "/")
    published = (config.site_url, dict(_state["published"]))  # each language's list is replaced, never changed
    same_pages = bool(_state.get("dirty")) and published == _state.get("sitemaps")
    publishing.write(site_dir, config.site_url, _state["published"], settings.languages, kept=same_pages)
    _state["sitemaps"] = published


def _write_not_found_pages(site_dir: Path, languages: list[str], root: str) -> None:
    """A 404.html per language (``en/404.html``…), and the default language's at the root, which sends a
    missing address under another language's folder to that language's page (hosts serve the root one)."""
    pages = _state["not_found"]
    others = [lang for lang in languages[1:] if lang in pages]
    for lang in languages:
        if lang not in pages:
            continue
        output = pages[lang]
        if lang == languages[0] and others:
            prefixes = {f"{root}{urls.language_prefix(other, languages)}": other for other in others}
            script = (
                "<script>/* A missing page under another language's folder: that language's page not found. */\n"
                f"(function () {{ var p = location.pathname, prefixes = {json.dumps(list(prefixes))};\n"
                "  for (var i = 0; i < prefixes.length; i++) if (p.indexOf(prefixes[i]) === 0) "
                "{ location.replace(prefixes[i] + '404.html'); return; } })();</script>\n"
            )
            output = output.replace("</head>", script + "</head>", 1)
        target = site_dir / urls.language_prefix(lang, languages) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        if _state.get("command") != "serve":  # as on_post_page; a server's page, never opened from the disk
            output = csp.with_policy(output)
        target.write_text(output, encoding="utf-8")
