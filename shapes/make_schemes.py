#!/usr/bin/env python3
"""Generate the region-scheme files ``shapes/scheme-choir.json`` and ``shapes/scheme-wpi.json``.

**CHOIR.** The 74 CHOIR Body Map segments (outlines from the R package CHOIRBM, MIT licence,
in ``../shared/reference/choir-body-map/``: image pixels, y down) are registered onto the adult
chart (``shapes/chart-adult.json``: cm, y up) body part by body part: head and neck, trunk, each
arm, each leg.  For each part the CHOIR part (union of its segments) and the chart's part (union
of its regions) each get a frame - the part's centre, its long axis (vertical for the head, the
trunk and the legs; the principal axis for the arms, which CHOIR and the chart abduct by
different angles) and its extents along and across that axis - and a point maps from one part to
the other by its relative position in that frame.  The chart's outline is then labelled on a
0.2 cm raster: every cell takes the part of the chart region under it, is mapped into the CHOIR
image by that part's frames, and takes the CHOIR segment of the same part that holds that point
(the nearest one where CHOIR's figure is narrower than ours); stray islands are merged into the
neighbour they touch most.  The labelled cells, cut to the chart outline and smoothed with a
topology-preserving coverage simplification (the outline itself is kept), give segments that
tile each view's outline exactly: no gaps, no overlaps.  The same is done for the female
outlines, to check the female renumbering (each female segment, renumbered, must land on the
male segment of the same id).  The area agreement of the registration (the CHOIR segments
mapped forward, unclipped, against the chart outline) is printed.

**WPI.** The 19 areas of the Widespread Pain Index (Wolfe et al. 2010, 2016) are unions of chart
regions (the jaw: the lower part of the face region, below the cheekbone), each assigned to one
of the five ACR 2016 regions.

Usage:  python shapes/make_schemes.py [--choir DIR] [--preview out.png]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import sys
from collections import defaultdict

import numpy as np
import shapely
from scipy import ndimage
from shapely.geometry import MultiPolygon, Polygon, box

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from make_chart import sided_name  # noqa: E402  (this folder: the one rule for side words)

from bodymap.model.chart import load_chart  # noqa: E402

CHOIR_DIR = os.path.join(os.path.dirname(HERE), "..", "shared", "reference", "choir-body-map")
CELL = 0.2  # raster cell of the labelling, cm
SMOOTH = 0.25  # tolerance of the coverage simplification, cm
ISLAND = 4.0  # pieces of a segment smaller than this (cm²) are merged into a neighbour

# --- the CHOIR segments ----------------------------------------------------------------------
# code: (part, body area, English name without side, Dutch name without side).  The part and
# the names were read off the outlines (see docs/choir-scheme.png); the side of every segment
# is computed from its registered position, and the names are checked against the chart
# regions the segment covers most (``_check_names``).
CHOIR: dict[int, tuple[str, str, str, str]] = {
    101: ("head", "head-neck", "head (front)", "hoofd (voorzijde)"),
    103: ("head", "head-neck", "side of face", "gezichtshelft"),
    105: ("head", "head-neck", "neck (front)", "hals (voorzijde)"),
    107: ("trunk", "shoulder", "shoulder (front)", "schouder (voorzijde)"),
    108: ("trunk", "trunk", "chest", "borst"),
    111: ("arm", "arm", "upper arm (front)", "bovenarm (voorzijde)"),
    113: ("arm", "arm", "elbow (front)", "elleboog (voorzijde)"),
    115: ("arm", "arm", "forearm (front)", "onderarm (voorzijde)"),
    116: ("trunk", "trunk", "abdomen", "buik"),
    119: ("arm", "arm", "wrist (front)", "pols (voorzijde)"),
    120: ("trunk", "hip", "hip (front)", "heup (voorzijde)"),
    121: ("trunk", "hip", "groin", "lies"),
    125: ("arm", "hand", "hand (palm)", "hand (handpalm)"),
    126: ("leg", "thigh", "thigh (front)", "bovenbeen (voorzijde)"),
    129: ("leg", "thigh", "knee (front)", "knie (voorzijde)"),
    131: ("leg", "leg-foot", "lower leg (front)", "onderbeen (voorzijde)"),
    133: ("leg", "leg-foot", "ankle (front)", "enkel (voorzijde)"),
    135: ("leg", "leg-foot", "foot (top)", "voet (bovenzijde)"),
    201: ("head", "head-neck", "top of head (back)", "hoofd (achterzijde, boven)"),
    203: ("head", "head-neck", "back of head", "achterhoofd"),
    205: ("head", "head-neck", "neck (back)", "nek"),
    207: ("trunk", "shoulder", "shoulder (back)", "schouder (achterzijde)"),
    208: ("trunk", "shoulder", "upper back", "bovenrug"),
    211: ("arm", "arm", "upper arm (back)", "bovenarm (achterzijde)"),
    212: ("trunk", "trunk", "middle back", "middenrug"),
    215: ("arm", "arm", "elbow (back)", "elleboog (achterzijde)"),
    217: ("arm", "arm", "forearm (back)", "onderarm (achterzijde)"),
    218: ("trunk", "trunk", "lower back", "onderrug"),
    221: ("arm", "arm", "wrist (back)", "pols (achterzijde)"),
    222: ("trunk", "hip", "hip (back)", "heup (achterzijde)"),
    223: ("trunk", "hip", "buttock", "bil"),
    227: ("arm", "hand", "hand (back)", "hand (rugzijde)"),
    228: ("leg", "thigh", "thigh (back)", "bovenbeen (achterzijde)"),
    231: ("leg", "thigh", "back of knee", "knieholte"),
    233: ("leg", "leg-foot", "calf", "kuit"),
    235: ("leg", "leg-foot", "ankle (back)", "enkel (achterzijde)"),
    237: ("leg", "leg-foot", "heel", "hiel"),
}
#: The segment of the other side of each segment listed above (the pairs of CHOIR's figure).
PAIRS: dict[int, int] = {
    101: 102, 103: 104, 105: 106, 107: 110, 108: 109, 111: 112, 113: 114, 115: 118,
    116: 117, 119: 124, 120: 123, 121: 122, 125: 128, 126: 127, 129: 130, 131: 132,
    133: 134, 135: 136, 201: 202, 203: 204, 205: 206, 207: 210, 208: 209, 211: 214,
    212: 213, 215: 216, 217: 220, 218: 219, 221: 226, 222: 225, 223: 224, 227: 230,
    228: 229, 231: 232, 233: 234, 235: 236, 237: 238,
}  # fmt: skip
#: The female map's numbering of the front view, converted to the male numbering.
FEMALE_TO_MALE = {112: 116, 113: 117, 114: 112, 115: 113, 116: 114, 117: 115}

CHART_PART = {  # the chart's body areas, by registration part
    "head-neck": "head",
    "shoulder": "trunk",
    "trunk": "trunk",
    "hip": "trunk",
    "arm": "arm",
    "hand": "arm",
    "thigh": "leg",
    "leg-foot": "leg",
}

CREDIT = (
    "CHOIR Body Map segments: outlines from the R package CHOIRBM (Eric Cramer, Stanford "
    "University School of Medicine, MIT licence), registered onto the bodymap adult chart. "
    "CHOIR Body Map: Scherrer KH, Ziadni MS, Kong JT, et al. Development and validation of the "
    "Collaborative Health Outcomes Information Registry body map. PAIN Reports "
    "2021;6(1):e880. doi:10.1097/PR9.0000000000000880."
)
MIT = """MIT License

