"""``mkdocs serve`` while the content has errors: the last good site stays served, each page topped with the
errors, until they are fixed.

MkDocs' server holds every request while a rebuild is under way, and to it a rebuild that failed has not
ended: every page hangs until one succeeds. A content error stops the build in on_pre_build, before MkDocs
touches the site folder, so the last good site is still whole there: after such a failure the preview tells
the server that the rebuild is over (browsers reload), and puts a banner naming each error (file:line) at the
top of every HTML page it serves. The next good rebuild removes it. Other failures keep MkDocs' behaviour.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

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
        for folder in self.settings.content.values():
            server.watch(str(folder))
        _watch_hand_written(server, self.settings)
        server.builder = self._builder(server.builder)
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


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once for every fast build: MkDocs makes a new Jinja environment per build,
    which would compile Material's templates again each time (Jinja checks each one's source before using it)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
