"""The package's import graph has no circles, deferred (in-function) imports included.

A circle hidden behind an import inside a function still means two modules each need
the other; the fix is to move the shared piece below both, not to defer the import.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import analysis

ROOT = Path(analysis.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in ROOT.rglob("*.py")}


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The ``analysis`` modules ``path`` imports, at any depth of its code."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            # `from analysis.x import y` imports module analysis.x.y when y is one
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


@functools.cache  # three tests read it; the files are parsed once
def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(path, known) for name, path in mods.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_find_cycle_finds_a_planted_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_imports_are_read_from_inside_functions_too():
    edges = graph()
    assert "analysis.langid" in edges["analysis.pipeline"]  # imported inside add_language


def test_the_package_has_no_import_circle():
    edges = graph()
    # A package's __init__ re-exports its modules; a module importing a sibling through
    # the package (``from analysis.text import as_texts`` inside analysis.text.x) is a
    # circle too, and is reported like any other.
    cycle = find_cycle(edges)
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_no_private_name_is_imported_across_packages():
    offenders = []
    for name, path in modules().items():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis"):
                source_package = node.module.rsplit(".", 1)[0] if node.module.count(".") else node.module
                own_package = name.rsplit(".", 1)[0]
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__") \
                            and source_package != own_package and node.module != own_package:
                        offenders.append(f"{name}: {node.module}.{alias.name}")
    assert not offenders, "private names used outside their package: " + ", ".join(offenders)
