"""What the site's pages share for keyboard and screen-reader users: skip links and words for the matrix cells."""
from __future__ import annotations

from ..markdown import esc


def skip_link(anchor: str, text: str) -> str:
    """A link, hidden until focused, to ``#anchor``; atlas.js moves it to the start of the page's tab order."""
    return f'<p class="aup-skips" data-pagefind-ignore><a class="aup-skip" href="#{esc(anchor)}">{esc(text)}</a></p>\n'


def coverage_words(count: int, modalities: set[str]) -> str:
    """What a coverage matrix cell says to a screen reader: "3 clauses, includes a must-not rule" or "no clause"."""
    if not count:
        return "no clause"
    words = f"{count} clause{'s' if count != 1 else ''}"
    if "must-not" in modalities:
        words += ", includes a must-not rule"
    elif "must" in modalities:
        words += ", includes a must rule"
    return words
