"""Modal words: the first expression in a sentence that states a rule ("must not", "should", "may only", "is
forbidden", "are required to"), weighed against subordinate, relative and purpose clauses (:mod:`.statements`).

:func:`modal_of` is the reading; :mod:`.modality` builds a clause's modality and force on it.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .literals import ODD_CASE, Starts, iter_from, lowered, required
from .statements import (
    AWARE_THAT,
    BE_STATE,
    CONSEQUENCE,
    ELLIPTICAL,
    ENTITLEMENT,
    MISCONDUCT,
    PERSON,
    SCHOOL_MAY,
    SUBJECT_ONLY,
    WE_SEE,
    outside_the_rule,
)

_REL = r"(?<!\bthat )(?<!\bwhich )(?<!\bwho )(?<!\bthere )"  # a modal right after a relative pronoun belongs to a relative clause
_MODALS: list[tuple[str, str]] = [
    ("must-not", r"must be avoided|(?:is|are|am) (?:\w+ly )?(?:instructed|told|reminded|expected|required) not to\b|there (?:is|are) to be no\b|(?:is|are) guilty of an? (?:criminal )?offence\b|"
                 r"(?:defines|creates|introduces) (?:a|an|the) (?:new )?(?:criminal )?offence\b|"
                 r"(?:it is|it's|it would be) (?:considered )?(?:inappropriate|unacceptable|not appropriate|not acceptable) "
                 r"(?:for [\w ]{1,30}? )?to\b|"
                 r"(?:it is|it's|makes it|is|are) (?:an? )?(?:criminal )?(?:offence|illegal|unlawful|against the law) (?:for (?:any|a|an|the) [\w ]{1,30}?)?to\b|"
                 r"must not(?! only\b)|mustn'?t|must never|shall not|shan'?t|(?:is|are|be) (?:strictly )?(?:forbidden|prohibited|banned)|"
                 r"(?:is|are|be) not (?:permitted|allowed|acceptable|approved|to be|tolerated)|(?:is|are|be) (?:a )?(?:phone|mobile|device|screen)-free\b|not be (?:permitted|allowed|tolerated)|"
                 r"may not|cannot|can ?not|can'?t|under no circumstances|will not be (?:permitted|allowed|tolerated)|"
                 r"(?:is|are|be) (?:considered )?(?:unacceptable|inappropriate use|not appropriate)|"
                 r"(?:forbids|prohibits|does not (?:permit|allow)|do not (?:permit|allow))|"
                 r"will not be (?!(?:able|possible|liable|held|responsible|required|expected|necessary|asked|accepted|"
                 r"affected|charged|needed|obliged|covered|in trouble|"
                 r"penali[sz]ed|punished|disciplined|blamed|victimi[sz]ed|disadvantaged|"
                 r"(?:treated|regarded|considered|seen|deemed|viewed|counted) as)\b)(?:\w+(?:ed|en)|made|kept|put|sent|told|left|set|sold|read)\b|"
                 r"will not (?!be\b|normally\b|only\b|have to\b|take place\b|happen\b|occur\b|get (?:in|into) trouble\b)|never|(?<!ensure )(?<!that )(?<!if )(?:no|nobody|none)\b"
                 r"(?!\s+(?:longer|more|later|less|fewer|earlier|sooner)\s+than\b)"
                 r"(?!\s+(?:[\w-]+\s+){0,2}(?:systems?|filters?|filtering|software|technology|tools?|solutions?|products?|methods?)\s+(?:is|are|can|will)\b)"
                 r"(?:[^.;:]{0,100}\b(?:may|must|can|shall)|[^.;:,]{0,60}\b"
                 r"(?:are|is)(?= (?!(?:expected|required|obliged|asked|made) to\b)(?:not |ever |to |\w+ed\b|\w+en\b|allowed|permitted|kept|left|brought|sent|put|made|taken|"
                 r"shown|shared|held|done|set)))\b|(?:is|are) not to\b"),
    ("should-not", r"should be avoided|(?<![^,;\s])(?:please|kindly) (?:do not|don\'?t|never)\b|(?:is|are|am) (?:\w+ly )?(?:asked|requested) not to\b|(?:is|are) (?:strongly )?discouraged\b|"
                   r"discourages?\b|(?:is|are) (?:best )?(?:to be )?avoided|should not(?! only\b)|shouldn'?t|should never|should avoid|"
                   r"it is advisable not to|(?:would|will) not normally|(?:strongly )?advised (?:not|never) to|advisable not to|(?:strongly )?advised against|"
                   r"(?:is|are) not (?:advised|recommended)|avoid(?:s|ed|ing)?\b|ought not|(?:no|nobody)\b(?!\s+(?:longer|more|later|less|fewer|earlier|sooner)\s+than\b)[^.;:]{0,100}\bshould\b"),
    ("must", r"must|shall|(?:is|are) required|(?:(?:is|are|am|be|been)\s+(?:also\s+|therefore\s+|\w+ly\s+)?)required to|"
             r"(?:is|will be) (?:\w+ )?practice for\b|requires? (?:that|(?:all )?\w+ to)\b|(?:is|are) (?:only |solely |strictly )?for (?:\w+ ){0,2}(?:purposes|use)\b|"
             r"(?:is|are) for [^.;]{0,60}\bonly\b|"
             # "<a person> will <do>" is a duty (modal_of checks the person), unless the verb tells what will happen
             # to them or what they will get ("Pupils will learn ...", "Staff will have access"), an aim ("will try to")
             # or an adverb stands where the verb would ("will therefore seek to")
             r"will (?!(?:(?:also|then|now|still|therefore|thus|hence|soon|often|[a-z]+ly) )?(?:be|have|has|not|never|"
             r"learn|develop|gain|benefit|understand|know|become|get|find|see|feel|experience|enjoy|lose|face|want|wish|"
             r"hope|grow|vary|depend|result|lead to|mean|allow|enable|include|contain|cover|happen|occur|apply|cease|"
             r"receive an?|try|aim|strive|endeavou?r|seek to|attempt|look to|therefore|thus|hence|soon|often)\b)"
             r"(?:always |only |also |then |first |now |still |immediately |promptly |regularly |routinely )?"
             r"(?!(?!comply|apply|reply|supply|rely)[a-z]+ly\b)(?=[a-z]{2})|"
             r"(?:will|shall) (?:also )?be made aware\b|"
             r"(?:has|have|need|needs) to|needs? (?:(?:written|prior|explicit|express) )?(?:permission|consent|approval)\b|(?:is|are|am) (?:only )?to be|"
             r"(?:is|are|am) (?:only )?to\b|(?:will|shall|would) (?:also )?be (?:asked|requested|expected|required|told) to\b|expected to|"
             r"(?:is|are|am) (?:\w+ly )?(?:instructed|told|reminded) to\b|"
             r"(?:expects|we expect) (?:that\b|(?:all |every |each |its |our |the )?[\w/]+(?: [\w/]+)? to\b)|"
             r"will only be (?:\w+ed|taken|made|kept|sent|held|given|shown|done)\b|"
             r"will be (?:\w+ed|\w+ed out|taken|made|kept|sent|held|given|shown|done) only (?:on|with|by|when|where|if|after|under|in|for)\b|"
             r"please (?:see|speak to|contact|ask|talk to) (?:the|your|a|an|our) (?:[\w-]+ ){0,3}"
             r"(?:co-?ordinator|manager|teacher|head\w*|leader|lead|officer|member|adult|tutor|administrator|technician|dsl|office)\b|(?:is|are) (?:obliged|responsible for)|responsible for|"
             r"(?:has|have|take|takes) (?:\w+ )?responsibility (?:for|of)\b|"
             r"(?:is|will be|shall be|remains) the (?:\w+ )?responsibility of\b|duty to|(?:it is|it's|it will be|it remains) (?:the )?(?:[\w'’]+ ){0,2}?responsibility (?:of|to)\b|"
             r"only\b[^.;]{0,40}\b(?:can|may)\b|(?:can|may) only|(?:can|may)\b[^.;]{0,160}?,? but only (?:where|when|if|with|after|under|in)\b|"
             # "Only software licensed to the School and installed by the IT Department may be used": an "only" that
             # opens the sentence (or follows its opening phrase) restricts however long its noun phrase
             r"(?<![a-z] )(?<![a-z]’ )only\b[^.;:]{0,120}?\b(?:can|may|(?:is|are) (?:permitted|allowed|approved|authori[sz]ed))\b|"
             # "The only approved routes for contacting pupils are ...", "the only account to be used for school work"
             r"only (?:approved|permitted|authori[sz]ed|sanctioned)\b|only (?:[\w-]+ ){1,3}to be used\b|"
             r"requires? (?:the |prior |written |explicit |express ){1,3}(?:agreement|permission|consent|approval|authori[sz]ation)\b|"
             r"(?:can|may) (?:be )?(?:[\w-]+ ){1,8}only(?=\s*[.;]|\s*$)|"  # "may be connected to the Learner Wi-Fi only."
             r"(?:can|may|(?:is|are) (?:permitted|allowed) to) (?:[\w-]+ ){1,8}only (?:under|with|when|where|wherever|if|in|for|after|during|via|through|from|on|by|once|at|within)\b|"
             r"(?:is|are) (?:limited|restricted) to|(?:is|are) (?:permitted|allowed) only\b|(?:is|are) only (?:permitted|allowed)\b|"
             r"(?:is|are) (?:permitted|allowed) to (?:[\w-]+ ){1,10}only(?=\s*[.;]|\s*$)"),
    ("should", r"should|ought to|(?:it is|it's) (?:considered )?(?:\w+ )?(?:good|best) practice\b(?=,| that| to| for)|(?:is|are|am) (?:\w+ly )?(?:asked|requested) to\b|"
               # "We encourage families to ...", "The school asks that ...": the subject in a look-behind, so that the
               # scan's literal starts stay few (literals.required)
               r"(?:(?<=\bwe )|(?<=school )|(?<=college )|(?<=academy )|(?<=trust )|(?<=district )|(?<=setting ))"
               r"(?:(?:strongly )?recommend\b|(?:strongly )?(?:encourages?|asks?|requests?|urges?) "
               r"(?:that |(?:all |every |our |the |its )?[\w/]+(?: (?:and|or) [\w/]+)?(?: [\w/]+)? to\b))|"
               r"(?:strongly )?advised|advisable|(?:is|are) (?:strongly |highly )?recommended|recommends? that\b|encouraged to|caution is advised|"
               r"it is (?:important|advisable|vital|essential)|be aware|take care|(?<![^,;\s])(?:please|kindly) (?!note\b|see\b)"),
    ("may", r"(?:may|can|will) be (?:given|granted) (?:\w+ ){0,2}permission\b|(?:has|have) (?:been (?:given|granted) )?permission to\b|"
            r"may|can|(?:it is|it's) up to (?:the |each |a |an )?(?:[\w-]+ ){1,4}?to decide\b|(?:is|are) permitted|(?:is|are) allowed|allowed to|(?:is|are) able to|entitled to|"
            r"(?:is|are) (?:also )?permissible|empowers?\b|authori[sz]es\b|"
            r"(?:gives?|gave|grants?|granted|provides?|provided) (?:[\w-]+ ){0,3}?powers? (?:for|to)\b|(?:gave|granted) permission (?:for|to)\b|"
            r"(?:is|are) (?:considered |deemed |generally )?acceptable\b|"
            r"(?:is|are) (?:\w+ )?approved (?:for|to)\b|(?:is|are) (?:absolutely |perfectly )?(?:fine|ok|okay)\b(?!\s+to\b)|"
            r"(?:it is|it's) (?:absolutely |perfectly )?(?:fine|ok|okay) (?:for [\w ]{1,30}? )?to\b|"
            r"(?:is|are) free to\b|at the discretion|(?:is|are) (?:also |very |most |always )?welcome to|"
            r"(?:has|have) the (?:right|power|authority) to (?=(?:search|confiscate|examine|inspect|view|"
            r"delete|erase)\b)"),  # a power given to staff; "the school has the right to take action" informs
    # a thing handled in the future passive ("The audit logs will be kept ...", "Data will be stored securely"): how
    # it is to be handled, an undertaking; a person's ("Staff will be kept informed") is checked in modal_of
    ("will", r"will (?:also |always |only )?be (?:\w+ly )?(?:kept|stored|protected|encrypted|carried out|managed|maintained|"
             r"presented|discussed|communicated|explained|allocated|assigned|set|applied|enforced|updated|"
             r"checked|tested|used to (?:record|store|log|monitor|manage|report|track)|"
             r"backed up|deleted|destroyed|disposed of|reviewed|audited|processed|obtained|secured|retained|"
             r"password[- ]protected|locked|wiped|labell?ed|marked)\b|"
             # "This policy will be monitored by the Deputy Principals and reviewed ...": the policy, not its users
             r"(?:(?<=policy )|(?<=procedure )|(?<=agreement )|(?<=code )|(?<=regulation ))will (?:also )?be (?:monitored|evaluated)\b"),
]
#: a modal ends at a word boundary ("should notify" is no "should not")
_MODAL_RE = re.compile("|".join(f"(?P<m{i}>{_REL}\\b(?:{p})(?:(?<=\\s)|(?!\\w)))" for i, (_, p) in enumerate(_MODALS)), re.I)
#: The same matches, faster: the look-behinds and word boundary every alternative starts with are tested
#: once per position, and the scan is case-sensitive over the lower-cased text (see ``literals.lowered``).
_MODAL_I = re.compile(r"\b(?=\w)" + _REL + "(?:" + "|".join(
    f"(?P<m{i}>(?:{p})(?:(?<=\\s)|(?!\\w)))" for i, (_, p) in enumerate(_MODALS)) + ")", re.I)
_MODAL_FAST = lowered(_MODAL_I)
#: Every modal expression starts with one of some 400 strings ("must", "is not", "can", ...): the scan is tried
#: only at a word start where one occurs (literals.iter_from), not at every word of the text.
_MODAL_FIRST = required(_MODAL_I, 1024)
_MODAL_STARTS = Starts(_MODAL_FIRST) if _MODAL_FIRST else None


def _modal_matches(text: str) -> Iterator[re.Match[str]]:
    """``_MODAL_RE.finditer(text)``, the matches at the same positions (their text lower-cased)."""
    if _MODAL_FAST is not None and ODD_CASE.search(text) is None:
        low = text.lower()
        if _MODAL_STARTS is None:
            return _MODAL_FAST.finditer(low)
        # a match starts a word (\b(?=\w)): a place after a word character cannot start one
        places = [at for at in _MODAL_STARTS.places(low) if not at or not (low[at - 1].isalnum() or low[at - 1] == "_")]
        return iter_from(_MODAL_FAST, low, places)
    return _MODAL_RE.finditer(text)
#: "should refrain from", "must desist from": an obligation to abstain is a prohibition.
ABSTAIN = re.compile(r"\s+(?:\w+ly\s+|also\s+|always\s+)?(?:refrain|desist|abstain) from\b", re.I)

_WHO_WILL = re.compile(r"\b(?:staff|pupils|students|users?|employees|volunteers|visitors|governors?|parents|children|everyone|"
                       r"teachers?|learners?|educators?|faculty|contractors?|guests?|carers|caregivers|guardians|adults|"
                       r"members|colleagues|personnel|employees?|tutors?|trainees|interns|families|you|"
                       r"district|board|principal|department|administrators?|administration|provider|service|"
                       r"school|college|academy|trust|setting|nursery|we|body|person|individual|"
                       r"head ?teachers?|leaders?|leadership|clerk|chair|secretary|bursar|superintendent|designee|co-?ordinator|officer|lead|manager|technician|team|group|dsl)\)?\s+$", re.I)
_LEADING_SUBORDINATE = re.compile(r"\b(?:when|whenever|where|if|unless|whilst|while|although|though)\b", re.I)
#: "To be read in conjunction with ..." points to another document; "Professional tone to be used ..." is a rule.
_READ_WITH = re.compile(r"\bto be read (?:in conjunction|alongside|together|with)\b", re.I)
_BE_READ_WITH = re.compile(r"\s*(?:(?:also\s+)?(?:to\s+)?be\s+)?read (?:in conjunction|alongside|together|with)\b", re.I)
_NOUN_TO_BE = re.compile(r"^[\W\d]*(?!to\b)[\w'‘’ ]{3,40}? to be (?:used|kept|made|taken|stored|followed|sent|switched)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|n't|never|no longer)\s+(?:be\s+|been\s+)?(?:held\s+|considered\s+)?$", re.I)
_WISH = re.compile(r"\b(?:want|wants|wish|wishes|like|hope|hopes|seek|seeks|aim|aims|try|tries|order|help|helps) to\s+$", re.I)
_MONTH = re.compile(r"(?:\b(?:in|on|of|from|until|till|since|by|during|before|after|early|late|mid|end|due|reviewed|"
                    r"updated|approved|adopted|issued|dated)|\d(?:st|nd|rd|th)?|[:\-–—])\s+$", re.I)
_YEAR = re.compile(r"\s*,?\s*(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d\b|\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:%|per))")
_FEEL = re.compile(r"\s+feel (?:obliged|obligated|pressured|pressurised|under)\b", re.I)
_PRONOUN = re.compile(r"\b(?:i|you|he|she|they|we)\s+$", re.I)
_CARE_THAT = re.compile(r"(?:must|should|will) take (?:particular |great |extra |special )?care (?:to ensure )?that\b", re.I)
_POSSIBLY = re.compile(r"\b(?:might|could)\s+$", re.I)
_MONITORING = re.compile(r"\b(?:monitoring|filtering|searches|searching|inspections?|checks)\s+$", re.I)
_NO_PRIVACY = re.compile(r"\s+(?:have|expect) no (?:\w+ )?(?:expectation of privacy|privacy)\b", re.I)
#: "by the", "by an": the person after it is the agent of a passive, not the subject.
_AGENT = re.compile(r"\bby (?:the |a |an |our |their |its |each |any )?(?:[\w-]+ ){0,2}\w$", re.I)
_LEAD_PERSON = re.compile(r"[\W\d]*(?:the |all |every |each |our )?(?:[\w-]+ )?(?:staff|pupils?|students?|learners?|teachers?|"
                          r"parents?|users?|employees?|volunteers?|children|governors?)\b", re.I)
_ADVERB = re.compile(r"\s*(?:also\s+|then\s+|\w+ly\s+)?")
_WE_BEFORE = re.compile(r"\bwe\s+$", re.I)
_CLAUSE_WORD = re.compile(r"\b(?:who|that|which|if|when|where|unless)\b", re.I)
#: "Staff shall avoid ...", "must avoid": a duty to abstain (not "the need to avoid plagiarism").
_AVOID = re.compile(r"\s+(?:\w+ly\s+|also\s+|always\s+)?avoid\b", re.I)
_NEW_CLAUSE = re.compile(r",\s*(?:but|and|yet|while|whilst)\s+", re.I)
#: People named by a role that PERSON does not list ("moderators", "trustees", "assistants", "prefects", "helpers").
_ROLE = re.compile(r"\b(?:\w{3,}(?:ors?|ists?|ees|ants?|ians?)|prefects?|coach(?:es)?|mentors?|reps?|captains?|"
                   r"ambassadors?|workers?|providers?|agenc(?:y|ies)|practitioners?|helpers?|owners?|holders?|buddies|"
                   r"chaperon(?:e|es|s)?|escorts?|drivers?|speakers?|presenters?|players?|boarders?|peers?|classmates?)\b", re.I)
_PLATFORM = re.compile(r"\b(?:sites?|apps?|platforms?|services?|games?|networks?)\s+(?:\w+\s+)?$", re.I)
_CAN_MAY = re.compile(r"can|may", re.I)
_IT_THEY = re.compile(r"\b(?:but|and)\s+(?:it|they)\s+(?:also\s+)?$", re.I)
_BE = re.compile(r"\s+(?:also\s+|only\s+|now\s+)?be\b", re.I)
_THAT_NOT = re.compile(r"[^.;,]{0,60}?\b(?:do not|does not|don'?t|not|never)\b", re.I)
_MAY_NOT_BE = re.compile(r"\s+be (?:\w+ing|able|aware|possible|appropriate)\b", re.I)


#: A request or report that can be made, and to whom ("a request to unblock it can be made to the IT technician",
#: "Concerns can also be reported to Childline"): a way offered to the reader, a permission, not a consequence.
_REQUEST_MADE = re.compile(r"\s+(?:also\s+)?be (?:made|reported|raised|sent|submitted|directed|emailed|lodged|addressed)\b", re.I)
_REQUEST = re.compile(r"\b(?:concerns?|complaints?|requests?|quer(?:y|ies)|questions?|worries|appeals?|applications?|"
                      r"enquir(?:y|ies)|inquir(?:y|ies)|calls?)\b[^.;,]{0,40}$", re.I)
_NO_ONE = re.compile(r"(?:^|[.;,]\s*)[\W\d]*(?:no one|no-one|nobody|no (?:[\w-]+ ){0,2}?[\w-]+)\s+(?:is\s+|are\s+|will be\s+)?$", re.I)
_USE_BEFORE = re.compile(r"\b(?:use|uses|\w{3,}ing)\b", re.I)
#: "Guest Wi-Fi can be provided on request": a thing offered to whoever asks, a permission.
_ON_REQUEST = re.compile(r"\s+(?:also\s+)?be (?:provided|given|arranged|made available|issued|lent|loaned|supplied)\s+"
                         r"(?:on|upon) request\b", re.I)


def _offered(text: str, match: re.Match[str]) -> bool:
    """Whether "may / can be ..." at ``match`` offers the reader a way (a request made, a concern reported, a thing
    given on request) rather than stating a consequence."""
    made = _REQUEST_MADE.match(text, match.end())
    return bool(made and _REQUEST.search(text, 0, match.start()) or _ON_REQUEST.match(text, match.end()))


#: The school as the holder of a duty ("the school has a duty to", "we also have a legal duty to"): the law described.
_OWN_DUTY = re.compile(r"\b(?:we|(?:the|our) (?:school|college|academy|trust|setting|district|board|management|governing body|"
                       r"governors))\s+(?:also\s+)?(?:has|have)\s+an?\s+(?:\w+\s+)?$", re.I)
#: "The Directorate recognises that ...": the subject of a modal after it is the one of the clause after "that".
_RECOGNISES = re.compile(r"\b(?:recogni[sz]es?|acknowledges?|believes?|knows?|understands?|accepts?|notes?|is aware|are aware) that\s+", re.I)


#: A main clause's own subject right before its modal, after a subordinate clause with no comma ("If you suspect a
#: breach you must ..."): the modal is the main clause's.
_NEW_SUBJECT = re.compile(r"\w\s+(?:you|they|we|he|she|i)\s+$", re.I)


def _subordinate(text: str, at: int) -> bool:
    """Whether position ``at`` lies in a subordinate clause: a leading one that a comma closes ("where staff are
    permitted to ..., they must"), or a trailing one after a main clause ("put apps on ... even when it is to be
    used at home", "joining chat rooms unless there is a business need to do so")."""
    start = max(text.rfind(",", 0, at), text.rfind(";", 0, at), text.rfind(". ", 0, at), text.rfind(" - ", 0, at))
    found = list(_LEADING_SUBORDINATE.finditer(text, start + 1, at))
    if not found or ELLIPTICAL.match(text, found[-1].end()):
        return False  # "where appropriate they should include ..." is the main clause
    end = text.find(". ", at)
    if text.find(",", at, end if end >= 0 else len(text)) >= 0 and len(text[start + 1:found[-1].start()].split()) <= 2 \
            and not _NEW_SUBJECT.search(text, found[-1].end(), at):  # "If you suspect a breach you must report it, and"
        return True  # the main clause follows the comma (not when the subordinate sits inside a subject: "Anything a
        # volunteer learns while helping in school must be kept confidential, during and after the placement")
    sentence = text.rfind(". ", 0, found[-1].start()) + 1
    return len(text[sentence:found[-1].start()].split()) >= 3 and bool(SUBJECT_ONLY.fullmatch(text, found[-1].end(), at))


def _person_before(text: str, at: int) -> bool:
    """Whether a person (or the school) stands right before "will" at ``at`` as its subject: not the agent of a
    passive before it ("Every task set by an educator will be labelled", "Access ... by the IT Department will be")."""
    found = _WHO_WILL.search(text, 0, at)
    if found is None or not _AGENT.search(text, max(0, found.start() - 40), found.start() + 1):
        return found is not None
    return bool(PERSON.match(text, text.rfind(". ", 0, at) + 2 if ". " in text[:at] else 0) or
                _LEAD_PERSON.match(text[text.rfind(". ", 0, at) + 1 if ". " in text[:at] else 0:at]))


def _school_or_thing(text: str, match: re.Match[str]) -> bool:
    """Whether "may" / "can" at ``match`` states the school's own right or practice, or what a thing can do (a
    thing's passive still permits: "Phones may be used at lunchtime")."""
    before = text[max(0, match.start() - 80):match.start()]
    if SCHOOL_MAY.search(before) or _WE_BEFORE.search(before) and WE_SEE.match(text, match.end()):
        return True
    if match.group().lower() not in ("can", "may"):
        return False
    start = max(text.rfind(". ", 0, match.start()) + 1, text.rfind(";", 0, match.start()) + 1, text.rfind(":", 0, match.start()) + 1)
    subject = _RECOGNISES.split(text[start:match.start()])[-1]  # "The Directorate recognises that AI tools can": the tools
    clause = _NEW_CLAUSE.split(subject)[-1]  # "The school filters ..., but no filtering system can block": its own subject
    if clause != subject and clause.strip() and not PERSON.search(clause) and not _IT_THEY.search(subject) \
            and not _CLAUSE_WORD.search(clause):
        return not _BE.match(text, match.end()) or bool(BE_STATE.match(text, match.end()))
    pronoun = _IT_THEY.search(subject)  # "AI tools can be helpful ..., but they can also produce ...": the same thing
    earlier = list(re.finditer(r"\b(?:can|may)\b", subject[:pronoun.start()], re.I)) if pronoun else []
    if earlier and _school_or_thing(text, _CAN_MAY.match(text, start + earlier[-1].start())):
        return True
    if PERSON.search(subject) or not subject.strip() or _CLAUSE_WORD.search(subject) or \
            match.group().lower() == "may" and _ROLE.search(subject):
        return False  # "Class page moderators may remove members": a person in a role, a power
    return not _BE.match(text, match.end()) or bool(BE_STATE.match(text, match.end()))


@functools.lru_cache(maxsize=65536)  # the same sentence is read again and again (lead-ins, first sentences)
def modal_of(text: str) -> str:
    """The modality of a sentence from its first modal expression that states a rule, or "" when it has none."""
    if _READ_WITH.search(text) and len(text) < 160:
        return ""
    after_right = -1  # where the verb after a "may" that states the school's right starts: that verb is part of it
    for match in _modal_matches(text):
        modality = _MODALS[int(match.lastgroup[1:])][0]
        word = match.group().lower()
        if match.start() == after_right:
            continue  # "The school may require staff to attend": the right stated, not a requirement
        if _BE_READ_WITH.match(text, match.end()):
            continue  # "This policy ... is to be read with the Staff Code of Conduct", "should be read alongside"
        if modality == "may" and CONSEQUENCE.match(text, match.end()) and not _offered(text, match):
            continue
        if modality == "may" and word.startswith(("has the", "have the")) and SCHOOL_MAY.search(text[max(0, match.start() - 80):match.start()]):
            continue  # "The school has the right to confiscate ...": its own right, as "The school may confiscate"
        if word in ("may", "can") and _school_or_thing(text, match):
            after_right = _ADVERB.match(text, match.end()).end()  # where its verb starts
            continue  # "The College may suspend access ...": the school's own right; "AI output can be inaccurate"
        if modality == "must-not" and word.startswith("can") and CONSEQUENCE.match(text, match.end()):
            continue  # "cannot be accessed without a password" describes, it does not forbid
        if word.startswith("not be") and _POSSIBLY.search(text, 0, match.start()):
            continue  # "I might not be allowed to use a computer": a possible consequence
        if word == "may not" and _MAY_NOT_BE.match(text, match.end()):
            continue  # "while they may not be acting on behalf of the school"
        if modality == "must" and re.fullmatch(r"will (?:always |only |also )?", word) and not _person_before(text, match.start()):
            continue  # "Staff will ensure ..." is a rule; "The report will use ..." is not
        if word == "may" and text[match.start()] == "M" and _MONTH.search(text, max(0, match.start() - 12), match.start()) \
                or word == "may" and text[match.start()] == "M" and _YEAR.match(text, match.end()):
            continue  # "approved by governors in May 2023": the month
        if word.endswith(("fine", "ok", "okay")) and not _USE_BEFORE.search(text, 0, match.start()):
            continue  # "Personal use ... is fine" permits; "The Wi-Fi signal is fine" describes
        if word.startswith("require") and _PLATFORM.search(text, max(0, match.start() - 30), match.start()):
            continue  # "Most social media sites require users to be 13": what a platform asks, a fact
        if modality == "should-not" and _FEEL.match(text, match.end()):
            continue  # "Staff should not feel obliged to accept friend requests": no duty either way
        if word.startswith(("avoid", "discourag")) and _WISH.search(text, max(0, match.start() - 40), match.start()):
            continue  # "The school will want to avoid the criticism ...", "in order to avoid": an aim, not a rule
        if modality == "will" and _MONITORING.search(text, max(0, match.start() - 30), match.start()):
            continue  # "Monitoring will be carried out in line with the law": a notice of monitoring
        if modality in ("must", "should") and _NO_PRIVACY.match(text, match.end()):
            continue  # "Pupils should have no expectation of privacy": a notice, as "will be monitored"
        if modality == "will" and (_person_before(text, match.start()) or _PRONOUN.search(text, 0, match.start())):
            continue  # "Staff will be kept informed": a person told, not a thing handled
        if word == "duty to" and _OWN_DUTY.search(text, max(0, match.start() - 60), match.start()):
            continue  # "the school has a duty to prevent ...", "we also have a legal duty to": the law described
        if modality == "must" and ("expected" in word or "required" in word) and _NO_ONE.search(text, 0, match.start()):
            continue  # "No one is expected to answer emails at the weekend": no duty
        if modality == "must" and _NEGATED.search(text, max(0, match.start() - 40), match.start()):
            continue  # "will not be expected to", "do not have to", "is not responsible for": no duty
        if _subordinate(text, match.start()) or outside_the_rule(text, match.start()):
            continue
        if ENTITLEMENT.match(text, match.end()):
            continue  # "All users should have an entitlement to safe access": a right, not a rule
        if modality in ("must", "should"):
            care = _CARE_THAT.match(text, match.start())
            if care:  # "Users must take particular care that devices ... must not be accessed by others"
                inner = _modal_matches(text[care.end():text.find(". ", care.end()) if ". " in text[care.end():] else len(text)])
                negative = next((_MODALS[int(m.lastgroup[1:])][0] for m in inner
                                 if _MODALS[int(m.lastgroup[1:])][0] in ("must-not", "should-not")), "")
                if negative:
                    return negative
        if modality == "should" and word.endswith("that ") and _THAT_NOT.match(text, match.end()):
            return "should-not"  # "We ask that families do not set up these accounts"
        if modality in ("must", "should") and (ABSTAIN.match(text, match.end()) or
                                               word.strip() in ("must", "shall", "should") and _AVOID.match(text, match.end())):
            return modality + "-not"  # "Staff should refrain from posting about pupils"
        aware = AWARE_THAT.search(text, match.start())
        if aware and aware.start() == match.start():
            return modal_of(text[aware.end():])  # "it is important to be aware that <a fact>" states the fact
        return modality
    if MISCONDUCT.match(text):
        return "must-not"
    if _NOUN_TO_BE.match(text):
        return "must"
    return ""


#: A "may" / "can" inside a clause an opening command governs ("Turn off notifications so you can concentrate", "tell
#: an adult as soon as you can", "remind them that they can ...", "Write ... on the assumption that the reader may"):
#: the command rules, the modal is no permission.
_GOVERNED_MAY = re.compile(r"\b(?:so|that|as soon as|where|when|if|because)\s+(?:[\w'’-]+\s+){1,4}?(?:may|can|could|might)\b", re.I)


def governed_may(sentence: str) -> bool:
    """Whether a command's only modal is a "may" / "can" in a clause it governs, with no rule before it."""
    found = _GOVERNED_MAY.search(sentence)
    return bool(found) and modal_of(sentence) == "may" and not modal_of(sentence[:found.start()])


_OPEN_WILL = re.compile(r"\b(will|shall)\s*:\s*$", re.I)


def open_modal(lead_in: str) -> str:
    """The modality of a lead-in that stops at its modal ("While in class, students will:"), as if a verb followed."""
    return modal_of(_OPEN_WILL.sub(r"\1 do:", lead_in)) if _OPEN_WILL.search(lead_in) else ""



_THAT = re.compile(r"\bthat\s+", re.I)


def thing_can(sentence: str) -> bool:
    """Whether a sentence's first "can" / "may" has no person as its subject ("Remember that deleted content can be
    captured ..."): what a thing can do or have done to it, a fact, no permission."""
    found = _CAN_MAY_WORD.search(sentence)
    if found is None:
        return False
    subject = _THAT.split(sentence[:found.start()])[-1]
    return bool(subject.strip()) and not PERSON.search(subject) and not _ROLE.search(subject)


_CAN_MAY_WORD = re.compile(r"\b(?:can|may)\b", re.I)
