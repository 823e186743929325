"""Declaration sheets, roster and adoption page: each school's own wording, names escaped, every format."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from docx.oxml.ns import qn
from markupsafe import escape
from test_tailor_support import docx_text, flat, pdf_pages

from generator.cli import main
from generator.corpus import load_corpus
from generator.declarations import DeclarationError, DeclarationSource, Person, load_source, render_declarations, render_html, source_from_document, write_declarations
from generator.declarations.render import output_paths
from generator.declarations.source import GOVERNORS, LEADERSHIP, SourceError
from generator.model import Clause, Document, Metadata, Source, Span

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOCUMENTS = load_corpus(CORPUS)
IDS = [d.id for d in DOCUMENTS]
PEOPLE = [Person("Ann Lee", "Staff", role="Class teacher"), Person("Bo Diaz", "Governor")]


@pytest.fixture(scope="module")
def sheets() -> dict[str, dict[str, bytes]]:
    """Every seed's sheet for two people, in every format."""
    return {doc.id: render_declarations(source_from_document(doc), PEOPLE, "sheet", ["html", "pdf", "docx"])
            for doc in DOCUMENTS}


# -- the school's own wording --------------------------------------------------------------------------------
@pytest.mark.parametrize("doc", DOCUMENTS, ids=IDS)
def test_each_sheet_carries_every_declaration_clause_of_its_own_policy(doc, sheets):
    declarations = [c.text for c in doc.clauses if c.kind == "declaration"]
    html = sheets[doc.id]["html"].decode()
    pdf = pdf_pages(sheets[doc.id]["pdf"])
    word = flat(docx_text(sheets[doc.id]["docx"]))
    for text in declarations:
        assert str(escape(text)) in html
        assert all(flat(text) in flat(page) for page in pdf), "every person's page carries the wording"
        assert flat(text) in word
    if not declarations:
        assert "no declaration wording of its own" in html


@pytest.mark.parametrize("doc", DOCUMENTS, ids=IDS)
def test_the_declaration_clauses_are_printed_in_their_order(doc):
    html = render_html(source_from_document(doc), None, "sheet")
    positions = [html.index(str(escape(c.text))) for c in doc.clauses if c.kind == "declaration"]
    assert positions == sorted(positions)


def test_a_policy_with_a_privacy_notice_prints_it_on_every_sheet(sheets):
    notice = next(c.text for d in DOCUMENTS if d.id == "st-josephs-catholic-primary" for c in d.clauses if c.kind == "notice")
    pages = pdf_pages(sheets["st-josephs-catholic-primary"]["pdf"])
    assert len(pages) == 2 and all(flat(notice) in flat(p) for p in pages)
    assert "PRIVACY NOTICE" not in sheets["hopelands-prep"]["html"].decode()


def test_a_policy_without_declaration_clauses_gets_generic_wording_and_says_so():
    source = load_source(CORPUS, "birmingham-school-staff-aup")
    assert source.generic and source.wording
    text = pdf_pages(render_declarations(source, None, "sheet", ["pdf"])["pdf"])[0]
    assert "nodeclarationwordingofitsown" in flat(text)
    assert flat(source.wording[0]) in flat(text)


def test_a_sheet_names_the_school_the_policy_and_its_dates(sheets):
    page = pdf_pages(sheets["malmesbury-park-primary"]["pdf"])[0]
    for expected in ("Malmesbury Park Primary School", "Staff Acceptable Use of ICT Policy", "Version 001",
                     "Adopted April 2021", "Review due April 2024"):
        assert flat(expected) in flat(page)


def test_a_please_tick_declaration_gets_a_tick_box(sheets):
    assert "\u2610" in pdf_pages(sheets["hopelands-prep"]["pdf"])[0]


# -- one page per person ------------------------------------------------------------------------------------
def test_each_person_gets_one_page_with_their_name_designation_and_role(sheets):
    pages = pdf_pages(sheets["hopelands-prep"]["pdf"])
    assert len(pages) == 2
    assert "Ann Lee" in pages[0] and "Staff" in pages[0] and "Class teacher" in pages[0] and "Bo Diaz" not in pages[0]
    assert "Bo Diaz" in pages[1] and "Governor" in pages[1] and "Ann Lee" not in pages[1]


