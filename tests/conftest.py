from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

import bodymap

# Property-based tests (tests/test_hostile_properties.py): a short run by default, many more
# examples with ``HYPOTHESIS_PROFILE=slow`` or when the slow tests are asked for
# (``pytest -m slow``).  Each example asserts its own time limit, so no deadline here.
settings.register_profile("default", max_examples=100, deadline=None, print_blob=True)
settings.register_profile("slow", max_examples=400, deadline=None, print_blob=True)


def pytest_configure(config: pytest.Config) -> None:
    asked = os.environ.get("HYPOTHESIS_PROFILE")
    slow = "slow" in (config.getoption("markexpr", "") or "").replace("not slow", "")
    settings.load_profile(asked or ("slow" if slow else "default"))


ROOT = Path(__file__).resolve().parent.parent


def _visible_entries() -> set[str]:
    return {name for name in os.listdir(ROOT) if not name.startswith(".")}


@pytest.fixture(autouse=True)
def _leaves_the_checkout_alone() -> Iterator[None]:
    """Fail a test that writes into the repository root (it should write under tmp_path)."""
    before = _visible_entries()
    yield
    added = _visible_entries() - before
    assert not added, f"the test wrote {sorted(added)} into {ROOT}; write under tmp_path"


@pytest.fixture(scope="session")
def chart() -> bodymap.Chart:
    return bodymap.load_chart()


@pytest.fixture(scope="session")
def iliopsoas() -> bodymap.Pattern:
    return bodymap.load_pattern("iliopsoas")


# The clinic app's real servers (uvicorn, SQLite, PostgreSQL) for the test_serve_* modules.
from serve_helpers import postgres, server, sqlite_server  # noqa: E402, F401
