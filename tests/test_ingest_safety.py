"""Ingest at scale, safely: concurrent runs both land, a killed run leaves a valid corpus, the fast paths agree."""
from __future__ import annotations

import copy
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.check import check_corpus
from generator.corpus import document_files, document_to_dict, load_corpus, parse_yaml, validate
from generator.corpus.schema import conforms
from generator.corpus.store import dump_data
from generator.corpus.transaction import JOURNAL_FILE, Transaction, corpus_lock, recover
from generator.pipeline import ingest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "corpus"


def _sources(folder: Path, prefix: str, copies: int = 1) -> list[str]:
    """Copies of the shipped text sources named ``<prefix>-<n>-<stem>.txt``; their document ids. Each copy has a
    title of its own, so it is a policy of its own, not the next version of another copy (generator.versions)."""
    folder.mkdir(parents=True)
    ids = []
    for n in range(copies):
        for src in sorted((SHIPPED / "sources").glob("*.txt")):
            name = f"{prefix}-{n}-{src.stem}"
            text = (f"{prefix.title()} copy {n} Acceptable Use Policy\n\n" + src.read_text(encoding="utf-8")
                    + f"\nThis copy is number {n} of {prefix}.\n")
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            ids.append(name)
    return ids


def _aup(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_two_ingest_runs_started_together_both_land_every_document(tmp_path):
    corpus = tmp_path / "corpus"
    a = _sources(tmp_path / "a", "alpha")
    b = _sources(tmp_path / "b", "beta")
    runs = [subprocess.Popen(_aup("ingest", "-q", "--corpus", str(corpus), str(tmp_path / name)), env=_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for name in ("a", "b")]
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err.decode()
    assert sorted(p.stem for p in document_files(corpus)) == sorted(a + b)
    assert check_corpus(corpus) == []
    assert not list(corpus.rglob("*.aup-tmp")) and not (corpus / JOURNAL_FILE).exists()


@pytest.mark.parametrize("delay", [0.4, 1.1, 1.9, 2.8, 4.0])
def test_an_ingest_killed_at_any_moment_leaves_a_corpus_that_passes_check(tmp_path, delay):
    corpus = tmp_path / "corpus"
    first = _sources(tmp_path / "first", "kept")
    assert not ingest([tmp_path / "first"], corpus).failed
    before = {p.name: p.read_bytes() for p in document_files(corpus)}
    # a run that adds documents and changes every stored one (their sources change too)
    more = tmp_path / "more"
    _sources(more, "added", copies=2)
    for name in first:
        (more / f"{name}.txt").write_text((tmp_path / "first" / f"{name}.txt").read_text(encoding="utf-8") + "\nA new rule.\n",
                                          encoding="utf-8")
    run = subprocess.Popen(_aup("ingest", "-q", "--corpus", str(corpus), str(more)), env=_env(),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(delay)
    os.killpg(run.pid, signal.SIGKILL)  # the run and the child it forked for the second core
    run.wait()
    assert check_corpus(corpus) == []
    after = {p.name: p.read_bytes() for p in document_files(corpus)}
    changed = {name for name in before if after.get(name) != before[name]}
    assert changed in (set(), set(before))  # the run's files went in all together, or not at all
    assert not list(corpus.rglob("*.aup-tmp")) and not (corpus / JOURNAL_FILE).exists()
    report = ingest([more], corpus)  # and the next run goes through
    assert not report.failed and check_corpus(corpus) == []


def test_a_journal_left_by_a_killed_commit_is_finished_by_the_next_lock(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "documents").mkdir(parents=True)
    one, two = corpus / "documents" / "one.txt", corpus / "documents" / "two.txt"
    one.write_text("old one")
    transaction = Transaction(corpus)
    transaction.stage(one, "new one")
    transaction.stage(two, "new two")
    # the commit as far as the journal and the first rename, then "killed"
    real_replace = os.replace
    calls = []

    def replace_then_die(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the journal, the first file, then the kill
            raise KeyboardInterrupt
        real_replace(src, dst)

    os.replace = replace_then_die
    try:
        with pytest.raises(KeyboardInterrupt):
            transaction.commit()
    finally:
        os.replace = real_replace
    assert (corpus / JOURNAL_FILE).exists() and one.read_text() == "new one" and not two.exists()
    with corpus_lock(corpus):
        pass
    assert one.read_text() == "new one" and two.read_text() == "new two" and not (corpus / JOURNAL_FILE).exists()
    assert not recover(corpus)


def test_temporary_files_of_a_run_killed_before_its_commit_are_removed(tmp_path):
    corpus = tmp_path / "corpus"
    target = corpus / "documents" / "one.txt"
    Transaction(corpus).stage(target, "never committed")
    assert list(corpus.rglob("*.aup-tmp"))
    with corpus_lock(corpus):
        pass
    assert not list(corpus.rglob("*.aup-tmp")) and not target.exists()


def test_the_stored_form_is_what_parsing_its_yaml_gives_back():
    """Ingest checks and caches the stored form without parsing the YAML it writes: they must be equal."""
    for doc in load_corpus(SHIPPED):
        data = document_to_dict(doc)
        back = parse_yaml(dump_data(data))
        assert back == data and _types(back) == _types(data), doc.id


def _types(value):
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


def _mutations(value, path=()):
    """(path, replacement or a marker) for every node: wrong types, out-of-range and bad-pattern values,
    a missing or an extra key, a duplicated list item."""
    yield from ((path, r) for r in (None, True, -1, 0.5, 2, "", "Not-A-Topic", [], {}))
    if isinstance(value, dict):
        for key in value:
            yield path + (key,), "<delete>"
            yield from _mutations(value[key], path + (key,))
        yield path + ("unexpected",), "x"
    elif isinstance(value, list) and value:
        yield path, value + value[:1]
        yield from _mutations(value[0], path + (0,))


def _apply(data, path, replacement):
    data = copy.deepcopy(data)
    if not path:
        return replacement
    node = data
    for key in path[:-1]:
        node = node[key]
    if replacement == "<delete>":
        del node[path[-1]]
    else:
        node[path[-1]] = replacement
    return data


def test_the_compiled_schema_check_agrees_with_jsonschema():
    doc = load_corpus(SHIPPED)[0]
    data = document_to_dict(doc)
    data["clauses"] = data["clauses"][:4]  # every clause shape is walked through its first few
    data["metadata"]["fields"] = data["metadata"]["fields"][:2]
    assert conforms(data) and validate(data, Path("x")) == []
    checked = 0
    for path, replacement in _mutations(data):
        mutated = _apply(data, path, replacement)
        assert conforms(mutated) == (validate(mutated, Path("x")) == []), (path, replacement)
        checked += 1
    assert checked > 500


def test_bad_files_get_one_line_each_while_the_rest_go_in_across_both_cores(tmp_path):
    inputs = tmp_path / "in"
    ids = _sources(inputs, "good")
    for n in range(3):
        (inputs / f"bad-{n}.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    shutil.copy(inputs / f"{ids[0]}.txt", inputs / "zz-same-slug.TXT")
    report = ingest([inputs], tmp_path / "corpus")
    assert sorted(Path(o.path).name for o in report.failed) == ["bad-0.txt", "bad-1.txt", "bad-2.txt"]
    assert len({o.document for o in report.outcomes if o.status == "added"}) == len(ids) + 1
    assert check_corpus(tmp_path / "corpus") == []


def test_the_fast_yaml_writer_writes_libyamls_bytes():
    import random

    import yaml

    from generator.corpus.emit import emit

    def dump(data):
        return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                         allow_unicode=True, width=100000)

    for doc in load_corpus(SHIPPED):
        data = document_to_dict(doc)
        assert emit(data) == dump(data), doc.id
    rng = random.Random(1)
    pool = list("ab Z09:#-?,[]{}&*!|>'\"%@`.~_/\\=<+") + ["é", "’", "–", "\u00a0", "\t", "\n", "😀", "\u2028", "\ufeff",
                                                         "\x85", "yes", "null", "No", "1.5", "0x1F", "2024-01-01",
                                                         "1_000", ".inf", "=", "<<", "---", "...", "~"]
    for _ in range(3000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
        data = {"a": s, "b": [s, {"c": s, "d": [s]}], "e": [[s, s], []], "f": {},
                "g": rng.choice([1, 0.1, 1e-05, 2.5e20, True, None, -3])}
        assert emit(data) == dump(data), repr(s)
