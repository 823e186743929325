#!/usr/bin/env python3
"""Publish the constructed plain-text policies as a school office would: a Word file, and a PDF Word made of it.

    python benchmarks/publish_constructed.py benchmarks/constructed/A [FOLDER ...] --out DIR [--no-pdf]

Each ``FOLDER/<stem>.txt`` becomes ``DIR/<folder>/<stem>.docx`` (python-docx) and ``DIR/<folder>/<stem>.pdf``
(LibreOffice, ``soffice --headless --convert-to pdf``; Debian's ``libreoffice-writer-nogui``: a benchmark tool,
no test or CI needs it). The Word file is made the way Word users make one, read off the txt's own shape (not
off the project's reading of it, so the published files carry no reader's mistakes):

- a letterhead (the organisation's name line, its address, motto or crest placeholder at the very top) goes in
  the section header; a running footer ("Page 2 of 5 | X", "© 2024 X", "X | Handbook 2024-25" as the last line)
  goes in the section footer with PAGE and NUMPAGES fields, and where the txt repeats it mid-text the page
  breaks there;
- the first title lines are Title and Subtitle; short unpunctuated lines are Heading 1 or 2; numbered headings
  and numbered clauses ("1.", "1.1", "I.") are one outline list of Word numbering, their numbers removed from
  the text;
- bullets are List Bullet (List Bullet 2 when indented or under a numbered clause); numbered, lettered and
  roman items are Word numbering (restarting at each list), the marker removed from the text;
- form fields and signature lines stay paragraphs as typed, wide gaps typed as tabs.

Deterministic: the same txt gives the same .docx bytes (``generator.docx_util.docx_bytes``) and the same PDF bytes
(LibreOffice's time stamp and random file id replaced by constants).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from generator.docx_util import a4_document, add_field, docx_bytes
from generator.naming import is_organisation_name
from generator.organisation import TITLE_WORDS
from generator.readers.patterns import PAGE_NUMBER, dated_line

#: A list marker at the start of a line: an outline number ("1.", "1.1", "2.3.1"), "1)", "(a)", "a)", "i.", "IV.".
_LABEL = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\(\d{1,2}\)|\([a-zA-Z]{1,4}\)|[a-zA-Z][.)]|"
                    r"[ivxIVX]{1,5}[.)])\s+(?=\S)")
_BULLET = re.compile(r"^[\u2022\u25aa\u25e6\u00b7*o\u2013-]\s+(?=\S)")
#: "Page 2 of 5" inside a running line.
_PAGE = re.compile(r"\bpage\s+\d{1,3}\s*(?:of|/)\s*\d{1,3}\b", re.I)
_FORM = re.compile(r"_{3,}|\.{4,}|\[\s?\]")
_ADDRESS = re.compile(r"\d.*,|,.*\d|\bP\.?\s?O\.?\s+Box\b|\bTel\b|\bE-?mail\s*:|@|\bCo\.\s", re.I)
#: Words of a title line (which stays in the body) beyond those a name test knows.
_TITLE = re.compile(rf"{TITLE_WORDS.pattern}|\b(?:regulations?|procedures?|handbook|conditions|pledge|code)\b", re.I)
_ROMAN = {"i": 1, "v": 5, "x": 10}


def _roman_value(text: str) -> int:
    values = [_ROMAN[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@dataclass
class Label:
    """A typed list marker: its number format, the number, the text around it (``(%1)``) and its outline depth."""

    fmt: str
    value: int
    pattern: str
    depth: int = 0
    parts: tuple[int, ...] = ()


def parse_label(label: str, previous: Label | None) -> Label:
    """What a typed marker numbers: "2.3" is depth 1 of an outline, "b)" a letter, "iv." a roman numeral (a lone
    "i", "v" or "x" is a letter where it follows the letter before it)."""
    core = label.strip("().")
    wrap = label.replace(core, "%1", 1)
    if re.fullmatch(r"\d+(?:\.\d+)+", core):
        parts = tuple(int(p) for p in core.split("."))
        return Label("decimal", parts[-1], ".".join(f"%{i + 1}" for i in range(len(parts))) + ("." if label.endswith(".") else ""),
                     len(parts) - 1, parts)
    if core.isdigit():
        return Label("decimal", int(core), wrap, 0, (int(core),))
    is_roman = bool(re.fullmatch(r"[ivx]+|[IVX]+", core))
    follows_letter = previous is not None and previous.fmt.endswith("Letter") and len(core) == 1 \
        and ord(core.lower()) == 97 + previous.value
    if is_roman and not follows_letter and (len(core) > 1 or core.lower() == "i" or (previous and previous.fmt.endswith("Roman"))):
        return Label("upperRoman" if core.isupper() else "lowerRoman", _roman_value(core), wrap)
    return Label("upperLetter" if core.isupper() else "lowerLetter", ord(core.lower()) - 96, wrap)


@dataclass
class Unit:
    """One txt line as a Word user enters it: its kind (title, subtitle, heading, item, bullet, para), text, level."""

    kind: str
    text: str
    level: int = 0
    label: Label | None = None
    page_break: bool = False


def _words(text: str) -> int:
    return len(text.split())


def _heading_like(text: str) -> bool:
    """A short line with no sentence punctuation at its end, starting with a capital: a heading as typed."""
    return (_words(text) <= 12 and len(text) <= 90 and text[-1:] not in ".,;:!?" and text[:1].isupper()
            and not _FORM.search(text) and not re.match(r"^[^:]{1,40}:\s", text))


def _org_line(text: str) -> bool:
    first = re.split(r"\s*[,|\u2022\u00b7*]\s*|\s+[-\u2013\u2014]\s+", text)[0]
    return is_organisation_name(first) and not _TITLE.search(text)


def letterhead(lines: list[str]) -> int:
    """How many lines at the very top are a letterhead: the organisation's name line with its address, motto or
    crest placeholder, before the first blank line (none unless a name line or a placeholder is among them)."""
    n, named = 0, False
    for text in lines:
        text = text.strip()
        if not text:
            break
        org, placeholder = _org_line(text), bool(re.fullmatch(r"\[[^\]]{2,40}\]", text))
        motto = text[:1] in "\"\u201c" or text.lower().startswith("motto") or (_words(text) <= 6 and "," in text)
        if _TITLE.search(text) or dated_line(text) or not (org or placeholder or n and (_ADDRESS.search(text) or motto)):
            break
        named, n = named or org or placeholder, n + 1
    return n if named else 0


def _footer_line(text: str) -> bool:
    """A running footer as the txt shows one: a page number beside other words, a copyright line, or a short
    "Name | Title" line naming the organisation."""
    text = text.strip()
    if _PAGE.search(text) or PAGE_NUMBER.match(text):
        return True
    if len(text) > 120 or text[-1:] in ".:;?!" or _FORM.search(text):
        return False
    return text.startswith("\u00a9") or ("|" in text or " - " in text or " \u2013 " in text) and _org_line(text)


def units_of(text: str) -> tuple[list[str], str, list[Unit]]:
    """The letterhead lines, the footer line and the body units of one txt policy."""
    lines = text.splitlines()
    top = letterhead(lines)
    header = [ln.strip() for ln in lines[:top]]
    body = lines[top:]
    nonblank = [i for i, ln in enumerate(body) if ln.strip()]
    footer, breaks = "", set()
    last = nonblank[-1] if nonblank else -1
    if last >= 0 and _footer_line(body[last]) and (last == 0 or not body[last - 1].strip() or _PAGE.search(body[last])):
        footer = body[last].strip()
    for i in nonblank:
        if i == last and footer or _PAGE.search(body[i]) and _footer_line(body[i]) or footer and body[i].strip() == footer:
            breaks.add(i)
            footer = footer or body[i].strip()
    units: list[Unit] = []
    previous: dict[str, Label | None] = {"list": None, "outline": None}  # the label before, in a list; a heading's
    seen_body = rows = False
    for i, raw in enumerate(body):
        text = raw.strip()
        if not text:
            rows = False
            continue
        if i in breaks:
            if units and i != last:
                units[-1].page_break = True
            continue
        indent = len(raw) - len(raw.lstrip())
        text = re.sub(r" {3,}", "\t", text)
        bullet = _BULLET.match(text)
        mark = _LABEL.match(text)
        if bullet:
            lead = units[-1] if units else None
            nested = indent >= 2 or (lead is not None and lead.kind == "outline" and lead.text.endswith(":")) or \
                (lead is not None and lead.kind == "bullet" and lead.level == 1)
            units.append(Unit("bullet", text[bullet.end():], 1 if nested else 0))
            seen_body = True
            continue
        if mark:
            label = parse_label(mark.group("label"), previous["list"] or previous["outline"])
            rest = text[mark.end():]
            following = next((body[j].strip() for j in range(i + 1, len(body)) if body[j].strip()), "")
            sibling = _LABEL.match(following)
            sibling_label = parse_label(sibling.group("label"), label) if sibling else None
            under_lead = bool(units) and units[-1].text.endswith(":")
            heading = _heading_like(rest) and not under_lead and (
                rest.isupper() or sibling_label is None or sibling_label.fmt != label.fmt or sibling_label.depth > label.depth
                or label.parts and sibling_label.parts and sibling_label.parts[0] != label.parts[0])
            if label.fmt == "decimal" and (heading or label.depth or label.pattern.endswith(".") and not under_lead
                                           and _words(rest) > 3 and sibling_label is not None and sibling_label.depth > 0):
                units.append(Unit("outline-heading" if heading else "outline", rest, label.depth, label))
            elif heading and label.fmt == "upperRoman":
                units.append(Unit("outline-heading", rest, 0, label))
                previous["outline"] = label
            else:
                nested = indent >= 2 or under_lead and units[-1].kind in ("outline", "item") and (
                    units[-1].label is None or units[-1].label.fmt != label.fmt or units[-1].level) or (
                    units and units[-1].kind == "item" and units[-1].level and units[-1].label
                    and units[-1].label.fmt == label.fmt)
                units.append(Unit("item", rest, 1 if nested else 0, label))
                previous["list"] = label
            seen_body = True
            continue
        previous["list"] = None
        first_line = not units and _words(text) <= 20 and text[-1:] not in ".,;:!?" and not _FORM.search(text)
        if first_line or _heading_like(text) or text.isupper() and _words(text) <= 12 and not _FORM.search(text):
            following = next((body[j].strip() for j in range(i + 1, len(body)) if body[j].strip()), "")
            titled = [u for u in units if u.kind in ("title", "subtitle")]
            if not seen_body and len(titled) == len(units) and len(titled) < 3 and not dated_line(text) and (
                    not titled or _words(following) <= 12 or dated_line(following)):
                units.append(Unit("subtitle" if titled else "title", text))
                continue
            after_heading = i and body[i - 1].strip() and units and units[-1].kind in ("heading", "title", "subtitle")
            rows = rows or bool(after_heading and not text.isupper())  # lines set right under a heading: its rows
            if not rows:
                units.append(Unit("heading", text, 1 if text.isupper() else 2))
                continue
        seen_body = seen_body or bool(units)
        units.append(Unit("para", text))
    if not any(u.kind == "heading" and u.level == 1 for u in units) and not any(u.kind == "outline-heading" for u in units):
        for u in units:
            if u.kind == "heading":
                u.level = 1
    return header, footer, units


# -- Word numbering -----------------------------------------------------------------------------------------
class Lists:
    """The numbering part of one document: an abstract list per list shape, a num per (re)started list."""

    def __init__(self, doc) -> None:
        self.numbering = doc.part.numbering_part.element
        self.next_abstract = 100
        self.next_num = 100

    def new(self, levels: dict[int, tuple[str, str, int]]) -> str:
        """A new list (abstractNum and num): ``levels`` maps ilvl to (format, text such as "%1.%2", start)."""
        aid, nid = self.next_abstract, self.next_num
        self.next_abstract, self.next_num = aid + 1, nid + 1
        lvls = "".join(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{pattern}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{567 * (ilvl + 1)}" w:hanging="567"/></w:pPr></w:lvl>'
            for ilvl, (fmt, pattern, start) in sorted(levels.items()))
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                             f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        first_num = self.numbering.find(abstract.tag.replace("abstractNum", "num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        self.numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
        return str(nid)


def _number(paragraph, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


class Counter:
    """One Word list as it counts: a new list (its starts set) wherever the typed number is not the one Word
    would show next, as Word users restart or continue a list."""

    def __init__(self, lists: Lists) -> None:
        self.lists = lists
        self.num = ""
        self.levels: dict[int, tuple[str, str, int]] = {}  # ilvl -> (format, text, start)
        self.counts: dict[int, int] = {}  # the number each level shows now
        self.shown: set[int] = set()  # levels that have numbered a paragraph in the current list

    def place(self, paragraph, label: Label, ilvl: int) -> bool:
        """Number the paragraph as its typed label says; False where no list can show it (typed instead)."""
        parts = label.parts or (label.value,)
        if len(parts) > 1 and any(self.counts.get(k) != p for k, p in enumerate(parts[:-1])):
            return False  # "2.1" with no "2." before it: typed, as Word users do
        if not label.parts or len(label.parts) == 1 and ilvl:
            label = Label(label.fmt, label.value, label.pattern.replace("%1", f"%{ilvl + 1}"), label.depth, label.parts)
        level = self.levels.get(ilvl)
        expected = self.counts[ilvl] + 1 if ilvl in self.shown else level[2] if level else None
        if not (level is not None and level[:2] == (label.fmt, label.pattern) and label.value == expected):
            self.levels = {k: (f, p, self.counts.get(k, s)) for k, (f, p, s) in self.levels.items() if k < ilvl}
            self.levels[ilvl] = (label.fmt, label.pattern, label.value)
            for k in range(ilvl):  # a list entered at a deeper level still defines the levels above it
                self.levels.setdefault(k, (label.fmt, label.pattern.replace("%1", f"%{k + 1}"), 1))
            self.num, self.shown = self.lists.new(self.levels), set()
        _number(paragraph, self.num, ilvl)
        self.counts[ilvl] = label.value
        self.shown.add(ilvl)
        for deeper in [k for k in self.counts if k > ilvl]:
            del self.counts[deeper]
            self.shown.discard(deeper)
        return True


# -- the document -------------------------------------------------------------------------------------------
def _running(part, text: str) -> None:
    """A header or footer paragraph: the text as typed, "Page N of M" as Word's PAGE and NUMPAGES fields."""
    paragraph = part.paragraphs[0] if part.paragraphs and not part.paragraphs[0].text else part.add_paragraph()
    m = _PAGE.search(text)
    if not m:
        paragraph.add_run(text)
        return
    paragraph.add_run(text[:m.start()])
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES")
    paragraph.add_run(text[m.end():])


