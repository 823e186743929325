#!/usr/bin/env python3
"""Leave-one-document-out evaluation of the tagger over every labelled document, with the shared scorer.

    python benchmarks/loo_tagging.py [GOLD[=SOURCES] | FOLDER ...] [--score-only=SET,...]
                                     [--grid] [--set=key=value ...] [--topics] [--docs] [--misses] [--heading=0.5]
    python benchmarks/loo_tagging.py --mixes=2,4,6 [--seconds=0.3,0.4]   # decision options, one fit per document
    python benchmarks/loo_tagging.py --published [FOLDER ...]   # default: ../shared/eval/public/{txt,docx,pdf,html}

Without GOLD arguments it uses ../shared/eval/{seeds,wild,public,train}-gold.yaml (those present). For
each labelled document the model is trained on every other document (plus the taxonomy's own examples)
and tags that document (a FOLDER is a constructed set, benchmarks/constructed/X, named after it; the sets named
by --score-only are tagged and scored but no fold trains on them); the rules alone are scored the same way.
Figures are per set and over all.
"""
from __future__ import annotations

import importlib.util
import itertools
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import yaml

from generator.tagging.learned import decide, features
from generator.tagging.taxonomy import load_taxonomy_file, taxonomy_path
from generator.tagging.train import Options, find_source, fit, gold_examples, parse_gold_arg, read_gold, taxonomy_examples
from generator.text import slugify

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SCORE = EVAL / "score.py"


