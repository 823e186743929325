"""What the site is built from: documents, topics, families, word differences and page addresses.

Topics are the corpus's taxonomy (:func:`generator.tagging.taxonomy.load_taxonomy`), then any topic id a
clause carries that the taxonomy lacks. Families are the ones stored on the clauses
(:func:`generator.families.families_from_documents`); word differences are :func:`generator.families.word_diff`.
"""
from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..families import Family, Member, families_from_documents, word_diff
from ..model import Clause, Document
from ..naming import distinct_names, sorted_by_name
from ..tagging.taxonomy import Topic, load_taxonomy
from ..versions import History, load_histories
from .dates import build_date
from .paths import topic_page_path

__all__ = ["Diff", "Family", "Member", "SiteData", "Topic", "load_site_data", "load_topics", "page_url"]

Diff = list[tuple[str, str]]


@dataclass
class SiteData:
    """Everything the pages are planned from."""

    documents: list[Document]  # sorted by the name shown (naming.sorted_by_name) in __post_init__
    topics: list[Topic]
    families: list[Family]
    today: date
    directory_urls: bool = True
    corpus: Path | None = None  # where earlier versions are read from (the change pages)
    histories: dict[str, History] = field(default_factory=dict)  # policies with more than one version

    def __post_init__(self) -> None:
        self.topic_by_id = {t.id: t for t in self.topics}
        self.family_by_id = {f.id: f for f in self.families}
        self.document_by_id = {d.id: d for d in self.documents}
        self.names = distinct_names(self.documents)  # how each document is named on every page
        self.documents = sorted_by_name(self.documents, self.names)  # every list shows documents by that name
        self._diffs: dict[tuple[str, str], Diff] = {}
        self._wording_diffs: dict[tuple[str, str], Diff] = {}
        self._urls: dict[tuple[str, str, bool], str] = {}
        self._topic_clauses: dict[str, dict[str, list[Clause]]] | None = None
        self._topic_families: dict[str, list[Family]] | None = None
        self._topic_members: dict[tuple[str, str], dict[str, list[Member]]] = {}
        self.changes_cache: dict[tuple[str, int], object] = {}  # (policy, version) -> its Changes (site.history)

    def name(self, doc: Document | str) -> str:
        """A document's display name (see :func:`generator.naming.display_name`), told apart from its namesakes."""
        return self.names[doc if isinstance(doc, str) else doc.id]

    def topic_clauses(self, topic_id: str) -> dict[str, list[Clause]]:
        """Each document's clauses on a topic (every document, in order; an empty list is a gap)."""
        if self._topic_clauses is None:  # one pass over every clause for all topics, not one per topic
            index: dict[str, dict[str, list[Clause]]] = {}
            for doc in self.documents:
                for clause in doc.clauses:
                    for tid in dict.fromkeys(clause.topics):
                        index.setdefault(tid, {}).setdefault(doc.id, []).append(clause)
            self._topic_clauses = index
        found = self._topic_clauses.get(topic_id, {})
        return {doc.id: found.get(doc.id, []) for doc in self.documents}

    def topic_families(self, topic_id: str) -> list[Family]:
        """The families stating a rule on a topic: two or more documents with a member whose clause carries the
        topic, in family order. A member tagged with other topics only is not counted on this one: its document
        may say nothing on the topic, and every page must agree about who states the rule there."""
        if self._topic_families is None:
            index: dict[str, list[Family]] = {}
            for family in self.families:
                for tid in dict.fromkeys(family.topics):
                    if len(self.topic_members(family, tid)) >= 2:
                        index.setdefault(tid, []).append(family)
            self._topic_families = index
        return list(self._topic_families.get(topic_id, []))

    def topic_members(self, family: Family, topic_id: str) -> dict[str, list[Member]]:
        """A family's members on a topic (their clause carries it), by document, in member order."""
        key = (family.id, topic_id)
        found = self._topic_members.get(key)
        if found is None:
            found = {}
            for doc_id, members in family.by_document().items():
                on_topic = [m for m in members if topic_id in m.clause.topics]
                if on_topic:
                    found[doc_id] = on_topic
            self._topic_members[key] = found
        return found

    def elsewhere(self, family: Family, topic_id: str) -> dict[str, list[Member]]:
        """A family's members in documents that state its rule only under other topics, by document: the topic
        page shows them, marked, where the row would otherwise show a gap that is not one."""
        on_topic = self.topic_members(family, topic_id)
        return {doc_id: members for doc_id, members in family.by_document().items() if doc_id not in on_topic}

    def topics_json(self) -> str:
        """Every topic as ``[id, title, url of its page from the site root]`` (JSON), for the site's scripts."""
        return json.dumps([[t.id, t.title, page_url(topic_page_path(t.id), self.directory_urls)] for t in self.topics],
                          ensure_ascii=False, separators=(",", ":"))

    def topic_title(self, topic_id: str) -> str:
        """A topic's title (its id when the taxonomy does not hold it)."""
        topic = self.topic_by_id.get(topic_id)
        return topic.title if topic else topic_id

    def diff(self, family: Family, member: Member) -> Diff:
        """Word-level differences of a member from its family's representative (cached, also by wording)."""
        key = (member.document.id, member.clause.id)
        if key not in self._diffs:
            texts = (family.representative.clause.text, member.clause.text)
            diff = self._wording_diffs.get(texts)  # many schools share a wording
            if diff is None:
                diff = [(op, text) for op, text in word_diff(*texts) if text]
                if not any(t[:1].isspace() or t[-1:].isspace() for _, t in diff):  # runs of words without their spaces
                    diff = [(op, t + " ") for op, t in diff[:-1]] + diff[-1:]
                self._wording_diffs[texts] = diff
            self._diffs[key] = diff
        return self._diffs[key]

    def url(self, page: str, from_page: str, anchor: str = "") -> str:
        """The relative address of a page (path under docs/, e.g. ``topics/x.md``) as seen from another page."""
        rel = self._urls.get((page, from_page, self.directory_urls))
        if rel is None:
            target = page_url(page, self.directory_urls)
            here = page_url(from_page, self.directory_urls)
            base = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
            rel = _relpath(target.rstrip("/"), base)
            if (not target or target.endswith("/")) and not rel.endswith("/"):
                rel += "/"
            self._urls[(page, from_page, self.directory_urls)] = rel
        return rel + (f"#{anchor}" if anchor else "")


