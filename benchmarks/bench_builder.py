"""Benchmark: the builder's Word download of a 150-clause policy, made in headless Chromium with the npm docx package.

    python benchmarks/bench_builder.py [CLAUSES] [RUNS]

Builds the site from the shipped corpus in a temporary folder, writes a workspace of CLAUSES clauses (default
150) where the builder keeps it, then downloads the Word file RUNS times (default 5): the time from the click
to the saved file, and the time the page spent making it (``data-ms`` on the button).
"""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import chromium, serve  # noqa: E402

from generator.project import new_project  # noqa: E402
from generator.site.build import build_site  # noqa: E402

STATE = """async (count) => {
  const data = await (await fetch('clauses.json')).json();
  const keys = Object.keys(data.clauses).filter(k => data.clauses[k].topic && !data.clauses[k].intro).sort().slice(0, count);
  const state = window.AupStore.empty();
  keys.forEach(k => window.AupStore.add(state, k, data.clauses[k].topic));
  state.fields = {"school.name": "Benchmark Primary School", "version": "1.0", "adopted": "2025-09-01",
                  "review_due": "2026-09-01", "people.network_manager": "N Manager"};
  window.AupStore.save(state);
  return keys.length;
}"""


def main(clauses: int = 150, runs: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        new_project(root)
        shutil.rmtree(root / "corpus")
        shutil.copytree(ROOT / "corpus", root / "corpus", ignore=shutil.ignore_patterns(".cache"))
        build_site(root / "corpus", root / "mkdocs.yml")
        with serve(root / "site") as url, chromium() as browser:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(url + "builder/")
            page.wait_for_selector('#aup-builder[data-ready="yes"]')
            got = page.evaluate(STATE, clauses)
            page.reload()
            page.wait_for_selector('#aup-builder[data-ready="yes"]')
            totals, made = [], []
            for _ in range(runs):
                started = time.perf_counter()
                with page.expect_download() as info:
                    page.click("#aup-download-word")
                info.value.save_as(Path(tmp) / "policy.docx")
                totals.append(time.perf_counter() - started)
                made.append(int(page.get_attribute("#aup-download-word", "data-ms")))
            size = (Path(tmp) / "policy.docx").stat().st_size
    print(f"{got} clauses, {runs} runs: click to saved file median {statistics.median(totals):.2f} s "
          f"(max {max(totals):.2f} s); made in the page median {statistics.median(made)} ms (max {max(made)} ms); "
          f"{size // 1024} KB")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
