"""Alignment features: settings, a rule's polarity, the weighted feature table of every clause, candidate pairs
and their scores (see :mod:`generator.alignment`)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse

from ..model import Document
from ..rule_words import content_words, embed, features, is_generic
from .frames import acknowledges, actions, audience, objects, owner, scope
from .polarity import _SENTENCE, forbids, polarity
from .synonyms import synonym_links


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
    topic_floor: float = 0.0  # least topic overlap counted: the tagger's topics of a paraphrase often differ
    per_document: int = 3  # most clauses of one document in a group
    same_document: float = 0.45  # least score between two clauses of one document in a group
    neighbours: int = 20  # candidates per clause
    features: int = 12  # most specific features of a clause the index holds
    min_features: int = 2  # clauses with fewer content features state no rule to align ("Signed", "Date")
    generic: float = 0.1  # weight of a topic-generic word in what two clauses share
    pairs: float = 0.3  # weight of a pair of neighbouring words against a single word
    generic_norm: bool = True  # generic words weigh little in what two clauses share, fully in a clause's length
    shared: int = 1  # least number of distinct specific (not topic-generic) words two clauses both hold
    shared_short: float = 0.5  # or, with one at least, this share of the shorter clause's specific words (0: off)
    coverage: float = 0.12  # least share of each clause's word weight (squared) on the words both clauses hold
    owner: bool = True  # a rule about work (school) devices or accounts never joins one about personal ones
    objects: bool = True  # a rule about things said (messages) never joins one about material (files, images) only
    scope: bool = True  # a rule narrowed to one axis (which device, when, where) never joins one narrowed to another
    consent: bool = False  # ... a condition of consent ("without permission") being such an axis (measured: no gain)
    actions: bool = True  # a rule about taking images never joins one about posting them (frames.actions)
    audience: bool = True  # a rule for one audience (pupils) never joins a rule for another (staff) only
    audience_named: bool = True  # ... counting only the audiences a clause names as its subject, not its document's
    audience_topics: str = "breaches-sanctions"  # ... but its document's first audience on these topics (comma list)
    audience_bound_only: bool = False  # ... and no audience at all off those topics
    alone: bool = True  # the kind and audience gates also compare what members name alone: no bridging by a member naming two
    centroid: bool = False  # compare groups by their centroids (cosine of summed vectors) instead of mean pairs
    force_any: bool = True  # the force gate counts a prohibition in any sentence of a clause, not only its first rule
    cross_force: float = 0.6  # least score of a prohibition beside a clause of another force (obligation, statement)
    cross_permit: float = 0.5  # least score of a permission beside an obligation or a statement (0: no limit)
    learned: bool = False  # candidate pairs are accepted by the learned pair scorer, not the hand gates above
    accept: float = 0.5  # least probability of the learned pair scorer for a pair to be merged
    member_link: float = 0.05  # least mean word cosine (words only) of every clause of a group with the group it joins
    semantic: int = 0  # more candidates per clause: nearest by embedding among clauses of its first topic
    scorer: tuple[tuple[float, ...], float] | None = None  # (weights, bias) instead of generator/data/pair-scorer.yaml
    later: float = 1.0  # weight of the words of a clause's sentences after its first (the rule is usually stated first)
    wordnet: float = 1.0  # weight of a word matched by a WordNet synonym in the other clause (0: off; synonyms.py)
    wordnet_senses: int = 2  # how many of a word's most frequent WordNet senses count
    wordnet_links: str = ""  # WordNet pointers that also make two words synonyms ("+": derivation, "&": similar to)
    acknowledgement: bool = True  # the signer's acknowledgement of the policy ("I have read ... and agree to follow it")
    # shares a term with every other one (frames.acknowledges): each policy words it its own way, and it is one rule


#: The term every acknowledgement of a policy holds (:attr:`Settings.acknowledgement`); "zz" as the lexicon's concepts.
ACKNOWLEDGEMENT = "zzacknowledgement"


# -- alignment --------------------------------------------------------------------------------------------

@dataclass
class _Table:
    """The clauses being aligned, as rows: keys, document numbers, polarities, word vectors, embeddings."""

    keys: list[tuple[str, str]]
    docs: np.ndarray
    polarity: list[str]
    forbids: np.ndarray  # whether any sentence of each clause prohibits (polarity.forbids)
    owner: list[str]
    objects: list[frozenset[str]]  # what each clause's action is done to (frames.objects)
    scope: list[frozenset[str]]  # the axes each clause's rule is narrowed along (frames.scope)
    audience: list[frozenset[str]]  # whom each clause addresses (empty: not tagged)
    words: sparse.csr_matrix
    index: sparse.csr_matrix
    emb: np.ndarray | None
    specific: sparse.csr_matrix  # clause x word: 1 where the clause holds a single word that is not topic-generic
    topics: sparse.csr_matrix  # clause x topic: the clause's topics, unit length (their dot product is a cosine)
    primary: np.ndarray  # each clause's first tagged topic, as a column of ``topics`` (-1: none)
    soft: sparse.csr_matrix | None = None  # words x synonym links: each clause's weight on its words' synonyms
    near: sparse.csr_matrix | None = None  # clause x word: 1 where the clause holds the word or a synonym of it


def _table(docs: list[Document], settings: Settings, only: set[tuple[str, str]] | None = None) -> _Table:
    """Vectorise the clauses that have enough content to state a rule (of those keyed in ``only``, if given)."""
    keys: list[tuple[str, str]] = []
    doc_no: list[int] = []
    pols: list[str] = []
    bans: list[bool] = []
    owners: list[str] = []
    scopes: list[frozenset[str]] = []
    kinds: list[frozenset[str]] = []
    audiences: list[frozenset[str]] = []
    surfaces: dict[str, dict[str, None]] = {}
    stem_lists: list[list[str]] = []
    scales: list[list[float] | None] = []
    topic_lists: list[list[str]] = []
    bound = frozenset(t for t in settings.audience_topics.split(",") if t)
    for d, doc in enumerate(sorted(docs, key=lambda x: x.id)):
        text_of = {c.id: c.text for c in doc.clauses}
        for clause in doc.clauses:
            if (only is not None and (doc.id, clause.id) not in only) or _title(clause.text):
                continue
            words, scale = _words(clause.text, settings.later)
            if settings.acknowledgement and acknowledges(clause):  # one rule, in every policy's own words
                words = [*words, (ACKNOWLEDGEMENT, "acknowledgement")]
                scale = None if scale is None else [*scale, 1.0]
            stems = [w for w, _ in words]
            if len(dict.fromkeys(stems)) < settings.min_features:
                continue
            keys.append((doc.id, clause.id))
            doc_no.append(d)
            lead_in = text_of.get(clause.parent or "", "") or (clause.heading[-1] if clause.heading else "")
            pols.append(polarity(clause, lead_in))
            bans.append(forbids(clause, lead_in, pols[-1]) if settings.force_any else pols[-1] == "prohibit")
            whose = owner(clause.text) if settings.owner or settings.scope else ""
            owners.append(whose if settings.owner else "")
            scopes.append(scope(clause.text, whose, settings.consent) if settings.scope else frozenset())
            kinds.append((objects(clause.text) if settings.objects else frozenset()) |
                         (actions(clause.text) if settings.actions else frozenset()))
            audiences.append(audience(doc, clause, bound, settings.audience_named, settings.audience_bound_only) if settings.audience else frozenset())
            for w, surface in words:
                surfaces.setdefault(w, {})[surface] = None
            stem_lists.append(stems)
            scales.append(scale)
            topic_lists.append(clause.topics)
    bags = [features(stems, settings.generic, settings.pairs, k) for stems, k in zip(stem_lists, scales)]
    full = [features(stems, 1.0, settings.pairs, k) for stems, k in zip(stem_lists, scales)] if settings.generic_norm else bags
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
    emb = _clause_embeddings(words, vocab, {w: next(iter(f)) for w, f in surfaces.items()}) if settings.embedding else None
    single = np.asarray([" " not in t and not is_generic(t) for t in vocab], bool)
    specific = tf.copy()
    specific.data = single[specific.indices].astype(np.float32)
    specific.eliminate_zeros()
    primary = np.asarray([topic_ids[ts[0]] if ts else -1 for ts in topic_lists], np.int64)
    links = synonym_links(vocab, surfaces, settings.wordnet_senses, settings.wordnet_links) if settings.wordnet else None
    soft = near = None
    if links is not None:
        soft = sparse.csr_matrix(words @ links)
        near = tf.copy()
        near.data[:] = 1
        near = sparse.csr_matrix(near + near @ links)
        near.data[:] = 1
    return _Table(keys, np.asarray(doc_no), pols, np.asarray(bans, bool), owners, kinds, scopes, audiences, words, _index(words, df, n, settings), emb,
                  specific, topics, primary, soft, near)


def _title(text: str) -> bool:
    """Whether a clause is a title set in capitals ("ACCOUNTS AND PASSWORDS"): it names a subject, states no rule."""
    return text.isupper() and len(text.split()) <= 10 and not text.rstrip().endswith((".", ";"))


def _words(text: str, later: float) -> tuple[list[tuple[str, str]], list[float] | None]:
    """A clause's content words, and (``later`` < 1) a weight for each: 1 up to the end of its first sentence
    holding two content words, ``later`` after it."""
    if later >= 1:
        return content_words(text), None
    words: list[tuple[str, str]] = []
    scale: list[float] = []
    for sentence in _SENTENCE.split(text):
        found = content_words(sentence)
        head = len(dict.fromkeys(w for w, _ in words)) < 2
        words += found
        scale += [1.0 if head else later] * len(found)
    return words, scale


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
    found += _semantic(table, settings, block)
    if not found:
        return np.zeros((0, 2), np.int64)
    pairs = np.unique(np.concatenate(found))
    return np.stack([pairs // n, pairs % n], axis=1)


def _semantic(table: _Table, settings: Settings, block: int) -> list[np.ndarray]:
    """Rewordings that share no specific word: for each clause, the ``settings.semantic`` clauses of other
    documents with the same first topic whose embeddings are closest (encoded as i * n + j, i < j)."""
    if not settings.semantic or table.emb is None:
        return []
    n, found = len(table.keys), []
    for topic in np.unique(table.primary[table.primary >= 0]).tolist():
        rows = np.flatnonzero(table.primary == topic)
        emb = table.emb[rows]
        for start in range(0, len(rows), block):
            sims = emb[start:start + block] @ emb.T
            sims[table.docs[rows[start:start + block]][:, None] == table.docs[rows][None, :]] = -2.0
            m = min(settings.semantic, len(rows) - 1)
            if m <= 0:
                continue
            # the m nearest, ties broken by row number (argsort is stable on -sims)
            top = np.argsort(-sims, axis=1, kind="stable")[:, :m] if sims.shape[1] <= 4 * m else \
                np.sort(np.argpartition(-sims, m, axis=1)[:, :m], axis=1)
            r = np.repeat(rows[start:start + block], m)
            c = rows[top.ravel()]
            ok = sims[np.repeat(np.arange(len(top)), m), top.ravel()] > -2.0
            r, c = r[ok], c[ok]
            found.append(np.minimum(r, c).astype(np.int64) * n + np.maximum(r, c))
    return found


def pair_scores(table: _Table, a: np.ndarray, b: np.ndarray, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(score, word cosine) of clause pairs a[k], b[k]: word cosine, embedding cosine and topic cosine, weighted."""
    word = np.asarray(table.words[a].multiply(table.words[b]).sum(axis=1)).ravel()
    if table.soft is not None:  # a word of one clause and a synonym of it in the other: a weaker match
        word = word + settings.wordnet * np.asarray(table.words[a].multiply(table.soft[b]).sum(axis=1)).ravel()
    topic = np.asarray(table.topics[a].multiply(table.topics[b]).sum(axis=1)).ravel()
    e = settings.embedding if table.emb is not None else 0.0
    score = (1 - e - settings.topics) * word + settings.topics * np.maximum(topic, settings.topic_floor)
    if e:
        score = score + e * np.einsum("ij,ij->i", table.emb[a], table.emb[b])
    return score, word


