"""Writing a document's stored form as YAML fast: the bytes libyaml's emitter writes, without PyYAML's representer.

``yaml.dump(data, Dumper=CSafeDumper, sort_keys=False, allow_unicode=True, width=100000)`` spends most of its
time building and resolving a node per scalar in Python. A stored document is plain data (str-keyed dicts,
lists, str, int, float, bool, None), so :func:`emit` writes the same block-style YAML directly: each string
plain where libyaml would write it plain (no indicator, no leading or trailing space, and not read back as
another type), otherwise single-quoted. A string this module does not promise to write as libyaml does (a
line break, a tab or another character libyaml escapes, one long enough to be folded) sends the whole
document to ``yaml.dump``. A test compares the bytes with ``yaml.dump`` on the shipped corpus.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: Characters libyaml writes as they are in plain and single-quoted scalars (its IS_PRINTABLE, less line breaks).
_SAFE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")
_INNER = re.compile(r": |:$| #")
_LONGEST = 50_000  # libyaml folds a scalar at a space past the line width (100000): never near it here
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


class _Unsure(Exception):
    """A value the fast writer does not promise to write as libyaml does."""


def _implicit(value: str) -> bool:
    """Whether a plain scalar with this text would be read back as something other than a string."""
    for _, regexp in _RESOLVERS.get(value[0] if value else "", []) + _RESOLVERS.get(None, []):
        if regexp.match(value):
            return True
    return False


def _string(value: str) -> str:
    if len(value) > _LONGEST or _SAFE.fullmatch(value) is None:
        raise _Unsure
    if not value or value[0] == " " or value[-1] == " " or _implicit(value):
        return "'" + value.replace("'", "''") + "'"
    first = value[0]
    if first in _FIRST_INDICATORS or value[:3] in ("---", "...") or (first in "?:-" and value[1:2] in ("", " ")) \
            or _INNER.search(value, 1):
        return "'" + value.replace("'", "''") + "'"
    return value


def _scalar(value: Any) -> str:
    cls = value.__class__
    if cls is str:
        return _string(value)
    if cls is bool:
        return "true" if value else "false"
    if cls is int:
        return str(value)
    if cls is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise _Unsure
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    if value is None:
        return "null"
    if cls is list and not value:
        return "[]"
    if cls is dict and not value:
        return "{}"
    raise _Unsure


def _map(data: dict[str, Any], indent: int, out: list[str], prefix: str) -> None:
    pad = " " * indent
    for key, value in data.items():
        if key.__class__ is not str:
            raise _Unsure
        name = _string(key)
        if value.__class__ is dict and value:
            out.append(f"{prefix}{name}:")
            _map(value, indent + 2, out, pad + "  ")
        elif value.__class__ is list and value:
            out.append(f"{prefix}{name}:")
            _seq(value, indent, out, pad)
        else:
            out.append(f"{prefix}{name}: {_scalar(value)}")
        prefix = pad


def _seq(items: list[Any], indent: int, out: list[str], prefix: str) -> None:
    pad = " " * indent
    for item in items:
        if item.__class__ is dict and item:
            _map(item, indent + 2, out, prefix + "- ")
        elif item.__class__ is list and item:
            _seq(item, indent + 2, out, prefix + "- ")
        else:
            out.append(f"{prefix}- {_scalar(item)}")
        prefix = pad


def emit(data: dict[str, Any]) -> str:
    """The YAML ``yaml.dump(data, Dumper=CSafeDumper, sort_keys=False, allow_unicode=True, width=100000)`` writes."""
    if data.__class__ is dict and data:
        out: list[str] = []
        try:
            _map(data, 0, out, "")
            return "\n".join(out) + "\n"
        except _Unsure:
            pass
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100000)
