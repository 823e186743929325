"""Modality: whether a clause obliges, forbids, advises, permits, undertakes (first person) or informs.

The first modal expression in the clause decides; a clause with none inherits the modality of its lead-in
("They should not:") or of a "Do" / "Don't" caption above it; a clause that opens with a bare verb is an
instruction (must); a first-person clause ("I will", "I understand that I must") is an undertaking (will).
"""
from __future__ import annotations

import re

from ..model import Clause

_FIRST_PERSON = re.compile(r"^(?:[\W\d]*)(?:(?:if|when|where|whenever|before|as|while|whilst)\b[^,]*?,?\s*)?(?:i|we)\b(?!\.)", re.I)
_FIRST_PERSON_ANY = re.compile(r"\b(?:i|we) (?:will|shall|must|should|agree|promise|undertake|understand|know|have read|accept)\b", re.I)

_MODALS: list[tuple[str, str]] = [
    ("must-not", r"must not|mustn'?t|must never|shall not|shan'?t|is forbidden|are forbidden|is prohibited|are prohibited|"
                 r"(?:is|are) not (?:permitted|allowed|acceptable|to be)|not be (?:permitted|allowed|tolerated)|may not|"
                 r"cannot|can ?not|can'?t|under no circumstances|will not be (?:permitted|allowed|tolerated)|"
                 r"(?:is|are) strictly forbidden|never|no\b[^.]{0,60}\b(?:may|must|can|shall|are|is)\b"),
    ("should-not", r"should not|shouldn'?t|should never|(?:strongly )?advised not to|advised against|"
                   r"(?:is|are) not (?:advised|recommended)|avoid\w*|ought not"),
    ("must", r"must|shall|(?:is|are) required|required to|(?:has|have|need|needs) to|(?:is|are) (?:only )?to be|"
             r"(?:is|are) to\b|expected to|(?:is|are) (?:obliged|responsible for)|responsible for|only\b[^.]{0,40}\bcan\b"),
    ("should", r"should|ought to|(?:strongly )?advised|(?:is|are) recommended|encouraged to|caution is advised|"
               r"it is (?:important|advisable)|be aware|take care"),
    ("may", r"may|can|(?:is|are) permitted|(?:is|are) allowed|allowed to|(?:is|are) able to|entitled to|"
            r"at the discretion"),
]
_MODAL_RE = re.compile("|".join(f"(?P<m{i}>\\b(?:{p}))" for i, (_, p) in enumerate(_MODALS)), re.I)
_DO = re.compile(r"^\s*(?:dos?|do:)\s*:?\s*$", re.I)
_DONT = re.compile(r"^\s*(?:don'?ts?|do not|never)\s*:?\s*$", re.I)
_IMPERATIVE_NOT = re.compile(r"^[\W\d]*(?:do not|don'?t|never|avoid)\b", re.I)
_IMPERATIVE = re.compile(
    r"^[\W\d]*(?:ensure|use|keep|report|respect|follow|be|alert|seek|take|give|answer|mark|consider|familiari[sz]e|"
    r"ask|only|check|make|protect|lock|remember|think|comply|treat|store|obtain|log|read|sign|tell|inform|notify|"
    r"exercise|set|change|refrain|act|adhere|abide|contact|communicate|put)\b", re.I)


#: "may" / "can" that states a consequence ("may lead to disciplinary action", "can be regarded as gross
#: misconduct") sets no permission; the clause's rule, if any, is in its other modal expressions.
_CONSEQUENCE = re.compile(
    r"\s+(?:also\s+|well\s+|even\s+|then\s+|in turn\s+)?(?:lead|result|constitute|amount|incur|give rise|"
    r"be (?:treated|regarded|considered|seen|deemed|viewed|classed|subject|liable|dealt|reported|referred|"
    r"withdrawn|removed|suspended|investigated|confiscated|taken|a criminal|an offence|illegal|unlawful)|"
    r"face|involve|invoke|have serious|cause|also be)\b", re.I)


def modal_of(text: str) -> str:
    """The modality of a sentence from its first modal expression that states a rule, or "" when it has none."""
    for match in _MODAL_RE.finditer(text):
        modality = _MODALS[int(match.lastgroup[1:])][0]
        if modality == "may" and _CONSEQUENCE.match(text, match.end()):
            continue
        return modality
    return ""


def caption_modality(text: str) -> str:
    """The modality a list caption such as "Do:" or "Don't" gives the items under it."""
    if _DONT.match(text):
        return "must-not"
    if _DO.match(text):
        return "must"
    return ""


def lead_in_modality(text: str) -> str:
    """The modality a lead-in ("Staff must not:") passes to its items."""
    return caption_modality(text) or modal_of(text)


def classify_modality(clause: Clause, parent: Clause | None, headings: list[str]) -> str:
    """The modality of a clause, using its lead-in or parent and a Do/Don't caption when it has none itself."""
    text = clause.text
    if _FIRST_PERSON.match(text) or _FIRST_PERSON_ANY.search(text[:80]):
        return "will"
    if parent is not None and (_FIRST_PERSON.match(parent.text) or _FIRST_PERSON_ANY.search(parent.text)):
        return "will"
    if _IMPERATIVE_NOT.match(text):
        return "must-not"
    own = modal_of(text)
    if own and clause.kind != "lead-in":
        return own
    inherited = lead_in_modality(parent.text) if parent is not None else ""
    if not inherited and headings:
        inherited = caption_modality(headings[-1])
    if inherited:
        return inherited
    if own:
        return own
    if _IMPERATIVE.match(text):
        return "must"
    return "info"


_FORCE = {"must": "obligation", "should": "obligation", "will": "obligation", "must-not": "prohibition",
          "should-not": "prohibition", "will-not": "prohibition", "may": "permission", "info": "statement"}


def force_of(modality: str) -> str:
    """The force a modality carries: obligation, prohibition, permission or statement."""
    return _FORCE.get(modality, "statement")
