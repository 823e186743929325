"""Synthetic corpora for the site's tests and benchmark: reworded copies of real documents, really tagged.

The copies are tagged by the real tagger (:func:`generator.pipeline.tag_documents`, with the corpus's
taxonomy and overrides) and grouped into families by the real aligner (:func:`generator.families.assign_families`),
so the pages get the tags and families ingest would give them, never made-up ones.
"""
from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

from generator.families import assign_families
from generator.model import Clause, Document, Metadata
from generator.naming import display_name
from generator.pipeline import tag_documents

SWAPS = {"must": "should", "should": "must", "staff": "employees", "pupils": "children", "school": "academy",
         "not": "never", "use": "access", "equipment": "devices", "personal": "private", "report": "tell"}


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


def synthetic_corpus(documents: list[Document], n: int, corpus: Path, seed: int = 1) -> list[Document]:
    """``n`` documents: the originals, then reworded copies; all tagged with ``corpus``'s taxonomy and re-familied.

    A copy names its own source file (``sources/<copy id>.<ext>``); :func:`copy_sources` puts the original there.
    """
    rng = random.Random(seed)
    out: list[Document] = []
    for i in range(n):
        original = documents[i % len(documents)]
        if i < len(documents):
            out.append(original)
            continue
        clauses: list[Clause] = []
        for c in original.clauses:
            if rng.random() < 0.05:
                continue  # this school leaves the clause out
            clauses.append(replace(c, text=reword(c.text, rng)))
        md = original.metadata
        metadata = Metadata(**{**md.__dict__, "school": f"{display_name(original)} ({i})",
                               "fields": list(md.fields)})
        doc_id = f"{original.id}-{i:04d}"
        source = replace(original.source, path=f"sources/{doc_id}{Path(original.source.path).suffix}")
        out.append(replace(original, id=doc_id, source=source, metadata=metadata, clauses=clauses))
    tagged, _ = assign_families(tag_documents(out, corpus))
    return tagged


def copy_sources(documents: list[Document], from_corpus: Path, to_corpus: Path) -> None:
    """Give every copy the source file of the document it copies (the bytes of the original's source)."""
    by_stem = {Path(p.name).stem: p for p in (from_corpus / "sources").iterdir()}
    for doc in documents:
        target = to_corpus / doc.source.path
        if not target.exists():
            original = by_stem[doc.id.rsplit("-", 1)[0]]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(original.read_bytes())
