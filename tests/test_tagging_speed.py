"""The tagger's fast paths change no tag: lower-cased scans find what the case-insensitive patterns find."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.corpus import load_corpus
from generator.pipeline import tag_documents
from generator.tagging import modals
from generator.tagging.literals import ODD_CASE, lowered
from generator.tagging.matcher import Matcher as _Matcher
from generator.tagging.taxonomy import load_taxonomy_file, taxonomy_path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _texts() -> list[str]:
    texts = set()
    for doc in load_corpus(CORPUS):
        for c in doc.clauses:
            texts.update([c.text, *c.heading])
    variants = [t for text in sorted(texts) for t in (text, text.upper(), text.title(), text.swapcase())]
    return variants + ["Ünïcode – PASSWORD’s; e‐mail ſtaff", "PINs, DPA, DSL and a 4G hotspot", "İnternet ıs KEY"]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_every_term_lowered_finds_the_same_spans_as_the_term(texts):
    taxonomy = load_taxonomy_file(taxonomy_path(CORPUS))
    terms = [term for topic in taxonomy.topics for term in topic.terms]
    assert sum(lowered(t.pattern) is not None for t in terms) >= 0.9 * len(terms)
    for term in terms:
        fast = lowered(term.pattern)
        if fast is None:
            continue
        for text in texts:
            if ODD_CASE.search(text) is None:
                assert _found(fast, text.lower()) == _found(term.pattern, text), (term.text, text)


def test_the_modal_scan_finds_the_same_expressions(texts):
    for text in texts:
        slow = [(m.span(), m.lastgroup) for m in modals._MODAL_RE.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in modals._modal_matches(text)] == slow, text


@pytest.mark.parametrize("pattern, promised", [
    (r"\bPINs?\b", True), (r"[A-z]+", False), (r"\Wfoo", False), (r"(?-i:ABC)", False), (r"caf\u00e9", True),
    ("café", False), (r"[\w'’-]*", True), (r"[!-z]", False),
])
def test_a_pattern_is_lowered_only_when_lower_casing_keeps_its_matches(pattern, promised):
    assert (lowered(re.compile(pattern, re.I)) is not None) == promised


def test_the_matcher_finds_what_trying_every_term_finds(texts):
    taxonomy = load_taxonomy_file(taxonomy_path(CORPUS))
    fast, reference = _Matcher(taxonomy), _Matcher(taxonomy, prefilter=False)
    reference.fast = [None] * len(reference.flat)  # every term, case-insensitively, on the text as it is
    for text in texts[:4000]:
        assert fast.found(text) == reference.found(text), text


def test_re_tagging_the_shipped_corpus_gives_the_stored_tags():
    stored = load_corpus(CORPUS)
    for before, after in zip(stored, tag_documents(stored, CORPUS)):
        assert [(c.topics, c.evidence, c.confidence, c.modality, c.audience) for c in after.clauses] == \
               [(c.topics, c.evidence, c.confidence, c.modality, c.audience) for c in before.clauses], before.id


@pytest.mark.parametrize("pattern", [r"\bab*", r"(?<!x)a?", r"(?<![\w])(?:pin|pins)(?![\w])", r"x*", r"\b(?:no|not)\b[^.]{0,9}\bmay\b"])
def test_find_gives_what_finditer_and_search_give(pattern):
    from generator.tagging.literals import find, scans

    compiled = re.compile(pattern, re.I)
    for text in ["", "ab abb xab a", "PINs, pins and PIN", "xxaxa", "No, you may not. Not ever may.", "aaa"]:
        spans = [m.span() for m in compiled.finditer(text) if m.end() > m.start()]
        first = compiled.search(text).group(0) if spans else ""
        assert find(compiled, scans(compiled), text, text.lower()) == (spans, first), (pattern, text)


def test_the_audience_scan_finds_the_same_words(texts):
    from generator.tagging import audience

    assert audience._AUDIENCE_FAST is not None
    for text in texts:
        if ODD_CASE.search(text) is None:
            for end in (len(text), 40):
                fast = [(m.span(), m.lastgroup) for m in audience._AUDIENCE_FAST.finditer(text.lower(), 0, end)]
                assert fast == [(m.span(), m.lastgroup) for m in audience._AUDIENCE_RE.finditer(text, 0, end)], text


def test_headings_are_topical_as_when_every_term_is_tried(texts):
    taxonomy = load_taxonomy_file(taxonomy_path(CORPUS))
    matcher = _Matcher(taxonomy)
    for text in texts[:4000]:
        slow = any(term.weight >= 1 and term.pattern.search(text) for topic in taxonomy.topics for term in topic.terms)
        assert matcher.topical(text) == slow, text


def test_the_audience_searches_find_the_same_on_the_lower_cased_text(texts):
    from generator.tagging import audience

    pairs = [(audience._VERB, audience._VERB_FAST), (audience._OBJECT_BEFORE, audience._OBJECT_BEFORE_FAST),
             (audience._PUPIL_CUES, audience._PUPIL_CUES_FAST)]
    assert all(fast is not None for _, fast in pairs)
    for text in texts:
        if ODD_CASE.search(text) is None:
            for slow, fast in pairs:
                for window in (text, text[-60:]):
                    assert _found(fast, window.lower()) == _found(slow, window), (slow.pattern[:40], text)


def test_what_a_term_needs_is_in_every_text_it_matches(texts):
    """literals.needs and the matcher's literal starts promise only what every match holds."""
    from generator.tagging.literals import needs, required

    taxonomy = load_taxonomy_file(taxonomy_path(CORPUS))
    terms = [term for topic in taxonomy.topics for term in topic.terms]
    for term in terms:
        groups, starts = needs(term.pattern), required(term.pattern)
        for text in texts[::3]:
            if ODD_CASE.search(text) is not None:
                continue
            low = text.lower()
            spans = _found(term.pattern, text)
            if spans and groups:
                assert all(any(s in low for s in g) for g in groups), (term.text, text)
            if starts:
                assert all(any(low.startswith(s, a) for s in starts) for a, b in spans if b > a), (term.text, text)


