"""The Word .docx reader: structure from styles, numbering and tables; hidden parts ignored; bad files refused."""
from __future__ import annotations

import io
import random
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx_builders import (
    add_abstract,
    add_break,
    add_field,
    add_inline_content_control,
    add_num,
    add_paragraph_style,
    add_tracked,
    new_document,
    number,
    policy_docx,
    rewrite_part,
    save,
    set_outline_level,
    wrap_in_content_control,
    write_zip,
)

from generator.corpus import account
from generator.errors import ReadError
from generator.model import Block, SourceDocument
from generator.readers import read_document
from generator.readers.txt import decode, split_lines
from generator.segment import segment

SOURCES = Path(__file__).resolve().parent.parent / "corpus" / "sources"


def read(path: Path) -> SourceDocument:
    """Read a .docx and check the lossless contract: every non-empty paragraph is claimed exactly once."""
    source = read_document(path)
    assert source.format == "docx" and source.unit == "paragraph"
    doc = segment(source, path.stem, "0" * 64, path.name)
    assert account(doc, source.units) == []
    return source


def kinds(source: SourceDocument) -> list[tuple[str, str]]:
    """(kind, text) of every block."""
    return [(b.kind, b.text) for b in source.blocks]


def items(source: SourceDocument) -> list[tuple[str, str, str, int]]:
    """(label, marker, text, level) of every item block."""
    return [(b.label, b.marker, b.text, b.level) for b in source.blocks if b.kind == "item"]


def block(source: SourceDocument, text: str) -> Block:
    """The block with this text."""
    return next(b for b in source.blocks if b.text == text)


