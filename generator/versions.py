"""Versions of a policy: which document a new source is a version of, and the history kept under ``corpus/versions/``.

A *policy* is what ``corpus/documents/<id>.yaml`` holds: always its current version, so every other output
(families, topics, tailoring) keeps reading one document per policy. Its history lives beside it::

    corpus/versions/<id>/versions.yaml   the index (schema: generator/schema/versions.schema.json)
    corpus/versions/<id>/<n>.yaml        version n as it was stored (a corpus document, same schema)
    corpus/versions/<id>/<n>.<ext>       version n's source file
    corpus/versions/<id>/<n>.changes.json   what changed in version n, stored (generator/stored_changes.py)

The index lists every version, oldest first; the last is the current one (its document is
``documents/<id>.yaml``). A policy with no index has one version: the stored document. Nothing here writes:
:func:`place_versions` plans what :func:`generator.pipeline.ingest` writes once everything is validated.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .changes import Changes, diff_documents
from .corpus import DOCUMENTS, SOURCES, document_path, dump_document, load_document, parse_yaml, read_data
from .errors import CorpusError
from .ingest import Outcome
from .model import Clause, Document, Metadata, Source, Span
from .site.dates import build_date, day_text, parse_period, read_date

VERSIONS = "versions"
INDEX = "versions.yaml"
INDEX_FORMAT = 1
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "versions.schema.json"


@dataclass
class Version:
    """One version of a policy: its number, date, where the date came from, and its source's digest."""

    number: int
    date: str  # ISO date: the day, or the first day of the period, the policy states; else the day it was ingested
    date_from: str  # "document" (the policy states it) or "ingest" (the day it was ingested)
    sha256: str
    document: str  # the stored document, relative to the corpus folder
    source: str  # the source file, relative to the corpus folder
    name: str = ""  # the file name it was ingested from
    stated: str = ""  # the date as the policy states it ("August 2024"), to its own precision; "" when ingest-dated

    def shown(self, locale: str | Callable[[], str] = "") -> str:
        """The version's date as pages show dates, to the precision the policy states it ("August 2024"); ``locale``
        (:func:`generator.site.dates.read_date`) decides a numeric date whose day and month could swap."""
        return read_date(self.stated, locale).shown if self.stated else day_text(date.fromisoformat(self.date))

    def policy_date(self, locale: str | Callable[[], str] = "") -> str:
        """The date the policy itself states for this version, as shown; "" when only the ingest date is known."""
        return self.shown(locale) if self.date_from == "document" else ""


@dataclass
class History:
    """Every version of one policy, oldest first (the last is the current document)."""

    policy: str
    versions: list[Version] = field(default_factory=list)

    @property
    def current(self) -> Version:
        """The version ``documents/<policy>.yaml`` holds."""
        return self.versions[-1]

    def version(self, number: int) -> Version:
        """Version ``number``; CorpusError naming the versions there are when it does not exist."""
        for v in self.versions:
            if v.number == number:
                return v
        known = ", ".join(str(v.number) for v in self.versions)
        raise CorpusError(f"policy {self.policy!r} has no version {number}; its versions: {known}")


def ingest_date() -> date:
    """The date a version without one of its own gets: AUP_BUILD_DATE, else SOURCE_DATE_EPOCH, else today."""
    return build_date()


def versions_dir(corpus: Path, policy: str) -> Path:
    """The folder holding a policy's history."""
    return Path(corpus) / VERSIONS / policy


def index_path(corpus: Path, policy: str) -> Path:
    """Where a policy's version index lives."""
    return versions_dir(corpus, policy) / INDEX


def document_date(doc: Document) -> tuple[str, str]:
    """The date a document states for itself (updated, else adopted): as written, and as an ISO date (the first day
    of the period it names); ("", "") when it states none."""
    for text in (doc.metadata.updated, doc.metadata.adopted):
        period = parse_period(text) if text else None
        if period:
            return " ".join(text.split()), period[0].isoformat()
    return "", ""


