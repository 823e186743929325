"""Helpers for the site tests: a small project (mkdocs.yml, guide, corpus) built from the shipped corpus."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from support.synthetic import copy_sources, synthetic_corpus

from generator.corpus import load_corpus, save_document
from generator.model import Document
from generator.project import new_project

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "corpus"
PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }}"


def inject(doc: Document, payload: str) -> Document:
    """The document with the payload in its school name, its first family clause and its first loose clause."""
    clauses = list(doc.clauses)
    first_family = next(i for i, c in enumerate(clauses) if c.family and c.topics)
    clauses[first_family] = replace(clauses[first_family], text=f"{clauses[first_family].text} {payload}")
    clauses[-1] = replace(clauses[-1], text=f"Loose clause {payload}", family=None)
    return replace(doc, metadata=replace(doc.metadata, school=f"{doc.metadata.school} {payload}"), clauses=clauses)


def make_project(root: Path, n: int = 8, payload: str | None = None) -> tuple[Path, Path]:
    """A project in ``root`` with ``n`` documents tagged by the real tagger; returns (corpus folder, mkdocs.yml)."""
    corpus = root / "corpus"
    shutil.copytree(SHIPPED / "sources", corpus / "sources")
    shutil.copy(SHIPPED / "topics.yaml", corpus / "topics.yaml")
    shutil.copy(SHIPPED / "overrides.yaml", corpus / "overrides.yaml")
    docs = synthetic_corpus(load_corpus(SHIPPED), n, corpus)
    if payload:
        docs[0] = inject(docs[0], payload)
    copy_sources(docs, SHIPPED, corpus)
    for doc in docs:
        save_document(corpus, doc)
    new_project(root, name="Test Atlas")  # mkdocs.yml and the guide, as `aup new` writes them
    return corpus, root / "mkdocs.yml"
