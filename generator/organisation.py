"""Finding the organisation a read policy names itself by: every place it states a name, weighed.

The rules for what a name is live in :mod:`generator.naming`; this module reads a source's lines (name
lines, running headers and footers, titles, definitions, subjects, possessives, mentions) for evidence and
chooses the organisation the evidence points to.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .model import SourceDocument
from .naming import GENERIC, ORG_HEAD, OTHERS, PARENT, TEMPLATE, is_organisation_name, names_in, tidy_name
from .text import squash

#: Organisation words a passing mention in running text may end with (no councils or trusts: a policy names
#: the council or trust it buys services from as often as its own).
_SCHOOLISH = re.compile(r"(?i:public\s+schools|learning\s+cent(?:re|er)|pre-?\s?school|preschool|school|academy|"
                        r"college|district|nursery|montessori|primary|high|infants?|juniors?|clc|schools?\s+group|schools|school\s+board|school\s+division|n\.\s?s\.?|"
                        r"education(?:al)?\s+group|group\s+of\s+schools|vidyalaya|vidyalayam|vidyapeeth|vidyapith|vidya\s+mandir|vidya\s+niketan|"
                        r"vidya\s+bhavan|shiksha\s+niketan|c?isd|c?usd)$|" + ORG_HEAD.pattern)
#: Organisation words a sentence may have as its subject and still be about the policy's own organisation (a
#: council or a university that "provides" something is a supplier).
_OWN = re.compile(rf"{_SCHOOLISH.pattern}|(?i:trust|federation)$")
#: Words of a policy's title ("Acceptable Use Policy for ...").
TITLE_WORDS = re.compile(r"\b(?:polic(?:y|ies)|agreement|acceptable\s+use|aup|code\s+of\s+conduct|e-?\s?safety|online\s+safety|"
                         r"guidelines|statement|rules)\b", re.I)
_VERBS = (r"provides?|offers?|is|are|has|have|will|aims?|believes?|recogni[sz]es?|expects?|encourages?|uses?|"
          r"reserves?|owns?|operates?|seeks?|strives?|acknowledges?|understands?|takes?|requires?|makes?|"
          r"regards?|values?|may|must|shall|considers?|supports?|wants?|wishes|welcomes?|serves?|educates?|"
          r"teaches|runs|admits|delivers?|is\s+committed|has\s+adopted|adopts?")


#: A local authority's name: it publishes model policies that schools adopt.
_COUNCIL = re.compile(r"\b(?:council|authority)$", re.I)
#: A page number at the start or the end of a running line ("Page 3 of 3", "p. 2").
_PAGE_START = re.compile(r"^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\b", re.I)
_PAGE_END = re.compile(r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def _without_page_number(line: str) -> str:
    """A running line without the page number at its start or end."""
    line = _PAGE_START.sub("", line).lstrip(" |\u2022\u00b7-\u2013\u2014")
    m = _PAGE_END.search(line)
    return (line[:m.start()] if m else line).rstrip(" |\u2022\u00b7-\u2013\u2014")


def _copyright_name(text: str) -> str:
    """The name a copyright part gives: "© 2024 Whitmore Hall School. All rights reserved." -> "Whitmore Hall School"."""
    name = re.sub(r"^(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*", "", text.strip(), flags=re.I)
    name = re.sub(r"^(?:19|20)\d\d\b", "", name).strip(" ,.")
    if name.lower().endswith("all rights reserved"):
        name = name[:-len("all rights reserved")].strip(" ,.")
    return re.sub(r"\b(?:19|20)\d\d$", "", name).strip(" ,.")


#: What a school's name follows when the text says the school is its owner: "the Governing Body of X", "signed on
#: behalf of X", "the ICT Policy of X".
_OF_OWNER = re.compile(r"\b(?:governors|governing\s+body|board|headteacher|principal|staff|pupils|students|on\s+behalf|"
                       r"polic(?:y|ies)|agreement|rules|guidelines|code\s+of\s+conduct)\s+of\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class Evidence:
    """A name found in a document and how strongly the place it was found in says it is the document's own."""

    name: str
    weight: int
    how: str


#: Where a copyright part starts: the sign anywhere, the word at the start of the line or of a part.
_MARK = re.compile(r"©|\(c\)(?=\s*\d)|(?:^|(?<=[|\u2022\u00b7]\s)|(?<=[|\u2022\u00b7]))copyright\b", re.I)
_COMPANY = re.compile(r"\b(?:ltd|limited|plc|inc|llc|cic)\b", re.I)


def _copyright_evidence(line: str) -> tuple[list[Evidence], str]:
    """A school's own copyright line names it ("© 2024 Whitmore Hall School"); a publisher's (a trust, a council, a
    company) does not. Returns the evidence and what the line holds before its copyright."""
    mark = _MARK.search(line)
    if not mark:
        return [], line
    rest = line[:mark.start()].strip(" |\u2022\u00b7-\u2013\u2014")
    name = tidy_name(_copyright_name(line[mark.start():]))
    if name and is_organisation_name(name) and _SCHOOLISH.search(name) and not _COMPANY.search(name):
        return [Evidence(name, 4, "copyright")], rest
    return [], rest


