"""Recipe validation: every problem listed at once with its line and a suggestion; nothing written."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from test_tailor_support import EXAMPLE, corpus_copy, write_recipe

from generator.cli import main
from generator.tailor import RecipeError, load_policy, read_recipe
from generator.tailor.recipe import SCHEMA_PATH


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped corpus."""
    return corpus_copy(tmp_path_factory.mktemp("recipe"))


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def problems(recipe: Path, corpus: Path) -> list[str]:
    """The problem lines a recipe raises."""
    with pytest.raises(RecipeError) as info:
        load_policy(recipe, corpus)
    return str(info.value).splitlines()


def test_the_schema_is_a_valid_json_schema_and_the_example_recipe_passes_it() -> None:
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(EXAMPLE.read_text())
    data["adopted"], data["review_due"] = str(data["adopted"]), str(data["review_due"])
    jsonschema.Draft202012Validator(schema).validate(data)


def test_an_unknown_clause_id_names_its_line_and_the_closest_clause_ids(tmp_path: Path, corpus: Path) -> None:
    recipe = write_recipe(tmp_path, "topics:\n  access-accounts:\n    - hopelands-prep#ad4072c6\n")
    [problem] = problems(recipe, corpus)
    assert problem.startswith(f"{recipe}:{line_of(recipe, 'ad4072c6')}: ")
    assert "no clause 'ad4072c6' in hopelands-prep" in problem and "closest: hopelands-prep#ad4072c5" in problem


def test_an_unknown_document_suggests_clause_ids_of_similar_documents(tmp_path: Path, corpus: Path) -> None:
    recipe = write_recipe(tmp_path, "topics:\n  access-accounts:\n    - {document: hopeland-prep, clause: ad4072c5}\n")
    [problem] = problems(recipe, corpus)
    assert "unknown document 'hopeland-prep'" in problem and "hopelands-prep#ad4072c5" in problem


def test_an_unknown_family_and_an_unknown_topic_are_reported_with_suggestions(tmp_path: Path, corpus: Path) -> None:
    recipe = write_recipe(tmp_path, "topics:\n  acess-accounts:\n    - family: hopelands-prep-ad4072c4\n")
    found = problems(recipe, corpus)
    assert any(f":{line_of(recipe, 'acess-accounts')}: unknown topic 'acess-accounts'; did you mean 'access-accounts'" in p
               for p in found)
    assert any(f":{line_of(recipe, 'family:')}: " in p and "unknown family or clause 'hopelands-prep-ad4072c4'" in p
               and "hopelands-prep-ad4072c5" in p for p in found)


def test_an_unknown_field_is_reported_at_its_key_with_the_known_fields(tmp_path: Path, corpus: Path) -> None:
    recipe = write_recipe(tmp_path, "reveiw_due: 2026\ntopics:\n  access-accounts: [hopelands-prep#ad4072c5]\n")
    [problem] = problems(recipe, corpus)
    assert problem.startswith(f"{recipe}:{line_of(recipe, 'reveiw_due')}: unknown field 'reveiw_due'")
    assert "did you mean 'review_due'" in problem


def test_a_bad_clause_shape_says_how_a_clause_is_written(tmp_path: Path, corpus: Path) -> None:
    recipe = write_recipe(tmp_path, "topics:\n  access-accounts:\n    - {doc: hopelands-prep}\n")
    [problem] = problems(recipe, corpus)
    assert f":{line_of(recipe, 'doc:')}: " in problem


def test_missing_required_values_are_each_reported_at_their_line(tmp_path: Path, corpus: Path) -> None:
    head = "recipe: 1\nschool:\n  name: \"\"\nversion:\nadopted: \"\"\n"
    recipe = write_recipe(tmp_path, "topics:\n  access-accounts: [hopelands-prep#ad4072c5]\n", head=head)
    found = problems(recipe, corpus)
    assert f"{recipe}:3: school.name is missing: fill in the school's name" in found
    assert any(p.startswith(f"{recipe}:4: version is missing") for p in found)
    assert any(p.startswith(f"{recipe}:5: adopted is missing") for p in found)
    assert any("review_due is missing" in p for p in found)


def test_an_unmapped_name_in_a_borrowed_clause_is_reported_with_a_mapping_to_copy(tmp_path: Path, corpus: Path) -> None:
    recipe = write_recipe(tmp_path, "topics:\n  software-equipment:\n    - sefton-staff-governors-visitors#9fe3f930\n")
    [problem] = problems(recipe, corpus)
    assert problem.startswith(f"{recipe}:{line_of(recipe, '9fe3f930')}: ")
    assert "names 'Alistair West' (person)" in problem and '"Alistair West": "{network_manager}"' in problem


def test_an_unknown_placeholder_or_an_empty_person_is_a_problem(tmp_path: Path, corpus: Path) -> None:
    body = ("topics:\n  access-accounts:\n    - text: \"Ask {netwrok_manager}.\"\n"
            "    - text: \"Ask {data_protection_officer}.\"\n")
    found = problems(write_recipe(tmp_path, body), corpus)
    assert any("unknown placeholder {netwrok_manager}; did you mean {network_manager}?" in p for p in found)
    assert any("{data_protection_officer} is used but has no value; fill in people.data_protection_officer" in p
               for p in found)


def test_a_clause_chosen_twice_is_a_problem(tmp_path: Path, corpus: Path) -> None:
    body = "topics:\n  access-accounts:\n    - hopelands-prep#ad4072c5\n  copyright:\n    - family: hopelands-prep-ad4072c5\n"
    [problem] = problems(write_recipe(tmp_path, body), corpus)
    assert "hopelands-prep#ad4072c5 is chosen twice (also line 14)" in problem


def test_not_valid_yaml_is_reported_with_its_line(tmp_path: Path, corpus: Path) -> None:
    recipe = write_recipe(tmp_path, "topics:\n  access-accounts: [oops\n")
    with pytest.raises(RecipeError) as info:
        read_recipe(recipe)
    assert "not valid YAML" in str(info.value) and f"{recipe}:" in str(info.value)


def test_every_problem_is_listed_at_once_exit_1_and_nothing_is_written(tmp_path: Path, corpus: Path) -> None:
    body = ("colour: blue\ntopics:\n  acess-accounts:\n    - hopelands-prep#nope\n"
            "  software-equipment:\n    - sefton-staff-governors-visitors#9fe3f930\n")
    recipe = write_recipe(tmp_path, body)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["tailor", str(recipe), "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 1
    assert "unknown field 'colour'" in result.output
    assert not out.exists()
    del body
    recipe = write_recipe(tmp_path, "topics:\n  acess-accounts:\n    - hopelands-prep#nope\n"
                                    "  software-equipment:\n    - sefton-staff-governors-visitors#9fe3f930\n")
    result = CliRunner().invoke(main, ["tailor", str(recipe), "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 1
    assert "3 problem(s) in the recipe; nothing was written" in result.output
    assert all(s in result.output for s in ("unknown topic 'acess-accounts'", "no clause 'nope'", "'Alistair West'"))
    assert not out.exists()
