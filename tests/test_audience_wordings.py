"""Who a clause binds, in the wordings of other countries and of list-shaped policies (constructed sets A, B)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Clause, Document, Metadata, Section, Source, Span
from generator.tagging.audience import audiences_in
from generator.tagging.tagger import tag_document
from generator.tagging.taxonomy import DEFAULT_TAXONOMY, load_taxonomy_file


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy_file(DEFAULT_TAXONOMY)


def doc(clauses: list[Clause], sections: list[Section], audiences: list[str]) -> Document:
    return Document("oak", Source("sources/oak.txt", "0" * 64, "txt", "line"),
                    Metadata(title="Policy", audiences=audiences), sections=sections, clauses=clauses)


def test_educators_and_faculty_are_staff_and_learners_are_pupils() -> None:
    assert audiences_in("Educators are expected to design tasks") == ["staff"]
    assert audiences_in("Faculty must not friend current students") == ["staff"]
    assert audiences_in("Learners may use approved tools") == ["pupils"]
    assert audiences_in("Student teachers must sign this agreement") == ["volunteers"]


def test_a_list_item_binds_whom_its_lead_in_names_even_when_it_mentions_pupils(taxonomy) -> None:
    sections = [Section("s", "While you are on site", 1, Span(1, 1))]
    lead = Clause("a", "Visitors and contractors must not:", Span(2, 2), section="s", kind="lead-in")
    item = Clause("b", "leave laptops, phones or tools unattended where students could pick them up.", Span(3, 3),
                  section="s", parent="a", label="-", heading=["While you are on site"])
    tagged = tag_document(doc([lead, item], sections, ["visitors", "contractors"]), taxonomy)
    assert tagged.clauses[1].audience == ["visitors", "contractors"]


def test_a_heading_naming_who_adopted_the_policy_does_not_make_its_clauses_bind_them(taxonomy) -> None:
    sections = [Section("s", "Adopted by the School Governing Body", 1, Span(1, 1))]
    c = Clause("a", "This policy sets out how generative AI may be used at the school.", Span(2, 2), section="s",
               heading=["Adopted by the School Governing Body"])
    tagged = tag_document(doc([c], sections, ["staff", "pupils"]), taxonomy)
    assert tagged.clauses[0].audience != ["governors"]


def test_a_heading_about_pupils_is_not_written_in_their_voice(taxonomy) -> None:
    sections = [Section("s", "Contact with students", 1, Span(1, 1)),
                Section("t", "Student data and privacy", 1, Span(3, 3))]
    clauses = [Clause("a", "If you see personal information, keep it to yourself.", Span(2, 2), section="s",
                      heading=["Contact with students"]),
               Clause("b", "Data must not be shared with any third party.", Span(4, 4), section="t",
                      heading=["Student data and privacy"])]
    tagged = tag_document(doc(clauses, sections, ["visitors"]), taxonomy)
    assert [c.audience for c in tagged.clauses] == [["visitors"], ["visitors"]]


def test_a_subtitle_naming_staff_and_students_on_placement_is_not_a_pupils_policy(tmp_path: Path) -> None:
    from generator.ingest import read_source

    path = tmp_path / "braeside.txt"
    path.write_text("ACCEPTABLE USE AGREEMENT\nStaff, Students on Placement and Volunteers\n\nIntroduction\n\n"
                    "This agreement applies to everyone who works in the school, whether employed or on a student "
                    "placement.\n\nKeep your password to yourself.\n", encoding="utf-8")
    document = read_source(path, "braeside", Path("corpus"))[0]
    assert "pupils" not in document.metadata.audiences
