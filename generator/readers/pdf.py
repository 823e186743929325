"""PDF reader: text and line geometry from pdfium, then the same line reader as plain text.

Measured on the Decoy PDFs (51-page policy, three pupil agreements): pypdfium2 extracts the 51 pages in
0.12 s with clean line order, pypdf in 1.96 s, pdfminer.six in 3.28 s with bullets split from their text
(see docs/guide/formats.md). pdfium also gives each character's box, which we use to find paragraph gaps,
hanging indents, flattened table cells and running headers and footers by where they sit on the page.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from ..errors import ReadError
from ..model import SourceDocument
from ..text import squash
from . import patterns as P
from .lines import blocks_from_lines, classify, heading_like
from .pdf_text import LIGATURES, as_shown, gap_text, words_of

#: Share of the page height at the top and bottom where running headers and footers live.
MARGIN = 0.09
#: Most pages we read; a longer PDF is not a policy.
MAX_PAGES = 2000
@dataclass
class PdfLine:
    """One line of a page with its geometry (PDF points, origin bottom left)."""

    page: int
    text: str
    left: float
    top: float
    bottom: float
    height: float
    size: float = 0.0  # font size, median over the line's characters
    bold: float = 0.0  # share of the line's characters set in a bold weight
    right: float = 0.0
    base: float = 0.0  # the baseline: the median bottom of the characters (the lowest bottom is a descender's)


def _page_lines(textpage, page_no: int, height: float = 0.0) -> list[PdfLine]:
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    lines: list[PdfLine] = []
    start = 0
    for raw in re.split(r"(\r\n|\n|\r)", text):
        if raw in ("\r\n", "\n", "\r"):
            start += len(raw)
            continue
        boxes = []
        pieces = []
        prev_right = None
        prev = (0, "")
        widths = []
        sizes: list[float] = []
        bold = 0
        for offset, ch in enumerate(raw):
            index = start + offset
            try:
                left, bottom, right, top = textpage.get_charbox(index)
            except Exception:  # a generated character without a box
                left = bottom = right = top = 0.0
            if right > left and ch.strip():
                widths.append(right - left)
                sizes.append(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))
                if prev_right is not None and pieces:
                    after = (index, ch if not pieces[-1].isspace() else " ")  # a space in the text already says it
                    pieces.append(gap_text(textpage, left - prev_right, median(widths), sizes[-1], prev, after))
                prev_right, prev = right, (index, ch)
                boxes.append((left, bottom, right, top))
                bold += pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= 600
            pieces.append(ch)
        start += len(raw)
        # the jump after a bullet or list label is an indent, not a table cell
        content = re.sub(r"^(\s*(?:\S|\(?\w{1,4}[.)]))\s*\t", r"\1 ", "".join(pieces).translate(LIGATURES))
        if not content.strip() or not boxes:
            continue
        lefts, bottoms, tops = [b[0] for b in boxes], [b[1] for b in boxes], [b[3] for b in boxes]
        lines.append(PdfLine(page_no, content, min(lefts), max(tops), min(bottoms), median(t - b for _, b, _, t in boxes),
                             median(sizes), bold / len(boxes), max(b[2] for b in boxes), median(bottoms)))
    # Word writes a page in reading order (its tables cell by cell, which sorting by position would interleave);
    # a page whose text keeps jumping back up was written in some other order and is read by position instead
    lines = attach_boxes(attach_labels(lines))
    # running headers and footers sit anywhere in the stream; judge the order by the body alone
    body = [ln for ln in lines if not height or (ln.bottom > height * MARGIN and ln.top < height * (1 - MARGIN))]
    lines = reading_order(lines) if 0.05 < disorder(body) <= 0.3 and not in_columns(body) else lines
    # a page's header is read first, wherever the stream has it (WeasyPrint writes the page margins last)
    top = [ln for ln in lines if height and ln.bottom >= height * (1 - MARGIN)]
    return top + [ln for ln in lines if all(ln is not t for t in top)]


def in_columns(lines: list[PdfLine]) -> bool:
    """Whether the stream reads a page column by column: top to bottom, then again top to bottom further right.

    A two-column page written column by column looks a quarter upside down by :func:`disorder`, but its
    stream order is the reading order; sorting it by position would join the two columns line by line.
    """
    runs: list[list[PdfLine]] = []
    for ln in lines:
        if runs and ln.bottom <= runs[-1][-1].bottom + 2:
            runs[-1].append(ln)
        else:
            runs.append([ln])
    if len(runs) < 2 or any(len(run) < 3 for run in runs):
        return False
    for a, b in zip(runs, runs[1:]):
        low, high = min(ln.bottom for ln in b), max(ln.top for ln in b)
        beside = [ln for ln in a if low - 1 <= ln.bottom <= high + 1]
        if not beside or min(ln.left for ln in b) < max(ln.right for ln in beside) - 2:
            return False
    return True


def disorder(lines: list[PdfLine]) -> float:
    """The share of line pairs a page's text stream has upside down (0: read top to bottom).

    Word writes a page in reading order (0, or a little for a table written cell by cell); a producer that
    writes headings or list numbers apart from their text gives 0.1 or so; a free layout of text boxes (a
    poster, a charter in a circle) much more, and there the stream order is the best order there is.
    """
    ys = [ln.bottom for ln in lines]
    n = len(ys)
    if n < 3:
        return 0.0
    upside_down = sum(1 for i in range(n) for j in range(i + 1, n) if ys[j] > ys[i] + 2)
    return upside_down / (n * (n - 1) / 2)


_BOX_ONLY = re.compile(r"^\s*[\u2610\u2611\u2612\u25a1]\s*$")


def attach_boxes(lines: list[PdfLine]) -> list[PdfLine]:
    """Put a tick box written on its own back at the end of the line to its left on the same baseline.

    A rule in one table cell and its box in the next: producers write the box after the whole cell, so
    pdfium gives it a line of its own. Set after its rule with a tab, the line reader reads rule and box.
    """
    boxes = [ln for ln in lines if _BOX_ONLY.match(ln.text)]
    gone = set()
    for box in boxes:
        same = [ln for ln in lines if ln is not box and id(ln) not in gone and ln.right < box.left
                and abs(ln.base - box.base) <= 0.5 * max(min(ln.height, box.height), 1.0) and not _BOX_ONLY.match(ln.text)]
        if not same:
            continue
        target = max(same, key=lambda ln: ln.right)
        target.text = f"{target.text.rstrip()}\t{box.text.strip()}"
        target.right = box.right
        gone.add(id(box))
    return [ln for ln in lines if id(ln) not in gone]


_LABEL_ONLY = re.compile(rf"^\s*(?:\d{{1,3}}(?:\.\d{{1,3}})*[.)]?|\(?[a-zA-Z]{{1,3}}[.)]|[{P.BULLETS}\uf000-\uf8ff])\s*$")


def attach_labels(lines: list[PdfLine]) -> list[PdfLine]:
    """Put a list number or bullet written on its own back in front of the text on its baseline.

    Browsers and other producers write a list's markers apart from its text (often after it); Word writes
    them together. A marker alone on a line goes to the nearest line to its right on the same baseline.
    """
    labels = [ln for ln in lines if _LABEL_ONLY.match(ln.text)]
    if not labels:
        return lines
    gone = set()
    for label in labels:
        same = [ln for ln in lines if ln is not label and id(ln) not in gone and ln.left > label.left
                and _same_baseline(ln, label)
                and not _LABEL_ONLY.match(ln.text)]
        if not same:
            continue
        target = min(same, key=lambda ln: ln.left)
        target.text = f"{label.text.strip()} {target.text.lstrip()}"
        target.left = label.left
        gone.add(id(label))
    return [ln for ln in lines if id(ln) not in gone]


def _same_baseline(line: PdfLine, label: PdfLine) -> bool:
    """Whether a list label stands on a line's baseline; a bullet sits higher, inside the line's letters."""
    if abs(line.base - label.base) <= 0.4 * max(min(line.height, label.height), 1.0):
        return True
    middle = (label.top + label.bottom) / 2
    return len(label.text.strip()) == 1 and line.base <= middle <= line.top


def reading_order(lines: list[PdfLine]) -> list[PdfLine]:
    """A page's lines top to bottom, pieces on one baseline joined left to right.

    Text is stored in whatever order the producer wrote it: Word mostly writes reading order, but other
    producers write a list's numbers after its text or a page's headings together. Sorting by position and
    joining pieces that share a baseline (a hanging number and its clause, the cells of a table row) gives
    the order a reader sees, for single-column pages.
    """
    merged: list[PdfLine] = []
    for ln in sorted(lines, key=lambda line: (-round(line.bottom, 0), line.left)):
        last = merged[-1] if merged else None
        if last is not None and abs(last.bottom - ln.bottom) <= 0.4 * max(min(last.height, ln.height), 1.0) \
                and ln.left >= last.left:
            gap = ln.left - last.right
            joiner = "\t" if gap > max(12.0, 2 * ln.height) else " "
            weight = len(last.text.strip()) + len(ln.text.strip())
            merged[-1] = PdfLine(
                last.page, f"{last.text.rstrip()}{joiner}{ln.text.strip()}", last.left, max(last.top, ln.top),
                min(last.bottom, ln.bottom), max(last.height, ln.height),
                max(last.size, ln.size), (last.bold * len(last.text.strip()) + ln.bold * len(ln.text.strip())) / max(weight, 1),
                max(last.right, ln.right), last.base)
            continue
        merged.append(ln)
    return merged


def _short_title(text: str) -> bool:
    """A line that could be a title: short, unpunctuated, not a field; a numbered one ("9.1 District Accounts")
    when its words are."""
    line = classify(0, text, False)
    if line.kind == "item" and line.marker in ("number", "roman") and line.label.rstrip(".)")[-1:].isalnum():
        return heading_like(line.text.rstrip(":")) and not line.text.rstrip().endswith(":")
    return line.kind in ("text", "adoption") and heading_like(text.rstrip(":"))


def _heading_levels(body: list[PdfLine]):
    """A function giving a line's heading level from its font size (0 for body text)."""
    weight = Counter()
    for ln in body:
        weight[round(ln.size, 1)] += len(ln.text)
    if not weight:
        return lambda ln, titled=True: 0
    body_size = weight.most_common(1)[0][0]
    larger = sorted({round(ln.size, 1) for ln in body if ln.size >= body_size * 1.2 and _short_title(ln.text.strip())},
                    reverse=True)[:4]
    ranks = {size: i + 1 for i, size in enumerate(larger)}
    # titled=False: the rank of the line's size alone (the first line of a wrapped heading need not read as a title)
    return lambda ln, titled=True: ranks.get(round(ln.size, 1), 0) if not titled or _short_title(ln.text.strip()) else 0


