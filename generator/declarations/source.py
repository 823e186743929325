"""What a declaration sheet is printed from: a neutral :class:`DeclarationSource`.

A corpus document is adapted into one by :func:`source_from_document`; a tailoring recipe will get its own
adapter, so the renderers never look at a Document or a recipe directly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..changes import force_text
from ..corpus import document_files, document_path, load_document
from ..errors import AupError
from ..model import Document, Field
from ..naming import readable_title
from ..site.dates import locale_of, read_date
from ..tailor import TailoredPolicy, is_recipe, load_policy

if TYPE_CHECKING:
    from ..versions import History

#: Who signs a declaration, in the order a sheet lists them.
DESIGNATIONS = ("Staff", "Governor", "Visitor", "Volunteer")

#: Printed when a policy has no declaration clause of its own (and the sheet says so); ``{name}`` is the policy's
#: name as a sentence names it (:func:`policy_name`).
GENERIC_WORDING = (
    "I have read and understood the {name}, and I agree to follow it. I understand that a breach of the "
    "policy may lead to disciplinary action or, for a visitor or volunteer, to my access being withdrawn.",
)

LEADERSHIP = "Signed on behalf of the senior leadership team"
GOVERNORS = "Signed on behalf of the Governing Body"


class SourceError(AupError):
    """A declaration source cannot be found or read."""


@dataclass(frozen=True)
class Signatory:
    """One sign-off block of the adoption page: on whose behalf, and who signs (either may be blank)."""

    on_behalf_of: str  # the block's heading, e.g. "Signed on behalf of the Governing Body"
    name: str = ""
    role: str = ""


@dataclass(frozen=True)
class Adoption:
    """The governing body's sign-off of the policy, prefilled where the source states it."""

    meeting_of: str = ""  # "This policy was adopted at a meeting of ..."
    held_on: str = ""
    review: str = ""
    signatories: tuple[Signatory, ...] = (Signatory(LEADERSHIP), Signatory(GOVERNORS))


@dataclass(frozen=True)
class DeclarationSource:
    """Everything a declaration sheet, roster or adoption page prints about the policy."""

    id: str  # file-name stem of the outputs
    school: str
    title: str
    wording: tuple[str, ...]  # the declaration paragraphs, in order
    generic: bool = False  # True when ``wording`` is GENERIC_WORDING because the policy has none
    version: str = ""
    adopted: str = ""
    review: str = ""
    notice: tuple[str, ...] = ()  # the form's privacy notice paragraphs, if the policy has one
    designations: tuple[str, ...] = DESIGNATIONS
    adoption: Adoption = field(default_factory=Adoption)
    revision: int = 0  # the corpus's version of the policy this sheet is for (generator.versions), 0: not known
    revision_date: str = ""  # the date the policy states for that version, as shown ("August 2024"); never the ingest day
    since: str = ""  # the version the signer signed before ("revision 1 of August 2018"), for a re-signing sheet
    changes: tuple[tuple[str, str], ...] = ()  # (what happened, clause text) since then: printed above the wording

    @property
    def dates_line(self) -> str:
        """'Version 3 · Adopted April 2021 · Review April 2024' with whatever the source states."""
        parts = [f"Version {self.version}" if self.version else "",
                 f"Revision {self.revision}" + (f" of {self.revision_date}" if self.revision_date else "") if self.revision else "",
                 f"Adopted {self.adopted}" if self.adopted else "", f"Review due {self.review}" if self.review else ""]
        return " · ".join(p for p in parts if p)

    @property
    def footer(self) -> str:
        """The running footer text: school and title."""
        return " · ".join(p for p in (self.school, self.title) if p)


def _designations(doc: Document) -> tuple[str, ...]:
    """The designations the policy's own form offers (St Joseph's: 'Staff / Governor / ...'), else all four."""
    for f in doc.signatures:
        if f.name == "designation" and f.value:
            offered = tuple(d for d in DESIGNATIONS if re.search(rf"\b{d}s?\b", f.value, re.IGNORECASE))
            if offered:
                return offered
    return DESIGNATIONS


def _approved_by(value: str) -> str:
    # A value ending in ':' is a heading the metadata reader caught by mistake, not a body's name.
    value = value.strip()
    return "" if not value or value.endswith(":") or len(value) > 120 else value


def _signatories(doc: Document) -> tuple[Signatory, ...]:
    """Pair each 'Signed on behalf of ...' field with the name/role of signatory fields that follow it."""
    blocks = sorted((f for f in doc.signatures if f.key.lower().startswith("signed on behalf of")), key=lambda f: f.span.start)
    people = sorted((f for f in doc.metadata.fields if f.name == "signatory"), key=lambda f: f.span.start)
    if not blocks:
        return Adoption().signatories
    found: list[Signatory] = []
    for i, block in enumerate(blocks):
        end = blocks[i + 1].span.start if i + 1 < len(blocks) else None
        mine: list[Field] = [p for p in people if p.span.start > block.span.start and (end is None or p.span.start < end)]
        name = next((p.value for p in mine if "name" in p.key.lower()), "")
        role = next((p.value for p in mine if "role" in p.key.lower()), "")
        found.append(Signatory(block.key.strip().rstrip(":"), name, role))
    return tuple(found)


