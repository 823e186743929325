"""The comparison site: page planning, escaping, dates, writing under docs/ and a strict mkdocs build."""
from __future__ import annotations

import json
import shutil
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from support.synthetic import synthetic_corpus
from test_site_support import PAYLOAD, REPO, SHIPPED, make_project

from generator.corpus import load_corpus
from generator.errors import ConfigError
from generator.families import families_from_documents
from generator.model import Document
from generator.project import GUIDE_PAGES, mkdocs_config, new_project
from generator.site.build import build_site, generate, write_pages
from generator.site.data import SiteData, Topic, load_site_data, page_url
from generator.site.dates import build_date, parse_period, review_overdue
from generator.site.home import coverage_level
from generator.site.pages import plan_pages
from generator.site.topics import MAX_COLUMNS


@pytest.mark.parametrize("text, end", [
    ("April 2024", date(2024, 4, 30)), ("July 2021", date(2021, 7, 31)), ("SPRING 2018", date(2018, 4, 30)),
    ("June 2020", date(2020, 6, 30)), ("22 nd January 2020", date(2020, 1, 22)), ("Summer Term 2021", date(2021, 7, 31)),
    ("01/06/2020", date(2020, 6, 1)), ("2019", date(2019, 12, 31)),
])
def test_policy_dates_are_read_as_the_end_of_the_period_they_name(text: str, end: date) -> None:
    period = parse_period(text)
    assert period is not None and period[1] == end


def test_a_review_is_overdue_only_after_its_period_and_unknown_dates_never_are() -> None:
    assert review_overdue("June 2020", date(2020, 7, 1))
    assert not review_overdue("June 2020", date(2020, 6, 30))
    assert not review_overdue("to be agreed", date(2030, 1, 1))


def test_build_date_comes_from_aup_build_date_then_source_date_epoch() -> None:
    assert build_date({"AUP_BUILD_DATE": "2024-05-06"}) == date(2024, 5, 6)
    assert build_date({"SOURCE_DATE_EPOCH": "86400"}) == date(1970, 1, 2)
    assert build_date({}) == date.today()


def test_page_addresses_follow_mkdocs_directory_urls() -> None:
    data = SiteData([], [], [], date(2025, 1, 1))
    assert page_url("topics/x.md") == "topics/x/" and page_url("topics/index.md") == "topics/"
    assert data.url("documents/a.md", "topics/x.md", "c-1") == "../../documents/a/#c-1"
    assert data.url("index.md", "topics/x.md") == "../../"
    data.directory_urls = False
    assert data.url("documents/a.md", "topics/x.md") == "../documents/a.html"


@lru_cache(maxsize=4)
def _tagged_corpus(n: int) -> tuple[Document, ...]:
    """``n`` documents tagged by the real tagger (computed once per size; the tests only replace items)."""
    return tuple(synthetic_corpus(load_corpus(SHIPPED), n, SHIPPED))


def _data(n: int = 8) -> SiteData:
    topics = [Topic("mobile-devices", "Mobile devices", "Phones."), Topic("access-accounts", "Accounts", "Passwords.")]
    docs = list(_tagged_corpus(n))
    return SiteData(docs, topics, families_from_documents(docs, min_members=2), date(2025, 1, 15))


def test_plan_has_a_home_topic_document_and_compare_page_and_json_per_document() -> None:
    data = _data()
    pages = plan_pages(data, SHIPPED)
    assert {"index.md", "topics/index.md", "topics/mobile-devices.md", "compare/index.md", "documents/index.md",
            "assets/aup/atlas.js", "assets/aup/atlas.css"} <= set(pages)
    for doc in data.documents:
        assert f"documents/{doc.id}.md" in pages
        record = json.loads(pages[f"documents/data/{doc.id}.json"])
        assert [c["id"] for c in record["clauses"]] == [c.id for c in doc.clauses]
    assert 'class="aup-matrix"' in str(pages["index.md"])


def test_topic_pages_are_searched_by_title_and_definition_only_and_show_a_bounded_number_of_columns() -> None:
    data = _data(20)
    page = str(plan_pages(data, SHIPPED)["topics/mobile-devices.md"])
    body = page.split('<p class="aup-definition">')[1]
    # after the definition, everything that repeats clauses (rows, loose clauses) is out of the search index
    for marker in ('class="aup-summary"', 'class="aup-controls"', 'class="aup-table-wrap"', 'class="aup-loose"', "{#families", "{#loose"):
        start = body.index(marker)
        assert "data-pagefind-ignore" in body[start:start + 120], marker
    header = page.split("<thead>")[1].split("</thead>")[0]
    assert header.count('class="aup-doc-col') == MAX_COLUMNS
    assert page.count('type="checkbox" value="') >= 20  # every document can be picked as a column


