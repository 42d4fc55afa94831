"""Small geometry helpers shared by the chart, pattern and drawing models.

Everything here works on shapely 2 geometries in chart coordinates (centimetres, per view,
origin on the floor at the body midline, y up).  Mirroring across the midline is the same
operation in every view, ``x -> -x``, because each view's frame is centred on the midline.
No plotting library is imported here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

__all__ = ["from_geojson", "mirror", "to_geojson"]


def mirror(geometry: BaseGeometry) -> BaseGeometry:
    """Mirror a geometry across the body midline (``x -> -x``), keeping ring orientation."""
    mirrored = shapely.transform(geometry, lambda xy: xy * np.array([-1.0, 1.0]))
    return shapely.orient_polygons(mirrored) if hasattr(shapely, "orient_polygons") else mirrored


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
