"""Word styles and list numbering: which paragraphs are headings, and the list labels Word would show.

Word does not store list numbers in the text; it computes them from ``word/numbering.xml``. We do the same:
counters per abstract list, deeper levels restarting when a shallower level advances, and a ``startOverride``
restarting a list when a new ``w:num`` instance of it is first used.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element = etree._Element

#: Fonts whose bullet glyphs sit in the private-use area and mean nothing as text.
SYMBOL_FONTS = ("symbol", "wingdings", "webdings")
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)
_OFF = {"0", "false", "off", "none"}


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{W}}}{tag}"


def val(el: Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` attribute of an element, or a default when the element is absent."""
    if el is None:
        return default
    return el.get(w("val"), default)


def to_int(text: str | None, default: int) -> int:
    """An integer attribute value, or a default when it is absent or not a number."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def on(el: Element | None) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): True, False, or None when absent."""
    if el is None:
        return None
    return (val(el, "1") or "1").lower() not in _OFF


def _children(parent: Element, tag: str) -> Iterator[Element]:
    """Children with a tag, looking through content controls and custom XML wrapped around them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from _children(inner, tag)


def _placeholder(sdt: Element) -> bool:
    """Whether a content control still shows its placeholder prompt ("Click here to enter text.")."""
    pr = sdt.find(w("sdtPr"))
    return pr is not None and bool(on(pr.find(w("showingPlcHdr"))))


@dataclass
class StyleInfo:
    """What a paragraph or character style (with everything it is based on) says."""

    name: str = ""
    heading: int = 0  # 1-9, or 0 for body text
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool = False


class Styles:
    """Style lookup by id, following ``w:basedOn`` chains."""

    def __init__(self, root: Element | None) -> None:
        self._by_id: dict[str, Element] = {}
        self.default_paragraph: str | None = None
        self._cache: dict[str | None, StyleInfo] = {}
        if root is None:
            return
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"))
            if sid is None:
                continue
            self._by_id.setdefault(sid, style)
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                self.default_paragraph = sid

    def _chain(self, style_id: str | None) -> list[Element]:
        chain: list[Element] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._by_id and len(chain) < 32:
            seen.add(style_id)
            style = self._by_id[style_id]
            chain.append(style)
            style_id = val(style.find(w("basedOn")))
        return chain

    def info(self, style_id: str | None) -> StyleInfo:
        """The resolved properties of a style (an unknown id resolves to plain body text)."""
        if style_id in self._cache:
            return self._cache[style_id]
        chain = self._chain(style_id)
        info = StyleInfo(name=(val(chain[0].find(w("name")), "") or "") if chain else "")
        heading_found = num_found = bold_found = False
        for style in chain:  # nearest style first: a derived style overrides its base
            ppr = style.find(w("pPr"))
            outline = val(ppr.find(w("outlineLvl"))) if ppr is not None else None
            if not heading_found and outline is not None:
                level = to_int(outline, 9)
                info.heading, heading_found = (level + 1 if 0 <= level < 9 else 0), True
            name = val(style.find(w("name")), "") or ""
            m = _HEADING_NAME.match(name)
            if not heading_found and (m or name.lower() == "title"):
                info.heading, heading_found = (int(m.group(1)) if m else 1), True
            numpr = ppr.find(w("numPr")) if ppr is not None else None
            if not num_found and numpr is not None:
                info.num_id = val(numpr.find(w("numId")))
                ilvl = val(numpr.find(w("ilvl")))
                info.ilvl = to_int(ilvl, 0) if ilvl is not None else None
                num_found = True
            rpr = style.find(w("rPr"))
            bold = on(rpr.find(w("b"))) if rpr is not None else None
            if not bold_found and bold is not None:
                info.bold, bold_found = bold, True
        self._cache[style_id] = info
        return info


@dataclass
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    font: str = ""
    legal: bool = False  # w:isLgl: show every level's number in decimal


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _level(lvl: Element) -> Level:
    text = lvl.find(w("lvlText"))
    fonts = lvl.find(w("rPr") + "/" + w("rFonts"))
    font = "" if fonts is None else (fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or "")
    return Level(
        start=to_int(val(lvl.find(w("start"))), 1),
        fmt=val(lvl.find(w("numFmt")), "decimal") or "decimal",
        text="" if text is None else (val(text, "") or ""),
        font=font,
        legal=bool(on(lvl.find(w("isLgl")))),
    )


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter value in a Word number format (unknown formats fall back to decimal)."""
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: y, z, aa, bb, ...
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def marker_of(fmt: str) -> str:
    """The block marker for a Word number format."""
    if fmt == "bullet":
        return "bullet"
    if fmt.endswith("Letter"):
        return "letter"
    if fmt.endswith("Roman"):
        return "roman"
    return "number"


