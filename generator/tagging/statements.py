"""When a clause informs rather than rules, and where a modal word sits outside the clause's own rule.

:mod:`.modality` reads a clause's first rule-stating expression. These are the places where that reading would
mistake a description for a rule, or a rule for a description:

- an introduction that opens by describing the policy or the technology ("Social media is used increasingly
  across society. ... This policy is designed to ...") or the school's mission ("At St Joseph's, we strive for
  ...") is a statement, whatever it asks later;
- a likely consequence ("Any of the above activities are likely to be regarded as gross misconduct") is a
  statement; so is a sentence with its own subject that follows a list ("A copy will be made ...");
- a modal inside a relative clause ("risks that staff must be aware of", "who is authorised ... and can
  communicate") or a purpose clause ("so that we can be ...") does not decide;
- "who may use what" lists ("Text system - all teachers and office staff") permit;
- items under a lead-in that states the policy's purpose ("This policy is intended to ensure that:") state aims.
"""
from __future__ import annotations

import re

_WORDS = r"(?:[\w'’/&-]+[\s,]+)"
#: The opening subject of an introduction: the policy itself, or the technology it is about.
_INTRO = re.compile(
    # about the policy or the technology, not what many of its platforms have ("Most social media platforms have a
    # minimum age") nor a person who uses it ("Employees who use social media ... are reminded")
    # nor the school's own system, which the rules after it are about ("The school's internet is filtered by ...")
    r"^[\W\d]*(?!(?:many|most|some|several|few|certain)\b)(?!(?:the |our )?(?:school|college|academy|trust|district)['’]s "
    r"(?:internet|network|wi-?fi|computers?|ict|email|systems?)\b)(?:(?:whilst|while|although|as)\s+)?(?:the |this |these |our |new |modern |today'?s )?"
    rf"(?:(?!(?:is|are|has|have|was|were|who|which|that)\b){_WORDS}){{0,3}}?(?:policy|policies|document|list|guidance|agreement|ict|technology|technologies|internet|"
    r"social media|social networking|computer system|digital|online (?:world|technology))\b"
    r"[^.]*?\b(?:is|are|has|have|was|were|applies|describes|covers|sets out|explains|provides?|offers?|becomes?|brings?|"
    r"plays?|allows?|enables?|helps?|supports?|opens?|gives?|changes?)\b"
    # what the technology is provided for is how it is to be used, not an introduction ("... is provided primarily
    # for work purposes. Limited personal use is acceptable ...")
    r"(?! (?:\w+ly )?(?:provided|intended|given) (?:\w+ly )?for\b)",
    re.I)
#: An introduction that opens on a trend ("With an increase in use of all types of social media ...").
_TREND = re.compile(r"^[\W\d]*(?:with|given|due to|following|as a result of) (?:the |an? |this )?(?:\w+ )?"
                    r"(?:increase|increasing|growth|growing|rise|rising|development|expansion|prevalence|popularity|changes?)\b", re.I)
#: A mission statement: "At St Joseph's, we strive for ...", "We believe that ...".
_MISSION = re.compile(r"^[\W\d]*(?:at [^,]{2,60},\s*)?we (?:strive|aim|believe|value|seek|are committed|"
                      r"are proud|recogni[sz]e)\b", re.I)
#: A likely consequence, or a sentence about the items above it.
_CONSEQUENCE_STATEMENT = re.compile(
    r"^[\W\d]*(?:(?:any|all|each|none|some) of (?:the )?(?:above|these|this)\b|"
    rf"{_WORDS}{{0,10}}?(?:is|are|will be|would be) (?:very |highly )?(?:likely|liable) to (?:be )?"
    r"(?:regarded|considered|treated|seen|deemed|viewed|result|lead))", re.I)
