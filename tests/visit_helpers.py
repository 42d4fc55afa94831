"""Shared helpers of the measure and track tests: drawings made of boxes, areas known by hand.

:func:`box` is one rectangle mark (chart cm, a view, any properties such as ``intensity``
or ``quality``); :func:`doc` a drawing document of such marks with ``bodymap`` metadata.
"""

from __future__ import annotations

from typing import Any


def box(
    x0: float, y0: float, x1: float, y1: float, view: str = "front", **props: Any
) -> dict[str, Any]:
    """A rectangular mark from ``(x0, y0)`` to ``(x1, y1)`` on ``view``, with ``props``."""
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {
        "type": "Feature",
        "properties": {"view": view, **props},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def doc(*features: dict[str, Any], **meta: Any) -> dict[str, Any]:
    """A drawing document of ``features`` with ``meta`` in its ``bodymap`` block."""
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, **meta},
        "features": list(features),
    }
