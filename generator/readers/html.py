"""HTML reader: headings, lists, paragraphs and tables from the markup, the page's chrome left out.

The page is rendered to structured lines (``# heading``, indented list items with their visible labels,
tab-separated table rows) and then read by the same line reader as plain text, so a policy reads the same
whatever format it came in. Units are the lines of that rendering. Scripts, styles, navigation, headers,
footers, forms' buttons and comments are not text of the policy and are left out before the rendering.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReadError
from ..model import SourceDocument
from . import patterns as P
from .lines import blocks_from_lines
from .txt import decode

SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "head", "button", "select",
        "svg", "iframe", "object", "embed", "canvas", "menu", "dialog"}
BLOCK = {"p", "div", "section", "article", "main", "blockquote", "pre", "address", "figcaption", "dd", "dt",
         "center", "form", "fieldset", "legend", "caption", "body", "details", "summary"}
HEADINGS = {f"h{n}": n for n in range(1, 7)}
CONTENT = {"main", "article", "section"}
# A list item that shows its own number ("<span>1.1</span> text") keeps that number, not the list's count.
_OWN_LABEL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?|\(?[0-9a-zA-Z]{1,3}[.)])\s+(?=\S)")
_ROLES_SKIPPED = re.compile(r"\b(?:navigation|banner|contentinfo|search|menu)\b")
_CHROME_CLASS = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|cookie|site-header|site-footer|sidebar|skip-link)(?:$|[\s_-])", re.I)


def _ol_label(n: int, kind: str) -> str:
    if kind in ("a", "A"):
        label = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            label = chr(ord("a") + r) + label
        return (label.upper() if kind == "A" else label) + "."
    if kind in ("i", "I"):
        numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for value, glyph in numerals:
            while n >= value:
                out, n = out + glyph, n - value
        return (out.upper() if kind == "I" else out) + "."
    return f"{n}."


class _Renderer:
    """Walks the element tree once, writing structured lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.inline: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = " ".join(" ".join(self.inline).split())
        self.inline = []
        own = _OWN_LABEL.match(text) if self.prefix.strip() and not self.prefix.lstrip().startswith("#") else None
        if own:
            self.prefix = self.prefix[: len(self.prefix) - len(self.prefix.lstrip())]
        if text:
            self.lines.append(self.prefix + text)
            self.lines.append("")
            self.prefix = ""
        elif self.prefix.lstrip().startswith("#"):
            self.prefix = ""  # an empty heading; a list label waits for its item's first paragraph ("<li><p>")

    def line_break(self) -> None:
        """A ``<br>``: end the line here (not the paragraph), so rules typed one per line stay apart.

        The line reader then joins a line that runs on, as it joins a hard-wrapped text file; what follows
        a list item's break hangs under the item's text; two breaks in a row leave a blank line. Inside a
        heading a break is a space.
        """
        if self.prefix.lstrip().startswith("#"):
            self.inline.append(" ")
            return
        text = " ".join(" ".join(self.inline).split())
        self.inline = []
        if text:
            self.lines.append(self.prefix + text)
            self.prefix = " " * len(self.prefix)
        elif self.lines and self.lines[-1]:
            self.lines.append("")

    def skipped(self, el) -> bool:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("header", "footer") and any(isinstance(a.tag, str) and a.tag.lower() in CONTENT for a in el.iterancestors()):
            return False  # the header of an article or section is its title block, not the site's chrome
        if tag in SKIP:
            return True
        if _ROLES_SKIPPED.search(el.get("role", "") or ""):
            return True
        if el.get("hidden") is not None or "display:none" in (el.get("style", "") or "").replace(" ", "").lower():
            return True
        if tag in ("html", "body", "main") or (el.get("role", "") or "").strip() == "main":
            return False  # a page's body classed for its theme ("nav-md") holds the page, not only its menu
        return bool(_CHROME_CLASS.search(el.get("class", "") or "") or _CHROME_CLASS.search(el.get("id", "") or ""))

    def walk(self, el, depth: int = 0) -> None:
        if not isinstance(el.tag, str) or self.skipped(el):
            if el.tail and el.tail.strip():
                self.inline.append(el.tail)
            return
        tag = el.tag.lower()
        if tag in HEADINGS:
            self.flush()
            self.prefix = "#" * HEADINGS[tag] + " "
            self.text_of(el, depth)
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.list(el, depth)
        elif tag == "table":
            self.flush()
            self.table(el)
        elif tag == "br":
            self.line_break()
        elif tag in BLOCK or tag == "li":
            self.flush()
            self.text_of(el, depth)
            self.flush()
        else:
            self.text_of(el, depth)
        if el.tail and el.tail.strip():
            self.inline.append(el.tail)

    def text_of(self, el, depth: int) -> None:
        if el.text:
            self.inline.append(el.text)
        for child in el:
            self.walk(child, depth)

    def list(self, el, depth: int) -> None:
        ordered = el.tag.lower() == "ol"
        kind = (el.get("type") or "1") if ordered else ""
        try:
            n = int(el.get("start", "1")) - 1
        except ValueError:
            n = 0
        for li in el:
            if not isinstance(li.tag, str) or li.tag.lower() != "li" or self.skipped(li):
                continue
            try:
                n = int(li.get("value")) if li.get("value") else n + 1
            except ValueError:
                n += 1
            label = _ol_label(n, kind) if ordered else "\u2022"
            self.prefix = "   " * depth + label + " "
            if li.text:
                self.inline.append(li.text)
            for child in li:
                if isinstance(child.tag, str) and child.tag.lower() in ("ul", "ol"):
                    self.flush()
                    self.list(child, depth + 1)
                else:
                    self.walk(child, depth)
            self.flush()
        self.prefix = ""

    def table(self, el) -> None:
        rows = []
        for row in _own_rows(el):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            texts = [" ".join(" ".join(c.itertext()).split()) for c in cells]
            rows.append([(c, t) for c, t in zip(cells, texts) if t])
        # a table of rules (sentences in its cells) is read cell by cell, like a table of rules in Word
        rules = any(_sentence(t) for row in rows for _, t in row)
        for row in rows:
            cells = [t for _, t in row]
            if len(cells) == 2 and P.LABEL_CELL.match(cells[0]) and rules:
                self.lines += [f"{cells[0]} {cells[1]}", ""]  # a numbered row: the number, then its rule
            elif rules and any(_sentence(t) for t in cells):
                for cell, text in row:
                    if not P.MARK_CELL.match(text):  # a tick box or Yes / No beside a rule has no words of its own
                        self.flush()
                        self.text_of(cell, 0)
                        self.flush()
            elif len(cells) == 1:
                self.lines += [cells[0], ""]
            elif cells:
                key = cells[0].rstrip(":")
                self.lines += [(f"{key}:\t" + "\t".join(cells[1:])) if len(cells) == 2 else "\t".join(cells), ""]


