"""Plan the generated pages: a dict from path under docs/ to Markdown, JSON, CSS/JS or a source file.

Declarations hook: :func:`generator.site.declarations.plan_declaration_pages` (owned by the declarations
feature) gives one standalone printable page per document (``declarations/<document id>.html``); they are
written too, and a document page links to its sheet only when the sheet is among the planned pages.
"""
from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from ..model import Document
from .builder import plan_builder_pages
from .compare import COMPARE_PAGE, compare_page
from .data import SiteData
from .documents import (document_json, document_json_path, document_page, document_page_path, documents_index,
                        source_path)
from .home import coverage_pages, home_page
from .review import REVIEW_PAGE, review_page
from .topics import topic_page, topic_page_path, topics_index

log = logging.getLogger(__name__)

#: Folders under docs/ the generator owns; everything else under docs/ is hand-written (but see HOME_PAGE).
GENERATED_DIRS = ("documents", "topics", "compare", "coverage", "declarations", "builder", "review", "assets/aup")

#: The generated home page; the build refuses to overwrite a hand-written one.
HOME_PAGE = "index.md"

#: The stylesheet and script every page loads (``extra_css`` / ``extra_javascript`` in mkdocs.yml).
ASSETS = ("atlas.css", "atlas.js")


def _declaration_pages(documents: list[Document]) -> dict[str, str]:
    try:
        from .declarations import plan_declaration_pages
    except ImportError:  # the declarations feature is optional for the site
        return {}
    return dict(plan_declaration_pages(documents))


def asset_files() -> dict[str, bytes]:
    """The site's own CSS and JavaScript, keyed by path under docs/."""
    folder = resources.files("generator.site") / "assets"
    return {f"assets/aup/{name}": (folder / name).read_bytes() for name in ASSETS}


def plan_shared_pages(data: SiteData) -> dict[str, str | bytes]:
    """The pages that are not any one document's: home, indexes, compare, coverage, assets, builder, topics."""
    pages: dict[str, str | bytes] = {HOME_PAGE: home_page(data), "documents/index.md": documents_index(data),
                                     "topics/index.md": topics_index(data), COMPARE_PAGE: compare_page(data),
                                     REVIEW_PAGE: review_page(data)}
    pages.update(coverage_pages(data))
    pages.update(asset_files())
    pages.update(plan_builder_pages(data.documents, data.families, data.topics))  # the tailoring builder page
    for topic in data.topics:
        pages[topic_page_path(topic.id)] = topic_page(data, topic)
    return pages


def plan_document_pages(data: SiteData, corpus: Path, documents: list[Document]) -> dict[str, str | bytes]:
    """Each of these documents' pages: its declaration sheet, source download, page and JSON."""
    declarations = _declaration_pages(documents)
    pages: dict[str, str | bytes] = dict(declarations)
    for doc in documents:
        declaration = f"declarations/{doc.id}.html"
        try:
            pages[source_path(doc)] = (corpus / doc.source.path).read_bytes()
        except OSError:
            log.warning("%s: source file %s is missing; the page offers no download", doc.id, doc.source.path)
        pages[document_page_path(doc.id)] = document_page(doc, data, declaration if declaration in declarations else None,
                                                          source=source_path(doc) in pages)
        pages[document_json_path(doc.id)] = document_json(doc, data)
    return pages


def plan_pages(data: SiteData, corpus: Path) -> dict[str, str | bytes]:
    """Every generated file, keyed by its path under docs/ (a document's pages win over a shared page's path)."""
    pages = plan_shared_pages(data)
    pages.update(plan_document_pages(data, corpus, data.documents))
    return pages
