"""The roster CSV: who signs, read with every problem reported at once, with its line."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.declarations import Person, RosterError, parse_roster, read_roster

ROOT = Path(__file__).resolve().parent.parent
HEADER = "name,designation,email,role\n"


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(RosterError) as info:
        parse_roster(data, "people.csv")
    return info.value.problems


def test_a_roster_gives_people_in_file_order_with_optional_email_and_role():
    people = parse_roster((HEADER + "Ann Lee,Staff,ann@example.org,Teacher\nBo Diaz,governor,,\n").encode(), "people.csv")
    assert people == [Person("Ann Lee", "Staff", "ann@example.org", "Teacher", 2), Person("Bo Diaz", "Governor", "", "", 3)]


def test_the_email_and_role_columns_are_optional():
    people = parse_roster(b"designation,name\nVisitor,Cy Fox\n", "people.csv")
    assert people == [Person("Cy Fox", "Visitor", line=2)]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_or_without_a_byte_order_mark_is_read(bom: bytes):
    people = parse_roster(bom + (HEADER + "Zoë Ó Briain,Volunteer,,\r\n").encode(), "people.csv")
    assert [p.name for p in people] == ["Zoë Ó Briain"]


@pytest.mark.parametrize("given, designation", [("staff", "Staff"), ("GOVERNORS", "Governor"), (" Visitor ", "Visitor"),
                                                ("volunteers", "Volunteer")])
def test_designations_are_matched_whatever_their_case_or_plural(given: str, designation: str):
    assert parse_roster(f"name,designation\nAnn,{given}\n".encode(), "p.csv")[0].designation == designation


def test_a_missing_column_is_named_with_the_columns_found():
    [problem] = problems_of(b"Full name,designation\nAnn,Staff\n")
    assert problem.startswith("people.csv:1: missing column name; found 'Full name', 'designation'; expected")


def test_a_semicolon_separated_file_gets_a_hint():
    [problem] = problems_of(b"name;designation\nAnn;Staff\n")
    assert "missing columns name, designation" in problem and "';'" in problem


def test_every_row_problem_is_reported_at_once_with_its_line():
    data = (HEADER + "Ann Lee,Staff,,\n"
            "Bo Diaz,Teacher,,\n"
            ",Staff,,\n"
            "Cy Fox,,cy-at-example,\n").encode()
    assert problems_of(data) == [
        "people.csv:3: unknown designation 'Teacher'; expected one of Staff, Governor, Visitor, Volunteer",
        "people.csv:4: empty name; expected the person's name as it should be printed",
        "people.csv:5: empty designation; expected one of Staff, Governor, Visitor, Volunteer",
        "people.csv:5: email 'cy-at-example' is not an address; expected name@example.org or nothing",
    ]


def test_undecodable_bytes_are_reported_with_their_line_and_the_other_problems_too():
    data = HEADER.encode() + b"Ann Lee,Staff,,\nJos\xe9 Garc\xeda,Staff,,\nBo,Cook,,\n"
    problems = problems_of(data)
    assert problems[0].startswith("people.csv:3: byte 0xe9 at column 4 is not UTF-8")
    assert "CSV UTF-8" in problems[0]
    assert problems[1].startswith("people.csv:4: unknown designation 'Cook'")


def test_a_utf16_file_is_refused_with_how_to_save_it():
    [problem] = problems_of((HEADER + "Ann,Staff,,\n").encode("utf-16"))
    assert problem.startswith("people.csv:1: the file is UTF-16; expected UTF-8")


def test_a_row_with_a_quoted_line_break_is_reported_at_its_first_line():
    data = (HEADER + '"Ann\nLee",Staff,,\nBo,Cook,,\n').encode()
    assert problems_of(data) == [
        "people.csv:2: a value runs over 2 lines; is a closing quote (\") missing?",
        "people.csv:4: unknown designation 'Cook'; expected one of Staff, Governor, Visitor, Volunteer",
    ]


def test_an_unclosed_quote_is_reported_where_it_opens():
    data = (HEADER + 'Ann,Staff,,\n"Bo,Staff,,\nCy,Staff,,\n').encode()
    assert problems_of(data) == ["people.csv:3: a value runs over 2 lines; is a closing quote (\") missing?"]


def test_a_control_character_in_a_value_is_refused():
    [problem] = problems_of(b"name,designation\nAnn\x00,Staff\n")
    assert problem == "people.csv:2: a value holds a control character; expected plain text"


def test_a_row_with_more_fields_than_the_header_says_to_quote_commas():
    [problem] = problems_of(b"name,designation\nLee, Ann,Staff\n")
    assert problem.startswith("people.csv:2: 3 fields but the header has 2")


@pytest.mark.parametrize("data, expected", [(b"", "the file is empty"), (b"\xef\xbb\xbf  \n", "the file is empty"),
                                            (b"name,designation\n\n", "no people listed")])
def test_an_empty_roster_is_refused(data: bytes, expected: str):
    [problem] = problems_of(data)
    assert expected in problem


def test_blank_lines_are_skipped():
    assert len(parse_roster(b"name,designation\nAnn,Staff\n,\n\nBo,Visitor\n", "p.csv")) == 2


def test_an_unreadable_roster_file_is_reported(tmp_path: Path):
    with pytest.raises(RosterError, match="cannot read"):
        read_roster(tmp_path / "missing.csv")


def test_the_example_roster_reads():
    people = read_roster(ROOT / "examples" / "people.csv")
    assert len(people) == 6 and people[4].name == "Nkemdirim, Chidi"


def test_the_command_reports_every_roster_problem_and_writes_nothing(tmp_path: Path):
    roster = tmp_path / "people.csv"
    roster.write_bytes(HEADER.encode() + b"Ann,Staff,,\n,Staff,,\nBo,Cook,,\nJ\xe9,Staff,,\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["declarations", "hopelands-prep", "--corpus", str(ROOT / "corpus"), "--roster",
                                       str(roster), "--format", "pdf,docx,html", "--out", str(out)])
    assert result.exit_code == 1
    assert f"{roster}:3: empty name" in result.output
    assert f"{roster}:4: unknown designation 'Cook'" in result.output
    assert f"{roster}:5: byte 0xe9" in result.output
    assert not out.exists()
