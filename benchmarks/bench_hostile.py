"""Hostile-input benchmark: `aup ingest` over every hostile file, a 1 GiB zip bomb and a 7 MB line.

    python benchmarks/bench_hostile.py

Prints the whole command's wall time and peak resident memory (the child's ru_maxrss), and the lines it
printed for each refused file. The issue's bound: under 1 GB of memory and under a minute.
"""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_files import big_files, write_small  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "hostile"
        start = time.perf_counter()
        write_small(folder)
        big = big_files(folder)
        print(f"made {len(list(folder.iterdir()))} files in {time.perf_counter() - start:.1f} s "
              f"(zip bomb {big[0].stat().st_size / 2**20:.1f} MiB compressed, 1 GiB inside)")
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "generator", "ingest", "-q", "--corpus", str(Path(tmp) / "corpus"),
                               str(folder)], capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(proc.stderr.strip())
        print(f"exit {proc.returncode}; wall {seconds:.2f} s; peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
