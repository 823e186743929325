"""Plain-text reader: detect the encoding, normalise line ends, then read the lines' structure."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from ..errors import ReadError
from ..model import Block, Dropped, SourceDocument, Span
from ..text import clean
from .lines import blocks_from_lines

#: Longest line we read; a longer one is not a policy (and would make the patterns slow).
MAX_LINE = 200_000


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM) or Windows-1252, in that order."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:
        # UTF-16 without a BOM: every other byte is zero for Latin text
        even, odd = data[0::2].count(0), data[1::2].count(0)
        guess = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; map those through Latin-1 rather than fail
    return "".join(data[i:i + 1].decode("cp1252", errors="ignore") or chr(data[i]) for i in range(len(data))), "cp1252"


def looks_binary(text: str) -> bool:
    """Whether decoded text is really binary data: many NUL bytes or control characters."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return sample.count("\x00") > max(2, len(sample) // 100) or controls > max(8, len(sample) // 50)


def split_lines(text: str) -> list[str]:
    """Split on any line end (CRLF, CR, LF, form feed kept as its own line end)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")


def front_matter(path: Path, lines: list[str]) -> tuple[list[Block], list[Dropped], int]:
    """Metadata blocks from YAML front matter, the delimiters dropped, and how many lines it took."""
    if not lines or lines[0].strip() != "---":
        return [], [], 0
    for end in range(1, min(len(lines), 400)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return [], [], 0
    try:
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise ReadError(f"front matter is not valid YAML ({getattr(exc, 'problem', exc)}); expected key: value lines", path, line) from None
    if not isinstance(data, dict):
        raise ReadError("front matter is not a mapping; expected key: value lines", path, 2)
    blocks: list[Block] = []
    claimed: set[int] = set()
    keys = {str(k).lower(): k for k in data}
    for number in range(2, end + 1):
        raw = lines[number - 1]
        m = re.match(r"^([A-Za-z_][\w -]*):", raw)
        if not m or m.group(1).lower() not in keys:
            continue
        key = keys[m.group(1).lower()]
        value = data[key]
        text = ", ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
        # a value may run over the following indented lines (lists, folded text): claim them too
        units = [number]
        follow = number + 1
        while follow <= end and lines[follow - 1].startswith((" ", "\t", "-")) and lines[follow - 1].strip():
            units.append(follow)
            follow += 1
        claimed.update(units)
        name = str(key).replace("_", " ")
        blocks.append(Block("meta", f"{name}: {clean(text)}", units, key=name, value=clean(text), rows=[[name, clean(text)]]))
    dropped = [Dropped(Span(1, 1), "---", "front matter delimiter"), Dropped(Span(end + 1, end + 1), lines[end].strip(), "front matter delimiter")]
    for number in range(2, end + 1):
        if number not in claimed and lines[number - 1].strip():
            dropped.append(Dropped(Span(number, number), lines[number - 1].strip(), "front matter line with no value"))
    return blocks, dropped, end + 1


def read(path: Path, data: bytes) -> SourceDocument:
    """Read a plain-text policy."""
    text, encoding = decode(data)
    if looks_binary(text):
        raise ReadError("looks like a binary file, not text; expected a plain-text policy (UTF-8, UTF-16 or Windows-1252)", path)
    # a stray NUL or control character is dropped from the words, never from the accounting
    lines = split_lines(text.replace("\x00", ""))
    longest = max((len(line) for line in lines), default=0)
    if longest > MAX_LINE:
        raise ReadError(f"a line is {longest} characters long; expected text lines under {MAX_LINE}", path)
    try:
        # a text exported from a Markdown site keeps its front matter: metadata, not clauses
        meta, fm_dropped, skip = front_matter(path, lines)
    except ReadError:
        meta, fm_dropped, skip = [], [], 0  # a "---" rule over prose is text, not broken metadata
    body = [""] * skip + lines[skip:]
    blocks, dropped, units = blocks_from_lines(body)
    return line_document(path, "txt", encoding, meta, fm_dropped, (blocks, dropped, units))


def line_document(path: Path, fmt: str, encoding: str, meta: list[Block], meta_dropped: list[Dropped],
                  body: tuple[list[Block], list[Dropped], list[int]]) -> SourceDocument:
    """A line-numbered text's document: its front matter's fields, then the blocks of its body.

    Every numbered line the front matter or the body accounts for is one of its units; the front matter's
    ``title`` is the document's title property.
    """
    blocks, dropped, units = body
    all_units = sorted(set(units) | {n for b in meta for n in b.units} | {d.span.start for d in meta_dropped})
    if not all_units:
        raise ReadError("file has no text; expected the text of a policy", path)
    title = next((b.value for b in meta if b.key.lower() == "title"), "")
    return SourceDocument(str(path), fmt, "line", meta + blocks, all_units, meta_dropped + dropped, encoding,
                          {"title": title} if title else {})