Copyright (c) 2021 Eric Cramer

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


def read_outlines(path: str) -> dict[int, Polygon]:
    """CHOIR segments of one file, flipped to y up (pixels)."""
    rings: dict[int, list[tuple[float, float]]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rings[int(row["id"])].append((float(row["x"]), -float(row["y"])))
    return {k: shapely.make_valid(Polygon(v)) for k, v in rings.items()}


def part_of_code(code: int) -> str:
    base = code if code in CHOIR else next(k for k, v in PAIRS.items() if v == code)
    return CHOIR[base][0]


class Frame:
    """A part's frame: centre, unit axis ``u`` (towards the distal end), across ``v``, extents."""

    def __init__(self, geom: Polygon | MultiPolygon, upright: bool) -> None:
        x0, y0, x1, y1 = geom.bounds
        xs, ys = np.meshgrid(np.arange(x0, x1, (x1 - x0) / 200), np.arange(y0, y1, (y1 - y0) / 200))
        inside = shapely.contains_xy(geom, xs, ys)
        pts = np.column_stack([xs[inside], ys[inside]])
        centre = pts.mean(axis=0)
        if upright:
            u = np.array([0.0, -1.0])
        else:
            w, vecs = np.linalg.eigh(np.cov((pts - centre).T))
            u = vecs[:, np.argmax(w)]
            if u[1] > 0:
                u = -u  # pointing down the limb
        v = np.array([-u[1], u[0]])
        a, b = (pts - centre) @ u, (pts - centre) @ v
        self.centre, self.u, self.v = centre, u, v
        self.a = (a.min(), a.max())
        self.b = (b.min(), b.max())

    def to_unit(self, xy: np.ndarray) -> np.ndarray:
        d = xy - self.centre
        a, b = d @ self.u, d @ self.v
        return np.column_stack(
            [(a - self.a[0]) / (self.a[1] - self.a[0]), (b - self.b[0]) / (self.b[1] - self.b[0])]
        )

    def from_unit(self, st: np.ndarray) -> np.ndarray:
        a = self.a[0] + st[:, 0] * (self.a[1] - self.a[0])
        b = self.b[0] + st[:, 1] * (self.b[1] - self.b[0])
        return self.centre + np.outer(a, self.u) + np.outer(b, self.v)


#: Joints whose levels are matched along a limb: CHOIR segments and chart region id prefixes.
JOINTS = {
    "elbow": ({113, 114, 215, 216}, "elbow-"),
    "wrist": ({119, 124, 221, 226}, "wrist-"),
    "knee": ({129, 130, 231, 232}, "knee-"),
    "ankle": ({133, 134, 235, 236}, "ankle-"),
}


class PartMap:
    """CHOIR part to chart part: both frames, and the joint levels matched along the axis."""

    def __init__(self, choir: Frame, chart: Frame, knots: list[tuple[float, float]]) -> None:
        self.choir, self.chart = choir, chart
        knots = sorted(knots)
        self.tc = np.array([0.0, *(k[0] for k in knots), 1.0])
        self.to = np.array([0.0, *(k[1] for k in knots), 1.0])

    def forward(self, xy: np.ndarray) -> np.ndarray:
        st = self.choir.to_unit(xy)
        st[:, 0] = np.interp(st[:, 0], self.tc, self.to, left=np.nan, right=np.nan)
        st[:, 0] = np.where(np.isnan(st[:, 0]), self.choir.to_unit(xy)[:, 0], st[:, 0])
        return self.chart.from_unit(st)

    def inverse(self, xy: np.ndarray) -> np.ndarray:
        st = self.chart.to_unit(xy)
        t = st[:, 0]
        st[:, 0] = np.where((t >= 0) & (t <= 1), np.interp(t, self.to, self.tc), t)
        return self.choir.from_unit(st)


def choir_parts(segments: dict[int, Polygon]) -> dict[tuple[str, str], list[int]]:
    """CHOIR codes by (part, side of the image: ``lo`` = viewer's left, ``hi``, ``mid``)."""
    head = shapely.union_all([segments[c] for c in segments if part_of_code(c) == "head"])
    mid_x = head.centroid.x
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for code, geom in segments.items():
        part = part_of_code(code)
        where = "mid" if part in ("head", "trunk") else ("lo" if geom.centroid.x < mid_x else "hi")
        out[(part, where)].append(code)
    return out


def chart_part_key(region: object) -> tuple[str, str]:
    part = CHART_PART[region.body_area]  # type: ignore[attr-defined]
    if part in ("head", "trunk"):
        return part, "mid"
    x = region.geometry.centroid.x  # type: ignore[attr-defined]
    return part, "lo" if x < 0 else "hi"


def register(
    segments: dict[int, Polygon], chart: object, view: str
) -> tuple[dict[int, Polygon], dict[str, float]]:
    """The CHOIR segments of one view registered onto the chart: a tiling of its outline."""
    outline = chart.outline(view)  # type: ignore[attr-defined]
    parts = choir_parts(segments)
    regions = chart.regions_in(view)  # type: ignore[attr-defined]
    ours: dict[tuple[str, str], list[Polygon]] = defaultdict(list)
    for r in regions:
        ours[chart_part_key(r)].append(r.geometry)
    maps = {}
    our_regions: dict[tuple[str, str], list[object]] = defaultdict(list)
    for r in regions:
        our_regions[chart_part_key(r)].append(r)
    for key, codes in parts.items():
        upright = key[0] != "arm"
        theirs = shapely.union_all([segments[c] for c in codes])
        f_choir, f_chart = Frame(theirs, upright), Frame(shapely.union_all(ours[key]), upright)
        knots = []
        for joint_codes, prefix in JOINTS.values():
            mine = [c for c in codes if c in joint_codes]
            chart_joint = [r for r in our_regions[key] if r.id.startswith(prefix)]  # type: ignore[attr-defined]
            if len(mine) == 1 and len(chart_joint) == 1:
                tc = f_choir.to_unit(np.array([segments[mine[0]].centroid.coords[0]]))[0, 0]
                to = f_chart.to_unit(np.array([chart_joint[0].geometry.centroid.coords[0]]))[0, 0]  # type: ignore[attr-defined]
                knots.append((tc, to))
        maps[key] = PartMap(f_choir, f_chart, knots)
    # Forward map of the CHOIR segments, for the agreement figures.
    mapped = []
    for key, codes in parts.items():
        for c in codes:
            ring = np.asarray(segments[c].exterior.coords)
            mapped.append(shapely.make_valid(Polygon(maps[key].forward(ring))))
    union = shapely.union_all(mapped)
    inter = union.intersection(outline).area
    stats = {
        "iou": inter / union.union(outline).area,
        "uncovered_cm2": outline.area - inter,
        "outside_cm2": union.area - inter,
        "overlap_cm2": sum(p.area for p in mapped) - union.area,
    }
    # Label the raster of the (slightly enlarged) outline.
    x0, y0, x1, y1 = outline.buffer(2 * CELL).bounds
    xs = np.arange(x0, x1, CELL) + CELL / 2
    ys = np.arange(y0, y1, CELL) + CELL / 2
    gx, gy = np.meshgrid(xs, ys)
    cover = shapely.intersects_xy(outline.buffer(1.5 * CELL), gx, gy)
    pts = np.column_stack([gx[cover], gy[cover]])
    # The chart part under every cell (the nearest region's, for cells just outside).
    geoms = np.array([r.geometry for r in regions], dtype=object)
    tree = shapely.STRtree(geoms)
    nearest = tree.query_nearest(shapely.points(pts), return_distance=False, all_matches=False)
    region_of = nearest[1][np.argsort(nearest[0])]
    keys = [chart_part_key(r) for r in regions]
    codes_all = sorted(segments)
    label = np.zeros(len(pts), dtype=np.int64)
    for key, codes in parts.items():
        mine = np.flatnonzero(np.array([keys[i] == key for i in region_of]))
        there = shapely.points(maps[key].inverse(pts[mine]))
        seg = np.array([segments[c] for c in codes], dtype=object)
        dist = shapely.distance(seg[None, :], there[:, None])
        label[mine] = np.array(codes)[np.argmin(dist, axis=1)]
    grid = np.zeros(gx.shape, dtype=np.int64)
    grid[cover] = label
    grid = _merge_islands(grid, codes_all)
    # Polygons: the runs of each row, unioned per code, cut to the outline.
    boxes: dict[int, list[Polygon]] = defaultdict(list)
    for r in range(grid.shape[0]):
        row = grid[r]
        edges = np.flatnonzero(np.diff(row, prepend=-1, append=-1))
        for a, b in itertools.pairwise(edges):
            if row[a]:
                boxes[int(row[a])].append(
                    box(x0 + a * CELL, y0 + r * CELL, x0 + b * CELL, y0 + (r + 1) * CELL)
                )
    cut = [shapely.intersection(shapely.union_all(boxes[c]), outline) for c in codes_all]
    cut = [_largest_first(g) for g in cut]
    smooth = shapely.coverage_simplify(np.array(cut, dtype=object), SMOOTH, simplify_boundary=False)
    smooth = shapely.set_precision(smooth, 0.001)
    return {c: g for c, g in zip(codes_all, smooth)}, stats


def _largest_first(geom: object) -> Polygon | MultiPolygon:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and p.area > 1e-6]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _merge_islands(grid: np.ndarray, codes: list[int]) -> np.ndarray:
    """Give every piece of a code but its largest to the neighbouring code it touches most."""
    min_cells = ISLAND / CELL**2
    for _ in range(3):
        changed = False
        for code in codes:
            lab, n = ndimage.label(grid == code)
            if n <= 1:
                continue
            sizes = ndimage.sum(np.ones_like(lab), lab, index=np.arange(1, n + 1))
            keep = int(np.argmax(sizes)) + 1
            for k in range(1, n + 1):
                if k == keep or sizes[k - 1] > 50 * min_cells:
                    continue
                piece = lab == k
                ring = ndimage.binary_dilation(piece) & ~piece
                around = grid[ring]
                around = around[(around != 0) & (around != code)]
                if len(around):
                    grid[piece] = np.bincount(around).argmax()
                    changed = True
        if not changed:
            break
    return grid


