#!/usr/bin/env python3
"""Try alignment settings on the labelled groups: prints pairwise figures for the tune half (and all).

    python benchmarks/tune_alignment.py CORPUS [key=value ...] [--holdout] [-v]

CORPUS holds the shipped and public policies (``score_alignment.py --build DIR`` makes DIR/corpus).
Settings not given keep their defaults (generator.alignment.Settings).
"""
from __future__ import annotations

import sys
import time
from dataclasses import fields, replace
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_alignment import holdout_ids, score  # noqa: E402

from generator.alignment import Settings, align  # noqa: E402
from generator.corpus import load_corpus  # noqa: E402
from generator.export import clause_records  # noqa: E402


def main() -> None:
    """Align the corpus with the given settings and score the result."""
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    docs = load_corpus(Path(args[0]))
    types = {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}
    def parse(key: str, value: str) -> object:
        if types[key] is bool:  # bool("0") is True
            return value.lower() in ("1", "true", "yes")
        return types[key](value)

    settings = replace(Settings(), **{k: parse(k, v) for k, v in (a.split("=") for a in args[1:])})
    start = time.perf_counter()
    groups = align(docs, settings)
    seconds = time.perf_counter() - start
    family = {(m.document, m.clause): g.id for g in groups for m in g.members}
    records = []
    for doc in docs:
        for r in clause_records(doc):
            r["family"] = family.get((r["document"], r["clause"]))
            records.append(r)
    gold = yaml.safe_load((Path(__file__).resolve().parent / "groups-gold.yaml").read_text())
    held = holdout_ids([g["id"] for g in gold["groups"]])
    tune = {g["id"] for g in gold["groups"]} - held
    names = ["tune", "all", "holdout"] if "--holdout" in sys.argv else ["tune"]
    text = {(r["document"], r["clause"]): r["text"][:100] for r in records}
    for name in names:
        r = score(records, gold, {"tune": tune, "holdout": held, "all": None}[name])
        print(f"{name:8s} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} "
              f"(tp {r['tp']} fp {r['fp']} fn {r['fn']}) violations {len(r['violations'])}  "
              f"groups {len(groups)} in {seconds:.2f}s")
        if "-v" in sys.argv and name == "tune":
            for title, pairs in (("FALSE POSITIVE", r["false_positives"]), ("MISSED", r["missed"])):
                for a, b in pairs:
                    print(f"{title}\n  {a[0][:14]} {text[a]!r}\n  {b[0][:14]} {text[b]!r}")
            for a, b, why in r["violations"]:
                print(f"VIOLATION {why}\n  {text[a]!r}\n  {text[b]!r}")


if __name__ == "__main__":
    main()
