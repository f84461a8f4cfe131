"""The offline copy: the whole site built a second time, to be read from the disk (file://), as one zip.

The second build reads a config derived from the real one (written next to it for the build, then removed)
that adds Material's ``offline`` plugin: page addresses end in ``.html``, and the search index is also
written as a script that a file:// page can load, split per language like the online one (search.py).
Browsers start no Web Worker from file://, and Material runs its search in one: the offline plugin would load
a shim from another host, the guide ships its own (iframe-worker.js, next to this file).

The zip goes into the online site, at ``hors-ligne/``, so that the site offers it for download.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load

from . import mkdocs_child, scratch

NAME = "guide-intervention-proximite-hlm"  # the zip's name and its one top folder
ZIP = Path("hors-ligne") / f"{NAME}.zip"  # in the online site
SHIM = Path(__file__).with_name("iframe-worker.js")
SHIM_URL = "assets/iframe-worker.js"  # the offline plugin adds its own shim unless a polyfill's name has this one's
SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")  # a web server's files, of no use from the disk
ONLINE_ONLY = re.compile(r'<p id="hors-ligne">.*?</p>\s*', re.DOTALL)  # the home pages' link to this zip
DEFAULT_DATE = (2026, 11, 22, 0, 0, 0)  # every entry's date in the zip, unless SOURCE_DATE_EPOCH says another


def build(config_file: Path, site_dir: Path, work_dir: Path | None = None) -> bool:
    """Build the offline copy of ``config_file``'s site and zip it into ``site_dir``; say why when it fails.
    The copy is built in ``work_dir`` (a build's own temporary folder) if given, else in the system's. (``make
    site`` runs this build beside the site's own: build_args, then package.)"""
    with tempfile.TemporaryDirectory(prefix="guide-hors-ligne.", dir=work_dir) as tmp:
        copy = Path(tmp) / NAME
        with build_args(config_file, copy) as args:
            code, output = mkdocs_child.run(args, quiet=True)
        if code != 0:
            failed(output)
            return False
        return package(copy, site_dir)


def package(copy: Path, site_dir: Path) -> bool:
    """The built ``copy``, made ready to be read from the disk, zipped into ``site_dir``; say why when it fails."""
    target = site_dir / ZIP
    try:
        _prepare(copy)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_zip(copy, target, zip_date())
    except OSError as exc:
        print(f"The offline copy could not be written: {mkdocs_child.explain(exc, target)}", file=sys.stderr)
        return False
    print(f"Offline copy written: {ZIP} in the site, {target.stat().st_size / 1e6:.1f} MB")
    return True


def failed(output: str) -> None:
    """Say that the offline copy's build failed, with what it printed."""
    print(output, end="", file=sys.stderr)
    print("The offline copy's build failed.", file=sys.stderr)


def derived_config(config_file: Path) -> dict:
    """What the offline build changes in the real config, which it inherits: one more plugin, the shim, and no
    address. A copy on the disk is at no address: a canonical link would name an online page that does not exist
    (the copy's pages end in .html), and Material would fetch a sitemap next to each hreflang link (publishing.py
    writes neither without an address, nor sitemaps or robots.txt)."""
    with config_file.open("rb") as f:
        real = yaml_load(f)
    plugins = real.get("plugins", ["search"])
    plugins = {**plugins, "offline": {}} if isinstance(plugins, dict) else [*plugins, "offline"]
    polyfills = [*(real.get("extra") or {}).get("polyfills", []), SHIM_URL]
    return {"INHERIT": config_file.name, "site_url": "", "plugins": plugins, "extra": {"polyfills": polyfills}}


@contextmanager
def build_args(config_file: Path, out: Path) -> Iterator[list[str]]:
    """The arguments of the mkdocs build that makes the offline copy of ``config_file``'s site in ``out``, valid
    while the block runs: they name the derived config, written next to ``config_file`` until then."""
    # held while it is read, so that another build removes it only if this one was killed
    with scratch.file(config_file.parent, ".mkdocs-hors-ligne.", ".yml") as derived:
        derived.write_text(
            yaml.safe_dump(derived_config(config_file), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        yield ["build", "--strict", "--config-file", str(derived), "--site-dir", str(out)]


def without_online_only(page_html: str) -> str:
    """A page's HTML in the offline build (the hook's page event), without the link to the zip: the copy does
    not hold itself. Taken out before search indexes the page."""
    return ONLINE_ONLY.sub("", page_html, count=1) if 'id="hors-ligne"' in page_html else page_html


def _prepare(copy: Path) -> None:
    """From a built site to a copy read from the disk: the worker shim in; a web server's files out."""
    shutil.copyfile(SHIM, copy / SHIM_URL)
    for path in [p for p in copy.rglob("*") if p.name in SERVER_ONLY]:  # each language has its 404 page
        path.unlink()


def zip_date() -> tuple[int, ...]:
    """SOURCE_DATE_EPOCH's date (the reproducible builds' convention) if set, else a fixed one."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return DEFAULT_DATE
    return max(time.gmtime(int(epoch))[:6], (1980, 1, 1, 0, 0, 0))  # a zip's dates start in 1980


def write_zip(tree: Path, target: Path, date: tuple[int, ...]) -> None:
    """Zip ``tree`` under its own name; the same files give the same bytes: sorted entries, one date, fixed
    permissions."""
    files = sorted((path.relative_to(tree.parent).as_posix(), path) for path in tree.rglob("*") if path.is_file())
    with zipfile.ZipFile(target, "w") as archive:
        for name, path in files:
            info = zipfile.ZipInfo(name, date)
            info.create_system = 3  # Unix, whatever system builds it, so that external_attr reads the same
            info.external_attr = 0o644 << 16
            # zlib's default level: at 1,000 pages of each kind, the same size as level 9 in half the time
            archive.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
