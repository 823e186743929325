"""A policy's history on the site: the versions on its page, a "what changed" page per version, the home page's
recent changes, and Atom feeds (RFC 4287) per policy and for the corpus.

Changes are read as :mod:`generator.stored_changes` keeps them (diffed again, by :func:`generator.changes.diff_documents`
over the versions :mod:`generator.versions` keeps, when missing or stale);
every piece of policy text is escaped (:func:`generator.markdown.esc`), in the feeds twice: once as the
HTML it is, once as XML text.
"""
from __future__ import annotations

import re
from html import escape as xml_escape

from ..changes import Change, Changes, diff_documents, force_text, modality_text
from ..markdown import esc, md_text
from ..model import Document
from ..stored_changes import read_changes
from ..versions import History, Version, first_version, load_version_clauses
from .data import SiteData
from .dates import locale_of
from .documents import GENERATED_NOTE, clause_anchor
from .paths import CHANGES_FEED, change_page_path, document_page_path, policy_feed_path

#: How many versions the home page and the corpus feed list.
RECENT = 10
FEED_ENTRIES = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 does not allow (a hostile source may hold them); dropped from the feeds.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def history_of(data: SiteData, doc: Document) -> History:
    """A policy's versions (one, the document itself, when it has no history)."""
    return data.histories.get(doc.id) or History(doc.id, [first_version(doc, data.today)])


def version_changes(data: SiteData, doc: Document, number: int) -> Changes:
    """What changed in version ``number`` (2 or later) of a policy since the version before (cached)."""
    key = (doc.id, number)
    if key not in data.changes_cache:
        history = data.histories[doc.id]
        numbers = [v.number for v in history.versions]
        previous = numbers[numbers.index(number) - 1]
        stored = read_changes(data.corpus, history, number, doc)  # None when missing or stale: diff again
        if stored is None:
            new = doc if number == history.current.number else _version(data, history, number)
            stored = diff_documents(_version(data, history, previous), new)
        data.changes_cache[key] = stored
    return data.changes_cache[key]  # type: ignore[return-value]


def _version(data: SiteData, history: History, number: int) -> Document:
    """An earlier version's document, the last one loaded kept (a history is read newest first, each version
    being the old side of one change and the new side of the next)."""
    last = data.changes_cache.get(("", 0))
    if last is not None and last[:2] == (history.policy, number):
        return last[2]  # type: ignore[index]
    loaded = load_version_clauses(data.corpus, history, number)
    data.changes_cache[("", 0)] = (history.policy, number, loaded)
    return loaded


def _date(v: Version, doc: Document) -> str:
    shown = v.shown(locale_of(doc))
    return shown if v.date_from == "document" else f"{shown} (ingested)"


def history_section(data: SiteData, doc: Document) -> list[str]:
    """The "History" part of a policy's page: its versions, newest first, each linked to what changed."""
    history = data.histories.get(doc.id)
    if history is None:
        return []
    page = document_page_path(doc.id)
    rows = []
    for v in reversed(history.versions):
        if v is history.versions[0]:
            what = "first version"
        else:
            what = (f'<a href="{esc(data.url(change_page_path(doc.id, v.number), page))}">'
                    f'{esc(version_changes(data, doc, v.number).summary())}</a>')
        current = " (current)" if v is history.current else ""
        rows.append(f"<tr><td>{v.number}{current}</td><td>{esc(_date(v, doc))}</td><td>{what}</td></tr>")
    feed = esc(data.url(policy_feed_path(doc.id), page))
    return ["## History {#history}\n", '<table class="aup-history"><thead><tr><th>Version</th><th>Date</th>'
            "<th>What changed</th></tr></thead><tbody>", *rows, "</tbody></table>\n",
            f'<p><a href="{feed}" type="application/atom+xml">Atom feed of this policy\'s changes</a></p>\n']


def _diff_html(change: Change) -> str:
    if change.kind == "cosmetic" and change.why in ("punctuation", "white space"):
        return f"<del>{esc(change.old.text)}</del> <ins>{esc(change.new.text)}</ins>"
    tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    return " ".join(tags[op].format(esc(text)) for op, text in change.diff)


