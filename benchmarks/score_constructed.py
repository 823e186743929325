#!/usr/bin/env python3
"""Score the tagger on constructed documents: force, topics, organisation names and dates, each against labels
written by reading.

    python benchmarks/score_constructed.py [FOLDER ...] [--misses] [--topics-misses]

Each FOLDER (default: every folder under benchmarks/constructed/) holds plain-text policies and a ``gold.yaml``:

    documents: {<stem>: {organisation: NAME or null, accept: [...], dates: [...]}}
    items: [{doc: <stem>, text: <verbatim start of a paragraph or list item>, force, primary, also}]

The documents were written for this purpose by authors who had not read the project's code, tests or other
labelled data (benchmarks/constructed/README.md), so they test wordings nobody tuned for. The folder's files are
ingested into a temporary corpus exactly as ``aup ingest`` does, with the shipped model; nothing is written.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from score_force import report  # the one per-class force report (this folder is on sys.path)
from score_names import verdict  # found | wrong | missed | invented | none

from generator.corpus import load_corpus
from generator.export import clause_records
from generator.pipeline import ingest
from generator.readers.patterns import dated_line, is_date
from generator.tagging.train import FORM_FIELD, MARKER, norm, topic_items
from generator.text import slugify

ROOT = Path(__file__).resolve().parents[1]
CONSTRUCTED = ROOT / "benchmarks" / "constructed"
SCORE = ROOT.parent / "shared" / "eval" / "score.py"


def _bare(text: str) -> str:
    """A unit's text normalised as the shared scorer does, without its list marker."""
    return MARKER.sub("", norm(text))


def match(items: list[dict], records: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each labelled unit with the clause that starts it: the clause whose text starts with the unit's
    text, or the first clause the unit's text starts with (a unit the segmenter split)."""
    pool: dict[str, list[dict]] = {}
    for r in records:
        pool.setdefault(r["document"], []).append(r)
    pairs = []
    for item in items:
        want = _bare(item["text"])
        candidates = pool.get(slugify(item["doc"]), [])
        found = next((r for r in candidates if _bare(r["text"]).startswith(want)), None) or next(
            (r for r in candidates if len(_bare(r["text"])) >= 12 and want.startswith(_bare(r["text"]))), None) or next(
            (r for r in candidates if want in _bare(r["text"])), None)
        if found is not None:
            candidates.remove(found)
        pairs.append((item, found))
    return pairs


def topic_scores(records: list[dict], items: list[dict]) -> dict:
    """The shared scorer's figures for these records against the items' topic labels."""
    spec = importlib.util.spec_from_file_location("score", SCORE)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = topic_items(items)
    with tempfile.TemporaryDirectory() as tmp:
        c, g = Path(tmp) / "c.jsonl", Path(tmp) / "g.yaml"
        c.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        g.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
        return score.score(str(c), str(g))


def _date_text(text: str) -> str:
    """A date as written, compared loosely: case, spacing, "22 nd" for "22nd" and outer punctuation aside."""
    return re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", norm(text)).strip(" .,;:()")


def dates_held(doc) -> list[str]:
    """The dates a document's metadata holds as its dates: its adopted, review and updated dates, and every
    metadata field the reader named adopted, review or updated whose whole value is a date (a second adoption date,
    "Effective from" after "Approved"). A field holding a date inside other text ("August 2024 Next review:
    August 2026"), a field of another name ("Date of guidance" kept as date_of_guidance) or a year within a longer
    date does not count: the date was not read as a date of the policy."""
    md = doc.metadata
    values = [md.adopted, md.review, md.updated] + [f.value for f in md.fields
                                                   if f.name in ("adopted", "review", "updated") and is_date(f.value)]
    return [_date_text(v) for v in values if v]


def score_folder(folder: Path, show_misses: bool, topic_misses: bool) -> None:
    """Print force, topic, name and date figures for one folder."""
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    items = [i for i in gold["items"] if not (FORM_FIELD.match(i["text"]) or dated_line(i["text"]))]
    print(f"== {folder.name}: {len(items)} labelled units ({len(gold['items']) - len(items)} form fields and dated "
          "record lines left out)")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        (corpus / "topics.yaml").write_bytes((ROOT / "corpus" / "topics.yaml").read_bytes())
        ingest(sorted(folder.glob("*.txt")), corpus)
        docs = load_corpus(corpus)
    records = [r for doc in docs for r in clause_records(doc)]
    forced = [dict(i, modality=None) for i in items if i.get("force")]
    report(f"{folder.name} force", match(forced, records), show_misses)
    figures = topic_scores(records, items)
    print(f"== {folder.name} topics: {figures['gold']} labelled, found {figures['found']:.3f}  P {figures['precision']:.3f}  "
          f"R {figures['recall']:.3f}  F1 {figures['f1']:.3f}")
    if topic_misses:
        for m in figures["misses"]:
            print(f"  miss {m['doc'][:24]:24} {m['text'][:70]!r}: {m['why']}")
    by_id = {d.id: d for d in docs}
    verdicts: Counter[str] = Counter()
    dates_read = dates_all = 0
    for stem, entry in (gold.get("documents") or {}).items():
        doc = by_id.get(slugify(stem))
        found = doc.metadata.school if doc else ""
        v = verdict(entry.get("organisation"), list(entry.get("accept") or []), found)
        verdicts[v] += 1
        held = dates_held(doc) if doc else []
        for date in entry.get("dates") or []:
            dates_all += 1
            read = _date_text(date) in held
            dates_read += read
            if not read and show_misses:
                print(f"  date missed  {stem}: {date!r}; read {held}")
        if v in ("wrong", "invented", "missed") or show_misses:
            print(f"  name {v:8} {stem}: read {found!r}, stated {entry.get('organisation')!r}")
    stated_n = verdicts["found"] + verdicts["wrong"] + verdicts["missed"]
    print(f"== {folder.name} names: found {verdicts['found']}/{stated_n} stated, wrong {verdicts['wrong']}, "
          f"invented {verdicts['invented']} of {verdicts['invented'] + verdicts['none']} unstated; "
          f"dates read {dates_read}/{dates_all}")


def main() -> None:
    """Score each folder named (default: all constructed folders)."""
    args = sys.argv[1:]
    folders = [Path(a) for a in args if not a.startswith("--")] or sorted(
        p for p in CONSTRUCTED.iterdir() if (p / "gold.yaml").exists())
    for folder in folders:
        score_folder(folder, "--misses" in args, "--topics-misses" in args)


if __name__ == "__main__":
    main()