def test_without_a_roster_one_blank_sheet_offers_the_designations_to_delete():
    source = load_source(CORPUS, "st-josephs-catholic-primary")
    out = render_declarations(source, None, "sheet", ["pdf", "docx"])
    [page] = pdf_pages(out["pdf"])
    assert "Staff / Governor / Visitor / Volunteer" in page and "delete as applicable" in page
    assert "Staff / Governor / Visitor / Volunteer (delete as applicable)" in docx_text(out["docx"])


@pytest.fixture(scope="module")
def three_hundred() -> list[Person]:
    """300 people whose names are not part of one another."""
    return [Person(f"Person{i:03d} Example", ("Staff", "Governor", "Visitor", "Volunteer")[i % 4]) for i in range(1, 301)]


def test_three_hundred_people_give_three_hundred_sheets_each_name_on_its_own_page(three_hundred):
    source = load_source(CORPUS, "st-josephs-catholic-primary")
    pages = pdf_pages(render_declarations(source, three_hundred, "sheet", ["pdf"])["pdf"])
    assert len(pages) == 300
    for person, page in zip(three_hundred, pages):
        assert re.findall(r"Person\d{3} Example", page) == [person.name]


def test_a_roster_of_three_hundred_repeats_the_header_row_on_every_page_and_splits_no_row(three_hundred):
    source = load_source(CORPUS, "st-josephs-catholic-primary")
    pages = pdf_pages(render_declarations(source, three_hundred, "roster", ["pdf"])["pdf"])
    assert len(pages) > 5
    seen: list[str] = []
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        header = lines.index("Name Designation Signature Date")
        names = [i for i, line in enumerate(lines) if re.match(r"Person\d{3} Example", line)]
        assert names and header < names[0], f"page {number} starts its table with the header row"
        if number > 1:
            assert header == 0, f"page {number} starts with the header row"
        seen += [re.match(r"Person\d{3} Example", lines[i]).group(0) for i in names]
    assert seen == [p.name for p in three_hundred], "every row printed once, whole, in order"


# -- escaping -------------------------------------------------------------------------------------------------
HOSTILE = Person("<script>alert('x')</script> {{ 7*7 }} & Co", "Visitor", role="<b>role</b>")


def test_names_are_escaped_in_html_and_printed_literally_in_pdf_and_docx():
    source = load_source(CORPUS, "hopelands-prep")
    out = render_declarations(source, [HOSTILE], "sheet", ["html", "pdf", "docx"])
    out_roster = render_declarations(source, [HOSTILE], "roster", ["html"])
    for html in (out["html"].decode(), out_roster["html"].decode()):
        assert "<script>" not in html and "<b>role" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ 7*7 }} &amp; Co" in html
    assert "<script>alert('x')</script> {{ 7*7 }} & Co" in pdf_pages(out["pdf"])[0]
    assert "<script>alert('x')</script> {{ 7*7 }} & Co" in docx_text(out["docx"])


def test_policy_text_is_data_never_template_source():
    source = DeclarationSource(id="t", school="{{ school }}", title="{% if 1 %}T{% endif %}",
                               wording=("I agree to {{ config }} <i>this</i>.",), notice=("{# not a comment #}",))
    html = render_html(source, None, "sheet")
    for literal in ("{{ school }}", "{% if 1 %}T{% endif %}", "I agree to {{ config }} &lt;i&gt;this&lt;/i&gt;.",
                    "{# not a comment #}"):
        assert literal in html


# -- adoption -------------------------------------------------------------------------------------------------
def test_the_adoption_page_is_prefilled_from_the_hopelands_record():
    source = load_source(CORPUS, "hopelands-prep")
    out = render_declarations(source, None, "adoption", ["pdf", "docx"])
    [page] = pdf_pages(out["pdf"])
    word = docx_text(out["docx"])
    for expected in ("This policy was adopted at a meeting of", "Hopelands Preparatory School", "Held on", "August 2018",
                     "Date to be reviewed", "June 2020", "Signed on behalf of the senior management team",
                     "Sheila Bradburn", "Head", "Signed on behalf of the Governing Body", "Richard James",
                     "Chair of Governors"):
        assert flat(expected) in flat(page) and expected in word
    assert flat(page).index("SheilaBradburn") < flat(page).index("RichardJames")


def test_an_adoption_page_without_a_record_offers_both_blank_sign_offs():
    source = load_source(CORPUS, "sefton-staff-governors-visitors")
    assert [s.on_behalf_of for s in source.adoption.signatories] == [LEADERSHIP, GOVERNORS]
    assert all(not s.name and not s.role for s in source.adoption.signatories)
    [page] = pdf_pages(render_declarations(source, None, "adoption", ["pdf"])["pdf"])
    assert "senior leadership team" in page and "Governing Body" in page


