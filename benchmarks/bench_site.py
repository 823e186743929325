"""Benchmark ingest and ``aup build`` on synthetic corpora of N policies (varied copies of the shipped ones).

    python benchmarks/bench_site.py              # N = 100 500 1000
    python benchmarks/bench_site.py 50 200

For each N, in a fresh temporary project and a fresh process (so peak memory is per N):

1. N source files (.txt) are made from the shipped sources: policy ``i`` is shipped source ``i mod 5`` with
   its lines reworded (words swapped, dropped or doubled, as tests/support/synthetic.py's ``reword`` does),
   about one clause line in twenty left out and one in thirty borrowed from another shipped policy. The
   first five are the shipped sources as they are.
2. ``aup ingest`` reads them into the corpus (reading, segmenting, tagging, then the clause families over
   the whole corpus), timed as a command.
3. ``aup build`` (generate the Markdown, ``mkdocs build --strict``, the Content-Security-Policy pass), timed
   as a command, with its peak memory (max RSS).
4. A bare ``mkdocs build --strict`` of the same generated Markdown into another folder, timed as a
   command; the ratio is 3 / 4.
5. In-process, the phases of the build: loading the corpus (through the parse cache ingest left warm),
   planning and writing the pages (into a fresh docs folder; on two cores, as ``aup build`` does), and
   ``mkdocs build`` with the CSP pass.

It prints one row per N: those times, the ratio, seconds per policy of the whole build, the peak memory
of ``aup build`` and of ``aup ingest``, the number of HTML pages, the largest page and the search index
size. Not a test: the numbers depend on the machine (and on what else it is running).
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (100, 500, 1000)
HEADER = (f"{'N':>5} {'ingest s':>8} {'load s':>7} {'gen+write s':>11} {'mkdocs s':>8} {'build s':>8} "
          f"{'bare s':>7} {'ratio':>6} {'s/doc':>6} {'build MB':>8} {'ingest MB':>9} {'pages':>6} "
          f"{'largest KB':>10} {'search KB':>9}  largest page")


def synthetic_sources(folder: Path, n: int, seed: int = 1) -> list[Path]:
    """``n`` policy sources in ``folder``: reworded, recombined copies of the shipped ones."""
    sys.path.insert(0, str(REPO / "tests"))
    from support.synthetic import reword

    rng = random.Random(seed)
    shipped = sorted((REPO / "corpus" / "sources").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8").splitlines() for p in shipped]
    clause_lines = [[line for line in lines if len(line.split()) >= 6] for lines in texts]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        k = i % len(shipped)
        path = folder / f"{shipped[k].stem}-{i:04d}.txt"
        if i < len(shipped):
            lines = texts[k]
        else:
            lines = []
            for number, line in enumerate(texts[k]):
                if number < 12 or len(line.split()) < 6:  # the title block and headings stay
                    lines.append(line)
                    continue
                roll = rng.random()
                if roll < 0.05:
                    continue  # this school leaves the clause out
                lines.append(reword(line, rng))
                if roll > 1 - 1 / 30:  # and says something another school says
                    other = clause_lines[(k + 1 + rng.randrange(len(shipped) - 1)) % len(shipped)]
                    lines += ["", reword(rng.choice(other), rng)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(path)
    return out


def make_project(root: Path) -> tuple[Path, Path]:
    """An empty project in ``root`` (what `aup new` writes, plus the shipped taxonomy and overrides)."""
    from generator.project import new_project

    new_project(root, name="Bench Atlas")
    corpus = root / "corpus"
    for name in ("topics.yaml", "overrides.yaml"):
        if (REPO / "corpus" / name).is_file():
            shutil.copy(REPO / "corpus" / name, corpus / name)
    config = root / "mkdocs.yml"
    return corpus, config


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; return (seconds, its peak RSS in MB). Raises if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def run_one(n: int) -> dict[str, object]:
    """Measure one N in a temporary project; return the figures."""
    from generator.corpus import load_corpus
    from generator.site.build import _plan_and_write, run_mkdocs
    from generator.site.data import load_site_data
    from generator.site.paths import GENERATED_DIRS, HOME_PAGE

    bin_dir = Path(sys.executable).parent
    aup = [str(bin_dir / "aup")] if (bin_dir / "aup").exists() else [sys.executable, "-m", "generator"]
    mkdocs = [str(bin_dir / "mkdocs")] if (bin_dir / "mkdocs").exists() else [sys.executable, "-m", "mkdocs"]
    with tempfile.TemporaryDirectory(prefix="aup-bench-") as tmp:
        root = Path(tmp)
        corpus, config = make_project(root)
        synthetic_sources(root / "incoming", n)
        ingest_s, ingest_mb = timed([*aup, "ingest", "-q", "--corpus", str(corpus), str(root / "incoming")], root)
        build_s, build_mb = timed([*aup, "build", "--corpus", str(corpus), "--config", str(config)], root)
        bare_s, _ = timed([*mkdocs, "build", "--strict", "--quiet", "-f", str(config), "-d", str(root / "site-bare")], root)

        # the phases, in this process, into a fresh docs folder (the pages already written stay as they are)
        shutil.copytree(root / "docs", root / "docs-phases")
        for folder in GENERATED_DIRS:
            shutil.rmtree(root / "docs-phases" / folder, ignore_errors=True)
        (root / "docs-phases" / HOME_PAGE).unlink()
        phases = root / "mkdocs-phases.yml"
        phases.write_text(config.read_text(encoding="utf-8") + "\ndocs_dir: docs-phases\nsite_dir: site-phases\n",
                          encoding="utf-8")
        t0 = time.perf_counter()
        documents = load_corpus(corpus, validate=False, cache=True)
        t1 = time.perf_counter()
        _plan_and_write(root / "docs-phases", corpus, load_site_data(corpus, documents))
        t3 = time.perf_counter()
        del documents
        run_mkdocs(phases)
        t4 = time.perf_counter()

        built = root / "site"
        html = list(built.rglob("*.html"))
        largest = max(html, key=lambda p: p.stat().st_size)
        return {"n": n, "ingest": ingest_s, "load": t1 - t0, "generate": t3 - t1,
                "mkdocs": t4 - t3, "build": build_s, "bare": bare_s, "ratio": build_s / bare_s,
                "build_mb": build_mb, "ingest_mb": ingest_mb, "pages": len(html),
                "largest_kb": largest.stat().st_size / 1024, "largest": str(largest.relative_to(built)),
                "search_kb": (built / "search" / "search_index.json").stat().st_size / 1024}


def row(r: dict) -> str:
    """One table row."""
    return (f"{r['n']:>5} {r['ingest']:>8.1f} {r['load']:>7.2f} {r['generate']:>11.2f} "
            f"{r['mkdocs']:>8.1f} {r['build']:>8.1f} {r['bare']:>7.1f} {r['ratio']:>6.2f} "
            f"{r['build'] / r['n']:>6.3f} {r['build_mb']:>8.0f} {r['ingest_mb']:>9.0f} {r['pages']:>6} "
            f"{r['largest_kb']:>10.0f} {r['search_kb']:>9.0f}  {r['largest']}")


def main(argv: list[str]) -> None:
    """Run each size in a child process and print one table row per size."""
    if argv[:1] == ["--one"]:
        print(json.dumps(run_one(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or list(DEFAULT_SIZES)
    print(HEADER, flush=True)
    env = dict(os.environ, AUP_BUILD_DATE=os.environ.get("AUP_BUILD_DATE", "2025-01-15"))
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True, text=True,
                             env=env, cwd=REPO)
        print(row(json.loads(out.stdout.strip().splitlines()[-1])), flush=True)
    shutil.rmtree(REPO / "benchmarks" / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
