"""One search index per language, so that a reader searches only pages in their language.

MkDocs' search writes a single ``search/search_index.json``; it is split here by the
page addresses: the default language at the root, the others under ``<lang>/``.
Material's ``offline`` plugin (the offline copy's build) also writes that index as a script,
``search/search_index.js``, which a page opened from the disk loads instead: it is split the same way.

The words readers search a page by (a controversy's or a situation's ``mots``, written into its front matter as
Material's ``tags``) are kept on the page's own entry only: Material copies them onto every section of the page,
where each would match the same words again, one result per heading.
"""

from __future__ import annotations

import json
from pathlib import Path

from .urls import language_prefix, page_language

INDEX = Path("search") / "search_index.json"
SCRIPT = INDEX.with_suffix(".js")  # what Material's offline plugin writes: the same index, as a script


Entries = dict[str, dict[str, str]]  # language -> page's address -> its entries (the page's, its sections'), as JSON


def split_index(site_dir: Path, languages: list[str], kept: Entries | None = None) -> Entries:
    """Rewrite the root index with the default language only and write one per other language; return their
    entries. ``kept``, the entries of the last build: a fast build (make serve) indexes only the pages it built,
    whose entries replace theirs there; the other pages keep theirs, as the last build wrote them (each page's
    entries are kept as written: at 1,000 entries of each kind, writing every page's entries again took a
    second per fast build). A page's entries are its own, then its sections', in the order Material gives them;
    in a dirty build, the last ones it gives of a page are its current ones."""
    path = site_dir / INDEX
    if not path.is_file():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    as_script = (site_dir / SCRIPT).is_file()
    found: dict[str, dict[str, list[dict]]] = {lang: {} for lang in languages}
    for doc in index["docs"]:
        lang = page_language(doc["location"], languages)
        prefix = language_prefix(lang, languages)
        entry = {**doc, "location": doc["location"][len(prefix) :]}
        page = entry["location"].split("#", 1)[0]
        if "#" in entry["location"]:
            entry.pop("tags", None)  # a section's: the page's own entry holds them
            found[lang].setdefault(page, []).append(entry)
        else:  # a page's own entry, then its sections': a dirty build's index holds a page's earlier ones before
            found[lang][page] = [entry]
    buckets: Entries = {}
    for lang, pages in found.items():
        written = {page: ",".join(map(_json, entries)) for page, entries in pages.items()}
        buckets[lang] = {**(kept or {}).get(lang, {}), **written}
    for lang, pages in buckets.items():
        folder = site_dir / language_prefix(lang, languages)
        config = {**index["config"], "lang": [lang]}
        data = f'{{"config":{_json(config)},"docs":[{",".join(pages.values())}]}}'
        (folder / INDEX).parent.mkdir(parents=True, exist_ok=True)
        (folder / INDEX).write_text(data, encoding="utf-8")
        if as_script:
            (folder / SCRIPT).write_text(f"var __index = {data}", encoding="utf-8")  # as Material's plugin writes it
    return buckets


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
