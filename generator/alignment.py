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
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy import sparse

from .model import Clause, Document
from .tagging.modality import modal_of


@dataclass(frozen=True)
class Settings:
    """The knobs of the alignment (defaults chosen on the tuning half of benchmarks/groups-gold.yaml)."""

    threshold: float = 0.30  # least score for a candidate pair to be merged
    link: float = 0.30  # least mean score between two groups being merged
    weakest: float = 0.20  # least score of any clause of a group with any other
    word_link: float = 0.15  # least mean word cosine between two groups being merged (shared words, not topic)
    negated: float = 0.6  # an obligation and a prohibition this close in words negate each other
    floor: float = 0.12  # least word cosine: two clauses must share specific words, not only meaning
    embedding: float = 0.2  # share of the embedding cosine in the score (0: words only)
    topics: float = 0.2  # share of the topic overlap (Jaccard of the clauses' topics) in the score
    per_document: int = 3  # most clauses of one document in a group
    same_document: float = 0.45  # least score between two clauses of one document in a group
    neighbours: int = 20  # candidates per clause
    features: int = 12  # most specific features of a clause the index holds
    min_features: int = 2  # clauses with fewer content features state no rule to align ("Signed", "Date")
    generic: float = 0.3  # weight of a topic-generic word
    pairs: float = 0.3  # weight of a pair of neighbouring words against a single word


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


def compatible(a: str, b: str, word_cosine: float, negated: float = 0.6) -> bool:
    """Whether clauses of these polarities may state one rule: a prohibition never joins a permission, nor an
    obligation worded almost the same way (the one negates the other)."""
    pair = {a, b}
    if pair == {"prohibit", "permit"}:
        return False
    return not (pair == {"prohibit", "oblige"} and word_cosine >= negated)


# -- features ---------------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("""
a about above after again against all also am an and any anyone anything are as at be been before being below
between both but by could did do does doing down during each either etc even ever every few for from further
had has have having he her here hers him his how however i if in into is it its itself just least less let
like made make many me more most my myself neither no nor not of off on once one only or other others our
ours ourselves out over own per rather same shall she should so some such than that the their theirs them
themselves then there these they this those through thus to too under until up upon us very via was we were
what when whenever where whether which while whilst who whom whose why will with within without would yet you
your yours yourself must may might can cannot never e g eg ie i.e any all always whatever including include
forbidden prohibited permitted allowed required expected advised advisable avoid avoided refrain ensure ensuring
strictly should'nt able need needs necessary
""".split())
#: Words that every topic uses: they say who or where, not which rule.
_GENERIC_WORDS = """staff member members employee employees pupil pupils student students child children
school schools college academy use used using uses user users ensure policy parent parents carer carers
colleague colleagues person people individual individuals teacher teachers adult adults time times
appropriate inappropriate understand aware responsible ict system systems""".split()


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix-stripping stem: photographs, photographed -> photograph; sharing, shared -> shar."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


@lru_cache(maxsize=1)
def _concepts() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """The rule-word lexicon (generator/data/rule-words.yaml): a pattern for its phrases, the concept token of
    each phrase, and the concept token of each single word's stem."""
    data = yaml.safe_load((Path(__file__).parent / "data" / "rule-words.yaml").read_text(encoding="utf-8"))
    phrases: dict[str, str] = {}
    stems: dict[str, str] = {}
    for concept, words in (data.get("concepts") or {}).items():
        token = "zz" + re.sub(r"[^a-z0-9]", "", concept.lower())
        for word in words:
            word = " ".join(str(word).lower().split())
            if " " in word or "-" in word:
                phrases[word] = token
            else:
                stems[stem(word)] = token
    ordered = sorted(phrases, key=lambda w: (-len(w), w))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) + r"(?:e?s)?" for w in ordered) + r")\b") if ordered \
        else re.compile(r"(?!x)x")
    return pattern, phrases, stems


_GENERIC = frozenset([stem(w) for w in _GENERIC_WORDS] + ["zzstaff", "zzpupil", "zzschool", "zzparent", "zzpolicy"])


def content_stems(text: str) -> list[str]:
    """The stems of a clause's content words, in order: stop words dropped, synonyms of the rule-word lexicon
    replaced by their concept."""
    pattern, phrases, concepts = _concepts()
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("'s ", " ")

    def concept_of(match: re.Match[str]) -> str:
        found = match.group(0)
        return " " + phrases.get(found, phrases.get(re.sub(r"e?s$", "", found), "")) + " "

    text = pattern.sub(concept_of, text)
    out = []
    for word in _WORD.findall(text):
        if word.startswith("zz"):
            out.append(word)
        elif len(word) > 1 and word not in _STOP:
            s = stem(word)
            out.append(concepts.get(s, s))
    return out


