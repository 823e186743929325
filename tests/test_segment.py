"""Segmentation: metadata, sections, clauses with stable ids, parents, declarations and signatures."""
from __future__ import annotations

from pathlib import Path

from generator.readers import read_document
from generator.segment import segment
from tests.conftest import POLICY, SOURCES


def seg(tmp_path: Path, text: str, name: str = "p.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return segment(read_document(path), "p", "0" * 64, f"sources/{name}")


def test_metadata_comes_from_key_value_lines(tmp_path):
    doc = seg(tmp_path, POLICY)
    assert doc.metadata.title == "Acceptable Use Policy for Staff"
    assert doc.metadata.approved_by == "Governing Body"
    assert doc.metadata.review == "September 2025"
    assert doc.metadata.audiences == ["staff"]


def test_sections_and_heading_paths(tmp_path):
    doc = seg(tmp_path, POLICY)
    assert [s.title for s in doc.sections] == ["Passwords", "Mobile phones"]
    first = doc.clauses[0]
    assert first.text == "I will not share my password with anyone."
    assert first.heading == ["Passwords"] and first.section == doc.sections[0].id


def test_lettered_sub_items_are_clauses_that_know_their_parent(tmp_path):
    doc = seg(tmp_path, POLICY)
    parent = next(c for c in doc.clauses if c.label == "2.")
    subs = [c for c in doc.clauses if c.label in ("a)", "b)")]
    assert [c.parent for c in subs] == [parent.id, parent.id]
    assert all(c.level == 1 for c in subs)


def test_list_items_under_a_lead_in_point_to_it(tmp_path):
    doc = seg(tmp_path, "Social networking\n\nThey should not:\n\n- Post offensive comments.\n- Share passwords.\n")
    lead = doc.clauses[0]
    assert lead.kind == "lead-in" and lead.text == "They should not:"
    assert [c.parent for c in doc.clauses[1:]] == [lead.id, lead.id]


def test_declarations_and_signature_fields_are_recognised(tmp_path):
    doc = seg(tmp_path, POLICY)
    assert [c.text for c in doc.clauses if c.kind == "declaration"] == ["I have read and agree to follow this policy."]
    assert [(f.key, f.name) for f in doc.signatures] == [("Name", "name"), ("Signed", "signature"), ("Date", "date")]


def test_clause_ids_are_stable_digests_of_the_text_and_unique(tmp_path):
    a = seg(tmp_path, POLICY)
    b = seg(tmp_path, "New heading\n\nA new first paragraph that shifts every position.\n\n" + POLICY)
    ids_a = {c.text: c.id for c in a.clauses}
    ids_b = {c.text: c.id for c in b.clauses}
    assert all(ids_b[text] == cid for text, cid in ids_a.items())
    twice = seg(tmp_path, "- Same rule.\n- Same rule.\n")
    assert len({c.id for c in twice.clauses}) == 2


def test_seed_metadata_is_read():
    hopelands = segment(read_document(SOURCES / "hopelands-prep.txt"), "h", "0" * 64, "sources/h.txt")
    assert hopelands.metadata.school == "Hopelands Preparatory School"
    assert hopelands.metadata.adopted == "August 2018" and hopelands.metadata.review == "June 2020"
    joseph = segment(read_document(SOURCES / "st-josephs-catholic-primary.txt"), "j", "0" * 64, "sources/j.txt")
    assert joseph.metadata.title == "Policy for Acceptable Use of ICT & Agreement"
    assert joseph.metadata.review == "July 2021" and joseph.metadata.author == "Hannah Crisp"
    assert any(c.kind == "notice" for c in joseph.clauses)
    malmesbury = segment(read_document(SOURCES / "malmesbury-park-primary.txt"), "m", "0" * 64, "sources/m.txt")
    assert (malmesbury.metadata.adopted, malmesbury.metadata.review) == ("April 2021", "April 2024")
    assert malmesbury.metadata.version and malmesbury.metadata.approved_by == "SLT"


def test_txt_front_matter_is_metadata_not_clauses(tmp_path):
    text = "---\ntitle: Agreement for Internet Use\ncode: IJND1\ncomment:\n---\n\nAs a user:\n\n- I will not share my password.\n"
    doc = seg(tmp_path, text)
    assert [c.text for c in doc.clauses if c.kind == "clause"] == ["I will not share my password."]
    assert doc.metadata.title == "Agreement for Internet Use"
    broken = seg(tmp_path, "---\nThis is prose: a rule over it, not metadata.\n---\n\nPupils must not share passwords.\n")
    assert "Pupils must not share passwords." in [c.text for c in broken.clauses]


def test_txt_underlined_sections_keep_their_levels_over_plain_headings(tmp_path):
    text = ("Internet access\n===============\n\nPolicy\n------\n\nThis policy covers e-mail and the internet at work.\n\n"
            "Internet\n--------\n\nAcceptable\n\n\n1. Accessing business related web sites\n\n"
            "2. Reading the news at lunch\n\nE-mail\n------\n\nUnacceptable:\n\n1. Sending chain letters to everyone\n\n"
            "2. Abuse of the employers logos or name\n\n"
            "Anyone who receives such material should inform their Manager immediately, failure to do so is misconduct.\n")
    doc = seg(tmp_path, text)
    by_text = {c.text: c for c in doc.clauses}
    assert by_text["Accessing business related web sites"].heading[-2:] == ["Internet", "Acceptable"]
    # "2. Abuse ..." continues the list of item 1; it is not a numbered section title over the prose after it
    assert by_text["Abuse of the employers logos or name"].kind == "clause"
    assert by_text["Anyone who receives such material should inform their Manager immediately, failure to do so is misconduct."].heading[-1] == "E-mail"


def test_a_table_of_contents_heading_holds_no_later_section(tmp_path):
    text = ("# Online Safety Policy\n\n## Contents\n\n### Scope\n\n### Roles\n\n### Scope\n\n"
            "Staff must lock their screens.\n\n### Roles\n\nGovernors must review the policy.\n")
    doc = seg(tmp_path, text, "p.md")
    by_id = {s.id: s for s in doc.sections}
    contents = next(s for s in doc.sections if s.title == "Contents")
    assert all(s.parent != contents.id for s in doc.sections)
    rule = next(c for c in doc.clauses if c.text.startswith("Staff must"))
    assert "Contents" not in rule.heading and rule.heading[-1] == "Scope"
    assert by_id[rule.section].title == "Scope"


def test_a_heading_without_a_level_ranks_below_every_stated_level_not_just_those_seen_so_far(tmp_path):
    # a PDF's font sizes or a Markdown file may state a deep level only halfway through
    doc = seg(tmp_path, "# Policy\n\n**Roles**\n\nGovernors review the policy.\n\n### Statements\n\n**Education**\n\n"
                        "Pupils are taught to stay safe.\n", "p.md")
    by_title = {s.title: s for s in doc.sections}
    assert by_title["Statements"].parent != by_title["Roles"].id
    assert by_title["Education"].parent == by_title["Statements"].id


def test_a_subtitle_that_only_names_the_audience_is_metadata_not_a_section_over_the_policy(tmp_path):
    doc = seg(tmp_path, "Bring Your Own Device - Conditions of Use\nYears 9-13\nRevised 2024-01-09\n\n1. Introduction\n\n"
                        "1.1 Students may bring a laptop.\n\n2. Registration\n\n2.1 Every device must be registered.\n")
    assert [f.value for f in doc.metadata.fields if f.name == "audiences"] == ["Years 9-13"]
    assert all("Years 9-13" not in c.heading for c in doc.clauses)
    assert doc.clauses[-1].heading[-1] == "Registration"
    # a heading with words of its own under the title stays a section
    doc = seg(tmp_path, "Online Safety Policy\nStaff and Pupils Online\n\nStaff must lock screens.\n")
    assert not any(f.name == "audiences" for f in doc.metadata.fields)


def test_a_motto_in_the_letterhead_is_no_clause_and_the_audience_line_under_the_title_names_the_audiences(tmp_path):
    doc = seg(tmp_path, 'Braeside Primary School\n"Learning together, growing together"\n\nACCEPTABLE USE AGREEMENT\n'
                        "Staff, Students on Placement and Volunteers\n\nIntroduction\n\nStaff must lock screens.\n")
    assert [c.text for c in doc.clauses] == ["Staff must lock screens."]
    assert [f.value for f in doc.metadata.fields if f.name == "motto"] == ["Learning together, growing together"]
    # students on placement are trainee staff, not pupils
    assert doc.metadata.audiences == ["staff", "volunteers"]
    # a quoted sentence among the rules stays a clause
    doc = seg(tmp_path, 'Acceptable Use Policy\n\nStaff must lock screens.\n\n"Think before you post"\n')
    assert '"Think before you post"' in [c.text for c in doc.clauses]


def test_responsible_use_guidelines_under_the_districts_name_are_the_title(tmp_path):
    from generator.naming import document_heading

    doc = seg(tmp_path, "WILLOW RUN ELEMENTARY SCHOOL DISTRICT NO. 27\nOffice of Instructional Technology\n\n"
                        "STUDENT RESPONSIBLE USE GUIDELINES (RUG)\nGrades K-8\n\nINTRODUCTION\n\nStudents must log off.\n")
    assert doc.metadata.title == "STUDENT RESPONSIBLE USE GUIDELINES (RUG)"
    assert document_heading(doc) == "Willow Run Elementary School District No. 27: Student Responsible Use Guidelines (RUG)"


def test_an_issue_number_is_the_version_and_an_issue_date_the_adoption_date(tmp_path):
    md = seg(tmp_path, "Acceptable Use Policy\nIssue Number: 3\nIssue date: 01/09/2023\n\nStaff must lock screens.\n").metadata
    assert (md.version, md.adopted) == ("3", "01/09/2023")
    assert [f.name for f in md.fields if f.key.startswith("Issue")] == ["version", "adopted"]
