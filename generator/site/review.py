"""The "Tags to check" page: clauses whose first topic the tagger is least sure of, lowest confidence first.

Each row names the clause (linked to its place in its document), the topics it carries with the tagger's
confidence and evidence, and the one-line override to paste into ``corpus/overrides.yaml`` under
``overrides:``: it confirms the topics as they are, or, with the ids changed, corrects them. A confirmed or
corrected clause gets confidence 1, and the next ``aup train`` learns from it.
"""
from __future__ import annotations

from ..markdown import esc
from .data import SiteData
from .documents import GENERATED_NOTE, clause_anchor, lead_in_html
from .paths import REVIEW_PAGE, document_page_path, topic_page_path

#: Clauses whose confidence in their first topic is under this are listed.
THRESHOLD = 0.5

#: At most this many clauses are listed (the least sure first), so the page stays readable on a large corpus.
MAX_ROWS = 300


def override_line(document: str, clause: str, topics: list[str]) -> str:
    """The override that confirms a clause's topics, as one YAML line for ``corpus/overrides.yaml``."""
    return f'  - {{document: "{document}", clause: "{clause}", add: [{", ".join(topics)}], note: checked}}'


def review_page(data: SiteData, threshold: float = THRESHOLD, limit: int = MAX_ROWS) -> str:
    """The page listing clauses under the confidence threshold, lowest first, with their override lines."""
    page = REVIEW_PAGE
    titles = {t.id: t.title for t in data.topics}
    rows = sorted(((c.confidence, doc.id, c.id, doc, c) for doc in data.documents for c in doc.clauses
                   if c.topics and c.confidence < threshold and not any(r.startswith("override:") for e in c.evidence for r in e.rules)),
                  key=lambda x: x[:3])
    lines = ["# Tags to check\n", GENERATED_NOTE,
             f"The tagger is least sure of these clauses' topics (confidence in the first topic under {threshold:g}; "
             "lowest first). To confirm or correct one, copy its line into `corpus/overrides.yaml` under "
             "`overrides:`, change the topic ids in `add` if they are wrong (and list wrong ones in `remove`), "
             "then run `aup tag`; the next `aup train` learns from it.\n",
             f"Topic ids: {', '.join(f'`{esc(t.id)}`' for t in data.topics)}.\n"]
    if not rows:
        lines.append(f"No clause is under the threshold ({len(data.documents)} documents checked).\n")
        return "\n".join(lines) + "\n"
    shown = rows[:limit]
    note = f" (the {limit} least sure shown)" if len(rows) > limit else ""
    lines.append(f"{len(rows)} clause(s) to check{note}.\n")
    lines.append('<div class="aup-table-wrap" markdown="0" data-pagefind-ignore><table class="aup-review"><thead><tr><th>Confidence</th><th>Clause</th><th>Topics</th>'
                 '<th>Override line</th></tr></thead><tbody>')
    for confidence, _, _, doc, clause in shown:
        href = data.url(document_page_path(doc.id), page, clause_anchor(clause.id))
        topics = ", ".join(f'<a href="{esc(data.url(topic_page_path(t), page))}">{esc(titles.get(t, t))}</a>'
                           for t in clause.topics)
        why = "; ".join(r for e in clause.evidence[:1] for r in e.rules[:4])
        lines.append(
            f'<tr data-confidence="{confidence:.3f}"><td>{confidence:.2f}</td>'
            f'<td><a href="{esc(href)}">{esc(data.name(doc.id))}</a>: {lead_in_html(doc, clause)}{esc(clause.text)}</td>'
            f'<td>{topics}<br><small>{esc(why)}</small></td>'
            f'<td><code class="aup-override">{esc(override_line(doc.id, clause.id, clause.topics))}</code></td></tr>')
    lines.append("</tbody></table></div>\n")
    return "\n".join(lines) + "\n"
