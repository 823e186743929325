"""A declaration page of the site makes one sheet (or one roster row) per person from a pasted roster, in the
browser: the path for office staff, who have no command line (headless Chromium)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import needs_chromium, screenshot, serve, watched_page
from test_site_support import make_project

pytest.importorskip("playwright.sync_api")
pytestmark = needs_chromium

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
ROSTER = f'name,designation,role\nSam Okafor,Staff,Teacher\n"Lee, Jo",governors,\n"{HOSTILE_NAME}",Visitor,\n'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The site of a 3-document corpus, served; yields (url, the first document's id)."""
    from generator.corpus import load_corpus
    from generator.site.build import build_site

    root = tmp_path_factory.mktemp("roster")
    corpus, config = make_project(root, 3, "")
    result = build_site(corpus, config)
    with serve(result.site_dir) as url:
        yield url, load_corpus(corpus)[0].id


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails on console errors or any dialog (an alert would mean a name ran as markup)."""
    with watched_page(browser, viewport={"width": 1200, "height": 900}) as pg:
        yield pg


def _make(page: Any, roster: str) -> None:
    if not page.locator("details.names").evaluate("d => d.open"):
        page.locator("details.names summary").click()
    page.locator("[data-aup-roster]").fill(roster)
    page.locator("[data-aup-roster-make]").click()


def test_a_pasted_roster_makes_one_sheet_per_person_and_prints_without_the_toolbar(site: tuple[str, str], page: Any) -> None:
    url, doc_id = site
    page.goto(f"{url}declarations/{doc_id}.html")
    assert page.locator("section.sheet").count() == 1  # one blank sheet until a roster is given
    assert "aup declarations" not in page.locator(".toolbar").inner_text()  # no command line for office staff
    _make(page, ROSTER)
    assert page.locator("section.sheet").count() == 3
    assert page.locator("[data-aup-roster-status]").inner_text() == "3 sheets ready to print, one per person."
    filled = [s.locator("td.filled").all_inner_texts() for s in page.locator("section.sheet").all()]
    assert filled == [["Sam Okafor", "Staff", "Teacher"], ["Lee, Jo", "Governor"], [HOSTILE_NAME, "Visitor"]]
    assert page.locator('img[src="x"]').count() == 0  # a name is text, never markup
    screenshot(page, "declarations-roster")
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    assert page.locator("section.sheet").count() == 3


def test_a_roster_with_problems_lists_each_with_its_line_and_changes_nothing(site: tuple[str, str], page: Any) -> None:
    url, doc_id = site
    page.goto(f"{url}declarations/{doc_id}.html")
    _make(page, "name,designation\nSam Okafor,Teacher\n,Staff\n")
    assert page.locator("[data-aup-roster-problems] li").all_inner_texts() == [
        "roster:2: unknown designation 'Teacher'; expected one of Staff, Governor, Visitor, Volunteer",
        "roster:3: empty name; expected the person's name as it should be printed"]
    assert page.locator("[data-aup-roster-status]").inner_text() == "The roster has problems; nothing was changed."
    assert page.locator("section.sheet").count() == 1 and page.locator("section.sheet td.filled").count() == 0
    _make(page, "name,designation\nAnn Lee,Staff\n")  # fixed: the sheet is made and the problems are gone
    assert page.locator("section.sheet td.filled").all_inner_texts() == ["Ann Lee", "Staff"]
    assert page.locator("[data-aup-roster-problems] li").count() == 0


def test_a_pasted_roster_fills_the_signature_roster_above_the_blank_rows(site: tuple[str, str], page: Any) -> None:
    url, doc_id = site
    page.goto(f"{url}declarations/roster/{doc_id}.html")
    rows = page.locator(".roster-table tbody tr")
    blank = rows.count()
    _make(page, ROSTER)
    assert rows.count() == blank  # the people take the place of blank rows
    named = page.locator(".roster-table tbody tr:not(.empty)")
    assert named.count() == 3
    assert named.nth(0).locator("td").all_inner_texts()[:2] == ["Sam Okafor\nTeacher", "Staff"]
    assert named.nth(2).locator("td").first.inner_text() == HOSTILE_NAME
    _make(page, "")  # an empty roster: back to blank rows
    assert page.locator(".roster-table tbody tr:not(.empty)").count() == 0 and rows.count() == blank


def test_the_adoption_page_has_no_roster_form(site: tuple[str, str], page: Any) -> None:
    url, doc_id = site
    page.goto(f"{url}declarations/adoption/{doc_id}.html")
    assert page.locator("[data-aup-roster-form]").count() == 0
    assert "Fill in by hand." in page.locator(".toolbar").inner_text()


def test_on_a_phone_the_roster_headings_fit_their_columns(site: tuple[str, str], browser: Any) -> None:
    url, doc_id = site
    with watched_page(browser, viewport={"width": 390, "height": 800}) as pg:
        pg.goto(f"{url}declarations/roster/{doc_id}.html")
        spill = pg.evaluate("Array.from(document.querySelectorAll('.roster-table th'))"
                            ".filter(th => th.scrollWidth > th.clientWidth).map(th => th.textContent)")
        assert spill == []  # "Designation" overran into "Signature" at 390 px
        screenshot(pg, "declarations-roster-phone")
