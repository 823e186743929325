"""``aup build``: corpus -> generated Markdown under docs/ -> ``mkdocs build --strict`` -> site/.

The generator writes plain Markdown into generated folders under docs/ (write-if-changed, stale pages
pruned); it never writes from inside an mkdocs event, and hand-written pages are never touched.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..corpus import load_corpus, write_atomic
from ..errors import ConfigError
from .pages import GENERATED_DIRS, plan_pages

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """What a build wrote."""

    written: int
    unchanged: int
    removed: int
    site_dir: Path | None = None


def docs_dir_of(config: Path) -> Path:
    """The docs folder an mkdocs.yml points at (``docs_dir``, default ``docs``)."""
    import yaml

    try:
        text = Path(config).read_text(encoding="utf-8")
    except OSError:
        raise ConfigError("cannot read the mkdocs configuration; run `aup new DIR` for a fresh project", config) from None

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use !!python/name tags (emoji extensions): read it without resolving them
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(text, Loader=_Loader) or {}
    return Path(config).parent / data.get("docs_dir", "docs")


def write_pages(docs_dir: Path, pages: dict[str, str | bytes]) -> tuple[int, int, int]:
    """Write pages under docs/ if changed and prune stale generated pages; returns (written, unchanged, removed)."""
    written = unchanged = removed = 0
    root = docs_dir.resolve()
    for rel, content in sorted(pages.items()):
        target = (docs_dir / rel).resolve()
        if root not in target.parents:
            raise ConfigError(f"page path {rel!r} would be written outside {docs_dir}", rel)
        if write_atomic(target, content):
            written += 1
        else:
            unchanged += 1
    wanted = {(docs_dir / rel).resolve() for rel in pages}
    for folder in GENERATED_DIRS:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, unchanged, removed


def generate(corpus: Path, config: Path) -> BuildResult:
    """Write the generated Markdown for the corpus under the docs folder."""
    documents = load_corpus(Path(corpus))
    docs_dir = docs_dir_of(config)
    pages = plan_pages(documents, Path(corpus))
    written, unchanged, removed = write_pages(docs_dir, pages)
    return BuildResult(written, unchanged, removed)


def build_site(corpus: Path, config: Path, run_mkdocs: bool = True) -> BuildResult:
    """Generate the Markdown, then run ``mkdocs build --strict``."""
    result = generate(corpus, config)
    if run_mkdocs:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        try:
            cfg = load_config(config_file=str(config), strict=True)
            build(cfg)
        except MkDocsException as exc:
            raise ConfigError(f"mkdocs build failed: {exc}", config) from None
        result.site_dir = Path(cfg["site_dir"])
    return result


def serve_site(corpus: Path, config: Path, dev_addr: str) -> None:
    """Generate the Markdown, then run ``mkdocs serve`` with live reload."""
    generate(corpus, config)
    from mkdocs.commands.serve import serve

    serve(config_file=str(config), dev_addr=dev_addr, livereload=True)