def bullet_label(level: Level) -> str:
    """The visible bullet: the glyph itself, or a plain bullet for a Symbol-font private-use glyph."""
    glyph = level.text.strip()
    if not glyph or any("\uf000" <= ch <= "\uf8ff" for ch in glyph) or level.font.lower().startswith(SYMBOL_FONTS):
        return "\u2022"
    return glyph


class Numbering:
    """List definitions and the running counters of one document."""

    def __init__(self, root: Element | None, styles: Styles) -> None:
        self.styles = styles
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._style_links: dict[str, str] = {}  # abstractNumId -> style whose list it uses
        self._level_styles: dict[tuple[str, str], int] = {}  # (abstractNumId, styleId) -> ilvl
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            aid = abstract.get(w("abstractNumId"), "")
            levels: dict[int, Level] = {}
            for lvl in abstract.findall(w("lvl")):
                ilvl = to_int(lvl.get(w("ilvl")), 0)
                levels[ilvl] = _level(lvl)
                pstyle = val(lvl.find(w("pStyle")))
                if pstyle:
                    self._level_styles[(aid, pstyle)] = ilvl
            self._abstracts[aid] = levels
            link = val(abstract.find(w("numStyleLink")))
            if link:
                self._style_links[aid] = link
        for num in root.iter(w("num")):
            entry = _Num(val(num.find(w("abstractNumId")), "") or "")
            for override in num.findall(w("lvlOverride")):
                ilvl = to_int(override.get(w("ilvl")), 0)
                start = override.find(w("startOverride"))
                if start is not None:
                    entry.starts[ilvl] = to_int(val(start), 1)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self._nums[num.get(w("numId"), "")] = entry

    def _abstract(self, num_id: str) -> str | None:
        """The abstract list a num instance uses, following numStyleLink (a list style) a few hops."""
        num = self._nums.get(num_id)
        aid = num.abstract if num else None
        for _ in range(4):
            if aid is None or aid not in self._style_links or self._abstracts.get(aid):
                break
            linked = self.styles.info(self._style_links[aid]).num_id
            target = self._nums.get(linked or "")
            aid = target.abstract if target else None
        return aid if aid in self._abstracts else None

    def list_of(self, num_id: str) -> str:
        """The list a num instance counts in (its abstract list): restarting or continuing a list keeps it."""
        return self._abstract(num_id) or ""

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """The list level a numbering definition assigns to a paragraph style, if any."""
        aid = self._abstract(num_id)
        return self._level_styles.get((aid or "", style_id or ""))

    def advance(self, num_id: str, ilvl: int) -> tuple[str, str, int] | None:
        """Count one numbered paragraph: ``(label, marker, level)``, or None when it shows no label."""
        aid = self._abstract(num_id)
        if aid is None:
            return None
        levels = dict(self._abstracts[aid])
        levels.update(self._nums[num_id].levels)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._started:
            # a restarted list is a new w:num of the same abstract list with a startOverride
            self._started.add(num_id)
            for lv, start in sorted(self._nums[num_id].starts.items()):
                for deeper in [d for d in counters if d >= lv]:
                    del counters[deeper]
                counters[lv] = start - 1
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [d for d in counters if d > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return bullet_label(level), "bullet", ilvl

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, Level())
            fmt = "decimal" if level.legal and k != ilvl else lv.fmt
            return format_number(counters.get(k, lv.start), fmt)

        label = re.sub(r"%([1-9])", number, level.text).strip()
        if not label or level.fmt == "none":
            return None
        return label, marker_of(level.fmt), ilvl
