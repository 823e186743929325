"""The corpus: one YAML file per document under ``corpus/documents/``, the contract between ingest and outputs.

Files are validated against ``generator/schema/corpus.schema.json`` and written atomically (temporary file
in the same folder, then rename), so an interrupted write never leaves half a document.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from . import CORPUS_FORMAT
from .errors import CorpusError
from .model import Block, Clause, Document, Dropped, Evidence, Field, Metadata, Section, Source, Span

SCHEMA_PATH = Path(__file__).parent / "schema" / "corpus.schema.json"
DOCUMENTS = "documents"
SOURCES = "sources"


# -- writing ------------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(path: Path) -> int:
    """The mode a file written at ``path`` should get: the existing file's, or 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def write_atomic(path: Path, data: str | bytes) -> bool:
    """Write a file through a temporary file and a rename; return False when the content is unchanged."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would have
        os.fchmod(fd, file_mode(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def sha256_of(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


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
    meta = {k: v for k, v in asdict(md).items() if k != "fields"}
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
    # libyaml's emitter writes the same bytes as PyYAML's, five times faster
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(document_to_dict(doc), Dumper=dumper, sort_keys=False, allow_unicode=True, width=100000)


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


# -- reading ------------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The corpus file JSON Schema."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def validate(data: Any, path: Path) -> list[str]:
    """Every schema problem of one corpus file, each naming the file and, where it can, the clause id."""
    validator = _validator()
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(map(str, error.absolute_path)) or "(top)"
        parts = list(error.absolute_path)
        if len(parts) >= 2 and parts[0] == "clauses" and isinstance(data, dict):
            try:
                where = f"clause {data['clauses'][parts[1]].get('id', parts[1])}" + (
                    f" {'/'.join(map(str, parts[2:]))}" if parts[2:] else "")
            except (IndexError, AttributeError, TypeError):
                pass
        problems.append(f"{path}: {where}: {error.message}")
    return problems


_schema_problems = validate  # ``load_document``'s flag of the same name hides the function there


def _span(value: Any, skip: Any = ()) -> Span:
    return Span(int(value[0]), int(value[1]), tuple(skip or ()))


def document_from_dict(data: dict[str, Any]) -> Document:
    """Build a document from its stored (already validated) form."""
    m = data["metadata"]
    metadata = Metadata(
        **{k: m.get(k, [] if k in ("audiences", "related_policies") else "") for k in
           ("school", "title", "audiences", "adopted", "review", "version", "approved_by", "author",
            "local_authority", "related_policies")},
        fields=[Field(f["key"], f["value"], _span(f["source"], f.get("skip")), f.get("name", "")) for f in m.get("fields", [])],
    )
    clauses = [
        Clause(
            id=c["id"], text=c["text"], span=_span(c["source"], c.get("skip")), label=c.get("label", ""), kind=c.get("kind", "clause"),
            heading=list(c.get("heading", [])), section=c.get("section"), parent=c.get("parent"),
            level=c.get("level", 0), topics=list(c.get("topics", [])),
            evidence=[Evidence(e["topic"], float(e["score"]), list(e["rules"])) for e in c.get("evidence", [])],
            modality=c.get("modality", ""), audience=list(c.get("audience", [])), family=c.get("family"),
            similarity=c.get("similarity"),
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


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster
_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """A node the plain-data fast path does not build (an alias, a merge key, a non-standard tag)."""


def parse_yaml(text: str) -> Any:
    """``yaml.load(text, Loader=CSafeLoader)``, about twice as fast for plain data.

    libyaml composes the nodes; they are then built by one small function instead of PyYAML's generic
    constructor (scalars still go through the safe constructors, so ints, floats, booleans, nulls and dates
    come out the same). Anything beyond plain mappings, sequences and scalars goes to ``yaml.load``, which
    builds it, or reports it, exactly as before.
    """
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        constructors, seen = loader.yaml_constructors, set()

        def build(node: Any) -> Any:
            cls = node.__class__
            if cls is yaml.ScalarNode:
                return node.value if node.tag == _STR else constructors[node.tag](loader, node)
            if id(node) in seen:  # an alias: yaml.load shares the object (and handles recursion)
                raise _Unusual
            seen.add(id(node))
            if cls is yaml.MappingNode and node.tag == _MAP:
                out = {}
                for key, value in node.value:
                    if key.tag == "tag:yaml.org,2002:merge":
                        raise _Unusual
                    out[build(key)] = build(value)
                return out
            if cls is yaml.SequenceNode and node.tag == _SEQ:
                return [build(item) for item in node.value]
            raise _Unusual

        try:
            return build(root)
        except (_Unusual, KeyError, TypeError, RecursionError):
            pass
    finally:
        loader.dispose()
    return yaml.load(text, Loader=_LOADER)


# -- the parse cache -----------------------------------------------------------------------------------------
#: Where parsed corpus files are kept, under the corpus folder (a hidden folder: ingest and the document
#: listing never see it; it is safe to delete at any time).
CACHE_DIR = ".cache/parsed"
#: Changes whenever what a cache entry holds, or how a corpus file is parsed, changes.
CACHE_VERSION = f"aup-parsed-1/{CORPUS_FORMAT}/{yaml.__version__}"


@lru_cache(maxsize=1)
def _schema_digest() -> str:
    return sha256_of(SCHEMA_PATH.read_bytes())


def _cache_path(path: Path) -> Path:
    return path.parent.parent / CACHE_DIR / f"{path.stem}.json"


def _plain(value: Any) -> bool:
    """Whether JSON gives this value back exactly (str-keyed dicts, lists, str, int, float, bool, None)."""
    cls = value.__class__
    if cls is dict:
        return all(k.__class__ is str and _plain(v) for k, v in value.items())
    if cls is list:
        return all(_plain(v) for v in value)
    return cls in (str, int, float, bool) or value is None


def _cache_read(path: Path, digest: str) -> tuple[Any, bool] | None:
    """(data, whether it passed the schema) cached for a corpus file whose bytes hash to ``digest``, or None."""
    try:
        entry = json.loads(_cache_path(path).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(entry, dict) and entry.get("version") == CACHE_VERSION and entry.get("sha256") == digest \
            and "data" in entry:
        return entry["data"], entry.get("valid") == _schema_digest()
    return None


def _cache_write(path: Path, digest: str, data: Any, valid: bool = False) -> None:
    """Keep the parse of a corpus file (plain data only; a cache that cannot be written is no error)."""
    target = _cache_path(path)
    try:
        if data is None or not _plain(data):
            return
        entry = {"version": CACHE_VERSION, "sha256": digest, "valid": _schema_digest() if valid else "", "data": data}
        raw = json.dumps(entry, separators=(",", ":"))
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(raw, encoding="ascii")
        os.replace(tmp, target)
    except (OSError, ValueError, RecursionError):
        pass


def _text(raw: bytes) -> str:
    """The bytes as ``Path.read_text(encoding="utf-8")`` reads them (universal newlines)."""
    text = raw.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _read(path: Path, cache: bool, keep: bool = True) -> tuple[Any, str, bool]:
    """(parsed data, sha256 of the file or "" without the cache, whether the cache says it passed the schema).

    A parse the cache did not hold is kept there unless ``keep`` is False (the caller keeps it itself).
    """
    raw = path.read_bytes()
    if not cache:
        return parse_yaml(_text(raw)), "", False
    digest = sha256_of(raw)
    hit = _cache_read(path, digest)
    if hit is not None:
        return hit[0], digest, hit[1]
    data = parse_yaml(_text(raw))
    if keep:
        _cache_write(path, digest, data)
    return data, digest, False


def read_data(path: Path, cache: bool = False) -> Any:
    """A corpus file's parsed YAML (see :func:`parse_yaml`); raises OSError, yaml.YAMLError, UnicodeDecodeError.

    With ``cache``, the parse is kept as JSON under the corpus's ``.cache/parsed/`` folder, keyed by the
    sha256 of the file's bytes, and read from there while the file is unchanged: the same data as parsing
    the YAML, about ten times faster. Only plain data is kept (JSON gives it back exactly), and JSON never
    runs code. The entry also remembers that the data passed the JSON Schema (of this schema file), so a
    validating load of an unchanged file does not validate it again.
    """
    return _read(path, cache)[0]


def warm_cache(path: Path, text: str) -> None:
    """Put a corpus file just written with ``text`` into the parse cache, unless it is there already.

    The text is parsed as a load would parse it, so what the cache holds is exactly what loading gives.
    """
    raw = text.encode("utf-8")
    digest = sha256_of(raw)
    if _cache_read(path, digest) is None:
        try:
            _cache_write(path, digest, parse_yaml(_text(raw)))
        except yaml.YAMLError:
            pass


def load_document(path: Path, validate: bool = True, cache: bool = False) -> Document:
    """Load one corpus file; raise CorpusError listing every problem.

    ``validate=False`` skips the JSON Schema (the site build's fast path: ``aup check`` and ingest validate):
    the file is still parsed, and one that does not have the stored shape still raises CorpusError.
    ``cache`` reads and keeps the parse in the corpus's parse cache (see :func:`read_data`).
    """
    try:
        data, digest, valid = _read(path, cache, keep=not validate)
    except OSError as exc:
        raise CorpusError(f"cannot read: {exc.strerror or exc}", path) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorpusError(f"not valid YAML: {str(exc).splitlines()[0]}", path) from None
    if validate and not valid:
        problems = _schema_problems(data, path)
        if problems:
            raise CorpusError("; ".join(p.split(": ", 1)[1] for p in problems), path)
        if digest:
            _cache_write(path, digest, data, valid=True)
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
    paused = gc.isenabled()
    gc.disable()
    try:
        return [load_document(p, validate, cache) for p in document_files(corpus)]
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
