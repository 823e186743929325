"""What a clause's surroundings say: its effective headings, its lead-in or parent, and the document's voice.

Segmenters sometimes turn list captions such as "Do" / "Don't" or the SMART letters into headings of their
own; a heading with no topical words and at most two words borrows the nearest earlier heading that is
not like that, so "Use of cameras > Do" still informs the clauses under "Do". Likewise a clause ending in
":" that the segmenter did not mark as a lead-in still informs the unlinked clauses after it in its section.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Clause, Document, sublist_head

_WEAK_HEADING = re.compile(r"^[\W\d]*(\w+[\W]*){1,2}$")
_PUPIL_DOC = re.compile(r"\b(pupils?|child(ren)?|students?|learners?|ks ?[12]|key stage|years? \d|foundation|eyfs)\b", re.I)
_DECLARING = re.compile(r"\b(?:i|we) (?:have|had) read\b|\bread and (?:understood|understand|accept)\b|"
                        r"\bby signing\b|\b(?:i|we) (?:confirm|agree|accept) (?:that|to (?:follow|abide|adhere|comply))\b", re.I)
_STAFF_DOC = re.compile(r"\b(staff|employees?|governors?|volunteers?|visitors?|adults?)\b", re.I)


@dataclass
class ClauseContext:
    """The text around one clause that informs its topics, modality and audience."""

    headings: list[str] = field(default_factory=list)  # outermost first, the effective nearest heading last
    parent: Clause | None = None
    pupil_voice: bool = False  # the document (or section) is written for pupils to sign


def declaring_lead_in(parent: Clause | None) -> bool:
    """Whether a lead-in is the signer's declaration ("I have read ... and agree to follow these guidelines
    when:"), so that its items say when the declaration applies rather than set rules of their own."""
    return parent is not None and parent.kind == "lead-in" and bool(_DECLARING.search(parent.text))


def is_weak_heading(title: str, topical: bool) -> bool:
    """A heading that says nothing about topics: one or two words and no topical term."""
    return not topical and bool(_WEAK_HEADING.match(title.strip()))


def pupil_document(doc: Document) -> bool:
    """Whether the document is a pupils' agreement (its title, first heading or only-pupil signature fields say so)."""
    first = doc.sections[0].title if doc.sections else ""
    keys = [f.key for f in doc.signatures]
    # Signature fields say "pupil" only when no field is for an adult: a whole-school policy that appends
    # both the staff agreement and a child's agreement ("Staff / Volunteer Name", "Signed (child)") is not
    # written in the pupils' voice throughout; its pupil sections are recognised by their headings.
    mixed = any(_STAFF_DOC.search(k) for k in keys)
    signed = "" if mixed else " ".join(keys)
    head = f"{doc.metadata.title} {first} {signed}"
    if _PUPIL_DOC.search(head) and not _STAFF_DOC.search(f"{doc.metadata.title} {first}"):
        return True
    return doc.metadata.audiences == ["pupils"]


def build_contexts(doc: Document, topical: Callable[[str], bool]) -> dict[str, ClauseContext]:
    """The context of every clause of a document, keyed by clause id; ``topical(text)`` tells topic words."""
    by_id = {c.id: c for c in doc.clauses}
    titles = {s.id: s.title for s in doc.sections}
    order = [s.id for s in doc.sections]
    borrowed: dict[str, str] = {}
    last_strong = ""
    for sid in order:
        title = titles[sid]
        if not is_weak_heading(title, topical(title)):
            last_strong = title
        elif last_strong:
            borrowed[sid] = last_strong
    voice = pupil_document(doc)
    contexts: dict[str, ClauseContext] = {}
    caption: Clause | None = None  # an earlier clause ending in ":" that the segmenter did not link
    linked = False  # the segmenter linked items to the caption, so an unlinked paragraph is not one of them
    gap = 0  # paragraphs read since the caption's linked list
    previous: Clause | None = None
    head: Clause | None = None
    for c in doc.clauses:
        parent = by_id.get(c.parent) if c.parent else None
        if caption is not None and parent is caption:
            linked = True
        # Once the segmenter has linked items to the caption, only a list item (a bullet or number it failed to
        # link, e.g. after a wrapped line) still belongs to it: a plain paragraph after the list does not.
        if parent is None and caption is not None and caption.section == c.section and (not linked or c.label):
            parent = caption
        elif parent is None and caption is not None and linked and not c.label:
            gap += 1
            if gap > 1:  # two paragraphs after the linked list close it: a later bullet is not one of its items
                caption = None
        head = sublist_head(previous, head, c)
        if head is not None:
            parent = head
        previous = c
        if c.text.rstrip().endswith(":"):
            caption, linked, gap = c, False, 0
        elif caption is not None and caption.section != c.section:
            caption = None
        headings = list(c.heading)
        if c.section in borrowed and (len(headings) < 2 or headings[-2] != borrowed[c.section]):
            headings = headings[:-1] + [borrowed[c.section], headings[-1]] if headings else [borrowed[c.section]]
        section_voice = any(_PUPIL_DOC.search(h) and not _STAFF_DOC.search(h) for h in headings)
        contexts[c.id] = ClauseContext(headings, parent, voice or section_voice)
    return contexts
