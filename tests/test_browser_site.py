"""The built site in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; never `playwright install`)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import needs_chromium, screenshot, serve, watched_page
from test_site_support import make_project

PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }}"
HOSTILE: dict[str, str] = {}  # the topic of the hostile clause, found when the site is built

pytest.importorskip("playwright.sync_api")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site of an 8-document tagged corpus with a hostile clause, served on 127.0.0.1."""
    from generator.site.build import build_site

    root = tmp_path_factory.mktemp("browser")
    corpus, config = make_project(root, 8, PAYLOAD)
    result = build_site(corpus, config)
    from generator.corpus import load_corpus

    hostile = next(c for d in load_corpus(corpus) for c in d.clauses if "<script>" in c.text and c.topics)
    HOSTILE["topic"] = hostile.topics[0]
    with serve(result.site_dir) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors and fails on any dialog (an alert would mean script ran)."""
    with watched_page(browser, viewport={"width": 1400, "height": 1000}) as pg:
        yield pg


def _no_injected_elements(pg: Any) -> None:
    assert pg.locator('img[src="x"]').count() == 0
    assert pg.evaluate("Array.from(document.scripts).every(s => !s.textContent.includes('alert('))")


def test_home_shows_the_coverage_matrix_and_a_cell_links_to_the_documents_clauses(site: str, page: Any) -> None:
    page.goto(site)
    assert page.locator("table.aup-matrix tbody tr").count() == 8
    screenshot(page, "home")
    page.emulate_media(color_scheme="dark")
    screenshot(page, "home-dark")
    cell = page.locator("table.aup-matrix td.c1 a, table.aup-matrix td.c2 a").first
    href = cell.get_attribute("href")
    cell.click()
    anchor = href.split("#")[1]
    page.wait_for_url(f"**#{anchor}")
    page.locator(f"#{anchor}").wait_for(state="visible")  # the new page may still be loading after the click
    assert page.locator(f"#{anchor} a.aup-chip").count() == 1


def test_a_topic_page_shows_three_schools_side_by_side_and_filters_hide_clauses(site: str, page: Any) -> None:
    page.goto(site)
    page.locator("table.aup-matrix th.aup-vert a").nth(5).click()
    page.wait_for_selector("table.aup-families thead th.aup-doc-col")
    assert "/topics/" in page.url
    columns = page.locator("table.aup-families thead th.aup-doc-col")
    assert columns.count() >= 3
    filled = page.locator("table.aup-families tbody tr").filter(has=page.locator("td .aup-clause"))
    assert filled.count() > 0
    screenshot(page, "topic")
    force = page.locator(".aup-families .aup-clause, .aup-loose .aup-clause").first.get_attribute("data-force")
    clauses = page.locator(f'.aup-families .aup-clause[data-force="{force}"], .aup-loose .aup-clause[data-force="{force}"]')
    assert clauses.count() > 0 and clauses.first.is_visible()
    box = page.locator(f'.aup-filter[data-filter="force"] input[value="{force}"]')
    box.uncheck()
    assert all(not c.is_visible() for c in clauses.all())
    assert page.locator(".aup-loose .aup-clause:visible").count() + page.locator(".aup-families td .aup-clause:visible").count() > 0
    box.check()
    assert clauses.first.is_visible()
    audience = page.locator('.aup-filter[data-filter="audience"] input').first
    audience.uncheck()
    value = audience.get_attribute("value")
    assert all(not c.is_visible() for c in page.locator(f'.aup-loose .aup-clause[data-audience="{value}"]').all())
    audience.check()


def _visible_clauses(page: Any) -> int:
    return page.locator(".aup-loose .aup-clause:visible").count() + page.locator(".aup-families td .aup-clause:visible").count()


def _counted(page: Any, visible: bool = False) -> int:
    """The topic's own clauses on the page (a family member tagged to another topic is not shown on it)."""
    state = ":visible" if visible else ""
    return page.locator(f".aup-families td .aup-clause{state}, .aup-loose .aup-clause{state}").count()


def _count_text(shown: int, total: int, columns: int) -> str:
    return f"{shown} of {total} clauses on this topic in the {columns} columns shown match"


