"""Topic pages: a topic's families as rows and documents as columns, then the clauses in no family.

The page carries the families (one row each, with its representative wording) and the cells of a bounded
number of default columns; the reader's column picker fetches other documents' clauses from their JSON
(``documents/data/<id>.json``), so the page size grows with the number of families, not of documents.
Topic pages repeat clauses the document pages already hold: only a topic's title and definition are indexed
for search, everything after them is marked ``data-pagefind-ignore``.
"""
from __future__ import annotations

from ..markdown import esc, md_table_cell, md_text
from ..model import FORCES, Clause, Document
from .a11y import skip_link
from .data import Diff, Family, SiteData, Topic
from .documents import GENERATED_NOTE, clause_anchor, force_badge, items_of, lead_in_html
from .paths import BUILDER_PAGE, BUILDER_STORE, document_json_path, document_page_path, rule_coverage_path, topic_page_path

#: Columns a topic page shows before the reader picks others.
MAX_COLUMNS = 6

UNSPECIFIED = "unspecified"


def diff_html(diff: Diff) -> str:
    """A member's wording with insertions and deletions against the representative marked up."""
    out = []
    for op, text in diff:
        if op == "insert":
            out.append(f"<ins>{esc(text)}</ins>")
        elif op == "delete":
            out.append(f"<del>{esc(text)}</del>")
        else:
            out.append(esc(text))
    return "".join(out)


def member_html(diff: Diff) -> str:
    """A family member's wording: marked up against the representative when it is a near-copy (most words the
    same), else as the school words it (a rewording of the rule), whole."""
    same = sum(len(text.split()) for op, text in diff if op == "equal")
    own = sum(len(text.split()) for op, text in diff if op != "delete")
    if own and same / own >= 0.5:
        return diff_html(diff)
    return '<span class="aup-reworded">' + esc(" ".join(text for op, text in diff if op != "delete")) + "</span>"


def add_button(key: str, topic: Topic, doc: Document, clause: Clause) -> str:
    """The "add to my policy" button of a rule (a family id or "<document>#<clause>"), read by the builder's store
    script; a bare lead-in's ("Staff must not:") adds its items, printed under it, and one without items has none."""
    if clause.kind in ("declaration", "notice"):
        return ""
    if not clause.bare_lead_in:
        return (f' <button type="button" class="aup-add" data-aup-add="{esc(key)}" data-topic="{esc(topic.id)}" '
                f'title="Add this rule to the policy you are building">Add to my policy</button>')
    items = [f"{doc.id}#{c.id}" for c in items_of(doc, clause) if c.kind not in ("declaration", "notice")]
    if not items:
        return ""
    return (f' <button type="button" class="aup-add" data-aup-add="{esc(key)}" data-aup-items="{esc(" ".join(items))}" '
            f'data-topic="{esc(topic.id)}" title="Add this lead-in with the {len(items)} item{"s" if len(items) != 1 else ""} '
            f'under it to the policy you are building">Add with its {len(items)} item{"s" if len(items) != 1 else ""}</button>')


def _clause_div(doc: Document, clause: Clause, data: SiteData, page: str, body: str, extra: str = "", note: str = "") -> str:
    href = data.url(document_page_path(doc.id), page, clause_anchor(clause.id))
    audience = " ".join(clause.audience) or UNSPECIFIED
    return (f'<div class="aup-clause{extra}" data-modality="{esc(clause.modality or UNSPECIFIED)}" '
            f'data-force="{esc(clause.force)}" data-audience="{esc(audience)}">{note}<a class="aup-label" href="{esc(href)}" '
            f'title="Open in the policy">{esc(clause.label or "¶")}</a> {force_badge(clause)} {lead_in_html(doc, clause)}{body}</div>')


def _topic_clauses(data: SiteData, topic: Topic) -> dict[str, list[Clause]]:
    return data.topic_clauses(topic.id)


def default_columns(data: SiteData, counts: dict[str, int]) -> list[str]:
    """The documents shown before the reader picks: all if few, else those saying most on the topic."""
    ids = [d.id for d in data.documents]
    if len(ids) <= MAX_COLUMNS:
        return ids
    chosen = set(sorted(ids, key=lambda i: (-counts.get(i, 0), i))[:MAX_COLUMNS])
    return [i for i in ids if i in chosen]


