"""Hostile content, as a table: each class of payload in every text and link field of every kind, both languages.

A link to a script (in a text, or as a reference's address) is refused with its file, line and field. Every
other payload is accepted and reaches the pages, the search indexes, the diagram (SVG), the PDFs and the DOCX as
text, never as live markup; in Chromium no dialog fires on any built page.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from guide.errors import InvalidContentError
from guide.fields import Field, Link, ListOf, Markdown, Record, Text
from guide.schema import KINDS, STAMP, Stamp
from guide.settings import Settings
from guide.validate import load_content
from sites import FIXTURES, build, make_project

LANGS = ("fr", "en")

# Links a text may not hold, each written the way an attacker would try to slip it past a pattern.
REFUSED_LINKS = [
    ("javascript", "[x](javascript:alert(1))", "javascript"),
    ("nested parentheses", "[x](javascript:alert((1)))", "javascript"),
    ("case", "[x](JaVaScRiPt:alert(1))", "javascript"),
    ("whitespace inside", "[x]( java\tscript:alert(1))", "javascript"),
    ("angle brackets", "[x](<javascript:alert(1)>)", "javascript"),
    ("entity", "[x](&#106;avascript:alert(1))", "javascript"),
    ("entity for a colon", "[x](javascript&colon;alert(1))", "javascript"),
    ("vbscript", "[x](vbscript:msgbox(1))", "vbscript"),
    ("data", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data"),
    ("image", "![x](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E)", "data"),
    ("reference-style", "[x][r]\n\n[r]: javascript:alert(1)", "javascript"),
    ("reference-style, spaced", "[x][r]\n\n   [r]:   <JAVASCRIPT:alert(1)>", "javascript"),
]

# A reference's addresses: (field, value, what the editor is told)
REFUSED_ADDRESSES = [
    ("url", "javascript:alert(1)", "expected a web address starting with https:// or http://"),
    ("url", "JavaScript:alert(1)", "expected a web address starting with https:// or http://"),
    ("url", "vbscript:msgbox(1)", "expected a web address starting with https:// or http://"),
    ("url", "data:text/html,alert(1)", "expected a web address starting with https:// or http://"),
    ("url", "img src=x onerror=alert(1)", "an address holds no spaces, quotes, angle brackets or control characters"),
    ("url", 'https://example.org/"onmouseover="alert(1)', "an address holds no spaces, quotes"),
    ("url", "https://example.org/<script>", "an address holds no spaces, quotes"),
    ("url", "//example.org/x", "expected a web address starting with https:// or http://"),
    ("url", "https://", "this web address has no host name"),
    ("url", "ftp://example.org/x", "expected a web address starting with https:// or http://"),
    ("doi", "img src=x onerror=alert(1)", "expected a DOI (10.xxxx/…)"),
    ("doi", "javascript:alert(1)", "expected a DOI (10.xxxx/…)"),
    ("doi", "10.7202/x onerror=alert(1)", "expected a DOI (10.xxxx/…)"),
    ("doi", "https://example.org/10.7202/x", "expected a DOI (10.xxxx/…)"),
]

# Accepted everywhere, shown as text: raw HTML, attribute lists, autolinks, entities, templates.
INLINE = (
    "<script>alert(101)</script> <img src=x onerror=alert(102)> <svg onload=alert(103)><script>alert(104)"
    '</script></svg> <iframe src="javascript:alert(105)"></iframe> <a href="javascript:alert(106)">a</a> '
    '[ok](https://example.org/){: href="javascript:alert(107)" onclick="alert(108)" } '
    '![i](https://example.org/i.png){: onerror="alert(109)" } *em*{: onmouseover="alert(110)" } '
    "<javascript:alert(111)> &lt;script&gt;alert(112)&lt;/script&gt; &#60;img src=x onerror=alert(113)&#62; "
    '{{ "alert(114)" }} {% raw %} \\<b onclick=alert(115)>b\\</b> '
    '{: onmouseover="alert(116)" #__config .md-header style="background:url(javascript:alert(117))" }'
)
# Accepted in Markdown fields, on lines of their own: block attribute lists, raw HTML blocks, references.
BLOCK = (
    "Paragraphe.\n"
    '{: onclick="alert(201)" id="__config" .md-sidebar }\n\n'
    '<div onclick="alert(202)" markdown>bloc <script>alert(203)</script></div>\n\n'
    '<svg><a xlink:href="javascript:alert(204)"><text>t</text></a></svg>\n\n'
    "[réf][r]\n\n"
    '[r]: https://example.org/ "alert(205)"\n'
)
MARKER = re.compile(r"alert\(\d+\)")


def text_fields(value: object, spec: Field, where: tuple = ()) -> Iterator[tuple[tuple, Field]]:
    """Every text field of a value, with its spec: where it is, as a path of keys and positions."""
    if isinstance(spec, Record) and isinstance(value, dict):
        for name, field in spec.fields.items():
            if name in value and value[name] is not None and name != STAMP:
                yield from text_fields(value[name], field, (*where, name))
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for i, item in enumerate(value):
            yield from text_fields(item, spec.item, (*where, i))
    elif isinstance(spec, Text) and not isinstance(spec, (Link, Stamp)) and where[-1:] != ("date",):
        yield where, spec


def _entries(data: dict) -> Iterator[tuple[tuple, object, Record]]:
    for key, value in data.items():
        kind = KINDS[key]
        if kind.many:
            for i, item in enumerate(value):
                yield (key, i), item, kind.record
        else:
            yield (key,), value, kind.record


def _set(data: dict, where: tuple, change) -> None:
    *parents, last = where
    for part in parents:
        data = data[part]
    data[last] = change(data[last])


def _spoil(project: Path, change_text, change_link=None) -> list[tuple[str, tuple]]:
    """Change every text field (and link field) of every content file of both languages; return what changed."""
    changed = []
    for lang in LANGS:
        for path in sorted((project / lang).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for where, entry, record in _entries(data):
                for inner, spec in list(text_fields(entry, record)):
                    _set(data, (*where, *inner), lambda v, spec=spec: change_text(v, spec))
                    changed.append((f"{lang}/{path.name}", (*where, *inner)))
                if change_link and where[0] == "references":
                    for name in ("url", "doi"):
                        if name in change_link:
                            entry[name] = change_link[name]
                            changed.append((f"{lang}/{path.name}", (*where, name)))
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return changed


def _path(where: tuple) -> str:
    from guide.loader import format_path

    return format_path(where)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    project = tmp_path / "petit"
    shutil.copytree(FIXTURES / "petit", project)
    return project


def _errors(project: Path) -> list[str]:
    settings = Settings(project, {lang: project / lang for lang in LANGS}, project / "gabarits", project / "docs")
    with pytest.raises(InvalidContentError) as raised:
        load_content(settings.content, settings.root)
    return [str(e) for e in raised.value.errors]


@pytest.mark.parametrize(("case", "payload", "scheme"), REFUSED_LINKS, ids=[c[0] for c in REFUSED_LINKS])
def test_a_link_to_a_script_is_refused_in_every_text_field(content: Path, case: str, payload: str, scheme: str):
    changed = _spoil(content, lambda value, spec: f"{value} {payload}")
    errors = _errors(content)
    what = f"a link to a '{scheme}:' address is not allowed"
    expected = {(file, _path(where)) for file, where in changed}
    found = {(e.split(":", 1)[0], e.split(": ", 2)[1]) for e in errors if what in e}
    assert found == expected
    assert len(expected) > 60  # every text field of every kind of both languages
    assert all(re.match(r"^(fr|en)/guide\.yaml:\d+: ", e) for e in errors), errors


def test_the_refused_link_message_word_for_word(content: Path) -> None:
    path = content / "fr" / "guide.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("resume: Il coordonne.", 'resume: "[x](javascript:alert((1)))"'), encoding="utf-8")
    assert _errors(content) == [
        "fr/guide.yaml:33: outils[1].resume: a link to a 'javascript:' address is not allowed: a link leads to a "
        "page of the guide or to an address starting with http:, https:, mailto: (example: [le modèle]"
        "(../modele/index.md) or [l'article](https://doi.org/10.7202/1095938ar))"
    ]


@pytest.mark.parametrize(
    ("field", "value", "what"), REFUSED_ADDRESSES, ids=[f"{c[0]}:{c[1]}" for c in REFUSED_ADDRESSES]
)
def test_a_reference_address_is_checked_as_what_it_is(content: Path, field: str, value: str, what: str) -> None:
    _spoil(content, lambda v, spec: v, {field: value})
    errors = _errors(content)
    assert len(errors) == 2, errors  # one per language
    for error, lang in zip(errors, ("en", "fr"), strict=True):
        assert error.startswith(f"{lang}/guide.yaml:"), error
        assert f": references[1].{field}: {what}" in error, error


@pytest.mark.build
def test_the_doi_of_the_issue_is_refused_by_make_site_and_the_site_kept(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    assert build(config).returncode == 0
    before = {p: p.read_bytes() for p in (config.parent / "site").rglob("*") if p.is_file()}
    path = config.parent / "fr" / "guide.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("doi: https://doi.org/10.0000/exemple", "doi: img src=x onerror=alert(1)"))
    result = build(config)
    assert result.returncode == 1
    assert (
        "fr/guide.yaml:47: references[1].doi: expected a DOI (10.xxxx/…), got 'img src=x onerror=alert(1)' "
        '(example: doi: "https://doi.org/10.7202/1095938ar")' in result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert before == {p: p.read_bytes() for p in (config.parent / "site").rglob("*") if p.is_file()}


# --- Everything else is accepted, and reaches every output as text -------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small content set with the payloads in every text field of both languages, and tricky but valid
    addresses, built as `make site` builds it."""
    config = make_project(tmp_path_factory.mktemp("hostile"))

    def change(value: str, spec: Field) -> str:
        if getattr(spec, "neutral", False):  # the same in both languages (an agreement's version)
            return f"{value} {INLINE}"
        tail = f"\n\n{BLOCK}" if isinstance(spec, Markdown) else ""
        return f"{value} {INLINE}{tail}"

    _spoil(
        config.parent,
        change,
        {"url": "https://example.org/a_(b)*c?x=1&y=2#f", "doi": '10.1002/(SICI)<x>"y"_*z*'},
    )
    result = build(config)
    assert result.returncode == 0, result.stderr
    return config.parent / "site"


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"}
_DANGEROUS = {"script", "iframe", "object", "embed", "base", "frame", "frameset", "applet", "meta"}


