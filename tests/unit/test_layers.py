"""The core's architecture, checked from its source: imports go one way, no cycles, the environment at the edges.

Every module of hooks/actionplan/ is parsed (ast); its imports of the package – at the top and
inside functions – make a graph. The layers, from the bottom:

    project (a leaf anyone may import)
    plan  <-  site  <-  outputs  <-  editing, publishing  <-  build  <-  commands  <-  __main__

A module may import its own layer and the layers below it, never above, and editing and
publishing (side by side) not each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .helpers import PROJECT

PACKAGE = "actionplan"
ROOT = PROJECT / "hooks" / PACKAGE
RANKS = {"plan": 0, "site": 1, "outputs": 2, "editing": 3, "publishing": 3, "build": 4, "commands": 5, "__main__": 6}
SIBLINGS = {"editing": "publishing", "publishing": "editing"}
DEFERRED = "deferred"
"""The word a function-local import's comment must say: it only keeps `make check` from loading a heavy library."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def resolve(module: str, node: ast.ImportFrom | ast.Import, is_package: bool) -> list[str]:
    """The package's modules an import statement names (submodules where `from x import sub` is one)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        target = ".".join([*base, *([node.module] if node.module else [])])
    else:
        target = node.module or ""
    if target.split(".")[0] != PACKAGE:
        return []
    names = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in MODULES]
    return names or [target]


def imports() -> dict[str, dict[str, list[tuple[int, bool]]]]:
    """module -> imported module -> (line, inside a function) of each import."""
    graph: dict[str, dict[str, list[tuple[int, bool]]]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        local = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(function)
        }
        edges: dict[str, list[tuple[int, bool]]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in resolve(name, node, path.name == "__init__.py"):
                    if target != name:
                        edges.setdefault(target, []).append((node.lineno, id(node) in local))
        graph[name] = edges
    return graph


GRAPH = imports()


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def cycles(graph: dict[str, dict[str, list[tuple[int, bool]]]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as a closed path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, {}):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_package_is_all_parsed() -> None:
    assert {"actionplan.plan.model", "actionplan.site.markers", "actionplan.outputs.opendata.dcat"} <= set(MODULES)
    assert set(GRAPH["actionplan.build"]) >= {"actionplan.plan.loading", "actionplan.site.pages"}


def test_no_import_cycle() -> None:
    assert cycles(GRAPH) == []


def test_a_cycle_is_found_and_named() -> None:
    graph = {"a": {"b": [(1, False)]}, "b": {"c": [(1, False)]}, "c": {"a": [(1, False)]}, "d": {"a": [(1, False)]}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_imports_only_go_down() -> None:
    wrong = []
    for module, edges in GRAPH.items():
        own = layer(module)
        for target, places in edges.items():
            other = layer(target)
            if other == "project":
                continue  # a leaf anyone may import
            if own == "project":
                wrong.append(f"{module} imports {target}: project.py imports nothing of the package")
            elif own in RANKS and other in RANKS and (RANKS[other] > RANKS[own] or SIBLINGS.get(own) == other):
                wrong.append(f"{module}:{places[0][0]} imports {target} ({own} may not import {other})")
            elif own == "" and module != PACKAGE:  # pragma: no cover - every module lies in a layer
                wrong.append(f"{module} lies in no layer")
    assert wrong == []


def test_every_module_lies_in_a_layer() -> None:
    assert {layer(module) for module in MODULES} - {""} <= {*RANKS, "project"}


def test_function_local_imports_only_defer_a_heavy_library() -> None:
    """No import hides inside a function to dodge a cycle; one that keeps `make check` fast says so."""
    undeclared = []
    for module, edges in GRAPH.items():
        lines = MODULES[module].read_text(encoding="utf-8").splitlines()
        for target, places in edges.items():
            for line, inside in places:
                if inside and DEFERRED not in lines[line - 1] and DEFERRED not in lines[line - 2]:
                    undeclared.append(f"{module}:{line} imports {target} inside a function")
    assert undeclared == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_the_environment_is_read_only_at_the_edges(module: str) -> None:
    """Only the command line reads os.environ; everything below gets what it needs passed in."""
    if module == f"{PACKAGE}.commands":
        return
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    reads = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
        and node.attr in ("environ", "getenv", "environb")
    ]
    assert reads == []