def _relpath(target: str, base: str) -> str:
    """``posixpath.relpath(target or ".", base or ".")`` for clean site paths (no ".", "..", "//"), without its
    two ``abspath`` calls: tens of thousands of links are made at a thousand policies."""
    to, start = target.split("/") if target else [], base.split("/") if base else []
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def page_url(page: str, directory_urls: bool = True) -> str:
    """Where mkdocs puts a page (``documents/x.md`` -> ``documents/x/``), relative to the site root."""
    if not page.endswith(".md"):
        return page
    stem = page[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


# -- topics ---------------------------------------------------------------------------------------------------
def load_topics(corpus: Path, documents: Iterable[Document]) -> list[Topic]:
    """The taxonomy in its own order, then any topic id a clause carries that the taxonomy lacks."""
    topics = list(load_taxonomy(corpus))
    known = {t.id for t in topics}
    for doc in documents:
        for clause in doc.clauses:
            for topic_id in clause.topics:
                if topic_id not in known:
                    known.add(topic_id)
                    topics.append(Topic(topic_id, topic_id.replace("-", " ").capitalize()))
    return topics


def load_site_data(corpus: Path, documents: list[Document], directory_urls: bool = True) -> SiteData:
    """Gather topics, families and the build date for a loaded corpus."""
    return SiteData(
        documents=documents,
        topics=load_topics(corpus, documents),
        families=families_from_documents(documents, min_members=2),
        today=build_date(),
        directory_urls=directory_urls,
        corpus=Path(corpus),
        histories=load_histories(corpus, documents),
    )
