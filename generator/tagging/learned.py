"""The learned half of the tagger: a linear model over a clause's words, its context and the rule scores.

The model is a multinomial logistic regression trained by ``aup train`` (:mod:`.train`) and stored as JSON
(``corpus/model.json``; new projects get ``generator/data/model.json``): per feature, the weight it adds to
each topic. Scoring a clause is a sparse dot product in plain Python, so tagging needs neither scikit-learn
nor pickles. Features are named so a reader can see why: ``w:password`` (a word of the clause, lightly
stemmed), ``b:mail list`` (two words), ``h:…`` / ``p:…`` (words of its heading, at half value / lead-in),
``k:``, ``m:``, ``a:`` (its kind, modality, audience), ``r:topic`` (the rule tagger's score for a topic, squashed to
0..1) and ``s:topic`` (the same, averaged over the other clauses of its section: what the section is about).
"""
from __future__ import annotations

import functools
import gzip
import heapq
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from ..errors import ConfigError

MODEL_FILE = "model.json"
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "data" / MODEL_FILE
FORMAT = 1

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SUFFIXES = ("ingly", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s")
HEADING = 0.5  # a heading word's feature value: half a clause word's (leave-one-document-out, benchmarks/tagging.md)
STOP_WORDS = frozenset("a an the of to and or in on for be is are as at by it its this that with from".split())


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: possessive and one common suffix off ("monitoring", "monitored" -> "monitor")."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    return word


@functools.lru_cache(maxsize=4096)
def _context_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in words(text) if w not in STOP_WORDS)


@functools.lru_cache(maxsize=8192)
def _context_keys(prefix: str, text: str) -> tuple[str, ...]:
    """The feature names of a heading's (``h:``) or lead-in's (``p:``) words, in order."""
    return tuple(prefix + w for w in _context_words(text))


def words(text: str) -> list[str]:
    """The stemmed words of a text, lower-cased."""
    return [stem(w) for w in _WORD.findall(text.lower())]


@functools.lru_cache(maxsize=65536)  # rule scores are rounded: few distinct values
def squash(score: float) -> float:
    """A rule score mapped to 0..1 (1.2, the usual threshold, gives about 0.45)."""
    return round(1.0 - math.exp(-score / 2.0), 4) if score > 0 else 0.0


@dataclass
class Inputs:
    """What the model reads of one clause."""

    text: str
    headings: list[str] = field(default_factory=list)
    lead_in: str = ""
    kind: str = "clause"
    modality: str = ""
    audience: list[str] = field(default_factory=list)
    rules: dict[str, float] = field(default_factory=dict)  # topic -> rule score
    section: dict[str, float] = field(default_factory=dict)  # topic -> the section's other clauses' mean squashed rule score


def features(inputs: Inputs) -> dict[str, float]:
    """The named features of a clause with their values."""
    out: dict[str, float] = {}
    toks = words(inputs.text)
    for w in toks:
        if w not in STOP_WORDS:
            out["w:" + w] = 1.0
    for a, b in zip(toks, toks[1:]):
        out[f"b:{a} {b}"] = 1.0
    for heading in inputs.headings[-2:]:  # headings and lead-ins repeat from clause to clause: cached
        for key in _context_keys("h:", heading):
            out[key] = HEADING
    for key in _context_keys("p:", inputs.lead_in):
        out[key] = 1.0
    out["k:" + inputs.kind] = 1.0
    if inputs.modality:
        out["m:" + inputs.modality] = 1.0
    if len(inputs.audience) == 1:
        out["a:" + inputs.audience[0]] = 1.0
    if len(toks) <= 6:
        out["n:short"] = 1.0
    for topic, score in inputs.rules.items():
        value = squash(score)
        if value:
            out["r:" + topic] = value
    for topic, value in inputs.section.items():
        out["s:" + topic] = value
    return out


def section_context(clauses: list[tuple[object, dict[str, float]]]) -> list[dict[str, float]]:
    """For each clause, given as (its section, its rule scores) in document order, the mean squashed rule score
    of every topic over the *other* clauses of its section (clauses with no section form one group): a clause
    under "Mobile phones" whose own words are generic still reads what its neighbours are about."""
    totals: dict[object, dict[str, float]] = {}
    sizes: dict[object, int] = {}
    squashed = [{t: squash(s) for t, s in rules.items()} for _, rules in clauses]
    for (sec, _), sq in zip(clauses, squashed):
        sizes[sec] = sizes.get(sec, 0) + 1
        total = totals.setdefault(sec, {})
        for t, v in sq.items():
            total[t] = total.get(t, 0.0) + v
    out = []
    for (sec, _), sq in zip(clauses, squashed):
        others = sizes[sec] - 1
        mean = {}
        if others:
            for t, v in totals[sec].items():
                value = round((v - sq.get(t, 0.0)) / others, 4)
                if value >= 0.01:
                    mean[t] = value
        out.append(mean)
    return out


