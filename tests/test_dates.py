"""Policy dates: read from where policies write them, shown in one format with the original kept, never guessed."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Clause, Document, Metadata, Source, Span
from generator.readers import read_document
from generator.segment import segment
from generator.site.dates import date_html, document_locale, read_date


def seg(tmp_path: Path, text: str):
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    return segment(read_document(path), "p", "0" * 64, "sources/p.txt").metadata


@pytest.mark.parametrize("line,field,value", [
    ("Last updated: September 2019", "updated", "September 2019"),
    ("Revised 06/04/2024", "updated", "06/04/2024"),
    ("Date of next review: July 2021", "review", "July 2021"),
    ("REVISION DATE SPRING 2018", "review", "SPRING 2018"),
    ("Approved by FGB: 22 nd January 2020", "adopted", "22nd January 2020"),
    ("Date: 2026-11-28", "adopted", "2026-11-28"),
])
def test_dates_are_read_from_the_lines_policies_write_them_on(tmp_path, line, field, value):
    md = seg(tmp_path, f"Acceptable Use Policy\n{line}\n\nStaff must lock their screens.\n")
    assert getattr(md, field) == value


def test_a_date_in_a_running_footer_is_read_though_the_footer_is_dropped(tmp_path):
    pages = "\n".join(f"Rule {i} applies to every user of the network.\nRevised 06/04/2024\n{i}\n\f" for i in range(1, 5))
    md = seg(tmp_path, "Acceptable Use Policy\n\n" + pages)
    assert md.updated == "06/04/2024"


@pytest.mark.parametrize("text,shown", [
    ("SPRING 2017", "Spring 2017"), ("22 nd January 2020", "22 January 2020"), ("22nd January 2020", "22 January 2020"),
    ("2026-11-28", "28 November 2026"), ("September 2019", "September 2019"), ("sept 2019", "September 2019"),
    ("January 22, 2020", "22 January 2020"), ("13/04/2024", "13 April 2024"), ("Last updated: September 2019", "September 2019"),
    ("to be agreed", "to be agreed"),
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
