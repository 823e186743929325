"""WordNet synonyms for rule alignment: the database reader, the synonym links, the fallback without it."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from generator import wordnet
from generator.alignment import Settings, _table, align, pair_scores
from generator.alignment import synonyms as synonyms_module
from generator.alignment.clusters import _merge, _Rows
from generator.alignment.features import _words
from generator.alignment.synonyms import synonym_links
from generator.model import Clause, Document, Metadata, Source, Span


def write_database(folder: Path) -> dict[str, int]:
    """A tiny WordNet in the Princeton file format: verbs guard/shield and shield/screen, the noun guard; returns
    each synset's offset by name."""
    synsets = {  # name: (pos, words, pointers as (symbol, target name))
        "guard.v": ("v", ["guard", "shield"], [("+", "guard.n")]),
        "screen.v": ("v", ["screen", "shield"], []),
        "guard.n": ("n", ["guard"], [("+", "guard.v")]),
    }
    offsets: dict[str, int] = {}
    for name in synsets:  # offsets depend on line lengths, which do not depend on the offsets' values (8 digits)
        offsets[name] = 0
    for _ in range(2):
        lines: dict[str, list[str]] = {"n": [], "v": []}
        position = {"n": 0, "v": 0}
        for name, (pos, words, pointers) in synsets.items():
            offsets[name] = position[pos]
            ptrs = " ".join(f"{sym} {offsets[target]:08d} {synsets[target][0]} 0000" for sym, target in pointers)
            line = (f"{offsets[name]:08d} 29 {pos} {len(words):02x} " + " ".join(f"{w} 0" for w in words)
                    + f" {len(pointers):03d} {ptrs} | a gloss  \n")
            lines[pos].append(line)
            position[pos] += len(line.encode("latin-1"))
    header = "  1 This software and database is being provided to you, the LICENSEE\n"
    for pos, name in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
        (folder / f"data.{name}").write_text("".join(lines.get(pos, [])), encoding="latin-1")
    (folder / "index.verb").write_text(header + f"guard v 1 1 + 1 0 {offsets['guard.v']:08d}  \n"
                                       f"screen v 1 0 1 0 {offsets['screen.v']:08d}  \n"
                                       f"shield v 2 1 + 2 0 {offsets['screen.v']:08d} {offsets['guard.v']:08d}  \n")
    (folder / "index.noun").write_text(header + f"guard n 1 1 + 1 0 {offsets['guard.n']:08d}  \n")
    (folder / "index.adj").write_text(header)
    (folder / "index.adv").write_text(header)
    (folder / "verb.exc").write_text("shielded shield\n")
    return offsets


@pytest.fixture()
def tiny_wordnet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    offsets = write_database(tmp_path)
    monkeypatch.setenv("AUP_WORDNET", str(tmp_path))
    wordnet.clear()
    yield offsets
    wordnet.clear()


@pytest.fixture()
def no_wordnet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AUP_WORDNET", str(tmp_path / "absent"))
    wordnet.clear()
    synonyms_module._missing.cache_clear()
    yield
    wordnet.clear()
    synonyms_module._missing.cache_clear()


def doc(doc_id: str, *texts: str) -> Document:
    clauses = [Clause(id=f"{i:08x}", text=t, span=Span(i + 1, i + 1)) for i, t in enumerate(texts)]
    return Document(doc_id, Source(f"sources/{doc_id}.txt", "0" * 64, "txt", "line"), Metadata(), clauses=clauses)


def test_senses_come_most_frequent_first_from_the_base_form(tiny_wordnet: dict[str, int]) -> None:
    assert wordnet.available()
    guard, screen = ("v", tiny_wordnet["guard.v"]), ("v", tiny_wordnet["screen.v"])
    assert wordnet.senses("shields", "v") == (screen, guard)  # suffix rule: shields -> shield
    assert wordnet.senses("shielded", "v", 1) == (screen,)  # the exception list, first sense only
    assert wordnet.senses("guarding", "v") == (guard,)
    assert wordnet.senses("shield", "n") == ()
    assert wordnet.lemmas(guard) == ("guard", "shield")
    assert wordnet.related(guard, "+") == (("n", tiny_wordnet["guard.n"]),)
    assert wordnet.related(guard, "@") == ()