def publish_docx(text: str, title: str) -> bytes:
    """The Word file a school office would make of one txt policy."""
    header, footer, units = units_of(text)
    doc = a4_document("")  # no title property: Word leaves it empty unless someone fills it in
    normal = doc.styles["Normal"].paragraph_format  # Word's own defaults for body text, as most offices keep them
    normal.space_after, normal.line_spacing = Pt(8), 1.08
    section = doc.sections[0]
    section.top_margin, section.header_distance = Mm(28), Mm(8)
    for p in list(section.footer.paragraphs):  # a4_document's own page footer: this file has the txt's
        p._p.getparent().remove(p._p)
    section.footer.add_paragraph()
    if footer:
        _running(section.footer, footer)
    for i, line in enumerate(header):
        paragraph = section.header.paragraphs[0] if i == 0 else section.header.add_paragraph()
        paragraph.add_run(line).bold = i == 0
    lists = Lists(doc)
    outline, items = Counter(lists), Counter(lists)
    for unit in units:
        if unit.kind in ("title", "subtitle"):
            paragraph = doc.add_paragraph(unit.text, style="Title" if unit.kind == "title" else "Subtitle")
        elif unit.kind == "heading":
            paragraph = doc.add_heading(unit.text, level=unit.level)
        elif unit.kind in ("outline", "outline-heading"):
            style = f"Heading {min(unit.level + 1, 3)}" if unit.kind == "outline-heading" else "Normal"
            paragraph = doc.add_paragraph(unit.text, style=style)
            if not outline.place(paragraph, unit.label, unit.level):
                paragraph.text = ""
                paragraph.add_run(f"{'.'.join(map(str, unit.label.parts))} {unit.text}")
        elif unit.kind == "bullet":
            paragraph = doc.add_paragraph(unit.text, style="List Bullet 2" if unit.level else "List Bullet")
        elif unit.kind == "item":
            paragraph = doc.add_paragraph(unit.text, style="List Paragraph")
            items.place(paragraph, unit.label, unit.level)
        else:
            paragraph = doc.add_paragraph(unit.text)
        if unit.kind not in ("item", "bullet"):
            items = Counter(lists)  # a paragraph or heading between lists: the next list starts again
        if unit.page_break:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    return docx_bytes(doc)


