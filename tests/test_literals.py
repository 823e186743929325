"""The tagger's literal finder reports exactly the literals that occur in a text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.tagging.literals import Literals

LITERALS = {"mail", "email", "mailing", "e", "ai", "chat", "chatbot", "photograph", "photo", "password", "pass", "8.00", "log-in"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(LITERALS) + [" ", "x", "-", "bot", "ing", "s"]), max_size=30).map("".join))
def test_every_literal_in_the_text_is_found_and_no_other(text: str) -> None:
    assert Literals(LITERALS).present(text) == {lit for lit in LITERALS if lit in text}


def test_overlapping_literals_at_one_place_are_all_found() -> None:
    assert Literals(LITERALS).present("mailing-list chatbots") == {"mail", "mailing", "ai", "chat", "chatbot"}
