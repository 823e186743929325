"""Shared fixtures: small source files and corpora built in a temporary folder."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "corpus" / "sources"

POLICY = """\
Acceptable Use Policy for Staff

Approved by: Governing Body
Review date: September 2025

Passwords

- I will not share my password with anyone.
- I will lock my computer when I leave it.

Mobile phones

1. Staff must keep personal phones in lockers.
2. Staff may use phones:
   a) in the staffroom;
   b) in an emergency.

I have read and agree to follow this policy.

Name: ____________
Signed: ____________
Date: ____________
"""


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    """A small, complete staff policy as a txt file."""
    path = tmp_path / "in" / "oak-primary.txt"
    path.parent.mkdir()
    path.write_text(POLICY, encoding="utf-8")
    return path


@pytest.fixture
def seed_sources(tmp_path: Path) -> Path:
    """A copy of the shipped seed sources in a temporary folder."""
    target = tmp_path / "seeds"
    shutil.copytree(SOURCES, target)
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for a browser test module (Playwright, never a downloaded browser)."""
    from browser_support import chromium

    with chromium() as launched:
        yield launched
