"""Find which of many literal strings occur in a text, in one regular-expression pass (the tagger's pre-filter)."""
from __future__ import annotations

import re


def trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of the words, written as a trie so that one pass finds them; at a
    position where several match it takes the longest (the others are its prefixes)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


class Literals:
    """Every literal of the plain terms, found in a lower-cased text in one regular-expression pass."""

    def __init__(self, literals: set[str]) -> None:
        ordered = sorted(literals)
        self.finder = re.compile(f"(?=({trie_pattern(ordered)}))") if ordered else None
        self.prefixes = {lit: frozenset(p for p in (lit[:k] for k in range(1, len(lit) + 1)) if p in literals)
                         for lit in ordered}

    def present(self, lowered: str) -> set[str]:
        """The literals that occur in the text."""
        found: set[str] = set()
        if self.finder is not None:
            for m in self.finder.finditer(lowered):
                found |= self.prefixes[m.group(1)]
        return found
