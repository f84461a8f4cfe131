"""``make serve`` (``mkdocs serve --dirty``): one fast build per edit, right for the page being edited, and the
last good site served while the content has errors.

Fast builds: the preview watches the hand-written files, not the generated ones (``_watch_hand_written``), and
looks at them often (``poll_often``); each page MkDocs does not read again gets what the last build read of it
(``keep_unread``); what does not change from one build to the next is made once (``KnownFiles``, the compiled
templates) and Material's search starts each build from nothing (``search_from_nothing``); the cycle collector
runs after a build (``LateCollection``).

Errors: MkDocs' server holds every request while a rebuild is under way, and to it a rebuild that failed has not
ended: every page hangs until one succeeds. A content error stops the build in on_pre_build, before MkDocs
touches the site folder, so the last good site is still whole there: after such a failure the preview tells
the server that the rebuild is over (browsers reload), and puts a banner naming each error (file:line) at the
top of every HTML page it serves. The next good rebuild removes it. Other failures keep MkDocs' behaviour.
"""

from __future__ import annotations

import contextlib
import gc
import html
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from . import pipeline, text
from .errors import InvalidContentError, shown
from .labels import load_strings
from .schema import KINDS
from .settings import Settings

log = logging.getLogger("mkdocs.plugins.guide")
LABEL = "apercu.erreurs"  # in libelles.yaml
_BODY = re.compile(rb"<body[^>]*>")
_LANG = re.compile(rb'<html lang="([\w-]+)"')


class Preview:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.errors: list[str] = []  # what the last rebuild refused: read by the server's threads, replaced whole
        # read now, while they are valid (the first build passed): the banner must show when they are not
        self.labels = {
            lang: strings.get(LABEL, "")
            for lang, strings in load_strings(settings.templates, settings.languages).items()
        }

    def attach(self, server: Any) -> Any:
        """Watch the content folders, keep the last good site served on a content error, and show the errors."""
        poll_often(server)
        for folder in self.settings.content.values():
            server.watch(str(folder))
        _watch_hand_written(server, self.settings)
        server.builder = self._builder(LateCollection().around(server.builder))
        server.set_app(self._app(server.get_app()))
        return server

    def _builder(self, build: Callable[..., None]) -> Callable[..., None]:
        def builder(*args: Any, **kwargs: Any) -> None:
            try:
                build(*args, **kwargs)
            except Exception:  # MkDocs' Abort, after it has logged why
                self.errors = self._content_errors()
                if not self.errors:
                    raise
                log.warning("guide: the last good version is still served, with the content errors on every page")
            else:
                self.errors = []

        return builder

    def _content_errors(self) -> list[str]:
        try:
            pipeline.check(self.settings)
        except InvalidContentError as exc:
            return shown(exc.errors)  # as the terminal prints them: the first hundred, then how many more
        return []

    def _app(self, app: Callable) -> Callable:
        """The server's WSGI application, with the banner in its HTML pages while there are errors."""

        def serve(environ: dict, start_response: Callable) -> Iterable[bytes]:
            errors = self.errors
            if not errors:
                return app(environ, start_response)
            response: list = []
            body = app(environ, lambda status, headers, exc_info=None: response.extend((status, headers)))
            status, headers = response
            if not dict((k.lower(), v) for k, v in headers).get("content-type", "").startswith("text/html"):
                start_response(status, headers)
                return body
            try:
                page = self.banner(b"".join(body), errors)
            finally:
                getattr(body, "close", lambda: None)()
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            start_response(status, [*headers, ("Content-Length", str(len(page)))])
            return [page]

        return serve

    def banner(self, page: bytes, errors: list[str]) -> bytes:
        """``page`` with the errors at the top of its body; each one escaped, for it quotes the content."""
        found = _LANG.search(page)
        lang = found.group(1).decode() if found else ""
        lang = lang if lang in self.labels else self.settings.default_language
        label = self.settings.language(lang).typeset_markdown(text.plain(self.labels[lang]))
        label = f"<p>{html.escape(label)}</p>" if label else ""  # a templates folder without it: the errors alone
        items = "".join(f"<li><code>{html.escape(error)}</code></li>" for error in errors)
        banner = (
            '<aside class="md-banner md-banner--warning guide-preview-errors" role="alert">'
            f'<div class="md-banner__inner md-grid md-typeset">{label}<ul>{items}</ul></div></aside>'
        ).encode()
        body = _BODY.search(page)
        at = body.end() if body else 0
        return page[:at] + banner + page[at:]


def _watch_hand_written(server: Any, settings: Settings) -> None:
    """MkDocs watches the whole docs folder, where the generator writes its pages: each edit would start a second
    build once the first had written them. Watched instead: what people write there (each folder on its own, the
    generator's folders ``docs/<lang>/<kind>/`` left out). A folder made under docs/ while serving is watched
    from the next ``make serve``."""
    docs = Path(os.path.abspath(settings.docs_dir))  # as MkDocs named it to the server
    with contextlib.suppress(KeyError):  # not watched: nothing to take back
        server.unwatch(str(docs))
    generated = {docs / lang / key for lang in settings.languages for key in KINDS}
    for parent, folders, _ in os.walk(docs):
        folders[:] = [name for name in folders if Path(parent, name) not in generated]
        server.watch(parent, recursive=False)


