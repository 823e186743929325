"""The builder page in headless Chromium: tick clauses, fill in the school, download a recipe that `aup tailor` builds.

Debian's /usr/bin/chromium driven by Playwright (never `playwright install`); the site is served from a
temporary folder on 127.0.0.1.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import chromium, needs_chromium, screenshot, serve, watched_page
from test_tailor_support import HOSTILE, corpus_copy

pytest.importorskip("playwright.sync_api")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the shipped corpus (one clause hostile), its site built."""
    from generator.project import new_project
    from generator.site.build import build_site

    root = tmp_path_factory.mktemp("builder-site")
    new_project(root)
    shutil.rmtree(root / "corpus")
    corpus = corpus_copy(root, hostile=True)
    build_site(corpus, root / "mkdocs.yml")
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 from its own folder."""
    with serve(project / "site") as url:
        yield url


@pytest.fixture
def page() -> Iterator[Any]:
    """A fresh page that fails the test on console errors or any dialog (an alert would mean script ran)."""
    with chromium() as browser, watched_page(browser, viewport={"width": 1300, "height": 1000},
                                             accept_downloads=True) as pg:
        yield pg


def tick(pg: Any, ref: str) -> None:
    """Open the clause's topic and tick it."""
    box = pg.locator(f'input[type="checkbox"][value="{ref}"]')
    topic = box.get_attribute("data-topic")
    details = pg.locator(f'details[data-topic="{topic}"]')
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    box.check()


def test_a_recipe_downloaded_from_the_builder_builds_with_aup_tailor(site: str, page: Any, project: Path,
                                                                      tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    page.goto(site + "builder/")
    page.wait_for_selector("details.aup-builder-topic")
    page.fill('input[name="school.name"]', "Oakfield Primary School")
    page.fill('textarea[name="school.address"]', "12 Oak Lane")
    page.fill('input[name="adopted"]', "2025-09-01")
    page.fill('input[name="review_due"]', "2026-09-01")
    page.fill('input[name="people.headteacher"]', "Mrs Priya Shah")
    page.fill('input[name="people.network_manager"]', "Sam Okafor")
    page.fill('input[name="people.chair_of_governors"]', "Dr Alan Hughes")
    refs = ["sefton-staff-governors-visitors#9fe3f930", "malmesbury-park-primary#e9c034b1",
            "sefton-staff-governors-visitors#691eea65"]
    for ref in refs:
        tick(page, ref)
    family = page.locator("input[data-family]").first  # the family most schools share
    tick(page, family.get_attribute("value"))
    name = page.locator('#aup-builder-name-list input[data-name="Alistair West"]')
    assert name.input_value() == "{network_manager}"
    preview = page.locator("#aup-builder-preview").text_content()
    assert "network manager, Sam Okafor" in preview and "Alistair West" not in preview
    assert HOSTILE in preview  # hostile text shown literally: not run, not filled in
    assert page.locator("#aup-builder-count").text_content() == "4 clauses chosen"
    screenshot(page, "builder")
    with page.expect_download() as info:
        page.click("#aup-download-recipe")
    recipe = tmp_path / "recipe.yaml"
    info.value.save_as(recipe)
    with page.expect_download() as info:
        page.click("#aup-download-markdown")
    markdown = tmp_path / "preview.md"
    info.value.save_as(markdown)
    assert "# Acceptable Use Policy" in markdown.read_text() and "Sam Okafor" in markdown.read_text()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["tailor", str(recipe), "--corpus", str(project / "corpus"), "--out", str(out)])
    assert result.exit_code == 0, result.output + recipe.read_text()
    built = (out / "oakfield-primary-school-aup.md").read_text()
    assert "network manager, Sam Okafor" in built and "7\\*7" in built
    assert f"family: \"{family.get_attribute('data-family')}\"" in recipe.read_text()
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html", ".md", ".pdf"]


def test_the_declaration_pages_print_button_calls_print_under_the_sites_csp(site: str, page: Any) -> None:
    page.add_init_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    page.goto(site + "declarations/sefton-staff-governors-visitors.html")
    assert "script-src 'self'" in page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    page.click("button[data-aup-print]")
    page.wait_for_function("window.__printed === 1")
