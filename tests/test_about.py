"""Who stands behind the guide: the About page in each language, the licences, and each page's own description.

The About pages are written by hand (docs/<lang>/a-propos.md); their version and date are printed from
CITATION.cff by the hook, never copied. Every generated page carries its summary as its meta description, through
front matter that no summary can break out of.
"""

from __future__ import annotations

import datetime
import html
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import yaml_load
from mkdocs.utils.meta import get_data

from guide.render import front_matter
from sites import ROOT, build, languages, make_project

LANGS = ("fr", "en")
CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs' reader: the file has !ENV
CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
I18N = CONFIG["plugins"][1]["i18n"]["languages"]
META = re.compile(r'<meta name="description" content="([^"]*)">')


def about_source(lang: str) -> str:
    return (ROOT / "docs" / lang / "a-propos.md").read_text(encoding="utf-8")


def built(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def readable(page: str) -> str:
    """A built page's text, as a reader sees it (tags out, no-break spaces as plain ones)."""
    found = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(found).replace("\u00a0", " ").replace("\u202f", " "))


def descriptions(site: Path) -> dict[str, str]:
    """Every built page's meta description, by its path under the site (404 pages included)."""
    found = {}
    for path in sorted(site.glob("**/*.html")):
        match = META.search(path.read_text(encoding="utf-8"))
        found[path.relative_to(site).as_posix()] = html.unescape(match.group(1)) if match else ""
    return found


def site_description(lang: str) -> str:
    own = next(entry for entry in I18N if entry["locale"] == lang)
    return " ".join((own.get("site_description") or CONFIG["site_description"]).split())


# The About page, as written


@pytest.mark.parametrize("lang", LANGS)
def test_about_page_exists_with_its_description(lang: str) -> None:
    body, meta = get_data(about_source(lang))
    assert len(meta["description"]) > 60
    assert body.lstrip().startswith("# ")


def test_about_page_is_in_the_nav() -> None:
    assert "a-propos.md" in CONFIG["nav"]


