"""``aup tailor --init``: a starter recipe with, per topic, the clause families most schools share.

The school's own fields are left empty so that ``aup tailor`` reports each one as missing until filled in;
names the chosen clauses carry are listed under ``names:`` with a suggested placeholder.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..corpus import load_corpus
from ..families import Family, families_from_documents
from ..model import Document
from ..tagging.taxonomy import Topic, load_taxonomy
from ..versions import load_history
from .names import detect_names
from .policy import ASKED_ROLES, suggest_mapping

#: Families taken per topic by default.
PER_TOPIC = 4
PEOPLE = ASKED_ROLES


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _preview(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def pick_families(documents: list[Document], families: list[Family], topics: list[Topic],
                  per_topic: int = PER_TOPIC) -> dict[str, list[Family]]:
    """Per topic (taxonomy order), the families spanning the most documents; each family under its first topic."""
    clause_topics = {(d.id, c.id): c.topics for d in documents for c in d.clauses}
    kinds = {(d.id, c.id): c.kind for d in documents for c in d.clauses}
    by_topic: dict[str, list[Family]] = {t.id: [] for t in topics}
    for family in sorted(families, key=lambda f: (-len(f.documents), f.id)):
        rep = family.representative.key
        if kinds.get(rep) == "declaration":
            continue
        first = next((t for t in clause_topics.get(rep, []) if t in by_topic), None)
        if first and len(by_topic[first]) < per_topic:
            by_topic[first].append(family)
    return {t: fams for t, fams in by_topic.items() if fams}


def starter_recipe(documents: list[Document], topics: list[Topic], families: list[Family] | None = None,
                   per_topic: int = PER_TOPIC, versions: dict[str, int] | None = None) -> str:
    """The text of a starter recipe for a corpus; each family records the clause it gives and that document's version
    (``versions``, 1 when not given) so that ``aup tailor --check`` can report it changed since."""
    families = families if families is not None else families_from_documents(documents)
    schools = {d.id: d.metadata.school for d in documents}
    picked = pick_families(documents, families, topics, per_topic)
    out = ["# A tailored Acceptable Use Policy: fill in the empty values, choose clauses, then run",
           "#   aup tailor THIS-FILE --out tailored/",
           "# Schema: generator/schema/recipe.schema.json. Clauses: \"<document>#<clause>\", {family: ID},",
           "# or {text: \"...\"} written out in full; `aup export clauses` lists every clause id.",
           "recipe: 1", "title: \"Acceptable Use Policy\"", "school:", "  name: \"\"", "  address: \"\"", "people:"]
    out += [f"  {p}: \"\"" for p in PEOPLE]
    out += ["version: \"\"", "adopted: \"\"     # e.g. 2025-09-01", "review_due: \"\"  # e.g. 2026-09-01",
            "audiences: [staff, governors, visitors, volunteers]",
            "introduction: |", "  This policy sets out how everyone at {school} uses the school's technology safely.",
            "topics:"]
    names: dict[str, str] = {}
    for topic in topics:
        for family in picked.get(topic.id, []):
            if family is picked[topic.id][0]:
                out.append(f"  {topic.id}:  # {topic.title}")
            rep = family.representative
            doc_id, clause_id = rep.key
            out.append(f"    - {{family: {_q(family.id)}, document: {_q(doc_id)}, clause: {_q(clause_id)}, "
                       f"version: {(versions or {}).get(doc_id, 1)}}}  # {len(family.documents)} schools: {_preview(rep.text)}")
            for name in detect_names(rep.text, schools.get(rep.document.id, "")):
                names.setdefault(name.text, suggest_mapping(name))
    if not picked:
        out.append("  scope-purpose: []")
    if names:
        out.append("names:  # names found in the chosen clauses -> this school's own (map a name to itself to keep it)")
        out += [f"  {_q(k)}: {_q(v)}" for k, v in sorted(names.items())]
    out += ["declaration:", "  title: \"Declaration\"", "  wording:",
            "    - \"I have read and understood the {title} of {school} and agree to follow it.\""]
    return "\n".join(out) + "\n"


def init_recipe(corpus: Path) -> str:
    """The starter recipe of a corpus folder."""
    documents = load_corpus(Path(corpus))
    versions = {doc.id: load_history(Path(corpus), doc).current.number for doc in documents}
    return starter_recipe(documents, load_taxonomy(Path(corpus)), versions=versions)
