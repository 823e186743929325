"""Turn numbered lines of plain text into blocks: headings, paragraphs, list items, metadata, signatures.

Used by the txt reader and by every reader whose source ends up as lines. Each non-blank line is claimed
by exactly one block or by one dropped record. Lines are first classified by their shape
(:mod:`generator.readers.line_kinds`), then assembled here: hard wraps joined, lists nested.
"""
from __future__ import annotations

import re

from ..captions import is_caption_heading
from ..model import Block, Dropped, Span
from ..text import clean, squash
from . import patterns as P
from .line_kinds import (  # noqa: F401  (re-exported: the readers' one entry point for line handling)
    _MID_PHRASE,
    Line,
    _ends_open,
    _entry_like,
    _lowercase_start,
    _sentence_ends,
    announces_list,
    classify,
    heading_like,
    join_wrapped,
    other_caption,
    running_lines,
    signature_block,
)


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
        self.width = self._wrap_width() if self.wrapped else 0
        self.gapped = self._paragraphs_gapped()
        self.after: Line | None = None  # the line after the next, while assembling
        self.list_lead: Block | None = None  # the lead-in of the list whose bullets were lost, while in it
        self._pending_value = False

    def _paragraphs_gapped(self) -> bool:
        """Whether blank lines mark where paragraphs end: most lines after a paragraph's short last line stand after one
        (then a full line ending a sentence, with no blank line after it, is not the end of its paragraph)."""
        ends = [b.gap for a, b in zip(self.lines, self.lines[1:])
                if a.kind == "text" and b.kind == "text" and _sentence_ends(a.text) and len(a.text) < 0.6 * self.width]
        return len(ends) >= 3 and sum(ends) >= 0.9 * len(ends)

    def _looks_wrapped(self) -> bool:
        follow = sum(1 for a, b in zip(self.lines, self.lines[1:])
                     if not b.gap and b.kind == "text" and _lowercase_start(b.text) and _ends_open(a.text))
        return follow >= max(3, len(self.lines) // 12)

    def _wrap_width(self) -> int:
        """The length hard-wrapped lines reach: the 90th percentile of the text lines' lengths."""
        lengths = sorted(len(ln.text) for ln in self.lines if ln.kind == "text")
        return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0

    def _fills_line(self, line: Line, nxt: Line | None) -> bool:
        """Whether a line runs to the wrap width with more text right under it: a wrapped line, not a title."""
        return bool(self.width) and nxt is not None and not nxt.gap and nxt.kind == "text" \
            and len(line.text) >= 0.8 * self.width and _ends_open(line.text)

    def _uses_hanging_indents(self) -> bool:
        """Whether wrapped list items continue on indented lines (then an unindented line starts afresh)."""
        hanging = sum(1 for a, b in zip(self.lines, self.lines[1:])
                      if a.kind == "item" and b.kind == "text" and not b.gap and b.indent > a.indent + 1)
        return hanging >= 3

    def run(self) -> list[Block]:
        """Assemble every line into blocks."""
        for i, line in enumerate(self.lines):
            nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
            self.after = self.lines[i + 2] if i + 2 < len(self.lines) else None
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
                # "I have read and accept the terms of the: -" / "ICT ... Policy for" continues; a complete title
                # after "... but not limited to:" is the next section's heading ("Equipment")
                return not (self.open.text.rstrip(" -\u2013\u00a0").endswith(":") and heading_like(line.text)
                            and not P.DANGLING.search(line.text))
            return _lowercase_start(line.text) and _ends_open(self.open.text)
        if _lowercase_start(line.text):
            # "...at risk." / "that users are ...": after a finished sentence a lower-case line is the next list entry
            return not _sentence_ends(prev_text) or bool(re.match(r"(?:https?://|www\.)", line.text))  # its link
        if self.open.kind == "item" and line.indent > self.open_indent and (prev.kind == "item" or self.hanging):
            return True  # hanging indent under a bullet: every line indented past the marker belongs to the item
        if self.hanging and self.open.kind == "item" and line.indent <= self.open_indent:
            return False  # items continue on indented lines here; this one starts something new
        if not _ends_open(prev_text):
            # a paragraph of a document that leaves a blank line after each runs on past a sentence ending a full line
            return self.gapped and prev.kind == "text" and len(prev.text) + prev.indent >= 0.85 * self.width \
                and line.indent <= prev.indent
        if P.DANGLING.search(prev_text):
            return True
        # a line wraps where the next word no longer fits: one that stops so short that the next line's first word
        # would have fitted, a capital after it, ends its paragraph ("Lock your screen when you leave your desk" /
        # "Use the school e-mail ...": rows of rules)
        fits = len(prev.text) + prev.indent + 1 + len(line.text.split()[0]) < 0.85 * self.width
        short = self.width and fits and line.text[:1].isupper()
        return self.wrapped and not short

    def _unmarked_list_follows(self, line: Line, nxt: Line | None) -> bool:
        """Whether the two lines after a line ending in ":" are short lines of their own under it: the entries of a
        list that lost its bullets ("Unacceptable use includes:" / "Gambling sites" / ...), so the line is their
        lead-in, not a title. Right under it; or, apart by blank lines, when the line says a list follows
        ("... include:", "Staff must not:", "Forbidden:")."""
        if self.wrapped or nxt is None:
            return False
        spaced = nxt.gap or (self.after is not None and self.after.gap)
        if spaced and not announces_list(line.text):
            return False
        return all(x is not None and x.kind == "text" and (_entry_like(x.text) if spaced else len(x.text.split()) <= 12)
                   and not x.text.rstrip().endswith(":") for x in (nxt, self.after))

    def _unmarked_item(self, line: Line, nxt: Line | None) -> bool:
        """Whether a line under a lead-in ("Staff must not:", "Forbidden"), or under the line before it in such a list, is an entry of
        the list whose bullets the text lost (a page copied without them): one line each, not a title and not a continuation, in a
        text not wrapped at a width. Apart by blank lines, only under a lead-in that says a list follows."""
        if line.kind != "text" or self.open is None or self.open_line is None or self.wrapped:
            return False
        lead_in = self.open.kind == "paragraph" and len(self.open.units) == 1 and (self.open.text.rstrip().endswith(":") or self.open.style == "lead-in")
        if not (lead_in or (self.open.kind == "item" and self.open.marker == "none")):
            return False
        lead = self.open if lead_in else self.list_lead  # ("Unacceptable" after "Acceptable"'s entries leads its own list:)
        if line.text.rstrip().endswith(":") or _MID_PHRASE.search(self.open_line.text) or (other_caption(line.text, lead.text if lead else "") and self._unmarked_list_follows(line, nxt)):
            return False  # "... the terms of the:" goes on; "Staff must not:" / "Pupils are expected to:" lead a list
        if re.match(r"\(?(?:https?://|www\.)", line.text):
            return False  # a link under a colon belongs to its sentence
        if not line.gap:
            return True
        if lead is None or not announces_list(lead.text) or not _entry_like(line.text):
            return False
        # a title over a sentence or what is no entry ("Equipment" / "Do not eat ...", "Monitoring" / "The school
        # monitors ...") starts the next part
        return not (heading_like(line.text) and nxt is not None
                    and (nxt.kind != "text" or not _entry_like(nxt.text) or _sentence_ends(nxt.text)))

    def _take(self, line: Line, nxt: Line | None) -> None:
        if self._unmarked_item(line, nxt):
            if self.open is not None and self.open.kind == "paragraph":
                self.list_lead = self.open
            self.open_indent = line.indent
            self._emit(Block("item", line.text, [line.number], level=0, marker="none"), line, keep_open=True)
            return
        if self._continues(line) or self._finishes_item(line, nxt):
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
            typed = P.NUMBERED_TITLE.match(line.text)  # "## 9.1 District Accounts": the number is the heading's label
            self._emit(Block("heading", clean(typed["rest"] if typed else line.text), [line.number], level=len(line.label),
                             style="markdown", label=typed["label"] if typed else ""), line)
        elif kind == "bold" and line.text.rstrip().endswith(":") and nxt is not None and nxt.kind == "item":
            self.list_stack = []  # "**For my own safety:**" before a list is its lead-in, not a heading
            self._emit(Block("paragraph", clean(line.text), [line.number], style="lead-in"), line)
        elif kind == "bold":
            self.list_stack = []
            self._emit(Block("heading", clean(line.text), [line.number], style="bold"), line)
        elif kind == "item" and not self._next_in_list(line) and self._numbered_heading(line, nxt):
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
            self._emit(signature_block(line), line)
        elif kind == "adoption" and nxt is not None and nxt.kind in ("text", "meta") and len(nxt.text) < 60 \
                and not P.ADOPTION_LABEL.match(nxt.text):
            # "Held on" / "August 2018": the value stands on the next line
            self._emit(Block("meta", "", [line.number], key=clean(line.text).rstrip(":"), value=""), line)
            self._pending_value = True
        elif kind == "adoption":
            self._emit(Block("signature", clean(line.text), [line.number], key=clean(line.text).rstrip(":")), line)
        else:
            self._text(line, nxt)

    def _finishes_item(self, line: Line, nxt: Line | None) -> bool:
        """Whether a lone lower-case bullet ends the sentence of the bullet before ("numbers of:" / "- any
        teachers ..."): a sentence broken over two marks when the page's nesting was flattened."""
        if line.kind != "item" or self.open is None or self.open.kind != "item" or not _lowercase_start(line.text):
            return False
        if not P.DANGLING.search(self.open.text) or not self.open.text.rstrip().endswith(":"):
            return False
        return nxt is None or nxt.kind != "item" or not _lowercase_start(nxt.text)

    def _next_in_list(self, line: Line) -> bool:
        """Whether "11. ..." follows item 10 of an open list at its indent: the list's next entry, not a title."""
        last = self.blocks[-1] if self.blocks else None
        number = line.label.strip("().")
        if last is None or last.kind != "item" or not number.isdigit() or (line.indent, line.marker) not in self.list_stack:
            return False
        return (last.label or "").strip("().") == str(int(number) - 1)

    @staticmethod
    def _numbered_heading(line: Line, nxt: Line | None) -> bool:
        """Whether "3. Passwords" is a numbered section title: a short title followed by "3.1 ..." or prose; or
        "A. CARE OF EQUIPMENT", a title in capitals over items numbered another way or over prose."""
        title = line.text.rstrip(":")
        if line.marker in ("number", "letter") and nxt is not None and title.isupper() and len(title.split()) <= 8 \
                and heading_like(title) and (nxt.kind == "text" or nxt.kind == "item" and nxt.marker != line.marker):
            return True
        if line.marker != "number" or "." in line.label.strip("().")[:-1] or not heading_like(title):
            return False
        if len(line.text.split()) > 8 or nxt is None:
            return False
        if nxt.kind == "text" and not nxt.gap and _lowercase_start(nxt.text) and _ends_open(line.text):
            return False  # "5. Sending files with attachments" / "code, video streams ...": one item, wrapped
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
        if (ends_colon or is_caption_heading(text)) and self._unmarked_list_follows(line, nxt):
            self.list_stack = []
            self._emit(Block("paragraph", text, [line.number], style="lead-in"), line, keep_open=True)
            return
        if heading_like(line.text) and not (nxt is not None and not nxt.gap and nxt.kind == "text"
                                             and _lowercase_start(nxt.text)) and not P.DANGLING.search(text) \
                and not self._fills_line(line, nxt):
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
        if line.pairs:
            pairs = list(line.pairs)
        elif m:
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


def _rejoin_meta(blocks: list[Block]) -> list[Block]:
    """A metadata line wrapped after a comma ("Review due: Term 1," / "2025", a PDF's line width) read whole."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if last is not None and last.kind in ("meta", "paragraph", "heading") and last.text.rstrip().endswith(",") \
                and len(block.units) == 1 and block.units[0] == last.units[-1] + 1 and block.kind in ("meta", "paragraph") \
                and len(block.text) <= 30 and P.dated_line(f"{last.text} {block.text}"):
            whole = Assembler([classify(last.units[0], f"{last.text} {block.text}", True)]).run()
            if len(whole) == 1 and whole[0].kind == "meta":
                whole[0].units = last.units + block.units
                out[-1] = whole[0]
                continue
        out.append(block)
    return out


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
    blocks = _rejoin_meta(Assembler(classified).run())
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
