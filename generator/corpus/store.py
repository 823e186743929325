"""The corpus store: dump, load, validate and account for the documents under ``corpus/documents/``.

Files are validated against the JSON Schema (:mod:`.schema`) and written atomically
(:func:`generator.writer.write_atomic`), so an interrupted write never leaves half a document.
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from .. import CORPUS_FORMAT
from ..errors import CorpusError
from ..model import Block, Clause, Document, Dropped, Evidence, Field, Metadata, Section, Source, Span
from ..writer import write_atomic
from .cache import read_parsed, warm_cache, write_parsed
from .emit import emit
from .schema import conforms
from .schema import validate as schema_problems

#: Metadata fields a corpus file may leave out (added after format 1; empty when absent).
OPTIONAL_METADATA = ("updated", "source_url", "publisher")
DOCUMENTS = "documents"
SOURCES = "sources"


def _field(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"key": f.key, "value": f.value}
    if f.name:
        out["name"] = f.name
    out["source"] = f.span.to_list()
    if f.span.skip:
        out["skip"] = list(f.span.skip)
    return out


def _clause(c: Clause) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "kind": c.kind}
    if c.label:
        out["label"] = c.label
    out["text"] = c.text
    out["heading"] = list(c.heading)
    if c.section:
        out["section"] = c.section
    if c.parent:
        out["parent"] = c.parent
    if c.level:
        out["level"] = c.level
    out["source"] = c.span.to_list()
    if c.span.skip:
        out["skip"] = list(c.span.skip)
    out["topics"] = list(c.topics)
    if c.evidence:
        out["evidence"] = [{"topic": e.topic, "score": round(e.score, 3), "rules": list(e.rules)} for e in c.evidence]
    if c.topics:
        out["confidence"] = round(c.confidence, 3)
    if c.modality:
        out["modality"] = c.modality
    if c.audience:
        out["audience"] = list(c.audience)
    if c.family:
        out["family"] = c.family
    if c.similarity is not None:
        out["similarity"] = c.similarity
    return out


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The stored form of a document."""
    md = doc.metadata
    # fields added after format 1 are written only when set, so existing corpus files keep their bytes
    meta = {k: v for k, v in asdict(md).items() if k != "fields" and (v or k not in OPTIONAL_METADATA)}
    meta["fields"] = [_field(f) for f in md.fields]
    return {
        "format": CORPUS_FORMAT,
        "id": doc.id,
        "source": asdict(doc.source),
        "metadata": meta,
        "sections": [
            {"id": s.id, "title": s.title, "level": s.level, **({"parent": s.parent} if s.parent else {}),
             "source": s.span.to_list()}
            for s in doc.sections
        ],
        "clauses": [_clause(c) for c in doc.clauses],
        "signatures": [_field(f) for f in doc.signatures],
        "tables": [{"rows": t.rows, "source": t.span.to_list(), **({"skip": list(t.span.skip)} if t.span.skip else {})}
                   for t in doc.tables],
        "dropped": [{"text": d.text, "reason": d.reason, "source": d.span.to_list()} for d in doc.dropped],
    }


def dump_document(doc: Document) -> str:
    """The YAML text of a document (deterministic: same document, same bytes)."""
    return dump_data(document_to_dict(doc))


def dump_data(data: dict[str, Any]) -> str:
    """The YAML text of a document's stored form (:func:`document_to_dict`): libyaml's bytes, written directly
    (:func:`generator.corpus.emit.emit`)."""
    return emit(data)


def document_path(corpus: Path, doc_id: str) -> Path:
    """Where a document's YAML lives."""
    return corpus / DOCUMENTS / f"{doc_id}.yaml"


def save_document(corpus: Path, doc: Document, cache: bool = False) -> bool:
    """Write a document atomically; return False when the file already held exactly this.

    ``cache`` also leaves its parse in the corpus's parse cache (see :func:`read_data`), so the next
    ``aup build`` does not parse it again.
    """
    path = document_path(corpus, doc.id)
    text = dump_document(doc)
    changed = write_atomic(path, text)
    if cache:
        warm_cache(path, text)
    return changed


def _span(value: Any, skip: Any = ()) -> Span:
    return Span(int(value[0]), int(value[1]), tuple(skip or ()))


