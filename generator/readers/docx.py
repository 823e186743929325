"""Word .docx reader (placeholder until the docx reader lands)."""
from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from ..model import SourceDocument


def read(path: Path, data: bytes) -> SourceDocument:
    """Read a Word document."""
    raise ReadError("docx reading is not available yet", path)
