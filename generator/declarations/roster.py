"""The roster: a CSV of the people who sign (columns ``name``, ``designation``, optional ``email``, ``role``).

:func:`parse_roster` checks the whole file and raises one :class:`RosterError` listing every problem with its
line (``people.csv:4: empty name; ...``), so a school fixes its spreadsheet once, not once per problem.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import AupError
from .source import DESIGNATIONS

REQUIRED = ("name", "designation")
OPTIONAL = ("email", "role")
EXPECTED = "columns name, designation and optionally email, role"
_BY_LOWER = {d.lower(): d for d in DESIGNATIONS} | {d.lower() + "s": d for d in DESIGNATIONS}


class RosterError(AupError):
    """A roster file has problems; ``problems`` holds every one as ``path:line: message``."""

    def __init__(self, problems: list[str], path: str) -> None:
        super().__init__(f"{len(problems)} problem(s) in the roster:\n" + "\n".join(problems))
        self.problems = problems
        self.path = str(path)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Person:
    """One person who signs: a name and a designation (Staff / Governor / Visitor / Volunteer)."""

    name: str
    designation: str
    email: str = ""
    role: str = ""
    line: int = 0  # where the person is in the roster file, for messages


def _decode(data: bytes, where: str) -> tuple[str, list[str]]:
    """UTF-8 text (a BOM is dropped) and a problem for each line holding undecodable bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", [f"{where}:1: the file is UTF-16; expected UTF-8. Save it again as 'CSV UTF-8 (comma delimited)'"]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems, lines = [], []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            bad = raw[exc.start:exc.start + 1].hex()
            problems.append(f"{where}:{number}: byte 0x{bad} at column {exc.start + 1} is not UTF-8 "
                            f"(near {raw[max(0, exc.start - 12):exc.start].decode('utf-8', 'replace')!r}); "
                            "expected UTF-8 text. Save the file as 'CSV UTF-8 (comma delimited)'")
            lines.append(raw.decode("utf-8", "replace"))
    return "\n".join(lines), problems


def _designation(value: str) -> str | None:
    return _BY_LOWER.get(" ".join(value.split()).lower())


def parse_roster(data: bytes, where: str = "roster.csv") -> list[Person]:
    """Every person in the roster bytes, in file order; raise RosterError listing every problem at once."""
    text, problems = _decode(data, where)
    if not text.strip():
        raise RosterError(problems or [f"{where}: the file is empty; expected a header row with {EXPECTED}"], where)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    columns = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        found = ", ".join(repr(h) for h in header) or "nothing"
        hint = " (the file seems to use ';' - save it with commas)" if len(header) == 1 and ";" in header[0] else ""
        problems.append(f"{where}:1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
                        f"found {found}; expected {EXPECTED}{hint}")
        raise RosterError(problems, where)
    duplicated = sorted({c for c in columns if c in REQUIRED + OPTIONAL and columns.count(c) > 1})
    if duplicated:
        problems.append(f"{where}:1: column {', '.join(duplicated)} appears more than once; expected {EXPECTED}")
    index = {c: columns.index(c) for c in REQUIRED + OPTIONAL if c in columns}
    people: list[Person] = []
    start = reader.line_num + 1
    for row in reader:
        line, start = start, reader.line_num + 1  # a quoted field may span lines: report the row's first line
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(f"{where}:{line}: {len(row)} fields but the header has {len(header)}; "
                            "quote any value that contains a comma")
            continue
        if any("\n" in cell or "\r" in cell for cell in row):
            span = reader.line_num - line + 1
            problems.append(f"{where}:{line}: a value runs over {span} lines; is a closing quote (\") missing?")
            continue
        if any(ch < " " and ch != "\t" for cell in row for ch in cell):
            problems.append(f"{where}:{line}: a value holds a control character; expected plain text")
            continue
        values = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        name = " ".join(values["name"].split())
        designation = _designation(values["designation"])
        if not name:
            problems.append(f"{where}:{line}: empty name; expected the person's name as it should be printed")
        if designation is None:
            given = values["designation"]
            what = f"unknown designation {given!r}" if given else "empty designation"
            problems.append(f"{where}:{line}: {what}; expected one of {', '.join(DESIGNATIONS)}")
        email = values.get("email", "")
        if email and ("@" not in email or " " in email):
            problems.append(f"{where}:{line}: email {email!r} is not an address; expected name@example.org or nothing")
        if name and designation:
            people.append(Person(name, designation, email, " ".join(values.get("role", "").split()), line))
    if not people and not problems:
        problems.append(f"{where}: no people listed; expected one row per person under the header ({EXPECTED})")
    if problems:
        raise RosterError(problems, where)
    return people


def read_roster(path: Path) -> list[Person]:
    """Read and check a roster CSV file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise RosterError([f"{path}: cannot read: {exc.strerror or exc}"], str(path)) from None
    return parse_roster(data, str(path))
