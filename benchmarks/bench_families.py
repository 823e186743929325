#!/usr/bin/env python3
"""Benchmark: tag and build clause families for N synthetic documents made by perturbing the seed clauses.

    python benchmarks/bench_families.py [N=1000] [CORPUS=corpus] [--no-old]

Each synthetic document copies a random subset of one shipped document's clauses and perturbs each copy
(drops, duplicates or swaps a word, renames the school), and adds a few clauses of shuffled words that match
nothing. Prints the time to tag, the time and groups of rule alignment (generator.alignment.align, what
``aup tag`` runs) with the process's peak memory, and the same for the older near-copy pass
(generator.families.build_families) unless --no-old.
"""
from __future__ import annotations

import random
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator.alignment import align
from generator.corpus import load_corpus
from generator.families import build_families
from generator.model import Clause, Document
from generator.tagging.tagger import tag_document
from generator.tagging.taxonomy import load_taxonomy_file, taxonomy_path

SWAPS = {"must": "should", "staff": "employees", "pupils": "children", "school": "academy", "not": "never"}


def perturb(text: str, rng: random.Random) -> str:
    """A lightly edited copy of a clause's text."""
    words = text.split()
    for _ in range(rng.randint(0, 3)):
        if len(words) < 4:
            break
        i = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.3:
            del words[i]
        elif roll < 0.6:
            words.insert(i, words[i])
        else:
            words[i] = SWAPS.get(words[i].lower(), words[i])
    return " ".join(words).replace("St Joseph's", "St Mary's")


def synthesise(seeds: list[Document], n: int, seed: int = 7) -> list[Document]:
    """N documents whose clauses are perturbed copies of the seeds' clauses plus a few unrelated ones."""
    rng = random.Random(seed)
    vocabulary = [w for d in seeds for c in d.clauses for w in c.text.split()]
    docs = []
    for k in range(n):
        base = seeds[k % len(seeds)]
        kept = [c for c in base.clauses if rng.random() < 0.8]
        clauses = [replace(c, id=f"{i:08x}", text=perturb(c.text, rng), family=None) for i, c in enumerate(kept)]
        for j in range(5):
            noise = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 25)))
            clauses.append(Clause(id=f"{len(clauses) + j:08x}", text=noise, span=base.clauses[0].span))
        docs.append(replace(base, id=f"synthetic-{k:05d}", clauses=clauses))
    return docs


def main() -> None:
    """Print timings for tagging and families over N synthetic documents."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    corpus = Path(args[1]) if len(args) > 1 else Path("corpus")
    seeds = load_corpus(corpus)
    docs = synthesise(seeds, n)
    clauses = sum(len(d.clauses) for d in docs)
    taxonomy = load_taxonomy_file(taxonomy_path(corpus))
    start = time.perf_counter()
    for doc in seeds:
        tag_document(doc, taxonomy)
    tag_seconds = time.perf_counter() - start
    print(f"tagging the shipped corpus: {len(seeds)} documents in {tag_seconds:.3f}s "
          f"({1000 * tag_seconds / len(seeds):.1f} ms per document)")
    start, cpu = time.perf_counter(), time.process_time()
    groups = align(docs)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = sorted((len(g.members) for g in groups), reverse=True)
    print(f"rule alignment of {n} synthetic documents ({clauses} clauses): {seconds:.2f}s ({cpu:.2f}s CPU), peak memory {peak:.0f} MB; "
          f"{len(groups)} groups, largest {sizes[:5]}, clauses in a group {sum(sizes)}")
    if "--no-old" in sys.argv:
        return
    start = time.perf_counter()
    families = build_families(docs)
    seconds = time.perf_counter() - start
    sizes = sorted((len(f.members) for f in families), reverse=True)
    print(f"near-copy families for {n} synthetic documents ({clauses} clauses): {seconds:.2f}s; "
          f"{len(families)} families, largest {sizes[:5]}, clauses in a family {sum(sizes)}")

if __name__ == "__main__":
    main()
