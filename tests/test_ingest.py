"""Ingest: good files go in, bad files get one line each, writes are atomic, re-ingest changes nothing."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.check import check_corpus
from generator.corpus import document_path, load_document
from generator.pipeline import ingest
from generator.writer import write_atomic


def test_ingest_writes_a_valid_lossless_document(tmp_path, policy_file):
    corpus = tmp_path / "corpus"
    report = ingest([policy_file], corpus)
    assert [(o.status, o.document) for o in report.outcomes] == [("added", "oak-primary")]
    doc = load_document(document_path(corpus, "oak-primary"))
    assert (corpus / doc.source.path).read_bytes() == policy_file.read_bytes()
    assert len(doc.source.sha256) == 64
    assert check_corpus(corpus) == []


def test_reingesting_an_unchanged_file_changes_nothing(tmp_path, policy_file):
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    target = document_path(corpus, "oak-primary")
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    report = ingest([policy_file], corpus)
    assert [o.status for o in report.outcomes] == ["unchanged"]
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_clause_ids_survive_an_edit_elsewhere_in_the_file(tmp_path, policy_file):
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    ids = {c.text: c.id for c in load_document(document_path(corpus, "oak-primary")).clauses}
    policy_file.write_text(policy_file.read_text().replace("Passwords\n", "Passwords\n\nA new opening rule is here.\n"))
    assert [o.status for o in ingest([policy_file], corpus).outcomes] == ["updated"]
    after = {c.text: c.id for c in load_document(document_path(corpus, "oak-primary")).clauses}
    assert "A new opening rule is here." in after
    assert all(after[text] == cid for text, cid in ids.items())


def _bad_inputs(folder: Path) -> dict[str, str]:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (folder / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (folder / "notes.xyz").write_text("hello")
    (folder / "truncated.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    (folder / "encrypted.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with zipfile.ZipFile(folder / "nodoc.docx", "w") as z:
        z.writestr("hello.txt", "not a word document")
    return {"empty.txt": "empty", "binary.txt": "binary", "legacy.doc": ".doc", "notes.xyz": "unknown file type",
            "truncated.docx": "", "encrypted.docx": "", "nodoc.docx": ""}


def test_each_bad_file_gets_one_line_and_good_files_still_go_in(tmp_path, policy_file):
    corpus = tmp_path / "corpus"
    expected = _bad_inputs(tmp_path / "bad")
    report = ingest([tmp_path / "bad", policy_file, tmp_path / "missing.txt"], corpus)
    failed = {Path(o.path).name: o.message for o in report.failed}
    assert set(failed) == set(expected) | {"missing.txt"}
    for name, fragment in expected.items():
        assert fragment in failed[name], (name, failed[name])
        assert "\n" not in failed[name]
    assert [o.document for o in report.outcomes if o.status == "added"] == ["oak-primary"]
    assert sorted(p.name for p in (corpus / "documents").iterdir()) == ["oak-primary.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_reported(tmp_path, policy_file):
    policy_file.chmod(0)
    report = ingest([policy_file], tmp_path / "corpus")
    assert "permission denied" in report.failed[0].message


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "doc.yaml"
    target.write_text("old: true\n")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new: true\n")
    assert target.read_text() == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.yaml"]


def test_two_sources_with_the_same_name_get_distinct_ids(tmp_path, policy_file):
    other = tmp_path / "other" / "oak-primary.txt"
    other.parent.mkdir()
    other.write_text("A different policy\n\n- Pupils must log off.\n")
    report = ingest([policy_file, other], tmp_path / "corpus")
    assert sorted(o.document for o in report.outcomes) == ["oak-primary", "oak-primary-2"]


def test_check_reports_schema_problems_with_file_and_clause(tmp_path, policy_file):
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    path = document_path(corpus, "oak-primary")
    data = yaml.safe_load(path.read_text())
    data["clauses"][0]["topics"] = ["Not A Topic"]
    data["clauses"][1]["text"] = ""
    path.write_text(yaml.safe_dump(data))
    problems = check_corpus(corpus)
    assert len(problems) == 2
    assert all(str(path) in p for p in problems)
    assert f"clause {data['clauses'][0]['id']}" in problems[0]


def test_check_names_a_line_left_unaccounted(tmp_path, policy_file):
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    path = document_path(corpus, "oak-primary")
    data = yaml.safe_load(path.read_text())
    lost = data["clauses"].pop(0)
    path.write_text(yaml.safe_dump(data))
    problems = check_corpus(corpus)
    assert problems == [f"{path}: line {lost['source'][0]} is not accounted for"]


def test_shipped_corpus_passes_check():
    assert check_corpus(Path(__file__).resolve().parent.parent / "corpus") == []


def test_a_different_file_with_the_same_slug_in_a_later_run_does_not_replace_a_document(tmp_path, policy_file):
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    other = tmp_path / "other" / "Oak Primary.txt"
    other.parent.mkdir()
    other.write_text("A different policy\n\n- Pupils must log off.\n")
    report = ingest([other], corpus)
    assert [o.document for o in report.outcomes] == ["oak-primary-2"]
    assert load_document(document_path(corpus, "oak-primary")).source.name == "oak-primary.txt"
    assert [o.document for o in ingest([policy_file], corpus).outcomes] == ["oak-primary"]


@pytest.mark.parametrize("name", ["../../../../tmp/x.txt", "a/b\\c \"quoted\" 'x'.txt", "Ysgol Gymraeg Llundain \u0428\u043a\u043e\u043b\u0430.txt",
                                  "\u5b66\u6821.txt", "...txt"])
def test_hostile_names_become_safe_slugs_inside_the_corpus(tmp_path, name):
    from generator.text import slugify

    slug = slugify(Path(name).stem)
    assert slug and "/" not in slug and "\\" not in slug and ".." not in slug and slug == slug.strip("-")
    source = tmp_path / "in" / Path(name).name.replace("/", "_")
    source.parent.mkdir(exist_ok=True)
    source.write_text("Rules\n\n- Staff must not share passwords.\n")
    corpus = tmp_path / "corpus"
    report = ingest([source], corpus)
    (outcome,) = report.outcomes
    written = [p.resolve() for p in corpus.rglob("*") if p.is_file()]
    assert written and all(corpus.resolve() in p.parents for p in written)
    assert outcome.status == "added"


def test_a_stray_nul_byte_is_dropped_not_fatal(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Rules\n\n- Staff must\x00 not share passwords.\n")
    report = ingest([path], tmp_path / "corpus")
    assert report.failed == []
    doc = load_document(document_path(tmp_path / "corpus", "nul"))
    assert doc.clauses[0].text == "Staff must not share passwords."


def test_a_seven_megabyte_line_is_refused(tmp_path, policy_file):
    path = tmp_path / "long.txt"
    path.write_bytes(b"word " * 1_400_000)
    report = ingest([path, policy_file], tmp_path / "corpus")
    assert [Path(o.path).name for o in report.failed] == ["long.txt"]
    assert "characters long" in report.failed[0].message


def test_atomic_writes_get_the_usual_file_mode_not_a_private_one(tmp_path):
    mask = os.umask(0o022)
    try:
        target = tmp_path / "page.md"
        write_atomic(target, "hello")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)
        write_atomic(target, "changed")
        assert target.stat().st_mode & 0o777 == 0o600  # an existing file keeps its mode
    finally:
        os.umask(mask)


def _snapshot(corpus: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file under documents/ and sources/ (the parse cache may warm up)."""
    return {str(p.relative_to(corpus)): (p.read_bytes(), p.stat().st_mtime_ns)
            for folder in ("documents", "sources") for p in sorted((corpus / folder).rglob("*")) if p.is_file()}


