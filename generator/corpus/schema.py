"""The corpus file JSON Schema (``generator/schema/corpus.schema.json``) and validation against it."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "corpus.schema.json"


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


@lru_cache(maxsize=1)
def schema_digest() -> str:
    """The sha256 of the schema file (a cache entry that passed another schema has to be checked again)."""
    import hashlib

    return hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest()


# -- the fast check ------------------------------------------------------------------------------------------
#: The keywords :func:`conforms` compiles; a schema using any other is checked by jsonschema alone.
_COMPILED = {"type", "items", "$ref", "required", "additionalProperties", "properties", "enum", "minimum",
             "maximum", "pattern", "minItems", "maxItems", "minLength", "uniqueItems"}
_NOTES = {"$schema", "$id", "title", "description", "$defs", "$comment", "default", "examples"}
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: v.__class__ is dict,
    "array": lambda v: v.__class__ is list,
    "string": lambda v: v.__class__ is str,
    "integer": lambda v: v.__class__ is int or (v.__class__ is float and v.is_integer()),
    "number": lambda v: v.__class__ in (int, float),
    "boolean": lambda v: v.__class__ is bool,
    "null": lambda v: v is None,
}
Check = Callable[[Any], bool]


class _Unsupported(Exception):
    """The schema uses a keyword (or a form of one) the fast check does not compile."""


def _compile(node: Any, root: dict[str, Any], refs: dict[str, Check]) -> Check:
    """One schema node as a function from plain data to whether it conforms (the keywords' JSON Schema meaning)."""
    if node is True:
        return lambda v: True
    if not isinstance(node, dict) or set(node) - _COMPILED - _NOTES:
        raise _Unsupported
    checks: list[Check] = []
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/$defs/") or ref[8:] not in root.get("$defs", {}):
            raise _Unsupported
        if ref not in refs:
            refs[ref] = lambda v: True  # a placeholder while the definition compiles (recursion)
            refs[ref] = _compile(root["$defs"][ref[8:]], root, refs)
        checks.append(lambda v, ref=ref: refs[ref](v))
    if "type" in node:
        names = node["type"] if isinstance(node["type"], list) else [node["type"]]
        kinds = [_TYPES[n] for n in names]
        checks.append(lambda v: any(k(v) for k in kinds))
    if "enum" in node:
        allowed = node["enum"]
        if not all(a.__class__ in (str, int) for a in allowed):
            raise _Unsupported  # JSON equality of booleans, floats and containers is left to jsonschema
        strings = frozenset(a for a in allowed if a.__class__ is str)
        numbers = frozenset(a for a in allowed if a.__class__ is int)
        checks.append(lambda v: v in strings if v.__class__ is str else v.__class__ in (int, float) and v in numbers)
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        checks.append(lambda v: v.__class__ is not str or search(v) is not None)
    if "minLength" in node:
        n = node["minLength"]
        checks.append(lambda v: v.__class__ is not str or len(v) >= n)
    number = (int, float)
    if "minimum" in node:
        low = node["minimum"]
        checks.append(lambda v: v.__class__ not in number or v >= low)
    if "maximum" in node:
        high = node["maximum"]
        checks.append(lambda v: v.__class__ not in number or v <= high)
    if "minItems" in node:
        n = node["minItems"]
        checks.append(lambda v: v.__class__ is not list or len(v) >= n)
    if "maxItems" in node:
        n = node["maxItems"]
        checks.append(lambda v: v.__class__ is not list or len(v) <= n)
    if node.get("uniqueItems"):
        def unique(v: Any) -> bool:
            if v.__class__ is not list:
                return True
            if not all(x.__class__ is str for x in v):
                raise _Unsupported  # JSON equality of other items is not Python's: jsonschema decides
            return len(set(v)) == len(v)
        checks.append(unique)
    if "items" in node:
        item = _compile(node["items"], root, refs)
        checks.append(lambda v: v.__class__ is not list or all(item(x) for x in v))
    if "required" in node:
        required = tuple(node["required"])
        checks.append(lambda v: v.__class__ is not dict or all(k in v for k in required))
    props = {k: _compile(s, root, refs) for k, s in node.get("properties", {}).items()}
    extra = node.get("additionalProperties", True)
    if extra is not True and extra is not False:
        raise _Unsupported
    if props or extra is False:
        def properties(v: Any) -> bool:
            if v.__class__ is not dict:
                return True
            for key, value in v.items():
                check = props.get(key)
                if check is None:
                    if not extra:
                        return False
                elif not check(value):
                    return False
            return True
        checks.append(properties)
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(c(v) for c in checks)


@lru_cache(maxsize=1)
def _fast() -> Check | None:
    """The corpus schema compiled once into a function, or None if it uses what the fast check does not compile."""
    try:
        return _compile(schema(), schema(), {})
    except (_Unsupported, re.error, KeyError, TypeError):
        return None


def conforms(data: Any) -> bool:
    """Whether plain data (dicts, lists, str, int, float, bool, None) passes the corpus schema, fast.

    The schema's keywords are compiled once into plain Python checks (about 50x faster than jsonschema on a
    corpus document); :func:`validate` is the one that explains a failure. A schema using a keyword the
    compiler does not know is checked by jsonschema here too.
    """
    fast = _fast()
    if fast is None:
        return not any(True for _ in _validator().iter_errors(data))
    try:
        return fast(data)
    except _Unsupported:
        return not any(True for _ in _validator().iter_errors(data))