def side_of(view: str, geom: Polygon | MultiPolygon) -> str:
    x = geom.centroid.x
    if view == "front":
        return "left" if x > 0 else "right"
    return "left" if x < 0 else "right"


def _check_names(view: str, segs: dict[int, Polygon], chart: object) -> list[str]:
    """Each segment's body area must be that of the chart regions it covers most."""
    problems = []
    regions = chart.regions_in(view)  # type: ignore[attr-defined]
    for code, geom in segs.items():
        base = code if code in CHOIR else next(k for k, v in PAIRS.items() if v == code)
        area = CHOIR[base][1]
        share: dict[str, float] = defaultdict(float)
        for r in regions:
            share[r.body_area] += r.geometry.intersection(geom).area
        best = max(share, key=share.__getitem__)
        if CHART_PART[best] != CHART_PART[area]:
            problems.append(f"{code}: named {area!r}, lies mostly on {best!r}")
    return problems


def choir_features(chart: object, choir_dir: str) -> tuple[list[dict], dict[str, dict]]:
    features = []
    stats = {}
    registered: dict[str, dict[int, Polygon]] = {}
    for view in ("front", "back"):
        segs = read_outlines(os.path.join(choir_dir, f"male-{view}.csv"))
        assert len(segs) == (36 if view == "front" else 38), view
        reg, stats[view] = register(segs, chart, view)
        registered[view] = reg
        problems = _check_names(view, reg, chart)
        assert not problems, problems
        for code in sorted(reg):
            geom = reg[code]
            base = code if code in CHOIR else next(k for k, v in PAIRS.items() if v == code)
            _, area, en, nl = CHOIR[base]
            side = side_of(view, geom)
            other = PAIRS.get(code) or base
            assert side != side_of(view, reg[other]), (code, other)
            features.append(
                {
                    "type": "Feature",
                    "id": str(code),
                    "properties": {
                        "kind": "area",
                        "code": str(code),
                        "view": view,
                        "side": side,
                        "names": {
                            "en": sided_name("en", side, en),
                            "nl": sided_name("nl", side, nl),
                        },
                        "body_area": area,
                    },
                    "geometry": shapely.geometry.mapping(geom),
                }
            )
    # The female renumbering: each female segment, renumbered, lands on the same male segment.
    for view in ("front", "back"):
        segs = read_outlines(os.path.join(choir_dir, f"female-{view}.csv"))
        renumbered = {FEMALE_TO_MALE.get(c, c): g for c, g in segs.items()}
        reg, stats[f"female-{view}"] = register(renumbered, chart, view)
        for code, geom in reg.items():
            male = registered[view][code]
            share = geom.intersection(male).area / geom.area
            assert share > 0.5, f"female {view} {code}: only {share:.0%} on the male segment"
    return features, stats