# What the issue asks the page to say, in each language: phrases a rewrite must keep.
SAYS = {
    "fr": [
        "André-Anne Parent (Université de Montréal)",
        "Chloé Reiser",
        "S. Tourillon-Gingras",
        "projet indépendant de l'équipe de recherche",
        "ne prétend pas avoir son aval",
        "« lecture du guide »",
        "« suggestion du guide »",
        "Version {{ guide.version }}, publiée le {{ guide.date }}",
        "`CONTRIBUTING.md`",
        "[Références](references/index.md)",
        "CC BY 4.0",
        "licence MIT",
    ],
    "en": [
        "André-Anne Parent (Université de Montréal)",
        "Chloé Reiser",
        "S. Tourillon-Gingras",
        "independent of the research team",
        "does not claim their endorsement",
        '"the guide\'s reading"',
        '"the guide\'s suggestion"',
        "Version {{ guide.version }}, released {{ guide.date }}",
        "`CONTRIBUTING.en.md`",
        "[References](references/index.md)",
        "CC BY 4.0",
        "MIT licence",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_about_page_says_what_the_issue_asks(lang: str) -> None:
    source = about_source(lang)
    missing = [phrase for phrase in SAYS[lang] if phrase not in source]
    assert not missing
    assert not re.search(r"https?://|@|www\.", source)  # no address the seeds do not give
    # no claim of endorsement: every mention of it is a denial
    for claim in re.findall(r"[^.]*\b(?:aval|endors\w*|approuv\w*|approved)\b[^.]*", source):
        assert re.search(r"\bne\b.*\bpas\b|\bnot\b", claim), claim


def test_french_page_is_written_with_plain_spaces() -> None:
    """The generator adds the OQLF no-break spaces itself."""
    assert "\u00a0" not in about_source("fr") and "\u202f" not in about_source("fr")


# Licences


def test_licence_files_and_metadata_agree() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    legal = (ROOT / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in legal
    assert "Section 8 -- Interpretation." in legal  # the whole text, to its last section
    summary = (ROOT / "LICENSE-CONTENU.md").read_text(encoding="utf-8")
    for needed in ("https://creativecommons.org/licenses/by/4.0/", "LICENSES/CC-BY-4.0.txt", "(LICENSE)", "MIT"):
        assert needed in summary
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert set(re.split(r"\s+AND\s+", project["license"])) == {"MIT", "CC-BY-4.0"}
    assert all(list(ROOT.glob(pattern)) for pattern in project["license-files"])
    assert sorted(CITATION["license"]) == ["CC-BY-4.0", "MIT"]


@pytest.mark.parametrize("lang", LANGS)
def test_footer_setting_names_both_licences(lang: str) -> None:
    own = next(entry for entry in I18N if entry["locale"] == lang)
    footer = own.get("copyright") or CONFIG["copyright"]
    assert "CC BY 4.0" in footer and "MIT" in footer


# A summary as front matter: whatever it holds, it stays one inert value


HOSTILE = [
    "Un \"guillemet\" et un 'apostrophe'",
    "Une ligne\n---\ntitle: pris\n---\n# Titre",
    "---\ndescription: autre\n...",
    '"><script>alert(1)</script><meta name="x',
    "&lt;img src=x onerror=alert(2)&gt; &amp; &quot;",
    'Tab\tet \\ barre \\" oblique\u2028séparateur\x85suite\x0b\x1b',
    "{{ guide.version }} {% raw %} ${x} #{y}",
    "**Gras**, _italique_, `code` et [un lien](../roles/a.md){ .x }",
    ": deux-points\n- liste\n? clé\n! étiquette\n& ancre *alias",
    "Une citation [@parent-2022, p. 3] et [@a; @b].",
]


@pytest.mark.parametrize("summary", HOSTILE)
def test_front_matter_holds_any_summary_as_one_value(summary: str) -> None:
    body = "# Titre\n\nTexte.\n"
    rest, meta = get_data(front_matter(summary) + body)
    assert rest == body  # the front matter ends where it should
    assert set(meta) == {"description"}
    description = meta["description"]
    assert isinstance(description, str) and description == description.strip()
    assert all(c.isprintable() for c in description)  # one line: no break of any kind
    assert not re.search(r"[*`]|\]\(|\[@", description)  # plain text: no Markdown, no citation key


def test_no_summary_no_front_matter() -> None:
    assert front_matter("") == front_matter(" \n ") == ""


PAYLOAD = 'x" onmouseover="alert(1)\n---\ntitle: pwned\n---\n</title><script>alert(2)</script> &amp; <b>b</b>'


@pytest.mark.build
def test_hostile_summary_stays_inert_in_the_built_meta(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    content = config.parent / "fr" / "guide.yaml"
    source = content.read_text(encoding="utf-8")
    original = 'resume: "Elle est présente dans le milieu : « tous les jours »."'
    assert original in source
    content.write_text(source.replace(original, "resume: " + yaml.safe_dump(PAYLOAD).strip()), encoding="utf-8")
    result = build(config)
    assert result.returncode == 0, result.stderr
    page = (config.parent / "site" / "roles" / "intervenante" / "index.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    metas = re.findall(r'<meta name="description"[^>]*>', head)
    assert len(metas) == 1
    assert re.fullmatch(r'<meta name="description" content="[^"<>]*">', metas[0])
    assert "onmouseover" not in re.sub(r'content="[^"]*"', "", metas[0])
    shown = html.unescape(META.search(head).group(1))
    assert shown.startswith('x" onmouseover="alert(1) --- title: pwned --- </title><script>alert(2)</script>')
    assert "<script>alert(2)" not in head and "pwned - " not in head.split("<title>")[1].split("</title>")[0]


# The real site


def test_about_page_prints_the_version_and_date_of_citation_cff(real_site: Path) -> None:
    released = datetime.date.fromisoformat(str(CITATION["date-released"]))
    for lang, prefix, words in (("fr", "", "publiée le"), ("en", "en/", "released")):
        text = readable(built(real_site, prefix + "a-propos"))
        date = languages()[lang].date(released).replace("\u00a0", " ")
        assert f"Version {CITATION['version']}, {words} {date}." in text
        assert "{{" not in text


def test_about_page_is_linked_from_the_sidebar(real_site: Path) -> None:
    for prefix, title in (("", "À propos du guide"), ("en/", "About this guide")):
        home = built(real_site, prefix)
        assert re.search(r'href="a-propos/" class="md-nav__link">\s*<span class="md-ellipsis">\s*' + title, home)


def test_every_page_has_its_own_description(real_site: Path) -> None:
    """Every page has one; every page but the home pages (which keep the site's) has its own."""
    found = descriptions(real_site)
    assert found and all(found.values()), [path for path, text in found.items() if not text]
    pages = {p: t for p, t in found.items() if p.endswith("/index.html") and p != "en/index.html"}
    assert len(pages) > 80
    assert not [p for p, t in pages.items() if t == site_description("en" if p.startswith("en/") else "fr")]
    assert len(set(pages.values())) > 0.9 * len(pages)  # each page its own, not one per kind


def test_entity_page_description_is_its_summary(real_site: Path) -> None:
    content = yaml.safe_load((ROOT / "fr" / "roles.yaml").read_text(encoding="utf-8"))
    first = content["roles"][0]
    shown = html.unescape(META.search(built(real_site, f"roles/{first['id']}")).group(1))
    expected = " ".join(first["resume"].split()).replace("'", "’")
    assert shown.replace("\u00a0", " ").replace("\u202f", " ") == expected


def test_every_footer_names_both_licences(real_site: Path) -> None:
    for path in sorted(real_site.glob("**/index.html")):
        footer = path.read_text(encoding="utf-8").split('class="md-copyright__highlight">')[1].split("</div>")[0]
        assert "CC BY 4.0" in footer and "MIT" in footer, path
