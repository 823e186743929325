"""Helpers for the tailoring and declaration tests: a copy of the shipped corpus, recipes, text of each format."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

from generator.corpus import load_corpus, save_document

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "corpus"
EXAMPLE = REPO / "examples" / "recipe.yaml"
HOSTILE = "Staff must read {{ 7*7 }} and {% if x %}this{% endif %} <script>alert(1)</script> *now* & {school}."

SCHOOL = """\
recipe: 1
school:
  name: "Oakfield Primary School"
  address: "12 Oak Lane"
people:
  headteacher: "Mrs Priya Shah"
  network_manager: "Sam Okafor"
  chair_of_governors: "Dr Alan Hughes"
version: "2.0"
adopted: 2025-09-01
review_due: 2026-09-01
"""


def corpus_copy(root: Path, hostile: bool = False) -> Path:
    """The shipped corpus in ``root/corpus``; with ``hostile``, one loose clause carries template and HTML text."""
    corpus = root / "corpus"
    shutil.copytree(SHIPPED, corpus, ignore=shutil.ignore_patterns("sources"))
    if hostile:
        doc = next(d for d in load_corpus(corpus) if d.id == "malmesbury-park-primary")
        clauses = [replace(c, text=HOSTILE) if c.id == "e9c034b1" else c for c in doc.clauses]
        save_document(corpus, replace(doc, clauses=clauses))
    return corpus


def write_recipe(root: Path, body: str, head: str = SCHOOL) -> Path:
    """A recipe file: the school block and ``body`` (topics, names, ...)."""
    path = root / "recipe.yaml"
    path.write_text(head + body, encoding="utf-8")
    return path


def flat(text: str) -> str:
    """Text without whitespace, so wrapping in a PDF or Word document does not matter."""
    return re.sub(r"\s+", "", text)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def pdf_text(data: bytes) -> str:
    """All the text of a PDF."""
    return "\n".join(pdf_pages(data))


def docx_text(data: bytes) -> str:
    """All paragraph text of a Word document, tables included."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(parts)


def docx_xml(data: bytes, part: str = "word/document.xml") -> str:
    """One XML part of a Word document."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(part).decode("utf-8")