#: The pair scorer's inputs, in order (see :func:`pair_features`).
PAIR_FEATURES = ("score", "word", "embedding", "topic", "shared", "coverage", "one_prohibits", "same_force")


def pair_features(table: _Table, pairs: np.ndarray, settings: Settings) -> np.ndarray:
    """One row per pair of clauses: the inputs of the learned pair scorer, named by :data:`PAIR_FEATURES`."""
    out = np.zeros((len(pairs), len(PAIR_FEATURES)), np.float64)
    if not len(pairs):
        return out
    pol = np.asarray(table.polarity)
    for s in range(0, len(pairs), 50_000):
        a, b = pairs[s:s + 50_000, 0], pairs[s:s + 50_000, 1]
        score, word = pair_scores(table, a, b, settings)
        out[s:s + len(a), 0], out[s:s + len(a), 1] = score, word
        if table.emb is not None:
            out[s:s + len(a), 2] = np.einsum("ij,ij->i", table.emb[a], table.emb[b])
        out[s:s + len(a), 3] = np.asarray(table.topics[a].multiply(table.topics[b]).sum(axis=1)).ravel()
        out[s:s + len(a), 6] = (pol[a] == "prohibit") != (pol[b] == "prohibit")
        out[s:s + len(a), 7] = pol[a] == pol[b]
    out[:, 4] = np.minimum(_shared(table, pairs), 4) / 4
    out[:, 5] = _coverage(table, pairs)
    return out


