#!/usr/bin/env python3
"""Score the tagger on constructed documents: force, topics, organisation names and dates, each against labels
written by reading.

    python benchmarks/score_constructed.py [FOLDER ...] [--misses] [--topics-misses] [--published DIR [--diffs]]

Each FOLDER (default: every folder under benchmarks/constructed/) holds plain-text policies and a ``gold.yaml``:

    documents: {<stem>: {organisation: NAME or null, accept: [...], dates: [...]}}
    items: [{doc: <stem>, text: <verbatim start of a paragraph or list item>, force, primary, also}]

The documents were written for this purpose by authors who had not read the project's code, tests or other
labelled data (benchmarks/constructed/README.md), so they test wordings nobody tuned for. The folder's files are
ingested into a temporary corpus exactly as ``aup ingest`` does, with the shipped model; nothing is written.

``--published DIR`` also scores the folder as published (``benchmarks/publish_constructed.py``): the .docx and
.pdf files of the same stems under ``DIR/<folder>/`` (or ``DIR``), against the same gold, one summary line per
format beside the txt's figures; ``--diffs`` prints each unit, name and date the published reading gets
otherwise than the txt's.
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
from generator.tagging.modality import force_of
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


def read_files(paths: list[Path]) -> tuple[list, list[dict]]:
    """The documents and clause records ``aup ingest`` makes of these files, in a temporary corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        (corpus / "topics.yaml").write_bytes((ROOT / "corpus" / "topics.yaml").read_bytes())
        ingest(paths, corpus)
        docs = load_corpus(corpus)
    return docs, [r for doc in docs for r in clause_records(doc)]


def figures(name: str, gold: dict, items: list[dict], paths: list[Path], show_misses: bool, topic_misses: bool,
            quiet: bool = False) -> dict:
    """Force, topic, name and date figures of one reading of a folder's documents (printed unless ``quiet``)."""
    docs, records = read_files(paths)
    forced = [dict(i, modality=None) for i in items if i.get("force")]
    pairs = match(forced, records)
    force = report(f"{name} force", pairs, show_misses, quiet)
    topics = topic_scores(records, items)
    if not quiet:
        print(f"== {name} topics: {topics['gold']} labelled, found {topics['found']:.3f}  P {topics['precision']:.3f}  "
              f"R {topics['recall']:.3f}  F1 {topics['f1']:.3f}")
    if topic_misses and not quiet:
        for m in topics["misses"]:
            print(f"  miss {m['doc'][:24]:24} {m['text'][:70]!r}: {m['why']}")
    by_id = {d.id: d for d in docs}
    verdicts: Counter[str] = Counter()
    names, dates = {}, {}
    dates_read = dates_all = 0
    for stem, entry in (gold.get("documents") or {}).items():
        doc = by_id.get(slugify(stem))
        found = doc.metadata.school if doc else ""
        v = verdict(entry.get("organisation"), list(entry.get("accept") or []), found)
        verdicts[v] += 1
        names[stem] = (v, found)
        held = dates_held(doc) if doc else []
        for date in entry.get("dates") or []:
            dates_all += 1
            read = _date_text(date) in held
            dates_read += read
            dates[(stem, date)] = read
            if not read and show_misses and not quiet:
                print(f"  date missed  {stem}: {date!r}; read {held}")
        if (v in ("wrong", "invented", "missed") or show_misses) and not quiet:
            print(f"  name {v:8} {stem}: read {found!r}, stated {entry.get('organisation')!r}")
    stated_n = verdicts["found"] + verdicts["wrong"] + verdicts["missed"]
    line = (f"found {verdicts['found']}/{stated_n} stated, wrong {verdicts['wrong']}, invented {verdicts['invented']} of "
            f"{verdicts['invented'] + verdicts['none']} unstated; dates read {dates_read}/{dates_all}")
    if not quiet:
        print(f"== {name} names: {line}")
    return {"force": force, "topics": topics, "names": line, "by_name": names, "dates": dates, "pairs": pairs,
            "units": match(items, records)}


