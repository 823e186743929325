"""site/paths.py is the one place that knows every generated path: plans, .gitignore, mkdocs.yml agree with it."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from test_site_support import SHIPPED

from generator.corpus import load_corpus
from generator.site.build import generate
from generator.site.data import load_site_data
from generator.site.home import coverage_parts
from generator.site.pages import plan_document_pages, plan_pages, plan_shared_pages
from generator.site.paths import GENERATED_DIRS, GENERATED_IGNORES, HOME_PAGE, NOT_IN_NAV, document_paths, shared_paths
from generator.writer import DuplicateOutputError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data():
    docs = load_corpus(SHIPPED)
    return load_site_data(SHIPPED, docs)


def test_the_shared_pages_planned_are_exactly_the_registered_paths(data):
    assert set(plan_shared_pages(data)) == set(shared_paths([t.id for t in data.topics], coverage_parts(data)))


def test_each_documents_pages_are_its_registered_paths(data):
    for doc in data.documents:
        assert set(plan_document_pages(data, SHIPPED, [doc])) == set(document_paths(doc))


def test_every_planned_page_lies_in_a_generated_folder_or_is_the_home_page(data):
    for path in plan_pages(data, SHIPPED):
        assert path == HOME_PAGE or any(path.startswith(f"{folder}/") for folder in GENERATED_DIRS), path


def test_this_projects_gitignore_ignores_every_generated_folder():
    lines = set((REPO / ".gitignore").read_text(encoding="utf-8").splitlines())
    assert set(GENERATED_IGNORES) <= lines


def test_this_projects_mkdocs_yml_keeps_the_registered_pages_out_of_the_nav():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert tuple(config["not_in_nav"].split()) == NOT_IN_NAV


def test_a_source_named_index_does_not_replace_the_documents_index(tmp_path, data):
    doc = data.documents[0]
    index = replace(doc, id="index", source=replace(doc.source, path="sources/index.txt", name="index.txt"))
    clash = load_site_data(SHIPPED, [*data.documents, index])
    with pytest.raises(DuplicateOutputError) as caught:
        plan_pages(clash, SHIPPED)
    message = str(caught.value)
    assert "docs/documents/index.md" in message and "the site's page documents/index.md" in message
    assert "document 'index' (from index.txt)" in message
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ndocs_dir: docs\n", encoding="utf-8")
    with pytest.raises(DuplicateOutputError):
        generate(SHIPPED, config, clash)
    assert not (tmp_path / "docs").exists()  # nothing written
