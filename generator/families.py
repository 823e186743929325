"""Clause families: clauses from different documents that state the same rule, with word-level diffs.

Families are stored on the clauses themselves (``family:`` and ``similarity:`` in each corpus document,
written by ``aup tag`` and ``aup ingest``); :func:`load_families` (or :func:`families_from_documents` for
documents already loaded) rebuilds the :class:`Family` objects from them, the representative being the
member whose similarity is 1. :func:`word_diff` shows how a member's wording differs from the
representative's.

:func:`assign_families` finds families by rule alignment (:mod:`generator.alignment`): clauses of different
documents that state the same rule, near-copies and rewordings alike. A family keeps the id its members
already carry, so adding a policy renames no family it does not change; a new family's id is
``<document id>-<clause id>`` of its earliest member. :func:`join_new` is the same for a few added documents
without aligning the corpus again: their clauses join the stored families (or make new ones), which stay as
they are (:mod:`generator.alignment.incremental` says how that can differ from a full alignment).

:func:`build_families` is the earlier near-copy pass, kept for comparison: clauses visited in document id
then reading order, each compared (rapidfuzz ``ratio`` over normalised words) only with the representatives
sharing most word 3-shingles with it; it joins the most similar one at or above :data:`SIMILARITY`.
Clauses that differ in negation never join. Only groups spanning two or more documents are kept.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .model import Clause, Document

#: Minimum rapidfuzz ratio (0-100) between a clause and a family's representative.
SIMILARITY = 82.0
#: Clauses with fewer words are too short to say which rule they state ("Signed", "Date").
MIN_WORDS = 5
#: Representatives compared per clause (the ones sharing most shingles).
CANDIDATES = 8
#: Shingles held by more representatives than this are too common to find candidates with.
MAX_POSTINGS = 400
#: Members of a stored family (its representative, then others spread over its documents) that stand for it when
#: a few added clauses are joined to the stored families (:func:`join_new`).
SAMPLE = 8

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NEGATION = re.compile(r"\b(?:not|no|never|nor|cannot|n't|without)\b")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, eq=False)
class Member:
    """One clause of a family, with its document; members are equal when they name the same document and clause."""

    document: Document
    clause: Clause

    @property
    def text(self) -> str:
        """The member's wording."""
        return self.clause.text

    @property
    def key(self) -> tuple[str, str]:
        """(document id, clause id)."""
        return self.document.id, self.clause.id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Member) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


@dataclass
class Family:
    """Clauses of different documents that state the same rule, with the one that stands for them all."""

    id: str
    representative: Member
    members: list[Member] = field(default_factory=list)  # in document id, then reading order
    topics: list[str] = field(default_factory=list)  # every topic of a member, in member order, once each

    @property
    def documents(self) -> list[str]:
        """The distinct documents the family spans, in member order."""
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


def make_family(family_id: str, representative: Member, members: list[Member]) -> Family:
    """A family with its topics gathered from its members."""
    topics = list(dict.fromkeys(t for m in members for t in m.clause.topics))
    return Family(family_id, representative, members, topics)


