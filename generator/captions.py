"""Captions: the short lines that give the list under them its force ("Do:", "Don'ts", "Unacceptable use",
"Forbidden", "Acceptable:"). The readers use them to see a list whose bullets a copy lost under a caption; the
tagger (:mod:`generator.tagging.modality`) reads the force they pass to their items.
"""
from __future__ import annotations

import re

#: Captions and lead-ins that give their items a polarity without a modal verb.
NEG_CAPTION = re.compile(
    r"\b(?:unacceptable|inappropriate|forbidden|prohibited|not (?:permitted|allowed|acceptable)|misuse|abuse|"
    r"banned|don'?ts?|do not(?! (?:have|need) to)|never|restricted activities|not to|illegal activities|an offence to)\b|\bnot\s*:?\s*$", re.I)
AVOID_CAPTION = re.compile(r"\b(?:avoid|should not|advised not)\b", re.I)
#: "Do:", "DON'TS", also after a short opening phrase ("When emailing, DO:", "With personal data, DON'T:").
DO = re.compile(r"^\s*(?:[^:,.]{1,40},\s*)?(?:do'?s|do|do:|always)\s*:?\s*$", re.I)
DONT = re.compile(r"^\s*(?:[^:,.]{1,40},\s*)?(?:don'?ts?|do not|never)\s*:?\s*$", re.I)
PERMIT_CAPTION = re.compile(r"^\s*(?:(?:examples of )?acceptable(?: use| uses| activities| behaviour)?|"
                            r"(?:examples of )?(?:sensible|appropriate|approved|suitable|good) uses?|"
                            r"permitted(?: use| uses| activities)?|you (?:may|can)|allowed)\s*(?:includes?)?\s*:?\s*$", re.I)
#: A heading that is a caption for the list under it ("Unacceptable use", "Prohibited activities", "Don'ts"),
#: not a topic that merely names misuse ("Cyberbullying and abuse", "Misuse of ICT").
HEADING_CAPTION = re.compile(r"^[\W\d]*(?:unacceptable|inappropriate|prohibited|forbidden|banned|restricted|illegal|"
                             r"not (?:permitted|allowed|acceptable)|examples of (?:misuse|unacceptable)|things not to)\b", re.I)


def caption_modality(text: str) -> str:
    """The modality a caption ("Do:", "Don't", "Unacceptable use", "Acceptable:") gives the items under it."""
    if DONT.match(text):
        return "must-not"
    if DO.match(text):
        return "must"
    if PERMIT_CAPTION.match(text):
        return "may"
    if len(text.split()) <= 6 and NEG_CAPTION.search(text):
        return "should-not" if AVOID_CAPTION.search(text) else "must-not"
    return ""


def is_caption_heading(title: str) -> bool:
    """Whether a title of at most four words is a caption for the list under it ("Forbidden", "Don'ts",
    "Acceptable use", "Prohibited activities"), not a topic ("Cyberbullying and abuse")."""
    title = title.strip()
    return len(title.split()) <= 4 and bool(DONT.match(title) or DO.match(title) or PERMIT_CAPTION.match(title)
                                            or HEADING_CAPTION.match(title))


def caption_force(title: str) -> str:
    """The modality a caption heading gives the list under it ("" when the title is no caption): a caption that
    names no modality of its own ("Prohibited activities", "Illegal") forbids."""
    return (caption_modality(title.strip()) or "must-not") if is_caption_heading(title) else ""
