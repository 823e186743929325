"""Writing output files: atomically, and never twice to one path in one run.

:func:`write_atomic` goes through a temporary file in the same folder and a rename, so an interrupted write
never leaves half a file. A :class:`Writer` is one run's writer: it remembers what it wrote, and a second
write to a path it already wrote is an error naming both sources (a source called ``index.txt`` must not
silently replace the documents' index page).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import AupError


class DuplicateOutputError(AupError):
    """Two outputs of one run would be written to the same path."""


# -- writing ------------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(path: Path) -> int:
    """The mode a file written at ``path`` should get: the existing file's, or 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def holds(path: Path, raw: bytes) -> bool:
    """Whether the file at ``path`` already holds exactly ``raw`` (its size compared first, so a change is cheap)."""
    try:
        return path.stat().st_size == len(raw) and path.read_bytes() == raw
    except OSError:
        return False


def write_atomic(path: Path, data: str | bytes, sync: bool = True) -> bool:
    """Write a file through a temporary file and a rename; return False when the content is unchanged.

    ``sync=False`` skips the fsync: for generated pages, which the next build regenerates if a power cut
    loses them (syncing thousands of pages doubled the time spent writing them).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if holds(path, raw):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would have
        os.fchmod(fd, file_mode(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True




@dataclass
class Writer:
    """One run's writer: atomic writes, and a second write to the same path is an error naming both sources."""

    written: dict[Path, str] = field(default_factory=dict)

    def claim(self, path: Path, source: str) -> None:
        """Reserve ``path`` for ``source``; raise DuplicateOutputError if another source has it."""
        key = Path(os.path.normpath(Path(path).absolute()))
        if key in self.written:
            raise DuplicateOutputError(f"written twice in one run: by {self.written[key]} and by {source}; "
                                       "rename one of them", str(path))
        self.written[key] = source

    def write(self, path: Path, data: str | bytes, source: str) -> bool:
        """Claim ``path`` for ``source`` and write it atomically; False when the file already held this."""
        self.claim(path, source)
        return write_atomic(path, data)
