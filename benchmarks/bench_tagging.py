#!/usr/bin/env python3
"""Benchmark: tag N synthetic documents (perturbed copies of the shipped corpus) with the rules and the model.

    python benchmarks/bench_tagging.py [N=1000] [CORPUS=corpus]

Prints the time to load the model and the tagging time per clause, rules alone and rules plus model, with the
garbage collector running, and rules plus model once more with it paused, as `aup ingest` and `aup tag` run
the tagger (issue 12's budget: at most 0.3 ms per clause on average, the model loaded in under 0.5 s). CPU
time is the figure to compare on a shared machine; each run tags freshly made documents.
"""
from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from pathlib import Path

from bench_families import synthesise

from generator.corpus import load_corpus
from generator.corpus.store import paused_gc
from generator.tagging import learned
from generator.tagging.learned import load_model, model_path
from generator.tagging.tagger import tag_document
from generator.tagging.taxonomy import load_taxonomy_file, taxonomy_path


def main() -> None:
    """Print the model's load time and the tagging cost per clause."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("corpus")
    seeds = load_corpus(corpus)
    taxonomy = load_taxonomy_file(taxonomy_path(corpus))
    path = model_path(corpus)
    learned._CACHE.clear()
    start = time.perf_counter()
    model = load_model(path)
    load = time.perf_counter() - start
    print(f"model {path} ({path.stat().st_size // 1024} KiB, {len(model.weights)} features) loaded in {load:.3f}s")
    runs = (("rules", None, False), ("rules + model", model, False), ("+ GC paused", model, True))
    for k, (name, m, paused) in enumerate(runs):
        docs = synthesise(seeds, n, seed=7 + k)  # other texts for each run: nothing memoised from the one before
        clauses = sum(len(d.clauses) for d in docs)
        with paused_gc() if paused else nullcontext():  # paused: as `aup ingest` and `aup tag` run the tagger
            start, cpu = time.perf_counter(), time.process_time()
            for doc in docs:
                tag_document(doc, taxonomy, m)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"{name:14} {n} documents, {clauses} clauses: {seconds:.2f}s wall, {cpu:.2f}s CPU; "
              f"{1000 * cpu / clauses:.3f} ms CPU per clause ({1000 * seconds / clauses:.3f} wall)")


if __name__ == "__main__":
    main()
