"""The corpus commands as library functions: ``aup ingest`` is :func:`ingest`, ``aup tag`` is :func:`retag_corpus`.

Each runs in one direction: read (and validate) what is stored, read the inputs, tag, build the families
over the whole corpus (or, when ingest adds a few documents, join their clauses to the stored families), check
the whole result against the schema, and only then write: each changed document once, atomically. If a stored
document is invalid, nothing is read, tagged or written.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .corpus import conforms, document_files, document_path, document_to_dict, load_document, sha256_of, validate
from .corpus.cache import warm_cache, write_parsed
from .corpus.store import dump_data, paused_gc
from .corpus.transaction import Transaction, corpus_lock
from .errors import CorpusError
from .families import assign_families
from .ingest import IngestReport, Outcome, read_inputs
from .metadata_overrides import MetadataOverride, apply_metadata, load_metadata_overrides, record_metadata
from .model import Document
from .stored_changes import plan_earlier_versions, store_changes
from .tagging.learned import load_model, model_path
from .tagging.overrides import Override, apply_overrides, load_overrides
from .tagging.tagger import is_topical, tag_document
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


def tagger(corpus: Path) -> Callable[[Document], Document]:
    """The corpus's tagging as a function of one document: its taxonomy and model (``model.json``), then its
    overrides (everything loaded once, here)."""
    taxonomy = load_taxonomy_file(taxonomy_path(corpus))
    overrides = load_overrides(corpus)
    model = load_model(model_path(corpus))
    is_topical("", taxonomy)  # builds the taxonomy's term matcher now, once, not in each process of a split run
    return lambda doc: apply_overrides(tag_document(doc, taxonomy, model), overrides, taxonomy)


def tag_documents(docs: list[Document], corpus: Path) -> list[Document]:
    """Tag documents with the corpus's taxonomy and model (``model.json``) and apply its overrides (nothing written)."""
    tag = tagger(corpus)
    return [tag(doc) for doc in docs]


def _plan_part(corpus: Path, docs: list[Document]) -> list[tuple[Path, str, list[str]]]:
    """(path, YAML, schema problems) of each document whose file would change; each valid one's stored form
    goes into the parse cache now (keyed by the sha256 of its bytes, so an entry for a file never written
    is never read)."""
    out = []
    for doc in docs:
        path = document_path(corpus, doc.id)
        data = document_to_dict(doc)
        text = dump_data(data)
        raw = text.encode("utf-8")
        try:
            if path.read_bytes() == raw:
                continue
        except OSError:
            pass
        problems = [] if conforms(data) else validate(data, path)
        if not problems:
            write_parsed(path, sha256_of(raw), data, valid=True)  # `aup build` will not parse it again
        out.append((path, text, problems))
    return out


def plan_documents(corpus: Path, docs: list[Document]) -> dict[Path, str]:
    """The YAML of every document whose file would change, each checked against the schema.

    Nothing is written but the parse cache; raises InvalidCorpusError listing every problem when any would
    fail the schema. The data checked is the document's stored form itself (what parsing the YAML gives
    back, a test checks), so each document is serialised once and never parsed again; the schema's compiled
    check passes it, and jsonschema explains any that fail. On two cores a forked child plans every other
    document.
    """
    from .site.parallel import can_fork, in_two

    if len(docs) >= 8 and can_fork():
        theirs, ours = in_two(lambda: _plan_part(corpus, docs[1::2]), lambda: _plan_part(corpus, docs[0::2]))
        order = {doc.id: k for k, doc in enumerate(docs)}
        parts = sorted(theirs + ours, key=lambda p: order[p[0].stem])
    else:
        parts = _plan_part(corpus, docs)
    problems = [problem for _, _, found in parts for problem in found]
    if problems:
        raise InvalidCorpusError(problems, "the result would not pass the corpus schema")
    return {path: text for path, text, _ in parts}


