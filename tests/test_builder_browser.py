"""The builder page in headless Chromium: tick clauses, fill in the school, download a recipe that `aup tailor` builds.

Debian's /usr/bin/chromium driven by Playwright (never `playwright install`); the site is served from a
temporary folder on 127.0.0.1.
"""
from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
from test_tailor_support import HOSTILE, corpus_copy

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(os.environ.get("AUP_SCREENSHOT_DIR", "/tmp/aup-screenshots"))

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (scripts/setup.sh)")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


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
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(project / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A fresh page that fails the test on console errors or any dialog (an alert would mean script ran)."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
        pg = context.new_page()
        problems: list[str] = []
        pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        yield pg
        context.close()
        browser.close()
        assert problems == []


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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "builder.png"), full_page=False)
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
