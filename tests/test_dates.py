"""Policy dates: read from where policies write them, shown in one format with the original kept, never guessed."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.model import Clause, Document, Metadata, Source, Span
from generator.readers import read_document
from generator.readers.patterns import date_parts, dated_line
from generator.segment import segment
from generator.site.dates import date_html, document_locale, read_date, review_overdue


def seg(tmp_path: Path, text: str):
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    return segment(read_document(path), "p", "0" * 64, "sources/p.txt").metadata


@pytest.mark.parametrize("line,field,value", [
    ("Last updated: September 2019", "updated", "September 2019"),
    ("Rev. 6/2024", "updated", "6/2024"),
    ("Last reviewed: Sept 2023 by the Deputy Head (Pastoral) and the Head of Boarding", "updated", "Sept 2023"),
    ("Revised 06/04/2024", "updated", "06/04/2024"),
    ("Date of next review: July 2021", "review", "July 2021"),
    ("REVISION DATE SPRING 2018", "review", "SPRING 2018"),
    ("Approved by FGB: 22 nd January 2020", "adopted", "22nd January 2020"),
    ("Date: 2026-11-28", "adopted", "2026-11-28"),
    ("Approved by the Superintendent: 8/21/2023", "adopted", "8/21/2023"),
    ("Ratified by the Board of Management: 12th March 2024", "adopted", "12th March 2024"),
    ("Effective: September 3, 2024", "adopted", "September 3, 2024"),
    ("Updated Term 1, 2025", "updated", "Term 1, 2025"),
    ("Date of next review: March 2026", "review", "March 2026"),
    ("Review date: Autumn 2025", "review", "Autumn 2025"),
    ("To be reviewed: June 2026", "review", "June 2026"),
    ("Date of guidance: 21st June 2023", "adopted", "21st June 2023"),
    ("Revised 2024-11-18 | Review due: Term 4, 2026", "review", "Term 4, 2026"),
    ("This policy was last reviewed in March 2024.", "updated", "March 2024"),
    ("This policy will be reviewed in March 2026.", "review", "March 2026"),
    ("Date reviewed: Jan 2024", "updated", "Jan 2024"),
    ("Reviewed and updated: March 2024", "updated", "March 2024"),
    ("Review by: July 2025", "review", "July 2025"),
    ("Approved at FGB meeting: 12.03.24", "adopted", "12.03.24"),
    ("Issue date: 01/09/2023", "adopted", "01/09/2023"),
    ("Valid from 1 Sept 2024", "adopted", "1 Sept 2024"),
    ("Ratified by Governors \u2013 14.03.2022", "adopted", "14.03.2022"),
    ("Adopted 12-Mar-2024", "adopted", "12-Mar-2024"),
    ("Reviewed annually. Next review: September 2025", "review", "September 2025"),
    ("Board Approved: 06/12/2023", "adopted", "06/12/2023"),
    ("FGB Approval Date: 12 March 2024", "adopted", "12 March 2024"),
    ("Date of Board approval: 4 May 2023", "adopted", "4 May 2023"),
    ("w.e.f. 01.04.2024", "adopted", "01.04.2024"),
    ("Effective Date: 5th January, 2024", "adopted", "5th January, 2024"),
    ("Governors\u2019 review: Spring 2025", "review", "Spring 2025"),
])
def test_dates_are_read_from_the_lines_policies_write_them_on(tmp_path, line, field, value):
    md = seg(tmp_path, f"Acceptable Use Policy\n{line}\n\nStaff must lock their screens.\n")
    assert getattr(md, field) == value


@pytest.mark.parametrize("line,expected", [
    ("Policy No. HR/IT/07   |   Version 3.1   |   Approved by the Board of Governors: 22/03/2024   |   Effective from: 1st April 2024",
     {"adopted": "22/03/2024", "version": "3.1", "approved_by": "Board of Governors"}),
    ("Last reviewed: August 2024          Next review: August 2026", {"updated": "August 2024", "review": "August 2026"}),
    ("Last reviewed: August 2024 Next review: August 2026", {"updated": "August 2024", "review": "August 2026"}),
    ("Adopted 14/03/2022   |   Last reviewed: Sept 2023   |   Next review: Spring 2025",
     {"adopted": "14/03/2022", "updated": "Sept 2023", "review": "Spring 2025"}),
    ("Effective from 2 January 2024 (last revised: 09 Jan 2024)", {"adopted": "2 January 2024", "updated": "09 Jan 2024"}),
    ("Template version 2.0   -   Date of policy: 3rd November 2021   -   Revised 2024-01-09",
     {"adopted": "3rd November 2021", "updated": "2024-01-09", "version": "2.0"}),
    # a PDF keeps a tab as a single space: a number before a capitalised date key still ends its part
    ("Version 4.2 Approved by the Committee: 22 February 2024 Next review: February 2026",
     {"adopted": "22 February 2024", "review": "February 2026", "version": "4.2"}),
    ("Revised 2025-07-01. Approved by the Corporation on 8 July 2025.", {"updated": "2025-07-01", "adopted": "8 July 2025"}),
])
def test_a_line_of_several_dated_parts_is_read_part_by_part_and_is_no_clause(tmp_path, line, expected):
    path = tmp_path / "p.txt"
    path.write_text(f"Acceptable Use Policy\n{line}\n\nStaff must lock their screens.\n", encoding="utf-8")
    doc = segment(read_document(path), "p", "0" * 64, "sources/p.txt")
    assert {k: getattr(doc.metadata, k) for k in expected} == expected
    assert [c.text for c in doc.clauses] == ["Staff must lock their screens."]


def test_a_title_line_of_name_title_and_date_gives_each_its_field(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("Ysgol Gynradd Nant y Felin  |  Remote Learning & Video Lessons Agreement  |  Reviewed: January 2021\n\n"
                    "Pupils will keep their passwords secret.\n", encoding="utf-8")
    doc = segment(read_document(path), "p", "0" * 64, "sources/p.txt")
    md = doc.metadata
    assert (md.school, md.title, md.updated) == ("Ysgol Gynradd Nant y Felin", "Remote Learning & Video Lessons Agreement",
                                                 "January 2021")
    assert [c.text for c in doc.clauses] == ["Pupils will keep their passwords secret."]


def test_a_sentence_that_dates_the_policy_stays_a_clause(tmp_path):
    md_doc = segment(read_document(_write(tmp_path, "Online Safety Policy\n\nStaff must lock screens.\n\n"
                                                    "This policy was last reviewed in March 2024.\n")), "p", "0" * 64, "sources/p.txt")
    assert md_doc.metadata.updated == "March 2024"
    assert "This policy was last reviewed in March 2024." in [c.text for c in md_doc.clauses]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("line", [
    "Date of birth: 12/03/2010", "Date agreed by governors: ___________", "Staff must update their passwords in 2024.",
    "Reviewed annually by the governors.", "Adopted by the School Governing Body", "The review in 2025 will involve pupils.",
    "Parents' evening date: 12 March 2024", "Term dates: 3 September 2024",
    "Reviewed 2024 by staff and pupils who use it.", "Rev. Jones will lead the assembly in 2024.",
])
def test_no_date_is_read_from_a_line_that_does_not_date_the_policy(tmp_path, line):
    md = seg(tmp_path, f"Acceptable Use Policy\n\n{line}\n\nStaff must lock their screens.\n")
    assert (md.adopted, md.review, md.updated) == ("", "", "")


def test_a_footer_beside_its_page_number_is_dropped_and_dates_the_policy_even_once(tmp_path):
    path = _write(tmp_path, "Acceptable Use Policy\n\nStaff must lock screens.\n\nICT Policy | Revised 2024-01-09 | Page 3 of 3\n")
    source = read_document(path)
    assert [d.reason for d in source.dropped] == ["running header or footer"]
    assert segment(source, "p", "0" * 64, "sources/p.txt").metadata.updated == "2024-01-09"


def test_an_ambiguous_us_date_is_read_as_written_and_flagged_not_guessed(tmp_path):
    md = seg(tmp_path, "Acceptable Use Procedure\nRevised: 6/10/2024\n\nThe school district follows state and federal law.\n")
    assert md.updated == "6/10/2024"
    assert read_date(md.updated, "us").ambiguous == "6 October or June 10"
    assert read_date("8/21/2023", "us").shown == "21 August 2023"  # only one reading: no flag


def test_a_numbered_term_is_shown_as_written_and_due_by_the_end_of_its_year():
    assert read_date("Term 1, 2025").shown == "Term 1, 2025"
    assert not review_overdue("Term 4, 2026", date(2026, 12, 1)) and review_overdue("Term 4, 2026", date(2027, 1, 2))
    assert read_date("the 12th of March 2024").shown == "12 March 2024"


def test_a_date_in_a_running_footer_is_read_though_the_footer_is_dropped(tmp_path):
    pages = "\n".join(f"Rule {i} applies to every user of the network.\nRevised 06/04/2024\n{i}\n\f" for i in range(1, 5))
    md = seg(tmp_path, "Acceptable Use Policy\n\n" + pages)
    assert md.updated == "06/04/2024"


@pytest.mark.parametrize("text,shown", [
    ("SPRING 2017", "Spring 2017"), ("22 nd January 2020", "22 January 2020"), ("22nd January 2020", "22 January 2020"),
    ("2026-11-28", "28 November 2026"), ("September 2019", "September 2019"), ("sept 2019", "September 2019"),
    ("January 22, 2020", "22 January 2020"), ("13/04/2024", "13 April 2024"), ("Last updated: September 2019", "September 2019"),
    ("to be agreed", "to be agreed"), ("Rev. 6/2024", "June 2024"), ("09/2023", "September 2023"),
])
def test_dates_are_shown_in_one_format(text, shown):
    assert read_date(text).shown == shown


def test_an_ambiguous_numeric_date_is_flagged_unless_the_document_is_british():
    assert read_date("06/04/2024").ambiguous == "6 April or June 4"
    assert read_date("06/04/2024", "us").ambiguous == "6 April or June 4"
    assert read_date("06/04/2024", "uk") .shown == "6 April 2024" and not read_date("06/04/2024", "uk").ambiguous
    assert "ambiguous: 6 April or June 4" in date_html("06/04/2024")


def test_the_original_is_kept_beside_the_shown_date_and_escaped():
    html = date_html("22nd January 2020", as_written="22 nd January 2020")
    assert "22 January 2020" in html and "as written: 22 nd January 2020" in html
    assert "<b>" not in date_html("<b>2019</b>")


def _doc(*texts: str) -> Document:
    return Document("d", Source("sources/d.txt", "0" * 64, "txt", "line"), Metadata(),
                    clauses=[Clause(str(i), t, Span(i, i)) for i, t in enumerate(texts, 1)])


def test_a_documents_words_tell_a_british_policy_from_an_american_one():
    assert document_locale(_doc("Pupils must tell the headteacher.", "Governors review safeguarding.")) == "uk"
    assert document_locale(_doc("The school district follows state and federal law.", "The superintendent and CIPA.")) == "us"
    assert document_locale(_doc("Users must not share passwords.")) == ""


def test_a_review_date_followed_by_a_next_review_date_is_the_last_review(tmp_path):
    md = seg(tmp_path, "Online Safety Policy\nDATE OF REVIEW: January 2018\nDATE OF NEXT REVIEW: January 2019\n\n"
                       "Staff must lock their screens.\n")
    assert (md.updated, md.review) == ("January 2018", "January 2019")


@pytest.mark.parametrize("text,parts", [
    ("Ysgol Gynradd Nant y Felin | Remote Learning Agreement | Reviewed: January 2021", [("Reviewed", "January 2021")]),
    ("Effective from 2 January 2024 (last revised: 09 Jan 2024)", [("Effective from", "2 January 2024"), ("last revised", "09 Jan 2024")]),
    ("Adopted: March 2024, Next review: March 2026", [("Adopted", "March 2024"), ("Next review", "March 2026")]),
    ("Approved by Governors on the 12th of March 2024", [("Approved by Governors on", "the 12th of March 2024")]),
    ("Date of birth: 12/03/2010", []), ("Review of incidents 2024", []), ("Our review in 2024 found gaps", []),
    ("Approved by the Head", []), ("Page 3 of 3", []),
])
def test_the_dated_parts_of_a_line_are_its_key_and_date_parts_only(text, parts):
    assert date_parts(text) == parts


def test_a_line_is_a_dated_line_only_when_every_part_dates_or_references_the_policy():
    assert dated_line("Policy No. HR/IT/07 | Version 3.1 | Approved: 22/03/2024") == [
        ("Policy No.", "HR/IT/07"), ("Version", "3.1"), ("Approved", "22/03/2024")]
    assert dated_line("Version 3.1") == []  # no date: the reader's other rules decide
    assert dated_line("Ysgol Gynradd Nant y Felin | Reviewed: January 2021") == []  # a name is no date: a title line
    assert dated_line("This policy was last reviewed in March 2024.") == []  # a sentence stays a clause


def test_a_long_line_of_key_words_is_read_without_backtracking():
    import time

    lines = ["Approved by " + " by ".join(["the Board of Governors at the meeting"] * 300) + " x",
             "Reviewed " + " on" * 2000 + " zz", "Date" + " of the policy" * 1000 + " March", "a" + " " * 20000 + "| Page 2 of 5"]
    start = time.perf_counter()
    for line in lines:
        date_parts(line)
        dated_line(line)
    assert time.perf_counter() - start < 1.0


# -- blanks to fill in are no value -------------------------------------------------------------------------------
@pytest.mark.parametrize("line,label", [
    ("Adopted by governors on: __/__/____", "Adopted by governors on"), ("Date adopted: dd/mm/yyyy", "Date adopted"),
    ("Review date: [date]", "Review date"), ("Next review: ........", "Next review"), ("Approved: ___ / ___ / ______", "Approved"),
    ("Last reviewed: --/--/----", "Last reviewed"), ("Date of next review: XX/XX/XXXX", "Date of next review"),
    ("Date adopted\t__/__/____", "Date adopted"), ("Ratified: <insert date>", "Ratified"), ("Version: [x.x]", "Version"),
])
def test_a_field_made_only_of_blanks_is_no_value_but_a_line_to_fill_in(tmp_path, line, label):
    doc = segment(read_document(_write(tmp_path, f"Acceptable Use Policy\n\nStaff must lock their screens.\n\n{line}\n")),
                  "p", "0" * 64, "sources/p.txt")
    md = doc.metadata
    assert (md.adopted, md.review, md.updated, md.approved_by, md.version) == ("", "", "", "", "")
    assert [(f.key, f.value) for f in doc.signatures] == [(label, "")]


def test_a_blank_value_that_reaches_the_metadata_leaves_its_field_empty():
    from generator.model import Block, SourceDocument

    rows = [["Adopted", "__/__/____"], ["Review", "dd/mm/yyyy"], ["Approved by", "[name of committee]"], ["Version", "3"]]
    source = SourceDocument("p.docx", "docx", "paragraph", [Block("meta", "", [1], key="Adopted", value="__/__/____", rows=rows)], [1])
    md = segment(source, "p", "0" * 64, "sources/p.docx").metadata
    assert (md.adopted, md.review, md.approved_by, md.version) == ("", "", "", "3")
    assert [(f.key, f.value) for f in md.fields] == [("Adopted", ""), ("Review", ""), ("Approved by", ""), ("Version", "3")]


@pytest.mark.parametrize("value", ["__/__/____", "//____", "dd/mm/yyyy", "DD.MM.YY", "[date]", "[Month YYYY]", "........",
                                   "\u2026\u2026", "--/--/----", "XX/XX/XXXX", "<insert date>", "{{adopted}}", "___ / ___ / ______"])
def test_blanks_and_placeholders_are_blank(value):
    from generator.readers.patterns import is_blank

    assert is_blank(value)


@pytest.mark.parametrize("value", ["", "August 2024", "May 2024", "8/15/2024", "__/__/2024", "N/A", "to be agreed",
                                   "Governing Body", "Day 1", "x2"])
def test_values_and_partial_dates_are_not_blank(value):
    from generator.readers.patterns import is_blank

    assert not is_blank(value)


@pytest.mark.parametrize("stored", ["//____", "__/__/____", "dd/mm/yyyy", "[date]"])
def test_a_blank_stored_before_blanks_were_no_value_is_shown_as_nothing(stored):
    from generator.declarations import source_from_document

    assert read_date(stored).shown == "" and date_html(stored) == "" and not review_overdue(stored, date(2030, 1, 1))
    doc = _doc("Staff must lock their screens.")
    doc.metadata.adopted = stored
    source = source_from_document(doc)
    assert source.adoption.held_on == "" and "Adopted" not in source.dates_line
