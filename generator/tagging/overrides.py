"""Manual overrides: ``corpus/overrides.yaml``, where a policy writer adds or removes topics on a clause.

    overrides:
      - document: hopelands-prep      # document id (the file name under corpus/documents/)
        clause: 4f380b3c              # clause id
        add: [scope-purpose]          # topics to add (evidence: "override: overrides.yaml:LINE")
        remove: [internet-email]      # topics to take away
        note: why, for the next reader

Overrides are applied after every tagging, so re-ingesting and re-tagging keep them. ``aup check`` reports
overrides whose document or clause no longer exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..model import Document, Evidence
from .taxonomy import Taxonomy

OVERRIDES_FILE = "overrides.yaml"
_KEYS = {"document", "clause", "add", "remove", "note"}


@dataclass
class Override:
    """One manual correction of a clause's topics, with the line it was written on."""

    document: str
    clause: str
    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    note: str = ""
    line: int = 0


def overrides_path(corpus: Path) -> Path:
    """Where a corpus keeps its overrides."""
    return Path(corpus) / OVERRIDES_FILE


def _topics(value: object, key: str, path: Path, line: int) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"`{key}` must be a list of topic ids, e.g. {key}: [access-accounts]", path, line)
    return list(value)


def parse_overrides(text: str, path: Path) -> list[Override]:
    """Parse the overrides file text; raise ConfigError naming the line of the first bad entry."""
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {str(exc).splitlines()[0]}", path) from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("overrides") or [], list):
        raise ConfigError("expected `overrides:` followed by a list of {document, clause, add, remove}", path, 1)
    items = data.get("overrides") or []
    nodes = next((v.value for k, v in root.value if k.value == "overrides"), []) if root is not None else []
    out = []
    for item, node in zip(items, nodes):
        line = node.start_mark.line + 1
        if not isinstance(item, dict) or not item.get("document") or not item.get("clause"):
            raise ConfigError("an override needs `document` and `clause` (the clause id)", path, line)
        unknown = sorted(set(item) - _KEYS)
        if unknown:
            raise ConfigError(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS))}", path, line)
        out.append(Override(str(item["document"]), str(item["clause"]), _topics(item.get("add"), "add", path, line),
                            _topics(item.get("remove"), "remove", path, line), str(item.get("note") or ""), line))
    return out


def read_overrides_file(corpus: Path) -> tuple[Path, str | None]:
    """The overrides file's path and text (None when the corpus has none); ConfigError when it cannot be read."""
    path = overrides_path(corpus)
    try:
        return path, path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return path, None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path) from None


def load_overrides(corpus: Path) -> list[Override]:
    """The overrides of a corpus; none when it has no overrides file."""
    path, text = read_overrides_file(corpus)
    return [] if text is None else parse_overrides(text, path)


def unknown_topics(overrides: list[Override], taxonomy: Taxonomy) -> list[tuple[Override, str]]:
    """Overrides naming a topic the taxonomy does not have."""
    known = set(taxonomy.ids())
    return [(o, t) for o in overrides for t in o.add + o.remove if t not in known]


def apply_overrides(doc: Document, overrides: list[Override], taxonomy: Taxonomy) -> Document:
    """A copy of the document with the overrides for it applied (unknown topics are refused)."""
    mine = [o for o in overrides if o.document == doc.id]
    if not mine:
        return doc
    bad = unknown_topics(mine, taxonomy)
    if bad:
        o, topic = bad[0]
        raise ConfigError(f"unknown topic {topic!r}; known topics: {', '.join(taxonomy.ids())}", OVERRIDES_FILE, o.line)
    by_clause: dict[str, list[Override]] = {}
    for o in mine:
        by_clause.setdefault(o.clause, []).append(o)
    clauses = []
    for clause in doc.clauses:
        topics, evidence = list(clause.topics), list(clause.evidence)
        for o in by_clause.get(clause.id, []):
            topics = [t for t in topics if t not in o.remove]
            evidence = [e for e in evidence if e.topic not in o.remove]
            for topic in o.add:
                rule = f"override: {OVERRIDES_FILE}:{o.line}" + (f" ({o.note})" if o.note else "")
                evidence = [e for e in evidence if e.topic != topic] + [Evidence(topic, 1.0, [rule])]
                if topic not in topics:
                    topics.append(topic)
        clauses.append(replace(clause, topics=topics, evidence=evidence, confidence=1.0) if by_clause.get(clause.id) else clause)
    return replace(doc, clauses=clauses)
