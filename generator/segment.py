"""Segment a read source into a document: metadata, a section tree, clauses and signature fields.

A pure function of its input. Every block of the source ends up in exactly one place, so every non-blank
unit of the source is accounted for (see :func:`generator.corpus.account`).
"""
from __future__ import annotations

import re
from pathlib import Path

from .model import Block, Clause, Document, Field, Metadata, Section, Source, SourceDocument, Span
from .naming import OTHERS, is_generic_title, is_organisation_name, tidy_name
from .organisation import find_organisation
from .readers import patterns as P
from .text import clean, digest, slugify

DECLARATION = re.compile(
    r"^(?:I|we)\s+(?:have\s+(?:read|understood|received)|(?:hereby\s+)?(?:agree(?!\s+not\b)|accept|confirm|acknowledge|declare)"
    r"|understand\s+and\s+(?:agree|accept)|will\s+adhere\s+to\s+the\s+school'?s?\s+acceptable)"
    r"|^(?:please\s+(?:tick|sign|confirm)|by\s+signing|signed\s+on\s+behalf)"
    r"|\bI\s+(?:have\s+read|agree\s+to\s+(?:follow|abide|comply))"
    r"|^I\s+understand\s+the\s+implications\s+of\s+any\s+breach",
    re.I,
)
NOTICE = re.compile(r"^(?:privacy\s+notice|data\s+protection\s+notice|fair\s+processing)\b", re.I)
TITLE_WORDS = re.compile(r"\b(?:polic(?:y|ies)|agreement|acceptable\s+us|aup|code\s+of\s+conduct|e-?\s?safety|online\s+safety|"
                         r"responsible\s+use)", re.I)

AUDIENCE_WORDS = {
    "staff": r"\bstaff|employees?|teachers?\b|\bstudents?\s+on\s+placement|\btrainee",
    "governors": r"\bgovernors?\b",
    "visitors": r"\bvisitors?\b",
    "volunteers": r"\bvolunteers?\b",
    "pupils": r"\bpupils?|students?\b(?!\s+on\s+placement|\s+teachers?)|children|learners?|\bks\s?[12]\b|\byears?\s+\d",
    "parents": r"\bparents?\b|\bcarers?\b",
    "contractors": r"\bcontractors?\b",
}

# Metadata keys, normalised: the first pattern that matches a source key names the field.
FIELD_NAMES = [
    ("updated", r"^(?:date\s+)?(?:of\s+)?last\s+(?:updated|reviewed|revised|review|amended)|^(?:last\s+)?updated|^revised|"
                r"^amended|^rev\.|^reviewed(?:\s+(?:and|&)\s+(?:updated|revised|amended))?(?:\s+on)?$|^date\s+(?:last\s+)?(?:reviewed|revised|updated|amended)|"
                r"\b(?:was|has\s+been)\s+(?:last\s+)?(?:reviewed|revised|updated|amended)"),
    ("review", r"review|revision|revised|next\s+review"),
    ("approved_by", r"^approved\s+by|^ratified\s+by|adopted\s+at\s+a\s+meeting\s+of|^agreed\s+by"),
    ("adopted", r"adopt|approv|ratif|held\s+on|^dated?$|date\s+of\s+(?:issue|publication|approval|adoption|ratification|(?:the\s+|this\s+)?(?:policy|agreement|document|"
                r"guidance|guidelines|code|procedure|regulation|notice|rules|charter|statement))|"
                r"^(?:policy|agreement|document)\s+date|^issued\b|^issue\s+date|^date\s+issued|^published|^effective|^agreed|^implemented|"
                r"^introduced|^valid\s+from|^with\s+effect|^w\.?\s?e\.?\s?f"),
    ("version", r"version|issue\s+(no|number)|^ref"),
    ("author", r"author|written\s+by|subject\s+leader|policy\s+(owner|lead|holder)|^owner|responsible"),
    ("audiences", r"applies\s+to"),
    ("related_policies", r"related|relevant|associated"),
    ("local_authority", r"local\s+authority"),
    ("school", r"^school$|^academy$|^trust$"),
    ("signatory", r"signatory"),
    ("link_governor", r"link\s+governor|chair"),
]


