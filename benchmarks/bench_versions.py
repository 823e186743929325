"""Benchmark what policy histories cost ``aup build``: N policies with V versions each.

    python benchmarks/bench_versions.py            # N = 100 policies, V = 10 versions
    python benchmarks/bench_versions.py 20 10      # a small run
    python benchmarks/bench_versions.py 20 10 0    # without the stored changes (every change page diffs again)

In a fresh temporary project: N policies (reworded copies of the shipped ones, tests/support/synthetic.py),
each given V-1 earlier versions written straight into ``corpus/versions/<id>/`` (each earlier version drops,
rewords, adds or re-punctuates a few clauses of the one after it; no ingest, so the tagger is not timed).
Then, in-process and on one core:

1. planning each policy's pages without the histories (the ``versions`` folder moved aside) and with them,
   each timed twice: "cold", with no parse cache for the earlier versions (this benchmark writes them
   straight to disk; ``aup ingest`` caches each one's parse as it keeps it), then warm. The warm difference
   over the number of history pages (a "what changed" page per version after the first; each policy's feed
   is planned in both runs) is the cost of one history page, printed beside the cost of one document page
   (warm planning time without histories over the document pages: page, JSON, sheets, ...);
2. the whole ``aup build`` (generate + ``mkdocs build --strict`` + CSP), without and with the histories.

Not a test: the numbers depend on the machine (and on what else it is running).
"""
from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def earlier(doc, rng: random.Random):  # noqa: ANN001, ANN202 - a benchmark helper
    """The version before ``doc``: a few clauses it added are gone, a few it removed are back, some reworded."""
    from support.synthetic import reword

    from generator.text import digest

    clauses = []
    for c in doc.clauses:
        roll = rng.random()
        if roll < 0.03:
            continue  # added in the later version
        if roll < 0.08:
            text = reword(c.text, rng, rate=0.4)
        elif roll < 0.1:
            text = c.text.replace(",", "").rstrip(".") + "."
        else:
            text = c.text
        clauses.append(replace(c, text=text, id=c.id if text == c.text else digest(text)))
        if roll > 0.97:
            clauses.append(replace(c, id=digest(c.text + " (old)"), text=c.text + " This applies at all times."))
    seen: dict[str, int] = {}
    for i, c in enumerate(clauses):  # ids unique in the document, as the segmenter makes them
        n = seen.get(c.id, 0)
        seen[c.id] = n + 1
        if n:
            clauses[i] = replace(c, id=f"{c.id}-{n + 1}")
    return replace(doc, clauses=clauses)


def make_corpus(root: Path, n: int, versions: int, stored: bool = True) -> tuple[Path, Path, int]:
    """A project with n policies of ``versions`` versions each; (corpus, mkdocs.yml, history pages)."""
    from support.synthetic import copy_sources, synthetic_corpus

    from generator.corpus import dump_document, load_corpus
    from generator.project import new_project
    from generator.versions import INDEX, History, Version, history_to_text, versions_dir

    new_project(root, name="Versions bench")
    corpus = root / "corpus"
    shutil.copy(REPO / "corpus" / "topics.yaml", corpus / "topics.yaml")
    shutil.copy(REPO / "corpus" / "model.json", corpus / "model.json")
    docs = synthetic_corpus(load_corpus(REPO / "corpus"), n, corpus)
    shutil.copytree(REPO / "corpus" / "sources", corpus / "sources", dirs_exist_ok=True)
    copy_sources(docs, REPO / "corpus", corpus)
    (corpus / "documents").mkdir(exist_ok=True)
    rng = random.Random(17)
    for doc in docs:
        (corpus / "documents" / f"{doc.id}.yaml").write_text(dump_document(doc), encoding="utf-8")
        chain = [doc]
        for _ in range(versions - 1):
            chain.insert(0, earlier(chain[0], rng))
        folder = versions_dir(corpus, doc.id)
        folder.mkdir(parents=True)
        entries = []
        for number, version in enumerate(chain, 1):
            current = number == len(chain)
            path = f"documents/{doc.id}.yaml" if current else f"versions/{doc.id}/{number}.yaml"
            if not current:
                (corpus / path).write_text(dump_document(version), encoding="utf-8")
            entries.append(Version(number, f"{2016 + number}-09-01", "document", f"{number:064x}", path,
                                   version.source.path))
        (folder / INDEX).write_text(history_to_text(History(doc.id, entries)), encoding="utf-8")
    if stored:  # what `aup ingest` stores for each new version (generator/stored_changes.py), timed
        from generator.stored_changes import store_changes

        start = time.perf_counter()
        written = store_changes(corpus, docs)
        print(f"stored the changes of {written} versions in {time.perf_counter() - start:.2f} s (ingest-time cost)")
    return corpus, root / "mkdocs.yml", n * (versions - 1) + n


def timed(fn):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main(n: int, versions: int, stored: int = 1) -> None:
    from generator.corpus import load_corpus
    from generator.site.build import build_site
    from generator.site.data import load_site_data
    from generator.site.pages import plan_document_pages

    with tempfile.TemporaryDirectory() as tmp:
        corpus, config, history_pages = make_corpus(Path(tmp), n, versions, bool(stored))
        docs = load_corpus(corpus, validate=False)
        aside = Path(tmp) / "versions-aside"
        rows = []
        for label in ("without", "with"):
            if label == "without":
                (corpus / "versions").rename(aside)
            data = load_site_data(corpus, docs)
            pages, cold_s = timed(lambda data=data: plan_document_pages(data, corpus, docs))
            data = load_site_data(corpus, docs)  # again, with the parse cache warm (as after ingest or a build)
            pages, plan_s = timed(lambda data=data: plan_document_pages(data, corpus, docs))
            result, build_s = timed(lambda: build_site(corpus, config))
            rows.append((label, len(pages), plan_s, build_s, cold_s))
            if label == "without":
                aside.rename(corpus / "versions")
        (_, pages0, plan0, build0, _), (_, pages1, plan1, build1, _) = rows
        per_doc_page = plan0 / pages0
        per_history_page = (plan1 - plan0) / max(1, pages1 - pages0)
        print(f"policies={n} versions={versions}: {pages1 - pages0} change pages (expected {history_pages - n}); "
              "each policy's feed is planned in both runs")
        print(f"{'':8} {'pages':>6} {'plan s':>7} {'cold plan s':>11} {'build s':>8}")
        for label, pages, plan_s, build_s, cold_s in rows:
            print(f"{label:8} {pages:6d} {plan_s:7.2f} {cold_s:11.2f} {build_s:8.2f}")
        print(f"per document page {per_doc_page * 1000:.2f} ms; per history page {per_history_page * 1000:.2f} ms "
              f"(ratio {per_history_page / per_doc_page:.2f}); build +{build1 - build0:.1f} s")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args + [100, 10, 1][len(args):]))
