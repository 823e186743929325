"""The site's search (Pagefind, made by `aup build`) in headless Chromium, under the site's Content-Security-Policy.

Debian's /usr/bin/chromium driven by Playwright (never `playwright install`). Every page fails its test on a
console error or a dialog (:func:`browser_support.watched_page`), and every request must go to the site itself.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from browser_support import needs_chromium, screenshot, serve, watched_page
from test_site_support import PAYLOAD, make_project

pytest.importorskip("playwright.sync_api")
pytestmark = needs_chromium

SANCTIONS = "Misuse of the school's systems will lead to sanctions under the behaviour policy."
FOUND: dict[str, Any] = {}  # what the fixture put where, for the tests to look for


@pytest.fixture(scope="module", params=[None, 3], ids=["one-index", "in-parts"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An 8-document site (one school name carries a hostile payload); two documents say "sanctions".

    Built twice: with one Pagefind index, and indexed in parts of at most 3 policies (as a big site is), which
    the search box merges: every test must pass on both."""
    from generator.corpus import load_corpus, save_document
    from generator.site.build import build_site

    root = tmp_path_factory.mktemp("search")
    corpus, config = make_project(root, 8, PAYLOAD)
    docs = load_corpus(corpus)
    for doc in (docs[1], docs[3]):
        clauses = list(doc.clauses)
        clauses[2] = replace(clauses[2], text=SANCTIONS)
        save_document(corpus, replace(doc, clauses=clauses))
    FOUND["sanctions"] = {docs[1].id, docs[3].id}
    FOUND["documents"] = [d.id for d in docs]
    with pytest.MonkeyPatch.context() as patch:
        if request.param:
            patch.setattr("generator.site.search.DOCUMENTS_PER_PART", request.param)
        result = build_site(corpus, config)
    assert result.search is not None and (result.site_dir / "pagefind" / "pagefind.js").is_file()
    FOUND["parts"] = result.search.parts
    assert FOUND["parts"] == (3 if request.param else 1)
    with serve(result.site_dir) as url:
        yield url


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    """A fresh page failing on console errors and dialogs; afterwards, no request may have left the site."""
    with watched_page(browser, viewport={"width": 1400, "height": 1000}) as pg:
        requests: list[str] = []
        pg.on("request", lambda r: requests.append(r.url))
        yield pg
        assert requests and all(u.startswith(site) or u.startswith("data:") for u in requests), \
            [u for u in requests if not u.startswith(site)]


def _until(pg: Any, condition: Any, timeout_ms: int = 15000) -> None:
    """Wait for a Python condition on the page (a string predicate would be evaluated, which the CSP refuses)."""
    for _ in range(timeout_ms // 100):
        if condition():
            return
        pg.wait_for_timeout(100)
    raise AssertionError("timed out waiting for the page")


def _search(pg: Any, query: str) -> Any:
    pg.locator("input.aup-search-input").click()
    pg.keyboard.type(query, delay=20)
    items = pg.locator(".aup-search .md-search-result__item")
    items.first.wait_for(timeout=15000)
    _until(pg, lambda: "matching" in pg.locator(".aup-search .md-search-result__meta").inner_text())
    return items


def _all_results(pg: Any) -> Any:
    """Every result: "More results" pressed until it is gone (the box shows five at first)."""
    more = pg.locator(".aup-search .aup-search-more")
    for _ in range(20):
        if not more.is_visible():
            break
        before = pg.locator(".aup-search .md-search-result__item").count()
        more.click()
        _until(pg, lambda before=before: pg.locator(".aup-search .md-search-result__item").count() > before)
    return pg.locator(".aup-search .md-search-result__item")


def _hrefs(items: Any) -> list[str]:
    return [items.nth(i).locator("a").first.get_attribute("href") for i in range(items.count())]


def test_searching_sanction_finds_the_clauses_that_say_sanctions(site: str, page: Any) -> None:
    page.goto(site)
    _search(page, "sanction")
    hits = {h.strip("/").split("/")[-1] for h in _hrefs(_all_results(page)) if "/documents/" in h}
    assert FOUND["sanctions"] <= hits
    marks = page.locator(".aup-search .md-search-result__list mark").all_inner_texts()
    assert any(m.lower() == "sanctions" for m in marks)
    screenshot(page, "search-sanction")


def test_a_topic_is_found_by_its_title(site: str, page: Any) -> None:
    page.goto(site + "guide/")
    items = _search(page, "Reporting concerns and whistleblowing")
    assert any(h.rstrip("/").endswith("/topics/reporting") for h in _hrefs(items)[:3]), _hrefs(items)
    first = page.locator(".aup-search .md-search-result__item h1").first.inner_text()
    assert "¶" not in first  # the theme's permalink mark is not part of a title


def test_a_filter_by_school_narrows_the_results_to_that_schools_policy(site: str, page: Any) -> None:
    page.goto(site)
    items = _search(page, "internet")
    before = items.count()
    select = page.locator('.aup-search select[data-filter="school"]')
    options = select.locator("option")
    assert options.count() >= 2
    assert any("<script>" in t for t in options.all_inner_texts())  # the hostile school name, shown as text
    value = options.nth(1).get_attribute("value")
    select.select_option(value)
    _until(page, lambda: page.locator(".aup-search .md-search-result__item").count() < before)
    after = _hrefs(page.locator(".aup-search .md-search-result__item"))
    assert 1 <= len(after) < before
    assert all("/documents/" in h for h in after)  # topic and guide pages carry no school
    screenshot(page, "search-filtered")
    assert page.locator('img[src="x"]').count() == 0


def test_the_search_loads_only_pagefind_files_it_needs_and_the_theme_index_is_gone(site: str, page: Any) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site)
    _search(page, "password")
    names = [u[len(site):] for u in fetched if "/pagefind/" in u]
    assert "pagefind/pagefind.js" in names and not any("search_index" in u for u in fetched)
    merged = {n.split("/")[1] for n in names if n.startswith("pagefind/part-")}
    assert merged == {f"part-{k}" for k in range(2, FOUND["parts"] + 1)}  # each further part, merged
    assert not any(n.startswith("pagefind/part-") and (n.endswith(".js") or "wasm" in n) for n in names)
    assert page.request.get(site + "search/search_index.json").status == 404
