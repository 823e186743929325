"""Modality and force: whether a clause obliges, forbids, permits or only informs, and in which words.

Every clause gets a *modality* (must, must-not, should, should-not, may, will, will-not, info) and the *force*
it carries (obligation, prohibition, permission, statement; see :func:`force_of`). The clause's own first
rule-stating expression decides. A list item without one inherits the polarity of its lead-in ("Staff must
not:", "Don't", "I will not:", "Unacceptable use includes:", "The following are forbidden:", "You should
avoid:") or of a caption heading above it ("Don'ts", "Prohibited activities", "Acceptable use"). First
person pledges are undertakings: "I will ..." is will (an obligation), "I will not ..." will-not (a
prohibition). Conventions, chosen and documented in benchmarks/README.md:

- "only ... may / can" and "may / can only" restrict: an obligation (must), not a permission;
- "may" or "can" stating a consequence ("may lead to disciplinary action") is no permission: a statement;
- "is forbidden / not permitted / unacceptable / prohibited", "no ... may", "never", "under no
  circumstances" are prohibitions; "it is advisable not to", "avoid" are should-not;
- a modal inside a relative clause ("issues that should be raised") does not decide the item's force.

The modal words themselves are read by :mod:`.modals` (``modal_of``, kept importable from here).
"""
from __future__ import annotations

import functools
import re

from ..captions import NEG_CAPTION, caption_force, caption_modality  # noqa: F401  (caption_modality: kept importable from here)
from ..model import FORCE_OF_MODALITY, Clause, Document, lead_in_sentence
from .modals import governed_may, modal_of, open_modal, thing_can
from .pledges import CONDITION, CONSENT, FIRST_PERSON, PRESENT_PLEDGE, UNDERSTAND, WE_DO_NOT, WE_WILL, pledge
from .statements import (
    BREACH_FOLLOWS,
    BREACH_IF,
    CONDITION_LEAD_IN,
    DISCLAIMER,
    DUTY,
    FORM_LEAD_IN,
    HANDLED,
    LABEL,
    QUESTION,
    ROLE_CAPTION,
    examples_lead_in,
    first_sentence,
    means_lead_in,
    own_sentence,
    purpose_lead_in,
    states_only,
    table_row,
    who_may_use,
)

_IMPERATIVE_NOT = re.compile(r"^[\W\d]*(?:(?:please|always)\s+)?(?:do not|don'?t|never|avoid|not to|"
                             r"not(?! (?:everything|everyone|everybody|all|every|always|only|just|many|much)\b)|"
                             r"(?:refrain|desist|abstain) from)\b", re.I)
_VERBS = (r"(?:ensure|use(?! of\b)|keep|report|respect|follow|be|alert|seek|take|give|answer|mark|consider|familiari[sz]e|"
          r"ask|only|check|make|protect|lock|remember|think|comply|treat|store|obtain|log|read|sign|tell|inform|notify|"
          r"exercise|set|change|act|adhere|abide|contact|communicate|put|always|decline|save|delete|"
          r"close|switch|turn|return|speak|talk|stay|choose|respond|refer|write|bring|leave|remove|dress|do so|"
          r"wait|send|let|carry|clean|step|crop|blur|hold|charge|share|print|stop|hand(?!-))\b")
#: "Do keep your password to yourself": an emphatic imperative ("Do not" is read before).
_IMPERATIVE = re.compile(r"^[\W\d]*(?:" + _VERBS + r"|do (?!not\b|n'?t\b|you\b|we\b|they\b|i\b|it\b|this\b|these\b|"
                         r"students\b|pupils\b|staff\b|parents\b|children\b)(?=[a-z]{2,}))", re.I)
#: An imperative after an opening condition: "If there is any suspicion ..., refer to the flowchart and report ...".
_IF_THEN_DO = re.compile(r"^[\W\d]*(?:if|when|whenever|where|wherever|in the event|before|after|once|until|as soon as|during|while|whilst|throughout)\b[^.]*?,\s*(?:then\s+)?(?:please\s+)?"
                         r"(?:(?P<not>do not|don'?t|never)\s+[a-z]+|" + _VERBS + ")", re.I)



