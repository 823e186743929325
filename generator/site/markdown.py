"""Safe Markdown for untrusted policy text: every piece of source text is escaped before it is written."""
from __future__ import annotations

import html
import re

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