def _wraps_heading(out: list[str], previous: PdfLine | None, ln: PdfLine, rank: int) -> bool:
    """Whether a line continues the heading right above it: same size and weight, same page, no gap between, and
    it reads on ("... FOR INTERNET USE" / "AND SOCIAL MEDIA", "Use of the network" / "and e-mail by staff",
    "Agreement –" / "Years 5 and 6") or both lines are centred on one axis. ``rank``: the heading rank of the
    previous line's size (0 for body text)."""
    if not out or previous is None or previous.page != ln.page or abs(previous.size - ln.size) > 0.2 \
            or abs(previous.bold - ln.bold) > 0.5:
        return False
    last, text = out[-1].strip(), ln.text.strip()
    marked = re.match(r"#+ |\*\*", last) is not None
    if not marked and not ((rank or previous.bold >= 0.9) and P.DANGLING.search(last)
                           and _short_title(text) and _short_title(f"{last} {text}")):
        return False  # body text, or an unmarked line that does not make a title with this one
    if last.rstrip("*").endswith((":", ".")) or len(last) + len(text) > 120 or not heading_like(text[:1].upper() + text[1:]):
        return False
    centred = abs((previous.left + previous.right) - (ln.left + ln.right)) < 6 and abs(previous.left - ln.left) > 6
    # the largest size is the title's: a second line right under it, set as tight as a wrapped line, continues it
    tight = rank == 1 and marked and abs(previous.left - ln.left) < 2 and previous.bottom - ln.top < 0.6 * ln.size
    return bool(re.match(r"(?:and|or|of|for|to|in|on|with|by|&)\b", text, re.I) or text[:1].islower()
                or P.DANGLING.search(last.rstrip("*")) or (marked and centred) or tight)


