"""How long declaration sheets take: 300 and 500 people, every layout and format (prints figures; not a test).

Run: python benchmarks/bench_declarations.py [--corpus corpus] [--document st-josephs-catholic-primary]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.declarations import DESIGNATIONS, load_source, parse_roster, render_declarations  # noqa: E402


def roster_csv(count: int) -> bytes:
    """A roster of COUNT people as CSV bytes (with a BOM, as Excel writes it)."""
    rows = ["name,designation,email,role"]
    rows += [f"Person {i:03d} Example,{DESIGNATIONS[i % 4]},p{i}@example.org,Role {i % 7}" for i in range(1, count + 1)]
    return ("\ufeff" + "\n".join(rows) + "\n").encode("utf-8")


def main() -> None:
    """Time reading a roster and rendering each layout in each format."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--document", default="st-josephs-catholic-primary")
    args = parser.parse_args()
    source = load_source(args.corpus, args.document)
    print(f"document: {args.document}")
    for count in (300, 500):
        data = roster_csv(count)
        start = time.perf_counter()
        people = parse_roster(data, "people.csv")
        print(f"{count} people: read roster {1000 * (time.perf_counter() - start):.0f} ms")
        for layout in ("sheet", "roster"):
            for fmt in ("html", "pdf", "docx"):
                start = time.perf_counter()
                out = render_declarations(source, people, layout, [fmt])
                took = time.perf_counter() - start
                print(f"  {layout:8} {fmt:4} {took:6.2f} s  {len(out[fmt]) / 1024:8.0f} KiB")
    for fmt in ("html", "pdf", "docx"):
        start = time.perf_counter()
        render_declarations(source, None, "adoption", [fmt])
        print(f"adoption {fmt:4} {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main()