def make_document(approved_by: str = "", clauses: tuple[tuple[str, str], ...] = ()) -> Document:
    """A small document built in code: metadata and (kind, text) clauses."""
    return Document(id="oak", source=Source("sources/oak.txt", "0" * 64, "txt", "line"),
                    metadata=Metadata(school="Oak Primary", title="AUP", approved_by=approved_by),
                    clauses=[Clause(f"c{i}", text, Span(i + 1, i + 1), kind=kind) for i, (kind, text) in enumerate(clauses)])


@pytest.mark.parametrize("approved_by, printed", [("Full Governing Body", "Full Governing Body"), ("SLT", "SLT"),
                                                  ("School aims and values which guide this policy:", "")])
def test_a_heading_caught_as_approved_by_is_not_printed_as_the_meeting(approved_by: str, printed: str):
    assert source_from_document(make_document(approved_by)).adoption.meeting_of == printed


def test_several_declaration_clauses_and_notices_keep_their_order():
    doc = make_document(clauses=(("clause", "Rule."), ("declaration", "I agree."), ("notice", "Notice one."),
                                 ("declaration", "I understand."), ("notice", "Notice two.")))
    source = source_from_document(doc)
    assert source.wording == ("I agree.", "I understand.") and not source.generic
    assert source.notice == ("Notice one.", "Notice two.")


