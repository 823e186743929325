"""The force the rules give one clause, read alone or under a lead-in: the one helper every force test calls."""
from __future__ import annotations

from generator.model import Clause, Span
from generator.tagging.modality import force_of, rule_reading


def clause(cid: str, text: str, kind: str = "clause", parent: str | None = None) -> Clause:
    """A bare clause for the force rules."""
    return Clause(id=cid, text=text, span=Span(1, 1), kind=kind, parent=parent)


def force(text: str, lead: str | None = None, headings: list[str] | None = None, outer: str | None = None,
          kind: str = "clause") -> str:
    """The force of ``text`` under the lead-in ``lead`` (itself under ``outer``) and the captions ``headings``."""
    above = clause("o", outer, kind="lead-in") if outer else None
    parent = clause("l", lead, kind="lead-in") if lead else None
    modality, _ = rule_reading(clause("a", text, kind=kind, parent="l" if lead else None), parent, headings or [], above)
    return force_of(modality)
