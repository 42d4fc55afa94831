"""Shared helpers of the atlas tests: the pattern generator, its landmarks, zone unions.

The generator (``shapes/make_patterns.py``) registers the regional modules itself
(``patterns_lower``, ``patterns_arm``, ...); :func:`regional` returns one of them.
:func:`landmark` is the chart's landmark, else the generator's pending one.
"""

from __future__ import annotations

import importlib
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

import bodymap

SHAPES = Path(__file__).resolve().parents[1] / "shapes"


@cache
def generator() -> ModuleType:
    """``shapes/make_patterns.py``, imported once (it registers the regional modules)."""
    sys.path.insert(0, str(SHAPES))
    try:
        return importlib.import_module("make_patterns")
    finally:
        sys.path.remove(str(SHAPES))


def regional(name: str) -> ModuleType:
    """A regional pattern module, e.g. ``"patterns_neck"``, as the generator imported it."""
    generator()
    return sys.modules[name]


@cache
def landmark(view: str, name: str) -> tuple[float, float]:
    """The chart's landmark, else the generator's pending one."""
    found = generator().landmark(bodymap.load_chart().landmarks, view, name)
    return (found.x, found.y)


def point(view: str, name: str, dx: float = 0.0, dy: float = 0.0) -> Point:
    """A landmark shifted by ``(dx, dy)`` cm."""
    x, y = landmark(view, name)
    return Point(x + dx, y + dy)


def zones(name: str, view: str, kind: str | None = None) -> BaseGeometry:
    """The union of a pattern's left-side zones on one view (of one kind)."""
    p = bodymap.load_pattern(name)
    geoms = [z.geometry for z in p.zones("left", view, kind)]
    return shapely.union_all(geoms) if geoms else Polygon()


def zone(name: str, base_id: str) -> bodymap.Zone:
    """The left-side zone of a pattern with the file id ``base_id``."""
    (found,) = [z for z in bodymap.load_pattern(name).zones("left") if z.base_id == base_id]
    return found
