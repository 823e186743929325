"""Render declaration sheets, signature rosters and the adoption page as HTML, PDF and DOCX.

HTML comes from Jinja2 templates with autoescaping on: policy text and names are passed as data, never as
template source, so ``{{ }}`` or ``<b>`` in a clause or a name prints literally. PDF is that HTML through
the shared engine (:mod:`generator.pdf`); DOCX is built with python-docx (:mod:`.docx`).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment

from ..model import Document
from ..templating import check_formats as _check_formats
from ..templating import template_environment
from ..writer import write_atomic
from .docx import render_docx
from .layouts import BLANK_ROSTER_ROWS, LAYOUTS, DeclarationError, wording_items
from .roster import Person
from .source import DESIGNATIONS, DeclarationSource, revised, source_from_document

if TYPE_CHECKING:
    from ..versions import History

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the declaration templates (autoescaped, strict about undefined names)."""
    return template_environment("generator.declarations", keep_trailing_newline=True)


def render_html(source: DeclarationSource, people: Sequence[Person] | None, layout: str, *, toolbar: bool = False,
                blank_rows: int | None = None, print_script: str = "", roster_script: str = "",
                layout_links: Sequence[tuple[str, str]] = ()) -> str:
    """Standalone printable HTML of one layout; without people, one blank sheet (or a page of blank roster rows).

    ``print_script`` is the URL of the script that makes the toolbar's Print button work: a file, never an
    inline handler, so the site's Content-Security-Policy lets it run. With ``roster_script`` (the URL of the site's
    roster reader), the toolbar of a sheet or roster takes a pasted roster and fills in one sheet (or row) per person
    in the browser. ``layout_links`` are (name, href) of the other layouts shown in the toolbar (an empty href: this
    page).
    """
    if layout not in LAYOUTS:
        raise DeclarationError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    people = list(people or [])
    if blank_rows is None:
        blank_rows = 0 if people else BLANK_ROSTER_ROWS
    template = environment().get_template(f"{layout}.html.j2")
    # A sheet or adoption page without people is one blank form; a roster without people is blank rows.
    listed: list[Person | None] = list(people) if layout == "roster" else (list(people) or [None])
    return template.render(source=source, layout=layout, toolbar=toolbar, wording=wording_items(source),
                           people=listed, blank_rows=blank_rows, adoption=source.adoption,
                           print_script=print_script, roster_script=roster_script, layout_links=list(layout_links),
                           designations=DESIGNATIONS)


def render_pdf(source: DeclarationSource, people: Sequence[Person] | None, layout: str) -> bytes:
    """The layout as A4 PDF; warns when a sheet runs past one page (a very long declaration)."""
    from ..pdf import render_pdf_pages

    pdf, pages = render_pdf_pages(render_html(source, people, layout))
    if layout == "sheet" and pages != max(1, len(people or [])):
        log.warning("%s: %d sheet(s) took %d pages; the declaration wording is too long for one A4 page",
                    source.id, max(1, len(people or [])), pages)
    return pdf


def _html_bytes(source: DeclarationSource, people: Sequence[Person] | None, layout: str) -> bytes:
    return render_html(source, people, layout).encode("utf-8")


#: Every output format and the function that renders it (the one place a new format is added).
FORMATS: dict[str, Callable[[DeclarationSource, Sequence[Person] | None, str], bytes]] = {
    "pdf": render_pdf, "docx": render_docx, "html": _html_bytes,
}


def render_declarations(source: DeclarationSource, people: Sequence[Person] | None, layout: str,
                        formats: Sequence[str]) -> dict[str, bytes]:
    """Every requested format of one layout, in memory: {format: bytes}."""
    check_formats(formats)
    return {fmt: FORMATS[fmt](source, people, layout) for fmt in formats}


def check_formats(formats: Sequence[str]) -> None:
    """Raise :class:`DeclarationError` unless every format is known."""
    _check_formats(formats, FORMATS, DeclarationError)


def output_paths(source: DeclarationSource, layout: str, formats: Sequence[str], out: Path | None) -> dict[str, Path]:
    """Where each format goes: ``OUT/<source>-<layout>.<fmt>``, or OUT itself when it names one file of that format."""
    out = Path(out) if out is not None else Path("declarations")
    suffix = out.suffix.lower().lstrip(".")
    if suffix in FORMATS and not out.is_dir():
        if len(formats) != 1 or formats[0] != suffix:
            raise DeclarationError(f"--out {out} names one .{suffix} file but the formats asked for are "
                                   f"{', '.join(formats)}; give a folder, or --format {suffix}")
        return {suffix: out}
    if out.exists() and not out.is_dir():
        raise DeclarationError(f"--out {out} is a file; expected a folder for {', '.join(formats)}")
    return {fmt: out / f"{source.id}-{layout}.{fmt}" for fmt in formats}


def write_declarations(source: DeclarationSource, people: Sequence[Person] | None, layout: str, formats: Sequence[str],
                       out: Path | None = None) -> list[Path]:
    """Render everything first, then write each file atomically; returns the paths written (or already current)."""
    if layout not in LAYOUTS:
        raise DeclarationError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    paths = output_paths(source, layout, formats, out)
    rendered = render_declarations(source, people, layout, formats)
    for fmt, path in paths.items():
        write_atomic(path, rendered[fmt])
    return list(paths.values())


def declaration_page_html(doc: Document, print_script: str = "", layout: str = "sheet",
                          layout_links: Sequence[tuple[str, str]] = (), history: History | None = None,
                          roster_script: str = "") -> str:
    """A printable page of a document for the site: one blank sheet (one A4 page), a page of blank roster rows, or
    the adoption page; standalone HTML. With the policy's ``history``, it records its revision and date."""
    source = source_from_document(doc)
    if history is not None:
        source = revised(source, history, doc)
    return render_html(source, None, layout, toolbar=True, print_script=print_script, roster_script=roster_script,
                       layout_links=layout_links)
