"""Changing the corpus safely: one writer at a time (a lock file), and all of a run's files or none.

``aup ingest`` and ``aup tag`` hold :func:`corpus_lock` from reading the stored documents to the last write,
so two runs started together take turns and the second reads what the first stored (neither loses a document).
Their files go through a :class:`Transaction`: every new file is first written beside its target as a hidden
temporary file, then a journal naming each (temporary, target) pair is written atomically, then the files are
renamed into place and the journal is removed. The temporary files and their folders are fsynced before the
journal is written (all together, several at a time: one by one, ~5,000 of them cost a 1000-policy ingest
about 10 s of its 88), so after a power cut the journal never names a file that is not on disk. A run killed
before the journal exists leaves only hidden temporary files (no document, source or index changed); one
killed after it is finished by the next command that takes the lock (:func:`recover`, which ``aup check`` runs
too): the renames are repeated, so the corpus holds either every file of the run or none.
"""
from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from ..writer import file_mode, holds

LOCK_FILE = ".lock"
JOURNAL_FILE = ".journal.json"
_TMP_SUFFIX = ".aup-tmp"


@contextmanager
def corpus_lock(corpus: Path) -> Iterator[None]:
    """Hold the corpus's lock file (``corpus/.lock``, fcntl) for the block, waiting for another holder; then
    finish a transaction a killed run left (see :func:`recover`). The kernel drops the lock when its process
    dies, however it dies, so a killed run never leaves the corpus locked."""
    corpus = Path(corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(corpus / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:  # a read-only corpus: nobody can change it, so there is nothing to wait for
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        recover(corpus)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def recover(corpus: Path) -> bool:
    """Finish the transaction a killed run left in ``corpus`` (call with the lock held); True if there was one.

    With a journal: each of its temporary files still there is renamed onto its target (the renames that
    already happened are not repeated). Without one: the killed run's temporary files are removed.
    """
    corpus = Path(corpus)
    journal = corpus / JOURNAL_FILE
    try:
        pairs = json.loads(journal.read_text(encoding="utf-8"))["files"]
    except FileNotFoundError:
        pairs = None
    except (OSError, ValueError, KeyError, TypeError):
        pairs = []  # a journal is written atomically, so an unreadable one was never committed
    for tmp, target in pairs or []:
        if os.path.exists(tmp):
            os.replace(tmp, target)
    _remove_temporaries(corpus)
    if pairs is not None:
        _fsync_dirs({Path(target).parent for _, target in pairs})
        journal.unlink(missing_ok=True)
    return pairs is not None


def _remove_temporaries(corpus: Path) -> None:
    for folder in (corpus, *(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith("."))):
        for tmp in folder.glob(f".*{_TMP_SUFFIX}"):
            tmp.unlink(missing_ok=True)


#: fsyncs run at once: each waits on the disk, and the filesystem commits concurrent ones together (1,000
#: files: ~1.7-2.2 s one after another, ~0.08 s sixteen at a time, on the benchmark machine).
_SYNC_THREADS = 16


def _fsync_dirs(folders: set[Path]) -> None:
    _in_parallel(_fsync_dir, sorted(folders))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _in_parallel(sync: Callable[[Path], None], paths: list[Path]) -> None:
    """``sync`` each path, several at a time (an error is raised here)."""
    if len(paths) <= 1:
        for path in paths:
            sync(path)
        return
    with ThreadPoolExecutor(min(_SYNC_THREADS, len(paths))) as pool:
        list(pool.map(sync, paths))


class Transaction:
    """The files one run writes into the corpus, all renamed into place at :meth:`commit` (see the module)."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = Path(corpus)
        self.staged: list[tuple[Path, Path]] = []

    def stage(self, path: Path, data: str | bytes) -> bool:
        """Write ``data`` to a temporary file beside ``path``; False (nothing staged) when the file holds it already."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if holds(path, raw):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}{_TMP_SUFFIX}")
        with open(tmp, "wb") as fh:
            os.fchmod(fh.fileno(), file_mode(path))
            fh.write(raw)
        self.staged.append((tmp, path))  # made durable all together at commit, before the journal
        return True

    def commit(self) -> None:
        """Write the journal, rename every staged file into place, remove the journal."""
        if not self.staged:
            return
        _in_parallel(_fsync_file, [tmp for tmp, _ in self.staged])
        _fsync_dirs({tmp.parent for tmp, _ in self.staged})
        journal = self.corpus / JOURNAL_FILE
        tmp_journal = journal.with_name(f"{journal.name}.{os.getpid()}{_TMP_SUFFIX}")
        tmp_journal.write_text(json.dumps({"files": [[str(t.absolute()), str(p.absolute())] for t, p in self.staged]}),
                               encoding="utf-8")
        with open(tmp_journal, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_journal, journal)  # the commit point
        _fsync_dirs({self.corpus})
        for tmp, path in self.staged:
            os.replace(tmp, path)
        _fsync_dirs({path.parent for _, path in self.staged})
        journal.unlink()
        self.staged = []
