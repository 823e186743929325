#!/usr/bin/env python3
"""Which gate stops each missed gold pair, and the figures of a settings point, on any labelled groups file.

    python benchmarks/diagnose_alignment.py CORPUS [GOLD] [key=value ...] [--half tune|holdout|all] [-v]

GOLD defaults to benchmarks/groups-gold.yaml; ``--half`` (default ``tune``) picks the groups whose missed pairs
are broken down. Each missed cross-document pair is put under every gate it fails: ``no row`` (too few content
words to be aligned), ``candidate`` (not among either clause's index neighbours), ``score``, ``floor`` (word
cosine), ``shared`` (specific words in common), ``coverage``, ``force`` (a prohibition beside a permission, or
beside another force below ``cross_force``; a permission beside another force below ``cross_permit``), ``frames`` (owner, objects, scope or audience differ); a pair
failing none of them was stopped at the group merge (``merge``: average link, member link, per document ...).
Printed: P / R on all, tune and holdout groups, must-not-join violations, and the breakdown (alone = the only
gate the pair fails). With ``-v`` every missed pair of the half, with its gates; with ``--fp`` every false-positive pair, by family.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cv_alignment import records_for  # noqa: E402
from score_alignment import holdout_ids, score  # noqa: E402

from generator.alignment import Settings, _candidates, _table  # noqa: E402
from generator.alignment.clusters import _coverage, enough_shared  # noqa: E402
from generator.alignment.features import pair_scores  # noqa: E402
from generator.alignment.frames import kinds_clash, scopes_differ  # noqa: E402
from generator.corpus import load_corpus  # noqa: E402

HERE = Path(__file__).resolve().parent


def parse_settings(args: list[str]) -> Settings:
    """``key=value`` arguments as Settings (booleans read "1/true/yes")."""
    types = {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}

    def parse(key: str, value: str) -> object:
        if types[key] is bool:
            return value.lower() in ("1", "true", "yes")
        return types[key](value)

    return replace(Settings(), **{k: parse(k, v) for k, v in (a.split("=", 1) for a in args)})


def gates(docs, settings: Settings, pairs: list[tuple[tuple[str, str], tuple[str, str]]]) -> list[list[str]]:
    """The pair gates each pair of clause keys fails (empty: passes them all)."""
    table = _table(docs, settings)
    row = {k: i for i, k in enumerate(table.keys)}
    cands = {(int(a), int(b)) for a, b in _candidates(table, settings)}
    out: list[list[str]] = []
    for a, b in pairs:
        if a not in row or b not in row:
            out.append(["no row"])
            continue
        i, j = sorted((row[a], row[b]))
        arr = np.asarray([[i, j]])
        s, w = pair_scores(table, arr[:, 0], arr[:, 1], settings)
        s, w = float(s[0]), float(w[0])
        why = []
        if (i, j) not in cands:
            why.append("candidate")
        if s < settings.threshold:
            why.append("score")
        if w < settings.floor:
            why.append("floor")
        if settings.shared and not enough_shared(table, arr, settings)[0]:
            why.append("shared")
        if settings.coverage and _coverage(table, arr)[0] < settings.coverage:
            why.append("coverage")
        pi, pj = table.polarity[i], table.polarity[j]
        if {pi, pj} == {"prohibit", "permit"} or (table.forbids[i] != table.forbids[j] and s < settings.cross_force) or \
                (settings.cross_permit and (pi == "permit") != (pj == "permit") and s < settings.cross_permit):
            why.append("force")
        frame = (table.owner[i] and table.owner[j] and table.owner[i] != table.owner[j]) or \
            kinds_clash(table.objects[i], table.objects[j]) or \
            scopes_differ(table.scope[i], table.scope[j]) or \
            (table.audience[i] and table.audience[j] and not table.audience[i] & table.audience[j])
        if frame:
            why.append("frames")
        out.append(why)
    return out


def main() -> None:
    """Align, score, and break the missed pairs of one half down by gate."""
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    half = sys.argv[sys.argv.index("--half") + 1] if "--half" in sys.argv else "tune"
    if "--half" in sys.argv:
        args.remove(half)
    corpus = Path(args.pop(0))
    gold_path = Path(args.pop(0)) if args and "=" not in args[0] else HERE / "groups-gold.yaml"
    settings = parse_settings(args)
    gold = yaml.safe_load(gold_path.read_text())
    docs = load_corpus(corpus)
    records = records_for(docs, settings)
    held = holdout_ids([g["id"] for g in gold["groups"]])
    tune = {g["id"] for g in gold["groups"]} - held
    halves = {"all": None, "tune": tune, "holdout": held}
    for name, ids in halves.items():
        r = score(records, gold, ids)
        print(f"{name:8s} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} "
              f"(tp {r['tp']} fp {r['fp']} fn {r['fn']}) violations {len(r['violations'])}")
    r = score(records, gold, halves[half])
    why = gates(docs, settings, r["missed"])
    every, alone = Counter(), Counter()
    for w in why:
        every.update(w or ["merge"])
        if len(w) <= 1:
            alone.update(w or ["merge"])
    print(f"missed {half} pairs: {len(why)}; by gate (any / alone): " +
          ", ".join(f"{g} {every[g]} / {alone[g]}" for g, _ in every.most_common()))
    if "-v" in sys.argv:
        text = {(x["document"], x["clause"]): x["text"][:110] for x in records}
        for (a, b), w in zip(r["missed"], why):
            print(f"[{' '.join(w) or 'merge'}]\n  {a[0][:14]} {text[a]!r}\n  {b[0][:14]} {text[b]!r}")
    if "--fp" in sys.argv:
        text = {(x["document"], x["clause"]): x["text"][:110] for x in records}
        family = {(x["document"], x["clause"]): x.get("family") for x in records}
        for a, b in sorted(r["false_positives"], key=lambda p: str(family[p[0]])):
            print(f"[fp {family[a]}]\n  {a[0][:14]} {text[a]!r}\n  {b[0][:14]} {text[b]!r}")


if __name__ == "__main__":
    main()