def _line_evidence(text: str, first: bool, running: bool) -> list[Evidence]:
    """What one line (a heading, a paragraph, a running header) says about its document's organisation."""
    line = _without_page_number(squash(text))
    copyright, line = _copyright_evidence(line)
    if not line:
        return copyright
    if copyright:
        return copyright + _line_evidence(line, first, running)
    if TEMPLATE.search(line) and not is_organisation_name(re.split(r"[,|•·]", line)[0]):
        return []  # a copyright or web-address line names a template's publisher
    if PARENT.match(line):
        return []  # "A member of the Northern Schools Partnership": a body the school belongs to
    short = len(line) <= 120 and line[-1:] not in ".?!"
    whole = re.split(r"\s*[,|•·]\s*|\s+\*\s+|\s+[-–—]\s+(?=\d)", line)[0]  # "Hopelands School, 38 Regent Street"
    if short and is_organisation_name(whole) and not (running and not _OWN.search(whole)):
        if first or running:
            return [Evidence(tidy_name(whole), 6, "running header or footer" if running else "name line")]
        # a name on a line of its own further down is as often a list of other organisations ("Links")
        return [Evidence(tidy_name(whole), 2, "name line")] if _SCHOOLISH.search(whole) else []
    if short and (first or running):
        m = re.match(r"^(?:The\s+)?(CLC)\b\s*(?:[-–—:|]\s*)?[A-Z]", line)  # an organisation known by its acronym alone
        if m:
            return [Evidence(m.group(1), 5, "title")]
    out: list[Evidence] = []
    if running:  # a running line names a council or a publisher as often as the school
        return [e for sentence in re.split(r"(?<=[.!?])\s+", line)[:5] for e in _sentence_evidence(sentence, short)
                if _OWN.search(e.name)]
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"“])", line)[:60]:
        out += _sentence_evidence(sentence, short and (first or running))
    return out


#: "Ashcombe Hall is a home as well as a school for our boarders": a name with no organisation word, which the
#: sentence itself says is a school.
_IS_A_SCHOOL = re.compile(r"^(?:The\s+)?((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)\s+is\s+(?:a|an|one\s+of\s+the)\s+"
                          r"(?:(?!(?:with|of|for|in|on|at|by|to|that|which|who|has|have|many|several|some|all|most)\s)[\w'’-]+\s+){0,6}?(?:school|academy|college|nursery|pre-?school)s?"
                          r"(?=\s*(?:for|in|of|that|which|where|with|serving|near|on|,|\.|$))")


def _sentence_evidence(sentence: str, title: bool) -> list[Evidence]:
    out: list[Evidence] = []
    named = _IS_A_SCHOOL.match(sentence)
    if named and not is_organisation_name(named.group(1)) and named.group(1).lower() not in OTHERS and not all(
            w.lower() in GENERIC for w in named.group(1).split()):
        out.append(Evidence(tidy_name(named.group(1)), 3, "subject"))
    for name, start, end in names_in(sentence):
        before, after = sentence[:start], sentence[end:]
        possessive = re.match(r"['’]s\b", after)
        if possessive:
            after = after[possessive.end():]
        if _OWN.search(name) and (
                re.search(r"\bthe\s+(?:trust|school|academy|college|district|federation|setting)\s*[-–—:=]\s*$", before, re.I)
                or re.match(r"\s*(?:\(\s*(?:(?:here(?:in)?after|henceforth)\s+)?|,\s*(?:here(?:in)?after|henceforth)\s+)"
                            r"(?:(?:referred\s+to\s+as|called|known\s+as)\s+)?"
                            r"(?:[\"“'‘]?[A-Z]{2,6}[\"”'’]?\s*(?:,|or|and)\s*)?"  # ("SRVA" or "the Academy")
                            r"[\"“'‘]?(?:the\s+)?[\"“'‘]?(?:trust|school|academy|college|district|federation|setting)[\"”'’]?\s*[),]",
                            after, re.I)):
            out.append(Evidence(tidy_name(name), 6, "definition"))
        elif title and not before.strip() and re.match(r"\s*(?:[-–—:|]\s*)?(?:[A-Z(]|$)", after):
            out.append(Evidence(tidy_name(name), 5, "title"))
        elif title and not after.strip(" .") and re.search(r"(?:\s[-–—:|]|\sfor|\sat|\sof)\s+(?:the\s+)?$", before) \
                and TITLE_WORDS.search(before):
            out.append(Evidence(tidy_name(name), 5, "title"))  # "Acceptable Use Policy – Park Road Academy"
        elif re.fullmatch(r"\s*(?:Welcome\s+to|Welcome\s+to\s+the)\s+", before):
            out.append(Evidence(tidy_name(name), 4, "subject"))
        elif not possessive and re.match(rf"\s*(?:\([A-Z]{{2,6}}\)\s*)?(?:,\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}},?)?,?\s*(?:{_VERBS})\b", after) and _OWN.search(name) \
                and re.fullmatch(r"\s*(?:(?:At|Here at|Why)\s+)?(?:The\s+)?", before):
            out.append(Evidence(tidy_name(name), 4, "subject"))  # "Our Lady of Mercy College, Tarrawonga, is ..."
        elif re.fullmatch(r"\s*(?:(?:At|Here at)\s+)(?:the\s+)?", before) and re.match(r"\s*,?\s*(?:we|our|all|every|pupils|staff)\b", after):
            out.append(Evidence(tidy_name(name), 4, "subject"))  # "At St Mary's CE Primary School, we ..."
        elif possessive and _SCHOOLISH.search(name):
            out.append(Evidence(tidy_name(name), 3, "possessive"))
        elif _SCHOOLISH.search(name) and _OF_OWNER.search(before):
            out.append(Evidence(tidy_name(name), 3, "of"))  # "the Governing Body of Westfield Junior School", "on behalf of"
        elif _SCHOOLISH.search(name) and re.search(r"\b(?:the|our|at)\s+$", before, re.I):
            out.append(Evidence(tidy_name(name), 2, "mention"))
    return out


