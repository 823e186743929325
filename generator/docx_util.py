"""Shared Word-document (python-docx) helpers for every DOCX output: A4 set-up, table XML, fields, fixed bytes.

Declaration sheets (:mod:`generator.declarations.docx`) and tailored policies (:mod:`generator.tailor.docx`)
both start from :func:`a4_document` and end with :func:`docx_bytes`, so page set-up, fonts, the page-number
footer and the deterministic zip live in one place.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from docx import Document as new_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

#: Word users rarely have DejaVu; Arial is everywhere, and LibreOffice maps it to Liberation Sans (same metrics).
FONT = "Arial"
GREY = RGBColor(0x44, 0x44, 0x44)
INK = RGBColor(0x11, 0x11, 0x11)
#: The language every Word output declares (the policies are British English).
LANGUAGE = "en-GB"
#: Core properties that would otherwise carry the time of the run (and so change the bytes on every build).
FIXED_PROPERTIES = {"created": datetime(2000, 1, 1), "modified": datetime(2000, 1, 1),
                    "last_modified_by": "AUP Atlas", "revision": 1}


# -- low-level helpers over the XML ------------------------------------------------------------------------
def _on_off(parent, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    parent.append(element)


def repeat_header(row) -> None:
    """Mark a table row as a header row Word repeats at the top of every page."""
    _on_off(row._tr.get_or_add_trPr(), "w:tblHeader")


def cant_split(row) -> None:
    """Keep a table row on one page."""
    _on_off(row._tr.get_or_add_trPr(), "w:cantSplit")


def border(cell, edge: str = "bottom", size: int = 6) -> None:
    """Draw one edge of a table cell (a line to write on)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    line = OxmlElement(f"w:{edge}")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "0"), ("w:color", "111111")):
        line.set(qn(key), value)
    borders.append(line)


def shade(cell, fill: str) -> None:
    """Fill a table cell with a background colour (hex RGB)."""
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)


def add_field(paragraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) that the word processor fills in."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text


def deterministic(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so the same input gives the same bytes (and write_atomic can skip)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def set_language(doc, language: str) -> None:
    """Declare the document's language (Word's proofing and screen readers read it) in its defaults and properties."""
    doc.core_properties.language = language
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)


# -- whole documents ---------------------------------------------------------------------------------------
def a4_document(footer: str, **properties: Any):
    """A new A4 document in Arial, footer "Page N of M · footer"; ``properties`` are core properties, set in order."""
    doc = new_docx()
    props = doc.core_properties
    for name, value in {**properties, **FIXED_PROPERTIES}.items():  # core.xml keeps the order they are set in
        setattr(props, name, value)
    set_language(doc, LANGUAGE)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        style.font.name, style.font.color.rgb = FONT, INK
        fonts = style.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font beats the name
            fonts.attrib.pop(qn(theme), None)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.left_margin = section.right_margin = Mm(18)
    section.bottom_margin, section.footer_distance = Mm(20), Mm(8)
    para = section.footer.paragraphs[0]
    para.add_run("Page ")
    add_field(para, "PAGE")
    para.add_run(" of ")
    add_field(para, "NUMPAGES")
    para.add_run(f"   ·   {footer}")  # page number first: a long school name and title never push it off the line
    for run in para.runs:
        run.font.size, run.font.color.rgb = Pt(8), GREY
    return doc


def docx_bytes(doc) -> bytes:
    """The document saved as deterministic .docx bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic(buffer.getvalue())
