"""The site's policy builder: the school's own workspace for assembling its policy, entirely in the browser.

The page (:mod:`.builder_page`) ships the clauses as JSON (``builder/clauses.json``, made here): every clause
a school can choose, keyed by what the recipe writes for it (a family id for the wording most schools share,
else ``"<document>#<clause>"``), with its own words and, as ``aup tailor`` prints it under one, its lead-in
(``lead``: what identifies it and its words, :func:`generator.tailor.policy.clause_lead`) and the names
:func:`generator.tailor.names.detect_names` finds in the two; per topic the keys to browse; per document the keys
that make up its policy ("start from"); the starter's picks; and the rules a recipe must meet beyond the JSON
Schema (the schema itself is published beside it, the same file ``aup tailor`` validates against). Policy
text reaches the page only as JSON data put into text nodes, and the page has no inline script or handlers.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rapidfuzz import fuzz

from ..families import Family, normalise
from ..model import MODALITY_LABELS, Document
from ..naming import distinct_names, policy_phrase
from ..tagging.taxonomy import Topic
from ..tailor.names import detect_names
from ..tailor.policy import ASKED_ROLES, GENERIC_DECLARATION, ROLE_ORDER, clause_lead, role_title, suggest_mapping
from ..tailor.recipe import DEFAULT_TITLE, REQUIRED
from ..tailor.starter import pick_families

#: Roles the page asks for (recipe ``people:`` keys) with their labels.
PEOPLE = tuple((role, role_title(role)) for role in ASKED_ROLES)
#: Fewer words than this and a clause in no family is not listed to browse (a heading-like fragment); it can
#: still be added from its topic page or a school's policy.
MIN_LISTED_WORDS = 3


def _same_wording(family: Family, text: str) -> bool:
    """Whether a family member words its rule as the representative does (a near-copy): the builder offers
    the representative for it; a member in its own words is offered as itself."""
    rep = family.representative.text
    return fuzz.ratio(" ".join(normalise(rep)), " ".join(normalise(text))) >= 90


class _Offer:
    """Collects the clause entries, the per-topic lists and the aliases while the data is built."""

    def __init__(self, documents: list[Document], topic_ids: list[str]) -> None:
        self.docs = {d.id: d for d in documents}
        self.shown = distinct_names(documents)
        self.topic_ids = topic_ids
        self.clauses: dict[str, dict[str, Any]] = {}
        self.listed: dict[str, list[str]] = {t: [] for t in topic_ids}
        self.lead_ins = {d.id: d.lead_ins() for d in documents}

    def add(self, doc: Document, clause_id: str, family: Family | None, listed: bool) -> str | None:
        clause = doc.clause(clause_id)
        if clause is None:
            return None
        # a declaration clause is offered only to a recipe's declaration wording, never as a policy clause
        topics = [t for t in clause.topics if t in self.listed] if clause.kind != "declaration" else []
        key = family.id if family is not None else f"{doc.id}#{clause_id}"
        if key in self.clauses:
            return key
        # as `aup tailor` prints it: its own words under its lead-in ("Staff must not:") or caption, which consecutive
        # items sharing the lead's key (or its words, in one document) share: [key, words] (tailor.policy.clause_lead)
        lead = clause_lead(doc, clause, self.lead_ins[doc.id])
        reading = f"{lead[1]} {clause.text}" if lead[0] else clause.text
        self.clauses[key] = {
            "ref": f"{doc.id}#{clause_id}", "family": family.id if family is not None else "",
            "shared": len(family.documents) if family is not None else 1, "document": doc.id,
            "school": self.shown[doc.id], "text": clause.text, "topic": topics[0] if topics else "",
            "topics": topics, "force": clause.force,
            "badge": MODALITY_LABELS.get(clause.modality or "info", "statement"),
            "names": [[n.text, suggest_mapping(n)] for n in detect_names(reading, doc.metadata.school)]}
        if lead[0]:
            self.clauses[key]["lead"] = list(lead)
        # as `aup tailor` does, a bare lead-in is printed only in front of its chosen items, never alone
        # (tailor.policy._merge_lead_ins); choosing it chooses its items (builder_data sets them)
        if clause.bare_lead_in:
            self.clauses[key]["intro"] = True
        if listed and topics:
            self.listed[topics[0]].append(key)
        return key


def _lead_in_items(offer: _Offer, documents: list[Document], offered_as: dict[tuple[str, str], str]) -> None:
    """Give each bare lead-in offered its items' keys (``items``: adding it adds them, printed under it), and
    list none without items to browse: a lead-in alone says nothing."""
    for doc in documents:
        items = doc.items_under(offer.lead_ins[doc.id])
        for clause in doc.clauses:
            key = offered_as.get((doc.id, clause.id))
            if key is None or not offer.clauses[key].get("intro") or offer.clauses[key]["ref"] != f"{doc.id}#{clause.id}":
                continue
            keys = list(dict.fromkeys(offered_as[(doc.id, c.id)] for c in items.get(clause.id, ())
                                      if (doc.id, c.id) in offered_as))
            if keys:
                offer.clauses[key]["items"] = keys
            else:
                for listed in offer.listed.values():
                    if key in listed:
                        listed.remove(key)


def builder_data(documents: list[Document], families: Iterable[Family], topics: Iterable[Topic],
                 versions: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The builder's JSON: every choosable clause by key, topics to browse (families first, most shared first),
    each document's policy as keys, the starter's picks, the recipe rules the schema does not state, and each
    document's current version (``versions``; 1 when not given), which the recipe records for its clauses."""
    topics = list(topics)
    families = sorted(families, key=lambda f: (-len(f.documents), f.id))
    offer = _Offer(documents, [t.id for t in topics])
    offered_as: dict[tuple[str, str], str] = {}  # (document, clause) -> key it is offered under
    for family in families:
        doc = offer.docs.get(family.representative.key[0])
        clause = doc.clause(family.representative.key[1]) if doc else None
        if doc is None or clause is None or clause.kind == "declaration":
            continue
        key = offer.add(doc, clause.id, family, listed=True)
        for member in family.members:
            if key and _same_wording(family, member.clause.text):
                offered_as[member.key] = key
    for doc in documents:
        for clause in doc.clauses:
            if (doc.id, clause.id) in offered_as or clause.kind == "notice":
                continue
            key = offer.add(doc, clause.id, None, listed=len(clause.text.split()) >= MIN_LISTED_WORDS)
            if clause.kind == "declaration":
                continue
            if key:
                offered_as[(doc.id, clause.id)] = key
    _lead_in_items(offer, documents, offered_as)
    policies = []
    for doc in documents:
        keys = list(dict.fromkeys(offered_as[(doc.id, c.id)] for c in doc.clauses if (doc.id, c.id) in offered_as))
        keys = [k for k in keys if offer.clauses[k]["topic"] and not offer.clauses[k].get("intro")]
        if keys:
            policies.append({"id": doc.id, "school": offer.shown[doc.id], "policy": policy_phrase(doc, offer.shown[doc.id]), "keys": keys})
    starter = [f.id for picked in pick_families(documents, families, topics).values() for f in picked if f.id in offer.clauses]
    alias = {f"{d}#{c}": key for (d, c), key in offered_as.items() if f"{d}#{c}" != key}
    return {"format": 2,
            "topics": [{"id": t.id, "title": t.title, "keys": offer.listed[t.id]} for t in topics],
            "clauses": offer.clauses, "alias": alias, "documents": policies, "starter": starter,
            "people": [list(p) for p in PEOPLE], "roles": list(ROLE_ORDER), "title": DEFAULT_TITLE,
            "required": [[list(path), what] for path, what in REQUIRED.items()],
            "declaration": GENERIC_DECLARATION,
            "versions": {d.id: (versions or {}).get(d.id, 1) for d in documents}}
