"""The corpus commands as library functions: ``aup ingest`` is :func:`ingest`, ``aup tag`` is :func:`retag_corpus`.

Each runs in one direction: read (and validate) what is stored, read the inputs, tag, build the families
over the whole corpus, check the whole result against the schema, and only then write: each changed
document once, atomically. If a stored document is invalid, nothing is read, tagged or written.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .corpus import document_files, document_path, dump_document, load_document, parse_yaml, sha256_of, validate
from .corpus.cache import warm_cache, write_parsed
from .errors import CorpusError
from .families import assign_families
from .ingest import IngestReport, Outcome, read_inputs
from .metadata_overrides import MetadataOverride, apply_metadata, load_metadata_overrides, record_metadata
from .model import Document
from .stored_changes import plan_earlier_versions, store_changes
from .tagging.learned import load_model, model_path
from .tagging.overrides import Override, apply_overrides, load_overrides
from .tagging.tagger import tag_document
from .tagging.taxonomy import load_taxonomy_file, taxonomy_path
from .versions import declared_versions, ingest_date, place_versions
from .writer import Writer


@dataclass
class RetagReport:
    """What one re-tag of the corpus did."""

    documents: int = 0
    written: list[str] = field(default_factory=list)
    families: int = 0
    stale_overrides: list[Override] = field(default_factory=list)


class InvalidCorpusError(CorpusError):
    """One or more corpus files are invalid; each problem names its file (and line where there is one)."""

    def __init__(self, problems: list[str], what: str) -> None:
        super().__init__(f"{what}; nothing was written:\n  " + "\n  ".join(problems))
        self.problems = problems


def load_stored(corpus: Path) -> list[Document]:
    """Every stored document, validated (each file parsed once); raise InvalidCorpusError naming every bad file."""
    docs, problems = [], []
    for path in document_files(Path(corpus)):
        try:
            docs.append(load_document(path, validate=True, cache=True))
        except CorpusError as exc:
            problems.append(str(exc))
    if problems:
        raise InvalidCorpusError(problems, f"{len(problems)} corpus file(s) invalid; fix or remove them "
                                 "(`aup check` lists every problem)")
    return docs


def tag_documents(docs: list[Document], corpus: Path) -> list[Document]:
    """Tag documents with the corpus's taxonomy and model (``model.json``) and apply its overrides (nothing written)."""
    taxonomy = load_taxonomy_file(taxonomy_path(corpus))
    overrides = load_overrides(corpus)
    model = load_model(model_path(corpus))
    tagged = [tag_document(doc, taxonomy, model) for doc in docs]
    return [apply_overrides(doc, overrides, taxonomy) for doc in tagged]


def plan_documents(corpus: Path, docs: list[Document]) -> dict[Path, tuple[str, Any]]:
    """The YAML (and its parse) of every document whose file would change, each checked against the schema.

    Nothing is written; raises InvalidCorpusError listing every problem when any would fail the schema.
    """
    planned: dict[Path, tuple[str, Any]] = {}
    problems: list[str] = []
    for doc in docs:
        path = document_path(corpus, doc.id)
        text = dump_document(doc)
        try:
            if path.read_bytes() == text.encode("utf-8"):
                continue
        except OSError:
            pass
        data = parse_yaml(text)
        problems += validate(data, path)
        planned[path] = (text, data)
    if problems:
        raise InvalidCorpusError(problems, "the result would not pass the corpus schema")
    return planned


def write_documents(planned: dict[Path, tuple[str, Any]], writer: Writer) -> None:
    """Write each planned document once, atomically, and keep its (validated) parse in the parse cache."""
    for path, (text, data) in planned.items():
        writer.write(path, text, f"document {path.stem}")
        write_parsed(path, sha256_of(text.encode("utf-8")), data, valid=True)  # `aup build` will not parse it again


