"""Build .docx files for the docx reader tests: python-docx for the common parts, raw XML for the rest.

python-docx cannot write content controls, tracked changes, fields or list definitions, so those are added
as XML to the paragraphs python-docx made, or written into the zip afterwards.
"""
from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from generator.model import Document as Policy
from generator.model import SourceDocument
from generator.text import strip_markup

W = nsdecls("w")
_CHANGE_IDS = itertools.count(1)
FORMATS = {"number": "decimal", "roman": "lowerRoman", "letter": "lowerLetter", "bullet": "bullet"}


def new_document() -> Document:
    """A new document on python-docx's default template (which defines List Bullet and List Number)."""
    return docx.Document()


def save(doc: Document, path: Path) -> Path:
    """Save and return the path."""
    doc.save(str(path))
    return path


def _run(text: str, tag: str = "t") -> str:
    return f'<w:r><w:{tag} xml:space="preserve">{escape(text)}</w:{tag}></w:r>'


def add_abstract(doc: Document, levels: list[tuple[str, str]], starts: list[int] | None = None,
                 font: str = "") -> str:
    """Add a list definition, one ``(numFmt, lvlText)`` per level; return its abstractNumId."""
    numbering = doc.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    aid = str(max(ids, default=-1) + 1)
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{(starts or [])[i] if i < len(starts or []) else 1}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{escape(text)}"/>{rpr}</w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # the schema puts every abstractNum before the first num
    else:
        numbering.append(abstract)
    return aid


