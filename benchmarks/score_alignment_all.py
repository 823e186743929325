#!/usr/bin/env python3
"""Rule alignment on every labelled group set at once: the real policies' gold and each constructed group set.

    python benchmarks/score_alignment_all.py DIR [SET ...] [key=value ...]

Each set is ingested once into its own corpus under DIR (the real policies as ``score_alignment.py --build`` does;
a constructed set ``groups-ABC.yaml`` from ``benchmarks/constructed/{A,B,C}/*.txt``), then aligned again under the
given Settings (``key=value``, as ``diagnose_alignment.py`` reads them) and scored on all its groups. Printed: each
set's precision / recall / must-not-join violations, and the pooled figures.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from cv_alignment import records_for  # noqa: E402
from diagnose_alignment import parse_settings  # noqa: E402
from score_alignment import build, score  # noqa: E402

from generator.corpus import load_corpus  # noqa: E402


def sets() -> list[tuple[str, Path]]:
    """(name, gold file) of every labelled group set: the real policies first, then the constructed sets."""
    found = [("old", HERE / "groups-gold.yaml")]
    found += [(p.stem.split("-", 1)[1], p) for p in sorted((HERE / "constructed").glob("groups-*.yaml"))]
    return found


def corpus_for(name: str, root: Path) -> Path:
    """The set's corpus under ``root``, ingested the first time it is asked for."""
    folder = root / name
    if name == "old":
        if not (folder / "corpus").exists():
            build(folder)
        return folder / "corpus"
    if not (folder / "corpus").exists():
        subprocess.run(["aup", "new", str(folder)], check=True, capture_output=True)
        files = [str(f) for letter in name for f in sorted((HERE / "constructed" / letter).glob("*.txt"))]
        subprocess.run(["aup", "ingest", "--corpus", str(folder / "corpus"), *files], check=True, capture_output=True)
    return folder / "corpus"


def main() -> None:
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    root = Path(args.pop(0))
    wanted = [a for a in args if "=" not in a]
    settings = parse_settings([a for a in args if "=" in a])
    tp = fp = fn = violations = 0
    for name, gold_path in sets():
        if wanted and name not in wanted:
            continue
        r = score(records_for(load_corpus(corpus_for(name, root)), settings), yaml.safe_load(gold_path.read_text()))
        tp, fp, fn, violations = tp + r["tp"], fp + r["fp"], fn + r["fn"], violations + len(r["violations"])
        print(f"{name:5s} P {r['precision']:.3f} R {r['recall']:.3f} violations {len(r['violations'])} of {r['must_not_pairs']}")
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"pooled P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f} violations {violations}")


if __name__ == "__main__":
    main()
