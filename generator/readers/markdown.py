"""Markdown reader: YAML front matter becomes metadata; the body is read like plain text.

The line reader already understands Markdown headings, bullets, numbered lists and emphasis; this module
adds the front matter (``---`` ... ``---`` at the top) and leaves fenced code and HTML comments out.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReadError
from ..model import SourceDocument
from . import patterns as P
from .lines import blocks_from_lines
from .txt import decode, front_matter, line_document, looks_binary, split_lines

FENCE = re.compile(r"^\s*(```|~~~)")
PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def _pipe_row(raw: str, cells: list[str]) -> str:
    """A pipe table row as the line reader reads it: a numbered rule as an item, other rows as tab-separated cells."""
    full = [c for c in cells if c]
    if len(full) == 2 and P.LABEL_CELL.match(full[0]) and len(full[1].split()) >= 4:
        label = full[0] if full[0][-1] in ".)" else full[0] + "."
        return f"{label} {full[1]}"  # "| 1 | I will ... |": the number, then its rule
    return "\t".join(c or "-" for c in cells)


def read(path: Path, data: bytes) -> SourceDocument:
    """Read a Markdown policy."""
    text, encoding = decode(data)
    if looks_binary(text):
        raise ReadError("looks like a binary file, not Markdown; expected a text policy", path)
    lines = split_lines(text)
    meta, dropped, skip = front_matter(path, lines)
    body = list(lines)
    extra: dict[int, str] = {}
    fenced = False
    for i, raw in enumerate(body):
        number = i + 1
        if number <= skip:
            body[i] = ""
            continue
        if FENCE.match(raw):
            fenced = not fenced
            extra[number] = "code fence"
        elif fenced and raw.strip():
            extra[number] = "code block"
        elif re.fullmatch(r"\s*<!--.*-->\s*", raw):
            extra[number] = "comment"
        elif PIPE_ROW.match(raw):
            cells = [c.strip() for c in raw.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c) or not any(cells):
                extra[number] = "table rule"
            else:
                body[i] = _pipe_row(raw, [c for c in cells])
    return line_document(path, "markdown", encoding, meta, dropped, blocks_from_lines(body, drop=extra))
