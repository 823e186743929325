"""Hostile and broken files: each gets one clear line naming it, no traceback, and good files still go in."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.corpus import document_path, load_document
from tests.hostile_files import GOOD, SMALL, write_small

HOSTILE = Path(__file__).parent / "hostile"


def test_the_committed_hostile_files_match_their_generator(tmp_path):
    write_small(tmp_path)
    for name in SMALL:
        assert (HOSTILE / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_every_hostile_file_gets_one_line_and_the_good_ones_go_in(tmp_path):
    corpus = tmp_path / "corpus"
    result = CliRunner().invoke(main, ["ingest", "-q", "--corpus", str(corpus), str(HOSTILE)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(HOSTILE))]
    named = sorted(Path(line.split(":", 1)[0]).name for line in lines)
    assert named == sorted(set(SMALL) - GOOD)
    for line in lines:
        path, _, message = line.partition(": ")
        assert len(message.split()) >= 4 and "\n" not in message, line
    assert sorted(p.stem for p in (corpus / "documents").glob("*.yaml")) == sorted(Path(n).stem for n in GOOD)
    text = " ".join(c.text for c in load_document(document_path(corpus, "windows-1252")).clauses)
    assert "Staff don\u2019t share \u201cpasswords\u201d \u2013 ever." in text


def test_entities_are_never_expanded_or_fetched(tmp_path):
    corpus = tmp_path / "corpus"
    CliRunner().invoke(main, ["ingest", "-q", "--corpus", str(corpus), str(HOSTILE / "external-entity.docx"),
                              str(HOSTILE / "billion-laughs.docx")])
    assert not (corpus / "documents").exists() or not any((corpus / "documents").iterdir())
