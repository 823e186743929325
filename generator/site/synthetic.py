"""Synthetic corpora for the site's tests and benchmark: recombined, reworded copies of real documents.

Every clause gets topics (its own, else one picked from its words), a modality and an audience, and the
copies of one clause share a family, so the pages have the shape a tagged, aligned corpus gives them.
"""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import replace

from ..model import Clause, Document, Metadata
from ..naming import display_name

SWAPS = {"must": "should", "should": "must", "staff": "employees", "pupils": "children", "school": "academy",
         "not": "never", "use": "access", "equipment": "devices", "personal": "private", "report": "tell"}
_MODAL = (("must not", "must-not"), ("should not", "should-not"), ("must", "must"), ("should", "should"),
          ("will", "will"), ("may", "may"))


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16)


def modality_of(text: str) -> str:
    """A rough modality from the clause's words (for synthetic data only)."""
    low = f" {text.lower()} "
    return next((m for word, m in _MODAL if f" {word} " in low), "info")


def reword(text: str, rng: random.Random, rate: float = 0.15) -> str:
    """The text with some words swapped, dropped or doubled: another school's wording of the same rule."""
    words = text.split(" ")
    out = []
    for word in words:
        roll = rng.random()
        key = re.sub(r"\W", "", word.lower())
        if roll < rate and key in SWAPS:
            out.append(word.replace(key, SWAPS[key]) if key in word else SWAPS[key])
        elif roll < rate / 4 and len(words) > 6:
            continue
        elif roll > 1 - rate / 6:
            out += [word, rng.choice(["also", "always", "clearly", "at all times"])]
        else:
            out.append(word)
    return " ".join(out) or text


def annotate(doc: Document, topic_ids: list[str]) -> Document:
    """Give every clause topics, a modality, an audience and a family (its own id), as tagging would."""
    clauses = []
    for c in doc.clauses:
        topics = list(c.topics) or ([topic_ids[_digest(c.text) % len(topic_ids)]] if topic_ids else [])
        if topic_ids and _digest(c.id) % 5 == 0:
            extra = topic_ids[_digest(c.id + "x") % len(topic_ids)]
            topics += [extra] if extra not in topics else []
        audience = list(c.audience) or list(doc.metadata.audiences[:1]) or ["staff"]
        clauses.append(replace(c, topics=topics, modality=c.modality or modality_of(c.text), audience=audience,
                               family=c.family or f"f-{doc.id[:12]}-{c.id}"))
    return replace(doc, clauses=clauses)


def synthetic_corpus(documents: list[Document], n: int, topic_ids: list[str], seed: int = 1) -> list[Document]:
    """``n`` documents: the annotated originals, then reworded copies (about one clause in eight in no family)."""
    rng = random.Random(seed)
    base = [annotate(d, topic_ids) for d in documents]
    out: list[Document] = []
    for i in range(n):
        original = base[i % len(base)]
        if i < len(base):
            out.append(original)
            continue
        clauses: list[Clause] = []
        for c in original.clauses:
            if rng.random() < 0.05:
                continue  # this school leaves the clause out
            text = reword(c.text, rng)
            family = c.family if rng.random() > 0.12 else None
            clauses.append(replace(c, text=text, family=family, modality=modality_of(text)))
        md = original.metadata
        metadata = Metadata(**{**md.__dict__, "school": f"{display_name(original)} ({i})",
                               "fields": list(md.fields)})
        out.append(replace(original, id=f"{original.id}-{i:04d}", metadata=metadata, clauses=clauses))
    return out
