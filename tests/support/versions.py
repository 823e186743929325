"""A shipped policy and an edited copy of it, for the versions tests, the browser test and the benchmark.

The copy removes two clauses, adds one, rewords one, turns one "may" into "must not" and re-punctuates one.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "sources" / "hopelands-prep.txt"
REMOVED = ("Use of the internet for personal financial gain, gambling, political purposes or advertising is forbidden.",
           "Posting anonymous messages and forwarding chain letters is forbidden.")
ADDED = "Staff must report any suspected phishing email to the IT lead at once."
REWORDED = ("Emails sent from school should contain the same professional levels of language and content as applied to letters or other media.",
            "Emails sent from school should use the same professional language and content as letters or other written communication.")
FORCE = ("staff may keep their phone switched on", "staff must not keep their phone switched on")
PUNCTUATED = ("During school visits mobile phones should be used away from the children and for emergency purposes only.",
              "During school visits, mobile phones should be used away from the children; and for emergency purposes only.")


def edited(text: str) -> str:
    """The seed's text with the six edits made."""
    anchor = "· Appropriate security must be used or applied before confidential or sensitive information is sent via the internet or email.\n"
    edits = [(f"· {REMOVED[0]}\n", ""), (f"· {REMOVED[1]}\n", ""), (anchor, f"{anchor}\n· {ADDED}\n"), REWORDED, FORCE, PUNCTUATED]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def seed_and_edit(folder: Path) -> tuple[Path, Path]:
    """The seed and its edited copy (``hopelands-prep-2025.txt``) written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / SEED.name
    shutil.copyfile(SEED, first)
    second = folder / "hopelands-prep-2025.txt"
    second.write_text(edited(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    return first, second


def new_corpus(folder: Path) -> Path:
    """An empty corpus using the shipped taxonomy and model."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for name in ("topics.yaml", "model.json"):
        shutil.copyfile(ROOT / "corpus" / name, corpus / name)
    return corpus