#: What follows a breach ("I understand that if I fail to comply ..., the school will respond ...", "If a pupil
#: breaches these rules, the school will contact ..."): a consequence, stated whatever its verb.
BREACH_IF = re.compile(
    r"^[\W\d]*(?:i (?:understand|know|am aware|accept) that )?if (?:[\w/'’-]+ ){0,3}?(?:"
    r"(?:fail|fails|failed) to (?:comply|follow|keep|abide|adhere)|(?:do|does|did) not (?:comply|follow|keep|abide|adhere)|"
    r"(?:breach|breaches|breached|break|breaks|broke|violate|violates|ignore|ignores|disregard|disregards|contravene|"
    r"contravenes) (?:this|these|the|our|any|its|school|college)\b|(?:is|are|were) not (?:followed|kept|respected|obeyed|observed)\b|"
    r"(?:is|are|were|get|gets) (?:broken|ignored|breached)\b|(?:am|is|are|was|were) found (?:to (?:have|be) )?"
    r"(?:misus|breach|abus|viol|brok|in breach)|misuse|misuses|misused|abuse|abuses|abused)|"
    # "Where a breach amounts to a criminal offence, the management shall report ...": what the school does then
    r"^[\W\d]*(?:where|if|when|should) (?:an? |the |any |such )?(?:breach|misuse|violation|contravention)(?: of [^,]{1,40}?)? "
    r"(?:amounts to|constitutes|involves|is (?:serious|criminal|a criminal|illegal|unlawful))", re.I)
#: A breach and what follows it ("A breach of this agreement may lead to ...", "Breaches of this policy will be dealt with /
#: addressed / treated as misconduct"): a consequence, stated whatever the sentences after it say the school will do.
BREACH_FOLLOWS = re.compile(
    r"^[\W\d]*(?:an?y? |all |the )?(?:breach(?:es)?|misuse|violations?|contraventions?|non-compliance|(?:failure|failing) to "
    r"(?:comply|follow|keep)|not following)\b[^.]{0,100}?\b(?:may|will|shall|could|can|might|would|is likely to)\s+(?:also\s+)?"
    r"(?:lead|result|attract|incur|carry|entail|be (?:dealt with|addressed|handled|managed|treated|regarded|considered|investigated|followed|referred))\b|"
    # what happens to a thing misused ("Phones used against these rules will be handed in ...", "Any device used in
    # breach of this policy may be confiscated"): a consequence
    r"^[\W\d]*(?:[\w'’-]+ ){1,4}(?:used|found|seen|brought) (?:against|in breach of|in contravention of|contrary to|"
    r"in (?:the )?possession of) (?:these|this|the|our|its|any|an?|school|college)\b[^.]{0,60}?\b(?:will|shall|may|can|could) (?:also )?be\b|"
    # a person who does wrong and what follows ("A student who damages equipment ... shall meet the cost of repair")
    r"^[\W\d]*(?:a|an|any) (?:[\w-]+ )?(?:student|pupil|learner|user|child|person|employee|member of staff|teacher) who (?:\w+ly )?"
    r"(?:damages|breaks|misuses|breaches|abuses|is found|fails to follow|commits|contravenes|violates)\b[^.]{0,120}?\b(?:will|shall|may|must) (?:be\b|pay|meet|face|lose|forfeit|bear|cover)\b",
    re.I)
#: A list item that is a sentence of its own ("The frequency ... will all have a relevance", "A copy will be
#: made"), not a phrase that continues its lead-in.
_OWN_SENTENCE = re.compile(
    r"^[\W\d]*(?:the|this|these|those|such|it|there|a|an)\b(?:(?![\s,]+(?:that|which|who|whose|where)\b)[\s,]+[\w'’/-]+){0,10}?"
    r"\s+(?:is|are|was|were|will|has|have|had|may|can)\b", re.I)
#: A lead-in that states the policy's purpose: its items are aims, not rules.
_PURPOSE_LEAD_IN = re.compile(r"\b(?:is|are) (?:intended|designed|meant) to (?:ensure|make sure|help|protect)\b|"
                              r"\b(?:the )?(?:aims?|purposes?|objectives?) of (?:this|the) (?:policy|agreement|document)\b",
                              re.I)
