"""Ingest benchmark: time and peak memory of reading + segmenting each source, median of several runs.

    python benchmarks/bench_ingest.py [FILES...]
    python benchmarks/bench_ingest.py --synthetic N [N ...]

Without arguments it reads the shipped seeds and, when ../shared/wild/decoy is beside the project, the
Decoy PDFs (the 51-page online safety policy among them).

``--synthetic N`` makes N synthetic policies from the shipped sources (as ``bench_site.py`` does) in a fresh
temporary project and times one whole ``aup ingest`` of them as a command: wall seconds, policies a second,
the CPU seconds of the run and its forked child, and peak memory. CPU seconds are the figure to compare on a
shared machine; wall time is what a user waits on an idle one.
"""
from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

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


def synthetic(n: int) -> None:
    """Time ``aup ingest`` of ``n`` synthetic policies into an empty corpus (a command, in a fresh process)."""
    import os
    import subprocess
    import tempfile

    from bench_site import make_project, synthetic_sources

    with tempfile.TemporaryDirectory(prefix="aup-ingest-") as tmp:
        root = Path(tmp)
        corpus, _ = make_project(root)
        synthetic_sources(root / "incoming", n)
        cmd = [sys.executable, "-m", "generator", "ingest", "-q", "--corpus", str(corpus), str(root / "incoming")]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        before = os.times()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, env=env, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        after = os.times()
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"aup ingest failed:\n{err[-3000:]}")
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        docs = len(list((corpus / "documents").glob("*.yaml")))
        print(f"N={n}: {seconds:.1f} s wall, {n / seconds:.1f} policies/s; {cpu:.1f} s CPU (run and its forked "
              f"child); peak {usage.ru_maxrss / 1024:.0f} MB; {docs} documents stored")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--synthetic"]:
        for n in argv[1:] or ["1000"]:
            synthetic(int(n))
        return
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
