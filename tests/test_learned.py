"""The learned tagger: features, the shipped model, ``aup train`` (deterministic, learns from overrides)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.export import export_clauses
from generator.model import Clause, Document, Metadata, Source, Span
from generator.pipeline import retag_corpus
from generator.tagging.learned import DEFAULT_MODEL, Inputs, features, load_model, model_from_json, section_context, stem
from generator.tagging.tagger import rule_pass, tag_document
from generator.tagging.taxonomy import DEFAULT_TAXONOMY, load_taxonomy_file, taxonomy_path

ROOT = Path(__file__).resolve().parents[1]

POLICY = """Staff Acceptable Use Policy

Passwords
1. Staff must keep their password secret and never share it with anyone.
2. Staff must lock their computer when they leave it unattended.

Personal use
3. Staff must not use school computers for online shopping or personal banking.
4. Subscribing to mailing lists that are not work related is not allowed.

Social media
5. Staff must not accept friend requests from pupils on Facebook or Instagram.
6. Staff must not post pictures of pupils on their own social networking profiles.
"""

GOLD = [
    {"doc": "staff.txt", "text": "keep their password secret", "primary": "access-accounts"},
    {"doc": "staff.txt", "text": "lock their computer", "primary": "access-accounts"},
    {"doc": "staff.txt", "text": "online shopping or personal banking", "primary": "personal-use"},
    {"doc": "staff.txt", "text": "mailing lists", "primary": "personal-use"},
    {"doc": "staff.txt", "text": "friend requests from pupils", "primary": "social-media"},
    {"doc": "staff.txt", "text": "post pictures of pupils", "primary": "social-media", "also": ["images-recording"]},
]


def make_doc(texts: list[str]) -> Document:
    clauses = [Clause(f"c{i}", t, Span(i + 1, i + 1)) for i, t in enumerate(texts)]
    return Document("d", Source("sources/d.txt", "0" * 64, "txt", "line"), Metadata(title="Staff AUP"), [], clauses)


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy_file(DEFAULT_TAXONOMY)


@pytest.fixture(scope="module")
def model():
    return load_model(DEFAULT_MODEL)


def test_features_name_words_pairs_context_and_rule_scores() -> None:
    feats = features(Inputs("Staff are monitoring emails", ["E-mail"], "Staff must:", "clause", "must", ["staff"],
                            {"monitoring": 2.0}))
    assert {"w:monitor", "b:staff are", "h:mail", "p:staff", "k:clause", "m:must", "a:staff"} <= set(feats)
    assert 0 < feats["r:monitoring"] < 1
    assert stem("monitoring") == stem("monitored") == "monitor"


def test_section_context_is_what_the_other_clauses_of_the_section_are_about() -> None:
    rules = [("phones", {"mobile-devices": 4.0}), ("phones", {"mobile-devices": 2.0, "personal-use": 1.0}),
             ("phones", {}), ("email", {"internet-email": 3.0}), (None, {"scope-purpose": 1.0})]
    out = section_context(rules)
    # the third clause has no rule evidence of its own, but its section is about phones
    assert out[2]["mobile-devices"] > out[2].get("personal-use", 0) > 0
    assert "mobile-devices" in out[0] and "personal-use" in out[0]
    assert out[3] == {} and out[4] == {}  # alone in its section: nothing borrowed, not even its own score
    feats = features(Inputs("They stay in the bag", section=out[2]))
    assert feats["s:mobile-devices"] == out[2]["mobile-devices"]


def test_rule_pass_gives_each_clause_its_section_context(taxonomy) -> None:
    doc = make_doc(["Staff must keep mobile phones switched off in class.", "They stay in the staff room."])
    doc.clauses[0].section = doc.clauses[1].section = "s1"
    second = rule_pass(doc, taxonomy)[1]
    assert second.inputs.section.get("mobile-devices", 0) > 0.3
    assert "s:mobile-devices" in features(second.inputs)


def test_a_clause_about_ai_chatbots_gets_generative_ai_from_rules_and_model(taxonomy, model) -> None:
    text = "Pupils must not enter their name or address into ChatGPT or any other AI chatbot"
    assert tag_document(make_doc([text]), taxonomy).clauses[0].topics[0] == "generative-ai"
    assert tag_document(make_doc([text]), taxonomy, model).clauses[0].topics[0] == "generative-ai"


def test_a_clause_about_installing_software_is_not_generative_ai(taxonomy, model) -> None:
    text = "Staff must not install software on school computers without permission from the technician."
    for m in (None, model):
        topics = tag_document(make_doc([text]), taxonomy, m).clauses[0].topics
        assert "generative-ai" not in topics
        assert topics[0] == "software-equipment"


def test_the_model_gives_a_confidence_and_evidence_naming_its_features(taxonomy, model) -> None:
    c = tag_document(make_doc(["Never share your password with anyone."]), taxonomy, model).clauses[0]
    assert c.topics[0] == "access-accounts"
    assert 0.5 < c.confidence <= 1
    assert any(r.startswith("model: ") for r in c.evidence[0].rules)
    assert any("password" in r for r in c.evidence[0].rules)


def test_the_rules_alone_give_a_confidence_too(taxonomy) -> None:
    sure, unsure = tag_document(make_doc(["Never share your password with anyone.", "This is it."]), taxonomy).clauses
    assert 0 <= unsure.confidence < sure.confidence <= 1


def test_a_topic_added_to_the_taxonomy_after_training_is_still_tagged_by_its_rules(taxonomy, model) -> None:
    from dataclasses import replace

    from generator.tagging.taxonomy import Term, Topic, compile_term

    extra = Topic("esports", "Esports", "Competitive gaming clubs.", [Term("esports", 3.0, compile_term("esports"))])
    wider = replace(taxonomy, topics=[*taxonomy.topics, extra])
    c = tag_document(make_doc(["The esports club meets on Fridays."]), wider, model).clauses[0]
    assert c.topics[0] == "esports"
    assert 0 < c.confidence <= 1


def test_a_model_file_that_is_not_a_model_is_refused_with_a_fix(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="aup train"):
        model_from_json('{"topics": ["a"]}', tmp_path / "model.json")


def _project(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    (tmp_path / "labelled").mkdir()
    (tmp_path / "labelled" / "staff.txt").write_text(POLICY, encoding="utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["new", str(tmp_path / "p")]).exit_code == 0
    shutil.copytree(tmp_path / "p" / "corpus", corpus)
    src = corpus / "sources"
    (src / "school.txt").write_text(POLICY.replace("Staff", "Teachers"), encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--corpus", str(corpus), str(src)])
    assert result.exit_code == 0, result.output
    return corpus, gold


def test_aup_train_twice_writes_a_byte_identical_model(tmp_path: Path) -> None:
    corpus, gold = _project(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["train", "--corpus", str(corpus), f"{gold}={tmp_path / 'labelled'}"])
    assert first.exit_code == 0, first.output
    data = (corpus / "model.json").read_bytes()
    second = runner.invoke(main, ["train", "--corpus", str(corpus), str(gold)])  # sources found beside the gold
    assert second.exit_code == 0, second.output
    assert "unchanged" in second.output
    assert (corpus / "model.json").read_bytes() == data
    assert load_model(corpus / "model.json").topics == load_taxonomy_file(taxonomy_path(corpus)).ids()


def test_an_override_is_kept_by_aup_tag_and_learned_by_aup_train(tmp_path: Path) -> None:
    corpus, gold = _project(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["train", "--corpus", str(corpus), str(gold)]).exit_code == 0
    records = list(export_clauses(corpus))
    target = next(r for r in records if "mailing lists" in r["text"])
    (corpus / "overrides.yaml").write_text(
        "overrides:\n"
        f"  - document: {target['document']}\n    clause: {target['clause']}\n"
        "    add: [monitoring]\n    remove: [personal-use]\n", encoding="utf-8")
    taxonomy = load_taxonomy_file(taxonomy_path(corpus))
    similar = make_doc(["Subscribing to mailing lists which are not related to school work is forbidden."])
    inputs = rule_pass(similar, taxonomy)[0].inputs

    def monitoring(model) -> float:
        return model.probabilities(features(inputs))[model.topics.index("monitoring")]

    before_model = load_model(corpus / "model.json")
    before = tag_document(similar, taxonomy, before_model).clauses[0]
    assert runner.invoke(main, ["train", "--corpus", str(corpus), str(gold)]).exit_code == 0
    after_model = load_model(corpus / "model.json")
    after = tag_document(similar, taxonomy, after_model).clauses[0]
    assert monitoring(after_model) > monitoring(before_model) + 0.01  # the correction was learned
    assert (after.topics, after.confidence) != (before.topics, before.confidence)
    retag_corpus(corpus)
    tagged = next(r for r in export_clauses(corpus) if r["clause"] == target["clause"])
    assert "monitoring" in tagged["topics"] and "personal-use" not in tagged["topics"]
    assert tagged["confidence"] == 1.0


def test_every_exported_clause_of_the_shipped_corpus_has_confidence_and_evidence() -> None:
    records = list(export_clauses(ROOT / "corpus"))
    assert records
    for r in records:
        assert 0 <= r["confidence"] <= 1
        assert r["evidence"] and all(e["rules"] for e in r["evidence"])


def test_a_large_labelled_document_does_not_outweigh_a_small_one_as_much_as_its_size() -> None:
    from generator.tagging.train import Example, Options, fit

    topics = ["mobile-devices", "software-equipment"]
    big = [Example(Inputs(f"Tablets stay in the classroom {i}"), "mobile-devices", group="big") for i in range(9)]
    small = [Example(Inputs("Tablets stay in the office"), "software-equipment", group="small")]
    feats = features(Inputs("Tablets"))
    even = fit(big + small, topics, Options(doc_power=1.0, balanced=False, min_count=1))
    sized = fit(big + small, topics, Options(doc_power=0.0, balanced=False, min_count=1))
    assert even.probabilities(feats)[1] > sized.probabilities(feats)[1]


def test_a_constructed_folder_is_labelled_data_for_aup_train(tmp_path: Path) -> None:
    from generator.tagging.train import gold_examples, parse_gold_arg, read_gold

    corpus, _ = _project(tmp_path)
    folder = tmp_path / "constructed"
    folder.mkdir()
    (folder / "staff.txt").write_text(POLICY + "\nSignature: ____________\n", encoding="utf-8")
    units = [dict(item, doc="staff", force="obligation") for item in GOLD]  # a stem names the source
    units[0]["text"] = "1. Staff must keep their password secret"  # units keep their list markers
    units[1]["text"] = "2. Staff must lock their computer"
    units.append({"doc": "staff", "text": "Signature: ____________", "force": "statement", "primary": "declaration"})
    (folder / "gold.yaml").write_text(json.dumps({"documents": {"staff": {"organisation": None}}, "items": units}),
                                      encoding="utf-8")
    gold, sources = parse_gold_arg(str(folder))
    items = read_gold(gold)
    assert [i["text"] for i in items[:2]] == ["Staff must keep their password secret", "Staff must lock their computer"]
    assert len(items) == len(GOLD)  # the form field is left out, as benchmarks/score_constructed.py leaves it out
    examples, missing = gold_examples(gold, sources, load_taxonomy_file(taxonomy_path(corpus)))
    assert (len(examples), missing) == (len(GOLD), [])
    result = CliRunner().invoke(main, ["train", "--corpus", str(corpus), str(folder)])
    assert result.exit_code == 0, result.output
    assert f"{len(GOLD)} {gold}" in result.output
