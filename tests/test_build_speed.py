"""What makes large builds and ingests fast must not change what they produce.

The parse cache gives exactly what parsing gives; the tagger's literal pre-filter finds exactly the hits
trying every term finds; pages planned and written on two cores are the bytes one process writes.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_site_support import PAYLOAD, make_project

from generator.corpus import CACHE_DIR, document_files, load_corpus, load_document, parse_yaml, read_data, save_document
from generator.errors import ConfigError, CorpusError
from generator.site.build import _plan_and_write
from generator.site.data import load_site_data
from generator.site.parallel import in_two
from generator.tagging.matcher import Matcher as _Matcher
from generator.tagging.matcher import matcher as _matcher
from generator.tagging.tagger import is_topical
from generator.tagging.taxonomy import load_taxonomy_file, taxonomy_path

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "corpus"


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SHIPPED / "documents", corpus / "documents")
    return corpus


def test_the_parse_cache_gives_what_parsing_gives_and_follows_the_file(tmp_path):
    corpus = _corpus(tmp_path)
    plain = load_corpus(corpus)
    assert load_corpus(corpus, cache=True) == plain  # a miss: parsed, then kept
    assert len(list((corpus / CACHE_DIR).glob("*.json"))) == len(plain)
    assert load_corpus(corpus, validate=False, cache=True) == plain  # a hit
    path = document_files(corpus)[0]
    doc = load_document(path)
    text = path.read_text(encoding="utf-8").replace(f"text: {doc.clauses[0].text}", "text: A changed clause.", 1)
    assert text != path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert read_data(path, cache=True) == parse_yaml(text)
    assert load_document(path, cache=True).clauses[0].text == "A changed clause."


def test_a_cached_file_that_fails_the_schema_still_fails_and_save_leaves_the_cache_warm(tmp_path):
    corpus = _corpus(tmp_path)
    path = document_files(corpus)[0]
    doc = load_document(path)
    path.write_text(path.read_text(encoding="utf-8").replace("\nclauses:", "\nclauses_: []\nclauses:", 1), encoding="utf-8")
    load_corpus(corpus, validate=False, cache=True)  # the bad file's parse is cached, not marked valid
    with pytest.raises(CorpusError):
        load_document(path, cache=True)
    assert save_document(corpus, doc, cache=True)
    entry = (corpus / CACHE_DIR / f"{path.stem}.json").read_text(encoding="ascii")
    assert doc.id in entry and load_document(path, cache=True) == load_document(path)


def test_the_term_prefilter_finds_exactly_what_trying_every_term_finds():
    taxonomy = load_taxonomy_file(taxonomy_path(SHIPPED))
    texts = {c.text for d in load_corpus(SHIPPED) for c in d.clauses}
    texts |= {h for d in load_corpus(SHIPPED) for c in d.clauses for h in c.heading}
    texts |= {"PASSWORDS must never be shared", "Pa\u017f\u017fwords and mobile phones", "\u212aeep your PIN safe",
              "Mob\u0131le phones", "\u0130NTERNET use", "e-safety / online-safety", "", "   "}
    every_term = _Matcher(taxonomy, prefilter=False)
    for text in sorted(texts):
        assert _matcher(taxonomy).found(text) == every_term.found(text), text
        assert is_topical(text, taxonomy) == any(t.weight >= 1 and t.pattern.search(text)
                                                 for topic in taxonomy.topics for t in topic.terms), text


def test_two_halves_give_their_results_and_a_project_error_comes_back_as_itself():
    assert in_two(lambda: [1, 2], lambda: "here") == ([1, 2], "here")

    def fails():
        raise ConfigError("bad page", "docs/x.md")

    with pytest.raises(ConfigError) as info:
        in_two(fails, lambda: None)
    assert info.value.path == "docs/x.md" and info.value.message == "bad page"
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        in_two(lambda: 1 / 0, lambda: None)


def test_pages_written_on_two_cores_are_the_bytes_one_process_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2025-01-15")
    corpus, _ = make_project(tmp_path, 24, PAYLOAD)
    data = load_site_data(corpus, load_corpus(corpus, validate=False))
    two, one = tmp_path / "two", tmp_path / "one"
    counts = _plan_and_write(two, corpus, data)
    monkeypatch.setenv("AUP_JOBS", "1")
    assert _plan_and_write(one, corpus, load_site_data(corpus, load_corpus(corpus, validate=False))) == counts

    def tree(folder):
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert tree(two) == tree(one) and counts[0] == len(tree(one))


def test_mkdocs_pages_rendered_on_two_cores_are_the_bytes_one_process_renders(tmp_path, monkeypatch):
    from mkdocs.config import load_config

    from generator.site.build import generate
    from generator.site.render import build_in_two

    monkeypatch.setenv("AUP_BUILD_DATE", "2025-01-15")
    corpus, config = make_project(tmp_path, 12, PAYLOAD)
    generate(corpus, config)

    def built(name: str) -> dict[str, bytes]:
        cfg = load_config(config_file=str(config), strict=True)
        cfg["site_dir"] = str(tmp_path / name)
        build_in_two(cfg)
        return {str(p.relative_to(tmp_path / name)): p.read_bytes() for p in sorted((tmp_path / name).rglob("*")) if p.is_file()}

    two = built("two")
    monkeypatch.setenv("AUP_JOBS", "1")
    one = built("one")
    assert len(one) > 40 and two.keys() == one.keys()
    assert [k for k in one if one[k] != two[k]] == []


def test_a_warning_in_either_process_fails_the_strict_build(tmp_path, monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from generator.site.build import generate
    from generator.site.render import build_in_two

    corpus, config = make_project(tmp_path, 6)
    generate(corpus, config)
    docs = tmp_path / "docs" / "documents"
    for page in [p for p in sorted(docs.glob("*.md")) if p.name != "index.md"][:4]:  # pages of both halves link to a page that does not exist
        page.write_text(page.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    cfg = load_config(config_file=str(config), strict=True)
    cfg["site_dir"] = str(tmp_path / "site")
    with pytest.raises(Abort, match="4 warnings"):
        build_in_two(cfg)
