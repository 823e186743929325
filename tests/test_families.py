"""Clause families across documents, word diffs, and near-duplicates inside one document."""
from __future__ import annotations

from pathlib import Path

from generator.corpus import load_corpus, save_document
from generator.families import assign_families, build_families, families_from_documents, load_families, near_duplicates, word_diff
from generator.model import Clause, Document, Metadata, Source, Span


def doc(doc_id: str, *texts: str) -> Document:
    """A document of plain clauses built in code."""
    clauses = [Clause(id=f"{i:08x}", text=t, span=Span(i + 1, i + 1)) for i, t in enumerate(texts)]
    return Document(doc_id, Source(f"sources/{doc_id}.txt", "0" * 64, "txt", "line"), Metadata(), clauses=clauses)


RULE = "The network must not be used for commercial purposes, e.g. buying or selling goods."
EDITED = "The school network must not be used for commercial purposes e.g. buying or selling goods"


def test_near_identical_clauses_of_two_schools_form_one_family() -> None:
    families = build_families([doc("a-school", RULE, "Staff must lock their screens when away."),
                               doc("b-school", "Pupils will be taught to stay safe online.", EDITED)])
    assert len(families) == 1
    family = families[0]
    assert family.id == "a-school-00000000"
    assert family.representative.text == RULE
    assert family.documents == ["a-school", "b-school"]


def test_a_clause_that_negates_the_rule_is_not_in_its_family() -> None:
    assert build_families([doc("a", "Staff must use school cameras to take photographs of pupils."),
                           doc("b", "Staff must not use school cameras to take photographs of pupils.")]) == []


def test_different_rules_and_single_documents_form_no_family() -> None:
    assert build_families([doc("a", RULE, RULE), doc("b", "Staff may use the internet for personal use at lunchtime.")]) == []


def test_family_ids_are_stored_on_clauses_and_read_back(tmp_path: Path) -> None:
    docs, families = assign_families([doc("a", RULE), doc("b", EDITED), doc("c", "Something else entirely here.")])
    assert [c.family for d in docs for c in d.clauses] == ["a-00000000", "a-00000000", None]
    assert families_from_documents(docs)[0].members == families[0].members
    for d in docs:
        save_document(tmp_path, d)
    assert [f.id for f in load_families(tmp_path)] == ["a-00000000"]


def test_families_are_deterministic_whatever_the_document_order() -> None:
    docs = [doc("b", EDITED), doc("a", RULE), doc("c", RULE)]
    assert build_families(docs) == build_families(list(reversed(docs)))


def test_word_diff_shows_equal_deleted_and_inserted_words() -> None:
    ops = word_diff("Staff must lock their screens.", "Staff should lock their screens")
    assert ops == [("equal", "Staff"), ("delete", "must"), ("insert", "should"), ("equal", "lock their screens")]
    assert word_diff(RULE, RULE) == [("equal", RULE)]


def test_near_duplicates_inside_one_document_are_found() -> None:
    d = doc("a", RULE, "Staff must lock their screens when away.", EDITED)
    assert [(a, b) for a, b, _ in near_duplicates(d)] == [("00000000", "00000002")]


def test_the_shipped_hopelands_and_st_josephs_seeds_share_about_twenty_rules() -> None:
    docs = load_corpus(Path(__file__).resolve().parent.parent / "corpus")
    pairs = [f for f in build_families(docs) if set(f.documents) == {"hopelands-prep", "st-josephs-catholic-primary"}]
    assert len(pairs) >= 18


def test_candidate_representatives_do_not_depend_on_the_order_shingles_were_seen():
    from collections import Counter

    from generator.families import CANDIDATES, _candidates

    ties = list(range(CANDIDATES + 3))
    seen_forwards, seen_backwards = Counter(), Counter()
    for rep in ties:
        seen_forwards[rep] += 2
    for rep in reversed(ties):
        seen_backwards[rep] += 2
    assert _candidates(seen_forwards) == _candidates(seen_backwards) == [(rep, 2) for rep in ties[:CANDIDATES]]
