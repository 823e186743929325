"""Turn a recipe into a :class:`TailoredPolicy`: check every reference against the corpus, map names, number.

Every problem (unknown clause, family, topic, placeholder; a value left empty; a name in a borrowed clause
the recipe does not map) is collected with its line and reported at once. Borrowed clause text is only
ever changed by plain string replacement of mapped names; text the recipe writes itself may use
placeholders such as ``{school}`` or ``{network_manager}`` (:func:`fill`), never template code.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..corpus import load_corpus
from ..corpus.store import DOCUMENTS, document_files
from ..errors import ConfigError
from ..families import Family, families_from_documents
from ..model import Clause, Document, lead_in_sentence
from ..site.dates import read_date
from ..tagging.modality import caption_of
from ..tagging.taxonomy import Topic, load_taxonomy
from .names import Name, detect_names, replace_names
from .recipe import Choice, Problem, Recipe, RecipeError, read_recipe

_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z][a-z0-9_]*)\}(?!\})")
_DESIGNATION = {"staff": "Staff", "governors": "Governor", "visitors": "Visitor", "volunteers": "Volunteer",
                "pupils": "Pupil", "parents": "Parent", "contractors": "Contractor"}
#: Roles listed under "Key people", in this order, then any other role of the recipe.
ROLE_ORDER = ("headteacher", "designated_safeguarding_lead", "deputy_designated_safeguarding_lead", "network_manager",
              "data_protection_officer", "online_safety_lead", "business_manager", "chair_of_governors")
#: The roles a starter recipe and the site's builder page ask for (the one list of them).
ASKED_ROLES = ("headteacher", "designated_safeguarding_lead", "network_manager", "data_protection_officer",
               "chair_of_governors")
#: The declaration printed when the recipe gives no wording of its own.
GENERIC_DECLARATION = ("I have read and understood the {title} of {school}, and I agree to follow it. I understand that a "
                       "breach of the policy may lead to disciplinary action or, for a visitor or volunteer, to my access "
                       "being withdrawn.")


@dataclass(frozen=True)
class PolicyClause:
    """A numbered clause of the tailored policy and where its words came from."""

    number: str  # "3.2"; an item under a lead-in: "3.2.1"
    text: str
    source: str = ""  # "<document>#<clause>" when borrowed, "" when written in the recipe
    #: When this clause is a lead-in ("Staff must not:"), the chosen items printed under it, numbered "3.2.1", ...
    items: tuple[PolicyClause, ...] = ()


@dataclass(frozen=True)
class PolicySection:
    """A numbered section: one topic's chosen clauses."""

    number: int
    topic: str
    title: str
    clauses: tuple[PolicyClause, ...]


@dataclass(frozen=True)
class TailoredPolicy:
    """Everything the renderers print, already resolved, numbered and with names mapped."""

    id: str
    school: str
    title: str
    address: str = ""
    version: str = ""
    adopted: str = ""
    review_due: str = ""
    audiences: tuple[str, ...] = ()
    people: tuple[tuple[str, str], ...] = ()  # (role title, name)
    introduction: tuple[str, ...] = ()
    sections: tuple[PolicySection, ...] = ()
    declaration_title: str = "Declaration"
    declaration: tuple[str, ...] = ()
    designations: tuple[str, ...] = ("Staff", "Governor", "Visitor", "Volunteer")
    signatories: tuple[tuple[str, str], ...] = ()  # (role title, name) on the adoption sign-off
    notes: tuple[str, ...] = ()  # what tailoring added or merged on its own (a lead-in printed with its item)

    @property
    def clauses(self) -> list[PolicyClause]:
        """Every numbered clause in order, a lead-in followed by its items."""
        return [x for s in self.sections for c in s.clauses for x in (c, *c.items)]


def display_date(value: str) -> str:
    """A recipe's date in the one format dates are shown in ('2025-09-01' -> '1 September 2025'); else as written."""
    return read_date(value).shown if value.strip() else value


