"""The ``aup`` command: a thin wrapper over the library functions in :mod:`generator`."""
from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import AupError

CORPUS_OPTION = click.option("--corpus", "corpus", type=click.Path(file_okay=False, path_type=Path), default=Path("corpus"),
                             show_default=True, help="Corpus folder.")


class Context:
    """Options shared by every command."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug


def _fail(ctx: click.Context, message: str) -> None:
    click.echo(message, err=True)
    ctx.exit(1)


def _note(message: str) -> None:
    click.echo(f"note: {message}", err=True)


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an AupError (or any error without --debug) into one line on stderr and exit code 1."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = ctx.find_object(Context).debug if ctx.find_object(Context) else False
        try:
            return func(*args, **kwargs)
        except AupError as exc:
            if debug:
                raise
            _fail(ctx, f"error: {exc}")
        except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
            raise
        except Exception as exc:  # never a traceback unless --debug
            if debug:
                raise
            _fail(ctx, f"error: {type(exc).__name__}: {exc} (run with --debug for details)")

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aup")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """AUP Atlas: compare, tailor and sign school Acceptable Use Policies."""
    ctx.obj = Context(debug)
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@guarded
def new(directory: Path) -> None:
    """Create a new AUP Atlas project in DIRECTORY (mkdocs.yml, docs/, corpus/sources/)."""
    from .project import new_project

    created = new_project(directory)
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"next: put your policies in {directory / 'corpus' / 'sources'}, then run `aup ingest corpus/sources` and `aup build` in {directory}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@CORPUS_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only report problems.")
@click.option("--school", default="", help="The organisation's name, for every document of this run (kept in "
              "corpus/overrides.yaml under metadata:, so re-ingesting keeps it).")
@click.option("--source-url", "source_url", default="", help="Where the policies were found (shown on their pages; kept like --school).")
@click.option("--publisher", default="", help="Who published them there (shown on their pages; kept like --school).")
@click.option("--version-of", "version_of", default="", metavar="ID",
              help="The files are new versions of this document (else: same file, or same organisation and title).")
@click.option("--realign", is_flag=True, help="Align the whole corpus again (as `aup tag` does) instead of joining "
              "the new clauses to the stored families, which ingest does when it adds at most a quarter of the corpus.")
@guarded
def ingest(paths: tuple[Path, ...], corpus: Path, quiet: bool, school: str, source_url: str, publisher: str,
           version_of: str, realign: bool) -> None:
    """Read policy files (or folders, recursively) into the corpus.

    Each bad file gets one line naming it and what is wrong; the good files still go through, and the exit
    code is 1 if any file failed. --school, --source-url and --publisher set those fields by hand on every
    document of the run.
    """
    from .pipeline import ingest as run_ingest

    def progress(items: list[Path]) -> Iterator[Path]:
        if quiet or len(items) < 10:
            yield from items
            return
        with click.progressbar(items, label="ingesting", file=sys.stderr) as bar:
            yield from bar

    given = {"school": " ".join(school.split()), "source_url": source_url.strip(), "publisher": " ".join(publisher.split())}
    report = run_ingest(paths, corpus, progress=progress, metadata=given, version_of=version_of.strip(),
                        realign=True if realign else None)
    if not quiet and report.tagged:  # an earlier version ingested again is not tagged: no "tagged" line
        click.echo(f"tagged {report.documents} document(s); {report.families} clause families")
    for outcome in report.outcomes:
        if outcome.status == "failed":
            click.echo(f"{outcome.path}: {outcome.message}", err=True)
        elif not quiet:
            note = f", {outcome.message}" if outcome.message else ""
            click.echo(f"{outcome.status:9} {outcome.document}  ({outcome.path}{note})")
    counts = {s: sum(1 for o in report.outcomes if o.status == s) for s in ("added", "updated", "unchanged", "failed")}
    if not quiet:
        click.echo(", ".join(f"{n} {s}" for s, n in counts.items()))
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("document")
@CORPUS_OPTION
@click.option("--from", "old", type=int, default=None, metavar="V", help="The version to compare from (default: the one before --to).")
@click.option("--to", "new", type=int, default=None, metavar="V", help="The version to compare to (default: the current one).")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@guarded
def diff(document: str, corpus: Path, old: int | None, new: int | None, as_json: bool) -> None:
    """What changed in a policy between two of its versions, clause by clause.

    Added, removed, reworded (with a word diff) and moved clauses, force changes ("may" became "must not")
    called out, and cosmetic changes (punctuation, white space, numbering, a renamed person) kept apart.
    """
    import json

    from .changes import changes_text
    from .corpus import document_path, load_document
    from .versions import compare_versions

    doc = load_document(document_path(corpus, document), validate=False)
    frm, to, changes = compare_versions(corpus, doc, old, new)
    if as_json:
        click.echo(json.dumps({"document": doc.id, "from": vars(frm), "to": vars(to), "summary": changes.summary(),
                               "changes": [c.to_dict() for c in changes.changes]}, indent=2, ensure_ascii=False))
        return
    click.echo(f"{doc.id}: version {frm.number} ({frm.date}) -> version {to.number} ({to.date})")
    for line in changes_text(changes):
        click.echo(line)


@main.command()
@CORPUS_OPTION
@guarded
def check(corpus: Path) -> None:
    """Validate the corpus against its schema and check every source line is accounted for."""
    from .check import check as run_check

    report = run_check(corpus)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        click.echo(f"{len(report.problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo("corpus ok")


@main.command()
@CORPUS_OPTION
@guarded
def tag(corpus: Path) -> None:
    """Re-tag every clause of the corpus in place: topics (corpus/topics.yaml), modality, audience,
    overrides (corpus/overrides.yaml) and clause families. Only changed documents are rewritten."""
    from .pipeline import retag_corpus

    report = retag_corpus(corpus)
    for o in report.stale_overrides:
        click.echo(f"{corpus / 'overrides.yaml'}:{o.line}: clause {o.clause} of {o.document} no longer exists", err=True)
    click.echo(f"tagged {report.documents} document(s), {len(report.written)} rewritten; {report.families} clause families")


@main.command()
@click.argument("gold", nargs=-1)
@CORPUS_OPTION
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model [default: CORPUS/model.json].")
@click.option("--no-overrides", is_flag=True, help="Do not learn from CORPUS/overrides.yaml.")
@guarded
def train(gold: tuple[str, ...], corpus: Path, out: Path | None, no_overrides: bool) -> None:
    """Train the learned tagger from labelled clauses and write CORPUS/model.json (then run `aup tag`).

    Each GOLD is a gold file (a YAML list of {doc, text, primary, also}), optionally followed by
    `=FOLDER`, the folder holding the labelled source files (else they are looked for beside the gold
    file), or a folder holding a constructed set's gold.yaml and its sources (benchmarks/constructed/A).
    The corpus's overrides.yaml and the taxonomy's definitions and terms are learned from too.
    Needs scikit-learn (pip install 'aup-atlas[train]'); the same inputs give a byte-identical model.
    """
    from .commands import train as run_train

    run = run_train(gold, corpus, out, use_overrides=not no_overrides)
    for miss in run.missing:
        click.echo(f"not found in its source (skipped): {miss}", err=True)
    learned = ", ".join(f"{n} {src}" for src, n in run.examples.items())
    click.echo(f"{'wrote' if run.written else 'unchanged'} {run.path}: {run.features} features; learned from {learned}")


@main.group()
def export() -> None:
    """Export the corpus in machine-readable form."""


@export.command("clauses")
@CORPUS_OPTION
@guarded
def export_clauses_cmd(corpus: Path) -> None:
    """Print every clause as JSON Lines on stdout (document, clause, label, text, heading, topics, source, ...)."""
    from .export import export_clauses

    out = sys.stdout
    for record in export_clauses(corpus):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


@main.command()
@CORPUS_OPTION
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"), show_default=True,
              help="The mkdocs configuration file.")
@click.option("--no-mkdocs", is_flag=True, help="Only write the generated Markdown under docs/.")
@guarded
def build(corpus: Path, config: Path, no_mkdocs: bool) -> None:
    """Generate the comparison site: corpus -> Markdown under docs/ -> mkdocs build --strict -> site/."""
    from .site.build import build_site

    result = build_site(corpus, config, run_mkdocs_build=not no_mkdocs)
    click.echo(f"{result.written} page(s) written, {result.unchanged} unchanged, {result.removed} removed"
               + (f"; site in {result.site_dir}" if result.site_dir else ""))


@main.command()
@CORPUS_OPTION
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"), show_default=True,
              help="The mkdocs configuration file.")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@guarded
def serve(corpus: Path, config: Path, dev_addr: str) -> None:
    """Generate the Markdown, then preview the site with live reload (mkdocs serve)."""
    from .site.build import serve_site

    serve_site(corpus, config, dev_addr)


@main.command()
@click.argument("source")
@CORPUS_OPTION
@click.option("--roster", "roster", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV of the people who sign: columns name, designation (Staff, Governor, Visitor, Volunteer), "
                   "optional email, role.")
@click.option("--layout", type=click.Choice(["sheet", "roster", "adoption"]), default="sheet", show_default=True,
              help="sheet: one A4 page per person; roster: a signing table; adoption: the governing body's sign-off.")
@click.option("--format", "formats", default="pdf", show_default=True,
              help="Comma-separated output formats: pdf, docx, html.")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Output folder (default ./declarations), or one file when a single format is asked for.")
@click.option("--since", type=int, default=None, metavar="V",
              help="For people who signed version V: the sheet lists what changed since (see `aup diff`).")
@guarded
def declarations(source: str, corpus: Path, roster: Path | None, layout: str, formats: str, out: Path | None,
                 since: int | None) -> None:
    """Print declaration sheets for SOURCE, a corpus document id (see corpus/documents/) or a tailoring recipe.

    Without --roster a sheet is one blank form with the designations to delete as applicable, and a roster
    is a page of empty rows. Every problem in the roster is reported with its line; nothing is written then.
    """
    from .commands import declarations as run_declarations
    from .commands import formats_of

    run = run_declarations(source, corpus, roster, layout, formats_of(formats), out, note=_note, since=since)
    for path in run.paths:
        click.echo(f"wrote {path} ({run.what})")


@main.command()
@click.argument("recipe", required=False, type=click.Path(dir_okay=False, path_type=Path))
@CORPUS_OPTION
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Output folder (default ./tailored); with --init, the starter recipe file (default: stdout).")
@click.option("--format", "formats", default="md,html,docx,pdf", show_default=True,
              help="Comma-separated output formats: md, html, docx, pdf.")
@click.option("--init", "init", is_flag=True, help="Write a starter recipe: per topic, the clause families most schools share.")
@click.option("--check", "check_only", is_flag=True,
              help="Only report chosen clauses their policy has reworded or removed since (a new version); exit 1 if any.")
@guarded
def tailor(recipe: Path | None, corpus: Path, out: Path | None, formats: str, init: bool, check_only: bool) -> None:
    """Build a school's own policy from RECIPE (YAML; see generator/schema/recipe.schema.json).

    Every problem in the recipe (unknown clause, family, topic or field, a missing value, a name from another
    school not mapped under names:) is listed with its line; nothing is written then.
    """
    from .commands import formats_of, init_recipe_file
    from .commands import tailor as run_tailor

    if init:
        text = init_recipe_file(corpus, out)
        if out is None:
            click.echo(text, nl=False)
        else:
            click.echo(f"wrote {out}; fill in the school's values, then run `aup tailor {out}`")
        return
    if recipe is None:
        raise click.UsageError("give a RECIPE file, or --init to write a starter")
    if check_only:
        from .tailor.freshness import check_recipe

        found = check_recipe(recipe, corpus)
        for line in found:
            click.echo(line, err=True)
        if found:
            click.echo(f"{len(found)} chosen clause(s) changed since they were taken", err=True)
            sys.exit(1)
        click.echo("every chosen clause still reads as its policy's current version states it")
        return
    run = run_tailor(recipe, corpus, formats_of(formats), out, note=_note)
    chosen = sum(1 for c in run.policy.clauses if not c.items)  # a lead-in line printed above its items is not one
    click.echo(f"{chosen} clauses in {len(run.policy.sections)} sections, rendered in {run.result.seconds:.1f} s")
    for path in run.result.paths:
        click.echo(f"wrote {path}")


if __name__ == "__main__":  # `python -m generator.cli ...` runs the command too, not nothing
    main(prog_name="aup")
