"""The door from MkDocs (mkdocs.yml `hooks:`) into the generator package next to this file."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guide.hooks import on_page_context, on_page_markdown, on_post_build, on_pre_build

__all__ = ["on_page_context", "on_page_markdown", "on_post_build", "on_pre_build"]
