"""Ingest benchmark: time and peak memory of reading + segmenting each source, median of several runs.

    python benchmarks/bench_ingest.py [FILES...]

Without arguments it reads the shipped seeds and, when ../shared/wild/decoy is beside the project, the
Decoy PDFs (the 51-page online safety policy among them).
"""
from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.corpus import account  # noqa: E402
from generator.readers import read_document  # noqa: E402
from generator.segment import segment  # noqa: E402


def measure(path: Path, runs: int = 5) -> tuple[float, float, int, int]:
    """Median seconds, peak MiB, clauses and dropped units for one file."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        source = read_document(path)
        doc = segment(source, "bench", "0" * 64, "sources/x")
        times.append(time.perf_counter() - start)
    assert account(doc, source.units) == []
    tracemalloc.start()
    segment(read_document(path), "bench", "0" * 64, "sources/x")
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak, len(doc.clauses), len(doc.dropped)


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv] or sorted((ROOT / "corpus" / "sources").glob("*.*"))
    decoy = ROOT.parent / "shared" / "wild" / "decoy"
    if not argv and decoy.is_dir():
        files += sorted(decoy.glob("*.pdf"))
    print(f"{'file':60} {'median s':>9} {'peak MiB':>9} {'clauses':>8} {'dropped':>8}")
    for path in files:
        seconds, peak, clauses, dropped = measure(path)
        print(f"{path.name[:60]:60} {seconds:9.3f} {peak:9.1f} {clauses:8d} {dropped:8d}")


if __name__ == "__main__":
    main(sys.argv[1:])
