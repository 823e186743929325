"""Printable outputs a screen reader can read (issue 18): tailored policies and every declaration layout are tagged
PDF/UA with their language and title, and their text comes out in document order; Word files declare en-GB and use
heading styles."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from test_tailor_support import flat, pdf_pages

from generator.corpus import load_corpus
from generator.declarations import render_declarations, source_from_document
from generator.tailor import load_policy, render_policy

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXAMPLE = ROOT / "examples" / "recipe.yaml"
LAYOUTS = ("sheet", "roster", "adoption")


def pdfinfo(data: bytes, tmp_path: Path) -> dict[str, str]:
    """What poppler's ``pdfinfo`` says about a PDF, as a dict."""
    if not shutil.which("pdfinfo"):
        pytest.skip("needs poppler-utils (pdfinfo)")
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def catalog(data: bytes) -> dict:
    """The PDF's document catalog (language, structure tree, mark info)."""
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data)).trailer["/Root"]


def assert_accessible_pdf(data: bytes, title: str, tmp_path: Path) -> None:
    info = pdfinfo(data, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == title
    root = catalog(data)
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def assert_in_order(text: str, parts: list[str]) -> None:
    """Each part appears in ``text`` after the one before it (whitespace ignored)."""
    flat_text, at = flat(text), 0
    for part in parts:
        found = flat_text.find(flat(part)[:60], at)
        assert found >= 0, f"not found after position {at}: {part[:60]!r}"
        at = found


@pytest.fixture(scope="module")
def tailored() -> tuple:
    """The example recipe's policy, rendered as PDF and Word."""
    policy, _ = load_policy(EXAMPLE, CORPUS)
    return policy, render_policy(policy, ("pdf", "docx"))


def test_the_tailored_policy_is_a_tagged_pdf_with_its_language_and_title(tailored: tuple, tmp_path: Path) -> None:
    policy, rendered = tailored
    title = re.search(r"<title>(.*?)</title>", render_policy(policy, ("html",))["html"].decode(), re.S).group(1)
    assert_accessible_pdf(rendered["pdf"], title.replace("&middot;", "·").strip(), tmp_path)


def test_the_tailored_pdf_text_comes_out_in_the_policys_order(tailored: tuple) -> None:
    policy, rendered = tailored
    parts = [policy.title]
    for section in policy.sections:
        parts.append(section.title)
        parts += [c.text for c in section.clauses]
    assert_in_order("\n".join(pdf_pages(rendered["pdf"])), parts)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_declaration_layout_is_a_tagged_pdf_with_its_text_in_order(layout: str, tmp_path: Path) -> None:
    doc = next(d for d in load_corpus(CORPUS) if d.id == "malmesbury-park-primary")
    source = source_from_document(doc)
    out = render_declarations(source, None, layout, ["pdf", "html"])
    title = re.search(r"<title>(.*?)</title>", out["html"].decode(), re.S).group(1).strip()
    assert_accessible_pdf(out["pdf"], title.replace("&amp;", "&"), tmp_path)
    html_text = re.sub(r"<[^>]+>", "\n", re.sub(r"<(head|style)\b.*?</\1>", "", out["html"].decode(), flags=re.S))
    lines = [line.strip() for line in html_text.splitlines() if len(line.strip()) > 20]
    assert_in_order("\n".join(pdf_pages(out["pdf"])), lines)


def _docx_language(data: bytes) -> tuple[str, str]:
    document = open_docx(io.BytesIO(data))
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    return document.core_properties.language, lang.get(qn("w:val"))


def test_word_files_declare_british_english_and_use_heading_styles(tailored: tuple) -> None:
    _, rendered = tailored
    doc = next(d for d in load_corpus(CORPUS) if d.id == "hopelands-prep")
    for data in (rendered["docx"], *(render_declarations(source_from_document(doc), None, layout, ["docx"])["docx"]
                                     for layout in LAYOUTS)):
        assert _docx_language(data) == ("en-GB", "en-GB")
        styles = {p.style.name for p in open_docx(io.BytesIO(data)).paragraphs}
        assert styles & {"Heading 1", "Heading 2", "Title"}, styles