#: A lead-in whose items complete a negated relative clause ("... by anyone who does not:").
_RELATIVE_NOT = re.compile(r"\b(?:who|which|that) (?:does|do|did|is|are) not\s*:\s*$", re.I)
#: A lead-in whose items complete a relative clause ("... the items which:"): their modal words describe the noun.
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose)\s*:\s*$", re.I)
#: "the following conditions apply:", "These requirements must be met:": its items are conditions to be met.
CONDITIONS_APPLY = re.compile(r"\b(?:conditions|requirements|restrictions|safeguards)\b[^:.]{0,30}?\b(?:apply|must be (?:met|followed))\s*:\s*$|"
                              r"^[\W\d]*(?:please )?(?:check|make sure|confirm)\b[^:.]{0,20}?\bthe following\b[^:.]{0,40}:\s*$|"
                              r"\bonly\b[^:.]{0,30}?\b(?:if|when|where|provided(?: that)?)\s*:\s*$", re.I)  # "... may only go ahead if:"
#: A lead-in that lists a role's duties ("The role of the Governor will include:", "Her responsibilities are:").
_ROLE_DUTIES = re.compile(r"\b(?:role|responsibilities|duties)\b[^:.]{0,60}?\b(?:include|includes|will include|are|will be)\s*:\s*$|"
                          # a caption naming whose duties follow: "Responsibilities of parents:", "Pupils' duties:"
                          r"^[\W\d]*(?:(?:key|main|general) )?(?:responsibilities|duties) (?:of|for) [^:.]{1,40}:\s*$|"
                          r"^[\W\d]*(?:the )?[\w-]+(?: [\w-]+)?['’]s? (?:responsibilities|duties)\s*:\s*$", re.I)
#: A lead-in listing breaches ("Examples of breaches include:", "Breaches of this code include:"): acts forbidden.
_BREACHES = re.compile(r"^[\W\d]*(?:examples of )?(?:breaches|violations|infringements)(?: of [^:.]{1,40})?"
                       r"(?: (?:include|includes|would include|may include))?\s*:\s*$", re.I)


@functools.lru_cache(maxsize=16384)  # a lead-in is read once for each of its items
def lead_in_modality(text: str) -> str:
    """The modality a lead-in ("Staff must not:", "Unacceptable use includes:", "I will not:") passes to its items."""
    if means_lead_in(lead_in_sentence(text)):
        return ""  # "The school will provide ... This may be offered through the following:": possible means
    if _RELATIVE_NOT.search(text):
        return "must"  # "... cannot be accessed by anyone who does not:" / "have permission to access that data": a condition
    if FIRST_PERSON.match(text) or WE_WILL.match(text):
        pledged = pledge(text)
        if pledged:
            return pledged
    text = lead_in_sentence(text)
    caption = caption_modality(text)
    own = caption or modal_of(text) or open_modal(text)
    if own in ("", "may", "must", "should") and text.rstrip().endswith(":") and NEG_CAPTION.search(text) \
            and not HANDLED.search(text):  # "incidents of misuse will be dealt with ... as follows:" is a procedure
        # "Online activities which are not permitted include:", "Examples of misuse include:",
        # "... provided that this access is not:"
        return "must-not"
    if not caption and own in ("may", "must", "should") and examples_lead_in(text):
        return ""  # "human rights to be aware of include:": the modal qualifies the noun whose examples follow
    if not own and CONDITIONS_APPLY.search(text):
        return "must"  # "..., the following conditions apply:": each item is a condition to be met
    if _BREACHES.match(text):
        return "must-not"  # "Breaches include: sharing login details": each item is a forbidden act
    if not own and _ROLE_DUTIES.search(text):
        return "must"  # "The role of the Online safety Governor will include:": its items are duties
    return own


#: A permission that is the item's own main verb ("Staff may use ...") rather than a "can" deep inside it.
_EARLY_PERMISSION = re.compile(r"(?:^[\W\d]*|^[^.]{0,80}?,\s*)(?:[\w'’/-]+\s+){0,4}(?:may|can|are permitted|are allowed|is permitted|"
                               r"(?:is|are) welcome to)\b", re.I)  # also after an opening phrase: "In accordance with X, parents are welcome to"
