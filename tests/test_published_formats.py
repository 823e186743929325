"""Policies as schools publish them: what PDF, Word, HTML and Markdown producers do to a policy's clauses.

Each test builds a small file in code that shows one hazard of a published format and checks that every
clause comes out whole and alone, with every source unit accounted for.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.corpus import account
from generator.readers import read_document
from generator.readers.lines import blocks_from_lines
from generator.segment import segment


def clause_texts(path: Path) -> list[str]:
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, f"sources/{path.name}")
    assert account(doc, source.units) == []
    return [" ".join(c.text.split()) for c in doc.clauses]


def pdf_of(tmp_path: Path, html: str, name: str = "policy.pdf") -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / name
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())
    return path


def texts(lines: list[str]) -> list[tuple[str, str]]:
    found, _, _ = blocks_from_lines(lines)
    return [(b.kind, b.text) for b in found]


# -- PDF ----------------------------------------------------------------------------------------------------
def test_a_word_broken_at_its_hyphen_across_a_pdf_line_end_reads_with_its_hyphen(tmp_path):
    # pdfium joins the two lines itself and writes the hyphen as U+FFFE
    path = pdf_of(tmp_path, '<body style="font: 12pt serif; width: 9.2em">'
                            "<p>Includes all messaging services, including multi-media texting and chat.</p>"
                            "<p>Staff must not share their work-related passwords with anyone at all.</p></body>")
    assert clause_texts(path) == ["Includes all messaging services, including multi-media texting and chat.",
                                  "Staff must not share their work-related passwords with anyone at all."]


VERBS = ["share", "sell", "copy", "publish", "delete", "alter", "upload", "forward", "print", "store", "hide", "rename",
         "send", "post", "move", "lend", "trade", "leak", "scan", "email", "tweet", "photograph", "record", "discuss"]


def test_numbered_rules_wrapping_across_pages_under_running_headers_come_out_whole_and_numbered(tmp_path):
    # WeasyPrint writes each list number after its item's text, on the item's first baseline
    rules = "".join(f"<li>Staff must not {v} pupil records or school data for personal gain or for any purpose "
                    "that could bring the school into disrepute.</li>" for v in VERBS)
    path = pdf_of(tmp_path, '<html><head><style>@page { size: A6; margin: 1.5cm 1cm; '
                            '@top-center { content: "Oak Primary School Staff AUP"; font-size: 7pt } '
                            '@bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 7pt } } '
                            "body { font: 9pt serif; orphans: 1; widows: 1 }</style></head><body>"
                            f"<p>All staff must follow the rules below.</p><ol>{rules}</ol></body></html>")
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, "sources/policy.pdf")
    assert account(doc, source.units) == []
    assert [(c.label, " ".join(c.text.split())) for c in doc.clauses][1:] == [
        (f"{n}.", f"Staff must not {v} pupil records or school data for personal gain or for any purpose that could "
                  "bring the school into disrepute.") for n, v in enumerate(VERBS, 1)]
    assert sum(1 for d in doc.dropped if d.text == "Oak Primary School Staff AUP") >= 3


def test_bullets_written_apart_from_their_items_and_set_above_the_baseline_go_back_to_their_items(tmp_path):
    rules = [f"Pupils must not {v} any files on the school network without asking." for v in ("copy", "delete")]
    path = pdf_of(tmp_path, '<body style="font: 10pt serif"><ul>' + "".join(f"<li>{r}</li>" for r in rules) + "</ul></body>")
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, "sources/policy.pdf")
    assert account(doc, source.units) == []
    assert [(c.label, c.text) for c in doc.clauses] == [("\u2022", r) for r in rules]


def test_a_two_column_page_reads_down_the_first_column_then_the_second(tmp_path):
    rules = [f"I will not {v} anything on a school computer without asking my class teacher first." for v in VERBS[:12]]
    path = pdf_of(tmp_path, "<html><head><style>@page { size: A4; margin: 2cm } body { font: 11pt serif } "
                            ".cols { column-count: 2; column-gap: 1cm }</style></head><body><h1>Pupil Agreement</h1>"
                            '<div class="cols">' + "".join(f"<p>{r}</p>" for r in rules) + "</div></body></html>")
    assert clause_texts(path) == rules


def test_pdfium_line_end_hyphens_read_as_hyphens_and_ligature_characters_as_their_letters():
    from generator.readers.pdf import as_shown

    assert as_shown("multi\ufffemedia work\x02related \ufb01le \ufb02ag o\ufb03ce sta\ufb00") == \
        "multi-media work-related file flag office staff"
    # a word the document spells whole elsewhere, and never with that hyphen, was only broken to wrap
    assert as_shown("unaccept\ufffeable non\ufffebusiness", {"unacceptable", "nonbusiness", "non-business"}) == \
        "unacceptable non-business"


def test_words_the_typesetter_hyphenated_at_line_ends_are_whole_again(tmp_path):
    # WeasyPrint breaks words with U+2010 where CSS asks for hyphenation; a real hyphen stays
    path = pdf_of(tmp_path, '<html lang="en"><body style="font: 12pt serif; width: 12em; hyphens: auto">'
                            "<p>Staff must not use unacceptable, inappropriate or discriminatory language in any "
                            "communication whatsoever.</p><p>The official \ufb01le of \ufb01rst-floor o\ufb03ces will "
                            "be \ufb01lled and \ufb02agged by sta\ufb00.</p></body></html>")
    assert clause_texts(path) == ["Staff must not use unacceptable, inappropriate or discriminatory language in any "
                                  "communication whatsoever.",
                                  "The official file of first-floor offices will be filled and flagged by staff."]


def test_a_soft_hyphen_is_invisible_inside_a_line_and_joins_the_word_at_a_line_end():
    assert texts(["Staff must not use multi\u00admedia messages or unaccept\u00ad", "able language in school."]) == [
        ("paragraph", "Staff must not use multimedia messages or unacceptable language in school.")]


def test_a_pdf_table_of_rules_with_tick_boxes_and_a_matrix_under_column_headings_read_as_rules_and_a_table(tmp_path):
    rules = ["I will only use the school network and my school email account for school work.",
             "I will tell a teacher straight away if I see something online that upsets me."]
    path = pdf_of(tmp_path, "<html><head><style>body { font: 11pt serif } table { width: 12cm } "
                            "td { vertical-align: top }</style></head><body><p>Tick each rule:</p><table>"
                            + "".join(f"<tr><td>{r}</td><td>&#9744;</td></tr>" for r in rules)
                            + "</table><table><tr><td></td><td>Staff</td><td>Pupils</td></tr><tr><td>Mobile phones "
                              "may be brought to school</td><td>X</td><td>X</td></tr></table></body></html>")
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, "sources/policy.pdf")
    assert account(doc, source.units) == []
    assert [" ".join(c.text.split()) for c in doc.clauses] == rules
    assert [t.rows for t in doc.tables] == [[["Mobile phones may be brought to school", "X", "X"]]]


# -- the line reader every format ends in -------------------------------------------------------------------
def test_a_numbered_item_whose_first_line_reads_like_a_title_continues_on_its_hanging_indent():
    lines = ["Unacceptable:", "", "   4. Sending non-business related emails directly to large distribution",
             "         groups e.g. chain emails",
             "   5. Sending files with attachments (e.g. Compressed files, executable",
             "         code, video streams or graphical images) to internal or external",
             "         parties", "   6. Subscribing to mailing lists"]
    assert texts(lines)[1:] == [
        ("item", "Sending non-business related emails directly to large distribution groups e.g. chain emails"),
        ("item", "Sending files with attachments (e.g. Compressed files, executable code, video streams or "
                 "graphical images) to internal or external parties"),
        ("item", "Subscribing to mailing lists")]


def test_a_hard_wrapped_line_running_to_the_wrap_width_is_not_a_title_because_its_words_are_capitalised():
    lines = ["This document defines Minuteman Regional Vocational Technical School",
             "District's role and policy as it relates to the acceptable use of by those who",
             "use these resources. This policy applies to all staff, volunteers and students,",
             "including high school, postgraduate, afterschool, career exploratory,",
             "summer school, continuing education, and visiting groups from outside our",
             "school district.", "", "Passwords", "", "Staff must keep their passwords private and must",
             "change them whenever the school's network manager asks them to do so."]
    assert texts(lines) == [
        ("paragraph", "This document defines Minuteman Regional Vocational Technical School District's role and policy "
                      "as it relates to the acceptable use of by those who use these resources. This policy applies to "
                      "all staff, volunteers and students, including high school, postgraduate, afterschool, career "
                      "exploratory, summer school, continuing education, and visiting groups from outside our school "
                      "district."),
        ("heading", "Passwords"),
        ("paragraph", "Staff must keep their passwords private and must change them whenever the school's network "
                      "manager asks them to do so.")]


def test_a_continuation_line_worded_alike_in_three_lists_is_text_not_a_running_header():
    lines = []
    for heading in ("Email", "Internet", "Computers"):
        lines += [heading, "", "1. Saving or storing any non-business related files or attachments",
                  "   which could be regarded as offensive or obscene material.", ""]
    found, dropped, _ = blocks_from_lines(lines)
    assert dropped == []
    assert [b.text for b in found if b.kind == "item"] == [
        "Saving or storing any non-business related files or attachments which could be regarded as offensive or "
        "obscene material."] * 3


def test_a_rule_with_a_tick_box_in_the_next_cell_is_a_clause_not_a_table_row():
    assert texts(["I will tell a teacher if I see something that upsets me.\t\u2610", "1.\tI will log off.\t\u2610",
                  "Infringing copyright\tX"]) == [
        ("paragraph", "I will tell a teacher if I see something that upsets me."), ("item", "I will log off."),
        ("table", "Infringing copyright | X")]


# -- Word ---------------------------------------------------------------------------------------------------
def test_a_word_table_of_rules_with_tick_boxes_gives_one_clause_per_rule_and_no_cell_runs_into_the_next(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("Please tick each rule you agree to:")
    ticks = doc.add_table(rows=0, cols=2)
    for rule in ("I will only use the school network for school work.", "I will not share my password with anyone."):
        cells = ticks.add_row().cells
        cells[0].text, cells[1].text = rule, "\u2610"
    grid = doc.add_table(rows=0, cols=3)
    for row in (("Staff may", "Yes", "No"), ("use personal phones at break times in the staff room.", "\u2713", ""),
                ("take photos of pupils on their own devices.", "", "X")):
        cells = grid.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    path = tmp_path / "rules.docx"
    doc.save(str(path))
    assert clause_texts(path) == ["Please tick each rule you agree to:",
                                  "I will only use the school network for school work.",
                                  "I will not share my password with anyone.", "Staff may",
                                  "use personal phones at break times in the staff room.",
                                  "take photos of pupils on their own devices."]


def test_a_list_stripped_of_its_markup_keeps_a_lower_case_entry_after_a_finished_sentence_apart():
    # a web page's <li>s flattened to lines: "...at risk." then "that users ..." is the next entry, but an
    # abbreviation or a link does not end the clause before it
    assert texts(["This agreement is intended to ensure:", "",
                  "that users will be responsible and stay safe.",
                  "CLC systems are protected from misuse that could put users at risk.",
                  "that users are protected from potential risk.",
                  "Staff may bring devices, e.g. phones, tablets etc.", "which must be kept locked away.",
                  "The school is registered with the Information Commissioner.", "http://www.ico.gov.uk/register"]) == [
        ("paragraph", "This agreement is intended to ensure:"),
        ("paragraph", "that users will be responsible and stay safe."),
        ("paragraph", "CLC systems are protected from misuse that could put users at risk."),
        ("paragraph", "that users are protected from potential risk."),
        ("paragraph", "Staff may bring devices, e.g. phones, tablets etc. which must be kept locked away."),
        ("paragraph", "The school is registered with the Information Commissioner. http://www.ico.gov.uk/register")]


# -- HTML ---------------------------------------------------------------------------------------------------
def test_a_web_page_without_a_charset_reads_as_utf8_not_latin1(tmp_path):
    path = tmp_path / "aup.html"
    path.write_text("<html><body><ul><li>I will not alter any other user\u2019s files, without permission.</li>"
                    "</ul></body></html>", encoding="utf-8")
    assert clause_texts(path) == ["I will not alter any other user\u2019s files, without permission."]


def test_rules_typed_one_per_line_with_br_stay_apart_and_a_br_inside_a_sentence_is_a_wrap(tmp_path):
    path = tmp_path / "rules.html"
    path.write_text("<html><body><p>Pupils must follow these rules:</p>"
                    "<p>\u2022 I will lock my screen.<br>\u2022 I will not share my password.<br>"
                    "&middot; I will tell a teacher.</p>"
                    "<p>1. Rule one for visitors.<br/>2. Rule two for visitors.</p>"
                    "<ul><li>Staff must keep their passwords<br>private at all times.</li></ul></body></html>",
                    encoding="utf-8")
    assert clause_texts(path) == ["Pupils must follow these rules:", "I will lock my screen.",
                                  "I will not share my password.", "I will tell a teacher.",
                                  "Rule one for visitors.", "Rule two for visitors.",
                                  "Staff must keep their passwords private at all times."]


def test_a_web_table_of_rules_gives_clauses_not_metadata_and_a_list_item_keeps_its_bullet_over_a_paragraph(tmp_path):
    path = tmp_path / "table.html"
    path.write_text("<html><body><table><tr><td>1.</td><td>I will only use the school network for school work.</td></tr>"
                    "<tr><td>2.</td><td>I will not share my password with anyone.</td></tr></table>"
                    "<table><tr><td>I will tell a teacher if I see something that upsets me.</td><td>&#9744;</td></tr>"
                    "<tr><td><p>Staff must lock their screens.</p><p>Staff must not install software.</p></td></tr></table>"
                    "<ul><li><p>Pupils must ask before printing.</p></li><li>Pupils must log off.</li></ul>"
                    "<table><tr><td>Approved by:</td><td>Governing Body</td></tr></table></body></html>", encoding="utf-8")
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, "sources/table.html")
    assert account(doc, source.units) == []
    assert [(c.label, c.text) for c in doc.clauses] == [
        ("1.", "I will only use the school network for school work."), ("2.", "I will not share my password with anyone."),
        ("", "I will tell a teacher if I see something that upsets me."), ("", "Staff must lock their screens."),
        ("", "Staff must not install software."), ("\u2022", "Pupils must ask before printing."),
        ("\u2022", "Pupils must log off.")]
    assert doc.metadata.approved_by == "Governing Body"



def test_a_page_laid_out_in_a_table_reads_the_headings_lists_and_nested_table_of_its_content_cell_once(tmp_path):
    path = tmp_path / "layout.html"
    path.write_text('<html><body><table width="100%"><tr><td><a href="/">Home</a></td><td><h2>Internet Use</h2>'
                    "<p>All pupils must follow these rules when using the internet in school.</p><ul>"
                    "<li>I will only use the internet when a teacher is present.</li>"
                    "<li>I will not share my password with anyone.</li></ul>"
                    "<table><tr><td>Approved by:</td><td>Governing Body</td></tr></table></td></tr></table>"
                    "</body></html>", encoding="utf-8")
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, "sources/layout.html")
    assert account(doc, source.units) == []
    assert [c.text for c in doc.clauses] == ["All pupils must follow these rules when using the internet in school.",
                                             "I will only use the internet when a teacher is present.",
                                             "I will not share my password with anyone."]
    assert [f.value for f in doc.metadata.fields if f.key == "Approved by"] == ["Governing Body"]

# -- Markdown -----------------------------------------------------------------------------------------------
def test_markdown_plus_bullets_and_a_pipe_table_of_numbered_rules_give_clauses(tmp_path):
    path = tmp_path / "aup.md"
    path.write_text("# Staff AUP\n\n+ I will report any concerns to the designated safeguarding lead\nwithout delay.\n"
                    "+ I will not install software.\n\n| No. | Rule |\n|-----|------|\n"
                    "| 1 | I will only use school email for school business. |\n"
                    "| 2 | I will not use personal devices to photograph pupils. |\n", encoding="utf-8")
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, "sources/aup.md")
    assert account(doc, source.units) == []
    assert [(c.label, c.text) for c in doc.clauses] == [
        ("+", "I will report any concerns to the designated safeguarding lead without delay."),
        ("+", "I will not install software."), ("1.", "I will only use school email for school business."),
        ("2.", "I will not use personal devices to photograph pupils.")]


# -- as a school office publishes (benchmarks/publish_constructed.py) ---------------------------------------------
RULES = ["share", "sell", "copy", "publish", "delete", "alter", "upload", "forward", "print", "store", "hide", "rename",
         "send", "post", "move", "lend", "trade", "leak", "scan", "email", "tweet", "photograph", "record", "discuss"]


def test_a_letterhead_in_every_pages_header_names_a_district_as_a_first_line_would_wherever_the_stream_puts_it(tmp_path):
    from generator.organisation import find_organisation

    # WeasyPrint writes the page margins after the page's text; Word's PDFs write the header first
    body = "".join(f"<p>Staff must not {v} pupil records for any purpose that could bring the school into disrepute.</p>"
                   for v in RULES)
    path = pdf_of(tmp_path, '<html><head><style>@page { size: A6; margin: 2cm 1cm; @top-center { content: '
                            '"School District No. 12 (Pine Valley)"; font-size: 8pt } } body { font: 9pt sans-serif }'
                            f"</style></head><body><h1>Staff Computer Rules</h1>{body}</body></html>")
    source = read_document(path)
    assert find_organisation(source) == "School District No. 12 (Pine Valley)"
    assert source.dropped[0].span.start < source.blocks[0].units[0]  # the header reads before the page's body


def test_words_a_tab_set_apart_with_no_space_in_the_pdf_text_read_apart(tmp_path):
    path = pdf_of(tmp_path, '<body style="font: 11pt sans-serif"><h1>Staff Computer Rules</h1>'
                            '<p>Version 4.2<span style="margin-left:1.5pt">Approved: 22 February 2024</span>'
                            '<span style="margin-left:1.5pt">Next review: May 2026</span></p>'
                            "<p>Staff must lock their screens when they leave a computer.</p></body>")
    meta = segment(read_document(path), "d", "0" * 64, "sources/policy.pdf").metadata
    assert (meta.adopted, meta.review) == ("22 February 2024", "May 2026")


def test_a_numbered_line_set_in_a_heading_size_is_a_heading_with_its_number_as_label(tmp_path):
    path = pdf_of(tmp_path, '<body style="font: 10pt sans-serif"><h1>Responsible Use of Technology</h1>'
                            "<p>Lakeview High School provides every student with a school account.</p>"
                            '<h2 style="font-size: 13pt">9.6 Discipline Levels</h2>'
                            "<p>Violations will be handled according to the following levels.</p></body>")
    source = read_document(path)
    assert [(b.kind, b.label, b.text) for b in source.blocks][2:] == [
        ("heading", "9.6", "Discipline Levels"), ("paragraph", "", "Violations will be handled according to the following levels.")]


def test_short_lines_under_a_heading_are_rows_of_their_own_and_a_full_line_ending_a_sentence_runs_on():
    # a PDF's lines: paragraphs wrapped at the page width with a blank line after each
    paragraphs = [(f"Staff must not {v} pupil records or school data on any device, whether it belongs to the",
                   "school or to them, and must tell the data protection lead about any loss.") for v in RULES[:4]]
    full = ("Lakeshore School provides students with access to a filtered network and a learning platform",
            "for every subject. Students are also welcome to bring a personal laptop or tablet, subject to",
            "this agreement.")
    rows = ["Lock your screen when you leave your desk", "Use the official school e-mail for messages to parents",
            "Report a suspicious e-mail to the IT Department at once"]
    lines = [line for p in paragraphs for line in (*p, "")] + [*full, "", "Do's", *rows]
    assert texts(lines) == [*[("paragraph", " ".join(p)) for p in paragraphs], ("paragraph", " ".join(full)),
                            ("heading", "Do's"), *[("paragraph", r) for r in rows]]


def test_a_metadata_line_wrapped_after_a_comma_reads_as_one_line_of_dates():
    found, _, _ = blocks_from_lines(["Staff Code of Conduct", "Ratified by the College Board 14/03/2022 | Review due: Term 1,",
                                     "2025", "", "Staff must lock their screens."])
    meta = [b for b in found if b.kind == "meta"]
    assert [(m.rows, m.units) for m in meta] == [([["Ratified by the College Board", "14/03/2022"],
                                                   ["Review due", "Term 1, 2025"]], [2, 3])]


def test_a_title_wrapped_onto_a_second_line_of_its_size_is_one_heading(tmp_path):
    path = pdf_of(tmp_path, '<body style="font: 10pt sans-serif; width: 12cm">'
                            '<h1 style="font: 26pt sans-serif; line-height: 1.1">Governor and Trustee ICT and Data Handling Agreement</h1>'
                            "<p>Governors and trustees must keep board papers private and secure at all times.</p>"
                            '<h2 style="font-size: 14pt">Purpose</h2><p>This agreement explains how governors use technology.</p></body>')
    source = read_document(path)
    assert [(b.kind, b.text) for b in source.blocks][0] == ("heading", "Governor and Trustee ICT and Data Handling Agreement")
