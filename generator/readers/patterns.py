"""Patterns that recognise the parts of a policy in plain lines of text.

Shared by the txt reader and by any reader that ends up with lines (PDF, Markdown). Each pattern is written
for the shape real documents use, not for one document's wording.
"""
from __future__ import annotations

import re

#: Bullet glyphs seen in policies: middle dot, bullets, dashes, Word's private-use Symbol-font bullets.
BULLETS = "\u00b7\u2022\u2023\u2043\u2219\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u27a2\u27a4\u2713\u2714\u2756\u00a7\u2610\u2611\u2612\u25ba\u25b6\u2192\u27a3" \
          "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf0e0\uf06e\uf0be*+\\-\u2013\u2014o"

# "-All staff ...": a dash set hard against a capitalised word is a bullet whose space was lost.
BULLET = re.compile(rf"^(?P<mark>[{BULLETS}])(?:\s+|(?=[\uf000-\uf8ff])|(?<=[-\u2013])(?=[A-Z][a-z]))(?P<rest>\S.*)$")
# A private-use glyph is a bullet even when no space follows it.
PUA_BULLET = re.compile(r"^(?P<mark>[\uf000-\uf8ff])\s*(?P<rest>\S.*)$")
NUMBER = re.compile(r"^(?P<label>\(?\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+)\s+(?P<rest>\S.*)$")
LETTER = re.compile(r"^(?P<label>\(?[a-zA-Z][.)])\s+(?P<rest>\S.*)$")
PAREN_LETTER = re.compile(r"^(?P<label>\([a-zA-Z]\))\s+(?P<rest>\S.*)$")
ROMAN = re.compile(r"^(?P<label>\(?(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}|I{1,3}|IV|VI{0,3}|IX|XI{0,3})[.)])\s+(?P<rest>\S.*)$")
#: A number typed before a heading's words ("9.1 District Accounts", "2. Scope", "IV. PRIVACY").
NUMBERED_TITLE = re.compile(r"^(?P<label>\d{1,3}(?:\.\d{1,3})*[.)]?|[IVX]{1,5}\.)\s+(?P<rest>[^\W\d_].*)$")
MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>.+?)\s*#*\s*$")
BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<rest>[^*_].*?)(?:\*\*|__)\s*:?\s*$")

# "Contents", "Table of Contents": the heading of a table of contents (no later heading is its sub-section).
CONTENTS_HEADING = re.compile(r"^(?:table\s+of\s+)?contents?\s*:?$", re.I)

