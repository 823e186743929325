"""WCAG 2.2 AA on every page type of the shipped corpus's site (issue 18): axe-core in headless Chromium in the light
and dark palettes, a visible focus indicator on every control reached by Tab, skip links, the coverage matrix as a
data table, and the matrix on a phone.

axe-core comes bundled with ``axe-playwright-python`` (the test extra); Chromium is Debian's /usr/bin/chromium.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import needs_chromium, screenshot, serve, watched_page

from generator.project import new_project

pytest.importorskip("playwright.sync_api")
pytest.importorskip("axe_playwright_python")
pytestmark = needs_chromium

SHIPPED = Path(__file__).resolve().parents[1] / "corpus"
#: The WCAG rule sets axe runs: 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: One page of each type (the shipped corpus is small enough for the whole matrix to be on the home page).
PAGE_TYPES = {
    "home": "", "coverage": "coverage/2/", "topics": "topics/", "topic": "topics/social-media/",
    "rules": "rules/social-media/", "documents": "documents/", "document": "documents/malmesbury-park-primary/",
    "compare": "compare/", "builder": "builder/", "builder print view": "builder/print.html",
    "declaration": "declarations/malmesbury-park-primary.html",
    "adoption declaration": "declarations/adoption/malmesbury-park-primary.html",
    "roster declaration": "declarations/roster/malmesbury-park-primary.html",
    "guide": "guide/", "accessibility statement": "guide/accessibility/", "review": "review/",
    "search results": "", "404": "404.html",
}
#: Whatever search box the site has (the theme's, or Pagefind's).
SEARCH_BOX = "input.md-search__input, input.pagefind-ui__search-input, input[type=search]"
#: The folder of the built site (set by the ``site`` fixture), for the tests that open every page.
SITE_DIR: list[Path] = []
PHONE = {"width": 390, "height": 844}
FOCUS_STYLE = """el => { const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | "); }"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site of the shipped corpus, built once in a fresh project and served on 127.0.0.1."""
    from generator.site.build import build_site

    root = tmp_path_factory.mktemp("a11y")
    new_project(root, name="Accessible Atlas")
    shutil.rmtree(root / "corpus")
    shutil.copytree(SHIPPED, root / "corpus", ignore=shutil.ignore_patterns(".cache"))
    with pytest.MonkeyPatch.context() as patch:  # a matrix of three rows a page: the shipped corpus gets a coverage page
        patch.setattr("generator.site.home.MATRIX_ROWS", 3)
        result = build_site(root / "corpus", root / "mkdocs.yml")
    assert (result.site_dir / "coverage" / "2" / "index.html").is_file()
    SITE_DIR.append(result.site_dir)
    with serve(result.site_dir) as url:
        yield url


def _violations(pg: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(pg, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]
    return [f"{v['id']} ({v['impact']}): {n['target']} {n.get('failureSummary', '')}" for v in found for n in v["nodes"]]


def _open(pg: Any, site: str, name: str) -> None:
    pg.goto(site + PAGE_TYPES[name])
    if name == "builder":
        pg.wait_for_selector('#aup-builder[data-ready="yes"]')
        pg.click("#aup-start-go")  # the workspace with the starter's rules in it: every control shown
        pg.wait_for_function("document.querySelectorAll('#aup-sections :is(input, textarea, button)').length > 0")
    if name == "search results":
        box = pg.locator(SEARCH_BOX).first
        box.click()
        box.fill("password")
        pg.wait_for_timeout(1000)  # the search index loads in a worker


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_type_has_no_wcag_violation_in_either_palette(site: str, browser: Any, name: str, scheme: str) -> None:
    with watched_page(browser, viewport={"width": 1400, "height": 1000}, color_scheme=scheme) as pg:
        _open(pg, site, name)
        assert pg.evaluate("document.body.getAttribute('data-md-color-scheme')") in (None, "default" if scheme == "light" else "slate")
        violations = _violations(pg)
        assert violations == [], f"{name} ({scheme}): " + "\n".join(violations)


def _tab_through(pg: Any, container: str, presses: int) -> list[str]:
    """Tab through the page; for every control inside ``container`` that takes focus, a problem if its focus looks
    the same as it does unfocused. The unfocused styles are read first, before anything has focus."""
    pg.evaluate("""sel => document.querySelectorAll(sel + ' :is(a, button, input, select, textarea, summary, [tabindex])')
      .forEach((el, i) => { const s = getComputedStyle(el); el.dataset.aupIdle =
        [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); })""", container)
    problems, reached = [], 0
    for _ in range(presses):
        pg.keyboard.press("Tab")
        focused = pg.evaluate_handle("document.activeElement")
        inside = pg.evaluate(f"el => !!el.closest({container!r}) && el.dataset.aupIdle !== undefined", focused)
        if not inside:
            continue
        reached += 1
        idle = pg.evaluate("el => el.dataset.aupIdle", focused)
        now = pg.evaluate(FOCUS_STYLE, focused)
        if now == idle or now.startswith("none"):
            problems.append(pg.evaluate("el => el.outerHTML.slice(0, 120)", focused))
    assert reached, f"Tab never reached {container}"
    return problems


@pytest.mark.parametrize("path,container,presses", [
    ("topics/social-media/", ".aup-controls", 60),
    ("", "table.aup-matrix", 80),
    ("builder/", "#aup-builder", 120),
])
def test_every_control_reached_by_tab_shows_a_focus_indicator(site: str, browser: Any, path: str, container: str,
                                                              presses: int) -> None:
    with watched_page(browser, viewport={"width": 1400, "height": 1000}) as pg:
        pg.goto(site + path)
        if path == "builder/":
            pg.wait_for_selector('#aup-builder[data-ready="yes"]')
            pg.click("#aup-start-go")
            pg.wait_for_function("document.querySelectorAll('#aup-sections :is(input, textarea, button)').length > 0")
            pg.evaluate("document.activeElement.blur()")
        assert _tab_through(pg, container, presses) == []


@pytest.mark.parametrize("path,target,words", [
    ("", "aup-matrix", "Skip to the coverage matrix"),
    ("coverage/2/", "aup-matrix", "Skip to the coverage matrix"),
    ("documents/malmesbury-park-primary/", "policy", "Skip to the clauses"),
    ("topics/social-media/", "families", "Skip to the clauses"),
])
def test_a_skip_link_is_among_the_first_tab_stops_and_moves_focus_past_the_navigation(site: str, browser: Any, path: str,
                                                                                      target: str, words: str) -> None:
    with watched_page(browser, viewport={"width": 1400, "height": 1000}) as pg:
        pg.goto(site + path)
        for _ in range(3):
            pg.keyboard.press("Tab")
            if pg.evaluate("document.activeElement.textContent.trim()") == words:
                break
        else:
            pytest.fail(f"no '{words}' link in the first three tab stops")
        assert pg.evaluate("getComputedStyle(document.activeElement).transform") == "none"  # shown while focused
        pg.keyboard.press("Enter")
        pg.wait_for_url(f"**#{target}")
        assert pg.evaluate("location.hash") == f"#{target}"


def test_the_coverage_matrix_is_a_data_table_whose_cells_say_what_they_show(site: str, browser: Any) -> None:
    with watched_page(browser, viewport={"width": 1400, "height": 1000}) as pg:
        pg.goto(site)
        table = pg.locator("table.aup-matrix")
        assert "Coverage" in table.locator("caption").text_content()
        assert table.locator("thead th:not([scope=col])").count() == 0
        rows = table.locator("tbody tr")
        assert rows.count() == rows.locator("th[scope=row]").count() > 0
        names = set(pg.locator("table.aup-matrix tbody td[class^=c] a").evaluate_all(
            "els => els.map(a => a.textContent.replace(/^\\d+/, ''))"))
        assert names and all(n.startswith((" clause", " clauses")) for n in names)
        assert any("includes a must-not rule" in n for n in names)
        gaps = pg.locator("table.aup-matrix tbody td.c0")
        if gaps.count():
            assert gaps.first.text_content() == "no clause"
        cell = pg.locator("table.aup-matrix td.m a").first
        label = pg.evaluate("""a => { const snap = []; for (const n of a.childNodes)
            if (!(n.getAttribute && n.getAttribute('aria-hidden') === 'true')) snap.push(n.textContent); return snap.join(''); }""",
                            cell.element_handle())
        assert label.startswith(cell.locator("[aria-hidden=true]").text_content() + " clause")


def test_the_search_dialog_has_an_accessible_name(site: str, browser: Any) -> None:
    with watched_page(browser, viewport={"width": 1400, "height": 1000}) as pg:
        pg.goto(site)
        dialogs = pg.locator("[role=dialog]")
        for i in range(dialogs.count()):
            dialog = dialogs.nth(i)
            assert dialog.get_attribute("aria-label") or dialog.get_attribute("aria-labelledby"), dialog.evaluate("e => e.outerHTML.slice(0, 80)")


def test_topic_filter_counts_are_announced(site: str, browser: Any) -> None:
    with watched_page(browser, viewport={"width": 1400, "height": 1000}) as pg:
        pg.goto(site + "topics/social-media/")
        count = pg.locator(".aup-filter-count")
        assert count.get_attribute("aria-live") == "polite"
        before = count.text_content()
        boxes = pg.locator(".aup-filter[data-filter=force] input[type=checkbox]")
        for i in range(boxes.count()):  # untick every force from the keyboard: nothing can match
            boxes.nth(i).press("Space")
        pg.wait_for_function("before => document.querySelector('.aup-filter-count').textContent !== before", arg=before)


def test_on_a_phone_the_matrix_scrolls_sideways_with_the_policy_names_kept_in_view(site: str, browser: Any) -> None:
    with watched_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as pg:
        pg.goto(site + "#coverage")
        wrap = pg.locator(".aup-table-wrap:has(table.aup-matrix)")
        assert pg.evaluate("el => el.scrollWidth > el.clientWidth", wrap.element_handle()), "the matrix fits: nothing to test"
        first = pg.locator("table.aup-matrix tbody th.aup-doc").first
        left = first.bounding_box()["x"]
        pg.evaluate("el => { el.scrollLeft = el.scrollWidth; }", wrap.element_handle())
        pg.wait_for_timeout(100)
        assert abs(first.bounding_box()["x"] - left) < 2
        # nothing from the scrolled columns shows through the sticky column
        assert pg.evaluate("el => getComputedStyle(el).backgroundColor", first.element_handle()) not in ("rgba(0, 0, 0, 0)", "transparent")
        first.scroll_into_view_if_needed()
        screenshot(pg, "matrix-phone-scrolled")


def test_every_generated_page_fits_a_phone_without_scrolling_sideways(site: str, browser: Any) -> None:
    """At 390 px no page is wider than the screen: controls shrink, wide tables scroll inside their own box."""
    pages = sorted(p.relative_to(SITE_DIR[0]).as_posix() for p in SITE_DIR[0].rglob("*.html")
                   if p.relative_to(SITE_DIR[0]).parts[0] not in ("pagefind", "assets"))
    kinds = {path.split("/")[0] for path in pages}
    assert {"index.html", "builder", "compare", "topics", "rules", "documents", "declarations", "review", "guide"} <= kinds
    too_wide = []
    with watched_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as pg:
        for path in pages:
            pg.goto(site + path)
            if path == "builder/index.html":  # the workspace with the starter's rules in it, and the start picker
                pg.wait_for_selector('#aup-builder[data-ready="yes"]')
                pg.click("#aup-start-go")
                pg.wait_for_function("document.querySelectorAll('#aup-sections .aup-item').length > 0")
            if path == "compare/index.html":
                pg.wait_for_selector(".aup-compare-out table")
            width = pg.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{path}: {width} px")
    assert too_wide == [], "pages wider than a 390 px phone:\n" + "\n".join(too_wide)