#: "School telephones - all teachers, administrative staff and ...": who may use a system.
_WHO_MAY_USE = re.compile(
    r"^[\W\d]*[A-Z][\w/&'’ ]{1,40}?\s+[-–—]\s+(?:(?:all|only|any|the|named|nominated)\s+)?(?:[\w/-]+\s+){0,2}?"
    r"(?:teachers|staff|pupils|students|governors|employees|users|volunteers|leaders|members)\b", re.I)
#: "where appropriate", "if necessary": an adverbial, not a subordinate clause with a verb of its own.
ELLIPTICAL = re.compile(r"\s*(?:appropriate|possible|necessary|relevant|applicable|needed|required|practicable|"
                        r"in doubt|unsure|so)\b", re.I)
#: Where a modal belongs to a relative or purpose clause of a description, not to a rule.
_NOT_THE_RULE = re.compile(
    r"\bthere (?:is|are|will be|may be)\b[^.;:,]*\b(?:that|which|who)\b[^.;:,]*$|"  # "there are risks that staff must"
    r"\b(?:who|which)\b[^.;:,]*\b(?:and|or) $|"  # "who is authorised to use which systems and can ..."
    r"\b(?:so that|in order that)\b[^.;:,]*$|"
    # "choose one that others cannot easily guess": "that" after a noun opens a relative clause with its own subject
    r"\b(?:one|ones|something|anything|nothing|everything|someone|anyone|password|passwords|content|material|sites?|"
    r"apps?|websites?|information|images?|photos?|messages?|posts?|files?|devices?|accounts?|things?) (?:that|which) "
    r"(?!(?:is|are|was|were|has|have)\b)(?:[\w'’-]+ ){1,2}$|"
    # "This policy sets out how phones are to be used", "explains what staff may post": what it describes
    r"\b(?:sets? out|set down|explains?|describes?|outlines?|summari[sz]es?|covers?|details?|shows?) (?:how|what|when|where|"
    r"whether|which|who)\b[^.;:]*$|"
    r"^[\W\d]*(?:(?:the|its|our|their|this|a|one|an) )?(?:[\w'’]+ )?(?:aims?|purposes?|objectives?|goals?|intentions?|priority|priorities) (?:of (?:[\w'’().:/-]+ ){1,6})?$|"  # "Our priority is to"
    r"\bthere (?:is|are) (?:a |an |no )?(?:[\w-]+ ){0,2}$|"  # "unless there is a business need to do so": a noun  # "so that we can be the best we can be"
    r"\b(?:sometimes|at times|occasionally|often|frequently|usually)\s+$", re.I)  # "are at times required to"
#: "It is important for staff to be aware that ...": the force is the one of what they are to be aware of.
AWARE_THAT = re.compile(r"\bit is (?:important|worth noting|vital|essential) (?:for \w+ )?(?:to )?(?:also )?"
                        r"(?:be aware|note|remember|understand|know|stress|emphasi[sz]e|point out) that\b|"
                        # "Users should be aware that email is monitored": a notice of a fact, as "will be monitored"
                        r"\b(?:should|must|need to|needs to) (?:also )?be aware that\b", re.I)

#: A lead-in that lists circumstances ("I agree to follow these guidelines when:"), not rules.
CONDITION_LEAD_IN = re.compile(r"^(?![^:]*\bonly\b(?:\s+[\w-]+){0,3}\s+(?:when|whenever|if|where)\s*:\s*$)"  # "may only go ahead if:" restricts
                               r"[^:]*\b(?:when|whenever|if|where|while|whilst)\s*:\s*$", re.I)