def test_topic_filters_count_matches_say_when_nothing_matches_and_keep_their_state_in_the_url(site: str, page: Any) -> None:
    page.goto(site + "topics/social-media/")
    page.wait_for_selector(".aup-filter-count")
    total, columns = _counted(page), page.locator(".aup-loose-doc").count()
    assert page.locator(".aup-filter-count").text_content() == _count_text(total, total, columns)
    assert page.locator(".aup-nothing").is_hidden()
    forces = page.locator('.aup-filter[data-filter="force"] input')
    assert forces.count() >= 2
    page.locator('.aup-filter[data-filter="force"] input[value="prohibition"]').uncheck()
    shown = _counted(page, visible=True)
    assert 0 < shown < total
    assert page.locator(".aup-filter-count").text_content() == _count_text(shown, total, columns)
    assert "force=" in page.url and "prohibition" not in page.url.split("force=")[1]
    for box in forces.all():
        box.uncheck()
    assert _visible_clauses(page) == 0
    assert page.locator(".aup-nothing").is_visible()
    assert page.locator(".aup-filter-count").text_content() == _count_text(0, total, columns)
    page.locator('.aup-filter[data-filter="force"] input[value="prohibition"]').check()
    url = page.url
    assert "force=prohibition" in url
    page.goto("about:blank")
    page.goto(url)  # a bookmarked or shared filtered view opens filtered
    page.wait_for_selector(".aup-filter-count")
    assert page.locator('.aup-filter[data-filter="force"] input[value="prohibition"]').is_checked()
    assert not page.locator('.aup-filter[data-filter="force"] input[value="obligation"]').is_checked()
    visible = page.locator(".aup-families td .aup-clause:visible, .aup-loose .aup-clause:visible")
    assert visible.count() > 0
    assert all(c.get_attribute("data-force") == "prohibition" for c in visible.all())
    assert {b.text_content() for b in page.locator(".aup-clause:visible .aup-force").all()} <= {"must not", "should not", "will not (pledge)"}
    screenshot(page, "topic-filtered")


def test_the_filter_count_and_the_summary_count_the_same_clauses_of_the_topic(site: str, page: Any) -> None:
    for topic in ("social-media", "mobile-devices", "access-accounts"):
        page.goto(site + f"topics/{topic}/")
        page.wait_for_selector(".aup-filter-count")
        summary = int(re.search(r"\((\d+) clauses", page.locator(".aup-summary").text_content()).group(1))
        picks = page.locator(".aup-picker input")
        notes = page.locator(".aup-picker label").all_text_contents()
        per_document = [int(m.group(1)) if (m := re.search(r"\((\d+) clauses?\)", n)) else 0 for n in notes]
        assert sum(per_document) == summary
        shown = [n for n, box in zip(per_document, picks.all()) if box.is_checked()]
        count = page.locator(".aup-filter-count").text_content()
        assert count == _count_text(sum(shown), sum(shown), len(shown)), (topic, count)
        page.locator(".aup-picker summary").click()
        for box in picks.all():  # every document as a column: the count is the summary's
            if not box.is_checked():
                box.check()
        page.wait_for_function("n => document.querySelectorAll('.aup-loose-doc').length === n", arg=picks.count())
        assert page.locator(".aup-filter-count").text_content() == _count_text(summary, summary, picks.count())


def test_a_prohibited_item_shows_its_lead_in_and_a_text_badge_on_the_topic_page(site: str, page: Any) -> None:
    page.goto(site + "topics/mobile-devices/")
    item = page.locator(".aup-clause", has_text="use personal or school mobile telephones when driving").first
    assert item.locator(".aup-lead-in").text_content().startswith("Don")
    labels = {"must-not": "must not", "should-not": "should not", "will-not": "will not (pledge)", "must": "must"}
    for clause in page.locator(".aup-clause[data-force]").all():  # the synthetic corpus sets rough modalities
        badge = clause.locator(".aup-force").first
        assert badge.text_content().strip(), "every clause has a text badge"
        if clause.get_attribute("data-modality") in labels:
            assert badge.text_content() == labels[clause.get_attribute("data-modality")]


