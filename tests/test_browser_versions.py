"""The site of a policy with two versions: its history, the "what changed" page and valid Atom feeds.

The feed checks are RFC 4287's required elements (section 4.1.1 and 4.1.2): a feed has one id, title and
updated, and an author unless every entry has one; each entry has one id, title and updated, and an alternate
link (it also has content here); ids are absolute IRIs and dates RFC 3339 timestamps. The browser part drives
headless Debian Chromium.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import chromium, needs_chromium, serve, watched_page

from generator.pipeline import ingest
from generator.project import new_project
from tests.support.versions import ADDED, PUNCTUATED, REMOVED, seed_and_edit

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project with the seed and its edited copy ingested (two versions of one policy), built."""
    from generator.site.build import build_site

    mp = pytest.MonkeyPatch()
    mp.setenv("AUP_BUILD_DATE", "2026-11-30")
    root = tmp_path_factory.mktemp("versions")
    new_project(root, name="Versions Atlas")
    first, second = seed_and_edit(root / "in")
    ingest([first], root / "corpus")
    ingest([second], root / "corpus")
    result = build_site(root / "corpus", root / "mkdocs.yml")
    yield result.site_dir
    mp.undo()


def check_atom(path: Path) -> ET.Element:
    """Parse an Atom feed and assert RFC 4287's required elements; return the feed element."""
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, f"{path.name}: feed needs exactly one {name}"
    assert IRI.match(feed.findtext(f"{A}id"))
    assert RFC3339.match(feed.findtext(f"{A}updated"))
    entries = feed.findall(f"{A}entry")
    feed_author = feed.find(f"{A}author/{A}name") is not None
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, f"{path.name}: entry needs exactly one {name}"
        assert IRI.match(entry.findtext(f"{A}id")) and RFC3339.match(entry.findtext(f"{A}updated"))
        assert feed_author or entry.find(f"{A}author/{A}name") is not None
        links = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        assert entry.find(f"{A}content") is not None or links
        assert len({(link.get("type"), link.get("hreflang")) for link in links}) == len(links)
        assert all(link.get("href") for link in entry.findall(f"{A}link"))
    assert len({e.findtext(f"{A}id") for e in entries}) == len(entries)
    return feed


def test_the_feeds_have_rfc_4287s_required_elements(built):
    policy = check_atom(built / "feeds" / "hopelands-prep.xml")
    assert [e.findtext(f"{A}title") for e in policy.findall(f"{A}entry")] == [
        "Hopelands Preparatory School: version 2", "Hopelands Preparatory School: version 1"]
    corpus = check_atom(built / "feeds" / "changes.xml")
    entries = corpus.findall(f"{A}entry")
    assert len(entries) == 1 and "force change" in entries[0].findtext(f"{A}summary")
    for other in (built / "feeds").glob("*.xml"):
        check_atom(other)


def test_a_feed_stays_well_formed_whatever_the_policy_text(tmp_path):
    from datetime import date

    from generator.model import Clause, Document, Metadata, Source, Span
    from generator.site.data import SiteData
    from generator.site.history import policy_feed

    doc = Document("x", Source("s", "0" * 64, "txt", "line"), Metadata(school="A & B <script>\x01</script>"),
                   clauses=[Clause("00000000", "]]> & <b>", Span(1, 1))])
    path = tmp_path / "x.xml"
    path.write_text(policy_feed(SiteData([doc], [], [], date(2026, 1, 1)), doc), encoding="utf-8")
    assert "A & B <script></script>" in check_atom(path).findtext(f"{A}title")


@needs_chromium
def test_the_site_shows_both_versions_and_what_changed(built):
    pytest.importorskip("playwright.sync_api")
    with serve(built) as url, chromium() as browser, watched_page(browser) as page:
        page.goto(url + "documents/hopelands-prep/")
        rows = page.locator("table.aup-history tbody tr")
        assert rows.count() == 2
        assert "2 (current)" in rows.nth(0).inner_text()
        assert rows.nth(1).inner_text().split("\t")[1] == "August 2018"  # as the policy states it: no day made up
        rows.nth(0).locator("a").click()
        page.wait_for_url("**/changes/hopelands-prep/2/")
        assert page.locator("h1").inner_text().startswith("What changed")
        removed = page.locator(".aup-change-removed").all_inner_texts()
        assert len(removed) == 2 and all(any(r in text for r in REMOVED) for text in removed)
        assert ADDED in page.locator(".aup-change-added").inner_text()
        assert page.locator(".aup-force-change").inner_text() == 'Force changed: "may" became "must not"'
        cosmetic = page.locator("#cosmetic ~ .aup-change-cosmetic")
        assert cosmetic.count() == 1 and PUNCTUATED[1] in cosmetic.inner_text()
        page.goto(url)
        assert page.locator("ul.aup-recent li").count() == 1
        page.locator("ul.aup-recent a").click()
        page.wait_for_url("**/changes/hopelands-prep/2/")


def test_the_sites_declaration_sheet_records_the_policys_revision_and_date(built):
    sheet = (built / "declarations" / "hopelands-prep.html").read_text(encoding="utf-8")
    assert "Revision 2" in sheet and "30 November 2026" not in sheet  # as `aup declarations hopelands-prep` prints it:
    # version 2 kept version 1's date, so it is dated by the day it was ingested, which no sheet presents


@needs_chromium
def test_a_recipe_downloaded_from_the_builder_records_versions_that_tailor_check_reads(built, tmp_path):
    pytest.importorskip("playwright.sync_api")
    from click.testing import CliRunner

    from generator.cli import main
    from generator.corpus import document_path, load_document
    from generator.tailor.freshness import check_recipe

    corpus = built.parent / "corpus"
    doc = load_document(document_path(corpus, "hopelands-prep"))
    clause = next(c for c in doc.clauses if c.topics and c.kind == "clause" and len(c.text.split()) > 8)
    recipe = tmp_path / "mine.yaml"
    recipe.write_text(f"""recipe: 1
title: "Staff AUP"
school: {{name: "Oak School", address: "1 Road"}}
version: "1.0"
adopted: "2026-09-01"
review_due: "2027-09-01"
topics:
  {clause.topics[0]}:
    - "hopelands-prep#{clause.id}"
declaration:
  wording: ["I agree to follow it."]
""", encoding="utf-8")
    with serve(built) as url, chromium() as browser, watched_page(browser, accept_downloads=True) as page:
        page.goto(url + "builder/")
        page.wait_for_selector('#aup-builder[data-ready="yes"]')
        page.set_input_files("#aup-load", str(recipe))
        page.locator("#aup-start-status", has_text="Loaded").wait_for()
        with page.expect_download() as info:
            page.click("#aup-download-recipe")
        info.value.save_as(tmp_path / "recipe.yaml")
    text = (tmp_path / "recipe.yaml").read_text(encoding="utf-8")
    assert f'{{document: "hopelands-prep", clause: "{clause.id}", version: 2}}' in text
    assert check_recipe(tmp_path / "recipe.yaml", corpus) == []
    out = CliRunner().invoke(main, ["tailor", str(tmp_path / "recipe.yaml"), "--check", "--corpus", str(corpus)])
    assert out.exit_code == 0, out.output