#: A short label before a first-person sentence ("Golden Rule - I will ...").
LABEL = re.compile(r"^[\W\d]*[A-Z][\w'’ ]{1,30}?(?:\s+[-–—:]|:)\s+(?=(?:I|We)\b)|"
                   r"^[\W\d]*[A-Z]\s*[-–—:]\s*[A-Za-z]+\s*[-–—:]\s+|"  # a mnemonic's letter: "T - TELL: Tell an adult"
                   r"^[\W\d]*(?!I\b)[A-Z](?:(?!\bI\b)[\w'’ ]){1,40}?\s+(?=I (?:will|won'?t|must|shall|promise|agree)\b)|"  # a heading run in: "Technology ... I will"
                   r"^[\W\d]*(?i:do|always)\s*:\s+(?=[a-z])")  # a do's list's cue: "Do: lock your screen" (a "Don't:" forbids by its words)
#: An FAQ's question ("Can I use my phone at break time?").
QUESTION = re.compile(r"^[^.!?]*\?(?:\s+|$)")
#: Between a trailing subordinator and its modal, only a subject: "even when it is to be used", "unless there is".
SUBJECT_ONLY = re.compile(r"\s+(?:it|they|there|he|she|you|we|this|that|these|those|staff|pupils|students|users|"
                          r"children|parents|learners|people|someone|anyone|everyone|(?:the|a|an|their|your|his|her) [\w-]+)\s+", re.I)
#: "should have an entitlement to ...": a right, not a rule.
ENTITLEMENT = re.compile(r"\s+have (?:an |the )?(?:entitlement|right)\b", re.I)

#: A lead-in that is only a role ("Online safety Coordinator:", "The Headteacher:"): its items are the role's duties.
ROLE_CAPTION = re.compile(r"^[\W\d]*(?:the )?[\w /()&-]{0,40}?(?:co-?ordinator|officer|lead|leader|manager|technician|"
                          r"head ?teacher|governors?|dsl|teachers|staff|group|team|body)\s*(?:\([^)]*\))?\s*:\s*$", re.I)
#: A duty in the third person present: "receives reports ...", "leads the online safety group".
DUTY = re.compile(r"^[\W\d]*[a-z]+(?<!ss)(?<!'s)s\b")

#: "may" / "can" that states a consequence ("may lead to disciplinary action", "can be regarded as gross
#: misconduct") or a possibility ("it may be necessary") sets no permission; the clause's rule, if any, is in
#: its other modal expressions.
CONSEQUENCE = re.compile(
    r"\s+(?:also\s+|well\s+|even\s+|then\s+|in turn\s+|not\s+)?(?:lead|result|constitute|amount|incur|give rise|"
    r"be (?:treated|regarded|considered|seen|deemed|viewed|classed|subject|liable|dealt|reported|referred|"
    r"withdrawn|removed|suspended|investigated|confiscated|taken|a criminal|an offence|illegal|unlawful|"
    r"requested|searched|inspected|retrieved|disclosed|recovered|necessary|possible|useful|difficult|appropriate|available|monitored|accessed|intercepted|imposed|"
    r"found|offered|passed|made|maintained|looked at|opened|scanned|screened|misinterpreted|misunderstood|construed|interpreted|seen|controversial|more|"
    # what the school does with a user's devices, data or access ("Logs can be checked", "may be collected at any
    # time for inspection", "can be limited or withdrawn by the supervisor"): a notice, no permission
    r"checked|collected|charged|limited|restricted|revoked|reviewed|stored|logged|recorded|held|examined|audited|"
    r"disqualified|excluded|expelled|banned|barred|sanctioned|disciplined|penali[sz]ed|fined|detained|invited|notified|"
    # what may happen to a person online ("Children can be exposed to harmful content"): a risk, no permission
    r"exposed|targeted|groomed|bullied|harmed|hurt|upset|tricked|misled|deceived|pressured|pressurised|exploited)|"
    r"lose|forfeit|be \w+ing|be (?:the|a|an|provided|given|required|involved|asked|expected|necessary)\b|"
    r"face|involve|invoke|have (?:a |an )?(?:serious|severe|significant|implications)|cause|vary|differ|depend|exist|seem|appear|"
    r"be part of|render|be (?:severe|serious|significant|costly|damaging|harmful|considerable)\b|"
    r"underestimate|overestimate|not realise|not realize|be unaware|encounter|come across|experience|struggle|"
    r"have (?:further|additional|other|specific)\b|bring\b[^.;]{0,40}\binto disrepute|(?:need|require) (?:support|help|assistance|training|advice|guidance|further|"
    r"additional|more)\b|damage|harm|affect|expose|compromise|threaten|undermine|jeopardi[sz]e|"
    r"put (?:\w+ ){0,3}at risk|also be|contain|destroy|wish|receive|arise|include|"
    r"leave|happen|help|occur|track|view|intercept|exercise|review|monitor|(?:fully |completely |always )?guarantee|"
    # a person offered as a contact ("The Head of HR can answer questions ..."), and an elliptical "it may be."
    r"answer|advise|be(?=\s*[.;!?]|\s*$))\b", re.I)

