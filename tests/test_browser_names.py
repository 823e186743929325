"""Every page names documents by their organisation or a readable title, never by an id slug (headless Chromium)."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import needs_chromium, serve, watched_page

from generator.corpus import load_corpus
from generator.pipeline import ingest, retag_corpus
from generator.project import new_project

pytest.importorskip("playwright.sync_api")
pytestmark = needs_chromium

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
#: Real policies beside the shipped ones: some name their organisation, some do not.
EXTRA = ["eval/public/txt/pk-aitchison-college-computer-use-policy.txt",
         "eval/public/txt/uk-pals-preschool-photos-mobile-phones.txt",
         "eval/public/txt/uk-lexden-montessori-staff-internet-email-policy.txt",
         "eval/public/txt/us-minuteman-internet-social-media-agreement.txt",
         "wild/decoy/uk-decoy-pupil-aua-y3-4.txt", "wild/decoy/uk-decoy-pupil-aua-y5-6.txt",
         "wild/decoy/uk-decoy-pupil-aua-fs-ks1.txt"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The site of the shipped seeds plus real policies from ../shared, served; yields (url, document ids)."""
    from generator.site.build import build_site

    if not all((SHARED / p).exists() for p in EXTRA):
        pytest.skip("needs the real policies in ../shared beside the checkout")
    root = tmp_path_factory.mktemp("names")
    new_project(root, name="Names Atlas")
    corpus = root / "corpus"
    shutil.copy(REPO / "corpus" / "topics.yaml", corpus / "topics.yaml")
    sources = [p for p in sorted((REPO / "corpus" / "sources").iterdir())]
    sources += [SHARED / p for p in EXTRA]
    ingest(sources, corpus)
    retag_corpus(corpus)
    ids = [d.id for d in load_corpus(corpus)]
    result = build_site(corpus, root / "mkdocs.yml")
    with serve(result.site_dir) as url:
        yield url, ids


def _visible_text(page: Any, url: str, ready: str = "body") -> str:
    """The page's visible text outside code (a command such as `aup declarations <id>` rightly holds an id)."""
    page.goto(url)
    page.wait_for_selector(ready)
    return page.evaluate("""() => { const hidden = [...document.querySelectorAll('code, pre')];
        hidden.forEach(e => e.style.setProperty('display', 'none'));
        const text = document.body.innerText;
        hidden.forEach(e => e.style.removeProperty('display')); return text; }""")


def test_no_page_shows_a_document_id_as_its_name(built: tuple[str, list[str]], browser: Any) -> None:
    url, ids = built
    assert len(ids) >= 10
    slugs = [i for i in ids if "-" in i]
    pages = ["", "documents/", "topics/", "builder/", *[f"documents/{i}/" for i in ids]]
    with watched_page(browser, viewport={"width": 1400, "height": 1000}) as page:
        page.goto(url + "topics/")
        pages += ["topics/" + page.locator("article table a").first.get_attribute("href")]  # a topic page
        for path in pages:
            text = _visible_text(page, url + path)
            shown = [s for s in slugs if s in text]
            assert shown == [], f"{path or 'home'} shows {shown}"
        # the compare view and the builder fill their names in from JSON
        text = _visible_text(page, url + f"compare/#a={ids[0]}&b={ids[1]}", ".aup-compare-out table")
        assert [s for s in slugs if s in text] == []
        options = page.locator(".aup-compare-a option").all_inner_texts()
        assert len(options) == len(ids) and not any(o.strip() in ids for o in options)
        text = _visible_text(page, url + "builder/", "#aup-builder-topics details")
        assert [s for s in slugs if s in text] == []
    # the printable declaration pages (their print button's inline handler is refused by the site's CSP, a
    # known problem of the declarations page, so they are read without the console watch)
    page = browser.new_page()
    try:
        for doc_id in ids:
            text = _visible_text(page, url + f"declarations/{doc_id}.html")
            assert [s for s in slugs if s in text] == [], doc_id
    finally:
        page.close()


def test_the_home_page_counts_organisations_and_names_each_document(built: tuple[str, list[str]], browser: Any) -> None:
    url, _ = built
    with watched_page(browser) as page:
        text = _visible_text(page, url, "table.aup-matrix")
        assert "from 6 organisations" in text and "do not name their organisation" in text
        names = page.locator("table.aup-matrix tbody th.aup-doc a").all_inner_texts()
        for name in ("Hopelands Preparatory School", "Aitchison College", "Decoy School — Pupil Acceptable Use Agreement",
                     "Minuteman Regional Vocational Technical School District", "Acceptable Use Policy"):
            assert any(n.startswith(name) for n in names), (name, names)
        assert "Staying Safe with Technology" in " ".join(names)  # a heading, not a school: shown as the title
