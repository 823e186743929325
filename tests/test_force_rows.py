"""Force of table rows and of example lists: a flattened table header states, and items listing examples of a
noun that a modal only qualifies ("human rights to be aware of include:") carry no rule of their own."""
from __future__ import annotations

import pytest
from support.force import clause, force

from generator.tagging.modality import force_of, lead_in_modality, rule_reading


@pytest.mark.parametrize("row", [
    "Risk ID Information Asset affected Information Asset Owner Protective Marking (Impact Level)",
    "Staff Name Role Date Signed Witness",
    "Pupil Name Class Parent Signature Date",
])
def test_a_flattened_table_header_states_even_under_a_lead_in_that_obliges(row: str) -> None:
    assert force(row, "Risk assessments should result in the completion of a form (example below):") == "statement"
    assert rule_reading(clause("a", row), None, [])[1] == "table"


@pytest.mark.parametrize("item,lead,expected", [
    ("Downloading Copyrighted Music And Films Without Permission", "Users must not:", "prohibition"),
    ("Freedom of assembly", "In the school context, human rights to be aware of include:", "statement"),
    ("Bullying of colleagues", "Issues that should be raised with the head include:", "statement"),
    ("Accessing gambling sites", "Online activities which are not permitted include:", "prohibition"),
    ("Accessing gambling sites", "Activities that should be avoided include:", "prohibition"),
    ("Lock your screen", "Staff should:", "obligation"),
])
def test_an_item_keeps_the_polarity_of_its_lead_in_unless_the_lead_in_only_lists_examples(item: str, lead: str, expected: str) -> None:
    assert force(item, lead) == expected


def test_an_examples_lead_in_passes_no_positive_modal() -> None:
    assert lead_in_modality("Risks that staff should be aware of include:") == ""
    assert lead_in_modality("Unacceptable use includes:") == "must-not"


@pytest.mark.parametrize("text,basis", [
    ("Staff must lock their screens.", "own"),
    ("I will not share my password.", "pledge"),
    ("Never open attachments from strangers.", "not"),
    ("A copy of this policy is kept in the office.", "default"),
])
def test_the_rules_say_on_what_basis_they_decided(text: str, basis: str) -> None:
    assert rule_reading(clause("a", text), None, [])[1] == basis


@pytest.mark.parametrize("text,lead,expected", [
    ("It is an offence to send a message that is grossly offensive.", None, "prohibition"),
    ("Eavesdrop on a computer;", "This Act makes it an offence to:", "prohibition"),
    ("It is up to the authorised member of staff to decide whether they should delete that material.", None, "permission"),
    ("I know that if I break the rules I might not be allowed to use a computer.", None, "statement"),
    ("All users will have responsibility for the security of their password and must not share it.", None, "obligation"),
    ("regular monitoring of online safety incident logs", "The role of the Online safety Governor will include:", "obligation"),
    ("Demonstrate standards, which are or ought to be achieved by users;", "Monitoring is permitted, in order to:", "permission"),
])
def test_general_wordings_of_offences_discretion_consequences_and_duties(text: str, lead: str | None, expected: str) -> None:
    assert force(text, lead) == expected


def test_a_lead_in_listing_examples_states_itself() -> None:
    text = "In the school context, human rights to be aware of include:"
    assert force_of(rule_reading(clause("l", text, kind="lead-in"), None, [])[0]) == "statement"


@pytest.mark.parametrize("text,expected", [
    ("It is an offence for any person to intentionally intercept any communication.", "prohibition"),
    ("It is important to stress that this policy applies to all forms of personal data.", "statement"),
    ("Training – Governors", "statement"),
    ("Text system - all teachers and office staff.", "permission"),
])
def test_offences_for_anyone_stressed_facts_and_contents_lines(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a definition by examples permits nothing; the rule stated before it is the clause's force
    ("The school provides laptops for lessons. Users are responsible for their care. 'Appropriate' use may be defined "
     "but not limited to:", "obligation"),
    ("Appropriate use may be defined as:", "statement"),
    ("Pupils may use the library computers. Acceptable sites may include:", "permission"),
])
def test_a_lead_in_defining_by_examples_keeps_the_rule_stated_before_it(text: str, expected: str) -> None:
    assert force_of(rule_reading(clause("l", text, kind="lead-in"), None, [])[0]) == expected


def test_the_sentence_that_introduces_a_list_may_open_with_a_quote() -> None:
    from generator.model import lead_in_sentence

    assert lead_in_sentence("Access is a privilege. \u2018Appropriate\u2019 use may be defined as:") == \
        "\u2018Appropriate\u2019 use may be defined as:"
    assert lead_in_sentence('Read this. "Misuse" includes:') == '"Misuse" includes:'


@pytest.mark.parametrize("text,expected", [
    ("Mobile phones will not be used during lessons.", "prohibition"),
    ("Personal data will not be shared with third parties.", "prohibition"),
    ("Bullying will not be tolerated.", "prohibition"),
    ("Passwords shall not be displayed on screen.", "prohibition"),
    ("You will not be able to log on after 6pm.", "statement"),
    ("Use a computer that will not be used by young people.", "obligation"),  # the relative clause decides nothing
])
def test_a_passive_will_not_be_done_forbids_the_act(text: str, expected: str) -> None:
    assert force(text) == expected