#: A sentence that describes ("Cyberbullying is the use of ..."), not a bare item ("Downloading software").
_DESCRIBES = re.compile(r"^[\W\d]*(?:[\w'’/-]+\s+){0,5}?(?:is|are|was|were|has|have)\b", re.I)


def heading_caption_modality(title: str, text: str) -> str:
    """The modality a caption heading gives a bare item under it ("" for a topic heading or a descriptive sentence)."""
    title = title.strip()
    if _DESCRIBES.match(text):
        return ""
    return caption_force(title)


#: Modalities that state a rule outright (not a possibility): an item's own one outweighs an aims lead-in.
_RULES = ("must", "must-not", "should", "should-not")
#: A lead-in whose items are states to be secured ("... responsible for ensuring that the network is safe and
#: that:", "The school must ensure that:"): an item that reads as a sentence still completes it.
_ENSURE_LEAD_IN = re.compile(r"\bthat\s*:\s*$|\bensur(?:e|es|ing)\b|" + CONDITIONS_APPLY.pattern, re.I)


def _inherited(parent: Clause | None, headings: list[str], text: str, outer: Clause | None = None) -> str:
    """The polarity a clause's lead-in gives it, or failing that the lead-in above that one ("Unacceptable:" over
    "... As a general guide:"), or its caption heading."""
    if parent is not None and (purpose_lead_in(lead_in_sentence(parent.text)) or CONDITION_LEAD_IN.search(parent.text)) \
            and not text.rstrip().endswith(":") and modal_of(first_sentence(text)) not in _RULES:
        return "info"  # an aim under "This policy is intended to ensure that:", a circumstance under "... when:"
    if parent is not None and (_RELATIVE.search(parent.text) or FORM_LEAD_IN.search(parent.text)):
        return "info"  # "... the items which:" / "are banned under the school rules; and", or a form's fields
    if parent is not None and own_sentence(text) and not _ENSURE_LEAD_IN.search(parent.text):
        return ""  # "A copy will be made ...": a sentence of its own after the list, not one of its items
    inherited = lead_in_modality(parent.text) if parent is not None else ""
    if not inherited and parent is not None and ROLE_CAPTION.match(parent.text) and DUTY.match(text):
        inherited = "must"  # "Online safety Coordinator:" / "receives reports of online safety incidents": a duty
    if not inherited and outer is not None and parent is not None and parent.text.rstrip().endswith(":") \
            and not examples_lead_in(lead_in_sentence(parent.text)):  # examples of what to report carry no rule
        inherited = lead_in_modality(outer.text)
    if not inherited and headings:
        inherited = heading_caption_modality(headings[-1], text)
    return inherited


#: "To always seek permission ...", "To be polite ...": an infinitive pledge in a signed list (not "To be read ...").
_INFINITIVE = re.compile(r"^[\W\d]*to (?:always |only |also )?(?!be read\b|ensure\b|help\b|protect\b|support\b|enable\b)[a-z]+\b", re.I)
#: "Respect, and do not attempt to bypass, ...": a negated imperative later in the same sentence decides.
#: An opening command to secure a state ("Make sure ...", "Ensure that ..."): a negation inside is the state secured.
_ENSURE = re.compile(r"^[\W\d]*(?:please\s+)?(?:make sure|ensure|see to it)\b", re.I)
_LATER_NOT = re.compile(r"(?:,|\band\b|\bbut\b)\s*(?:do not|don'?t|never)\b", re.I)
#: A statement of purpose or description in the opening sentence ("X has the opportunity to ...", "We do take ...").
_PURPOSE = re.compile(r"^[\W\d]*(?:[\w'’-]+\s+){0,4}?(?:has|have) the opportunity to\b|"
                      r"^[\W\d]*(?:[^.]{0,80}?\s)?we do (?!not\b|ask\b|expect\b|require\b|insist\b)[a-z]+\b|"
                      r"^[\W\d]*(?:we|the (?:school|college|academy|trust|setting|management|board|district|principal|head ?teacher|governors|"
                      r"governing body|proprietor)) reserves? the right\b", re.I)


