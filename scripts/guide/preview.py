"""``mkdocs serve`` while the content has errors: the last good site stays served, each page topped with the
errors, until they are fixed.

MkDocs' server holds every request while a rebuild is under way, and to it a rebuild that failed has not
ended: every page hangs until one succeeds. A content error stops the build in on_pre_build, before MkDocs
touches the site folder, so the last good site is still whole there: after such a failure the preview tells
the server that the rebuild is over (browsers reload), and puts a banner naming each error (file:line) at the
top of every HTML page it serves. The next good rebuild removes it. Other failures keep MkDocs' behaviour.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from . import pipeline, text
from .errors import InvalidContentError, shown
from .labels import load_strings
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