POLLING = 0.1  # seconds between two looks at the watched files (MkDocs: 0.5)


def poll_often(server: Any) -> None:
    """MkDocs' server looks for changes to the files it watches every half second (a watchdog PollingObserver):
    an edit waited 0.25 s on average, up to 0.5 s, before its build started. The folders watched from here on (the
    content, the hand-written pages) are looked at every ``POLLING`` seconds: a few dozen files stated, a cost
    no one sees. watchdog takes the interval from its observer when a folder is watched: it has no setter."""
    observer = getattr(server, "observer", None)
    if isinstance(getattr(observer, "_timeout", None), (int, float)):
        observer._timeout = min(observer._timeout, POLLING)  # type: ignore[union-attr]


def keep_unread(pages: Iterable[Any], kept: dict[str, tuple]) -> None:
    """A fast build (``make serve``: MkDocs' dirty builds) reads only the pages whose file changed since it built
    them. Each page it did not read gets back what the last build read of it (its Markdown, front matter and title,
    its table of contents and anchors), so that the pages it builds show the others as they are: titles in the
    sidebar, breadcrumbs, previous and next pages, anchors that exist. Each page it read is kept for the next."""
    for page in pages:
        source = page.file.abs_src_path
        if page.markdown is not None:
            kept[source] = (page.markdown, {**page.meta, "title": page.title}, page.toc, page.present_anchor_ids)
        elif source in kept:
            page.markdown, page.meta, page.toc, page.present_anchor_ids = kept[source]


def fast_builds() -> None:
    """MkDocs warns at each dirty build that its navigation may be inaccurate, a warning on which a strict build
    stops: the guide's fast builds give the pages they build the others' titles and places (keep_unread), and
    README says what they leave stale. Said once instead, as a notice."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)
    log.info("guide: fast builds: an edit builds only the pages it changes (README, Previewing)")


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def search_from_nothing(config: Any) -> None:
    """Material's search, in a dirty build, merges the pages it indexes into the index of its last build, which it
    keeps. mkdocs-static-i18n then hands it every language's entries again at the end of the build, and that merge
    kept each page's old entries as well: the index in memory doubled at each edit (7 GB and 100 s a build after
    six edits at 1,000 entries of each kind). The hook merges a fast build's entries with the last build's itself,
    per language (search.split_index): Material's search starts each build from nothing."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None


class LateCollection:
    """Python's cycle collector paused while a fast build runs, and run once a second after it, off the path from
    an edit to its page. ``make serve`` holds close to a million objects at 1,000 entries of each kind (the last
    build's pages, what the generator keeps for the next edit): each of the full collections a build's allocations
    set off walks them all, a quarter of a fast build. What the build left behind is collected after it, unless
    another build has started by then (it collects after its own end)."""

    DELAY = 1.0  # seconds after a build: its page is served by then

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0

    def around(self, build: Callable[..., None]) -> Callable[..., None]:
        def paused(*args: Any, **kwargs: Any) -> None:
            with self.lock:
                self.running += 1
                gc.disable()
            try:
                build(*args, **kwargs)
            finally:
                with self.lock:
                    self.running -= 1
                later = threading.Timer(self.DELAY, self.collect)
                later.daemon = True
                later.start()

        return paused

    def collect(self) -> None:
        with self.lock:
            if self.running:
                return
            gc.enable()
        gc.collect()  # a build that starts meanwhile need not wait for it


class KnownFiles:
    """The site's files as mkdocs-static-i18n made them for a language's last fast build, taken again while the
    list of files is the same.

    For each language's build, static-i18n makes every file of the site anew (its address in that language, its
    twin in the other): at 1,000 entries of each kind, 40 % of a fast build, the same each time. What it makes of a
    file depends on the file's path and the settings, not on what the file says. So while no file is added,
    removed or renamed, a fast build hands static-i18n no file (``on_files``, registered as a plugin that runs
    before it) and then gives back the ones it made last time (``restore``, from the hook, after it). A change of
    settings (mkdocs.yml: the theme check of hooks.py) forgets them all."""

    NAME = "guide/known-files"  # its name among MkDocs' plugins

    def __init__(self) -> None:
        self.known: dict[str, tuple[tuple, list]] = {}  # language -> (the files listed, what static-i18n made)
        self.listed: tuple = ()
        self.taken: list | None = None

    def register(self, config: Any) -> None:
        """Run ``on_files`` in this build (once: static-i18n runs MkDocs' config events again for each language)."""
        if self.NAME not in config.plugins:
            config.plugins[self.NAME] = self

    @event_priority(100)  # before mkdocs-static-i18n (-100)
    def on_files(self, files: Files, config: Any) -> Files:
        self.listed = tuple((file.src_dir, file.src_uri) for file in files)
        listed, made = self.known.get(config.theme["language"], ((), []))
        self.taken = made if listed == self.listed else None
        return files if self.taken is None else Files([])

    def restore(self, files: Files, config: Any) -> Files:
        """``files`` as static-i18n gives them (after ``on_files``): its last ones if they were held back, else
        these, kept for the next build."""
        if self.taken is None:
            self.known[config.theme["language"]] = (self.listed, list(files))
            return files
        for file in self.taken:
            file.page = None  # MkDocs makes each page anew at each build
            files.append(file)
        return files

    def forget(self) -> None:
        self.known.clear()