#: A lead-in sentence left open for its items to complete ("... have the right to:", "Sanctions may include:").
_OPEN_FRAME = re.compile(r"\b(?:to|from|include|includes|in|of|for|by|with)\s*:\s*$", re.I)


def _completes(lead_in: str) -> bool:
    """Whether a lead-in's items complete its last sentence, so that a bare verb in them is no imperative of its own
    (unless the lead-in itself commands: "Remember to:", "Make sure you:")."""
    sentence = lead_in_sentence(lead_in)
    return bool(_OPEN_FRAME.search(sentence)) and not _IMPERATIVE.match(sentence)


def _first_rule(text: str, inherited: str) -> str:
    """The modality an opening imperative, infinitive pledge or purpose statement gives a clause, or "".

    The first rule decides: "Be polite ... Offensive language is prohibited." obliges; a positive verb that is only
    a preamble to a negated one in the same sentence ("Respect, and do not attempt to bypass ...") forbids.
    """
    first = first_sentence(text)
    if _PURPOSE.match(first) and (" do " in first.lower() or not modal_of(first)):
        return "info"
    if inherited not in ("", "must", "will", "should"):
        return ""
    # the opening command decides over what a later part says with a subject of its own ("Before publishing, check the
    # consent list; some children must not appear ...", "If you see something, tell a teacher. You can also ...")
    first = _AFTER_HEAD.split(first, 1)[0]
    if _NOTE_THAT.match(first):
        # "Remember that most apps have a minimum age of 13": a fact; a command after it still rules ("... Avoid ...")
        return "" if modal_of(first) and not thing_can(first) or _later_command(text) else "info"
    conditional = _IF_THEN_DO.match(first)
    if conditional and (not modal_of(first) or governed_may(first)):
        return "must-not" if conditional.group("not") else ("will" if inherited == "will" else "must")
    infinitive = _INFINITIVE.match(first) if inherited in ("will", "must") else None  # a pledge in a signed list
    if not (infinitive or _IMPERATIVE.match(first)) or modal_of(first) in ("must", "should", "may", "will") and not governed_may(first):
        return ""
    if _ENSURE.match(first):
        return "will" if inherited == "will" else "must"  # "Make sure family members can't see your screen": a duty
    negated = _LATER_NOT.search(first)
    if negated and not infinitive:
        return "will-not" if inherited == "will" else "must-not"
    if modal_of(first) and not infinitive and not governed_may(first):
        return ""
    return "will" if inherited == "will" else "must"


#: Where a sentence's head ends: a semicolon or a spaced dash ("Keep your password to yourself - never let ...").
_AFTER_HEAD = re.compile(r";\s+|\s+[-–—]\s+")
_COMMAND_THEN = re.compile(_AFTER_HEAD.pattern + r"|:\s+")


#: A lead-in over a checklist of questions ("... a list of questions that you may want to consider ...:").
_QUESTIONS_LEAD_IN = re.compile(r"\bquestions\b", re.I)


def classify_modality(clause: Clause, parent: Clause | None, headings: list[str], outer: Clause | None = None) -> str:
    """The modality of a clause, from its own words, else its lead-in or parent (or ``outer``, the lead-in above
    that), else a caption heading above it."""
    return rule_reading(clause, parent, headings, outer)[0]


