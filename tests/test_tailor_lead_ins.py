"""A tailored policy never prints a prohibited action as a bare instruction: every item keeps its negative lead-in."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from test_tailor_support import corpus_copy, docx_text, flat, pdf_text, write_recipe

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


@pytest.fixture(scope="module")
def tailored(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, object, dict[str, str]]:
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
    texts = {"md": flat(rendered["md"].decode()), "html": flat(html.unescape(rendered["html"].decode())),
             "docx": flat(docx_text(rendered["docx"])), "pdf": flat(pdf_text(rendered["pdf"]))}
    return items, policy, texts


def test_the_shipped_corpus_has_items_under_negative_lead_ins_and_captions(tailored: tuple) -> None:
    items, _, _ = tailored
    befores = {before for *_, before, _, _ in items}
    assert len(items) >= 60
    assert "Don't:" in befores and "They should not:" in befores


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_tailored_output_prints_a_prohibited_item_without_its_negative_lead_in(tailored: tuple, fmt: str) -> None:
    items, _, texts = tailored
    text = texts[fmt]
    for doc, cid, _, before, item, _ in items:
        needle, lead = flat(item), flat(before)
        at = text.find(needle)
        assert at >= 0, (fmt, doc, cid, item)
        while at >= 0:
            assert text[:at].endswith(lead), (fmt, doc, cid, f"{item!r} printed without {before!r}")
            at = text.find(needle, at + 1)


def test_the_policy_says_which_lead_ins_it_added(tailored: tuple) -> None:
    items, policy, _ = tailored
    assert len(policy.notes) >= len(items)
    assert any("under its lead-in 'Don't:'" in n or "under its heading \"Don't\"" in n or "under its heading 'Don't'" in n
               for n in policy.notes)
