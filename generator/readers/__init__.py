"""Readers turn one source file into a :class:`~generator.model.SourceDocument`.

The map from file extension to reader is explicit: adding a format is adding one module and one line here.
Every reader has the signature ``read(path: Path, data: bytes) -> SourceDocument`` and raises
:class:`~generator.errors.ReadError` for input it cannot take.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..errors import ReadError
from ..model import SourceDocument
from . import docx, html, markdown, pdf, rst, txt

Reader = Callable[[Path, bytes], SourceDocument]



def read_text(path: Path, data: bytes) -> SourceDocument:
    """Read a plain-text policy; one laid out in reStructuredText sections is read for its heading levels."""
    text, _ = txt.decode(data)
    if not txt.looks_binary(text) and rst.sectioned(txt.split_lines(text)):
        return replace(rst.read(path, data), format="txt")
    return txt.read(path, data)


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".docx": docx.read,
    ".pdf": pdf.read,
    ".html": html.read,
    ".htm": html.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".rst": rst.read,
}

#: Formats we recognise but cannot read, with the advice we give.
UNSUPPORTED: dict[str, str] = {
    ".doc": "legacy Word 97-2003 .doc is not supported; save it as .docx (File > Save As) and ingest that",
    ".rtf": "RTF is not supported; save it as .docx or .txt",
    ".odt": "OpenDocument .odt is not supported; save it as .docx",
}

#: Largest source file we read, in bytes.
MAX_SOURCE_BYTES = 50 * 1024 * 1024


def read_document(path: Path) -> SourceDocument:
    """Read one source file with the reader its extension selects."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        advice = UNSUPPORTED.get(suffix)
        if advice:
            raise ReadError(advice, path)
        known = ", ".join(sorted(READERS))
        raise ReadError(f"unknown file type {suffix or '(no extension)'!r}; expected one of {known}", path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ReadError(f"file is {size} bytes; the limit is {MAX_SOURCE_BYTES}", path)
        data = path.read_bytes()
    except PermissionError:
        raise ReadError("cannot read the file: permission denied", path) from None
    except IsADirectoryError:
        raise ReadError("is a directory, expected a file", path) from None
    except FileNotFoundError:
        raise ReadError("no such file", path) from None
    except OSError as exc:
        raise ReadError(f"cannot read the file: {exc.strerror or exc}", path) from None
    if not data.strip():
        raise ReadError("file is empty; expected the text of a policy", path)
    return reader(path, data)