#: The school, or its head, as the subject of "may" / "can" ("The College may, without notice, suspend ...", "the
#: principal or vice-principal may ask the student to show ...", "The school may record the device name"): the
#: school's own rights or practice, a statement; "we" only with what it watches ("We can see what is done ...").
SCHOOL_MAY = re.compile(
    r"(?:\b(?:the|our|this|a|each) (?:[\w-]+ )?(?:school|college|academy|district|division|board|trust|council|setting|nursery|principal|superintendent|"
    r"vice-principal|head ?teacher|head of school|headmaster|headmistress|manager|senior leader|senior leadership team|"
    r"ceo|chief executive(?: officer)?|executive head(?:teacher)?|management|governing body|proprietor|directorate|director)"
    r"(?: or (?:the |a )?[\w-]+)?|\bthe school and [\w-]+|\b(?:the )?(?:ict|(?-i:IT)|technical|network) (?:staff|department|team|technicians?)),?(?: [^,]{0,30},)?\s+(?:also\s+)?$", re.I)
WE_SEE = re.compile(r"\s+(?:also\s+)?(?:see|check|monitor|view|access|read|search|inspect|review|record|log|track)\b", re.I)
#: A person (or the school) as the subject of "can": without one, "can" states what a thing can do ("AI output can
#: be inaccurate", "Generative AI tools can produce text"), no permission.
PERSON = re.compile(
    r"\b(?:i|you|we|they|he|she|staff|pupils?|students?|learners?|child|children|parents?|carers?|teachers?|users?|employees?|"
    r"volunteers?|visitors?|governors?|members?|adults?|educators?|anyone|everyone|someone|people|persons?|family|families|"
    r"guardians?|caregivers?|contractors?|guests?|administrators?|leaders?|managers?|principal|head\w*|officers?|team|"
    r"department|office|school|college|academy|district|trust|coordinator|co-ordinator|technicians?|dsl|faculty|"
    r"colleagues?|tutors?|counsellors?|nurse|librarian|nobody|no one|one|everybody|anybody|somebody)\b", re.I)
#: "can be inaccurate": "be" with an adjective, not a passive ("can be used", "can be signed out").
BE_STATE = re.compile(r"\s+(?:also\s+|sometimes\s+|often\s+)?be (?!\w+(?:ed|en)\b|made|kept|put|set|sent|taken|brought|shown|done|"
                      r"left|held|found|read|lent|built|bought|paid|run)\w+", re.I)