def _controls(data: SiteData, page: str, topic_clauses: dict[str, list[Clause]], members: list[Clause],
              columns: list[str]) -> list[str]:
    everything = [c for cs in topic_clauses.values() for c in cs] + members
    forces = [f for f in FORCES if any(c.force == f for c in everything)]
    audiences = sorted({a for c in everything for a in (c.audience or [UNSPECIFIED])})
    out = ['<div class="aup-controls" data-pagefind-ignore>']
    for name, values in (("audience", audiences), ("force", forces)):
        if values:
            boxes = "".join(f'<label><input type="checkbox" value="{esc(v)}" checked> {esc(v)}</label>' for v in values)
            out.append(f'<fieldset class="aup-filter" data-filter="{name}"><legend>{name.capitalize()}</legend>{boxes}</fieldset>')
    out.append('<p class="aup-filter-count" role="status" aria-live="polite">Every clause shown</p>'
               '<p class="aup-nothing" hidden>Nothing matches these filters: tick another audience or force.</p>')
    picks = []
    for doc in data.documents:
        n = len(topic_clauses[doc.id])
        note = f"{n} clause{'s' if n != 1 else ''}" if n else "says nothing"
        picks.append(f'<label><input type="checkbox" value="{esc(doc.id)}" data-json="{esc(data.url(document_json_path(doc.id), page))}"'
                     f'{" checked" if doc.id in columns else ""}> {esc(data.name(doc))} '
                     f'<small>({note})</small></label>')
    out.append(f'<details class="aup-picker"><summary>Columns: <span class="aup-picked">{len(columns)}</span> of '
               f'{len(data.documents)} documents</summary><div class="aup-picker-list">{"".join(picks)}</div></details>')
    out.append("</div>\n")
    return out


def _stated(data: SiteData, family: Family, topic: Topic) -> str:
    """How many documents state a rule on this topic, and how many more under another topic only."""
    n, more = len(data.topic_members(family, topic.id)), len(data.elsewhere(family, topic.id))
    return f"{n} documents" + (f" (and {more} under another topic)" if more else "")


def _under(data: SiteData, clause: Clause, page: str) -> str:
    """The note on a clause shown in a topic's row though its school states it under another topic."""
    known = clause.topics and clause.topics[0] in data.topic_by_id
    where = (f'<a href="{esc(data.url(topic_page_path(clause.topics[0]), page))}">{esc(data.topic_title(clause.topics[0]))}</a>'
             if known else "another topic" if clause.topics else "no topic")
    return f'<span class="aup-under" data-pagefind-ignore>Stated under {where}</span>'


def _families_table(data: SiteData, topic: Topic, page: str, families: list[Family], columns: list[str],
                    topic_clauses: dict[str, list[Clause]]) -> list[str]:
    head = ['<th class="aup-rep-col">Rule (representative wording)</th>']
    for doc_id in columns:
        gap = "" if topic_clauses[doc_id] else ' aup-gap-col'
        head.append(f'<th class="aup-doc-col{gap}" data-doc="{esc(doc_id)}"><a href="{esc(data.url(document_page_path(doc_id), page))}">'
                    f'{esc(data.name(doc_id))}</a></th>')
    rows = []
    for family in families:
        rep = family.representative
        cells = [f'<th class="aup-rep">{force_badge(rep.clause)} {lead_in_html(rep.document, rep.clause)}'
                 f'<span class="aup-text">{esc(rep.clause.text)}</span> '
                 f'<span class="aup-famsize">{_stated(data, family, topic)}</span>'
                 f'{add_button(family.id, topic, rep.document, rep.clause)}</th>']
        by_document = data.topic_members(family, topic.id)
        elsewhere = data.elsewhere(family, topic.id)
        for doc_id in columns:
            members = by_document.get(doc_id)
            if members:
                body = "".join(_clause_div(m.document, m.clause, data, page, esc(m.clause.text) if m == rep else
                                           member_html(data.diff(family, m)), " aup-rep-member" if m == rep else "")
                               for m in members)
            elif doc_id in elsewhere:  # the school states the rule, under another topic: not a gap
                body = "".join(_clause_div(m.document, m.clause, data, page, member_html(data.diff(family, m)),
                                           " aup-elsewhere", _under(data, m.clause, page))
                               for m in elsewhere[doc_id])
            else:
                body = '<span class="aup-gap">says nothing on this topic</span>' if not topic_clauses[doc_id] \
                    else '<span class="aup-gap">—</span>'
            cells.append(f'<td data-doc="{esc(doc_id)}">{body}</td>')
        rows.append(f'<tr data-family="{esc(family.id)}">{"".join(cells)}</tr>')
    return ['<div class="aup-table-wrap" data-pagefind-ignore><table class="aup-families">', f'<thead><tr>{"".join(head)}</tr></thead>',
            "<tbody>", *rows, "</tbody></table></div>\n"]