# "Introduction ........ 3", "2. Scope\t4": a table-of-contents entry (dot leaders or a gap, then a page number).
TOC_ENTRY = re.compile(r"^\S.{1,120}?(?:\s*(?:\.\s?){4,}|\s*\u2026{2,}|\t+)\s*\d{1,3}\s*$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)
RULE_LINE = re.compile(r"^[\s_\-=~*.\u2013\u2014\u2500\u2550]{3,}$")

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_TERMS = r"(?:spring|summer|autumn|fall|winter)(?:\s+term)?"
_ORDINAL = r"\d{1,2}\s*(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
#: A date as policies write one: "12th March 2024", "the 12th of March 2024", "September 3, 2024", "March 2026",
#: "Autumn 2025", "Spring Term 2024/25", "Term 1, 2025", "8/21/2023", "2024-11-18", "2024-25", "2024".
DATE = (rf"(?:{_WEEKDAY}(?:the\s+)?{_ORDINAL}\s+(?:of\s+)?)?{_MONTHS}\.?,?\s+\d{{4}}"
        rf"|{_WEEKDAY}{_MONTHS}\.?\s+{_ORDINAL},?\s+\d{{4}}"
        rf"|{_TERMS},?\s+\d{{4}}(?:\s*[-/]\s*\d{{2,4}})?"
        r"|(?:term|semester)\s+(?:\d|one|two|three|four),?\s+\d{4}"
        rf"|\d{{1,2}}-{_MONTHS}-\d{{2,4}}"
        r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|\d{4}[-/]\d{2,4}|\d{1,2}/\d{4}|\d{4}")
DATE_VALUE = re.compile(rf"^(?:{DATE})$", re.I)
_SPACE = re.compile(r"\s+")

#: Key words of metadata lines ("Approved by FGB:", "Review due:", "Issue Number:").
META_KEY = re.compile(
    r"^(?:date\s+)?(?:of\s+)?(?:adopted|adoption|approved|approval|ratified|agreed|reviewed|review|revision|revised|"
    r"next\s+review|last\s+(?:review(?:ed)?|updated|revised|amended)|version|issue(?:\s+(?:no|number))?|ref(?:erence)?|author|written\s+by|"
    r"owner|policy\s+(?:owner|lead|holder)|subject\s+leader|link\s+governor|applies\s+to|pages|status|"
    r"headteacher|head\s+teacher|chair(?:\s+of\s+governors)?|local\s+authority|"
    r"(?:other\s+)?(?:related|relevant|associated)\s+policies|other\s+relevant\s+policies|date|updated|"
    r"date\s+(?:of\s+)?(?:issue|publication)|published|effective(?:\s+from)?|responsible|committee|"
    r"member\s+of\s+staff\s+responsible|school|academy|trust)\b.*$",
    re.I,
)
# "Key: value" with a short key.
KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z][\w ()/&.'\u2019-]{0,40}?)\s*:\s*(?P<value>.*)$")
# "(Adopted: April 2021 – Review April 2024)"
PAREN_META = re.compile(r"^\((?P<inner>[^()]*(?:adopt|review|approv|ratif|version|updated)[^()]*)\)$", re.I)
META_PAIR = re.compile(
    r"(?P<key>adopted|approved|ratified|reviewed|review(?:\s+due|\s+date)?|revision\s+date|next\s+review|version|updated|issued)"
    r"\s*(?:on|by|date)?\s*:?\s*(?P<value>[^\u2013\u2014;,|]+)",
    re.I,
)
# "REVISION DATE SPRING 2018", "Review date September 2024"
KEY_DATE = re.compile(
    r"^(?P<key>(?:date\s+)?(?:of\s+)?(?:next\s+|last\s+)?(?:review(?:ed)?|revision|revised|adopted|approved|ratified|issued?|updated|amended)"
    r"(?:\s+(?:date|due|on|by))?)\s*:?\s+(?P<value>.+)$",
    re.I,
)

#: Words that make a line's key a date's key ("Ratified", "Review due", "Effective from", "Date of policy").
_DATE_WORD = (r"(?:adopted|adoption|approved|approval|ratified|ratification|agreed|reviewed|review|revision|revised|rev\.|updated|"
              r"update|amended|issued|issue|effective|published|publication|implemented|introduced|valid|dated|date)")
#: A date key's head ("Date of next review", "To be reviewed", "This policy was last reviewed") and what may follow
#: it: words that say which date ("due", "of the policy") and who approved it ("by the Board of Management").
#: Who approves a policy, as a key may start with it ("Board approved", "FGB approval date").
_BODY = r"(?:board|governors?['\u2019]?|governing\s+body|fgb|lgb|sgb|slt|trust(?:ees)?|trust\s+board|committee|council|management)"
_KEY_HEAD = re.compile(
    r"^(?:this\s+(?:policy|agreement|document|code|procedure|guidance|notice)\s+(?:was|is|has\s+been|will\s+be)\s+)?"
    r"(?:to\s+be\s+)?(?:date\s+(?:of\s+|to\s+be\s+)?)?(?:(?:next|last|first|latest|previous|policy|document|agreement)\s+)?"
    rf"(?:{_DATE_WORD}(?:\s+(?:and|&)\s+{_DATE_WORD})?|{_BODY}\s+(?:approved|approval|adopted|adoption|ratified|"
    r"ratification|agreed|reviewed|review)|with\s+effect\s+from|w\.?\s?e\.?\s?f\.?)(?!\w)", re.I)
_KEY_TAIL = re.compile(
    r"(?:\s+(?:date|due|on|from|in|of\s+(?:the\s+|this\s+)?(?:(?:board|governors'?|governing\s+body|trust|committee)\s+)?(?:policy|agreement|document|guidance|guidelines|code|procedure|"
    r"regulation|notice|rules|charter|statement|approval|adoption|ratification|issue|publication|(?:next\s+|last\s+)?review)))*"
    r"(?:\s+(?:by|at)(?P<who>(?:\s+[\w'\u2019&.-]+){0,8}))?$", re.I)
#: A date at the end of a part, after its key ("... Management: 12th March 2024", "Updated Term 1, 2025").
#: Who reviewed it may follow the date ("Last reviewed: Sept 2023 by the Deputy Head (Pastoral)").
_DATE_END = re.compile(rf"(?:^|(?<=[\s:\u2013\u2014-]))(?P<value>{DATE})(?:\s+by\s+(?:the\s+)?(?-i:[A-Z])[^.;|]{{0,80}})?\s*\.?$", re.I)


def date_key(key: str) -> bool:
    """Whether a key names a date of the policy: "Ratified by the Board of Management", "Review due", "Effective from"."""
    key = key.strip().rstrip(":-\u2013\u2014 ")
    head = _KEY_HEAD.match(key)
    return bool(head) and bool(_KEY_TAIL.match(key[head.end():]))


def date_part(part: str) -> tuple[str, str] | None:
    """``(key, date)`` when a part of a line is a date key and a date ("Approved by the Superintendent: 8/21/2023",
    "Updated Term 1, 2025", "This policy was last reviewed in March 2024."), else None."""
    m = _DATE_END.search(part.strip())
    if not m:
        return None
    key = part.strip()[:m.start()].rstrip(" :-\u2013\u2014")
    return (key, m.group("value").strip()) if key and date_key(key) else None


#: A reference part of a dated line: "Policy No. HR/IT/07", "Version 3.1", "Template version 2.0".
REF_PART = re.compile(r"^(?P<key>(?:(?:policy|document|template|procedure|doc)\s+)?(?:no\.?|number|ref(?:erence)?\.?|version|v\.?))"
                      r"\s*[:.#]?\s*(?P<value>[\w./-]*\d[\w./-]*)$", re.I)
_DATE_LEAD = r"(?:next|last|date|review|revised|updated|adopted|approved|ratified|effective)\b"
#: Where a line of several parts divides: a bar, a bullet, a tab or a wide gap, a spaced dash, a semicolon, a
#: comma or a year before the next date's key ("Adopted 2022, Next review 2025", "August 2024 Next review: ..."), or
#: a number before a capitalised one ("Version 4.2 Approved by ...": the gap a PDF keeps of a tab).
_PART_BREAK = re.compile(rf"\s*[|\u2022\u00b7]\s*|\s+[-\u2013\u2014]\s+|\t+|\s{{3,}}|;\s+|,\s+(?={_DATE_LEAD})|(?:(?<=\d{{4}})|(?<=\d-\d{{2}}))\.?\s+(?={_DATE_LEAD})|"
                         rf"(?<=\d)\s+(?=(?=(?-i:[A-Z])){_DATE_LEAD})|(?-i:(?<=[a-z]{{3}}\.)\s+(?=[A-Z][a-z]))", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")
#: A page number set in a running line: "Page 2 of 5", "p. 3".
PAGE_PART = re.compile(r"^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def line_parts(text: str) -> list[str]:
    """The parts of a line that holds several ("Name | Title | Reviewed: January 2021"); a bracketed date part
    ("... 2024 (last revised: 09 Jan 2024)") is a part of its own."""
    text = _PAREN.sub(lambda m: f" | {m.group(1)} | " if date_part(m.group(1)) else m.group(0), text)
    parts: list[str] = []
    for part in (p.strip() for p in _PART_BREAK.split(text) if re.search(r"\w", p)):
        if parts and is_date(part) and date_key(parts[-1]):
            parts[-1] = f"{parts[-1].rstrip(' :')}: {part}"  # "Ratified by Governors – 14.03.2022": one part
        else:
            parts.append(part)
    return [p.strip(" ,.") if date_part(p.strip(" ,.")) else p for p in parts]


def date_parts(text: str) -> list[tuple[str, str]]:
    """``(key, date)`` for every part of a line that dates the policy, as written."""
    return [pair for pair in map(date_part, line_parts(text)) if pair]


def dated_line(text: str) -> list[tuple[str, str]]:
    """``(key, value)`` for each part of a line made only of dates and references ("Policy No. HR/IT/07 | Version
    3.1 | Approved by the Board: 22/03/2024"), with at least one date; else an empty list. Such a line is the
    document's metadata, not a clause."""
    out, dated = [], False
    for part in line_parts(text):
        pair = date_part(part) or ref_part(part)
        if not pair or re.match(r"this\s", part, re.I):
            return []  # "This policy was last reviewed in March 2024.": a sentence, which stays a clause
        out.append(pair)
        dated = dated or bool(date_part(part))
    return out if dated else []


def ref_part(part: str) -> tuple[str, str] | None:
    """``(key, value)`` when a part of a line is a reference: "Policy No. HR/IT/07", "Version 3.1"."""
    m = REF_PART.match(part.strip())
    return (m.group("key").strip(), m.group("value").strip()) if m else None


#: Signature fields: a label from this list, then nothing, blanks, underscores or dots.
_ROLE = r"(?:staff|pupil|student|parent|carer|governor|volunteer|visitor|child|member\s+of\s+staff)"
SIGNATURE_LABEL = (
    rf"(?:{_ROLE}(?:\s*/\s*{_ROLE})*\s+)?(?:full\s+)?name(?:\s+of\s+(?:pupil|child|student|signatory|staff(?:\s+member)?|parent|carer|governor))?"
    r"|print(?:ed)?\s+name|signed|signature(?:\s+of\s+\w+)?|date(?:\s+signed)?|designation|class|form|year(?:\s+group)?|"
    r"position|role|job\s+title|department|tutor\s+group|parent(?:/carer)?'?s?\s+(?:name|signature)|witness"
)
SIGNATURE_FIELD = re.compile(
    rf"^(?P<key>(?:{SIGNATURE_LABEL})(?:\s*\([^)]{{0,30}}\))?)\s*[:.\u2026]*\s*(?P<fill>[_.\u2026\s]*)"
    rf"(?:\((?:printed|print|please print|block capitals)\))?\s*$",
    re.I,
)
# A line made only of fields: "Signature ..... Date .....", "Name ________ Class ______".
SIGNATURE_ROW = re.compile(
    rf"^(?:(?:{SIGNATURE_LABEL})(?:\s*\([^)]{{0,30}}\))?\s*[:.\u2026]*\s*[_.\u2026]{{2,}}\s*(?:\((?:printed|print)\))?\s*)+$",
    re.I,
)
# Labels with nothing after them, several on one line: "Signature               Date".
SIGNATURE_BARE_ROW = re.compile(rf"^(?:{SIGNATURE_LABEL})(?:\s*[:.]?\s{{2,}}(?:{SIGNATURE_LABEL}))+\s*:?\s*$", re.I)
# A cell that only marks a column of a matrix: "X", a tick, a Symbol-font glyph, yes / no.
TABLE_MARK = re.compile(r"^(?:[xX\u2713\u2714\u2717\u2718\u25cf\u2022]|[\uf000-\uf8ff]|yes|no|y|n)$", re.I)
#: A cell that only marks its row: a tick box, a tick or cross, Yes or No.
MARK_CELL = re.compile(rf"^(?:[\u2610\u2611\u2612\u25a1]|{TABLE_MARK.pattern.strip('^$')})$", re.I)
#: A cell holding only a list number or letter ("1.", "2.3", "(a)"): the label of the rule beside it.
LABEL_CELL = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z])[.)]?$")
DESIGNATION_CHOICES = re.compile(r"(?:staff|governor|visitor|volunteer|pupil|parent)\s*/\s*\w+", re.I)

#: Labels of an adoption record that put their value on the next line.
ADOPTION_LABEL = re.compile(
    r"^(?:(?:this\s+policy\s+was\s+)?(?:adopted|approved|ratified|agreed)\s+(?:at\s+a\s+meeting\s+of|by|on)(?:\s+the)?"
    r"|held\s+on|date\s+(?:to\s+be\s+)?review(?:ed)?|review\s+date|(?:name|role|position)\s+of\s+signatory"
    r"|signed\s+on\s+behalf\s+of\b.*)\s*:?\s*$",
    re.I,
)
_NAME_WORD = r"(?:[A-Z0-9][\w'\u2019.&()-]*|of|the|and|&|de|la|y|le|upon|on|in|under)"
SCHOOL_NAME = re.compile(
    rf"^(?:The\s+)?[A-Z][\w'\u2019.&-]*(?:\s+{_NAME_WORD}){{0,8}}\s+"
    r"(?i:school|academy|college|primary|infants?|juniors?|nursery|prep|federation|trust|high|grammar|c\.?\s?of\s?e\.?)"
    r"(?i:\s+school)?$"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")

#: Words after which a line cannot end: the text goes on on the next line.
DANGLING = re.compile(
    r"(?:\b(?:a|an|the|of|for|to|and|or|but|nor|with|in|on|at|by|from|into|that|which|who|as|is|are|be|"
    r"will|shall|must|should|may|can|our|their|your|its|this|these|those|any|all|no|not|such)|[,&/(\u2013-])"
    r"[\s:\u2013-]*$",
    re.I,
)


#: What a form leaves for a value to be written in: rules of underscores, dots or dashes ("__/__/____", "........"),
#: a pattern of the value ("dd/mm/yyyy", "XX/XX/XXXX"), or a template's bracketed blank ("[date]", "[Month YYYY]",
#: "<insert date>", "{{adopted}}", "\u00abdate\u00bb").
BRACKETED_BLANK = r"\[[^\[\]]{0,60}\]|<<?[^<>]{0,60}>>?|\{\{?[^{}]{0,60}\}\}?|\u00ab[^\u00ab\u00bb]{0,60}\u00bb"
BLANK = re.compile(r"(?:[\s_.\u2026/\\|\-\u2013\u2014]|(?<![a-z])(?:d{1,2}|m{1,2}|y{2}|y{4}|x{1,4})(?![a-z])|"
                   rf"{BRACKETED_BLANK})+", re.I)


def is_blank(value: str) -> bool:
    """Whether a field's value is only a blank to fill in ("__/__/____", "dd/mm/yyyy", "[date]"): no value at all."""
    value = value.strip()
    return bool(value) and BLANK.fullmatch(value) is not None


def is_date(text: str) -> bool:
    """Whether a short text is only a date, a month and year, a term and year, or a year."""
    return bool(DATE_VALUE.match(_SPACE.sub(" ", text.strip(" .,;()"))))
