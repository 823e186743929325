"""Small text helpers shared by readers, the segmenter and the tagger."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_EMPHASIS = [
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"__(?=\S)(.+?)(?<=\S)__"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"),
    re.compile(r"`([^`\n]+)`"),
]
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")

#: Characters that end a sentence.
TERMINAL = ".!?"


def strip_markup(text: str) -> str:
    """Drop stray HTML tags and Markdown emphasis, keeping the words."""
    text = _TAG.sub("", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text


def squash(text: str) -> str:
    """Normalise white space: one space between words, none at the ends, control characters removed."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


def clean(text: str) -> str:
    """Markup dropped and white space normalised: the form a clause's text is stored in."""
    return squash(strip_markup(text))


def fold(text: str) -> str:
    """A comparison key: NFKC, lower case, plain quotes and dashes, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                                         "\u2013": "-", "\u2014": "-", "\u2011": "-"}))
    return re.sub(r"\s+", " ", text).strip()


def digest(text: str, length: int = 8) -> str:
    """A short stable hex digest of a text's folded form."""
    return hashlib.sha1(fold(text).encode("utf-8")).hexdigest()[:length]


def slugify(text: str, fallback: str = "document", max_length: int = 60) -> str:
    """A safe file-name slug: ASCII letters, digits and single hyphens, never empty, never a path."""
    text = unicodedata.normalize("NFKD", text)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    text = text[:max_length].rstrip("-")
    return text or fallback
