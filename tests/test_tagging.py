"""The tagger: topics with evidence, context from headings and lead-ins, modality and audience."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.corpus import load_corpus
from generator.export import clause_records
from generator.model import AUDIENCES, MODALITIES, Clause, Document, Metadata, Section, Source, Span
from generator.pipeline import ingest, retag_corpus
from generator.tagging.modality import classify_modality
from generator.tagging.tagger import tag_document
from generator.tagging.taxonomy import DEFAULT_TAXONOMY, compile_term, load_taxonomy, load_taxonomy_file

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_IDS = {
    "scope-purpose", "access-accounts", "internet-email", "inappropriate-material", "personal-use", "mobile-devices",
    "social-media", "contact-pupils-parents", "images-recording", "data-protection", "software-equipment",
    "copyright", "monitoring", "reporting", "breaches-sanctions", "pupil-online-safety", "declaration",
    "generative-ai",
}


def make_doc(clauses: list[Clause], audiences: list[str] | None = None, title: str = "Staff AUP",
             sections: list[Section] | None = None) -> Document:
    """A document built in code, without a source file."""
    return Document("oak", Source("sources/oak.txt", "0" * 64, "txt", "line"),
                    Metadata(title=title, audiences=audiences or ["staff"]), sections=sections or [], clauses=clauses)


def clause(cid: str, text: str, **kw) -> Clause:
    """A clause with a dummy span."""
    return Clause(id=cid, text=text, span=Span(1, 1), **kw)


@pytest.fixture(scope="module")
def taxonomy():
    """The shipped default taxonomy."""
    return load_taxonomy_file(DEFAULT_TAXONOMY)


def test_the_taxonomy_has_the_eighteen_reference_topics_with_titles_and_definitions() -> None:
    topics = load_taxonomy(ROOT / "corpus")
    assert {t.id for t in topics} == REFERENCE_IDS
    assert all(t.title and t.definition and t.terms for t in topics)


def test_the_shipped_corpus_taxonomy_matches_the_packaged_default() -> None:
    assert (ROOT / "corpus" / "topics.yaml").read_text(encoding="utf-8") == DEFAULT_TAXONOMY.read_text(encoding="utf-8")


def test_a_corpus_without_its_own_taxonomy_uses_the_default(tmp_path: Path) -> None:
    assert {t.id for t in load_taxonomy(tmp_path)} == REFERENCE_IDS


@pytest.mark.parametrize("term,text,hit", [
    ("photograph*", "Photographs of pupils", True),
    ("log on", "your log-on details", True),
    ("log on", "catalogue on", False),
    ("re:\\bPINs?\\b", "keep PINs safe", True),
])
def test_terms_match_on_word_boundaries_with_wildcards_and_flexible_spaces(term: str, text: str, hit: bool) -> None:
    assert bool(compile_term(term).search(text)) is hit


@pytest.mark.parametrize("text,topic", [
    ("Staff must never share their password or username with anyone.", "access-accounts"),
    ("Photographs of pupils may only be taken on school cameras.", "images-recording"),
    ("Staff must not accept friend requests from pupils on Facebook.", "social-media"),
    ("The school reserves the right to monitor and intercept email.", "monitoring"),
    ("Any breach may lead to disciplinary action, including dismissal.", "breaches-sanctions"),
    ("Do not install software without the approval of the technician.", "software-equipment"),
    ("Personal data must be encrypted before it is taken off site.", "data-protection"),
])
def test_a_clause_gets_the_topic_its_vocabulary_names(taxonomy, text: str, topic: str) -> None:
    doc = tag_document(make_doc([clause("a", text)]), taxonomy)
    assert doc.clauses[0].topics[0] == topic


def test_every_topic_carries_evidence_naming_the_rule_and_a_score(taxonomy) -> None:
    doc = tag_document(make_doc([clause("a", "Keep your password safe and report any concerns to the headteacher.")]),
                       taxonomy)
    c = doc.clauses[0]
    assert [e.topic for e in c.evidence] == c.topics
    assert all(e.rules and e.score > 0 for e in c.evidence)
    assert set(c.topics) == {"access-accounts", "reporting"}
    assert any("password" in r for e in c.evidence for r in e.rules)


def test_the_heading_informs_a_clause_that_does_not_name_its_topic(taxonomy) -> None:
    sections = [Section("s-mobile", "Mobile phones", 1, Span(1, 1))]
    c = clause("a", "These must be kept in a secure place and switched off during lessons.",
               heading=["Mobile phones"], section="s-mobile")
    tagged = tag_document(make_doc([c], sections=sections), taxonomy).clauses[0]
    assert "mobile-devices" in tagged.topics
    assert any(r.startswith("heading:") for e in tagged.evidence for r in e.rules)


def test_a_lead_in_informs_its_items(taxonomy) -> None:
    lead = clause("l", "When using social networking sites, staff should not:", kind="lead-in")
    item = clause("i", "accept invitations from current pupils", parent="l")
    tagged = tag_document(make_doc([lead, item]), taxonomy).clauses[1]
    assert "social-media" in tagged.topics
    assert tagged.modality == "should-not"


def test_a_do_caption_heading_borrows_the_topic_of_the_heading_before_it(taxonomy) -> None:
    sections = [Section("s-cam", "Use of cameras and recording equipment", 1, Span(1, 1)),
                Section("s-do", "Do", 1, Span(2, 2))]
    c = clause("a", "ensure that material recorded is for educational purposes only", heading=["Do"], section="s-do")
    tagged = tag_document(make_doc([c], sections=sections), taxonomy).clauses[0]
    assert tagged.topics[0] == "images-recording"
    assert tagged.modality == "must"


def test_a_declaration_clause_is_tagged_declaration(taxonomy) -> None:
    c = clause("d", "I confirm the above.", kind="declaration")
    assert tag_document(make_doc([c]), taxonomy).clauses[0].topics[0] == "declaration"


@pytest.mark.parametrize("text,expected", [
    ("Staff must lock their screens.", "must"),
    ("Staff must not use personal phones.", "must-not"),
    ("Staff should back up their work.", "should"),
    ("Staff are advised not to accept friend requests.", "should-not"),
    ("Staff may use the internet at lunchtime.", "may"),
    ("I will not share my password.", "will-not"),
    ("If I see something upsetting I will tell a teacher.", "will"),
    ("The internet is a valuable resource for learning.", "info"),
    ("Do not download attachments from unknown senders.", "must-not"),
])
def test_modality_follows_the_first_modal_expression(text: str, expected: str) -> None:
    assert classify_modality(clause("a", text), None, []) == expected


def test_a_pupil_agreement_binds_pupils_and_is_about_their_online_safety(taxonomy) -> None:
    doc = make_doc([clause("a", "I will ask a teacher if I want to use the tablets.")],
                   audiences=["pupils"], title="Pupil Acceptable Use Agreement KS1")
    c = tag_document(doc, taxonomy).clauses[0]
    assert c.audience == ["pupils"]
    assert "pupil-online-safety" in c.topics


def test_the_subject_of_a_clause_names_its_audience_but_an_object_does_not(taxonomy) -> None:
    doc = make_doc([clause("a", "Visitors and volunteers must not photograph pupils."),
                    clause("b", "Calls to parents should be made from school telephones.")],
                   audiences=["staff", "governors"])
    a, b = tag_document(doc, taxonomy).clauses
    assert a.audience == ["visitors", "volunteers"]
    assert b.audience == ["staff", "governors"]


def test_every_clause_of_the_shipped_sources_gets_a_modality_an_audience_and_evidenced_topics(
        seed_sources: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    ingest([seed_sources], corpus)
    retag_corpus(corpus)
    records = [r for doc in load_corpus(corpus) for r in clause_records(doc)]
    assert records
    for r in records:
        assert r["modality"] in MODALITIES
        assert r["audience"] and set(r["audience"]) <= set(AUDIENCES)
        assert r["topics"] and {e["topic"] for e in r["evidence"]} == set(r["topics"])
        assert all(e["rules"] for e in r["evidence"])


def test_tagging_is_deterministic(taxonomy) -> None:
    docs = load_corpus(ROOT / "corpus")
    assert [tag_document(d, taxonomy) for d in docs] == [tag_document(d, taxonomy) for d in docs]
