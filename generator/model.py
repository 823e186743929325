"""The data model shared by every stage of the pipeline.

Readers produce a :class:`SourceDocument` (a flat list of :class:`Block`), the segmenter turns it into a
:class:`Document` (metadata, sections, clauses, signature fields and dropped units), and the corpus module
stores a Document as one YAML file. Every non-blank *unit* of a source (a line of a text file, a paragraph
of a Word file) is claimed by exactly one place in the Document; see :func:`Document.claimed_units`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, get_args

#: Block kinds a reader may emit.
BLOCK_KINDS = ("heading", "paragraph", "item", "meta", "signature", "table")

#: Clause kinds: a plain clause, the lead-in line of a list, a declaration the reader signs, a form's notice.
CLAUSE_KINDS = ("clause", "lead-in", "declaration", "notice")

#: What a clause does to its reader: obliges, forbids, advises, advises against, permits, undertakes (first
#: person), pledges not to, informs.
Modality = Literal["must", "must-not", "should", "should-not", "may", "will", "will-not", "info"]
#: The force a reader can rely on, whatever the finer modality.
Force = Literal["obligation", "prohibition", "permission", "statement"]
#: Who a clause or a document binds.
Audience = Literal["staff", "pupils", "governors", "visitors", "volunteers", "parents", "contractors"]
#: The vocabularies in their canonical order (the corpus schema's enums are checked against these).
MODALITIES: tuple[Modality, ...] = get_args(Modality)
FORCES: tuple[Force, ...] = get_args(Force)
AUDIENCES: tuple[Audience, ...] = get_args(Audience)
#: The force of each modality: "I will" binds like "must", "I will not" forbids like "must not".
FORCE_OF_MODALITY: dict[str, Force] = {
    "must": "obligation", "should": "obligation", "will": "obligation", "must-not": "prohibition",
    "should-not": "prohibition", "will-not": "prohibition", "may": "permission", "info": "statement"}
#: How a modality reads on a badge (text, never colour alone).
MODALITY_LABELS = {"must": "must", "must-not": "must not", "should": "should", "should-not": "should not",
                   "may": "may", "will": "will (pledge)", "will-not": "will not (pledge)", "info": "statement"}


@dataclass(frozen=True)
class Span:
    """An inclusive range of source units (1-based lines, or 0-based paragraph indexes)."""

    start: int
    end: int
    skip: tuple[int, ...] = ()  # units inside the range that belong elsewhere (a running header mid-clause)

    def units(self) -> list[int]:
        """Every unit number the span covers."""
        return [u for u in range(self.start, self.end + 1) if u not in self.skip]

    def to_list(self) -> list[int]:
        """The span as stored in the corpus: ``[start, end]`` (``skip`` is stored beside it)."""
        return [self.start, self.end]


@dataclass
class Block:
    """One structural piece of a source: a heading, a paragraph, a list item, a key-value pair, ...

    ``units`` lists exactly the source units the block claims (a hard-wrapped paragraph claims several).
    """

    kind: str
    text: str
    units: list[int]
    level: int = 0
    label: str = ""
    marker: str = ""  # bullet | number | letter | roman | "" (list marker type of an item)
    style: str = ""  # how a heading was recognised: markdown, bold, caps, plain, style
    key: str = ""  # meta and signature blocks: the field's label
    value: str = ""  # meta and signature blocks: the field's value (may be empty)
    rows: list[list[str]] = field(default_factory=list)  # table blocks

    @property
    def span(self) -> Span:
        """The range from the first to the last unit the block claims, skipping units between that it does not."""
        first, last = min(self.units), max(self.units)
        mine = set(self.units)
        return Span(first, last, tuple(u for u in range(first, last + 1) if u not in mine) if len(mine) <= last - first else ())


@dataclass
class Dropped:
    """Source units deliberately left out of the document, with the reason."""

    span: Span
    text: str
    reason: str


@dataclass
class SourceDocument:
    """What a reader returns: the blocks of one source file in reading order."""

    path: str
    format: str
    unit: str  # "line" or "paragraph"
    blocks: list[Block]
    units: list[int]  # every non-blank unit of the source, for the lossless check
    dropped: list[Dropped] = field(default_factory=list)
    encoding: str = ""
    properties: dict[str, str] = field(default_factory=dict)  # file-level metadata (docx core properties)


@dataclass
class Field:
    """A metadata field or a signature field with where it came from."""

    key: str
    value: str
    span: Span
    name: str = ""  # normalised name: adopted, review, approved_by, ... or name/signature/date/...


@dataclass
class Section:
    """A heading and its place in the section tree."""

    id: str
    title: str
    level: int
    span: Span
    parent: str | None = None


@dataclass
class Evidence:
    """Why a clause carries a topic: the rule or words that fired and a score."""

    topic: str
    score: float
    rules: list[str]


@dataclass
class Clause:
    """One rule or statement of a policy: a bullet, a numbered item, a paragraph, a declaration."""

    id: str
    text: str
    span: Span
    label: str = ""
    kind: str = "clause"
    heading: list[str] = field(default_factory=list)
    section: str | None = None
    parent: str | None = None
    level: int = 0
    topics: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    modality: Modality | Literal[""] = ""
    audience: list[Audience] = field(default_factory=list)
    family: str | None = None
    confidence: float = 0.0  # the tagger's confidence in the first topic, 0..1 (1 for a topic set by hand)
    similarity: float | None = None  # how close the clause's wording is to its family's representative (0-1)

    @property
    def force(self) -> Force:
        """The force the clause carries: obligation, prohibition, permission or statement (from its modality)."""
        return FORCE_OF_MODALITY.get(self.modality, "statement")

    @property
    def introduces_list(self) -> bool:
        """Whether the clause is a list's lead-in (marked so, or ending in ":")."""
        return self.kind == "lead-in" or self.text.rstrip().endswith(":")

    @property
    def bare_lead_in(self) -> bool:
        """Whether the clause only introduces a list ("In relation to passwords, employees shall:"): printed or
        chosen alone it says nothing, so it goes only with its items (:meth:`Document.items_under`)."""
        return self.introduces_list and lead_in_sentence(self.text) == self.text.strip()


