"""Alignment clusters: candidate pairs merged strongest first under average linkage (see :mod:`generator.alignment`)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .features import Settings, _candidates, _coverage, _shared, _Table, pair_probability, pair_scores
from .frames import kinds_clash, named_alone, scopes_differ


@dataclass
class _Cluster:
    """A group being built: its members and the sums of their vectors (for mean scores against another)."""

    members: list[int]
    word: dict[int, float]
    emb: np.ndarray | None
    topic: np.ndarray
    docs: dict[int, list[int]]
    polarity: dict[str, list[int]]
    polar_words: dict[str, dict[int, float]]  # the word vectors of the members of each polarity, summed
    owners: set[str]  # whose devices the members' rules are about ("work", "personal")
    objects: frozenset[str]  # what the members' actions are done to, together (frames.objects)
    scope: frozenset[str]  # the axes the members' rules are narrowed along, together (frames.scope)
    audience: frozenset[str]  # whom the members address, together (empty: not tagged)
    soft: dict[int, float]  # the members' weights on their words' WordNet synonyms, summed (empty: off)
    sole_kinds: frozenset[str] = frozenset()  # the kinds members name alone (frames.named_alone), together
    sole_audience: frozenset[str] = frozenset()  # the audiences of members that address one audience only, together
    entries: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # every member's (column, weight, member no.)


class _Rows:
    """Per-clause vectors as plain Python and numpy values: the merge loop makes no sparse-matrix calls."""

    def __init__(self, table: _Table, settings: Settings) -> None:
        self.table, self.settings = table, settings
        w = table.words
        self.word = [dict(zip(w.indices[w.indptr[i]:w.indptr[i + 1]].tolist(), w.data[w.indptr[i]:w.indptr[i + 1]].tolist()))
                     for i in range(w.shape[0])]
        self.topic = table.topics.toarray().astype(np.float64)
        self.emb = table.emb if table.emb is not None and settings.embedding else None
        s = table.soft
        self.soft = [dict(zip(s.indices[s.indptr[i]:s.indptr[i + 1]].tolist(), s.data[s.indptr[i]:s.indptr[i + 1]].tolist()))
                     for i in range(s.shape[0])] if s is not None else None

    def single(self, i: int) -> _Cluster:
        emb = self.emb[i].astype(np.float64) if self.emb is not None else None
        pol = self.table.polarity[i]
        return _Cluster([i], dict(self.word[i]), emb, self.topic[i].copy(), {int(self.table.docs[i]): [i]},
                        {pol: [i]}, {pol: dict(self.word[i])} if pol in ("prohibit", "oblige") else {},
                        {self.table.owner[i]} - {""}, self.table.objects[i], self.table.scope[i],
                        self.table.audience[i], dict(self.soft[i]) if self.soft is not None else {},
                        named_alone(self.table.objects[i]),
                        self.table.audience[i] if len(self.table.audience[i]) == 1 else frozenset())

    def words(self, word: dict[int, float], soft: dict[int, float]) -> float:
        """The WordNet share of a word cosine: one side's words against the other side's weights on their
        synonyms (summed over members for groups; 0 when off)."""
        return self.settings.wordnet * _dot(word, soft) if self.soft is not None else 0.0

    def mix(self, word: float, topic: float, emb: float) -> float:
        e = self.settings.embedding if self.emb is not None else 0.0
        return (1 - e - self.settings.topics) * word + self.settings.topics * max(topic, self.settings.topic_floor) + e * emb

    def score(self, i: int, j: int) -> tuple[float, float]:
        """(score, word cosine) of two clauses."""
        word = _dot(self.word[i], self.word[j]) + (self.words(self.word[i], self.soft[j]) if self.soft else 0.0)
        emb = float(self.emb[i] @ self.emb[j]) if self.emb is not None else 0.0
        return self.mix(word, float(self.topic[i] @ self.topic[j]), emb), word

    def mean(self, a: _Cluster, b: _Cluster) -> tuple[float, float]:
        """(mean score, mean word cosine) over every clause of ``a`` against every clause of ``b``: the scores
        are dot products of weighted vectors, so the mean is the dot product of the groups' sums."""
        size = len(a.members) * len(b.members)
        if self.settings.centroid and size > 1:
            return self.centroid(a, b)
        word = (_dot(a.word, b.word) + self.words(a.word, b.soft)) / size
        emb = float(a.emb @ b.emb) / size if a.emb is not None else 0.0
        return self.mix(word, float(a.topic @ b.topic) / size, emb), word

    def centroid(self, a: _Cluster, b: _Cluster) -> tuple[float, float]:
        """(score, word cosine) of the two groups' centroids: like the mean, but a group of varied wordings is not
        held back by how little its own members share."""
        word = _dot(a.word, b.word) / math.sqrt(max(1e-12, _dot(a.word, a.word) * _dot(b.word, b.word)))
        topic = float(a.topic @ b.topic) / math.sqrt(max(1e-12, float(a.topic @ a.topic) * float(b.topic @ b.topic)))
        emb = 0.0
        if a.emb is not None:
            emb = float(a.emb @ b.emb) / math.sqrt(max(1e-12, float(a.emb @ a.emb) * float(b.emb @ b.emb)))
        return self.mix(word, topic, emb), word

    def weakest_member(self, x: _Cluster, y: _Cluster) -> float:
        """The least mean word cosine (words only, no synonyms) of a clause of ``x`` with the clauses of ``y``."""
        if len(x.members) <= 8:
            return min(_dot(self.word[i], y.word) for i in x.members) / len(y.members)
        if x.entries is None:
            x.entries = _entries(self.table.words, x.members)
        cols, data, at = x.entries
        keys = np.fromiter(y.word.keys(), np.int64, len(y.word))
        values = np.fromiter(y.word.values(), np.float64, len(y.word))
        order = np.argsort(keys)
        keys, values = keys[order], values[order]
        where = np.minimum(np.searchsorted(keys, cols), len(keys) - 1)
        hit = keys[where] == cols
        sums = np.bincount(at[hit], weights=data[hit] * values[where[hit]], minlength=len(x.members))
        return float(sums.min()) / len(y.members)

    def against(self, i: int, c: _Cluster) -> float:
        """A clause's scores summed over every clause of a group."""
        emb = float(self.emb[i] @ c.emb) if self.emb is not None else 0.0
        word = _dot(self.word[i], c.word) + (self.words(self.word[i], c.soft) if self.soft else 0.0)
        return self.mix(word, float(self.topic[i] @ c.topic), emb)


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _may_merge(rows: _Rows, a: _Cluster, b: _Cluster) -> bool:
    """Whether two groups may become one: few clauses per document, close on average, and never a prohibition
    beside a permission, nor beside obligations worded almost the same way on average (one negates the other)."""
    settings = rows.settings
    for d, members in b.docs.items():
        if len(a.docs.get(d, ())) + len(members) > settings.per_document:
            return False
    if (a.polarity.get("prohibit") and b.polarity.get("permit")) or (a.polarity.get("permit") and b.polarity.get("prohibit")):
        return False
    if len(a.owners | b.owners) > 1:  # work devices beside personal ones: two rules
        return False
    if kinds_clash(a.objects, b.objects):  # things said beside material handled, images taken beside images posted
        return False
    if settings.alone and kinds_clash(a.sole_kinds, b.sole_kinds):  # ... though a member naming both bridges the unions
        return False
    if scopes_differ(a.scope, b.scope):  # "on work phones" beside "during working hours": two rules
        return False
    if a.audience and b.audience and not a.audience & b.audience:  # a rule for pupils beside one for staff
        return False
    if settings.alone and a.sole_audience and b.sole_audience and not a.sole_audience & b.sole_audience:
        return False  # ... though a member addressing both bridges the unions
    score, word = rows.mean(a, b)
    if score < settings.link or word < settings.word_link:
        return False
    if settings.member_link:  # every clause, not only the groups on average, must share words with the other group
        for x, y in ((a, b), (b, a)):
            if rows.weakest_member(x, y) < settings.member_link:
                return False
    for d in a.docs.keys() & b.docs.keys():  # two clauses of one document: they must be close themselves
        if any(rows.score(i, j)[0] < settings.same_document for i in a.docs[d] for j in b.docs[d]):
            return False
    for p, q in (("prohibit", "oblige"), ("oblige", "prohibit")):
        if p in a.polar_words and q in b.polar_words:
            size = len(a.polarity[p]) * len(b.polarity[q])
            if _dot(a.polar_words[p], b.polar_words[q]) / size >= settings.negated:
                return False
    return True


