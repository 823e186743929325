"""Where a clause names other policies ("read with the Social Media and Data Protection Policies").

A term found only in a policy's name says which policy the clause points to, not what the clause is about,
so the tagger (:mod:`.tagger`) counts it for less.
"""
from __future__ import annotations

import re

from .literals import ODD_CASE

_POLICY_WORD = re.compile(r"\bpolic(?:y|ies)\b", re.I)
_NAME_TOKEN = re.compile(r"[\w'’.]+(?:-[\w'’.]*)*-?|[,&/]")
_CONNECTORS = {",", "&", "/", "and", "or", "of", "for", "on", "the", "to", "in"}
#: Words that end a lower-case policy name read backwards ("the e-safety policy", "our data protection policy").
_NAME_STOP = {"the", "a", "an", "this", "that", "these", "our", "your", "their", "its", "his", "her", "my", "any",
              "all", "each", "every", "relevant", "appropriate", "separate", "own", "current", "new", "with", "to",
              "of", "in", "on", "for", "and", "or", "by", "under", "see", "per", "school", "school's", "schools",
              "schools'", "academy", "academy's", "trust", "trust's", "county", "council", "following", "other",
              "related", "whole", "is", "are", "be", "as", "from", "which", "separately", "wider"}
_NAME_MAX = 10
_AFTER = {"on", "for", "regarding", "about"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "our", "your", "their", "its", "his", "her", "my",
                "any", "each", "every", "all"}


def _capital(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and any(ch.isupper() for ch in token))


def _joined(text: str, left: re.Match[str], right_start: int) -> bool:
    """Whether only spaces lie between a token and what follows it."""
    return not text[left.end():right_start].strip()


def policy_names(text: str) -> list[tuple[int, int]]:
    """Where the text names other policies: the words before "Policy" / "Policies" ("the Social Media, Data
    Protection and Communications Policies", "the schools GDPR policies", "the e-safety policy") and a
    capitalised title after "Policy on|for" ("the Policy for Staff Use of Mobile Phones").

    A term found only in a policy's name says which policy the clause points to, not what the clause is
    about, so it counts for less (``policy_name_weight``). The word "policy" itself is not part of the name,
    so terms such as "behaviour policy" still count in full. Text mostly in capitals is read as lower case.
    """
    if "polic" not in text.lower() and ODD_CASE.search(text) is None:
        return []  # no "policy" nor "policies" (lower-casing keeps those letters' places without ODD_CASE ones)
    letters = list(filter(str.isalpha, text))
    shouting = bool(letters) and sum(map(str.isupper, letters)) > 0.6 * len(letters)
    spans = []
    for m in _POLICY_WORD.finditer(text):
        before = list(_NAME_TOKEN.finditer(text, 0, m.start()))
        start, k, right = None, len(before) - 1, m.start()
        capitals = not shouting and k >= 0 and _capital(before[k].group(0))
        while k >= 0 and len(before) - 1 - k < (_NAME_MAX if capitals else 3) and _joined(text, before[k], right):
            word = before[k].group(0)
            if capitals:
                if word.lower() in _DETERMINERS:
                    break
                if _capital(word):
                    start = before[k].start()
                elif word.lower() not in _CONNECTORS:
                    break
            elif word.lower() in _NAME_STOP or not word[:1].isalnum():
                break
            else:
                start = before[k].start()
            right = before[k].start()
            k -= 1
        if start is not None:
            spans.append((start, m.start()))
        if shouting:
            continue
        after = list(_NAME_TOKEN.finditer(text, m.end(), min(len(text), m.end() + 120)))
        if len(after) >= 2 and after[0].group(0).lower() in _AFTER and _joined(text, m, after[0].start()):
            end, left = None, after[0]
            for tok in after[1:_NAME_MAX + 1]:
                if not _joined(text, left, tok.start()):
                    break
                if _capital(tok.group(0)):
                    end = tok.end()
                elif tok.group(0).lower() not in _CONNECTORS:
                    break
                left = tok
            if end is not None:
                spans.append((after[1].start(), end))
    return spans
