"""What the site is built from: documents, topics, families, word differences and page addresses.

Topics come from the tagging package (``generator.tagging.taxonomy.load_taxonomy``) when it is installed,
else from ``corpus/topics.yaml``, else from the topic ids clauses carry. Families are the clauses that share
a ``family`` id; their representative comes from ``generator.families.load_families`` or
``corpus/families.yaml`` when either names one, else it is the most common wording (ties: first by
document and clause id). Both are imported lazily so the site builds before tagging lands.
"""
from __future__ import annotations

import difflib
import logging
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from ..model import Clause, Document
from ..naming import distinct_names
from .dates import build_date

log = logging.getLogger(__name__)

Diff = list[tuple[str, str]]


@dataclass(frozen=True)
class Topic:
    """A topic as the site shows it."""

    id: str
    title: str
    definition: str = ""


@dataclass(frozen=True)
class Member:
    """One clause of a family, with its document."""

    document: Document
    clause: Clause


@dataclass
class Family:
    """The same rule as worded by different schools: a representative and every member (it included)."""

    id: str
    representative: Member
    members: list[Member]
    topics: list[str] = field(default_factory=list)

    def documents(self) -> list[str]:
        """Ids of the documents with a member, in order, once each."""
        return list(self.by_document())

    def by_document(self) -> dict[str, list[Member]]:
        """The members of each document with one, in member order (computed once)."""
        index = self.__dict__.get("_by_document")
        if index is None:
            index = {}
            for m in self.members:
                index.setdefault(m.document.id, []).append(m)
            self.__dict__["_by_document"] = index
        return index

    def member(self, document_id: str, clause_id: str) -> Member | None:
        """The member for a document's clause, if the clause is in this family."""
        return next((m for m in self.by_document().get(document_id, ()) if m.clause.id == clause_id), None)


@dataclass
class SiteData:
    """Everything the pages are planned from."""

    documents: list[Document]
    topics: list[Topic]
    families: list[Family]
    today: date
    directory_urls: bool = True
    word_diff: Callable[[str, str], Diff] | None = None

    def __post_init__(self) -> None:
        self.topic_by_id = {t.id: t for t in self.topics}
        self.family_by_id = {f.id: f for f in self.families}
        self.document_by_id = {d.id: d for d in self.documents}
        self.names = distinct_names(self.documents)  # how each document is named on every page
        self._diffs: dict[tuple[str, str], Diff] = {}
        self._wording_diffs: dict[tuple[str, str], Diff] = {}
        self._urls: dict[tuple[str, str, bool], str] = {}
        self._topic_clauses: dict[str, dict[str, list[Clause]]] | None = None
        self._topic_families: dict[str, list[Family]] | None = None

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
        """The families with a member on a topic, in family order."""
        if self._topic_families is None:
            index: dict[str, list[Family]] = {}
            for family in self.families:
                for tid in dict.fromkeys(family.topics):
                    index.setdefault(tid, []).append(family)
            self._topic_families = index
        return list(self._topic_families.get(topic_id, []))

    def diff(self, family: Family, member: Member) -> Diff:
        """Word-level differences of a member from its family's representative (cached, also by wording)."""
        key = (member.document.id, member.clause.id)
        if key not in self._diffs:
            texts = (family.representative.clause.text, member.clause.text)
            diff = self._wording_diffs.get(texts)  # many schools share a wording
            if diff is None:
                differ = self.word_diff or fallback_word_diff
                diff = [(op, text) for op, text in differ(*texts) if text]
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
            rel = posixpath.relpath(target.rstrip("/") or ".", base or ".")
            if (not target or target.endswith("/")) and not rel.endswith("/"):
                rel += "/"
            self._urls[(page, from_page, self.directory_urls)] = rel
        return rel + (f"#{anchor}" if anchor else "")


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


_TOKENS = re.compile(r"\s+|[\w'’-]+|[^\w\s]")


def fallback_word_diff(representative: str, member: str) -> Diff:
    """Word-level differences (ops equal/insert/delete) when ``generator.families`` offers none."""
    a, b = _TOKENS.findall(representative), _TOKENS.findall(member)
    out: Diff = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(b[j1:j2])))
    return out


# -- topics ---------------------------------------------------------------------------------------------------
def _topic_of(item: Any, key: str = "") -> Topic | None:
    get = item.get if isinstance(item, dict) else lambda k, d="": getattr(item, k, d)
    topic_id = str(get("id", "") or key)
    if not topic_id:
        return None
    title = str(get("title", "") or get("name", "") or topic_id.replace("-", " ").capitalize())
    return Topic(topic_id, title, " ".join(str(get("definition", "") or get("description", "") or "").split()))


