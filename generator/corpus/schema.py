"""The corpus file JSON Schema (``generator/schema/corpus.schema.json``) and validation against it."""
from __future__ import annotations

import json
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
