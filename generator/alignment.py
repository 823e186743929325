"""Rule alignment: group clauses of different documents that state the same rule, in any wording.

A pure function of the documents (:func:`align`). Each clause becomes a weighted bag of features (content
word stems and stem pairs, with inverse document frequency; words every topic uses, such as *staff*,
*pupils*, *school*, *use*, count for little) and, when the ``wordllama`` package is installed, a static
sentence embedding read from the package's own folder (never downloaded). How two clauses compare is a mix
of the two cosines (:func:`pair_scores`).

Without comparing all pairs: each clause keeps only its most specific features in an inverted index (very
common features are left out), and the clauses sharing most of them in *other* documents are its
candidates (at most :attr:`Settings.neighbours`). Candidate pairs scoring at least the threshold are
merged strongest first (average linkage: every merge needs the mean score between the two groups to stay
above :attr:`Settings.link`), with at most :attr:`Settings.per_document` clauses of one document in a
group and never a prohibition beside a permission of the same thing (:func:`polarity`). Groups spanning
two or more documents are kept. Each group's representative is the member most similar to the others;
its id is ``<document>-<clause>`` of its earliest member (document id, then reading order), unless the
members already carry a family id from an earlier run, which the group keeps (:func:`keep_ids`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .model import Clause, Document
from .rule_words import content_words, embed, features, is_generic
from .tagging.modality import modal_of


@dataclass(frozen=True)
class Settings:
    """The knobs of the alignment (defaults chosen on the tuning half of benchmarks/groups-gold.yaml)."""

    threshold: float = 0.35  # least score for a candidate pair to be merged
    link: float = 0.35  # least mean score between two groups being merged
    word_link: float = 0.15  # least mean word cosine between two groups being merged (shared words, not topic)
    negated: float = 0.6  # an obligation and a prohibition this close in words negate each other
    floor: float = 0.12  # least word cosine: two clauses must share specific words, not only meaning
    embedding: float = 0.2  # share of the embedding cosine in the score (0: words only)
    topics: float = 0.3  # share of the topic overlap (cosine of the clauses' topics) in the score
    per_document: int = 3  # most clauses of one document in a group
    same_document: float = 0.45  # least score between two clauses of one document in a group
    neighbours: int = 20  # candidates per clause
    features: int = 12  # most specific features of a clause the index holds
    min_features: int = 2  # clauses with fewer content features state no rule to align ("Signed", "Date")
    generic: float = 0.1  # weight of a topic-generic word in what two clauses share
    pairs: float = 0.3  # weight of a pair of neighbouring words against a single word
    generic_norm: bool = True  # generic words weigh little in what two clauses share, fully in a clause's length
    shared: int = 2  # least number of distinct specific (not topic-generic) words two clauses both hold
    coverage: float = 0.12  # least share of each clause's word weight (squared) on the words both clauses hold


@dataclass(frozen=True)
class Aligned:
    """One clause of a group, with its similarity to the group's representative (1.0 for the representative)."""

    document: str
    clause: str
    similarity: float


@dataclass
class Group:
    """Clauses of different documents that state one rule; ``members[0]`` is the representative."""

    id: str
    members: list[Aligned] = field(default_factory=list)

    @property
    def representative(self) -> Aligned:
        """The member whose wording stands for the group."""
        return self.members[0]


# -- polarity ---------------------------------------------------------------------------------------------

_NEGATION = re.compile(
    r"\b(?:will|shall|must|should|may|can|could|would|do|does|did|to)\s+not\b|\b(?:is|are|be|been)\s+not\s+"
    r"(?:permitted|allowed|acceptable|to)\b|\bnot\s+(?:permitted|allowed)\b|\bnever\b|\bcannot\b|"
    r"\b(?:can|won|don|mustn|shouldn|doesn|isn|aren)'?t\b|\bforbid(?:den)?\b|\bprohibit(?:ed)?\b|"
    r"\bunder no circumstances\b|\bavoid\w*|\brefrain\b|^\W*not\b|"
    r"\bno\s+(?:\w+\s+){0,4}(?:may|must|should|shall|can|will|is|are)\b", re.I)
