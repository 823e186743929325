"""Property-based tests: the txt reader and segmenter never crash and never lose a line."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.corpus import account
from generator.errors import ReadError
from generator.model import SourceDocument
from generator.readers.lines import blocks_from_lines
from generator.readers.txt import decode
from generator.segment import segment

# Lines built from the pieces real policies are made of, so the interesting paths are reached often.
PIECES = st.sampled_from([
    "", " ", "\t", "- ", "* ", "\u2022 ", "\u00b7 ", "\uf0b7", "\u2013 ", "1. ", "2) ", "a) ", "(b) ", "i. ", "iv. ",
    "# ", "## ", "**", "<i>", "</i>", "Name:", "Signed", "Date", " ____", " .....", "Approved by:", "Review date:",
    "(Adopted: April 2021 \u2013 Review April 2024)", "Held on", "August 2018", "Page 3", "12", "I will ", "They should not:",
    "staff must not share passwords", "Mobile Phones", "HEADING", " and", " the", ".", ":", ",", "\u00a0", "\x00", "\x07",
    "St Joseph's Primary School", "GL10 2AD", "I have read and agree", "\u2019", "\U0001F600",
])
LINE = st.lists(PIECES | st.text(max_size=12), max_size=8).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=40))
def test_any_lines_are_read_and_segmented_without_losing_one(lines):
    blocks, dropped, units = blocks_from_lines(lines)
    source = SourceDocument("x.txt", "txt", "line", blocks, units, dropped)
    doc = segment(source, "x", "0" * 64, "sources/x.txt")
    assert account(doc, units) == []


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_cleanly(data):
    from pathlib import Path

    from generator.readers import txt

    try:
        txt.read(Path("x.txt"), data)
    except ReadError as exc:
        assert str(exc).startswith("x.txt: ")
    text, encoding = decode(data)
    assert isinstance(text, str) and encoding
