"""The "Tags to check" page in headless Chromium: least sure clauses first, each with a working override line."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import chromium, needs_chromium, screenshot, serve, watched_page
from test_site_support import make_project

from generator.tagging.overrides import parse_overrides

PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }}"

pytest.importorskip("playwright.sync_api")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site of a 6-document tagged corpus with a hostile clause, served on 127.0.0.1."""
    from generator.site.build import build_site

    corpus, config = make_project(tmp_path_factory.mktemp("review"), 6, PAYLOAD)
    result = build_site(corpus, config)
    with serve(result.site_dir) as url:
        yield url


@pytest.fixture
def page() -> Iterator[Any]:
    with chromium() as browser, watched_page(browser, viewport={"width": 1400, "height": 1000}) as pg:
        yield pg


def test_tags_to_check_lists_the_least_sure_clauses_first_with_override_lines_that_parse(site: str, page: Any) -> None:
    page.goto(site + "topics/")
    page.get_by_role("link", name="Tags to check").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().startswith("Tags to check")
    rows = page.locator("table.aup-review tbody tr")
    assert rows.count() > 0
    confidences = [float(v) for v in rows.evaluate_all("rs => rs.map(r => r.dataset.confidence)")]
    assert confidences == sorted(confidences) and all(0 <= c < 0.5 for c in confidences)
    screenshot(page, "review")
    line = rows.first.locator("code.aup-override").inner_text()
    (override,) = parse_overrides("overrides:\n" + line + "\n", Path("overrides.yaml"))
    link = rows.first.locator("td").nth(1).locator("a").get_attribute("href")
    assert link.endswith(f"#c-{override.clause}") and f"/{override.document}/" in link
    assert override.add  # the line confirms the clause's topics as they are
    page.goto(site + "review/" + link)
    assert page.locator(f"#c-{override.clause}").count() == 1
    assert page.locator('img[src="x"]').count() == 0
