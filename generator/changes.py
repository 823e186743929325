"""What changed between two versions of a policy, clause by clause (``aup diff``, the site's change pages, feeds).

Clauses are matched by identity first (a clause id is a digest of its text, so an unchanged clause keeps
it), then by the same words once punctuation, case, white space and list numbering are set aside, then by
wording similarity (:func:`rapidfuzz.fuzz.ratio` over :func:`generator.families.normalise`, as
:func:`generator.families.near_duplicates` compares clauses). A matched pair is *cosmetic* when only
punctuation, white space, numbering or a person's name changed, else *reworded* (with its word diff, from
:func:`generator.families.word_diff`); a change of modality is called out as a force change ("may" became
"must not"). Clauses whose order changed against the others are *moved*.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from .families import normalise, word_diff
from .model import Clause, Document

#: Least wording similarity (0-100) for two clauses to count as one clause reworded, not one removed and one added.
REWORDED = 60.0
#: Change kinds, substantive first.
KINDS = ("added", "removed", "reworded", "moved", "cosmetic")
_NUMBERING = re.compile(r"^\s*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,5})[.)]\s+|[-*\u2022\u25aa\u25cf\u2013]\s+)", re.I)
_NAME = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?|[A-Z][a-z'\u2019-]+|[A-Z]\.)[,.;:]?$")


@dataclass
class Change:
    """One clause's change: added, removed, reworded, moved or cosmetic."""

    kind: str
    old: Clause | None = None
    new: Clause | None = None
    diff: list[tuple[str, str]] = field(default_factory=list)  # word diff ('equal'|'delete'|'insert', words)
    why: str = ""  # what made a cosmetic change cosmetic: punctuation, white space, numbering, a renamed person
    moved: bool = False  # a reworded or cosmetic clause that also moved

    @property
    def force(self) -> tuple[str, str] | None:
        """(old modality, new modality) when the clause's force changed ("may" became "must not")."""
        if self.old is None or self.new is None:
            return None
        a, b = self.old.modality or "info", self.new.modality or "info"
        return (a, b) if a != b else None

    @property
    def substantive(self) -> bool:
        """Whether the change alters what the policy says (not cosmetic, not only moved)."""
        return self.kind in ("added", "removed", "reworded")

    def to_dict(self) -> dict[str, Any]:
        """The change as ``aup diff --json`` prints it."""
        def clause(c: Clause | None) -> dict[str, Any] | None:
            return None if c is None else {"id": c.id, "label": c.label, "text": c.text, "modality": c.modality,
                                           "heading": list(c.heading)}
        out: dict[str, Any] = {"kind": self.kind, "substantive": self.substantive, "old": clause(self.old),
                               "new": clause(self.new)}
        if self.diff:
            out["diff"] = [list(op) for op in self.diff]
        if self.why:
            out["why"] = self.why
        if self.moved:
            out["moved"] = True
        if self.force:
            out["force"] = {"from": self.force[0], "to": self.force[1], "says": force_text(self.force)}
        return out


@dataclass
class Changes:
    """Every clause change from one version of a policy to another, in the new version's order."""

    changes: list[Change] = field(default_factory=list)

    def of(self, kind: str) -> list[Change]:
        """The changes of one kind."""
        return [c for c in self.changes if c.kind == kind]

    @property
    def substantive(self) -> list[Change]:
        """Changes that alter what the policy says."""
        return [c for c in self.changes if c.substantive]

    @property
    def forces(self) -> list[Change]:
        """Reworded clauses whose force changed."""
        return [c for c in self.changes if c.force]

    def summary(self) -> str:
        """"2 removed, 1 added, 2 reworded (1 force change); 1 cosmetic" (or "no changes")."""
        parts = [f"{len(self.of(k))} {k}" for k in KINDS if self.of(k)]
        if self.forces:
            parts.append(f"{len(self.forces)} force change{'s' if len(self.forces) > 1 else ''}")
        return ", ".join(parts) or "no changes"


def modality_text(modality: str) -> str:
    """A modality as the words a reader sees: "must not", "may", "states"."""
    return "states" if modality in ("", "info") else modality.replace("-", " ")


def force_text(force: tuple[str, str]) -> str:
    """'"may" became "must not"'."""
    return f'"{modality_text(force[0])}" became "{modality_text(force[1])}"'


def _words(text: str) -> str:
    return " ".join(normalise(_NUMBERING.sub("", text, count=1)))


def _cosmetic(old: Clause, new: Clause, diff: list[tuple[str, str]]) -> str:
    """Why a change of wording is cosmetic, or "" when it is not."""
    if old.text == new.text:
        return "numbering" if old.label != new.label else ""
    if " ".join(old.text.split()) == " ".join(new.text.split()):
        return "white space"
    if _words(old.text) == _words(new.text):
        return "numbering" if normalise(old.text) != normalise(new.text) else "punctuation"
    changed = [(op, t) for op, t in diff if op != "equal"]
    ops = {op for op, _ in changed}
    if ops == {"delete", "insert"} and all(_NAME.match(w) for _, t in changed for w in t.split()):
        return "renamed person"
    return ""


