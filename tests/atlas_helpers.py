"""Shared helpers of the atlas tests: the pattern generator, its landmarks, zone unions.

The generator (``shapes/make_patterns.py``) registers the regional modules itself
(``patterns_lower``, ``patterns_arm``, ...); :func:`regional` returns one of them.
:func:`landmark` is the chart's landmark, else the generator's pending one.  The muscle
patterns of each region (:data:`LOWER`, :data:`ARM`, ...) and :func:`drawing_of`, a drawing
of a pattern's essential zones, are shared by the library and regional tests.
"""

from __future__ import annotations

import importlib
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import shapely
from shapely.geometry import Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

import bodymap

SHAPES = Path(__file__).resolve().parents[1] / "shapes"

#: The first fifteen patterns (low back, hip and thigh).
ORIGINAL = (
    "iliopsoas",
    "quadratus-lumborum",
    "gluteus-medius",
    "gluteus-minimus",
    "gluteus-maximus",
    "piriformis",
    "adductor-longus-brevis",
    "pectineus",
    "rectus-femoris",
    "vastus-medialis",
    "tensor-fasciae-latae",
    "hamstrings",
    "iliocostalis-lumborum",
    "multifidus",
    "rectus-abdominis-lower",
)
#: Trunk, thigh, knee, leg and foot patterns.
LOWER = (
    "iliocostalis-thoracis",
    "longissimus-thoracis",
    "external-oblique",
    "vastus-lateralis",
    "vastus-intermedius",
    "adductor-magnus",
    "gracilis",
    "sartorius",
    "popliteus",
    "gastrocnemius",
    "soleus",
    "tibialis-anterior",
    "tibialis-posterior",
    "peroneus-longus-brevis",
    "extensor-digitorum-longus",
    "flexor-digitorum-longus",
    "abductor-hallucis",
)
#: Arm, forearm and hand patterns.
ARM = (
    "biceps-brachii",
    "triceps-brachii",
    "brachialis",
    "brachioradialis",
    "extensor-carpi-radialis-longus",
    "extensor-digitorum",
    "supinator",
    "wrist-finger-flexors",
    "first-dorsal-interosseous",
)
#: Head and neck patterns.
NECK = (
    "upper-trapezius",
    "sternocleidomastoid",
    "splenius-capitis",
    "splenius-cervicis",
    "semispinalis-capitis",
    "suboccipital-muscles",
    "levator-scapulae",
    "scalenes",
    "masseter",
    "temporalis",
)
#: Shoulder and upper-back patterns.
SHOULDER = (
    "middle-trapezius",
    "lower-trapezius",
    "rhomboids",
    "supraspinatus",
    "infraspinatus",
    "teres-minor",
    "teres-major",
    "subscapularis",
    "deltoid",
    "latissimus-dorsi",
    "serratus-anterior",
    "serratus-posterior-superior",
    "pectoralis-major",
    "pectoralis-minor",
)
LIBRARY = ORIGINAL + LOWER + ARM + NECK + SHOULDER


def drawing_of(*names: str) -> dict:
    """A pain drawing whose marks are the essential zones of ``names``, each on its drawn
    side (``left``, or ``both`` for a bilateral pattern)."""
    features = [
        {"type": "Feature", "properties": {"view": z.view}, "geometry": mapping(z.geometry)}
        for name in names
        for p in [bodymap.load_pattern(name)]
        for z in p.zones(p.sides[0], kind="essential")
    ]
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, "chart": "adult"},
        "features": features,
    }


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
