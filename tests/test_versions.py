"""Versions of a policy: a changed source adds a version, the old one is kept, the same file changes nothing,
and ``aup diff`` reports exactly what changed, cosmetic edits apart."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.changes import diff_documents
from generator.check import check_corpus
from generator.cli import main
from generator.corpus import document_path, load_document
from generator.errors import CorpusError
from generator.pipeline import ingest
from generator.versions import compare_versions, load_history, load_version
from tests.support.versions import ADDED, FORCE, PUNCTUATED, REMOVED, REWORDED, new_corpus, seed_and_edit


def _files(corpus: Path) -> dict[str, bytes]:
    return {str(p.relative_to(corpus)): p.read_bytes() for p in sorted(corpus.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


@pytest.fixture
def two_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2026-11-30")
    first, second = seed_and_edit(tmp_path / "in")
    corpus = new_corpus(tmp_path)
    ingest([first], corpus)
    report = ingest([second], corpus)
    return corpus, first, second, report


def test_a_changed_source_becomes_the_next_version_and_the_old_one_is_kept(two_versions):
    corpus, first, second, report = two_versions
    assert [(o.status, o.document, o.message) for o in report.outcomes] == [("updated", "hopelands-prep", "version 2")]
    doc = load_document(document_path(corpus, "hopelands-prep"))
    history = load_history(corpus, doc)
    assert [(v.number, v.date, v.date_from) for v in history.versions] == [(1, "2018-08-01", "document"), (2, "2026-11-30", "ingest")]
    old = load_version(corpus, history, 1)
    assert (corpus / old.source.path).read_bytes() == first.read_bytes()
    assert (corpus / doc.source.path).read_bytes() == second.read_bytes()
    assert any(c.text == REMOVED[0] for c in old.clauses)
    assert not any(c.text == REMOVED[0] for c in doc.clauses)
    assert check_corpus(corpus) == []


@pytest.mark.parametrize("which", [0, 1])
def test_reingesting_either_version_changes_nothing(two_versions, which):
    corpus = two_versions[0]
    before = _files(corpus)
    report = ingest([two_versions[1 + which]], corpus)
    assert [o.status for o in report.outcomes] == ["unchanged"]
    assert _files(corpus) == before


def test_the_diff_reports_exactly_the_edits_with_the_repunctuation_cosmetic(two_versions):
    corpus = two_versions[0]
    frm, to, changes = compare_versions(corpus, load_document(document_path(corpus, "hopelands-prep")))
    assert (frm.number, to.number) == (1, 2)
    assert sorted(c.old.text for c in changes.of("removed")) == sorted(REMOVED)
    assert [c.new.text for c in changes.of("added")] == [ADDED]
    reworded = {c.old.text: c for c in changes.of("reworded")}
    assert len(reworded) == 2 and REWORDED[0] in reworded
    assert reworded[REWORDED[0]].new.text == REWORDED[1] and reworded[REWORDED[0]].force is None
    force = next(c for c in changes.of("reworded") if FORCE[0] in c.old.text)
    assert force.force == ("may", "must-not")
    assert [(c.old.text, c.new.text, c.why) for c in changes.of("cosmetic")] == [(*PUNCTUATED, "punctuation")]
    assert changes.of("moved") == []
    assert len(changes.substantive) == 5


def test_aup_diff_prints_text_and_json(two_versions):
    corpus = two_versions[0]
    text = CliRunner().invoke(main, ["diff", "hopelands-prep", "--corpus", str(corpus)])
    assert text.exit_code == 0, text.output
    assert "version 1 (2018-08-01) -> version 2 (2026-11-30)" in text.output
    assert '! force: "may" became "must not"' in text.output
    assert "= cosmetic (punctuation)" in text.output
    out = CliRunner().invoke(main, ["diff", "hopelands-prep", "--corpus", str(corpus), "--json", "--from", "1", "--to", "2"])
    data = json.loads(out.output)
    assert sorted(c["kind"] for c in data["changes"]) == ["added", "cosmetic", "removed", "removed", "reworded", "reworded"]
    bad = CliRunner().invoke(main, ["diff", "hopelands-prep", "--corpus", str(corpus), "--from", "7"])
    assert bad.exit_code == 1 and "no version 7" in bad.output


def test_version_of_names_the_policy_a_differently_titled_file_belongs_to(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2026-11-30")
    first, second = seed_and_edit(tmp_path / "in")
    second.write_text(second.read_text(encoding="utf-8").replace("Hopelands Preparatory School", "Hopelands Prep"), encoding="utf-8")
    corpus = new_corpus(tmp_path)
    ingest([first], corpus)
    ingest([second], corpus, version_of="hopelands-prep")
    assert sorted(p.name for p in (corpus / "documents").glob("*.yaml")) == ["hopelands-prep.yaml"]
    with pytest.raises(CorpusError, match="no such document"):
        ingest([second], corpus, version_of="nope")


def test_cosmetic_changes_are_told_apart():
    from generator.model import Clause, Document, Metadata, Source, Span

    def doc(*texts: str) -> Document:
        from generator.text import digest
        return Document("d", Source("s", "0" * 64, "txt", "line"), Metadata(),
                        clauses=[Clause(digest(t), t, Span(i, i)) for i, t in enumerate(texts, 1)])
    old = doc("Report concerns to Mrs Smith at once.", "Staff  must lock screens.", "1. Keep passwords safe.")
    new = doc("Report concerns to Mr Jones at once.", "Staff must lock screens.", "2. Keep passwords safe.")
    assert [(c.kind, c.why) for c in diff_documents(old, new).changes] == [
        ("cosmetic", "renamed person"), ("cosmetic", "white space"), ("cosmetic", "numbering")]


def test_check_reports_a_history_that_lost_a_version(two_versions):
    corpus = two_versions[0]
    (corpus / "versions" / "hopelands-prep" / "1.txt").write_text("edited by hand\n", encoding="utf-8")
    index = corpus / "versions" / "hopelands-prep" / "versions.yaml"
    index.write_text(index.read_text(encoding="utf-8").replace("number: 2", "number: 1"), encoding="utf-8")
    problems = check_corpus(corpus)
    assert any("version numbers must rise" in p for p in problems)
    assert any("version 1: source versions/hopelands-prep/1.txt does not match its digest" in p for p in problems)


def test_a_resigning_sheet_records_the_version_and_lists_what_changed_since(two_versions, tmp_path):
    from generator.commands import declarations

    corpus = two_versions[0]
    run = declarations("hopelands-prep", corpus, None, "sheet", ["html", "docx"], tmp_path / "out", since=1)
    html = next(p for p in run.paths if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Revision 2" in html and "30 November 2026" not in html  # version 2 states no date of its own: ingest-dated
    assert "What changed since the version you signed (revision 1 of August 2018)" in html
    assert html.count("<li><strong>Removed:</strong>") == 2 and ADDED in html
    assert "Now reads (&#34;may&#34; became &#34;must not&#34;):" in html or 'Now reads (&quot;may&quot;' in html
    assert PUNCTUATED[1] not in html  # cosmetic changes are not asked to be signed again
    plain = declarations("hopelands-prep", corpus, None, "sheet", ["html"], tmp_path / "plain")
    assert "What changed" not in plain.paths[0].read_text(encoding="utf-8")


def test_tailor_check_reports_chosen_clauses_changed_since(two_versions, tmp_path):
    from generator.tailor.freshness import check_recipe

    corpus = two_versions[0]
    old = load_version(corpus, load_history(corpus, load_document(document_path(corpus, "hopelands-prep"))), 1)
    ids = {c.text: c.id for c in old.clauses}
    force_id = next(cid for text, cid in ids.items() if FORCE[0] in text)
    kept = next(cid for text, cid in ids.items() if text.startswith("Use of the internet and email must be"))
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(f"""recipe: 1
title: Staff AUP
school: {{name: Oak School}}
topics:
  internet-email:
    - {{document: hopelands-prep, clause: {ids[REMOVED[0]]}, version: 1}}
    - {{document: hopelands-prep, clause: {force_id}, version: 1}}
    - hopelands-prep#{kept}