class _Live(HTMLParser):
    """Collects what could run: event handlers, script addresses, foreign elements, payloads in scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.config_ids = 0
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in _URL_ATTRIBUTES and re.match(
                r"(?i)^(javascript|vbscript|data):", re.sub(r"[\s\x00-\x1f]", "", value)
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and ("url(" in value or "expression(" in value):
                self.found.append(f"<{tag} style={value!r}>")
            if name == "id" and value == "__config":
                self.config_ids += 1
        if tag in _DANGEROUS:
            allowed = tag == "script" or (tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() != "refresh")
            if not allowed:
                self.found.append(f"<{tag}>")
            if tag == "script" and MARKER.search(str(attrs)):
                self.found.append(f"<script {attrs}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and MARKER.search(data) and not data.lstrip().startswith("{"):  # __config is JSON
            self.found.append(f"script: {data[:80]!r}")


def live(markup: str) -> tuple[list[str], int]:
    parser = _Live()
    parser.feed(markup)
    return parser.found, parser.config_ids


@pytest.mark.build
def test_the_hostile_site_shows_the_payloads_as_text(hostile: Path) -> None:
    page = (hostile / "outils" / "comite" / "index.html").read_text(encoding="utf-8")
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "<script>alert(101)</script>" in shown and "<img src=x onerror=alert(102)>" in shown
    assert '{{ "alert(114)" }}' in shown
    assert 'href="https://example.org/"' in page  # the link of "[ok](…){: href=… }" keeps its own address


@pytest.mark.build
def test_no_live_payload_in_any_page(hostile: Path) -> None:
    pages = sorted(hostile.rglob("*.html"))
    assert len(pages) >= 30
    for path in pages:
        found, config_ids = live(path.read_text(encoding="utf-8"))
        assert found == [], path
        assert config_ids <= 1, path  # no element of the content takes the theme's own id


@pytest.mark.build
def test_no_live_payload_in_the_search_indexes(hostile: Path) -> None:
    for lang, index in (
        ("fr", hostile / "search" / "search_index.json"),
        ("en", hostile / "en" / "search" / "search_index.json"),
    ):
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        assert any("alert(101)" in d["text"] for d in docs), lang  # the payloads are indexed, as text
        for doc in docs:
            for key in ("title", "text"):
                assert live(doc[key])[0] == [], (lang, doc["location"], key)


@pytest.mark.build
def test_the_diagram_svg_holds_no_live_payload(hostile: Path) -> None:
    for prefix in ("", "en/"):
        page = (hostile / prefix / "modele" / "index.html").read_text(encoding="utf-8")
        svg = re.search(r'<figure class="guide-figure">\s*<svg.*?</svg>', page, re.DOTALL)
        assert svg and "alert(101)" in html.unescape(svg.group(0))
        assert live(svg.group(0))[0] == []
        assert "<script" not in svg.group(0) and "<foreignObject" not in svg.group(0)


def _pdf_actions(reader: PdfReader) -> list[str]:
    """JavaScript, launch or address actions anywhere in a PDF's objects."""
    found = []
    seen: set[int] = set()

    def visit(obj: object) -> None:
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                return
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key in ("/JS", "/JavaScript", "/Launch", "/OpenAction", "/AA", "/URI", "/SubmitForm", "/ImportData"):
                if key in obj:
                    found.append(f"{key}: {str(obj[key])[:60]}")
            for value in obj.values():
                visit(value)
        elif isinstance(obj, list):
            for value in obj:
                visit(value)

    visit(reader.trailer)
    return found


