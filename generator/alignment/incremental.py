"""Incremental alignment: new clauses joined to stored families, without re-aligning the corpus.

:func:`join` is what ``aup ingest`` runs when it adds a few documents to a stored corpus (the caller,
:func:`generator.families.assign_families`, chooses the clauses it sees). Each stored family comes in as a group
already made from a sample of its members (its representative first) and is never split, merged with another
family or given another representative; a new clause joins one (or makes a new group with other new clauses and
stored clauses of no family) under the same gates and average linkage as :func:`generator.alignment.align`, pairs
merged strongest first. Only candidate pairs with a new clause are looked at.

How it may differ from aligning everything again (benchmarks/README.md measures it): the features' weights
(inverse document frequency) come from the clauses seen, not the whole corpus; a family is compared through its
sample, not every member; stored families never merge, split or change their representative, so a new clause
that would bridge two families joins one of them; stored clauses of no family that a full alignment would now
group with each other (because the new documents changed the weights) stay apart.
"""
from __future__ import annotations

import numpy as np

from ..model import Document
from .clusters import _Cluster, _may_merge, _merge, _Rows, accepted_pairs, central
from .features import Settings, _candidates, _table

Key = tuple[str, str]


def join(docs: list[Document], seen: set[Key], families: dict[str, list[Key]], new: set[Key],
         taken: set[str], settings: Settings | None = None) -> dict[Key, tuple[str, float]]:
    """The family (id, similarity to its representative) of each clause that joins one: new clauses joining a
    stored family, and the members of each new group spanning two or more documents.

    ``seen`` keys the clauses compared (of ``docs``); ``families`` gives each stored family's sampled members,
    its representative first; ``new`` keys the clauses being placed; ``taken`` holds every family id in use, so
    a new group's id (``<document>-<clause>`` of its earliest member, else of the next) is never one of them.
    """
    settings = settings or Settings()
    table = _table(docs, settings, seen)
    row = {key: i for i, key in enumerate(table.keys)}
    fresh = np.zeros(len(table.keys), bool)
    fresh[[row[k] for k in new if k in row]] = True
    pairs = _candidates(table, settings)
    if len(pairs):
        pairs = pairs[fresh[pairs[:, 0]] | fresh[pairs[:, 1]]]
    pairs, scores = accepted_pairs(table, pairs, settings)
    rows = _Rows(table, settings)
    owner = list(range(len(table.keys)))
    clusters: dict[int, _Cluster] = {}
    stored: dict[int, tuple[str, int]] = {}  # owner row of a stored family's group -> (family id, representative row)
    for fid in sorted(families):
        members = [row[k] for k in families[fid] if k in row]
        if not members:
            continue
        group = rows.single(members[0])
        for m in members[1:]:
            group = _merge(group, rows.single(m), table.words)
            owner[m] = members[0]
        clusters[members[0]], stored[members[0]] = group, (fid, members[0])
    for i, j in pairs[np.lexsort((pairs[:, 1], pairs[:, 0], -scores))].tolist():
        a, b = owner[i], owner[j]
        if a == b or (a in stored and b in stored):  # stored families stay apart
            continue
        ca = clusters.get(a) or rows.single(a)
        cb = clusters.get(b) or rows.single(b)
        if not _may_merge(rows, ca, cb):
            continue
        if b in stored or (a not in stored and len(ca.members) < len(cb.members)):  # a stored family absorbs
            a, b, ca, cb = b, a, cb, ca
        for m in cb.members:
            owner[m] = a
        clusters.pop(b, None)
        clusters[a] = _merge(ca, cb, table.words)
    out: dict[Key, tuple[str, float]] = {}
    taken = set(taken)
    for a in sorted(clusters):
        c = clusters[a]
        if a in stored:
            fid, rep = stored[a]
            joined = [i for i in c.members if fresh[i]]
        elif len(c.docs) >= 2:
            rep = central(rows, c)
            own = [table.keys[i] for i in sorted(c.members)]
            fid = next((f"{d}-{k}" for d, k in own if f"{d}-{k}" not in taken), f"{own[0][0]}-{own[0][1]}-2")
            taken.add(fid)
            out[table.keys[rep]] = (fid, 1.0)
            joined = [i for i in c.members if i != rep]
        else:
            continue
        for i in joined:
            out[table.keys[i]] = (fid, max(0.0, min(0.999, round(rows.score(rep, i)[0], 3))))
    return out