_RESTRICT = re.compile(r"\bonly\b|\bsolely\b|\bdecline\b|\b(?:limit|restrict)(?:ed)?\s+(?:\w+\s+){0,6}?to\b", re.I)
_PERMIT_CAPTION = re.compile(r"^\W*(?:acceptable|permitted|allowed)\b", re.I)
_PROHIBIT_CAPTION = re.compile(r"\b(?:unacceptable|forbidden|prohibited|not permitted|don'?t)\b|\bnot\s*:?\s*$", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_MAY_WISH = re.compile(r"\bmay wish\b|\bmay be (?:useful|necessary)\b", re.I)
_FORCE = {"prohibition": "prohibit", "permission": "permit", "obligation": "oblige", "statement": "state"}
_MODALITY = {"must": "oblige", "should": "oblige", "will": "oblige", "must-not": "prohibit",
             "should-not": "prohibit", "may": "permit", "info": "state"}


def polarity(clause: Clause, lead_in: str = "") -> str:
    """Whether a clause prohibits, permits, obliges, restricts ("only ...") or states: a lead-in that forbids
    or allows ("Don't:", "They should not:", "Acceptable:") decides, else the clause's first sentence with a
    modal, else its tagged modality. ``lead_in`` is the text of the clause's lead-in or list caption."""
    force = getattr(clause, "force", "")
    if force in _FORCE:
        return _FORCE[force]
    caption = lead_in.split(". ")[-1]
    if _PROHIBIT_CAPTION.search(caption) or (caption.rstrip().endswith(":") and _NEGATION.search(caption)):
        return "prohibit"
    if _PERMIT_CAPTION.search(caption):
        return "permit"
    for sentence in _SENTENCE.split(clause.text):
        sentence = _MAY_WISH.sub("", sentence)
        if _NEGATION.search(sentence):
            return "prohibit"
        if _RESTRICT.search(sentence):
            return "restrict"
        modal = modal_of(sentence)
        if modal:
            return _MODALITY[modal]
    return _MODALITY.get(clause.modality, "state")


# -- alignment --------------------------------------------------------------------------------------------

@dataclass
class _Table:
    """The clauses being aligned, as rows: keys, document numbers, polarities, word vectors, embeddings."""

    keys: list[tuple[str, str]]
    docs: np.ndarray
    polarity: list[str]
    words: sparse.csr_matrix
    index: sparse.csr_matrix
    emb: np.ndarray | None
    specific: sparse.csr_matrix  # clause x word: 1 where the clause holds a single word that is not topic-generic
    topics: sparse.csr_matrix  # clause x topic: the clause's topics, unit length (their dot product is a cosine)


def _table(docs: list[Document], settings: Settings) -> _Table:
    """Vectorise the clauses that have enough content to state a rule."""
    keys: list[tuple[str, str]] = []
    doc_no: list[int] = []
    pols: list[str] = []
    surfaces: dict[str, str] = {}
    stem_lists: list[list[str]] = []
    topic_lists: list[list[str]] = []
    for d, doc in enumerate(sorted(docs, key=lambda x: x.id)):
        text_of = {c.id: c.text for c in doc.clauses}
        for clause in doc.clauses:
            words = content_words(clause.text)
            stems = [w for w, _ in words]
            if len(dict.fromkeys(stems)) < settings.min_features:
                continue
            keys.append((doc.id, clause.id))
            doc_no.append(d)
            lead_in = text_of.get(clause.parent or "", "") or (clause.heading[-1] if clause.heading else "")
            pols.append(polarity(clause, lead_in))
            for w, surface in words:
                surfaces.setdefault(w, surface)
            stem_lists.append(stems)
            topic_lists.append(clause.topics)
    bags = [features(stems, settings.generic, settings.pairs) for stems in stem_lists]
    full = [features(stems, 1.0, settings.pairs) for stems in stem_lists] if settings.generic_norm else bags
    vocab: dict[str, int] = {}
    rows, cols, vals, full_vals = [], [], [], []
    for r, (bag, whole) in enumerate(zip(bags, full)):
        for (term, weight), full_weight in zip(bag.items(), whole.values()):
            rows.append(r)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(_tf(weight, settings))
            full_vals.append(_tf(full_weight, settings))
    n = len(keys)
    tf = sparse.csr_matrix((np.asarray(vals, np.float32), (rows, cols)), shape=(n, len(vocab)))
    df = np.bincount(np.asarray(cols, np.int64), minlength=len(vocab)) if cols else np.zeros(0)
    idf = np.log((n + 1) / (df + 1)).astype(np.float32) + 1
    words = tf @ sparse.diags(idf)
    if settings.generic_norm:  # generic words show no agreement, but a clause holding them is longer for it
        whole = sparse.csr_matrix((np.asarray(full_vals, np.float32), (rows, cols)), shape=(n, len(vocab))) @ sparse.diags(idf)
        norms = np.sqrt(np.asarray(whole.multiply(whole).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        words = sparse.csr_matrix(sparse.diags(1 / norms) @ words)
    else:
        words = _normalise_rows(words)
    topic_ids: dict[str, int] = {}
    t_rows = [r for r, ts in enumerate(topic_lists) for _ in dict.fromkeys(ts)]
    t_cols = [topic_ids.setdefault(t, len(topic_ids)) for ts in topic_lists for t in dict.fromkeys(ts)]
    topics = _normalise_rows(sparse.csr_matrix((np.ones(len(t_rows), np.float32), (t_rows, t_cols)),
                                               shape=(n, max(1, len(topic_ids)))))
    emb = _clause_embeddings(words, vocab, surfaces) if settings.embedding else None
    single = np.asarray([" " not in t and not is_generic(t) for t in vocab], bool)
    specific = tf.copy()
    specific.data = single[specific.indices].astype(np.float32)
    specific.eliminate_zeros()
    return _Table(keys, np.asarray(doc_no), pols, words, _index(words, df, n, settings), emb, specific, topics)


def _tf(weight: float, settings: Settings) -> float:
    """A term's weight in a clause from its summed occurrences: sublinear in its repeats."""
    return weight if weight <= 1 else 1 + math.log(weight)


def _clause_embeddings(words: sparse.csr_matrix, vocab: dict[str, int], surfaces: dict[str, str]) -> np.ndarray | None:
    """Each clause's embedding: its words' static embeddings (each distinct word embedded once), weighted as
    in its word vector (IDF), unit length. Pairs of words do not count here; their words do."""
    single = [(col, surfaces[term]) for term, col in vocab.items() if " " not in term and term in surfaces]
    vectors = embed([surface for _, surface in single])
    if vectors is None:
        return None
    cols = np.asarray([col for col, _ in single], np.int64)
    emb = np.asarray(words[:, cols] @ vectors, dtype=np.float32)
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return emb / norms


def _normalise_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ m)


def _index(words: sparse.csr_matrix, df: np.ndarray, n: int, settings: Settings) -> sparse.csr_matrix:
    """Each clause's most specific features, leaving out those too common to tell rules apart."""
    cap = max(50, n // 200)
    m = words.tocsr(copy=True)
    m.data[(df[m.indices] > cap) | (df[m.indices] < 2)] = 0
    m.eliminate_zeros()
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        if hi - lo > settings.features:
            row = m.data[lo:hi]
            row[np.argsort(-row, kind="stable")[settings.features:]] = 0
    m.eliminate_zeros()
    return m


def _candidates(table: _Table, settings: Settings, block: int = 512) -> np.ndarray:
    """Pairs (i < j) of clauses of different documents, each among the other's strongest index matches."""
    n = len(table.keys)
    found = []
    index_t = table.index.T.tocsr()
    for start in range(0, n, block):
        product = (table.index[start:start + block] @ index_t).tocoo()
        r, c, v = product.row + start, product.col, product.data
        keep = table.docs[r] != table.docs[c]
        r, c, v = r[keep], c[keep], v[keep]
        order = np.lexsort((c, -v, r))
        r, c = r[order], c[order]
        if not len(r):
            continue
        first = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
        rank = np.arange(len(r)) - np.repeat(first, np.diff(np.r_[first, len(r)]))
        sel = rank < settings.neighbours
        found.append(np.minimum(r[sel], c[sel]).astype(np.int64) * n + np.maximum(r[sel], c[sel]))
    if not found:
        return np.zeros((0, 2), np.int64)
    pairs = np.unique(np.concatenate(found))
    return np.stack([pairs // n, pairs % n], axis=1)


def pair_scores(table: _Table, a: np.ndarray, b: np.ndarray, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(score, word cosine) of clause pairs a[k], b[k]: word cosine, embedding cosine and topic cosine, weighted."""
    word = np.asarray(table.words[a].multiply(table.words[b]).sum(axis=1)).ravel()
    topic = np.asarray(table.topics[a].multiply(table.topics[b]).sum(axis=1)).ravel()
    e = settings.embedding if table.emb is not None else 0.0
    score = (1 - e - settings.topics) * word + settings.topics * topic
    if e:
        score = score + e * np.einsum("ij,ij->i", table.emb[a], table.emb[b])
    return score, word


def _shared(table: _Table, pairs: np.ndarray) -> np.ndarray:
    """For each pair, how many distinct specific words both clauses hold."""
    out = np.zeros(len(pairs))
    for s in range(0, len(pairs), 50_000):
        a, b = pairs[s:s + 50_000, 0], pairs[s:s + 50_000, 1]
        out[s:s + len(a)] = np.asarray(table.specific[a].multiply(table.specific[b]).sum(axis=1)).ravel()
    return out


def _coverage(table: _Table, pairs: np.ndarray) -> np.ndarray:
    """For each pair, the smaller of the two clauses' shares of (squared, unit) word weight on the features
    both hold: low when either clause's own specific words (what makes it a different rule) outweigh them."""
    out = np.zeros(len(pairs))
    squared = table.words.multiply(table.words).tocsr()
    present = table.words.copy()
    present.data[:] = 1
    for s in range(0, len(pairs), 50_000):
        a, b = pairs[s:s + 50_000, 0], pairs[s:s + 50_000, 1]
        cover_a = np.asarray(squared[a].multiply(present[b]).sum(axis=1)).ravel()
        cover_b = np.asarray(squared[b].multiply(present[a]).sum(axis=1)).ravel()
        out[s:s + len(a)] = np.minimum(cover_a, cover_b)
    return out


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


class _Rows:
    """Per-clause vectors as plain Python and numpy values: the merge loop makes no sparse-matrix calls."""

    def __init__(self, table: _Table, settings: Settings) -> None:
        self.table, self.settings = table, settings
        w = table.words
        self.word = [dict(zip(w.indices[w.indptr[i]:w.indptr[i + 1]].tolist(), w.data[w.indptr[i]:w.indptr[i + 1]].tolist()))
                     for i in range(w.shape[0])]
        self.topic = table.topics.toarray().astype(np.float64)
        self.emb = table.emb if table.emb is not None and settings.embedding else None

    def single(self, i: int) -> _Cluster:
        emb = self.emb[i].astype(np.float64) if self.emb is not None else None
        pol = self.table.polarity[i]
        return _Cluster([i], dict(self.word[i]), emb, self.topic[i].copy(), {int(self.table.docs[i]): [i]},
                        {pol: [i]}, {pol: dict(self.word[i])} if pol in ("prohibit", "oblige") else {})

    def mix(self, word: float, topic: float, emb: float) -> float:
        e = self.settings.embedding if self.emb is not None else 0.0
        return (1 - e - self.settings.topics) * word + self.settings.topics * topic + e * emb

    def score(self, i: int, j: int) -> tuple[float, float]:
        """(score, word cosine) of two clauses."""
        word = _dot(self.word[i], self.word[j])
        emb = float(self.emb[i] @ self.emb[j]) if self.emb is not None else 0.0
        return self.mix(word, float(self.topic[i] @ self.topic[j]), emb), word

    def mean(self, a: _Cluster, b: _Cluster) -> tuple[float, float]:
        """(mean score, mean word cosine) over every clause of ``a`` against every clause of ``b``: the scores
        are dot products of weighted vectors, so the mean is the dot product of the groups' sums."""
        size = len(a.members) * len(b.members)
        word = _dot(a.word, b.word) / size
        emb = float(a.emb @ b.emb) / size if a.emb is not None else 0.0
        return self.mix(word, float(a.topic @ b.topic) / size, emb), word

    def against(self, i: int, c: _Cluster) -> float:
        """A clause's scores summed over every clause of a group."""
        emb = float(self.emb[i] @ c.emb) if self.emb is not None else 0.0
        return self.mix(_dot(self.word[i], c.word), float(self.topic[i] @ c.topic), emb)


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
    score, word = rows.mean(a, b)
    if score < settings.link or word < settings.word_link:
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


def _merge(a: _Cluster, b: _Cluster) -> _Cluster:
    """``a`` grown by ``b`` (``a`` is changed)."""
    _add(a.word, b.word)
    for p, words in b.polar_words.items():
        _add(a.polar_words.setdefault(p, {}), words)
    for d, m in b.docs.items():
        a.docs.setdefault(d, []).extend(m)
    for p, m in b.polarity.items():
        a.polarity.setdefault(p, []).extend(m)
    a.members.extend(b.members)
    a.topic += b.topic
    if a.emb is not None and b.emb is not None:
        a.emb += b.emb
    return a


def _clusters(table: _Table, settings: Settings) -> tuple[_Rows, list[_Cluster]]:
    """Merge candidate pairs strongest first under the per-document, polarity and average-link limits."""
    pairs = _candidates(table, settings)
    scores, word = np.zeros(0), np.zeros(0)
    if len(pairs):
        parts = [pair_scores(table, pairs[s:s + 50_000, 0], pairs[s:s + 50_000, 1], settings)
                 for s in range(0, len(pairs), 50_000)]
        scores, word = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    code = {"prohibit": 1, "permit": 2}
    pol = np.array([code.get(p, 0) for p in table.polarity], np.int8)
    ok = (scores >= settings.threshold) & (word >= settings.floor)
    if settings.shared and len(pairs):
        ok &= _shared(table, pairs) >= settings.shared
    if settings.coverage and len(pairs):
        ok &= _coverage(table, pairs) >= settings.coverage
    if len(pairs):
        ok &= pol[pairs[:, 0]] + pol[pairs[:, 1]] != 3  # a prohibition beside a permission
    pairs, scores = pairs[ok], scores[ok]
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
        clusters[a] = _merge(ca, cb)
    return rows, [c for c in clusters.values() if len(c.docs) >= 2]


def align(docs: list[Document], settings: Settings = Settings()) -> list[Group]:
    """Groups of clauses from different documents that state the same rule, sorted by id."""
    table = _table(docs, settings)
    rows, clusters = _clusters(table, settings)
    groups = []
    for c in clusters:
        members = sorted(c.members)
        # the representative: the member with the highest mean score with the others (ties: the earliest)
        centrality = [0.0] * 2 if len(members) == 2 else [rows.against(i, c) - rows.score(i, i)[0] for i in members]
        rep = members[min(range(len(members)), key=lambda x: (-round(centrality[x], 6), members[x]))]
        group = [Aligned(*table.keys[rep], 1.0)]
        group += [Aligned(*table.keys[i], max(0.0, min(0.999, round(rows.score(rep, i)[0], 3))))
                  for i in members if i != rep]
        document, clause = table.keys[members[0]]
        groups.append(Group(f"{document}-{clause}", group))
    return sorted(groups, key=lambda g: g.id)


def keep_ids(groups: list[Group], previous: dict[tuple[str, str], str]) -> list[Group]:
    """Give each group the family id most of its members already carry (largest groups choose first; on a tie,
    the id named after the member closest to the representative), so that re-aligning after adding a policy renames no group it
    leaves alone; other groups keep their own id."""
    taken: set[str] = set()
    chosen: dict[int, str] = {}
    for k in sorted(range(len(groups)), key=lambda k: (-len(groups[k].members), groups[k].id)):
        votes: dict[str, int] = {}
        for m in groups[k].members:
            old = previous.get((m.document, m.clause))
            if old:
                votes[old] = votes.get(old, 0) + 1
        named = {f"{m.document}-{m.clause}": m.similarity for m in groups[k].members}
        for old, _ in sorted(votes.items(), key=lambda kv: (-kv[1], -named.get(kv[0], -1.0), kv[0])):
            if old not in taken:
                chosen[k] = old
                taken.add(old)
                break
    out = []
    for k, group in enumerate(groups):
        gid = chosen.get(k)
        if gid is None:
            own = [group.id] + [f"{m.document}-{m.clause}" for m in group.members]
            gid = next((x for x in own if x not in taken), group.id + "-2")
            taken.add(gid)
        out.append(Group(gid, group.members))
    return sorted(out, key=lambda g: g.id)
