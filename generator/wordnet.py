"""WordNet, read offline from the Princeton database files (Debian's ``wordnet-base``: /usr/share/wordnet).

One small reader for rule alignment: :func:`senses` gives the synsets of a word (its most frequent senses
first, the base form found with WordNet's own morphology: exception lists, then suffix rules), and
:func:`related` the synsets a synset points to (derivational links, hypernyms, similar-to). Nothing is
downloaded: when the database is absent (:func:`available` is False) every lookup is empty, and alignment
runs on words, the lexicon and embeddings alone. ``AUP_WORDNET`` names another folder holding the files.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

#: The database folder Debian's ``wordnet-base`` installs (scripts/setup.sh installs it).
DEFAULT_DIR = "/usr/share/wordnet"
_POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
#: WordNet's detachment rules (morphy): suffix -> ending of the base form, per part of speech.
_RULES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}
#: Pointer symbols followed by :func:`related`: derivationally related form, hypernym, similar-to, pertainym,
#: participle ("monitored" -> "monitor").
_LINKS = {"+", "@", "&", "\\", "<"}


def folder() -> Path:
    """The folder the database files are read from."""
    return Path(os.environ.get("AUP_WORDNET") or DEFAULT_DIR)


def available() -> bool:
    """Whether the WordNet database files are there to read."""
    return all((folder() / f"{kind}.{pos}").is_file() for pos in _POS.values() for kind in ("index", "data"))


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, tuple[int, ...]]]:
    """part of speech -> lemma -> synset offsets, most frequent sense first (empty without the database)."""
    out: dict[str, dict[str, tuple[int, ...]]] = {p: {} for p in _POS}
    if not available():
        return out
    for p, name in _POS.items():
        table = out[p]
        with open(folder() / f"index.{name}", encoding="latin-1") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue  # the licence header
                parts = line.split()
                n_synsets, n_pointers = int(parts[2]), int(parts[3])
                table[parts[0]] = tuple(int(x) for x in parts[6 + n_pointers:6 + n_pointers + n_synsets])
    return out


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, dict[str, tuple[str, ...]]]:
    """part of speech -> irregular form -> base forms (e.g. noun ``children`` -> ``child``)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {p: {} for p in _POS}
    for p, name in _POS.items():
        path = folder() / f"{name}.exc"
        if path.is_file():
            for line in path.read_text(encoding="latin-1").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    out[p][parts[0]] = tuple(parts[1:])
    return out


def base_forms(word: str, pos: str) -> list[str]:
    """The WordNet lemmas a word form can be of one part of speech (``n``, ``v``, ``a``, ``r``): itself, an
    irregular form's base, or what a suffix rule leaves (morphy)."""
    index = _index()[pos]
    word = word.lower().replace(" ", "_")
    forms = [word] + list(_exceptions()[pos].get(word, ()))
    forms += [word[: -len(suffix)] + ending for suffix, ending in _RULES[pos]
              if word.endswith(suffix) and len(word) > len(suffix) + 1]
    return [f for f in dict.fromkeys(forms) if f in index]


@lru_cache(maxsize=1 << 16)
def senses(word: str, pos: str, most: int = 2) -> tuple[tuple[str, int], ...]:
    """A word form's synsets of one part of speech as (pos, offset): the ``most`` most frequent senses of
    each lemma it can be (WordNet orders senses by frequency in its tagged corpus)."""
    index = _index()[pos]
    out: list[tuple[str, int]] = []
    for lemma in base_forms(word, pos):
        out += [(pos, off) for off in index[lemma][:most]]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1 << 16)
def related(synset: tuple[str, int], links: str = "+@&\\<") -> tuple[tuple[str, int], ...]:
    """The synsets one synset points to by the given pointer symbols (default: derivation, hypernym, similar-to,
    pertainym, participle), read from its line of the data file."""
    pos, offset = synset
    if not available():
        return ()
    with open(folder() / f"data.{_POS[pos]}", "rb") as fh:
        fh.seek(offset)
        parts = fh.readline().decode("latin-1").split(" | ")[0].split()
    n_words = int(parts[3], 16)
    at = 4 + 2 * n_words
    n_pointers = int(parts[at])
    out = []
    for k in range(n_pointers):
        symbol, target, target_pos = parts[at + 1 + 4 * k: at + 4 + 4 * k]
        if symbol in links and symbol in _LINKS:
            out.append(("a" if target_pos == "s" else target_pos, int(target)))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1 << 16)
def lemmas(synset: tuple[str, int]) -> tuple[str, ...]:
    """The words of a synset (for reading and tests)."""
    pos, offset = synset
    if not available():
        return ()
    with open(folder() / f"data.{_POS[pos]}", "rb") as fh:
        fh.seek(offset)
        parts = fh.readline().decode("latin-1").split()
    n_words = int(parts[3], 16)
    return tuple(parts[4 + 2 * k].split("(")[0].replace("_", " ").lower() for k in range(n_words))


def clear() -> None:
    """Forget what was read (after ``AUP_WORDNET`` changes, e.g. in tests)."""
    for cached in (_index, _exceptions, senses, related, lemmas):
        cached.cache_clear()
