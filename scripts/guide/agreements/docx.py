"""An agreement as an editable word-processor file (DOCX, python-docx), for partners who adapt the text.

Letter paper; the template's name, version and date and "page X of Y" in the footer, initials in
the header; a blank left to fill in is a line followed by its label, highlighted so it is easy to find.
The file is the same, byte for byte, for the same document: its dates come from the document.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from importlib.metadata import version

from .document import Blank, Document


def library_version() -> str:
    return f"python-docx {version('python-docx')}"


def docx(doc: Document) -> bytes:
    from docx import Document as Docx  # imported here: only file rendering needs it
    from docx.enum.text import WD_COLOR_INDEX, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor

    out = Docx()
    _page_setup(out, Cm)
    normal = out.styles["Normal"]
    _font(normal, "Arial")
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(5)
    for name, size in (("Title", 16), ("Heading 1", 12)):
        style = out.styles[name]
        _font(style, "Arial")
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)

    colon = doc.language.colon + " "
    section = out.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = 2  # right
    _small(header.add_run(doc.labels["initiales"] + colon + "   ".join("________" for _ in doc.parties)), Pt)
    footer = section.footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(17.6), WD_TAB_ALIGNMENT.RIGHT)
    _small(footer.add_run(f"{doc.title} — {doc.labels['version']} {doc.version} ({doc.date})\t"), Pt)
    _small(footer.add_run(doc.labels["page"] + " "), Pt)
    _field(footer, "PAGE", Pt)
    _small(footer.add_run(f" {doc.labels['sur']} "), Pt)
    _field(footer, "NUMPAGES", Pt)

    out.add_paragraph(doc.title, style="Title")
    notice = out.add_paragraph()
    notice.add_run(doc.labels["avis.court"]).bold = True

    for part in doc.sections:
        heading = out.add_paragraph(f"{part.number}. {part.title}", style="Heading 1")
        heading.paragraph_format.keep_with_next = True
        for k, clause in enumerate(part.clauses, start=1):
            para = out.add_paragraph()
            para.add_run(f"{part.number}.{k} ").bold = True
            for piece in clause:
                if isinstance(piece, Blank):
                    _blank(para, piece, WD_COLOR_INDEX, Pt)
                else:
                    run = para.add_run(piece.text)
                    run.bold = piece.style == "b" or None
                    run.italic = piece.style == "i" or None

    for party in doc.parties:
        _signature(out, party, doc, Pt)

    props = out.core_properties
    props.title = doc.title if len(doc.title) <= 255 else doc.title[:254] + "…"  # the format's limit
    props.author = props.last_modified_by = ""
    props.language = doc.language.tag
    props.revision = 1
    when = datetime.datetime.fromisoformat(doc.date)
    props.created = props.modified = props.last_printed = when
    buffer = io.BytesIO()
    out.save(buffer)
    return _fixed_dates(buffer.getvalue(), when)


def _page_setup(out, Cm) -> None:  # noqa: N803 - python-docx's unit names
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)  # Letter
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2.2)


def _font(style, name: str) -> None:
    """The style's font, also where the default template gives a theme's font instead."""
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.rPr.rFonts
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)


def _small(run, Pt) -> None:  # noqa: N803
    run.font.size = Pt(7.5)


def _blank(para, blank: Blank, colors, Pt) -> None:  # noqa: N803
    if blank.value is not None:
        para.add_run(blank.value)
        return
    para.add_run("_" * (30 if blank.type == "paragraphe" else 18))
    label = para.add_run(f" [{blank.label}]")
    label.font.size = Pt(8)
    label.font.highlight_color = colors.YELLOW


def _signature(out, party: str, doc: Document, Pt) -> None:  # noqa: N803
    """A signature block kept on one page: each of its lines is kept with the next."""
    title = out.add_paragraph()
    title.paragraph_format.space_before = Pt(14)
    title.paragraph_format.keep_with_next = True
    title.add_run(party).bold = True
    from docx.enum.text import WD_TAB_LEADER
    from docx.shared import Cm

    lines = ("nom", "fonction", "organisme", "date", "signature")
    colon = doc.language.colon
    for i, line in enumerate(lines):
        para = out.add_paragraph()
        para.paragraph_format.keep_with_next = i < len(lines) - 1
        para.paragraph_format.space_before = Pt(12 if line == "signature" else 4)
        para.paragraph_format.tab_stops.add_tab_stop(Cm(3.2))
        para.paragraph_format.tab_stops.add_tab_stop(Cm(11), leader=WD_TAB_LEADER.LINES)
        para.add_run(doc.labels[f"signature.{line}"] + colon + "\t\t")


def _field(para, code: str, Pt) -> None:  # noqa: N803
    """A field the word processor computes (the page number, the number of pages)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        run = para.add_run()
        _small(run, Pt)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _fixed_dates(data: bytes, when: datetime.datetime) -> bytes:
    """The same archive with every entry dated ``when``, so that the same document gives the same bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()
