"""The site's printable declaration pages: one standalone HTML page per document, one A4 page when printed.

Owned by the declarations feature; the site build calls :func:`plan_declaration_pages` and merges the result
into its page plan (and lists ``declarations`` among its generated folders). A document page links its sheet
as ``../declarations/<document id>.html`` (from ``documents/<id>.md``).
"""
from __future__ import annotations

from collections.abc import Iterable

from ..declarations.render import declaration_page_html
from ..model import Document
from .paths import PRINT_SCRIPT, declaration_page_path


def plan_declaration_pages(documents: Iterable[Document]) -> dict[str, str]:
    """Every printable declaration page, keyed by its path under docs/ (standalone HTML, copied as-is by mkdocs)."""
    # every sheet lives one folder down (declarations/<id>.html), so the script is one folder up
    return {declaration_page_path(doc.id): declaration_page_html(doc, f"../{PRINT_SCRIPT}") for doc in documents}
