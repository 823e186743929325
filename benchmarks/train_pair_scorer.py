#!/usr/bin/env python3
"""Train the alignment's learned pair scorer and measure it honestly (nested, group-wise cross-validation).

    python benchmarks/train_pair_scorer.py CORPUS [key=value ...] [--folds 4] [--write]

``key=value`` sets other alignment settings (integers and floats), e.g. ``semantic=5``.

CORPUS holds the shipped and public policies (``score_alignment.py --build DIR`` makes DIR/corpus).
Training pairs are the alignment's own candidate pairs whose two clauses are both members of labelled groups
(benchmarks/groups-gold.yaml): positive when they are members of one group, negative when of two; the
must-not-join pairs are negatives too. Logistic regression over ``generator.alignment.features.PAIR_FEATURES``.

For each of k folds of the groups (``cv_alignment.folds``): the scorer is fitted on pairs of the other folds'
groups only, its acceptance threshold and the group link are chosen on the other folds (best F1 with
precision >= 0.85 and no must-not-join pair joined), and the held-out fold is scored: the figures printed per
fold and their mean are the honest ones. ``--write`` then fits on every group, chooses the threshold the same
way on every group (in-sample: not a figure to report) and writes generator/data/pair-scorer.yaml.
"""
from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cv_alignment import MIN_PRECISION, folds, records_for  # noqa: E402
from score_alignment import resolve, score  # noqa: E402

from generator.alignment import Settings  # noqa: E402
from generator.alignment.features import PAIR_FEATURES, _candidates, _table, pair_features  # noqa: E402
from generator.corpus import load_corpus  # noqa: E402
from generator.export import clause_records  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "generator" / "data" / "pair-scorer.yaml"
GRID = {"accept": [0.3, 0.4, 0.5, 0.6, 0.7], "link": [0.25, 0.35], "word_link": [0.1, 0.15]}


def training_pairs(docs, base: Settings, gold: dict) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    """Features, labels and the (group, group) of each labelled candidate pair."""
    table = _table(docs, base)
    pairs = _candidates(table, base)
    records = [r for d in docs for r in clause_records(d)]
    res = resolve(gold, records)
    group = [res.member_of.get(k) for k in table.keys]
    row = {k: i for i, k in enumerate(table.keys)}
    banned = {tuple(sorted((row[a], row[b]))) for a, b, _ in res.must_not if a in row and b in row}
    keep, labels, owners = [], [], []
    for n, (i, j) in enumerate(pairs.tolist()):
        if (i, j) in banned:
            keep.append(n)
            labels.append(0)
            owners.append((group[i] or "", group[j] or ""))
        elif group[i] and group[j]:
            keep.append(n)
            labels.append(int(group[i] == group[j]))
            owners.append((group[i], group[j]))
    x = pair_features(table, pairs[keep], base)
    return x, np.asarray(labels), owners


def fit(x: np.ndarray, y: np.ndarray) -> tuple[tuple[float, ...], float]:
    model = LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced").fit(x, y)
    return tuple(round(float(w), 4) for w in model.coef_[0]), round(float(model.intercept_[0]), 4)


def choose(docs, gold: dict, base: Settings, scorer, groups: set[str]) -> tuple[dict, dict]:
    """The grid point with the best F1 on ``groups`` among those with precision >= 0.85 and no violation (if none
    reaches that precision: among those with no violation)."""
    best = None
    for values in itertools.product(*GRID.values()):
        knobs = dict(zip(GRID, values))
        settings = replace(base, scorer=scorer, **knobs)
        r = score(records_for(docs, settings), gold, groups)
        ok = r["precision"] >= MIN_PRECISION and not r["violations"]
        key = (ok, not r["violations"], round(r["f1"], 6), r["precision"])
        if best is None or key > best[0]:
            best = (key, knobs, r)
    return best[1], best[2]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    k = int(sys.argv[sys.argv.index("--folds") + 1]) if "--folds" in sys.argv else 4
    if "--folds" in sys.argv:
        args.remove(str(k))
    docs = load_corpus(Path(args[0]))
    gold = yaml.safe_load((HERE / "groups-gold.yaml").read_text())
    extra = {k: type(getattr(Settings(), k))(v) for k, v in (a.split("=") for a in args[1:])}
    base = replace(Settings(), learned=True, **extra)
    x, y, owners = training_pairs(docs, base, gold)
    print(f"{len(y)} labelled candidate pairs, {int(y.sum())} positive")
    parts = folds([g["id"] for g in gold["groups"]], k)
    ps, rs = [], []
    tp = fp = fn = 0
    for i, part in enumerate(parts):
        rest = set().union(*(p for j, p in enumerate(parts) if j != i))
        train = np.asarray([a in rest | {""} and b in rest | {""} for a, b in owners])
        scorer = fit(x[train], y[train])
        knobs, on_rest = choose(docs, gold, base, scorer, rest)
        settings = replace(base, scorer=scorer, **knobs)
        records = records_for(docs, settings)
        r = score(records, gold, part)
        v = len(score(records, gold)["violations"])
        ps.append(r["precision"])
        rs.append(r["recall"])
        tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
        print(f"fold {i}: {knobs}, other folds P {on_rest['precision']:.3f} R {on_rest['recall']:.3f} -> held-out "
              f"P {r['precision']:.3f} R {r['recall']:.3f} (tp {r['tp']} fp {r['fp']} fn {r['fn']}), violations {v}")
    print(f"mean over {k} folds: P {sum(ps) / k:.3f} R {sum(rs) / k:.3f}; pooled P {tp / max(1, tp + fp):.3f} "
          f"R {tp / max(1, tp + fn):.3f} (tp {tp} fp {fp} fn {fn})")
    if "--write" in sys.argv:
        scorer = fit(x, y)
        knobs, r = choose(docs, gold, base, scorer, {g["id"] for g in gold["groups"]})
        print(f"all groups (in-sample): {knobs} P {r['precision']:.3f} R {r['recall']:.3f}")
        OUT.write_text(
            "# The alignment's learned pair scorer (generator/alignment/features.py: pair_probability), written by\n"
            "# benchmarks/train_pair_scorer.py --write: logistic regression on the labelled candidate pairs of\n"
            "# benchmarks/groups-gold.yaml. Its honest figures are the cross-validated ones in benchmarks/alignment.md.\n"
            + yaml.safe_dump({"features": list(PAIR_FEATURES), "weights": list(scorer[0]), "bias": scorer[1],
                              "chosen": knobs}, sort_keys=False))


if __name__ == "__main__":
    main()
