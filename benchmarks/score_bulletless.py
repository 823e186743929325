#!/usr/bin/env python3
"""Force on the public policies as a copy without list markers would give them: every bullet, dash, list number
and letter at the start of a line taken away (a page copied as plain text without its bullet glyphs).

    python benchmarks/score_bulletless.py [--misses]

Scored against the public set of benchmarks/force-gold.yaml, as ``score_force.py --set public`` scores the files as
they are; "gold items not found" counts the labelled clauses the reader no longer finds. Nothing is written.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import yaml
from score_force import PUBLIC, ROOT, _records, match, report  # this folder is on sys.path

from generator.pipeline import ingest

#: A list marker opening a line: a bullet glyph, a dash, "o", a number or a letter with its stop or bracket.
MARKER = re.compile(r"(?m)^[ \t]*(?:[\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7*o-]|\d{1,2}[.)]|[a-z][.)])[ \t]+")


def main() -> None:
    items = [i for i in yaml.safe_load((ROOT / "benchmarks" / "force-gold.yaml").read_text(encoding="utf-8"))["items"]
             if i["set"] == "public"]
    with tempfile.TemporaryDirectory() as tmp:
        sources, corpus = Path(tmp) / "sources", Path(tmp) / "corpus"
        sources.mkdir()
        corpus.mkdir()
        for path in sorted(PUBLIC.glob("*.txt")):
            (sources / path.name).write_text(MARKER.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")
        (corpus / "topics.yaml").write_bytes((ROOT / "corpus" / "topics.yaml").read_bytes())
        ingest([sources], corpus)
        report("public without list markers", match(items, _records(corpus)), "--misses" in sys.argv)


if __name__ == "__main__":
    main()
