"""Incremental families: the clauses of added documents joined to the stored families (families.join_new).

Joining is what a corpus larger than ``pipeline.REALIGN_BELOW`` clauses gets; these tests set that to 0 so that the
shipped corpus stands in for a large one. A small corpus is aligned whole again (the last test)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator import pipeline
from generator.check import check_corpus
from generator.corpus import document_files, load_corpus
from generator.families import assign_families
from generator.model import Clause, Document, Metadata, Source, Span
from generator.pipeline import added_clauses, ingest

ROOT = Path(__file__).resolve().parent.parent
CONTACT = "Staff must not share their personal contact details with pupils or parents."
UNRELATED = ("The orchestra rehearses on Thursday evenings in the music block.",
             "Lunchtime menus rotate every three weeks and include a vegetarian option daily.")


def doc(doc_id: str, *texts: str) -> Document:
    """A document of plain clauses built in code."""
    clauses = [Clause(id=f"{i:08x}", text=t, span=Span(i + 1, i + 1)) for i, t in enumerate(texts)]
    return Document(doc_id, Source(f"sources/{doc_id}.txt", "0" * 64, "txt", "line"), Metadata(), clauses=clauses)


@pytest.fixture(autouse=True)
def large_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every corpus here is treated as one too large to align whole on each ingest."""
    monkeypatch.setattr(pipeline, "REALIGN_BELOW", 0)


@pytest.fixture(scope="module")
def aligned() -> list[Document]:
    """The shipped corpus with its families aligned in full."""
    return assign_families(load_corpus(ROOT / "corpus"))[0]


def families_of(docs: list[Document]) -> dict[tuple[str, str], tuple[str | None, float | None]]:
    return {(d.id, c.id): (c.family, c.similarity) for d in docs for c in d.clauses}


def new_keys(*docs: Document) -> set[tuple[str, str]]:
    return {(d.id, c.id) for d in docs for c in d.clauses}


def test_joining_keeps_every_stored_family_id_and_similarity(aligned: list[Document]) -> None:
    newcomer = doc("zz-new-school", CONTACT, *UNRELATED)
    joined, families = assign_families(aligned + [newcomer], new_keys(newcomer))
    before, after = families_of(aligned), families_of(joined)
    assert all(after[k] == v for k, v in before.items() if v[0])  # no stored member moves or changes similarity
    family, similarity = after[("zz-new-school", "00000000")]
    assert family in {f for f, _ in before.values() if f}  # the reworded rule joins the family it states
    assert 0 < similarity < 1
    assert after[("zz-new-school", "00000001")] == (None, None)
    assert family in {f.id for f in families}


def test_joining_is_deterministic_whatever_the_document_order(aligned: list[Document]) -> None:
    first, second = doc("zz-one", CONTACT, UNRELATED[0]), doc("zz-two", CONTACT.replace("Staff", "Teachers"))
    keys = new_keys(first, second)
    one, _ = assign_families(aligned + [first, second], keys)
    two, _ = assign_families(list(reversed(aligned + [first, second])), keys)
    assert families_of(one) == families_of(two)


def test_joining_equals_a_full_alignment_when_nothing_new_joins(aligned: list[Document]) -> None:
    newcomer = doc("zz-new-school", *UNRELATED)
    joined, families = assign_families(aligned + [newcomer], new_keys(newcomer))
    full, full_families = assign_families(aligned + [newcomer])
    # the same families; a full alignment re-weighs every word with the newcomer's, so the similarities it
    # gives move in the third decimal, where joining keeps the stored ones
    assert {k: f for k, (f, _) in families_of(joined).items()} == {k: f for k, (f, _) in families_of(full).items()}
    assert families_of(joined) == families_of(aligned + [newcomer])
    assert {f.id: f.representative for f in families} == {f.id: f.representative for f in full_families}


def test_new_clauses_of_two_added_documents_make_a_family_of_their_own() -> None:
    base = [doc("a", *UNRELATED), doc("b", "Visitors sign in at reception and wear a badge at all times.")]
    stored, _ = assign_families(base)
    rule = "Drones may only be flown over the playing fields with written permission from the bursar."
    first, second = doc("c", rule), doc("d", rule.replace("written", "prior written"))
    joined, families = assign_families(stored + [first, second], new_keys(first, second))
    assert families_of(joined)[("c", "00000000")] == ("c-00000000", 1.0)
    assert families_of(joined)[("d", "00000000")][0] == "c-00000000"
    assert [f.id for f in families] == ["c-00000000"]


def test_a_reread_document_losing_a_representative_is_aligned_again(aligned: list[Document]) -> None:
    stored = {d.id: d for d in aligned}

    def without(predicate) -> tuple[Document, Clause]:
        d, lost = next((d, c) for d in aligned for c in d.clauses if c.family and predicate(c))
        return replace(d, clauses=[c for c in d.clauses if c.id != lost.id]), lost

    assert added_clauses(stored, [without(lambda c: c.similarity == 1.0)[0]], realign=False) is None
    shorter, lost = without(lambda c: c.similarity < 1.0)
    assert added_clauses(stored, [shorter], realign=False) == set()  # a member just leaves its family
    joined, _ = assign_families([shorter if d.id == shorter.id else d for d in aligned], set())
    assert (shorter.id, lost.id) not in families_of(joined)
    newcomer = doc("zz-new", CONTACT)
    assert added_clauses(stored, [newcomer]) == {("zz-new", "00000000")}
    assert added_clauses(stored, [newcomer], realign=True) is None
    assert added_clauses({}, [newcomer]) is None


