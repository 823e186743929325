#!/usr/bin/env python3
"""Score organisation names against benchmarks/names-gold.yaml: found / wrong / missed / invented, per format.

    python benchmarks/score_names.py [--gold benchmarks/names-gold.yaml] [--shared ../shared] [--verbose]

Each file is read and segmented exactly as `aup ingest` does (nothing is written). found: the stated name
was read; wrong: another name was read; missed: none was read; invented: a name was read from a document
that states none; none: correctly none. Every document's display name is printed with --verbose, and the
run fails if one is empty or the document id.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from generator.corpus import sha256_of
from generator.naming import display_name, organisation_key
from generator.readers import read_document
from generator.segment import segment
from generator.text import slugify

REPO = Path(__file__).resolve().parents[1]


def files_of(patterns: list[str], shared: Path) -> list[Path]:
    """The files a gold entry's globs name."""
    out: list[Path] = []
    for pattern in patterns:
        root, rest = (shared, pattern[len("shared/"):]) if pattern.startswith("shared/") else (REPO, pattern)
        out += sorted(root.glob(rest))
    return out


def verdict(expected: str | None, accept: list[str], found: str) -> str:
    """found | wrong | missed | invented | none."""
    if expected is None:
        return "invented" if found else "none"
    if not found:
        return "missed"
    keys = {organisation_key(n) for n in [expected, *accept]}
    return "found" if organisation_key(found) in keys else "wrong"


def main() -> int:
    """Print one line per file and the totals per format; exit 1 on any invented or wrong name."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=REPO / "benchmarks" / "names-gold.yaml")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))["documents"]
    totals: dict[str, Counter[str]] = {}
    bad_names = []
    for key, entry in gold.items():
        expected, accept = entry.get("organisation"), list(entry.get("accept") or [])
        files = files_of(entry["files"], args.shared)
        if not files:
            print(f"{key}: no files match {entry['files']}", file=sys.stderr)
        for path in files:
            doc_id = slugify(path.stem)
            doc = segment(read_document(path), doc_id, sha256_of(path.read_bytes()), path.name)
            found = doc.metadata.school
            v = verdict(expected, accept, found)
            fmt = path.suffix.lstrip(".")
            totals.setdefault(fmt, Counter())[v] += 1
            shown = display_name(doc)
            if not shown or shown == doc_id:
                bad_names.append(f"{path}: display name {shown!r}")
            if args.verbose or v in ("wrong", "invented", "missed"):
                print(f"{v:8} {fmt:4} {key:20} found={found!r} expected={expected!r} shown={shown!r}  {path.name}")
    print()
    print(f"{'format':6} {'docs':>4} {'found':>5} {'wrong':>5} {'missed':>6} {'invented':>8} {'none':>4}  (stated: found/stated)")
    overall: Counter[str] = Counter()
    for fmt, c in sorted(totals.items()):
        overall.update(c)
        stated = c["found"] + c["wrong"] + c["missed"]
        print(f"{fmt:6} {sum(c.values()):4} {c['found']:5} {c['wrong']:5} {c['missed']:6} {c['invented']:8} {c['none']:4}  ({c['found']}/{stated})")
    stated = overall["found"] + overall["wrong"] + overall["missed"]
    print(f"{'all':6} {sum(overall.values()):4} {overall['found']:5} {overall['wrong']:5} {overall['missed']:6} "
          f"{overall['invented']:8} {overall['none']:4}  ({overall['found']}/{stated})")
    for line in bad_names:
        print(line, file=sys.stderr)
    return 1 if overall["wrong"] or overall["invented"] or bad_names else 0


if __name__ == "__main__":
    sys.exit(main())
