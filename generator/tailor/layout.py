"""What every rendering of a tailored policy shows the same way: the title block's facts and the footer.

Both :mod:`.render` (Markdown, HTML, PDF) and :mod:`.docx` read these, so neither imports the other's module
for them.
"""
from __future__ import annotations

from .policy import TailoredPolicy


def facts(policy: TailoredPolicy) -> list[tuple[str, str]]:
    """The title block's rows: adopted, review due, version, who it applies to."""
    rows = [("Adopted", policy.adopted), ("Review due", policy.review_due), ("Version", policy.version),
            ("Applies to", ", ".join(a.capitalize() for a in policy.audiences))]
    return [(k, v) for k, v in rows if v]


def footer(policy: TailoredPolicy) -> str:
    """The running footer: school, title and version."""
    return " · ".join(p for p in (policy.school, policy.title, f"Version {policy.version}" if policy.version else "") if p)