@pytest.mark.parametrize("pattern, expected", [
    (r"\b[345]G\b", [{"3g", "4g", "5g"}]),
    (r"\bnot\s+(?:directly\s+)?related\s+to", [{"related"}, {"not"}, {"to"}]),
    (r"\b(?:review|examin)\w*\b[^.;]{0,40}\b(?:files?|e-?mails?)", [{"examin", "review"}, {"file", "e-mail", "email"}]),
    (r"x*", None), (r"\bab*", None),
])
def test_needs_reads_literal_runs_optional_parts_and_alternatives(pattern, expected):
    from generator.tagging.literals import needs

    got = needs(re.compile(pattern, re.I))
    assert (None if got is None else [set(g) for g in got]) == expected


@pytest.mark.parametrize("pattern", [r"(?<![\w])(?:pin|pins|pin number)(?![\w])", r"\b(?:no|not)\b[^.]{0,9}\bmay\b",
                                     r"(?:strongly )?advised", r"ab?"])
def test_matching_only_where_a_literal_start_occurs_finds_what_find_finds(pattern):
    from generator.tagging.literals import Starts, find, find_from, iter_from, required, scans

    compiled = re.compile(pattern, re.I)
    starts, scan = required(compiled), scans(compiled)
    for text in ["", "PINs, pins and PIN NUMBER", "No, you may not. Not ever may.", "strongly ADVISED, advised", "aab abb ab"]:
        low = text.lower()
        if starts is None:
            continue
        assert find_from(scan[1], text, low, starts) == find(compiled, scan, text, low), (pattern, text)
        assert [m.span() for m in iter_from(scan[1], low, Starts(starts).places(low))] == _found(scan[1], low)
