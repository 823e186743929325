"""The words of a rule, for rule alignment: content-word stems, the rule-word lexicon, static embeddings.

:func:`content_stems` keeps a clause's content words (stop words and force words such as *must*, *not*,
*forbidden* dropped; force is :func:`generator.alignment.polarity`'s business), stemmed, with every word or
phrase of ``generator/data/rule-words.yaml`` replaced by its concept (*disclose*, *reveal*, *share*, *give
out* are one). :func:`features` weighs them, topic-generic words (*staff*, *pupils*, *school*, *use*)
counting for little. :func:`embed` gives sentence embeddings from the ``wordllama`` package's own weights,
read from its package folder with downloads disabled, or None when the package is missing.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("""
a about above after again against all also am an and any anyone anything are as at be been before being below
between both but by could did do does doing down during each either etc even ever every few for from further
had has have having he her here hers him his how however i if in into is it its itself just least less let
like made make many me more most my myself neither no nor not of off on once one only or other others our
ours ourselves out over own per rather same shall she should so some such than that the their theirs them
themselves then there these they this those through thus to too under until up upon us very via was we were
what when whenever where whether which while whilst who whom whose why will with within without would yet you
your yours yourself must may might can cannot never e g eg ie i.e any all always whatever including include
forbidden prohibited permitted allowed required expected advised advisable avoid avoided refrain ensure ensuring
strictly should'nt able need needs necessary
""".split())
#: Words that every topic uses: they say who or where, not which rule.
_GENERIC_WORDS = """staff member members employee employees pupil pupils student students child children
school schools college academy use used using uses user users ensure policy parent parents carer carers
colleague colleagues person people individual individuals teacher teachers adult adults time times
appropriate inappropriate understand aware responsible ict system systems""".split()


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix-stripping stem: photographs, photographed -> photograph; sharing, shared -> shar."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ly") and len(word) > 5 and not word.endswith(("ily", "ply")):  # securely -> secure, deliberately -> deliberate
        word = word[:-2]
    word = re.sub(r"iz(e|ed|es|ing|ation)$", r"is\1", word)  # authorize -> authorise
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


@lru_cache(maxsize=1)
def _concepts() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """The rule-word lexicon (generator/data/rule-words.yaml): a pattern for its phrases, the concept token of
    each phrase, and the concept token of each single word's stem."""
    data = yaml.safe_load((Path(__file__).parent / "data" / "rule-words.yaml").read_text(encoding="utf-8"))
    phrases: dict[str, str] = {}
    stems: dict[str, str] = {}
    for concept, words in (data.get("concepts") or {}).items():
        token = "zz" + re.sub(r"[^a-z0-9]", "", concept.lower())
        for word in words:
            word = " ".join(str(word).lower().split())
            if " " in word or "-" in word:
                phrases[word] = token
            else:
                stems[stem(word)] = token
    ordered = sorted(phrases, key=lambda w: (-len(w), w))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) + r"(?:e?s)?" for w in ordered) + r")\b") if ordered \
        else re.compile(r"(?!x)x")
    return pattern, phrases, stems


#: Concepts of the rule-word lexicon that name a whole topic (every rule about phones says "phone").
_GENERIC_CONCEPTS = "staff pupil school parent policy phone socialmedia email".split()
_GENERIC = frozenset([stem(w) for w in _GENERIC_WORDS] + ["zz" + c for c in _GENERIC_CONCEPTS])


def is_generic(term: str) -> bool:
    """Whether a stem or concept token is one every topic uses (it says who or where, not which rule)."""
    return term in _GENERIC


def content_stems(text: str) -> list[str]:
    """The stems of a clause's content words, in order: stop words dropped, synonyms of the rule-word lexicon
    replaced by their concept."""
    return [s for s, _ in content_words(text)]


def content_words(text: str) -> list[tuple[str, str]]:
    """(stem or concept token, the word as written or the concept's name) of a clause's content words."""
    pattern, phrases, concepts = _concepts()
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("'s ", " ")

    def concept_of(match: re.Match[str]) -> str:
        found = match.group(0)
        return " " + phrases.get(found, phrases.get(re.sub(r"e?s$", "", found), "")) + " "

    text = pattern.sub(concept_of, text)
    out = []
    for word in _WORD.findall(text):
        if word.startswith("zz"):
            out.append((word, _concept_names().get(word, word)))
        elif len(word) > 1 and word not in _STOP:
            s = stem(word)
            if s in concepts:
                out.append((concepts[s], _concept_names()[concepts[s]]))
            else:
                out.append((s, word))
    return out


@lru_cache(maxsize=1)
def _concept_names() -> dict[str, str]:
    """The readable name of each concept token ("zzcontactdetails" -> "contact details")."""
    data = yaml.safe_load((Path(__file__).parent / "data" / "rule-words.yaml").read_text(encoding="utf-8"))
    return {"zz" + re.sub(r"[^a-z0-9]", "", c.lower()): c.replace("-", " ") for c in (data.get("concepts") or {})}


def features(stems: list[str], generic: float, pairs: float = 0.5, scale: list[float] | None = None) -> dict[str, float]:
    """Term weights before IDF: each stem and each pair of neighbouring stems (generic stems weigh less;
    ``scale``, one factor per stem, weighs some stems less, e.g. those of a clause's later sentences)."""
    out: dict[str, float] = {}
    weak = _GENERIC
    scale = scale or [1.0] * len(stems)
    for s, k in zip(stems, scale):
        out[s] = out.get(s, 0.0) + (generic if s in weak else 1.0) * k
    for (a, b), k in zip(zip(stems, stems[1:]), zip(scale, scale[1:])):
        key = a + " " + b
        out[key] = out.get(key, 0.0) + pairs * (generic if a in weak and b in weak else 1.0) * min(k)
    return out


@lru_cache(maxsize=1)
def _embedder() -> Any:
    """The wordllama model from its own package folder, downloads disabled; None when the package is missing."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    try:
        return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)
    except Exception:  # weights missing from the wheel: align on words alone rather than fetch anything
        return None


def embed(texts: list[str]) -> np.ndarray | None:
    """Unit-length embeddings (float32) of short texts (words), or None without the embedding package."""
    model = _embedder()
    if model is None or not texts:
        return None
    return np.asarray(model.embed(texts, norm=True, batch_size=512), dtype=np.float32)