def test_words_sharing_a_synset_are_linked_and_no_others(tiny_wordnet: dict[str, int]) -> None:
    vocab = {"guard": 0, "shield": 1, "screen": 2, "alarm": 3}
    surfaces = {"guard": ["guarding"], "shield": ["shielded"], "screen": ["screen"], "alarm": ["alarm"]}
    links = synonym_links(vocab, surfaces, senses=2)
    assert links is not None
    linked = {(a, b) for a, b in zip(*links.nonzero())}
    assert linked == {(0, 1), (1, 0), (1, 2), (2, 1)}  # guard~shield, shield~screen; not guard~screen
    only_first = synonym_links(vocab, surfaces, senses=1)  # shield's first sense is screen's synset only
    assert {(a, b) for a, b in zip(*only_first.nonzero())} == {(1, 2), (2, 1)}


def test_a_synonym_counts_as_a_weaker_match(tiny_wordnet: dict[str, int]) -> None:
    docs = [doc("a", "Staff must guard the alarm code of the building"),
            doc("b", "Staff must shield the alarm code of the building")]
    on = _table(docs, replace(Settings(), wordnet=1.0))
    off = _table(docs, replace(Settings(), wordnet=0.0))
    a, b = np.array([0]), np.array([1])
    with_synonyms = pair_scores(on, a, b, replace(Settings(), wordnet=1.0))[1][0]
    without = pair_scores(off, a, b, replace(Settings(), wordnet=0.0))[1][0]
    assert with_synonyms > without > 0


def test_without_the_database_alignment_runs_on_words_and_says_so(no_wordnet, caplog: pytest.LogCaptureFixture) -> None:
    assert not wordnet.available()
    assert wordnet.senses("guard", "v") == ()
    docs = [doc("a", "Do not open email attachments from unknown senders"),
            doc("b", "Never open email attachments from unknown senders")]
    with caplog.at_level(logging.WARNING):
        groups = align(docs, replace(Settings(), wordnet=1.0))
    assert len(groups) == 1 and len(groups[0].members) == 2
    assert any("WordNet" in r.getMessage() for r in caplog.records)


def test_later_sentences_weigh_less() -> None:
    words, scale = _words("Never share passwords. Report any loss to the office manager.", 0.5)
    assert [w for w, _ in words][:2] == [w for w, _ in _words("Never share passwords.", 1.0)[0]]
    assert scale is not None and scale[:2] == [1.0, 1.0] and set(scale[2:]) == {0.5}
    assert _words("Never share passwords. Report it.", 1.0)[1] is None


def test_the_vectorised_member_check_matches_one_dot_per_member() -> None:
    texts = [f"Staff must not share passwords {w} with colleagues or visitors" for w in
             ("ever", "online", "by email", "in writing", "on paper", "by phone", "openly", "at home", "abroad", "today")]
    docs = [doc(f"d{k}", t) for k, t in enumerate(texts)] + [doc("z", "Staff must keep passwords secret from visitors")]
    settings = Settings()
    table = _table(docs, settings)
    rows = _Rows(table, settings)
    big = rows.single(0)
    for i in range(1, 10):
        big = _merge(big, rows.single(i), table.words)
    other = rows.single(10)
    expected = min(sum(v * other.word.get(k, 0.0) for k, v in rows.word[i].items()) for i in big.members)
    assert rows.weakest_member(big, other) == pytest.approx(expected)
    assert rows.weakest_member(rows.single(10), big) == pytest.approx(
        sum(v * big.word.get(k, 0.0) for k, v in rows.word[10].items()) / 10)
