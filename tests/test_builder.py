"""The site's builder page: its clause data, the page, and the plan wiring (no browser)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_tailor_support import corpus_copy

from generator.corpus import load_corpus
from generator.site.builder import DATA, PAGE, SCRIPT, STYLE, builder_data, plan_builder_pages
from generator.site.data import load_site_data


@pytest.fixture(scope="module")
def site_data(tmp_path_factory: pytest.TempPathFactory):
    """Site data of the shipped corpus with one hostile clause."""
    corpus = corpus_copy(tmp_path_factory.mktemp("builder"), hostile=True)
    return load_site_data(corpus, load_corpus(corpus))


def test_the_plan_has_the_page_its_clause_data_and_its_script(site_data) -> None:
    pages = plan_builder_pages(site_data.documents, site_data.families, site_data.topics)
    assert set(pages) == {PAGE, DATA, SCRIPT, STYLE}
    page = pages[PAGE]
    assert 'data-clauses="clauses.json"' in page and '<script src="../assets/aup/builder.js" defer></script>' in page
    assert "onclick" not in page and "onchange" not in page  # no inline handlers
    assert not re.search(rb"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", pages[SCRIPT])


def test_the_clause_data_offers_families_first_each_clause_once_with_detected_names(site_data) -> None:
    data = builder_data(site_data.documents, site_data.families, site_data.topics)
    refs = [c["ref"] for t in data["topics"] for c in t["clauses"]]
    assert len(refs) == len(set(refs))
    for topic in data["topics"]:
        shared = [c["shared"] for c in topic["clauses"]]
        families = [c for c in topic["clauses"] if c["family"]]
        assert shared[:len(families)] == sorted(shared[:len(families)], reverse=True)
    west = next(c for t in data["topics"] for c in t["clauses"] if c["ref"] == "sefton-staff-governors-visitors#9fe3f930")
    assert west["names"] == [["Alistair West", "{network_manager}"]]
    assert not any(c["ref"].endswith(("#b59e1dfe", "#bf5b94aa")) for t in data["topics"] for c in t["clauses"])  # declarations


def test_the_plan_is_wired_into_the_site_and_its_folder_is_generated(site_data) -> None:
    from generator.site.pages import plan_pages
    from generator.site.paths import GENERATED_DIRS

    pages = plan_pages(site_data, Path("corpus"))
    assert {PAGE, DATA, SCRIPT} <= set(pages) and "builder" in GENERATED_DIRS
    hostile = json.loads(pages[DATA])
    assert any("<script>alert(1)</script>" in c["text"] for t in hostile["topics"] for c in t["clauses"])
