"""``aup check``: validate the corpus against its schema and prove that no source text was lost.

:func:`check` parses each corpus file once and derives every problem and note from that one parse.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .corpus import account, conforms, document_files, document_from_dict, read_data, sha256_of, validate, yaml_line
from .corpus.transaction import corpus_lock
from .errors import AupError
from .families import near_duplicates
from .metadata_overrides import check_metadata_overrides
from .model import Document
from .readers import read_document
from .tagging.overrides import load_overrides, overrides_path, unknown_topics
from .tagging.taxonomy import load_taxonomy_file, taxonomy_path
from .versions import check_versions


@dataclass
class CheckReport:
    """Every problem of a corpus (each fails the check) and the notes that do not fail it."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check(corpus: Path) -> CheckReport:
    """``aup check``: every problem and note of the corpus at once, each corpus file parsed once."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        return _check(corpus)
    with corpus_lock(corpus):  # not halfway through an ingest; and what a killed one left is finished first
        return _check(corpus)


def _check(corpus: Path) -> CheckReport:
    docs: list[Document] = []
    problems = check_documents(corpus, docs)
    if docs or document_files(corpus):
        problems += check_overrides(corpus, docs)
        problems += check_metadata_overrides(corpus, {doc.id for doc in docs})
        problems += check_versions(corpus, docs)
    return CheckReport(problems, check_notes(corpus, docs))


def check_corpus(corpus: Path) -> list[str]:
    """Every problem of the corpus at once, each as ``file: where: what``."""
    return check(corpus).problems


def check_documents(corpus: Path, docs: list[Document]) -> list[str]:
    """Every problem of the corpus's document files; each valid document is appended to ``docs``."""
    problems: list[str] = []
    files = document_files(corpus)
    if not files:
        return [f"{corpus}: no documents in {corpus / 'documents'}; run `aup ingest PATH` first"]
    seen_ids: dict[str, Path] = {}
    for path in files:
        try:
            data = read_data(path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            line = yaml_line(exc)
            problems.append(f"{path}{f':{line}' if line else ''}: not a readable YAML file: {str(exc).splitlines()[0]}")
            continue
        found = [] if conforms(data) else validate(data, path)  # the compiled check; jsonschema explains
        if found:
            problems += found
            continue
        doc = document_from_dict(data)
        docs.append(doc)
        if doc.id != path.stem:
            problems.append(f"{path}: id {doc.id!r} does not match the file name; expected {path.stem!r}")
        if doc.id in seen_ids:
            problems.append(f"{path}: id {doc.id!r} also used by {seen_ids[doc.id]}")
        seen_ids[doc.id] = path
        ids = [c.id for c in doc.clauses]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{path}: clause {dup}: id used more than once")
        known = set(ids)
        for c in doc.clauses:
            if c.parent and c.parent not in known:
                problems.append(f"{path}: clause {c.id}: parent {c.parent!r} is not a clause of this document")
        source = corpus / doc.source.path
        try:
            raw = source.read_bytes()
        except OSError:
            problems.append(f"{path}: source {source} is missing; expected the file the document was ingested from")
            continue
        if sha256_of(raw) != doc.source.sha256:
            problems.append(f"{path}: source {source} changed since it was ingested; run `aup ingest {source}`")
            continue
        try:
            units = read_document(source).units
        except AupError as exc:
            problems.append(f"{path}: source cannot be read again: {exc}")
            continue
        problems += [f"{path}: {p}" for p in account(doc, units)]
    return problems


def check_overrides(corpus: Path, docs: list[Document]) -> list[str]:
    """Overrides that name a topic, document or clause the corpus no longer has, as ``overrides.yaml:LINE: ...``."""
    path = overrides_path(corpus)
    try:
        overrides = load_overrides(corpus)
        taxonomy = load_taxonomy_file(taxonomy_path(corpus))
    except AupError as exc:
        return [str(exc)]
    clauses = {doc.id: {c.id for c in doc.clauses} for doc in docs}
    problems = []
    for o in overrides:
        if o.document not in clauses:
            problems.append(f"{path}:{o.line}: document {o.document!r} is not in the corpus; known: {', '.join(sorted(clauses))}")
        elif o.clause not in clauses[o.document]:
            problems.append(f"{path}:{o.line}: clause {o.clause!r} no longer exists in {o.document}; "
                            "its text changed or was removed: find the new clause id and update or delete the override")
    problems += [f"{path}:{o.line}: unknown topic {t!r}; known topics: {', '.join(taxonomy.ids())}"
                 for o, t in unknown_topics(overrides, taxonomy)]
    return problems


def check_notes(corpus: Path, docs: list[Document]) -> list[str]:
    """Observations that do not fail the check: near-duplicate clauses inside one document."""
    notes = []
    for doc in docs:
        path = Path(corpus) / "documents" / f"{doc.id}.yaml"
        for a, b, score in near_duplicates(doc):
            notes.append(f"{path}: clauses {a} and {b} are near-duplicates ({score:g}% alike); the source may repeat a clause")
    return notes
