"""The tailoring recipe: a YAML file naming the school, its people and dates, and the clauses it wants per topic.

Reading a recipe keeps each value's line (``yaml.compose`` node marks), checks the structure against the
published schema ``generator/schema/recipe.schema.json`` and turns it into a typed :class:`Recipe`. Whether
the clause ids, families and topics exist is checked later against the corpus (:mod:`.policy`); every
problem is a :class:`Problem` with its line, and all of them are reported together in one
:class:`RecipeError`.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "recipe.schema.json"
RECIPE_FORMAT = 1
DEFAULT_TITLE = "Acceptable Use Policy"
#: Values a recipe must fill in, with what to write there.
REQUIRED = {("school", "name"): "the school's name", ("version",): "the policy's version, e.g. \"1.0\"",
            ("adopted",): "the date the governors adopted it, e.g. 2025-09-01",
            ("review_due",): "when it is next reviewed, e.g. 2026-09-01"}

Path_ = tuple[Any, ...]
#: A clause reference written as one word: "<document id>#<clause id>".
_REF = re.compile(r"^[a-z0-9][a-z0-9._-]*#[A-Za-z0-9._-]+$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a recipe, at a line, with how to fix it."""

    line: int
    message: str


class RecipeError(ConfigError):
    """A recipe is invalid: every problem, each with its line; nothing was written."""

    def __init__(self, path: str | Path, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        first = self.problems[0] if self.problems else Problem(0, "invalid recipe")
        super().__init__(first.message, str(path), first.line or None)

    def __str__(self) -> str:
        lines = [f"{self.path}:{p.line}: {p.message}" for p in self.problems]
        head = f"{self.path}: {len(lines)} problem(s) in the recipe; nothing was written" if len(lines) > 1 else ""
        return "\n".join([head] + lines if head else lines)


@dataclass(frozen=True)
class Choice:
    """One chosen clause: a corpus clause, a family (its representative), or text written out in full."""

    line: int
    document: str = ""
    clause: str = ""
    family: str = ""
    text: str = ""
    version: int = 0  # the version of the document the clause was taken from (0: not recorded)

    @property
    def ref(self) -> str:
        """How the recipe names it: ``doc#clause``, the family id, or "(written)"."""
        return f"{self.document}#{self.clause}" if self.clause else (self.family or "(written)")


@dataclass(frozen=True)
class TopicChoice:
    """The clauses chosen for one topic, and the section title to print (empty: the topic's own title)."""

    topic: str
    line: int
    title: str = ""
    clauses: tuple[Choice, ...] = ()


@dataclass
class Recipe:
    """A parsed, structurally valid recipe (references not yet checked against the corpus)."""

    path: Path
    school: dict[str, str]
    people: dict[str, str]
    title: str
    version: str
    adopted: str
    review_due: str
    audiences: list[str]
    introduction: str
    order: list[tuple[str, int]]
    topics: list[TopicChoice]
    names: dict[str, tuple[str, int]]
    declaration_title: str
    declaration: list[Choice]
    lines: LineMap
    missing: list[Problem] = field(default_factory=list)

    def values(self) -> dict[str, str]:
        """Placeholder values recipe text may use: ``{school}``, ``{address}``, ``{title}``, dates and every person."""
        out = {"school": self.school.get("name", ""), "title": self.title, "version": self.version,
               "adopted": self.adopted, "review_due": self.review_due}
        out.update({k: v for k, v in self.school.items() if k != "name"})
        out.update(self.people)
        return out


class LineMap:
    """Line numbers of the values of a YAML document, found by path (keys and list indexes)."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def line(self, path: Path_) -> int:
        """The 1-based line of the value at ``path``, or of its nearest existing parent."""
        node = self.root
        if node is None:
            return 1
        best = node.start_mark.line + 1
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == str(part):
                        child = value if not isinstance(part, _Key) else key
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                child = node.value[part]
            if child is None:
                return best
            node, best = child, child.start_mark.line + 1
        return best


class _Key(str):
    """A path part that asks for the line of a mapping key rather than its value."""


def key(name: str) -> str:
    """Path part naming a mapping key itself (for 'unknown field' problems)."""
    return _Key(name)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The published recipe JSON Schema."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _plain(value: Any) -> Any:
    """YAML dates become ISO strings and numbers in text fields stay readable (version: 1.0 -> "1.0")."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _schema_problems(data: Any, lines: LineMap) -> list[Problem]:
    import jsonschema

    problems: list[Problem] = []
    validator = jsonschema.Draft202012Validator(schema())
    for error in validator.iter_errors(data):
        problems.extend(_problem(error, lines))
    return problems


def _problem(error: Any, lines: LineMap) -> list[Problem]:
    """One schema error as problems with lines (a failed oneOf reports its closest alternative's error)."""
    from jsonschema.exceptions import best_match

    path = tuple(error.absolute_path)
    where = ".".join(map(str, path)) or "the recipe"
    if error.validator in ("oneOf", "anyOf") and error.context:
        return _problem(best_match(error.context), lines)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        out = []
        for name in sorted(set(error.instance) - set(allowed)):
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            out.append(Problem(lines.line(path + (key(name),)),
                               f"unknown field {name!r} in {where}; {hint}known fields: {', '.join(allowed)}"))
        return out
    if error.validator == "oneOf":
        return [Problem(lines.line(path), f"{where}: a clause is \"<document>#<clause>\", "
                        "{document: ..., clause: ...}, {family: ...} or {text: ...}")]
    if error.validator == "enum":
        return [Problem(lines.line(path), f"{where}: {error.instance!r} is not one of "
                        f"{', '.join(map(str, error.validator_value))}")]
    if error.validator == "pattern":
        return [Problem(lines.line(path), f"{where}: {error.instance!r} is not a valid name; "
                        "use lower-case words joined by '_' (designated_safeguarding_lead)")]
    return [Problem(lines.line(path), f"{where}: {error.message}")]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _choice(item: Any, line: int) -> Choice:
    if isinstance(item, str):
        doc, sep, clause = item.strip().partition("#")
        return Choice(line, document=doc, clause=clause) if sep else Choice(line, family=doc)
    if "text" in item:
        return Choice(line, text=_text(item["text"]))
    ref = _text(item.get("clause"))
    version = int(item.get("version") or 0)
    if "family" in item:  # with the clause it gave when chosen, which `aup tailor --check` follows
        return Choice(line, document=_text(item.get("document")), clause=ref, family=_text(item["family"]), version=version)
    if "#" in ref and not item.get("document"):
        doc, _, clause = ref.partition("#")
        return Choice(line, document=doc, clause=clause, version=version)
    return Choice(line, document=_text(item.get("document")), clause=ref, version=version)


def _choices(items: list[Any], path: Path_, lines: LineMap) -> tuple[Choice, ...]:
    return tuple(_choice(item, lines.line(path + (i,))) for i, item in enumerate(items or []))


def parse_recipe(text: str, path: Path) -> Recipe:
    """Parse recipe text; raise RecipeError with every structural problem (unknown fields, wrong types)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = _plain(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RecipeError(path, [Problem(mark.line + 1 if mark else 1,
                                         f"not valid YAML: {getattr(exc, 'problem', None) or exc}")]) from None
    lines = LineMap(root)
    if not isinstance(data, dict):
        raise RecipeError(path, [Problem(1, "a recipe is a mapping with school:, people:, topics:, ...; "
                                            "run `aup tailor --init` for a starter")])
    problems = _schema_problems(data, lines)
    if problems:
        raise RecipeError(path, problems)
    school = {k: _text(v) for k, v in (data.get("school") or {}).items()}
    missing = []
    for where, what in REQUIRED.items():
        value = data
        for part in where:
            value = value.get(part) if isinstance(value, dict) else None
        if not _text(value):
            missing.append(Problem(lines.line(where), f"{'.'.join(where)} is missing: fill in {what}"))
    topics = []
    for topic, value in (data.get("topics") or {}).items():
        body = value if isinstance(value, dict) else {"clauses": value}
        base = ("topics", topic) if isinstance(value, list) else ("topics", topic, "clauses")
        topics.append(TopicChoice(topic, lines.line(("topics", key(topic))), _text(body.get("title")),
                                  _choices(body.get("clauses") or [], base, lines)))
    declaration = data.get("declaration") or {}
    wording = [Choice(lines.line(("declaration", "wording", i)), text=item)
               if isinstance(item, str) and not _REF.match(item.strip())
               else _choice(item, lines.line(("declaration", "wording", i)))
               for i, item in enumerate(declaration.get("wording") or [])]
    return Recipe(
        path=path, school=school, people={k: _text(v) for k, v in (data.get("people") or {}).items()},
        title=_text(data.get("title")) or DEFAULT_TITLE, version=_text(data.get("version")),
        adopted=_text(data.get("adopted")), review_due=_text(data.get("review_due")),
        audiences=list(data.get("audiences") or []), introduction=_text(data.get("introduction")),
        order=[(str(t), lines.line(("order", i))) for i, t in enumerate(data.get("order") or [])],
        topics=topics, names={str(k): (_text(v), lines.line(("names", key(str(k)))))
                              for k, v in (data.get("names") or {}).items()},
        declaration_title=_text(declaration.get("title")) or "Declaration", declaration=wording, lines=lines,
        missing=missing,
    )


def read_recipe(path: Path) -> Recipe:
    """Read and parse a recipe file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the recipe: {exc.strerror or exc}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("the recipe is not UTF-8 text", path) from None
    return parse_recipe(text, Path(path))


def is_recipe(path: Path) -> bool:
    """True when a YAML file is a tailoring recipe (it has ``recipe:`` at the top), not a corpus document."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "recipe" in data and "clauses" not in data
