"""Rules the test suite keeps: no clock in an assertion, no test module importing another.

Speed is measured by the ``bench/`` scripts, which print figures; a test that asserts a wall
time fails on a busy machine and passes on a fast one, whatever the code does.  Helpers shared
by several test modules live in the ``*_helpers.py`` modules or ``conftest.py``, so that each
test module can run, and be collected by a parallel worker, on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
#: Clock readings (``time.perf_counter()``, ...) a test must not use.
CLOCKS = ("perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "process_time", "time")


def _test_modules() -> list[Path]:
    return sorted(TESTS.glob("test_*.py"))


def _clock_reads(tree: ast.AST) -> list[int]:
    """Lines that call ``time.<clock>()`` or a clock imported from :mod:`time`."""
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "time"
        for alias in node.names
        if alias.name in CLOCKS
    }
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in CLOCKS
            and isinstance(func.value, ast.Name)
            and func.value.id == "time"
        ) or (isinstance(func, ast.Name) and func.id in imported):
            lines.append(node.lineno)
    return lines


def _test_module_imports(tree: ast.AST) -> list[str]:
    """Names of test modules (``test_*``, ``tests.*``) that ``tree`` imports."""
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] == "tests" or n.startswith("test_")]
    return found


def test_no_test_reads_a_clock():
    found = [
        f"{path.name}:{line}"
        for path in _test_modules()
        for line in _clock_reads(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, f"time it in a bench/ script instead: {found}"


def test_no_test_module_imports_another():
    found = {
        path.name: names
        for path in _test_modules()
        if (names := _test_module_imports(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert not found, f"move the shared helpers into a *_helpers.py module: {found}"


def test_the_checks_see_what_they_forbid():
    clocked = ast.parse(
        "import time\nfrom time import monotonic as m\n"
        "t = time.perf_counter()\nm()\ntime.sleep(0)\n"
    )
    assert _clock_reads(clocked) == [3, 4]
    imports = ast.parse("import test_x as lib\nfrom tests.test_y import z\nimport atlas_helpers\n")
    assert _test_module_imports(imports) == ["test_x", "tests.test_y"]