""", encoding="utf-8")
    found = check_recipe(recipe, corpus)
    assert len(found) == 2
    assert found[0].startswith(f"{recipe}:6: hopelands-prep#{ids[REMOVED[0]]} (taken from version 1): removed in version 2")
    assert "reworded in version 2" in found[1] and '"may" became "must not"' in found[1]
    out = CliRunner().invoke(main, ["tailor", str(recipe), "--check", "--corpus", str(corpus)])
    assert out.exit_code == 1 and "2 chosen clause(s) changed" in out.output


def test_two_new_versions_of_one_policy_in_one_run_take_the_first_and_fail_the_second(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2026-11-30")
    first, second = seed_and_edit(tmp_path / "in")
    third = tmp_path / "in" / "hopelands-prep-2026.txt"
    third.write_text(second.read_text(encoding="utf-8") + "\n· Staff must wear a badge.\n", encoding="utf-8")
    corpus = new_corpus(tmp_path)
    ingest([first], corpus)
    report = ingest([second, third], corpus)
    assert sorted((o.status, o.path.rsplit("/", 1)[-1]) for o in report.outcomes) == [
        ("failed", "hopelands-prep-2026.txt"), ("updated", "hopelands-prep-2025.txt")]
    assert [v.number for v in load_history(corpus, load_document(document_path(corpus, "hopelands-prep"))).versions] == [1, 2]


def test_a_change_page_escapes_policy_text():
    from datetime import date

    from generator.changes import diff_documents
    from generator.model import Clause, Document, Metadata, Source, Span
    from generator.site.data import SiteData
    from generator.site.history import change_page
    from generator.text import digest
    from generator.versions import History, Version

    def doc(*texts: str) -> Document:
        return Document("x", Source("s", "0" * 64, "txt", "line"), Metadata(school="<b>X</b>"),
                        clauses=[Clause(digest(t), t, Span(i, i), modality="may") for i, t in enumerate(texts, 1)])
    old, new = doc("Staff may use <script>alert(1)</script> here.", "{{ 7*7 }} [x](javascript:alert(1))"), doc("<img src=x onerror=alert(1)>")
    history = History("x", [Version(1, "2020-01-01", "document", "1" * 64, "v/1.yaml", "v/1.txt"),
                            Version(2, "2021-01-01", "document", "2" * 64, "documents/x.yaml", "sources/x.txt")])
    data = SiteData([new], [], [], date(2026, 1, 1), histories={"x": history})
    data.changes_cache[("x", 2)] = diff_documents(old, new)
    page = change_page(data, new, 2)
    assert "<script>" not in page and "<img" not in page and "<b>X" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_overrides_file_can_say_which_policy_a_file_is_a_version_of(tmp_path, monkeypatch):
    monkeypatch.setenv("AUP_BUILD_DATE", "2026-11-30")
    first, second = seed_and_edit(tmp_path / "in")
    second.write_text(second.read_text(encoding="utf-8").replace("Hopelands Preparatory School", "Hopelands Prep"), encoding="utf-8")
    corpus = new_corpus(tmp_path)
    ingest([first], corpus)
    (corpus / "overrides.yaml").write_text("overrides: []\nversions:\n  hopelands-prep-2025.txt: hopelands-prep\n", encoding="utf-8")
    report = ingest([second], corpus)
    assert [(o.status, o.document, o.message) for o in report.outcomes] == [("updated", "hopelands-prep", "version 2")]


def test_a_starter_recipe_records_the_version_each_clause_was_taken_from(two_versions, tmp_path):
    from generator.tailor.freshness import check_recipe
    from generator.tailor.starter import init_recipe

    corpus, first = two_versions[0], two_versions[1]
    other = tmp_path / "other-school-aup.txt"  # another policy with the same rules: the clauses form families
    other.write_text(first.read_text(encoding="utf-8").replace("Acceptable use of ICT", "Staff code of conduct for ICT", 1),
                     encoding="utf-8")
    ingest([other], corpus, metadata={"school": "Other School"})
    text = init_recipe(corpus)
    taken = re.findall(r'\{family: "[^"]+", document: "([^"]+)", clause: "[^"]+", version: (\d+)\}', text)
    assert taken and len(taken) == text.count("- {family:")
    assert {(doc, int(n)) for doc, n in taken} <= {("hopelands-prep", 2), ("other-school-aup", 1)}
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(text, encoding="utf-8")
    assert check_recipe(recipe, corpus) == []  # read as the schema allows, and nothing changed since version 2
    old = load_version(corpus, load_history(corpus, load_document(document_path(corpus, "hopelands-prep"))), 1)
    gone = next(c.id for c in old.clauses if c.text == REMOVED[0])
    first = next(line for line in text.splitlines() if "- {family:" in line)
    family = first.split('family: "')[1].split('"')[0]
    recipe.write_text(text.replace(first, f'    - {{family: "{family}", document: "hopelands-prep", clause: "{gone}", '
                                          "version: 1}"), encoding="utf-8")
    found = check_recipe(recipe, corpus)
    assert len(found) == 1 and "(taken from version 1): removed in version 2" in found[0]


# -- a version's date is the policy's own, to its own precision ----------------------------------------------------
def _one_policy(tmp_path: Path, dating: str) -> Path:
    source = tmp_path / "in" / "oak-primary.txt"
    source.parent.mkdir(parents=True)
    source.write_text(f"Oak Primary School\nStaff Acceptable Use Policy\n{dating}\n\nStaff must lock their screens.\n\n"
                      "Staff must not share their passwords.\n", encoding="utf-8")
    corpus = new_corpus(tmp_path)
    ingest([source], corpus)
    return corpus


def test_a_version_dated_to_the_month_is_shown_to_the_month(tmp_path, monkeypatch):
    from generator.declarations import load_source

    monkeypatch.setenv("AUP_BUILD_DATE", "2026-12-07")
    corpus = _one_policy(tmp_path, "Last reviewed: August 2024")
    current = load_history(corpus, load_document(document_path(corpus, "oak-primary"))).current
    assert (current.date, current.date_from, current.stated, current.shown()) == ("2024-08-01", "document", "August 2024", "August 2024")
    line = load_source(corpus, "oak-primary").dates_line
    assert "Revision 1 of August 2024" in line and "1 August 2024" not in line
    # an index written before the stated date was kept: the current document still states it
    index = corpus / "versions" / "oak-primary" / "versions.yaml"
    index.write_text(re.sub(r"\n\s*stated: .*", "", index.read_text(encoding="utf-8")), encoding="utf-8")
    assert "stated" not in index.read_text(encoding="utf-8")
    assert "Revision 1 of August 2024" in load_source(corpus, "oak-primary").dates_line
    assert check_corpus(corpus) == []


def test_a_sheet_never_gives_the_day_the_file_was_read_as_the_policys_date(tmp_path, monkeypatch):
    from generator.declarations import load_source, render_html

    monkeypatch.setenv("AUP_BUILD_DATE", "2026-12-07")
    corpus = _one_policy(tmp_path, "")
    current = load_history(corpus, load_document(document_path(corpus, "oak-primary"))).current
    assert (current.date, current.date_from) == ("2026-12-07", "ingest")
    source = load_source(corpus, "oak-primary")
    assert source.dates_line == "Revision 1"
    for layout in ("sheet", "roster", "adoption"):
        html = render_html(source, None, layout)
        assert "7 December 2026" not in html and "2026-12-07" not in html


def test_a_numeric_version_date_is_read_in_the_documents_own_locale(tmp_path, monkeypatch):
    from generator.declarations import load_source

    monkeypatch.setenv("AUP_BUILD_DATE", "2026-12-07")
    corpus = _one_policy(tmp_path, "Revised: 06/04/2024\n\nPupils must tell the headteacher, and the governors review "
                                   "safeguarding with the local authority.")
    assert "Revision 1 of 6 April 2024" in load_source(corpus, "oak-primary").dates_line
