"""Declaration sheets, roster and adoption page as Word documents (python-docx).

The roster is a real Word table whose first row repeats at the top of every page (``w:tblHeader``) and whose
rows never split across a page (``w:cantSplit``). Text goes in through python-docx's run API, which escapes
it, so names and policy text print literally.
"""
from __future__ import annotations

from collections.abc import Sequence

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt

from ..docx_util import GREY, a4_document, border, cant_split, docx_bytes, repeat_header, shade
from .layouts import BLANK_ROSTER_ROWS, LAYOUTS, DeclarationError, wording_items
from .roster import Person
from .source import DeclarationSource


# -- building blocks ---------------------------------------------------------------------------------------
def _head(doc, source: DeclarationSource, page_break: bool) -> None:
    school = doc.add_paragraph()
    school.paragraph_format.page_break_before = page_break
    school.add_run(source.school or "School: ______________________________").bold = True
    doc.add_heading(source.title, level=1)
    if source.dates_line:
        doc.add_paragraph(source.dates_line).runs[0].font.color.rgb = GREY
    if source.changes:
        doc.add_heading(f"What changed since the version you signed ({source.since})", level=2)
        for what, text in source.changes:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(f"{what}: ").bold = True
            item.add_run(text)


def _wording(doc, source: DeclarationSource) -> None:
    for item in wording_items(source):
        doc.add_paragraph(("\u2610 " if item.tick else "") + item.text)
    if source.generic:
        note = doc.add_paragraph().add_run("This policy has no declaration wording of its own; this is AUP Atlas' "
                                           "generic wording. Check it with the school before use.")
        note.italic, note.font.size = True, Pt(8.5)


def _fields(doc, rows: list[tuple[str, str, bool]], label_width: float = 45) -> None:
    """A two-column form: label, then the value (bold) or a line to write on; tall rows are for signing."""
    table = doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for label, value, tall in rows:
        row = table.add_row()
        cant_split(row)
        row.height, row.height_rule = Mm(14 if tall else 8), WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].width, row.cells[1].width = Mm(label_width), Mm(174 - label_width)
        row.cells[0].paragraphs[0].add_run(label)
        if value:
            row.cells[1].paragraphs[0].add_run(value).bold = True
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM  # writing sits on the line
        border(row.cells[1])
    doc.add_paragraph()


def _notice(doc, source: DeclarationSource) -> None:
    for para in source.notice:
        run = doc.add_paragraph().add_run(para)
        run.font.size, run.font.color.rgb = Pt(8.5), GREY


# -- layouts -----------------------------------------------------------------------------------------------
def _sheets(doc, source: DeclarationSource, people: Sequence[Person]) -> None:
    for i, person in enumerate(list(people) or [None]):
        _head(doc, source, page_break=i > 0)
        doc.add_heading("Declaration", level=2)
        _wording(doc, source)
        options = " / ".join(source.designations) + " (delete as applicable)"
        rows = [("Name", person.name if person else "", False),
                ("Designation", person.designation if person else options, False)]
        if person and person.role:
            rows.append(("Role", person.role, False))
        rows += [("Signed", "", True), ("Date", "", True)]
        _fields(doc, rows)
        _notice(doc, source)


def _roster(doc, source: DeclarationSource, people: Sequence[Person]) -> None:
    _head(doc, source, page_break=False)
    doc.add_paragraph().add_run("By signing below I confirm:").bold = True
    _wording(doc, source)
    widths = (Mm(59), Mm(28), Mm(56), Mm(31))
    table = doc.add_table(rows=1, cols=4)
    table.style = doc.styles["Table Grid"]
    header = table.rows[0]
    repeat_header(header)
    cant_split(header)
    for cell, text, width in zip(header.cells, ("Name", "Designation", "Signature", "Date"), widths):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
        shade(cell, "E8E8E8")
    listed: list[Person | None] = list(people) + [None] * (0 if people else BLANK_ROSTER_ROWS)
    for person in listed:
        row = table.add_row()
        cant_split(row)
        row.height, row.height_rule = Mm(11), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, width in zip(row.cells, widths):
            cell.width = width
        if person:
            row.cells[0].paragraphs[0].add_run(person.name)
            if person.role:
                role = row.cells[0].add_paragraph().add_run(person.role)
                role.font.size, role.font.color.rgb = Pt(8.5), GREY
            row.cells[1].paragraphs[0].add_run(person.designation)
    doc.add_paragraph()
    _notice(doc, source)


def _adoption(doc, source: DeclarationSource) -> None:
    a = source.adoption
    _head(doc, source, page_break=False)
    doc.add_heading("Adoption of the policy", level=2)
    _fields(doc, [("This policy was adopted at a meeting of", a.meeting_of, False), ("Held on", a.held_on, False),
                  ("Date to be reviewed", a.review, False)], label_width=62)
    for s in a.signatories:
        doc.add_heading(s.on_behalf_of, level=3)
        _fields(doc, [("Name of signatory", s.name, False), ("Role of signatory", s.role, False),
                      ("Signature", "", True), ("Date", "", True)], label_width=62)


def render_docx(source: DeclarationSource, people: Sequence[Person] | None, layout: str) -> bytes:
    """The layout as a Word document (A4, footer with school, title and page numbers)."""
    if layout not in LAYOUTS:
        raise DeclarationError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    suffix = {"sheet": "", "roster": " · signature roster", "adoption": " · adoption"}[layout]
    doc = a4_document(source.footer + suffix, title=f"Declaration: {source.title}", author="AUP Atlas", comments="")
    if layout == "sheet":
        _sheets(doc, source, people or [])
    elif layout == "roster":
        _roster(doc, source, people or [])
    else:
        _adoption(doc, source)
    return docx_bytes(doc)