#: The words of a subtitle that only says whom a policy is for: "Years 9-13", "Students - Grades 9 to 12",
#: "(Students and Staff)", "For Faculty, Staff and Coaches", "Staff, Students on Placement and Volunteers".
_AUDIENCE_WORD = re.compile(
    r"\b(?:all|staff|employees?|teachers?|faculty|coaches|educators|support|governors?|trustees|visitors?|volunteers?|"
    r"contractors?|pupils?|students?|learners?|children|parents?|carers?|caregivers?|guardians?|families|practitioners|"
    r"users|members|on\s+placement|(?:years?|grades?|ks|key\s+stage|s)\s*\d{1,2}(?:\s*(?:-|\u2013|to|and)\s*[s]?\d{1,2})?|"
    r"and|or|for|of|the|with|&)\b|[\s,/()&\u2013\u2014-]+", re.I)


#: The author a tool or a fresh Windows account writes into a file's properties: it names no one who wrote the policy.
_TOOL_AUTHOR = re.compile(r"python-docx|docx4j|microsoft office user|windows user|administrator|admin|user|owner|"
                          r"unknown|author|default|libreoffice|openoffice|pandoc|\w+ ?user|school|office", re.I)
#: A motto set in quotes on a line of its own: a few words, no sentence of a rule.
_MOTTO = re.compile(r"[\"“‘'][^\"“”‘’.!?:;]{3,80}[.!]?[\"”’']")


def _field_name(key: str) -> str:
    key = key.lower().strip()
    for name, pattern in FIELD_NAMES:
        if re.search(pattern, key):
            return name
    return slugify(key, "field").replace("-", "_")


def _signature_name(key: str) -> str:
    key = key.lower()
    if re.search(r"designation|role|position|job", key):
        return "designation"
    names = [n for n, pat in (("name", r"name"), ("signature", r"sign"), ("date", r"date"),
                               ("class", r"class|form|year|tutor")) if re.search(pat, key)]
    return " ".join(names) or slugify(key, "field")


def audiences_in(text: str) -> list[str]:
    """The audiences a piece of text names, in the canonical order."""
    return [a for a, pat in AUDIENCE_WORDS.items() if re.search(pat, text, re.I)]


