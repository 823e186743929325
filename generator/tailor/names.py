"""Names in borrowed clauses: people, schools, councils and policies of the school a clause came from.

A clause copied from another school's policy often names that school's people and bodies ("the network
manager, Alistair West", "Gloucestershire County Council", "Sefton Councils Social Media Policy", "NASUWT",
"Hopelands Preparatory School"). :func:`detect_names` finds them with general patterns: a role followed or
preceded by a personal name, a title and surname, a run of capitalised words ending in Council, School,
Academy, Trust or Policy that has at least one distinctive word, a union's acronym, and the source
document's own school name and its short form. :func:`replace_names` swaps each for the school's own value
with plain string replacement (one pass, longest name first), so the replacement is never re-scanned and
nothing is evaluated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Words that make a capitalised name generic ("Data Protection Policy", "The School", "County Council").
GENERIC = frozenset("""
a an the this that our your their its of and for in on to at with by all any each every my
school schools academy academies trust trusts council councils policy policies county city borough district
local authority authorities governing body board governors governor government department national
data protection acceptable use online e e-safety esafety safety safeguarding child children protection
behaviour code conduct staff staffing disciplinary discipline grievance whistleblowing whistle blowing social
media ict it information technology computing communications communication health equality equalities
privacy security anti-bullying bullying attendance complaints complaint mobile phone phones device devices
internet email personal professional standards records retention management freedom of remote learning
primary secondary junior infant infants preparatory prep nursery high grammar catholic church community
foundation multi academy free independent special c e cofe sen send designated lead senior leadership team
head headteacher teacher teachers deputy assistant manager network business office officer chair
clerk technician coordinator co-ordinator support services service partnership bring use using
""".split())

ROLES = (r"head ?teacher|headmaster|headmistress|principal|deputy head(?:teacher)?|network manager|"
         r"(?:it|ict) (?:manager|technician|co-?ordinator|lead)|technician|bursar|(?:school )?business manager|"
         r"office manager|designated safeguarding lead|dsl|data protection officer|dpo|chair of (?:the )?governors|"
         r"computing (?:lead|co-?ordinator)|(?:online|e-?) ?safety (?:lead|co-?ordinator|officer)|senco|"
         r"clerk to (?:the )?governors")
_NAME_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?"
_PERSON = rf"(?:{_TITLE}\s+)?(?:[A-Z]\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD})+|{_TITLE}\s+(?:[A-Z]\.?\s+)?{_NAME_WORD}"
_ROLE_THEN_NAME = re.compile(rf"\b(?i:{ROLES})\b\s*(?:,|:|\(|–|-|\bis\b)\s*(?P<name>{_PERSON})")
_NAME_THEN_ROLE = re.compile(rf"(?P<name>{_PERSON})\s*(?:,|\(|–|-)\s*(?i:the\s+|our\s+)?(?i:{ROLES})\b")
#: A word every alternative of ROLES holds: the two role-and-name patterns are tried only on a text holding one
#: (most clauses name no role, and the patterns' case-insensitive alternatives are slow to try at every position).
_ROLE = re.compile(ROLES, re.I)
ROLE_WORDS = ("head", "principal", "deputy", "manager", "technician", "bursar", "lead", "dsl", "officer", "dpo",
              "chair", "ordinator", "senco", "clerk")
_TITLED = re.compile(rf"(?P<name>{_TITLE}\s+(?:[A-Z]\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD})?)")
_BODY = re.compile(r"(?P<name>(?:[A-Z][\w'’&-]*\s+(?:(?:of|and|for|the|&)\s+)?)+"
                   r"(?:Council|Councils|School|Academy|Trust|Policy|Partnership|Diocese))\b")
_ACRONYM = re.compile(r"\b(?P<name>[A-Z]{2,}(?:/[A-Z]{2,})?)\b")
_UNION_NEAR = re.compile(r"^\W*(?:\w+\W+){0,2}unions?\b|\bunion\W+$", re.I)
#: Teaching and support staff unions, named by acronym in many staff policies.
UNIONS = frozenset({"NASUWT", "NEU", "NAHT", "ASCL", "UNISON", "GMB", "NUT", "ATL", "VOICE"})
_SCHOOL_WORDS = re.compile(r"\s+(?:(?:C\.? ?of\.? ?E\.?|CE|RC|Church of England|Roman Catholic|Catholic|Primary|"
                           r"Junior|Infant|Infants|Preparatory|Prep|Nursery|High|Secondary|Grammar|Community|"
                           r"Academy|School|College|Federation)\b\s*)+$", re.I)


@dataclass(frozen=True)
class Name:
    """A name found in a clause, and why it was taken for one."""

    text: str
    kind: str  # person | school | body | organisation


def _distinctive(name: str) -> bool:
    words = [w.strip("'’-").lower() for w in re.split(r"[\s/]+", name) if w.strip("'’-")]
    return any(w not in GENERIC and not w.endswith(("'s", "’s")) or (w.endswith(("'s", "’s")) and w[:-2] not in GENERIC)
               for w in words)


def _strip_lead(name: str) -> str:
    name = re.split(r"\s+the\s+", name)[-1]  # "Read the Data Protection Policy": the name starts after "the"
    return re.sub(r"^(?:(?:The|This|Our|At|Use of|Bring|All|Any|Each|See|Please|Refer to)\s+)+", "", name).strip()


def school_forms(school: str) -> list[str]:
    """A school's name and its short form ("St Joseph's Catholic Primary School" -> "St Joseph's")."""
    school = " ".join(school.split())
    if not school:
        return []
    short = _SCHOOL_WORDS.sub("", school).strip()
    return [school] + ([short] if short and short != school and _distinctive(short) else [])