def topic_page(data: SiteData, topic: Topic) -> str:
    """The page of one topic: its definition, families side by side across documents, then loose clauses."""
    page = topic_page_path(topic.id)
    topic_clauses = _topic_clauses(data, topic)
    families = sorted(data.topic_families(topic.id), key=lambda f: (-len(data.topic_members(f, topic.id)), f.id))
    in_family = {f.id for f in families}
    counts = {doc_id: len(cs) for doc_id, cs in topic_clauses.items()}
    columns = default_columns(data, counts)
    saying = [d for d in data.documents if topic_clauses[d.id]]
    gaps = [d for d in data.documents if not topic_clauses[d.id]]
    lines = ["---", "hide:", "  - navigation", "  - toc", "---", f"# {md_text(topic.title)}\n",
             skip_link("families", "Skip to the clauses"), GENERATED_NOTE]
    if topic.definition:
        lines.append(f'<p class="aup-definition">{esc(topic.definition)}</p>\n')
    summary = (f"{len(saying)} of {len(data.documents)} documents say something on this topic "
               f"({sum(counts.values())} clauses in all, {len(families)} families).")
    if gaps:
        summary += " Saying nothing: " + ", ".join(
            f'<a href="{esc(data.url(document_page_path(d.id), page))}">{esc(data.name(d))}</a>' for d in gaps) + "."
    lines.append(f'<p class="aup-summary" data-pagefind-ignore>{summary}</p>\n')
    members = [m.clause for f in families for ms in data.topic_members(f, topic.id).values() for m in ms]
    lines.append(f'<div class="aup-topic" data-topic="{esc(topic.id)}" data-root="{esc(data.url("index.md", page))}" '
                 f'data-topics="{esc(data.topics_json())}">\n')
    lines += _controls(data, page, topic_clauses, members, columns)
    lines.append("</div>\n")
    lines.append("## The same rule, side by side {#families data-pagefind-ignore=""}\n")
    lines.append(f'<p class="aup-rules-link"><a href="{esc(data.url(rule_coverage_path(topic.id), page))}">Coverage by rule</a>: '
                 "which schools state each rule on this topic, with the gaps, in one table.</p>\n")
    if families:
        lines += _families_table(data, topic, page, families, columns, topic_clauses)
    else:
        lines.append('<p class="aup-empty" data-pagefind-ignore>No clause families on this topic yet.</p>\n')
    lines.append('## Only here: clauses no other document states {#loose data-pagefind-ignore=""}\n')
    lines.append('<div class="aup-loose" data-pagefind-ignore>')
    for doc_id in columns:
        loose = [c for c in topic_clauses[doc_id] if c.family not in in_family]
        doc = data.document_by_id[doc_id]
        items = "".join(_clause_div(doc, c, data, page, esc(c.text) + add_button(f"{doc.id}#{c.id}", topic, doc, c))
                        for c in loose) or \
            ('<span class="aup-gap">says nothing on this topic</span>' if not topic_clauses[doc_id] else
             '<span class="aup-gap">every clause is in a family above</span>')
        lines.append(f'<section class="aup-loose-doc" data-doc="{esc(doc_id)}"><h3>{esc(data.name(doc_id))}</h3>{items}</section>')
    lines.append("</div>\n")
    lines.append(f'<p class="aup-builder-link" data-builder="{esc(data.url(BUILDER_PAGE, page))}">Rules you add go to '
                 f'<a href="{esc(data.url(BUILDER_PAGE, page))}">your policy in the builder</a>.</p>\n')
    lines.append(f'<script src="{esc(data.url(BUILDER_STORE, page))}" defer></script>\n')
    return "\n".join(lines) + "\n"


def topics_index(data: SiteData) -> str:
    """Every topic with its definition and how many documents speak to it."""
    lines = ["# Topics\n", GENERATED_NOTE]
    if not data.topics:
        lines.append("No topics yet: the corpus has no taxonomy (`corpus/topics.yaml`) and no clause carries a topic. "
                     "See the [guide](../guide/topics-and-overrides.md).\n")
        return "\n".join(lines) + "\n"
    lines += ["| Topic | Definition | Documents | Clauses |", "|---|---|---|---|"]
    for topic in data.topics:
        per_document = data.topic_clauses(topic.id)
        docs = sum(1 for cs in per_document.values() if cs)
        clauses = sum(len(cs) for cs in per_document.values())
        lines.append(f"| [{md_table_cell(topic.title)}]({topic.id}.md) | {md_table_cell(topic.definition)} | "
                     f"{docs} of {len(data.documents)} | {clauses} |")
    lines.append("\nThe tagger's least sure calls are listed on [Tags to check](../review/index.md), each with the "
                 "line that confirms or corrects it in `corpus/overrides.yaml`.")
    return "\n".join(lines) + "\n"
