"""Every path ``aup build`` generates under docs/: the one place that knows each page's path and each folder.

A new page is one module (its content) and its path here. The generated folders give ``aup new``'s
``.gitignore`` lines and this project's (a test checks .gitignore), the pruning of stale pages, and the
mkdocs ``not_in_nav`` list (a test checks mkdocs.yml). :func:`claim_pages` refuses two pages on one path,
naming both: a source called ``index.txt`` must not silently replace the documents' index.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Document
from ..writer import DuplicateOutputError

#: The generated home page (the coverage matrix); the build refuses to overwrite a hand-written one.
HOME_PAGE = "index.md"
DOCUMENTS_INDEX = "documents/index.md"
TOPICS_INDEX = "topics/index.md"
COMPARE_PAGE = "compare/index.md"
#: "Tags to check": the clauses the tagger is least sure of.
REVIEW_PAGE = "review/index.md"
BUILDER_PAGE = "builder/index.md"
BUILDER_DATA = "builder/clauses.json"
#: The site's own CSS and JavaScript.
ASSETS_DIR = "assets/aup"
#: The stylesheet and script every page loads (``extra_css`` / ``extra_javascript`` in mkdocs.yml).
ASSETS = ("atlas.css", "dom.js", "atlas.js", "search.js")
#: The builder's scripts, in the order the page loads them; the store also runs on topic pages ("add to my policy").
BUILDER_STORE = f"{ASSETS_DIR}/builder-store.js"
#: Reads a pasted roster CSV: the builder's declaration sheets and the site's declaration pages share it.
ROSTER_SCRIPT = f"{ASSETS_DIR}/roster.js"
BUILDER_SCRIPTS = (BUILDER_STORE, f"{ASSETS_DIR}/builder-yaml.js", f"{ASSETS_DIR}/builder-rules.js", ROSTER_SCRIPT,
                   *(f"{ASSETS_DIR}/builder-{part}.js" for part in ("policy", "docx", "ui")))
BUILDER_STYLE = f"{ASSETS_DIR}/builder.css"
#: The builder's print view of the school's policy and its declaration sheets (standalone A4 HTML).
BUILDER_PRINT_PAGE = "builder/print.html"
BUILDER_PRINT_SCRIPT = f"{ASSETS_DIR}/builder-print.js"
BUILDER_PRINT_STYLE = f"{ASSETS_DIR}/builder-print.css"
#: The recipe JSON Schema as published in the site: the builder validates against the file `aup tailor` uses.
BUILDER_SCHEMA = "builder/recipe.schema.json"
#: The npm ``docx`` package's browser bundle, copied in when installed (scripts/setup.sh runs ``npm ci``).
DOCX_BUNDLE = f"{ASSETS_DIR}/vendor/docx.js"
#: Makes every "Print this page" button work (a script file: the site's CSP blocks inline handlers).
PRINT_SCRIPT = f"{ASSETS_DIR}/print.js"

#: The Atom feed of every policy's changes (each policy has its own: :func:`policy_feed_path`).
CHANGES_FEED = "feeds/changes.xml"

#: Folders under docs/ the generator owns; everything else under docs/ is hand-written (but see HOME_PAGE).
GENERATED_DIRS = ("documents", "topics", "rules", "compare", "coverage", "declarations", "builder", "review", "changes", "feeds",
                  ASSETS_DIR)
#: Generated pages kept out of the navigation: Material renders the whole nav into every page, so listing
#: every generated page would make the build quadratic in the number of documents.
NOT_IN_NAV = ("/documents/*.md", "/topics/*.md", "/rules/*.md", "/coverage/*.md", "/review/*.md", "/changes/")
#: What ``aup build`` regenerates, so it stays out of version control (``.gitignore`` lines).
GENERATED_IGNORES = ("/site/", f"/docs/{HOME_PAGE}", *(f"/docs/{folder}/" for folder in GENERATED_DIRS))


def document_page_path(doc_id: str) -> str:
    """Where a document's page lives under docs/."""
    return f"documents/{doc_id}.md"


