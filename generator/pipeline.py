"""The tagging pipeline over a whole corpus: tag every document, apply the overrides, build the families.

``retag_corpus`` is what ``aup tag`` runs and what ``aup ingest`` runs after storing new documents, so
families always span the whole corpus. Everything is computed in memory first; only then are the changed
documents written, each atomically.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .corpus import document_path, load_corpus, load_document, save_document
from .errors import CorpusError
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
    """Tag freshly read documents in place (the ``transform`` hook of :func:`generator.ingest.ingest`).

    Clauses keep the family their stored version had, so re-ingesting an unchanged file writes nothing;
    the family pass that follows the ingest settles families for new and changed text.
    """
    for doc, tagged in zip(docs, tag_documents(docs, corpus)):
        doc.clauses = tagged.clauses
        stored = document_path(corpus, doc.id)
        if stored.exists():
            try:
                families = {c.id: (c.family, c.similarity) for c in load_document(stored, cache=True).clauses}
            except CorpusError:
                continue
            for clause in doc.clauses:
                clause.family, clause.similarity = families.get(clause.id, (clause.family, clause.similarity))


def retag_corpus(corpus: Path, retag: bool = True) -> RetagReport:
    """Re-tag every document of the corpus (unless ``retag`` is False), rebuild the families, write what changed.

    ``aup ingest`` passes ``retag=False``: its new documents were tagged as they were read, the others keep
    their tags, and only the families (which span the whole corpus) are rebuilt.
    """
    from .families import assign_families

    corpus = Path(corpus)
    docs = load_corpus(corpus, cache=True)
    if retag:
        docs = tag_documents(docs, corpus)
    docs, families = assign_families(docs)
    report = RetagReport(documents=len(docs), families=len(families))
    overrides = load_overrides(corpus)
    known = {(d.id, c.id) for d in docs for c in d.clauses}
    report.stale_overrides = [o for o in overrides if (o.document, o.clause) not in known]
    for doc in docs:
        if save_document(corpus, doc, cache=True):  # the parse cache stays warm for `aup build`
            report.written.append(doc.id)
    return report
