"""The compare view: pick any two documents; the browser aligns their clauses by family and topic.

One page for every pair: the page holds the two pickers, and ``assets/aup/atlas.js`` fetches both
documents' JSON (``documents/data/<id>.json``) and renders the alignment with text nodes only.
"""
from __future__ import annotations

from ..markdown import esc
from ..model import Document
from ..naming import readable_title
from .data import SiteData
from .documents import GENERATED_NOTE
from .paths import COMPARE_PAGE, document_json_path


def _option(doc: Document, data: SiteData) -> str:
    """A document in a picker: its name, and its title when the name is its organisation's."""
    name, title = data.name(doc), readable_title(doc)
    return name if title.lower() in name.lower() else f"{name} — {title}"


def compare_page(data: SiteData) -> str:
    """The compare view's page: two document pickers over the generated JSON."""
    page = COMPARE_PAGE
    topics = data.topics_json()
    lines = ["---", "hide:", "  - navigation", "  - toc", "---", "# Compare two policies\n", GENERATED_NOTE,
             "Pick two policies: their clauses line up by family (the same rule in each school's words, with the "
             "differences marked), then by topic; a topic one of them leaves out shows as a gap.\n"]
    if len(data.documents) < 2:
        lines.append("The corpus needs at least two documents to compare.\n")
        return "\n".join(lines) + "\n"
    pickers = []
    for side, default in (("a", 0), ("b", 1)):
        options = "".join(
            f'<option value="{esc(d.id)}" data-json="{esc(data.url(document_json_path(d.id), page))}"'
            f'{" selected" if i == default else ""}>{esc(_option(d, data))}</option>'
            for i, d in enumerate(data.documents))
        pickers.append(f'<label>{"First" if side == "a" else "Second"} policy <select class="aup-compare-{side}">{options}</select></label>')
    lines.append(f'<div class="aup-compare" data-root="{esc(data.url("index.md", page))}" data-topics="{esc(topics)}">')
    lines.append(f'<div class="aup-controls" data-pagefind-ignore>{"".join(pickers)}</div>')
    lines.append('<div class="aup-compare-out" aria-live="polite"><p>Loading…</p></div>')
    lines.append("</div>\n")
    return "\n".join(lines) + "\n"
