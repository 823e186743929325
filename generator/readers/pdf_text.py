"""The characters of a PDF's text layer as the page shows them: line-end hyphens, ligatures, and the gaps a
word processor's tab leaves with no character in the text (pdfium writes a space only for a gap it takes for one).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

#: What pdfium writes for a hyphen that ends a line inside a word ("multi-" / "media"): U+FFFE or U+0002.
#: It joins the two lines itself; the page shows a hyphen there, so we write one.
LINE_END_HYPHENS = re.compile("[\ufffe\x02]")
#: Typographic ligatures a PDF's text layer may give as one character; the words are spelt with the letters.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})


def as_shown(text: str, words: set[str] = frozenset()) -> str:
    """A line of pdfium's text as the page shows it: line-end hyphens as "-", ligatures as their letters.

    A word broken at a line-end hyphen ("unaccept-" / "able") is written whole when the document spells
    it whole elsewhere and never with that hyphen (``words``: the document's words, lower case).
    """
    text = text.translate(LIGATURES)

    def hyphen(m: re.Match) -> str:
        whole, broken = (m.group(1) + m.group(2)).lower(), f"{m.group(1)}-{m.group(2)}".lower()
        return m.group(1) + ("" if whole in words and broken not in words else "-") + m.group(2)

    text = re.sub(rf"(\w+){LINE_END_HYPHENS.pattern}(\w+)", hyphen, text)
    return LINE_END_HYPHENS.sub("-", text)


def words_of(lines: Iterable) -> set[str]:
    """The words of a document, lower case, hyphenated compounds kept whole (a line-end hyphen is not a word break)."""
    return {w.lower() for ln in lines for w in re.findall(r"\w+(?:-\w+)*", LINE_END_HYPHENS.sub(" ", ln.text))}


def gap_text(textpage, gap: float, width: float, size: float, before: tuple[int, str], after: tuple[int, str]) -> str:
    """What the page shows between two characters of a line (``before`` and ``after``: index and character) whose ink
    is ``gap`` points apart: a wide jump is the next cell of a flattened table (a tab); letters or digits whose
    advance boxes stand more than a tenth of the font size apart, with no space in the text, have a tab Word set to
    its next stop between them ("22 February 2024<tab>Next review"): a space; else nothing (a narrow glyph's
    side bearings, "11.", are no gap)."""
    if gap > max(12.0, 4 * width):
        return "\t"
    if not (size and gap > 0.1 * size and before[1].isalnum() and after[1].isalnum()):
        return ""
    loose = textpage.get_charbox(after[0], loose=True)[0] - textpage.get_charbox(before[0], loose=True)[2]
    return " " if loose > 0.1 * size else ""