def change_html(change: Change, data: SiteData, page: str, doc_id: str) -> str:
    """One clause's change as a paragraph of escaped HTML."""
    if change.kind == "added":
        body, head = esc(change.new.text), "Added"
    elif change.kind == "removed":
        body, head = f"<del>{esc(change.old.text)}</del>", "Removed"
    elif change.kind == "moved":
        body, head = esc(change.new.text), "Moved"
    else:
        body = _diff_html(change)
        head = "Reworded" if change.kind == "reworded" else f"Cosmetic ({esc(change.why)})"
        if change.moved:
            head += ", moved"
    force = (f' <strong class="aup-force-change">Force changed: {esc(force_text(change.force))}</strong>'
             if change.force else "")
    link = ""
    if change.new is not None:
        href = esc(data.url(document_page_path(doc_id), page, clause_anchor(change.new.id)))
        link = f' <small><a href="{href}" title="this clause in the current version">§</a></small>'
    return (f'<p class="aup-change aup-change-{change.kind}"><strong>{head}:</strong> '
            f'<span class="aup-text">{body}</span>{force}{link}</p>\n')


def change_page(data: SiteData, doc: Document, number: int) -> str:
    """The "what changed" page of one version of a policy."""
    history = data.histories[doc.id]
    page = change_page_path(doc.id, number)
    to = history.version(number)
    frm = history.versions[[v.number for v in history.versions].index(number) - 1]
    changes = version_changes(data, doc, number)
    name = data.name(doc)
    lines = [f"# What changed: {md_text(name)}, version {number}\n", GENERATED_NOTE,
             f'<p>Version {number} ({esc(_date(to, doc))}) compared with version {frm.number} ({esc(_date(frm, doc))}): '
             f'{esc(changes.summary())}. <a href="{esc(data.url(document_page_path(doc.id), page, "history"))}">'
             f'All versions</a> · <a href="{esc(data.url(policy_feed_path(doc.id), page))}" '
             'type="application/atom+xml">Atom feed</a></p>\n']
    groups = [("Substantive changes", "substantive", changes.substantive),
              ("Moved", "moved", changes.of("moved")),
              ("Cosmetic changes", "cosmetic", changes.of("cosmetic"))]
    if changes.forces:
        lines.append("## Force changes {#force}\n")
        lines += [f"- {md_text(c.new.text[:80])}…: {md_text(force_text(c.force))}" if len(c.new.text) > 80 else
                  f"- {md_text(c.new.text)}: {md_text(force_text(c.force))}" for c in changes.forces]
        lines.append("")
    for title, anchor, found in groups:
        if found:
            lines.append(f"## {title} {{#{anchor}}}\n")
            lines += [change_html(c, data, page, doc.id) for c in found]
    if not changes.changes:
        lines.append("No clause changed: the new version differs only outside the clauses (metadata, layout).\n")
    return "\n".join(lines) + "\n"


def recent_changes(data: SiteData) -> list[tuple[Version, Document, Changes]]:
    """The latest versions with substantive changes across the corpus, newest first."""
    found = []
    for policy, history in data.histories.items():
        doc = data.document_by_id[policy]
        for v in history.versions[1:]:
            found.append((v.date, policy, v.number, v, doc))
    found.sort(key=lambda t: (t[0], t[1], t[2]), reverse=True)
    out = []
    for *_, v, doc in found:
        changes = version_changes(data, doc, v.number)
        if changes.substantive:
            out.append((v, doc, changes))
        if len(out) == RECENT:
            break
    return out


def recent_changes_section(data: SiteData, page: str) -> list[str]:
    """The home page's list of recent substantive changes (nothing when no policy has a second version)."""
    if not data.histories:
        return []
    items = []
    for v, doc, changes in recent_changes(data):
        href = esc(data.url(change_page_path(doc.id, v.number), page))
        items.append(f'<li>{esc(v.shown(locale_of(doc)))}: <a href="{href}">{esc(data.name(doc))}, '
                     f'version {v.number}</a> ({esc(changes.summary())})</li>')
    feed = esc(data.url(CHANGES_FEED, page))
    return ["## Recent changes {#recent-changes}\n",
            f'<ul class="aup-recent">{"".join(items)}</ul>\n' if items else "No substantive changes yet.\n",
            f'<p><a href="{feed}" type="application/atom+xml">Atom feed of every policy\'s changes</a></p>\n']


