"""The site's search: a Pagefind index of the built site, made after mkdocs as a step of its own.

Pagefind (PyPI ``pagefind[bin]``, which ships its binary) reads the built HTML and writes a chunked index
under ``site/pagefind/``: a visitor's browser loads only the chunks for the words it searches, so what one
search downloads stays small at thousands of policies (the theme's lunr index, which every visitor had to
download whole, is not built: mkdocs.yml lists no ``search`` plugin, and the build refuses one).

What is indexed is decided by the page markup, not here:

- the root of each page is the theme's content ``<article>`` (:data:`ROOT_SELECTOR`), so the header,
  navigation, footer and sidebars (the site chrome) are never indexed. A root selector rather than
  ``data-pagefind-body``: once one page carries that attribute Pagefind drops every page without it, and
  the hand-written guide pages cannot carry it. Pages without the theme's article (printable declaration
  sheets, downloadable sources) are not indexed;
- generated pages mark with ``data-pagefind-ignore`` whatever repeats a clause another page holds (topic
  rows, the coverage matrix, the review table, lead-ins repeated before an item), so each clause is
  indexed once, on its document's page, and a topic page is found by its title and definition;
- a document page lists its school, topics, audiences and forces once each as ``data-pagefind-filter``
  values (:func:`search_filters_html`), which the search box offers as filters.

Pagefind holds every page it indexes until it writes the index (about 0.6 MB a policy page, so ~620 MB at
1,000 policies), so a site with more than :data:`DOCUMENTS_PER_PART` policy pages is indexed in parts
(:func:`split_pages`): the first part (the site's pages other than the policies, and its share of those) into
``pagefind/``, each further share into ``pagefind/part-<n>/``, one Pagefind run at a time, and
``pagefind/parts.json`` lists the further parts. Policies are dealt to the parts in turn, so each part holds
a like mix of them and the parts' word statistics (which rank the results) stay alike.

The search box is ``assets/aup/search.js``: it takes the theme's search place in the header and loads
``pagefind/pagefind.js`` on first use, merging the further parts into it with Pagefind's ``mergeIndex``
(they share its WebAssembly; each adds only its own word chunks, filters and page list). Pagefind runs WebAssembly, which the Content-Security-Policy allows
with exactly ``'wasm-unsafe-eval'`` (see :mod:`.csp`).
"""
from __future__ import annotations

import json
import logging
import math
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..markdown import esc

log = logging.getLogger(__name__)

#: Where the index and Pagefind's script go in the built site.
BUNDLE_DIR = "pagefind"
#: The element of each page Pagefind reads: Material's content article.
ROOT_SELECTOR = "article.md-content__inner"
#: What is never indexed even inside the root: the theme's permalink marks (a heading's "¶").
EXCLUDE_SELECTORS = (".headerlink",)
#: The filters a document page carries, in the order the search box shows them.
FILTERS = ("school", "topic", "audience", "force")
#: Pagefind's own ready-made search interfaces, which the site does not load (its box is assets/aup/search.js).
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
#: Policy pages one Pagefind run indexes at most (each holds ~0.6 MB of Pagefind's memory until it writes).
DOCUMENTS_PER_PART = 500
#: A policy's page, as the site writes it.
DOCUMENT_PAGE = re.compile(r"documents/[^/]+/index\.html")
#: In the first part's folder: the further parts' folders (relative to it), for the search box to merge.
PARTS_FILE = "parts.json"
#: What a further part does not need: the search box loads Pagefind's script and WebAssembly from the first.
PART_UNUSED_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.unknown.pagefind")
#: The plugin names of the theme's lunr search, which must not be configured.
LUNR_PLUGINS = ("search", "material/search")


@dataclass
class SearchIndex:
    """What indexing a built site made."""

    folder: Path
    seconds: float
    files: int
    bytes: int
    #: Pagefind's own peak memory (its largest run's VmHWM, sampled every 50 ms), MB: it holds every page it indexes until it writes.
    peak_mb: float = 0.0
    #: How many Pagefind indexes (parts) the search box merges.
    parts: int = 1


def search_filters_html(values: dict[str, list[str]]) -> str:
    """A hidden element giving Pagefind one page's filter values (each once, escaped); "" when there are none."""
    spans = "".join(f'<span data-pagefind-filter="{esc(name)}">{esc(value)}</span>'
                    for name in FILTERS for value in dict.fromkeys(v for v in values.get(name, []) if v.strip()))
    return f'<div class="aup-search-filters" hidden data-pagefind-ignore markdown="0">{spans}</div>\n' if spans else ""


