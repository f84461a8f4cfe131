"""One search index per language, so that a reader searches only pages in their language.

MkDocs' search writes a single ``search/search_index.json``; it is split here by the
page addresses: the default language at the root, the others under ``<lang>/``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .urls import language_prefix, page_language

INDEX = Path("search") / "search_index.json"


def split_index(site_dir: Path, languages: list[str]) -> dict[str, int]:
    """Rewrite the root index with the default language only and write one per other language."""
    path = site_dir / INDEX
    if not path.is_file():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    buckets: dict[str, list[dict]] = {lang: [] for lang in languages}
    for doc in index["docs"]:
        lang = page_language(doc["location"], languages)
        prefix = language_prefix(lang, languages)
        buckets[lang].append({**doc, "location": doc["location"][len(prefix) :]})
    counts = {}
    for lang, docs in buckets.items():
        target = site_dir / language_prefix(lang, languages) / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**index["config"], "lang": [lang]}
        target.write_text(
            json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        counts[lang] = len(docs)
    return counts
