"""mkdocs' own build with its pages shared between two processes (the machine's two cores).

A bare ``mkdocs build`` reads, converts and renders every page one after the other on one core; at a
thousand policies that is most of ``aup build``. :func:`build_in_two` does what
``mkdocs.commands.build.build`` does, in the same order, except that after the files and the navigation are
gathered, a forked child (:func:`.parallel.in_two`) converts and renders part of the pages while this
process does the rest, copies the static files and renders the theme's own pages (404, sitemap). Both
processes read the pages in the navigation first, since every page shows their titles: the child converts
only those whose title is not given in mkdocs.yml (the home page and the indexes are big, and titled there). A page is the
same function of the same inputs in either process, so the site is the same bytes as one process gives
(a test compares with ``AUP_JOBS=1``).

The split is used only where it cannot change the result: no plugins (a plugin's events may gather over
all pages), and anchor links not validated at warning level (that needs every page's anchors in one
process). Otherwise, and without a second core, it is mkdocs' plain ``build``.
"""
from __future__ import annotations

import logging
from typing import Any

from ..errors import ConfigError
from .parallel import can_fork, in_two

log = logging.getLogger(__name__)

#: Of every nine pages outside the navigation, the child renders five: this process also copies the static
#: files and renders the navigation pages and the theme's own.
CHILD_SHARE = 5


def _splittable(config: Any) -> bool:
    return can_fork() and len(config.plugins) == 0 and config.validation.links.anchors < logging.WARNING


def build_in_two(config: Any) -> None:
    """``mkdocs.commands.build.build(config)``, its pages converted and rendered on two cores (see the module)."""
    from mkdocs import utils
    from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, build
    from mkdocs.exceptions import Abort, MkDocsException
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    if not _splittable(config):
        build(config)
        return
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    if config.strict:
        mkdocs_log.addHandler(counter)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        env = config.plugins.on_env(env, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        in_nav = {id(page.file) for page in nav.pages}
        shared = [f for f in doc_files if id(f) in in_nav]
        rest = [f for f in doc_files if id(f) not in in_nav]
        theirs = [f for i, f in enumerate(rest) if i % 9 < CHILD_SHARE]
        ours = [f for i, f in enumerate(rest) if i % 9 >= CHILD_SHARE]

        def render(part: list[Any], with_shared: bool) -> list[tuple[str, int]]:
            from mkdocs.commands.build import _populate_page

            for file in shared:
                if with_shared or file.page.__dict__.get("title") is None:
                    _populate_page(file.page, config, files)
                else:  # titled in mkdocs.yml: the other pages need only its front matter, not its (large) content
                    file.page.read_source(config)
            for file in part:
                _populate_page(file.page, config, files)
            for file in (shared if with_shared else []) + part:
                _build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
            return counter.get_counts()

        def child() -> list[tuple[str, int]]:
            counter.counts.clear()  # count only what this process logs
            try:
                return render(theirs, with_shared=False)
            except MkDocsException as exc:  # back in the parent as itself would lose its kind: say it
                raise ConfigError(f"mkdocs build failed: {exc}", config.config_file_path or "") from None

        def here() -> list[tuple[str, int]]:
            files.copy_static_files(inclusion=InclusionLevel.is_included)
            counts = render(ours, with_shared=True)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
            return counts

        theirs_counts, our_counts = in_two(child, here)
        config.plugins.on_post_build(config=config)
        totals: dict[str, int] = {}
        for level, n in [*theirs_counts, *our_counts]:
            totals[level] = totals.get(level, 0) + n
        if totals:
            raise Abort("Aborted with " + ", ".join(f"{n} {level.lower()}s" for level, n in totals.items()) + " in strict mode!")
    finally:
        mkdocs_log.removeHandler(counter)
