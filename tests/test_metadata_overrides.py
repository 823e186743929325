"""Metadata fixed by hand (`aup ingest --school`, the overrides file's metadata section) and where a policy came from."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check_corpus
from generator.cli import main
from generator.corpus import load_corpus
from generator.errors import ConfigError
from generator.metadata_overrides import load_metadata_overrides, parse_metadata, record_metadata
from generator.pipeline import ingest, retag_corpus
from generator.site.data import SiteData
from generator.site.dates import build_date
from generator.site.documents import document_page, source_link


def _ingest_cli(corpus: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["ingest", "-q", "--corpus", str(corpus), *args])
    assert result.exit_code == 0, result.output


def test_ingest_school_and_citation_are_kept_through_re_ingest_and_re_tagging(policy_file: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _ingest_cli(corpus, "--school", "Oak Primary School", "--source-url", "https://oak.example/aup.pdf",
                "--publisher", "Oak Primary School website", str(policy_file))
    md = load_corpus(corpus)[0].metadata
    assert (md.school, md.source_url, md.publisher) == ("Oak Primary School", "https://oak.example/aup.pdf",
                                                         "Oak Primary School website")
    _ingest_cli(corpus, str(policy_file))  # no --school this time
    retag_corpus(corpus)
    md = load_corpus(corpus)[0].metadata
    assert (md.school, md.source_url) == ("Oak Primary School", "https://oak.example/aup.pdf")
    assert "metadata:" in (corpus / "overrides.yaml").read_text(encoding="utf-8")


def test_a_metadata_override_written_by_hand_fixes_any_field_on_the_next_tag(policy_file: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    doc_id = load_corpus(corpus)[0].id
    (corpus / "overrides.yaml").write_text(
        f"# mine\noverrides: []\nmetadata:\n  {doc_id}:\n    title: Staff ICT Agreement\n    review: July 2027\n"
        "    audiences: [staff, governors]\n", encoding="utf-8")
    retag_corpus(corpus)
    md = load_corpus(corpus)[0].metadata
    assert (md.title, md.review, md.audiences) == ("Staff ICT Agreement", "July 2027", ["staff", "governors"])
    assert check_corpus(corpus) == []


def test_check_reports_an_unknown_document_or_field_with_its_line(policy_file: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    doc_id = load_corpus(corpus)[0].id
    (corpus / "overrides.yaml").write_text(
        f"overrides: []\nmetadata:\n  {doc_id}:\n    colour: blue\n  no-such-doc:\n    school: X School\n", encoding="utf-8")
    problems = check_corpus(corpus)
    assert any(p.endswith(f"overrides.yaml:4: unknown metadata field 'colour' for {doc_id}; known fields: school, title, "
                          "adopted, review, updated, version, approved_by, author, local_authority, source_url, "
                          "publisher, audiences, related_policies") for p in problems), problems
    assert any("overrides.yaml:5: metadata for document 'no-such-doc'" in p for p in problems), problems
    with pytest.raises(ConfigError, match="overrides.yaml:4"):
        load_metadata_overrides(corpus)


def test_recording_metadata_keeps_the_topic_overrides_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text("# topics fixed by hand\noverrides:\n  - document: a\n    clause: b\n    add: [copyright]\n", encoding="utf-8")
    assert record_metadata(tmp_path, {"a": {"school": "Park Road Academy"}})
    assert record_metadata(tmp_path, {"b": {"publisher": "LA"}})
    assert not record_metadata(tmp_path, {"b": {"publisher": "LA"}})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# topics fixed by hand\noverrides:\n  - document: a\n")
    overrides, problems = parse_metadata(text, path)
    assert problems == [] and {o.document: o.values for o in overrides} == {"a": {"school": "Park Road Academy"},
                                                                           "b": {"publisher": "LA"}}


def test_a_document_page_shows_its_citation_escaped_and_links_only_web_addresses(policy_file: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _ingest_cli(corpus, "--publisher", "<b>Oak</b> & Co", "--source-url", "javascript:alert(1)", str(policy_file))
    doc = load_corpus(corpus)[0]
    page = document_page(doc, SiteData([doc], [], [], build_date()))
    assert "&lt;b&gt;Oak&lt;/b&gt; &amp; Co" in page and "<b>Oak" not in page
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    assert source_link("https://example.org/a?b=1&c=2").startswith('<a href="https://example.org/a?b=1&amp;c=2"')
    assert "<a " not in source_link("ftp://example.org/aup.pdf")
