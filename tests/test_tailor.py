"""aup tailor: every chosen clause in every format, real Word numbering and headings, names mapped, template text literal."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_tailor_support import EXAMPLE, HOSTILE, corpus_copy, docx_text, docx_xml, flat, pdf_text, write_recipe

from generator.cli import main
from generator.corpus import load_corpus
from generator.tagging.taxonomy import load_taxonomy
from generator.tailor import detect_names, load_policy, read_recipe, render_policy, replace_names, starter_recipe
from generator.tailor.names import ROLE_WORDS, ROLES, school_forms

FORMATS = ("md", "html", "docx", "pdf")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped corpus with one clause carrying template and HTML text."""
    return corpus_copy(tmp_path_factory.mktemp("tailor"), hostile=True)


@pytest.fixture(scope="module")
def example(corpus: Path) -> tuple:
    """The example recipe's policy and its four renderings."""
    policy, detected = load_policy(EXAMPLE, corpus)
    return policy, detected, render_policy(policy, FORMATS)


def texts(rendered: dict[str, bytes]) -> dict[str, str]:
    """The readable text of each format, without whitespace."""
    return {"md": flat(rendered["md"].decode()), "html": flat(html.unescape(rendered["html"].decode())),
            "docx": flat(docx_text(rendered["docx"])), "pdf": flat(pdf_text(rendered["pdf"]))}


def test_every_chosen_clause_is_in_every_format_with_its_number(example: tuple) -> None:
    policy, _, rendered = example
    assert len(policy.clauses) == 25  # 23 chosen, two of them printed under their lead-in ("Do:")
    found = texts(rendered)
    for clause in policy.clauses:
        for fmt in ("html", "docx", "pdf"):
            assert flat(clause.text) in found[fmt], (fmt, clause.number)
        assert f"**{clause.number}**" in rendered["md"].decode()
    for fmt, text in found.items():
        for needle in ("OakfieldPrimarySchool", "1September2025", "1September2026", "StaffAcceptableUsePolicy"):
            assert needle in text, (fmt, needle)


def test_sections_and_clauses_are_numbered_in_order_restarting_per_section(example: tuple) -> None:
    policy, _, rendered = example
    assert [s.number for s in policy.sections] == list(range(1, len(policy.sections) + 1))
    assert [s.topic for s in policy.sections][:3] == ["scope-purpose", "access-accounts", "internet-email"]
    for section in policy.sections:
        assert [c.number for c in section.clauses] == [f"{section.number}.{i}" for i in range(1, len(section.clauses) + 1)]
    md = rendered["md"].decode()
    assert re.findall(r"^## (\d+)\. ", md, re.M) == [str(s.number) for s in policy.sections]
    assert "## 1. Scope and purpose" in md and "## 5. Social media" in md


def test_names_are_mapped_to_the_schools_own_and_recipe_text_fills_placeholders(example: tuple) -> None:
    policy, detected, rendered = example
    text = "\n".join(c.text for c in policy.clauses) + "\n".join(policy.declaration)
    assert "network manager, Sam Okafor" in text and "Alistair West" not in text
    assert "Oakshire County Council (OCC)" in text and "Gloucestershire" not in text and "GCC" not in text
    assert "At Oakfield Primary School, we want" in text and "Saint Joseph" not in text
    assert "Oakshire Council's Social Media Policy" in text and "Sefton" not in text
    assert "NASUWT" in text  # mapped to itself: kept
    assert "Report any loss of personal data at once to Ruth Ellis" in text
    assert {n.text for n in detected["sefton-staff-governors-visitors#9fe3f930"]} == {"Alistair West"}
    for fmt, body in texts(rendered).items():
        assert "AlistairWest" not in body and "SamOkafor" in body, fmt


def test_the_docx_has_heading_styles_real_numbered_lists_restarting_per_section_and_a_signature_table(example: tuple) -> None:
    policy, _, rendered = example
    document, numbering = docx_xml(rendered["docx"]), docx_xml(rendered["docx"], "word/numbering.xml")
    body = re.findall(r"<w:p[ >].*?</w:p>", document, re.S)
    headings = [p for p in body if '<w:pStyle w:val="Heading1"/>' in p]
    for section in policy.sections:
        assert any(f"{section.number}. {section.title}" in re.sub(r"<[^>]+>", "", h) for h in headings)
    numbered = [p for p in body if "<w:numPr>" in p]
    assert len(numbered) == len(policy.clauses)
    num_ids = [re.search(r'<w:numId w:val="(\d+)"/>', p).group(1) for p in numbered]
    assert len(set(num_ids)) == len(policy.sections)  # one list per section
    for num_id in set(num_ids):
        num = re.search(rf'<w:num w:numId="{num_id}">(.*?)</w:num>', numbering, re.S).group(1)
        assert '<w:startOverride w:val="1"/>' in num
        abstract_id = re.search(r'<w:abstractNumId w:val="(\d+)"/>', num).group(1)
        abstract = re.search(rf'<w:abstractNum w:abstractNumId="{abstract_id}".*?</w:abstractNum>', numbering, re.S).group(0)
        assert '<w:numFmt w:val="decimal"/>' in abstract
    assert numbering.index("<w:abstractNum ") < numbering.index("<w:num ")
    assert '<w:pStyle w:val="Title"/>' in document and "<w:tbl>" in document
    assert "Signed" in docx_text(rendered["docx"]) and "Chair of governors" in docx_text(rendered["docx"])


