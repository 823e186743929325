"""Tailored AUPs: a school's recipe (school, people, dates, chosen clauses) -> its own numbered policy.

:func:`read_recipe` parses and structurally checks a recipe, :func:`tailor_policy` resolves it against the
corpus (every problem reported at once), and :func:`write_policy` renders Markdown, HTML, DOCX and PDF.
``generator.declarations.source.source_from_policy`` adapts a tailored policy for ``aup declarations``
(declarations depend on tailoring, never the reverse).
"""
from __future__ import annotations

from .names import Name, detect_names, replace_names
from .policy import PolicyClause, PolicySection, TailoredPolicy, load_policy, tailor_policy
from .recipe import Problem, Recipe, RecipeError, is_recipe, parse_recipe, read_recipe
from .render import FORMATS, TailorResult, render_policy, write_policy
from .starter import init_recipe, starter_recipe

__all__ = [
    "FORMATS", "Name", "PolicyClause", "PolicySection", "Problem", "Recipe", "RecipeError", "TailorResult",
    "TailoredPolicy", "detect_names", "init_recipe", "is_recipe", "load_policy", "parse_recipe",
    "read_recipe", "render_policy", "replace_names", "starter_recipe", "tailor_policy", "write_policy",
]
