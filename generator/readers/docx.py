"""Word .docx reader: walk the body XML (paragraphs, tables, content controls, tracked changes) into blocks.

python-docx skips content controls and tracked insertions and does not compute list numbers, so the body is
walked here with lxml. Paragraphs that are neither headings by style nor numbered go through the same line
classifier as text files, one paragraph per line, so a policy reads the same as .txt or as .docx. Units are
0-based paragraph indexes in body order, paragraphs in tables, content controls and text boxes included.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..errors import ReadError
from ..model import Block, Dropped, SourceDocument, Span
from ..text import clean, squash
from . import patterns as P
from .docx_body import Para, Table, Walker, flatten
from .docx_numbering import Numbering, Styles, W, w
from .docx_package import Package
from .lines import Assembler, Line, classify, join_wrapped, running_lines

#: Longest paragraph we read, as for a line of a text file.
MAX_PARAGRAPH = 200_000
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
Entry = Line | Block | None  # a line to assemble, a finished block, or a break between runs of lines


# -- from paragraphs to blocks --------------------------------------------------------------------------------
_MANUAL_MARK = re.compile(rf"^(\s*(?:[{P.BULLETS}]|\(?[0-9A-Za-z]{{1,3}}[.)]))\t+")


def _fields_block(index: int, parts: list[str]) -> Block | None:
    """One block for a paragraph whose line breaks separate metadata or signature fields (one unit, one place)."""
    lines = [classify(index, part, True) for part in parts]
    kinds = {line.kind for line in lines}
    if not kinds <= {"meta", "parenmeta", "signature"}:
        return None
    blocks = Assembler(lines).run()
    if kinds <= {"meta", "parenmeta"}:
        rows = [row for b in blocks for row in (b.rows or [[b.key, b.value]])]
        return Block("meta", "; ".join(b.text for b in blocks), [index], key=rows[0][0], value=rows[0][1], rows=rows)
    if kinds == {"signature"}:
        return Block("signature", " / ".join(b.text for b in blocks), [index], key=" / ".join(b.key for b in blocks))
    return None


def _line(p: Para) -> Line | Block:
    """A paragraph as one line for the assembler: a styled heading, a numbered item, or classified text."""
    body = squash(p.text.replace("\n", " "))
    if p.heading:
        return Line(p.index, p.text, 0, body, "markdown", label="#" * min(p.heading, 6), gap=True)
    if p.item:
        return Line(p.index, p.text, 0, body, "item", label=p.item[0], marker=p.item[1], gap=True)
    parts = [part for part in p.text.split("\n") if part.strip()]
    if len(parts) > 1:
        block = _fields_block(p.index, parts)
        if block is not None:
            return block
    # Word users type a tab after a manual bullet or number; that tab is not a table cell boundary
    raw = _MANUAL_MARK.sub(r"\1 ", parts[0])
    for part in parts[1:]:
        raw = join_wrapped(raw, part)  # a manual line break inside a sentence is a soft wrap
    # every paragraph stands after a "blank line", so only an unfinished sentence runs on into the next one
    line = classify(p.index, raw, True)
    if line.kind == "text" and p.bold and len(line.text.split()) <= 15 and line.text.rstrip()[-1:] not in ".!?":
        bold = classify(p.index, f"**{squash(raw)}**", True)
        if bold.kind == "bold":
            return bold
    return line


def _known_key(text: str) -> bool:
    key = text.rstrip(" :")
    return text.endswith(":") or bool(P.META_KEY.match(key) or P.ADOPTION_LABEL.match(key) or P.SIGNATURE_FIELD.match(key))


def _key_value(texts: list[list[str]]) -> bool:
    """Whether a table is key-value pairs: cells in pairs, a short key first, most keys ones policies use."""
    keys = []
    for row in texts:
        if sum(1 for t in row if t) <= 1 and len(row) == 1:
            continue  # a caption row across the table
        if len(row) % 2:
            return False
        for key, value in zip(row[0::2], row[1::2]):
            if not key and not value:
                continue
            if not key or len(key.split()) > 10 or len(key) > 60 or key[-1] in ".!?":
                return False
            keys.append(key)
    return bool(keys) and 2 * sum(map(_known_key, keys)) >= len(keys)


def _kept(cell: list[Para]) -> list[Para]:
    return [p for p in cell if p.text.strip() and not p.drop]


def _pair(key_cell: list[Para], value_cell: list[Para]) -> Block | None:
    units = [p.index for p in _kept(key_cell) + _kept(value_cell)]
    if not units:
        return None
    key = clean(" ".join(p.text for p in _kept(key_cell))).rstrip(":").strip()
    value = "; ".join(clean(p.text) for p in _kept(value_cell) if clean(p.text))
    if P.is_blank(value) or not value.strip("_.\u2026 ") and P.SIGNATURE_FIELD.match(key):
        # "Date adopted | __/__/____": a form line to fill in, no metadata
        return Block("signature", f"{key}: {value}".strip(" :"), units, key=key)
    text = f"{key}: {value}" if value else key
    return Block("meta", text, units, key=key, value=value, rows=[[key, value]])


def _table_entries(table: Table) -> list[Entry]:
    """A table as metadata pairs, a grid of data, or rules (lines and numbered rows)."""
    texts = [[clean(" ".join(p.text for p in _kept(cell))) for cell in row] for row in table.rows]
    entries: list[Entry] = []
    if _key_value(texts):
        for row in table.rows:
            if len(row) == 1:
                entries += [_line(p) for p in _kept(row[0])]
            entries += [b for b in (_pair(k, v) for k, v in zip(row[0::2], row[1::2])) if b is not None]
        return entries
    words = [len(t.split()) for row in texts for t in row if t]
    sentences = any(n >= 8 for n in words) or any(len(t.split()) >= 4 and t[-1] in ".!?" for row in texts for t in row if t)
    if max((len(row) for row in texts), default=0) >= 2 and not sentences:
        rows = [row for row in texts if any(row)]
        units = [p.index for row in table.rows for cell in row for p in _kept(cell)]
        if units:
            entries.append(Block("table", "\n".join(" | ".join(r) for r in rows), units, rows=rows))
        return entries
    for row, row_texts in zip(table.rows, texts):
        first = row[0] if row else []
        label = row_texts[0] if row_texts and P.LABEL_CELL.match(row_texts[0]) else ""
        if not row_texts or not row_texts[0]:
            label = next((p.item[0] for p in first if p.item and p.item[1] != "bullet"), "")
        rest = [p for cell in row[1:] for p in _kept(cell)]
        if label and rest:
            # a numbered row: the number in one cell, the rule in the next
            units = [p.index for p in _kept(first) + rest]
            marker = "number" if label.strip("().")[:1].isdigit() else "letter"
            entries.append(Block("item", clean(" ".join(p.text for p in rest)), units, label=label, marker=marker))
            continue
        kept = [_kept(cell) for cell in row]
        marks = [p.index for cell in kept if cell and all(P.MARK_CELL.match(p.text.strip()) for p in cell) for p in cell]
        texts = [cell for cell in kept if cell and cell[0].index not in marks]
        line = _line(texts[0][0]) if marks and len(texts) == 1 and len(texts[0]) == 1 else None
        if isinstance(line, Line) and line.kind in ("text", "item"):
            # a rule with its tick box or Yes / No mark beside it: one clause, the mark's cell claimed by it
            units = sorted([line.number, *marks])
            entries += [None, Block("item" if line.kind == "item" else "paragraph", line.text, units,
                                    label=line.label, marker=line.marker)]
            continue
        for cell in kept:
            entries += [None, *(_line(p) for p in cell)]  # a cell's text never runs on into the next cell
    return entries


def _settle(blocks: list[Block], info: dict[int, Para], dropped: list[Dropped]) -> list[Block]:
    """Give styled headings and numbered items their Word levels and labels; clean text as the txt reader does.

    Word counts levels per list: a list begun right under a lead-in item of another list ("2.5 The following is
    prohibited:", then "a)" in a list of its own at the same or a lower level) sits one level under that item,
    as the page shows it, so the lead-in carries to its items."""
    out: list[Block] = []
    offsets: dict[str, int] = {}  # list -> levels it sits under the list it was begun in; reset by any non-item
    previous: tuple[Block, str] | None = None
    for block in blocks:
        p = info.get(block.units[0])
        if p is not None and block.kind == "heading" and p.heading:
            block.style, block.level = "style", p.heading
            block.label = p.item[0] if p.item else block.label  # Word's number, else one typed before the words
        elif p is not None and block.kind == "item" and p.item:
            block.label, block.marker, block.level = p.item
            lead = previous if previous and previous[1] != p.list_id and previous[0].text.rstrip().endswith(":") else None
            if lead is not None:
                offsets[p.list_id] = max(0, lead[0].level + 1 - block.level)
            block.level += offsets.setdefault(p.list_id, 0)
        if block.kind == "item" and p is not None and p.item:
            previous = (block, p.list_id)
        else:
            previous, offsets = None, {}
        if block.kind in ("paragraph", "item"):
            block.text = clean(block.text)
        if not block.text and block.kind in ("paragraph", "item", "heading"):
            dropped.append(Dropped(block.span, "", "markup only, no words"))
        else:
            out.append(block)
    return out


def _assemble(pieces: list[Para | Table]) -> tuple[list[Block], list[Dropped]]:
    paras = list(flatten(pieces))
    info = {p.index: p for p in paras}
    dropped = [Dropped(Span(p.index, p.index), squash(p.text), p.drop) for p in paras if p.drop and p.text.strip()]
    plain = [(p.index, p.text) for p in pieces
             if isinstance(p, Para) and p.text.strip() and not (p.drop or p.heading or p.item)]
    running = running_lines(plain)
    dropped += [Dropped(Span(n, n), squash(text), running[n]) for n, text in plain if n in running]
    entries: list[Entry] = []
    for piece in pieces:
        if isinstance(piece, Table):
            entries += [None, *_table_entries(piece), None]  # a table's lines never run on into the text around it
        elif piece.text.strip() and not piece.drop and piece.index not in running:
            entries.append(_line(piece))
    blocks: list[Block] = []
    run: list[Line] = []
    for entry in [*entries, None]:
        if isinstance(entry, Line):
            run.append(entry)
            continue
        if run:
            blocks += _settle(Assembler(run).run(), info, dropped)
            run = []
        if entry is not None:
            blocks.append(entry)
    return blocks, dropped


def read(path: Path, data: bytes) -> SourceDocument:
    """Read a Word .docx policy."""
    pkg = Package(path, data)
    rels = pkg.targets("")
    main = rels.get("officeDocument", "word/document.xml")
    main = main if pkg.has(main) else "word/document.xml"
    if not pkg.has(main):
        hint = " (it is an Excel workbook)" if pkg.has("xl/workbook.xml") else \
            " (it is a PowerPoint presentation)" if pkg.has("ppt/presentation.xml") else ""
        raise ReadError(f"has no word/document.xml{hint}; expected a Word .docx document", path)
    document = pkg.xml(main)
    if document is None or document.tag != w("document"):
        namespace = etree.QName(document).namespace if document is not None else ""
        if namespace == STRICT:
            raise ReadError("is saved as Strict Open XML, which is not supported; save it as Word Document (.docx)", path)
        raise ReadError(f"{main} is not a Word document body; expected a w:document element in {W}", path)
    part_rels = pkg.targets(main)
    styles = Styles(pkg.xml(part_rels.get("styles", "word/styles.xml")))
    walker = Walker(styles, Numbering(pkg.xml(part_rels.get("numbering", "word/numbering.xml")), styles))
    pieces: list[Para | Table] = []
    body = document.find(w("body"))
    try:
        if body is not None:
            walker.blocks(body, pieces)
    except RecursionError:
        raise ReadError("content is nested too deeply (tables in tables in ...); the file is damaged or hostile", path) from None
    paras = list(flatten(pieces))
    longest = max((len(p.text) for p in paras), default=0)
    if longest > MAX_PARAGRAPH:
        raise ReadError(f"a paragraph is {longest} characters long; expected paragraphs under {MAX_PARAGRAPH}", path)
    units = [p.index for p in paras if p.text.strip()]
    if not units:
        raise ReadError("has no text; expected the text of a policy", path)
    blocks, dropped = _assemble(pieces)
    properties = pkg.properties(rels)
    running = pkg.running_text(main)
    if running:
        properties["running"] = running  # headers and footers: evidence for the school's name and dates
        properties["letterhead"] = pkg.running_text(main, ("header",))  # read for a name as a first line is
    return SourceDocument(str(path), "docx", "paragraph", blocks, units, dropped, properties=properties)
