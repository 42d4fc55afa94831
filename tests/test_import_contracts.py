"""The import contracts of the package: the ones import-linter checks, and the one it cannot.

``pyproject.toml``'s ``[tool.importlinter]`` holds the layer contract (core -> model ->
analysis -> scene -> renderers -> apps -> cli), the ban on importing the facade from inside
the package, the ban on import cycles and which modules may import each heavy library.
import-linter reads import statements only, so a module imported by name at run time
(``importlib.import_module``, ``__import__``) would slip past it: only the facade's lazy
loader may do that.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bodymap"
#: The one module that imports modules by name: the facade, from its table ``_LAZY``.
LAZY_LOADER = PACKAGE / "__init__.py"
DYNAMIC = ("import_module", "__import__")


def _dynamic_imports(path: Path) -> list[int]:
    """Lines of ``path`` that call or name ``import_module`` or ``__import__``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Name) and node.id in DYNAMIC)
        or (isinstance(node, ast.Attribute) and node.attr in DYNAMIC)
        or (isinstance(node, ast.ImportFrom) and any(a.name in DYNAMIC for a in node.names))
    ]


def test_only_the_facade_imports_modules_by_name():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != LAZY_LOADER
        for line in _dynamic_imports(path)
    ]
    assert not found, f"a module imported by name hides from import-linter: {found}"


def test_the_dynamic_import_check_sees_each_spelling(tmp_path):
    spellings = {
        "import importlib\nimportlib.import_module('bodymap.scene.items')\n": [2],
        "from importlib import import_module\nimport_module('bodymap.scene')\n": [1, 2],
        "m = __import__('bodymap.scene')\n": [1],
        "import importlib\n": [],
    }
    for text, lines in spellings.items():
        path = tmp_path / "m.py"
        path.write_text(text, encoding="utf-8")
        assert _dynamic_imports(path) == lines, text


def test_the_facade_loads_only_from_its_lazy_table():
    assert _dynamic_imports(LAZY_LOADER), "the facade's lazy loader is gone; update this test"
    import bodymap

    for name, module in bodymap._LAZY.items():
        assert module.startswith("bodymap."), (name, module)
        assert name in bodymap.__all__, name


def _lint_imports() -> str:
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("import-linter is not installed (pip install -e .[dev])")
    return found


def test_the_import_contracts_are_kept():
    done = subprocess.run(
        [_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
