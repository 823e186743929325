"""Benchmark ``aup build`` on synthetic corpora of N documents (reworded copies of the shipped policies).

    python benchmarks/bench_site.py              # N = 50 100 200 400
    python benchmarks/bench_site.py 100 500 1000

For each N (each in a fresh process, so peak memory is per N) it prints: the time to load the corpus and
gather topics and families, to generate the Markdown, to run mkdocs, the whole ``aup build``; a bare
``mkdocs build`` of the same generated Markdown and the ratio of the two; peak memory; the largest page
and the search index size. Not a test: the numbers depend on the machine.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (50, 100, 200, 400)


def run_one(n: int) -> dict[str, float]:
    """Build a site of ``n`` synthetic documents in a temporary folder; return the measurements."""
    sys.path.insert(0, str(REPO / "tests"))
    from test_site_support import make_project

    from generator.corpus import load_corpus
    from generator.site.build import run_mkdocs, write_pages
    from generator.site.data import load_site_data
    from generator.site.pages import plan_pages

    with tempfile.TemporaryDirectory(prefix="aup-bench-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        corpus, config = make_project(root, n)
        t1 = time.perf_counter()
        data = load_site_data(corpus, load_corpus(corpus))
        t2 = time.perf_counter()
        write_pages(root / "docs", plan_pages(data, corpus))
        t3 = time.perf_counter()
        site = run_mkdocs(config)
        t4 = time.perf_counter()
        run_mkdocs(config)  # a bare mkdocs build of the same generated Markdown
        t5 = time.perf_counter()
        pages = [p for p in site.rglob("*.html")]
        largest = max(pages, key=lambda p: p.stat().st_size)
        return {
            "n": n, "corpus": t1 - t0, "load": t2 - t1, "generate": t3 - t2, "mkdocs": t4 - t3, "build": t4 - t1,
            "bare": t5 - t4, "ratio": (t4 - t1) / (t5 - t4),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "pages": len(pages), "largest_kb": largest.stat().st_size / 1024,
            "largest": str(largest.relative_to(site)),
            "search_kb": (site / "search" / "search_index.json").stat().st_size / 1024,
        }


def main(argv: list[str]) -> None:
    """Run each size in a child process and print one table row per size."""
    if argv[:1] == ["--one"]:
        print(json.dumps(run_one(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or list(DEFAULT_SIZES)
    print(f"{'N':>5} {'load s':>7} {'gen s':>7} {'mkdocs s':>8} {'build s':>8} {'bare s':>7} {'ratio':>6} "
          f"{'s/doc':>6} {'peak MB':>8} {'pages':>6} {'largest KB':>10} {'search KB':>9}  largest page")
    env = dict(os.environ, AUP_BUILD_DATE=os.environ.get("AUP_BUILD_DATE", "2025-01-15"))
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True, text=True,
                             env=env, cwd=REPO)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['n']:>5} {r['load']:>7.2f} {r['generate']:>7.2f} {r['mkdocs']:>8.2f} {r['build']:>8.2f} "
              f"{r['bare']:>7.2f} {r['ratio']:>6.2f} {r['build'] / r['n']:>6.3f} {r['peak_mb']:>8.0f} {r['pages']:>6} "
              f"{r['largest_kb']:>10.0f} {r['search_kb']:>9.0f}  {r['largest']}", flush=True)
    shutil.rmtree(REPO / "benchmarks" / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