def write_documents(corpus: Path, planned: dict[Path, str], writer: Writer, transaction: Transaction | None = None) -> None:
    """Write each planned document once, with what ``transaction`` already holds, all or none (see
    :class:`Transaction`)."""
    transaction = transaction or Transaction(corpus)
    for path, text in planned.items():
        writer.claim(path, f"document {path.stem}")
        transaction.stage(path, text)
    transaction.commit()


def ingest(paths: Iterable[Path], corpus: Path,
           progress: Callable[[list[Path]], Iterable[Path]] | None = None,
           metadata: dict[str, str] | None = None, version_of: str = "", realign: bool | None = None) -> IngestReport:
    """``aup ingest``: read, segment and tag the files, re-family the corpus, validate it all, then write.

    A bad input file gets one failed outcome and the others still go in; a bad stored document or overrides
    file stops the run before anything is written (the error names the file). ``metadata`` (school,
    source_url, publisher, ...) is set by hand on every document of the run and kept in the overrides file's
    metadata section, so it survives re-ingesting; the section's values for the other documents apply as well.
    A changed source of a stored policy becomes its new version (``version_of`` names the policy; see
    :mod:`generator.versions`), the old one kept under ``corpus/versions/``.

    Families: a few documents added to a larger stored corpus (at most a quarter of it) are joined to the stored
    families (:func:`generator.families.join_new`) and only the documents that change are written; otherwise,
    or with ``realign=True``, the whole corpus is aligned again (as ``aup tag`` does). ``realign=False`` joins
    whenever it can: not when a re-read document loses or rewords a clause that is in a family.
    """
    corpus = Path(corpus)
    with corpus_lock(corpus), paused_gc():  # a second run waits, then reads what this one stored
        return _ingest(paths, corpus, progress, metadata, version_of, realign)


#: Up to this many clauses (about 150 policies) a whole alignment takes a few seconds, so adding a policy aligns the
#: corpus again rather than joining its clauses to the stored families: what a corpus's families are then does not
#: depend on the order and batches its policies came in (benchmarks/alignment.md, "Ninth pass").
REALIGN_BELOW = 10_000


def added_clauses(stored: dict[str, Document], docs: list[Document], realign: bool | None = None) -> set[tuple[str, str]] | None:
    """The clauses of ``docs`` (read now) to join to the stored families, or None when the corpus must be aligned
    again: asked to (``realign``), nothing stored, a corpus small enough to align whole quickly
    (:data:`REALIGN_BELOW` clauses), more documents new or changed than a quarter of the stored number (these two
    unless ``realign`` is False; a file read again unchanged does not count), or a re-read document (a new version)
    losing or rewording the representative of a family, or a clause of a family made before the alignment. A lost
    clause that is any other member just leaves its family (:func:`generator.families.join_new`)."""
    if realign or not stored:
        return None
    if realign is None:
        read = {doc.id: len(doc.clauses) for doc in docs}
        size = sum(read.get(k, len(d.clauses)) for k, d in stored.items()) + sum(n for k, n in read.items() if k not in stored)
        if size <= REALIGN_BELOW:
            return None
    new: set[tuple[str, str]] = set()
    changed = 0
    for doc in docs:
        before = {c.id: c for c in stored[doc.id].clauses} if doc.id in stored else {}
        now = {c.id: c.text for c in doc.clauses}
        if any(c.family and now.get(cid) != c.text and c.similarity in (None, 1.0) for cid, c in before.items()):
            return None
        added = {(doc.id, c.id) for c in doc.clauses if c.id not in before}
        changed += bool(added) or doc.id not in stored or len(before) != len(now)
        new |= added
    if realign is None and changed * 4 > len(stored):
        return None
    return new