def first_version(doc: Document, today: date) -> Version:
    """The one version of a document with no history (dated by the document, else ``today``)."""
    stated, day = document_date(doc)
    return Version(1, day or today.isoformat(), "document" if day else "ingest", doc.source.sha256,
                   f"{DOCUMENTS}/{doc.id}.yaml", doc.source.path, doc.source.name, stated)


@cache  # built once: the site reads every policy's index
def _validator() -> Any:
    import json

    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def history_from_dict(data: Any, path: Path) -> History:
    """A history from its index's parse; CorpusError listing every schema problem."""
    problems = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in _validator().iter_errors(data)]
    if problems:
        raise CorpusError("; ".join(problems), path)
    return History(data["policy"], [Version(**v) for v in data["versions"]])


def history_to_text(history: History) -> str:
    """The index's YAML (deterministic)."""
    data = {"format": INDEX_FORMAT, "policy": history.policy,
            "versions": [{k: v for k, v in vars(ver).items() if v != "" or k not in ("name", "stated")} for ver in history.versions]}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100000)


def load_history(corpus: Path, doc: Document, today: date | None = None) -> History:
    """A policy's history: its index, else the stored document as its only version."""
    path = index_path(corpus, doc.id)
    if path.is_file():
        history = history_from_dict(parse_yaml(path.read_text(encoding="utf-8")), path)
        current, (stated, day) = history.current, document_date(doc)
        if current.date_from == "document" and not current.stated and day == current.date:
            # an index written before versions kept the stated date: the current document still states it
            history.versions[-1] = replace(current, stated=stated)
        return history
    if today is None:
        try:  # a document ingested before versions were kept: dated by itself, else by its source copy
            from datetime import UTC, datetime
            today = datetime.fromtimestamp((Path(corpus) / doc.source.path).stat().st_mtime, tz=UTC).date()
        except OSError:
            today = date(1970, 1, 1)
    return History(doc.id, [first_version(doc, today)])


def load_version(corpus: Path, history: History, number: int) -> Document:
    """The document of version ``number`` of a policy."""
    v = history.version(number)
    return load_document(Path(corpus) / v.document, validate=False, cache=True)


def load_version_clauses(corpus: Path, history: History, number: int) -> Document:
    """Version ``number`` with only what a diff reads (its clauses' ids, text, labels, headings and modality):
    the site's change pages load every earlier version, and building whole documents would be most of their cost."""
    v = history.version(number)
    path = Path(corpus) / v.document
    try:
        data = read_data(path, cache=True)
        clauses = [Clause(id=c["id"], text=c["text"], span=Span(*c["source"]), label=c.get("label", ""),
                          kind=c.get("kind", "clause"), heading=c.get("heading", []), section=c.get("section"),
                          modality=c.get("modality", "")) for c in data["clauses"]]
        return Document(data["id"], Source(**data["source"]), Metadata(), clauses=clauses)
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise CorpusError(f"version {number} of {history.policy} cannot be read ({type(exc).__name__}: {exc}); "
                          "run `aup check`", path) from None


def load_histories(corpus: Path, docs: list[Document]) -> dict[str, History]:
    """The history of every policy that has more than one version, by policy id."""
    found = {}
    for doc in docs:
        if index_path(corpus, doc.id).is_file():
            history = load_history(corpus, doc)
            if len(history.versions) > 1:
                found[doc.id] = history
    return found


# -- placing newly read documents -------------------------------------------------------------------------------
_WORDS = re.compile(r"\w+")


def _identity(doc: Document) -> tuple[str, str] | None:
    school, title = (" ".join(_WORDS.findall(s.lower())) for s in (doc.metadata.school, doc.metadata.title))
    return (school, title) if school and title else None


def policy_of(doc: Document, stored: dict[str, Document], version_of: str = "",
              declared: dict[str, str] | None = None) -> str | None:
    """The stored policy a newly read document is a version of, or None for a new policy.

    Stated (``--version-of``, then the overrides file's ``versions:`` by source file name or document id) wins;
    then the same document id; then the same organisation and title.
    """
    declared = declared or {}
    stated = version_of or declared.get(doc.source.name) or declared.get(doc.id)
    if stated:
        if stated not in stored:
            raise CorpusError(f"{doc.source.name or doc.id}: --version-of {stated!r}: no such document; "
                              f"known: {', '.join(sorted(stored)) or '(none)'}")
        return stated
    if doc.id in stored:
        return doc.id
    mine = _identity(doc)
    if mine:
        for pid in sorted(stored):
            if _identity(stored[pid]) == mine and _shared(doc, stored[pid]) >= SHARED_CLAUSES:
                return pid
    return None


