"""``aup check``: validate the corpus against its schema and prove that no source text was lost."""
from __future__ import annotations

from pathlib import Path

import yaml

from .corpus import account, document_files, document_from_dict, sha256_of, validate
from .errors import AupError
from .readers import read_document


def check_corpus(corpus: Path) -> list[str]:
    """Every problem of the corpus at once, each as ``file: where: what``."""
    corpus = Path(corpus)
    problems: list[str] = []
    files = document_files(corpus)
    if not files:
        return [f"{corpus}: no documents in {corpus / 'documents'}; run `aup ingest PATH` first"]
    seen_ids: dict[str, Path] = {}
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(f"{path}: not a readable YAML file: {str(exc).splitlines()[0]}")
            continue
        found = validate(data, path)
        if found:
            problems += found
            continue
        doc = document_from_dict(data)
        if doc.id != path.stem:
            problems.append(f"{path}: id {doc.id!r} does not match the file name; expected {path.stem!r}")
        if doc.id in seen_ids:
            problems.append(f"{path}: id {doc.id!r} also used by {seen_ids[doc.id]}")
        seen_ids[doc.id] = path
        ids = [c.id for c in doc.clauses]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{path}: clause {dup}: id used more than once")
        known = set(ids)
        for c in doc.clauses:
            if c.parent and c.parent not in known:
                problems.append(f"{path}: clause {c.id}: parent {c.parent!r} is not a clause of this document")
        source = corpus / doc.source.path
        try:
            raw = source.read_bytes()
        except OSError:
            problems.append(f"{path}: source {source} is missing; expected the file the document was ingested from")
            continue
        if sha256_of(raw) != doc.source.sha256:
            problems.append(f"{path}: source {source} changed since it was ingested; run `aup ingest {source}`")
            continue
        try:
            units = read_document(source).units
        except AupError as exc:
            problems.append(f"{path}: source cannot be read again: {exc}")
            continue
        problems += [f"{path}: {p}" for p in account(doc, units)]
    return problems
