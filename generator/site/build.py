"""``aup build``: corpus -> generated Markdown under docs/ -> ``mkdocs build --strict`` -> site/.

The generator writes plain Markdown into generated folders under docs/ (write-if-changed, stale pages
pruned); it never writes from inside an mkdocs event, and hand-written pages are never touched: the home
page (docs/index.md) is generated, and the build refuses to replace an index.md it did not write.
"""
from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus import load_corpus
from ..errors import ConfigError
from ..writer import write_atomic
from .csp import apply_csp_to_site
from .data import SiteData, load_site_data
from .documents import GENERATED_NOTE, forget_lead_ins
from .pages import page_owners, plan_document_pages, plan_pages, plan_shared_pages
from .parallel import can_fork, in_two
from .paths import ASSETS, ASSETS_DIR, GENERATED_DIRS, HOME_PAGE
from .render import build_in_two
from .search import SearchIndex, check_no_lunr, index_site

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """What a build wrote."""

    written: int
    unchanged: int
    removed: int
    site_dir: Path | None = None
    search: SearchIndex | None = None


def read_config(config: Path) -> dict[str, Any]:
    """The mkdocs.yml as plain data (tags such as ``!!python/name`` are read as None, never resolved)."""
    import yaml

    try:
        text = Path(config).read_text(encoding="utf-8")
    except OSError:
        raise ConfigError("cannot read the mkdocs configuration; run `aup new DIR` for a fresh project", config) from None

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(text, Loader=_Loader) or {}
    return data if isinstance(data, dict) else {}


def check_assets_listed(settings: dict[str, Any], config: Path) -> None:
    """Refuse a configuration that leaves out the site's stylesheet or scripts, or loads dom.js after its users.

    The generated pages rely on them (filters, compare, search, "add to my policy"); an mkdocs.yml made
    before ``dom.js`` existed would otherwise give a site whose scripts fail in the browser.
    """
    def paths(key: str) -> list[str]:
        return [str(e.get("path", "")) if isinstance(e, dict) else str(e) for e in settings.get(key) or []]

    wanted = [f"{ASSETS_DIR}/{name}" for name in ASSETS]
    listed = {".css": paths("extra_css"), ".js": paths("extra_javascript")}
    scripts = [w for w in wanted if w.endswith(".js")]
    missing = [w for w in wanted if w not in listed[Path(w).suffix]]
    order = [listed[".js"].index(w) for w in scripts if w not in missing]
    if missing or order != sorted(order):
        raise ConfigError(f"mkdocs.yml does not load {', '.join(missing) or 'the site scripts in order'}, which the "
                          f"generated pages need; expected extra_css: [{wanted[0]}] and extra_javascript: "
                          f"[{', '.join(scripts)}] in that order (as `aup new` writes them)", config)


