"""Clause tagging: topics with evidence (:mod:`.tagger`), modality, audience and manual overrides."""
from __future__ import annotations

from .tagger import tag_document
from .taxonomy import Taxonomy, Topic, load_taxonomy, load_taxonomy_file, taxonomy_path

__all__ = ["Taxonomy", "Topic", "load_taxonomy", "load_taxonomy_file", "tag_document", "taxonomy_path"]