# -- docx structure -------------------------------------------------------------------------------------------
def test_the_docx_roster_is_a_real_table_whose_header_repeats_and_whose_rows_never_split():
    source = load_source(CORPUS, "hopelands-prep")
    doc = open_docx(io.BytesIO(render_declarations(source, PEOPLE, "roster", ["docx"])["docx"]))
    [table] = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["Name", "Designation", "Signature", "Date"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert [table.rows[i].cells[0].paragraphs[0].text for i in (1, 2)] == ["Ann Lee", "Bo Diaz"]
    assert len(table.rows) == 3


def test_the_docx_sheets_start_each_person_on_a_new_a4_page():
    source = load_source(CORPUS, "st-josephs-catholic-primary")
    doc = open_docx(io.BytesIO(render_declarations(source, PEOPLE, "sheet", ["docx"])["docx"]))
    assert [p.text for p in doc.paragraphs if p.paragraph_format.page_break_before] == [source.school]
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_outputs_are_deterministic():
    source = load_source(CORPUS, "hopelands-prep")
    first = render_declarations(source, PEOPLE, "roster", ["html", "docx"])
    assert render_declarations(source, PEOPLE, "roster", ["html", "docx"]) == first


# -- the site page ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("doc", DOCUMENTS, ids=IDS)
def test_the_site_declaration_page_prints_as_exactly_one_a4_page(doc):
    from generator.pdf import render_pdf_pages
    from generator.site.declarations import plan_declaration_pages

    pages = plan_declaration_pages([doc])
    assert list(pages) == [f"declarations/{doc.id}.html", f"declarations/roster/{doc.id}.html",
                           f"declarations/adoption/{doc.id}.html"]
    html = pages[f"declarations/{doc.id}.html"]
    assert f'<a href="roster/{doc.id}.html">Signature roster</a>' in html
    assert f'<a href="../{doc.id}.html">Declaration sheet</a>' in pages[f"declarations/adoption/{doc.id}.html"]
    assert '<script src="../../assets/aup/print.js" defer>' in pages[f"declarations/roster/{doc.id}.html"]
    assert "onclick" not in html and 'data-aup-print' in html and '<script src="../assets/aup/print.js" defer>' in html
    pdf, count = render_pdf_pages(html)
    assert count == 1
    assert "Print this page" not in pdf_pages(pdf)[0], "the toolbar is screen-only"


# -- command and files ------------------------------------------------------------------------------------------
def test_the_command_writes_every_format_into_the_out_folder(tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["declarations", "st-josephs-catholic-primary", "--corpus", str(CORPUS), "--roster",
                                       str(ROOT / "examples" / "people.csv"), "--format", "pdf,docx,html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"st-josephs-catholic-primary-sheet.{f}" for f in ("docx", "html", "pdf")]
    assert len(pdf_pages((out / "st-josephs-catholic-primary-sheet.pdf").read_bytes())) == 6


def test_the_command_writes_one_named_file(tmp_path: Path):
    target = tmp_path / "adoption.pdf"
    result = CliRunner().invoke(main, ["declarations", "hopelands-prep", "--corpus", str(CORPUS), "--layout", "adoption",
                                       "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("args, message", [
    (["nope"], "no document 'nope' in the corpus; known documents: birmingham-school-staff-aup"),
    (["hopelands-prep", "--format", "pdf,odt"], "unknown format 'odt'; expected a comma-separated list of pdf, docx, html"),
    (["hopelands-prep", "--format", "pdf,html", "--out", "x.pdf"], "names one .pdf file but the formats asked for"),
])
def test_the_command_refuses_bad_input_and_writes_nothing(tmp_path: Path, args: list[str], message: str):
    result = CliRunner().invoke(main, ["declarations", *args, "--corpus", str(CORPUS)] +
                                ([] if "--out" in args else ["--out", str(tmp_path / "out")]))
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "out").exists() and not Path("x.pdf").exists()


def test_an_out_path_that_is_a_file_cannot_take_several_formats(tmp_path: Path):
    source = load_source(CORPUS, "hopelands-prep")
    existing = tmp_path / "file"
    existing.write_text("")
    with pytest.raises(DeclarationError, match="is a file"):
        output_paths(source, "sheet", ["pdf", "html"], existing)


def test_unchanged_outputs_are_not_rewritten(tmp_path: Path):
    source = load_source(CORPUS, "hopelands-prep")
    [path] = write_declarations(source, PEOPLE, "roster", ["docx"], tmp_path)
    stamp = path.stat().st_mtime_ns
    write_declarations(source, PEOPLE, "roster", ["docx"], tmp_path)
    assert path.stat().st_mtime_ns == stamp


def test_a_corpus_file_path_is_a_source_too():
    assert load_source(CORPUS, str(CORPUS / "documents" / "hopelands-prep.yaml")).school == "Hopelands Preparatory School"
    with pytest.raises(SourceError):
        load_source(CORPUS, "missing-school")


# -- how a sheet names the policy and shows its dates -------------------------------------------------------------
def test_the_generic_sentence_names_the_policy_as_a_policy():
    from generator.declarations.source import policy_name

    internet = make_document()
    internet.metadata.title = "Internet access"
    assert source_from_document(internet).wording[0].startswith("I have read and understood the Internet access policy, ")
    assert policy_name("Staff ICT Agreement") == "Staff ICT Agreement"
    assert policy_name("ICT Code of Conduct for Governors") == "ICT Code of Conduct for Governors"


def test_a_sheet_names_an_untitled_policy_as_every_page_does():
    from generator.naming import readable_title

    doc = make_document()
    doc.metadata.title = ""
    doc.source.name = "oak-primary-staff-ict-agreement.docx"
    source = source_from_document(doc)
    assert source.title == readable_title(doc) == "Oak Primary Staff ICT Agreement"
    assert "the Oak Primary Staff ICT Agreement," in source.wording[0]


def test_the_policys_dates_are_shown_like_every_other_date():
    doc = make_document()
    doc.metadata.adopted, doc.metadata.review = "8/15/2024", "August 2026"
    source = source_from_document(doc)
    assert (source.adoption.held_on, source.adoption.review) == ("15 August 2024", "August 2026")
    assert "Adopted 15 August 2024 · Review due August 2026" in source.dates_line
    html = render_html(source, None, "adoption")
    assert "15 August 2024" in html and "8/15/2024" not in html
    doc.metadata.adopted = "06/04/2024"  # day and month could be either way round: shown as written, not guessed
    assert source_from_document(doc).adoption.held_on == "06/04/2024"


def test_a_blank_adoption_date_leaves_held_on_to_fill_in(tmp_path):
    from generator.readers import read_document
    from generator.segment import segment

    path = tmp_path / "oak.txt"
    path.write_text("ICT Code of Conduct for Visitors\n\nVisitors must sign in.\n\nAdopted by governors on: __/__/____\n",
                    encoding="utf-8")
    source = source_from_document(segment(read_document(path), "oak", "0" * 64, "sources/oak.txt"))
    assert source.adoption.held_on == "" and "Adopted" not in source.dates_line
    assert '<td class="blank"></td>' in render_html(source, None, "adoption").split("Held on", 1)[1][:80]