def _published_files(folder: Path, published: Path, suffix: str) -> list[Path]:
    """The published files of a folder's txt policies: ``DIR/<folder>/<stem><suffix>`` (or ``DIR/<stem><suffix>``)."""
    where = published / folder.name if (published / folder.name).is_dir() else published
    return [where / f"{txt.stem}{suffix}" for txt in sorted(folder.glob("*.txt")) if (where / f"{txt.stem}{suffix}").exists()]


def _diffs(fmt: str, txt: dict, got: dict) -> None:
    """Print where a published reading differs from the txt's: force, units not found, names, dates."""
    for (item, a), (_, b) in zip(txt["pairs"], got["pairs"]):
        fa = a and (a.get("force") or force_of(a.get("modality") or "info"))
        fb = b and (b.get("force") or force_of(b.get("modality") or "info"))
        if fa != fb:
            where = f"txt {fa or 'not found'}, {fmt} {fb or 'not found'}"
            print(f"  {fmt} {item['doc'][:18]:18} gold {item['force']:11} {where:34} {(b or a or item)['text'][:90]!r}")
    for (item, a), (_, b) in zip(txt["units"], got["units"]):
        if a and b and a["topics"] != b["topics"]:
            print(f"  {fmt} {item['doc'][:18]:18} topics txt {a['topics']}, {fmt} {b['topics']} (gold {item['primary']}): "
                  f"{b['text'][:60]!r} under {b['heading'][:40]!r}")
    for stem, (v, found) in got["by_name"].items():
        if (v, found) != txt["by_name"][stem]:
            print(f"  {fmt} name {stem}: {v} {found!r} (txt: {txt['by_name'][stem][0]} {txt['by_name'][stem][1]!r})")
    for key, read in got["dates"].items():
        if read != txt["dates"][key]:
            print(f"  {fmt} date {key[0]}: {key[1]!r} {'read' if read else 'missed'} (txt {'read' if txt['dates'][key] else 'missed'})")


def score_folder(folder: Path, show_misses: bool, topic_misses: bool, published: Path | None = None,
                 diffs: bool = False) -> None:
    """Print force, topic, name and date figures for one folder; with ``published``, one line per published
    format (docx, pdf) beside the txt's."""
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    items = [i for i in gold["items"] if not (FORM_FIELD.match(i["text"]) or dated_line(i["text"]))]
    print(f"== {folder.name}: {len(items)} labelled units ({len(gold['items']) - len(items)} form fields and dated "
          "record lines left out)")
    txt = figures(folder.name, gold, items, sorted(folder.glob("*.txt")), show_misses and not published, topic_misses)
    if published is None:
        return
    for suffix in (".docx", ".pdf"):
        paths = _published_files(folder, published, suffix)
        if not paths:
            print(f"== {folder.name} {suffix[1:]}: no published files under {published}")
            continue
        got = figures(f"{folder.name} {suffix[1:]}", gold, items, paths, False, False, quiet=True)
        (r, n, un), (tr, tn, tun) = got["force"], txt["force"]
        print(f"== {folder.name} {suffix[1:]:4} ({len(paths)} files): force {r / n:.3f} of {n} ({un} not found)  "
              f"[txt {tr / tn:.3f} of {tn} ({tun})]; topics F1 {got['topics']['f1']:.3f} [txt {txt['topics']['f1']:.3f}]; "
              f"names {got['names']} [txt {txt['names']}]")
        if diffs:
            _diffs(suffix[1:], txt, got)


def main() -> None:
    """Score each folder named (default: all constructed folders)."""
    args = sys.argv[1:]
    published = Path(args[args.index("--published") + 1]) if "--published" in args else None
    folders = [Path(a) for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] != "--published")] \
        or sorted(p for p in CONSTRUCTED.iterdir() if (p / "gold.yaml").exists())
    for folder in folders:
        score_folder(folder, "--misses" in args, "--topics-misses" in args, published, "--diffs" in args)


if __name__ == "__main__":
    main()