def _hand_written(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8")[:500]
    except (OSError, UnicodeDecodeError):
        return path.exists()
    return GENERATED_NOTE.strip() not in head


def _check_home(docs_dir: Path) -> None:
    home = docs_dir / HOME_PAGE
    if home.exists() and _hand_written(home):
        raise ConfigError(f"{home} is hand-written, and `aup build` generates the home page there; move its text "
                          "to another page (e.g. docs/guide/index.md) and delete it", home)


def _write_all(docs_dir: Path, pages: dict[str, str | bytes]) -> tuple[int, int]:
    """Write pages under docs/ if changed; returns (written, unchanged)."""
    written = unchanged = 0
    root = docs_dir.resolve()
    for rel, content in sorted(pages.items()):
        target = (docs_dir / rel).resolve()
        if root not in target.parents:
            raise ConfigError(f"page path {rel!r} would be written outside {docs_dir}", rel)
        if write_atomic(target, content, sync=False):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


def _prune(docs_dir: Path, rels: Iterable[str]) -> int:
    """Remove generated files no page was planned for (and folders left empty); returns how many files."""
    removed = 0
    rels = set(rels)
    wanted: set[Path] | None = None  # resolved, made only for a file not planned under its own name

    def planned(path: Path) -> bool:
        nonlocal wanted
        if path.relative_to(docs_dir).as_posix() in rels:  # the very path a page was written to
            return True
        if wanted is None:
            wanted = {(docs_dir / rel).resolve() for rel in rels}
        return path.resolve() in wanted

    for folder in GENERATED_DIRS:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_file() and not planned(path):
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return removed


def write_pages(docs_dir: Path, pages: dict[str, str | bytes]) -> tuple[int, int, int]:
    """Write pages under docs/ if changed and prune stale generated pages; returns (written, unchanged, removed)."""
    if HOME_PAGE in pages:
        _check_home(docs_dir)
    written, unchanged = _write_all(docs_dir, pages)
    return written, unchanged, _prune(docs_dir, pages)


def _plan_and_write(docs_dir: Path, corpus: Path, data: SiteData) -> tuple[int, int, int]:
    """Plan every page and write it (as ``write_pages(docs_dir, plan_pages(data, corpus))``), on two cores.

    A forked child plans and writes most documents' pages while this process plans and writes the shared
    pages (home, topics, builder, ...) and the other documents'. Each page is the same function of the same
    data either way. Before anything is written, every path is claimed once (:func:`.paths.claim_pages`):
    two pages on one path stop the build with both named.
    """
    documents = data.documents
    if not can_fork() or len(documents) < 2:
        return write_pages(docs_dir, plan_pages(data, corpus))
    page_owners(data)
    _check_home(docs_dir)
    # the shared pages (builder, topics, coverage, ...) take about two fifths of the time at 1000 policies: the
    # child takes eighteen documents in twenty (measured: the two finish together)
    theirs = [doc for i, doc in enumerate(documents) if i % 20 < 18]
    ours = [doc for i, doc in enumerate(documents) if i % 20 >= 18]

    def child() -> tuple[int, int, list[str]]:
        pages = plan_document_pages(data, corpus, theirs)
        return (*_write_all(docs_dir, pages), list(pages))

    def here() -> tuple[int, int, list[str]]:
        pages = plan_shared_pages(data)
        pages.update(plan_document_pages(data, corpus, ours))
        return (*_write_all(docs_dir, pages), list(pages))

    (w1, u1, rels1), (w2, u2, rels2) = in_two(child, here)
    return w1 + w2, u1 + u2, _prune(docs_dir, rels1 + rels2)


def generate(corpus: Path, config: Path, data: SiteData | None = None) -> BuildResult:
    """Write the generated Markdown for the corpus under the docs folder (``data`` overrides what is loaded).

    The corpus files are parsed but not validated against the JSON Schema here: ``aup ingest`` and
    ``aup tag`` write only valid files and ``aup check`` validates them; a file that is not a corpus document
    at all still stops the build with its name. The cyclic garbage collector is paused meanwhile: pages are
    built from the loaded corpus (hundreds of thousands of objects, no cycles), and a collector pass would
    rescan all of them again and again.
    """
    settings = read_config(config)
    docs_dir = Path(config).parent / settings.get("docs_dir", "docs")
    paused = gc.isenabled()
    gc.disable()
    try:
        if data is None:
            data = load_site_data(Path(corpus), load_corpus(Path(corpus), validate=False, cache=True),
                                  bool(settings.get("use_directory_urls", True)))
        written, unchanged, removed = _plan_and_write(docs_dir, Path(corpus), data)
    finally:
        forget_lead_ins()  # the corpus is not needed while mkdocs runs
        if paused:
            gc.enable()
    return BuildResult(written, unchanged, removed)


def run_mkdocs(config: Path, search: bool = True) -> tuple[Path, SearchIndex | None]:
    """``mkdocs build --strict`` into a fresh folder, the CSP pass, then (``search``) the Pagefind index as a step of
    its own; then swap the folder in: an interrupted build leaves the old site. Returns the site and its index."""
    import shutil
    import tempfile

    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(config_file=str(config), strict=True)
    except MkDocsException as exc:
        raise ConfigError(f"mkdocs configuration is invalid: {exc}", config) from None
    settings = read_config(config)
    check_no_lunr(settings, config)
    check_assets_listed(settings, config)
    site_dir = Path(cfg["site_dir"])
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        cfg["site_dir"] = str(staging)
        try:
            build_in_two(cfg)
        except MkDocsException as exc:
            raise ConfigError(f"mkdocs build failed: {exc}", config) from None
        apply_csp_to_site(staging)
        index = index_site(staging) if search else None
        if index is not None:
            index.folder = site_dir / index.folder.name
        old = None
        if site_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
            old.rmdir()
            site_dir.rename(old)
        staging.rename(site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return site_dir, index


def build_site(corpus: Path, config: Path, run_mkdocs_build: bool = True, data: SiteData | None = None) -> BuildResult:
    """Generate the Markdown, then run ``mkdocs build --strict``."""
    result = generate(corpus, config, data)
    if run_mkdocs_build:
        result.site_dir, result.search = run_mkdocs(config)
    return result


def _corpus_stamp(corpus: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted(p for p in Path(corpus).rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def _regenerate_on_change(corpus: Path, config: Path, stop: threading.Event, interval: float = 1.0) -> None:
    """Poll the corpus and regenerate docs/ when it changes; mkdocs' own watcher then reloads the browser."""
    stamp = _corpus_stamp(corpus)
    while not stop.wait(interval):
        now = _corpus_stamp(corpus)
        if now != stamp:
            stamp = now
            try:
                generate(corpus, config)
            except Exception as exc:  # keep serving the last good pages
                log.error("regenerating the site failed: %s", exc)


def serve_site(corpus: Path, config: Path, dev_addr: str) -> None:
    """Generate the Markdown, then run ``mkdocs serve`` with live reload (corpus changes regenerate docs/)."""
    generate(corpus, config)
    from mkdocs.commands.serve import serve

    stop = threading.Event()
    watcher = threading.Thread(target=_regenerate_on_change, args=(corpus, config, stop), daemon=True)
    watcher.start()
    try:
        serve(config_file=str(config), dev_addr=dev_addr, livereload=True)
    finally:
        stop.set()