@dataclass
class Model:
    """Topic ids, per-topic bias and, per feature, its weight for each topic (zeros left out)."""

    topics: list[str]
    bias: list[float]
    weights: dict[str, dict[int, float]]
    second: float = 0.5  # a second topic is added when its probability reaches this
    rule_mix: float = 0.0  # added to each topic's score times the rule score squashed to 0..1 (a prior from the rules)
    path: Path | None = None

    def __post_init__(self) -> None:
        self.index = {t: i for i, t in enumerate(self.topics)}
        # One matrix of weights, a row per feature (row 0: the bias; the last row: zeros, for features the
        # model does not know): a clause's rows are gathered and summed in one numpy pass. numpy sums over the
        # first axis in row order, as Python's ``sum`` adds, so every score is the same float as before.
        self.row = {name: k for k, name in enumerate(self.weights, 1)}
        matrix = np.zeros((len(self.weights) + 2, len(self.topics)))
        matrix[0] = self.bias
        for k, row in enumerate(self.weights.values(), 1):
            for i, w in row.items():
                matrix[k, i] = w
        self.matrix = matrix
        self.unknown = len(self.weights) + 1
        self.rule_keys = ["r:" + t for t in self.topics]

    def terms(self, feats: dict[str, float]) -> np.ndarray:
        """What each feature adds to each topic's score: one row per feature in ``feats`` order, after the
        bias row (a feature the model does not know adds zeros)."""
        size = len(feats) + 1
        rows = np.fromiter(chain((0,), map(self.row.get, feats, repeat(self.unknown))), np.intp, size)
        values = np.fromiter(chain((1.0,), feats.values()), np.float64, size)
        terms = self.matrix.take(rows, axis=0)
        terms *= values[:, None]
        return terms

    def scores(self, feats: dict[str, float], terms: np.ndarray | None = None) -> list[float]:
        """The raw score of each topic (the bias plus the features' weights times their values, added in
        ``feats`` order); ``terms``: :meth:`terms` of these features, when the caller has them already."""
        return np.add.reduce(self.terms(feats) if terms is None else terms, axis=0).tolist()

    def probabilities(self, feats: dict[str, float], terms: np.ndarray | None = None) -> list[float]:
        """The softmax of the scores (plus ``rule_mix`` x the squashed rule scores): each topic's probability."""
        s = self.scores(feats, terms)
        if self.rule_mix:
            s = [x + self.rule_mix * feats.get(key, 0.0) for x, key in zip(s, self.rule_keys)]
        top = max(s)
        e = [math.exp(x - top) for x in s]
        z = sum(e)
        return [x / z for x in e]

    def reasons(self, feats: dict[str, float], topic: str, n: int = 3, terms: np.ndarray | None = None) -> list[str]:
        """The features that pushed most towards a topic, as evidence lines (``model: w:password +1.2``);
        ties go to the name first in sorted order."""
        column = (self.terms(feats) if terms is None else terms)[1:, self.index[topic]].tolist()
        pushed = heapq.nsmallest(n, [(-w, name) for w, name in zip(column, feats) if w > 0])
        return [f"model: {name!r} +{-w:.2f}" for w, name in pushed]

    def to_json(self) -> str:
        """The model as stable JSON text (sorted keys, rounded weights): the same model gives the same bytes."""
        data = {
            "format": FORMAT,
            "topics": self.topics,
            "bias": [round(b, 4) for b in self.bias],
            "second": round(self.second, 4),
            "rule_mix": round(self.rule_mix, 4),
            "weights": {name: {self.topics[i]: round(w, 4) for i, w in sorted(row.items())}
                        for name, row in sorted(self.weights.items())},
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def model_from_json(text: str, path: Path | None = None) -> Model:
    """A model from its JSON text; ConfigError when it is not one."""
    try:
        data = json.loads(text)
        topics = [str(t) for t in data["topics"]]
        index = {t: i for i, t in enumerate(topics)}
        weights = {str(name): {index[t]: float(w) for t, w in row.items()} for name, row in data["weights"].items()}
        bias = [float(b) for b in data["bias"]]
        if data.get("format") != FORMAT or len(bias) != len(topics):
            raise ValueError(f"format {data.get('format')!r}, {len(bias)} biases for {len(topics)} topics")
        return Model(topics, bias, weights, float(data.get("second", 0.5)), float(data.get("rule_mix", 0.0)), path)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"not a tagging model ({exc}); expected the JSON that `aup train` writes; fix: run `aup train`", path) from None


def model_path(corpus: Path) -> Path:
    """The model a corpus uses: its own model.json, or the shipped default."""
    own = Path(corpus) / MODEL_FILE
    return own if own.is_file() else DEFAULT_MODEL


_CACHE: dict[tuple[str, int, int], Model] = {}


def load_model(path: Path) -> Model | None:
    """The model stored at a path (cached by path, size and modification time); None when there is no file."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _CACHE:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        _CACHE.clear()
        _CACHE[key] = model_from_json(raw.decode("utf-8"), path)
    return _CACHE[key]


def decide(model: Model, feats: dict[str, float], known: Iterable[str], max_topics: int = 2) -> list[tuple[str, float]]:
    """The topics to carry with their probabilities: the most probable, and the next ones that reach
    ``model.second``; topics the taxonomy does not know are skipped."""
    return pick(model, model.probabilities(feats), known, max_topics)


def pick(model: Model, probs: list[float], known: Iterable[str], max_topics: int = 2) -> list[tuple[str, float]]:
    """:func:`decide` from the topics' probabilities (:meth:`Model.probabilities`)."""
    if not isinstance(known, (set, frozenset)):
        known = set(known)
    topics = model.topics
    ranked = sorted([(p, -i) for i, p in enumerate(probs) if topics[i] in known], reverse=True)  # (p, -i) are unique: no ties
    chosen = [(model.topics[-i], p) for p, i in ranked[:1]]
    chosen += [(model.topics[-i], p) for p, i in ranked[1:max_topics] if p >= model.second]
    return chosen
