"""A Content-Security-Policy in the head of every page: the second wall behind the sanitizer (sanitize.py).

Scripts run only from the site's own files and from the page's own inline scripts, each allowed by the hash of
its text (the theme's, and the guide's search and 404 scripts). No event handler written in markup, no
``javascript:`` address and no script that some later code writes into the page can run, even if markup
slipped through: Material's tooltips, for one, put an element's ``title`` into the page as HTML.

The policy is a ``<meta>`` element, so it holds wherever the site is copied, the offline copy opened from the
disk included (there the site's own files are ``file:`` addresses).
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_RUNS = re.compile(r"""\btype\s*=\s*["']?(?!(?:text|application)/javascript|module)""", re.IGNORECASE)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


def _hashes(html: str) -> list[str]:
    """The hash of every inline script the page runs (a JSON island such as Material's __config runs nothing)."""
    found = []
    for script in _SCRIPT.finditer(html):
        attrs = script["attrs"]
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or _RUNS.search(attrs):
            continue
        digest = hashlib.sha256(script["body"].encode("utf-8")).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(found))


def policy(html: str, on_disk: bool = False) -> str:
    """The policy for ``html``; ``on_disk`` for a copy opened from the disk, whose files are file: addresses."""
    own = "'self' file:" if on_disk else "'self'"
    return "; ".join(
        [
            f"default-src {own}",
            f"script-src {' '.join([own, *_hashes(html)])}",
            f"style-src {own} 'unsafe-inline'",  # the theme sets styles inline; styles run no script
            f"img-src {own} data:",
            f"font-src {own} data:",
            f"connect-src {own}",
            f"frame-src {own}",  # search's stand-in for a worker, on the disk (iframe-worker.js)
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",  # the agreement form fills the page in, it sends nothing
        ]
    )


def with_policy(html: str, on_disk: bool = False) -> str:
    """``html`` with its policy as the first element of its head, before any script."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, on_disk)}">'
    return html[: head.end()] + meta + html[head.end() :]
