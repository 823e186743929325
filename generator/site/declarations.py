"""The site's printable declaration pages: per document a blank declaration sheet (one A4 page when printed), a
page of blank signature-roster rows and the governors' adoption page, each standalone HTML linking the others.

Owned by the declarations feature; the site build calls :func:`plan_declaration_pages` and merges the result
into its page plan (and lists ``declarations`` among its generated folders). A document page links its sheet
as ``../declarations/<document id>.html`` (from ``documents/<id>.md``).
"""
from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..declarations.render import declaration_page_html
from ..model import Document
from ..versions import History, index_path, load_history
from .paths import DECLARATION_LAYOUTS, PRINT_SCRIPT, ROSTER_SCRIPT, declaration_page_path

#: How the toolbar names each layout.
LAYOUT_NAMES = {"sheet": "Declaration sheet", "roster": "Signature roster", "adoption": "Adoption page"}


def plan_declaration_pages(documents: Iterable[Document], corpus: Path | None = None,
                           histories: Mapping[str, History] | None = None) -> dict[str, str]:
    """Every printable declaration page, keyed by its path under docs/ (standalone HTML, copied as-is by mkdocs).

    A policy with a version index (``histories``, else read from ``corpus``) records its revision and date on its
    sheets, as ``aup declarations`` does."""
    pages = {}
    histories = histories or {}
    for doc in documents:
        history = histories.get(doc.id)
        if history is None and corpus is not None and index_path(corpus, doc.id).is_file():
            history = load_history(corpus, doc)
        paths = {layout: declaration_page_path(doc.id, layout) for layout in DECLARATION_LAYOUTS}
        for layout, path in paths.items():
            here = posixpath.dirname(path)
            links = [(LAYOUT_NAMES[other], "" if other == layout else posixpath.relpath(paths[other], here))
                     for other in DECLARATION_LAYOUTS]
            # the print script is a file, never an inline handler: the site's CSP blocks those
            pages[path] = declaration_page_html(doc, posixpath.relpath(PRINT_SCRIPT, here), layout, links, history,
                                                roster_script=posixpath.relpath(ROSTER_SCRIPT, here))
    return pages
