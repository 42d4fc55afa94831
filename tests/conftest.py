from __future__ import annotations

import pytest

import bodymap


@pytest.fixture(scope="session")
def chart() -> bodymap.Chart:
    return bodymap.load_chart()


@pytest.fixture(scope="session")
def iliopsoas() -> bodymap.Pattern:
    return bodymap.load_pattern("iliopsoas")