def load_topics(corpus: Path, documents: Iterable[Document]) -> list[Topic]:
    """The taxonomy in its own order, then any topic id a clause carries that the taxonomy lacks."""
    items: list[Any] = []
    try:
        from ..tagging.taxonomy import load_taxonomy  # type: ignore[import-not-found]

        items = list(load_taxonomy(corpus))
    except ImportError:
        path = Path(corpus) / "topics.yaml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            if isinstance(data, dict):
                data = data.get("topics", data)
            items = [dict(v, id=k) if isinstance(v, dict) else {"id": k, "title": v} for k, v in data.items()] \
                if isinstance(data, dict) else list(data)
    topics = [t for t in (_topic_of(i) for i in items) if t]
    known = {t.id for t in topics}
    for doc in documents:
        for clause in doc.clauses:
            for topic_id in clause.topics:
                if topic_id not in known:
                    known.add(topic_id)
                    topics.append(Topic(topic_id, topic_id.replace("-", " ").capitalize()))
    return topics


# -- families -------------------------------------------------------------------------------------------------
def _ref(value: Any) -> tuple[str, str] | None:
    """A representative reference in any of the shapes a families source may use."""
    if value is None:
        return None
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return str(value[0]), str(value[1])
    if isinstance(value, str):
        for sep in ("#", "/", ":"):
            if sep in value:
                doc, clause = value.rsplit(sep, 1)
                return doc, clause
        return None
    get = value.get if isinstance(value, dict) else lambda k, d=None: getattr(value, k, d)
    doc, clause = get("document") or get("doc"), get("clause") or get("id")
    if doc and clause:
        return str(getattr(doc, "id", doc)), str(getattr(clause, "id", clause))
    return None


def _representatives(corpus: Path, documents: list[Document]) -> dict[str, tuple[str, str]]:
    items: Any = []
    try:
        from ..families import families_from_documents  # the families stored on the loaded clauses

        items = families_from_documents(documents)
    except ImportError:
        path = Path(corpus) / "families.yaml"
        if path.is_file():
            items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except Exception as exc:  # a families file the site cannot read must not stop the site
        log.warning("cannot read families (%s); choosing representatives by wording", exc)
    if isinstance(items, dict):
        items = items.get("families", items)
        if isinstance(items, dict):
            items = [dict(v, id=k) if isinstance(v, dict) else {"id": k, "representative": v} for k, v in items.items()]
    reps: dict[str, tuple[str, str]] = {}
    for item in items or []:
        get = item.get if isinstance(item, dict) else lambda k, d=None, i=item: getattr(i, k, d)
        ref = _ref(get("representative"))
        if get("id") and ref:
            reps[str(get("id"))] = ref
    return reps


def build_families(documents: list[Document], representatives: dict[str, tuple[str, str]] | None = None) -> list[Family]:
    """Group clauses by their ``family`` id; families of one member are not families (they stay loose)."""
    groups: dict[str, list[Member]] = {}
    for doc in documents:
        for clause in doc.clauses:
            if clause.family:
                groups.setdefault(clause.family, []).append(Member(doc, clause))
    families = []
    for fid, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        ref = (representatives or {}).get(fid)
        rep = next((m for m in members if ref and (m.document.id, m.clause.id) == ref), None)
        if rep is None:
            counts = Counter(" ".join(m.clause.text.lower().split()) for m in members)
            rep = min(members, key=lambda m: (-counts[" ".join(m.clause.text.lower().split())], m.document.id, m.clause.id))
        topics = list(dict.fromkeys(t for m in members for t in m.clause.topics))
        families.append(Family(fid, rep, members, topics))
    return families


def _word_diff() -> Callable[[str, str], Diff] | None:
    try:
        from ..families import word_diff  # type: ignore[attr-defined]
    except ImportError:
        return None
    return word_diff  # type: ignore[no-any-return]


def load_site_data(corpus: Path, documents: list[Document], directory_urls: bool = True) -> SiteData:
    """Gather topics, families and the build date for a loaded corpus."""
    return SiteData(
        documents=documents,
        topics=load_topics(corpus, documents),
        families=build_families(documents, _representatives(corpus, documents)),
        today=build_date(),
        directory_urls=directory_urls,
        word_diff=_word_diff(),
    )
