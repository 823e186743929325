"""Turn numbered lines of plain text into blocks: headings, paragraphs, list items, metadata, signatures.

Used by the txt reader and by every reader whose source ends up as lines. Each non-blank line is claimed
by exactly one block or by one dropped record.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Block, Dropped, Span
from ..text import TERMINAL, clean, squash, strip_markup
from . import patterns as P


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
        if m.group("mark") in "*-" and rest.startswith(m.group("mark")):
            return None  # "--", "**": a rule or emphasis, not a bullet
        # "- a. text": a bullet that carries a letter or number label
        inner = _labelled(rest)
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


def _signature(text: str) -> bool:
    plain = strip_markup(text).strip()
    if P.SIGNATURE_ROW.match(plain) or P.SIGNATURE_BARE_ROW.match(plain):
        return True
    m = P.SIGNATURE_FIELD.match(plain)
    return bool(m) and (bool(m.group("fill").strip()) or plain.rstrip().endswith((":", "_", ".", ")")))


def _key_value_cells(cells: list[str]) -> bool:
    return any(P.KEY_VALUE.match(c) and len(P.KEY_VALUE.match(c).group("key").split()) <= 5 for c in cells)


def classify(number: int, raw: str, gap: bool) -> Line:
    """Classify one non-blank line by its shape."""
    indent = _indent(raw)
    body = raw.strip().replace("\u00a0", " ").strip()
    line = Line(number, raw, indent, body, "text", gap=gap)
    m = P.MARKDOWN_HEADING.match(body)
    if m:
        line.kind, line.text, line.label = "markdown", m.group("rest"), m.group("hashes")
        return line
    m = P.BOLD_LINE.match(body)
    if m and len(m.group("rest").split()) <= 15:
        line.kind, line.text = "bold", m.group("rest")
        return line
    # "**1.1** Text": an emphasised list label is still the label
    body = re.sub(r"^(\*\*|__)(\(?[0-9a-zA-Z]{1,4}(?:\.\d{1,3})*[.)]?)\1\s+", r"\2 ", body)
    # "•\tText", "1.\tText": Word's tab after a list marker is not a table cell
    body = re.sub(rf"^([{P.BULLETS}\uf000-\uf8ff]|\(?[0-9a-zA-Z]{{1,4}}[.)]|\d{{1,3}}(?:\.\d{{1,3}})+\.?)\s*\t+", r"\1 ", body)
    line.text = body
    cells = [c.strip() for c in re.split(r"\t+|\s{4,}", body) if c.strip()]
    if "\t" in raw.strip() and len(cells) >= 2:
        line.cells = cells
        marks = P.TABLE_MARK.match(cells[-1]) is not None
        line.kind = "table" if marks else "meta" if _key_value_cells(cells) or len(cells) == 2 else "table"
        if (_signature(cells[0]) and (len(cells) == 1 or P.DESIGNATION_CHOICES.search(body))) \
                or all(P.SIGNATURE_FIELD.match(c) for c in cells):
            line.kind = "signature"
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
        if (n >= 3 and len(text) >= 20) or all(i in near_number for i in at):
            repeated.add(text)
    paged = bool(repeated) or any("\f" in raw for _, raw in lines)
    drop: dict[int, str] = {}
    raw_by_number = dict(lines)
    for (number, _), text in zip(lines, texts):
        if text in repeated:
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


def join_wrapped(head: str, tail: str) -> str:
    """Join a line to the next: a word hyphenated at the line end keeps its hyphen and loses the space."""
    head, tail = head.rstrip(), tail.strip()
    if re.search(r"[A-Za-z]-$", head) and _lowercase_start(tail):
        return head + tail
    return f"{head} {tail}"


_IMPERATIVE = re.compile(
    r"^(?:do\s+not|don'?t|don\u2019t|never|always|only|please|ensure|make\s+sure|report|tell|ask|keep|lock|"
    r"log\s+(?:off|out|on|in)|respect|check|be|avoid|remember|think|stop|switch|turn|change|protect|follow|"
    r"treat|seek|inform|notify|store|save|delete|send|share|post|upload|download|install|use|take|bring|"
    r"leave|hand|look|speak|talk|tell|print|close|charge)\s(?!of\b|and\b|for\b)",
    re.I,
)


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
    if len(words) > 5 and re.search(r"\b(?:will|must|should|shall|may|can|are|is|have|has|be)\b", text, re.I):
        return False  # a sentence with a verb, not a title
    if words[0] in {"I", "I'm", "I\u2019m", "We", "You", "If", "When"} and len(words) > 3 and not text.isupper():
        return False  # "I check web links ...": a short clause, not a heading
    title_case = sum(1 for w in words if w[:1].isupper()) >= 0.6 * len(words)
    if len(words) >= 3 and _IMPERATIVE.match(text) and not title_case:
        return False  # "Do not share passwords", "Lock your screen when you leave": a rule, not a title
    return True


class Assembler:
    """Build blocks from classified lines, joining hard-wrapped lines and nesting list items."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.open: Block | None = None  # paragraph or item that may continue
        self.open_line: Line | None = None
        self.open_indent = 0
        self.blocks_since_table = 1
        self.list_stack: list[tuple[int, str]] = []  # (indent, marker) of the open list
        self.wrapped = self._looks_wrapped()
        self.hanging = self._uses_hanging_indents()
        self._pending_value = False

    def _looks_wrapped(self) -> bool:
        follow = sum(1 for a, b in zip(self.lines, self.lines[1:])
                     if not b.gap and b.kind == "text" and _lowercase_start(b.text) and _ends_open(a.text))
        return follow >= max(3, len(self.lines) // 12)

    def _uses_hanging_indents(self) -> bool:
        """Whether wrapped list items continue on indented lines (then an unindented line starts afresh)."""
        hanging = sum(1 for a, b in zip(self.lines, self.lines[1:])
                      if a.kind == "item" and b.kind == "text" and not b.gap and b.indent > a.indent + 1)
        return hanging >= 3

    def run(self) -> list[Block]:
        """Assemble every line into blocks."""
        for i, line in enumerate(self.lines):
            nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
            self._take(line, nxt)
        return self.blocks

    def _close(self) -> None:
        self.open, self.open_line = None, None

    def _emit(self, block: Block, line: Line, keep_open: bool = False) -> None:
        self.blocks.append(block)
        self.blocks_since_table = 0 if block.kind == "table" else self.blocks_since_table + 1
        if keep_open:
            self.open, self.open_line = block, line
        else:
            self._close()

    def _continues(self, line: Line) -> bool:
        if self.open is None or self.open_line is None or line.kind != "text":
            return False
        prev = self.open_line
        prev_text = prev.text if prev is not None else ""
        if line.gap:
            # across a blank line only a lower-case start after an unfinished sentence continues
            if P.DANGLING.search(self.open.text):
                return True  # "I have read and accept the terms of the: -" / "ICT ... Policy for"
            return _lowercase_start(line.text) and _ends_open(self.open.text)
        if _lowercase_start(line.text):
            return True
        if self.open.kind == "item" and line.indent > self.open_indent and (prev.kind == "item" or self.hanging):
            return True  # hanging indent under a bullet: every line indented past the marker belongs to the item
        if self.hanging and self.open.kind == "item" and line.indent <= self.open_indent:
            return False  # items continue on indented lines here; this one starts something new
        if not _ends_open(prev_text):
            return False
        return self.wrapped or bool(P.DANGLING.search(prev_text))

    def _take(self, line: Line, nxt: Line | None) -> None:
        if self._continues(line):
            self.open.text = join_wrapped(self.open.text, line.text)
            self.open.units.append(line.number)
            self.open_line = line
            return
        if self._pending_value:
            # the value line of an adoption record ("Held on" / "August 2018")
            self._pending_value = False
            last = self.blocks[-1]
            last.value = clean(line.raw)
            last.units.append(line.number)
            last.text = f"{last.key}: {last.value}"
            last.rows = [[last.key, last.value]]
            return
        kind = line.kind
        if kind in ("meta", "parenmeta", "signature", "table", "adoption"):
            self.list_stack = []
        if kind == "markdown":
            self.list_stack = []
            self._emit(Block("heading", clean(line.text), [line.number], level=len(line.label), style="markdown"), line)
        elif kind == "bold" and line.text.rstrip().endswith(":") and nxt is not None and nxt.kind == "item":
            self.list_stack = []  # "**For my own safety:**" before a list is its lead-in, not a heading
            self._emit(Block("paragraph", clean(line.text), [line.number], style="lead-in"), line)
        elif kind == "bold":
            self.list_stack = []
            self._emit(Block("heading", clean(line.text), [line.number], style="bold"), line)
        elif kind == "item" and self._numbered_heading(line, nxt):
            self.list_stack = []
            self._emit(Block("heading", clean(line.text.rstrip(":")), [line.number], label=line.label, style="numbered"), line)
        elif kind == "item":
            self.open_indent = line.indent
            level = self._nest(line)
            self._emit(Block("item", line.text, [line.number], level=level, label=line.label, marker=line.marker),
                       line, keep_open=True)
        elif kind in ("meta", "parenmeta"):
            self._emit(self._meta(line), line)
        elif kind == "table":
            last = self.blocks[-1] if self.blocks else None
            if last is not None and last.kind == "table" and self.blocks_since_table == 0:
                last.rows.append(line.cells)
                last.units.append(line.number)
                last.text = "\n".join(" | ".join(r) for r in last.rows)
            else:
                self._emit(Block("table", " | ".join(line.cells), [line.number], rows=[line.cells]), line)
        elif kind == "signature" or (kind == "bare-label" and self._among_fields(nxt)):
            self._emit(self._signature_block(line), line)
        elif kind == "adoption" and nxt is not None and nxt.kind in ("text", "meta") and len(nxt.text) < 60 \
                and not P.ADOPTION_LABEL.match(nxt.text):
            # "Held on" / "August 2018": the value stands on the next line
            self._emit(Block("meta", "", [line.number], key=clean(line.text).rstrip(":"), value=""), line)
            self._pending_value = True
        elif kind == "adoption":
            self._emit(Block("signature", clean(line.text), [line.number], key=clean(line.text).rstrip(":")), line)
        else:
            self._text(line, nxt)

    @staticmethod
    def _numbered_heading(line: Line, nxt: Line | None) -> bool:
        """Whether "3. Passwords" is a numbered section title: a short title followed by "3.1 ..." or prose."""
        if line.marker != "number" or "." in line.label.strip("().")[:-1] or not heading_like(line.text.rstrip(":")):
            return False
        if len(line.text.split()) > 8 or nxt is None:
            return False
        number = line.label.strip("().")
        if nxt.kind == "item":
            return nxt.marker == "number" and nxt.label.startswith(number + ".") and len(nxt.label.strip(".")) > len(number)
        return nxt.kind == "text" and not heading_like(nxt.text) and len(nxt.text.split()) > 8

    def _among_fields(self, nxt: Line | None) -> bool:
        """Whether a bare label stands in a signature block: after a declaration or field, or before a field."""
        last = self.blocks[-1] if self.blocks else None
        if last is not None and (last.kind == "signature" or re.match(r"I\s+(?:have\s+read|agree|understand)", last.text)):
            return True
        return nxt is not None and nxt.kind in ("signature", "bare-label")

    def _text(self, line: Line, nxt: Line | None) -> None:
        text = line.text
        ends_colon = text.rstrip(" -\u2013").endswith(":")
        followed_by_items = nxt is not None and nxt.kind == "item"
        if ends_colon and followed_by_items:
            self.list_stack = []
            self._emit(Block("paragraph", text, [line.number], style="lead-in"), line)
            return
        if heading_like(line.text) and not (nxt is not None and not nxt.gap and nxt.kind == "text"
                                             and _lowercase_start(nxt.text)) and not P.DANGLING.search(text):
            self.list_stack = []
            style = "caps" if text.isupper() and sum(c.isalpha() for c in text) > 2 else "plain"
            self._emit(Block("heading", clean(text.rstrip(":")), [line.number], style=style), line)
            return
        self.list_stack = [] if line.indent == 0 else self.list_stack
        self._emit(Block("paragraph", text, [line.number]), line, keep_open=True)

    def _nest(self, line: Line) -> int:
        stack = self.list_stack
        if line.marker == "roman" and len(line.label.strip("().")) == 1 and (line.indent, "letter") in stack:
            line.marker = "letter"  # "i." after "h." at the same indent: a letter, not a roman numeral
        key = (line.indent, line.marker)
        if key in stack:
            del stack[stack.index(key) + 1:]
        else:
            while stack and line.indent < stack[-1][0]:
                stack.pop()
            if not stack or stack[-1] != key:
                stack.append(key)
        return len(stack) - 1

    def _meta(self, line: Line) -> Block:
        body = line.text
        pairs: list[tuple[str, str]] = []
        m = P.PAREN_META.match(body)
        if m:
            for pm in P.META_PAIR.finditer(m.group("inner")):
                pairs.append((pm.group("key").strip(), pm.group("value").strip()))
        else:
            cells = line.cells or [body]
            if len(cells) == 2 and not any(P.KEY_VALUE.match(c) for c in cells):
                pairs.append((cells[0], cells[1]))
            else:
                for cell in cells:
                    kv = P.KEY_VALUE.match(cell)
                    if kv:
                        pairs.append((kv.group("key").strip(), kv.group("value").strip()))
                    elif pairs:
                        key, value = pairs[-1]
                        pairs[-1] = (key, f"{value} {cell}".strip())
                    else:
                        pairs.append((cell, ""))
        pairs = [(clean(k), clean(v)) for k, v in pairs] or [(clean(body), "")]
        block = Block("meta", clean(body), [line.number], key=pairs[0][0], value=pairs[0][1])
        block.rows = [[k, v] for k, v in pairs]
        return block

    def _signature_block(self, line: Line) -> Block:
        body = clean(line.text)
        cells = line.cells or [body]
        key = clean(re.sub(r"[_.\u2026]{2,}", " ", cells[0])).rstrip(":").strip()
        value = clean(" ".join(cells[1:])) if len(cells) > 1 else ""
        if len(cells) == 1:
            m = P.SIGNATURE_FIELD.match(body)
            if not m or P.SIGNATURE_BARE_ROW.match(line.text.strip()):
                # "Signature ..... Date .....": several fields on one line
                names = [clean(n) for n in re.split(r"[_.\u2026]{2,}|\s{2,}|\t", line.text) if clean(n)]
                key = " / ".join(n.strip(":") for n in names)
            elif P.DESIGNATION_CHOICES.search(body):
                key = m.group("key")
        return Block("signature", body, [line.number], key=key, value=value)


def blocks_from_lines(text_lines: list[str], first: int = 1, drop: dict[int, str] | None = None
                      ) -> tuple[list[Block], list[Dropped], list[int]]:
    """Blocks, dropped lines and the numbers of all non-blank lines of a text split into lines.

    ``drop`` names lines a reader already knows to leave out (a PDF's running headers), with the reason.
    """
    numbered = [(first + i, raw) for i, raw in enumerate(text_lines) if raw.strip()]
    known = dict(drop or {})
    drop = {**running_lines([(n, raw) for n, raw in numbered if n not in known]), **known}
    dropped = [Dropped(Span(n, n), squash(raw), drop[n]) for n, raw in numbered if n in drop]
    classified: list[Line] = []
    previous = first - 1
    for number, raw in numbered:
        if number in drop:
            continue
        gap = number > previous + 1 and any(not text_lines[k - first].strip() for k in range(previous + 1, number))
        classified.append(classify(number, raw, gap))
        previous = number
    blocks = Assembler(classified).run()
    for block in blocks:
        if block.kind in ("paragraph", "item"):
            block.text = clean(block.text)
    for block, nxt in zip(blocks, blocks[1:]):
        # a hard-wrapped paragraph ending in ":" before a list is the list's lead-in
        if block.kind == "paragraph" and nxt.kind == "item" and block.text.rstrip(" -\u2013").endswith(":"):
            block.style = "lead-in"
    empty = [b for b in blocks if not b.text and b.kind in ("paragraph", "item", "heading")]
    dropped += [Dropped(b.span, "", "markup only, no words") for b in empty]
    blocks = [b for b in blocks if b not in empty]
    return blocks, dropped, [n for n, _ in numbered]