def test_a_family_left_in_one_document_is_dissolved() -> None:
    rule = "Drones may only be flown over the playing fields with written permission from the bursar."
    stored, _ = assign_families([doc("a", rule, *UNRELATED), doc("b", rule.replace("written", "prior written"))])
    assert families_of(stored)[("b", "00000000")][0] == "a-00000000"
    reread = replace(stored[1], clauses=[])
    joined, families = assign_families([stored[0], reread], set())
    assert families_of(joined)[("a", "00000000")] == (None, None)
    assert families == []


def test_ingesting_one_more_policy_writes_only_what_changes(tmp_path: Path, seed_sources: Path) -> None:
    corpus = tmp_path / "corpus"
    ingest([seed_sources], corpus)
    files = {p.name: p.read_bytes() for p in document_files(corpus)}
    extra = tmp_path / "more" / "oak-academy.txt"
    extra.parent.mkdir()
    extra.write_text("Oak Academy Acceptable Use Policy\n\n" + CONTACT + "\n\n" + "\n\n".join(UNRELATED) + "\n")
    report = ingest([extra], corpus)
    assert [o.status for o in report.outcomes] == ["added"]
    after = {p.name: p.read_bytes() for p in document_files(corpus)}
    changed = {name for name in after if files.get(name) != after[name]}
    assert changed == {"oak-academy.yaml"}
    added = next(d for d in load_corpus(corpus) if d.id == "oak-academy")
    assert any(c.family for c in added.clauses)
    assert check_corpus(corpus) == []


def test_files_read_again_unchanged_do_not_count_towards_aligning_everything_again(aligned: list[Document]) -> None:
    stored = {d.id: d for d in aligned}
    newcomer = doc("zz-new", CONTACT)
    assert added_clauses(stored, [*aligned, newcomer]) == {("zz-new", "00000000")}
    assert added_clauses(stored, [*aligned, newcomer, doc("zz-two", CONTACT)]) is None  # 2 new of 5 stored


def test_realign_flag_aligns_the_whole_corpus_again(tmp_path: Path, seed_sources: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    corpus = tmp_path / "corpus"
    ingest([seed_sources], corpus)
    extra = tmp_path / "oak-academy.txt"
    extra.write_text("Oak Academy Acceptable Use Policy\n\n" + CONTACT + "\n")
    result = CliRunner().invoke(main, ["ingest", "-q", "--realign", "--corpus", str(corpus), str(extra)])
    assert result.exit_code == 0, result.output
    docs = load_corpus(corpus)
    assert families_of(docs) == families_of(assign_families(docs)[0])  # what aligning everything again gives


def test_a_new_version_of_a_stored_policy_joins_without_rewriting_the_others(tmp_path: Path, seed_sources: Path) -> None:
    corpus = tmp_path / "corpus"
    ingest([seed_sources], corpus)
    files = {p.name: p.read_bytes() for p in document_files(corpus)}
    source = seed_sources / "hopelands-prep.txt"
    source.write_text(source.read_text() + "\n" + CONTACT + "\n")
    report = ingest([source], corpus)
    assert [(o.status, o.message) for o in report.outcomes] == [("updated", "version 2")]
    after = {p.name: p.read_bytes() for p in document_files(corpus)}
    assert {name for name in after if files.get(name) != after[name]} <= {"hopelands-prep.yaml"}
    assert check_corpus(corpus) == []


def test_a_small_corpus_is_aligned_whole_when_a_policy_is_added(tmp_path: Path, seed_sources: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "REALIGN_BELOW", 10_000)
    corpus = tmp_path / "corpus"
    ingest([seed_sources], corpus)
    stored = {d.id: d for d in load_corpus(corpus)}
    newcomer = doc("zz-new", CONTACT)
    assert added_clauses(stored, [newcomer]) is None  # 5 policies: aligned whole
    assert added_clauses(stored, [newcomer], realign=False) == {("zz-new", "00000000")}  # unless told not to
    monkeypatch.setattr(pipeline, "REALIGN_BELOW", sum(len(d.clauses) for d in stored.values()))
    assert added_clauses(stored, [newcomer]) == {("zz-new", "00000000")}  # one clause over the limit: joined
    monkeypatch.setattr(pipeline, "REALIGN_BELOW", 10_000)
    extra = tmp_path / "more" / "oak-academy.txt"
    extra.parent.mkdir()
    extra.write_text("Oak Academy Acceptable Use Policy\n\n" + CONTACT + "\n\n" + "\n\n".join(UNRELATED) + "\n")
    ingest([extra], corpus)
    docs = load_corpus(corpus)
    assert families_of(docs) == families_of(assign_families(docs)[0])  # what one ingest of every policy gives
    assert check_corpus(corpus) == []