def _ingest(paths: Iterable[Path], corpus: Path, progress: Callable[[list[Path]], Iterable[Path]] | None,
            metadata: dict[str, str] | None, version_of: str, realign: bool | None) -> IngestReport:
    hand_set = load_metadata_overrides(corpus)  # a bad overrides file stops the run before anything is read
    stored = {doc.id: doc for doc in load_stored(corpus)}
    names = {doc_id: doc.source.name for doc_id, doc in stored.items() if doc.source.name}
    given = {k: v for k, v in (metadata or {}).items() if v}
    tag = tagger(corpus)

    def prepare(doc: Document) -> Document:
        return tag(apply_metadata(doc, hand_set + ([MetadataOverride(doc.id, dict(given))] if given else [])))

    ready, failed = read_inputs(paths, corpus, names, progress, prepare)
    read_as = {str(path): doc.id for path, doc, _ in ready}
    placed = place_versions(corpus, ready, stored, ingest_date(), version_of, declared_versions(corpus))
    # a new version takes its policy's id: tagged again under it, so that policy's overrides apply
    ready = [(path, doc if doc.id == read_as[str(path)] else prepare(doc), data) for path, doc, data in placed.ready]
    report = IngestReport(failed + placed.skipped, documents=len(stored))
    if not ready:
        return report
    if given:
        hand_set = hand_set + [MetadataOverride(doc.id, dict(given)) for _, doc, _ in ready]
    merged = dict(stored)
    for _, doc, _ in ready:
        if doc.id in stored:  # a re-read clause keeps its family, so alignment keeps the family's id
            before = {c.id: (c.family, c.similarity) for c in stored[doc.id].clauses}
            doc = replace(doc, clauses=[replace(c, family=before[c.id][0], similarity=before[c.id][1])
                                        if c.id in before else c for c in doc.clauses])
        merged[doc.id] = doc
    # metadata fixed by hand wins over what was read, for the stored documents too
    new = added_clauses(stored, [doc for _, doc, _ in ready], realign)
    docs, families = assign_families([apply_metadata(merged[k], hand_set) for k in sorted(merged)], new)
    # joined: a stored document that is what was loaded needs no planning (its file holds exactly that)
    planned = plan_documents(corpus, docs if new is None else [d for d in docs if stored.get(d.id) != d])
    # validated: old versions, the source copies, the hand-set values, the documents and the version indexes go
    # in together, all or none
    transaction, writer = Transaction(corpus), Writer()
    for archived, content in placed.archive.items():
        writer.claim(archived, "an earlier version")
        transaction.stage(archived, content)
    for path, doc, data in ready:
        source_copy = corpus / doc.source.path
        if source_copy.resolve() != path.resolve():
            writer.claim(source_copy, str(path))
            transaction.stage(source_copy, data)
    if given:
        record_metadata(corpus, {doc.id: given for _, doc, _ in ready}, write=transaction.stage)
    for index, text in placed.indexes.items():
        writer.claim(index, "a version index")
        transaction.stage(index, text)
    write_documents(corpus, planned, writer, transaction)
    for archived, content in placed.archive.items():  # its parse cached, so the site's change pages do not parse it
        if isinstance(content, str):
            warm_cache(archived, content)
    # derived from what was just committed (the site re-derives them when missing or stale)
    store_changes(corpus, [doc for doc in docs if doc.id in placed.versions], writer)
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
    with corpus_lock(corpus), paused_gc():
        return _retag(corpus)


def _retag(corpus: Path) -> RetagReport:
    docs = tag_documents(load_stored(corpus), corpus)
    hand_set = load_metadata_overrides(corpus)
    docs = [apply_metadata(doc, hand_set) for doc in docs]  # metadata fixed by hand wins over what was read
    docs, families = assign_families(docs)
    report = RetagReport(documents=len(docs), families=len(families))
    known = {(d.id, c.id) for d in docs for c in d.clauses}
    report.stale_overrides = [o for o in load_overrides(corpus) if (o.document, o.clause) not in known]
    earlier = plan_earlier_versions(corpus, docs, lambda found: tag_documents(found, corpus))  # one tagger for all
    planned = plan_documents(corpus, docs)
    write_documents(corpus, {**earlier, **planned}, Writer())
    store_changes(corpus, docs)  # a re-tag changes force: the stored changes of a changed document are stale
    report.written = [path.stem for path in planned]
    return report
