"""Render a :class:`TailoredPolicy` as Markdown, standalone HTML, PDF (:mod:`generator.pdf`) and DOCX (:mod:`.docx`).

The renderers are reached through one registry, :data:`FORMATS`.

Both text formats come from Jinja2 templates that receive policy text as data only: HTML autoescapes, and
the Markdown environment escapes every ``{{ }}`` output through ``finalize``, so ``{{ 7*7 }}``, ``<b>`` or
``*`` in a clause print literally.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..errors import ConfigError
from ..markdown import md_line
from ..templating import check_formats as _check_formats
from ..templating import template_environment
from ..writer import write_atomic
from .docx import render_docx
from .layout import facts, footer
from .policy import TailoredPolicy


@lru_cache(maxsize=2)
def environment(markdown: bool = False) -> Environment:
    """The template environment: HTML autoescaped, or Markdown escaped through ``finalize``."""
    if markdown:
        return template_environment("generator.tailor", html=False, finalize=md_line, keep_trailing_newline=True)
    return template_environment("generator.tailor")


def _context(policy: TailoredPolicy) -> dict[str, Any]:
    address = [line.strip(" ,") for line in re.split(r"[\n]", policy.address) if line.strip(" ,")]
    return {"policy": policy, "facts": facts(policy), "footer": footer(policy), "address_lines": address}


def render_markdown(policy: TailoredPolicy) -> str:
    """Clean, diff-friendly Markdown: one clause per paragraph line, numbers written out."""
    text = environment(True).get_template("policy.md.j2").render(**_context(policy))
    return re.sub(r"\n{3,}", "\n\n", text)


def render_html(policy: TailoredPolicy) -> str:
    """Standalone, printable HTML."""
    return environment().get_template("policy.html.j2").render(**_context(policy))


def render_pdf(policy: TailoredPolicy) -> bytes:
    """A4 PDF with page numbers and the school in the running footer."""
    from ..pdf import render_pdf as html_to_pdf

    return html_to_pdf(render_html(policy))


def _markdown_bytes(policy: TailoredPolicy) -> bytes:
    return render_markdown(policy).encode("utf-8")


def _html_bytes(policy: TailoredPolicy) -> bytes:
    return render_html(policy).encode("utf-8")


#: Every output format and the function that renders it (the one place a new format is added).
FORMATS: dict[str, Callable[[TailoredPolicy], bytes]] = {
    "md": _markdown_bytes, "html": _html_bytes, "docx": render_docx, "pdf": render_pdf,
}


def render_policy(policy: TailoredPolicy, formats: Sequence[str]) -> dict[str, bytes]:
    """Every requested format in memory: {format: bytes}."""
    check_formats(formats)
    return {fmt: FORMATS[fmt](policy) for fmt in formats}


def check_formats(formats: Sequence[str]) -> None:
    """Raise :class:`ConfigError` unless every format is known."""
    _check_formats(formats, FORMATS, ConfigError)


@dataclass
class TailorResult:
    """What ``aup tailor`` wrote and how long rendering took."""

    paths: list[Path]
    seconds: float


def write_policy(policy: TailoredPolicy, formats: Sequence[str], out: Path) -> TailorResult:
    """Render every format first, then write each file atomically as ``OUT/<school>-aup.<format>``."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out} is a file; expected a folder")
    start = time.perf_counter()
    rendered = render_policy(policy, formats)
    seconds = time.perf_counter() - start
    paths = []
    for fmt in formats:
        path = out / f"{policy.id}.{fmt}"
        write_atomic(path, rendered[fmt])
        paths.append(path)
    return TailorResult(paths, seconds)
