#!/usr/bin/env python3
"""Tag a corpus in memory (nothing written) and score it against a gold file with shared/eval/score.py.

    python benchmarks/score_tagging.py CORPUS GOLD.yaml [--misses] [--out CLAUSES.jsonl]
"""
from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from generator.corpus import load_corpus
from generator.export import clause_records
from generator.pipeline import tag_documents

SCORE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def main() -> None:
    """Score the in-memory tags of CORPUS against GOLD."""
    corpus, gold = Path(sys.argv[1]), Path(sys.argv[2])
    spec = importlib.util.spec_from_file_location("score", SCORE)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    docs = tag_documents(load_corpus(corpus), corpus)
    out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
    with (open(out, "w", encoding="utf-8") if out else
          tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")) as fh:
        for doc in docs:
            for record in clause_records(doc):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = score.score(fh.name, gold)
    if "--misses" in sys.argv:
        for m in result["misses"]:
            print(f"miss  {m['doc'][:12]}: {m['text'][:90]!r}: {m['why']}")
    print("topic                    gold  recall  precision")
    for t, v in result["topics"].items():
        print(f"{t:24} {v['gold']:5} {v['recall'] if v['recall'] is not None else '-':>7} {v['precision'] if v['precision'] is not None else '-':>10}")
    print(f"found {result['found']}  precision {result['precision']}  recall {result['recall']}  f1 {result['f1']}")


if __name__ == "__main__":
    main()