def _add(total: dict[int, float], more: dict[int, float]) -> None:
    for k, v in more.items():
        total[k] = total.get(k, 0.0) + v


def _entries(w: sparse.csr_matrix, members: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (column, weight, member number) of every word of the given clauses, for :meth:`_Rows.weakest_member`."""
    rows = np.asarray(members)
    starts, lengths = w.indptr[rows], w.indptr[rows + 1] - w.indptr[rows]
    flat = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths - starts, lengths)
    return w.indices[flat], w.data[flat].astype(np.float64), np.repeat(np.arange(len(rows)), lengths)


def _merge(a: _Cluster, b: _Cluster, matrix: sparse.csr_matrix) -> _Cluster:
    """``a`` grown by ``b`` (``a`` is changed)."""
    _add(a.word, b.word)
    _add(a.soft, b.soft)
    for p, words in b.polar_words.items():
        _add(a.polar_words.setdefault(p, {}), words)
    for d, m in b.docs.items():
        a.docs.setdefault(d, []).extend(m)
    for p, m in b.polarity.items():
        a.polarity.setdefault(p, []).extend(m)
    if a.entries is not None:  # kept up to date for the next member check
        if b.entries is None:
            b.entries = _entries(matrix, b.members)
        a.entries = tuple(np.concatenate([p, q]) for p, q in zip(a.entries[:2], b.entries[:2])) + (
            np.concatenate([a.entries[2], b.entries[2] + len(a.members)]),)
    a.members.extend(b.members)
    a.owners |= b.owners
    a.audience |= b.audience
    a.scope |= b.scope
    a.objects |= b.objects
    a.sole_kinds |= b.sole_kinds
    a.sole_audience |= b.sole_audience
    a.topic += b.topic
    if a.emb is not None and b.emb is not None:
        a.emb += b.emb
    return a


def enough_shared(table: _Table, pairs: np.ndarray, settings: Settings) -> np.ndarray:
    """For each pair, whether the two clauses hold enough specific words in common: ``settings.shared``, or
    (``settings.shared_short``) one at least and that share of the shorter clause's specific words, so that two
    short wordings of a rule ("Respect copyright.") are not held to the count of two long ones."""
    shared = _shared(table, pairs)
    ok = shared >= settings.shared
    if settings.shared_short:
        size = np.asarray((table.specific > 0).sum(axis=1)).ravel()
        smaller = np.minimum(size[pairs[:, 0]], size[pairs[:, 1]])
        ok |= (shared >= 1) & (shared >= settings.shared_short * smaller)
    return ok


def accepted_pairs(table: _Table, pairs: np.ndarray, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs that may be merged (score, word, shared-word, coverage and force gates), with their scores."""
    scores, word = np.zeros(0), np.zeros(0)
    if len(pairs):
        parts = [pair_scores(table, pairs[s:s + 50_000, 0], pairs[s:s + 50_000, 1], settings)
                 for s in range(0, len(pairs), 50_000)]
        scores, word = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    code = {"prohibit": 1, "permit": 2}
    pol = np.array([code.get(p, 0) for p in table.polarity], np.int8)
    if settings.learned:  # one learned decision over all the pair's evidence instead of the hand gates
        if len(pairs):
            scores = pair_probability(table, pairs, settings)
        ok = scores >= settings.accept
    else:
        ok = (scores >= settings.threshold) & (word >= settings.floor)
        if settings.shared and len(pairs):
            ok &= enough_shared(table, pairs, settings)
        if settings.coverage and len(pairs):
            ok &= _coverage(table, pairs) >= settings.coverage
    if len(pairs):
        ok &= pol[pairs[:, 0]] + pol[pairs[:, 1]] != 3  # a prohibition beside a permission
        if settings.cross_force and not settings.learned:
            # a prohibition beside a rule of another force (an obligation, a restriction, a statement): the one
            # may say the other's opposite, so only a close pair joins
            prohibits = table.forbids
            one_prohibits = prohibits[pairs[:, 0]] != prohibits[pairs[:, 1]]
            ok &= ~one_prohibits | (scores >= settings.cross_force)
        if settings.cross_permit and not settings.learned:
            # a permission beside an obligation or a statement ("You can bring your own laptop" / "Students are
            # required to bring a laptop"): what is allowed and what is required are two rules unless close
            permits = pol == 2
            one_permits = permits[pairs[:, 0]] != permits[pairs[:, 1]]
            ok &= ~one_permits | (scores >= settings.cross_permit)
    return pairs[ok], scores[ok]


def central(rows: _Rows, c: _Cluster) -> int:
    """A group's representative: the member with the highest mean score with the others (ties: the earliest)."""
    members = sorted(c.members)
    centrality = [0.0] * 2 if len(members) == 2 else [rows.against(i, c) - rows.score(i, i)[0] for i in members]
    return members[min(range(len(members)), key=lambda x: (-round(centrality[x], 6), members[x]))]


def _clusters(table: _Table, settings: Settings) -> tuple[_Rows, list[_Cluster]]:
    """Merge candidate pairs strongest first under the per-document, polarity and average-link limits."""
    pairs, scores = accepted_pairs(table, _candidates(table, settings), settings)
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -scores))
    rows = _Rows(table, settings)
    owner = list(range(len(table.keys)))
    clusters: dict[int, _Cluster] = {}
    for i, j in pairs[order].tolist():
        a, b = owner[i], owner[j]
        if a == b:
            continue
        ca = clusters.get(a) or rows.single(a)
        cb = clusters.get(b) or rows.single(b)
        if not _may_merge(rows, ca, cb):
            continue
        if len(ca.members) < len(cb.members):
            a, b, ca, cb = b, a, cb, ca
        for m in cb.members:
            owner[m] = a
        clusters.pop(b, None)
        clusters[a] = _merge(ca, cb, table.words)
    return rows, [c for c in clusters.values() if len(c.docs) >= 2]
