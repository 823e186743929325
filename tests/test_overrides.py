"""Manual topic overrides: parsed with line numbers, applied after tagging, kept by re-tagging, checked."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check, check_corpus
from generator.corpus import load_corpus
from generator.errors import ConfigError
from generator.pipeline import ingest, retag_corpus
from generator.tagging.overrides import parse_overrides


def write_overrides(corpus: Path, body: str) -> None:
    """Write corpus/overrides.yaml."""
    (corpus / "overrides.yaml").write_text("# corrections\noverrides:\n" + body, encoding="utf-8")


def test_overrides_are_parsed_with_their_line_numbers() -> None:
    text = "overrides:\n  - document: a\n    clause: 0000abcd\n    add: [copyright]\n  - document: b\n    clause: x\n    remove: copyright\n"
    first, second = parse_overrides(text, Path("overrides.yaml"))
    assert (first.line, first.add, second.line, second.remove) == (2, ["copyright"], 5, ["copyright"])


def test_an_override_without_a_clause_is_refused_with_its_line() -> None:
    with pytest.raises(ConfigError) as err:
        parse_overrides("overrides:\n  - document: a\n", Path("overrides.yaml"))
    assert "overrides.yaml:2" in str(err.value)


@pytest.fixture
def corpus(policy_file: Path, tmp_path: Path) -> Path:
    """A tagged one-document corpus."""
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    retag_corpus(corpus)
    return corpus


def _password_clause(corpus: Path):
    doc = load_corpus(corpus)[0]
    return doc, next(c for c in doc.clauses if "password" in c.text)


def test_an_override_adds_and_removes_topics_and_survives_re_tagging_and_re_ingest(corpus: Path, policy_file: Path) -> None:
    doc, clause = _password_clause(corpus)
    assert "access-accounts" in clause.topics
    write_overrides(corpus, f"  - document: {doc.id}\n    clause: {clause.id}\n    add: [copyright]\n"
                            "    remove: [access-accounts]\n    note: test\n")
    retag_corpus(corpus)
    _, tagged = _password_clause(corpus)
    assert "copyright" in tagged.topics and "access-accounts" not in tagged.topics
    assert any(r.startswith("override: overrides.yaml:3") for e in tagged.evidence for r in e.rules)
    ingest([policy_file], corpus)
    retag_corpus(corpus)
    _, again = _password_clause(corpus)
    assert again.topics == tagged.topics


def test_check_reports_an_override_whose_clause_no_longer_exists(corpus: Path) -> None:
    doc = load_corpus(corpus)[0]
    write_overrides(corpus, f"  - document: {doc.id}\n    clause: deadbeef\n    add: [copyright]\n")
    problems = check_corpus(corpus)
    assert any(p.startswith(f"{corpus / 'overrides.yaml'}:3: clause 'deadbeef' no longer exists") for p in problems)


def test_check_passes_a_corpus_with_valid_overrides_and_notes_do_not_fail(corpus: Path) -> None:
    doc, clause = _password_clause(corpus)
    write_overrides(corpus, f"  - document: {doc.id}\n    clause: {clause.id}\n    add: [copyright]\n")
    retag_corpus(corpus)
    assert check_corpus(corpus) == []
    assert check(corpus).notes == []
