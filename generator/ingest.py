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


Prepare = Callable[[Document], Document]


def _read_one(path: Path, doc_id: str, corpus: Path, prepare: Prepare | None) -> tuple[Document, bytes] | Outcome:
    """One input read, segmented and prepared (tagged), or its failed outcome."""
    try:
        doc, data = read_source(path, doc_id, corpus)
    except AupError as exc:
        return Outcome(str(path), "failed", message=exc.message)
    except Exception as exc:  # a reader must never take the run down
        log.debug("unexpected error reading %s", path, exc_info=True)
        return Outcome(str(path), "failed", message=f"cannot read: {type(exc).__name__}: {exc}")
    return (prepare(doc) if prepare else doc), data


def _read_all(tasks: list[tuple[Path, str]], corpus: Path, prepare: Prepare | None,
              progress: Callable[[list[Path]], Iterable[Path]] | None) -> list[tuple[Document, bytes] | Outcome]:
    """Every task through :func:`_read_one`, in order; half of them in a forked child when there are two cores."""
    from .site.parallel import can_fork, in_two

    def run(part: list[tuple[Path, str]], bar: bool) -> list[tuple[Document, bytes] | Outcome]:
        ids = dict(part)
        paths = [path for path, _ in part]
        return [_read_one(path, ids[path], corpus, prepare) for path in (progress(paths) if bar and progress else paths)]

    if len(tasks) < 4 or not can_fork():
        return run(tasks, True)
    # every other file to the child: neighbouring files tend to be alike in size, so the halves take as long
    theirs, ours = in_two(lambda: run(tasks[1::2], False), lambda: run(tasks[0::2], True))
    out: list[tuple[Document, bytes] | Outcome] = []
    for k in range(len(tasks)):
        out.append(ours[k // 2] if k % 2 == 0 else theirs[k // 2])
    return out


def read_inputs(paths: Iterable[Path], corpus: Path, existing: dict[str, str],
                progress: Callable[[list[Path]], Iterable[Path]] | None = None,
                prepare: Prepare | None = None) -> tuple[list[tuple[Path, Document, bytes]], list[Outcome]]:
    """Read and segment every input file: (path, document, source bytes) of each good one, and the failures.

    ``existing`` maps each stored document id to the file name it was ingested from, so a different file
    with the same slug gets a new id instead of replacing a document. ``prepare`` (a pure function: tagging)
    is applied to each document where it is read; on two cores half the files are read (and prepared) in a
    forked child process. Ids are chosen as if every file reads; a file whose id changes because one before
    it failed is read again with its id, so the result is the same as reading one file after another.
    """
    corpus = Path(corpus)
    files, failed = collect_files(paths)
    sources_dir = (corpus / SOURCES).resolve()

    def choose(path: Path, taken: set[str]) -> str:
        in_corpus = path.resolve().parent == sources_dir
        return slugify(path.stem) if in_corpus and slugify(path.stem) not in taken else _doc_id(path, taken, existing)

    tasks: list[tuple[Path, str]] = []
    planned: set[str] = set()
    for path in files:
        try:
            doc_id = choose(path, planned)
        except Exception:  # reported when the file is taken in order, below
            doc_id = ""
        planned.add(doc_id)
        tasks.append((path, doc_id))
    results = _read_all(tasks, corpus, prepare, progress)
    taken: set[str] = set()
    ready: list[tuple[Path, Document, bytes]] = []
    for (path, guess), result in zip(tasks, results):
        try:
            doc_id = choose(path, taken)
        except Exception as exc:  # a path that cannot be resolved (a symlink loop)
            result = Outcome(str(path), "failed", message=f"cannot read: {type(exc).__name__}: {exc}")
        else:
            if doc_id != guess:  # a file before this one failed, so this one takes another id
                result = _read_one(path, doc_id, corpus, prepare)
        if isinstance(result, Outcome):
            failed.append(result)
            continue
        taken.add(doc_id)
        ready.append((path, *result))
    return ready, failed