def rule_reading(clause: Clause, parent: Clause | None, headings: list[str], outer: Clause | None = None) -> tuple[str, str]:
    """The rules' modality of a clause and the basis that decided it (``own``: its own modal word, ``inherited``:
    its lead-in or caption, ``default``: nothing did, ...): :mod:`.force` weighs the basis."""
    text = clause.text
    question = QUESTION.match(text)
    if question and (_IMPERATIVE.match(text) or _IF_THEN_DO.match(text)) and _COMMAND_THEN.search(text, 0, question.end()):
        question = None  # "think before you post - would you ...?", "Before posting, ask yourself: would I ...?": a command
    if question:  # an FAQ's question informs; the answer after it, if any, rules
        text = text[question.end():].strip()
        if not text or parent is not None and _QUESTIONS_LEAD_IN.search(parent.text):
            return "info", "question"  # a checklist's question, and its tip ("Look out for ..."), under "questions ...:"
    if table_row(text) and not (parent is not None and text.rstrip().endswith(")") and lead_in_modality(parent.text)):
        return "info", "table"  # "Risk ID Information Asset affected Information Asset Owner ...": a table's header
    label = LABEL.match(text)
    if label:  # "Golden Rule - I will act as I expect others to act toward me": the pledge after the label
        text = text[label.end():]
    if DISCLAIMER.match(text) or BREACH_IF.match(text) or BREACH_FOLLOWS.match(text):
        return "info", "states"  # "The school cannot accept liability ...", "If a pupil breaches ...", "A breach ... may lead to"
    inherited = _inherited(parent, headings, text, outer)
    if inherited == "info":
        return "info", "purpose"  # an aim under "This policy is intended to ensure that:"
    if _IMPERATIVE_NOT.match(text) or _NO_THING.match(text) and not _FINITE.search(first_sentence(text)):
        # "Never share ...", and a rule that bans a thing without a verb ("no advertising, chain messages or ...;")
        return ("will-not" if inherited in ("will", "will-not") else "must-not"), "not"
    if CONSENT.match(text):
        return "info", "states"  # "[ ] I give permission for my child to ...", "I do not consent to ...": a parent's consent
    if WE_DO_NOT.match(text):
        return "will-not", "pledge"  # "We don't open emails from people we don't know", "We never share ..."
    if FIRST_PERSON.match(text) or WE_WILL.match(text):
        pledged = pledge(text)
        if pledged:
            return pledged, "pledge"
        if clause.kind == "declaration":
            return "will", "pledge"
        if UNDERSTAND.match(text):
            return "info", "pledge"
        condition = CONDITION.match(text)
        if PRESENT_PLEDGE.match(text[condition.end():] if condition else text) and \
                not text.lower().lstrip(" -•*").startswith("we "):
            return "will", "pledge"
    if not modal_of(first_sentence(text)) and (states_only(text, item=bool(inherited)) or
                                               not inherited and who_may_use(text)):
        return ("may" if not inherited and who_may_use(text) else "info"), "states"
    # an item that completes a lead-in with no rule ("Staff do not have to:", "Pupils will be taught to:") is no
    # command of its own; under "Remember to:" or a caption ("Top tips:") a bare verb still commands
    completes = not inherited and parent is not None and _completes(parent.text)
    first = "" if completes and not _PURPOSE.match(first_sentence(text)) else _first_rule(text, inherited)
    if first:
        return first, "first"
    if inherited in ("must-not", "should-not", "will-not") and _IMPERATIVE.match(first_sentence(text)):
        return inherited, "inherited"  # "Use Reply All unless everyone needs to see it" under "DON'T:": the act forbidden
    own = modal_of(text)
    if inherited in _RULES and text[:1].islower() and parent is not None:
        # "install apps ... on a communication device – updates should be arranged through the AAC lead" under
        # "Staff should not:": what follows a dash or semicolon explains the item, it is not its rule
        own = modal_of(_AFTER_HEAD.split(text, 1)[0])
    if clause.kind == "lead-in" or text.rstrip().endswith(":"):
        # the lead-in's own force is its own words ("... are permitted ... provided that this access is not:"
        # permits); what it passes to its items is lead_in_modality
        sentence = lead_in_sentence(text)
        stated = modal_of(sentence)
        opening = first_sentence(text)
        if opening != text and modal_of(opening) in ("must-not", "should-not") and stated in ("", "may"):
            # "It is an offence to intercept ... However, ... monitoring is also permissible in order to:": the
            # first rule decides the lead-in's own force; its items still get what the last sentence passes
            stated = modal_of(opening)
        if stated in ("may", "must", "should") and examples_lead_in(sentence):
            # "human rights to be aware of include:" lists, it does not oblige; a rule before it still counts
            stated, own = "", modal_of(text.strip()[: -len(sentence)])
        return caption_modality(text) or stated or lead_in_modality(text) or inherited or own or "info", "lead-in"
    second = first_sentence(text[len(first_sentence(text)):].lstrip())  # "Level 1 - AI for planning. Learners may use AI"
    if own == "may" and inherited and (parent is not None or not _ACCEPTABLE.search(text)) and not _EARLY_PERMISSION.match(text) \
            and not (_EARLY_PERMISSION.match(second) and modal_of(second) == "may"):
        return inherited, "inherited"  # "... know that you can talk to an adult" under "We will support pupils to:"
    if own:
        if inherited in ("will", "will-not") and own in ("must", "must-not"):
            return ("will" if own == "must" else "will-not"), "own"
        return own, "own"
    if inherited:
        return inherited, "inherited"
    if _IMPERATIVE.match(text) and not completes:
        return "must", "imperative"
    conditional = _IF_THEN_DO.match(text)
    if conditional:
        return ("must-not" if conditional.group("not") else "must"), "imperative"
    later = _later_command(text)
    if later and not completes:
        return later, "imperative"
    return "info", "default"


