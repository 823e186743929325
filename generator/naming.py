"""Document names: the organisation a policy names itself by, and the name a document is shown by.

The organisation's name is only ever read from the text where the policy states it: a line that is only a
name (a letterhead, a running header or footer), a title that starts with one ("Park Road Academy
Acceptable Use Agreement: Volunteers"), a definition ("The Trust - Anthem Schools Trust", "Boston Public
Schools (BPS)"), a sentence whose subject it is ("Aitchison College provides ..."), a possessive
("... Minuteman Regional Vocational Technical School District's role") or a repeated "the X School". A
name must contain an organisation word (School, Academy, College, Trust, District, Pre-school, Learning
Centre, ...), be written in title case, and have a word of its own besides the generic ones ("the school",
"Our School", "Staying Safe" are not names). A company ("... Trust Ltd") or a copyright line names a
template's publisher, not the school. When no name is stated the document is shown by a readable title,
never by its slug: :func:`display_name`. This module holds what a name is; :mod:`generator.organisation`
reads a source for the places it states one and chooses among them.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .model import Document
from .text import squash

#: Organisation words, longest first; ``ORG_TAIL`` is what a name ends with.
_ORG = (r"public\s+schools|school\s+district|school\s+board|school\s+division|n\.\s?s(?=\.|$)|board\s+of\s+education|learning\s+cent(?:re|er)|pre-?\s?school|preschool|multi-academy\s+trust|"
        r"academy\s+trust|schools?\s+trust|schools?\s+group|education(?:al)?\s+group|group\s+of\s+schools|"
        r"schools|school|academy|college|district|nursery|montessori|trust|"
        r"federation|institute|university|high|primary|infants?|juniors?|clc|council|kindergarten|"
        r"grammar|prep|seminary|lyc[eé]e|gymnasium|vidyalaya|vidyalayam|vidyapeeth|vidyapith|vidya\s+mandir|"
        r"vidya\s+niketan|vidya\s+bhavan|shiksha\s+niketan|c?isd|c?usd")
ORG_TAIL = re.compile(rf"(?i:{_ORG})$")
#: Organisation words that stand first in a name: Welsh "Ysgol Gynradd Nant y Felin", Irish "Gaelscoil na Cille",
#: "Coláiste Íde", Māori "Te Kura o Tāmaki", French "École Saint-Michel".
_ORG_FIRST = (r"ysgol|scoil|gaelscoil|gaelcholáiste|gaelcholaiste|coláiste|colaiste|kura(?:\s+kaupapa\s+m[aā]ori)?|"
              r"wharekura|[ée]cole|collège|lyc[eé]e|acad[ée]mie|escuela|escola|colegio|liceo")
ORG_HEAD = re.compile(rf"^(?:(?:The|Te)\s+)?(?i:{_ORG_FIRST})\s+(?=\S)")
#: Words a name that starts with its organisation word may hold in lower case ("Nant y Felin", "Gaelscoil na Cille").
_NAME_JOINERS = frozenset({"y", "yr", "na", "an", "o", "te", "ki", "de", "la", "le", "du", "des", "del", "di", "da"})
#: A placeholder a template leaves for the school to fill in: "[School Name]", "<school>", "XXXX School".
PLACEHOLDER = re.compile(r"[\[\]<>{}_«»]|\.{3}|\u2026|\b(?:x{3,}|insert|name\s+of\s+(?:the\s+)?school|school\s+name|your\s+school)\b", re.I)
#: Words that say nothing of which organisation it is.
GENERIC = frozenset("""
a an the this that our your their its my of and for in on to at with by all any each every new
school schools academy academies trust trusts council councils college colleges district districts nursery name
ysgol gynradd uwchradd gymraeg scoil gaelscoil coláiste colaiste gaelcholáiste kura kaupapa māori maori wharekura
pre-school preschool pre school institute university federation centre center learning clc high primary
secondary junior juniors infant infants prep preparatory grammar montessori kindergarten public community
local county borough authority division church unified consolidated regional union isd usd cisd cusd group
vidyalaya vidyalayam vidyapeeth vidyapith vidya mandir niketan bhavan shiksha catholic foundation multi multi-academy free independent special
c e cofe ce rc vc va staff pupil pupils student students parent parents governor governors visitor visitors
policy policies acceptable use agreement online safety e-safety esafety internet ict computing computer
mobile phone phones data protection code conduct guidance procedure procedures statement template model
staying safe rules charter user users network technology digital social media national government
whole wider entire other partner feeder host visiting receiving main lower upper middle senior forest beach sunday
summer holiday boarding home virtual hospital faith state private village previous next sixth form further
education higher training day residential mainstream maintained voluntary aided controlled alternative
""".split())
#: Organisations policies mention that are never the policy's own (services, national bodies).
OTHERS = frozenset({"oak national academy", "khan academy", "open university", "national college",
                    "national online safety", "teach first", "google for education"})
#: Words a name may hold in lower case.
_JOINERS = frozenset({"of", "and", "&", "the", "de", "la", "le", "y", "upon", "on", "in", "under", "st", "st."})
#: Words that end a name when walking back from its organisation word.
_STOPS = frozenset("""
policy policies acceptable use agreement aup online safety e-safety esafety internet ict staff pupil pupils
student students governors visitors volunteers parents for at by from with to this that our your their its
within into about as is are was be will all any each every template model statement code headteacher
head principal governing body board chair members member team leadership senior welcome dear
""".split())
_LEADING = frozenset("""
at in by for from with to dear welcome here why this these those all every each our your as if when whilst while
where please both whether any some no not staff pupils students parents visitors governors
""".split())
_COMPANY = re.compile(r"^\s*(?:ltd|limited|plc|inc|llc|cic)\b\.?", re.I)
#: A copyright or web-address line: it names a template's publisher, not the school.
TEMPLATE = re.compile(r"©|\(c\)\s*\d|copyright|all rights reserved|www\.|https?://|@\w", re.I)
_WORD = r"[A-Z0-9][\w'’.&-]*"
_ANY = r"[\w'’.&-]+"
_CANDIDATE = re.compile(rf"(?:{_ANY}\s+){{0,9}}(?i:{_ORG})\b", re.U)
_SMALL = frozenset({"of", "and", "the", "for", "in", "on", "at", "de", "la", "le", "y", "upon", "under", "to"})
#: Words a capitalised line keeps in capitals when it is put in title case.
_KEEP_UPPER = frozenset({"CLC", "CE", "RC", "VA", "VC", "UK", "USA", "ICT", "AUP", "IT", "KS1", "KS2", "KS3", "KS4",
                         "SEN", "SEND", "PE", "CEVA", "CEVC", "RGS", "UTC", "ISD", "CISD", "USD", "CUSD", "DPS", "CBSE",
                         # the acronyms policy titles use ("POLICY ON GENERATIVE AI TOOLS", "BYOD AGREEMENT")
                         "AI", "GDPR", "BYOD", "USB", "VPN", "CCTV", "DSL", "DPO", "HR", "PSHE", "EYFS", "DBS", "NHS", "SLT"})


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text.strip()) if w]


def _capitalised(word: str) -> bool:
    core = word.strip("'’\"()[],:;")
    return bool(core) and (core[0].isupper() or core[0].isdigit())


#: What "Our" starts in a Catholic school's name ("Our Lady of Mercy College", "Our Saviour's CE Primary").
_OUR_NAME = r"(?:lady|lady's|lady’s|saviour|saviour's|saviour’s|holy|redeemer|mother)\b"
#: A school district known by its number: "School District No. 94 (Kettle Ridge)", "Independent School District 625".
DISTRICT_NUMBER = re.compile(r"(?:[A-Z][\w'’.-]*\s+){0,3}?(?i:school\s+)?(?i:district)\s+(?i:no\.?|number|#)?\s*\d{1,4}"
                             r"(?:\s*\([A-Z][^()]{1,40}\))?")


def tidy_name(name: str) -> str:
    """A name as it is shown: one space between words, no leading "The" or trailing punctuation, title case
    when written in capitals ("PARK ROAD ACADEMY" -> "Park Road Academy")."""
    name = squash(name).strip(" \t.,;:-–—'\"“”‘’(")
    if name.endswith(")") and name.count("(") < name.count(")"):
        name = name.rstrip(")").strip()  # a closing bracket of the sentence, not of "No. 94 (Kettle Ridge)"
    name = re.sub(rf"^(?:the|our(?!\s+{_OUR_NAME}))\s+", "", name, flags=re.I)
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 4:
        name = title_case(name)
    return name


def title_case(text: str) -> str:
    """Title case for a line written in capitals, keeping short joining words low and known acronyms up."""
    out = []
    for i, word in enumerate(text.split()):
        bare = word.strip("()[],:;")
        if bare.upper() in _KEEP_UPPER or word.startswith("(") and word.rstrip(",;:").endswith(")") and bare.isalpha():
            # a known acronym, or one the title spells out in brackets: "Responsible Use Guidelines (RUG)"
            out.append(word)
        elif i and word.lower() in _SMALL:
            out.append(word.lower())
        else:
            out.append("-".join(re.sub(r"^(\W*)(\w)(.*)$", lambda m: m[1] + m[2].upper() + m[3].lower(), p)
                                for p in word.split("-")))
    return " ".join(out)


#: A line naming the body a school belongs to or works with ("Part of the Oak Vale Learning Trust", "A member of ...").
PARENT = re.compile(r"^(?:proud(?:ly)?\s+)?(?:an?\s+)?(?:part|member)\s+of\b|^(?:in\s+partnership\s+with|sponsored\s+by|"
                     r"supported\s+by|affiliated\s+(?:to|with)|working\s+(?:in\s+partnership\s+)?with)\b", re.I)
#: "... and the School": a lower-case "the" right before the organisation word ends a phrase, not a name.
_THE_BEFORE_TAIL = re.compile(r"\s(?:the|our|this|that|a)\s+(?:\w+\s+)?(?i:school|academy|college|trust|district|nursery)$")
#: "Schools" ends a network's name ("Al-Noor Heritage Schools"), not a phrase ("Data Handling in Schools").
_SCHOOLS_PHRASE = re.compile(r"\b(?:in|for|across|of|and|to|at|with|within)\s+(?:\w+\s+)?schools$", re.I)


def is_organisation_name(text: str) -> bool:
    """Whether a piece of text is, all of it, an organisation's name (see the module's rules)."""
    name = squash(text).strip(" .,;:")
    words = _words(name)
    if not 1 < len(words) <= 10 or len(name) > 90 or TEMPLATE.search(name) or PLACEHOLDER.search(name):
        return False
    if PARENT.match(name) or _SCHOOLS_PHRASE.search(name) or ":" in name or _THE_BEFORE_TAIL.search(name):
        return False  # "Part of the Oak Vale Learning Trust", "Part 1: Kindergarten", "the Portal and the School"
    if DISTRICT_NUMBER.fullmatch(name) and all(_capitalised(w) or w.lower() in _JOINERS for w in words):
        return bool(re.search(r"\bschool\s+district\b", name, re.I)) or _distinctive(words[:-2])
    head = ORG_HEAD.match(name)
    if not ORG_TAIL.search(name) and not head and \
            not re.match(r"^(?:The\s+)?(?:University|College|Academy|Institute)\s+of\s+[A-Z]", name):
        return False
    joiners = _JOINERS | _NAME_JOINERS if head else _JOINERS
    if not all(_capitalised(w) or w.lower().strip(".") in joiners or (head and _mutated(w)) for w in words):
        return False
    return _distinctive(words)


def _mutated(word: str) -> bool:
    """An Irish word with an eclipsis or a prefixed h before its capital ("na bhFál", "an tSléibhe")."""
    return bool(re.fullmatch(r"(?:bh|mb|gc|nd|ng|bp|dt|n-|t-|h|t)[A-ZÁÉÍÓÚ][\w'’-]*", word.strip("'’\"()[],:;.")))


def _distinctive(words: list[str]) -> bool:
    for w in words:
        core = re.sub(r"['’]s$", "", w.strip("'’\"()[],:;.")).lower()
        if core and core not in GENERIC and core not in _JOINERS and not core.isdigit():
            return True
    return False


def _walk_back(text: str, end: int) -> str:
    """The name that ends at ``end`` (just after an organisation word): capitalised words and joiners before it."""
    head = text[:end]
    words = head.split()
    taken: list[str] = []
    for word in reversed(words):
        core = word.strip("\"“”()[],:;")
        if word != core and taken:  # punctuation before a word ends the name ("... policy: Park Road Academy")
            if word.endswith((",", ":", ";", ")", "]", '"', "”")) or word.startswith(("(", "[", '"', "“")):
                if word.startswith(("(", "[", '"', "“")) and not word.endswith((",", ":", ";")):
                    taken.append(core)
                break
        if not core or core in ("-", "–", "—", "|", "/"):
            break
        if taken and core.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+|(?i:st|mt|ft|no)\.", core):
            break  # "... Hill Academy. The Park School": a sentence ended before the name
        low = core.lower()
        if taken and low in _STOPS and not (low == "our" and re.match(_OUR_NAME, taken[-1].lower())):
            break
        if not (_capitalised(core) or (taken and low in _JOINERS)):
            break
        taken.append(core)
    # never start with a joining word ("of", "and") or a sentence's first word ("At", "Welcome to", "All")
    while taken and ((taken[-1].lower() in _JOINERS and taken[-1].lower() not in ("st", "st.")) or taken[-1].lower() in _LEADING and not
                     (taken[-1].lower() == "our" and len(taken) > 1 and re.match(_OUR_NAME, taken[-2].lower())) and not
                     (taken[-1].lower() == "all" and len(taken) > 1 and taken[-2].lower() in ("saints", "souls", "hallows"))):
        taken.pop()
    return " ".join(reversed(taken))


def _walk_on(text: str, start: int, head: str) -> str:
    """The name that starts with an organisation word (``head``, ending at ``start``): capitalised words and
    joiners after it, up to punctuation or a lower-case word ("Ysgol Gynradd Nant y Felin, ...")."""
    taken: list[str] = []
    for word in text[start:].split()[:8]:
        core = word.strip("\"“”()[],:;.!?")
        if not core or not (_capitalised(core) or core.lower() in _NAME_JOINERS or _mutated(core)) or core.lower() in _STOPS:
            break
        taken.append(core)
        if core != word.rstrip("'’"):
            break  # punctuation after the word ends the name
    while taken and (taken[-1].lower() in _NAME_JOINERS or taken[-1].lower() in _JOINERS):
        taken.pop()
    return f"{head}{' '.join(taken)}".strip() if taken else ""


def names_in(text: str) -> list[tuple[str, int, int]]:
    """Every organisation name in a text as ``(name, start, end)``; ends just after the organisation word."""
    found: list[tuple[str, int, int]] = []
    for m in re.finditer(rf"\b(?i:{_ORG})\b", text):
        end = m.end()
        nxt = text[end:end + 12]
        if re.match(r"\s+(?i:school|schools|trust|district|academy|college)\b", nxt):
            continue  # the name goes on ("Hill Academy Trust", "Primary School")
        if m.group(0).lower() == "schools" and (re.match(r"\s+[A-Z]", text[end:]) or re.search(
                r"\b(?i:for|in|across|of|to|all|within|with|and|our|other|local|many|most|some)\s+(?:\S+\s+)?$", text[:m.start()])):
            continue  # "Kent Schools Partnership", "Guidance for Kent Schools": a phrase, not a network's name
        if _COMPANY.match(text[end:]):
            continue  # "... Trust Ltd": a company, a template's publisher
        if m.group(0)[0].islower() and not m.group(0).isupper():
            continue  # "the school", "a high standard": an organisation word must be capitalised in a name
        name = _walk_back(text, end)
        if name and is_organisation_name(name) and tidy_name(name).lower() not in OTHERS:
            found.append((name, end - len(name), end))
    for m in DISTRICT_NUMBER.finditer(text):
        name = m.group(0)
        lead = re.match(r"(?:(?:The|This|Of|In|At|For|By|From|With|To)\s+)+", name)
        name, start = (name[lead.end():], m.start() + lead.end()) if lead else (name, m.start())
        if is_organisation_name(name):
            found.append((name, start, start + len(name)))
    for m in re.finditer(rf"(?<![\w'’-])(?:(?:The|Te)\s+)?(?i:{_ORG_FIRST})\s+(?=\S)", text):
        if not m.group(0)[0].isupper():
            continue
        name = _walk_on(text, m.end(), m.group(0))
        if name and is_organisation_name(name):
            found.append((name, m.start(), m.start() + len(name)))
    for m in re.finditer(r"\b(?:The\s+)?(?:University|College|Academy|Institute)\s+of\s+(?:[A-Z][\w'’-]*\s?){1,4}", text):
        name = m.group(0).strip()
        if is_organisation_name(name):
            found.append((name, m.start(), m.end()))
    return found



# -- display names ------------------------------------------------------------------------------------------
#: Titles that name a part of a policy, not the policy.
_GENERIC_TITLE = re.compile(r"^(?:\d+[.)]?\s*)?(?:introduction|policy|purpose|scope|aims?|contents|overview|"
                            r"background|rationale|statement|summary|general|definitions|preamble|agreement)\s*:?$", re.I)
#: Pieces of a file name that say nothing about the policy: country codes, versions, copies, hashes, dates.
_FILE_NOISE = re.compile(r"^(?:uk|us|usa|gb|pk|ke|sg|au|nz|ie|in|za|ca|v\d+(?:\.\d+)*|final|draft|copy|new|latest|"
                         r"web|doc|docx|pdf|txt|html?|\d{3,}_?[0-9a-f]*|[0-9a-f]{8,}|libreoffice|pandoc|word)$", re.I)
_ABBREVIATIONS = {"aup": "AUP", "aua": "AUA", "ict": "ICT", "ks1": "KS1", "ks2": "KS2", "fs": "FS", "clc": "CLC",
                  "it": "IT", "esafety": "E-Safety", "y3": "Y3", "y4": "Y4", "y5": "Y5", "y6": "Y6", "gdpr": "GDPR"}


def is_generic_title(title: str) -> bool:
    """Whether a title only names a part of a policy ("Policy", "Introduction", "Scope")."""
    return bool(_GENERIC_TITLE.match(squash(title)))


def title_from_file_name(name: str) -> str:
    """A readable title from a file name: noise removed, words in title case ("uk-pals-photos.txt" -> "Pals Photos")."""
    stem = Path(name).stem if "." in name else name
    words = [w for w in re.split(r"[-_.\s]+", stem) if w]
    while words and _FILE_NOISE.match(words[0]):
        words.pop(0)
    while words and _FILE_NOISE.match(words[-1]):
        words.pop()
    words = [w for w in words if not re.fullmatch(r"[0-9a-f]{8,}", w, re.I)]
    out = [_ABBREVIATIONS.get(w.lower(), w if any(c.isupper() for c in w[1:]) else
                              (w.lower() if i and w.lower() in _SMALL else w[:1].upper() + w[1:].lower()))
           for i, w in enumerate(words)]
    return " ".join(out)


def readable_title(doc: Document) -> str:
    """The document's title as a reader should see it: the stated title, tidied, else one made from its file name."""
    title = squash(doc.metadata.title).strip(" –—-:|")
    if title.startswith("(") and title.endswith(")"):
        title = ""
    if not title or _GENERIC_TITLE.match(title):
        # "Policy", "Introduction": a section's name; the heading that opens the document is a better title
        stated = next((f.span.start for f in doc.metadata.fields if f.name == "title"), None)
        first = doc.sections[0] if doc.sections else None
        if first and not _GENERIC_TITLE.match(first.title) and len(first.title.split()) <= 12 \
                and (stated is None or first.span.start <= stated):
            title = squash(first.title).strip(" –—-:|")
    if title and not _GENERIC_TITLE.match(title):
        letters = [c for c in title if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            title = title_case(title)
        return title
    return title_from_file_name(doc.source.name or doc.source.path) or title or "Untitled policy"


def display_name(doc: Document) -> str:
    """How a document is named on every page: its organisation, else its readable title; never its id."""
    school = squash(doc.metadata.school)
    return school or readable_title(doc)


def possessive(name: str) -> str:
    """A name's possessive: "Aitchison College's", and a bare apostrophe after an "s" ("Community Users'")."""
    name = name.rstrip()
    if name.endswith(("'", "’")):
        return name
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def policy_phrase(doc: Document, shown: str = "") -> str:
    """How a sentence names a document's policy: "Aitchison College's policy" when it is shown by its organisation's
    name, else just the name it is shown by (a title such as "Internet access" takes no possessive).

    ``shown`` is the name the page shows (:func:`distinct_names`), :func:`display_name` by default.
    """
    shown = squash(shown) or display_name(doc)
    school = squash(doc.metadata.school)
    return f"{possessive(shown)} policy" if school and shown == school else shown


def document_heading(doc: Document) -> str:
    """A document's full heading: "Organisation: Title" when it names its organisation, else the title."""
    school, title = squash(doc.metadata.school), readable_title(doc)
    if not school:
        return title
    return title if school.lower() in title.lower() else f"{school}: {title}"


def distinct_names(documents: Iterable[Document]) -> dict[str, str]:
    """Each document's display name, with its title added where two documents would share a name."""
    documents = list(documents)
    names = {d.id: display_name(d) for d in documents}
    counts = Counter(n.lower() for n in names.values())
    for doc in documents:
        if counts[names[doc.id].lower()] > 1 and doc.metadata.school:
            title = readable_title(doc)  # "Ysgol X | Staff AUP" names its school already: not "Ysgol X — Ysgol X | ..."
            names[doc.id] = title if names[doc.id].lower() in title.lower() else f"{names[doc.id]} — {title}"
    counts = Counter(n.lower() for n in names.values())
    seen: Counter[str] = Counter()
    for doc in documents:
        key = names[doc.id].lower()
        if counts[key] > 1:  # the same policy twice (a PDF and a web page of it): the file each came from tells them apart
            seen[key] += 1
            names[doc.id] = f"{names[doc.id]} ({doc.source.name or doc.id})" if seen[key] > 1 else names[doc.id]
    return names


def name_order(name: str, doc_id: str = "") -> tuple[str, str]:
    """The key documents are listed by: the name shown, case- and accent-insensitive ("Tōtara" with "Totara"), then id."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.casefold(), doc_id


def sorted_by_name(documents: Iterable[Document], names: dict[str, str] | None = None) -> list[Document]:
    """Documents in the order every list shows them: by the name shown (``names``, else :func:`distinct_names`)."""
    documents = list(documents)
    names = names if names is not None else distinct_names(documents)
    return sorted(documents, key=lambda d: name_order(names.get(d.id) or display_name(d), d.id))


def organisation_key(name: str) -> str:
    """The form two spellings of one organisation share ("The Park Road Academy" = "PARK ROAD ACADEMY")."""
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"^the\s+", "", name.lower())).strip()