# --- WPI -------------------------------------------------------------------------------------
#: (code, ACR 2016 region, en, nl, chart regions by view) - sides filled in below.
WPI_BILATERAL = [
    ("jaw", "upper", "jaw", "kaak", {"front": ["face"]}),
    (
        "shoulder-girdle",
        "upper",
        "shoulder girdle",
        "schoudergordel",
        {"front": ["shoulder-front"], "back": ["shoulder-back"]},
    ),
    (
        "upper-arm",
        "upper",
        "upper arm",
        "bovenarm",
        {"front": ["upper-arm-front"], "back": ["upper-arm-back"]},
    ),
    (
        "lower-arm",
        "upper",
        "lower arm",
        "onderarm",
        {
            "front": ["elbow-front", "forearm-front", "wrist-front"],
            "back": ["elbow-back", "forearm-back", "wrist-back"],
        },
    ),
    (
        "hip",
        "lower",
        "hip (buttock, trochanter)",
        "heup (bil, trochanter)",
        {"front": ["hip"], "back": ["hip-back", "buttock"]},
    ),
    (
        "upper-leg",
        "lower",
        "upper leg",
        "bovenbeen",
        {"front": ["thigh-front"], "back": ["thigh-back"]},
    ),
    (
        "lower-leg",
        "lower",
        "lower leg",
        "onderbeen",
        {
            "front": ["knee-front", "lower-leg-front", "ankle-front"],
            "back": ["knee-back", "lower-leg-back", "ankle-back"],
        },
    ),
]
WPI_AXIAL = [
    ("neck", "Neck", "Hals en nek", {"front": ["neck-front-left", "neck-front-right"],
                                     "back": ["neck-back-left", "neck-back-right"]}),
    ("upper-back", "Upper back", "Bovenrug", {"back": ["upper-back-left", "upper-back-right",
                                                       "middle-back-left", "middle-back-right"]}),
    ("lower-back", "Lower back", "Onderrug", {"back": ["lower-back-left", "lower-back-right",
                                                       "sacrum"]}),
    ("chest", "Chest", "Borst", {"front": ["chest-left", "chest-right"]}),
    ("abdomen", "Abdomen", "Buik", {"front": ["abdomen-left", "abdomen-right",
                                              "lower-abdomen-left", "lower-abdomen-right"]}),
]  # fmt: skip
#: The jaw: the face region below this height (cm), i.e. below the cheekbone.
JAW_TOP = 157.5
#: Areas that do not count for the generalized-pain criterion (ACR 2016).
NOT_GENERALIZED = ("jaw-left", "jaw-right", "chest", "abdomen")
WPI_REGIONS = {
    "left-upper": {"en": "Left upper region", "nl": "Linksboven"},
    "right-upper": {"en": "Right upper region", "nl": "Rechtsboven"},
    "left-lower": {"en": "Left lower region", "nl": "Linksonder"},
    "right-lower": {"en": "Right lower region", "nl": "Rechtsonder"},
    "axial": {"en": "Axial region", "nl": "Axiaal"},
}