def detect_names(text: str, school: str = "") -> list[Name]:
    """The names in one clause, longest first where they overlap, each once."""
    return list(_detect_names(text, school))


@lru_cache(maxsize=1 << 14)
def _detect_names(text: str, school: str) -> tuple[Name, ...]:
    """:func:`detect_names`, kept for texts met again (the same wording in many policies of a large corpus)."""
    found: list[tuple[int, int, Name]] = []

    def add(start: int, end: int, name: str, kind: str) -> None:
        name = name.strip(" ,.;:()")
        if name and _distinctive(name):
            offset = text.find(name, start)
            found.append((offset if offset >= 0 else start, (offset if offset >= 0 else start) + len(name), Name(name, kind)))

    for form in school_forms(school):
        for m in re.finditer(rf"(?<![\w]){re.escape(form)}(?![\w])", text):
            add(m.start(), m.end(), form, "school")
    lowered = text.lower()
    for pattern in (_ROLE_THEN_NAME, _NAME_THEN_ROLE, _TITLED) if any(w in lowered for w in ROLE_WORDS) else (_TITLED,):
        for m in pattern.finditer(text):
            add(m.start("name"), m.end("name"), m.group("name"), "person")
    for m in _BODY.finditer(text):
        name = _strip_lead(m.group("name"))
        kind = "school" if re.search(r"\b(?:School|Academy)$", name) else "body"
        add(m.start("name") + m.group("name").find(name), m.end("name"), name, kind)
    for m in _ACRONYM.finditer(text):
        word = m.group("name")
        if _ROLE.fullmatch(word):
            continue  # "Priya Shah (DSL)": a role's short form, not an organisation's
        before, after = text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 40]
        parenthesised = before.endswith("(") and after.startswith(")") and any(e >= m.start() - 2 for _, e, _ in found)
        if word in UNIONS or _UNION_NEAR.search(after) or parenthesised:
            found.append((m.start(), m.end(), Name(word, "organisation")))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, Name]] = []
    for start, end, name in found:
        if any(s <= start and end <= e for s, e, _ in kept):
            continue  # inside a longer name already found
        kept.append((start, end, name))
    out: dict[str, Name] = {}
    for _, _, name in kept:
        out.setdefault(name.text, name)
    return tuple(out.values())


def replace_names(text: str, mapping: dict[str, str]) -> str:
    """Replace every mapped name in one pass, longest first, on word boundaries; replacements are not re-read."""
    names = sorted((n for n in mapping if n and mapping[n] != n), key=len, reverse=True)
    if not names:
        return text
    pattern = re.compile("|".join(rf"(?<![\w]){re.escape(n)}(?![\w])" for n in names))
    return pattern.sub(lambda m: mapping[m.group(0)], text)