def _own_rows(table):
    """A table's own rows, not those of a table nested in one of its cells (those are read with their cell)."""
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr")


def _sentence(text: str) -> bool:
    """Whether a table cell holds a rule rather than a value: eight words or more, or a sentence of four."""
    words = len(text.split())
    return words >= 8 or (words >= 4 and text[-1] in ".!?")


def render_lines(path: Path, data: bytes) -> tuple[list[str], dict[str, str]]:
    """The page as structured lines, and its title."""
    import lxml.html
    from lxml import etree

    text, _ = decode(data)
    if "\x00" in text[:4096]:
        raise ReadError("looks like a binary file, not HTML; expected a web page", path)
    # the text is decoded already: say it is UTF-8, or libxml2 reads a page with no charset as Latin-1 ("â€™")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"not readable HTML ({exc}); expected a web page", path) from None
    title = " ".join((root.findtext(".//title") or "").split())
    body = root.find("body")
    renderer = _Renderer()
    main = body.find(".//main") if body is not None else None
    renderer.walk(main if main is not None else (body if body is not None else root))
    renderer.flush()
    return renderer.lines, {"title": title} if title else {}


def read(path: Path, data: bytes) -> SourceDocument:
    """Read an HTML policy page."""
    lines, properties = render_lines(path, data)
    blocks, dropped, units = blocks_from_lines(lines)
    if not units:
        raise ReadError("the page has no text outside its navigation and scripts; expected a policy page", path)
    return SourceDocument(str(path), "html", "line", blocks, units, dropped, encoding="utf-8", properties=properties)
