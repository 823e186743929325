"""Force, round 7: a person's "will <verb>" is a duty whatever the verb, and what follows a breach is a statement;
each tested on both sides (the wording the rule catches and the nearby one it must leave alone)."""
from __future__ import annotations

import pytest
from support.force import force


@pytest.mark.parametrize("text,expected", [
    ("Users will change their passwords every 90 days.", "obligation"),
    ("Teachers will ensure school laptops are encrypted.", "obligation"),
    ("Learners will submit work through the learning platform.", "obligation"),
    ("You will lock your screen whenever you leave your desk.", "obligation"),
    ("Contractors will sign in at reception and wear a visitor badge.", "obligation"),
    ("Staff will immediately report a lost device to the IT team.", "obligation"),
    # what will happen to a person, what they will get, an aim, or no person at all: no duty
    ("Pupils will learn how to search the internet safely.", "statement"),
    ("Students will have access to the school network during lessons.", "statement"),
    ("Staff will normally be informed of any change in advance.", "statement"),
    ("The school will try to ensure that pupils have good access to technology.", "statement"),
    ("The school will therefore seek to provide information to parents.", "statement"),
    ("Children will also be taught about safety online.", "statement"),
    ("The filters will block most harmful websites.", "statement"),
    ("This policy will help staff to stay safe online.", "statement"),
])
def test_a_person_will_do_is_a_duty(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("I understand that if I fail to comply with this agreement, the school will respond in line with its policy.",
     "statement"),
    ("If a pupil breaches these rules, the school will contact their parents.", "statement"),
    ("If a user is found to have misused the network, their account will be suspended.", "statement"),
    # a condition that is not a breach leaves the duty that follows it
    ("If you lose your device, you will report it to the office the same day.", "obligation"),
    ("I understand that I will report any concern to my teacher.", "obligation"),
])
def test_what_follows_a_breach_is_a_statement(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Do: lock your screen when you leave your desk", "obligation"),
    ("DO: report lost devices at once", "obligation"),
    ("Always: log off at the end of the day", "obligation"),
    ("Don't: share your password with anyone", "prohibition"),
    ("DON'T: follow pupils on social media", "prohibition"),
    # a cue-like word that opens a sentence of its own is read as the sentence
    ("Do not share your password with anyone.", "prohibition"),
    ("Domains: the school owns every address it issues.", "statement"),
])
def test_a_rule_after_a_dos_and_donts_cue_takes_the_cues_force(text: str, expected: str) -> None:
    assert force(text) == expected


@pytest.mark.parametrize("text,lead,expected", [
    # a do's-and-don'ts caption after a short opening phrase
    ("Install updates when prompted.", "When working remotely, DO:", "obligation"),
    ("Shred paper records containing personal data.", "With personal data, DO:", "obligation"),
    ("Forward work emails to a personal account.", "When emailing, DON'T:", "prohibition"),
    # a modal inside the act a prohibiting caption forbids is part of the act
    ("Use Reply All unless everyone really needs to see your reply.", "When emailing, DON'T:", "prohibition"),
    ("Use your phone when you should be supervising pupils.", "Staff must not:", "prohibition"),
    # a negation inside what a command secures is the state secured: a duty
    ("Make sure family members can't see your screen or use your device.", "When working remotely, DO:", "obligation"),
    ("Make sure that you never leave your laptop unattended.", None, "obligation"),
    ("Ensure that pupils cannot access your laptop.", "Staff must:", "obligation"),
])
def test_captions_after_an_opening_phrase_and_commands_that_secure_a_state(text: str, lead: str | None, expected: str) -> None:
    assert force(text, lead) == expected