def check_no_lunr(settings: dict[str, Any], config: Path) -> None:
    """Refuse a configuration that would build the theme's lunr index (mkdocs adds ``search`` when no plugins are listed)."""
    plugins = settings.get("plugins", None)
    names = ["search"] if plugins is None else [next(iter(p)) if isinstance(p, dict) and p else p for p in plugins or []]
    found = [n for n in names if n in LUNR_PLUGINS]
    if found:
        what = "lists no plugins, so mkdocs adds its `search` plugin" if plugins is None else f"lists the `{found[0]}` plugin"
        raise ConfigError(f"mkdocs.yml {what}, which builds the old lunr search index; the site's search is Pagefind, "
                          "made by `aup build`. Write `plugins: []` (or list your plugins without `search`), and add "
                          "`assets/aup/search.js` to `extra_javascript`", config)


def pagefind_executable() -> Path:
    """The Pagefind binary that ``pagefind[bin]`` installs."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise ConfigError("Pagefind is not installed, and `aup build` makes the site's search index with it; "
                          "run `pip install 'pagefind[bin]'`") from None
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise ConfigError(f"the Pagefind binary is missing ({exc}); reinstall it with `pip install --force-reinstall 'pagefind[bin]'`") from None


def split_pages(site_dir: Path, per_part: int | None = None) -> list[list[str]]:
    """The site's HTML pages (relative paths) in Pagefind runs: one run unless there are more than ``per_part`` policy pages.

    The first run takes every page that is not a policy's; the policies (sorted by path) are dealt to the runs
    in turn, so each run indexes a like mix of them.
    """
    per_part = per_part or DOCUMENTS_PER_PART
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    documents = [p for p in pages if DOCUMENT_PAGE.fullmatch(p)]
    count = max(1, math.ceil(len(documents) / per_part))
    if count == 1:
        return [pages]
    parts: list[list[str]] = [[p for p in pages if not DOCUMENT_PAGE.fullmatch(p)]] + [[] for _ in range(count - 1)]
    for number, page in enumerate(documents):
        parts[number % count].append(page)
    return parts


def _run_pagefind(site: Path, output: Path) -> float:
    """One Pagefind run over ``site`` into ``output``; its peak memory (MB)."""
    cmd = [str(pagefind_executable()), "--site", str(site), "--output-path", str(output),
           "--root-selector", ROOT_SELECTOR, "--silent"]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    peak = 0
    with tempfile.TemporaryFile() as said_file:
        proc = subprocess.Popen(cmd, stdout=said_file, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            peak = max(peak, _high_water_kb(proc.pid))
            time.sleep(0.05)
        if proc.returncode:
            said_file.seek(0)
            said = said_file.read().decode("utf-8", errors="replace").strip()[-2000:]
            raise ConfigError(f"Pagefind failed to index the site (exit {proc.returncode}): {said}", site)
    return peak / 1024


def _high_water_kb(pid: int) -> int:
    """A running process's peak memory so far (VmHWM, kB; 0 where /proc does not say).

    Read from /proc rather than the rusage of its exit, which counts the memory of the (forked) Python process
    it was started from: a Pagefind run started from a 470 MB build reported 470 MB however little it used."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            return next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
    except (OSError, ValueError, IndexError):
        return 0


def _linked_copy(site_dir: Path, pages: list[str]) -> Path:
    """A folder beside ``site_dir`` holding just ``pages`` at their paths (hard links, else copies), for one part's run."""
    folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.search-", dir=site_dir.parent))
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / page, target)
        except OSError:
            shutil.copyfile(site_dir / page, target)
    return folder


def index_site(site_dir: Path, per_part: int | None = None) -> SearchIndex:
    """Run Pagefind over a built site: its index and script in ``site_dir/pagefind/`` (in parts past
    ``per_part`` policy pages, :func:`split_pages`); Pagefind's unused interfaces removed."""
    site_dir = Path(site_dir)
    start = time.perf_counter()
    folder = site_dir / BUNDLE_DIR
    parts = split_pages(site_dir, per_part)
    peak = 0.0
    further: list[str] = []
    if len(parts) == 1:
        peak = _run_pagefind(site_dir, folder)
    for number, pages in enumerate(parts if len(parts) > 1 else []):
        name = f"part-{number + 1}/" if number else ""
        copy = _linked_copy(site_dir, pages)
        try:
            peak = max(peak, _run_pagefind(copy, folder / name))
        finally:
            shutil.rmtree(copy, ignore_errors=True)
        if name:
            further.append(name)
            for unused in PART_UNUSED_FILES + UNUSED_BUNDLE_FILES:
                (folder / name / unused).unlink(missing_ok=True)
    (folder / PARTS_FILE).write_text(json.dumps(further) + "\n", encoding="utf-8")
    for name in UNUSED_BUNDLE_FILES:
        (folder / name).unlink(missing_ok=True)
    files = [p for p in folder.rglob("*") if p.is_file()]
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in files)
    log.info("search index: %d part(s), %d files, %.1f MB, %.1f s, Pagefind's peak memory %.0f MB",
             len(parts), len(files), size / 1e6, seconds, peak)
    return SearchIndex(folder, seconds, len(files), size, peak, len(parts))
