"""The builder's pages: the workspace (``builder/index.md``), its print view (``builder/print.html``) and the plan.

Both pages are empty containers that the scripts fill in from ``builder/clauses.json`` and the school's
workspace kept in the browser (localStorage): no inline script or handler, so the site's Content-Security-
Policy holds. The Word download uses the npm ``docx`` package's browser bundle when ``npm ci`` installed it
(``scripts/setup.sh``); without it the page says how to get it and offers the other downloads.
"""
from __future__ import annotations

import html
import json
import logging
from importlib import resources
from pathlib import Path

from ..families import Family
from ..model import Document
from ..tagging.taxonomy import Topic
from ..tailor.recipe import SCHEMA_PATH
from .builder import PEOPLE, builder_data
from .documents import GENERATED_NOTE
from .paths import (
    ASSETS_DIR,
    BUILDER_DATA,
    BUILDER_PAGE,
    BUILDER_PRINT_PAGE,
    BUILDER_PRINT_SCRIPT,
    BUILDER_PRINT_STYLE,
    BUILDER_SCHEMA,
    BUILDER_SCRIPTS,
    BUILDER_STORE,
    BUILDER_STYLE,
    DOCX_BUNDLE,
    PRINT_SCRIPT,
)

log = logging.getLogger(__name__)
#: Where the docx package's browser bundle is, inside an npm install.
BUNDLE_IN_PACKAGE = Path("node_modules") / "docx" / "dist" / "index.iife.js"
#: The AUP Atlas checkout (package.json and package-lock.json live there).
CHECKOUT = Path(__file__).resolve().parents[2]
HOW_TO_GET_WORD = ("The Word download needs the docx package, which is not installed: in the AUP Atlas folder run "
                   "<code>bash scripts/setup.sh</code> (or <code>npm ci</code>), then <code>aup build</code> again. "
                   "The recipe, the Markdown and the print view (Save as PDF) work without it.")


def find_docx_bundle(folders: tuple[Path, ...] | None = None) -> Path | None:
    """The installed docx browser bundle: in the project folder (the working folder), else in the AUP Atlas
    checkout; None when absent."""
    for folder in folders if folders is not None else (Path.cwd(), CHECKOUT):
        path = folder / BUNDLE_IN_PACKAGE
        if path.is_file():
            return path
    return None


def _field(name: str, label: str, kind: str = "text", value: str = "", hint: str = "") -> str:
    control = (f'<textarea name="{name}" rows="2" aria-describedby="aup-problem-{name}"></textarea>' if kind == "textarea" else
               f'<input type="{kind}" name="{name}" value="{html.escape(value)}" autocomplete="off" '
               f'aria-describedby="aup-problem-{name}">')
    note = f' <small>{html.escape(hint)}</small>' if hint else ""
    return (f'<label>{html.escape(label)}{note} {control}'
            f'<span class="aup-field-problem" id="aup-problem-{name}" data-problem-for="{name}" aria-live="polite"></span></label>')


