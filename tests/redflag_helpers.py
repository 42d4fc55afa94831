"""Drawings made of pattern zones, to test and measure the red-flag thresholds.

``tests/test_red_flags.py`` asserts with them and ``bench/bench_red_flags.py`` prints the
figures the thresholds of :mod:`bodymap.analysis.redflags` were chosen from: a drawing of a
pattern's essential zones, of the upper half of each of them, of its whole pattern.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import box

from bodymap.model.pattern import Pattern, Zone


def zone_drawing(
    zones: list[tuple[str, shapely.Geometry]], sex: str | None = None
) -> dict[str, Any]:
    """A drawing whose marks are the given ``(view, polygon)`` areas."""
    meta: dict[str, Any] = {"kind": "drawing", "version": 1, "chart": "adult"}
    if sex is not None:
        meta["sex"] = sex
    features = [
        {"type": "Feature", "properties": {"view": view},
         "geometry": shapely.geometry.mapping(geometry)}
        for view, geometry in zones
        if not geometry.is_empty
    ]  # fmt: skip
    return {"type": "FeatureCollection", "bodymap": meta, "features": features}


def upper_half(zone: Zone) -> shapely.Geometry:
    """The upper part of a zone holding half its area (cut by bisection on the height)."""
    geometry = zone.geometry
    x0, y0, x1, y1 = geometry.bounds
    low, high = y0, y1
    for _ in range(40):
        mid = (low + high) / 2
        if geometry.intersection(box(x0 - 1, mid, x1 + 1, y1 + 1)).area > geometry.area / 2:
            low = mid
        else:
            high = mid
    return geometry.intersection(box(x0 - 1, low, x1 + 1, y1 + 1))


def essential(pattern: Pattern) -> list[tuple[str, shapely.Geometry]]:
    return [(z.view, z.geometry) for z in pattern.zones(pattern.sides[0], kind="essential")]


def half_essential(pattern: Pattern) -> list[tuple[str, shapely.Geometry]]:
    return [(z.view, upper_half(z)) for z in pattern.zones(pattern.sides[0], kind="essential")]
