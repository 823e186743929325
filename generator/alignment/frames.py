"""What a rule is scoped to, read from its wording (see :mod:`generator.alignment`).

Two clauses can share their action and object ("personal calls") and still be two rules because each narrows
it along another axis: "forbidden *on work phones*" (which device) against "avoided *during working hours*"
(when). :func:`owner` says whose device or account a rule is about; :func:`scope` names the axes a rule is
narrowed along (``device``: work or personal devices; ``time``: working hours, lessons, breaks, evenings;
``place``: the staff room, classrooms, trips; not where a phone is stored, such as a locker or the office). A
rule narrowed only along one axis and a rule narrowed only along another are two rules; a rule not narrowed at
all may join either (the general wording of the same duty). :func:`objects` says what the action is done to:
things said (messages, comments) or material handled (files, images, websites).
"""
from __future__ import annotations

import re

from ..model import Clause, Document
from ..tagging.audience import audiences_in

#: Whose device or account a rule is about: "work phones", "school email" against "personal mobile phone".
_DEVICE = r"(?:mobile\s+)?(?:phones?|mobiles?|telephones?|devices?|laptops?|computers?|e-?mail|accounts?|cameras?)\b"
_OWNERS = (("work", re.compile(r"\b(?:work|school|business|official|school[- ](?:owned|provided|issued))\s+" + _DEVICE)),
           ("personal", re.compile(r"\b(?:personal|own|private|home)\s+" + _DEVICE)))
_TIME = re.compile(
    r"\b(?:working|work|school|contracted|core|teaching|contact|office|lesson|session|class|directed)\s+(?:hours?|time|day)\b|"
    r"\b(?:during|outside(?:\s+of)?|after|before|in)\s+(?:the\s+)?(?:normal\s+|usual\s+)?(?:lessons?|breaks?|lunch\s*(?:time|breaks?)?|"
    r"hours|evenings?|weekends?|holidays?|the\s+(?:school|working|work)\s+day)\b|\bbreak\s*times?\b|\blunch\s*(?:times?|breaks?)\b|"
    r"\b(?:evenings?|weekends?)\b|\b\d{1,2}(?:[.:]\d{2})?\s*(?:am\b|pm\b|a\.m\.|p\.m\.)")
_PLACE = re.compile(
    r"\bstaff\s*rooms?\b|\bclass\s*rooms?\b|\btoilets?\b|\bchang(?:ing|e)\s+(?:rooms?|areas?)\b|\b(?:bath|wash|rest)rooms?\b|"
    r"\blocker\s+rooms?\b|\bdormitor(?:y|ies)\b|"
    r"\b(?:trips?|outings?|excursions?)\b|\b(?:school|educational|off[- ]site|home|on)\s+visits?\b|\boff[- ]site\b|"
    r"\bplayground\b")

#: What a rule's action is done to: words a person says or writes (statements, messages, comments) or material
#: found, fetched or passed on (websites, files, images). Channels (email, social networking sites) are neither,
#: and so is "content", which may be a message's. "Do not send abusive messages" and "do not download or
#: distribute offensive material" share their verbs and adjectives but are two rules.
_OBJECTS = (("speech", re.compile(r"\b(?:statements?|messages?|comments?|remarks?|language|views|opinions?|posts|"
                                  r"letters?)\b")),
            ("material", re.compile(r"\b(?:materials?|websites?|web\s*pages?|files?|images?|pictures?|"
                                    r"photo(?:graph)?s?|videos?|pornography|software|programs?|programmes?)\b")))

#: A rule's condition of consent ("without their permission", "unless a parent has agreed"): a fourth axis, so
#: that "do not photograph anyone without permission" and "never take photographs in changing rooms" stay two rules.
_CONSENT = re.compile(
    r"\bwithout\s+(?:\w+\s+){0,3}?(?:permission|consent|approval|authori[sz]ation|agreement|ok)\b|"
    r"\bunless\s+(?:\w+\s+){0,6}?(?:permission|consent|approv\w*|authori[sz]\w*|agreed)\b|"
    r"\b(?:ask|asks|asking|get|gets|obtain\w*|seek\w*|have|has|had|given|with)\s+(?:\w+\s+){0,3}?(?:permission|consent|approval)\b")
#: What a rule does with images: make them (take, record, film) or put them out (post, upload, publish online).
#: "Do not take photos of pupils" and "do not post photos of pupils" share their words but are two rules.
_MEDIA = r"(?:photo(?:graph)?s?|pictures?|images?|videos?|recordings?|screenshots?|selfies?|footage)"
_ACTIONS = (("capture", re.compile(
                r"\b(?:take|takes|taking|took)\s+(?:\w+\s+){0,3}?" + _MEDIA + r"\b|\b" + _MEDIA +
                r"\s+(?:\w+\s+){0,5}?(?:be|being|are|is|been)\s+(?:\w+\s+)?taken\b|"
                r"\b(?:photograph|record|film|video|screenshot|livestream)(?:ing)?\s+(?:or\s+\w+\s+)?(?:any|anyone|students?|"
                r"pupils?|learners?|children|child|classmates|teachers?|staff|others|people|lessons?|a|the|them)\b")),
            ("publish", re.compile(r"\b(?:post|posting|posted|upload\w*|publish\w*|repost\w*)\b|"
                                   r"\b(?:share\w*|put\w*)\s+(?:\w+\s+){0,4}?online\b")))


