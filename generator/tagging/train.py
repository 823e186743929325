"""``aup train``: fit the learned tagger (:mod:`.learned`) on labelled clauses and write it as JSON.

Labelled clauses come from gold files (``[{doc, text, primary, also}]``, ``doc`` a source file name, ``text``
a verbatim piece of one clause; or a folder of constructed policies, ``benchmarks/constructed/X``, whose
``gold.yaml`` labels its units) whose sources are read with the project's own readers and segmenter, from
the corpus's own ``overrides.yaml`` (a topic added by hand labels that clause) and from the taxonomy itself
(each topic's definition and terms are short examples, so a topic nobody has labelled yet still gets
weights). Training needs scikit-learn (the ``train`` extra); tagging with the written model does not.
The same inputs give a byte-identical model file.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..model import Document
from ..text import slugify
from .learned import Inputs, Model, features
from .overrides import load_overrides
from .tagger import RulePass, rule_pass, term_hits, topic_scores
from .taxonomy import Taxonomy

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_SOURCE_SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm", ".pdf")


def norm(text: str) -> str:
    """Text as the shared scorer compares it: NFKC, plain quotes, lower case, no emphasis or bullets, one space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = re.sub(r"[*_`]+", "", text)
    text = re.sub(r"[\u00b7\u2022\u25cf\u25aa\u2023\u2043]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Example:
    """One labelled clause: what the model reads, its topic, topics it may also carry, and where it is from."""

    inputs: Inputs
    primary: str
    also: list[str] = field(default_factory=list)
    group: str = ""  # the document it comes from (leave-one-document-out leaves a whole group out)
    weight: float = 1.0


@dataclass
class Options:
    """How the model is fitted; the defaults are the ones leave-one-document-out chose (benchmarks/tagging.md)."""

    c: float = 0.5
    also_weight: float = 0.3
    taxonomy_weight: float = 0.5
    override_weight: float = 5.0
    balanced: bool = True
    balance_power: float = 0.5  # class weights (total / class total) ** this: 0.5 half-way to fully balanced
    min_count: int = 2
    second: float = 0.3
    rule_mix: float = 1.0
    prune: float = 0.02  # weights smaller than this are left out of the file
    doc_power: float = 0.5  # each document's clauses weighted by (mean size / its size) ** doc_power: no document dominates


#: A list marker or clause number at the start of a constructed unit ("1.2 ", "- ", "a) "), which the segmenter
#: keeps apart from the clause text.
MARKER = re.compile(r"^(?:[-\u2022*o\u2013]|\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]|\d+(?:\.\d+)+\.?)\s+", re.I)

#: A form field or a dated record line ("Signature: ____", "Revised: 6/10/2024"): the reader keeps these as the
#: document's fields, not clauses, and the shared labelled sets label none of them, so they are left out.
FORM_FIELD = re.compile(r"^[^.:]{2,60}:\s*(?:[^.:]{0,40}|.*_{3,}.*)$|.*_{4,}")


def topic_items(items: list[dict]) -> list[dict]:
    """A constructed folder's labelled units as topic gold items: form fields left out, list markers stripped."""
    return [{"doc": str(i["doc"]), "text": MARKER.sub("", str(i["text"]).strip()), "primary": i["primary"],
             "also": list(i.get("also") or [])}
            for i in items if i.get("primary") and not FORM_FIELD.match(str(i["text"]))]


def read_gold(path: Path) -> list[dict]:
    """The items of a gold file, checked: a list of {doc, text, primary, also}, or a constructed folder's
    ``{documents, items}`` (benchmarks/constructed/README.md), whose units become such items (:func:`topic_items`)."""
    try:
        items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the gold file: {exc}", path) from None
    if isinstance(items, dict) and isinstance(items.get("items"), list):
        items = topic_items([i for i in items["items"] if isinstance(i, dict) and {"doc", "text"} <= set(i)])
    if not isinstance(items, list) or not all(isinstance(i, dict) and {"doc", "text", "primary"} <= set(i) for i in items):
        raise ConfigError("expected a list of {doc, text, primary, also} or a constructed folder's {documents, items}", path)
    return items


def find_source(name: str, gold: Path, sources: Path | None) -> Path:
    """The source file a gold item names (a file name, or a stem as constructed folders give it): in ``sources``
    when given, else in a folder near the gold file."""
    names = [name] if Path(name).suffix in _SOURCE_SUFFIXES else [name] + [name + s for s in _SOURCE_SUFFIXES]
    if sources is not None:
        for n in names:
            path = Path(sources) / n
            if path.is_file():
                return path
        raise ConfigError(f"no source {name!r} in {sources}; expected GOLD=FOLDER with the labelled files", gold)
    base = Path(gold).resolve().parent
    for root in (base, base.parent):
        for n in names:
            for path in sorted(root.rglob(n), key=lambda p: (len(p.parts), str(p))):
                if path.is_file():
                    return path
    raise ConfigError(f"no source file {name!r} beside the gold file; give the folder as GOLD=FOLDER", gold)


def read_policy(path: Path) -> Document:
    """Read and segment one source file in memory, as ``aup ingest`` would."""
    from ..ingest import read_source

    return read_source(path, slugify(path.stem), Path("corpus"))[0]


def match_clause(passes: list[RulePass], text: str) -> RulePass | None:
    """The shortest clause that holds a gold text (compared as the scorer compares), or None."""
    g = norm(text)
    found = [rp for rp in passes if g in norm(rp.clause.text)]
    return min(found, key=lambda rp: len(rp.clause.text)) if found else None


def gold_examples(gold: Path, sources: Path | None, taxonomy: Taxonomy,
                  cache: dict[Path, list[RulePass]] | None = None) -> tuple[list[Example], list[str]]:
    """The labelled clauses of a gold file, and the gold texts no clause holds."""
    cache = {} if cache is None else cache
    examples, missing = [], []
    for item in read_gold(gold):
        path = find_source(str(item["doc"]), gold, sources)
        if path not in cache:
            cache[path] = rule_pass(read_policy(path), taxonomy)
        rp = match_clause(cache[path], str(item["text"]))
        if rp is None:
            missing.append(f"{item['doc']}: {str(item['text'])[:60]!r}")
            continue
        examples.append(Example(rp.inputs, str(item["primary"]), [str(t) for t in item.get("also") or []], str(item["doc"])))
    return examples, missing


def override_examples(corpus: Path, docs: list[Document], taxonomy: Taxonomy, weight: float) -> list[Example]:
    """The corpus's overrides as labelled clauses: a clause's first added topic, or else what it keeps."""
    overrides = load_overrides(corpus)
    if not overrides:
        return []
    by_doc = {d.id: d for d in docs}
    out = []
    for o in overrides:
        doc = by_doc.get(o.document)
        if doc is None:
            continue
        rp = next((r for r in rule_pass(doc, taxonomy) if r.clause.id == o.clause), None)
        if rp is None:
            continue
        kept = [t for t in doc.clause(o.clause).topics if t not in o.remove]
        labels = list(dict.fromkeys(o.add + kept))
        if labels:
            out.append(Example(rp.inputs, labels[0], labels[1:], f"override:{o.document}", weight))
    return out


def _plain_terms(text: str) -> list[str]:
    return [alt.replace("*", "").strip() for alt in text.split("|") if alt.strip() and not alt.strip().startswith("re:")]


def taxonomy_examples(taxonomy: Taxonomy, weight: float) -> list[Example]:
    """Each topic's definition, and each of its terms of weight 1 or more, as a short labelled example."""
    out = []
    for topic in taxonomy.topics:
        texts = [topic.definition, topic.title] if topic.definition else [topic.title]
        texts += [t for term in topic.terms if term.weight >= 1 for t in _plain_terms(term.text)]
        for text in texts:
            hits = term_hits(text, taxonomy, "text", 1.0)
            rules = topic_scores(hits)
            out.append(Example(Inputs(text, rules=rules), topic.id, group=f"taxonomy:{topic.id}", weight=weight))
    return out


def fit(examples: Iterable[Example], topics: list[str], options: Options,
        featurize: Callable[[Any], dict[str, float]] = features) -> Model:
    """Fit a multinomial logistic regression and return it as a :class:`Model` (needs scikit-learn); ``featurize``
    reads an example's inputs (benchmarks/train_force.py passes its force features)."""
    try:
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise ConfigError("training needs scikit-learn; fix: pip install 'aup-atlas[train]'") from None
    examples = list(examples)
    rows, labels, weights = [], [], []
    sizes: dict[str, int] = {}
    for ex in examples:
        sizes[ex.group] = sizes.get(ex.group, 0) + 1
    docs = [n for g, n in sizes.items() if not g.startswith(("taxonomy:", "override:"))]
    mean = sum(docs) / len(docs) if docs else 1.0
    for ex in examples:
        feats = featurize(ex.inputs)
        scale = 1.0 if ex.group.startswith(("taxonomy:", "override:")) or not options.doc_power else \
            (mean / sizes[ex.group]) ** options.doc_power
        for label, w in [(ex.primary, ex.weight * scale)] + [(t, ex.weight * scale * options.also_weight) for t in ex.also]:
            if label in topics and w > 0:
                rows.append(feats)
                labels.append(topics.index(label))
                weights.append(w)
    counts: dict[str, int] = {}
    for feats in rows:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    vocab = sorted(n for n, c in counts.items() if c >= options.min_count or n.startswith("r:"))
    index = {n: i for i, n in enumerate(vocab)}
    data, cols, ptr = [], [], [0]
    for feats in rows:
        for name in sorted(feats):
            if name in index:
                cols.append(index[name])
                data.append(feats[name])
        ptr.append(len(cols))
    x = csr_matrix((np.array(data, dtype=np.float64), np.array(cols, dtype=np.int64), np.array(ptr, dtype=np.int64)),
                   shape=(len(rows), len(vocab)))
    y = np.array(labels)
    sw = np.array(weights, dtype=np.float64)
    if options.balanced:
        per = np.bincount(y, weights=sw, minlength=len(topics))
        present = per > 0
        scale = np.where(present, sw.sum() / (present.sum() * np.maximum(per, 1e-9)), 0.0)
        sw = sw * scale[y] ** options.balance_power
    clf = LogisticRegression(C=options.c, solver="lbfgs", max_iter=500, tol=1e-4)
    clf.fit(x, y, sample_weight=sw)
    classes = [int(c) for c in clf.classes_]
    coef = clf.coef_ if len(classes) > 2 else np.vstack([-clf.coef_[0], clf.coef_[0]]) / 2
    icpt = clf.intercept_ if len(classes) > 2 else np.array([-clf.intercept_[0], clf.intercept_[0]]) / 2
    bias = [-30.0] * len(topics)  # a topic with no example is never chosen
    for k, cls in enumerate(classes):
        bias[cls] = float(round(icpt[k], 4))
    weights_out: dict[str, dict[int, float]] = {}
    for j, name in enumerate(vocab):
        row = {classes[k]: float(round(coef[k, j], 4)) for k in range(len(classes)) if abs(coef[k, j]) >= options.prune}
        if row:
            weights_out[name] = row
    return Model(list(topics), bias, weights_out, options.second, options.rule_mix)


@dataclass
class TrainReport:
    """What one ``aup train`` learned from and wrote."""

    examples: dict[str, int] = field(default_factory=dict)  # source (gold file, overrides, taxonomy) -> clauses
    missing: list[str] = field(default_factory=list)  # gold texts no clause holds
    features: int = 0
    written: bool = False


def parse_gold_arg(arg: str) -> tuple[Path, Path | None]:
    """``GOLD.yaml``, ``GOLD.yaml=SOURCES`` or a folder holding ``gold.yaml`` and its sources, as paths."""
    gold, _, sources = arg.partition("=")
    if not sources and Path(gold).is_dir():
        return Path(gold) / "gold.yaml", Path(gold)
    return Path(gold), Path(sources) if sources else None


def train_model(golds: list[tuple[Path, Path | None]], corpus: Path, options: Options | None = None,
                use_overrides: bool = True) -> tuple[Model, TrainReport]:
    """Fit the model on the gold files, the corpus's overrides and its taxonomy (nothing written)."""
    from ..corpus import load_corpus
    from .taxonomy import load_taxonomy_file, taxonomy_path

    options = options or Options()
    taxonomy = load_taxonomy_file(taxonomy_path(corpus))
    report = TrainReport()
    examples: list[Example] = []
    cache: dict[Path, list[RulePass]] = {}
    for gold, sources in golds:
        ex, missing = gold_examples(gold, sources, taxonomy, cache)
        examples += ex
        report.examples[str(gold)] = len(ex)
        report.missing += missing
    if use_overrides:
        ex = override_examples(corpus, load_corpus(corpus), taxonomy, options.override_weight)
        examples += ex
        report.examples["overrides"] = len(ex)
    ex = taxonomy_examples(taxonomy, options.taxonomy_weight)
    examples += ex
    report.examples["taxonomy"] = len(ex)
    model = fit(examples, taxonomy.ids(), options)
    report.features = len(model.weights)
    return model, report


def write_model(model: Model, path: Path) -> bool:
    """Write the model's JSON; False when the file already holds exactly that."""
    from ..writer import write_atomic

    return write_atomic(Path(path), model.to_json())
