"""The plain-text reader: encodings, line ends, and every structure real policies use."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ReadError
from generator.readers import read_document
from generator.readers.lines import blocks_from_lines
from generator.readers.txt import decode


def blocks(text: str):
    found, _, _ = blocks_from_lines(text.split("\n"))
    return found


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks(text)]


SAMPLE = "Mobile phones\n\n\u2022 Staff must keep phones in lockers \u2013 always.\n\u2022 Don\u2019t use \u201cpersonal\u201d phones.\n"


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
])
def test_unicode_encodings_decode_to_the_same_characters(encoding, prefix):
    text, _ = decode(prefix + SAMPLE.encode(encoding))
    assert text == SAMPLE


def test_windows_1252_decodes_curly_quotes_and_dashes():
    text, encoding = decode(SAMPLE.encode("cp1252"))
    assert encoding == "cp1252"
    assert text == SAMPLE


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_are_normalised(tmp_path, newline):
    path = tmp_path / "p.txt"
    path.write_bytes(SAMPLE.replace("\n", newline).encode("utf-8"))
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == ["Mobile phones", "Staff must keep phones in lockers \u2013 always.",
                                           "Don\u2019t use \u201cpersonal\u201d phones."]
    assert doc.units == [1, 3, 4]


@pytest.mark.parametrize("line, expected", [
    ("# Internet use", ("heading", "Internet use")),
    ("### Internet use", ("heading", "Internet use")),
    ("**Internet use**", ("heading", "Internet use")),
    ("INTERNET USE", ("heading", "INTERNET USE")),
    ("Internet use", ("heading", "Internet use")),
])
def test_headings_are_recognised_in_every_style(line, expected):
    assert kinds(f"{line}\n\nStaff must not share passwords.")[0] == expected


def test_heading_levels_follow_markdown_hashes():
    found = blocks("# One\n\nText here is a clause.\n\n## Two\n\nMore text is here.")
    assert [(b.text, b.level) for b in found if b.kind == "heading"] == [("One", 1), ("Two", 2)]


@pytest.mark.parametrize("mark", ["\u00b7", "\u2022", "-", "*", "\u2013", "\uf0b7"])
def test_bullets_of_every_kind_become_items(mark):
    found = blocks(f"{mark} First rule applies.\n{mark} Second rule applies.")
    assert [(b.kind, b.text) for b in found] == [("item", "First rule applies."), ("item", "Second rule applies.")]


def test_private_use_bullet_is_shown_as_a_plain_bullet():
    assert blocks("\uf0b7 A rule.")[0].label == "\u2022"


def test_numbered_lettered_and_roman_items_nest_by_indentation():
    found = blocks("1. Staff may use phones:\n   a) in the staffroom;\n   b) in an emergency.\n"
                   "      i. with permission\n      ii. briefly\n2) Pupils hand in phones.\n(a) first\n(b) second")
    assert [(b.label, b.marker, b.level) for b in found] == [
        ("1.", "number", 0), ("a)", "letter", 1), ("b)", "letter", 1), ("i.", "roman", 2), ("ii.", "roman", 2),
        ("2)", "number", 0), ("(a)", "letter", 1), ("(b)", "letter", 1)]


def test_letter_i_after_h_is_a_letter_not_a_roman_numeral():
    found = blocks("\n".join(f"{c}. item {c}" for c in "abcdefghij"))
    assert [b.marker for b in found] == ["letter"] * 10


def test_hard_wrapped_lines_are_joined_into_one_clause():
    text = ("\u2022 I will keep my username and password safe and secure \u2013 I will not share it, nor will\n"
            "I try to use any other person\u2019s username and password. I understand that I should\n"
            "not write down or store a password where it is possible that someone may steal it.\n"
            "\u2022 I will be polite.")
    found = blocks(text)
    assert len(found) == 2
    assert found[0].units == [1, 2, 3]
    assert found[0].text.startswith("I will keep my username") and found[0].text.endswith("may steal it.")


def test_a_lowercase_line_after_a_blank_continues_an_unfinished_clause():
    found = blocks("5. Where pictures\n\nof pupils are taken, consent is needed.\n6. Next rule.")
    assert [b.text for b in found] == ["Where pictures of pupils are taken, consent is needed.", "Next rule."]


def test_separate_sentences_on_separate_lines_stay_separate():
    found = blocks("\u00b7 Professional tone to be used in all calls.\nPersonal calls are forbidden on work phones.")
    assert [b.text for b in found] == ["Professional tone to be used in all calls.",
                                       "Personal calls are forbidden on work phones."]


def test_key_value_metadata_lines_become_metadata():
    found = blocks("Approved by FGB:\t22 nd January 2020\nReview due:\tJuly 2021\n"
                   "(Adopted: April 2021 \u2013 Review April 2024)\n"
                   "Written by: Jackie Green\tIssue Number: 3\tDate: April 2021")
    assert all(b.kind == "meta" for b in found)
    pairs = [tuple(r) for b in found for r in b.rows]
    assert ("Approved by FGB", "22 nd January 2020") in pairs
    assert ("Adopted", "April 2021") in pairs and ("Review", "April 2024") in pairs
    assert ("Issue Number", "3") in pairs and ("Written by", "Jackie Green") in pairs


def test_adoption_record_labels_take_their_value_from_the_next_line():
    found = blocks("\tHeld on\n\tAugust 2018\n\tDate to be reviewed\n\tJune 2020")
    assert [(b.kind, b.key, b.value) for b in found] == [("meta", "Held on", "August 2018"),
                                                         ("meta", "Date to be reviewed", "June 2020")]


@pytest.mark.parametrize("line", [
    "Name (Printed):  _________________________________",
    "     Date:  ____________",
    "Signature ..... Date .....",
    "Full Name .....(printed)",
    "SIGNED:",
    "NAME (PRINT):",
    "Signed (child):          ",
    "Name:\t",
    "Designation:\tStaff / Governor / Visitor / Volunteer (<i>delete as applicable</i>)",
])
def test_signature_fields_are_recognised(line):
    found = blocks(line)
    assert [b.kind for b in found] == ["signature"]


@pytest.mark.parametrize("line,key", [
    ("Signature: ______   Date: __/__/____", "Signature / Date"),
    ("Organisation / role: _______", "Organisation / role"),
    ("Adopted by governors on: __/__/____", "Adopted by governors on"),
    ("Student name: ______ Form class: ____", "Student name / Form class"),
    ("Dyddiad / Date (dd/mm/yyyy): ___", "Dyddiad / Date (dd/mm/yyyy)"),
    ("Signed: ______ (Chair of Governors) Date: ______", "Signed / (Chair of Governors) Date"),
])
def test_a_line_of_labels_each_with_a_blank_is_a_form_line_not_a_heading(line, key):
    found = blocks(f"Staff must lock their screens.\n\n{line}\n\nMobile phones\n\nStaff must not use phones in class.")
    assert [(b.kind, b.key, b.value) for b in found if b.units == [3]] == [("signature", key, "")]


@pytest.mark.parametrize("line", ["Time: 10:30", "Note: -", "See: https://example.org/aup"])
def test_a_label_with_a_value_or_a_lone_dash_is_no_form_line(line):
    assert [b.kind for b in blocks(line)] != ["signature"]


def test_markup_is_dropped_and_words_kept():
    found = blocks("I will use <i>kind</i> words and **never** swear, *ever*.")
    assert found[0].text == "I will use kind words and never swear, ever."
    designation = blocks("Designation:\tStaff / Governor (<i>delete as applicable</i>)")[0]
    assert designation.value == "Staff / Governor (delete as applicable)"


def test_a_lead_in_line_is_kept_before_its_list():
    found = blocks("They should not:\n\n- Post offensive comments.\n- Share passwords.")
    assert [(b.kind, b.style) for b in found][0] == ("paragraph", "lead-in")


def test_running_headers_and_page_numbers_are_dropped_with_a_reason():
    page = "SWGfL Online Safety Policies template header\n{n}\n\u2022 Rule number {n} applies to staff.\n"
    found, dropped, units = blocks_from_lines("".join(page.format(n=n) for n in range(1, 5)).split("\n"))
    assert [b.text for b in found] == [f"Rule number {n} applies to staff." for n in range(1, 5)]
    assert {d.reason for d in dropped} == {"running header or footer", "page number"}
    assert len(dropped) == 8


def test_every_non_blank_line_is_claimed_once(tmp_path):
    from generator.corpus import account
    from generator.segment import segment

    for source in sorted(Path("corpus/sources").glob("*.txt")):
        read = read_document(source)
        doc = segment(read, "x", "0" * 64, "sources/x.txt")
        assert account(doc, read.units) == [], source


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
])
def test_bad_text_files_are_refused_with_a_reason(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message) as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_bare_labels_are_fields_only_inside_a_signature_block():
    found = blocks("I have read and agree to the above.\nStaff / Volunteer Name\n\nSignature               Date\n")
    assert [(b.kind, b.key) for b in found[1:]] == [("signature", "Staff / Volunteer Name"), ("signature", "Signature / Date")]
    heading = blocks("Signature\n\n1. It will be normal practice for staff to sign a declaration.")
    assert heading[0].kind == "heading"


def test_running_lines_next_to_page_numbers_are_dropped_even_on_two_pages():
    text = ("Footer line of the trust\n24\nSWGfL Online Safety Policies\n\u2022 First rule here.\n"
            "Footer line of the trust\n25\nSWGfL Online Safety Policies\n\u2022 Second rule here.")
    found, dropped, _ = blocks_from_lines(text.split("\n"))
    assert [b.text for b in found] == ["First rule here.", "Second rule here."]
    assert len(dropped) == 6


def test_a_numbered_short_title_before_its_sub_items_or_prose_is_a_heading():
    found = blocks("1. Introduction\n1.1 This policy applies to all staff.\n2. Passwords\n"
                   "Staff must keep their passwords private and change them every term.\n3. Short item\n4. Another")
    assert [(b.kind, b.label, b.text) for b in found] == [
        ("heading", "1.", "Introduction"), ("item", "1.1", "This policy applies to all staff."),
        ("heading", "2.", "Passwords"), ("paragraph", "", "Staff must keep their passwords private and change them every term."),
        ("item", "3.", "Short item"), ("item", "4.", "Another")]


def test_a_lettered_title_in_capitals_over_items_numbered_another_way_is_a_heading():
    found = blocks("A. ENTRY INTO THE LABORATORY\n1. Students shall enter with a teacher.\n2. Students shall sign in.\n"
                   "B. CARE OF EQUIPMENT\n3. Students shall not bring food.\n")
    assert [(b.kind, b.text) for b in found] == [
        ("heading", "ENTRY INTO THE LABORATORY"), ("item", "Students shall enter with a teacher."),
        ("item", "Students shall sign in."), ("heading", "CARE OF EQUIPMENT"), ("item", "Students shall not bring food.")]
    # a list of items in capitals, each marked alike, and a lettered sentence stay items
    found = blocks("a) NO FOOD\nb) NO DRINKS\nc) NO GAMES\n")
    assert [b.kind for b in found] == ["item", "item", "item"]
    found = blocks("A. Students must log off.\n1. Even at break.\n")
    assert found[0].kind == "item"


def test_a_bold_line_ending_in_a_colon_before_a_list_is_its_lead_in():
    found = blocks("**For my professional and personal safety:**\n\u2022 I will lock my screen.")
    assert [(b.kind, b.style) for b in found] == [("paragraph", "lead-in"), ("item", "")]


def test_school_names_are_title_case_phrases_not_any_phrase_ending_in_school():
    from generator.readers.patterns import SCHOOL_NAME

    assert SCHOOL_NAME.match("The Oaks C of E Primary School")
    assert not SCHOOL_NAME.match("Secure transfer of data and access out of school")


def test_table_of_contents_entries_are_dropped_and_checkboxes_are_bullets():
    found, dropped, _ = blocks_from_lines(["Contents", "Introduction ........................ 3", "2. Scope\t4",
                                           "Pages: 11", "\u2610 I have read and agree to the policy."])
    assert [d.reason for d in dropped] == ["table of contents entry", "table of contents entry"]
    assert [(b.kind, b.text) for b in found][-1] == ("item", "I have read and agree to the policy.")
    assert ("meta", "Pages: 11") in [(b.kind, b.text) for b in found]


@pytest.mark.parametrize("line, heading", [
    ("Use of photographs, video and digital images", True),
    ("Bring Your Own Device", True),
    ("Access", True),
    ("Do not share passwords", False),
    ("Use school email for school business", False),
    ("Lock your screen when you leave", False),
])
def test_short_rules_in_the_imperative_are_clauses_not_headings(line, heading):
    from generator.readers.lines import heading_like

    assert heading_like(line) is heading


def test_a_lone_lowercase_bullet_finishes_the_sentence_of_the_bullet_before():
    text = ("I undertake:\n- Not to give personal addresses or telephone numbers of:\n"
            "- any teachers or pupils at the school.\n- Not to download copyright material.\n")
    items = [b.text for b in blocks(text) if b.kind == "item"]
    assert items == ["Not to give personal addresses or telephone numbers of: any teachers or pupils at the school.",
                     "Not to download copyright material."]
    nested = "Pupils must not:\n- share passwords\n- use chat rooms\n"
    assert [b.text for b in blocks(nested) if b.kind == "item"] == ["share passwords", "use chat rooms"]


def test_a_complete_title_after_a_colon_and_a_blank_line_is_the_next_heading():
    found, _, _ = blocks_from_lines(["Appropriate use includes but is not limited to:", "", "Equipment", "",
                                     "Do not eat or drink near the computers."])
    assert [(b.kind, b.text) for b in found] == [("paragraph", "Appropriate use includes but is not limited to:"),
                                                 ("heading", "Equipment"),
                                                 ("paragraph", "Do not eat or drink near the computers.")]


def test_an_unfinished_title_after_a_dangling_colon_still_continues_the_sentence():
    found, _, _ = blocks_from_lines(["I have read and accept the terms of the: -", "", "Acceptable Use Policy for", "",
                                     "staff and visitors."])
    assert len(found) == 1 and found[0].text.endswith("staff and visitors.")


@pytest.mark.parametrize("line", ["**(This agreement accompanies the main policy)**", "(See the main policy)"])
def test_an_aside_in_brackets_is_not_a_heading_even_in_bold(line):
    found, _, _ = blocks_from_lines([line, "", "Staff must lock their screens."])
    assert found[0].kind == "paragraph"


def test_a_dash_set_hard_against_a_capitalised_word_is_a_bullet():
    found, _, _ = blocks_from_lines(["-All visitors must sign in at the office.", "", "-Staff must wear a badge.", "",
                                     "-mail merge is not a bullet"])
    assert [(b.kind, b.text) for b in found[:2]] == [("item", "All visitors must sign in at the office."),
                                                     ("item", "Staff must wear a badge.")]
    assert found[2].kind == "paragraph"


@pytest.mark.parametrize("text", [
    "Rules\n\nStaff must not:\nuse personal phones in class\nshare passwords with anyone\n\nStaff should lock screens.",
    "Rules\n\nStaff must not:\nUse personal phones in class\nShare passwords with anyone\n\nStaff should lock screens.",
    "Rules\n\nUnacceptable use includes:\nAccessing pornographic material\nGambling sites\n\nStaff should lock screens.",
])
def test_lines_under_a_lead_in_are_its_list_when_the_copy_lost_the_bullets(text):
    found = blocks(text)
    lead = next(i for i, b in enumerate(found) if b.text.endswith(":"))
    assert found[lead].kind == "paragraph" and found[lead].style == "lead-in"
    assert [b.kind for b in found[lead + 1:lead + 3]] == ["item", "item"]  # not joined to the lead-in, not titles
    assert found[lead + 3] == next(b for b in found if b.text == "Staff should lock screens.")


@pytest.mark.parametrize("text, kept", [
    # a title ending in a colon over a paragraph stays a title
    ("Introduction:\nThis policy applies to all staff and sets out how they must use the school network every day.\n",
     ("heading", "Introduction")),
    # a sentence broken after "of the:" goes on
    ("I have read and accept the terms of the:\nICT Acceptable Use Policy\n", ("paragraph", None)),
])
def test_a_colon_before_a_single_line_or_mid_phrase_is_no_list(text, kept):
    found = blocks(text)
    assert found[0].kind == kept[0] and "item" not in [b.kind for b in found]
    if kept[1]:
        assert found[0].text == kept[1]


def test_a_text_wrapped_at_a_width_keeps_a_link_under_a_colon_in_its_paragraph():
    wrapped = ("It is a statutory requirement for all schools to have a Data Protection Policy and to publish it on the\n"
               "school website so that parents and pupils can read it:\n(http://www.education.gov.uk/schools/policies)\n"
               "Schools have always held personal data on the pupils in their care, and increasingly this data is held\n"
               "digitally and accessible not just in school but also from remote locations and from the homes of staff\n"
               "who work on it in the evenings and at weekends, which brings its own risks for the school as a whole.\n")
    assert "item" not in [b.kind for b in blocks(wrapped * 3)]


def test_a_list_without_bullets_set_apart_by_blank_lines_is_its_lead_ins_list_until_a_title_or_a_sentence():
    found = blocks("Rules\n\nForbidden:\n\nDefamatory or potentially libellous\n\nDiscriminatory\n\nIllegal\n\nMonitoring\n\n"
                   "The school monitors all use of its network and email, and keeps logs for six months.\n\n"
                   "Staff must not:\n\nuse personal phones in class\n\nshare passwords with anyone\n\n"
                   "Staff should lock screens at all times when they leave a computer unattended in any room.")
    assert [(b.kind, b.text) for b in found] == [
        ("heading", "Rules"), ("paragraph", "Forbidden:"), ("item", "Defamatory or potentially libellous"),
        ("item", "Discriminatory"), ("item", "Illegal"), ("heading", "Monitoring"),
        ("paragraph", "The school monitors all use of its network and email, and keeps logs for six months."),
        ("paragraph", "Staff must not:"), ("item", "use personal phones in class"), ("item", "share passwords with anyone"),
        ("paragraph", "Staff should lock screens at all times when they leave a computer unattended in any room.")]


def test_lines_apart_by_blank_lines_under_a_colon_that_announces_no_list_stay_as_they_were():
    found = blocks("Contact details are as follows for the office and IT support teams at the school site:\n\n"
                   "Main Office\n\nThe office is open from 8am to 4pm on school days for all enquiries.")
    assert "item" not in [b.kind for b in found]


def test_a_caption_without_its_colon_leads_the_list_that_lost_its_bullets():
    # "Acceptable" / "Unacceptable" / "Forbidden" captions over entries set apart by blank lines (a copy without its
    # list numbers): each caption leads its own list, so the entries carry its force
    found = blocks("PCs and Servers\n\nAcceptable\n\nStoring of business data\n\nRunning business supplied software\n\n"
                   "Unacceptable\n\nInstalling screen savers\n\nLoading files for private use\n\n"
                   "Forbidden\n\nAbuse of the employers logo or name\n\nDownloading software used for hacking\n")
    assert [(b.kind, b.text) for b in found] == [
        ("heading", "PCs and Servers"), ("paragraph", "Acceptable"), ("item", "Storing of business data"),
        ("item", "Running business supplied software"), ("paragraph", "Unacceptable"), ("item", "Installing screen savers"),
        ("item", "Loading files for private use"), ("paragraph", "Forbidden"),
        ("item", "Abuse of the employers logo or name"), ("item", "Downloading software used for hacking")]
    # a caption word that is itself an entry ("Illegal" in a list of kinds of material) stays an entry
    found = blocks("Forbidden:\n\nDefamatory\n\nIllegal\n\nMonitoring\n\nThe school monitors all use of its network.")
    assert [b.kind for b in found] == ["paragraph", "item", "item", "heading", "paragraph"]


def test_a_short_title_with_a_colon_over_sentences_set_apart_stays_their_title():
    # "Disciplinary Action:" reads like a one-word cue ("Forbidden:"), but what follows are sentences of their own
    found = blocks("Disciplinary Action:\n\nAll staff are required to adhere to this policy and any breaches may lead to "
                   "disciplinary action.\n\nSerious breaches, for example incidents of bullying of colleagues, may "
                   "constitute gross misconduct.\n")
    assert [(b.kind, b.text[:19]) for b in found] == [
        ("heading", "Disciplinary Action"), ("paragraph", "All staff are requi"), ("paragraph", "Serious breaches, f")]


def test_dos_and_donts_lines_are_rules_not_titles():
    found = blocks("Quick guide\n\nDo: lock your screen when you leave your desk\nDon't: share your password with anyone\n"
                   "DON'T: follow pupils on social media\n")
    assert [b.kind for b in found] == ["heading", "paragraph", "paragraph", "paragraph"]


def test_a_rule_sentence_naming_the_policy_is_no_title(tmp_path):
    from generator.segment import segment

    path = tmp_path / "guide.txt"
    path.write_text("Oak School Quick guide\n\nDo: lock your screen when you leave your desk\n\n"
                    "Staff must read the full policy.\n", encoding="utf-8")
    doc = segment(read_document(path), "guide", "0" * 64, "sources/guide.txt")
    assert doc.metadata.title == "Oak School Quick guide"
    assert [c.text for c in doc.clauses] == ["Do: lock your screen when you leave your desk", "Staff must read the full policy."]
