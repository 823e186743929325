"""Tailored AUPs: a school's recipe (school, people, dates, chosen clauses) -> its own numbered policy.

:func:`read_recipe` parses and structurally checks a recipe, :func:`tailor_policy` resolves it against the
corpus (every problem reported at once), and :func:`write_policy` renders Markdown, HTML, DOCX and PDF.
:func:`declaration_source` adapts a recipe for ``aup declarations``.
"""
from __future__ import annotations

from pathlib import Path

from .names import Name, detect_names, replace_names
from .policy import PolicyClause, PolicySection, TailoredPolicy, load_policy, tailor_policy
from .recipe import Problem, Recipe, RecipeError, is_recipe, parse_recipe, read_recipe
from .render import FORMATS, TailorResult, render_policy, write_policy
from .starter import init_recipe, starter_recipe


def declaration_source(recipe_path: Path, corpus: Path):  # -> DeclarationSource (imported lazily)
    """The recipe's policy as a declarations source: its school, title, dates, wording and signatories."""
    from ..declarations.source import Adoption, DeclarationSource, Signatory

    policy, _ = load_policy(Path(recipe_path), Path(corpus))
    signatories = tuple(Signatory(f"Signed on behalf of the {'Governing Body' if 'governor' in role.lower() else 'school'}",
                                  name, role) for role, name in policy.signatories)
    return DeclarationSource(
        id=policy.id, school=policy.school, title=policy.title, wording=policy.declaration, version=policy.version,
        adopted=policy.adopted, review=policy.review_due, designations=policy.designations,
        adoption=Adoption(meeting_of="the Governing Body", held_on=policy.adopted, review=policy.review_due,
                          signatories=signatories),
    )


__all__ = [
    "FORMATS", "Name", "PolicyClause", "PolicySection", "Problem", "Recipe", "RecipeError", "TailorResult",
    "TailoredPolicy", "declaration_source", "detect_names", "init_recipe", "is_recipe", "load_policy", "parse_recipe",
    "read_recipe", "render_policy", "replace_names", "starter_recipe", "tailor_policy", "write_policy",
]