def union_feature(
    chart: object, code: str, view: str, ids: list[str], props: dict, jaw: str | None = None
) -> dict:
    """The feature of an area that is the union of chart regions ``ids`` on ``view``.

    ``jaw``: keep only the part ``"below"`` or ``"above"`` y = JAW_TOP (the jaw, the face).
    """
    geom = shapely.union_all([chart.region(i).geometry for i in ids])  # type: ignore[attr-defined]
    if jaw == "below":
        geom = geom.intersection(box(-50, 0, 50, JAW_TOP))
    elif jaw == "above":
        geom = geom.difference(box(-50, 0, 50, JAW_TOP))
    geom = shapely.set_precision(geom, 0.001)
    return {
        "type": "Feature",
        "id": f"{code}:{view}",
        "properties": {"kind": "area", "code": code, "view": view, **props},
        "geometry": shapely.geometry.mapping(geom),
    }


def wpi_features(chart: object) -> list[dict]:
    features = []

    def add(code: str, group: str, side: str, en: str, nl: str, by_view: dict) -> None:
        for view, ids in by_view.items():
            props = {"side": side, "names": {"en": en, "nl": nl}, "group": group,
                     "generalized": code not in NOT_GENERALIZED}  # fmt: skip
            jaw = "below" if code.startswith("jaw") else None
            features.append(union_feature(chart, code, view, ids, props, jaw))

    for side in ("left", "right"):
        for code, level, en, nl, by_view in WPI_BILATERAL:
            ids = {v: [f"{r}-{side}" for r in rs] for v, rs in by_view.items()}
            add(
                f"{code}-{side}",
                f"{side}-{level}",
                side,
                sided_name("en", side, en),
                sided_name("nl", side, nl),
                ids,
            )
    for code, en, nl, by_view in WPI_AXIAL:
        add(code, "axial", "midline", en, nl, by_view)
    return features


