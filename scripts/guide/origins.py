"""MkDocs' messages about a generated page, pointed at the content line it was made from.

MkDocs checks the links of every page and names the page it found a broken one in: for a generated page,
``docs/fr/outils/comite.md``, a file no editor writes. This filter puts the YAML file and line that hold the
link in front of the message, so that an editor knows what to fix, as with every other content error.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

_DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:an? [\w ]*?link|a link to) '(?P<target>[^']*)'")
LOGGER = "mkdocs.structure.pages"  # where MkDocs validates the links of a page


class ContentOrigins(logging.Filter):
    """Rewrites MkDocs' link warnings about generated pages, once per place and link."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[str, Path] = {}  # page, relative to docs_dir ("fr/outils/comite.md") -> its YAML folder
        self.root = Path()
        self.seen: set[tuple[str, str]] = set()

    def update(self, pages: dict[str, Path], root: Path) -> None:
        self.pages, self.root, self.seen = pages, root, set()

    def filter(self, record: logging.LogRecord) -> bool:
        found = _DOC_FILE.match(record.getMessage())
        if not found or found["page"] not in self.pages:
            return True
        place = self.place(self.pages[found["page"]], found["target"])
        if (place, found["target"]) in self.seen:  # the same text shows on an index page and its entity's page
            return False
        self.seen.add((place, found["target"]))
        record.msg = f"{place}: {record.getMessage()} The page is made from this content: fix the link there."
        record.args = ()
        return True

    def place(self, folder: Path, target: str) -> str:
        """``file:line`` of the first line of ``folder``'s YAML files that holds the link ``(target)``."""
        for path in sorted(folder.rglob("*.yaml")):
            if not path.is_file():  # the validator has refused anything else already
                continue
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(lines, start=1):
                if f"({target})" in line or f"({target} " in line or f"]: {target}" in line:
                    return f"{_display(path, self.root)}:{number}"
        return _display(folder, self.root)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


ORIGINS = ContentOrigins()


def install() -> None:
    """Attach the filter to MkDocs' page logger, once per process."""
    logger = logging.getLogger(LOGGER)
    if ORIGINS not in logger.filters:
        logger.addFilter(ORIGINS)
