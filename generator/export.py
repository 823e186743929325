"""``aup export clauses``: the corpus as JSON Lines, one clause per line."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from .corpus import load_corpus
from .model import Document


def clause_records(doc: Document) -> Iterator[dict[str, Any]]:
    """One flat record per clause of a document."""
    for c in doc.clauses:
        yield {
            "document": doc.id,
            "clause": c.id,
            "label": c.label,
            "kind": c.kind,
            "text": c.text,
            "heading": c.heading,
            "parent": c.parent,
            "topics": c.topics,
            "evidence": [{"topic": e.topic, "score": e.score, "rules": e.rules} for e in c.evidence],
            "modality": c.modality or None,
            "audience": c.audience,
            "family": c.family,
            "similarity": c.similarity,
            "school": doc.metadata.school,
            "source": {"path": doc.source.path, doc.source.unit + "s": c.span.to_list()},
        }


def export_clauses(corpus: Path) -> Iterator[dict[str, Any]]:
    """Every clause of the corpus, documents in id order, clauses in reading order."""
    for doc in load_corpus(corpus):
        yield from clause_records(doc)