def organisation_evidence(source: SourceDocument) -> list[Evidence]:
    """Every place a read source states an organisation's name, with its weight."""
    out: list[Evidence] = []
    blocks = source.blocks
    for index, block in enumerate(blocks):
        if block.kind == "meta":
            texts = [v for _, v in (block.rows or [[block.key, block.value]]) if v]
        elif block.kind == "table":
            texts = [" ".join(r) for r in block.rows[:3]]
        else:
            text = block.text
            texts = [text]
            nxt = blocks[index + 1].text if index + 1 < len(blocks) else ""
            if text and text[-1].isalpha() and text.split()[-1][:1].isupper() and nxt[:1].isupper() and len(text) > 40:
                # a name a PDF's line break may have cut in two ("... School / District's role"): read it joined too
                joined = [e for e in _line_evidence(f"{text} {nxt.split('.')[0][:120]}", index < 8, False)]
                mine = {e.name for e in _line_evidence(text, index < 8, False)}
                out += [e for e in joined if e.name not in mine and not any(n in e.name for n in mine)]
        for text in texts:
            out += _line_evidence(text, index < 8, False)
    # a letterhead set in the page header names the document's own organisation as its first line would: a Word
    # file's header, or a running line that stands before the first page's body (council and district included)
    body_start = min((b.units[0] for b in blocks if b.units), default=0)
    letterhead = source.properties.get("letterhead", "").splitlines()[:3]
    for dropped in source.dropped:
        if "header" in dropped.reason or "footer" in dropped.reason:
            top = dropped.span.start < body_start and len(letterhead) < 3
            if top:
                letterhead.append(dropped.text)
            else:
                out += _line_evidence(dropped.text, False, True)
    for text in letterhead:
        out += _line_evidence(text, True, False)
    for text in source.properties.get("running", "").splitlines():
        if text not in letterhead:
            out += _line_evidence(text, False, True)
    return out


def choose_organisation(evidence: Iterable[Evidence]) -> str:
    """The organisation the evidence points to, or "" when it is too weak to name one.

    A mention ("the Decoy School") counts only when no stronger evidence names another organisation and it is
    the only such mention or it recurs more than any other.
    """
    evidence = [e for e in evidence if e.name.lower() not in OTHERS]  # a service the policy names, never its own
    if not evidence:
        return ""
    score: Counter[str] = Counter()
    best: dict[str, int] = {}
    form: dict[str, str] = {}
    for e in evidence:
        words = e.name.lower().split()
        key = f"{words[0]} … {words[-1]}"  # "Minuteman (Regional) Vocational ... District": one organisation
        score[key] += e.weight
        best[key] = max(best.get(key, 0), e.weight)
        if len(e.name) > len(form.get(key, "")):
            form[key] = e.name  # its fullest form
    strong = [k for k in score if best[k] >= 3]
    schools = [k for k in strong if best[k] >= 4 and _SCHOOLISH.search(form[k])]
    if schools and len(schools) < len(strong):
        # a council's or trust's model policy that a school has adopted ("Torfaen County Borough Council - Education
        # Service" over "Ysgol Gynradd Cwm Teg has adopted ..."): the policy is the school's
        strong = [k for k in strong if k in schools or not _COUNCIL.search(form[k])]
    if strong:
        key = max(strong, key=lambda k: (best[k], score[k], -len(k)))
        return form[key]
    ranked = score.most_common()
    if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
        return form[ranked[0][0]]
    return ""


def find_organisation(source: SourceDocument) -> str:
    """The organisation a read source names itself by, or "" when it states none."""
    return choose_organisation(organisation_evidence(source))