def document_from_dict(data: dict[str, Any]) -> Document:
    """Build a document from its stored (already validated) form."""
    m = data["metadata"]
    metadata = Metadata(
        **{k: m.get(k, [] if k in ("audiences", "related_policies") else "") for k in
           ("school", "title", "audiences", "adopted", "review", "version", "approved_by", "author",
            "local_authority", "related_policies", *OPTIONAL_METADATA)},
        fields=[Field(f["key"], f["value"], _span(f["source"], f.get("skip")), f.get("name", "")) for f in m.get("fields", [])],
    )
    clauses = [
        Clause(
            id=c["id"], text=c["text"], span=_span(c["source"], c.get("skip")), label=c.get("label", ""), kind=c.get("kind", "clause"),
            heading=list(c.get("heading", [])), section=c.get("section"), parent=c.get("parent"),
            level=c.get("level", 0), topics=list(c.get("topics", [])),
            evidence=[Evidence(e["topic"], float(e["score"]), list(e["rules"])) for e in c.get("evidence", [])],
            modality=c.get("modality", ""), audience=list(c.get("audience", [])), family=c.get("family"),
            confidence=float(c.get("confidence", 0.0)), similarity=c.get("similarity"),
        )
        for c in data["clauses"]
    ]
    return Document(
        id=data["id"],
        source=Source(**data["source"]),
        metadata=metadata,
        sections=[Section(s["id"], s["title"], s["level"], _span(s["source"]), s.get("parent")) for s in data["sections"]],
        clauses=clauses,
        signatures=[Field(f["key"], f["value"], _span(f["source"], f.get("skip")), f.get("name", "")) for f in data["signatures"]],
        tables=[Block("table", "\n".join(" | ".join(r) for r in t["rows"]), _span(t["source"], t.get("skip")).units(), rows=t["rows"])
                for t in data.get("tables", [])],
        dropped=[Dropped(_span(d["source"]), d["text"], d["reason"]) for d in data.get("dropped", [])],
    )


def yaml_line(exc: Exception) -> int | None:
    """The 1-based line a YAML error points at, if it points at one."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def load_document(path: Path, validate: bool = True, cache: bool = False) -> Document:
    """Load one corpus file; raise CorpusError listing every problem.

    ``validate=False`` skips the JSON Schema (the site build's fast path: ``aup check`` and ingest validate):
    the file is still parsed, and one that does not have the stored shape still raises CorpusError.
    ``cache`` reads and keeps the parse in the corpus's parse cache (see :func:`read_data`).
    """
    try:
        data, digest, valid = read_parsed(path, cache, keep=not validate)
    except OSError as exc:
        raise CorpusError(f"cannot read: {exc.strerror or exc}", path) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorpusError(f"not valid YAML: {str(exc).splitlines()[0]}", path, yaml_line(exc)) from None
    if validate and not valid:
        problems = [] if conforms(data) else schema_problems(data, path)  # jsonschema explains a failure
        if problems:
            raise CorpusError("; ".join(p.split(": ", 1)[1] for p in problems), path)
        if digest:
            write_parsed(path, digest, data, valid=True)
    if validate:
        return document_from_dict(data)
    try:
        return document_from_dict(data)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise CorpusError(f"not a corpus document ({type(exc).__name__}: {exc}); run `aup check` for every problem",
                          path) from None


def document_files(corpus: Path) -> list[Path]:
    """The corpus's document files, in a stable order."""
    folder = corpus / DOCUMENTS
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_corpus(corpus: Path, validate: bool = True, cache: bool = False) -> list[Document]:
    """Every document of the corpus, sorted by id; raise CorpusError on the first bad file.

    ``validate=False`` skips the JSON Schema check of each file (see :func:`load_document`); ``cache`` uses
    the parse cache (see :func:`read_data`). The cyclic
    garbage collector is paused while loading: the documents hold no cycles, and with it running, loading
    a large corpus spends as long rescanning the objects already loaded as parsing the files.
    """
    with paused_gc():
        return [load_document(p, validate, cache) for p in document_files(corpus)]


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off for the block: documents hold no cycles, and with it running, a
    process holding a large corpus spends as long rescanning the objects it holds as doing its work."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def account(doc: Document, units: Iterable[int]) -> list[str]:
    """Lossless check: every non-blank source unit is claimed by exactly one place."""
    claims: dict[int, set[str]] = {}
    for unit, place in doc.claimed_units():
        claims.setdefault(unit, set()).add(place.split(" ")[0] if place.startswith("metadata") else place)
    problems = []
    unit_name = doc.source.unit
    for unit in units:
        places = claims.get(unit)
        if not places:
            problems.append(f"{unit_name} {unit} is not accounted for")
        elif len(places) > 1:
            problems.append(f"{unit_name} {unit} is claimed by {len(places)} places: {', '.join(sorted(places))}")
    return problems
