"""Metadata fixed by hand: the ``metadata:`` section of ``corpus/overrides.yaml``.

    metadata:
      sefton-staff-governors-visitors:       # document id (the file name under corpus/documents/)
        school: Example Primary School        # any metadata field: school, title, adopted, review, ...
        source_url: https://example.org/aup.pdf
        publisher: Example Primary School website

The values replace what was read from the source every time a document is ingested or re-tagged, so they
survive both. ``aup ingest --school NAME`` (and ``--source-url``, ``--publisher``) writes its values here.
``aup check`` reports an entry naming a document or a field that does not exist, with its line.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .errors import ConfigError
from .model import AUDIENCES, Document
from .tagging.overrides import overrides_path, read_overrides_file
from .writer import write_atomic

SECTION = "metadata"
#: Fields an override may set; the list fields take a list of strings.
FIELDS = ("school", "title", "adopted", "review", "updated", "version", "approved_by", "author", "local_authority",
          "source_url", "publisher", "audiences", "related_policies")
LIST_FIELDS = ("audiences", "related_policies")


@dataclass
class MetadataOverride:
    """The fields set by hand for one document, with the line each was written on."""

    document: str
    values: dict[str, str | list[str]] = field(default_factory=dict)
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict)


def parse_metadata(text: str, path: Path) -> tuple[list[MetadataOverride], list[str]]:
    """The metadata overrides in an overrides file's text, and every problem as ``path:line: what``.

    Structural problems (the section is not a mapping of document ids to mappings) raise ConfigError.
    """
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {str(exc).splitlines()[0]}", path) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        return [], []
    node = next((v for k, v in root.value if getattr(k, "value", None) == SECTION), None)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        return [], []
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError("`metadata:` must map document ids to fields, e.g. metadata: {my-doc: {school: Park Road Academy}}",
                          path, node.start_mark.line + 1)
    out: list[MetadataOverride] = []
    problems: list[str] = []
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(value, yaml.MappingNode):
            raise ConfigError(f"metadata for {key.value!r} must be a mapping of fields, e.g. {{school: Park Road Academy}}",
                              path, line)
        override = MetadataOverride(str(key.value), line=line)
        for fkey, fvalue in value.value:
            name, fline = str(fkey.value), fkey.start_mark.line + 1
            data = yaml.safe_load(yaml.serialize(fvalue))
            if name not in FIELDS:
                problems.append(f"{path}:{fline}: unknown metadata field {name!r} for {override.document}; "
                                f"known fields: {', '.join(FIELDS)}")
                continue
            if name in LIST_FIELDS:
                data = [data] if isinstance(data, str) else data
                if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
                    problems.append(f"{path}:{fline}: `{name}` must be a list of strings, e.g. {name}: [staff]")
                    continue
                if name == "audiences" and any(v not in AUDIENCES for v in data):
                    problems.append(f"{path}:{fline}: unknown audience in {data}; known: {', '.join(AUDIENCES)}")
                    continue
            elif data is None:
                data = ""
            elif not isinstance(data, (str, int, float)) or isinstance(data, bool):
                problems.append(f"{path}:{fline}: `{name}` must be text, e.g. {name}: \"...\"")
                continue
            override.values[name] = data if isinstance(data, list) else str(data)
            override.lines[name] = fline
        out.append(override)
    return out, problems


def load_metadata_overrides(corpus: Path) -> list[MetadataOverride]:
    """The metadata overrides of a corpus (none without an overrides file); raise ConfigError on the first problem."""
    path, text = read_overrides_file(corpus)
    if text is None:
        return []
    overrides, problems = parse_metadata(text, path)
    if problems:
        where, _, what = problems[0].partition(": ")
        raise ConfigError(what, path, int(where.rsplit(":", 1)[1]))
    return overrides


def apply_metadata(doc: Document, overrides: list[MetadataOverride]) -> Document:
    """A copy of the document with its hand-set metadata in place (the same document when none is set)."""
    values: dict[str, str | list[str]] = {}
    for o in overrides:
        if o.document == doc.id:
            values.update(o.values)
    if not values:
        return doc
    return replace(doc, metadata=replace(doc.metadata, **values))


def check_metadata_overrides(corpus: Path, documents: set[str]) -> list[str]:
    """Every problem of the metadata section: unknown fields, bad values and documents the corpus lacks."""
    path = overrides_path(corpus)
    try:
        overrides, problems = parse_metadata(path.read_text(encoding="utf-8"), path)
    except FileNotFoundError:
        return []
    except (OSError, ConfigError) as exc:
        return [str(exc)]
    for o in overrides:
        if o.document not in documents:
            problems.append(f"{path}:{o.line}: metadata for document {o.document!r}, which is not in the corpus; "
                            f"known: {', '.join(sorted(documents))}")
    return problems


_SECTION_LINE = re.compile(rf"^{SECTION}\s*:")


def record_metadata(corpus: Path, values: dict[str, dict[str, str]],
                    write: Callable[[Path, str], object] = write_atomic) -> bool:
    """Write hand-set fields (document id -> field -> value) into the overrides file's metadata section.

    ``write`` writes the new file (``aup ingest`` stages it in its corpus transaction, with the documents).

    Entries already there are kept and updated; the rest of the file (topic overrides, comments) is left as it
    is; the metadata section itself is written out again, sorted. Returns False when nothing changed.
    """
    values = {d: {k: v for k, v in fields.items() if v} for d, fields in values.items()}
    values = {d: f for d, f in values.items() if f}
    if not values:
        return False
    path = overrides_path(corpus)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    data = (yaml.safe_load(text) or {}) if text.strip() else {}
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping with `overrides:` and `metadata:` sections", path, 1)
    section = dict(data.get(SECTION) or {})
    merged = {d: dict(section.get(d) or {}) for d in section}
    for doc_id, fields in values.items():
        merged.setdefault(doc_id, {}).update(fields)
    if merged == section:
        return False
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if _SECTION_LINE.match(ln)), None)
    if start is not None:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "\t")):
            end += 1
        lines = lines[:start] + lines[end:]
    while lines and not lines[-1].strip():
        lines.pop()
    if not any(ln.startswith("# Metadata fixed by hand") for ln in lines):
        lines += ["", "# Metadata fixed by hand (document id -> field: value); applied on every ingest and `aup tag`."]
    body = yaml.safe_dump({SECTION: merged}, sort_keys=True, allow_unicode=True, default_flow_style=False, width=1000)
    write(path, "\n".join(lines + body.rstrip("\n").split("\n")) + "\n")
    return True
