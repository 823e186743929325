"""Shared meaning between different words, from WordNet (see :mod:`generator.wordnet`).

Two clauses may state one rule in words that share no stem ("reveal" / "disclose", "scrutinise" / "inspect").
:func:`synonym_links` links two words of the aligned clauses' vocabulary when WordNet puts them in one synset
among their most frequent senses (optionally also one derivational or similar-to link away); the alignment then
counts a word of one clause and its synonym in the other as a weaker match (:attr:`Settings.wordnet`). Without
the WordNet database the links are empty and alignment runs on words alone.
"""
from __future__ import annotations

import logging
from functools import lru_cache

import numpy as np
from scipy import sparse

from .. import wordnet
from ..rule_words import is_generic

#: A synset holding more of the vocabulary's words than this is too broad to say two words mean one thing.
_MOST_WORDS = 6
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _missing() -> None:
    """Say once that alignment runs without WordNet."""
    log.warning("the WordNet database is not in %s (Debian package wordnet-base; scripts/setup.sh installs it): "
                "rule alignment runs without synonyms", wordnet.folder())


def synonym_links(vocab: dict[str, int], surfaces: dict[str, list[str]], senses: int, links: str = "") -> sparse.csr_matrix | None:
    """Vocabulary x vocabulary, 1 where two different single-word stems share a WordNet synset among the
    ``senses`` most frequent senses of their written forms (with ``links``, e.g. ``"+&"``: or one is a synset
    such a sense points to); None without the database or any link. Lexicon concepts and topic-generic words
    take no part (the lexicon already joins its words)."""
    if not senses:
        return None
    if not wordnet.available():
        _missing()
        return None
    core: dict[tuple[str, int], list[int]] = {}  # synset -> columns with it among their senses
    reach: dict[tuple[str, int], list[int]] = {}  # synset -> columns with a sense pointing to it
    for term, col in vocab.items():
        if " " in term or term.startswith("zz") or is_generic(term) or len(term) < 3 or term.isdigit():
            continue
        own: dict[tuple[str, int], None] = {}
        for surface in surfaces.get(term, ()):
            for pos in "nva":
                own.update(dict.fromkeys(wordnet.senses(surface, pos, senses)))
        for synset in own:
            core.setdefault(synset, []).append(col)
            for other in wordnet.related(synset, links) if links else ():
                if other not in own:
                    reach.setdefault(other, []).append(col)
    rows: list[int] = []
    cols: list[int] = []
    for synset in sorted(core):
        members = sorted(set(core[synset]))
        if len(members) > _MOST_WORDS:
            continue
        near = sorted(set(reach.get(synset, ())) - set(members))
        for a in members:
            for b in members + near:
                if a != b:
                    rows += [a, b]
                    cols += [b, a]
    if not rows:
        return None
    m = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(vocab), len(vocab)))
    m.data[:] = 1  # duplicates summed: a link is a link
    return m