def _fixed(pdf: bytes) -> bytes:
    """A LibreOffice PDF without its time stamp, checksum and random file id, each replaced by a constant of the same length
    (so the cross-reference offsets stay right): the same Word file gives the same PDF bytes."""
    pdf = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20000101000000", pdf)
    pdf = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, pdf)
    return re.sub(rb"<[0-9A-F]{32}>", lambda m: b"<" + b"0" * 32 + b">", pdf)


def to_pdf(docx_files: list[Path], out: Path) -> None:
    """PDFs of Word files, made by LibreOffice as a school office's "Save as PDF" would (one soffice run)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui (a benchmark tool only)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, docx_files)], check=True, capture_output=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": profile})
    for docx in docx_files:
        pdf = out / f"{docx.stem}.pdf"
        pdf.write_bytes(_fixed(pdf.read_bytes()))


def main() -> None:
    """Publish every txt of each folder named into --out."""
    args = sys.argv[1:]
    if "--out" not in args:
        sys.exit(__doc__)
    out = Path(args[args.index("--out") + 1])
    folders = [Path(a) for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] != "--out")]
    for folder in folders:
        target = out / folder.name
        target.mkdir(parents=True, exist_ok=True)
        made = []
        for txt in sorted(folder.glob("*.txt")):
            path = target / f"{txt.stem}.docx"
            path.write_bytes(publish_docx(txt.read_text(encoding="utf-8"), txt.stem))
            made.append(path)
        if "--no-pdf" not in args and made:
            to_pdf(made, target)
        print(f"{folder}: {len(made)} published to {target}")


if __name__ == "__main__":
    main()
