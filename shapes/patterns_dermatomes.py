"""Dermatomes patterns (issue 12), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder`, adds the zones and markers
(``b.marker(...)``) and returns the pattern's metadata with its ``kind``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from make_patterns import Builder

#: The patterns of this module by name.
PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {}