# --- Michigan Body Map -----------------------------------------------------------------------
def both(*stems: str) -> dict[str, list[str]]:
    """Region stems on the front and the back view: ``stem-front``, ``stem-back``."""
    return {v: [f"{s}-{v}" for s in stems] for v in ("front", "back")}


#: The 35 areas of the Michigan Body Map (Brummett et al. 2016), with the keys of the REDCap
#: Image Map module's MBODY map (its ``data-key`` 0-34, kept as aliases; the areas are
#: written in key order): ({side: key}, code stem, English name, Dutch name, body area, chart
#: region stems by view).  Side "" is a midline area; a sided area's region stems get
#: "-left"/"-right".  The jaw is the face below JAW_TOP, the face the rest of the face and the
#: front of the head.  The instrument draws the shoulders, neck, hips and head on its back
#: figure only; here an area takes every view the body part shows on, so each view's areas
#: tile the chart (every chart region in exactly one area; the soles are in ankle/foot).
MICHIGAN_AREAS: list[tuple[dict[str, int], str, str, str, str, dict[str, list[str]]]] = [
    ({"": 0}, "face", "Face", "Gezicht", "head-neck",
     {"front": ["head-front-left", "head-front-right", "face-left", "face-right"]}),
    ({"right": 1, "left": 2}, "jaw", "jaw", "kaak", "head-neck", {"front": ["face"]}),
    ({"right": 3, "left": 4}, "chest", "chest/breast", "borst", "trunk", {"front": ["chest"]}),
    ({"right": 5, "left": 6}, "upper-arm", "upper arm", "bovenarm", "arm", both("upper-arm")),
    ({"right": 7, "left": 8}, "elbow", "elbow", "elleboog", "arm", both("elbow")),
    ({"right": 9, "left": 10}, "lower-arm", "lower arm", "onderarm", "arm", both("forearm")),
    ({"right": 11, "left": 12}, "wrist-hand", "wrist/hand", "pols/hand", "hand",
     both("wrist", "hand")),
    ({"": 13}, "abdomen", "Abdomen", "Buik", "trunk",
     {"front": ["abdomen-left", "abdomen-right"]}),
    ({"": 14}, "pelvis", "Pelvis", "Bekken", "hip",
     {"front": ["lower-abdomen-left", "lower-abdomen-right", "pubic"]}),
    ({"right": 15, "left": 16}, "groin", "groin", "lies", "hip", {"front": ["groin"]}),
    ({"right": 17, "left": 18}, "upper-leg", "upper leg", "bovenbeen", "thigh", both("thigh")),
    ({"right": 19, "left": 20}, "knee", "knee", "knie", "thigh", both("knee")),
    ({"right": 21, "left": 22}, "lower-leg", "lower leg", "onderbeen", "leg-foot",
     both("lower-leg")),
    ({"right": 23, "left": 24}, "ankle-foot", "ankle/foot", "enkel/voet", "leg-foot",
     {**both("ankle", "foot"), "sole": ["sole"]}),
    ({"": 25}, "head", "Head (back)", "Achterhoofd", "head-neck",
     {"back": ["head-back-left", "head-back-right"]}),
    ({"": 26}, "neck", "Neck", "Hals en nek", "head-neck",
     {v: [f"neck-{v}-left", f"neck-{v}-right"] for v in ("front", "back")}),
    ({"left": 27, "right": 28}, "shoulder", "shoulder", "schouder", "shoulder", both("shoulder")),
    ({"": 29}, "upper-back", "Upper back", "Bovenrug", "trunk",
     {"back": ["upper-back-left", "upper-back-right", "middle-back-left",
               "middle-back-right"]}),
    ({"": 30}, "lower-back", "Lower back", "Onderrug", "trunk",
     {"back": ["lower-back-left", "lower-back-right", "sacrum"]}),
    ({"left": 31, "right": 32}, "hip", "hip", "heup", "hip",
     {"front": ["hip"], "back": ["hip-back"]}),
    ({"left": 33, "right": 34}, "buttock", "buttock", "bil", "hip", {"back": ["buttock"]}),
]  # fmt: skip
#: The areas one by one in key order: (key, code stem, side, en, nl, body area, regions).
MICHIGAN = sorted(
    (key, stem, side, en, nl, area, by_view)
    for keys, stem, en, nl, area, by_view in MICHIGAN_AREAS
    for side, key in keys.items()
)
MICHIGAN_SOURCES = [
    "Brummett CM, Bakshi RR, Goesling J, et al. Preliminary validation of the Michigan Body "
    "Map. Pain 2016;157(6):1205-1212. doi:10.1097/j.pain.0000000000000506.",
    "REDCap Image Map external module (ctsit/imagemap), maps/mbody.html (commit "
    "d187e113c5d94e2c5db99be6772f7fcefc86582e): the 35 area names and their data-key 0-34.",
]
MICHIGAN_CREDIT = (
    "Michigan Body Map areas (Brummett et al., Pain 2016;157:1205-1212), drawn as unions of the "
    "bodymap adult chart's own regions; the Michigan Body Map figure itself (University of "
    "Michigan, Division of Pain Research) is not used."
)