def add_num(doc: Document, abstract_id: str, restart: dict[int, int] | None = None) -> str:
    """Add a list instance of a definition, optionally restarting levels (startOverride); return its numId."""
    numbering = doc.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    nid = str(max(ids, default=0) + 1)
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lv}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for lv, start in (restart or {}).items())
    numbering.append(parse_xml(f'<w:num {W} w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))
    return nid


def number(paragraph: Paragraph, num_id: str | None, ilvl: int | None = 0) -> Paragraph:
    """Give a paragraph direct list numbering (numPr); None leaves that part out."""
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    if ilvl is not None:
        numpr.get_or_add_ilvl().val = ilvl
    if num_id is not None:
        numpr.get_or_add_numId().val = int(num_id)
    return paragraph


def add_paragraph_style(doc: Document, name: str, based_on: str | None = None, num_id: str | None = None,
                        ilvl: int | None = None, outline: int | None = None) -> str:
    """Add a paragraph style (with list numbering or an outline level); return its style id."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = doc.styles[based_on]
    ppr = style.element.get_or_add_pPr()
    if num_id is not None:
        numpr = ppr.get_or_add_numPr()
        numpr.get_or_add_numId().val = int(num_id)
        if ilvl is not None:
            numpr.get_or_add_ilvl().val = ilvl
    if outline is not None:
        ppr.append(parse_xml(f'<w:outlineLvl {W} w:val="{outline}"/>'))
    return style.style_id


def set_outline_level(paragraph: Paragraph, level: int) -> Paragraph:
    """Give a paragraph a direct outline level (0 = level 1)."""
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="{level}"/>'))
    return paragraph


def wrap_in_content_control(paragraph: Paragraph, placeholder: bool = False) -> None:
    """Move a paragraph into a block-level content control (w:sdt)."""
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    sdt = parse_xml(f'<w:sdt {W}><w:sdtPr><w:alias w:val="Clause"/>{flag}</w:sdtPr><w:sdtContent/></w:sdt>')
    p = paragraph._p
    p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(p)


def add_inline_content_control(paragraph: Paragraph, text: str, placeholder: bool = False) -> None:
    """Append an inline content control holding text."""
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    paragraph._p.append(parse_xml(f'<w:sdt {W}><w:sdtPr>{flag}</w:sdtPr><w:sdtContent>{_run(text)}</w:sdtContent></w:sdt>'))


def add_tracked(paragraph: Paragraph, kind: str, text: str) -> None:
    """Append tracked text: kind is ins, del, moveTo or moveFrom."""
    tag = "delText" if kind in ("del", "moveFrom") else "t"
    paragraph._p.append(parse_xml(f'<w:{kind} {W} w:id="{next(_CHANGE_IDS)}" w:author="Reviewer" '
                                  f'w:date="2024-01-01T00:00:00Z">{_run(text, tag)}</w:{kind}>'))


def add_field(paragraph: Paragraph, instruction: str, result: str) -> None:
    """Append a complex field: its instruction is not text, its result is."""
    runs = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + _run(instruction, "instrText")
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run(result)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    for run in parse_xml(f"<w:p {W}>{runs}</w:p>"):
        paragraph._p.append(run)


def add_break(paragraph: Paragraph, text: str) -> None:
    """Append a line break (w:br) and more text to a paragraph."""
    paragraph._p.append(parse_xml(f'<w:r {W}><w:br/><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'))


def rewrite_part(path: Path, name: str, transform: Callable[[bytes], bytes]) -> Path:
    """Rewrite one part of a saved .docx in place."""
    with zipfile.ZipFile(path) as zin:
        parts = {info.filename: zin.read(info) for info in zin.infolist()}
    parts[name] = transform(parts[name])
    write_zip(path, parts)
    return path


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    """Write parts into a zip archive."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return path


# -- a whole policy as .docx --------------------------------------------------------------------------------
def _label_shape(label: str, marker: str, level: int) -> tuple[str, str]:
    fmt = FORMATS[marker]
    if marker in ("letter", "roman") and label.strip("().").isupper():
        fmt = fmt.replace("lower", "upper")
    return fmt, re.sub(r"\d+|[A-Za-z]+", f"%{level + 1}", label, count=1)


def _start(label: str, marker: str) -> int:
    core = label.strip("().")
    if marker == "number":
        return int(re.match(r"\d+", core).group()) if re.match(r"\d+", core) else 1
    if marker == "letter" and len(core) == 1:
        return ord(core.lower()) - ord("a") + 1
    return 1


def policy_docx(source: SourceDocument, policy: Policy, path: Path, lines: list[str] | None = None) -> Path:
    """Write a read text policy as Word would hold it: Heading styles, real lists, a metadata table, and a
    content control, a tracked insertion and a tracked deletion, plus a header, footer and comment to ignore.

    ``lines`` (the source's text lines) lets a one-line signature field keep the tab its author typed.
    """
    doc = new_document()
    levels = {s.span.start: s.level for s in policy.sections}
    lists: dict[tuple[tuple[str, str], ...], str] = {}
    num_id: str | None = None
    meta_rows: list[list[str]] = []
    tracked = wrapped = False
    blocks = source.blocks
    for i, block in enumerate(blocks):
        if block.kind == "meta":
            meta_rows += block.rows or [[block.key, block.value]]
            if i + 1 < len(blocks) and blocks[i + 1].kind == "meta":
                continue
            table = doc.add_table(rows=len(meta_rows), cols=2)
            for row, (key, value) in zip(table.rows, meta_rows):
                row.cells[0].text, row.cells[1].text = key, value
            meta_rows = []
            continue
        if block.kind == "table":
            table = doc.add_table(rows=len(block.rows), cols=max(len(r) for r in block.rows))
            for row, cells in zip(table.rows, block.rows):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
            continue
        if block.kind != "item":
            num_id = None
        if block.kind == "heading":
            doc.add_heading(block.text, min(levels.get(block.span.start, 1), 9))
            continue
        if block.kind == "item" and block.marker == "bullet":
            style = "List Bullet" if block.level == 0 else f"List Bullet {min(block.level + 1, 3)}"
            paragraph = doc.add_paragraph(block.text, style=style)
        elif block.kind == "item":
            if num_id is None:
                # a new list: one definition per shape of labels, a new instance restarting at the first label
                run = [blocks[i]]
                for later in blocks[i + 1:]:
                    if later.kind != "item" or later.marker == "bullet":
                        break
                    run.append(later)
                shapes: dict[int, tuple[str, str]] = {}
                for b in run:
                    shapes.setdefault(b.level, _label_shape(b.label, b.marker, b.level))
                key = tuple(shapes.get(lv, ("decimal", f"%{lv + 1}.")) for lv in range(max(shapes) + 1))
                if key not in lists:
                    lists[key] = add_abstract(doc, list(key))
                num_id = add_num(doc, lists[key], {block.level: _start(block.label, block.marker)})
            paragraph = number(doc.add_paragraph(block.text), num_id, block.level)
        elif block.kind == "signature" and lines and len(block.units) == 1:
            paragraph = doc.add_paragraph(strip_markup(lines[block.units[0] - 1]).strip())
        else:
            paragraph = doc.add_paragraph(block.text)
        words = block.text.split()
        if not tracked and block.kind == "paragraph" and len(words) >= 6:
            # rewrite the clause with a tracked insertion in the middle and a tracked deletion after it
            tracked = True
            paragraph.text = " ".join(words[:3]) + " "
            add_tracked(paragraph, "ins", words[3] + " ")
            add_tracked(paragraph, "del", "withdrawn wording ")
            paragraph.add_run(" ".join(words[4:]))
        elif not wrapped and block.kind == "item":
            wrapped = True
            wrap_in_content_control(paragraph)
    doc.sections[0].header.paragraphs[0].text = "Confidential: staff acceptable use policy header"
    doc.sections[0].footer.paragraphs[0].text = "Page 1 of 1 footer text"
    first = next((p for p in doc.paragraphs if p.runs), None)
    if first is not None:
        doc.add_comment(first.runs, text="A reviewer comment that is not policy text", author="Reviewer")
    return save(doc, path)
