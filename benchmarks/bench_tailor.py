"""Benchmark: a recipe of 150 clauses from the shipped corpus, rendered as md, html, docx and pdf.

    python benchmarks/bench_tailor.py
"""
from __future__ import annotations

import time
from pathlib import Path

from generator.corpus import load_corpus
from generator.tagging.taxonomy import load_taxonomy
from generator.tailor import parse_recipe, render_policy, tailor_policy
from generator.tailor.names import detect_names

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HEAD = """recipe: 1
school: {name: "Benchmark Primary School", address: "1 Test Road"}
people: {headteacher: "A Head", network_manager: "N Manager", chair_of_governors: "C Chair"}
version: "1"
adopted: 2025-09-01
review_due: 2026-09-01
"""


def recipe_text(n: int = 150) -> str:
    """A recipe choosing the first ``n`` clauses that carry a topic, each under its first topic, names kept."""
    docs = load_corpus(CORPUS)
    by_topic: dict[str, list[str]] = {}
    names: set[str] = set()
    for doc in docs:
        for clause in doc.clauses:
            if clause.topics and clause.kind == "clause" and sum(map(len, by_topic.values())) < n:
                by_topic.setdefault(clause.topics[0], []).append(f"{doc.id}#{clause.id}")
                names.update(x.text for x in detect_names(clause.text, doc.metadata.school))
    body = "topics:\n" + "".join(f"  {t}:\n" + "".join(f'    - "{r}"\n' for r in refs) for t, refs in by_topic.items())
    body += "names:\n" + "".join(f'  "{x}": "{x}"\n' for x in sorted(names)) if names else ""
    return HEAD + body


def main() -> None:
    """Time resolving and rendering each format."""
    docs, topics = load_corpus(CORPUS), load_taxonomy(CORPUS)
    start = time.perf_counter()
    policy, _ = tailor_policy(parse_recipe(recipe_text(), Path("bench.yaml")), docs, topics)
    print(f"resolve: {len(policy.clauses)} clauses in {len(policy.sections)} sections, {time.perf_counter() - start:.2f} s")
    total = 0.0
    for fmt in ("md", "html", "docx", "pdf"):
        start = time.perf_counter()
        size = len(render_policy(policy, [fmt])[fmt])
        took = time.perf_counter() - start
        total += took
        print(f"{fmt:5} {took:6.2f} s  {size / 1024:7.0f} KiB")
    print(f"all four formats: {total:.2f} s")


if __name__ == "__main__":
    main()