def scorer():
    """The shared scorer module."""
    spec = importlib.util.spec_from_file_location("score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_sets(argv: list[str]) -> list[tuple[str, Path, Path | None]]:
    """(set name, gold file, sources folder or None) for each set to evaluate; a constructed folder
    (``benchmarks/constructed/A``) is a set named after the folder."""
    given = [a for a in argv if not a.startswith("--") and (a.endswith(".yaml") or ".yaml=" in a or Path(a).is_dir())]
    if given:
        out = []
        for arg in given:
            gold, src = parse_gold_arg(arg)
            name = gold.parent.name if gold.name == "gold.yaml" else gold.stem.replace("-gold", "")
            out.append((name, gold, src))
        return out
    return [(name, EVAL / f"{name}-gold.yaml", None) for name in ("seeds", "wild", "public", "train")
            if (EVAL / f"{name}-gold.yaml").exists()]


def score_records(score, records: list[dict], gold_items: list[dict]) -> dict:
    """Score clause records against gold items with the shared scorer (through temporary files)."""
    with tempfile.TemporaryDirectory() as tmp:
        c, g = Path(tmp) / "c.jsonl", Path(tmp) / "g.yaml"
        c.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        g.write_text(yaml.safe_dump(gold_items, allow_unicode=True), encoding="utf-8")
        return score.score(str(c), str(g))


def run(sets, taxonomy, options: Options, cache, examples, score, show_topics=False, show_docs=False, quiet=False,
        mixes=(None,), seconds=(None,), grid=False):
    """LOO figures per set and overall for the learned tagger and for the rules alone."""
    seconds = [options.second if s is None else s for s in seconds]
    mixes = [options.rule_mix if m is None else m for m in mixes]
    tax_ex = taxonomy_examples(taxonomy, options.taxonomy_weight)
    known = taxonomy.ids()
    records = {"model": {}, "rules": {}}
    variants = [(m, sec) for m in mixes for sec in seconds]
    for name, gold, src in sets:
        for docname in sorted({i["doc"] for i in read_gold(gold)}):
            path = find_source(docname, gold, src)
            train = [e for e in examples if e.group != docname] + tax_ex
            model = fit(train, known, options)
            for rp in cache[path]:
                feats = features(rp.inputs)
                base = {"document": slugify(path.stem), "text": rp.clause.text}
                for mix, sec in variants:
                    model.rule_mix, model.second = mix, sec
                    chosen = decide(model, feats, known, taxonomy.settings.max_topics)
                    records.setdefault(("model", mix, sec), {}).setdefault(name, []).append({**base, "topics": [t for t, _ in chosen]})
                records["rules"].setdefault(name, []).append({**base, "topics": [e.topic for e in rp.evidence]})
    if len(variants) > 1 or grid:  # figures per decision variant (also for one variant asked for by --mixes)
        out = {}
        for mix, sec in variants:
            key = ("model", mix, sec)
            per = {}
            all_records, all_gold = [], []
            for name, gold, _ in sets:
                items = read_gold(gold)
                all_records += records[key][name]
                all_gold += items
                per[name] = score_records(score, records[key][name], items)["f1"]
            per["all"] = score_records(score, all_records, all_gold)["f1"]
            out[(mix, sec)] = per
        return out
    records["model"] = records[("model", *variants[0])]
    results = {}
    for kind in ("model", "rules"):
        all_records, all_gold = [], []
        for name, gold, _ in sets:
            items = read_gold(gold)
            all_records += records[kind][name]
            all_gold += items
            results[(kind, name)] = score_records(score, records[kind][name], items)
        results[(kind, "all")] = score_records(score, all_records, all_gold)
    if not quiet:
        for kind in ("model", "rules"):
            for name in [s[0] for s in sets] + ["all"]:
                r = results[(kind, name)]
                print(f"{kind:6} {name:7} found {r['found']:.3f}  precision {r['precision']:.3f}  recall {r['recall']:.3f}  f1 {r['f1']:.3f}")
        if show_topics:
            for kind in ("model", "rules"):
                print(f"\n{kind}: per topic over all sets (LOO)")
                print("topic                    gold  recall  precision")
                for t, v in results[(kind, "all")]["topics"].items():
                    print(f"{t:24} {v['gold']:5} {v['recall'] if v['recall'] is not None else '-':>7} {v['precision'] if v['precision'] is not None else '-':>10}")
        if "--misses" in sys.argv:
            for name in [s[0] for s in sets]:
                for m in results[("model", name)]["misses"]:
                    print(f"miss  {name:7} {m['doc'][:14]}: {m['text'][:80]!r}: {m['why']}")
        if show_docs:
            print("\nper document (LOO, model vs rules)")
            for name, gold, _src in sets:
                for docname in sorted({i["doc"] for i in read_gold(gold)}):
                    items = [i for i in read_gold(gold) if i["doc"] == docname]
                    fm = score_records(score, records["model"][name], items)["f1"]
                    fr = score_records(score, records["rules"][name], items)["f1"]
                    print(f"{name:7} {docname[:48]:48} {len(items):4}  model {fm:.3f}  rules {fr:.3f}")
    return results


def read_published(path: Path, taxonomy) -> tuple[list, str] | None:
    """A published file's rule passes, read as ``aup ingest`` reads it, and their normalised text (to find which
    gold document it holds); None, said on one line, when the readers refuse it (a finding, not a crash)."""
    from generator.tagging.tagger import rule_pass
    from generator.tagging.train import norm, read_policy

    try:
        passes = rule_pass(read_policy(path), taxonomy)
    except Exception as exc:
        print(f"{path.name}: not read ({type(exc).__name__}: {exc})")
        return None
    return passes, "\n".join(norm(rp.clause.text) for rp in passes)


def published(sets, taxonomy, options: Options, examples, score, folders: list[Path]) -> None:
    """LOO figures on the published versions (docx, pdf, html, ...) of labelled documents: each file is read
    with the project's readers, matched to its gold document by content, and tagged by the model trained
    without that document; files are grouped by folder and maker (``aitchison-pandoc.docx`` -> docx/pandoc)."""
    from generator.tagging.train import norm

    tax_ex = taxonomy_examples(taxonomy, options.taxonomy_weight)
    known = taxonomy.ids()
    gold_items = [i for _, gold, _ in sets for i in read_gold(gold)]
    models: dict[str, object] = {}
    groups: dict[str, dict[str, list]] = {}
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            read = read_published(path, taxonomy)
            if read is None:
                continue
            passes, blob = read
            hits: dict[str, int] = {}
            for item in gold_items:
                if norm(item["text"]) in blob:
                    hits[item["doc"]] = hits.get(item["doc"], 0) + 1
            if not hits:
                print(f"{path.name}: matches no gold document")
                continue
            docname = max(sorted(hits), key=hits.get)
            if docname not in models:
                models[docname] = fit([e for e in examples if e.group != docname] + tax_ex, known, options)
            model = models[docname]
            maker = path.stem.rsplit("-", 1)[1] if "-" in path.stem else ""
            group = f"{folder.name}/{maker}" if maker in ("pandoc", "libreoffice") else folder.name
            if len({p.suffix for p in folder.iterdir()}) > 1:  # a folder of mixed formats: one group per format
                group += path.suffix
            g = groups.setdefault(group, {"model": [], "rules": [], "docs": []})
            g["docs"].append(docname)
            mine: dict[str, list] = {"model": [], "rules": []}
            for rp in passes:
                base = {"document": path.stem, "text": rp.clause.text}
                chosen = decide(model, features(rp.inputs), known, taxonomy.settings.max_topics)
                mine["model"].append({**base, "topics": [t for t, _ in chosen]})
                mine["rules"].append({**base, "topics": [e.topic for e in rp.evidence]})
            for kind in ("model", "rules"):
                g[kind] += mine[kind]
            if "--docs" in sys.argv:
                items = [i for i in gold_items if i["doc"] == docname]
                fm, fr = (score_records(score, mine[k], items)["f1"] for k in ("model", "rules"))
                print(f"{folder.name}/{path.name:34} {len(items):4} gold  model {fm:.3f}  rules {fr:.3f}")
    for group, g in sorted(groups.items()):
        items = [i for i in gold_items if i["doc"] in g["docs"]]
        for kind in ("model", "rules"):
            r = score_records(score, g[kind], items)
            print(f"{kind:6} {group:18} {len(g['docs'])} docs {len(items):4} gold  found {r['found']:.3f}  "
                  f"precision {r['precision']:.3f}  recall {r['recall']:.3f}  f1 {r['f1']:.3f}")


def main() -> None:
    """Parse the arguments, build the examples once, print the LOO figures (or a grid of options)."""
    argv = sys.argv[1:]
    start = time.perf_counter()
    sets = gold_sets(argv)
    taxonomy = load_taxonomy_file(taxonomy_path(Path("corpus")))
    score = scorer()
    cache: dict = {}
    examples = []
    held = {n for a in argv if a.startswith("--score-only=") for n in a[13:].split(",")}
    for name, gold, src in sets:
        ex, missing = gold_examples(gold, src, taxonomy, cache)
        if name not in held:  # a --score-only set is tagged by models trained on the other sets, never trained on
            examples += ex
        if missing:
            print(f"{name}: {len(missing)} gold clauses not found by the segmenter (recall misses)")
    options = Options()
    for arg in argv:
        if arg.startswith("--heading="):
            import generator.tagging.learned as learned
            learned.HEADING = float(arg[10:])
        if arg.startswith("--set="):
            key, _, value = arg[6:].partition("=")
            setattr(options, key, type(getattr(options, key))(value if key != "balanced" else value == "1"))
    if "--published" in argv:
        folders = [Path(a) for a in argv[argv.index("--published") + 1:] if not a.startswith("--")]
        published(sets, taxonomy, options, examples, score, folders or
                  [EVAL / "public" / f for f in ("txt", "docx", "pdf", "html")])
    elif "--grid" in argv:
        grid = {"c": [0.5], "balanced": [True, False], "taxonomy_weight": [0.5, 1.0]}
        for values in itertools.product(*grid.values()):
            opts = replace(options, **dict(zip(grid, values)))
            out = run(sets, taxonomy, opts, cache, examples, score, quiet=True, mixes=(2.0, 4.0, 6.0),
                      seconds=(0.2, 0.3, 0.4))
            for (mix, sec), per in sorted(out.items()):
                figures = "  ".join(f"{n} {f:.3f}" for n, f in per.items())
                print(f"{dict(zip(grid, values))} rule_mix {mix} second {sec}  {figures}", flush=True)
    elif any(a.startswith(("--mixes=", "--seconds=")) for a in argv):
        lists = {a.split("=")[0]: tuple(float(v) for v in a.split("=")[1].split(",")) for a in argv if a.startswith(("--mixes=", "--seconds="))}
        out = run(sets, taxonomy, options, cache, examples, score, quiet=True,
                  mixes=lists.get("--mixes", (None,)), seconds=lists.get("--seconds", (None,)), grid=True)
        for (mix, sec), per in sorted(out.items()):
            print(f"rule_mix {mix} second {sec}  " + "  ".join(f"{n} {f:.3f}" for n, f in per.items()), flush=True)
    else:
        run(sets, taxonomy, options, cache, examples, score, "--topics" in argv, "--docs" in argv)
    print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