#: Words that say what kind of document a title names: "... Policy", "... Agreement", "Code of Conduct".
_DOCUMENT_KIND = re.compile(r"\b(?:polic(?:y|ies)|agreements?|code|rules|guidelines|guidance|charter|procedures?|protocol|"
                            r"statement|contract|handbook|framework|pledge|promise|undertaking|AUP|AUA)\b", re.I)


def policy_name(title: str) -> str:
    """A policy's title as a sentence names it: "Staff ICT Agreement" as is, "Internet access" as "Internet access
    policy" (a title that does not say it is a policy)."""
    return title if _DOCUMENT_KIND.search(title) else f"{title} policy"


def source_from_document(doc: Document) -> DeclarationSource:
    """Adapt a corpus document: its declaration clauses in order, its privacy notice, dates and signatories."""
    md = doc.metadata
    title = readable_title(doc)  # the name every page gives it, from its stated title, first heading or file name
    wording = tuple(c.text for c in doc.clauses if c.kind == "declaration")
    notice = tuple(c.text for c in doc.clauses if c.kind == "notice")
    generic = not wording
    if generic:
        wording = tuple(w.format(name=policy_name(title)) for w in GENERIC_WORDING)
    locale = locale_of(doc)
    adopted, review = (read_date(d, locale).shown for d in (md.adopted, md.review))
    adoption = Adoption(meeting_of=_approved_by(md.approved_by), held_on=adopted, review=review,
                        signatories=_signatories(doc))
    return DeclarationSource(
        id=doc.id, school=md.school, title=title, wording=wording, generic=generic, version=md.version,
        adopted=adopted, review=review, notice=notice, designations=_designations(doc), adoption=adoption,
    )


def source_from_policy(policy: TailoredPolicy) -> DeclarationSource:
    """A tailored policy as a declarations source: its school, title, dates, wording and signatories."""
    signatories = tuple(Signatory(f"Signed on behalf of the {'Governing Body' if 'governor' in role.lower() else 'school'}",
                                  name, role) for role, name in policy.signatories)
    return DeclarationSource(
        id=policy.id, school=policy.school, title=policy.title, wording=policy.declaration, version=policy.version,
        adopted=policy.adopted, review=policy.review_due, designations=policy.designations,
        adoption=Adoption(meeting_of="the Governing Body", held_on=policy.adopted, review=policy.review_due,
                          signatories=signatories),
    )


def revised(source: DeclarationSource, history: History, doc: Document | None = None) -> DeclarationSource:
    """The source with its policy's current version and the date the policy states for it (what the sheet records;
    the day it was ingested is no date of the policy's, and is left out)."""
    current = history.current
    return replace(source, revision=current.number, revision_date=current.policy_date(locale_of(doc) if doc else ""))


def with_revision(source: DeclarationSource, corpus: Path, doc: Document, since: int | None = None) -> DeclarationSource:
    """The source with the policy's current version and date, and with ``since`` the substantive clause changes
    from that version (the sheet for people who signed it and must sign again)."""
    from ..versions import compare_versions, index_path, load_history

    if index_path(corpus, doc.id).is_file():  # a policy ingested before versions were kept has no dated revision
        source = revised(source, load_history(corpus, doc), doc)
    if since is None:
        return source
    frm, _, changes = compare_versions(corpus, doc, since)
    heads = {"added": "Added", "removed": "Removed", "reworded": "Now reads"}
    listed = tuple((heads[c.kind] + (f" ({force_text(c.force)})" if c.force else ""), (c.new or c.old).text)
                   for c in changes.substantive)
    stated = frm.policy_date(locale_of(doc))
    since_text = f"revision {frm.number}" + (f" of {stated}" if stated else "")
    return replace(source, since=since_text, changes=listed)


def load_source(corpus: Path, source: str, since: int | None = None) -> DeclarationSource:
    """Find SOURCE (a corpus document id, a corpus document file, or a tailoring recipe) and adapt it.

    A corpus document's sheet records its current version and date; ``since`` (a version number) adds what
    changed from that version."""
    path = Path(source)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        if is_recipe(path):  # a recipe gets its own adapter
            return source_from_policy(load_policy(path, Path(corpus))[0])
        if since is not None:
            raise SourceError("--since needs a corpus document id: a recipe or a document file has no versions", str(path))
        return source_from_document(load_document(path))
    path = document_path(Path(corpus), source)
    if not path.is_file():
        known = [p.stem for p in document_files(Path(corpus))]
        hint = ", ".join(known) if known else f"none: the corpus {corpus} is empty; run `aup ingest` first"
        raise SourceError(f"no document {source!r} in the corpus; known documents: {hint}", str(corpus))
    doc = load_document(path)
    return with_revision(source_from_document(doc), Path(corpus), doc, since)