def features(stems: list[str], generic: float, pairs: float = 0.5) -> dict[str, float]:
    """Term weights before IDF: each stem and each pair of neighbouring stems (generic stems weigh less)."""
    out: dict[str, float] = {}
    for s in stems:
        out[s] = out.get(s, 0.0) + (generic if s in _GENERIC else 1.0)
    for a, b in zip(stems, stems[1:]):
        key = a + " " + b
        out[key] = out.get(key, 0.0) + pairs * (generic if a in _GENERIC and b in _GENERIC else 1.0)
    return out


# -- embeddings ------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _embedder() -> Any:
    """The wordllama model from its own package folder, downloads disabled; None when the package is missing."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    try:
        return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)
    except Exception:  # weights missing from the wheel: align on words alone rather than fetch anything
        return None


def embed(texts: list[str]) -> np.ndarray | None:
    """Unit-length sentence embeddings (float32), or None without the embedding package."""
    model = _embedder()
    if model is None or not texts:
        return None
    return np.asarray(model.embed(texts, norm=True, batch_size=512), dtype=np.float32)


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
    topics: sparse.csr_matrix  # clause x topic, 1 where the clause carries the topic


def _table(docs: list[Document], settings: Settings) -> _Table:
    """Vectorise the clauses that have enough content to state a rule."""
    keys: list[tuple[str, str]] = []
    doc_no: list[int] = []
    pols: list[str] = []
    texts: list[str] = []
    bags: list[dict[str, float]] = []
    topic_lists: list[list[str]] = []
    for d, doc in enumerate(sorted(docs, key=lambda x: x.id)):
        text_of = {c.id: c.text for c in doc.clauses}
        for clause in doc.clauses:
            stems = content_stems(clause.text)
            if len(dict.fromkeys(stems)) < settings.min_features:
                continue
            keys.append((doc.id, clause.id))
            doc_no.append(d)
            lead_in = text_of.get(clause.parent or "", "") or (clause.heading[-1] if clause.heading else "")
            pols.append(polarity(clause, lead_in))
            texts.append(clause.text)
            bags.append(features(stems, settings.generic, settings.pairs))
            topic_lists.append(clause.topics)
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        for term, weight in bag.items():
            rows.append(r)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(weight if weight <= 1 else 1 + math.log(weight))
    n = len(keys)
    tf = sparse.csr_matrix((np.asarray(vals, np.float32), (rows, cols)), shape=(n, len(vocab)))
    df = np.bincount(np.asarray(cols, np.int64), minlength=len(vocab)) if cols else np.zeros(0)
    idf = np.log((n + 1) / (df + 1)).astype(np.float32) + 1
    words = _normalise_rows(tf @ sparse.diags(idf))
    topic_ids: dict[str, int] = {}
    t_rows = [r for r, ts in enumerate(topic_lists) for _ in dict.fromkeys(ts)]
    t_cols = [topic_ids.setdefault(t, len(topic_ids)) for ts in topic_lists for t in dict.fromkeys(ts)]
    topics = sparse.csr_matrix((np.ones(len(t_rows), np.float32), (t_rows, t_cols)), shape=(n, max(1, len(topic_ids))))
    emb = embed(texts) if settings.embedding else None
    return _Table(keys, np.asarray(doc_no), pols, words, _index(words, df, n, settings), emb, topics)


def _normalise_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ m)


def _index(words: sparse.csr_matrix, df: np.ndarray, n: int, settings: Settings) -> sparse.csr_matrix:
    """Each clause's most specific features, leaving out those too common to tell rules apart."""
    cap = max(50, n // 50)
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


def _candidates(table: _Table, settings: Settings, block: int = 2048) -> np.ndarray:
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


def _mix(settings: Settings, word: np.ndarray, emb: np.ndarray | None, inter: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The score: word cosine, embedding cosine and topic Jaccard, weighted."""
    union = sizes - inter
    jaccard = np.divide(inter, union, out=np.zeros_like(union, dtype=np.float64), where=union > 0)
    e = settings.embedding if emb is not None else 0.0
    score = (1 - e - settings.topics) * word + settings.topics * jaccard
    return score + e * emb if emb is not None else score


def pair_scores(table: _Table, a: np.ndarray, b: np.ndarray, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(score, word cosine) of clause pairs a[k], b[k]."""
    word = np.asarray(table.words[a].multiply(table.words[b]).sum(axis=1)).ravel()
    emb = np.einsum("ij,ij->i", table.emb[a], table.emb[b]) if table.emb is not None else None
    ta, tb = table.topics[a], table.topics[b]
    inter = np.asarray(ta.multiply(tb).sum(axis=1)).ravel()
    sizes = np.asarray(ta.sum(axis=1)).ravel() + np.asarray(tb.sum(axis=1)).ravel()
    return _mix(settings, word, emb, inter, sizes), word


def _block_scores(table: _Table, a: list[int], b: list[int], settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Scores and word cosines of every clause of ``a`` against every clause of ``b``."""
    word = (table.words[a] @ table.words[b].T).toarray()
    emb = table.emb[a] @ table.emb[b].T if table.emb is not None else None
    inter = (table.topics[a] @ table.topics[b].T).toarray()
    sizes = np.asarray(table.topics[a].sum(axis=1)) + np.asarray(table.topics[b].sum(axis=1)).T
    return _mix(settings, word, emb, inter, sizes), word


def _clusters(table: _Table, settings: Settings) -> list[list[int]]:
    """Merge candidate pairs strongest first under the per-document, polarity and average-link limits."""
    pairs = _candidates(table, settings)
    scores, word = np.zeros(0), np.zeros(0)
    if len(pairs):
        parts = [pair_scores(table, pairs[s:s + 100_000, 0], pairs[s:s + 100_000, 1], settings)
                 for s in range(0, len(pairs), 100_000)]
        scores, word = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    pol = table.polarity
    ok = (scores >= settings.threshold) & (word >= settings.floor)
    ok &= np.fromiter((compatible(pol[i], pol[j], w, settings.negated) for (i, j), w in zip(pairs, word)), bool, len(pairs))
    pairs, scores = pairs[ok], scores[ok]
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -scores))
    owner = list(range(len(table.keys)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(table.keys))}
    for i, j in pairs[order]:
        a, b = owner[i], owner[j]
        if a == b or not _may_merge(table, members[a], members[b], settings):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for m in members[b]:
            owner[m] = a
        members[a].extend(members.pop(b))
    return [sorted(m) for m in members.values() if len({int(table.docs[i]) for i in m}) >= 2]


def _may_merge(table: _Table, a: list[int], b: list[int], settings: Settings) -> bool:
    """Whether two groups may become one: few clauses per document, no clashing force, close on average."""
    counts: dict[int, int] = {}
    for i in a + b:
        d = int(table.docs[i])
        counts[d] = counts.get(d, 0) + 1
        if counts[d] > settings.per_document:
            return False
    scores, word = _block_scores(table, a, b, settings)
    if scores.mean() < settings.link or scores.min() < settings.weakest or word.mean() < settings.word_link:
        return False
    same = table.docs[a][:, None] == table.docs[b][None, :]
    if same.any() and scores[same].min() < settings.same_document:
        return False
    pol = table.polarity
    return all(compatible(pol[i], pol[j], word[x, y], settings.negated) for x, i in enumerate(a) for y, j in enumerate(b)
               if pol[i] != pol[j])


def align(docs: list[Document], settings: Settings = Settings()) -> list[Group]:
    """Groups of clauses from different documents that state the same rule, sorted by id."""
    table = _table(docs, settings)
    groups = []
    for cluster in _clusters(table, settings):
        scores, _ = _block_scores(table, cluster, cluster, settings)
        centrality = (scores.sum(axis=1) - scores.diagonal()) / max(1, len(cluster) - 1)
        rep = min(range(len(cluster)), key=lambda x: (-round(float(centrality[x]), 9), cluster[x]))
        members = [Aligned(*table.keys[cluster[rep]], 1.0)]
        members += [Aligned(*table.keys[i], min(0.999, round(float(scores[rep, x]), 3)))
                    for x, i in enumerate(cluster) if x != rep]
        document, clause = table.keys[cluster[0]]
        groups.append(Group(f"{document}-{clause}", members))
    return sorted(groups, key=lambda g: g.id)


def keep_ids(groups: list[Group], previous: dict[tuple[str, str], str]) -> list[Group]:
    """Give each group the family id most of its members already carry (largest groups choose first), so that
    re-aligning after adding a policy renames no group it leaves alone; other groups keep their own id."""
    taken: set[str] = set()
    chosen: dict[int, str] = {}
    for k in sorted(range(len(groups)), key=lambda k: (-len(groups[k].members), groups[k].id)):
        votes: dict[str, int] = {}
        for m in groups[k].members:
            old = previous.get((m.document, m.clause))
            if old:
                votes[old] = votes.get(old, 0) + 1
        for old, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
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