def normalise(text: str) -> list[str]:
    """The words of a clause, lower-cased, quotes unified, punctuation and bullets dropped."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(text)


def _shingles(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def _negations(words: list[str]) -> int:
    return len(_NEGATION.findall(" ".join(words)))


def _candidates(shared: Counter[int]) -> list[tuple[int, int]]:
    """The representatives sharing most shingles, ties broken by the earlier one (never by set or hash order)."""
    return sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]


def family_id(document: str, clause: str) -> str:
    """The id of the family a representative clause stands for."""
    return f"{document}-{clause}"


def build_families(docs: list[Document], threshold: float = SIMILARITY) -> list[Family]:
    """Group the clauses of the documents into families that span at least two documents."""
    reps: list[tuple[Member, str, int]] = []  # member, normalised text, negation count
    groups: list[list[Member]] = []
    index: dict[str, list[int]] = {}
    for doc in sorted(docs, key=lambda d: d.id):
        for clause in doc.clauses:
            words = normalise(clause.text)
            if len(words) < MIN_WORDS:
                continue
            joined, neg = " ".join(words), _negations(words)
            shingles = _shingles(words)
            shared: Counter[int] = Counter()
            for sh in shingles:
                posting = index.get(sh)
                if posting and len(posting) <= MAX_POSTINGS:
                    shared.update(posting)
            best, best_score = -1, threshold
            need = max(1, len(shingles) // 5)
            for rep, count in _candidates(shared):
                if count < need or reps[rep][2] != neg:
                    continue
                score = fuzz.ratio(joined, reps[rep][1], score_cutoff=best_score)
                if score >= best_score and (score > best_score or best < 0):
                    best, best_score = rep, score
            member = Member(doc, clause)
            if best >= 0:
                groups[best].append(member)
                continue
            reps.append((member, joined, neg))
            groups.append([member])
            for sh in shingles:
                index.setdefault(sh, []).append(len(reps) - 1)
    families = []
    for (rep, _, _), members in zip(reps, groups):
        if len({m.document.id for m in members}) >= 2:
            families.append(make_family(family_id(*rep.key), rep, members))
    return families


def assign_families(docs: list[Document], new: set[tuple[str, str]] | None = None) -> tuple[list[Document], list[Family]]:
    """Copies of the documents whose clauses name their family (or none) and their similarity to its
    representative, and the families: rule alignment (:func:`generator.alignment.align`), each group keeping
    the family id its members already carry where it can (:func:`generator.alignment.keep_ids`).

    With ``new`` (the (document, clause) keys of the clauses added since the families were made), only those
    clauses are placed (:func:`join_new`); every other clause keeps the family and similarity it carries (a family
    left with members in one document, because a re-read document lost its clause, is dissolved).
    """
    if new is not None:
        return join_new(docs, new)
    from .alignment import align, keep_ids

    previous = {(d.id, c.id): c.family for d in docs for c in d.clauses if c.family}
    groups = keep_ids(align(docs), previous)
    of = {(m.document, m.clause): (g.id, m.similarity) for g in groups for m in g.members}
    order = {(d.id, c.id): (d.id, n) for d in docs for n, c in enumerate(d.clauses)}
    member = {(d.id, c.id): Member(d, c) for d in docs for c in d.clauses}
    families = []
    for g in groups:
        keys = sorted(((m.document, m.clause) for m in g.members), key=order.__getitem__)
        rep = g.representative
        families.append(make_family(g.id, member[(rep.document, rep.clause)], [member[k] for k in keys]))
    out = []
    for doc in docs:
        clauses = [replace(c, family=of.get((doc.id, c.id), (None, None))[0],
                           similarity=of.get((doc.id, c.id), (None, None))[1]) for c in doc.clauses]
        out.append(replace(doc, clauses=clauses))
    return out, families


def join_new(docs: list[Document], new: set[tuple[str, str]]) -> tuple[list[Document], list[Family]]:
    """:func:`assign_families` for a few added clauses: each joins a stored family or makes a new one with
    other clauses of no family (:func:`generator.alignment.incremental.join`); the stored families keep their
    ids, representatives and members. Each stored family is compared through :data:`SAMPLE` of its members,
    and only the families and clauses sharing two telling words with a new clause are compared at all."""
    from .alignment.incremental import join

    families = families_from_documents(docs)
    alone = {m.key for f in families if len(f.by_document()) < 2 for m in f.members}  # a re-read document left
    if alone:
        docs = [replace(d, clauses=[replace(c, family=None, similarity=None) if (d.id, c.id) in alone else c
                                    for c in d.clauses]) if any((d.id, c.id) in alone for c in d.clauses) else d
                for d in docs]
        families = [f for f in families if len(f.by_document()) >= 2]
    if not new:
        return docs, families
    units: list[tuple[list[tuple[str, str]], str | None]] = []  # the clauses standing for each family or lone clause
    for f in families:
        others = [m for m in f.members if m is not f.representative]
        step = max(1, len(others) / (SAMPLE - 1))
        sample = [f.representative] + [others[int(k * step)] for k in range(min(SAMPLE - 1, len(others)))]
        units.append(([m.key for m in sample], f.id))
    text = {(d.id, c.id): c.text for d in docs for c in d.clauses}
    units += [([(d.id, c.id)], None) for d in docs for c in d.clauses if not c.family and (d.id, c.id) not in new]
    keep = _related([_telling(" ".join(text[k] for k in keys)) for keys, _ in units], [_telling(text[k]) for k in sorted(new)])
    kept = [unit for unit, ok in zip(units, keep) if ok]
    seen = set(new) | {k for keys, _ in kept for k in keys}
    placed = join([d for d in docs if any((d.id, c.id) in seen for c in d.clauses)], seen,
                  {fid: keys for keys, fid in kept if fid}, set(new), {f.id for f in families})
    out = [replace(d, clauses=[replace(c, family=placed[(d.id, c.id)][0], similarity=placed[(d.id, c.id)][1])
                               if (d.id, c.id) in placed else c for c in d.clauses])
           if any((d.id, c.id) in placed for c in d.clauses) else d for d in docs]
    return out, families_from_documents(out)


def _telling(text: str) -> set[str]:
    return {w for w in normalise(text) if len(w) > 3}


def _related(units: list[set[str]], new: list[set[str]]) -> list[bool]:
    """Whether each unit shares two telling words (or all of them, for a new clause with fewer) with one new
    clause; a word held by more than a tenth of the units tells nothing."""
    df = Counter(w for u in units for w in u)
    common = max(20, len(units) // 10)
    index: dict[str, list[int]] = {}
    need = []
    for n, words in enumerate(new):
        telling = sorted(w for w in words if df[w] <= common)
        need.append(min(2, len(telling)) or len(units) + 1)
        for w in telling:
            index.setdefault(w, []).append(n)
    keep = []
    for u in units:
        hits = Counter(n for w in u if w in index for n in index[w])
        keep.append(any(count >= need[n] for n, count in hits.items()))
    return keep


def families_from_documents(docs: list[Document], min_members: int = 1) -> list[Family]:
    """The families stored on the clauses of loaded documents (``min_members`` or more members), sorted by id.

    Members are in document id, then reading order; the representative is the clause the family is named
    after, or its first member when that clause is gone.
    """
    members: dict[str, list[Member]] = {}
    similarity: dict[str, list[float | None]] = {}  # of each family's members, in member order
    for doc in sorted(docs, key=lambda d: d.id):
        for c in doc.clauses:
            if c.family:
                members.setdefault(c.family, []).append(Member(doc, c))
                similarity.setdefault(c.family, []).append(c.similarity)
    families = []
    for fid, ms in sorted(members.items()):
        if len(ms) < min_members:
            continue
        rep = next((m for m in ms if family_id(*m.key) == fid), ms[0])
        scores = similarity[fid]
        if any(s is not None for s in scores):  # aligned families: the representative has similarity 1
            rep = ms[max(range(len(ms)), key=lambda k: scores[k] or 0.0)]
        families.append(make_family(fid, rep, ms))
    return families


def load_families(corpus: Path) -> list[Family]:
    """The families of a corpus, read from its documents."""
    from .corpus import load_corpus

    return families_from_documents(load_corpus(Path(corpus)))


_NOT_WORD = re.compile(r"[^\w']")


@lru_cache(maxsize=65536)
def _diff_key(word: str) -> str:
    """A word as the diff compares it: case, curly apostrophes and punctuation ignored."""
    return _NOT_WORD.sub("", word.lower().replace("\u2019", "'"))


def word_diff(representative: str, member: str) -> list[tuple[str, str]]:
    """How a member's wording differs from the representative's: ('equal'|'delete'|'insert', words) runs.

    The words kept are a longest common subsequence (rapidfuzz's Indel opcodes, in C++: a site of a thousand
    policies diffs tens of thousands of wordings); between two kept runs, what the representative says is
    shown deleted before what the member says instead.
    """
    a, b = _TOKEN.findall(representative), _TOKEN.findall(member)
    ops: list[tuple[str, str]] = []
    gone: list[str] = []
    added: list[str] = []

    def flush() -> None:
        if gone:
            ops.append(("delete", " ".join(gone)))
        if added:
            ops.append(("insert", " ".join(added)))
        gone.clear()
        added.clear()

    for op in Indel.opcodes([_diff_key(w) for w in a], [_diff_key(w) for w in b]):
        if op.tag == "equal":
            flush()
            ops.append(("equal", " ".join(b[op.dest_start:op.dest_end])))
        else:
            gone.extend(a[op.src_start:op.src_end])
            added.extend(b[op.dest_start:op.dest_end])
    flush()
    return ops


def near_duplicates(doc: Document, threshold: float = 90.0) -> list[tuple[str, str, float]]:
    """Pairs of clauses of one document that say almost the same thing: (clause id, clause id, similarity)."""
    texts = [(c.id, " ".join(normalise(c.text))) for c in doc.clauses]
    texts = [(cid, t) for cid, t in texts if len(t.split()) >= MIN_WORDS]
    pairs = []
    for i, (a_id, a) in enumerate(texts):
        for b_id, b in texts[i + 1:]:
            score = fuzz.ratio(a, b, score_cutoff=threshold)
            if score:
                pairs.append((a_id, b_id, round(score, 1)))
    return pairs
