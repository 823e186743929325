"""Plain-text reader: detect the encoding, normalise line ends, then read the lines' structure."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import ReadError
from ..model import SourceDocument
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
    blocks, dropped, units = blocks_from_lines(lines)
    if not units:
        raise ReadError("file has no text; expected the text of a policy", path)
    return SourceDocument(str(path), "txt", "line", blocks, units, dropped, encoding=encoding)