def _pairs(old: list[Clause], new: list[Clause]) -> dict[int, int]:
    """new index -> old index of each matched clause: same id, then same words, then similar wording."""
    matched: dict[int, int] = {}
    old_ids = {c.id: i for i, c in enumerate(old)}
    for j, c in enumerate(new):
        if c.id in old_ids:
            matched[j] = old_ids[c.id]
    used = set(matched.values())
    by_words: dict[str, list[int]] = {}
    for i, c in enumerate(old):
        if i not in used:
            by_words.setdefault(_words(c.text), []).append(i)
    for j, c in enumerate(new):
        if j not in matched and by_words.get(_words(c.text)):
            matched[j] = by_words[_words(c.text)].pop(0)
    used = set(matched.values())
    rest_old = [i for i in range(len(old)) if i not in used]
    rest_new = [j for j in range(len(new)) if j not in matched]
    if rest_old and rest_new:
        scores = process.cdist([_words(new[j].text) for j in rest_new], [_words(old[i].text) for i in rest_old],
                               scorer=fuzz.ratio, score_cutoff=REWORDED)
        candidates = sorted(((float(scores[a][b]), a, b) for a in range(len(rest_new)) for b in range(len(rest_old))
                             if scores[a][b] >= REWORDED), key=lambda t: (-t[0], t[1], t[2]))
        taken_new: set[int] = set()
        taken_old: set[int] = set()
        for _, a, b in candidates:  # best pairs first, each clause once
            if a not in taken_new and b not in taken_old:
                taken_new.add(a)
                taken_old.add(b)
                matched[rest_new[a]] = rest_old[b]
    return matched


def _in_order(matched: dict[int, int]) -> set[int]:
    """The new indexes of the longest run of matched clauses that kept their order (the others moved)."""
    seq = sorted(matched)
    tails: list[int] = []  # patience sorting over the old indexes, keeping back-pointers
    tail_at: list[int] = []
    back: dict[int, int | None] = {}
    for j in seq:
        i = matched[j]
        k = bisect.bisect_left(tails, i)
        back[j] = tail_at[k - 1] if k else None
        if k == len(tails):
            tails.append(i)
            tail_at.append(j)
        else:
            tails[k], tail_at[k] = i, j
    kept: set[int] = set()
    node = tail_at[-1] if tail_at else None
    while node is not None:
        kept.add(node)
        node = back[node]
    return kept


def diff_documents(old: Document, new: Document) -> Changes:
    """Every clause change from ``old`` to ``new`` (two versions of one policy)."""
    matched = _pairs(old.clauses, new.clauses)
    kept = _in_order(matched)
    removed = sorted(set(range(len(old.clauses))) - set(matched.values()))
    changes: list[Change] = []
    for j, clause in enumerate(new.clauses):
        if j not in matched:
            changes.append(Change("added", new=clause))
            continue
        before = old.clauses[matched[j]]
        moved = j not in kept
        if before.text == clause.text and before.label == clause.label:
            if moved:
                changes.append(Change("moved", before, clause))
            continue
        diff = [(op, t) for op, t in word_diff(before.text, clause.text) if t]
        why = _cosmetic(before, clause, diff)
        changes.append(Change("cosmetic" if why else "reworded", before, clause, diff, why, moved))
    # a removed clause is listed where it stood: after the change of the clause that preceded it
    position = {id(c.old): k for k, c in enumerate(changes) if c.old is not None}
    for i in reversed(removed):
        earlier = [position[id(old.clauses[p])] for p in range(i) if id(old.clauses[p]) in position]
        changes.insert(max(earlier) + 1 if earlier else 0, Change("removed", old=old.clauses[i]))
        position = {id(c.old): k for k, c in enumerate(changes) if c.old is not None}
    return Changes(changes)


def diff_text(diff: list[tuple[str, str]]) -> str:
    """A word diff as plain text: ``[-old words-]{+new words+}``."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[op].format(t) for op, t in diff)


def changes_text(changes: Changes) -> list[str]:
    """The lines ``aup diff`` prints: the summary, then one block per change."""
    lines = [changes.summary()]
    for c in changes.changes:
        if c.kind == "added":
            lines.append(f"+ added     [{c.new.id}] {c.new.text}")
        elif c.kind == "removed":
            lines.append(f"- removed   [{c.old.id}] {c.old.text}")
        elif c.kind == "moved":
            lines.append(f"> moved     [{c.new.id}] {c.new.text}")
        else:
            head = "~ reworded " if c.kind == "reworded" else f"= cosmetic ({c.why})"
            lines.append(f"{head} [{c.old.id} -> {c.new.id}]{' (moved)' if c.moved else ''} {diff_text(c.diff)}")
        if c.force:
            lines.append(f"  ! force: {force_text(c.force)}")
    return lines
