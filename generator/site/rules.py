"""Coverage by rule: for one topic, which schools state each rule (issue 14 item 3).

One row per rule (a family with a member on the topic: its representative wording and how many schools state
it), one column per school that says something on the topic, a mark where the school states the rule (linking
to its clause, the clause's own words in the title) and a visible gap where it does not. The last row counts
each school's clauses on the topic that no other school states. This is the table a policy writer would
otherwise build by hand; the topic page links here and shows the wordings side by side.
"""
from __future__ import annotations

from ..markdown import esc, md_text
from ..model import MODALITY_LABELS
from .data import Family, SiteData, Topic
from .documents import GENERATED_NOTE, clause_anchor, clause_reading, force_badge, lead_in_html
from .paths import document_page_path, rule_coverage_path, topic_page_path

#: Most school columns on one coverage page (those stating most of the topic's rules); a page listing every
#: school of a thousand-policy corpus would be too wide to read and too big to load.
MAX_RULE_COLUMNS = 40


def topic_rules(data: SiteData, topic: Topic) -> list[Family]:
    """The topic's rules stated by two or more schools, most widely stated first (ties: family id)."""
    return sorted(data.topic_families(topic.id), key=lambda f: (-len(data.topic_members(f, topic.id)), f.id))


def rule_columns(data: SiteData, topic: Topic, rules: list[Family], saying: list[str]) -> list[str]:
    """The schools shown: every school that says something on the topic, or, when there are too many, those
    stating most of its rules (in document order)."""
    if len(saying) <= MAX_RULE_COLUMNS:
        return saying
    stated = {doc_id: sum(1 for f in rules if doc_id in data.topic_members(f, topic.id)) for doc_id in saying}
    chosen = set(sorted(saying, key=lambda d: (-stated[d], d))[:MAX_RULE_COLUMNS])
    return [d for d in saying if d in chosen]


def _cell(data: SiteData, page: str, topic: Topic, family: Family, doc_id: str) -> str:
    members = data.topic_members(family, topic.id).get(doc_id)
    if not members:
        under = data.elsewhere(family, topic.id).get(doc_id)
        if under:  # the school states the rule, under another topic: a mark of its own, not a gap
            m = under[0]
            href = data.url(document_page_path(doc_id), page, clause_anchor(m.clause.id))
            where = data.topic_title(m.clause.topics[0]) if m.clause.topics else "no topic"
            return (f'<td class="aup-rule-elsewhere" data-doc="{esc(doc_id)}"><a class="aup-rule-mark" href="{esc(href)}" '
                    f'title="{esc(clause_reading(m.document, m.clause))}">under {esc(where)}</a></td>')
        return f'<td class="aup-rule-gap" data-doc="{esc(doc_id)}"><span class="aup-gap" title="not stated">—</span></td>'
    links = []
    for m in members:
        href = data.url(document_page_path(doc_id), page, clause_anchor(m.clause.id))
        links.append(f'<a class="aup-rule-mark" href="{esc(href)}" title="{esc(clause_reading(m.document, m.clause))}">'
                     f'✓ {esc(MODALITY_LABELS.get(m.clause.modality or "info", m.clause.modality))}</a>')
    return f'<td class="aup-rule-stated" data-doc="{esc(doc_id)}">{"<br>".join(links)}</td>'


def _more(data: SiteData, family: Family, topic: Topic, columns: list[str]) -> str:
    """", and N under another topic": the shown schools stating the rule only under another topic."""
    more = sum(1 for d in data.elsewhere(family, topic.id) if d in columns)
    return f", and {more} under another topic" if more else ""


def rule_coverage_page(data: SiteData, topic: Topic) -> str:
    """The coverage-by-rule page of one topic: rules as rows, schools as columns, gaps visible."""
    page = rule_coverage_path(topic.id)
    topic_clauses = data.topic_clauses(topic.id)
    rules = topic_rules(data, topic)
    saying = [d.id for d in data.documents if topic_clauses[d.id]]
    columns = rule_columns(data, topic, rules, saying)
    topic_url = data.url(topic_page_path(topic.id), page)
    lines = ["---", "search:", "  exclude: true", "hide:", "  - navigation", "  - toc", "---",
             f"# Coverage by rule: {md_text(topic.title)}\n", GENERATED_NOTE,
             f'<p class="aup-summary">Which schools state each rule on this topic: {len(rules)} rule'
             f'{"s" if len(rules) != 1 else ""} stated by two or more of the {len(saying)} documents that say something '
             f'on it. A mark (with how strongly the school words it) links to the school\'s clause; hover for its wording; "under" '
             f'another topic marks a school stating the rule there; a dash is a gap. '
             f'<a href="{esc(topic_url)}">The topic page</a> shows each school\'s wording side by side.</p>\n']
    if len(columns) < len(saying):
        lines.append(f'<p class="aup-note">Showing the {len(columns)} documents that state most of these rules, '
                     f'of {len(saying)}.</p>\n')
    if not rules:
        lines.append('<p class="aup-empty">No rule on this topic is stated by two schools yet.</p>\n')
        return "\n".join(lines) + "\n"
    head = ['<th class="aup-rep-col" scope="col">Rule (representative wording)</th>',
            '<th scope="col">Schools</th>']
    head += [f'<th class="aup-doc-col" scope="col" data-doc="{esc(d)}"><a href="{esc(data.url(document_page_path(d), page))}">'
             f'{esc(data.name(d))}</a></th>' for d in columns]
    rows = []
    for family in rules:
        rep = family.representative
        stated = len(data.topic_members(family, topic.id))
        cells = [f'<th class="aup-rep" scope="row">{force_badge(rep.clause)} {lead_in_html(rep.document, rep.clause)}'
                 f'<span class="aup-text">{esc(rep.clause.text)}</span></th>',
                 f'<td class="aup-rule-count">{stated} of {len(saying)}{_more(data, family, topic, columns)}</td>']
        cells += [_cell(data, page, topic, family, d) for d in columns]
        rows.append(f'<tr data-family="{esc(family.id)}">{"".join(cells)}</tr>')
    in_rule = {(m.document.id, m.clause.id) for f in rules for ms in data.topic_members(f, topic.id).values() for m in ms}
    only = [sum(1 for c in topic_clauses[d] if (d, c.id) not in in_rule) for d in columns]
    rows.append('<tr class="aup-rule-only"><th scope="row">Only here: clauses no other school states</th><td></td>'
                + "".join(f'<td data-doc="{esc(d)}">{n}</td>' for d, n in zip(columns, only)) + "</tr>")
    lines += ['<div class="aup-table-wrap"><table class="aup-rules">', f'<thead><tr>{"".join(head)}</tr></thead>',
              "<tbody>", *rows, "</tbody></table></div>\n"]
    return "\n".join(lines) + "\n"
