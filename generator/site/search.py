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

The search box is ``assets/aup/search.js``: it takes the theme's search place in the header and loads
``pagefind/pagefind.js`` on first use. Pagefind runs WebAssembly, which the Content-Security-Policy allows
with exactly ``'wasm-unsafe-eval'`` (see :mod:`.csp`).
"""
from __future__ import annotations

import logging
import os
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
#: The plugin names of the theme's lunr search, which must not be configured.
LUNR_PLUGINS = ("search", "material/search")


@dataclass
class SearchIndex:
    """What indexing a built site made."""

    folder: Path
    seconds: float
    files: int
    bytes: int
    #: Pagefind's own peak memory (max RSS), MB: it holds every indexed page while it builds the index.
    peak_mb: float = 0.0


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


def index_site(site_dir: Path) -> SearchIndex:
    """Run Pagefind over a built site: its index and script in ``site_dir/pagefind/``; Pagefind's unused interfaces removed."""
    site_dir = Path(site_dir)
    start = time.perf_counter()
    cmd = [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
           "--root-selector", ROOT_SELECTOR, "--silent"]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    with tempfile.TemporaryFile() as output:
        proc = subprocess.Popen(cmd, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # wait4, not wait: its peak memory comes with it
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            output.seek(0)
            said = output.read().decode("utf-8", errors="replace").strip()[-2000:]
            raise ConfigError(f"Pagefind failed to index the site (exit {proc.returncode}): {said}", site_dir)
    folder = site_dir / BUNDLE_DIR
    for name in UNUSED_BUNDLE_FILES:
        (folder / name).unlink(missing_ok=True)
    files = [p for p in folder.rglob("*") if p.is_file()]
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in files)
    peak = usage.ru_maxrss / 1024
    log.info("search index: %d files, %.1f MB, %.1f s, Pagefind's peak memory %.0f MB", len(files), size / 1e6, seconds, peak)
    return SearchIndex(folder, seconds, len(files), size, peak)

