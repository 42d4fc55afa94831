"""Small geometry helpers shared by every layer.

Everything here works on shapely 2 geometries in chart coordinates (centimetres, per view,
origin on the floor at the body midline, y up).  Mirroring across the midline is the same
operation in every view, ``x -> -x``, because each view's frame is centred on the midline.
No plotting library is imported here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

__all__ = ["AREA_EPS", "EMPTY", "Polygonal", "from_geojson", "mirror", "polygonal", "to_geojson"]

Polygonal = Polygon | MultiPolygon
#: The empty polygon.
EMPTY = Polygon()
#: Areas below this (cm², a hundredth of a square millimetre) count as zero: chart polygons
#: are snapped to a 0.01 cm grid and differ by such slivers.
AREA_EPS = 1e-4


def mirror(geometry: BaseGeometry) -> BaseGeometry:
    """Mirror a geometry across the body midline (``x -> -x``), keeping ring orientation."""
    mirrored = shapely.transform(geometry, lambda xy: xy * np.array([-1.0, 1.0]))
    return shapely.orient_polygons(mirrored) if hasattr(shapely, "orient_polygons") else mirrored


def polygonal(geometry: BaseGeometry) -> Polygonal:
    """The polygonal part of a geometry (lines and points left by a repair are dropped)."""
    if isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    parts = [
        p for p in shapely.get_parts(geometry) if isinstance(p, (Polygon, MultiPolygon)) and p.area
    ]
    if not parts:
        return EMPTY
    merged = shapely.union_all(parts)
    return merged if isinstance(merged, (Polygon, MultiPolygon)) else EMPTY


def from_geojson(obj: dict[str, Any]) -> BaseGeometry:
    """Make a shapely geometry from a GeoJSON geometry object."""
    return shape(obj)


def _round_coords(coords: Any, ndigits: int) -> Any:
    if isinstance(coords, (tuple, list)):
        if coords and isinstance(coords[0], (int, float)):
            return [round(float(c), ndigits) for c in coords]
        return [_round_coords(c, ndigits) for c in coords]
    return coords


def to_geojson(geometry: BaseGeometry, ndigits: int = 2) -> dict[str, Any]:
    """Return a GeoJSON geometry object with coordinates rounded to ``ndigits`` decimals."""
    mapping = shapely.geometry.mapping(geometry)
    if "coordinates" in mapping:
        mapping = {
            "type": mapping["type"],
            "coordinates": _round_coords(mapping["coordinates"], ndigits),
        }
    return dict(mapping)
