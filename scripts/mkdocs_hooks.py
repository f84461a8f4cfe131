"""The door from MkDocs (mkdocs.yml `hooks:`) into the generator package next to this file."""

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
_hooks = importlib.import_module("guide.hooks")

on_startup = _hooks.on_startup
on_config = _hooks.on_config
on_pre_build = _hooks.on_pre_build
on_files = _hooks.on_files
on_nav = _hooks.on_nav
on_env = _hooks.on_env
on_page_markdown = _hooks.on_page_markdown
on_page_content = _hooks.on_page_content
on_page_context = _hooks.on_page_context
on_post_page = _hooks.on_post_page
on_template_context = _hooks.on_template_context
on_post_template = _hooks.on_post_template
on_post_build = _hooks.on_post_build
on_serve = _hooks.on_serve
