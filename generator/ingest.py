"""Reading the inputs of ``aup ingest``: expand folders, choose document ids, read and segment each file.

Nothing here writes; :func:`generator.pipeline.ingest` tags, families, validates and then stores the
result. A bad file is reported with one line and skipped, and the good files of the same run still go in.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import SOURCES, account, sha256_of
from .errors import AupError, ReadError
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
    documents: int = 0  # documents in the corpus after the run
    families: int = 0  # clause families across the corpus after the run
    tagged: int = 0  # inputs read and tagged (0 when each was failed or an earlier version: nothing tagged)

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


def read_inputs(paths: Iterable[Path], corpus: Path, existing: dict[str, str],
                progress: Callable[[list[Path]], Iterable[Path]] | None = None) -> tuple[list[tuple[Path, Document, bytes]], list[Outcome]]:
    """Read and segment every input file: (path, document, source bytes) of each good one, and the failures.

    ``existing`` maps each stored document id to the file name it was ingested from, so a different file
    with the same slug gets a new id instead of replacing a document.
    """
    corpus = Path(corpus)
    files, failed = collect_files(paths)
    sources_dir = (corpus / SOURCES).resolve()
    taken: set[str] = set()
    ready: list[tuple[Path, Document, bytes]] = []
    for path in (progress(files) if progress else files):
        try:
            resolved = path.resolve()
            in_corpus = resolved.parent == sources_dir
            doc_id = slugify(path.stem) if in_corpus and slugify(path.stem) not in taken else _doc_id(path, taken, existing)
            doc, data = read_source(path, doc_id, corpus)
        except AupError as exc:
            failed.append(Outcome(str(path), "failed", message=exc.message))
            continue
        except Exception as exc:  # a reader must never take the run down
            log.debug("unexpected error reading %s", path, exc_info=True)
            failed.append(Outcome(str(path), "failed", message=f"cannot read: {type(exc).__name__}: {exc}"))
            continue
        taken.add(doc_id)
        ready.append((path, doc, data))
    return ready, failed
