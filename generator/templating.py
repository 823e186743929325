"""Shared by the printable outputs (declarations, tailored policies): the Jinja2 environment and the --format check.

Templates receive policy text and names as data, never as template source. An HTML environment autoescapes
every template (and every string template), so ``{{ }}`` or ``<b>`` in a clause prints literally; a text
environment (Markdown) does its escaping through the ``finalize`` option its caller passes.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .errors import AupError


def template_environment(package: str, *, html: bool = True, **options: Any) -> Environment:
    """A strict Jinja2 environment over ``package``'s ``templates`` folder; autoescaped unless ``html`` is false."""
    autoescape = select_autoescape(("html", "j2"), default_for_string=True, default=True) if html else False
    return Environment(loader=PackageLoader(package, "templates"), autoescape=autoescape, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, **options)


def check_formats(formats: Sequence[str], known: Collection[str], error: type[AupError]) -> None:
    """Raise ``error`` unless at least one format is given and every one is in ``known``."""
    unknown = [f for f in formats if f not in known]
    if unknown or not formats:
        raise error(f"unknown format {', '.join(map(repr, unknown)) or '(none)'}; "
                    f"expected a comma-separated list of {', '.join(known)}")
