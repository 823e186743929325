"""reStructuredText reader: section adornments, field lists and directives, then the plain-text reader.

Headings are a title line with an underline (and optionally an overline) of one punctuation character;
as in docutils, levels follow the order in which adornment styles first appear. ``:Field: value`` lines are
metadata. Directives (``.. include::``, ``.. image::``) and comments are recorded as dropped lines with what
they were, since the reader does not follow them; the text of admonitions (``.. note::``) is kept.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReadError
from ..model import SourceDocument
from .lines import blocks_from_lines
from .txt import decode, looks_binary, split_lines

ADORNMENT = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}\s*$")
DIRECTIVE = re.compile(r"^\s*\.\.\s+([\w:-]+)::\s*(.*)$")
FIELD = re.compile(r"^:([^:]+):\s*(.*)$")
KEEP_BODY = {"note", "warning", "important", "tip", "attention", "caution", "danger", "hint", "admonition", "topic", "sidebar"}


def to_lines(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """Rewrite RST structure as the plain-text reader's conventions; name the lines to drop."""
    out = list(lines)
    drop: dict[int, str] = {}
    styles: list[tuple[str, bool]] = []
    i = 0
    skipping_indent: int | None = None
    counter = 0
    while i < len(lines):
        raw = lines[i]
        number = i + 1
        if skipping_indent is not None:
            if raw.strip() and (len(raw) - len(raw.lstrip())) <= skipping_indent:
                skipping_indent = None
            elif raw.strip():
                drop[number] = "directive content"
                i += 1
                continue
            else:
                i += 1
                continue
        over = ADORNMENT.match(raw)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        after = lines[i + 2] if i + 2 < len(lines) else ""
        if over and nxt.strip() and ADORNMENT.match(after) and after.strip()[0] == raw.strip()[0]:
            style = (raw.strip()[0], True)
            styles += [style] if style not in styles else []
            drop[number], drop[number + 2] = "heading adornment", "heading adornment"
            out[i + 1] = "#" * min(styles.index(style) + 1, 6) + " " + nxt.strip()
            i += 3
            continue
        under = ADORNMENT.match(nxt)
        if raw.strip() and not over and under and len(nxt.strip()) >= len(raw.strip()) * 0.6 and not raw.startswith(" "):
            style = (nxt.strip()[0], False)
            styles += [style] if style not in styles else []
            drop[number + 1] = "heading adornment"
            out[i] = "#" * min(styles.index(style) + 1, 6) + " " + raw.strip()
            i += 2
            continue
        directive = DIRECTIVE.match(raw)
        if directive:
            name, argument = directive.group(1).lower(), directive.group(2).strip()
            if name in KEEP_BODY:
                drop[number] = f"directive {name}"
                out[i] = ""
            else:
                drop[number] = f"directive {name}" + (f" {argument}" if argument else "") + " (not followed)"
                skipping_indent = len(raw) - len(raw.lstrip())
        elif re.match(r"^\s*\.\.(\s|$)", raw):
            drop[number] = "comment"
            skipping_indent = len(raw) - len(raw.lstrip())
        else:
            field = FIELD.match(raw)
            auto = re.match(r"^(\s*)#\.\s+(.*)$", raw)
            if auto:
                # "#." auto-numbered item: number it as the reader of the rendered page would see it
                counter = counter + 1 if i > 0 and re.match(r"^\s*(#\.|\d+\.)\s", out[i - 1] or "") or (i > 1 and not lines[i - 1].strip() and re.match(r"^\s*\d+\.\s", out[i - 2] or "")) else 1
                out[i] = f"{auto.group(1)}{counter}. {auto.group(2)}"
            elif field:
                out[i] = f"{field.group(1)}:\t{field.group(2)}"
            elif raw.startswith("   ") and i > 0 and any(d.startswith("directive") and d.split()[1] in KEEP_BODY
                                                          for k, d in drop.items() if k < number):
                out[i] = raw.strip()
        i += 1
    return out, drop


def sectioned(lines: list[str]) -> bool:
    """Whether plain text is laid out in reStructuredText sections: two or more short titles, each underlined
    with one punctuation character at least as long as the title (a .txt saved from an .rst or setext source)."""
    titles = 0
    for raw, nxt in zip(lines, lines[1:]):
        title, under = raw.strip(), nxt.strip()
        if title and not raw.startswith((" ", "\t")) and not ADORNMENT.match(raw) and ADORNMENT.match(nxt) \
                and len(title.split()) <= 10 and len(title) <= len(under) <= len(title) + 4:
            titles += 1
    return titles >= 2


def read(path: Path, data: bytes) -> SourceDocument:
    """Read a reStructuredText policy."""
    text, encoding = decode(data)
    if looks_binary(text):
        raise ReadError("looks like a binary file, not reStructuredText; expected a text policy", path)
    lines, drop = to_lines(split_lines(text))
    blocks, dropped, units = blocks_from_lines(lines, drop=drop)
    if not units:
        raise ReadError("file has no text; expected the text of a policy", path)
    return SourceDocument(str(path), "rst", "line", blocks, units, dropped, encoding)