#: "No food or drink near the computers", "no advertising ...;": a thing banned, with no verb of its own.
_NO_THING = re.compile(r"^[\W\d]*no\s+(?!one\b|longer\b|more\b|matter\b|doubt\b|later\b|less\b)[a-z]", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall|does|do)\b", re.I)
#: "... is acceptable outside pupil contact time": a sentence's own permission, stronger than a caption heading above it.
_ACCEPTABLE = re.compile(r"\b(?:is|are) (?:\w+ )?(?:acceptable|permitted|allowed|permissible)\b", re.I)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
#: "Remember that ...", "Please note that ...": a notice of what follows, no command of its own.
_NOTE_THAT = re.compile(r"^[\W\d]*(?:please )?(?:remember|note|bear in mind|keep in mind|be aware) that\b", re.I)


def _later_command(text: str) -> str:
    """The command of a sentence after a first one that rules nothing ("Teachers have the final say ... When asked to
    put a device away, do so right away.", "... are reminded that ... Do not post photographs ..."), or ""."""
    rest = text[len(first_sentence(text)):]
    for sentence in _SENTENCE_BREAK.split(rest.strip()):
        if _IMPERATIVE_NOT.match(sentence):
            return "must-not"
        conditional = _IF_THEN_DO.match(sentence)
        if conditional:
            return "must-not" if conditional.group("not") else "must"
        if _IMPERATIVE.match(sentence) and not _NOTE_THAT.match(sentence):
            return "must"
    return ""


def force_of(modality: str) -> str:
    """The force a modality carries: obligation, prohibition, permission or statement."""
    return FORCE_OF_MODALITY.get(modality, "statement")


def caption_of(clause: Clause) -> str:
    """The caption heading ("Don't", "Unacceptable use") that gives a clause its force, or "" when its own words do."""
    if not clause.heading or clause.kind == "lead-in":
        return ""
    caption = clause.heading[-1].strip()
    if not heading_caption_modality(caption, clause.text):
        return ""
    text = clause.text
    if modal_of(text) or _IMPERATIVE_NOT.match(text) or FIRST_PERSON.match(text):
        return ""
    return caption


def clause_reading(doc: Document, clause: Clause, lead_ins: dict[str, Clause] | None = None) -> str:
    """A clause as a self-contained sentence: under its lead-in ("Staff must not: use ...") or the caption heading
    that gives it its force ("Don't: use personal or school mobile telephones when driving"); else its own words."""
    if doc.lead_in_chain(clause, lead_ins):
        return doc.reading(clause, lead_ins)
    caption = caption_of(clause)
    return f"{caption.rstrip(':').strip()}: {clause.text}" if caption else clause.text


def lead_in_text(doc: Document, clause: Clause, lead_ins: dict[str, Clause] | None = None) -> str:
    """What is read before a clause to make it self-contained ("Staff must not:", "Don't:"), or ""."""
    reading = clause_reading(doc, clause, lead_ins)
    return reading[: len(reading) - len(clause.text)].strip() if reading != clause.text else ""