#: Words one of whose is in every match of a pattern: a clause holding none of them is not searched (speed).
_HINTS = {"device": ("phone", "mobile", "device", "laptop", "computer", "mail", "account", "camera"),
          "time": ("hour", "time", "day", "lesson", "break", "lunch", "evening", "weekend", "holiday", "am", "pm"),
          "place": ("room", "toilet", "changing", "trip", "outing", "excursion", "visit", "site", "playground", "dormitor"),
          "consent": ("permission", "consent", "approv", "authori", " ok"),
          "capture": ("take", "taking", "took", "taken", "photograph", "record", "film", "video", "screenshot", "livestream"),
          "publish": ("post", "upload", "publish", "online"),
          "speech": ("statement", "message", "comment", "remark", "language", "view", "opinion", "post", "letter"),
          "material": ("material", "site", "page", "file", "image", "picture", "photo", "video", "porn",
                       "software", "program")}


def _hinted(low: str, kind: str) -> bool:
    return any(h in low for h in _HINTS[kind])


def owner(text: str) -> str:
    """Whose device or account a rule is about: "work" (work phones, school email), "personal" (own mobile
    phone, personal email), or "" when it names neither or both; a rule about the one is not a rule about the other."""
    low = text.lower()
    if not _hinted(low, "device"):
        return ""
    found = [name for name, pattern in _OWNERS if pattern.search(low)]
    return found[0] if len(found) == 1 else ""


def scope(text: str, whose: str | None = None, consent: bool = False) -> frozenset[str]:
    """The axes a rule is narrowed along: ``device`` (whose device), ``time`` (when), ``place`` (where), and
    (``consent``) ``consent`` (on a condition of permission).
    ``whose`` is the clause's :func:`owner` when already known."""
    low = text.lower()
    kinds = set()
    if whose if whose is not None else owner(text):
        kinds.add("device")
    if _hinted(low, "time") and _TIME.search(low):
        kinds.add("time")
    if _hinted(low, "place") and _PLACE.search(low):
        kinds.add("place")
    if consent and _hinted(low, "consent") and _CONSENT.search(low):
        kinds.add("consent")
    return frozenset(kinds)


def objects(text: str) -> frozenset[str]:
    """What the rule's action is done to: ``speech`` (statements, messages), ``material`` (files, images, sites)."""
    low = text.lower()
    return frozenset(name for name, pattern in _OBJECTS if _hinted(low, name) and pattern.search(low))


def scopes_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two rules (or groups, by the union of their members' axes) are narrowed along different axes:
    each along one the other does not name."""
    return bool(a - b) and bool(b - a)


def actions(text: str) -> frozenset[str]:
    """What a rule does with images: ``capture`` (take, record, film) or ``publish`` (post, upload, share online)."""
    low = text.lower()
    return frozenset(name for name, pattern in _ACTIONS if _hinted(low, name) and pattern.search(low))


def audience(doc: Document, clause: Clause, bound: frozenset[str], named: bool, only_bound: bool = False) -> frozenset[str]:
    """Whom a clause binds for the audience gate: with ``named``, the audiences its subject names, or on a topic in
    ``bound`` (consequences of a breach: staff discipline and pupil sanctions are two rules) its document's first;
    with ``only_bound``, none off those topics."""
    if not named:
        return frozenset(clause.audience)
    on_topic = bool(bound.intersection(clause.topics))
    if only_bound and not on_topic:
        return frozenset()
    own = frozenset(audiences_in(clause.text))
    if own or not on_topic:
        return own
    return frozenset(doc.metadata.audiences[:1] or ["staff"])


#: The kinds :func:`objects` and :func:`actions` name, one dimension each.
_DIMENSIONS = (frozenset(name for name, _ in _OBJECTS), frozenset(name for name, _ in _ACTIONS))


def named_alone(kinds: frozenset[str]) -> frozenset[str]:
    """The kinds a rule names alone along their dimension: none of "take or post images" (it names two actions), the
    one of "do not post images". A group checked by what its members name alone is not bridged by a member naming
    two kinds: "take photos without consent" and "post photos without consent" stay apart though a third clause
    says both."""
    return frozenset(k for d in _DIMENSIONS if len(kinds & d) == 1 for k in kinds & d)


def kinds_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two rules (or groups, by the union of their members' kinds) are about different things: along one
    dimension (objects, actions) both name a kind and none in common."""
    return any((a & d) and (b & d) and not a & b & d for d in _DIMENSIONS)


#: The signer's acknowledgement of the whole policy ("I have read and understood the ... Policy and agree to follow
#: it", "We have read this agreement together and agree to support it"): a declaration (the segmenter's
#: ``kind``) that says it was read, or agrees to follow, abide by or adhere to what it signs. Every policy states
#: it in its own words, and every labelled set groups these as one rule.
_ACKNOWLEDGES = re.compile(r"\b(?:ha(?:ve|s)\s+(?:(?:received|been\s+given)\s*(?:,|and)?\s*)?read|read\s+and\s+understood|understood|"
                           r"agrees?\s+to\s+(?:follow|abide|comply|keep|support|adhere)|abide\s+by|adhere\s+to|"
                           r"accept\s+the\s+terms)\b", re.I)
#: ... but not a parent's consent given in the same breath ("I have read the policy and give permission for my
#: child to use the internet"): what a parent allows is a rule of its own.
_CONSENTS = re.compile(r"\b(?:give|gives|grant|grants)\s+(?:my\s+|our\s+)?(?:permission|consent)|\bpermission\s+for\b", re.I)


def acknowledges(clause: Clause) -> bool:
    """Whether a clause is the signer's acknowledgement of the policy (not a lead-in to a list of pledges)."""
    text = clause.text.rstrip()
    return (clause.kind == "declaration" and not text.endswith(":") and bool(_ACKNOWLEDGES.search(text))
            and not _CONSENTS.search(text))
