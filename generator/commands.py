"""The output commands as library functions: ``aup tailor`` (and ``--init``) and ``aup declarations``.

The CLI parses options, calls one of these, and prints what it returns; tests call the same functions.
Notes for the user (a name mapped under ``names:``, a long render ahead) go to ``note`` as they happen.
The corpus commands (``aup ingest``, ``aup tag``) are in :mod:`generator.pipeline`, ``aup check`` in
:mod:`generator.check`, ``aup build`` in :mod:`generator.site.build`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .declarations import load_source, read_roster, write_declarations
from .declarations.render import check_formats as check_declaration_formats
from .errors import ConfigError
from .tailor import TailoredPolicy, TailorResult, init_recipe, load_policy, write_policy
from .tailor.render import check_formats as check_tailor_formats
from .writer import write_atomic

log = logging.getLogger(__name__)
Note = Callable[[str], None]


@dataclass
class TailorRun:
    """What ``aup tailor`` made: the policy and the files written."""

    policy: TailoredPolicy
    result: TailorResult


@dataclass
class DeclarationsRun:
    """What ``aup declarations`` wrote, and what each file holds (e.g. 'sheet, 12 people')."""

    paths: list[Path]
    what: str


def formats_of(option: str) -> list[str]:
    """A comma-separated --format value as a list of lower-case names."""
    return [f.strip().lower() for f in option.split(",") if f.strip()]


def tailor(recipe: Path, corpus: Path, formats: Sequence[str], out: Path | None = None, note: Note = log.info) -> TailorRun:
    """``aup tailor RECIPE``: resolve the recipe against the corpus, render every format, then write each file."""
    check_tailor_formats(formats)
    policy, detected = load_policy(recipe, corpus)
    for ref, names in sorted(detected.items()):
        note(f"{ref} names {', '.join(repr(n.text) for n in names)} (mapped under names:)")
    for text in policy.notes:
        note(f"{recipe}: {text}")
    return TailorRun(policy, write_policy(policy, formats, out if out is not None else Path("tailored")))


def init_recipe_file(corpus: Path, out: Path | None) -> str:
    """``aup tailor --init``: the starter recipe's text, also written to ``out`` when given (never over a file)."""
    text = init_recipe(corpus)
    if out is not None:
        if out.exists():
            raise ConfigError("already exists; choose another --out or delete it", out)
        write_atomic(out, text)
    return text


def declarations(source: str, corpus: Path, roster: Path | None, layout: str, formats: Sequence[str],
                 out: Path | None = None, note: Note = log.info, since: int | None = None) -> DeclarationsRun:
    """``aup declarations SOURCE``: read the roster and the source, render every format, then write each file."""
    check_declaration_formats(formats)
    people = read_roster(roster) if roster else None
    if people and layout == "adoption":
        note("--roster is not used by --layout adoption (it is the governing body's sign-off)")
    declaration_source = load_source(corpus, source, since)
    if people and len(people) >= 40 and layout == "sheet" and "pdf" in formats:
        # WeasyPrint lays out about 40 sheets a second; say so rather than look stuck
        note(f"rendering {len(people)} sheets (about {max(1, len(people) // 40)} s)...")
    paths = write_declarations(declaration_source, people, layout, formats, out)
    if layout == "adoption":
        what = "adoption"
    else:
        what = f"{layout}, {len(people)} people" if people else f"{layout}, blank {'form' if layout == 'sheet' else 'rows'}"
    return DeclarationsRun(paths, what)


@dataclass
class TrainRun:
    """What one ``aup train`` did: where the model went, whether it changed, and what it learned from."""

    path: Path
    written: bool
    features: int
    examples: dict[str, int]
    missing: list[str]


def train(gold: Sequence[str], corpus: Path, out: Path | None = None, use_overrides: bool = True) -> TrainRun:
    """``aup train GOLD[=SOURCES]...``: learn the tagger's model from labelled clauses and write it (needs scikit-learn)."""
    from .tagging.train import parse_gold_arg, train_model, write_model  # scikit-learn only when training

    model, report = train_model([parse_gold_arg(g) for g in gold], corpus, use_overrides=use_overrides)
    path = out or corpus / "model.json"
    written = write_model(model, path)
    return TrainRun(path, written, report.features, dict(report.examples), list(report.missing))
