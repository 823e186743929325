"""Walking a Word document's body XML into paragraphs and tables, in document order.

python-docx skips content controls and tracked insertions and does not compute list numbers, so the body is
walked here with lxml: each paragraph's visible text, heading level, boldness and Word list label (counted as
Word counts them), and each table as rows of cells of paragraphs. :mod:`generator.readers.docx` turns them
into blocks.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .docx_numbering import Element, Numbering, Styles, _children, _placeholder, on, to_int, val, w

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FALLBACK = f"{{{MC}}}Fallback"

# Inside a paragraph: deleted and moved-away text, field instructions, properties, text boxes (read as
# paragraphs of their own) and the fallback copy of alternate content are not the paragraph's text.
_SKIP = {w("del"), w("moveFrom"), w("instrText"), w("delText"), w("delInstrText"), w("pPr"), w("rPr"),
         w("sdtPr"), w("sdtEndPr"), w("txbxContent"), FALLBACK}


@dataclass
class Para:
    """One paragraph of the body: its index (the unit), visible text, heading level and Word list label."""

    index: int
    text: str
    heading: int = 0
    bold: bool = False
    item: tuple[str, str, int] | None = None  # (label, marker, level) from Word's list numbering
    list_id: str = ""  # the Word list (abstract list) that numbers it: its restarts and continuations are the same list
    drop: str = ""  # why the paragraph is left out


@dataclass
class Table:
    """A table as Word holds it."""

    rows: list[list[list[Para]]] = field(default_factory=list)  # row -> cell -> paragraphs


def _text_boxes(p: Element) -> Iterator[Element]:
    """Text boxes anchored in a paragraph (not those nested in another box or in fallback content)."""
    for box in p.iter(w("txbxContent")):
        parent = box.getparent()
        while parent is not None and parent is not p and parent.tag not in (w("txbxContent"), FALLBACK):
            parent = parent.getparent()
        if parent is p:
            yield box


class Walker:
    """Walks body content in document order, numbering paragraphs and counting list numbers."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.count = 0

    def blocks(self, parent: Element, out: list[Para | Table], placeholder: bool = False) -> None:
        """Collect the paragraphs and tables of a block container (body, cell, content control)."""
        for child in parent:
            if child.tag == w("p"):
                self.paragraph(child, out, placeholder)
            elif child.tag == w("tbl"):
                out.append(self.table(child, placeholder))
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.blocks(content, out, placeholder or _placeholder(child))
            elif child.tag in (w("customXml"), w("ins"), w("moveTo")):
                self.blocks(child, out, placeholder)

    def table(self, tbl: Element, placeholder: bool) -> Table:
        """A table as rows of cells of paragraphs (a nested table is flattened into its cell)."""
        table = Table()
        for tr in _children(tbl, w("tr")):
            row: list[list[Para]] = []
            for tc in _children(tr, w("tc")):
                found: list[Para | Table] = []
                self.blocks(tc, found, placeholder)
                row.append(list(flatten(found)))
            table.rows.append(row)
        return table

    def paragraph(self, p: Element, out: list[Para | Table], placeholder: bool) -> None:
        """Read one paragraph: its visible text, heading level and list label."""
        ppr = p.find(w("pPr"))
        ppr = ppr if ppr is not None else etree.Element(w("pPr"))  # an empty one spares None checks below

        def prop(tag: str) -> Element | None:
            return ppr.find(w(tag))

        style_id = val(prop("pStyle")) or self.styles.default_paragraph
        style = self.styles.info(style_id)
        pieces: list[tuple[str, bool]] = []
        self._text(p, pieces, style.bold)
        para = Para(self.count, "".join(t for t, _ in pieces))
        self.count += 1
        para.bold = any(t.strip() for t, _ in pieces) and all(b for t, b in pieces if t.strip())
        outline = val(prop("outlineLvl"))
        if outline is None:
            para.heading = style.heading
        else:  # a direct outline level wins over the style's; level 9 is body text
            para.heading = to_int(outline, 9) + 1 if 0 <= to_int(outline, 9) < 9 else 0
        numpr = prop("numPr")
        num_id = val(numpr.find(w("numId"))) if numpr is not None else None
        num_id = style.num_id if num_id is None else num_id
        mark = prop("rPr")
        mark_deleted = mark is not None and mark.find(w("del")) is not None  # merged into the next paragraph
        if num_id and num_id != "0" and not mark_deleted:
            ilvl_text = val(numpr.find(w("ilvl"))) if numpr is not None else None
            ilvl = to_int(ilvl_text, 0) if ilvl_text is not None else style.ilvl
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, style_id) or 0
            para.item, para.list_id = self.numbering.advance(num_id, ilvl), self.numbering.list_of(num_id)
        if placeholder:
            para.drop = "content control placeholder text"
        elif re.match(r"^toc\s*\d", style.name, re.I):
            para.drop = "table of contents"
        out.append(para)
        for box in _text_boxes(p):
            self.blocks(box, out, placeholder)

    def _text(self, el: Element, out: list[tuple[str, bool]], bold: bool) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("r"):
                rpr = child.find(w("rPr"))
                if rpr is not None and on(rpr.find(w("vanish"))):
                    continue  # hidden text is not part of what the reader sees
                self._text(child, out, self._bold(rpr, bold))
            elif tag == w("t"):
                out.append((child.text or "", bold))
            elif tag in (w("tab"), w("ptab")):
                out.append(("\t", bold))
            elif tag in (w("br"), w("cr")):
                out.append(("\n", bold))
            elif tag == w("noBreakHyphen"):
                out.append(("-", bold))
            elif tag == w("sym"):
                code = child.get(w("char"), "")  # a symbol-font glyph, usually a private-use bullet
                out.append((chr(int(code, 16)) if re.fullmatch(r"[0-9A-Fa-f]{1,5}", code) else "", bold))
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None and not _placeholder(child):
                    self._text(content, out, bold)
            else:
                self._text(child, out, bold)  # w:ins, w:moveTo, w:hyperlink, w:smartTag, w:fldSimple, ...

    def _bold(self, rpr: Element | None, inherited: bool) -> bool:
        if rpr is None:
            return inherited
        direct = on(rpr.find(w("b")))
        if direct is not None:
            return direct
        char_style = val(rpr.find(w("rStyle")))
        return True if char_style and self.styles.info(char_style).bold else inherited


def flatten(pieces: list[Para | Table]) -> Iterator[Para]:
    for piece in pieces:
        if isinstance(piece, Para):
            yield piece
        else:
            for row in piece.rows:
                for cell in row:
                    yield from cell


