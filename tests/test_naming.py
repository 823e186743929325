"""Document names: the organisation read from where the text states it, never invented; readable fallbacks."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Document, Metadata, Source
from generator.naming import (
    display_name,
    distinct_names,
    is_organisation_name,
    policy_phrase,
    possessive,
    readable_title,
    sorted_by_name,
    title_from_file_name,
)
from generator.readers import read_document
from generator.segment import segment
from generator.site.home import corpus_count


def organisation(tmp_path: Path, text: str, name: str = "p.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return segment(read_document(path), "p", "0" * 64, f"sources/{name}").metadata.school


STATED = [
    ("Park Road Academy Acceptable Use Agreement: Volunteers\n\nI will use the systems responsibly.\n", "Park Road Academy"),
    ("Acceptable Use Policy\n\nBoston Public Schools (BPS) provides access to technology for students.\n", "Boston Public Schools"),
    ("Online Safety Policy\n\nThe Trust - Anthem Schools Trust\n\nThis policy applies to all academies.\n", "Anthem Schools Trust"),
    ("Mombasa Academy Network Policy\n\nUsers must not share passwords.\n", "Mombasa Academy"),
    ("BUKIT PANJANG GOVERNMENT HIGH SCHOOL\nICT Acceptable Use Policy\n\nStudents must not share passwords.\n",
     "Bukit Panjang Government High School"),
    ("Acceptable Use Policy\n\nAt St Mary's CE Primary School, we believe technology helps learning.\n", "St Mary's CE Primary School"),
    ("Acceptable Use Policy\n\nGreenfield Academy is committed to keeping pupils safe online.\n", "Greenfield Academy"),
    ("Acceptable use policy\n\nOakwood Pre-School recognises that mobile phones are part of everyday life.\n", "Oakwood Pre-School"),
    # a Canadian school division, an Irish national school ("N.S.") named only in a page footer, and a name with no
    # organisation word that a sentence says is a school
    ("PINE RIVER SCHOOL DIVISION\nTechnology Agreement\n\nVolunteers must not share passwords.\n", "Pine River School Division"),
    ("Acceptable Use Policy\n\nPupils must not share passwords.\n\nPage 2 of 3  |  St. Brigid's N.S., Ballymore  -  AUP\n\n"
     "Pupils must log off.\n\nPage 3 of 3  |  St. Brigid's N.S., Ballymore  -  AUP\n", "St. Brigid's N.S"),
    ("FERNLEIGH HALL\nBoarding Handbook\n\nFernleigh Hall is a home as well as a school for our boarders.\n\n"
     "Boarders must hand in phones at 9pm.\n", "Fernleigh Hall"),
    ("Use of Technology\n\nAll pupils at Kingsmead School are expected to behave.\n", "Kingsmead School"),
    ("Key Stage 2 Acceptable Use\n\nThe Governing Body of Westfield Junior School expects pupils to be safe.\n", "Westfield Junior School"),
    ("Riverside Nursery\nMobile Phone Policy\n\nPhones are kept in lockers.\n", "Riverside Nursery"),
    ("Acceptable Use Policy – Park Road Academy\n\nStaff must lock screens.\n", "Park Road Academy"),
    ("Online Safety Policy for Brookfield Junior School\n\nStaff must lock screens.\n", "Brookfield Junior School"),
    ("ICT Rules\n\nWelcome to Ashdown Learning Centre. Staff must lock screens.\n", "Ashdown Learning Centre"),
    ('Acceptable Use Policy\n\nThis policy applies to Hill View Academy ("the Academy") and its staff.\n', "Hill View Academy"),
    # a name that starts with its organisation word (Welsh, Irish, Maori), on a title line of parts or in a sentence
    ("Ysgol Gynradd Nant y Felin  |  Remote Learning Agreement  |  Reviewed: January 2021\n\nPupils will log on.\n",
     "Ysgol Gynradd Nant y Felin"),
    ("Gaelscoil na Cille\nMobile Phone Policy\n\nPhones are kept in lockers.\n", "Gaelscoil na Cille"),
    ("Digital Agreement\n\nTe Kura o Tāmaki provides every student with an account.\n", "Te Kura o Tāmaki"),
    ("ICT Policy\n\nThis policy applies to Coláiste Pobail Setanta (the College) and its staff.\n", "Coláiste Pobail Setanta"),
    # a footer: a school's own copyright line, a title beside the page number, kept only once
    ("SOCIAL MEDIA GUIDELINES\n\nStaff must not friend students.\n\nPage 3 of 3          © 2024 Whitmore Hall School\n",
     "Whitmore Hall School"),
    ("ICT Policy\n\nStaff must lock their screens.\n\nHill College ICT Policy | Page 2 of 5\n", "Hill College"),
    ("Staff ICT Policy\n\nMeridian International School (the 'School') provides staff with laptops.\n",
     "Meridian International School"),
    ("Acceptable Use\n\nThis policy applies to Hill View Academy (hereafter \u201cthe Academy\u201d).\n", "Hill View Academy"),
    ("SCHOOL DISTRICT NO. 94 (KETTLE RIDGE)\nAdministrative Regulation 4410.1\n\nEmployees must lock screens.\n",
     "School District No. 94 (Kettle Ridge)"),
    ("Staff Code\n\nOur Lady of Mercy College, Tarrawonga is a Catholic secondary college.\n", "Our Lady of Mercy College"),
    ("ICT Rules\n\nWelcome to Round Rock ISD. Students must log off.\n", "Round Rock ISD"),
    ("AI Guidance\n\nHorizon Schools Group provides staff with approved AI tools.\n", "Horizon Schools Group"),
    ("KENDRIYA VIDYALAYA NO. 2, DELHI CANTT\nStudent ICT Rules\n\nStudents must log off.\n", "Kendriya Vidyalaya"),
    ("ICT Policy\n\nWelcome to Hill Academy. The Park School down the road shares our site.\n", "Hill Academy"),
    ("ICT Policy\n\nHill View Academy, hereafter 'the Academy', provides laptops.\n", "Hill View Academy"),
    ("ICT Policy\n\nStaff must lock screens.\n\nSigned on behalf of Ashgrove Primary School: ________\n", "Ashgrove Primary School"),
    ("ICT Policy\n\nStaff must lock screens.\n\nI have read the ICT Policy of Meridian International School.\n",
     "Meridian International School"),
    # a title line over a line naming the body the school belongs to; a letterhead of parts apart by " * "; a
    # network of schools as a sentence's subject
    ("Hartsmere Academy Mobile Phone Policy (Pupils)\n\nPart of the Oak Vale Learning Trust\n\nPhones stay off.\n",
     "Hartsmere Academy"),
    ('Hollinsbrook C of E Primary School  *  Mill Lane, Thornleigh  *  "Growing together"\n\nOnline Safety\n\n'
     "I will tell a teacher.\n", "Hollinsbrook C of E Primary School"),
    ("Teacher IT Guidelines\n\nAl-Noor Heritage Schools (ANHS) operates 14 campuses and provides each teacher with a "
     "laptop.\n", "Al-Noor Heritage Schools"),
    ('Staff Communications Policy\n\n1.1 Acad\u00e9mie Rivermead (the "School") recognises that communication matters.\n',
     "Acad\u00e9mie Rivermead"),
    ("Cedar Hollow Public Schools - Department of Technology\nDigital Citizenship Pledge\n\nPart 1: Kindergarten\n\n"
     "I will be kind online.\n", "Cedar Hollow Public Schools"),
    ("Torfaen County Borough Council - Education Service\nModel E-Safety Policy\n\nYsgol Gynradd Cwm Teg has adopted the "
     "Local Authority's model policy set out below.\n\nStaff must lock screens.\n", "Ysgol Gynradd Cwm Teg"),
    ('Student Policy\n\nSummit Ridge Virtual Academy ("SRVA" or "the Academy") is a public charter school.\n',
     "Summit Ridge Virtual Academy"),
    ("Bayside Regional School Board  |  Student Technology Use Guideline\n\nYou can use the network.\n",
     "Bayside Regional School Board"),
    ("A Guide for Families\n\nMinato Hills International School (MHIS) welcomes families from 40 countries.\n",
     "Minato Hills International School"),
    ("AI Guidance\n\nStaff must check AI output.\n\nNorthgate Education Group  |  AI Guidance  |  Page 1 of 1\n",
     "Northgate Education Group"),
]

NOT_STATED = [
    "Staying Safe\n\nI will tell a teacher.\n",
    "Our School\n\nThe school will monitor use.\n",
    "Mobile Phones in School\n\nStaff must not use phones in class.\n",
    "Staff AUP\n\nStaff can use the occupational health service at Birmingham City Council.\n",
    "E-Safety Policy\n\nThis policy is based on the Kent County Council template.\n",
    "E-Safety Policy\n\nI will follow the rules.\n\n© South West Grid for Learning Trust Ltd 2013\n",
    "Acceptable Use Policy\n\nStaff should see the guidance from the National College.\n",
    "Internet Policy for Schools\n\nStaff must follow this.\n",
    "Acceptable Use Policy for Primary Schools\n\nStaff must follow this.\n",
    "E-Safety Guidance for Kent Schools\n\nStaff must follow this.\n",
    "Whole School Online Safety Policy\n\nThe Forest School sessions follow the same rules.\n",
    "Remote Learning\n\nPupils may use the Oak National Academy lessons at home.\n",
    "Acceptable Use Policy\n\nKent County Council provides the school's internet filtering.\n",
    "Acceptable Use Policy\n\nLooked-after children are supported by the Virtual School.\n",
    "Acceptable Use Policy\n\nUse of Gloucestershire County Council (GCC) internet must be for school purposes.\n",
    "Acceptable Use Agreement\n\nPupils may move on to Highfield High School with their records.\n",
    # placeholders a template leaves for the school, and a heading's words
    "Staying Safe Online - Staff Code of Conduct\n\n[School Name]\n\nStaff must lock screens at [School Name].\n",
    "[SCHOOL NAME] Primary School\nAcceptable Use Policy\n\nStaff must lock screens.\n",
    "XXXX Primary School\nAcceptable Use Policy\n\nStaff must lock screens.\n",
    "Acceptable Use Policy\n\nStaff must lock screens.\n\n\u00a9 2019 Kent County Council | Page 2 of 5\n",
    "Acceptable Use Policy\n\nStaff must lock screens.\n\n\u00a9 The Key Support Services Ltd 2020\n",
    "Acceptable Use Policy\n\nPupils in District 9 must lock screens.\n",
    "Oak National Academy | Remote Learning Agreement | Updated: January 2021\n\nPupils will log on.\n",
    "<<School Name>>\nAcceptable Use Policy\n\nStaff must lock screens.\n",
    "Acceptable Use Policy\n\nThe Year Group and the Working Group review it.\n",
    "Acceptable Use Policy\n\nThe Technology Division will reset passwords.\n\nContact: Halifax, N.S., Canada\n",
    "Acceptable Use Policy\n\nKent is a county with many schools.\n\nGoogle Classroom is an online school platform.\n",
    # the body a school belongs to, and "schools" ending a phrase, are no school's name
    "Online Safety Policy\n\nPart of the Oak Vale Learning Trust\n\nStaff must lock screens.\n",
    "Online Safety Policy\n\nA member of the Northern Schools Partnership\n\nStaff must lock screens.\n",
    "Data Policy\n\nStaff should follow Data Handling in Schools when they store records.\n",
    # a numbered part's title and a phrase ending in "the School" are no names
    "Digital Pledge\n\nPart 1: Kindergarten\n\nI will be kind online.\n",
    "Staff Communications\n\nMessages sent through the Portal and the School's email system are stored.\n",
    "Acceptable Use Policy\n\nThis follows the model policy of Kent County Council and the guidance of the National College.\n",
    "Online Safety\n\n" + "".join(f"Rule {i}: use the network well.\n\n" for i in range(10))
    + "Links\n\nChild Exploitation and Online Protection Centre\n\nFOSI Family Online Safety Institute\n",
]


@pytest.mark.parametrize("text,name", STATED)
def test_an_organisation_stated_in_the_text_is_read(tmp_path, text, name):
    assert organisation(tmp_path, text) == name


@pytest.mark.parametrize("text", NOT_STATED)
def test_no_organisation_is_invented_from_headings_generic_words_or_other_bodies(tmp_path, text):
    assert organisation(tmp_path, text) == ""


def test_a_running_footer_names_the_school_but_a_template_publishers_footer_does_not(tmp_path):
    pages = "\n".join(f"Rule {i} applies to every user of the network.\nHighgate Wood School\n{i}\n\f" for i in range(1, 5))
    assert organisation(tmp_path, "Acceptable Use Policy\n\n" + pages) == "Highgate Wood School"
    swgfl = "\n".join(f"Rule {i} applies to every user.\nSouth West Grid for Learning Trust Ltd, Belvedere House\n{i}\n\f"
                      for i in range(1, 5))
    assert organisation(tmp_path, "Acceptable Use Policy\n\n" + swgfl) == ""
    council = "\n".join(f"Rule {i} applies to every user.\nKent County Council - Model Policy\n{i}\n\f" for i in range(1, 5))
    assert organisation(tmp_path, "Acceptable Use Policy\n\n" + council) == ""


@pytest.mark.parametrize("text,ok", [("Hopelands Preparatory School", True), ("The School", False), ("Staying Safe", False),
                                     ("Acceptable Use Policy", False), ("St Joseph's Catholic Primary School", True),
                                     ("Learning Trust Ltd", False), ("Boston Public Schools", True),
                                     ("Ysgol Gynradd Nant y Felin", True), ("Ysgol Gynradd", False), ("Gaelscoil na bhFál", True),
                                     ("Kura Kaupapa Māori", False), ("[School Name]", False), ("[SCHOOL NAME] Primary School", False),
                                     ("XXXX Primary School", False), ("School Name Primary School", False),
                                     ("School District No. 94 (Kettle Ridge)", True), ("District 9", False)])
def test_an_organisation_name_needs_an_organisation_word_title_case_and_a_word_of_its_own(text, ok):
    assert is_organisation_name(text) is ok


def doc(doc_id: str, school: str = "", title: str = "", name: str = "") -> Document:
    return Document(doc_id, Source(f"sources/{doc_id}.txt", "0" * 64, "txt", "line", name=name or f"{doc_id}.txt"),
                    Metadata(school=school, title=title))


def test_a_document_without_an_organisation_is_named_by_a_readable_title_never_its_id():
    assert display_name(doc("birmingham-school-staff-aup", title="ACCEPTABLE USE POLICY")) == "Acceptable Use Policy"
    assert display_name(doc("x", title="Introduction", name="uk-pals-preschool-photos-mobile-phones.txt")) == \
        "Pals Preschool Photos Mobile Phones"
    assert display_name(doc("lexden-pandoc", school="", title="")) != "lexden-pandoc"
    assert display_name(doc("m", school="Malmesbury Park Primary School", title="Staff AUP")) == "Malmesbury Park Primary School"
    assert readable_title(doc("s", title="Staying Safe with Technology –")) == "Staying Safe with Technology"


def test_a_file_name_loses_its_noise_when_it_becomes_a_title():
    assert title_from_file_name("004_00625ba752644ca0.txt") == ""
    assert title_from_file_name("uk-decoy-pupil-aua-y3-4.txt") == "Decoy Pupil AUA Y3 4"
    assert title_from_file_name("aitchison-libreoffice.pdf") == "Aitchison"


def test_documents_sharing_a_name_are_told_apart():
    names = distinct_names([doc("a", "Decoy School", "Pupil Agreement Years 3 and 4"),
                            doc("b", "Decoy School", "Pupil Agreement Years 5 and 6")])
    assert names == {"a": "Decoy School — Pupil Agreement Years 3 and 4", "b": "Decoy School — Pupil Agreement Years 5 and 6"}


def test_a_title_naming_its_school_is_not_told_apart_by_the_school_again_and_copies_by_their_file():
    names = distinct_names([doc("a", "Ysgol Gyfun Dyffryn Llechi", "Ysgol Gyfun Dyffryn Llechi | Staff ICT Code"),
                            doc("b", "Ysgol Gyfun Dyffryn Llechi", "Pupil Agreement")])
    assert names == {"a": "Ysgol Gyfun Dyffryn Llechi | Staff ICT Code", "b": "Ysgol Gyfun Dyffryn Llechi — Pupil Agreement"}
    copies = distinct_names([doc("aitchison", "Aitchison College", "Computer Use Policy", "aitchison.pdf"),
                             doc("aitchison-2", "Aitchison College", "Computer Use Policy", "aitchison.html")])
    assert copies["aitchison-2"] == "Aitchison College — Computer Use Policy (aitchison.html)"
    assert copies["aitchison"] == "Aitchison College — Computer Use Policy"


def test_titles_set_in_capitals_keep_their_acronyms():
    from generator.naming import title_case

    assert title_case("POLICY ON GENERATIVE AI TOOLS AND ACADEMIC INTEGRITY") == "Policy on Generative AI Tools and Academic Integrity"
    assert title_case("BYOD AGREEMENT") == "BYOD Agreement"


def test_a_possessive_after_an_s_is_a_bare_apostrophe():
    assert possessive("Aitchison College") == "Aitchison College's"
    assert possessive("CLC Community Users") == "CLC Community Users'"
    assert possessive("ST JAMES") == "ST JAMES'"
    assert possessive("Boston Public Schools'") == "Boston Public Schools'"


def test_a_policy_is_named_by_its_organisations_possessive_and_a_title_by_itself():
    assert policy_phrase(doc("a", "Aitchison College", "AUP")) == "Aitchison College's policy"
    assert policy_phrase(doc("b", "Boston Public Schools", "AUP")) == "Boston Public Schools' policy"
    assert policy_phrase(doc("c", "", "Internet access")) == "Internet access"  # a title takes no possessive
    assert policy_phrase(doc("d", "", "Acceptable Use Policy - Community Users")) == "Acceptable Use Policy - Community Users"
    # a name told apart from a namesake by its title is a name and a title: no possessive either
    told_apart = doc("e", "CLC", "Community Users")
    assert policy_phrase(told_apart, "CLC — Community Users") == "CLC — Community Users"


def test_documents_are_listed_by_the_name_shown_case_insensitively_and_ties_by_id():
    docs = [doc("a-scotland-braeside", "Braeside Primary"), doc("z-aitchison", "aitchison College"),
            doc("c-lexden", "", "Internet access"), doc("b-lexden", "", "Internet access")]
    same = {"c-lexden": "Internet access", "b-lexden": "Internet access", "a-scotland-braeside": "Braeside Primary",
            "z-aitchison": "aitchison College"}
    assert [d.id for d in sorted_by_name(docs, same)] == ["z-aitchison", "a-scotland-braeside", "b-lexden", "c-lexden"]
    assert [d.id for d in sorted_by_name(docs)][:2] == ["z-aitchison", "a-scotland-braeside"]


def test_the_home_page_counts_documents_and_distinct_organisations_honestly():
    docs = [doc("a", "Park Road Academy"), doc("b", "PARK ROAD ACADEMY"), doc("c", "The Park Road Academy"),
            doc("d", "Hill School"), doc("e")]
    assert corpus_count(docs) == "**5** documents from **2** organisations (1 does not name its organisation)"
    assert corpus_count([doc("e"), doc("f")]) == "**2** documents, none naming their organisation"


def test_a_word_files_header_names_the_school_and_its_footer_dates_the_policy(tmp_path):
    import docx

    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "PARK ROAD ACADEMY"
    word.sections[0].footer.paragraphs[0].text = "Revised 06/04/2024"
    word.add_paragraph("Acceptable Use Policy")
    word.add_paragraph("Staff must not share their passwords with anyone.")
    path = tmp_path / "aup.docx"
    word.save(path)
    md = segment(read_document(path), "aup", "0" * 64, "sources/aup.docx").metadata
    assert (md.school, md.updated) == ("Park Road Academy", "06/04/2024")


def test_a_pdfs_running_header_names_the_school_and_its_footer_dates_the_policy(tmp_path):
    weasyprint = pytest.importorskip("weasyprint")
    rules = "".join(f"<p>{i}. Staff must not share passwords or leave a computer unlocked, rule {i}.</p>" for i in range(1, 120))
    page = ('@page { size: A4; margin: 30mm 20mm; @top-center { content: "Greenfield Academy"; } '
            '@bottom-left { content: "Revised 06/04/2024"; } @bottom-right { content: counter(page); } }')
    path = tmp_path / "aup.pdf"
    weasyprint.HTML(string=f"<html><head><style>{page}</style></head><body><h1>Acceptable Use Policy</h1>{rules}</body></html>"
                    ).write_pdf(path)
    source = read_document(path)
    assert any(d.text == "Greenfield Academy" for d in source.dropped)  # still dropped from the policy's text
    md = segment(source, "aup", "0" * 64, "sources/aup.pdf").metadata
    assert (md.school, md.updated) == ("Greenfield Academy", "06/04/2024")


def test_a_template_placeholder_is_neither_the_title_nor_a_clause(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("[SCHOOL NAME / LOGO]\nICT ACCEPTABLE USE AGREEMENT FOR PARENTS\n\nParents must not share photos.\n",
                    encoding="utf-8")
    doc = segment(read_document(path), "p", "0" * 64, "sources/p.txt")
    assert (doc.metadata.school, doc.metadata.title) == ("", "ICT ACCEPTABLE USE AGREEMENT FOR PARENTS")
    assert [f.value for f in doc.metadata.fields if f.name == "placeholder"] == ["[SCHOOL NAME / LOGO]"]
    assert all("SCHOOL NAME" not in c.text for c in doc.clauses)


def test_a_word_files_footer_copyright_names_the_school_and_its_dated_parts_date_the_policy(tmp_path):
    import docx

    word = docx.Document()
    word.sections[0].footer.paragraphs[0].text = "Revised 2024-01-09 | \u00a9 2024 Whitmore Hall School"
    word.add_paragraph("SOCIAL MEDIA GUIDELINES")
    word.add_paragraph("Approved by the Head of School: 12th March 2024   |   Review due: Term 4, 2026")
    word.add_paragraph("Faculty must not follow current students on personal accounts.")
    path = tmp_path / "guidelines.docx"
    word.save(path)
    md = segment(read_document(path), "g", "0" * 64, "sources/guidelines.docx").metadata
    assert (md.school, md.adopted, md.review, md.updated) == ("Whitmore Hall School", "12th March 2024", "Term 4, 2026",
                                                             "2024-01-09")
    assert md.approved_by == "Head of School"


def test_a_long_copyright_or_footer_line_is_read_without_backtracking(tmp_path):
    import time

    text = "Acceptable Use Policy\n\nStaff must lock screens.\n\n\u00a9 " + " " * 5000 + "x" + " ," * 5000 + " 2024 y\n" \
        + "a" + " " * 5000 + "page 3 of 4 x" * 200 + "\n"
    start = time.perf_counter()
    organisation(tmp_path, text)
    assert time.perf_counter() - start < 2.0
