#!/usr/bin/env python3
"""Where the published formats of a labelled policy give its clauses a different context from its txt.

    python benchmarks/compare_formats.py [--diffs] [--kinds=heading,lead-in,level,force] [--only=GROUP] [FOLDER ...]

Every file of ../shared/eval/public/{docx,pdf,html,raw} and the Decoy PDFs (../shared/wild/decoy) is read and
segmented as ``aup ingest`` does, matched by content to the txt documents it holds, and every gold clause (topic
gold ../shared/eval/{public,wild}-gold.yaml and force gold benchmarks/force-gold.yaml) is found in it and in the
txt. Per format group (``docx/pandoc``, ``pdf/libreoffice``, ...) it counts the clauses whose heading path,
lead-in (the parent clause the tagger reads), list level or force differs from the txt reading, and scores force
against the force gold. ``--diffs`` prints each difference. Nothing is written.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from loo_tagging import read_published  # the one reading of a published file (this folder is on sys.path)

from generator.tagging.tagger import rule_pass
from generator.tagging.taxonomy import load_taxonomy_file, taxonomy_path
from generator.tagging.train import match_clause, norm, read_policy

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DECOY = ROOT.parent / "shared" / "wild" / "decoy"
TXT = [EVAL / "public" / "txt", DECOY]
FOLDERS = [EVAL / "public" / f for f in ("docx", "pdf", "html", "raw")] + [DECOY]
KINDS = ("heading", "lead-in", "level", "force")


def gold_items() -> list[dict]:
    """Every gold clause: {doc (file stem), text, force or None}; topic and force gold merged by text."""
    items: dict[tuple[str, str], dict] = {}
    for name in ("public", "wild"):
        data = yaml.safe_load((EVAL / f"{name}-gold.yaml").read_text(encoding="utf-8"))
        for i in data["items"] if isinstance(data, dict) else data:
            items.setdefault((Path(i["doc"]).stem, norm(i["text"])), {"doc": Path(i["doc"]).stem, "text": i["text"], "force": None})
    force = yaml.safe_load((ROOT / "benchmarks" / "force-gold.yaml").read_text(encoding="utf-8"))["items"]
    for i in force:
        if i["set"] not in ("public", "wild"):
            continue
        key = (i["doc"], norm(i["text"]))
        known = next((v for k, v in items.items() if k[0] == i["doc"] and (k[1].startswith(key[1]) or key[1].startswith(k[1]))), None)
        if known is not None:
            known["force"] = i["force"]
        else:
            items[key] = {"doc": i["doc"], "text": i["text"], "force": i["force"]}
    return list(items.values())


def context(rp) -> dict:
    """What the tagger reads around one clause, as compared across formats."""
    return {"heading": " > ".join(norm(h) for h in rp.inputs.headings), "lead-in": norm(rp.inputs.lead_in)[:70],
            "level": rp.clause.level, "force": rp.clause.force, "text": rp.clause.text}


def group_of(path: Path) -> str:
    """The format group of a published file: folder, plus the maker for docx/pdf (``docx/pandoc``)."""
    maker = path.stem.rsplit("-", 1)[-1]
    folder = "decoy-pdf" if path.parent == DECOY else path.parent.name
    return f"{folder}/{maker}" if maker in ("pandoc", "libreoffice") else folder


def main() -> None:
    """Read every format, compare each gold clause's context with the txt's, print counts and force accuracy."""
    argv = sys.argv[1:]
    kinds = next((a[8:].split(",") for a in argv if a.startswith("--kinds=")), KINDS)
    only = next((a[7:] for a in argv if a.startswith("--only=")), "")
    folders = [Path(a) for a in argv if not a.startswith("--")] or FOLDERS
    taxonomy = load_taxonomy_file(taxonomy_path(ROOT / "corpus"))
    items = gold_items()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for i in items:
        by_doc[i["doc"]].append(i)
    txt: dict[str, list] = {}
    for folder in TXT:
        for path in sorted(folder.glob("*.txt")):
            if path.stem in by_doc:
                txt[path.stem] = rule_pass(read_policy(path), taxonomy)
    counts: dict[str, Counter] = defaultdict(Counter)
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".txt"):
            group = group_of(path)
            if only and only != group:
                continue
            read = read_published(path, taxonomy)
            if read is None:
                continue
            passes, blob = read
            for doc, mine in sorted(by_doc.items()):
                if doc not in txt or sum(norm(i["text"]) in blob for i in mine) < len(mine) / 2:
                    continue
                c = counts[group]
                c["docs"] += 1
                for item in mine:
                    a, b = match_clause(txt[doc], item["text"]), match_clause(passes, item["text"])
                    if a is None or b is None:
                        c["unmatched"] += b is None
                        continue
                    c["clauses"] += 1
                    ta, tb = context(a), context(b)
                    if item["force"]:
                        c["force-gold"] += 1
                        c["force-right txt"] += ta["force"] == item["force"]
                        c["force-right"] += tb["force"] == item["force"]
                    for k in kinds:
                        if ta[k] != tb[k]:
                            c[k] += 1
                            if "--diffs" in argv:
                                gold = f" (gold {item['force']})" if k == "force" and item["force"] else ""
                                print(f"{group:16} {path.stem[:22]:22} {k:8}{gold} {item['text'][:50]!r}\n"
                                      f"{'':17}txt: {ta[k]!r}\n{'':17}fmt: {tb[k]!r}")
    print(f"{'group':16} docs clauses unmatched " + " ".join(f"{k:>8}" for k in kinds) + "  force acc (txt same docs)")
    for group, c in sorted(counts.items()):
        acc = f"{c['force-right'] / c['force-gold']:.3f} ({c['force-right txt'] / c['force-gold']:.3f}) of {c['force-gold']}" if c["force-gold"] else "-"
        print(f"{group:16} {c['docs']:4} {c['clauses']:7} {c['unmatched']:9} " + " ".join(f"{c[k]:8}" for k in kinds) + f"  {acc}")


if __name__ == "__main__":
    main()
