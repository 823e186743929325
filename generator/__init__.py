"""AUP Atlas: compare, tailor and sign school Acceptable Use Policies."""
from __future__ import annotations

__version__ = "0.1.0"

#: Version of the corpus file format (corpus/*.yaml); bump on an incompatible change.
CORPUS_FORMAT = 2
