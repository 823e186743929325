"""Ingest benchmark: time and peak memory of reading + segmenting each source, median of several runs.

    python benchmarks/bench_ingest.py [FILES...]
    python benchmarks/bench_ingest.py --synthetic N [N ...]
    python benchmarks/bench_ingest.py --synthetic N --add K [K ...] [--keep DIR]

Without arguments it reads the shipped seeds and, when ../shared/wild/decoy is beside the project, the
Decoy PDFs (the 51-page online safety policy among them).

``--synthetic N`` makes N synthetic policies from the shipped sources (as ``bench_site.py`` does) in a fresh
temporary project and times one whole ``aup ingest`` of them as a command: wall seconds, policies a second,
the CPU seconds of the run and its forked child, and peak memory. CPU seconds are the figure to compare on a
shared machine; wall time is what a user waits on an idle one.

``--add K`` then times adding K more synthetic policies (made after the first N, so never copies of them) to
that N-policy corpus with one more ``aup ingest``, once per K, each time from the same stored N-policy corpus
(restored from a copy): the user-visible cost of adding a policy to a large corpus (incremental families).
``--keep DIR`` keeps the N-policy project in DIR (the sources of the added policies in DIR/more).
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


def _ingest(root: Path, corpus: Path, sources: list[Path]) -> tuple[float, float, float]:
    """One ``aup ingest`` of ``sources`` as a command: (wall seconds, CPU seconds with its child, peak MB)."""
    import os
    import subprocess

    cmd = [sys.executable, "-m", "generator", "ingest", "-q", "--corpus", str(corpus), *map(str, sources)]
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
    return seconds, cpu, usage.ru_maxrss / 1024


def synthetic(n: int, add: list[int] | None = None, keep: Path | None = None) -> None:
    """Time ``aup ingest`` of ``n`` synthetic policies into an empty corpus (a command, in a fresh process),
    then of adding each of ``add`` more to it."""
    import shutil
    import tempfile

    from bench_site import make_project, synthetic_sources

    with tempfile.TemporaryDirectory(prefix="aup-ingest-") as tmp:
        root = keep or Path(tmp)
        corpus, _ = make_project(root)
        made = synthetic_sources(root / "incoming", n + max(add or [0]))
        (root / "more").mkdir(exist_ok=True)
        extra = [path.rename(root / "more" / path.name) for path in made[n:]]
        seconds, cpu, peak = _ingest(root, corpus, [root / "incoming"])
        docs = len(list((corpus / "documents").glob("*.yaml")))
        print(f"N={n}: {seconds:.1f} s wall, {n / seconds:.1f} policies/s; {cpu:.1f} s CPU (run and its forked "
              f"child); peak {peak:.0f} MB; {docs} documents stored")
        if not add:
            return
        saved = Path(tmp) / "saved-corpus"
        shutil.copytree(corpus, saved)
        for k in add:
            seconds, cpu, peak = _ingest(root, corpus, extra[:k])
            docs = len(list((corpus / "documents").glob("*.yaml")))
            print(f"N={n} + {k}: {seconds:.2f} s wall; {cpu:.2f} s CPU (run and its forked child); peak {peak:.0f} MB; "
                  f"{docs} documents stored")
            shutil.rmtree(corpus)
            shutil.copytree(saved, corpus)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--synthetic"]:
        keep = Path(argv[argv.index("--keep") + 1]).resolve() if "--keep" in argv else None
        if keep:
            del argv[argv.index("--keep"):argv.index("--keep") + 2]
        add = [int(k) for k in argv[argv.index("--add") + 1:]] if "--add" in argv else None
        sizes = argv[1:argv.index("--add")] if add is not None else argv[1:]
        for n in sizes or ["1000"]:
            synthetic(int(n), add, keep)
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