@pytest.mark.parametrize("broken, where", [
    ("format: 1\nid: broken\n  clauses: oops\n", "broken.yaml:3: not valid YAML"),
    ("format: 1\nid: broken\n", "broken.yaml: "),
])
def test_aup_ingest_into_a_corpus_with_one_broken_file_names_it_and_writes_nothing(tmp_path, policy_file, broken, where):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    (corpus / "documents" / "broken.yaml").write_text(broken, encoding="utf-8")
    newcomer = tmp_path / "in" / "newcomer.txt"
    newcomer.write_text(policy_file.read_text(encoding="utf-8").replace("Oak", "Elm"), encoding="utf-8")
    policy_file.write_text(policy_file.read_text(encoding="utf-8") + "\nA rule added after the first ingest.\n")
    before = _snapshot(corpus)
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run([sys.executable, "-m", "generator", "ingest", "--corpus", str(corpus), str(newcomer), str(policy_file)],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 1
    assert str(corpus / "documents" / "broken.yaml") in result.stderr
    assert where in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(corpus) == before  # byte for byte, not even touched


def test_ingest_validates_the_whole_result_before_writing_any_document(tmp_path, policy_file, monkeypatch):
    from generator import pipeline
    from generator.pipeline import InvalidCorpusError

    corpus = tmp_path / "corpus"
    real = pipeline.validate
    monkeypatch.setattr(pipeline, "validate", lambda data, path: real(data, path) + [f"{path}: (top): refused by the test"])
    monkeypatch.setattr(pipeline, "conforms", lambda data: False)  # the fast check sends every document to validate
    with pytest.raises(InvalidCorpusError, match="refused by the test"):
        ingest([policy_file], corpus)
    assert not (corpus / "documents").exists() and not (corpus / "sources").exists()


def test_ingest_writes_each_document_once(tmp_path, policy_file, monkeypatch):
    from generator.corpus.transaction import Transaction

    written: list[Path] = []
    real = Transaction.stage
    monkeypatch.setattr(Transaction, "stage", lambda self, path, data: written.append(path) or real(self, path, data))
    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    assert written.count(document_path(corpus, "oak-primary")) == 1


def test_check_parses_each_corpus_file_once(tmp_path, policy_file, monkeypatch):
    from generator import check as check_module
    from generator.corpus import parse_yaml

    corpus = tmp_path / "corpus"
    ingest([policy_file], corpus)
    parsed: list[str] = []
    monkeypatch.setattr(check_module, "read_data", lambda path: parsed.append(path.name) or parse_yaml(path.read_text(encoding="utf-8")))
    monkeypatch.setattr("generator.corpus.store.read_parsed", lambda *a, **k: pytest.fail("a corpus file loaded again"))
    report = check_module.check(corpus)
    assert report.problems == []
    assert parsed == ["oak-primary.yaml"]


def test_a_writer_refuses_a_second_write_to_one_path_naming_both_sources(tmp_path):
    from generator.writer import DuplicateOutputError, Writer

    writer = Writer()
    writer.write(tmp_path / "a" / "page.md", "one", "the first source")
    with pytest.raises(DuplicateOutputError, match="by the first source and by the second source"):
        writer.write(tmp_path / "a" / ".." / "a" / "page.md", "two", "the second source")
    assert (tmp_path / "a" / "page.md").read_text() == "one"
