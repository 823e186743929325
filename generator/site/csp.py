"""A strict Content-Security-Policy for the built site, written as a meta tag into every page.

Material for MkDocs puts a few small inline scripts into each page (palette and scope set-up), so a policy
of ``script-src 'self'`` alone would break the theme. After mkdocs has written the site (never from inside
an mkdocs event), each page gets a policy that allows the site's own files plus the exact inline scripts
it carries, by their sha256 hashes. Policy text can never add a script: it is escaped, and any script
that was not in the page when it was built has no matching hash.

The search (Pagefind, :mod:`.search`) runs a WebAssembly module from the site's own ``pagefind/`` folder.
Compiling WebAssembly is refused under ``script-src`` unless the policy says ``'wasm-unsafe-eval'``, which
allows exactly that: compiling and running WebAssembly, which can only call the functions the page's own
scripts hand it. It is not ``'unsafe-eval'``: JavaScript ``eval``, ``new Function`` and string timers stay
refused, and the module is fetched under ``connect-src 'self'``, so only the site's own module can run.
Pagefind's worker is a file of the site (``worker-src 'self'``).
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)
_EXISTING = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)


def policy_for(html: str) -> str:
    """The policy for one page: its own inline scripts by hash, everything else from the site itself."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in _INLINE_SCRIPT.findall(html)})
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *hashes]),  # the search's WebAssembly (above)
        "style-src 'self' 'unsafe-inline'",  # the theme sets style attributes; styles cannot run code
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def apply_csp(html: str) -> str:
    """The page with its Content-Security-Policy meta tag first in <head>."""
    html = _EXISTING.sub("", html)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    head = _HEAD.search(html)
    if head is None:
        return html
    return html[:head.end()] + tag + html[head.end():]


def _apply_to_files(paths: list[Path]) -> int:
    count = 0
    for path in paths:
        html = path.read_text(encoding="utf-8")
        updated = apply_csp(html)
        if updated != html:
            path.write_text(updated, encoding="utf-8")
            count += 1
    return count


def apply_csp_to_site(site_dir: Path) -> int:
    """Add the policy to every HTML page of a built site; returns how many pages were written.

    Each page is read and rewritten on its own, so the pages are shared out between this process and a
    forked child (see :mod:`generator.site.parallel`): every other page each.
    """
    from .parallel import in_two

    paths = sorted(Path(site_dir).rglob("*.html"))
    theirs, ours = in_two(lambda: _apply_to_files(paths[0::2]), lambda: _apply_to_files(paths[1::2]))
    return theirs + ours
