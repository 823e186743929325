"""Ingest: read source files, segment them and store them in the corpus.

Everything is read and segmented before anything is written; a bad file is reported with one line and
skipped, and the good files of the same run still go through.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml

from .corpus import SOURCES, account, document_files, document_path, save_document, sha256_of, write_atomic
from .errors import AupError, ReadError
from .metadata_overrides import MetadataOverride, apply_metadata, load_metadata_overrides, record_metadata
from .model import Document
from .readers import read_document
from .segment import segment
from .text import slugify

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What happened to one input file."""

    path: str
    status: str  # added | updated | unchanged | failed
    document: str = ""
    message: str = ""


@dataclass
class IngestReport:
    """The outcome of every input of one ingest run."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        """Inputs that could not be ingested."""
        return [o for o in self.outcomes if o.status == "failed"]


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """Expand folders recursively (hidden files skipped); report paths that do not exist."""
    files: list[Path] = []
    problems: list[Outcome] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Outcome(str(path), "failed", message="no such file or folder"))
    return files, problems


def _doc_id(path: Path, taken: set[str], existing: dict[str, str]) -> str:
    """A slug for the file: its stem, numbered when another file already holds it (in this run or the corpus)."""
    base = slugify(path.stem)
    doc_id, n = base, 1
    while doc_id in taken or existing.get(doc_id, path.name) != path.name:
        n += 1
        doc_id = f"{base}-{n}"
    return doc_id


_SOURCE_NAME = re.compile(r"^  name: (.+)$", re.M)


def existing_names(corpus: Path) -> dict[str, str]:
    """Document id -> the file name it was ingested from, read from the head of each corpus file."""
    names = {}
    for path in document_files(corpus):
        try:
            with path.open(encoding="utf-8") as fh:
                head = fh.read(4096)
        except OSError:
            continue
        m = _SOURCE_NAME.search(head.split("\nmetadata:", 1)[0])
        if m:
            try:
                names[path.stem] = yaml.safe_load(m.group(1))
            except yaml.YAMLError:
                continue
    return names


def read_source(path: Path, doc_id: str, corpus: Path) -> tuple[Document, bytes]:
    """Read and segment one source file into a document (no writing)."""
    source = read_document(path)
    data = path.read_bytes()
    rel = f"{SOURCES}/{doc_id}{path.suffix.lower()}"
    doc = segment(source, doc_id, sha256_of(data), rel)
    problems = account(doc, source.units)
    if problems:
        # a reader bug, not bad input: refuse rather than store a lossy document
        raise ReadError(f"ingest would lose text ({problems[0]}); please report this file", path)
    return doc, data


def ingest(paths: Iterable[Path], corpus: Path, progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
           transform: Callable[[list[Document], Path], None] | None = None,
           metadata: dict[str, str] | None = None) -> IngestReport:
    """Ingest files and folders into the corpus; return what happened to each input.

    ``metadata`` (school, source_url, publisher, ...) is set by hand on every document of the run and kept in
    the overrides file's metadata section, so it survives re-ingesting; the section's values for the other
    documents are applied as well.
    """
    corpus = Path(corpus)
    hand_set = load_metadata_overrides(corpus)  # a bad overrides file stops the run before anything is read
    files, problems = collect_files(paths)
    report = IngestReport(list(problems))
    sources_dir = (corpus / SOURCES).resolve()
    taken: set[str] = set()
    existing = existing_names(corpus)
    ready: list[tuple[Path, Document, bytes, str]] = []
    for path in (progress(files) if progress else files):
        try:
            resolved = path.resolve()
            in_corpus = resolved.parent == sources_dir
            doc_id = slugify(path.stem) if in_corpus and slugify(path.stem) not in taken else _doc_id(path, taken, existing)
            doc, data = read_source(path, doc_id, corpus)
        except AupError as exc:
            report.outcomes.append(Outcome(str(path), "failed", message=exc.message))
            continue
        except Exception as exc:  # a reader must never take the run down
            log.debug("unexpected error reading %s", path, exc_info=True)
            report.outcomes.append(Outcome(str(path), "failed", message=f"cannot read: {type(exc).__name__}: {exc}"))
            continue
        taken.add(doc_id)
        ready.append((path, doc, data, "added"))
    given = {k: v for k, v in (metadata or {}).items() if v}
    if given:
        hand_set = hand_set + [MetadataOverride(doc.id, dict(given)) for _, doc, _, _ in ready]
    for _, doc, _, _ in ready:
        doc.metadata = apply_metadata(doc, hand_set).metadata
    documents = [doc for _, doc, _, _ in ready]
    if transform is not None and documents:
        transform(documents, corpus)
    if given and ready:
        record_metadata(corpus, {doc.id: given for _, doc, _, _ in ready})
    for path, doc, data, _ in ready:
        existed = document_path(corpus, doc.id).exists()
        source_copy = corpus / doc.source.path
        if source_copy.resolve() != path.resolve():
            write_atomic(source_copy, data)
        changed = save_document(corpus, doc)
        status = "updated" if existed and changed else "unchanged" if existed else "added"
        report.outcomes.append(Outcome(str(path), status, doc.id))
    return report
