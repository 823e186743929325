"""``aup tailor --check``: the clauses a recipe took from the corpus whose policy has changed them since.

A clause id is a digest of its text, so a chosen clause still in its policy's current version is unchanged;
one that is not is looked for in the policy's earlier versions (:mod:`generator.versions`), and the version
that reworded or removed it is reported with what it says now (:mod:`generator.changes`).
"""
from __future__ import annotations

from pathlib import Path

from ..changes import force_text
from ..corpus import document_path, load_document
from ..errors import CorpusError
from ..model import Document
from ..versions import compare_versions, load_history, load_version
from .recipe import Choice, read_recipe


def _last_with(corpus: Path, doc: Document, clause: str) -> int | None:
    """The latest version of the policy that has the clause, or None."""
    history = load_history(corpus, doc)
    for v in reversed(history.versions[:-1]):
        if load_version(corpus, history, v.number).clause(clause) is not None:
            return v.number
    return None


def check_choice(corpus: Path, choice: Choice) -> str:
    """What changed about one chosen clause since it was taken ("" when its policy still says it)."""
    path = document_path(corpus, choice.document)
    if not path.is_file():
        return f"{choice.ref}: the document {choice.document!r} is no longer in the corpus"
    doc = load_document(path, validate=False, cache=True)
    if doc.clause(choice.clause) is not None:
        return ""
    found = _last_with(corpus, doc, choice.clause)
    if found is None:
        return f"{choice.ref}: no version of {choice.document} has this clause"
    frm, to, changes = compare_versions(corpus, doc, found, found + 1)
    taken = f" (taken from version {choice.version})" if choice.version else ""
    where = f"version {to.number} of {choice.document} ({to.date})"
    for change in changes.changes:
        if change.old is not None and change.old.id == choice.clause:
            if change.new is None:
                return f"{choice.ref}{taken}: removed in {where}"
            force = f"; {force_text(change.force)}" if change.force else ""
            kind = "reworded" if change.kind == "reworded" else f"changed ({change.why or change.kind})"
            return f"{choice.ref}{taken}: {kind} in {where}{force}; now {change.new.id}: {change.new.text}"
    raise CorpusError(f"{choice.ref}: version {frm.number} has the clause but the change to version {to.number} "
                      "does not name it")


def check_recipe(recipe: Path, corpus: Path) -> list[str]:
    """``recipe:line: ...`` for every chosen corpus clause its policy has changed or removed since."""
    parsed = read_recipe(recipe)
    choices = [c for t in parsed.topics for c in t.clauses] + list(parsed.declaration)
    found = []
    for choice in choices:
        if choice.document and choice.clause:
            problem = check_choice(Path(corpus), choice)
            if problem:
                found.append(f"{recipe}:{choice.line}: {problem}")
    return found
