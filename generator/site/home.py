"""The home page: what the corpus holds and the coverage matrix (documents x topics)."""
from __future__ import annotations

from ..markdown import esc, md_text
from ..model import Document
from ..naming import organisation_key, readable_title
from .a11y import coverage_words, skip_link
from .data import SiteData
from .dates import date_html, day_text, locale_of, parse_period, read_date, review_overdue
from .documents import GENERATED_NOTE
from .history import recent_changes_section
from .paths import HOME_PAGE, coverage_page_path, document_page_path, topic_page_path

MUST = ("must", "must-not")


#: Rows of the coverage matrix per page: past this, the matrix goes on over ``coverage/<n>.md`` pages, so
#: no page grows with the size of the corpus (a row is about 2 kB).
MATRIX_ROWS = 250


def coverage_parts(data: SiteData) -> int:
    """How many pages the coverage matrix takes (the home page is the first)."""
    return max(1, -(-len(data.documents) // MATRIX_ROWS))


def _more(data: SiteData, page: str, number: int) -> str:
    links = []
    for part in range(1, coverage_parts(data) + 1):
        first, last = (part - 1) * MATRIX_ROWS + 1, min(part * MATRIX_ROWS, len(data.documents))
        label = f"{first}–{last}"
        links.append(f"<strong>{label}</strong>" if part == number else
                     f'<a href="{esc(data.url(coverage_page_path(part), page, "coverage"))}">{label}</a>')
    return (f'<p class="aup-matrix-parts" data-pagefind-ignore>The matrix shows {MATRIX_ROWS} policies a page; '
            f'policies {" · ".join(links)} of {len(data.documents)}.</p>\n')


def coverage_pages(data: SiteData) -> dict[str, str]:
    """The coverage matrix's further pages (none while it fits on the home page)."""
    if not data.topics:
        return {}
    pages = {}
    for number in range(2, coverage_parts(data) + 1):
        page = coverage_page_path(number)
        docs = data.documents[(number - 1) * MATRIX_ROWS:number * MATRIX_ROWS]
        lines = ["---", "hide:", "  - navigation", "  - toc", "---",
                 f"# Coverage: policies {(number - 1) * MATRIX_ROWS + 1}–{(number - 1) * MATRIX_ROWS + len(docs)}\n",
                 GENERATED_NOTE, "## Coverage {#coverage}\n", _more(data, page, number),
                 *_matrix(data, page, docs)]
        pages[page] = "\n".join(lines) + "\n"
    return pages


def coverage_level(count: int) -> int:
    """The colour step of a matrix cell: 0 nothing, 1 one clause, 2 two or three, 3 four to seven, 4 eight or more."""
    return 0 if count == 0 else 1 if count == 1 else 2 if count <= 3 else 3 if count <= 7 else 4


def corpus_count(docs: list[Document]) -> str:
    """"**5** documents from **3** organisations (2 do not name theirs)"; each organisation counted once."""
    named = {organisation_key(d.metadata.school) for d in docs if d.metadata.school.strip()}
    unnamed = sum(1 for d in docs if not d.metadata.school.strip())
    out = f"**{len(docs)}** {'document' if len(docs) == 1 else 'documents'}"
    if named:
        out += f" from **{len(named)}** {'organisation' if len(named) == 1 else 'organisations'}"
    if unnamed == len(docs) and docs:
        out += ", none naming its organisation" if unnamed == 1 else ", none naming their organisation"
    elif unnamed:
        out += f" ({unnamed} {'does' if unnamed == 1 else 'do'} not name {'its' if unnamed == 1 else 'their'} organisation)"
    return out


def _summary(data: SiteData) -> list[str]:
    docs = data.documents
    clauses = sum(len(d.clauses) for d in docs)
    adopted = sorted((p[0], d.metadata.adopted, d.id) for d in docs if (p := parse_period(d.metadata.adopted, locale_of(d))))
    overdue = [d for d in docs if review_overdue(d.metadata.review, data.today)]
    no_review = [d for d in docs if not parse_period(d.metadata.review)]
    items = [f"{corpus_count(docs)}, **{clauses}** clauses",
             f"**{len(data.topics)}** topics, **{len(data.families)}** clause families"]
    if adopted:
        first, last = adopted[0], adopted[-1]
        items.append(f"adopted between {md_text(read_date(first[1], locale_of(data.document_by_id[first[2]])).shown)} "
                     f"and {md_text(read_date(last[1], locale_of(data.document_by_id[last[2]])).shown)}")
    items.append(f"**{len(overdue)}** review{'s' if len(overdue) != 1 else ''} overdue as of {day_text(data.today)}"
                 + (f"; {len(no_review)} without a review date" if no_review else ""))
    return ["The corpus holds:\n", *[f"- {i}" for i in items], ""]


def _matrix(data: SiteData, page: str = "index.md", documents: list[Document] | None = None) -> list[str]:
    head = ['<th class="aup-doc" scope="col">Policy</th><th scope="col">Adopted</th><th scope="col">Review due</th><th scope="col">Clauses</th>']
    head += [f'<th class="aup-vert" scope="col"><a href="{esc(data.url(topic_page_path(t.id), page))}" '
             f'title="{esc(t.definition or t.title)}"><span>{esc(t.title)}</span></a></th>' for t in data.topics]
    rows = []
    for doc in data.documents if documents is None else documents:
        md = doc.metadata
        href = esc(data.url(document_page_path(doc.id), page))
        overdue = review_overdue(md.review, data.today)
        name, title = data.name(doc), readable_title(doc)
        cells = [f'<th class="aup-doc" scope="row"><a href="{href}">{esc(name)}</a>'
                 + (f'<small>{esc(title)}</small>' if title.lower() not in name.lower() else "") + '</th>',
                 f"<td>{date_html(md.adopted, locale_of(doc))}</td>",
                 f'<td{" class=od" if overdue else ""}>{date_html(md.review, locale_of(doc)) or "—"}{" <em>overdue</em>" if overdue else ""}</td>',
                 f"<td>{len(doc.clauses)}</td>"]
        counts: dict[str, int] = {}
        modalities: dict[str, set[str]] = {}
        for clause in doc.clauses:
            for topic_id in clause.topics:
                counts[topic_id] = counts.get(topic_id, 0) + 1
                modalities.setdefault(topic_id, set()).add(clause.modality or "")
        for topic in data.topics:
            n = counts.get(topic.id, 0)
            said = modalities.get(topic.id, set())
            # the number is what the eye reads; a screen reader reads the whole phrase instead
            words = f'<span aria-hidden="true">{n}</span><span class="aup-sr">{coverage_words(n, said)}</span>'
            if n:
                cls = f"c{coverage_level(n)}{' m' if said & set(MUST) else ''}"
                cells.append(f'<td class="{cls}"><a href="{href}#topic-{esc(topic.id)}">{words}</a></td>')
            else:
                cells.append(f'<td class="c0"><span class="aup-sr">{coverage_words(0, said)}</span></td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    legend = ('<p class="aup-legend" data-pagefind-ignore>Each cell counts the document\'s clauses on a topic: '
              '<span class="c1">1</span> <span class="c2">2–3</span> <span class="c3">4–7</span> <span class="c4">8+</span>; '
              '<span class="c2 m">bold with a mark</span>: at least one is a must / must-not rule; empty: a gap. '
              'A cell links to the document\'s clauses on that topic.</p>\n')
    caption = ('<caption class="aup-sr">Coverage: clauses per topic in each policy, one row per policy, '
               'one column per topic</caption>')
    return [skip_link("aup-matrix", "Skip to the coverage matrix"), legend,
            f'<div class="aup-table-wrap" data-pagefind-ignore><table class="aup-matrix" id="aup-matrix" tabindex="-1">{caption}',
            f"<thead><tr>{''.join(head)}</tr></thead>", "<tbody>", *rows, "</tbody></table></div>\n"]


def home_page(data: SiteData) -> str:
    """The site's front page."""
    lines = ["---", "hide:", "  - navigation", "  - toc", "---", "# Acceptable Use Policies, compared\n", GENERATED_NOTE]
    lines.append("AUP Atlas puts school Acceptable Use Policies side by side, clause by clause: browse a "
                 "[topic](topics/index.md) to see how each school words the same rule, read any "
                 "[policy](documents/index.md) in full, or [compare](compare/index.md) two policies. "
                 "The [guide](guide/index.md) explains how to add your own.\n")
    lines += _summary(data)
    lines += recent_changes_section(data, HOME_PAGE)
    lines.append("## Coverage {#coverage}\n")
    if data.topics and data.documents:
        lines += _matrix(data, HOME_PAGE, data.documents[:MATRIX_ROWS])
        if len(data.documents) > MATRIX_ROWS:
            lines.append(_more(data, HOME_PAGE, 1))
    else:
        lines.append("No topics yet: once the clauses are tagged with topics, this matrix shows which topics each "
                     "policy covers and how firmly.\n")
    return "\n".join(lines) + "\n"