def document_json_path(doc_id: str) -> str:
    """Where a document's clauses are published as JSON (read by the topic pages and the compare view)."""
    return f"documents/data/{doc_id}.json"


def change_page_path(doc_id: str, number: int) -> str:
    """Where the "what changed" page of version ``number`` of a policy lives under docs/."""
    return f"changes/{doc_id}/{number}.md"


def policy_feed_path(doc_id: str) -> str:
    """Where a policy's Atom feed of its versions lives under docs/."""
    return f"feeds/{doc_id}.xml"


def source_path(doc: Document) -> str:
    """Where a document's source file is offered for download under docs/."""
    return f"documents/sources/{Path(doc.source.path).name}"


#: The declaration layouts the site prints for each document: the sheet, then the others in their own folders.
DECLARATION_LAYOUTS = ("sheet", "roster", "adoption")


def declaration_page_path(doc_id: str, layout: str = "sheet") -> str:
    """Where a document's printable declaration sheet (or its roster or adoption page) lives under docs/."""
    return f"declarations/{doc_id}.html" if layout == "sheet" else f"declarations/{layout}/{doc_id}.html"


def topic_page_path(topic_id: str) -> str:
    """Where a topic's page lives under docs/."""
    return f"topics/{topic_id}.md"


def rule_coverage_path(topic_id: str) -> str:
    """Where a topic's coverage-by-rule table (which schools state each rule) lives under docs/."""
    return f"rules/{topic_id}.md"


def coverage_page_path(number: int) -> str:
    """Where part ``number`` (1 is the home page) of the coverage matrix lives under docs/."""
    return HOME_PAGE if number == 1 else f"coverage/{number}.md"


def document_paths(doc: Document) -> tuple[str, ...]:
    """Every path a document's pages take: page, JSON, source download, feed, declaration sheet, roster and adoption
    pages (the change pages of its versions are in its own folder, ``changes/<id>/``)."""
    return (document_page_path(doc.id), document_json_path(doc.id), source_path(doc), policy_feed_path(doc.id),
            *(declaration_page_path(doc.id, layout) for layout in DECLARATION_LAYOUTS))


def shared_paths(topic_ids: Iterable[str], coverage_parts: int) -> tuple[str, ...]:
    """Every path of the pages that are not one document's (home, indexes, compare, coverage, assets, builder, topics
    and their coverage by rule)."""
    return (HOME_PAGE, DOCUMENTS_INDEX, TOPICS_INDEX, COMPARE_PAGE, REVIEW_PAGE, CHANGES_FEED,
            *(coverage_page_path(n) for n in range(2, coverage_parts + 1)),
            *(f"{ASSETS_DIR}/{name}" for name in ASSETS), PRINT_SCRIPT,
            BUILDER_PAGE, BUILDER_DATA, *BUILDER_SCRIPTS, BUILDER_STYLE, BUILDER_PRINT_PAGE, BUILDER_PRINT_SCRIPT,
            BUILDER_PRINT_STYLE, BUILDER_SCHEMA, DOCX_BUNDLE,
            *(p for t in topic_ids for p in (topic_page_path(t), rule_coverage_path(t))))


def claim_pages(shared: Iterable[str], documents: Iterable[Document]) -> dict[str, str]:
    """Path -> what it is, for every generated page; DuplicateOutputError naming both when two take one path."""
    owners: dict[str, str] = {}

    def claim(path: str, owner: str) -> None:
        if path in owners:
            raise DuplicateOutputError(f"two generated pages have this path: {owners[path]} and {owner}; "
                                       "rename the source file and ingest it again", f"docs/{path}")
        owners[path] = owner

    for path in shared:
        claim(path, f"the site's page {path}")
    for doc in documents:
        for path in document_paths(doc):
            claim(path, f"document {doc.id!r} (from {doc.source.name or doc.source.path})")
    return owners
