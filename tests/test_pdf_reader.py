"""The PDF reader: Word-made PDFs as schools publish them, and PDFs it must refuse."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator.corpus import account
from generator.errors import ReadError
from generator.readers import read_document
from generator.segment import segment

DECOY = Path(__file__).resolve().parents[2] / "shared" / "wild" / "decoy"
needs_decoy = pytest.mark.skipif(not DECOY.is_dir(), reason="../shared/wild/decoy is not beside the project")


def clauses(path: Path):
    source = read_document(path)
    doc = segment(source, "d", "0" * 64, f"sources/{path.name}")
    assert account(doc, source.units) == []
    return doc


def _squash(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


@needs_decoy
@pytest.mark.parametrize("pdf, txt", [
    ("decoy-foundation-and-ks1-decoy-school-acceptable-user-agreement.pdf", "uk-decoy-pupil-aua-fs-ks1.txt"),
    ("decoy-years-3-and-4-decoy-school-acceptable-user-agreement.pdf", "uk-decoy-pupil-aua-y3-4.txt"),
    ("decoy-years-5-and-6-decoy-school-acceptable-user-agreement.pdf", "uk-decoy-pupil-aua-y5-6.txt"),
])
def test_pupil_agreements_come_out_whole_and_match_their_text_extraction(pdf, txt):
    from_pdf = [_squash(c.text) for c in clauses(DECOY / pdf).clauses]
    from_txt = [_squash(c.text) for c in clauses(DECOY / txt).clauses]
    assert len(from_pdf) >= 6
    # every clause of the text extraction is a clause of the PDF, whole (hard wraps joined)
    assert [t for t in from_txt if t not in from_pdf] == []


EXPECTED_STAFF = [
    "I will not disclose my username or password to anyone else, nor will I try to use any other person's username "
    "and password. I understand that I should not write down or store a password where it is possible that someone "
    "may steal it.",
    "I will ensure that when I take and / or publish images of others I will do so with their permission and in "
    "accordance with the school's policy on the use of digital / video images. I will not use my personal equipment "
    "to record these images, unless I have permission to do so. Where these images are published (e.g. on the school "
    "website / VLE) it will not be possible to identify by name, or other personal information, those who are featured.",
    "I will only use chat and social networking sites in school in accordance with the school's policies.",
    "I will only communicate with pupils and parents / carers using official school systems. Any such communication "
    "will be professional in tone and manner",
]


@needs_decoy
def test_the_51_page_policy_keeps_clauses_whole_across_page_breaks_and_drops_running_lines():
    doc = clauses(DECOY / "decoy-2018-online-safety-policy.pdf")
    texts = [_squash(c.text) for c in doc.clauses]
    for expected in EXPECTED_STAFF:
        assert expected in texts
    for text in texts:
        assert "All rights reserved" not in text and "Belvedere House" not in text
        assert "SWGfL Online Safety Policies" not in text
    reasons = {d.reason.split(" (")[0] for d in doc.dropped}
    assert "running header or footer" in reasons
    assert sum(1 for d in doc.dropped if d.text == "SWGfL Online Safety Policies") >= 45


def _blank_pdf(encrypt: bool = False) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypt:
        writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("image-only.pdf", lambda: _blank_pdf(), "no text layer"),
    ("encrypted.pdf", lambda: _blank_pdf(encrypt=True), "encrypted"),
    ("corrupt.pdf", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf", "not a readable PDF"),
    ("truncated.pdf", lambda: _blank_pdf()[:200], "not a readable PDF"),
])
def test_bad_pdfs_get_one_clear_line(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data())
    with pytest.raises(ReadError, match=message) as info:
        read_document(path)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


@needs_decoy
def test_a_flattened_matrix_becomes_a_table_block_not_clauses():
    doc = clauses(DECOY / "decoy-2018-online-safety-policy.pdf")
    rows = [row for table in doc.tables for row in table.rows]
    assert ["Infringing copyright", "X"] in rows
    assert any(row[0].startswith("Revealing or publicising confidential") and row[-1] == "X" for row in rows)
    texts = {c.text for c in doc.clauses}
    assert "Infringing copyright" not in texts and "X" not in texts


def test_mark_cells_make_table_rows_not_metadata():
    from generator.readers.lines import blocks_from_lines

    found, _, _ = blocks_from_lines(["pornography\tX", "", "Infringing copyright\tX", "Approved by:\tGoverning Body"])
    assert [(b.kind, b.rows) for b in found] == [("table", [["pornography", "X"], ["Infringing copyright", "X"]]),
                                                ("meta", [["Approved by", "Governing Body"]])]


@pytest.fixture(scope="module")
def tailored(tmp_path_factory):
    """The example recipe built in every format, and its numbered clauses as the Markdown states them."""
    import re

    from click.testing import CliRunner

    from generator.cli import main

    root = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("tailored")
    result = CliRunner().invoke(main, ["tailor", str(root / "examples" / "recipe.yaml"), "--corpus", str(root / "corpus"),
                                       "--out", str(out), "--format", "md,html,docx,pdf"])
    assert result.exit_code == 0, result.output
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    numbered = {m.group(1): _squash(m.group(2).replace("\\", ""))
                for m in re.finditer(r"^(?:- )?\*\*(\d+\.\d+(?:\.\d+)?)\*\* (.+)$", markdown, re.M)}  # items under a lead-in: 5.4.1
    assert len(numbered) >= 20
    return out, numbered


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html", ".md"])
def test_our_own_tailored_policy_reads_back_clause_for_clause_in_every_format(tailored, suffix):
    """Another producer's files: WeasyPrint writes a list's numbers after its text, the HTML shows its own numbers."""
    out, numbered = tailored
    doc = clauses(next(out.glob(f"*{suffix}")))
    assert {c.label: _squash(c.text) for c in doc.clauses if c.label} == numbered
    assert doc.metadata.title == "Staff Acceptable Use Policy"


def test_a_heading_wrapped_over_two_lines_is_one_heading(tmp_path):
    """A title too long for the page width is set on two lines of the same size; the second is not a heading of
    its own under the first ("... FOR INTERNET USE" / "AND SOCIAL MEDIA")."""
    from generator.pdf import render_pdf

    body = "<p>Staff must lock their screens when they leave a computer, and report any fault to the office.</p>" * 6
    html = (f"<h1>AGREEMENT FOR INTERNET USE<br>AND SOCIAL MEDIA</h1>{body}"
            f"<h2>Use of the school network<br>and e-mail by staff</h2>{body}"
            f"<h2>Pupil Agreement \u2013<br>Upper Key Stage 2</h2>{body}"
            f"<h2 style='text-align:center'>Online Safety<br>Policy</h2>{body}<h2>Passwords</h2><h2>Screens</h2>{body}")
    path = tmp_path / "wrapped.pdf"
    path.write_bytes(render_pdf(f"<html lang=\"en\"><body>{html}</body></html>"))
    doc = clauses(path)
    titles = [doc.metadata.title] + [s.title for s in doc.sections]
    assert "AGREEMENT FOR INTERNET USE AND SOCIAL MEDIA" in titles
    assert "Use of the school network and e-mail by staff" in titles
    assert {"Pupil Agreement \u2013 Upper Key Stage 2", "Online Safety Policy", "Passwords", "Screens"} <= set(titles)
    assert not {"AND SOCIAL MEDIA", "and e-mail by staff", "Upper Key Stage 2", "Policy"} & set(titles)