def role_title(role: str) -> str:
    """'designated_safeguarding_lead' -> 'Designated safeguarding lead'."""
    return role.replace("_", " ").capitalize()


def slug(text: str) -> str:
    """A file-name stem from a name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("\u2019", "")).strip("-") or "policy"


def fill(text: str, values: dict[str, str], line: int, where: str, problems: list[Problem]) -> str:
    """Replace {placeholders} in recipe-written text; an unknown or empty one is a problem."""
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in values:
            close = difflib.get_close_matches(name, list(values), n=1)
            problems.append(Problem(line, f"{where}: unknown placeholder {{{name}}}"
                                    + (f"; did you mean {{{close[0]}}}?" if close else f"; known: {', '.join(sorted(values))}")))
            return m.group(0)
        if not values[name] and name in ("school", "version", "adopted", "review_due"):
            return m.group(0)  # already reported as a missing required value
        if not values[name]:
            problems.append(Problem(line, f"{where}: {{{name}}} is used but has no value; fill in "
                                    + ("people." if name not in ("school", "address", "title", "version", "adopted", "review_due") else "")
                                    + name))
            return m.group(0)
        return values[name]
    return _PLACEHOLDER.sub(sub, text)


def clause_lead(doc: Document, clause: Clause, lead_ins: dict[str, Clause] | None = None) -> tuple[str, str]:
    """(what identifies the lead-in a borrowed clause is printed under, the lead-in's words), or ("", "") when its
    own words stand alone: its lead-ins' ref and introducing sentences ("Staff must not:"), or the caption heading
    that gives it its force ("Don't:"). Items sharing the first are printed under one line of the second; the
    words, a space and the clause's text are :func:`~generator.tagging.modality.clause_reading`."""
    chain = doc.lead_in_chain(clause, lead_ins)
    if chain:
        return f"{doc.id}#{chain[-1].id}", " ".join(lead_in_sentence(c.text) for c in chain)
    caption = caption_of(clause)
    return (f"caption {doc.id} {caption}", f"{caption.rstrip(':').strip()}:") if caption else ("", "")


class Resolver:
    """Looks clause ids, families and topics up in a loaded corpus, with suggestions for near misses."""

    def __init__(self, documents: list[Document], families: list[Family], topics: list[Topic]) -> None:
        self.documents = {d.id: d for d in documents}
        self.families = {f.id: f for f in families}
        self.topics = {t.id: t for t in topics}
        self.topic_order = [t.id for t in topics]
        self.refs = [f"{d.id}#{c.id}" for d in documents for c in d.clauses]
        self._lead_ins: dict[str, dict[str, Clause]] = {}
        self.lead_in_refs: dict[str, list[str]] = {}  # chosen ref -> refs of the lead-ins printed with it
        #: chosen ref -> (what identifies its lead-in, the lead-in's words): items sharing one are printed under it
        self.leads: dict[str, tuple[str, str]] = {}
        self.notes: list[str] = []

    def reading(self, doc: Document, clause: Clause, line: int, nested: bool) -> str:
        """A borrowed clause's words, and what must be read before them: its lead-ins, or the caption heading that
        gives it its force, so that "Staff must not:" never drops off an item. ``nested``: the lead-in is kept
        in :attr:`leads` and printed once above the items that share it; else it is written in front."""
        if doc.id not in self._lead_ins:
            self._lead_ins[doc.id] = doc.lead_ins()
        chain = doc.lead_in_chain(clause, self._lead_ins[doc.id])
        ref = f"{doc.id}#{clause.id}"
        key, words = clause_lead(doc, clause, self._lead_ins[doc.id])
        if not key:
            return clause.text
        self.leads[ref] = (key, words)
        if chain:
            self.lead_in_refs[ref] = [f"{doc.id}#{c.id}" for c in chain]
            self.notes.append(f"line {line}: {ref} is printed under its lead-in "
                              + " ".join(repr(lead_in_sentence(c.text)) for c in chain) + " (added automatically)")
        else:
            self.notes.append(f"line {line}: {ref} is printed under its heading {caption_of(clause)!r}, "
                              "which gives it its force (added automatically)")
        return clause.text if nested else f"{words} {clause.text}"

    def resolve(self, choice: Choice, where: str, problems: list[Problem],
                nested: bool = False) -> tuple[str, str, str] | None:
        """(text, source ref, document id) of a choice, or None with a problem recorded; ``nested``: the text
        without the lead-in it is printed under (see :meth:`reading`)."""
        if choice.text or not (choice.document or choice.clause or choice.family):
            if not choice.text:
                problems.append(Problem(choice.line, f"{where}: empty clause text"))
                return None
            return choice.text, "", ""
        if choice.family:
            family = self.families.get(choice.family)
            if family is None:
                close = difflib.get_close_matches(choice.family, list(self.families) + self.refs, n=3, cutoff=0.6)
                problems.append(Problem(choice.line, f"{where}: unknown family or clause {choice.family!r}; "
                                        + (f"closest: {', '.join(close)}" if close else
                                           "write clauses as \"<document>#<clause>\" (see `aup export clauses`)")))
                return None
            rep = family.representative
            text = self.reading(rep.document, rep.clause, choice.line, nested)
            return text, f"{rep.document.id}#{rep.clause.id}", rep.document.id
        doc = self.documents.get(choice.document)
        clause = doc.clause(choice.clause) if doc else None
        if clause is None:
            pool = self.refs if doc is None else [f"{doc.id}#{c.id}" for c in doc.clauses]
            close = difflib.get_close_matches(choice.ref, pool, n=3, cutoff=0.5)
            what = f"unknown document {choice.document!r}" if doc is None else f"no clause {choice.clause!r} in {doc.id}"
            problems.append(Problem(choice.line, f"{where}: {what}; " + (f"closest: {', '.join(close)}" if close else
                                    f"known documents: {', '.join(sorted(self.documents))}")))
            return None
        return self.reading(doc, clause, choice.line, nested), choice.ref, doc.id  # type: ignore[arg-type]

    def school_of(self, document: str) -> str:
        """The school a document belongs to ('' when it does not say)."""
        doc = self.documents.get(document)
        return doc.metadata.school if doc else ""


def _people(recipe: Recipe) -> tuple[tuple[str, str], ...]:
    roles = [r for r in ROLE_ORDER if recipe.people.get(r)] + sorted(r for r in recipe.people if r not in ROLE_ORDER and recipe.people[r])
    return tuple((role_title(r), recipe.people[r]) for r in roles)


def _names(recipe: Recipe, borrowed: list[tuple[Choice, str, str]], values: dict[str, str],
           problems: list[Problem]) -> tuple[dict[str, str], dict[str, list[Name]]]:
    """The name mapping with placeholders filled, and every detected name; unmapped ones become problems."""
    mapping = {name: fill(value, values, line, f"names.{name}", problems) for name, (value, line) in recipe.names.items()}
    detected: dict[str, list[Name]] = {}
    for choice, text, school in borrowed:
        for name in detect_names(text, school):
            detected.setdefault(choice.ref, []).append(name)
            if name.text not in mapping:
                problems.append(Problem(choice.line, f"{choice.ref} names {name.text!r} ({name.kind}); map it to this "
                                        f"school's own under names:, e.g. \"{name.text}\": \"{suggest_mapping(name)}\" "
                                        "(map it to itself to keep it)"))
    return mapping, detected


def suggest_mapping(name: Name) -> str:
    """What a detected name is mapped to by default: {school} for a school, a role for a person, else itself."""
    if name.kind == "school":
        return "{school}"
    if name.kind == "person":
        return "{network_manager}"
    return name.text


def _merge_lead_ins(items: list[tuple[Choice, str, str]], resolver: Resolver) -> list[tuple[Choice, str, str]]:
    """Drop a chosen bare lead-in ("Staff must not:"): it is printed in front of its chosen items anyway, and
    alone it says nothing (the note names what to choose)."""
    printed = {lead for _, _, ref in items for lead in resolver.lead_in_refs.get(ref, [])}
    kept = []
    for choice, text, ref in items:
        if ref and _bare_lead_in(ref, resolver):
            resolver.notes.append(f"line {choice.line}: {ref} (a lead-in) is printed with its chosen items, not on its own"
                                  if ref in printed else
                                  f"line {choice.line}: {ref} (a lead-in) is left out: none of its items is chosen, "
                                  "and alone it says nothing; choose its items instead")
            continue
        kept.append((choice, text, ref))
    return kept


def _bare_lead_in(ref: str, resolver: Resolver) -> bool:
    """Whether a chosen clause only introduces a list (so dropping it loses nothing)."""
    doc_id, _, clause_id = ref.partition("#")
    doc = resolver.documents.get(doc_id)
    clause = doc.clause(clause_id) if doc else None
    return clause is not None and clause.bare_lead_in


def _document(ref: str) -> str:
    """The document part of a "<document>#<clause>" reference."""
    return ref.partition("#")[0]


def _numbered(section: int, items: list[tuple[Choice, str, str]], leads: dict[str, tuple[str, str]],
              mapping: dict[str, str]) -> tuple[PolicyClause, ...]:
    """A section's numbered clauses: consecutive items that share a lead-in are printed under one line of it
    ("3.2 Staff must not:" then 3.2.1, 3.2.2, ...); every other clause on its own."""
    groups: list[tuple[str, str, list[tuple[str, str]]]] = []  # (lead-in key, its words, [(text, ref)])
    for _, text, ref in items:
        key, lead = leads.get(ref, ("", "")) if ref else ("", "")
        text = replace_names(text, mapping) if ref else text
        same = groups and key and (groups[-1][0] == key or (groups[-1][1], _document(groups[-1][2][0][1])) == (lead, _document(ref)))
        if same:  # the same lead-in, or one of the same words in the same document ("Don't:" list, "Don't" heading)
            groups[-1][2].append((text, ref))
        else:
            groups.append((key, lead, [(text, ref)]))
    numbered = []
    for i, (key, lead, members) in enumerate(groups, 1):
        if not key:
            numbered.append(PolicyClause(f"{section}.{i}", *members[0]))
            continue
        source = "" if key.startswith("caption ") else key  # a lead-in clause's ref; a caption heading has none
        numbered.append(PolicyClause(f"{section}.{i}", replace_names(lead, mapping), source, tuple(
            PolicyClause(f"{section}.{i}.{j}", text, ref) for j, (text, ref) in enumerate(members, 1))))
    return tuple(numbered)


def tailor_policy(recipe: Recipe, documents: list[Document], topics: list[Topic],
                  families: list[Family] | None = None) -> tuple[TailoredPolicy, dict[str, list[Name]]]:
    """Resolve a parsed recipe against a corpus; raise RecipeError listing every problem."""
    resolver = Resolver(documents, families if families is not None else families_from_documents(documents), topics)
    problems = list(recipe.missing)
    values = {**{role: "" for role in ROLE_ORDER}, **recipe.values()}  # a well-known role is never 'unknown'
    borrowed: list[tuple[Choice, str, str]] = []
    seen: dict[str, int] = {}
    chosen: list[tuple[str, str, list[tuple[Choice, str, str]]]] = []  # topic, title, [(choice, text, source)]
    for tc in recipe.topics:
        topic = resolver.topics.get(tc.topic)
        if topic is None:
            close = difflib.get_close_matches(tc.topic, resolver.topic_order, n=1)
            problems.append(Problem(tc.line, f"unknown topic {tc.topic!r}; " + (f"did you mean {close[0]!r}? " if close else "")
                                    + f"known topics: {', '.join(resolver.topic_order)}"))
        items: list[tuple[Choice, str, str]] = []
        for choice in tc.clauses:
            got = resolver.resolve(choice, f"topics.{tc.topic}", problems, nested=True)
            if got is None:
                continue
            text, ref, doc = got
            if ref:
                if ref in seen:
                    problems.append(Problem(choice.line, f"{ref} is chosen twice (also line {seen[ref]}); keep one"))
                seen.setdefault(ref, choice.line)
                lead = resolver.leads.get(ref, ("", ""))[1]
                borrowed.append((choice, f"{lead} {text}" if lead else text, resolver.school_of(doc)))
            else:
                text = fill(text, values, choice.line, f"topics.{tc.topic}", problems)
            items.append((choice, text, ref))
        chosen.append((tc.topic, tc.title or (topic.title if topic else tc.topic), _merge_lead_ins(items, resolver)))
    for topic_id, line in recipe.order:
        if topic_id not in resolver.topics:
            close = difflib.get_close_matches(topic_id, resolver.topic_order, n=1)
            problems.append(Problem(line, f"order: unknown topic {topic_id!r}" + (f"; did you mean {close[0]!r}?" if close else "")))
        elif topic_id not in {t.topic for t in recipe.topics}:
            problems.append(Problem(line, f"order: topic {topic_id!r} has no clauses under topics:"))
    if not any(items for _, _, items in chosen) and not problems:
        problems.append(Problem(recipe.lines.line(("topics",)), "topics: no clauses chosen; choose at least one"))
    wording: list[tuple[str, str]] = []  # (text, source ref)
    for choice in recipe.declaration:
        got = resolver.resolve(choice, "declaration.wording", problems)
        if got is None:
            continue
        text, ref, doc = got
        if ref:
            borrowed.append((choice, text, resolver.school_of(doc)))
            wording.append((text, ref))
        else:
            wording.append((fill(text, values, choice.line, "declaration.wording", problems), ""))
    introduction = fill(recipe.introduction, values, recipe.lines.line(("introduction",)), "introduction", problems)
    mapping, detected = _names(recipe, borrowed, values, problems)
    if problems:
        raise RecipeError(recipe.path, problems)
    rank: dict[str, int] = {}
    for t in [t for t, _ in recipe.order] + resolver.topic_order:  # order: first, then the taxonomy's
        rank.setdefault(t, len(rank))
    chosen = sorted((c for c in chosen if c[2]), key=lambda c: rank.get(c[0], len(rank)))
    sections = tuple(PolicySection(n, topic, title, _numbered(n, items, resolver.leads, mapping))
                     for n, (topic, title, items) in enumerate(chosen, 1))
    declaration = [replace_names(text, mapping) if ref else text for text, ref in wording] or [GENERIC_DECLARATION.format(
        title=recipe.title, school=values["school"])]
    audiences = tuple(recipe.audiences)
    designations = tuple(_DESIGNATION[a] for a in audiences if a not in ("pupils", "parents")) or \
        ("Staff", "Governor", "Visitor", "Volunteer")
    signatories = tuple((role_title(r), recipe.people.get(r, "")) for r in ("headteacher", "chair_of_governors"))
    policy = TailoredPolicy(
        id=f"{slug(values['school'])}-aup", school=values["school"], title=recipe.title,
        address=recipe.school.get("address", ""), version=recipe.version, adopted=display_date(recipe.adopted),
        review_due=display_date(recipe.review_due), audiences=audiences, people=_people(recipe),
        introduction=tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", introduction) if p.strip()), sections=sections,
        declaration_title=recipe.declaration_title, declaration=tuple(declaration), designations=designations,
        signatories=signatories, notes=tuple(resolver.notes),
    )
    return policy, detected


def load_policy(recipe_path: Path, corpus: Path) -> tuple[TailoredPolicy, dict[str, list[Name]]]:
    """Read a recipe and resolve it against the corpus folder."""
    recipe = read_recipe(recipe_path)
    if not document_files(Path(corpus)):
        # one line, not one "unknown document" per clause: the recipe is fine, the folder is wrong
        raise ConfigError(f"no corpus found (expected {Path(corpus) / DOCUMENTS}/*.yaml); run `aup tailor` in the "
                          "project folder, or pass --corpus DIR", corpus)
    documents = load_corpus(Path(corpus))
    return tailor_policy(recipe, documents, load_taxonomy(Path(corpus)))