def test_the_pdf_is_a4_with_page_numbers_and_the_school_in_the_footer(example: tuple) -> None:
    import pypdfium2

    _, _, rendered = example
    pdf = pypdfium2.PdfDocument(rendered["pdf"])
    try:
        width, height = pdf[0].get_size()
        pages = [p.get_textpage().get_text_range() for p in pdf]
    finally:
        pdf.close()
    assert (round(width), round(height)) == (595, 842)
    assert all("Oakfield Primary School" in p and f"Page {i} of {len(pages)}" in p for i, p in enumerate(pages, 1))
    assert "Declaration" in pages[-1] and "Adoption by the governing body" in pages[-1]


def test_template_like_text_in_a_clause_is_printed_literally_in_every_format(tmp_path: Path, corpus: Path) -> None:
    recipe = write_recipe(tmp_path, "topics:\n  access-accounts:\n    - malmesbury-park-primary#e9c034b1\n"
                                    "    - text: \"Lock screens at {school}.\"\n")
    policy, _ = load_policy(recipe, corpus)
    assert policy.clauses[0].text == HOSTILE  # {school} in borrowed text is not a placeholder
    assert policy.clauses[1].text == "Lock screens at Oakfield Primary School."
    rendered = render_policy(policy, FORMATS)
    html = rendered["html"].decode()
    assert "{{ 7*7 }}" in html and "{% if x %}this{% endif %}" in html and "49" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    md = rendered["md"].decode()
    assert r"{{ 7\*7 }} and {% if x %}this{% endif %} \<script\>alert(1)\</script\> \*now\* \& {school}." in md
    for fmt in ("docx", "pdf"):
        body = docx_text(rendered[fmt]) if fmt == "docx" else pdf_text(rendered[fmt])
        assert flat(HOSTILE) in flat(body), fmt


@pytest.mark.parametrize("text, school, expected", [
    ("Ask the network manager, Alistair West, first.", "", {"Alistair West"}),
    ("Speak to Mrs J Smith (Headteacher) today.", "", {"Mrs J Smith"}),
    ("Tom Birch, our Designated Safeguarding Lead, decides.", "", {"Tom Birch"}),
    ("Use of Gloucestershire County Council (GCC) internet", "", {"Gloucestershire County Council", "GCC"}),
    ("I have read Sefton Councils Social Media Policy.", "", {"Sefton Councils Social Media Policy"}),
    ("In line with NASUWT teachers' union guidance.", "", {"NASUWT"}),
    ("Hopelands Preparatory School expects this; at Hopelands we care.", "Hopelands Preparatory School",
     {"Hopelands Preparatory School", "Hopelands"}),
    ("Read the Data Protection Policy and the School E-Safety Policy.", "", set()),
    ("Tell the Headteacher, Designated Safeguarding Lead or County Council.", "", set()),
    ("We use ICT, GDPR rules and SIMS.", "", set()),
])
def test_names_are_detected_by_general_patterns(text: str, school: str, expected: set[str]) -> None:
    assert {n.text for n in detect_names(text, school)} == expected


ROLE_EXAMPLES = ["headteacher", "Head Teacher", "headmaster", "headmistress", "principal", "deputy head", "Deputy Headteacher",
                 "network manager", "IT manager", "ICT technician", "IT co-ordinator", "ICT coordinator", "IT lead",
                 "technician", "bursar", "school business manager", "office manager", "designated safeguarding lead",
                 "DSL", "data protection officer", "DPO", "chair of governors", "Chair of the Governors",
                 "computing lead", "computing coordinator", "online safety lead", "e-safety co-ordinator",
                 "esafety officer", "SENCO", "clerk to the governors"]


