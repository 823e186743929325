"""Each version's changes are stored at ingest, read by the site instead of diffing again, and never trusted
once either document they came from has changed (a re-tag, a tagger change, an edit by hand)."""
from __future__ import annotations

from generator.corpus import document_path, dump_document, load_document
from generator.pipeline import ingest, retag_corpus
from generator.stored_changes import changes_path, read_changes, store_changes
from generator.versions import compare_versions, load_history
from tests.support.versions import FORCE, PUNCTUATED, new_corpus, seed_and_edit

POLICY = "hopelands-prep"


def _two_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2026-11-30")
    first, second = seed_and_edit(tmp_path / "in")
    corpus = new_corpus(tmp_path)
    ingest([first], corpus)
    ingest([second], corpus)
    return corpus


def _dicts(changes):
    return [c.to_dict() for c in changes.changes]


def test_ingesting_a_new_version_stores_its_changes_as_the_diff_gives_them(tmp_path, monkeypatch):
    corpus = _two_versions(tmp_path, monkeypatch)
    assert changes_path(corpus, POLICY, 2).is_file()
    doc = load_document(document_path(corpus, POLICY))
    stored = read_changes(corpus, load_history(corpus, doc), 2)
    assert stored is not None
    assert _dicts(stored) == _dicts(compare_versions(corpus, doc)[2])
    assert store_changes(corpus, [doc]) == 0  # nothing stale: nothing written


def test_stored_changes_are_stale_once_a_document_changes_and_are_derived_again(tmp_path, monkeypatch):
    corpus = _two_versions(tmp_path, monkeypatch)
    path = document_path(corpus, POLICY)
    doc = load_document(path)
    forced = next(c for c in doc.clauses if FORCE[1] in c.text)
    # as a tagger change would: the current document now gives the clause another force
    edited = [c if c is not forced else type(c)(**{**vars(c), "modality": "should"}) for c in doc.clauses]
    path.write_text(dump_document(type(doc)(**{**vars(doc), "clauses": edited})), encoding="utf-8")
    doc = load_document(path)
    history = load_history(corpus, doc)
    assert read_changes(corpus, history, 2) is None  # never the old force
    assert store_changes(corpus, [doc]) == 1
    assert _dicts(read_changes(corpus, history, 2)) == _dicts(compare_versions(corpus, doc)[2])
    retag_corpus(corpus)  # the tagger puts the force back; the stored changes follow
    doc = load_document(path)
    assert _dicts(read_changes(corpus, load_history(corpus, doc), 2)) == _dicts(compare_versions(corpus, doc)[2])


def test_aup_tag_retags_earlier_versions_so_a_tagger_change_is_not_a_force_change(tmp_path, monkeypatch):
    corpus = _two_versions(tmp_path, monkeypatch)
    doc = load_document(document_path(corpus, POLICY))
    history = load_history(corpus, doc)
    path = corpus / history.version(1).document
    old = load_document(path)
    # version 1 as an older tagger left it: the re-punctuated clause with another force than the tagger gives now
    now = next(c for c in doc.clauses if c.text == PUNCTUATED[1]).modality
    other = "must" if now != "must" else "may"
    old = type(old)(**{**vars(old), "clauses": [type(c)(**{**vars(c), "modality": other}) if c.text == PUNCTUATED[0]
                                                 else c for c in old.clauses]})
    path.write_text(dump_document(old), encoding="utf-8")
    assert any(c.kind == "cosmetic" and c.force for c in compare_versions(corpus, doc)[2].changes)
    retag_corpus(corpus)
    doc = load_document(document_path(corpus, POLICY))
    changes = compare_versions(corpus, doc)[2]
    assert [c.force for c in changes.changes if c.kind == "cosmetic"] == [None]
    assert _dicts(read_changes(corpus, load_history(corpus, doc), 2)) == _dicts(changes)


def test_ingesting_an_earlier_version_again_says_so_and_not_that_it_tagged(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import main

    monkeypatch.setenv("AUP_BUILD_DATE", "2026-11-30")
    first, second = seed_and_edit(tmp_path / "in")
    corpus = new_corpus(tmp_path)
    ingest([first], corpus)
    ingest([second], corpus)
    out = CliRunner().invoke(main, ["ingest", str(first), "--corpus", str(corpus)])
    assert out.exit_code == 0, out.output
    assert "tagged" not in out.output.replace("nothing tagged", "")
    assert "already version 1 of hopelands-prep (an earlier version): nothing tagged or written" in out.output


def test_stored_changes_stay_fresh_when_only_what_the_diff_does_not_read_changed(tmp_path, monkeypatch):
    corpus = _two_versions(tmp_path, monkeypatch)
    path = document_path(corpus, POLICY)
    doc = load_document(path)
    # as another policy's ingest re-familying this one would: the file changes, its clauses' words and force do not
    refamilied = type(doc)(**{**vars(doc), "clauses": [type(c)(**{**vars(c), "family": "f-other"}) for c in doc.clauses]})
    path.write_text(dump_document(refamilied), encoding="utf-8")
    history = load_history(corpus, refamilied)
    assert read_changes(corpus, history, 2) is None  # by the file's digest alone: stale
    assert read_changes(corpus, history, 2, refamilied) is not None  # by what the diff reads: fresh
    assert store_changes(corpus, [refamilied]) == 0