# -- headings -------------------------------------------------------------------------------------------------
def test_heading_styles_give_heading_blocks_with_their_level(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Staff Acceptable Use Policy", style="Title")
    doc.add_heading("Passwords", 1)
    doc.add_paragraph("Keep your password secret.")
    doc.add_heading("Sharing passwords", 2)
    doc.add_paragraph("Never tell anyone your password.")
    source = read(save(doc, tmp_path / "h.docx"))
    headings = [(b.text, b.level, b.style) for b in source.blocks if b.kind == "heading"]
    assert headings == [("Staff Acceptable Use Policy", 1, "style"), ("Passwords", 1, "style"),
                        ("Sharing passwords", 2, "style")]
    assert source.units == [0, 1, 2, 3, 4]


def test_outline_level_makes_a_heading_directly_through_a_style_or_through_a_base_style(tmp_path: Path) -> None:
    doc = new_document()
    add_paragraph_style(doc, "Policy Section", outline=0)
    add_paragraph_style(doc, "Policy Subsection", based_on="Heading 3")
    add_paragraph_style(doc, "Body Heading Off", based_on="Heading 1", outline=9)
    set_outline_level(doc.add_paragraph("Monitoring"), 1)
    doc.add_paragraph("Email", style="Policy Section")
    doc.add_paragraph("Attachments", style="Policy Subsection")
    doc.add_paragraph("This paragraph is body text although its style is based on a heading.", style="Body Heading Off")
    source = read(save(doc, tmp_path / "o.docx"))
    assert [(b.kind, b.text, b.level) for b in source.blocks] == [
        ("heading", "Monitoring", 2), ("heading", "Email", 1), ("heading", "Attachments", 3),
        ("paragraph", "This paragraph is body text although its style is based on a heading.", 0)]


def test_a_bold_short_paragraph_is_a_heading_and_a_bold_sentence_is_not(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph().add_run("Use of mobile phones").bold = True
    doc.add_paragraph("Phones stay in lockers during lessons.")
    doc.add_paragraph().add_run("Staff must report every breach.").bold = True
    source = read(save(doc, tmp_path / "b.docx"))
    assert block(source, "Use of mobile phones").kind == "heading"
    assert block(source, "Use of mobile phones").style == "bold"
    assert block(source, "Staff must report every breach.").kind == "paragraph"


# -- lists ------------------------------------------------------------------------------------------------------
def test_numbered_list_labels_are_computed_like_word_with_nested_letters_and_romans(tmp_path: Path) -> None:
    doc = new_document()
    aid = add_abstract(doc, [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "(%3)")])
    nid = add_num(doc, aid)
    doc.add_paragraph("Staff must:")
    for text, level in [("Lock screens.", 0), ("Use strong passwords.", 0), ("at least twelve characters", 1),
                        ("not reused", 1), ("not on any other site", 2), ("not from a dictionary", 2),
                        ("Report breaches.", 0), ("to the head", 1)]:
        number(doc.add_paragraph(text), nid, level)
    source = read(save(doc, tmp_path / "n.docx"))
    assert items(source) == [
        ("1.", "number", "Lock screens.", 0), ("2.", "number", "Use strong passwords.", 0),
        ("a)", "letter", "at least twelve characters", 1), ("b)", "letter", "not reused", 1),
        ("(i)", "roman", "not on any other site", 2), ("(ii)", "roman", "not from a dictionary", 2),
        ("3.", "number", "Report breaches.", 0), ("a)", "letter", "to the head", 1)]
    assert block(source, "Staff must:").style == "lead-in"


def test_multilevel_label_text_shows_every_level_and_start_values_are_honoured(tmp_path: Path) -> None:
    doc = new_document()
    aid = add_abstract(doc, [("decimal", "%1."), ("decimal", "%1.%2.")], starts=[4, 1])
    nid = add_num(doc, aid)
    for text, level in [("Email", 0), ("Use school email.", 1), ("Check attachments.", 1), ("Internet", 0),
                        ("Filtering applies.", 1)]:
        number(doc.add_paragraph(text), nid, level)
    source = read(save(doc, tmp_path / "m.docx"))
    # "4. Email" followed by "4.1." is a numbered section title, as in a text file
    assert [(b.kind, b.label) for b in source.blocks] == [
        ("heading", "4."), ("item", "4.1."), ("item", "4.2."), ("heading", "5."), ("item", "5.1.")]
    assert [b.level for b in source.blocks if b.kind == "item"] == [1, 1, 1]


def test_numbering_inherited_from_a_paragraph_style_and_its_base_style(tmp_path: Path) -> None:
    doc = new_document()
    aid = add_abstract(doc, [("upperLetter", "%1."), ("decimal", "%2.")])
    nid = add_num(doc, aid)
    add_paragraph_style(doc, "Policy List", num_id=nid)
    add_paragraph_style(doc, "Policy List Deep", based_on="Policy List", num_id=nid, ilvl=1)
    add_paragraph_style(doc, "Policy List Plain", based_on="Policy List")
    doc.add_paragraph("Accounts", style="Policy List")
    doc.add_paragraph("One account per person.", style="Policy List Deep")
    doc.add_paragraph("Devices", style="Policy List Plain")
    number(doc.add_paragraph("No personal devices on the network.", style="Policy List"), None, 1)
    doc.add_paragraph("First numbered rule", style="List Number")
    doc.add_paragraph("Second numbered rule", style="List Number")
    source = read(save(doc, tmp_path / "s.docx"))
    assert items(source) == [
        ("A.", "letter", "Accounts", 0), ("1.", "number", "One account per person.", 1),
        ("B.", "letter", "Devices", 0), ("1.", "number", "No personal devices on the network.", 1),
        ("1.", "number", "First numbered rule", 0), ("2.", "number", "Second numbered rule", 0)]


def test_a_new_list_instance_with_start_override_restarts_and_one_without_continues(tmp_path: Path) -> None:
    doc = new_document()
    aid = add_abstract(doc, [("decimal", "%1."), ("lowerLetter", "%2.")])
    first, restarted, continued = add_num(doc, aid), add_num(doc, aid, {0: 1}), add_num(doc, aid)
    doc.add_heading("Access", 1)
    number(doc.add_paragraph("Log on with your own account."), first)
    number(doc.add_paragraph("Log off when you leave."), first)
    number(doc.add_paragraph("unless a colleague takes over"), first, 1)
    doc.add_heading("Email", 1)
    number(doc.add_paragraph("Use school email only."), restarted)
    number(doc.add_paragraph("for school business"), restarted, 1)
    number(doc.add_paragraph("Check the recipient."), restarted)
    doc.add_heading("Internet", 1)
    number(doc.add_paragraph("Filtering applies to every device."), continued)
    source = read(save(doc, tmp_path / "r.docx"))
    assert [b.label for b in source.blocks if b.kind == "item"] == ["1.", "2.", "a.", "1.", "a.", "2.", "3."]


def test_a_list_that_links_to_a_numbering_style_uses_that_styles_definition(tmp_path: Path) -> None:
    doc = new_document()
    defined = add_num(doc, add_abstract(doc, [("upperRoman", "%1.")]))
    style = doc.styles.add_style("Policy Outline", WD_STYLE_TYPE.LIST)
    number(Paragraph(style.element, None), defined)  # a numbering style holds its list in its own numPr
    linked = add_abstract(doc, [])
    abstract = next(a for a in doc.part.numbering_part.element.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == linked)
    abstract.append(parse_xml(f'<w:numStyleLink {nsdecls("w")} w:val="{style.style_id}"/>'))
    nid = add_num(doc, linked)
    number(doc.add_paragraph("Scope"), nid)
    number(doc.add_paragraph("Roles"), nid)
    source = read(save(doc, tmp_path / "link.docx"))
    assert items(source) == [("I.", "roman", "Scope", 0), ("II.", "roman", "Roles", 0)]


def test_bullets_show_their_glyph_or_a_plain_bullet_for_symbol_font_glyphs(tmp_path: Path) -> None:
    doc = new_document()
    open_circle = add_num(doc, add_abstract(doc, [("bullet", "o")], font="Courier New"))
    wingding = add_num(doc, add_abstract(doc, [("bullet", "\uf0a7")], font="Wingdings"))
    doc.add_paragraph("Do not share passwords.", style="List Bullet")
    number(doc.add_paragraph("Do not leave screens unlocked."), open_circle)
    number(doc.add_paragraph("Do not install software."), wingding)
    source = read(save(doc, tmp_path / "bullets.docx"))
    assert items(source) == [("\u2022", "bullet", "Do not share passwords.", 0),
                             ("o", "bullet", "Do not leave screens unlocked.", 0),
                             ("\u2022", "bullet", "Do not install software.", 0)]


def test_bullets_typed_into_plain_paragraphs_are_items(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Pupils must:")
    doc.add_paragraph("\u2022 tell an adult if they see something upsetting")
    doc.add_paragraph("- keep their password secret")
    doc.add_paragraph("\uf0b7\tlog off after use")
    source = read(save(doc, tmp_path / "manual.docx"))
    assert [(b.marker, b.text) for b in source.blocks if b.kind == "item"] == [
        ("bullet", "tell an adult if they see something upsetting"), ("bullet", "keep their password secret"),
        ("bullet", "log off after use")]


def test_a_paragraph_that_continues_a_sentence_joins_the_item_before_it(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Staff must not use personal phones to", style="List Bullet")
    doc.add_paragraph("photograph pupils.")
    doc.add_paragraph("Visitors sign in at reception.")
    source = read(save(doc, tmp_path / "join.docx"))
    assert kinds(source) == [("item", "Staff must not use personal phones to photograph pupils."),
                             ("paragraph", "Visitors sign in at reception.")]
    assert source.blocks[0].units == [0, 1]


# -- tables -----------------------------------------------------------------------------------------------------
def _table(doc: object, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text


def test_a_key_value_table_gives_one_meta_block_per_row(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_heading("Acceptable Use Policy", 1)
    _table(doc, [["Approved by", "Full Governing Body"], ["Review date", "September 2025"], ["Version", "3.1"],
                 ["Link governor", ""]])
    doc.add_paragraph("This policy applies to all staff.")
    source = read(save(doc, tmp_path / "kv.docx"))
    metas = [(b.key, b.value, b.rows, b.units) for b in source.blocks if b.kind == "meta"]
    assert metas == [("Approved by", "Full Governing Body", [["Approved by", "Full Governing Body"]], [1, 2]),
                     ("Review date", "September 2025", [["Review date", "September 2025"]], [3, 4]),
                     ("Version", "3.1", [["Version", "3.1"]], [5, 6]),
                     ("Link governor", "", [["Link governor", ""]], [7])]
    md = segment(source, "kv", "0" * 64, "kv.docx").metadata
    assert (md.approved_by, md.review, md.version) == ("Full Governing Body", "September 2025", "3.1")


def test_a_table_of_signature_labels_gives_signature_fields(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("I have read and agree to follow this policy.")
    _table(doc, [["Name:", ""], ["Signed:", "__________"], ["Date:", ""]])
    source = read(save(doc, tmp_path / "sig.docx"))
    assert [(b.kind, b.key) for b in source.blocks[1:]] == [("signature", "Name"), ("signature", "Signed"),
                                                            ("signature", "Date")]


def test_a_table_of_rules_gives_one_clause_per_cell_paragraph(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_heading("Rules", 1)
    _table(doc, [["I will only use the school network for school work."],
                 ["I will tell a teacher if I see something that upsets me."]])
    _table(doc, [["Do", "Don't"],
                 ["Lock your screen whenever you leave your desk.", "Share your password with anyone at all."]])
    source = read(save(doc, tmp_path / "rules.docx"))
    texts = [(b.kind, b.text) for b in source.blocks]
    assert ("paragraph", "I will only use the school network for school work.") in texts
    assert ("paragraph", "I will tell a teacher if I see something that upsets me.") in texts
    assert ("paragraph", "Lock your screen whenever you leave your desk.") in texts
    assert ("paragraph", "Share your password with anyone at all.") in texts
    assert not any(b.kind in ("meta", "table") for b in source.blocks)


def test_a_table_with_numbered_rows_gives_labelled_items(tmp_path: Path) -> None:
    doc = new_document()
    _table(doc, [["1.", "Staff must keep passwords confidential at all times."],
                 ["2.", "Staff must report suspected misuse to the headteacher."]])
    source = read(save(doc, tmp_path / "numrows.docx"))
    assert items(source) == [("1.", "number", "Staff must keep passwords confidential at all times.", 0),
                             ("2.", "number", "Staff must report suspected misuse to the headteacher.", 0)]
    assert [b.units for b in source.blocks] == [[0, 1], [2, 3]]


def test_a_grid_of_short_cells_is_kept_as_a_table(tmp_path: Path) -> None:
    doc = new_document()
    _table(doc, [["Device", "Staff", "Pupils"], ["Mobile phone", "Allowed", "Not allowed"],
                 ["Tablet", "Allowed", "With permission"]])
    source = read(save(doc, tmp_path / "grid.docx"))
    assert [b.kind for b in source.blocks] == ["table"]
    assert source.blocks[0].rows[1] == ["Mobile phone", "Allowed", "Not allowed"]
    assert source.blocks[0].units == list(range(9))


# -- content controls, tracked changes, fields, hidden parts ------------------------------------------------------
def test_content_control_text_is_read_and_placeholder_prompts_are_dropped(tmp_path: Path) -> None:
    doc = new_document()
    wrap_in_content_control(doc.add_paragraph("Staff must wear ID badges at all times."))
    inline = doc.add_paragraph("This policy was written for ")
    add_inline_content_control(inline, "Hill Top Primary School")
    add_inline_content_control(inline, "Click or tap here to enter text.", placeholder=True)
    inline.add_run(" and its governors.")
    wrap_in_content_control(doc.add_paragraph("Click or tap here to enter text."), placeholder=True)
    source = read(save(doc, tmp_path / "sdt.docx"))
    assert kinds(source) == [("paragraph", "Staff must wear ID badges at all times."),
                             ("paragraph", "This policy was written for Hill Top Primary School and its governors.")]
    assert [(d.span.start, d.reason) for d in source.dropped] == [(2, "content control placeholder text")]


def test_tracked_insertions_and_moves_in_are_kept_deletions_and_moves_out_dropped(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph("Staff must ")
    add_tracked(p, "ins", "always ")
    add_tracked(p, "del", "sometimes ")
    p.add_run("lock their screens")
    add_tracked(p, "moveFrom", " at lunch")
    add_tracked(p, "moveTo", " when they leave")
    p.add_run(".")
    gone = doc.add_paragraph()
    add_tracked(gone, "del", "This whole paragraph was deleted.")
    source = read(save(doc, tmp_path / "tracked.docx"))
    assert kinds(source) == [("paragraph", "Staff must always lock their screens when they leave.")]
    assert source.units == [0]


def test_field_codes_are_not_text_but_field_results_are(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph("See the ")
    add_field(p, ' HYPERLINK "https://example.org/esafety" ', "e-safety policy")
    p.add_run(" for more.")
    source = read(save(doc, tmp_path / "field.docx"))
    assert kinds(source) == [("paragraph", "See the e-safety policy for more.")]


def test_headers_footers_and_comments_are_ignored(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph("Pupils must not bring phones to lessons.")
    doc.sections[0].header.paragraphs[0].text = "Running header text"
    doc.sections[0].footer.paragraphs[0].text = "Page 1 of 3"
    doc.add_comment(p.runs, text="Should this say lessons or school?", author="Governor")
    source = read(save(doc, tmp_path / "hidden.docx"))
    assert kinds(source) == [("paragraph", "Pupils must not bring phones to lessons.")]


def test_tabs_and_line_breaks_keep_a_paragraph_one_unit(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Approved by:\tFull Governing Body")
    p = doc.add_paragraph("Review date: June 2025")
    add_break(p, "Version: 4")
    sig = doc.add_paragraph("Signed: ________")
    add_break(sig, "Date: ________")
    wrapped = doc.add_paragraph("Staff must report any concern about a pupil's")
    add_break(wrapped, "safety to the designated safeguarding lead.")
    hidden = doc.add_paragraph("Visible text.")
    hidden.add_run(" Hidden text.").font.hidden = True
    hidden.add_run(" ").font.size = Pt(8)
    source = read(save(doc, tmp_path / "breaks.docx"))
    assert [(b.kind, b.units) for b in source.blocks] == [("meta", [0]), ("meta", [1]), ("signature", [2]),
                                                          ("paragraph", [3]), ("paragraph", [4])]
    assert source.blocks[0].rows == [["Approved by", "Full Governing Body"]]
    assert source.blocks[1].rows == [["Review date", "June 2025"], ["Version", "4"]]
    assert source.blocks[3].text == "Staff must report any concern about a pupil's safety to the designated safeguarding lead."
    assert source.blocks[4].text == "Visible text."


def test_core_properties_give_title_and_author(tmp_path: Path) -> None:
    doc = new_document()
    doc.core_properties.title = "E-Safety Policy"
    doc.core_properties.author = "J. Smith"
    doc.add_paragraph("Pupils must keep passwords secret.")
    source = read(save(doc, tmp_path / "props.docx"))
    assert source.properties == {"title": "E-Safety Policy", "author": "J. Smith"}
    md = segment(source, "p", "0" * 64, "props.docx").metadata
    assert (md.title, md.author) == ("E-Safety Policy", "J. Smith")
    for default in ("python-docx", "Windows User", "Microsoft Office User", "Administrator"):
        doc.core_properties.author = default  # what a tool or a fresh account writes: it names nobody
        md = segment(read(save(doc, tmp_path / "props.docx")), "p", "0" * 64, "props.docx").metadata
        assert md.author == ""


def test_a_table_of_contents_is_dropped_with_a_reason(tmp_path: Path) -> None:
    doc = new_document()
    add_paragraph_style(doc, "toc 1")
    doc.add_paragraph("Passwords\t3", style="toc 1")
    doc.add_heading("Passwords", 1)
    doc.add_paragraph("Keep passwords secret.")
    source = read(save(doc, tmp_path / "toc.docx"))
    assert [(d.span.start, d.reason) for d in source.dropped] == [(0, "table of contents")]
    assert kinds(source) == [("heading", "Passwords"), ("paragraph", "Keep passwords secret.")]


# -- bad input ------------------------------------------------------------------------------------------------
def _good(tmp_path: Path) -> bytes:
    doc = new_document()
    doc.add_paragraph("Pupils must keep passwords secret. " * 40)
    return save(doc, tmp_path / "good.docx").read_bytes()


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return buffer.getvalue()


def _document_xml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{prolog}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            f'2006/main"><w:body>{body}</w:body></w:document>').encode()


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
          '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
          '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
          '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]>')

BAD = {
    "not-a-zip": (lambda good: b"Acceptable Use Policy\nStaff must lock screens.\n", "not a Word .docx"),
    "pdf": (lambda good: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "it is a PDF"),
    "truncated": (lambda good: good[: len(good) // 2], "damaged or truncated"),
    "ole": (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "OLE compound file"),
    "encrypted": (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptedPackage".encode("utf-16-le")
                  + bytes(512), "encrypted"),
    "legacy-doc": (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "WordDocument".encode("utf-16-le")
                   + bytes(512), "legacy Word 97-2003 .doc"),
    "no-document": (lambda good: _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}),
                    "has no word/document.xml"),
    "excel": (lambda good: _zip({"xl/workbook.xml": b"<workbook/>"}), "Excel workbook"),
    "malformed": (lambda good: _zip({"word/document.xml": b"<w:document><w:body><w:p>"}), "not well-formed XML"),
    "billion-laughs": (lambda good: _zip({"word/document.xml": _document_xml(
        "<w:p><w:r><w:t>&lol6;</w:t></w:r></w:p>", LAUGHS)}), "DOCTYPE"),
    "not-wordprocessing": (lambda good: _zip({"word/document.xml": b"<html><body>Policy</body></html>"}),
                           "not a Word document body"),
    "empty-body": (lambda good: _zip({"word/document.xml": _document_xml("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")}),
                   "has no text"),
    "ratio-bomb": (lambda good: _zip({"word/document.xml": _document_xml(
        "<w:p><w:r><w:t>" + " " * (8 << 20) + "x</w:t></w:r></w:p>")}), "refused as a zip bomb"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_are_refused_with_a_read_error_that_says_what_is_wrong(tmp_path: Path, case: str) -> None:
    make, expected = BAD[case]
    path = tmp_path / f"{case}.docx"
    path.write_bytes(make(_good(tmp_path)))
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert expected in str(err.value)
    assert str(path) in str(err.value)


def test_a_zip_bomb_is_refused_quickly_without_unpacking_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        with zout.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(200):  # 200 MB of spaces, a few hundred KB compressed
                part.write(chunk)
    assert path.stat().st_size < 1 << 20
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ReadError, match="unpacks to 209715200 bytes"):
            read_document(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2
    assert peak < 16 << 20


def test_a_damaged_part_inside_an_intact_archive_is_a_read_error(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Staff must lock screens.")
    path = save(doc, tmp_path / "x.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start:start + info.compress_size] = bytes(info.compress_size)  # zero the compressed bytes
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="word/document.xml"):
        read_document(path)


def test_random_damage_to_a_docx_gives_a_document_or_a_read_error_never_a_crash(tmp_path: Path) -> None:
    doc = new_document()
    aid = add_abstract(doc, [("decimal", "%1."), ("lowerLetter", "%2)")])
    nid = add_num(doc, aid)
    doc.add_heading("Passwords", 1)
    number(doc.add_paragraph("Keep passwords secret."), nid)
    number(doc.add_paragraph("never written down"), nid, 1)
    _table(doc, [["Approved by", "Governors"], ["Review date", "June 2025"]])
    good = save(doc, tmp_path / "good.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    rng = random.Random(20240601)
    path = tmp_path / "damaged.docx"
    for attempt in range(150):
        if attempt % 2:
            data = bytearray(good)
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            path.write_bytes(bytes(data))
        else:
            name = rng.choice(["word/document.xml", "word/numbering.xml", "word/styles.xml"])
            xml = parts[name]
            cut = rng.randrange(len(xml))
            damaged = xml[:cut] + xml[cut + rng.randint(1, 40):]
            path.write_bytes(_zip({**parts, name: damaged}))
        try:
            source = read_document(path)
        except ReadError:
            continue
        assert account(segment(source, "d", "0" * 64, "damaged.docx"), source.units) == []


def test_a_document_that_reads_its_parts_through_relationships(tmp_path: Path) -> None:
    body = _document_xml('<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:r><w:t>Passwords</w:t></w:r></w:p>'
                         "<w:p><w:r><w:t>Keep passwords secret.</w:t></w:r></w:p>")
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="/content/main.xml"/></Relationships>')
    doc_rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                b'<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                b'styles" Target="looks.xml"/></Relationships>')
    styles = (b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              b'<w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 2"/></w:style></w:styles>')
    path = write_zip(tmp_path / "rels.docx", {"_rels/.rels": rels, "content/main.xml": body,
                                              "content/_rels/main.xml.rels": doc_rels, "content/looks.xml": styles})
    source = read(path)
    assert [(b.kind, b.text, b.level) for b in source.blocks] == [("heading", "Passwords", 2),
                                                                  ("paragraph", "Keep passwords secret.", 0)]


def test_a_text_box_is_read_after_its_anchor_paragraph(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Staff must lock screens.")
    path = save(doc, tmp_path / "box.docx")
    box = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>Report concerns to the DSL.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
           '</w:pict></w:r>')
    rewrite_part(path, "word/document.xml", lambda xml: xml.replace(b"screens.</w:t></w:r>", b"screens.</w:t></w:r>" + box.encode()))
    source = read(path)
    assert kinds(source) == [("paragraph", "Staff must lock screens."), ("paragraph", "Report concerns to the DSL.")]


# -- end to end: the seed policies as Word documents --------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_a_seed_policy_written_as_docx_reads_the_same_as_its_text(tmp_path: Path, name: str) -> None:
    txt_path = SOURCES / name
    txt_source = read_document(txt_path)
    txt_doc = segment(txt_source, txt_path.stem, "0" * 64, name)
    lines = split_lines(decode(txt_path.read_bytes())[0])
    docx_path = policy_docx(txt_source, txt_doc, tmp_path / f"{txt_path.stem}.docx", lines)
    docx_source = read(docx_path)
    docx_doc = segment(docx_source, txt_path.stem, "0" * 64, docx_path.name)

    assert [c.text for c in docx_doc.clauses] == [c.text for c in txt_doc.clauses]
    assert [c.kind for c in docx_doc.clauses] == [c.kind for c in txt_doc.clauses]
    numbered = [c.label for c in txt_doc.clauses if c.label[:1].isalnum()]
    assert [c.label for c in docx_doc.clauses if c.label[:1].isalnum()] == numbered
    assert [s.title for s in docx_doc.sections] == [s.title for s in txt_doc.sections]
    assert [(f.key, f.value) for f in docx_doc.metadata.fields] == [(f.key, f.value) for f in txt_doc.metadata.fields]
    assert [f.key for f in docx_doc.signatures] == [f.key for f in txt_doc.signatures]
    assert docx_doc.metadata.title == txt_doc.metadata.title
    with zipfile.ZipFile(docx_path) as z:
        body = z.read("word/document.xml")
    assert b"<w:sdt>" in body and b"<w:ins " in body and b"<w:del " in body
    assert (b"<w:numPr>" in body) == bool(numbered)
    everything = " ".join(b.text for b in docx_source.blocks)
    for hidden in ("withdrawn wording", "policy header", "footer text", "reviewer comment"):
        assert hidden not in everything


# -- as a school office publishes: letterhead in the header, lists begun under another list's lead-in ----------
def test_a_letterhead_in_the_word_header_names_a_district_or_council_as_its_first_line_would(tmp_path: Path) -> None:
    doc = new_document()
    doc.sections[0].header.paragraphs[0].text = "School District No. 12 (Pine Valley)"
    doc.sections[0].header.add_paragraph("40 Mill Road, Pine Valley")
    doc.sections[0].footer.paragraphs[0].text = "Employee Use of Technology | Page 1 of 2"
    doc.add_heading("Employee Use of Technology", 1)
    doc.add_paragraph("Employees must lock their screens when they leave a computer unattended.")
    source = read(save(doc, tmp_path / "letterhead.docx"))
    assert segment(source, "d", "0" * 64, "d.docx").metadata.school == "School District No. 12 (Pine Valley)"


def test_a_list_begun_under_another_lists_lead_in_item_nests_under_it_and_a_continued_list_does_not(tmp_path: Path) -> None:
    doc = new_document()
    outline = add_num(doc, add_abstract(doc, [("decimal", "%1."), ("decimal", "%1.%2")]))
    letters = add_num(doc, add_abstract(doc, [("lowerLetter", "%1)"), ("lowerLetter", "%2)")]))
    doc.add_heading("Pupils", 1)
    number(doc.add_paragraph("Heading"), outline, 0)
    number(doc.add_paragraph("Pupils may bring a phone to school."), outline, 1)
    number(doc.add_paragraph("The following is prohibited:"), outline, 1)
    for text in ("using a phone in class;", "recording other pupils."):
        number(doc.add_paragraph(text), letters, 1)  # a list of its own, at the level Word's Tab gave it
    number(doc.add_paragraph("Pupils with a medical need may keep a phone with them."), outline, 1)
    source = read(save(doc, tmp_path / "nested.docx"))
    assert [(label, level) for label, _, _, level in items(source)] == [
        ("1.1", 1), ("1.2", 1), ("a)", 2), ("b)", 2), ("1.3", 1)]
    # a list continued under a colon (the same list, numbered on) is a sibling, not nested
    doc = new_document()
    steps = add_abstract(doc, [("decimal", "%1.")])
    number(doc.add_paragraph("Occasional personal use is acceptable:"), add_num(doc, steps), 0)
    number(doc.add_paragraph("Lunchtime browsing of news sites"), add_num(doc, steps), 0)
    source = read(save(doc, tmp_path / "continued.docx"))
    assert [(label, level) for label, _, _, level in items(source)] == [("1.", 0), ("2.", 0)]


def test_a_number_typed_before_a_styled_headings_words_is_its_label_not_part_of_a_name(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_heading("Section 9: Responsible Use of Technology", 1)
    doc.add_paragraph("Lakeview High School provides every student with a school account.")
    doc.add_heading("9.1 District Google Accounts", 2)
    doc.add_paragraph("Students must keep their password private.")
    source = read(save(doc, tmp_path / "typed.docx"))
    heading = next(b for b in source.blocks if b.text.startswith("District"))
    assert (heading.kind, heading.label, heading.text) == ("heading", "9.1", "District Google Accounts")
    assert segment(source, "d", "0" * 64, "d.docx").metadata.school == "Lakeview High School"


def test_a_form_row_and_a_line_of_dates_typed_with_tabs_read_as_a_form_row_and_dates(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Approved by the Board: 2023-05-30\t|\tRevised: 2024-08-19")
    doc.add_paragraph("Staff must use school email for all contact with families.")
    doc.add_paragraph("Signature: ______________\tDate: ___/___/______")
    source = read(save(doc, tmp_path / "tabs.docx"))
    meta = segment(source, "d", "0" * 64, "d.docx").metadata
    assert (meta.adopted, meta.updated) == ("2023-05-30", "2024-08-19")
    assert [b.kind for b in source.blocks] == ["meta", "paragraph", "signature"]
