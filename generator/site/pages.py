"""Plan the generated pages: a dict from path under docs/ (see :mod:`.paths`) to Markdown, JSON, CSS/JS or a file.

:func:`generator.site.declarations.plan_declaration_pages` gives one standalone printable page per document
(``declarations/<document id>.html``); a document page links to its sheet when the sheet is planned.
"""
from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from ..model import Document
from .builder_page import plan_builder_pages
from .compare import compare_page
from .data import SiteData
from .declarations import plan_declaration_pages
from .documents import document_json, document_page, documents_index
from .history import corpus_feed, history_section, plan_history_pages
from .home import coverage_pages, coverage_parts, home_page
from .paths import (
    ASSETS,
    ASSETS_DIR,
    CHANGES_FEED,
    COMPARE_PAGE,
    DOCUMENTS_INDEX,
    HOME_PAGE,
    PRINT_SCRIPT,
    REVIEW_PAGE,
    TOPICS_INDEX,
    claim_pages,
    declaration_page_path,
    document_json_path,
    document_page_path,
    rule_coverage_path,
    shared_paths,
    source_path,
    topic_page_path,
)
from .review import review_page
from .rules import rule_coverage_page
from .topics import topic_page, topics_index

log = logging.getLogger(__name__)

def _declaration_pages(data: SiteData, documents: list[Document]) -> dict[str, str]:
    return dict(plan_declaration_pages(documents, data.corpus, data.histories))


def asset_files() -> dict[str, bytes]:
    """The site's own CSS and JavaScript, keyed by path under docs/."""
    folder = resources.files("generator.site") / "assets"
    return {f"{ASSETS_DIR}/{name}": (folder / name).read_bytes() for name in (*ASSETS, Path(PRINT_SCRIPT).name)}


def plan_shared_pages(data: SiteData) -> dict[str, str | bytes]:
    """The pages that are not any one document's: home, indexes, compare, coverage, assets, builder, topics."""
    pages: dict[str, str | bytes] = {HOME_PAGE: home_page(data), DOCUMENTS_INDEX: documents_index(data),
                                     TOPICS_INDEX: topics_index(data), COMPARE_PAGE: compare_page(data),
                                     REVIEW_PAGE: review_page(data), CHANGES_FEED: corpus_feed(data)}
    pages.update(coverage_pages(data))
    pages.update(asset_files())
    versions = {policy: h.current.number for policy, h in data.histories.items()}  # the others: version 1
    pages.update(plan_builder_pages(data.documents, data.families, data.topics, versions))  # the tailoring builder page
    for topic in data.topics:
        pages[topic_page_path(topic.id)] = topic_page(data, topic)
        pages[rule_coverage_path(topic.id)] = rule_coverage_page(data, topic)
    return pages


def plan_document_pages(data: SiteData, corpus: Path, documents: list[Document]) -> dict[str, str | bytes]:
    """Each of these documents' pages: its declaration sheet, source download, page and JSON."""
    declarations = _declaration_pages(data, documents)
    pages: dict[str, str | bytes] = dict(declarations)
    for doc in documents:
        declaration = declaration_page_path(doc.id)
        try:
            pages[source_path(doc)] = (corpus / doc.source.path).read_bytes()
        except OSError:
            log.warning("%s: source file %s is missing; the page offers no download", doc.id, doc.source.path)
        pages[document_page_path(doc.id)] = document_page(doc, data, declaration if declaration in declarations else None,
                                                          source=source_path(doc) in pages) + "\n".join(history_section(data, doc))
        pages.update(plan_history_pages(data, doc))  # its feed and a "what changed" page per version
        pages[document_json_path(doc.id)] = document_json(doc, data)
    return pages


def page_owners(data: SiteData) -> dict[str, str]:
    """What each generated path is; DuplicateOutputError naming both when two pages would take one path."""
    return claim_pages(shared_paths([t.id for t in data.topics], coverage_parts(data)), data.documents)


def plan_pages(data: SiteData, corpus: Path) -> dict[str, str | bytes]:
    """Every generated file, keyed by its path under docs/; two pages on one path are an error naming both."""
    page_owners(data)
    pages = plan_shared_pages(data)
    pages.update(plan_document_pages(data, corpus, data.documents))
    return pages
