#!/usr/bin/env python3
"""Incremental families against a full alignment, on the labelled groups.

    python benchmarks/score_incremental.py DIR

Builds the corpus ``score_alignment.py --build`` builds (the shipped sources, the public policies and the Decoy
staff AUP) in DIR several ways and scores each against benchmarks/groups-gold.yaml:

- ``full``: every file in one ``aup ingest`` (the whole corpus aligned; what score_alignment.py measures);
- ``one by one``: the shipped sources in one ingest, then each other policy in an ingest of its own that joins
  its clauses to the stored families (``realign=False``);
- ``batches of 3``: the same, three policies an ingest;
- ``leave one out``: for each of those policies, the corpus without it aligned in full, then it joined; scored
  over the pairs with one of its clauses (summed over the policies), against the full alignment's figures for
  the same pairs. This separates the joining itself from the families the stored corpus already had (the
  first two start from the five shipped policies' own families, which a full alignment of all fourteen
  re-forms with other weights).

For each it also prints how far its families are from the full alignment's: of the pairs of clauses (of
different documents) that share a family in one of the two, the share that share one in both.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from score_alignment import DECOY, holdout_ids, score  # noqa: E402

from generator.export import export_clauses  # noqa: E402
from generator.pipeline import ingest  # noqa: E402


def fresh(folder: Path) -> Path:
    """An empty project in ``folder`` with the shipped overrides; return its corpus."""
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "generator", "new", str(folder)], check=True, capture_output=True)
    corpus = folder / "corpus"
    (corpus / "overrides.yaml").write_text((HERE.parent / "corpus" / "overrides.yaml").read_text())
    return corpus


def records(corpus: Path) -> list[dict]:
    """The corpus's clauses as ``aup export clauses`` gives them."""
    return list(export_clauses(corpus))


def pairs(recs: list[dict]) -> set[tuple]:
    """Pairs of clauses of different documents sharing a family."""
    members: dict[str, list[tuple[str, str]]] = {}
    for r in recs:
        if r.get("family"):
            members.setdefault(r["family"], []).append((r["document"], r["clause"]))
    return {(a, b) for ms in members.values() for a, b in combinations(sorted(ms), 2) if a[0] != b[0]}


def main(folder: Path) -> None:
    shipped = HERE.parent / "corpus" / "sources"
    others = sorted(Path("/work/shared/eval/public/txt").glob("*.txt")) + [Path(DECOY)]
    gold = yaml.safe_load((HERE / "groups-gold.yaml").read_text())
    held = holdout_ids([g["id"] for g in gold["groups"]])
    tune = {g["id"] for g in gold["groups"]} - held
    runs: dict[str, list[dict]] = {}
    corpus = fresh(folder / "full")
    ingest([shipped, *others], corpus)
    runs["full"] = records(corpus)
    for name, size in (("one by one", 1), ("batches of 3", 3)):
        corpus = fresh(folder / name.replace(" ", "-"))
        ingest([shipped], corpus)
        for start in range(0, len(others), size):
            ingest(others[start:start + size], corpus, realign=False)
        runs[name] = records(corpus)
    reference = pairs(runs["full"])
    totals = {"joined": [0, 0, 0], "full": [0, 0, 0]}
    for k, added in enumerate(others):
        corpus = fresh(folder / "leave-one-out")
        ingest([shipped, *others[:k], *others[k + 1:]], corpus)
        before = {r["document"] for r in records(corpus)}
        ingest([added], corpus, realign=False)
        recs = records(corpus)
        (doc_id,) = {r["document"] for r in recs} - before
        for name, got in (("joined", recs), ("full", runs["full"])):
            r = score(got, gold, document=doc_id)
            totals[name] = [t + x for t, x in zip(totals[name], (r["tp"], r["fp"], r["fn"]))]
    for name, (tp, fp, fn) in totals.items():
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        print(f"leave one out, pairs with the added policy, {name:6s}: precision {p:.3f}  recall {r:.3f}  "
              f"F1 {2 * p * r / max(1e-9, p + r):.3f}  (tp {tp}, fp {fp}, fn {fn})")
    for name, recs in runs.items():
        print(name)
        for part, groups in (("all", None), ("tune", tune), ("holdout", held)):
            r = score(recs, gold, groups)
            print(f"  {part:8s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}  "
                  f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})" + (f"  must-not-join violations {len(r['violations'])}"
                                                                  if groups is None else ""))
        mine = pairs(recs)
        print(f"  family pairs {len(mine)}; agreement with full: {len(mine & reference)} shared, "
              f"{len(mine - reference)} only here, {len(reference - mine)} only in full "
              f"({len(mine & reference) / max(1, len(mine | reference)):.3f} of either)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/score-incremental"))
