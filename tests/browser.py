"""Headless Chromium from Debian (never a downloaded build), driven by Playwright, and a local server.

The built site is served on 127.0.0.1 only, the way a static host serves it: a missing page gets
the site's root 404.html.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = Path(__file__).resolve().parent / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, handler: type[_Handler] = _Handler, path: str = "/") -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 with ``handler`` (a static host: ``_Handler``, or one that compresses, or that
    serves under a sub-path); yield its base URL, ending in ``path``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A Playwright browser on Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


# What a static host compresses (nginx's gzip_types in README, Publishing): text, never PDF, DOCX, zip or images.
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Compressing(_Handler):
    """Gzip for text when the browser accepts it, as a real host sends it; anything else as ``_Handler`` does."""

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.is_file() and kind.startswith(COMPRESSED)):
            return super().send_head()  # a folder's redirect, a missing page (404.html), other files: unchanged
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve_compressed(folder: Path) -> contextlib.AbstractContextManager[str]:
    """Serve ``folder`` on 127.0.0.1 with text compressed; yield its base URL."""
    return serve(folder, _Compressing)