def michigan_features(chart: object) -> tuple[list[dict], dict[str, str]]:
    """The Michigan Body Map areas as unions of chart regions, and the key -> code aliases."""
    features = []
    aliases = {}
    used: dict[str, list[str]] = defaultdict(list)
    for key, stem, side, en, nl, body_area, by_view in MICHIGAN:
        code = f"{stem}-{side}" if side else stem
        aliases[str(key)] = code
        names = (
            {"en": sided_name("en", side, en), "nl": sided_name("nl", side, nl)}
            if side
            else {"en": en, "nl": nl}
        )
        for view, stems in by_view.items():
            ids = [f"{s}-{side}" for s in stems] if side else stems
            used[view] += [i for i in ids if not i.startswith("face-")] if stem == "face" else ids
            props = {"side": side or "midline", "names": names, "body_area": body_area}
            jaw = {"jaw": "below", "face": "above"}.get(stem)
            features.append(union_feature(chart, code, view, ids, props, jaw))
    # Every chart region lies in exactly one area (the face regions: in the face and a jaw).
    for view in chart.views:  # type: ignore[attr-defined]
        ids = sorted(r.id for r in chart.regions_in(view))  # type: ignore[attr-defined]
        assert sorted(used[view]) == ids, (view, set(ids) ^ set(used[view]))
    assert len(aliases) == 35, len(aliases)
    return features, aliases


