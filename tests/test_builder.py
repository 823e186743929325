"""The site's builder pages: their clause data, the pages, and the plan wiring (no browser)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_tailor_support import corpus_copy

from generator.corpus import load_corpus
from generator.site.builder import builder_data
from generator.site.builder_page import HOW_TO_GET_WORD, builder_page, plan_builder_pages
from generator.site.data import load_site_data
from generator.site.paths import BUILDER_DATA, BUILDER_PAGE, BUILDER_SCHEMA, BUILDER_SCRIPTS, DOCX_BUNDLE
from generator.tailor.recipe import SCHEMA_PATH


@pytest.fixture(scope="module")
def site_data(tmp_path_factory: pytest.TempPathFactory):
    """Site data of the shipped corpus with one hostile clause."""
    corpus = corpus_copy(tmp_path_factory.mktemp("builder"), hostile=True)
    return load_site_data(corpus, load_corpus(corpus))


def test_the_plan_has_the_page_its_data_the_schema_aup_tailor_uses_and_scripts_without_inline_code(site_data) -> None:
    pages = plan_builder_pages(site_data.documents, site_data.families, site_data.topics)
    assert {BUILDER_PAGE, BUILDER_DATA, BUILDER_SCHEMA, *BUILDER_SCRIPTS} <= set(pages)
    assert pages[BUILDER_SCHEMA] == SCHEMA_PATH.read_bytes()  # one source of truth for the rules
    page = pages[BUILDER_PAGE]
    assert 'data-clauses="clauses.json"' in page and '<script src="../assets/aup/builder-ui.js" defer></script>' in page
    assert not re.search(r"\son[a-z]+=", page)  # no inline handlers
    for script in BUILDER_SCRIPTS:
        assert not re.search(rb"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|eval\(", pages[script])


def test_without_the_docx_package_the_page_says_how_to_get_it_and_keeps_the_other_downloads() -> None:
    page = builder_page(docx_available=False)
    assert HOW_TO_GET_WORD in page and DOCX_BUNDLE not in page and 'id="aup-download-recipe"' in page
    assert "aup-download-word" not in page
    assert DOCX_BUNDLE in builder_page(docx_available=True)


def test_each_policy_to_start_from_is_named_in_words_that_read_well(site_data) -> None:
    data = builder_data(site_data.documents, site_data.families, site_data.topics)
    by_id = {d.id: d for d in site_data.documents}
    assert data["documents"]
    for entry in data["documents"]:
        school = by_id[entry["id"]].metadata.school
        if school and entry["school"] == school:
            assert entry["policy"] in (f"{school}'s policy", f"{school}' policy")
        else:  # a title, or a name told apart by its title: shown as it is, never "Internet access's policy"
            assert entry["policy"] == entry["school"]
        assert "s's " not in entry["policy"]


def test_the_clause_data_offers_families_first_each_clause_once_with_detected_names(site_data) -> None:
    data = builder_data(site_data.documents, site_data.families, site_data.topics)
    listed = [k for t in data["topics"] for k in t["keys"]]
    assert len(listed) == len(set(listed)) and set(listed) <= set(data["clauses"])
    for topic in data["topics"]:
        shared = [data["clauses"][k]["shared"] for k in topic["keys"]]
        families = [k for k in topic["keys"] if data["clauses"][k]["family"]]
        assert shared[:len(families)] == sorted(shared[:len(families)], reverse=True)
    west = data["clauses"]["sefton-staff-governors-visitors#9fe3f930"]
    assert west["names"] == [["Alistair West", "{network_manager}"]]
    declarations = [k for k in data["clauses"] if k.endswith(("#b59e1dfe", "#bf5b94aa"))]
    assert declarations and all(data["clauses"][k]["topic"] == "" for k in declarations)  # for declaration wording only
    assert not set(declarations) & set(listed) and not set(declarations) & set(data["starter"])
    assert all(k in data["clauses"] for d in data["documents"] for k in d["keys"])
    assert all(data["alias"][ref] in data["clauses"] for ref in data["alias"])
    assert [path for path, _ in data["required"]] == [["school", "name"], ["version"], ["adopted"], ["review_due"]]


def test_the_plan_is_wired_into_the_site_and_topic_pages_offer_add_to_my_policy(site_data) -> None:
    from generator.site.pages import plan_pages
    from generator.site.paths import GENERATED_DIRS

    pages = plan_pages(site_data, Path("corpus"))
    assert {BUILDER_PAGE, BUILDER_DATA} <= set(pages) and "builder" in GENERATED_DIRS
    hostile = json.loads(pages[BUILDER_DATA])
    assert any("<script>alert(1)</script>" in c["text"] for c in hostile["clauses"].values())
    topic = pages["topics/access-accounts.md"]
    assert 'data-aup-add="' in topic and '<script src="../../assets/aup/builder-store.js" defer></script>' in topic


def test_the_docx_bundle_is_found_where_npm_ci_puts_it_and_missing_elsewhere(tmp_path: Path) -> None:
    from generator.site.builder_page import BUNDLE_IN_PACKAGE, find_docx_bundle

    assert find_docx_bundle((tmp_path,)) is None
    (tmp_path / BUNDLE_IN_PACKAGE).parent.mkdir(parents=True)
    (tmp_path / BUNDLE_IN_PACKAGE).write_text("var docx = {};")
    assert find_docx_bundle((tmp_path / "elsewhere", tmp_path)) == tmp_path / BUNDLE_IN_PACKAGE


def _lead_in_document():
    """A policy with a bare lead-in and three items under it, then a bare lead-in with nothing under it."""
    from generator.model import Clause, Document, Metadata, Source, Span

    texts = ["In relation to passwords, employees shall:", "keep their password secret;",
             "change it every term;", "never write it down.", "Governors must not:"]
    clauses = [Clause(f"{i:08x}", t, Span(i + 1, i + 1), topics=["access-accounts"], modality="must",
                      parent="00000000" if 0 < i < 4 else None, level=1 if 0 < i < 4 else 0) for i, t in enumerate(texts)]
    clauses[4].section = "s2"  # in a section of its own: nothing is read under it
    return Document("pw", Source("sources/pw.txt", "0" * 64, "txt", "line"), Metadata(), clauses=clauses)


def test_a_bare_lead_in_is_offered_with_its_items_and_one_without_items_is_not_offered() -> None:
    from datetime import date

    from generator.site.data import SiteData, Topic
    from generator.site.topics import topic_page

    doc, topic = _lead_in_document(), Topic("access-accounts", "Access")
    assert doc.items_under() == {"00000000": doc.clauses[1:4]}
    page = topic_page(SiteData([doc], [topic], [], date(2026, 1, 1)), topic)
    button = re.search(r'<button[^>]*data-aup-add="pw#00000000"[^>]*>([^<]*)<', page)
    assert button and 'data-aup-items="pw#00000001 pw#00000002 pw#00000003"' in button.group(0)
    assert button.group(1) == "Add with its 3 items"
    assert 'data-aup-add="pw#00000004"' not in page  # "Governors must not:" with nothing under it: no button
    assert 'data-aup-add="pw#00000001"' in page
    data = builder_data([doc], [], [topic])
    assert data["clauses"]["pw#00000000"]["items"] == ["pw#00000001", "pw#00000002", "pw#00000003"]
    assert data["clauses"]["pw#00000004"]["intro"] and "items" not in data["clauses"]["pw#00000004"]
    listed = data["topics"][0]["keys"]
    assert "pw#00000000" in listed and "pw#00000004" not in listed
    assert all(not data["clauses"][k].get("intro") for d in data["documents"] for k in d["keys"])  # "start from"
