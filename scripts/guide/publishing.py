"""What the site tells search engines once it has an address (``site_url``), and only then.

With an address, every page names itself (its canonical link, which the theme prints from ``site_url``) and the
same page in each language (``<link rel="alternate" hreflang>``, the default language's page being ``x-default``);
each language has its sitemap (``sitemap-<lang>.xml``, every page with its alternates), ``sitemap.xml`` is the
index of those, and ``robots.txt`` names the index. All of them need absolute addresses: without ``site_url``
there are none, and the sitemap MkDocs writes anyway (of "None" addresses) is removed; with one, it is replaced.

No ``<lastmod>``: MkDocs would take it from the build's clock, which says nothing of when a page changed and
would make two builds of the same content differ.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .urls import language_prefix, page_language, same_page_in

INDEX = "sitemap.xml"  # where MkDocs writes its sitemap, and where one is usually looked for
ROBOTS = "robots.txt"
DEFAULT = "x-default"  # the page for a reader whose language the guide is not in: the default language's
_WRITTEN_BY_MKDOCS = ("sitemap.xml", "sitemap.xml.gz")  # in each language's build
_SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"


def sitemap_name(lang: str) -> str:
    """A language's sitemap, at the site's root (a sitemap may list only addresses under its own folder)."""
    return f"sitemap-{lang}.xml"


def _relative(url: str) -> str:
    """A page's address from the site's root as a page gives it: MkDocs' files say "./" for the home page."""
    return "" if url in ("", "./") else url


def absolute(site_url: str, url: str) -> str:
    """The address of the page ``url`` (relative to the site's root, as MkDocs gives it) on the site."""
    return site_url + _relative(url)


def alternates(url: str, site_url: str | None, languages: list[str]) -> list[tuple[str, str]]:
    """The page ``url`` in each language, then ``x-default``, as (hreflang, absolute address); none without an
    address. Every language has every page (the content has the same ids in each; a hand-written page is
    written in each)."""
    if not site_url:
        return []
    found = [(lang, absolute(site_url, same_page_in(url, lang, languages))) for lang in languages]
    return [*found, (DEFAULT, found[0][1])]


def write(
    site_dir: Path, site_url: str | None, pages: dict[str, list[str]], languages: list[str], *, kept: bool = False
) -> None:
    """Replace what MkDocs wrote for a sitemap with the guide's: with an address, a sitemap per language of
    ``pages`` (language -> its pages' addresses, relative to the site's root), their index and robots.txt;
    without, nothing. ``kept``: the languages' sitemaps this wrote last time are still there and right (a fast
    build of ``make serve``, with the same pages at the same address): only the index MkDocs wrote over is
    written again."""
    for lang in languages:
        for name in _WRITTEN_BY_MKDOCS:
            (site_dir / language_prefix(lang, languages) / name).unlink(missing_ok=True)
    if not site_url:
        return
    listed = [lang for lang in languages if pages.get(lang)]
    if not kept:
        for lang in listed:
            (site_dir / sitemap_name(lang)).write_text(sitemap(site_url, lang, pages, languages), encoding="utf-8")
    (site_dir / INDEX).write_text(sitemap_index(site_url, listed), encoding="utf-8")
    (site_dir / ROBOTS).write_text(robots(site_url), encoding="utf-8")


def sitemap(site_url: str, lang: str, pages: dict[str, list[str]], languages: list[str]) -> str:
    """The sitemap of ``lang``: each of its pages once, with the same page in each language that has it."""
    has = {other: {_relative(url) for url in found} for other, found in pages.items()}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{_SITEMAPS}" xmlns:xhtml="{_XHTML}">',
    ]
    for url in sorted(has[lang]):
        if page_language(url, languages) != lang:
            continue
        lines += ["  <url>", f"    <loc>{escape(absolute(site_url, url))}</loc>"]
        for hreflang, href in alternates(url, site_url, languages):
            other = languages[0] if hreflang == DEFAULT else hreflang
            if _relative(same_page_in(url, other, languages)) in has.get(other, ()):
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={quoteattr(href)}/>')
        lines.append("  </url>")
    return "\n".join([*lines, "</urlset>", ""])


def sitemap_index(site_url: str, languages: list[str]) -> str:
    """The index of the languages' sitemaps: what robots.txt names, and what to give a search engine."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{_SITEMAPS}">']
    for lang in languages:
        lines.append(f"  <sitemap><loc>{escape(absolute(site_url, sitemap_name(lang)))}</loc></sitemap>")
    return "\n".join([*lines, "</sitemapindex>", ""])


def robots(site_url: str) -> str:
    """Every page may be read; the sitemap index says where they are. (Crawlers read robots.txt only at a host's
    root: under a sub-path, this one is there for the host's own to copy.)"""
    return f"User-agent: *\nDisallow:\n\nSitemap: {absolute(site_url, INDEX)}\n"
