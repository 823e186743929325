"""Printable declarations: one sheet per person, a signature roster, and the governors' adoption page.

A :class:`DeclarationSource` (from a corpus document, later from a tailoring recipe) and an optional roster
of :class:`Person` go in; HTML, PDF (through :mod:`generator.pdf`) and DOCX come out.
"""
from __future__ import annotations

from .render import FORMATS, LAYOUTS, DeclarationError, declaration_page_html, render_declarations, render_html, write_declarations
from .roster import Person, RosterError, parse_roster, read_roster
from .source import DESIGNATIONS, Adoption, DeclarationSource, Signatory, SourceError, load_source, source_from_document

__all__ = [
    "FORMATS", "LAYOUTS", "DESIGNATIONS", "Adoption", "DeclarationError", "DeclarationSource", "Person", "RosterError",
    "Signatory", "SourceError", "declaration_page_html", "load_source", "parse_roster", "read_roster",
    "render_declarations", "render_html", "source_from_document", "write_declarations",
]
