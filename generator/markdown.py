"""Safe Markdown for untrusted policy text: every piece of source text is escaped before it is written.

Two targets, one module: the site's pages are Python-Markdown with raw HTML in them (:func:`esc`,
:func:`md_text`, :func:`md_table_cell`); a tailored policy's ``.md`` file is CommonMark meant to be read as
text, so :func:`md_line` escapes only what would change its meaning and keeps it readable.
"""
from __future__ import annotations

import html
import re
from typing import Any

#: Characters Python-Markdown lets a backslash escape (a backslash before any other shows up literally).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def esc(text: str) -> str:
    """Escape text for HTML (quotes too): for use inside raw HTML in a Markdown page."""
    return html.escape(text, quote=True)


def md_text(text: str) -> str:
    """Escape text so Markdown shows it literally: HTML escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def md_table_cell(text: str) -> str:
    """Escape text for a Markdown table cell (no line breaks, pipes escaped)."""
    return md_text(" ".join(text.split())).replace("|", "\\|")


_COMMONMARK_SPECIAL = re.compile(r"([\\`*_\[\]<>|&])")


def md_line(value: Any) -> str:
    """One line of Markdown that shows the text literally (CommonMark backslash escapes, whitespace collapsed)."""
    text = " ".join(str(value).split())
    text = _COMMONMARK_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^([#+=-])", r"\\\1", text)  # would start a heading, list or rule at a line start
    return re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)  # would start a numbered list