def write(path: str, doc: dict) -> None:
    lines = [json.dumps({k: v for k, v in doc.items() if k != "features"}, ensure_ascii=False)[:-1]]
    feats = ",\n".join(
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in doc["features"]
    )
    text = lines[0] + ',"features":[\n' + feats + "\n]}\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def _round(obj: object) -> object:
    if isinstance(obj, float):
        return round(obj, 3)
    if isinstance(obj, (list, tuple)):
        return [_round(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--choir", default=CHOIR_DIR, help="folder of the CHOIR outlines")
    parser.add_argument("--preview", help="also draw the CHOIR segments over the chart (PNG)")
    parser.add_argument(
        "--michigan-preview", help="also draw the Michigan Body Map areas over the chart (PNG)"
    )
    args = parser.parse_args()
    chart = load_chart(os.path.join(HERE, "chart-adult.json"))
    choir, stats = choir_features(chart, args.choir)
    agreement = {
        view: {k: round(v, 4 if k == "iou" else 1) for k, v in s.items()}
        for view, s in stats.items()
    }
    write(
        os.path.join(HERE, "scheme-choir.json"),
        {
            "type": "FeatureCollection",
            "bodymap": {
                "kind": "scheme",
                "version": 1,
                "name": "choir",
                "title": {"en": "CHOIR Body Map", "nl": "CHOIR-lichaamskaart"},
                "chart": "adult",
                "generator": "shapes/make_schemes.py",
                "method": "per body part (head and neck, trunk, each arm, each leg), the CHOIR "
                "segments are mapped by the part's frame (centre, axis, extents) onto the chart's "
                "part; the chart outline is labelled on a 0.2 cm raster and the labels smoothed "
                "by a coverage simplification, so the segments of each view tile the outline",
                "registration": agreement,
                "credit": CREDIT,
                "licence": MIT,
                "sources": [
                    "Scherrer KH, Ziadni MS, Kong JT, et al. Development and validation of the "
                    "Collaborative Health Outcomes Information Registry body map. PAIN Reports "
                    "2021;6(1):e880. doi:10.1097/PR9.0000000000000880.",
                    "Cramer E. CHOIRBM: Plotting the CHOIR Body Map (R package), file "
                    "R/sysdata.rda. MIT licence, 2021.",
                ],
                "aliases": {
                    **{f"f{i:02d}": str(100 + i) for i in range(1, 37)},
                    **{f"b{i:02d}": str(200 + i) for i in range(1, 39)},
                },
                "renumbering": {"female": {str(k): str(v) for k, v in FEMALE_TO_MALE.items()}},
            },
            "features": _round(choir),
        },
    )
    write(
        os.path.join(HERE, "scheme-wpi.json"),
        {
            "type": "FeatureCollection",
            "bodymap": {
                "kind": "scheme",
                "version": 1,
                "name": "wpi",
                "title": {"en": "Widespread Pain Index", "nl": "Widespread Pain Index"},
                "chart": "adult",
                "generator": "shapes/make_schemes.py",
                "method": "each of the 19 areas is a union of chart regions (both views where the "
                "area has a front and a back); the jaw is the face region below y = "
                f"{JAW_TOP} cm; elbow and wrist go with the lower arm, knee and ankle with the "
                "lower leg; hands, feet, groin and head are not WPI areas",
                "groups": WPI_REGIONS,
                "sources": [
                    "Wolfe F, Clauw DJ, Fitzcharles MA, et al. The American College of "
                    "Rheumatology preliminary diagnostic criteria for fibromyalgia and "
                    "measurement of symptom severity. Arthritis Care Res 2010;62(5):600-610.",
                    "Wolfe F, Clauw DJ, Fitzcharles MA, et al. 2016 Revisions to the 2010/2011 "
                    "fibromyalgia diagnostic criteria. Semin Arthritis Rheum 2016;46(3):319-329.",
                ],
            },
            "features": _round(wpi_features(chart)),
        },
    )
    michigan, aliases = michigan_features(chart)
    write(
        os.path.join(HERE, "scheme-michigan.json"),
        {
            "type": "FeatureCollection",
            "bodymap": {
                "kind": "scheme",
                "version": 1,
                "name": "michigan",
                "title": {"en": "Michigan Body Map", "nl": "Michigan Body Map"},
                "chart": "adult",
                "generator": "shapes/make_schemes.py",
                "method": "each of the 35 areas is a union of chart regions (both views where the "
                "body part shows on both); the jaw is the face region below y = "
                f"{JAW_TOP} cm (as the WPI's), the face the rest of the face and the front of "
                "the head; the areas of each view tile the chart's regions",
                "credit": MICHIGAN_CREDIT,
                "sources": MICHIGAN_SOURCES,
                "aliases": aliases,
            },
            "features": _round(michigan),
        },
    )
    for view, s in agreement.items():
        print(f"{view}: " + ", ".join(f"{k} {v}" for k, v in s.items()))
    if args.preview:
        preview(chart, choir, args.preview)
    if args.michigan_preview:
        labels = {code: key for key, code in aliases.items()}
        legend = [
            f"{key:>2}  {f['properties']['names']['en']}"
            for key, f in (
                (k, next(x for x in michigan if x["properties"]["code"] == c))
                for k, c in aliases.items()
            )
        ]
        preview(
            chart,
            michigan,
            args.michigan_preview,
            title="Michigan Body Map areas drawn on the bodymap adult chart",
            footer="Areas: Brummett et al., Pain 2016;157:1205-1212; numbers: data-key of the "
            "REDCap Image Map module's MBODY map (aliases of the codes).",
            label=labels,
            legend=legend,
        )


def preview(
    chart: object,
    features: list[dict],
    out: str,
    title: str = "CHOIR Body Map segments registered onto the bodymap adult chart",
    footer: str = "Segment outlines: CHOIRBM (E. Cramer, Stanford, MIT licence); CHOIR "
    "Body Map: Scherrer et al., PAIN Reports 2021;6:e880.",
    label: dict[str, str] | None = None,
    legend: list[str] | None = None,
) -> None:
    """The areas over the chart outline, each with its code or ``label`` (matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from shapely.geometry import shape

    width = 16 if legend else 12
    fig, axes = plt.subplots(
        1,
        3 if legend else 2,
        figsize=(width, 11.5),
        gridspec_kw={"width_ratios": [1, 1, 0.55] if legend else [1, 1]},
    )
    colours = plt.get_cmap("tab20").colors
    order = {c: i for i, c in enumerate(dict.fromkeys(f["properties"]["code"] for f in features))}
    for ax, view in zip(axes, ("front", "back")):
        for f in (x for x in features if x["properties"]["view"] == view):
            code = f["properties"]["code"]
            geom = shape(f["geometry"])
            for part in shapely.get_parts(geom):
                xs, ys = part.exterior.xy
                ax.fill(xs, ys, color=colours[order[code] % 20], alpha=0.55, lw=0)
                ax.plot(xs, ys, color="#333333", lw=0.5)
            pt = geom.representative_point() if geom.area < 60 else geom.centroid
            if not geom.contains(pt):
                pt = geom.representative_point()
            size = 7 if geom.area > 40 else 5.5
            text = label.get(code, code) if label else code
            ax.text(pt.x, pt.y, text, ha="center", va="center", fontsize=size + (1 if label else 0))
        ox, oy = chart.outline(view).exterior.xy  # type: ignore[attr-defined]
        ax.plot(ox, oy, color="black", lw=1.0)
        side = (
            "patient's right | patient's left"
            if view == "front"
            else ("patient's left | patient's right")
        )
        ax.set_title(f"{view} view ({side})", fontsize=10)
        ax.set_aspect("equal")
        ax.axis("off")
    if legend:
        axes[2].axis("off")
        axes[2].text(
            0.0,
            0.98,
            "\n".join(legend),
            va="top",
            ha="left",
            fontsize=9,
            family="monospace",
            transform=axes[2].transAxes,
        )
    fig.suptitle(title, fontsize=12)
    fig.text(0.5, 0.02, footer, ha="center", fontsize=8)
    fig.savefig(out, dpi=110, bbox_inches="tight")


if __name__ == "__main__":
    main()
