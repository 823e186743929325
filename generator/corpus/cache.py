"""Parsing corpus files fast, and the parse cache under ``corpus/.cache/parsed/``.

:func:`parse_yaml` builds plain data from libyaml's nodes; :func:`read_data` keeps each parse as JSON keyed by
the sha256 of the file's bytes, so an unchanged corpus file is parsed once.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import yaml

from .. import CORPUS_FORMAT
from .schema import schema_digest


def sha256_of(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


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


def _cache_path(path: Path) -> Path:
    if path.parent.parent.name == "versions":  # versions/<id>/<n>.yaml: an earlier version (generator.versions)
        return path.parents[2] / CACHE_DIR / "versions" / path.parent.name / f"{path.stem}.json"
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
        return entry["data"], entry.get("valid") == schema_digest()
    return None


def write_parsed(path: Path, digest: str, data: Any, valid: bool = False) -> None:
    """Keep the parse of a corpus file (plain data only; a cache that cannot be written is no error)."""
    target = _cache_path(path)
    try:
        if data is None or not _plain(data):
            return
        entry = {"version": CACHE_VERSION, "sha256": digest, "valid": schema_digest() if valid else "", "data": data}
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


def read_parsed(path: Path, cache: bool, keep: bool = True) -> tuple[Any, str, bool]:
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
        write_parsed(path, digest, data)
    return data, digest, False


def read_data(path: Path, cache: bool = False) -> Any:
    """A corpus file's parsed YAML (see :func:`parse_yaml`); raises OSError, yaml.YAMLError, UnicodeDecodeError.

    With ``cache``, the parse is kept as JSON under the corpus's ``.cache/parsed/`` folder, keyed by the
    sha256 of the file's bytes, and read from there while the file is unchanged: the same data as parsing
    the YAML, about ten times faster. Only plain data is kept (JSON gives it back exactly), and JSON never
    runs code. The entry also remembers that the data passed the JSON Schema (of this schema file), so a
    validating load of an unchanged file does not validate it again.
    """
    return read_parsed(path, cache)[0]


def warm_cache(path: Path, text: str) -> None:
    """Put a corpus file just written with ``text`` into the parse cache, unless it is there already.

    The text is parsed as a load would parse it, so what the cache holds is exactly what loading gives.
    """
    raw = text.encode("utf-8")
    digest = sha256_of(raw)
    if _cache_read(path, digest) is None:
        try:
            write_parsed(path, digest, parse_yaml(_text(raw)))
        except yaml.YAMLError:
            pass