def _join_heading(last: str, text: str, rank: int) -> str:
    """A heading's second line joined onto its first: ``# A`` + ``B`` -> ``# A B``; ``**A**`` + ``B`` -> ``**A B**``;
    an unmarked first line takes the mark of its size (``rank``)."""
    head = last.strip()
    if head.startswith("#"):
        return f"{head} {text}"
    if head.startswith("**"):
        return f"{head.removesuffix('**')} {text}**"
    return f"{'#' * rank} {head} {text}" if rank else f"**{head} {text}**"


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", squash(text)).lower()


def _running(lines: list[PdfLine], heights: dict[int, float], pages: int) -> set[int]:
    """Indexes of lines in the page margins whose shape repeats on many pages: headers, footers, page numbers."""
    in_margin = [i for i, ln in enumerate(lines)
                 if ln.top > heights[ln.page] * (1 - MARGIN) or ln.bottom < heights[ln.page] * MARGIN]
    shapes = Counter()
    for i in in_margin:
        shapes[(_shape(lines[i].text))] += 1
    need = max(2, int(pages * 0.4))
    return {i for i in in_margin if shapes[_shape(lines[i].text)] >= need or re.fullmatch(r"(page\s*)?#(\s*of\s*#)?", _shape(lines[i].text))}


def _merge_row(out: list[str], drop: dict[int, str]) -> None:
    """Join a matrix row's wrapped first cell (the lines since the last gap) onto the line holding its marks."""
    last = len(out) - 1
    first = last
    indent = len(out[last]) - len(out[last].lstrip())
    # a few words set to the right of where the row starts are the column headings ("Staff  Pupils")
    while first > 0 and out[first - 1].strip() and (first) not in drop and "\t" not in out[first - 1] \
            and not out[first - 1].lstrip().startswith(("#", "**")) \
            and not (len(out[first - 1]) - len(out[first - 1].lstrip()) > indent + 2 and len(out[first - 1].split()) <= 4):
        first -= 1
    if first == last:
        return
    cells = out[last].split("\t")
    cells[0] = " ".join(part.strip() for part in out[first:last] + [cells[0]])
    out[first:] = [out[first][: len(out[first]) - len(out[first].lstrip())] + "\t".join(cells)]