#: Share of clauses (of the shorter document) two documents with the same organisation and title must have in
#: common, word for word, to be taken as versions of one policy: a school's staff and pupil policies may share a
#: title, a yearly revision keeps most of its clauses.
SHARED_CLAUSES = 0.3


def _shared(a: Document, b: Document) -> float:
    ids_a, ids_b = {c.id for c in a.clauses}, {c.id for c in b.clauses}
    return len(ids_a & ids_b) / max(1, min(len(ids_a), len(ids_b)))


def as_policy(doc: Document, policy: str) -> Document:
    """A newly read document under its policy's id (its source copy named after the policy)."""
    if doc.id == policy:
        return doc
    suffix = Path(doc.source.path).suffix
    return replace(doc, id=policy, source=replace(doc.source, path=f"{SOURCES}/{policy}{suffix}"))


def _dated(doc: Document, previous: Version, today: date) -> tuple[str, str, str]:
    stated, day = document_date(doc)
    # a date the new version shares with (or has before) the last one is not its own: the edit kept it
    if day and day > previous.date:
        return day, "document", stated
    return today.isoformat(), "ingest", ""


@dataclass
class Placement:
    """What versioning makes of one ingest run: documents to tag, files to write first and last, and skips."""

    ready: list[tuple[Path, Document, bytes]] = field(default_factory=list)
    archive: dict[Path, str | bytes] = field(default_factory=dict)  # old versions: written before anything else
    indexes: dict[Path, str] = field(default_factory=dict)  # version indexes: written after the documents
    skipped: list[Outcome] = field(default_factory=list)  # an older version ingested again: nothing to do
    versions: dict[str, int] = field(default_factory=dict)  # document id -> its new version number


def place_versions(corpus: Path, ready: list[tuple[Path, Document, bytes]], stored: dict[str, Document],
                   today: date, version_of: str = "", declared: dict[str, str] | None = None) -> Placement:
    """Decide, for each newly read document, which policy and version it is (nothing written).

    The current version's source again: updated in place, as before. An older version's source: skipped.
    A changed source: the stored document and its source go to ``versions/<id>/<n>.*`` and the new one
    becomes the current version. A new policy gets an index with its first version.
    """
    corpus = Path(corpus)
    out = Placement()
    taken: set[str] = set()
    for path, doc, data in ready:
        policy = policy_of(doc, stored, version_of, declared)
        if policy is None:
            out.ready.append((path, doc, data))
            out.indexes[index_path(corpus, doc.id)] = history_to_text(History(doc.id, [first_version(doc, today)]))
            continue
        if policy in taken:
            out.skipped.append(Outcome(str(path), "failed", policy, f"another file of this run is already the new "
                                       f"version of {policy}; ingest this one in a run of its own"))
            continue
        taken.add(policy)
        old = stored[policy]
        history = load_history(corpus, old)  # no index yet: version 1 is dated by itself, else by its source copy
        known = {v.sha256: v for v in history.versions}
        if doc.source.sha256 == history.current.sha256:
            out.ready.append((path, as_policy(doc, policy), data))
            continue
        if doc.source.sha256 in known:
            v = known[doc.source.sha256]
            out.skipped.append(Outcome(str(path), "unchanged", policy, f"already version {v.number} of {policy} "
                                       "(an earlier version): nothing tagged or written"))
            continue
        folder = versions_dir(corpus, policy)
        n = history.current.number
        ext = Path(old.source.path).suffix
        archived_source = f"{VERSIONS}/{policy}/{n}{ext}"
        try:
            out.archive[folder / f"{n}{ext}"] = (corpus / old.source.path).read_bytes()
        except OSError as exc:
            raise CorpusError(f"cannot keep version {n} of {policy}: its source {old.source.path} is unreadable "
                              f"({exc.strerror or exc}); restore it and ingest again", document_path(corpus, policy)) from None
        out.archive[folder / f"{n}.yaml"] = dump_document(replace(old, source=replace(old.source, path=archived_source)))
        new = as_policy(doc, policy)
        when, source_of_date, stated = _dated(new, history.current, today)
        versions = [*history.versions[:-1], replace(history.current, document=f"{VERSIONS}/{policy}/{n}.yaml",
                                                   source=archived_source)]
        versions.append(Version(n + 1, when, source_of_date, new.source.sha256, f"{DOCUMENTS}/{policy}.yaml",
                                new.source.path, new.source.name, stated))
        out.indexes[index_path(corpus, policy)] = history_to_text(History(policy, versions))
        out.versions[policy] = n + 1
        out.ready.append((path, new, data))
    return out


