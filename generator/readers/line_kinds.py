"""Classify plain lines of text by their shape: list items, headings, metadata, signature fields, running lines.

The first half of the line reader (:mod:`generator.readers.lines` assembles the classified lines into
blocks). Every pattern is written for the shape real documents use, not for one document's wording.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..captions import caption_force, caption_modality, is_caption_heading
from ..model import Block
from ..text import TERMINAL, clean, squash, strip_markup
from . import patterns as P

#: Empty tick boxes set in a cell beside a rule.
BOXES = "\u2610\u2611\u2612\u25a1"


@dataclass
class Line:
    """One non-blank source line, classified."""

    number: int
    raw: str
    indent: int
    text: str  # stripped of indentation and of its list marker
    kind: str  # item | markdown | bold | meta | parenmeta | signature | adoption | table | text
    label: str = ""
    marker: str = ""
    gap: bool = False  # a blank line stands before this one
    cells: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # a dated line's (key, value) parts


def _indent(raw: str) -> int:
    width = 0
    for ch in raw:
        if ch == " " or ch == "\u00a0":
            width += 1
        elif ch == "\t":
            width += 4
        else:
            break
    return width


def _item(text: str) -> tuple[str, str, str] | None:
    """``(marker, label, rest)`` when a line starts with a list marker."""
    m = P.BULLET.match(text) or P.PUA_BULLET.match(text)
    if m:
        rest = m.group("rest")
        if m.group("mark") in "*+-" and rest.startswith(m.group("mark")):
            return None  # "--", "**", "++": a rule or emphasis, not a bullet
        # "- a. text", "- **5.4.1** text": a bullet that carries a letter or number label (bold in Markdown)
        inner = _labelled(re.sub(r"^(\*\*|__)(\d{1,3}(?:\.\d{1,3})+)\1(?=\s)", r"\2", rest))
        if inner:
            return inner
        mark = m.group("mark")
        # a private-use glyph only renders in the Symbol font: show it as a plain bullet
        return "bullet", "\u2022" if "\uf000" <= mark <= "\uf8ff" else mark, rest
    return _labelled(text)


def _labelled(text: str) -> tuple[str, str, str] | None:
    m = P.NUMBER.match(text)
    if m:
        return "number", m.group("label"), m.group("rest")
    m = P.ROMAN.match(text)
    if m and m.group("label").strip("().").lower() in {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}:
        # "i." could be a letter too; decided when the list is assembled
        return "roman", m.group("label"), m.group("rest")
    m = P.PAREN_LETTER.match(text) or P.LETTER.match(text)
    if m:
        letter = m.group("label").strip("().")
        rest = m.group("rest")
        # "A. N. Other", "e.g. this": a one-letter word, not a label, unless a clause follows
        if len(letter) == 1 and (rest[:1].isalpha() or rest[:1] in "'\"\u2018\u201c("):
            return "letter", m.group("label"), rest
    return None


#: The label of a form field: short, no underscores ("Adopted by governors on", "Organisation / role", "(Chair) Date").
_FORM_LABEL = re.compile(r"[^\W_(][^_]{0,39}|\([^()_]{1,30}\)[^_]{0,30}")


def form_line(text: str) -> str:
    """The labels of a form line, each followed by a blank to fill in ("Adopted by governors on: __/__/____" ->
    "Adopted by governors on", "Signature: ______   Date: dd/mm/yyyy" -> "Signature / Date"), else ""."""
    parts = text.strip().split(":")
    labels, blanks = [parts[0]], []
    for part in parts[1:-1]:  # "______   Date": the blank of one field, then the next field's label
        m = P.BLANK.match(part)
        blank = m.group(0) if m else ""
        labels.append(part[len(blank):])
        blanks.append(blank)
    blanks.append(parts[-1])
    if len(parts) < 2 or not all(_FORM_LABEL.fullmatch(k.strip()) for k in labels) or not all(map(P.is_blank, blanks)):
        return ""
    # a blank to write in has some length: "Note: -" is a dash, not a line to fill
    return " / ".join(k.strip() for k in labels) if len(re.sub(r"\s", "", "".join(blanks))) >= 3 else ""


def signature_block(line: Line) -> Block:
    """The block of a line of fields to fill in: its labels as the key, and a value only where one is written."""
    body = clean(line.text)
    cells = line.cells or [body]
    key = clean(re.sub(r"[_.\u2026]{2,}", " ", cells[0])).rstrip(":").strip()
    value = clean(" ".join(cells[1:])) if len(cells) > 1 else ""
    value = "" if P.is_blank(value) else value  # "Date adopted<tab>__/__/____": a blank is no value
    if len(cells) == 1 and (form_line(body) or form_line(line.text)):
        key = clean(form_line(body) or form_line(line.text))  # "Adopted by governors on: dd/mm/yyyy"
    elif len(cells) == 1:
        m = P.SIGNATURE_FIELD.match(body)
        if not m or P.SIGNATURE_BARE_ROW.match(line.text.strip()):
            # "Signature ..... Date .....": several fields on one line
            names = [clean(n) for n in re.split(r"[_.\u2026]{2,}|\s{2,}|\t", line.text) if clean(n)]
            key = " / ".join(n.strip(":") for n in names)
        elif P.DESIGNATION_CHOICES.search(body):
            key = m.group("key")
    return Block("signature", body, [line.number], key=key, value=value)


def _signature(text: str) -> bool:
    plain = strip_markup(text).strip()
    if P.SIGNATURE_ROW.match(plain) or P.SIGNATURE_BARE_ROW.match(plain) or form_line(plain) or form_line(text):
        return True
    m = P.SIGNATURE_FIELD.match(plain)
    return bool(m) and (bool(m.group("fill").strip()) or plain.rstrip().endswith((":", "_", ".", ")")))


def _key_value_cells(cells: list[str]) -> bool:
    return any(P.KEY_VALUE.match(c) and len(P.KEY_VALUE.match(c).group("key").split()) <= 5 for c in cells)


def classify(number: int, raw: str, gap: bool) -> Line:
    """Classify one non-blank line by its shape."""
    indent = _indent(raw)
    # a soft hyphen shows only where a line breaks: inside a line it is nothing (one at the end joins the next)
    body = re.sub("\u00ad(?!$)", "", raw.strip().replace("\u00a0", " ").strip())
    line = Line(number, raw, indent, body, "text", gap=gap)
    m = P.MARKDOWN_HEADING.match(body)
    if m:
        line.kind, line.text, line.label = "markdown", m.group("rest"), m.group("hashes")
        return line
    m = P.BOLD_LINE.match(body)
    # "**(This agreement accompanies policy X)**": an aside in brackets, however emphasised, is not a title
    if m and len(m.group("rest").split()) <= 15 and not re.fullmatch(r"\(.*\)", strip_markup(m.group("rest")).strip()):
        line.kind, line.text = "bold", m.group("rest")
        return line
    # "**1.1** Text": an emphasised list label is still the label
    body = re.sub(r"^(\*\*|__)(\(?[0-9a-zA-Z]{1,4}(?:\.\d{1,3})*[.)]?)\1\s+", r"\2 ", body)
    # "•\tText", "1.\tText": Word's tab after a list marker is not a table cell
    body = re.sub(rf"^([{P.BULLETS}\uf000-\uf8ff]|\(?[0-9a-zA-Z]{{1,4}}[.)]|\d{{1,3}}(?:\.\d{{1,3}})+\.?)\s*\t+", r"\1 ", body)
    line.text = body
    cells = [c.strip() for c in re.split(r"\t+|\s{4,}", body) if c.strip()]
    if "\t" in raw.strip() and len(cells) >= 2 and all(c in BOXES for c in cells[1:]):
        body = line.text = cells[0]  # "I will ...<tab>\u2610": a rule and the box to tick, not a table row
        cells = [body]
    if "\t" in raw.strip() and len(cells) >= 2:
        pairs = P.dated_line(body)
        if pairs:  # "Approved: 2023-05-30<tab>|<tab>Revised: 2024-08-19": a line of dates, its bars and tabs dividers
            line.kind, line.cells, line.pairs = "meta", [body], pairs
            return line
        line.cells = cells
        marks = P.TABLE_MARK.match(cells[-1]) is not None
        line.kind = "table" if marks else "meta" if _key_value_cells(cells) or len(cells) == 2 else "table"
        if (_signature(cells[0]) and (len(cells) == 1 or P.DESIGNATION_CHOICES.search(body))) \
                or all(P.SIGNATURE_FIELD.match(c) for c in cells) or all(map(form_line, cells)) \
                or (len(cells) == 2 and bool(form_line(f"{cells[0]}: {cells[1]}"))):
            line.kind = "signature"  # "Signature: ____<tab>Date: ___/___/____": fields to fill in, no metadata
        return line
    if P.ADOPTION_LABEL.match(body):
        line.kind = "adoption"
        return line
    if _signature(body) or (P.SIGNATURE_FIELD.match(cells[0] if cells else body) and P.DESIGNATION_CHOICES.search(body)):
        line.kind = "signature"
        return line
    if P.SIGNATURE_FIELD.match(body):
        line.kind = "bare-label"  # "Staff / Volunteer Name": a field only next to other fields
        return line
    item = _item(body)
    if item:
        line.kind, (line.marker, line.label, line.text) = "item", item
        return line
    if P.PAREN_META.match(body):
        line.kind = "parenmeta"
        return line
    pairs = P.dated_line(body)
    if pairs:  # "Revised 2024-11-18 | Review due: Term 4, 2026", "Ratified by the Board of Management: 12th March 2024"
        line.kind, line.cells, line.pairs = "meta", [body], pairs
        return line
    m = P.KEY_VALUE.match(body)
    if m and P.META_KEY.match(m.group("key")) and len(m.group("key").split()) <= 5 and len(body) < 120:
        line.kind, line.cells = "meta", [body]
        return line
    m = P.KEY_DATE.match(body)
    if m and P.is_date(m.group("value")):
        line.kind, line.cells = "meta", [f"{m.group('key')}: {m.group('value')}"]
        return line
    if P.is_date(body) and len(body) < 30:
        line.kind, line.cells = "meta", [f"Date: {body}"]
        return line
    return line


#: A page number beside other words in a line ("Hill College ICT Policy | Page 2 of 5", "Page 3 of 3 ... © 2024
#: Whitmore Hall School"): the line is a running header or footer, even where the text keeps only one of them.
_PAGE_OF = re.compile(r"\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b", re.I)


def _paged(line: str) -> bool:
    """Whether a line ends with "Page N of M", or sets it apart from its other words by a bar, a bullet, a tab or a
    wide gap."""
    for m in _PAGE_OF.finditer(line):
        before, after = line[:m.start()], line[m.end():]
        if not after.strip():
            return True
        opened = not before.strip() or before.endswith(("  ", "\t")) or before.rstrip()[-1] in "|\u2022\u00b7"
        closed = after.startswith(("  ", "\t")) or after.lstrip()[0] in "|\u2022\u00b7"
        if opened and closed:
            return True
    return False


def running_lines(lines: list[tuple[int, str]]) -> dict[int, str]:
    """Lines to drop: page numbers and running headers or footers.

    A running line is a long line repeated on three or more pages, or a line repeated on two or more pages
    that sits next to a page number each time (what a PDF's text extraction leaves behind).
    """
    texts = [squash(raw) for _, raw in lines]
    counts = Counter(texts)
    numbered = [i for i, t in enumerate(texts) if P.PAGE_NUMBER.match(t)]
    near_number = set()
    for i in numbered:
        near_number.update(range(i - 3, i + 4))
    repeated = set()
    for text, n in counts.items():
        if n < 2 or len(text) < 8 or _item(text) or _signature(text) or P.PAGE_NUMBER.match(text):
            continue
        at = [i for i, t in enumerate(texts) if t == text]
        # a line starting in lower case continues a sentence: a rule worded alike in several lists, not a header
        if (n >= 3 and len(text) >= 20 and not _lowercase_start(text)) or all(i in near_number for i in at):
            repeated.add(text)
    paged = bool(repeated) or any("\f" in raw for _, raw in lines)
    drop: dict[int, str] = {}
    raw_by_number = dict(lines)
    for (number, _), text in zip(lines, texts):
        if text in repeated or (_paged(raw_by_number[number].strip()) and len(text) < 160
                                and not P.PAGE_NUMBER.match(text) and not _signature(text)):
            drop[number] = "running header or footer"
        elif paged and P.PAGE_NUMBER.match(text):
            drop[number] = "page number"
        elif re.fullmatch(r"page\s+\d{1,4}(?:\s+of\s+\d{1,4})?", text, re.I):
            drop[number] = "page number"
        elif P.RULE_LINE.match(text) and not re.search(r"\w", text):
            drop[number] = "rule line"
        elif P.TOC_ENTRY.match(raw_by_number[number].strip()) and ":" not in text and not _signature(text):
            drop[number] = "table of contents entry"
    return drop


def _ends_open(text: str) -> bool:
    """Whether a line stops mid-sentence, so that the next line continues it."""
    text = text.rstrip()
    if not text:
        return False
    if P.DANGLING.search(text):
        return True
    return text[-1] not in TERMINAL + ":;)\"'\u201d\u2019]" and not text[-1].isdigit()


def _lowercase_start(text: str) -> bool:
    first = text.lstrip("\"'\u2018\u201c(")[:1]
    return first.isalpha() and first.islower()


#: Hyphens a typesetter adds to break a word at a line end (soft hyphen, U+2010 from hyphenation): not text.
BREAK_HYPHENS = "\u00ad\u2010"


def join_wrapped(head: str, tail: str) -> str:
    """Join a line to the next: a word hyphenated at the line end keeps its hyphen and loses the space.

    A soft hyphen or a typesetter's U+2010 at the end was only there to break the word, and goes.
    """
    head, tail = head.rstrip(), tail.strip()
    if re.search(rf"[A-Za-z][{BREAK_HYPHENS}]$", head) and _lowercase_start(tail):
        return head[:-1] + tail
    if re.search(r"[A-Za-z]-$", head) and _lowercase_start(tail):
        return head + tail
    return f"{head} {tail}"


_IMPERATIVE = re.compile(
    r"^(?:do\s+not|don'?t|don\u2019t|never|always|only|please|ensure|make\s+sure|report|tell|ask|keep|lock|"
    r"log\s+(?:off|out|on|in)|respect|check|be|avoid|remember|think|stop|switch|turn|change|protect|follow|"
    r"treat|seek|inform|notify|store|save|delete|send|share|post|upload|download|install|use|take|bring|"
    r"leave|hand|look|speak|talk|tell|print|close|charge|add|attach|connect|copy|create|disclose|forward|give|let|open|"
    r"plug|publish|reply|visit|write|film|photograph|accept|join|sign|put|make|allow|click|enter|edit|browse|buy|sell|"
    r"eat|drink|lend|borrow|watch|reveal|meet|arrange|befriend|hide|remove|move|pretend)\s(?!of\b|and\b|for\b)",
    re.I,
)


#: A rule set after a cue of a do's-and-don'ts list: "Do: ...", "DON'T: ...", "Never: ...", "Always: ...".
_DO_DONT = re.compile(r"^(?:do|don['’]?t|do\s+not|never|always|avoid)\s*:\s*\S", re.I)


def heading_like(text: str) -> bool:
    """Whether a line reads as a title: short, capitalised, no sentence end, no verb of a rule."""
    text = strip_markup(text).strip()
    words = text.split()
    if not words or len(words) > 12 or len(text) > 90:
        return False
    if text[-1] in TERMINAL + ",;" or text.endswith(("-", "\u2013")):
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    if text.startswith("(") and text.endswith(")"):
        return False  # an aside in brackets
    if _DO_DONT.match(text):
        return False  # "Don't: share your password", "DO: lock your screen": a rule under its own cue, not a title
    if len(words) > 5 and re.search(r"\b(?:will|must|should|shall|may|can|are|is|have|has|be)\b", text, re.I):
        return False  # a sentence with a verb, not a title
    if words[0] in {"I", "I'm", "I\u2019m", "We", "You", "If", "When"} and len(words) > 3 and not text.isupper():
        return False  # "I check web links ...": a short clause, not a heading
    title_case = sum(1 for w in words if w[:1].isupper()) >= 0.6 * len(words)
    if len(words) >= 3 and _IMPERATIVE.match(text) and not title_case:
        return False  # "Do not share passwords", "Lock your screen when you leave": a rule, not a title
    return True


# -- lists whose bullets a copy lost (used by lines.Assembler) ------------------------------------------------
#: Words ending in a full stop that do not end a sentence.
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|incl|approx|esp|viz|cf|vs|no|nos|mr|mrs|ms|dr|st|dept|ref)|\b[A-Za-z])\.$", re.I)


#: A lead-in that says a list follows: "... include:", "the following:", "Staff must not:", "Pupils are expected to:",
#: or a label of a word or two ("Forbidden:", "Acceptable use:").
_LIST_LEAD = re.compile(r"(?:\b(?:includes?|including|following|follows|not|must|should|shall|will|may|can|to|are|is|be)"
                        r"|^\W*[\w'’-]+(?:\s+[\w'’-]+)?)\s*:\s*$", re.I)
#: The most words an entry of a list without bullets has, when blank lines set its entries apart.
_ENTRY_WORDS = 25
#: A line ending mid-phrase before its colon ("I have read the terms of the:"): its sentence goes on below.
_MID_PHRASE = re.compile(r"\b(?:a|an|the|of|for|with|in|on|at|by|from|into|that|which|who|as|our|their|your|its|this|"
                         r"these|those|any|all|such|and|or|but|nor)\s*:\s*$", re.I)


def announces_list(text: str) -> bool:
    """Whether a line says a list follows it: a lead-in ("... include:", "Staff must not:", "Forbidden:") or a caption
    without its colon ("Forbidden", "Unacceptable use", "Don'ts")."""
    return bool(_LIST_LEAD.search(text)) or is_caption_heading(strip_markup(text))


def other_caption(text: str, lead: str) -> bool:
    """Whether a line inside a list without bullets is a caption that leads a list of its own ("Unacceptable" after
    the entries of "Acceptable", "Forbidden" after those of "Unacceptable"). A word that is a caption only as a heading
    ("Illegal", "Restricted") is one of the entries, unless it gives another force than the list's lead."""
    return is_caption_heading(text) and bool(caption_modality(text.strip()) or caption_force(text) != caption_force(lead.rstrip(": ")))


def _entry_like(text: str) -> bool:
    """Whether a line set apart by blank lines can be an entry of a list without bullets: short, and no sentence
    of its own with a subject and a modal ("Staff should lock screens ..." is the text after the list)."""
    words = text.split()
    if len(words) > _ENTRY_WORDS or (len(words) > 12 and _sentence_ends(text)):
        return False
    return not re.search(r"^\W*(?:[A-Z][\w'’-]*\s+){1,3}(?:must|should|shall|will|may|can|are|is|have|has|do|does)\b", text)


def _sentence_ends(text: str) -> bool:
    """Whether a line ends a sentence: a full stop, question or exclamation mark not closing an abbreviation."""
    text = text.rstrip()
    return text[-1:] in "!?" or (text.endswith(".") and not text.endswith("..") and not _ABBREVIATION.search(text))
