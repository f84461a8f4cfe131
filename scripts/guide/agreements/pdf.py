"""An agreement's printable HTML as an accessible PDF whose blanks are fillable form fields (WeasyPrint, PDF/UA-1).

WeasyPrint's ``pdf/ua-1`` variant tags the PDF (structure tree, MarkInfo), has viewers show its title and
writes its XMP metadata. Before it writes the file, ``_finish`` completes the form:

- a blank that appears several times (the same field in two clauses, or in both columns of the
  bilingual version) becomes one field with several widgets: what is typed in one shows in all;
- every widget gets an appearance stream (an empty field's: the page draws its line or box), so that
  no viewer has to make one; ``NeedAppearances`` goes, which some viewers ignore and others answer by
  asking to save the file on closing it;
- a one-line field's text is sized to fit (font size 0, auto): a long name typed in a narrow blank
  shrinks instead of being cut.

WeasyPrint writes no language on the structure elements: each element made from an HTML element with a
``lang`` (each column, a word of the other language) is given it, so that a screen reader reads each
passage in its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any


def library_version() -> str:
    return f"weasyprint {version('weasyprint')}, pydyf {version('pydyf')}"


def pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: it takes a second, and only PDF rendering needs it

    _tag_languages()
    # pdf_forms must be given here: passed to Document.write_pdf() after render() it yields no fields.
    return HTML(string=html).write_pdf(pdf_forms=True, pdf_variant="pdf/ua-1", uncompressed_pdf=False, finisher=_finish)


def _tag_languages() -> None:
    """Have WeasyPrint's structure elements carry the ``lang`` of the HTML element they are made from (once)."""
    import pydyf
    from weasyprint.pdf import tags

    build = tags._build_box_tree
    if getattr(build, "tags_languages", False):
        return

    def with_languages(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        element = box.element if box.element_tag not in ("html", "body") else None
        lang = element.get("lang") if element is not None else None
        for made in build(box, parent, *args):
            if lang and "Lang" not in made:
                made["Lang"] = pydyf.String(lang)
            yield made

    with_languages.tags_languages = True  # type: ignore[attr-defined]
    tags._build_box_tree = with_languages  # it calls itself through the module: the children's elements too


def _finish(document: Any, pdf: Any) -> None:
    """The form completed, in WeasyPrint's PDF objects, before it writes them."""
    form = pdf.catalog.get("AcroForm")
    if form is None:
        return
    fields = _merge_same_names(pdf, [_object(pdf, ref) for ref in form["Fields"]])
    form["Fields"] = fields
    for field in (_object(pdf, ref) for ref in fields):
        widgets = [_object(pdf, ref) for ref in field["Kids"]] if "Kids" in field else [field]
        if not int(field.get("Ff", 0)) & _MULTILINE:
            for holder in (field, *widgets):
                if "DA" in holder:
                    holder["DA"] = _auto_size(holder["DA"])
        for widget in widgets:
            widget["AP"] = _appearance(pdf, widget)
    form.pop("NeedAppearances", None)


def _object(pdf: Any, reference: bytes) -> Any:
    """The object a reference (b"12 0 R") names."""
    return pdf.objects[int(reference.split()[0])]


def _merge_same_names(pdf: Any, fields: list[Any]) -> Any:
    """Fields that share a name become the kids of one parent field, as the PDF specification wants; the
    references of the form's fields."""
    import pydyf

    by_name: dict[str, list[Any]] = {}
    for field in fields:
        by_name.setdefault(str(field["T"].string), []).append(field)
    found = pydyf.Array()
    for name, same in by_name.items():
        if len(same) == 1:
            found.append(same[0].reference)
            continue
        parent = pydyf.Dictionary({"T": pydyf.String(name), "Kids": pydyf.Array(w.reference for w in same)})
        for key in ("FT", "Ff", "DA", "V", "TU"):
            if key in same[0]:
                parent[key] = same[0][key]
        pdf.add_object(parent)
        for widget in same:
            for key in ("T", "FT", "Ff", "V", "TU"):
                widget.pop(key, None)
            widget["Parent"] = parent.reference
        found.append(parent.reference)
    return found


_FONT_SIZE = re.compile(rb"(/\S+) [\d.]+ Tf")
_MULTILINE = 1 << 12  # field flag 13


def _auto_size(appearance: Any) -> Any:
    """A default appearance (b"/fABC 8.6 Tf 0 0 0 rg") with its font size 0: auto, the text fits the field."""
    import pydyf

    raw = appearance.string if isinstance(appearance.string, bytes) else appearance.string.encode()
    return pydyf.String(_FONT_SIZE.sub(rb"\1 0 Tf", raw))


def _appearance(pdf: Any, widget: Any) -> Any:
    """An empty field's appearance: nothing to draw, the page already draws its line or box."""
    import pydyf

    x1, y1, x2, y2 = (float(v) for v in widget["Rect"])
    extra = {
        "Type": "/XObject",
        "Subtype": "/Form",
        "BBox": pydyf.Array((0, 0, round(abs(x2 - x1), 3), round(abs(y2 - y1), 3))),
        "Resources": pydyf.Dictionary(),
    }
    stream = pydyf.Stream([b"/Tx BMC", b"EMC"], extra)
    pdf.add_object(stream)
    return pydyf.Dictionary({"N": stream.reference})