@pytest.mark.parametrize("role", ROLE_EXAMPLES)
def test_a_role_named_before_or_after_a_person_is_found_whatever_the_role(role: str) -> None:
    # the role patterns are tried only on texts holding one of ROLE_WORDS: every role must hold one
    assert re.fullmatch(ROLES, role, re.I) and any(w in role.lower() for w in ROLE_WORDS)
    assert {n.text for n in detect_names(f"Ask the {role}, Alistair West, first.")} == {"Alistair West"}
    assert {n.text for n in detect_names(f"Speak to Priya Shah ({role}) today.")} == {"Priya Shah"}


def test_a_school_name_has_a_short_form() -> None:
    assert school_forms("St Joseph's Catholic Primary School") == ["St Joseph's Catholic Primary School", "St Joseph's"]


def test_names_are_replaced_in_one_pass_longest_first_on_word_boundaries() -> None:
    mapping = {"Hopelands": "Oakfield", "Hopelands Preparatory School": "Oakfield Primary School", "Oakfield": "X",
               "Al": "Bob"}
    text = "Hopelands Preparatory School and Hopelands; Alistair {{ x }}"
    assert replace_names(text, mapping) == "Oakfield Primary School and Oakfield; Alistair {{ x }}"


def test_init_writes_a_starter_recipe_that_is_flagged_until_the_school_fills_it_in(tmp_path: Path, corpus: Path) -> None:
    runner = CliRunner()
    starter = tmp_path / "starter.yaml"
    result = runner.invoke(main, ["tailor", "--init", "--corpus", str(corpus), "--out", str(starter)])
    assert result.exit_code == 0, result.output
    recipe = read_recipe(starter)
    assert sum(len(t.clauses) for t in recipe.topics) >= 10 and all(c.family for t in recipe.topics for c in t.clauses)
    result = runner.invoke(main, ["tailor", str(starter), "--corpus", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "school.name is missing" in result.output and not (tmp_path / "out").exists()
    text = starter.read_text().replace('  name: ""', '  name: "Oakfield"').replace('version: ""', 'version: "1"')
    text = text.replace('adopted: ""', 'adopted: "2025-09-01"').replace('review_due: ""', 'review_due: "2026-09-01"')
    starter.write_text(text)
    result = runner.invoke(main, ["tailor", str(starter), "--corpus", str(corpus), "--out", str(tmp_path / "out"),
                                  "--format", "md,html"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["oakfield-aup.html", "oakfield-aup.md"]


def test_the_starter_takes_the_families_shared_by_most_schools_first(corpus: Path) -> None:
    docs = load_corpus(corpus)
    text = starter_recipe(docs, load_taxonomy(corpus), per_topic=1)
    assert text.count("- {family:") == len(re.findall(r"^  [a-z-]+:  # ", text, re.M))


def test_the_cli_writes_all_four_formats_and_the_markdown_is_stable(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    args = ["tailor", str(EXAMPLE), "--corpus", str(corpus), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html", ".md", ".pdf"]
    first = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".md", ".html", ".docx")}
    assert CliRunner().invoke(main, args).exit_code == 0
    assert first == {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".md", ".html", ".docx")}


def test_aup_declarations_accepts_a_recipe(tmp_path: Path, corpus: Path) -> None:
    result = CliRunner().invoke(main, ["declarations", str(EXAMPLE), "--corpus", str(corpus), "--format", "html",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "oakfield-primary-school-aup-sheet.html").read_text()
    assert "Oakfield Primary School" in html and "Oakshire Council&#39;s Social Media Policy" in html


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_docx_converts_cleanly_with_libreoffice(tmp_path: Path, example: tuple) -> None:
    policy, _, rendered = example
    source = tmp_path / "policy.docx"
    source.write_bytes(rendered["docx"])
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    text = flat(pdf_text((tmp_path / "policy.pdf").read_bytes()))
    for clause in policy.clauses:
        assert flat(clause.text) in text
    # LibreOffice prints the Word list numbers: "3.2" before the second clause of section 3
    assert flat(f"3.2{policy.sections[2].clauses[1].text}") in text


def test_sections_follow_the_recipes_order_before_the_taxonomys(corpus: Path, tmp_path: Path) -> None:
    recipe = write_recipe(tmp_path, "order: [mobile-devices, access-accounts]\ntopics:\n"
                                    "  access-accounts:\n    - text: \"Lock your screen.\"\n"
                                    "  scope-purpose:\n    - text: \"This policy covers everyone.\"\n"
                                    "  mobile-devices:\n    - text: \"Phones stay in lockers.\"\n")
    policy, _ = load_policy(recipe, corpus)
    assert [s.topic for s in policy.sections] == ["mobile-devices", "access-accounts", "scope-purpose"]