#: A described act "will be regarded as gross misconduct": the act is forbidden.
MISCONDUCT = re.compile(r"^[\W\d]*\w+ing\b[^.]*\b(?:(?:is|are|will be|would be) (?:regarded|treated|considered|"
                         r"dealt with) as (?:a )?(?:gross |serious )?(?:act of )?misconduct|"
                         r"(?:is|are) (?:a |an )?(?:serious |gross |major |clear )?(?:breach|violation|contravention) of\b|(?:is|are) (?:guilty of )?(?:an? )?"
                         r"(?:criminal )?(?:offence|crime)\b|(?:is|are) (?:illegal|unlawful)\b|"
                         # "... is considered impersonation", "is academic dishonesty", "is a Level 3 violation"
                         r"(?:is|are) (?:considered |deemed |regarded as |treated as )?(?:an? )?(?:act of )?(?:level \d+ |serious |major |gross )?"
                         r"(?:(?:academic )?dishonesty|impersonation|plagiarism|cheating|misconduct|violation|infraction|disciplinary (?:matter|offence|issue))\b|"
                         # "Posting negative comments about staff online is inconsistent with our Family Compact"
                         r"(?:is|are) (?:\w+ )?(?:inconsistent|incompatible) with|(?:is|are) (?:\w+ )?contrary to)", re.I)


#: A disclaimer ("The school cannot accept liability for ...", "will not be held responsible", "accepts no
#: responsibility"): it limits the school's liability, it forbids nothing and obliges no one.
DISCLAIMER = re.compile(
    r"^[\W\d]*(?:[\w'’/()-]+\s+){0,8}?(?:(?:cannot|can ?not|can'?t|will not|won'?t|does not|do not|shall not|is unable to)\s+"
    r"(?:be held\s+|accept\s+|take\s+|bear\s+|assume\s+)(?:any\s+)?|accepts?\s+no\s+|takes?\s+no\s+)"
    r"(?:liability|responsibility|responsible|liable)\b", re.I)


def first_sentence(text: str) -> str:
    """The opening sentence of a clause (the whole clause when it has one)."""
    end = text.find(". ")
    return text[: end + 1] if end >= 0 else text


#: A lead-in whose main verb lists examples of the noun before it ("human rights to be aware of include:") or
#: defines it by them ("Appropriate use may be defined as:").
_EXAMPLES = re.compile(r"\b(?:include|includes|would include|could include|may include|might include|"
                       r"be defined (?:as|but not limited to|to include)|"
                       r"(?:arise|arising|result|resulting|stem|stemming) from|"  # "... safeguarding issues to arise from:"
                       r"(?:risks?|dangers?|threats?|harms?) (?:of|from|such as|including))(?: the following)?\s*:\s*$", re.I)
#: A lead-in over a form or table to fill in ("... an Information Risk Actions Form (example below):"): its items are
#: the form's fields, not rules.
FORM_LEAD_IN = re.compile(r"\((?:an? )?(?:example|form|template|table)s? (?:below|follows)\)\s*:\s*$", re.I)
#: A word of a flattened table row: capitalised, or a number or symbol (small words aside).
_ROW_WORD = re.compile(r"[^\s/()\u2013\u2014-]+")
#: A tick of a flattened matrix: a lone "x" or "X" (or "(x)") between words.
_MARK = re.compile(r"(?<![\w'’-])\(?[xX]\)?(?![\w'’-])")
_SMALL = frozenset("of and or the to in for a an on by with at e.g. etc".split())


#: A lead-in whose list is the ways something may be or is done ("This may be offered through the following:", "Staff will
#: be trained ... through:"): means, not rules.
_MEANS = re.compile(r"\b(?:may|might|could|can)\s+(?:also\s+)?be\s+(?:\w+ed|done|given|run)\s+"
                    r"(?:through|by|via|using|in)\b[^:]*:\s*$|"
                    # "... will be made aware of their responsibilities ... through:": the ways it is done
                    r"\bbe (?:\w+ed|made aware|given|shown|taught)\b[^:]*\b(?:through|via)\s*:\s*$", re.I)
