"""The package's layout: imports go one way along the data flow, no cycles, small modules.

Layers, upstream first: shared resources (paths, errors, files, imports, vocabulary, lexicons) ->
text (parsing) -> stories (story files) -> detectors -> annotation -> measures ->
present (figures, views, report) -> pipelines -> the command line. Training and
evaluation sit beside the detectors they train. A module may import from its own layer
or any layer upstream of it, never downstream.
"""

import ast
from pathlib import Path

import pytest

from analysis.paths import PACKAGE_DIR

LAYERS = {"paths": 0, "errors": 0, "files": 0, "imports": 0, "vocabulary": 0, "lexicons": 0, "text": 1, "stories": 2,
          "detectors": 3, "training": 4, "annotation": 4, "measures": 5, "present": 6, "pipelines": 7,
          "__main__": 8}
MAX_LINES = 400


def modules():
    """``{dotted name: path}`` of every module of the package except its lazy ``__init__``."""
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        if parts == ("analysis", "__init__"):
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path):
    """``(module imported, names, inside a function?)`` for every import of the package in a file."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    functions = {id(node) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
                 for node in ast.walk(fn) if node is not fn}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "analysis":
            assert node.level == 0, f"{path}: relative import"
            found.append((node.module, [alias.name for alias in node.names], id(node) in functions))
        elif isinstance(node, ast.Import):
            found += [(alias.name, [], id(node) in functions) for alias in node.names
                      if alias.name.split(".")[0] == "analysis"]
    return found


def layer(module):
    return LAYERS[module.split(".")[1]]


def resolve(module, names, known):
    """The package modules an import reaches: ``from analysis.text import parse`` reaches analysis.text.parse."""
    reached = [f"{module}.{name}" for name in names if f"{module}.{name}" in known]
    return reached or ([module] if module in known else [])


ALL = modules()


@pytest.mark.parametrize("name", sorted(ALL))
def test_imports_go_upstream_only_and_never_hide_in_functions(name):
    if name == "analysis":
        return
    for module, names, in_function in imports(ALL[name]):
        assert not in_function, f"{name} imports {module} inside a function"
        assert not any(n.startswith("_") for n in names), f"{name} imports private names {names} of {module}"
        for target in resolve(module, names, ALL):
            if target != "analysis":
                assert layer(target) <= layer(name), f"{name} (layer {layer(name)}) imports {target} downstream"


def test_no_import_cycles():
    graph = {name: {t for module, names, _ in imports(path) for t in resolve(module, names, ALL) if t != name}
             for name, path in ALL.items()}
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for target in graph.get(node, ()):
            assert state.get(target) != "open", "import cycle: " + " -> ".join(trail + [target])
            if target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize("name", sorted(ALL))
def test_modules_stay_small(name):
    lines = len(ALL[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it along what it does"


def test_every_layer_named_here_exists():
    assert {name.split(".")[1] for name in ALL if name != "analysis"} == set(LAYERS)
