"""``aup export clauses``: the corpus as JSON Lines, one clause per line."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .corpus import load_corpus
from .model import Document


def clause_records(doc: Document) -> Iterator[dict[str, Any]]:
    """One flat record per clause of a document."""
    lead_ins = doc.lead_ins()
    for c in doc.clauses:
        lead_in = lead_ins.get(c.id)
        yield {
            "document": doc.id,
            "clause": c.id,
            "label": c.label,
            "kind": c.kind,
            "text": c.text,
            "heading": c.heading,
            "parent": c.parent,
            "lead_in": lead_in.text if lead_in else None,
            "lead_in_id": lead_in.id if lead_in else None,
            "topics": c.topics,
            "confidence": round(c.confidence, 3),
            "evidence": [{"topic": e.topic, "score": e.score, "rules": e.rules} for e in c.evidence],
            "modality": c.modality or None,
            "force": c.force if c.modality else None,
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
