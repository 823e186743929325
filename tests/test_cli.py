"""The `aup` command line: help everywhere, one line per bad file, exit codes, JSON Lines export."""
from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from commands(command, prefix + (name,))


@pytest.mark.parametrize("path, command", list(commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_and_is_documented(path, command):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert command.help and command.help.strip()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if not isinstance(command, click.Group):
        assert f"aup {' '.join(path)}" in readme, f"`aup {' '.join(path)}` is not in the README"


def test_ingest_reports_bad_files_one_line_each_and_exits_1(tmp_path, policy_file):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["ingest", "--corpus", str(tmp_path / "c"), str(bad), str(policy_file)])
    assert result.exit_code == 1
    assert f"{bad}: file is empty; expected the text of a policy" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert (tmp_path / "c" / "documents" / "oak-primary.yaml").exists()


def test_export_clauses_prints_one_json_object_per_clause(tmp_path, policy_file):
    corpus = tmp_path / "c"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", "--corpus", str(corpus), str(policy_file)]).exit_code == 0
    result = runner.invoke(main, ["export", "clauses", "--corpus", str(corpus)])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 7
    for key in ("document", "clause", "label", "text", "heading", "topics", "source"):
        assert all(key in r for r in records), key
    assert records[0]["document"] == "oak-primary" and records[0]["source"]["lines"][0] > 0


def test_check_fails_with_a_message_on_an_empty_corpus(tmp_path):
    result = CliRunner().invoke(main, ["check", "--corpus", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no documents" in result.stderr


def test_new_project_builds_a_site_from_its_own_corpus(tmp_path, policy_file, monkeypatch):
    runner = CliRunner()
    project = tmp_path / "project"
    assert runner.invoke(main, ["new", str(project)]).exit_code == 0
    assert (project / "mkdocs.yml").exists() and (project / "corpus" / "sources").is_dir()
    monkeypatch.chdir(project)
    assert runner.invoke(main, ["ingest", "-q", str(policy_file)]).exit_code == 0
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output + result.stderr
    assert (project / "site" / "index.html").exists()
    again = runner.invoke(main, ["new", str(project)])
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_tailor_where_there_is_no_corpus_says_so_in_one_line_and_exits_1(tmp_path, monkeypatch):
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text((ROOT / "examples" / "recipe.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["tailor", str(recipe)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "no corpus found (expected corpus/documents/*.yaml)" in lines[0] and "--corpus DIR" in lines[0]
    assert "unknown document" not in result.stderr
