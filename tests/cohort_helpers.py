"""Shared helpers of the cohort tests: the example generator's synthetic drawings as JSON Lines.

The generator (``examples/cohort/generate.py``) is imported once; :func:`synthetic_docs` gives
its seeded drawings as plain JSON documents and :func:`write_jsonl` writes them one per line.
:func:`region_doc` makes a drawing that marks whole chart regions, so which drawing marks
which region is known exactly.
"""

from __future__ import annotations

import importlib
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "cohort"


@cache
def _generator() -> ModuleType:
    sys.path.insert(0, str(EXAMPLES))
    try:
        return importlib.import_module("generate")
    finally:
        sys.path.remove(str(EXAMPLES))


def synthetic_docs(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` seeded synthetic drawings, as parsed from their JSON text."""
    return [json.loads(json.dumps(d)) for d in _generator().synthetic_drawings(n, seed)]


@cache
def _views() -> dict[str, str]:
    import bodymap

    return {r.id: r.view for r in bodymap.load_chart().regions}


def region_doc(subject: str, regions: list[str], **meta: Any) -> dict[str, Any]:
    """A drawing of ``subject`` marking the chart ``regions`` whole, with ``bodymap`` ``meta``."""
    features = [
        {"type": "Feature", "properties": {"view": _views()[r], "region": r}, "geometry": None}
        for r in regions
    ]
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, "subject": subject, **meta},
        "features": features,
    }


def write_jsonl(path: Path, docs: list[dict[str, Any]]) -> Path:
    """Write ``docs`` to ``path`` as JSON Lines and return the path."""
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path
