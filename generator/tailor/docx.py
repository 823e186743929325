"""A tailored policy as a Word document: real heading styles, real numbered lists, a signature table.

Each section's clauses are a Word numbered list (``w:numPr`` on every clause paragraph). Every section gets
its own decimal ``w:abstractNum`` (level text "3.%1", so clause numbers read 3.1, 3.2, ... as in the other
formats) and a ``w:num`` with ``w:lvlOverride/w:startOverride`` 1, so numbering restarts in each section in
Word and LibreOffice alike. Items chosen under a lead-in ("Staff must not:") are the list's second level
("3.2.%2": 3.2.1, 3.2.2, ...), indented under their lead-in, which is kept on the page with its first item. Text goes in through python-docx's run API, which escapes it.
"""
from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..docx_util import GREY, a4_document, border, cant_split, docx_bytes, repeat_header
from .layout import facts, footer
from .policy import TailoredPolicy

#: Hanging indent of a numbered clause, in twentieths of a point (11 mm).
HANG = 624
#: Hanging indent of an item under a lead-in (16 mm: "3.12.10" fits).
ITEM_HANG = 907
#: abstractNum ids start here, clear of any the template defines.
FIRST_ABSTRACT = 100


def _el(tag: str, **attrs: str) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _level(level: int, text: str, left: int, hang: int):
    """One level of a decimal list: its number format, the hanging indent and a bold number."""
    lvl = _el("w:lvl", ilvl=str(level))
    for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", text), ("w:lvlJc", "left")):
        lvl.append(_el(tag, val=value))
    p_pr = _el("w:pPr")
    tabs = _el("w:tabs")
    tabs.append(_el("w:tab", val="num", pos=str(left)))
    p_pr.append(tabs)
    p_pr.append(_el("w:ind", left=str(left), hanging=str(hang)))
    lvl.append(p_pr)
    r_pr = _el("w:rPr")
    r_pr.append(_el("w:b"))
    lvl.append(r_pr)
    return lvl


def add_section_numbering(doc, section_number: int) -> int:
    """Add a decimal list "N.%1" (items under a lead-in: "N.%1.%2") restarting at 1 for one section; return its numId."""
    numbering = doc.part.numbering_part.element
    abstract_id = FIRST_ABSTRACT + section_number
    abstract = _el("w:abstractNum", abstractNumId=str(abstract_id))
    abstract.append(_el("w:multiLevelType", val="multilevel"))
    abstract.append(_level(0, f"{section_number}.%1", HANG, HANG))
    abstract.append(_level(1, f"{section_number}.%1.%2", HANG + ITEM_HANG, ITEM_HANG))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # every abstractNum must come before the first num
    else:
        numbering.append(abstract)
    num_id = max([int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))] + [0]) + 1
    num = _el("w:num", numId=str(num_id))
    num.append(_el("w:abstractNumId", val=str(abstract_id)))
    override = _el("w:lvlOverride", ilvl="0")
    override.append(_el("w:startOverride", val="1"))
    num.append(override)
    numbering.append(num)
    return num_id


def number_paragraph(paragraph, num_id: int, level: int = 0) -> None:
    """Make a paragraph an item of a Word numbered list (``level`` 1: an item under a lead-in)."""
    num_pr = _el("w:numPr")
    num_pr.append(_el("w:ilvl", val=str(level)))
    num_pr.append(_el("w:numId", val=str(num_id)))
    paragraph._p.get_or_add_pPr().append(num_pr)


def _widths(table, widths: tuple) -> None:
    """Fix column widths (Word and LibreOffice both read w:gridCol and each cell's w:tcW)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _pairs(doc, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    for label, value in rows:
        row = table.add_row()
        row.cells[0].paragraphs[0].add_run(label).font.color.rgb = GREY
        row.cells[1].paragraphs[0].add_run(value).bold = True
    _widths(table, (Mm(60), Mm(114)))


def _signature(doc, policy: TailoredPolicy) -> None:
    heading = doc.add_heading(policy.declaration_title, level=1)
    heading.paragraph_format.page_break_before = True
    for para in policy.declaration:
        doc.add_paragraph(para)
    table = doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    options = " / ".join(policy.designations) + " (delete as applicable)"
    for label, value, tall in (("Name", "", False), ("Designation", options, False), ("Signed", "", True), ("Date", "", True)):
        row = table.add_row()
        cant_split(row)
        row.height, row.height_rule = Mm(14 if tall else 9), WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].width, row.cells[1].width = Mm(40), Mm(134)
        row.cells[0].paragraphs[0].add_run(label)
        if value:
            row.cells[1].paragraphs[0].add_run(value)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        if not value:
            border(row.cells[1])
    _widths(table, (Mm(40), Mm(134)))
    doc.add_heading("Adoption by the governing body", level=2)
    doc.add_paragraph("This policy was adopted" + (f" on {policy.adopted}" if policy.adopted else "")
                      + " and is due for review" + (f" by {policy.review_due}" if policy.review_due else "") + ".")
    widths = (Mm(45), Mm(50), Mm(49), Mm(30))
    adoption = doc.add_table(rows=1, cols=4)
    adoption.style = doc.styles["Table Grid"]
    repeat_header(adoption.rows[0])
    for cell, text, width in zip(adoption.rows[0].cells, ("Role", "Name", "Signature", "Date"), widths):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
    for role, name in policy.signatories:
        row = adoption.add_row()
        cant_split(row)
        row.height, row.height_rule = Mm(14), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, text, width in zip(row.cells, (role, name, "", ""), widths):
            cell.width = width
            if text:
                cell.paragraphs[0].add_run(text)
    _widths(adoption, widths)


def render_docx(policy: TailoredPolicy) -> bytes:
    """The policy as a Word document (A4, footer with school, title and page numbers)."""
    doc = a4_document(footer(policy), title=policy.title, author=policy.school or "AUP Atlas", subject=policy.school,
                      comments="", keywords="acceptable use policy")
    doc.add_paragraph().add_run(policy.school).bold = True
    for line in [ln.strip(" ,") for ln in policy.address.splitlines() if ln.strip(" ,")]:
        doc.add_paragraph(line).runs[0].font.color.rgb = GREY
    doc.add_paragraph(policy.title, style="Title")
    _pairs(doc, facts(policy))
    if policy.people:
        doc.add_heading("Key people", level=1)
        _pairs(doc, list(policy.people))
    if policy.introduction:
        doc.add_heading("Introduction", level=1)
        for para in policy.introduction:
            doc.add_paragraph(para)
    for section in policy.sections:
        doc.add_heading(f"{section.number}. {section.title}", level=1)
        num_id = add_section_numbering(doc, section.number)
        for clause in section.clauses:
            for level, entry in ((0, clause), *((1, item) for item in clause.items)):
                para = doc.add_paragraph(entry.text)
                number_paragraph(para, num_id, level)
                para.paragraph_format.keep_together = True
                para.paragraph_format.keep_with_next = bool(entry.items)  # a lead-in stays with its first item
                para.paragraph_format.space_after = Pt(3 if entry.items else 5)
    _signature(doc, policy)
    return docx_bytes(doc)
