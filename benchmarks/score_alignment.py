#!/usr/bin/env python3
"""Score rule alignment (clause families) against hand-labelled rule groups.

    aup export clauses --corpus C > x.jsonl
    python benchmarks/score_alignment.py x.jsonl [benchmarks/groups-gold.yaml] [--json]

The export must come from one corpus holding every document the gold file names (for the shipped gold:
the shipped sources, /work/shared/eval/public/txt and the Decoy staff AUP; ``--build DIR`` ingests them into DIR
and exports).

Pairwise figures over pairs of clauses from different documents that are both labelled: a gold pair is
two members of one group; a predicted pair is two clauses sharing a ``family``; pairs involving a group's
``also`` clause with a member of that group are not counted. Printed for all groups, for the ``tune``
half and for the ``holdout`` half (half the group ids, drawn once with ``random.Random(14)``), for the pairs
with a clause of the Decoy staff AUP (``decoy``: labelled after the method was chosen), plus every
``must_not_join`` pair that ended up in one family.
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SPLIT_SEED = 14
#: The Decoy staff AUP (an SWGfL template as a school adopted it): labelled after the fourth pass's mechanisms and
#: settings were chosen, so pairs with one of its clauses are scored on their own as well (``decoy`` line).
DECOY = "/work/shared/wild/decoy/uk-decoy-staff-volunteer-aup-2018.txt"
DECOY_ID = "uk-decoy-staff-volunteer-aup-2018"


def norm(text: str) -> str:
    """Text as pieces are matched: lower case, one kind of quote, single spaces."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Resolved:
    """Gold labels resolved to clause keys ``(document, clause)``."""

    member_of: dict[tuple[str, str], str] = field(default_factory=dict)
    also_of: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    must_not: list[tuple[tuple[str, str], tuple[str, str], str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def holdout_ids(group_ids: list[str]) -> set[str]:
    """The held-out half of the groups, the same on every run."""
    ids = sorted(group_ids)
    return set(random.Random(SPLIT_SEED).sample(ids, len(ids) // 2))


def resolve(gold: dict, records: list[dict]) -> Resolved:
    """Find the clause each gold piece names (the first clause of its document whose text holds the piece)."""
    by_doc: dict[str, list[dict]] = {}
    for r in records:
        by_doc.setdefault(r["document"], []).append(r)
    out = Resolved()

    def find(item: dict, where: str) -> tuple[str, str] | None:
        piece = norm(item["text"])
        hits = [r for r in by_doc.get(item["doc"], []) if piece in norm(r["text"])]
        if not hits:
            out.problems.append(f"{where}: no clause of {item['doc']!r} holds {item['text']!r}")
            return None
        return (hits[0]["document"], hits[0]["clause"])

    for g in gold["groups"]:
        for item in g.get("members", []):
            key = find(item, g["id"])
            if key is None:
                continue
            if key in out.member_of and out.member_of[key] != g["id"]:
                # a unit stating two rules, labelled a member of both: it can sit in one family only, so it is
                # scored as a member of its first group and as an `also` of this one (pairs with it not scored)
                out.also_of.setdefault(key, set()).add(g["id"])
                continue
            out.member_of[key] = g["id"]
        for item in g.get("also", []):
            key = find(item, g["id"] + " (also)")
            if key is not None:
                out.also_of.setdefault(key, set()).add(g["id"])
    for i, pair in enumerate(gold.get("must_not_join", [])):
        a, b = find(pair["a"], f"must_not_join[{i}]"), find(pair["b"], f"must_not_join[{i}]")
        if a and b:
            out.must_not.append((a, b, pair.get("why", "")))
    return out


def score(records: list[dict], gold: dict, groups: set[str] | None = None, document: str | None = None) -> dict:
    """Pairwise precision, recall and F1 over the labelled clauses of the given groups (all when None); with
    ``document``, only over pairs one of whose clauses is of that document."""
    res = resolve(gold, records)
    family = {(r["document"], r["clause"]): r.get("family") for r in records}
    labelled = {k for k, g in res.member_of.items() if groups is None or g in groups}
    labelled |= {k for k, gs in res.also_of.items() if groups is None or gs & groups}
    tp = fp = fn = 0
    false_pos: list[tuple] = []
    missed: list[tuple] = []
    for a, b in combinations(sorted(labelled), 2):
        if a[0] == b[0] or (document and document not in (a[0], b[0])):
            continue
        ga, gb = res.member_of.get(a), res.member_of.get(b)
        if (ga and b in res.also_of and ga in res.also_of[b]) or (gb and a in res.also_of and gb in res.also_of[a]):
            continue  # an `also` clause next to a member of its group: not scored
        if a in res.also_of and b in res.also_of and res.also_of[a] & res.also_of[b]:
            continue
        gold_pos = ga is not None and ga == gb
        pred_pos = family.get(a) is not None and family.get(a) == family.get(b)
        if gold_pos and pred_pos:
            tp += 1
        elif pred_pos:
            fp += 1
            false_pos.append((a, b))
        elif gold_pos:
            fn += 1
            missed.append((a, b))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    violations = [(a, b, why) for a, b, why in res.must_not if family.get(a) and family.get(a) == family.get(b)]
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
            "false_positives": false_pos, "missed": missed, "violations": violations, "problems": res.problems,
            "must_not_pairs": len(res.must_not)}


def build(folder: Path) -> Path:
    """Ingest the shipped sources and the public policies into a fresh corpus; return its export."""
    repo = HERE.parent
    corpus = folder / "corpus"
    if not corpus.exists():
        subprocess.run(["aup", "new", str(folder)], check=True, capture_output=True)
        (corpus / "overrides.yaml").write_text((repo / "corpus" / "overrides.yaml").read_text())
        subprocess.run(["aup", "ingest", "--corpus", str(corpus), str(repo / "corpus" / "sources"),
                        "/work/shared/eval/public/txt", DECOY], check=True, capture_output=True)
    out = folder / "clauses.jsonl"
    with out.open("w") as fh:
        subprocess.run(["aup", "export", "clauses", "--corpus", str(corpus)], check=True, stdout=fh)
    return out


def main() -> None:
    """Print precision, recall and must-not-join violations for all, tune and holdout groups."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    as_json = "--json" in sys.argv
    if "--build" in sys.argv:
        export = build(Path(args.pop(0)))
    else:
        export = Path(args.pop(0))
    gold_path = Path(args[0]) if args else HERE / "groups-gold.yaml"
    gold = yaml.safe_load(gold_path.read_text())
    records = [json.loads(line) for line in export.read_text().splitlines() if line.strip()]
    held = holdout_ids([g["id"] for g in gold["groups"]])
    tune = {g["id"] for g in gold["groups"]} - held
    results = {"all": score(records, gold), "tune": score(records, gold, tune), "holdout": score(records, gold, held),
               "decoy": score(records, gold, document=DECOY_ID)}
    if as_json:
        print(json.dumps({k: {m: v for m, v in r.items() if m not in ("false_positives", "missed")}
                          for k, r in results.items()}, indent=1, default=str))
        return
    for problem in results["all"]["problems"]:
        print(f"gold: {problem}", file=sys.stderr)
    print(f"{len(gold['groups'])} groups ({len(tune)} tune, {len(held)} holdout), "
          f"{results['all']['must_not_pairs']} must-not-join pairs")
    for name, r in results.items():
        print(f"{name:8s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}  "
              f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    print(f"must-not-join violations: {len(results['all']['violations'])}")
    for a, b, why in results["all"]["violations"]:
        print(f"  {a} ~ {b}: {why}")
    if "-v" in sys.argv or "--verbose" in sys.argv:
        text = {(r["document"], r["clause"]): r["text"][:90] for r in records}
        for title, pairs in (("false positives", results["tune"]["false_positives"]), ("missed", results["tune"]["missed"])):
            print(f"-- tune {title}")
            for a, b in pairs:
                print(f"  {a[0][:12]} {text[a]!r}\n  {b[0][:12]} {text[b]!r}\n")


if __name__ == "__main__":
    main()
