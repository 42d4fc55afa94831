"""Shared helpers of the cohort tests: the example generator's synthetic drawings as JSON Lines.

The generator (``examples/cohort/generate.py``) is imported once; :func:`synthetic_docs` gives
its seeded drawings as plain JSON documents and :func:`write_jsonl` writes them one per line.
:func:`near_threshold_docs` gives drawings made to lie at the thresholds of the region rules:
squares whose marked area in an area of a scheme, or in a chart region, is the area's
threshold plus or minus a little (``bench/bench_agreement.py`` uses them too).
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

import numpy as np
import shapely

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


def _square(x: float, y: float, side: float) -> shapely.Polygon:
    return shapely.box(x - side / 2, y - side / 2, x + side / 2, y + side / 2)


def _square_doc(view: str, square: shapely.Polygon, subject: str) -> dict[str, Any]:
    ring = [[float(x), float(y)] for x, y in square.exterior.coords]
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, "chart": "adult", "subject": subject},
        "features": [
            {
                "type": "Feature",
                "properties": {"view": view, "intensity": 5},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }


def _shifted(part: Any, x: float, y: float, side: float, target: float) -> float | None:
    """The shift ``t`` along +x with ``area(square(x + t, y) ∩ part) == target`` (bisection)."""
    lo, hi = 0.0, 2.0 * side
    while shapely.area(shapely.intersection(_square(x + hi, y, side), part)) > target:
        hi *= 2.0
        if hi > 200.0:
            return None
    if shapely.area(shapely.intersection(_square(x + lo, y, side), part)) < target:
        return None
    for _ in range(48):
        mid = 0.5 * (lo + hi)
        if shapely.area(shapely.intersection(_square(x + mid, y, side), part)) > target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def near_threshold_docs(
    schemes: tuple[str, ...] = ("wpi", "choir"),
    offsets: tuple[float, ...] = (-0.05, -1e-3, 1e-3, 0.05),
    regions: int = 24,
) -> list[dict[str, Any]]:
    """Drawings of one square each whose marked area sits at a threshold, plus ``offsets``.

    For every area of each scheme (clipped to the body) a square inside it and a square
    across its edge mark ``min(10 % of the area, 5 cm²) + offset`` of it; for the first
    ``regions`` chart regions a square across the region's edge marks ``AREA_EPS`` (the
    least area that touches a region) times 0.5, 1.5 and 1.001.
    """
    from bodymap.analysis.measures import MIN_AREA_CM2, MIN_SHARE
    from bodymap.core.geometry import AREA_EPS
    from bodymap.model.chart import load_chart
    from bodymap.model.scheme import load_scheme

    chart = load_chart("adult")
    out: list[dict[str, Any]] = []
    for name in schemes:
        scheme = load_scheme(name, chart=chart)
        for a in scheme.areas:
            need = min(MIN_SHARE * a.area, MIN_AREA_CM2)
            view, part = next(iter(a.parts.items()))
            part = shapely.intersection(part, chart.outline(view))
            inner = part.buffer(-2.0)
            x, y = (inner if not inner.is_empty else part).representative_point().coords[0]
            for k, offset in enumerate(offsets):
                side = float(np.sqrt(need + offset))
                if shapely.covers(part, _square(x, y, side)):
                    out.append(_square_doc(view, _square(x, y, side), f"in-{name}-{a.code}-{k}"))
                t = _shifted(part, x, y, 4.0, need + offset)
                if t is not None:
                    square = _square(x + t, y, 4.0)
                    out.append(_square_doc(view, square, f"edge-{name}-{a.code}-{k}"))
    for region in chart.regions[:regions]:
        geom = region.geometry
        x, y = geom.representative_point().coords[0]
        for k, factor in enumerate((0.5, 1.5, 1.001)):
            t = _shifted(geom, x, y, 1.0, factor * AREA_EPS)
            if t is not None:
                square = _square(x + t, y, 1.0)
                out.append(_square_doc(region.view, square, f"region-{region.id}-{k}"))
    return out


def library_answer(doc: dict[str, Any] | str) -> dict[str, Any]:
    """What the one-drawing library says of a drawing (a document or its JSON text).

    The classifications the cohort table must repeat exactly: the chart regions marked, the
    CHOIR codes, the WPI and generalized pain, and the widespread-pain criteria.
    """
    import bodymap
    from bodymap.analysis.criteria import criteria

    drawing = bodymap.load_drawing(json.loads(doc) if isinstance(doc, str) else doc)
    spread = bodymap.widespread(drawing)
    judged = criteria(drawing)
    return {
        "regions": ";".join(r.id for r, _ in drawing.marked_regions()),
        "choir": ";".join(s.code for s in bodymap.codes(drawing, "choir")),
        "wpi": spread.wpi,
        "generalized": spread.generalized,
        "acr1990_widespread": judged.acr1990_widespread,
        "manchester_widespread": judged.manchester_widespread,
    }