@pytest.mark.build
def test_no_live_payload_in_the_pdfs_and_docx(hostile: Path) -> None:
    files = sorted((hostile / "ententes" / "fichiers").iterdir())
    assert len(files) == 5
    for path in files:
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            assert _pdf_actions(reader) == [], path.name
            text = " ".join(page.extract_text() for page in reader.pages)
            assert "<script>alert(101)</script>" in text, path.name  # printed, as text
        else:
            with zipfile.ZipFile(path) as archive:
                parts = {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
            assert "&lt;script&gt;alert(101)&lt;/script&gt;" in parts["word/document.xml"], path.name
            for name, part in parts.items():  # the payloads are text; no link, field or outside target holds one
                assert not re.search(r"<w:hyperlink|<w:fldSimple|HYPERLINK|MACROBUTTON|TargetMode=\"External\"", part)
                if name.endswith(".rels"):
                    assert not re.search(r"(?i)javascript:|vbscript:|data:", part), name


@pytest.mark.build
def test_no_dialog_fires_on_any_hostile_page_in_chromium(hostile: Path, browser) -> None:
    from browser import serve

    pages = [p.relative_to(hostile).as_posix() for p in sorted(hostile.rglob("*.html"))]
    dialogs: list[str] = []
    with serve(hostile) as base:
        context = browser.new_context()
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for url in pages:
            page.goto(base + url)
            page.evaluate(
                """() => {
                  for (const el of document.querySelectorAll("body *")) {
                    for (const type of ["mouseover", "mouseenter", "focus", "pointerover", "animationstart"])
                      el.dispatchEvent(new Event(type, {bubbles: true}));
                    if (!el.closest("a, button, input, label, summary, form"))
                      el.dispatchEvent(new MouseEvent("click", {bubbles: true}));
                  }
                }"""
            )
            page.wait_for_timeout(50)
        context.close()
    assert dialogs == []
    assert len(pages) >= 30


def test_every_page_carries_the_policy_and_the_real_site_breaks_none_of_it(real_site: Path, browser) -> None:
    """The second wall: a Content-Security-Policy in every page; the real site's own scripts (theme, search,
    language switcher, agreement form) all run under it."""
    from browser import serve

    pages = sorted(real_site.rglob("*.html"))
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src' in head, path
    violations: list[str] = []
    with serve(real_site) as base:
        page = browser.new_page()
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        for url in ("", "en/", "ententes/espace-communautaire/", "en/glossaire/", "404.html", "en/404.html"):
            page.goto(base + url, wait_until="networkidle")
        page.goto(base + "ententes/espace-communautaire/")
        page.fill("#champ-nom-office", "Office de l'Exemple")
        assert page.locator(".guide-blank--filled").count() >= 1  # the agreement form's script runs
        page.fill("input.md-search__input", "locataires")
        page.wait_for_selector(".md-search-result__item")  # so does search, in its worker
        page.close()
    assert violations == []