# -- Atom feeds ---------------------------------------------------------------------------------------------
def _x(text: str) -> str:
    return xml_escape(_NOT_XML.sub("", text), quote=True)


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _entry(data: SiteData, doc: Document, v: Version, feed: str) -> str:
    if v.number == 1:
        title, summary = f"{data.name(doc)}: version 1", "The first version in the corpus."
        link = data.url(document_page_path(doc.id), feed)
        content = f"<p>{esc(summary)}</p>"
    else:
        changes = version_changes(data, doc, v.number)
        title, summary = f"{data.name(doc)}: version {v.number}", changes.summary()
        link = data.url(change_page_path(doc.id, v.number), feed)
        items = [f"<li>{esc(c.kind)}: {esc((c.new or c.old).text)}"
                 + (f" ({esc(force_text(c.force))})" if c.force else "") + "</li>" for c in changes.substantive]
        content = f"<p>{esc(summary)}</p><ul>{''.join(items)}</ul>"
    return (f"  <entry>\n    <id>{_x(entry_id(doc.id, v.number))}</id>\n    <title>{_x(title)}</title>\n"
            f"    <updated>{_stamp(v.date)}</updated>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{_x(link)}\"/>\n"
            f"    <summary>{_x(summary)}</summary>\n    <content type=\"html\">{_x(content)}</content>\n  </entry>\n")


def entry_id(policy: str, number: int) -> str:
    """The permanent id (an IRI) of one version's feed entry."""
    return f"tag:aup-atlas,2026:{policy}/version/{number}"


def _feed(feed_id: str, title: str, path: str, alternate: str, entries: list[tuple[str, str]], updated: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="{ATOM_NS}">\n  <id>{_x(feed_id)}</id>\n  <title>{_x(title)}</title>\n'
            f"  <updated>{_stamp(updated)}</updated>\n  <author><name>AUP Atlas</name></author>\n"
            f'  <link rel="self" type="application/atom+xml" href="{_x(path.rsplit("/", 1)[-1])}"/>\n'
            f'  <link rel="alternate" type="text/html" href="{_x(alternate)}"/>\n'
            f"  <generator>AUP Atlas</generator>\n" + "".join(text for _, text in entries) + "</feed>\n")


def policy_feed(data: SiteData, doc: Document) -> str:
    """A policy's Atom feed: one entry per version, newest first."""
    path = policy_feed_path(doc.id)
    history = history_of(data, doc)
    entries = [(v.date, _entry(data, doc, v, path)) for v in reversed(history.versions)]
    return _feed(f"tag:aup-atlas,2026:{doc.id}", f"{data.name(doc)}: changes", path,
                 data.url(document_page_path(doc.id), path), entries, max(v.date for v in history.versions))


def corpus_feed(data: SiteData) -> str:
    """The corpus's Atom feed: the latest new versions of every policy (versions after the first), newest first."""
    found = sorted(((v.date, policy, v.number, v) for policy, h in data.histories.items() for v in h.versions[1:]),
                   key=lambda t: t[:3], reverse=True)[:FEED_ENTRIES]
    entries = [(day, _entry(data, data.document_by_id[policy], v, CHANGES_FEED)) for day, policy, _, v in found]
    updated = found[0][0] if found else data.today.isoformat()
    return _feed("tag:aup-atlas,2026:changes", "AUP Atlas: policy changes", CHANGES_FEED,
                 data.url("index.md", CHANGES_FEED), entries, updated)


def plan_history_pages(data: SiteData, doc: Document) -> dict[str, str]:
    """A policy's feed and the "what changed" page of each of its versions after the first."""
    pages = {policy_feed_path(doc.id): policy_feed(data, doc)}
    history = data.histories.get(doc.id)
    for v in history.versions[1:] if history else ():
        pages[change_page_path(doc.id, v.number)] = change_page(data, doc, v.number)
    return pages


__all__ = ["change_page", "corpus_feed", "history_section", "modality_text", "plan_history_pages", "policy_feed",
           "recent_changes_section"]
