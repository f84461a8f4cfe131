"""The generator's settings, read from ``extra.guide`` in mkdocs.yml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .languages import Language, LanguageError, declared


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    root: Path  # the folder of mkdocs.yml
    content: dict[str, Path]  # language -> YAML folder; the first language is the default
    templates: Path
    docs_dir: Path
    citation: Path | None = None  # CITATION.cff: how to cite the guide, printed on the References page
    language_data: dict[str, Language] = field(default_factory=dict)  # code -> its locale and writing rules
    bilingual: tuple[tuple[str, str], ...] = ()  # the pairs of languages printed side by side

    def language(self, code: str) -> Language:
        return self.language_data[code]

    @property
    def languages(self) -> list[str]:
        return list(self.content)

    @property
    def cache_dir(self) -> Path:
        """Where rendered agreement files are kept between builds (GUIDE_CACHE, to share one between projects)."""
        return Path(os.environ.get("GUIDE_CACHE") or self.root / ".cache" / "guide")

    @property
    def cache_is_own(self) -> bool:
        """A project's own cache keeps only the files of its last build; a shared one keeps everything."""
        return not os.environ.get("GUIDE_CACHE")

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @classmethod
    def from_mkdocs(cls, config: Any) -> Settings:
        """``config`` is MkDocs' loaded config: ``extra.guide`` holds ``content`` and ``templates``."""
        root = Path(config.config_file_path).resolve().parent
        guide = (config.extra or {}).get("guide")
        example = "extra:\n  guide:\n    content: {fr: fr, en: en}\n    templates: gabarits"
        if not isinstance(guide, dict) or not isinstance(guide.get("content"), dict) or not guide["content"]:
            raise SettingsError(
                f"mkdocs.yml: extra.guide.content: expected a mapping of language to folder (example:\n{example})"
            )
        content = {str(lang): root / str(folder) for lang, folder in guide["content"].items()}
        citation = root / str(guide["citation"]) if guide.get("citation") else None
        try:
            languages = declared(guide.get("languages"), list(content))
        except LanguageError as exc:
            raise SettingsError(f"mkdocs.yml: extra.guide.languages: {exc}") from None
        templates = root / str(guide.get("templates", "gabarits"))
        pairs = _pairs(guide.get("bilingual"), list(content))
        return cls(root, content, templates, Path(config.docs_dir), citation, languages, pairs)


def _pairs(found: object, codes: list[str]) -> tuple[tuple[str, str], ...]:
    """The bilingual versions of the agreements: ``extra.guide.bilingual`` ("fr-en", …), by default the first two
    languages."""
    if found is None:
        return ((codes[0], codes[1]),) if len(codes) > 1 else ()
    pairs = []
    for pair in found if isinstance(found, list) else [found]:
        langs = tuple(str(pair).split("-"))
        if len(langs) != 2 or langs[0] == langs[1] or not set(langs) <= set(codes):
            raise SettingsError(
                f"mkdocs.yml: extra.guide.bilingual: '{pair}' is not two languages of the guide "
                f"({', '.join(codes)}) joined by a hyphen (example: bilingual: [{'-'.join(codes[:2])}])"
            )
        pairs.append(langs)
    return tuple(pairs)
