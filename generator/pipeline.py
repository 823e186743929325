"""The tagging pipeline over a whole corpus: tag every document, apply the overrides, build the families.

``retag_corpus`` is what ``aup tag`` runs and what ``aup ingest`` runs after storing new documents, so
families always span the whole corpus. Everything is computed in memory first; only then are the changed
documents written, each atomically.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .corpus import load_corpus, save_document
from .model import Document
from .tagging.overrides import Override, apply_overrides, load_overrides
from .tagging.tagger import tag_document
from .tagging.taxonomy import load_taxonomy_file, taxonomy_path


@dataclass
class RetagReport:
    """What one re-tag of the corpus did."""

    documents: int = 0
    written: list[str] = field(default_factory=list)
    families: int = 0
    stale_overrides: list[Override] = field(default_factory=list)


def tag_documents(docs: list[Document], corpus: Path) -> list[Document]:
    """Tag documents with the corpus's taxonomy and apply its overrides (no families, nothing written)."""
    taxonomy = load_taxonomy_file(taxonomy_path(corpus))
    overrides = load_overrides(corpus)
    tagged = [tag_document(doc, taxonomy) for doc in docs]
    return [apply_overrides(doc, overrides, taxonomy) for doc in tagged]


def tag_in_place(docs: list[Document], corpus: Path) -> None:
    """Tag freshly read documents in place (the ``transform`` hook of :func:`generator.ingest.ingest`)."""
    for doc, tagged in zip(docs, tag_documents(docs, corpus)):
        doc.clauses = tagged.clauses


def retag_corpus(corpus: Path) -> RetagReport:
    """Re-tag every document of the corpus, rebuild the families, and write the documents that changed."""
    from .families import assign_families

    corpus = Path(corpus)
    docs = tag_documents(load_corpus(corpus), corpus)
    docs, families = assign_families(docs)
    report = RetagReport(documents=len(docs), families=len(families))
    overrides = load_overrides(corpus)
    known = {(d.id, c.id) for d in docs for c in d.clauses}
    report.stale_overrides = [o for o in overrides if (o.document, o.clause) not in known]
    for doc in docs:
        if save_document(corpus, doc):
            report.written.append(doc.id)
    return report