def extract_lines(path: Path, data: bytes) -> tuple[list[str], dict[int, str]]:
    """The text of a PDF as lines (blank lines at paragraph gaps, indentation kept) and lines to drop."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise ReadError("the PDF is encrypted (password protected); expected an unprotected PDF", path) from None
        raise ReadError(f"not a readable PDF ({message}); expected a PDF document", path) from None
    try:
        if len(pdf) > MAX_PAGES:
            raise ReadError(f"the PDF has {len(pdf)} pages; the limit is {MAX_PAGES}", path)
        lines: list[PdfLine] = []
        heights: dict[int, float] = {}
        for page_no in range(len(pdf)):
            page = pdf[page_no]
            heights[page_no] = page.get_height()
            lines += _page_lines(page.get_textpage(), page_no, heights[page_no])
    finally:
        pdf.close()
    if not lines:
        raise ReadError("the PDF has no text layer (scanned or image-only); expected a PDF with text: run OCR on it first", path)
    words = words_of(lines)
    for ln in lines:
        ln.text = as_shown(ln.text, words)
    running = _running(lines, heights, len(heights))
    body = [ln for i, ln in enumerate(lines) if i not in running]
    left_edge = min((ln.left for ln in body), default=0.0)
    line_gap = median([max(0.0, a.bottom - b.top) for a, b in zip(body, body[1:]) if a.page == b.page] or [0.0])
    heading_level = _heading_levels(body)
    out: list[str] = []
    drop: dict[int, str] = {}
    previous: PdfLine | None = None
    for i, ln in enumerate(lines):
        if i in running:
            out.append(ln.text.strip())
            drop[len(out)] = f"running header or footer (page {ln.page + 1})"
            continue
        if previous is not None and previous.page == ln.page:
            gap = previous.bottom - ln.top
            if gap > line_gap + 0.6 * max(ln.height, 1.0):
                out.append("")  # a paragraph gap
        indent = " " * int(round(max(0.0, ln.left - left_edge) / 4.0))
        text = ln.text.strip()
        if P.TABLE_MARK.match(text) and out and out[-1].strip() and "\t" not in out[-1] and previous is not None \
                and previous.page == ln.page and ln.left > previous.left + 100:
            # a matrix mark set on its own line, far to the right: the last cell of the row above
            out[-1] += "\t" + text
            _merge_row(out, drop)
            previous = ln
            continue
        if "\t" in text and P.TABLE_MARK.match(text.rsplit("\t", 1)[1].strip()):
            out.append(indent + text)
            _merge_row(out, drop)
            previous = ln
            continue
        rank = heading_level(previous, titled=False) if previous is not None else 0
        if _wraps_heading(out, previous, ln, rank):
            out[-1] = _join_heading(out[-1], text, rank)  # a title too long for one line: one heading, not two
            previous = ln
            continue
        level = heading_level(ln)
        if level:
            text = "#" * level + " " + text  # set larger than the body: a heading
        elif ln.bold >= 0.9 and _short_title(text):
            text = f"**{text}**"  # a short line all in bold: a heading
        out.append(indent + text)
        previous = ln
    return out, drop


def read(path: Path, data: bytes) -> SourceDocument:
    """Read a PDF policy."""
    lines, drop = extract_lines(path, data)
    blocks, dropped, units = blocks_from_lines(lines, drop=drop)
    return SourceDocument(str(path), "pdf", "line", blocks, units, dropped)
