"""Readers turn one source file into a :class:`~generator.model.SourceDocument`.

The map from file extension to reader is explicit: adding a format is adding one module and one line here.
Every reader has the signature ``read(path: Path, data: bytes) -> SourceDocument`` and raises
:class:`~generator.errors.ReadError` for input it cannot take.
"""
from __future__ import annotations

import io
import re
import zipfile
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


#: Server-side code in a web page saved from its server (``<?php ... ?>``, ``<% ... %>``): not page text.
_SERVER_CODE = re.compile(rb"<\?(?!xml\b).*?(?:\?>|\Z)|<%.*?(?:%>|\Z)", re.S)
#: What marks a file as an HTML page, near its start: its doctype or html tag, or (a page template's body
#: without them) markup first and a few block elements.
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)
_HTML_BLOCK = re.compile(rb"<(?:body|div|p|h[1-6]|ul|ol|li|table|section|article)[\s>]", re.I)


def read_web_page(path: Path, data: bytes) -> SourceDocument:
    """Read a web page saved under another extension (.php, .aspx, .jsp, ...), its server-side code left out."""
    return html.read(path, _SERVER_CODE.sub(b"", data))


def sniff(data: bytes) -> Reader | None:
    """The reader a file's content calls for when its extension names none we read: a PDF or Word file that
    lost or changed its extension, or a web page saved as .php, .aspx and the like."""
    if data.startswith(b"%PDF-"):
        return pdf.read
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        return docx.read if "word/document.xml" in names else None
    head = _SERVER_CODE.sub(b"", data[:65536])
    if _HTML_START.search(head) or (head.lstrip().startswith(b"<") and len(_HTML_BLOCK.findall(head)) >= 3):
        return read_web_page
    return None


def read_document(path: Path) -> SourceDocument:
    """Read one source file with the reader its extension selects, or, for an extension we do not read, the one
    its content calls for (:func:`sniff`)."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
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
    if reader is None:
        reader = sniff(data)
    if reader is None:
        advice = UNSUPPORTED.get(suffix)
        if advice:
            raise ReadError(advice, path)
        known = ", ".join(sorted(READERS))
        raise ReadError(f"unknown file type {suffix or '(no extension)'!r}; expected one of {known} "
                        "(or a PDF, Word or HTML file under another name)", path)
    if not data.strip():
        raise ReadError("file is empty; expected the text of a policy", path)
    return reader(path, data)
