"""What every rendering of declarations shares: the layouts, the wording as printed, the error type.

Both :mod:`.render` (HTML, PDF) and :mod:`.docx` read these, so neither imports the other for them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import AupError
from .source import DeclarationSource

LAYOUTS = ("sheet", "roster", "adoption")
#: Empty rows on a roster printed without a roster file (one A4 page of them).
BLANK_ROSTER_ROWS = 16


class DeclarationError(AupError):
    """Bad options for ``aup declarations`` (layout, format, output path)."""


@dataclass(frozen=True)
class WordingItem:
    """One declaration paragraph as printed: its text, and whether it asks for a tick."""

    text: str
    tick: bool = False


def wording_items(source: DeclarationSource) -> list[WordingItem]:
    """The declaration paragraphs; 'Please tick ...' ones get a tick box (Hopelands)."""
    return [WordingItem(t, t.lower().lstrip().startswith("please tick")) for t in source.wording]
