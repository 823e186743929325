"""First-person pledges: "I will ..." undertakes (will), "I will not ..." promises not to (will-not), "I understand
that ..." takes the force of what is understood, and the school's own "We will ..." undertakes.

:mod:`.modality` reads a clause's force with these; the modal words themselves are :mod:`.modals`.
"""
from __future__ import annotations

import re

from .modals import modal_of
from .statements import first_sentence, states_only

FIRST_PERSON = re.compile(r"^(?:[\W\d]*)(?:(?:if|when|where|whenever|before|as|while|whilst)\b[^,]*?,?\s*)?(?:then\s+)?i\b(?!\.)", re.I)
WE_WILL = re.compile(r"^[\W\d]*(?:as a school,?\s*)?(?:we|(?:the|our) (?:school|college|academy|trust|setting|nursery))"
                      r" (?:will|shall|undertakes?|promises?|agrees?)\b(?!(?: therefore| also| then| not)? (?:be(?! (?:open|honest|transparent|clear|fair|consistent|"
                      r"respectful|vigilant|discreet)\b)|try|aim|hope|seek|want|wish)\b)", re.I)
#: "We do not / don't / never <verb>": a class charter's or the school's rule not to (a disclaimer is read before).
WE_DO_NOT = re.compile(r"^[\W\d]*we (?:do not|don'?t|never|will never)\s+(?!know\b|have\b|need\b|expect\b|currently\b)[a-z]+", re.I)
#: A parent's consent given or withheld ("I give permission for my child to use ...", "I do not consent to ..."): no rule.
CONSENT = re.compile(r"^[\W\d]*(?:as (?:the|a) [^,]{1,60},\s*)?i (?:have read [^.]{1,120}? and )?(?:do not |don'?t |hereby )?"
                     r"(?:(?:give|grant|withhold|refuse) (?:my )?(?:permission|consent)|consent)\b", re.I)
#: First-person words that promise not to do something, and those that promise to.
_PLEDGE_NOT = re.compile(r"(?<!\bif )\b(?:i|we|school|college|academy|trust|setting|nursery) (?:will not|won'?t|shall not|will never|shall never|do not|don'?t|never|"
                         r"(?:agree|undertake|promise) not to|must not|must never|cannot|can'?t|should not|"
                   r"may not)\b", re.I)
_PLEDGE = re.compile(r"\b(?:i|we|school|college|academy|trust|setting|nursery) (?:will(?! be \w+ed\b)|shall|agree|undertake|promise|accept|confirm|have read|must|need to|"
                     r"(?:always|only) \w+)\b", re.I)
#: "I understand that ..." / "I know that ...": the force is the one of what is understood.
UNDERSTAND = re.compile(r"^[\W\d]*i (?:understand|know|appreciate|recognise|recognize|acknowledge|am aware)"
                         r"(?: and \w+)?(?: that)?\b", re.I)
#: "I ask an adult", "I keep my information private": a pupil's pledge in the present tense.
PRESENT_PLEDGE = re.compile(r"^[\W\d]*(?:(?:if|when|whenever)\b[^,]*,\s*(?:then\s+)?)?i (?!understand|know|appreciate|"
                             r"recognise|am aware|have|had|was|feel|can\b|may\b|could\b|might\b)(?:\w+ly )?[a-z]+\b", re.I)


_AGREE_THAT = re.compile(r"^[\W\d]*(?:i|we) (?:agree|confirm|promise|undertake|declare) that\b", re.I)
CONDITION = re.compile(r"^[\W\d]*(?:if|when|whenever)\b.*?(?:,|\bthen\b)\s*", re.I)


def pledge(text: str) -> str:
    """The modality of a first-person sentence: an undertaking (will / will-not) or what it says it understands."""
    understood = UNDERSTAND.match(text)
    if understood:
        rest = text[understood.end():]
        if WE_WILL.match(rest) or states_only(rest, item=True):
            return ""  # "I understand that the school will monitor my use", "... that if I fail to comply ...": facts
        own = modal_of(rest)
        if own == "may" and not re.match(r"[\s,]*(?:that\s+)?i\b", rest, re.I):
            return ""  # "I know that my teacher can see what I do": what others can do is a fact, no permission
        signer = [m for m in (_PLEDGE_NOT.search(rest), _PLEDGE.search(rest)) if m and m.group().lower().startswith("i ")]
        if signer and signer[0].re is _PLEDGE_NOT:
            return "will-not"
        if own:
            return own
        if signer or re.search(r"(?:\band\b|,)\s*(?:will (?!be\b|not be\b|have\b)|(?:agree|undertake|promise) to\b)", rest, re.I):
            return "will"
        return ""
    agreed = _AGREE_THAT.match(text)
    if agreed:  # "I agree that I will not:" promises what follows "that"
        return "will-not" if _PLEDGE_NOT.search(text, agreed.end()) or modal_of(text[agreed.end():]) == "must-not" else "will"
    condition = CONDITION.match(text)
    main = text[condition.end():] if condition and condition.end() < len(text) else text
    not_at = _PLEDGE_NOT.search(main)
    yes_at = _PLEDGE.search(main)
    if not_at and (not yes_at or not_at.start() <= yes_at.start()):
        return "will-not"
    first = first_sentence(main)
    if not_at and not_at.start() < len(first) and re.search(r"(?:,|\band|\bbut)\s*$", main[:not_at.start()]) or \
            yes_at and re.search(r"\b(?:and|but)\s+(?:(?:it|they|i|we)\s+)?(?:will not|won'?t|will never)\b", first[yes_at.end():]):
        return "will-not"  # "I will respect system security and (I) will not disclose any password": the pledge not to decides
    if yes_at:
        return "will"
    return ""
