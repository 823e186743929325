"""A tailored policy never prints a prohibited action as a bare instruction: every item keeps its negative lead-in."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from test_tailor_support import corpus_copy, docx_text, docx_xml, flat, pdf_text, write_recipe

from generator.corpus import load_corpus
from generator.model import lead_in_sentence
from generator.tagging.modality import caption_modality, caption_of, force_of, lead_in_modality
from generator.tailor import detect_names, load_policy, render_policy

FORMATS = ("md", "html", "docx", "pdf")


def negative_items(corpus: Path) -> list[tuple[str, str, str, str, str]]:
    """(document, clause id, topic, what must come before the item, item text) of every clause of the corpus that
    sits under a lead-in or caption heading that forbids."""
    found = []
    for doc in load_corpus(corpus):
        lead_ins = doc.lead_ins()
        for c in doc.clauses:
            chain = doc.lead_in_chain(c, lead_ins)
            if chain and force_of(lead_in_modality(chain[-1].text)) == "prohibition":
                before = " ".join(lead_in_sentence(x.text) for x in chain)
            elif caption_of(c) and force_of(caption_modality(caption_of(c))) == "prohibition":
                before = caption_of(c).rstrip(":") + ":"
            else:
                continue
            found.append((doc.id, c.id, c.topics[0], before, c.text, doc.metadata.school))
    return found


def readable(fmt: str, data: bytes) -> str:
    """The text a reader sees in one format, without whitespace (HTML without its tags)."""
    if fmt == "md":
        return flat(data.decode())
    if fmt == "html":
        return flat(html.unescape(re.sub(r"<[^>]+>", " ", data.decode())))
    return flat(docx_text(data) if fmt == "docx" else pdf_text(data))


@pytest.fixture(scope="module")
def tailored(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, object, dict[str, str], dict[str, bytes]]:
    """One recipe choosing every item under a negative lead-in of the shipped corpus, rendered in every format."""
    root = tmp_path_factory.mktemp("lead-ins")
    corpus = corpus_copy(root)
    items = negative_items(corpus)
    by_topic: dict[str, list[str]] = {}
    names: set[str] = set()
    for doc, cid, topic, before, text, school in items:
        by_topic.setdefault(topic, []).append(f"{doc}#{cid}")
        names |= {n.text for n in detect_names(f"{before} {text}", school)}
    body = "topics:\n" + "".join(f"  {t}:\n" + "".join(f"    - {r}\n" for r in refs) for t, refs in by_topic.items())
    body += ("names:\n" if names else "") + "".join(f"  {json.dumps(n)}: {json.dumps(n)}\n" for n in sorted(names))
    policy, _ = load_policy(write_recipe(root, body), corpus)
    rendered = render_policy(policy, FORMATS)
    return items, policy, {fmt: readable(fmt, data) for fmt, data in rendered.items()}, rendered


def test_the_shipped_corpus_has_items_under_negative_lead_ins_and_captions(tailored: tuple) -> None:
    items, *_ = tailored
    befores = {before for *_, before, _, _ in items}
    assert len(items) >= 60
    assert "Don't:" in befores and "They should not:" in befores


def test_items_that_share_a_lead_in_are_nested_under_one_line_of_it(tailored: tuple) -> None:
    items, policy, *_ = tailored
    under = {item.source: (group, item) for s in policy.sections for group in s.clauses for item in group.items}
    for doc, cid, _, before, text, _ in items:
        group, item = under[f"{doc}#{cid}"]  # printed as an item, never as a clause of its own
        assert (group.text, item.text) == (before, text)
        assert item.number.startswith(group.number + ".") and item.number.count(".") == 2
    groups = [c for s in policy.sections for c in s.clauses if c.items]
    assert max(len(g.items) for g in groups) >= 5
    assert len(groups) < len(items) / 2  # one lead-in line per run of items, not one per item
    for group in groups:
        assert [i.number for i in group.items] == [f"{group.number}.{j}" for j in range(1, len(group.items) + 1)]


def _ranges(policy, text: str) -> list[tuple[int, int, str]]:
    """(start, end, lead-in) of every lead-in with its items in a rendered text, found in reading order."""
    cursor, found = 0, []
    for section in policy.sections:
        for clause in section.clauses:
            start = text.find(flat(clause.text), cursor)
            assert start >= 0, clause.number
            cursor = start + len(flat(clause.text))
            for item in clause.items:
                at = text.find(flat(item.text), cursor)
                assert at >= 0, item.number
                cursor = at + len(flat(item.text))
            if clause.items:
                found.append((start, cursor, clause.text))
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_tailored_output_prints_a_prohibited_item_without_its_negative_lead_in(tailored: tuple, fmt: str) -> None:
    items, policy, texts, _ = tailored
    text = texts[fmt]
    ranges = _ranges(policy, text)
    for doc, cid, _, before, item, _ in items:
        needle = flat(item)
        at = text.find(needle)
        assert at >= 0, (fmt, doc, cid, item)
        while at >= 0:
            assert any(start < at and at + len(needle) <= end and lead == before for start, end, lead in ranges), \
                (fmt, doc, cid, f"{item!r} printed outside the list under {before!r}")
            at = text.find(needle, at + 1)


@pytest.mark.parametrize("fmt", ("md", "html"))  # PDF text puts a hanging number after a wrapped line; Word numbers itself
def test_nested_items_carry_their_own_numbers(tailored: tuple, fmt: str) -> None:
    _, policy, texts, _ = tailored
    mark = "**{}**" if fmt == "md" else "{}"
    for clause in policy.clauses:
        assert flat(mark.format(clause.number) + clause.text) in texts[fmt], (fmt, clause.number)


def test_the_docx_nests_items_one_level_down_in_the_sections_numbered_list(tailored: tuple) -> None:
    _, policy, _, rendered = tailored
    document = docx_xml(rendered["docx"])
    numbering = docx_xml(rendered["docx"], "word/numbering.xml")
    levels = re.findall(r'<w:numPr><w:ilvl w:val="(\d)"/>', document)
    assert levels.count("1") == sum(len(c.items) for c in policy.clauses)
    assert levels.count("0") == sum(len(s.clauses) for s in policy.sections)
    assert '<w:lvlText w:val="1.%1.%2"/>' in numbering


def test_the_policy_says_which_lead_ins_it_added(tailored: tuple) -> None:
    items, policy, *_ = tailored
    assert len(policy.notes) >= len(items)
    assert any("under its lead-in 'Don't:'" in n or "under its heading \"Don't\"" in n or "under its heading 'Don't'" in n
               for n in policy.notes)


def test_items_apart_in_the_recipe_each_get_the_lead_in(tmp_path: Path) -> None:
    corpus = corpus_copy(tmp_path)
    items = [i for i in negative_items(corpus) if i[3] == "They should not:"][:2]
    body = "topics:\n  social-media:\n" + f"    - {items[0][0]}#{items[0][1]}\n" + \
        "    - text: \"Staff keep their profiles private.\"\n" + f"    - {items[1][0]}#{items[1][1]}\n"
    policy, _ = load_policy(write_recipe(tmp_path, body), corpus)
    entries = policy.sections[0].clauses
    assert [len(c.items) for c in entries] == [1, 0, 1]
    assert entries[0].text == entries[2].text == "They should not:"


def test_a_bare_lead_in_chosen_without_its_items_is_left_out_with_a_note(tmp_path: Path) -> None:
    corpus = corpus_copy(tmp_path)
    docs = load_corpus(corpus)
    doc, lead = next((d, c) for d in docs for c in d.clauses if c.bare_lead_in and d.items_under().get(c.id))
    item = next(c for c in doc.clauses if c.topics and not c.bare_lead_in and not doc.items_under().get(c.id)
                and c.id not in {i.id for i in doc.items_under()[lead.id]} and c.kind == "clause")
    body = f"topics:\n  access-accounts:\n    - {doc.id}#{lead.id}\n    - {doc.id}#{item.id}\n"
    policy, _ = load_policy(write_recipe(tmp_path, body), corpus)
    printed = [c.text for s in policy.sections for c in s.clauses]
    assert lead.text not in printed and len(printed) == 1
    assert any(f"{doc.id}#{lead.id} (a lead-in) is left out" in n for n in policy.notes)
