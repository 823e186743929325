"""Benchmark ingest and ``aup build`` on synthetic corpora of N policies (varied copies of the shipped ones).

    python benchmarks/bench_site.py              # N = 100 500 1000
    python benchmarks/bench_site.py 1000 5000
    python benchmarks/bench_site.py --project DIR 1000   # reuse DIR (made and ingested by an earlier run with --keep)
    python benchmarks/bench_site.py --keep DIR 1000      # keep the project in DIR afterwards

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
   command; the ratio is 3 / 4 (the bar: 1.10). Both commands' CPU seconds (user + system, with their child
   processes) are printed too: on a machine other work is loading, they say more than the wall times.
5. In-process, the phases of the build: loading the corpus (through the parse cache ingest left warm),
   planning and writing the pages (into a fresh docs folder; on two cores, as ``aup build`` does),
   ``mkdocs build`` with the CSP pass (on two cores, as ``aup build`` does), and Pagefind's index.
6. One search in headless Chromium (Debian's /usr/bin/chromium): the site served on 127.0.0.1, the home
   page opened, the query "password" typed into the search box; every byte fetched from the focus of the
   box to the results shown is counted (Pagefind's script, worker and WebAssembly, the index chunks, the
   filters and the fragments of the results shown), as served without compression and as gzip would
   serve it (Pagefind's own index files are gzipped already).

It prints one row per N: those times, the ratio, seconds per policy of the whole build, the peak memory
of ``aup build`` (max RSS of its largest process, which is Pagefind's), of the build's Python phases
(this process's max RSS after step 5) and of Pagefind alone (the largest of its runs), the number of
Pagefind indexes the search merges (a big site is indexed in parts, ``generator/site/search.py``), the peak of ``aup ingest``, the number of HTML pages, the
site's and the search index's size, and the bytes one search fetches. Not a test: the numbers depend on
the machine (and on what else it is running).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (100, 500, 1000)
HEADER = (f"{'N':>5} {'ingest s':>8} {'load s':>7} {'gen+write s':>11} {'mkdocs s':>8} {'pagefind s':>10} {'build s':>8} "
          f"{'bare s':>7} {'ratio':>6} {'build cpu':>9} {'bare cpu':>8} {'s/doc':>6} {'build MB':>8} {'py MB':>6} {'pf MB':>6} {'parts':>5} {'ingest MB':>9} {'pages':>6} {'site MB':>7} "
          f"{'index MB':>8} {'search KB':>9} {'gzip KB':>7}")


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


CPU: dict[str, float] = {}  # CPU seconds (user + system, with its child processes) of each timed command, by its verb


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; return (seconds, its peak RSS in MB), and note its CPU seconds in CPU. Raises if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    CPU[cmd[-1] if "ingest" in cmd else "build" if "--corpus" in cmd else "bare"] = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def search_bytes(site: Path, query: str = "password") -> tuple[int, int, int]:
    """(bytes, bytes as gzip would serve them, requests) one search in the site's search box fetches, in Chromium."""
    import gzip

    sys.path.insert(0, str(REPO / "tests"))
    from browser_support import chromium, serve

    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        fetched: list = []
        page.on("response", lambda r: fetched.append(r))
        page.locator("input.aup-search-input").click()
        page.keyboard.type(query, delay=20)
        page.locator(".aup-search .md-search-result__item").first.wait_for(timeout=60000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        bodies = [(r.url, r.body()) for r in fetched if r.ok]
        raw = sum(len(b) for _, b in bodies)
        packed = sum(len(b) if ".pf_" in u or u.endswith(".pagefind") else len(gzip.compress(b, 6)) for u, b in bodies)
        return raw, packed, len(bodies)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_one(n: int, project: Path | None = None, keep: Path | None = None) -> dict[str, object]:
    """Measure one N in a temporary project (or ``project``, already ingested); return the figures."""
    from generator.corpus import load_corpus
    from generator.site.build import _plan_and_write, run_mkdocs
    from generator.site.data import load_site_data
    from generator.site.paths import GENERATED_DIRS, HOME_PAGE
    from generator.site.search import index_site

    bin_dir = Path(sys.executable).parent
    aup = [str(bin_dir / "aup")] if (bin_dir / "aup").exists() else [sys.executable, "-m", "generator"]
    mkdocs = [str(bin_dir / "mkdocs")] if (bin_dir / "mkdocs").exists() else [sys.executable, "-m", "mkdocs"]
    with tempfile.TemporaryDirectory(prefix="aup-bench-") as tmp:
        root = project or keep or Path(tmp)
        corpus, config = root / "corpus", root / "mkdocs.yml"
        ingest_s = ingest_mb = float("nan")
        if project is None:
            root.mkdir(parents=True, exist_ok=True)
            corpus, config = make_project(root)
            synthetic_sources(root / "incoming", n)
            ingest_s, ingest_mb = timed([*aup, "ingest", "-q", "--corpus", str(corpus), str(root / "incoming")], root)
        for old in ("site", "site-bare", "docs-phases", "site-phases", *(f"docs/{d}" for d in GENERATED_DIRS)):
            shutil.rmtree(root / old, ignore_errors=True)  # a reused project is built from scratch too
        (root / "docs" / HOME_PAGE).unlink(missing_ok=True)
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
        site_phases, _ = run_mkdocs(phases, search=False)
        t4 = time.perf_counter()
        index = index_site(site_phases)
        t5 = time.perf_counter()
        import resource

        python_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # this process: load, generate, mkdocs

        built = root / "site"
        html = list(built.rglob("*.html"))
        raw, packed, _ = search_bytes(built)
        return {"n": n, "ingest": ingest_s, "load": t1 - t0, "generate": t3 - t1,
                "mkdocs": t4 - t3, "pagefind": t5 - t4, "build": build_s, "bare": bare_s, "ratio": build_s / bare_s,
                "build_cpu": CPU["build"], "bare_cpu": CPU["bare"],
                "build_mb": build_mb, "python_mb": python_mb, "pagefind_mb": index.peak_mb, "parts": index.parts, "ingest_mb": ingest_mb, "pages": len(html),
                "site_mb": _size(built) / 1e6, "index_mb": _size(built / "pagefind") / 1e6,
                "search_kb": raw / 1024, "search_gzip_kb": packed / 1024}


def row(r: dict) -> str:
    """One table row."""
    return (f"{r['n']:>5} {r['ingest']:>8.1f} {r['load']:>7.2f} {r['generate']:>11.2f} "
            f"{r['mkdocs']:>8.1f} {r['pagefind']:>10.1f} {r['build']:>8.1f} {r['bare']:>7.1f} {r['ratio']:>6.2f} {r['build_cpu']:>9.1f} {r['bare_cpu']:>8.1f} "
            f"{r['build'] / r['n']:>6.3f} {r['build_mb']:>8.0f} {r['python_mb']:>6.0f} {r['pagefind_mb']:>6.0f} {r.get('parts', 1):>5} {r['ingest_mb']:>9.0f} {r['pages']:>6} {r['site_mb']:>7.0f} "
            f"{r['index_mb']:>8.1f} {r['search_kb']:>9.0f} {r['search_gzip_kb']:>7.0f}")


def main(argv: list[str]) -> None:
    """Run each size in a child process and print one table row per size."""
    if argv[:1] == ["--one"]:
        project = Path(argv[2]) if argv[2] != "-" else None
        keep = Path(argv[3]) if argv[3] != "-" else None
        print(json.dumps(run_one(int(argv[1]), project, keep)))
        return
    options = {"--project": "-", "--keep": "-"}
    while argv[:1] and argv[0] in options and len(argv) > 1:
        options[argv[0]], argv = argv[1], argv[2:]
    if not all(a.isdigit() for a in argv):
        print("\n\n".join(__doc__.strip().split("\n\n")[:2]), file=sys.stderr)
        sys.exit(0 if argv[:1] in (["--help"], ["-h"]) else 2)
    sizes = [int(a) for a in argv] or list(DEFAULT_SIZES)
    print(HEADER, flush=True)
    env = dict(os.environ, AUP_BUILD_DATE=os.environ.get("AUP_BUILD_DATE", "2025-01-15"))
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), options["--project"], options["--keep"]],
                             check=True, capture_output=True, text=True, env=env, cwd=REPO)
        print(row(json.loads(out.stdout.strip().splitlines()[-1])), flush=True)
    shutil.rmtree(REPO / "benchmarks" / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