@dataclass
class Metadata:
    """What a document says about itself."""

    school: str = ""
    title: str = ""
    audiences: list[Audience] = field(default_factory=list)
    adopted: str = ""
    review: str = ""
    version: str = ""
    approved_by: str = ""
    author: str = ""
    local_authority: str = ""
    related_policies: list[str] = field(default_factory=list)
    updated: str = ""  # when the policy was last updated, revised or reviewed (a past date, unlike ``review``)
    source_url: str = ""  # where the policy was found (given at ingest or in overrides, never guessed)
    publisher: str = ""  # who published it there
    fields: list[Field] = field(default_factory=list)  # every key-value the source states, verbatim


@dataclass
class Source:
    """Where a document came from."""

    path: str
    sha256: str
    format: str
    unit: str
    encoding: str = ""
    name: str = ""  # the file name it was ingested from, to tell two files with the same slug apart


@dataclass
class Document:
    """A normalised policy: metadata, a section tree, clauses and signature fields."""

    id: str
    source: Source
    metadata: Metadata
    sections: list[Section] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    signatures: list[Field] = field(default_factory=list)
    tables: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)

    def claimed_units(self) -> Iterator[tuple[int, str]]:
        """Yield ``(unit, place)`` for every unit some part of the document claims."""
        places: list[tuple[Span, str]] = []
        places += [(f.span, f"metadata {f.key!r}") for f in self.metadata.fields]
        places += [(s.span, f"heading {s.id}") for s in self.sections]
        places += [(c.span, f"clause {c.id}") for c in self.clauses]
        places += [(f.span, f"signature {f.key!r}") for f in self.signatures]
        places += [(t.span, "table") for t in self.tables]
        places += [(d.span, f"dropped ({d.reason})") for d in self.dropped]
        for span, place in places:
            for unit in span.units():
                yield unit, place

    def lead_ins(self) -> dict[str, Clause]:
        """The lead-in of every clause that has one, keyed by clause id: its parent when the parent introduces a
        list, else (for a clause the segmenter left unlinked) the latest earlier clause of its section ending in
        ":" whose list the segmenter did not link either, as the tagger reads it (tagging.context). A paragraph after
        a linked list ("Any of the above activities are ...") is not one of its items."""
        by_id = {c.id: c for c in self.clauses}
        linked = {c.parent for c in self.clauses if c.parent}
        found: dict[str, Clause] = {}
        caption: Clause | None = None
        previous: Clause | None = None
        head: Clause | None = None  # the sibling whose unindented sub-list the clauses now read belong to
        for c in self.clauses:
            parent = by_id.get(c.parent) if c.parent else None
            if parent is None and caption is not None and caption.section == c.section and caption.id not in linked:
                parent = caption
            head = sublist_head(previous, head, c)
            if head is not None:
                parent = head
            previous = c
            if parent is not None and parent.introduces_list:
                found[c.id] = parent
            if c.text.rstrip().endswith(":"):
                caption = c
            elif caption is not None and caption.section != c.section:
                caption = None
        return found

    def lead_in_chain(self, clause: Clause, lead_ins: dict[str, Clause] | None = None) -> list[Clause]:
        """The lead-ins above a clause, outermost first ("I undertake:" > "Not to give the addresses of:")."""
        lead_ins = self.lead_ins() if lead_ins is None else lead_ins
        chain: list[Clause] = []
        current = lead_ins.get(clause.id)
        while current is not None and current not in chain:
            chain.insert(0, current)
            current = lead_ins.get(current.id)
        return chain

    def reading(self, clause: Clause, lead_ins: dict[str, Clause] | None = None) -> str:
        """The clause as a self-contained sentence: its lead-ins' introducing sentences, then its own words
        ("Don't: use personal or school mobile telephones when driving"); the clause's text when it has none."""
        chain = self.lead_in_chain(clause, lead_ins)
        return " ".join([lead_in_sentence(c.text) for c in chain] + [clause.text])

    def items_under(self, lead_ins: dict[str, Clause] | None = None) -> dict[str, list[Clause]]:
        """The clauses each bare lead-in ("Staff must not:") stands for, by its id, in order: those read under it,
        directly or under a lead-in of its list, other than bare lead-ins themselves. Choosing the lead-in means
        choosing these; a bare lead-in with none (absent here) says nothing on its own."""
        lead_ins = self.lead_ins() if lead_ins is None else lead_ins
        found: dict[str, list[Clause]] = {}
        for c in self.clauses:
            if not c.bare_lead_in:
                for lead in self.lead_in_chain(c, lead_ins):
                    if lead.bare_lead_in:
                        found.setdefault(lead.id, []).append(c)
        return found

    def clause(self, clause_id: str) -> Clause | None:
        """The clause with this id, or None."""
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        return None