class Segmenter:
    """Walks the blocks of one source once, building the document."""

    def __init__(self, source: SourceDocument, doc_id: str, sha256: str, rel_path: str) -> None:
        self.source = source
        self.doc = Document(
            id=doc_id,
            source=Source(rel_path, sha256, source.format, source.unit, source.encoding, Path(source.path).name),
            metadata=Metadata(),
            dropped=list(source.dropped),
        )
        self.heading_stack: list[Section] = []
        self.next_review = False  # a "next review" date has been read
        self.style_rank: list[str] = []
        # deepest heading level the source states anywhere (Markdown #, Word Heading n, PDF font size): headings
        # without a level rank below it throughout, not below the deepest seen so far
        self.levelled = max((b.level for b in source.blocks if b.kind == "heading" and b.style in ("markdown", "style")), default=0)
        self.list_parents: dict[int, Clause] = {}
        self.lead_in: Clause | None = None
        self.ids: dict[str, int] = {}
        self.units = set(source.units)

    # -- metadata -----------------------------------------------------------------------------------------
    def _meta(self, key: str, value: str, span: Span) -> None:
        name = _field_name(key)
        md = self.doc.metadata
        value = "" if P.is_blank(value) else value  # "Adopted: __/__/____", "Review date: [date]": the field is empty
        md.fields.append(Field(key, value, span, name))
        if not value:
            return
        if name in ("approved_by", "adopted") and P.is_date(value):
            by = re.search(r"\b(?:approved|ratified|agreed|adopted)\s+by\s+(?:the\s+)?(.+?)(?:\s+(?:on|at|in)\b.*)?$", key, re.I)
            if by and not md.approved_by:
                md.approved_by = by.group(1)  # "Ratified by the Board of Management: 12th March 2024"
            self._date(key, value)
            return
        if name == "adopted" and not P.is_date(value) and re.search(r"approv|ratif", key, re.I) and not md.approved_by:
            md.approved_by = value
            return
        if name == "approved_by" and re.search(r"approved\s+by\s+(\w+)", key, re.I) and not md.approved_by:
            md.approved_by = re.search(r"approved\s+by\s+(\w+)", key, re.I).group(1)
        if len(value) > 1 and value[0] in "\"'" and value[-1] == value[0]:
            value = value[1:-1].strip()  # a quoted value (YAML front matter)
        if name in ("adopted", "review", "updated"):
            self._date(key, value)
        elif name in ("version", "approved_by", "author", "local_authority", "school"):
            if not getattr(md, name):
                setattr(md, name, value)
            if name == "approved_by" and not md.school and P.SCHOOL_NAME.match(value) and is_organisation_name(value):
                md.school = value
        elif name == "audiences":
            md.audiences = audiences_in(value) or md.audiences
        elif name == "related_policies":
            md.related_policies += [p.strip() for p in re.split(r",|;|\band\b", value) if p.strip()]

    def _date(self, key: str, value: str) -> None:
        """Fill the adopted, review or updated date a key names (any other dating key: adopted), unless already read."""
        md = self.doc.metadata
        name = _field_name(key)
        name = name if name in ("adopted", "review", "updated") else "adopted"
        value = re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", value.strip())  # "22 nd January" -> "22nd January"
        if name == "review" and md.review and re.search(r"\bnext\b", key, re.I) and not self.next_review:
            # "Date of review: January 2018" then "Date of next review: January 2019": the first was a review done
            md.updated = md.updated or md.review
            md.review = ""
        if name == "review" and re.search(r"\bnext\b", key, re.I):
            self.next_review = True
        if not getattr(md, name):
            setattr(md, name, value)

    def _claims_dated_title(self, block: Block, index: int) -> bool:
        """A title-block line of parts, one of them a date: "Ysgol Gynradd Nant y Felin | Remote Learning Agreement |
        Reviewed: January 2021". Each part is read (name, title, dates) and the line is the document's metadata."""
        parts = P.line_parts(block.text)
        if index >= 12 or len(parts) < 2 or not any(P.date_part(p) for p in parts):
            return False
        kinds = []
        for part in parts:
            if P.date_part(part) or P.ref_part(part):
                kinds.append("date")
            elif is_organisation_name(part) and tidy_name(part).lower() not in OTHERS:
                kinds.append("school")
            elif len(part.split()) <= 12 and part[-1] not in ".;!?," and part[:1].isupper():
                kinds.append("title")
            else:
                return False
        md, span = self.doc.metadata, self._span(block)
        for part, kind in zip(parts, kinds):
            pair = P.date_part(part) or P.ref_part(part)
            if pair:
                self._meta(pair[0], pair[1], span)
            elif kind == "school" and not md.school:
                md.school = part
                md.fields.append(Field("school", part, span, "school"))
            elif not md.title:
                md.title = part
                md.fields.append(Field("title", part, span, "title"))
            else:
                md.fields.append(Field("text", part, span, "text"))
        return True

    def _claims_title(self, block: Block, index: int) -> bool:
        md = self.doc.metadata
        text = block.text
        if len(text) > 120 or block.kind not in ("heading", "paragraph"):
            return False
        if self._claims_dated_title(block, index):
            return True
        if index < 8 and not self.doc.clauses and len(text) < 80 and audiences_in(text) and not _AUDIENCE_WORD.sub("", text):
            # "Years 9-13" under the title: whom the policy is for, not a section that holds all the others
            md.fields.append(Field("audiences", text, self._span(block), "audiences"))
            md.audiences = md.audiences or audiences_in(text)
            return True
        if index < 8 and not self.doc.clauses and block.kind == "paragraph" and _MOTTO.fullmatch(text):
            # '"Learning together, growing together"' in the letterhead: the school's motto, not a rule to compare
            md.fields.append(Field("motto", text.strip("\"“”'‘’ "), self._span(block), "motto"))
            return True
        if index < 12 and re.fullmatch(P.BRACKETED_BLANK, text):
            # "[SCHOOL NAME / LOGO]", "[School crest]": a template's blank for the school, neither title nor name
            md.fields.append(Field("placeholder", text, self._span(block), "placeholder"))
            return True
        if not md.school and P.SCHOOL_NAME.match(text) and is_organisation_name(text):
            md.school = text
            md.fields.append(Field("school", text, self._span(block), "school"))
            return True
        if not md.title and index == 0 and block.kind == "paragraph" and len(text.split()) <= 12 \
                and text[-1] not in ".;:!?," and not DECLARATION.search(text):
            md.title = text  # a short first line with no sentence end: the title, whatever its words
            md.fields.append(Field("title", md.title, self._span(block), "title"))
            return True
        if not md.title and index < 12 and TITLE_WORDS.search(text) and not DECLARATION.search(text) \
                and (block.kind == "heading" or len(text.split()) <= 12 and text[-1] not in ".!?") and len(text.split()) <= 16:
            # (a paragraph that ends a sentence, "Staff must read the full policy.", is a rule, not the title)
            md.title = text.rstrip(":")
            md.fields.append(Field("title", md.title, self._span(block), "title"))
            return True
        if P.POSTCODE.search(text) and len(text) < 100 and not any(f.name == "address" for f in md.fields):
            md.fields.append(Field("address", text, self._span(block), "address"))
            return True
        return False

    # -- sections and clauses -----------------------------------------------------------------------------
    def _level(self, block: Block) -> int:
        if block.style in ("markdown", "style") and block.level:
            self.levelled = max(self.levelled, block.level)
            return block.level
        if block.style not in self.style_rank:
            self.style_rank.append(block.style)
        # a heading with no level of its own ("Acceptable" under "Internet" / "------") ranks below the levelled ones
        return self.levelled + self.style_rank.index(block.style) + 1

    def _section(self, block: Block) -> None:
        level = self._level(block)
        while self.heading_stack and (self.heading_stack[-1].level >= level
                                      or P.CONTENTS_HEADING.match(self.heading_stack[-1].title)):
            self.heading_stack.pop()  # a table of contents lists sections, it does not hold them
        sid = self._unique("s-" + slugify(block.text, "section", 40))
        parent = self.heading_stack[-1].id if self.heading_stack else None
        section = Section(sid, block.text, level, self._span(block), parent)
        self.doc.sections.append(section)
        self.heading_stack.append(section)
        self.list_parents.clear()
        self.lead_in = None

    def _span(self, block: Block) -> Span:
        """The block's span, skipping only non-blank units between that belong elsewhere."""
        span = block.span
        if not span.skip:
            return span
        return Span(span.start, span.end, tuple(u for u in span.skip if u in self.units))

    def _unique(self, base: str) -> str:
        n = self.ids.get(base, 0) + 1
        self.ids[base] = n
        return base if n == 1 else f"{base}-{n}"

    def _clause(self, block: Block) -> None:
        text = clean(block.text)
        kind = "clause"
        if block.style == "lead-in":
            kind = "lead-in"
        elif DECLARATION.search(text):
            kind = "declaration"
        elif NOTICE.search(text):
            kind = "notice"
        clause = Clause(
            id=self._unique(digest(text)),
            text=text,
            span=self._span(block),
            label=block.label,
            kind=kind,
            heading=[s.title for s in self.heading_stack],
            section=self.heading_stack[-1].id if self.heading_stack else None,
            level=block.level if block.kind == "item" else 0,
        )
        if block.kind == "item":
            if clause.level > 0 and clause.level - 1 in self.list_parents:
                clause.parent = self.list_parents[clause.level - 1].id
            elif self.lead_in is not None:
                clause.parent = self.lead_in.id
            self.list_parents[clause.level] = clause
            for deeper in [lv for lv in self.list_parents if lv > clause.level]:
                del self.list_parents[deeper]
        else:
            self.list_parents.clear()
            self.lead_in = clause if kind == "lead-in" else None
        self.doc.clauses.append(clause)

    def run(self) -> Document:
        """Segment every block, then settle document-level metadata."""
        for index, block in enumerate(self.source.blocks):
            if block.kind == "meta":
                for key, value in (block.rows or [[block.key, block.value]]):
                    self._meta(key, value, self._span(block))
            elif block.kind == "signature":
                self.doc.signatures.append(Field(block.key or block.text, block.value, self._span(block), _signature_name(block.key or block.text)))
            elif block.kind == "table":
                span = self._span(block)
                block.units = span.units()
                self.doc.tables.append(block)
            elif self._claims_title(block, index):
                continue
            elif block.kind == "heading" and not DECLARATION.search(block.text):
                self._stated_dates(block.text)
                self._section(block)
            else:
                if block.kind == "paragraph":
                    self._stated_dates(block.text)
                self._clause(block)
        self._settle()
        return self.doc

    def _settle(self) -> None:
        md = self.doc.metadata
        props = self.source.properties
        if (not md.title or is_generic_title(md.title)) and props.get("title") and not is_generic_title(props["title"]):
            md.title = props["title"]
        if not md.author and props.get("author") and not _TOOL_AUTHOR.fullmatch(props["author"].strip()):
            md.author = props["author"]  # (a file's default author, "python-docx" or "Windows User", names nobody)
        if not md.title and self.doc.sections:
            md.title = self.doc.sections[0].title
        md.school = tidy_name(md.school) if md.school else find_organisation(self.source)
        self._running_dates()
        if not md.audiences:
            md.audiences = audiences_in(md.title)
        if not md.audiences:
            scope = " ".join([md.title] + [c.text for c in self.doc.clauses[:3]] +
                             [f.value for f in self.doc.signatures if f.name == "designation"])
            md.audiences = audiences_in(scope) or ["staff"]
        for clause in self.doc.clauses:
            m = re.search(r"(?:read\s+in\s+conjunction\s+with|read\s+alongside|see\s+also)\s+(?:the\s+)?(.+?)(?:\.|$)", clause.text, re.I)
            if m and len(m.group(1)) < 120:
                for name in re.split(r",|;|\band\b", m.group(1)):
                    name = name.strip()
                    if name and name not in md.related_policies:
                        md.related_policies.append(name)

    def _running_dates(self) -> None:
        """Dates a running header or footer states ("Revised 06/04/2024" on every page) fill the fields the body left empty.

        The lines stay dropped (they are claimed there); only the values are read.
        """
        running = [d.text for d in self.source.dropped if "header" in d.reason or "footer" in d.reason]
        running += self.source.properties.get("running", "").splitlines()  # a Word file's headers and footers
        for text in running:
            for part in P.line_parts(text):
                part = re.sub(r"^(?:page\s+)?\d{1,3}\s+(?=\D)|\s+(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", "",
                              part.strip(), flags=re.I)  # a page number on the same line
                pair = P.date_part(part)
                if pair:
                    self._date(*pair)

    def _stated_dates(self, text: str) -> None:
        """Dates a heading or clause states as a whole part ("This policy was last reviewed in March 2024."): the
        values fill the fields nothing else filled; the text stays where it is."""
        for key, value in P.date_parts(text):
            self._date(key, value)

def segment(source: SourceDocument, doc_id: str, sha256: str, rel_path: str) -> Document:
    """Segment a read source into a document."""
    return Segmenter(source, doc_id, sha256, rel_path).run()