def ingest(paths: Iterable[Path], corpus: Path,
           progress: Callable[[list[Path]], Iterable[Path]] | None = None,
           metadata: dict[str, str] | None = None, version_of: str = "") -> IngestReport:
    """``aup ingest``: read, segment and tag the files, re-family the corpus, validate it all, then write.

    A bad input file gets one failed outcome and the others still go in; a bad stored document or overrides
    file stops the run before anything is written (the error names the file). ``metadata`` (school,
    source_url, publisher, ...) is set by hand on every document of the run and kept in the overrides file's
    metadata section, so it survives re-ingesting; the section's values for the other documents apply as well.
    A changed source of a stored policy becomes its new version (``version_of`` names the policy; see
    :mod:`generator.versions`), the old one kept under ``corpus/versions/``.
    """
    corpus = Path(corpus)
    hand_set = load_metadata_overrides(corpus)  # a bad overrides file stops the run before anything is read
    stored = {doc.id: doc for doc in load_stored(corpus)}
    names = {doc_id: doc.source.name for doc_id, doc in stored.items() if doc.source.name}
    ready, failed = read_inputs(paths, corpus, names, progress)
    placed = place_versions(corpus, ready, stored, ingest_date(), version_of, declared_versions(corpus))
    ready = placed.ready
    report = IngestReport(failed + placed.skipped, documents=len(stored))
    if not ready:
        return report
    given = {k: v for k, v in (metadata or {}).items() if v}
    if given:
        hand_set = hand_set + [MetadataOverride(doc.id, dict(given)) for _, doc, _ in ready]
    merged = dict(stored)
    for doc in tag_documents([apply_metadata(doc, hand_set) for _, doc, _ in ready], corpus):
        if doc.id in stored:  # a re-read clause keeps its family, so alignment keeps the family's id
            before = {c.id: (c.family, c.similarity) for c in stored[doc.id].clauses}
            doc = replace(doc, clauses=[replace(c, family=before[c.id][0], similarity=before[c.id][1])
                                        if c.id in before else c for c in doc.clauses])
        merged[doc.id] = doc
    # metadata fixed by hand wins over what was read, for the stored documents too
    docs, families = assign_families([apply_metadata(merged[k], hand_set) for k in sorted(merged)])
    planned = plan_documents(corpus, docs)
    if given:  # validated: now the hand-set values go into the overrides file, then the documents
        record_metadata(corpus, {doc.id: given for _, doc, _ in ready})
    writer = Writer()
    for archived, content in placed.archive.items():  # old versions are kept before anything replaces them
        writer.write(archived, content, "an earlier version")
        if isinstance(content, str):  # its parse cached, so the site's change pages do not parse it again
            warm_cache(archived, content)
    for path, doc, data in ready:  # the source copies first: a document never names a source not yet there
        source_copy = corpus / doc.source.path
        if source_copy.resolve() != path.resolve():
            writer.write(source_copy, data, str(path))
    write_documents(planned, writer)
    for index, text in placed.indexes.items():
        writer.write(index, text, "a version index")
    store_changes(corpus, [doc for doc in docs if doc.id in placed.versions], writer)  # what the site reads
    for path, doc, _ in ready:
        changed = document_path(corpus, doc.id) in planned
        status = ("updated" if changed else "unchanged") if doc.id in stored else "added"
        new_version = placed.versions.get(doc.id)
        report.outcomes.append(Outcome(str(path), "updated" if new_version else status, doc.id,
                                       f"version {new_version}" if new_version else ""))
    report.documents, report.families, report.tagged = len(docs), len(families), len(ready)
    return report


def retag_corpus(corpus: Path) -> RetagReport:
    """``aup tag``: re-tag every document, rebuild the families, validate the result, write what changed."""
    corpus = Path(corpus)
    docs = tag_documents(load_stored(corpus), corpus)
    hand_set = load_metadata_overrides(corpus)
    docs = [apply_metadata(doc, hand_set) for doc in docs]  # metadata fixed by hand wins over what was read
    docs, families = assign_families(docs)
    report = RetagReport(documents=len(docs), families=len(families))
    known = {(d.id, c.id) for d in docs for c in d.clauses}
    report.stale_overrides = [o for o in load_overrides(corpus) if (o.document, o.clause) not in known]
    earlier = plan_earlier_versions(corpus, docs, lambda found: tag_documents(found, corpus))  # one tagger for all
    planned = plan_documents(corpus, docs)
    write_documents({**earlier, **planned}, Writer())
    store_changes(corpus, docs)  # a re-tag changes force: the stored changes of a changed document are stale
    report.written = [path.stem for path in planned]
    return report
