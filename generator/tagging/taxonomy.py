"""The topic taxonomy: ids, titles, definitions and the weighted terms the tagger looks for.

The taxonomy lives in ``corpus/topics.yaml`` so that a policy writer can read it, edit it and re-tag the
corpus (``aup tag``) without re-ingesting. A corpus without its own file uses the default shipped in
``generator/data/topics.yaml``. Each topic lists ``terms``: a mapping of a term to its weight. A term is a
word or phrase, matched case-insensitively on word boundaries; ``*`` stands for any word ending
(``photograph*``), ``|`` separates alternatives, and a space matches any run of spaces, hyphens or slashes.
A term written ``re:...`` is a raw regular expression; so is one alternative written ``re:...`` (without a
``|`` of its own) among plain ones: ``gdpr|re:\\bDPA\\b``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

TAXONOMY_FILE = "topics.yaml"
DEFAULT_TAXONOMY = Path(__file__).resolve().parent.parent / "data" / TAXONOMY_FILE
SIGNAL_KINDS = ("kind", "parent-kind", "audience", "modality")
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Term:
    """One weighted term of a topic, compiled to a regular expression."""

    text: str
    weight: float
    pattern: re.Pattern[str]


@dataclass
class Topic:
    """A topic of the taxonomy with what the tagger uses to recognise it."""

    id: str
    title: str
    definition: str = ""
    terms: list[Term] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)


@dataclass
class Settings:
    """How the tagger combines evidence; every number is documented in topics.yaml."""

    threshold: float = 1.0
    keep_ratio: float = 0.5
    heading_weight: float = 0.5
    ancestor_weight: float = 0.25
    parent_weight: float = 0.5
    max_topics: int = 3
    context_fills_only: bool = False
    policy_name_weight: float = 1.0


@dataclass
class Taxonomy:
    """Every topic, in file order, with the tagger's settings and where it was read from."""

    topics: list[Topic]
    settings: Settings
    path: Path

    def ids(self) -> list[str]:
        """Topic ids in file order."""
        return [t.id for t in self.topics]

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, or None."""
        return next((t for t in self.topics if t.id == topic_id), None)


def compile_term(text: str) -> re.Pattern[str]:
    """The regular expression of a term (see the module docstring for the syntax)."""
    if text.startswith("re:"):
        return re.compile(text[3:], re.I)
    alternatives = []
    for alt in text.split("|"):
        alt = alt.strip()
        if alt.startswith("re:"):  # one raw expression among plain alternatives: "gdpr|re:\bDPA\b"
            alternatives.append(f"(?:{alt[3:]})")
            continue
        words = [re.escape(w).replace(r"\*", r"[\w'’-]*") for w in alt.split()]
        alternatives.append(r"[\s/-]+".join(words))
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.I)


def taxonomy_path(corpus: Path) -> Path:
    """The taxonomy a corpus uses: its own topics.yaml, or the shipped default."""
    own = Path(corpus) / TAXONOMY_FILE
    return own if own.is_file() else DEFAULT_TAXONOMY


def _topic(topic_id: str, raw: Any, path: Path) -> Topic:
    if not _ID.match(str(topic_id)):
        raise ConfigError(f"topic id {topic_id!r} is not valid; expected lower-case words joined by '-'", path)
    if not isinstance(raw, dict) or not raw.get("title"):
        raise ConfigError(f"topic {topic_id!r} needs a mapping with at least a title", path)
    terms = []
    for text, weight in (raw.get("terms") or {}).items():
        try:
            terms.append(Term(str(text), float(weight), compile_term(str(text))))
        except (TypeError, ValueError, re.error) as exc:
            raise ConfigError(f"topic {topic_id!r} term {text!r}: {exc}; expected `term: weight`", path) from None
    signals: dict[str, float] = {}
    for key, weight in (raw.get("signals") or {}).items():
        kind, _, value = str(key).partition(":")
        if kind not in SIGNAL_KINDS or not value:
            raise ConfigError(f"topic {topic_id!r} signal {key!r} is not known; expected one of "
                              f"{', '.join(k + ':VALUE' for k in SIGNAL_KINDS)}", path)
        signals[str(key)] = float(weight)
    return Topic(str(topic_id), str(raw["title"]), " ".join(str(raw.get("definition", "")).split()), terms, signals)


def load_taxonomy_file(path: Path) -> Taxonomy:
    """Read and check one taxonomy file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the taxonomy: {exc.strerror or exc}", path) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"taxonomy is not valid YAML: {str(exc).splitlines()[0]}", path) from None
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
        raise ConfigError("taxonomy needs a `topics:` mapping of topic id to title, definition and terms", path)
    raw_settings = data.get("settings") or {}
    known = set(Settings.__dataclass_fields__)
    unknown = sorted(set(raw_settings) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}", path)
    settings = Settings(**raw_settings)
    topics = [_topic(k, v, Path(path)) for k, v in data["topics"].items()]
    return Taxonomy(topics, settings, Path(path))


def load_taxonomy(corpus: Path) -> list[Topic]:
    """The topics of a corpus (id, title, definition, terms), in taxonomy order."""
    return load_taxonomy_file(taxonomy_path(corpus)).topics
