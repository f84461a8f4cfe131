"""What content can put in a page goes through one allow-list.

Two walls, so that no template or Markdown extension added later can let script through:

- Markdown's attribute lists (``{: .classe #ancre }``) set only the attributes of ``ATTRIBUTE_LIST``; an id or a
  class is a plain name, never one of the theme's own (``__config``, ``md-…``), which scripts look up;
- every page's HTML (generated and hand-written) is cleaned by nh3 (the Ammonia sanitizer) before MkDocs
  writes it and indexes it for search: only the elements and attributes below stay, links keep only web, mail
  and relative addresses, and event handlers, scripts, frames and foreign markup are removed.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import nh3
from markdown import Extension, Markdown
from markdown.extensions.attr_list import AttrListTreeprocessor

# Markdown attribute lists: what an editor or a template may set, and how its value must look.
_NAME = re.compile(r"^(?!__|md-)[A-Za-z][\w-]*$")
ATTRIBUTE_LIST = {
    "id": _NAME,
    "class": _NAME,  # each class of the list
    "lang": re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"),
    "title": re.compile(r"^[^<>]*$"),
}


class _SafeAttributes(AttrListTreeprocessor):
    """attr_list, keeping only the attributes of ``ATTRIBUTE_LIST`` with a value of the expected form."""

    def assign_attrs(self, elem: Element, attrs_string: str, *, strict: bool = False) -> str:
        given = Element(elem.tag)
        remainder = super().assign_attrs(given, attrs_string, strict=strict)
        for name, value in given.attrib.items():
            form = ATTRIBUTE_LIST.get(name)
            if form is None or value is None:
                continue
            if name == "class":
                classes = [c for c in value.split() if form.match(c)]
                if classes:
                    elem.set("class", " ".join(filter(None, [elem.get("class"), *classes])))
            elif form.match(value):
                elem.set(name, value)
        return remainder


class SafeAttributesExtension(Extension):
    """Replaces attr_list's tree processor (same name, same priority) with ``_SafeAttributes``."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if "attr_list" in md.treeprocessors:
            md.treeprocessors.register(_SafeAttributes(md), "attr_list", 8)


_GLOBAL = {"class", "id", "title", "lang", "dir", "role", "hidden"}
_SVG_PAINT = {"fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "transform"}
_SVG_TEXT = {"x", "y", "dx", "dy", "font-family", "font-size", "font-weight", "letter-spacing", "text-anchor"}
_SVG_SHAPE = {"x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points", "d"}
_TABLE_CELL = {"colspan", "rowspan"}
_ALIGN = {f"text-align: {side};" for side in ("left", "center", "right")}  # how Markdown tables align cells

TAGS = {
    # text
    *("a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "details", "dfn", "div", "dl", "dt"),
    *("em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li"),
    *("mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "u", "ul"),
    *("caption", "col", "colgroup", "table", "tbody", "td", "tfoot", "th", "thead", "tr"),
    # the agreement pages' form: it fills the page and prints it, it sends nothing anywhere (no action)
    *("form", "fieldset", "legend", "label", "input", "textarea", "button", "select", "option"),
    # the model's diagram
    *("svg", "g", "title", "desc", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text"),
    "tspan",
}

ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL,
    "a": {"href", "hreflang", "download"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "td": _TABLE_CELL,
    "th": {*_TABLE_CELL, "scope"},
    "details": {"open"},
    "form": {"autocomplete", "novalidate"},
    "label": {"for"},
    "input": {"type", "name", "value", "checked", "disabled", "min", "max", "step", "placeholder", "autocomplete"},
    "textarea": {"name", "rows", "cols", "placeholder"},
    "button": {"type", "name", "value", "disabled"},
    "select": {"name", "disabled"},
    "option": {"value", "selected"},
    "svg": {"viewBox", "xmlns", "width", "height", "preserveAspectRatio", "focusable", *_SVG_PAINT, *_SVG_TEXT},
    "g": {*_SVG_PAINT, *_SVG_TEXT},
    "text": {*_SVG_PAINT, *_SVG_TEXT},
    "tspan": {*_SVG_PAINT, *_SVG_TEXT},
    **{shape: {*_SVG_SHAPE, *_SVG_PAINT} for shape in ("rect", "circle", "ellipse", "line", "polyline", "polygon")},
    "path": {*_SVG_SHAPE, *_SVG_PAINT},
}

URL_SCHEMES = {"http", "https", "mailto"}  # and addresses relative to the page

_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"aria-", "data-"},
    url_schemes=URL_SCHEMES,
    # removed with what they hold: an agreement's print margins are in the page's head (render.py), no style here
    clean_content_tags={"script", "noscript", "iframe", "object", "embed", "template", "style"},
    tag_attribute_values={"td": {"style": _ALIGN}, "th": {"style": _ALIGN}},  # no other style attribute
    link_rel=None,  # the guide's own links stay as they are
    strip_comments=True,
)


def clean(html: str) -> str:
    """A page's HTML with only what the allow-list keeps. The sanitizer writes each no-break space as ``&nbsp;``;
    they go back to the character they are, as MkDocs writes them (French typography is full of them)."""
    return _CLEANER.clean(html).replace("&nbsp;", "\u00a0")