#: A sibling item that announces a list of its own ("... appropriate action could include the following:"), so the
#: items after it are its own even when they start with a capital.
_FOLLOWING = re.compile(r"\b(?:include|includes|including) the following\s*:\s*$|\bas follows\s*:\s*$", re.I)


_LETTER, _DIGITS, _ROMAN = re.compile(r"\b[a-z]\b(?=[.)])"), re.compile(r"\d+"), re.compile(r"\b[ivxlc]{1,5}\b(?=[.)])")


def _number_shape(label: str) -> str:
    """A list label's numbering style ("2.5" and "2.6" -> "9.9", "(a)" -> "(a)", "iv." -> "i."), "" for a bullet."""
    label = label.strip()
    if not label or not any(ch.isalnum() for ch in label):
        return ""
    return _ROMAN.sub("i", _DIGITS.sub("9", _LETTER.sub("a", label.lower())))


def next_in_series(caption: Clause, clause: Clause) -> bool:
    """Whether a clause is numbered in its caption's own series ("2.6" after "2.5 The following is prohibited:"):
    once the caption's items ("a)" ... "e)") are read, such a clause is its sibling, not one of its items."""
    shape = _number_shape(caption.label or "")
    return bool(shape) and shape == _number_shape(clause.label or "")


def continues_list(previous: Clause | None, clause: Clause) -> bool:
    """Whether a clause is the item of the sibling just before it, a flat list's sub-list the source did not indent
    ("- Not to give the addresses of:" then "- any teachers or support workers ...")."""
    return (previous is not None and previous.parent == clause.parent and previous.section == clause.section
            and previous.text.rstrip().endswith(":")
            and (clause.text[:1].islower() or bool(_FOLLOWING.search(previous.text))))


def sublist_head(previous: Clause | None, head: Clause | None, clause: Clause) -> Clause | None:
    """The sibling whose unindented sub-list a clause is an item of: the sibling just before it when that ends in
    ":" (:func:`continues_list`), or ``head`` (that sibling, found for the clause before) while the run of
    lower-case siblings after it goes on ("... issues to arise from:" / "sharing of personal data" / "access to
    illegal materials"); None otherwise."""
    if continues_list(previous, clause):
        return previous
    if (head is not None and previous is not None and previous.parent == clause.parent == head.parent
            and clause.section == head.section
            and (clause.text[:1].islower() or _FOLLOWING.search(head.text) and not clause.text.rstrip().endswith(":"))):
        return head
    return None


def lead_in_sentence(text: str) -> str:
    """The sentence of a lead-in that introduces its list (the last one, ending in ":")."""
    parts = re.split(r"(?<=[.!?])\s+(?=[\"'(\u2018\u201c]?[A-Z])", text.strip())
    return parts[-1] if parts else text
