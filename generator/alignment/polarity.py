"""A rule's polarity: whether a clause prohibits, permits, obliges, restricts or states (see :mod:`generator.alignment`)."""
from __future__ import annotations

import re

from ..model import FORCE_OF_MODALITY, Clause
from ..tagging.modality import modal_of

_NEGATION = re.compile(
    r"\b(?:will|shall|must|should|may|can|could|would|do|does|did|to)\s+not\b|\b(?:is|are|be|been)\s+not\s+"
    r"(?:permitted|allowed|acceptable|to)\b|\bnot\s+(?:permitted|allowed)\b|\bnever\b|\bcannot\b|"
    r"\b(?:can|won|don|mustn|shouldn|doesn|isn|aren)'?t\b|\bforbid(?:den)?\b|\bprohibit(?:ed)?\b|"
    r"\bunder no circumstances\b|\bavoid(?:s|ed|ing)?\b|\brefrain\b|\b(?:advised|advises|warned|cautioned|recommended)\s+against\b|^\W*not\b(?!\s+\w+ing\b)|\band\s+not\s+(?!only\b)|"
    r"\b(?:is|are|be)\s+not\s+(?:\w+ly\s+)?\w+(?:ed|en)\b|"
    r"\b(?:no|nobody|no\s+one|none)\s+(?:\w+\s+){0,4}(?:may|must|should|shall|can|will|is|are)\b", re.I)
#: "Accessing offensive material is a serious breach of this Code": a prohibition worded as a consequence.
_IS_BREACH = re.compile(r"\b(?:is|are|constitutes?|amounts? to|will be (?:treated|regarded|considered) as)\s+(?:an?\s+)?"
                        r"(?:serious\s+|gross\s+|major\s+|clear\s+)?(?:breach|violation|misconduct|disciplinary offence)\b", re.I)
_RESTRICT = re.compile(r"\bonly\b|\bsolely\b|\bdecline\b|\b(?:limit|restrict)(?:ed)?\s+(?:\w+\s+){0,6}?to\b", re.I)
_PERMIT_CAPTION = re.compile(r"^\W*(?:acceptable|permitted|allowed)\b", re.I)
_PROHIBIT_CAPTION = re.compile(r"\b(?:unacceptable|forbidden|prohibited|not permitted|don'?ts?)\b|\bnot\s*:?\s*$", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
#: A condition opening a sentence ("If the school does not provide phones, staff may ...") is not its rule.
_CONDITION = re.compile(r"^\W*(?:if|where|when|unless)\b[^,;:]{0,120},", re.I)
#: "Keep your password confidential" is the rule "do not disclose your password", worded as a duty; "keep food and
#: drinks away from your device", "do not eat or drink near it".
_KEEP_SECRET = re.compile(r"\bkeep\b[^.;:]{0,60}?\b(?:confidential|secret|private|to (?:yourself|themselves|himself|herself|myself)|"
                          r"away from)\b",
                          re.I)
#: "The school is not liable for ..." / "cannot accept responsibility for ...": a statement of who bears a loss, not a
#: prohibition, whatever its negation.
_NO_LIABILITY = re.compile(r"\b(?:not|cannot|can't|no)\s+(?:be\s+)?(?:held\s+)?(?:accept\s+|take\s+)?(?:any\s+)?"
                           r"(?:liable|liability|responsib(?:le|ility))\b", re.I)
#: A condition closing a sentence ("Students may download apps provided they do not interfere with ...", "as long as
#: logos are not used"): a negation there qualifies the rule, it does not make it a prohibition.
_TRAILING_CONDITION = re.compile(r"[,;]?\s*\b(?:provided(?:\s+that)?|providing|as\s+long\s+as|so\s+long\s+as|"
                                 r"on\s+condition\s+that|unless|if|except\s+(?:when|where|if))\b.*$", re.I)
_MAY_WISH = re.compile(r"\bmay wish\b|\bmay be (?:useful|necessary)\b", re.I)
#: A rule's polarity from its force (model.FORCE_OF_MODALITY gives a modality's force).
_POLARITY = {"prohibition": "prohibit", "permission": "permit", "obligation": "oblige", "statement": "state"}


def _polarity_of(modality: str) -> str:
    return _POLARITY[FORCE_OF_MODALITY.get(modality, "statement")]


def polarity(clause: Clause, lead_in: str = "") -> str:
    """Whether a clause prohibits, permits, obliges, restricts ("only ...") or states: a lead-in that forbids
    or allows ("Don't:", "They should not:", "Acceptable:") decides, else the clause's first sentence with a
    modal, else its tagged modality; a tagged prohibition is one whatever its words. ``lead_in`` is the text of the clause's lead-in or list caption."""
    if clause.modality and clause.force == "prohibition":  # the tagger's force, which reads lead-ins too
        return "prohibit"
    caption = lead_in.split(". ")[-1]
    if _PROHIBIT_CAPTION.search(caption) or (caption.rstrip().endswith(":") and _NEGATION.search(caption)):
        return "prohibit"
    if _PERMIT_CAPTION.search(caption):
        return "permit"
    for sentence in map(_rule_part, _SENTENCE.split(clause.text)):
        if _NO_LIABILITY.search(sentence):
            return "state"
        if _NEGATION.search(sentence) or _KEEP_SECRET.search(sentence) or _IS_BREACH.search(sentence):
            return "prohibit"
        if _RESTRICT.search(sentence):
            return "restrict"
        modal = modal_of(sentence)
        if modal:
            return _polarity_of(modal)
    return _polarity_of(clause.modality)


def forbids(clause: Clause, lead_in: str, main: str) -> bool:
    """Whether any sentence of a clause prohibits (``main``: its :func:`polarity`): "Staff are responsible for their
    login details. Never share your password" forbids sharing, though its first sentence states a duty."""
    if main in ("prohibit", "restrict") or not _SENTENCE.search(clause.text):  # one sentence: its polarity says it
        return main == "prohibit"
    return any(not _NO_LIABILITY.search(s) and (_NEGATION.search(s) or _KEEP_SECRET.search(s) or _IS_BREACH.search(s))
               for s in map(_rule_part, _SENTENCE.split(clause.text)))


def _rule_part(sentence: str) -> str:
    """The part of a sentence that states its rule: without a condition opening or closing it, nor "may wish"."""
    sentence = _CONDITION.sub("", _MAY_WISH.sub("", sentence))
    main = _TRAILING_CONDITION.sub("", sentence)
    return main if modal_of(main) else sentence
