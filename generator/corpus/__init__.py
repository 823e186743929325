"""The corpus: one YAML file per document under ``corpus/documents/``, the contract between ingest and outputs.

:mod:`.store` dumps, loads, validates and accounts for documents; :mod:`.schema` is the JSON Schema;
:mod:`.cache` parses corpus files fast and keeps each parse while the file is unchanged.
"""
from __future__ import annotations

from .cache import CACHE_DIR, parse_yaml, read_data, sha256_of, warm_cache
from .schema import SCHEMA_PATH, conforms, schema, validate
from .store import DOCUMENTS, SOURCES, account, document_files, document_from_dict, document_path, document_to_dict, dump_document, load_corpus, load_document, save_document, yaml_line

__all__ = [
    "CACHE_DIR", "DOCUMENTS", "SCHEMA_PATH", "SOURCES", "account", "conforms", "document_files", "document_from_dict",
    "document_path", "document_to_dict", "dump_document", "load_corpus", "load_document", "parse_yaml", "read_data",
    "save_document", "schema", "sha256_of", "validate", "warm_cache", "yaml_line",
]