def pair_probability(table: _Table, pairs: np.ndarray, settings: Settings) -> np.ndarray:
    """The learned pair scorer's probability that each pair states one rule: logistic regression over
    :func:`pair_features`, its weights from ``settings.scorer`` or generator/data/pair-scorer.yaml
    (``benchmarks/train_pair_scorer.py`` writes it)."""
    weights, bias = settings.scorer or _shipped_scorer()
    z = pair_features(table, pairs, settings) @ np.asarray(weights, np.float64) + bias
    return 1 / (1 + np.exp(-z))


@lru_cache(maxsize=1)
def _shipped_scorer() -> tuple[tuple[float, ...], float]:
    data = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "pair-scorer.yaml").read_text(encoding="utf-8"))
    if tuple(data["features"]) != PAIR_FEATURES:
        raise ValueError("pair-scorer.yaml was trained on other features: re-run benchmarks/train_pair_scorer.py")
    return tuple(float(w) for w in data["weights"]), float(data["bias"])


def _shared(table: _Table, pairs: np.ndarray) -> np.ndarray:
    """For each pair, how many distinct specific words both clauses hold (with WordNet synonyms: how many of
    either clause's specific words the other holds or has a synonym of, the smaller count)."""
    out = np.zeros(len(pairs))
    for s in range(0, len(pairs), 50_000):
        a, b = pairs[s:s + 50_000, 0], pairs[s:s + 50_000, 1]
        if table.near is None:
            out[s:s + len(a)] = np.asarray(table.specific[a].multiply(table.specific[b]).sum(axis=1)).ravel()
        else:
            out[s:s + len(a)] = np.minimum(np.asarray(table.specific[a].multiply(table.near[b]).sum(axis=1)).ravel(),
                                           np.asarray(table.specific[b].multiply(table.near[a]).sum(axis=1)).ravel())
    return out


def _coverage(table: _Table, pairs: np.ndarray) -> np.ndarray:
    """For each pair, the smaller of the two clauses' shares of (squared, unit) word weight on the features
    both hold: low when either clause's own specific words (what makes it a different rule) outweigh them."""
    out = np.zeros(len(pairs))
    squared = table.words.multiply(table.words).tocsr()
    present = table.words.copy() if table.near is None else table.near
    present.data[:] = 1
    for s in range(0, len(pairs), 50_000):
        a, b = pairs[s:s + 50_000, 0], pairs[s:s + 50_000, 1]
        cover_a = np.asarray(squared[a].multiply(present[b]).sum(axis=1)).ravel()
        cover_b = np.asarray(squared[b].multiply(present[a]).sum(axis=1)).ravel()
        out[s:s + len(a)] = np.minimum(cover_a, cover_b)
    return out