def test_the_column_picker_adds_and_removes_documents(site: str, page: Any) -> None:
    page.goto(site + "topics/mobile-devices/")
    before = page.locator("table.aup-families thead th.aup-doc-col").count()
    page.locator(".aup-picker summary").click()
    unchecked = page.locator(".aup-picker input:not(:checked)")
    assert unchecked.count() >= 1, "8 documents, at most 6 columns by default"
    doc_id = unchecked.first.get_attribute("value")
    unchecked.first.check()
    page.wait_for_selector(f'table.aup-families thead th[data-doc="{doc_id}"]')
    assert page.locator("table.aup-families thead th.aup-doc-col").count() == before + 1
    assert page.locator(f'.aup-loose-doc[data-doc="{doc_id}"]').count() == 1
    page.locator(f'.aup-picker input[value="{doc_id}"]').uncheck()
    page.wait_for_selector(f'table.aup-families thead th[data-doc="{doc_id}"]', state="detached")
    screenshot(page, "topic-picked")


def test_search_for_mobile_finds_mobile_phone_clauses(site: str, page: Any) -> None:
    page.goto(site)
    page.locator("input.md-search__input").click()
    page.keyboard.type("mobile", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    assert re.search(r"mobile", page.locator(".md-search-result").inner_text(), re.I)
    screenshot(page, "search")


def test_a_clause_permalink_scrolls_to_its_clause(site: str, page: Any) -> None:
    page.goto(site + "documents/hopelands-prep/")
    last = page.locator("p.aup-clause").last
    anchor = last.get_attribute("id")
    page.goto(site + f"documents/hopelands-prep/#{anchor}")
    page.wait_for_timeout(300)
    box = page.locator(f"#{anchor}").bounding_box()
    assert box is not None and 0 <= box["y"] < 1000
    screenshot(page, "document")
    page.emulate_media(color_scheme="dark")
    screenshot(page, "document-dark")


def test_the_compare_view_aligns_two_documents_and_the_picker_changes_them(site: str, page: Any) -> None:
    page.goto(site + "compare/#a=hopelands-prep&b=hopelands-prep-0006")
    page.wait_for_selector(".aup-compare-families tbody tr")
    rows = page.locator(".aup-compare-families tbody tr")
    assert rows.count() > 5
    assert page.locator(".aup-compare-families ins, .aup-compare-families del").count() > 0
    screenshot(page, "compare")
    page.select_option(".aup-compare-b", "sefton-staff-governors-visitors")
    page.wait_for_function("location.hash.includes('b=sefton-staff-governors-visitors')")
    page.wait_for_selector(".aup-compare-topics tbody tr")
    assert "Sefton" in page.locator(".aup-compare-out").inner_text() or page.locator(".aup-compare-topics").count() == 1


def test_the_compare_view_shows_each_clause_with_a_force_badge_and_a_list_item_with_its_lead_in(site: str, page: Any) -> None:
    page.goto(site + "compare/#a=sefton-staff-governors-visitors&b=malmesbury-park-primary")
    page.wait_for_selector(".aup-compare-out .aup-clause")
    clauses = page.locator(".aup-compare-out .aup-clause")
    assert clauses.count() == page.locator(".aup-compare-out .aup-clause .aup-force").count() > 0
    driving = page.locator(".aup-compare-out .aup-clause", has_text="mobile telephones when driving").first
    assert driving.locator(".aup-lead-in").text_content().startswith("Don")


@pytest.mark.parametrize("path", ["", "documents/", "topics/{topic}/", "compare/#a=birmingham-school-staff-aup&b=birmingham-school-staff-aup-0005"])
def test_hostile_text_shows_literally_and_never_runs(site: str, page: Any, path: str) -> None:
    page.goto(site + path.format(topic=HOSTILE["topic"]))
    page.wait_for_load_state("networkidle")
    if path.startswith("compare"):
        page.wait_for_selector(".aup-compare-families tbody tr")
    assert "<script>alert(1)</script>" in page.locator("article").inner_text()
    assert "{{ 7*7 }}" in page.locator("article").inner_text()
    _no_injected_elements(page)


def test_hostile_text_on_the_document_page_and_in_a_picked_column(site: str, page: Any) -> None:
    page.goto(site + "documents/birmingham-school-staff-aup/")
    text = page.locator("article").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text and "{{ 7*7 }}" in text
    _no_injected_elements(page)
    page.goto(site + "topics/mobile-devices/")
    page.locator(".aup-picker summary").click()
    for box in page.locator(".aup-picker input").all():
        box.check()
    page.wait_for_selector('table.aup-families thead th[data-doc="birmingham-school-staff-aup"]')
    _no_injected_elements(page)