def declared_versions(corpus: Path) -> dict[str, str]:
    """The ``versions:`` section of ``corpus/overrides.yaml``: source file name or document id -> policy id."""
    path = Path(corpus) / "overrides.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    section = data.get("versions") or {}
    if not isinstance(section, dict):
        raise CorpusError("versions: must map a source file name or document id to the policy's id", path)
    return {str(k): str(v) for k, v in section.items()}


def compare_versions(corpus: Path, doc: Document, old: int | None = None,
                     new: int | None = None) -> tuple[Version, Version, Changes]:
    """What changed in a policy from version ``old`` (default: the one before ``new``) to ``new`` (default: current)."""
    history = load_history(corpus, doc)
    to = history.version(new) if new is not None else history.current
    if old is None:
        earlier = [v for v in history.versions if v.number < to.number]
        if not earlier:
            raise CorpusError(f"policy {doc.id!r} has no version before {to.number}; its versions: "
                              f"{', '.join(str(v.number) for v in history.versions)}")
        old = earlier[-1].number
    frm = history.version(old)
    docs = [doc if v is history.current else load_version(corpus, history, v.number) for v in (frm, to)]
    return frm, to, diff_documents(docs[0], docs[1])


def check_versions(corpus: Path, docs: list[Document]) -> list[str]:
    """Every problem of the histories under ``corpus/versions/``: index schema, policy, files and digests."""
    from .corpus import sha256_of

    corpus = Path(corpus)
    by_id = {doc.id: doc for doc in docs}
    problems: list[str] = []
    for path in sorted((corpus / VERSIONS).glob(f"*/{INDEX}")):
        try:
            history = history_from_dict(parse_yaml(path.read_text(encoding="utf-8")), path)
        except (CorpusError, yaml.YAMLError, OSError) as exc:
            problems.append(str(exc))
            continue
        doc = by_id.get(history.policy)
        if doc is None and document_path(corpus, history.policy).exists():
            continue  # the document itself is invalid: reported on its own
        if history.policy != path.parent.name or doc is None:
            problems.append(f"{path}: policy {history.policy!r} is not a document of the corpus in its own folder; "
                            f"expected {path.parent.name!r}")
            continue
        if [v.number for v in history.versions] != sorted({v.number for v in history.versions}):
            problems.append(f"{path}: version numbers must rise and not repeat")
        if history.current.document != f"{DOCUMENTS}/{doc.id}.yaml" or history.current.sha256 != doc.source.sha256:
            problems.append(f"{path}: the last version is not documents/{doc.id}.yaml as stored (source digest differs); "
                            f"ingest the policy's current source again")
        for v in history.versions[:-1]:
            try:
                load_document(corpus / v.document, validate=True)
                if sha256_of((corpus / v.source).read_bytes()) != v.sha256:
                    problems.append(f"{path}: version {v.number}: source {v.source} does not match its digest")
            except CorpusError as exc:
                problems.append(f"{path}: version {v.number}: {exc}")
            except OSError as exc:
                problems.append(f"{path}: version {v.number}: source {v.source} cannot be read ({exc.strerror or exc})")
    return problems
