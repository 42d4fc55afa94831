"""The layer contract: every module imports only from its own layer or the layers below.

bodymap's subpackages are layers, lowest first: ``core`` -> ``model`` -> ``analysis`` ->
``scene`` -> ``renderers`` -> ``apps`` -> ``cli``.  This test reads every import of every
module with :mod:`ast` (imports inside functions and under ``TYPE_CHECKING`` included) and
fails on an upward import or an import cycle between modules, and it pins which modules may
import the heavy drawing libraries.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bodymap"
LAYERS = ("core", "model", "analysis", "scene", "renderers", "apps", "cli")
#: Top-level modules and the layer they belong to.
TOP = {"_version": "core", "__main__": "cli", "__init__": None}
#: Third-party libraries that only some modules may import, and which ones.
RESTRICTED = {
    "matplotlib": ("renderers.mpl", "apps.editor"),
    "svgwrite": ("renderers.svg",),
    "typer": ("cli.",),
    "click": ("cli.",),
    "cv2": ("apps.scan",),
    "zxingcpp": ("apps.scan",),
    "pypdfium2": ("apps.scan",),
    "segno": ("scene.paper",),
}
#: A scene may look up a colour map (nothing that draws).
ALLOWED_SUBMODULES = {"matplotlib.colors": ("scene.",)}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _layer(module: str) -> str | None:
    head = module.split(".")[0]
    if head in TOP:
        return TOP[head]
    return head


def _type_only(tree: ast.AST) -> set[int]:
    """Ids of the import nodes under ``if TYPE_CHECKING:`` (annotations only, never run)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            out |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return out


def _imports(path: Path, runtime: bool = False) -> list[tuple[int, str]]:
    """``(line, name)`` of every import; ``runtime``: leave out type-checking-only ones."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_only(tree) if runtime else set()
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _internal(name: str) -> str | None:
    """The bodymap module an import names (longest existing prefix), or ``None``."""
    if not name.startswith("bodymap."):
        return None
    parts = name.split(".")[1:]
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts = parts[:-1]
    return None


def test_every_module_belongs_to_a_layer():
    for name in MODULES:
        layer = _layer(name)
        assert name == "__init__" or layer in LAYERS, f"{name}: not in any layer {LAYERS}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_go_down_only(name):
    if name == "__init__":  # the lazy public facade names everything, imports nothing eagerly
        return
    own = LAYERS.index(_layer(name))  # type: ignore[arg-type]
    for line, imported in _imports(MODULES[name]):
        target = _internal(imported)
        if target is None or target == "__init__":
            continue
        layer = _layer(target)
        assert layer is not None, f"{name}:{line} imports the facade {imported}"
        assert LAYERS.index(layer) <= own, (
            f"bodymap/{MODULES[name].relative_to(PACKAGE)}:{line}: {_layer(name)} module "
            f"imports {imported} from the higher layer {layer}"
        )


@pytest.mark.parametrize("name", sorted(MODULES))
def test_heavy_libraries_stay_in_their_modules(name):
    for line, imported in _imports(MODULES[name], runtime=True):
        top = imported.split(".")[0]
        if top not in RESTRICTED:
            continue
        allowed = RESTRICTED[top]
        ok = any(name == a or (a.endswith(".") and name.startswith(a)) for a in allowed)
        for sub, where in ALLOWED_SUBMODULES.items():
            if imported == sub or imported.startswith(sub + "."):
                ok = ok or any(name.startswith(w) for w in where)
        assert ok, f"{name}:{line}: imports {imported}; only {', '.join(allowed)} may"


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        if name == "__init__":
            continue
        deps = {_internal(i) for _, i in _imports(path)}
        graph[name] = {d for d in deps if d is not None and d not in (name, "__init__")}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            # A package's __init__ re-exporting its own modules is not a cycle with them.
            if node.startswith(dep + ".") or dep.startswith(node + "."):
                continue
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if state.get(dep) is None:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycles():
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_checks_catch_a_violation():
    """The contract test fails on an upward import and on a cycle (it is not vacuous)."""
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert LAYERS.index(_layer("model.chart")) < LAYERS.index(_layer("scene.items"))  # type: ignore[arg-type]
    assert _internal("bodymap.model.chart.Chart") == "model.chart"