def test_every_piece_of_source_text_is_escaped_on_every_page() -> None:
    from test_site_support import inject

    data = _data()
    data.documents[0] = inject(data.documents[0], PAYLOAD)
    data = SiteData(data.documents, data.topics, families_from_documents(data.documents, min_members=2), data.today)
    pages = plan_pages(data, SHIPPED)
    for path, content in pages.items():
        if path.endswith(".md"):
            assert "<script>alert" not in str(content) and "<img src=x" not in str(content), path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in str(pages[f"documents/{data.documents[0].id}.md"])


def test_coverage_levels_step_up_with_the_number_of_clauses() -> None:
    assert [coverage_level(n) for n in (0, 1, 2, 3, 4, 7, 8, 30)] == [0, 1, 2, 2, 3, 3, 4, 4]


def test_write_pages_writes_if_changed_prunes_stale_pages_and_keeps_hand_written_ones(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "mine.md").write_text("# Mine\n")
    assert write_pages(docs, {"documents/a.md": "# A\n", "documents/b.md": "# B\n"}) == (2, 0, 0)
    assert write_pages(docs, {"documents/a.md": "# A\n"}) == (0, 1, 1)
    assert not (docs / "documents" / "b.md").exists()
    assert (docs / "guide" / "mine.md").read_text() == "# Mine\n"
    with pytest.raises(ConfigError):
        write_pages(docs, {"../escape.md": "x"})