#: A lead-in that says how misuse is dealt with ("incidents of misuse will be dealt with ... as follows:"): a
#: procedure, not a caption over misuse.
HANDLED = re.compile(r"\b(?:misuse|abuse|incidents?|breach(?:es)?|concerns?)\b[^:]*?\b(?:will|are|is|should|must|would|may) be "
                     r"(?:dealt with|handled|managed|responded to|investigated|recorded|reported|logged)\b", re.I)


def means_lead_in(text: str) -> bool:
    """Whether a lead-in lists the ways something may be done ("This may be offered through the following:")."""
    return bool(_MEANS.search(text))


def examples_lead_in(text: str) -> bool:
    """Whether a lead-in lists examples of a noun ("Risks staff should be aware of include:"): a positive modal in
    that noun phrase is not a rule its items carry."""
    return bool(_EXAMPLES.search(text))


def table_row(text: str) -> bool:
    """Whether a clause is a flattened table header or label row ("Risk ID Information Asset affected Information
    Asset Owner Protective Marking"): five or more words, three in four capitalised, no closing punctuation, and
    no opening gerund ("Downloading Copyrighted Music ..." is an item)."""
    stripped = text.strip()
    if len(_MARK.findall(stripped)) >= 2:
        return True  # a matrix row flattened with its ticks: "Child sexual abuse images ... X Grooming ... X"
    if not stripped or stripped[-1] in ".:;?!" or len(stripped) > 200:
        return False
    toks = [w for w in _ROW_WORD.findall(stripped) if w.lower() not in _SMALL]
    if len(toks) < 5 or toks[0].lower().endswith("ing") or toks[0][:1].islower():
        return False  # "Downloading Copyrighted Music ..." and "appoint the Information Asset Owners" are items
    return sum(1 for w in toks if w[:1].isupper() or not w[:1].isalpha()) >= 0.75 * len(toks)


def states_only(text: str, item: bool = False) -> bool:
    """Whether a clause's opening sentence (itself without a rule) makes it a statement: a likely consequence,
    or, unless the clause is an item of a list, an introduction or a mission."""
    first = first_sentence(text)
    return bool(_CONSEQUENCE_STATEMENT.match(first) or BREACH_IF.match(first) or BREACH_FOLLOWS.match(first) or not item and (_INTRO.match(first) or _MISSION.match(first) or
                                                                     _TREND.match(first)))


def own_sentence(text: str) -> bool:
    """Whether a list item is a sentence with its own subject, so it does not continue its lead-in."""
    return bool(_OWN_SENTENCE.match(first_sentence(text)))


def purpose_lead_in(text: str) -> bool:
    """Whether a lead-in introduces the policy's aims ("This Acceptable Use Policy is intended to ensure that:")."""
    return bool(_PURPOSE_LEAD_IN.search(text))


def who_may_use(text: str) -> bool:
    """Whether a clause says who may use a system ("Text system - all teachers and office staff."); a short title
    without a full stop ("Training – Governors", "Education and training – Staff / Volunteers") or a line of several
    dashes (a reading list) is a contents line, not a rule."""
    stripped = text.strip()
    if len(re.findall(r"\s[-–—]\s", stripped)) > 1 or not stripped.endswith((".", ";")) and len(stripped.split()) <= 8:
        return False  # "Education and training – Staff / Volunteers", "Childnet / TDA - Teachers and Technology - a guide"
    return bool(_WHO_MAY_USE.match(text)) and len(text.split()) > 3


def outside_the_rule(text: str, at: int) -> bool:
    """Whether the modal at ``at`` sits in a relative or purpose clause, after "at times" (a description) or in an
    aside in brackets."""
    if text.rfind("(", 0, at) > text.rfind(")", 0, at) and text.find(")", at) >= 0:
        return True  # an aside in brackets that close: "cyber-bullying (NB. some schools may choose to ...)"
    start = max(text.rfind(". ", 0, at) + 1, 0)
    return bool(_NOT_THE_RULE.search(text[start:at]))