def builder_page(docx_available: bool) -> str:
    """The builder page: the workspace's containers and controls (filled in by the scripts)."""
    people = "\n".join(_field(f"people.{key}", label) for key, label in PEOPLE)
    scripts = ([f"../{DOCX_BUNDLE}"] if docx_available else []) + [f"../{s}" for s in BUILDER_SCRIPTS]
    tags = "\n".join(f'<script src="{src}" defer></script>' for src in scripts)
    word = ('<button type="button" id="aup-download-word" class="md-button md-button--primary">Download Word (.docx)</button>'
            if docx_available else f'<p class="aup-docx-missing" id="aup-docx-missing">{HOW_TO_GET_WORD}</p>')
    return f"""---
search:
  exclude: true
hide:
  - navigation
  - toc
---
# Build your own policy

{GENERATED_NOTE}
Choose rules from any topic page (**Add to my policy**) or find them below, add your own wording, put the
sections in order, and fill in your school's names and dates. Then download the policy as Word, print it (or
save it as PDF), or download its **recipe** for `aup tailor`. Everything stays in this browser: nothing you
type leaves the page, and it is still here when you come back.

<link rel="stylesheet" href="../{BUILDER_STYLE}">
<div id="aup-builder" class="aup-builder" data-clauses="clauses.json" data-schema="recipe.schema.json" markdown="0">
<div class="aup-builder-start">
<label>Start from <select id="aup-start"><option value="">the starter: the rules most schools share</option></select></label>
<button type="button" id="aup-start-go" class="md-button">Start from this</button>
<label class="aup-load">Load a recipe (YAML or JSON) <input type="file" id="aup-load" accept=".yaml,.yml,.json,application/json,text/yaml"></label>
<button type="button" id="aup-clear" class="md-button">Empty the policy</button>
<p id="aup-start-status" class="aup-start-status" role="status" aria-live="polite"></p>
</div>
<form id="aup-builder-form" class="aup-builder-form" autocomplete="off">
<fieldset class="aup-builder-school">
<legend>School and dates</legend>
{_field("school.name", "School name")}
{_field("school.address", "Address", "textarea")}
{_field("title", "Policy title", value="Acceptable Use Policy")}
{_field("version", "Version", value="1.0")}
{_field("adopted", "Adopted by the governors", "date")}
{_field("review_due", "Review due", "date")}
</fieldset>
<fieldset class="aup-builder-people">
<legend>People</legend>
{people}
</fieldset>
</form>
<div class="aup-builder-work">
<section class="aup-builder-policy" aria-labelledby="aup-policy-heading">
<h2 id="aup-policy-heading">My policy <span id="aup-builder-count" class="aup-builder-count"></span></h2>
<ol id="aup-sections" class="aup-sections"></ol>
<p class="aup-add-section"><label>Add a section <select id="aup-section-topic"></select></label>
<button type="button" id="aup-section-add" class="md-button">Add section</button></p>
</section>
<section class="aup-builder-find" aria-labelledby="aup-find-heading">
<h2 id="aup-find-heading">Find clauses</h2>
<label class="aup-search-label">Search every topic <input type="search" id="aup-search" placeholder="e.g. password, photographs, mobile phone" autocomplete="off"></label>
<p id="aup-search-count" class="aup-search-count" role="status" aria-live="polite"></p>
<ul id="aup-search-results" class="aup-results"></ul>
<div id="aup-builder-topics" class="aup-builder-topics"></div>
</section>
</div>
<form id="aup-builder-more" class="aup-builder-form" autocomplete="off">
<fieldset class="aup-builder-names" id="aup-builder-names">
<legend>Names in the chosen clauses</legend>
<p class="aup-builder-hint">Clauses borrowed from another school may name its people and bodies. Replace each with
your own: a role in braces such as <code>{{network_manager}}</code>, or your own wording.</p>
<div id="aup-builder-name-list"></div>
</fieldset>
<fieldset class="aup-builder-declaration">
<legend>Declaration</legend>
<textarea name="declaration" rows="3" aria-label="Declaration wording"></textarea>
</fieldset>
</form>
<section class="aup-builder-finish" aria-labelledby="aup-finish-heading">
<h2 id="aup-finish-heading">Check and download</h2>
<p id="aup-complete" class="aup-complete" role="status" aria-live="polite"></p>
<ul id="aup-problems" class="aup-problems"></ul>
<p class="aup-builder-actions">
{word}
<button type="button" id="aup-download-recipe" class="md-button">Download recipe (YAML)</button>
<button type="button" id="aup-download-markdown" class="md-button">Download Markdown</button>
<a id="aup-print-view" class="md-button" href="print.html#policy" target="_blank" rel="noopener">Print view (save as PDF)</a>
</p>
<details class="aup-roster"><summary>Declaration sheets for your staff</summary>
<p>One blank sheet, or one per person: paste your roster (CSV with the columns <code>name</code>, <code>designation</code>
and optionally <code>email</code>, <code>role</code>).</p>
<textarea id="aup-roster" rows="5" aria-label="Roster CSV" placeholder="name,designation&#10;Sam Okafor,Staff"></textarea>
<label class="aup-load">or upload the CSV file <input type="file" id="aup-roster-file" accept=".csv,text/csv"></label>
<ul id="aup-roster-problems" class="aup-problems"></ul>
<a id="aup-print-sheets" class="md-button" href="print.html#declarations" target="_blank" rel="noopener">Print declaration sheets</a>
<a id="aup-print-roster" class="md-button" href="print.html#roster" target="_blank" rel="noopener">Print a signature roster</a>
</details>
<h3>Preview</h3>
<pre id="aup-builder-preview" class="aup-builder-preview" tabindex="0" role="region" aria-label="Preview of the policy"></pre>
</section>
</div>

{tags}
"""


def print_page() -> str:
    """The print view: a standalone A4 page the print script fills in from the workspace (no theme, no inline script)."""
    scripts = [f"{ASSETS_DIR}/dom.js", BUILDER_STORE, *(s for s in BUILDER_SCRIPTS if s.endswith(("rules.js", "roster.js", "policy.js"))),
               BUILDER_PRINT_SCRIPT, PRINT_SCRIPT]
    tags = "\n".join(f'<script src="../{s}" defer></script>' for s in scripts)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="AUP Atlas">
<link rel="icon" href="data:,">
<title>Print view: my policy</title>
<link rel="stylesheet" href="../{BUILDER_PRINT_STYLE}">
</head>
<body>
<nav class="toolbar">
<button type="button" data-aup-print>Print / Save as PDF</button>
<a href="./">Back to the builder</a>
<span>A4, page numbers at the foot; choose "Save as PDF" as the printer for a PDF.</span>
</nav>
<main id="aup-print" data-clauses="clauses.json"><p>Loading the policy...</p></main>
{tags}
</body>
</html>
"""


def plan_builder_pages(documents: list[Document], families: list[Family] | tuple[Family, ...],
                       topics: list[Topic] | tuple[Topic, ...],
                       versions: dict[str, int] | None = None) -> dict[str, str | bytes]:
    """The builder's pages, clause data, schema, scripts and styles (and the docx bundle when installed), by path."""
    data = builder_data(documents, families, topics, versions)
    assets = resources.files("generator.site") / "assets"
    bundle = find_docx_bundle()
    if bundle is None:
        log.warning("the docx package is not installed (run `npm ci`): the builder offers no Word download")
    pages: dict[str, str | bytes] = {
        BUILDER_PAGE: builder_page(bundle is not None), BUILDER_PRINT_PAGE: print_page(),
        BUILDER_DATA: json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        BUILDER_SCHEMA: SCHEMA_PATH.read_bytes()}
    for path in (*BUILDER_SCRIPTS, BUILDER_STYLE, BUILDER_PRINT_SCRIPT, BUILDER_PRINT_STYLE):
        pages[path] = (assets / Path(path).relative_to(ASSETS_DIR).as_posix()).read_bytes()
    if bundle is not None:
        pages[DOCX_BUNDLE] = bundle.read_bytes()
    return pages