def test_the_build_refuses_to_overwrite_a_hand_written_home_page(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# My own home\n")
    with pytest.raises(ConfigError, match="hand-written"):
        write_pages(tmp_path / "docs", {"index.md": "<!-- generated by `aup build` from corpus/; edits here are overwritten -->\n"})
    assert (tmp_path / "docs" / "index.md").read_text() == "# My own home\n"


def test_the_starter_config_and_guide_match_this_project() -> None:
    assert (REPO / "mkdocs.yml").read_text(encoding="utf-8") == mkdocs_config("AUP Atlas")
    for page in GUIDE_PAGES:
        assert (REPO / "docs" / "guide" / page).read_bytes() == (REPO / "generator" / "site" / "guide" / page).read_bytes()


def test_a_new_project_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    new_project(tmp_path / "p")
    shutil.copytree(SHIPPED / "sources", tmp_path / "p" / "corpus" / "sources", dirs_exist_ok=True)
    shutil.copytree(SHIPPED / "documents", tmp_path / "p" / "corpus" / "documents")
    result = build_site(tmp_path / "p" / "corpus", tmp_path / "p" / "mkdocs.yml")
    assert (result.site_dir / "index.html").is_file()


def test_the_shipped_corpus_builds_with_mkdocs_strict_and_twice_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUP_BUILD_DATE", "2025-01-15")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "guide", tmp_path / "docs" / "guide")
    result = build_site(SHIPPED, tmp_path / "mkdocs.yml")
    site = result.site_dir
    assert site == tmp_path / "site"
    for path in ("index.html", "topics/index.html", "compare/index.html", "documents/hopelands-prep/index.html",
                 "documents/data/hopelands-prep.json", "guide/adding-policies/index.html", "pagefind/pagefind.js",
                 "pagefind/pagefind-entry.json"):
        assert (site / path).is_file(), path
    assert not (site / "search").exists()  # the theme's lunr index is not built
    assert result.search is not None and result.search.files > 5
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "review" in home and "overdue" in home
    again = generate(SHIPPED, tmp_path / "mkdocs.yml")
    assert again.written == 0 and again.removed == 0
    document = (site / "documents" / "hopelands-prep" / "index.html").read_text(encoding="utf-8")
    assert '<span data-pagefind-filter="school">Hopelands Preparatory School</span>' in document
    assert 'data-pagefind-filter="topic">Mobile phones and personal devices<' in document


def test_a_tagged_synthetic_corpus_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    corpus, config = make_project(tmp_path, 8, PAYLOAD)
    data = load_site_data(corpus, load_corpus(corpus))
    assert data.families and data.topics
    result = build_site(corpus, config)
    topic = (result.site_dir / "topics" / "mobile-devices" / "index.html").read_text(encoding="utf-8")
    assert "<ins>" in topic or "<del>" in topic
    assert "<script>alert(1)" not in topic


def test_every_clause_on_a_document_and_topic_page_carries_a_force_badge_in_words() -> None:
    import re

    from generator.model import MODALITY_LABELS

    data = _data()
    pages = plan_pages(data, SHIPPED)
    for doc in data.documents[:3]:
        page = str(pages[f"documents/{doc.id}.md"])
        clauses = re.findall(r'<p class="aup-clause .*?</p>', page)
        assert len(clauses) == len(doc.clauses)
        for clause, html in zip(doc.clauses, clauses):
            badge = re.search(r'<span class="aup-force aup-f-(\w+)"[^>]*>([^<]+)</span>', html)
            assert badge and badge.groups() == (clause.force, MODALITY_LABELS[clause.modality or "info"]), clause.text
    topic = str(pages["topics/mobile-devices.md"])
    chunks = topic.split('<div class="aup-clause')[1:]
    assert chunks and all('class="aup-force aup-f-' in chunk.split("</div>")[0] for chunk in chunks)


def test_a_big_site_is_indexed_in_parts_each_page_once_the_policies_dealt_in_turn(tmp_path: Path) -> None:
    from generator.site.search import split_pages

    pages = ["index.html", "topics/reporting/index.html", "documents/index.html"] + [f"documents/d{i}/index.html" for i in range(7)]
    for page in pages:
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<html></html>")
    assert split_pages(tmp_path, per_part=7) == [sorted(pages)]
    parts = split_pages(tmp_path, per_part=3)
    assert len(parts) == 3 and sorted(p for part in parts for p in part) == sorted(pages)
    assert {"index.html", "topics/reporting/index.html", "documents/index.html"} <= set(parts[0])
    assert [sum("documents/d" in p for p in part) for part in parts] == [3, 2, 2]
    assert "documents/d1/index.html" in parts[1] and "documents/d3/index.html" in parts[0]


def test_every_list_of_documents_is_in_the_order_of_the_names_shown_not_of_the_ids() -> None:
    from dataclasses import replace

    from generator.site.paths import BUILDER_DATA

    docs = list(_tagged_corpus(3))
    schools = ["Zeta Academy", "braeside Primary School", "Ålesund College"]  # by id: Zeta, braeside, Ålesund
    docs = [replace(d, id=f"{chr(ord('a') + i)}-doc", metadata=replace(d.metadata, school=s))
            for i, (d, s) in enumerate(zip(docs, schools))]
    topics = [Topic("mobile-devices", "Mobile devices", "Phones."), Topic("access-accounts", "Accounts", "Passwords.")]
    data = SiteData(docs, topics, families_from_documents(docs, min_members=2), date(2025, 1, 15))
    shown = ["Ålesund College", "braeside Primary School", "Zeta Academy"]  # case- and accent-insensitive
    assert [data.name(d) for d in data.documents] == shown
    pages = plan_pages(data, SHIPPED)
    for path in ("documents/index.md", "compare/index.md", "index.md", "topics/mobile-devices.md"):
        text = str(pages[path])
        at = [text.find(name) for name in shown]
        assert -1 not in at and at == sorted(at), (path, at)
    builder = json.loads(str(pages[BUILDER_DATA]))
    assert [d["school"] for d in builder["documents"]] == [n for n in shown if n in {d["school"] for d in builder["documents"]}]


def test_the_review_page_names_each_document_as_every_page_does_never_by_its_id() -> None:
    from generator.site.review import review_page

    data = _data(4)
    for doc in data.documents:
        doc.metadata.school = ""  # no organisation stated: named by a readable title, not the file's id
        for clause in doc.clauses:
            clause.confidence = 0.1
    data = SiteData(data.documents, data.topics, families_from_documents(data.documents, min_members=2), data.today)
    page = review_page(data, threshold=0.5, limit=500)
    shown = {data.name(d.id) for d in data.documents}
    assert any(f">{name}</a>:" in page for name in shown)
    assert not any(f">{d.id}</a>:" in page for d in data.documents if d.id not in shown)


def test_two_copies_of_one_policy_are_told_apart_in_the_documents_list_by_their_files() -> None:
    from dataclasses import replace as copy_of

    from generator.site.documents import documents_index

    data = _data(2)
    first = data.documents[0]
    twin = copy_of(first, id=first.id + "-html", source=copy_of(first.source, name="aitchison.html"),
                   metadata=copy_of(first.metadata, school="Aitchison College"))
    first.metadata.school, first.source.name = "Aitchison College", "aitchison.pdf"
    data = SiteData([first, twin], data.topics, families_from_documents([first, twin], min_members=2), data.today)
    from generator.markdown import md_table_cell

    page = documents_index(data)
    assert md_table_cell("(aitchison.pdf)") + "](" in page and md_table_cell("(aitchison.html)") + "](" in page
