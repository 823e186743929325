"""The shape of the package: no import cycles, small modules, one type per concept, no test helpers shipped."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MAX_LINES = 400


def _modules() -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, whether it is a package's __init__)."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (absolute, relative and function-level imports)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:  # `from . import x` imports the submodule x when there is one
                    sub = f"{target}.{alias.name}"
                    deps.add(sub if sub in modules else target)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_the_cycle_finder_finds_a_cycle_through_three_modules():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c"]]


def test_the_import_graph_sees_relative_and_function_level_imports():
    graph = import_graph()
    assert "generator.tailor.policy" in graph["generator.tailor.render"]  # from .policy import (module level)
    assert "generator.site.build" in graph["generator.cli"]  # from .site.build import (inside a function)


def test_no_module_of_the_package_imports_itself_back_through_others():
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_tailoring_never_imports_declarations():
    graph = import_graph()
    assert not {d for m, deps in graph.items() if m.startswith("generator.tailor") for d in deps
                if d.startswith("generator.declarations")}


def test_no_module_of_the_package_is_over_400_lines():
    long = {str(p.relative_to(PACKAGE.parent)): n for p, _ in _modules().values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_the_package_defines_one_family_class():
    defined = [str(p.relative_to(PACKAGE.parent)) for p, _ in _modules().values()
               for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
               if isinstance(node, ast.ClassDef) and node.name in ("Family", "Topic")]
    assert len(defined) == 2, defined  # one Family, one Topic


def test_nothing_synthetic_ships_in_the_package():
    assert not [p for p in PACKAGE.rglob("*.py") if "synthetic" in p.name]


def test_the_corpus_schema_uses_the_one_modality_and_audience_vocabulary():
    from generator.corpus import schema
    from generator.model import AUDIENCES, MODALITIES

    clause = schema()["$defs"]["clause"]["properties"]
    assert tuple(clause["modality"]["enum"]) == MODALITIES
    assert tuple(clause["audience"]["items"]["enum"]) == AUDIENCES
    assert tuple(schema()["properties"]["metadata"]["properties"]["audiences"]["items"]["enum"]) == AUDIENCES


def test_every_audience_word_list_covers_exactly_the_audience_vocabulary():
    from generator.model import AUDIENCES
    from generator.segment import AUDIENCE_WORDS
    from generator.tagging import audience

    assert set(AUDIENCE_WORDS) == set(AUDIENCES)  # segment orders its own list (the stored order of metadata audiences)
    assert tuple(audience._WORDS) == AUDIENCES


def test_no_type_hint_uses_the_builtin_callable():
    bad = []
    for path, _ in _modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            hints = []
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                hints = [a.annotation for a in (*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs)] + [node.returns]
            elif isinstance(node, ast.AnnAssign):
                hints = [node.annotation]
            for hint in filter(None, hints):
                if any(isinstance(n, ast.Name) and n.id == "callable" for n in ast.walk(hint)):
                    bad.append(f"{path.name}:{hint.lineno}")
    assert not bad, bad
