"""An agreement's printable HTML as a PDF whose blanks are fillable form fields (WeasyPrint).

A blank that appears several times (the same field in two clauses, or in both columns of the
bilingual version) becomes one field with several widgets: what is typed in one shows in all.
"""

from __future__ import annotations

import io
from importlib.metadata import version


def library_version() -> str:
    return f"weasyprint {version('weasyprint')}, pypdf {version('pypdf')}"


def pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: it takes a second, and only PDF rendering needs it

    # pdf_forms must be given here: passed to Document.write_pdf() after render() it yields no fields.
    raw = HTML(string=html).write_pdf(pdf_forms=True, uncompressed_pdf=False)
    return _merge_same_names(raw)


def _merge_same_names(raw: bytes) -> bytes:
    """Fields that share a name become the kids of one parent field, as the PDF specification wants."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    form = writer._root_object.get("/AcroForm")
    if form is None:
        return raw
    form = form.get_object()
    by_name: dict[str, list] = {}
    for ref in form["/Fields"]:
        by_name.setdefault(str(ref.get_object()["/T"]), []).append(ref)
    fields = ArrayObject()
    for name, refs in by_name.items():
        if len(refs) == 1:
            fields.append(refs[0])
            continue
        first = refs[0].get_object()
        parent = DictionaryObject({NameObject("/T"): TextStringObject(name), NameObject("/Kids"): ArrayObject(refs)})
        for key in ("/FT", "/Ff", "/DA", "/V", "/TU"):
            if key in first:
                parent[NameObject(key)] = first[key]
        parent_ref = writer._add_object(parent)
        for ref in refs:
            widget = ref.get_object()
            for key in ("/T", "/FT", "/Ff", "/V", "/TU"):
                widget.pop(NameObject(key), None)
            widget[NameObject("/Parent")] = parent_ref
        fields.append(parent_ref)
    form[NameObject("/Fields")] = fields
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
