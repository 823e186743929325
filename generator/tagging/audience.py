"""Audience: who a clause binds (staff, pupils, governors, visitors, volunteers, parents, contractors).

The subject of the clause decides when it names one (audience words before the first verb of obligation,
not after "to", "with", "about" ...); otherwise its headings; otherwise the document's stated audiences.
A first-person clause binds whoever signs: pupils in a pupils' agreement or where it speaks of asking a
teacher or an adult, otherwise the document's adult audiences.
"""
from __future__ import annotations

import functools
import re

from ..model import AUDIENCES, Clause, Document
from .literals import ODD_CASE, lowered

_WORDS: dict[str, str] = {
    "staff": r"staff|employees?|teachers?|members? of staff|school staff|colleagues|workforce|practitioners?",
    "pupils": r"pupils?|children|child|students?|learners?|young people",
    "governors": r"governors?|governing body",
    "visitors": r"visitors?|guests?",
    "volunteers": r"volunteers?|helpers?|student teachers?|trainees?",
    "parents": r"parents?|carers?|families",
    "contractors": r"contractors?|contracted providers?|third part(?:y|ies)|suppliers?|supply staff",
}
_AUDIENCE_RE = re.compile("|".join(f"(?P<{k}>\\b(?:{v})\\b)" for k, v in _WORDS.items()), re.I)
#: The same matches at the same places, case-sensitively over the lower-cased text (see ``literals.lowered``).
_AUDIENCE_FAST = lowered(_AUDIENCE_RE)
_VERB = re.compile(r"\b(must|should|shall|will|may|can|cannot|are|is|have|has|need|needs|agree|accept|do|does|"
                   r"understand|required|permitted|allowed|expected|advised)\b", re.I)
#: An audience word after a preposition is an object, also further down a list ("with parents and pupils",
#: "for contacting parents and/or pupils").
_OBJECT_BEFORE = re.compile(r"\b(to|with|about|of|from|for|by|towards|on|at|between|any|other|our|their|ex)\s+(?:\w+\s+)?"
                            r"(?:[\w'’]+\s*(?:\band/or\b|,|\band\b|\bor\b|&|/)\s*){0,4}$", re.I)
_FIRST_PERSON = re.compile(r"^[\W\d]*(?:(?:if|when|where|whenever|before)\b[^,]*?,?\s*)?i\b|\bi (?:will|must|should|understand|agree|know|have)\b", re.I)
_PUPIL_CUES = re.compile(r"\b(a teacher|an adult|trusted adult|grown[- ]?up|my teacher|my parents|my class|\bTA\b|stranger)", re.I)
#: The same searches, case-sensitively over the lower-cased text (``literals.lowered``; None: not promised).
_VERB_FAST, _OBJECT_BEFORE_FAST, _PUPIL_CUES_FAST = lowered(_VERB), lowered(_OBJECT_BEFORE), lowered(_PUPIL_CUES)


def audiences_in(text: str, subject_only: bool = True) -> list[str]:
    """The audiences a piece of text names; with ``subject_only``, only those before its first verb and not objects."""
    return list(_audiences_in(text, subject_only))


@functools.lru_cache(maxsize=16384)  # headings are read again for every clause under them
def _audiences_in(text: str, subject_only: bool) -> tuple[str, ...]:
    end = len(text)
    sure = ODD_CASE.search(text) is None  # lower-casing keeps every character's place
    low = text.lower()
    if subject_only:
        verb = _VERB_FAST.search(low) if sure and _VERB_FAST else _VERB.search(text)
        end = verb.start() if verb else min(len(text), 60)
    found: list[str] = []
    fast = _AUDIENCE_FAST is not None and sure
    objects = (_OBJECT_BEFORE_FAST, low) if sure and _OBJECT_BEFORE_FAST else (_OBJECT_BEFORE, text)
    for match in (_AUDIENCE_FAST.finditer(low, 0, end) if fast else _AUDIENCE_RE.finditer(text, 0, end)):
        if subject_only and objects[0].search(objects[1][max(0, match.start() - 60):match.start()]):
            continue
        if match.lastgroup and match.lastgroup not in found:
            found.append(match.lastgroup)
    return tuple(_ordered(found))


def _ordered(found: list[str]) -> list[str]:
    return [a for a in AUDIENCES if a in found]


def document_audiences(doc: Document) -> list[str]:
    """The audiences the document states, or staff when it states none."""
    return _ordered(list(doc.metadata.audiences)) or ["staff"]


def classify_audience(clause: Clause, doc: Document, headings: list[str], pupil_voice: bool) -> list[str]:
    """The audiences a clause binds: from its subject, then its headings, then the document."""
    text = clause.text
    first_person = bool(_FIRST_PERSON.search(text[:120]))
    if first_person:
        if pupil_voice or (_PUPIL_CUES_FAST.search(text.lower()) if _PUPIL_CUES_FAST and ODD_CASE.search(text) is None
                           else _PUPIL_CUES.search(text)):
            return ["pupils"]
        for heading in reversed(headings):
            named = [a for a in audiences_in(heading, subject_only=False) if a != "pupils"]
            if named:
                return named
        adults = [a for a in document_audiences(doc) if a != "pupils"]
        return adults or ["staff"]
    own = audiences_in(text)
    if own:
        return own
    for heading in reversed(headings):
        named = audiences_in(heading, subject_only=False)
        if named:
            return named
    if pupil_voice:
        return ["pupils"]
    stated = document_audiences(doc)
    adults = [a for a in stated if a != "pupils"]
    return adults or stated
