"""Each version's changes, computed once and stored beside its history: ``corpus/versions/<id>/<n>.changes.json``.

What changed from version n-1 to version n is a diff of two stored documents (:func:`generator.changes.diff_documents`),
which the site's history table, change pages and feeds all need. Parsing every earlier version and word-diffing
it on every build cost a history page several times a document page, so ``aup ingest`` and ``aup tag`` store
the result. A stored file names the sha256 of both documents' files it was computed from, and the diff's
format: when either document has changed since (a re-tag, a tagger change, an edit by hand) or the format
moved on, it is stale and :func:`read_changes` returns None, so the site diffs again rather than show an old
force or wording. ``aup check`` does not need it; deleting the files only costs time.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from .changes import KINDS, Change, Changes, diff_documents
from .corpus import dump_document, load_document, parse_yaml, sha256_of, validate
from .errors import CorpusError
from .model import Clause, Document, Span
from .versions import History, load_history, versions_dir
from .writer import Writer

#: Bumped whenever :func:`diff_documents` would give another answer for the same two documents.
CHANGES_FORMAT = 1


def changes_path(corpus: Path, policy: str, number: int) -> Path:
    """Where the changes of version ``number`` (from the version before) are stored."""
    return versions_dir(corpus, policy) / f"{number}.changes.json"


def _digest(path: Path) -> str:
    try:
        return sha256_of(path.read_bytes())
    except OSError:
        return ""


def _clause(data: dict[str, Any] | None) -> Clause | None:
    if data is None:
        return None
    return Clause(id=str(data["id"]), text=str(data["text"]), span=Span(0, 0), label=str(data["label"]),
                  heading=[str(h) for h in data["heading"]], modality=str(data["modality"]))  # type: ignore[arg-type]


def changes_from_data(data: Any) -> Changes:
    """Changes from their stored form; KeyError, TypeError or ValueError when it is not that form."""
    out = []
    for c in data:
        if c["kind"] not in KINDS:
            raise ValueError(f"unknown change kind {c['kind']!r}")
        diff = [(str(op), str(text)) for op, text in c.get("diff", [])]
        if any(op not in ("equal", "delete", "insert") for op, _ in diff):
            raise ValueError("unknown word diff operation")
        out.append(Change(c["kind"], _clause(c["old"]), _clause(c["new"]), diff, str(c.get("why", "")),
                          bool(c.get("moved", False))))
    return Changes(out)


def reads_digest(doc: Document) -> str:
    """The sha256 of what a diff reads of a document (each clause's id, text, label, heading and modality): a
    document rewritten for another reason (its families after another policy's ingest) keeps it."""
    reads = [[c.id, c.text, c.label, list(c.heading), c.modality] for c in doc.clauses]
    return sha256_of(json.dumps(reads, ensure_ascii=False).encode("utf-8"))


def changes_text(changes: Changes, old_digest: str, new_digest: str, new_reads: str = "") -> str:
    """The stored file's JSON (deterministic)."""
    data = {"format": CHANGES_FORMAT, "old": old_digest, "new": new_digest, "new_reads": new_reads,
            "changes": [c.to_dict() for c in changes.changes]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _sides(corpus: Path, history: History, number: int) -> tuple[Path, Path]:
    numbers = [v.number for v in history.versions]
    previous = history.versions[numbers.index(number) - 1]
    return Path(corpus) / previous.document, Path(corpus) / history.version(number).document


def read_changes(corpus: Path, history: History, number: int, current: Document | None = None) -> Changes | None:
    """Version ``number``'s stored changes, or None when missing, unreadable or stale (either document changed).

    With ``current`` (the policy's current document, loaded), a current version whose file was rewritten still
    matches when what the diff reads of it is unchanged."""
    try:
        data = json.loads(changes_path(corpus, history.policy, number).read_text(encoding="utf-8"))
        if data.get("format") != CHANGES_FORMAT:
            return None
        old, new = _sides(corpus, history, number)
        if data.get("old") != _digest(old):
            return None
        fresh = current is not None and number == history.current.number and data.get("new_reads") == reads_digest(current)
        if not fresh and data.get("new") != _digest(new):
            return None
        return changes_from_data(data["changes"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def plan_changes(corpus: Path, doc: Document) -> dict[Path, str]:
    """The stored changes of every version of a policy that lacks them or whose are stale (nothing written)."""
    corpus = Path(corpus)
    history = load_history(corpus, doc)
    planned: dict[Path, str] = {}
    loaded: dict[int, Document] = {}
    for v in history.versions[1:]:
        if read_changes(corpus, history, v.number, doc) is not None:
            continue
        old, new = _sides(corpus, history, v.number)
        previous = history.versions[history.versions.index(v) - 1].number
        for number, path in ((previous, old), (v.number, new)):
            if number not in loaded:
                loaded[number] = load_document(path, validate=False, cache=True)
        changes = diff_documents(loaded[previous], loaded[v.number])
        planned[changes_path(corpus, doc.id, v.number)] = changes_text(changes, _digest(old), _digest(new),
                                                                       reads_digest(loaded[v.number]))
    return planned


def store_changes(corpus: Path, docs: list[Document], writer: Writer | None = None) -> int:
    """Compute and write, atomically, the missing or stale stored changes of these policies; how many were written."""
    writer = writer or Writer()
    written = 0
    for doc in docs:
        if not (versions_dir(corpus, doc.id) / "versions.yaml").is_file():
            continue
        for path, text in plan_changes(corpus, doc).items():
            written += writer.write(path, text, f"the changes of {doc.id}")
    return written


def plan_earlier_versions(corpus: Path, docs: list[Document],
                          tag: Callable[[list[Document]], list[Document]]) -> dict[Path, str]:
    """``aup tag`` for the earlier versions: each re-tagged by ``tag`` (the current tagger), families kept as stored
    (alignment is over current versions), as {path: YAML} for those whose file would change.

    Both sides of a change then come from one tagger, so a tagger change never reads as a force change between
    versions. Nothing is written; CorpusError listing every problem when a result would fail the schema.
    """
    corpus = Path(corpus)
    found: list[tuple[Path, Document]] = []
    for doc in docs:
        if (versions_dir(corpus, doc.id) / "versions.yaml").is_file():
            history = load_history(corpus, doc)
            found += [(corpus / v.document, load_document(corpus / v.document, validate=False, cache=True))
                      for v in history.versions[:-1]]
    planned: dict[Path, str] = {}
    problems: list[str] = []
    for (path, old), new in zip(found, tag([old for _, old in found]), strict=True):
        kept = {c.id: (c.family, c.similarity) for c in old.clauses}
        new = replace(new, clauses=[replace(c, family=kept[c.id][0], similarity=kept[c.id][1]) if c.id in kept else c
                                    for c in new.clauses])
        text = dump_document(new)
        if path.read_bytes() != text.encode("utf-8"):
            data = parse_yaml(text)
            problems += validate(data, path)
            planned[path] = text
    if problems:
        raise CorpusError("re-tagged earlier versions would not pass the corpus schema: " + "; ".join(problems))
    return planned
