"""Generate bodymap's referral-pattern files (shapes/pattern-*.json) from simple shapes.

Every zone is drawn in our own geometry from published *textual* descriptions of the
pattern — never traced from a figure: bands, ellipses and rounded strips placed by the chart's
anatomical landmarks, then clipped to the body outline of their view (shrunk by a hair so
the zone lies strictly inside).  Zones of one pattern are kept disjoint (an essential zone
is cut out of the spillover around it).  Each pattern is drawn for the patient's LEFT side;
bodymap mirrors it for the right.  Remember the frame: front view patient-left is x > 0,
back view patient-left is x < 0.

Run ``python shapes/make_patterns.py`` after changing a pattern or the chart; output is
deterministic.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import shapely
from shapely import affinity
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.geometry.base import BaseGeometry

HERE = Path(__file__).resolve().parent
CHART = HERE / "chart-adult.json"
INSET = 0.15  # cm kept between a zone and the body outline

METHOD = (
    "Zones drawn in bodymap's own geometry from the textual descriptions in the sources "
    "(not traced from any figure): simple bands, ellipses and strips placed by anatomical "
    "landmarks of the adult chart and clipped to its body outline, by shapes/make_patterns.py."
)

TS_VOL2 = (
    "Travell JG, Simons DG. Myofascial Pain and Dysfunction: The Trigger Point Manual. "
    "Vol. 2: The Lower Extremities. Baltimore: Williams & Wilkins; 1992."
)
TS_3RD = (
    "Donnelly JM, Fernández-de-las-Peñas C, Finnegan M, Freeman JL, eds. Travell, Simons & "
    "Simons' Myofascial Pain and Dysfunction: The Trigger Point Manual. 3rd ed. "
    "Philadelphia: Wolters Kluwer; 2019."
)


def load_chart() -> dict[str, Any]:
    doc = json.loads(CHART.read_text(encoding="utf-8"))
    outlines = {}
    regions = {}
    for f in doc["features"]:
        geom = shape(f["geometry"])
        if f["properties"]["kind"] == "outline":
            outlines[f["properties"]["view"]] = geom
        else:
            regions[f["id"]] = geom
    landmarks = doc["bodymap"].get("landmarks", {})
    return {"outline": outlines, "region": regions, "landmarks": landmarks}


class Landmark(NamedTuple):
    """A chart landmark (cm, in the frame of its view)."""

    x: float
    y: float

    def at(self, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float]:
        """The point ``dx``, ``dy`` cm away from the landmark."""
        return (round(self.x + dx, 2), round(self.y + dy, 2))


#: Landmarks that patterns use but the chart file does not (yet) define, by view and name:
#: points inside the outline at the site a clinician palpates, measured on the current chart.
#: The regional pattern modules add theirs (see ``_regional``); the chart file's value wins
#: as soon as the chart defines the same landmark.
PENDING_LANDMARKS: dict[str, dict[str, tuple[float, float]]] = {"front": {}, "back": {}}


def mirrored(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """``name-left`` points plus their ``name-right`` mirror images (x -> -x)."""
    out: dict[str, tuple[float, float]] = {}
    for name, (x, y) in points.items():
        out[name] = (x, y)
        if name.endswith("-left"):
            out[name[: -len("-left")] + "-right"] = (-x, y)
    return out


def landmark(chart_landmarks: Mapping[str, Mapping[str, Any]], view: str, name: str) -> Landmark:
    """Landmark ``name`` of ``view``: the chart file's value, else the pending one."""
    found = chart_landmarks.get(view, {}).get(name)
    if found is None:
        found = PENDING_LANDMARKS.get(view, {}).get(name)
    if found is None:
        raise KeyError(f"no landmark {name!r} in the {view} view (chart or pending)")
    return Landmark(float(found[0]), float(found[1]))


#: Spinal levels counted from C7 (0): T1-T12 are 1-12, L1-L5 13-17, S1 18.  The back view's
#: landmarks c7, t12-l1 (the T12/L1 junction, 12.5), l4 and s1 fix their heights.
_LEVEL_ANCHORS = (("c7", 0.0), ("t12-l1", 12.5), ("l4", 16.0), ("s1", 18.0))
_LEVELS = {
    **{f"T{n}": float(n) for n in range(1, 13)},
    **{f"L{n}": float(12 + n) for n in range(1, 6)},
    "C7": 0.0,
    "S1": 18.0,
}


def ellipse(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0) -> Polygon:
    """An ellipse centred on (cx, cy) with semi-axes rx, ry, rotated by ``angle`` degrees."""
    circle = Point(0, 0).buffer(1.0, quad_segs=32)
    shaped = affinity.scale(circle, rx, ry, origin=(0, 0))
    return affinity.translate(affinity.rotate(shaped, angle, origin=(0, 0)), cx, cy)  # type: ignore[no-any-return]


def rounded_box(x0: float, y0: float, x1: float, y1: float, r: float) -> Polygon:
    """A rectangle with rounded corners of radius ``r`` (outer size x0..x1, y0..y1)."""
    return box(x0 + r, y0 + r, x1 - r, y1 - r).buffer(r, quad_segs=16)  # type: ignore[no-any-return]


def band(points: list[tuple[float, float]], half_width: float) -> Polygon:
    """A band of ``half_width`` around a polyline, with round ends."""
    return LineString(points).buffer(half_width, quad_segs=16)  # type: ignore[no-any-return]


def _clean(geom: BaseGeometry) -> BaseGeometry:
    geom = shapely.make_valid(geom)
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and g.area > 0.5]
    if not polys:
        raise ValueError("zone vanished after clipping")
    out = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    return shapely.set_precision(shapely.orient_polygons(out), 0.01)


class Builder:
    """Collects the features of one pattern, clipping zones to the chart."""

    def __init__(self, chart: dict[str, Any]) -> None:
        self.chart = chart
        self.features: list[dict[str, Any]] = []
        self.taken: dict[str, BaseGeometry] = {}

    def inside(self, view: str) -> BaseGeometry:
        return self.chart["outline"][view].buffer(-INSET, quad_segs=4)

    def lm(self, view: str, name: str) -> Landmark:
        """Landmark ``name`` of ``view`` (the chart file's, else :data:`PENDING_LANDMARKS`)."""
        return landmark(self.chart["landmarks"], view, name)

    def between(
        self, view: str, a: str, b: str, t: float, dx: float = 0.0, dy: float = 0.0
    ) -> tuple[float, float]:
        """The point a fraction ``t`` of the way from landmark ``a`` to ``b``, then shifted."""
        pa, pb = self.lm(view, a), self.lm(view, b)
        return Landmark(pa.x + t * (pb.x - pa.x), pa.y + t * (pb.y - pa.y)).at(dx, dy)

    def spine(self, level: str) -> float:
        """Height (back view, cm) of a spinal level such as ``"T6"`` or ``"L1"``."""
        at = _LEVELS[level]
        anchors = [(n, self.lm("back", name).y) for name, n in _LEVEL_ANCHORS]
        for (n0, y0), (n1, y1) in itertools.pairwise(anchors):
            if n0 <= at <= n1:
                return round(y0 + (at - n0) * (y1 - y0) / (n1 - n0), 2)
        raise ValueError(level)

    def zone(
        self,
        zone_id: str,
        view: str,
        kind: str,
        en: str,
        nl: str,
        geom: BaseGeometry,
        within: str | None = None,
        minus: tuple[str, ...] = (),
        outside: tuple[str, ...] = (),
    ) -> BaseGeometry:
        """Add a zone: ``geom`` clipped to the outline (and to region ``within``), minus zones
        of this pattern (``minus``) and chart regions (``outside``)."""
        clipped = geom.intersection(self.inside(view))
        if within is not None:
            clipped = clipped.intersection(self.chart["region"][within])
        for region in outside:
            clipped = clipped.difference(self.chart["region"][region])
        for other in minus:
            clipped = clipped.difference(self.taken[other])
        clipped = _clean(clipped)
        self.taken[zone_id] = clipped
        self.features.append(
            {
                "type": "Feature",
                "id": zone_id,
                "properties": {"kind": kind, "view": view, "names": {"en": en, "nl": nl}},
                "geometry": mapping(clipped),
            }
        )
        return clipped

    def trigger_point(
        self,
        tp_id: str,
        view: str,
        x: float,
        y: float,
        en: str,
        nl: str,
        kind: str = "trigger-point",
    ) -> None:
        """Add a muscle's trigger point (``kind="marker"``: another pattern kind's marker)."""
        if not self.chart["outline"][view].contains(Point(x, y)):
            raise ValueError(f"{kind} {tp_id} lies outside the body")
        self.features.append(
            {
                "type": "Feature",
                "id": tp_id,
                "properties": {
                    "kind": kind,
                    "view": view,
                    "names": {"en": en, "nl": nl},
                },
                "geometry": {"type": "Point", "coordinates": [x, y]},
            }
        )

    def marker(self, marker_id: str, view: str, x: float, y: float, en: str, nl: str) -> None:
        """Add the marker of a non-muscle pattern: a dermatome's key sensory point, the site
        where a nerve becomes superficial or is entrapped, a joint, an organ's projection."""
        self.trigger_point(marker_id, view, x, y, en, nl, kind="marker")


#: The parts of the left sole that :func:`sole_part` draws on the chart's ``sole`` view.
SOLE_PARTS = ("whole", "heel", "heel-medial", "medial-arch", "forefoot", "forefoot-lesser", "toes")


def sole_part(b: Builder, part: str) -> BaseGeometry:
    """A part of the left sole on the ``sole`` view (the soles seen from below, toes up, the
    patient's left foot at x < 0, its medial border towards the midline), placed by the
    view's landmarks; :meth:`Builder.zone` clips it to the outline (pass
    ``within="sole-left"``).

    ``whole``: the whole sole; ``heel``: the heel pad; ``heel-medial``: its medial half;
    ``medial-arch``: the medial longitudinal arch, from the heel pad to the ball of the big
    toe; ``forefoot``: the ball of the foot under the five metatarsal heads;
    ``forefoot-lesser``: the ball behind the four small toes; ``toes``: the toes.
    """
    heel = b.lm("sole", "heel-left")
    arch = b.lm("sole", "medial-arch-left")
    first = b.lm("sole", "first-metatarsal-head-left")
    fifth = b.lm("sole", "fifth-metatarsal-head-left")
    ball = b.lm("sole", "forefoot-left")
    pad = ellipse(heel.x, heel.y + 0.2, 3.2, 3.6)
    toe_line = [(first.x + 4.0, first.y + 2.1), (fifth.x - 4.0, fifth.y + 2.1)]
    above_toe_line = Polygon([*toe_line, (toe_line[1][0], 40.0), (toe_line[0][0], 40.0)])
    if part == "whole":
        return box(heel.x - 8.0, -1.0, heel.x + 8.0, 30.0)
    if part == "heel":
        return pad
    if part == "heel-medial":
        return pad.intersection(box(heel.x, -5.0, heel.x + 10.0, 15.0))
    if part == "medial-arch":
        return band(
            [(arch.x + 0.6, heel.y + 4.0), arch.at(0.3), (first.x + 0.4, first.y - 3.0)], 1.7
        )
    if part == "forefoot":
        return band([first.at(), ball.at(), fifth.at()], 1.9).difference(above_toe_line)
    if part == "forefoot-lesser":
        lesser = band([ball.at(1.2), fifth.at()], 1.9).union(ellipse(*ball.at(-0.4), 2.2, 1.9))
        return lesser.difference(above_toe_line).intersection(box(-40.0, -5.0, first.x - 1.3, 40.0))
    if part == "toes":
        return above_toe_line
    raise ValueError(f"unknown part of the sole: {part!r}; choose from: {', '.join(SOLE_PARTS)}")


# --------------------------------------------------------------------------------------
# Patterns.  Each function returns the metadata block; zones are added to the builder.
# --------------------------------------------------------------------------------------


def iliopsoas(b: Builder) -> dict[str, Any]:
    """Iliopsoas (Travell & Simons vol. 2, ch. 5).

    Described pattern: ipsilateral pain in a vertical distribution along the lumbar spine,
    extending down to the sacroiliac region and sometimes over the upper sacrum and upper
    medial buttock; and to the groin and the upper anteromedial thigh, sometimes further
    down the front of the thigh.  Trigger points: distal iliopsoas just below the inguinal
    ligament at the lateral wall of the femoral triangle; iliacus inside the iliac crest
    behind the ASIS; psoas lateral to the rectus abdominis at about navel level.
    """
    # Front view, patient's left is x > 0.  Inguinal ligament: ASIS (12, 97) to pubic
    # tubercle (3, 88); the groin zone is a band centred a little below it.
    groin = b.zone(
        "groin",
        "front",
        "essential",
        "Groin",
        "Lies",
        band([(4.2, 87.6), (8.0, 91.0), (11.6, 94.6)], 2.5),
    )
    # The upper thigh zone lies anteromedially, below the medial half of the groin.
    tubercle = b.lm("front", "pubic-tubercle-left")
    upper = b.zone(
        "thigh-front-upper",
        "front",
        "essential",
        "Upper inner front of the thigh",
        "Bovenste binnen-voorzijde van het bovenbeen",
        ellipse(*tubercle.at(2.0, -9.0), 4.2, 6.6, angle=15),
        minus=("groin",),
    )
    b.zone(
        "thigh-front-spillover",
        "front",
        "spillover",
        "Front of the thigh, to mid-thigh",
        "Voorzijde bovenbeen, tot halverwege",
        ellipse(*tubercle.at(5.2, -16.5), 4.8, 11.5, angle=-4),
        minus=("groin", "thigh-front-upper"),
    )
    del groin, upper
    # Back view, patient's left is x < 0.  T12/L1 at y 113, S1 at y 99; the essential band
    # runs on down over the sacroiliac joint (to about y 93).
    psis = b.lm("back", "psis-left")
    sij = b.lm("back", "sacroiliac-joint-left")
    b.zone(
        "lower-back",
        "back",
        "essential",
        "Lower back beside the spine, down to the sacroiliac region",
        "Onderrug naast de wervelkolom, tot in het SI-gebied",
        rounded_box(-7.0, 97.5, -1.0, 113.5, 1.6)
        .union(band([psis.at(0.3, 1.0), sij.at(0.1, -1.0)], 1.6))
        .convex_hull,
    )
    b.zone(
        "sacrum-buttock-spillover",
        "back",
        "spillover",
        "Upper sacrum and upper buttock",
        "Bovenkant heiligbeen en bil",
        ellipse(-5.2, 95.5, 6.4, 4.6).intersection(box(-20, 80, -0.3, 120)),
        minus=("lower-back",),
    )
    b.trigger_point(
        "tp-distal",
        "front",
        8.8,
        85.4,
        "Distal iliopsoas, below the inguinal ligament",
        "Distale iliopsoas, onder de liesband",
    )
    b.trigger_point(
        "tp-iliacus",
        "front",
        12.2,
        100.6,
        "Iliacus, inside the iliac crest",
        "Iliacus, aan de binnenzijde van de bekkenkam",
    )
    b.trigger_point(
        "tp-psoas",
        "front",
        8.6,
        105.0,
        "Psoas, beside the rectus abdominis at navel height",
        "Psoas, naast de rechte buikspier op navelhoogte",
    )
    return {
        "names": {"en": "Iliopsoas", "nl": "Iliopsoas"},
        "summary": {
            "en": "Trigger points in the iliopsoas refer pain along the lower back beside the "
            "spine, down to the sacroiliac region, and to the groin and the upper front of the "
            "thigh, on the same side.",
            "nl": "Triggerpoints in de iliopsoas geven pijn langs de onderrug naast de "
            "wervelkolom tot aan het heiligbeen, en in de lies en aan de voorzijde van het "
            "bovenbeen, aan dezelfde kant.",
        },
        "credit": "Travell & Simons, Myofascial Pain and Dysfunction, vol. 2 (1992), ch. 5",
        "sources": [
            TS_VOL2 + " Chapter 5: Iliopsoas muscle.",
            TS_3RD + " Chapter on the iliopsoas muscle.",
            'Ingber RS. Iliopsoas myofascial dysfunction: a treatable cause of "failed" low '
            "back syndrome. Arch Phys Med Rehabil. 1989;70(5):382-386.",
        ],
        "revisions": [
            {
                "change": "The essential lower-back band now runs on down over the sacroiliac "
                "region (to about y 93), not only the stippled spillover.",
                "reason": "Review against the sources (issue 11): the essential pattern "
                "extends down the lumbar spine to the sacroiliac region.",
            },
            {
                "change": "The essential upper-thigh zone moved from mid-front to the "
                "anteromedial thigh (centre about x 5); the spillover follows it.",
                "reason": "Review against the sources (issue 11): the essential thigh pain is "
                "upper anteromedial.",
            },
        ],
    }


# --------------------------------------------------------------------------------------
# The low back, hip, groin and thigh library.  Coordinates: FRONT view patient-left x > 0,
# BACK view patient-left x < 0.  Landmarks used below (cm): ASIS (12, 97), greater
# trochanter (±17, 91), pubic tubercle (3, 88), crotch 82, patella 47-53 (knee 49) at
# x ≈ 8.6, ankle 7; back: T12/L1 113, L4 105, S1 99, PSIS (-4.5, 99), sacrum the midline
# triangle y 86-100, coccyx (0, 86), gluteal fold ~80.
# --------------------------------------------------------------------------------------

TS_VOL1 = (
    "Simons DG, Travell JG, Simons LS. Travell & Simons' Myofascial Pain and Dysfunction: "
    "The Trigger Point Manual. Vol. 1: Upper Half of Body. 2nd ed. Baltimore: Williams & "
    "Wilkins; 1999."
)
CREDIT_VOL1 = "Simons, Travell & Simons, Myofascial Pain and Dysfunction, vol. 1, 2nd ed. (1999)"


def _vol2(chapter: int, title: str) -> str:
    return f"{TS_VOL2} Chapter {chapter}: {title}."


def _vol1(title: str) -> str:
    return f"{TS_VOL1} Chapter: {title}."


def _third(muscle: str) -> str:
    return f"{TS_3RD} Chapter on the {muscle}."


def _credit2(chapter: int) -> str:
    return f"Travell & Simons, Myofascial Pain and Dysfunction, vol. 2 (1992), ch. {chapter}"


def quadratus_lumborum(b: Builder) -> dict[str, Any]:
    """Quadratus lumborum (Travell & Simons vol. 2, ch. 4).

    Described pattern: superficial (lateral) trigger points refer along the iliac crest,
    sometimes to the adjacent lower abdomen and groin, and to the greater trochanter and the
    outer upper thigh; deep (medial) trigger points refer to the sacroiliac joint and the
    lower buttock.  Trigger points: lateral edge of the muscle between the 12th rib and the
    iliac crest (superficial), and deep beside the lumbar transverse processes.
    """
    b.zone(
        "iliac-crest",
        "back",
        "essential",
        "Along the iliac crest",
        "Langs de bekkenkam",
        band([(-6.2, 101.8), (-9.5, 103.9), (-13.2, 104.6), (-16.2, 103.2)], 1.25),
    )
    b.zone(
        "sacroiliac",
        "back",
        "essential",
        "Sacroiliac joint",
        "SI-gewricht",
        ellipse(-4.2, 95.8, 1.9, 3.4, angle=-18),
        minus=("iliac-crest",),
    )
    b.zone(
        "buttock-lower",
        "back",
        "essential",
        "Lower buttock",
        "Onderkant van de bil",
        ellipse(-8.0, 83.6, 4.4, 2.5),
        within="buttock-left",
    )
    b.zone(
        "trochanter-thigh",
        "back",
        "essential",
        "Greater trochanter and upper outer thigh",
        "Grote rolheuvel en bovenste buitenzijde van het bovenbeen",
        ellipse(-15.3, 87.0, 2.3, 7.0),
        minus=("iliac-crest", "buttock-lower"),
    )
    # Lower lateral abdomen just above the inguinal ligament, beside the ASIS (kept out of
    # the chart's groin region).
    asis = b.lm("front", "asis-left")
    b.zone(
        "lower-abdomen",
        "front",
        "spillover",
        "Lower side of the abdomen, above the groin near the front of the pelvis",
        "Onderste zijkant van de buik, boven de lies bij de voorkant van het bekken",
        ellipse(*asis.at(-2.0, 3.4), 3.4, 2.3, angle=40),
        outside=("groin-left",),
    )
    b.trigger_point(
        "tp-superficial-upper",
        "back",
        -11.0,
        110.0,
        "Superficial, below the 12th rib",
        "Oppervlakkig, onder de 12e rib",
    )
    b.trigger_point(
        "tp-superficial-lower",
        "back",
        -11.5,
        106.8,
        "Superficial, above the iliac crest",
        "Oppervlakkig, boven de bekkenkam",
    )
    b.trigger_point(
        "tp-deep",
        "back",
        -7.2,
        106.0,
        "Deep, beside the lumbar spine",
        "Diep, naast de lendenwervels",
    )
    return {
        "names": {"en": "Quadratus lumborum", "nl": "Quadratus lumborum"},
        "summary": {
            "en": "Trigger points in the quadratus lumborum refer pain along the top of the "
            "pelvis, to the sacroiliac joint and lower buttock, and to the outside of the hip, "
            "on the same side.",
            "nl": "Triggerpoints in de quadratus lumborum geven pijn langs de bekkenkam, in het "
            "SI-gewricht en de onderkant van de bil, en aan de buitenkant van de heup, aan "
            "dezelfde kant.",
        },
        "credit": _credit2(4),
        "sources": [
            _vol2(4, "Quadratus lumborum muscle"),
            _third("quadratus lumborum muscle"),
        ],
        "revisions": [
            {
                "change": "The lower-abdomen spillover moved from the groin to the lower lateral "
                "abdomen above the inguinal ligament, near the ASIS.",
                "reason": "Review against the sources (issue 11): the superficial trigger "
                "points spill over to the lower lateral abdomen, not into the groin.",
            }
        ],
    }


def gluteus_medius(b: Builder) -> dict[str, Any]:
    """Gluteus medius (Travell & Simons vol. 2, ch. 8).

    Described pattern: TrP1 (below the crest, near the sacroiliac joint) refers along the
    posterior iliac crest, to the sacroiliac joint and over the sacrum; TrP2 (below the
    middle of the crest) refers laterally to the mid-buttock and may extend to the upper
    posterolateral thigh; TrP3 (near the anterior crest) refers along the crest and over the
    lower lumbar and sacral area.  The crest band runs from the PSIS laterally; it does not
    cross medial of the PSIS (the sacroiliac joint and sacrum zone below it does).
    """
    psis = b.lm("back", "psis-left")
    b.zone(
        "iliac-crest",
        "back",
        "essential",
        "Along the back of the iliac crest",
        "Langs de achterkant van de bekkenkam",
        band([psis.at(0.0, 1.2), (-6.5, 101.8), (-10.5, 103.2), (-13.0, 104.0)], 1.3).intersection(
            box(-40, 80, psis.x, 120)
        ),
    )
    b.zone(
        "sacrum-sacroiliac",
        "back",
        "essential",
        "Sacroiliac joint and sacrum",
        "SI-gewricht en heiligbeen",
        ellipse(-2.8, 95.2, 2.8, 3.8).intersection(box(-20, 80, -0.2, 120)),
        minus=("iliac-crest",),
    )
    b.zone(
        "buttock-mid",
        "back",
        "essential",
        "Middle and outer buttock",
        "Midden en buitenkant van de bil",
        ellipse(-10.2, 95.0, 3.3, 3.9),
        minus=("iliac-crest", "sacrum-sacroiliac"),
    )
    b.zone(
        "buttock-spillover",
        "back",
        "spillover",
        "Rest of the upper buttock",
        "Rest van de bovenkant van de bil",
        ellipse(-7.5, 94.0, 6.8, 5.6),
        within="buttock-left",
        minus=("iliac-crest", "sacrum-sacroiliac", "buttock-mid"),
    )
    b.zone(
        "thigh-back-lateral",
        "back",
        "spillover",
        "Upper back and outside of the thigh",
        "Bovenste achter- en buitenzijde van het bovenbeen",
        ellipse(-12.6, 77.0, 2.5, 5.2, angle=-5),
        within="thigh-back-left",
    )
    b.trigger_point(
        "tp-1",
        "back",
        -5.8,
        99.0,
        "Below the crest, near the sacroiliac joint",
        "Onder de bekkenkam, bij het SI-gewricht",
    )
    b.trigger_point(
        "tp-2",
        "back",
        -10.0,
        100.0,
        "Below the middle of the iliac crest",
        "Onder het midden van de bekkenkam",
    )
    b.trigger_point(
        "tp-3",
        "back",
        -14.0,
        101.0,
        "Below the front of the iliac crest",
        "Onder de voorkant van de bekkenkam",
    )
    return {
        "names": {"en": "Gluteus medius", "nl": "Gluteus medius"},
        "summary": {
            "en": "Trigger points in the gluteus medius refer pain along the back of the "
            "pelvis, over the sacroiliac joint and sacrum, and into the middle of the buttock, "
            "on the same side.",
            "nl": "Triggerpoints in de gluteus medius geven pijn langs de achterkant van de "
            "bekkenkam, over het SI-gewricht en het heiligbeen, en midden in de bil, aan "
            "dezelfde kant.",
        },
        "credit": _credit2(8),
        "sources": [_vol2(8, "Gluteus medius muscle"), _third("gluteus medius muscle")],
        "revisions": [
            {
                "change": "The band along the iliac crest now starts at the PSIS and runs "
                "laterally; before it ran on medially to 2 cm from the midline.",
                "reason": "Clinical review against Travell & Simons (issue 26): the pain "
                "follows the posterior iliac crest, which ends at the PSIS; medial of it lie "
                "the sacroiliac joint and the sacrum, drawn as their own zone.",
            }
        ],
    }


def gluteus_minimus(b: Builder) -> dict[str, Any]:
    """Gluteus minimus, anterior and posterior parts (Travell & Simons vol. 2, ch. 9).

    Described pattern: anterior trigger points refer to the lower lateral buttock and down
    the lateral thigh and the outside of the knee and leg to the ankle, all of it essential;
    posterior trigger points refer to the lower, more medial buttock and down the back of
    the thigh, with spillover to the calf.  Pain is often persistent and severe.
    """
    b.zone(
        "buttock-lower-lateral",
        "back",
        "essential",
        "Lower outer buttock (anterior part)",
        "Onderste buitenkant van de bil (voorste deel)",
        ellipse(-13.0, 87.0, 2.9, 4.0),
    )
    b.zone(
        "buttock-lower-medial",
        "back",
        "essential",
        "Lower inner buttock (posterior part)",
        "Onderste binnenkant van de bil (achterste deel)",
        ellipse(-6.6, 86.0, 3.4, 3.3),
        within="buttock-left",
        minus=("buttock-lower-lateral",),
    )
    b.zone(
        "thigh-back",
        "back",
        "essential",
        "Back of the thigh (posterior part)",
        "Achterzijde van het bovenbeen (achterste deel)",
        band([(-8.8, 79.0), (-9.0, 62.0)], 1.7),
        within="thigh-back-left",
    )
    b.zone(
        "calf",
        "back",
        "spillover",
        "Back of the knee and calf (posterior part)",
        "Knieholte en kuit (achterste deel)",
        band([(-8.9, 58.0), (-8.8, 30.0)], 1.5),
        minus=("thigh-back",),
    )
    b.zone(
        "thigh-lateral",
        "front",
        "essential",
        "Outside of the thigh (anterior part)",
        "Buitenzijde van het bovenbeen (voorste deel)",
        band([(15.6, 83.0), (14.6, 70.0), (13.2, 56.0)], 1.2),
    )
    b.zone(
        "leg-lateral",
        "front",
        "essential",
        "Outside of the knee and lower leg, to the ankle (anterior part)",
        "Buitenzijde van knie en onderbeen, tot de enkel (voorste deel)",
        band([(12.4, 53.0), (12.3, 40.0), (11.4, 25.0), (10.6, 10.0)], 1.15),
        minus=("thigh-lateral",),
    )
    b.trigger_point(
        "tp-anterior",
        "front",
        14.3,
        94.0,
        "Anterior part, below the front of the iliac crest",
        "Voorste deel, onder de voorkant van de bekkenkam",
    )
    b.trigger_point(
        "tp-posterior-medial",
        "back",
        -9.0,
        96.8,
        "Posterior part, upper buttock",
        "Achterste deel, bovenkant van de bil",
    )
    b.trigger_point(
        "tp-posterior-lateral",
        "back",
        -12.2,
        95.4,
        "Posterior part, upper outer buttock",
        "Achterste deel, bovenste buitenkant van de bil",
    )
    return {
        "names": {"en": "Gluteus minimus", "nl": "Gluteus minimus"},
        "summary": {
            "en": "Trigger points in the gluteus minimus refer pain to the lower buttock and "
            "down the outside or back of the leg, sometimes as far as the ankle or the calf, "
            "on the same side.",
            "nl": "Triggerpoints in de gluteus minimus geven pijn onder in de bil en langs de "
            "buitenzijde of achterzijde van het been, soms tot aan de enkel of in de kuit, aan "
            "dezelfde kant.",
        },
        "credit": _credit2(9),
        "sources": [_vol2(9, "Gluteus minimus muscle"), _third("gluteus minimus muscle")],
        "revisions": [
            {
                "change": "The zone along the outside of the knee and lower leg to the ankle "
                "(anterior part) is now essential, not spillover.",
                "reason": "Clinical review against Travell & Simons (issue 26): the anterior "
                "part's main (essential) pattern reaches the ankle along the outside of the "
                "leg.",
            }
        ],
    }


def gluteus_maximus(b: Builder) -> dict[str, Any]:
    """Gluteus maximus (Travell & Simons vol. 2, ch. 7).

    Described pattern: TrP1 (beside the sacrum) refers in a crescent along the gluteal cleft
    up to the sacroiliac joint; TrP2 (above the ischial tuberosity) refers over the whole
    buttock and the lower sacrum; TrP3 (lowest, medial) refers to the coccyx and the lower
    medial buttock.  The pain stays in the buttock; it does not travel down the leg.
    """
    b.zone(
        "sacroiliac-cleft",
        "back",
        "essential",
        "Along the sacroiliac joint and gluteal cleft, to the coccyx",
        "Langs het SI-gewricht en de bilnaad, tot het stuitje",
        band([(-5.4, 99.3), (-4.4, 94.5), (-2.8, 90.0), (-1.3, 86.2), (-0.8, 83.8)], 1.25),
        within="buttock-left",
    )
    b.zone(
        "buttock-lower",
        "back",
        "essential",
        "Lower buttock, over the sitting bone",
        "Onderkant van de bil, boven de zitbeenknobbel",
        ellipse(-8.3, 85.0, 4.0, 3.6),
        within="buttock-left",
        minus=("sacroiliac-cleft",),
    )
    b.zone(
        "buttock",
        "back",
        "spillover",
        "Rest of the buttock",
        "Rest van de bil",
        ellipse(-8.0, 90.5, 6.8, 9.5),
        within="buttock-left",
        minus=("sacroiliac-cleft", "buttock-lower"),
    )
    b.trigger_point("tp-1", "back", -6.0, 94.5, "Beside the sacrum", "Naast het heiligbeen")
    b.trigger_point(
        "tp-2",
        "back",
        -8.5,
        86.0,
        "Above the sitting bone",
        "Boven de zitbeenknobbel",
    )
    b.trigger_point(
        "tp-3",
        "back",
        -4.0,
        84.0,
        "Lower inner buttock, near the coccyx",
        "Onderste binnenkant van de bil, bij het stuitje",
    )
    return {
        "names": {"en": "Gluteus maximus", "nl": "Gluteus maximus"},
        "summary": {
            "en": "Trigger points in the gluteus maximus refer pain to the buttock, along the "
            "sacrum and the gluteal cleft and to the tailbone, on the same side; it does not "
            "travel down the leg.",
            "nl": "Triggerpoints in de gluteus maximus geven pijn in de bil, langs het "
            "heiligbeen en de bilnaad en bij het stuitje, aan dezelfde kant; de pijn straalt "
            "niet uit naar het been.",
        },
        "credit": _credit2(7),
        "sources": [_vol2(7, "Gluteus maximus muscle"), _third("gluteus maximus muscle")],
    }


def piriformis(b: Builder) -> dict[str, Any]:
    """Piriformis (Travell & Simons vol. 2, ch. 10).

    Described pattern: pain to the sacroiliac region, laterally across the buttock and over
    the posterior hip joint; spillover over the proximal two-thirds of the posterior thigh.
    Trigger points: lateral, near the greater trochanter, and medial, near the sacrum, on the
    line from the sacrum to the trochanter.
    """
    b.zone(
        "sacroiliac",
        "back",
        "essential",
        "Sacroiliac region",
        "SI-gebied",
        ellipse(-4.4, 96.2, 2.4, 3.0),
    )
    b.zone(
        "buttock-hip",
        "back",
        "essential",
        "Across the buttock to the back of the hip",
        "Dwars over de bil naar de achterkant van de heup",
        band([(-6.0, 94.0), (-10.5, 92.6), (-15.4, 91.0)], 2.5),
        minus=("sacroiliac",),
    )
    b.zone(
        "thigh-back",
        "back",
        "spillover",
        "Upper two-thirds of the back of the thigh",
        "Bovenste twee derde van de achterzijde van het bovenbeen",
        band([(-8.8, 78.0), (-9.0, 64.0)], 2.9),
        within="thigh-back-left",
    )
    b.trigger_point(
        "tp-lateral",
        "back",
        -13.0,
        92.0,
        "Lateral, near the greater trochanter",
        "Lateraal, bij de grote rolheuvel",
    )
    b.trigger_point(
        "tp-medial",
        "back",
        -7.0,
        93.6,
        "Medial, near the sacrum",
        "Mediaal, bij het heiligbeen",
    )
    return {
        "names": {"en": "Piriformis", "nl": "Piriformis"},
        "summary": {
            "en": "Trigger points in the piriformis refer pain to the sacroiliac region, across "
            "the buttock and to the back of the hip, sometimes down the back of the thigh, on "
            "the same side.",
            "nl": "Triggerpoints in de piriformis geven pijn in het SI-gebied, dwars over de bil "
            "en aan de achterkant van de heup, soms tot in de achterzijde van het bovenbeen, "
            "aan dezelfde kant.",
        },
        "credit": _credit2(10),
        "sources": [
            _vol2(10, "Piriformis and other short lateral rotators"),
            _third("piriformis muscle"),
        ],
    }


def adductor_longus_brevis(b: Builder) -> dict[str, Any]:
    """Adductor longus and brevis (Travell & Simons vol. 2, ch. 15).

    Described pattern: proximal trigger points refer upward, deep into the groin, and to the
    upper anteromedial thigh; distal trigger points refer downward to the upper medial knee
    (essential, just above and medial to the knee) and spill over down the tibia.  Pain is
    felt mainly on weight bearing and with sudden twists.
    """
    b.zone(
        "groin",
        "front",
        "essential",
        "Deep in the groin",
        "Diep in de lies",
        ellipse(5.4, 86.6, 2.6, 2.0, angle=30),
    )
    b.zone(
        "thigh-inner-upper",
        "front",
        "essential",
        "Upper inner front of the thigh",
        "Bovenste binnenzijde van het bovenbeen",
        band([(4.8, 85.0), (5.4, 76.0), (6.3, 67.0)], 2.2),
        minus=("groin",),
    )
    b.zone(
        "knee-medial",
        "front",
        "essential",
        "Just above the knee, inner side",
        "Net boven de knie, binnenzijde",
        ellipse(5.9, 53.0, 2.0, 3.4),
    )
    b.zone(
        "shin",
        "front",
        "spillover",
        "Down the shin",
        "Langs het scheenbeen",
        band([(6.6, 48.5), (7.3, 37.0), (7.9, 24.0)], 1.2),
        minus=("knee-medial",),
    )
    b.trigger_point(
        "tp-proximal",
        "front",
        5.0,
        80.0,
        "Adductor longus, upper inner thigh",
        "Adductor longus, bovenste binnenzijde bovenbeen",
    )
    b.trigger_point(
        "tp-distal",
        "front",
        5.7,
        73.0,
        "Adductor longus and brevis, lower in the inner thigh",
        "Adductor longus en brevis, lager aan de binnenzijde bovenbeen",
    )
    return {
        "names": {"en": "Adductor longus and brevis", "nl": "Adductor longus en brevis"},
        "summary": {
            "en": "Trigger points in the adductor longus and brevis refer pain deep into the "
            "groin, the upper inner thigh and just above the inner knee, sometimes down the "
            "shin, on the same side.",
            "nl": "Triggerpoints in de adductor longus en brevis geven pijn diep in de lies, aan "
            "de bovenste binnenzijde van het bovenbeen en net boven de binnenzijde van de knie, "
            "soms langs het scheenbeen, aan dezelfde kant.",
        },
        "credit": _credit2(15),
        "sources": [
            _vol2(15, "Adductor longus, adductor brevis, adductor magnus and gracilis muscles"),
            _third("adductor longus, adductor brevis, adductor magnus and gracilis muscles"),
        ],
        "revisions": [
            {
                "change": "The zone just above and medial to the knee is now essential; the "
                "shin stays spillover.",
                "reason": "Review against the sources (issue 11): the distal trigger points' "
                "essential pain includes the upper medial knee.",
            }
        ],
    }


def pectineus(b: Builder) -> dict[str, Any]:
    """Pectineus (Travell & Simons vol. 2, ch. 13).

    Described pattern: a deep ache in the groin just below the inguinal ligament, extending
    over the upper part of the anteromedial thigh.  Trigger point: in the upper medial
    femoral triangle, below the superior pubic ramus.
    """
    b.zone(
        "groin",
        "front",
        "essential",
        "Deep groin, just below the inguinal ligament",
        "Diep in de lies, vlak onder de liesband",
        ellipse(7.0, 86.6, 3.3, 2.2, angle=40),
    )
    b.zone(
        "thigh-inner-upper",
        "front",
        "essential",
        "Top of the inner front of the thigh",
        "Bovenkant van de binnenzijde van het bovenbeen",
        ellipse(6.2, 81.6, 2.7, 3.0),
        minus=("groin",),
    )
    b.zone(
        "thigh-spillover",
        "front",
        "spillover",
        "Inner front of the thigh, a little lower",
        "Binnenzijde van het bovenbeen, iets lager",
        ellipse(6.6, 77.0, 2.6, 3.6),
        minus=("groin", "thigh-inner-upper"),
    )
    b.trigger_point(
        "tp",
        "front",
        6.0,
        84.8,
        "Pectineus, below the pubic bone",
        "Pectineus, onder het schaambeen",
    )
    return {
        "names": {"en": "Pectineus", "nl": "Pectineus"},
        "summary": {
            "en": "Trigger points in the pectineus cause a deep ache in the groin, just below "
            "the fold of the groin, and at the top of the inner thigh, on the same side.",
            "nl": "Triggerpoints in de pectineus geven een diepe, zeurende pijn in de lies, vlak "
            "onder de liesband, en bovenaan de binnenzijde van het bovenbeen, aan dezelfde "
            "kant.",
        },
        "credit": _credit2(13),
        "sources": [_vol2(13, "Pectineus muscle"), _third("pectineus muscle")],
    }


def rectus_femoris(b: Builder) -> dict[str, Any]:
    """Rectus femoris (Travell & Simons vol. 2, ch. 14, quadriceps femoris group).

    Described pattern: a trigger point high in the muscle, just below the anterior inferior
    iliac spine, refers pain to the front of the knee, around and deep in the patella, often
    at night; spillover over the lower anterior thigh just above the knee.
    """
    b.zone(
        "knee-front",
        "front",
        "essential",
        "Front of the knee, around the kneecap",
        "Voorzijde van de knie, rond de knieschijf",
        ellipse(9.0, 49.6, 3.2, 4.4),
    )
    b.zone(
        "thigh-front-lower",
        "front",
        "spillover",
        "Lower front of the thigh",
        "Onderste deel voorzijde bovenbeen",
        ellipse(9.4, 58.5, 3.0, 6.0),
        minus=("knee-front",),
    )
    b.trigger_point(
        "tp",
        "front",
        10.6,
        85.0,
        "High in the rectus femoris, below the hip",
        "Hoog in de rectus femoris, onder de heup",
    )
    return {
        "names": {"en": "Rectus femoris", "nl": "Rectus femoris"},
        "summary": {
            "en": "A trigger point high in the rectus femoris refers pain to the front of the "
            "knee around the kneecap, and sometimes to the lower front of the thigh, on the "
            "same side.",
            "nl": "Een triggerpoint hoog in de rectus femoris geeft pijn aan de voorzijde van "
            "de knie rond de knieschijf, en soms aan de onderkant van de voorzijde van het "
            "bovenbeen, aan dezelfde kant.",
        },
        "credit": _credit2(14),
        "sources": [
            _vol2(14, "Quadriceps femoris group"),
            _third("quadriceps femoris muscle group"),
        ],
    }


def vastus_medialis(b: Builder) -> dict[str, Any]:
    """Vastus medialis (Travell & Simons vol. 2, ch. 14, quadriceps femoris group).

    Described pattern: the distal trigger point refers to the anteromedial knee; the more
    proximal one refers in a linear strip up the medial side of the thigh above the knee.
    Trigger points: in the distal and mid-thigh parts of the muscle, medially.
    """
    b.zone(
        "knee-anteromedial",
        "front",
        "essential",
        "Front and inner side of the knee",
        "Voorzijde en binnenzijde van de knie",
        ellipse(6.0, 50.8, 2.1, 4.3, angle=-6),
    )
    b.zone(
        "thigh-medial-strip",
        "front",
        "spillover",
        "Strip up the inner thigh",
        "Strook langs de binnenzijde van het bovenbeen",
        band([(6.0, 55.5), (5.4, 63.0), (4.7, 71.0)], 1.1),
        minus=("knee-anteromedial",),
    )
    b.trigger_point(
        "tp-distal",
        "front",
        6.8,
        57.5,
        "Lower vastus medialis, above the knee",
        "Onderste deel vastus medialis, boven de knie",
    )
    b.trigger_point(
        "tp-proximal",
        "front",
        6.9,
        65.5,
        "Vastus medialis, middle of the inner thigh",
        "Vastus medialis, midden aan de binnenzijde van het bovenbeen",
    )
    return {
        "names": {"en": "Vastus medialis", "nl": "Vastus medialis"},
        "summary": {
            "en": "Trigger points in the vastus medialis refer pain to the front and inner "
            "side of the knee, sometimes in a strip up the inner thigh, on the same side.",
            "nl": "Triggerpoints in de vastus medialis geven pijn aan de voorzijde en "
            "binnenzijde van de knie, soms in een strook langs de binnenzijde van het "
            "bovenbeen, aan dezelfde kant.",
        },
        "credit": _credit2(14),
        "sources": [
            _vol2(14, "Quadriceps femoris group"),
            _third("quadriceps femoris muscle group"),
        ],
    }


def tensor_fasciae_latae(b: Builder) -> dict[str, Any]:
    """Tensor fasciae latae (Travell & Simons vol. 2, ch. 12).

    Described pattern: pain in the anterolateral hip over the greater trochanter and the
    upper anterolateral thigh, spilling over down the lateral thigh, sometimes to the knee.
    Trigger point: in the muscle belly below and behind the anterior superior iliac spine.
    """
    b.zone(
        "hip-thigh-anterolateral",
        "front",
        "essential",
        "Outer front of the hip and upper thigh",
        "Voor- en buitenzijde van heup en bovenbeen",
        ellipse(14.3, 85.0, 2.4, 7.5, angle=3),
    )
    b.zone(
        "thigh-lateral",
        "front",
        "spillover",
        "Down the outside of the thigh, towards the knee",
        "Langs de buitenzijde van het bovenbeen, richting de knie",
        band([(14.8, 77.0), (14.0, 65.0), (12.6, 54.0)], 1.35),
        minus=("hip-thigh-anterolateral",),
    )
    b.trigger_point(
        "tp",
        "front",
        13.4,
        92.4,
        "Tensor fasciae latae, below the front of the pelvis",
        "Tensor fasciae latae, onder de voorkant van het bekken",
    )
    return {
        "names": {"en": "Tensor fasciae latae", "nl": "Tensor fasciae latae"},
        "summary": {
            "en": "Trigger points in the tensor fasciae latae refer pain to the outer front of "
            "the hip and upper thigh, sometimes down the outside of the thigh towards the "
            "knee, on the same side.",
            "nl": "Triggerpoints in de tensor fasciae latae geven pijn aan de voor- en "
            "buitenzijde van heup en bovenbeen, soms langs de buitenzijde van het bovenbeen "
            "richting de knie, aan dezelfde kant.",
        },
        "credit": _credit2(12),
        "sources": [_vol2(12, "Tensor fasciae latae muscle"), _third("tensor fasciae latae")],
    }


def hamstrings(b: Builder) -> dict[str, Any]:
    """Hamstrings, semitendinosus/semimembranosus and biceps femoris combined (T&S vol. 2, ch. 16).

    Described pattern: semitendinosus and semimembranosus trigger points refer upward to the
    lower buttock and gluteal fold and the adjacent posteromedial thigh, with spillover down
    the back and inner side of the knee to the medial calf; biceps femoris trigger points
    refer to the back of the knee, with spillover up the posterolateral thigh and a short way
    below the knee.
    """
    b.zone(
        "gluteal-fold",
        "back",
        "essential",
        "Lower buttock and gluteal fold",
        "Onderkant van de bil en bilplooi",
        ellipse(-7.4, 80.6, 4.6, 2.5),
    )
    b.zone(
        "thigh-back",
        "back",
        "essential",
        "Back of the thigh, inner half",
        "Achterzijde van het bovenbeen, binnenste helft",
        band([(-6.1, 77.0), (-6.6, 58.0)], 2.3),
        within="thigh-back-left",
        minus=("gluteal-fold",),
    )
    b.zone(
        "knee-back",
        "back",
        "essential",
        "Back of the knee",
        "Knieholte",
        ellipse(-8.7, 49.4, 3.2, 3.6),
    )
    b.zone(
        "thigh-back-lateral",
        "back",
        "spillover",
        "Back of the thigh, outer half",
        "Achterzijde van het bovenbeen, buitenste helft",
        band([(-11.0, 76.0), (-10.3, 56.5)], 1.9),
        within="thigh-back-left",
        minus=("gluteal-fold", "thigh-back", "knee-back"),
    )
    knee = b.lm("back", "knee-left")
    b.zone(
        "knee-calf-medial",
        "back",
        "spillover",
        "Back and inner side of the knee, down to the inner calf",
        "Achter- en binnenzijde van de knie, tot de binnenzijde van de kuit",
        band([knee.at(2.7, 5.0), knee.at(2.9, -3.0), knee.at(2.6, -14.0)], 1.3),
        minus=("thigh-back", "knee-back"),
    )
    b.zone(
        "calf-upper",
        "back",
        "spillover",
        "Just below the knee (biceps femoris)",
        "Net onder de knie (biceps femoris)",
        ellipse(*knee.at(-1.6, -7.5), 2.1, 3.0),
        minus=("knee-back", "knee-calf-medial"),
    )
    b.trigger_point(
        "tp-medial",
        "back",
        -6.0,
        64.0,
        "Semitendinosus and semimembranosus, lower thigh",
        "Semitendinosus en semimembranosus, onderste deel bovenbeen",
    )
    b.trigger_point(
        "tp-lateral",
        "back",
        -11.2,
        61.0,
        "Biceps femoris, lower thigh",
        "Biceps femoris, onderste deel bovenbeen",
    )
    return {
        "names": {"en": "Hamstrings", "nl": "Hamstrings"},
        "summary": {
            "en": "Trigger points in the hamstrings refer pain to the lower buttock, the back "
            "of the thigh and the back of the knee, sometimes down the inner side of the knee "
            "into the calf, on the same side.",
            "nl": "Triggerpoints in de hamstrings geven pijn onder in de bil, aan de "
            "achterzijde van het bovenbeen en in de knieholte, soms langs de binnenzijde van de "
            "knie tot in de kuit, aan dezelfde kant.",
        },
        "credit": _credit2(16),
        "sources": [_vol2(16, "Hamstring muscles"), _third("hamstring muscles")],
        "revisions": [
            {
                "change": "New spillover zone knee-calf-medial: down the back and inner side "
                "of the knee to the medial calf; the central upper-calf spillover shrank to a "
                "small zone just below the knee (biceps femoris).",
                "reason": "Review against the sources (issue 11): the medial hamstrings' "
                "spillover runs down the posteromedial knee to the medial calf.",
            }
        ],
    }


def iliocostalis_lumborum(b: Builder) -> dict[str, Any]:
    """Iliocostalis lumborum (Travell & Simons vol. 1, 2nd ed., thoracolumbar paraspinals).

    Described pattern: a trigger point at about L1 refers pain strongly downward over the
    lower back to the middle of the buttock.  (The referral forward to the abdomen belongs to
    the lower iliocostalis thoracis, a pattern of its own.)
    """
    b.zone(
        "lower-back",
        "back",
        "essential",
        "Lower back, beside the spinal muscles",
        "Onderrug, naast de rugspieren",
        band([(-8.6, 111.0), (-8.8, 104.5)], 1.6),
    )
    b.zone(
        "buttock-mid",
        "back",
        "essential",
        "Middle of the buttock",
        "Midden van de bil",
        ellipse(-8.8, 91.5, 3.5, 4.4),
        within="buttock-left",
    )
    b.zone(
        "back-spillover",
        "back",
        "spillover",
        "From the lower back down into the buttock",
        "Van de onderrug naar de bil",
        band([(-8.8, 104.0), (-8.9, 96.5)], 1.8),
        minus=("lower-back", "buttock-mid"),
    )
    b.trigger_point(
        "tp-l1",
        "back",
        -9.0,
        113.0,
        "Iliocostalis lumborum, at the level of L1",
        "Iliocostalis lumborum, ter hoogte van L1",
    )
    return {
        "names": {"en": "Iliocostalis lumborum", "nl": "Iliocostalis lumborum"},
        "summary": {
            "en": "Trigger points in the iliocostalis lumborum refer pain down over the lower "
            "back into the middle of the buttock, on the same side.",
            "nl": "Triggerpoints in de iliocostalis lumborum geven pijn over de onderrug naar "
            "het midden van de bil, aan dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [
            _vol1("Thoracolumbar paraspinal muscles"),
            _third("thoracolumbar paraspinal muscles"),
        ],
        "revisions": [
            {
                "change": "Dropped the lower-abdomen spillover zone (front view).",
                "reason": "Review against the sources (issue 11): the abdominal referral is "
                "described for the lower iliocostalis thoracis, which now has its own pattern "
                "(iliocostalis-thoracis).",
            }
        ],
    }


def multifidus(b: Builder) -> dict[str, Any]:
    """Lumbar multifidus (Travell & Simons vol. 1, 2nd ed., thoracolumbar paraspinals).

    Described pattern: deep paraspinal trigger points refer pain locally, close to the spinous
    processes at and below their level; those at S1 refer down over the sacrum to the coccyx;
    those at L1-L5 can also refer pain forward to the abdomen (spillover here).
    """
    b.zone(
        "paraspinal",
        "back",
        "essential",
        "Beside the lower spine",
        "Vlak naast de onderste lendenwervels",
        rounded_box(-4.2, 99.5, -0.4, 111.0, 1.4),
    )
    b.zone(
        "sacrum-coccyx",
        "back",
        "essential",
        "Over the sacrum, down to the coccyx",
        "Over het heiligbeen, tot het stuitje",
        band([(-1.8, 97.6), (-1.3, 92.0), (-0.7, 87.2)], 1.1),
        minus=("paraspinal",),
    )
    navel = b.lm("front", "navel")
    b.zone(
        "abdomen",
        "front",
        "spillover",
        "Abdomen, beside and below the navel",
        "Buik, naast en onder de navel",
        ellipse(*navel.at(3.6, -3.0), 2.7, 4.2),
    )
    b.trigger_point(
        "tp-l2",
        "back",
        -2.3,
        109.0,
        "Multifidus at L2-L3",
        "Multifidus ter hoogte van L2-L3",
    )
    b.trigger_point(
        "tp-l5",
        "back",
        -2.3,
        102.5,
        "Multifidus at L5",
        "Multifidus ter hoogte van L5",
    )
    b.trigger_point(
        "tp-s1",
        "back",
        -1.9,
        98.2,
        "Multifidus at S1",
        "Multifidus ter hoogte van S1",
    )
    return {
        "names": {"en": "Lumbar multifidus", "nl": "Lumbale multifidus"},
        "summary": {
            "en": "Trigger points in the lumbar multifidus refer pain close to the spine at "
            "their own level and over the sacrum down to the tailbone, sometimes forward to the "
            "abdomen, on the same side.",
            "nl": "Triggerpoints in de lumbale multifidus geven pijn vlak naast de wervelkolom "
            "op hun eigen hoogte en over het heiligbeen tot aan het stuitje, soms naar voren in "
            "de buik, aan dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [
            _vol1("Thoracolumbar paraspinal muscles"),
            _third("thoracolumbar paraspinal muscles"),
        ],
        "revisions": [
            {
                "change": "Added a front-view spillover zone on the abdomen beside and below "
                "the navel (the L1-L5 trigger points).",
                "reason": "Review against the sources (issue 11): the lumbar multifidi can "
                "refer pain anteriorly to the abdomen.",
            },
            {
                "change": "Dropped the upper-buttock and posterior-thigh spillover zones.",
                "reason": "Review against the sources (issue 11): neither source we cite "
                "describes them for the multifidi.",
            },
        ],
    }


def rectus_abdominis_lower(b: Builder) -> dict[str, Any]:
    """Lower rectus abdominis (Travell & Simons vol. 1, 2nd ed., abdominal muscles).

    Described pattern: trigger points in the rectus abdominis below the navel refer pain
    bilaterally, as a horizontal band across the low back at the sacroiliac and lumbosacral
    level ("sacroiliac and low back").  The band is centred near S1/L5 (y 100) so that it
    covers the lowest part of the lower back as well as the sacroiliac joints.  The pattern
    is bilateral: stored as drawn, on both sides, for every side.
    """
    y = b.lm("back", "s1").y + 1.0
    b.zone(
        "low-back-band",
        "back",
        "essential",
        "Band across the low back and the sacroiliac joints",
        "Band dwars over de onderrug en de SI-gewrichten",
        band([(-12.6, y + 1.2), (-6.0, y + 0.2), (0.0, y), (6.0, y + 0.2), (12.6, y + 1.2)], 2.3),
    )
    for side, x in (("left", 3.6), ("right", -3.6)):
        nl_side = "links" if side == "left" else "rechts"
        b.trigger_point(
            f"tp-{side}",
            "front",
            x,
            94.5,
            f"Lower rectus abdominis, below the navel ({side})",
            f"Onderste deel rechte buikspier, onder de navel ({nl_side})",
        )
    return {
        "laterality": "bilateral",
        "referral": "bilateral",
        "drawn_side": "both",
        "names": {"en": "Rectus abdominis, lower part", "nl": "Rectus abdominis, onderste deel"},
        "summary": {
            "en": "Trigger points in the lower part of the rectus abdominis, below the navel, "
            "refer pain as a band across the low back and the sacroiliac joints, on both "
            "sides.",
            "nl": "Triggerpoints in het onderste deel van de rechte buikspier, onder de navel, "
            "geven pijn als een band dwars over de onderrug en de SI-gewrichten, aan beide "
            "kanten.",
        },
        "credit": CREDIT_VOL1,
        "sources": [_vol1("Abdominal muscles"), _third("abdominal muscles")],
        "revisions": [
            {
                "change": "The back band moved up from y 97.5 to about y 100 and widened, so "
                "it overlaps the lower-back regions as well as the sacroiliac joints.",
                "reason": "Review against the sources (issue 11): the band lies across the "
                "sacroiliac and low back.",
            }
        ],
    }


PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "iliopsoas": iliopsoas,
    "quadratus-lumborum": quadratus_lumborum,
    "gluteus-medius": gluteus_medius,
    "gluteus-minimus": gluteus_minimus,
    "gluteus-maximus": gluteus_maximus,
    "piriformis": piriformis,
    "adductor-longus-brevis": adductor_longus_brevis,
    "pectineus": pectineus,
    "rectus-femoris": rectus_femoris,
    "vastus-medialis": vastus_medialis,
    "tensor-fasciae-latae": tensor_fasciae_latae,
    "hamstrings": hamstrings,
    "iliocostalis-lumborum": iliocostalis_lumborum,
    "multifidus": multifidus,
    "rectus-abdominis-lower": rectus_abdominis_lower,
}


#: The regional pattern modules beside this script, one per body area.
REGIONAL_MODULES: tuple[str, ...] = (
    "patterns_lower",
    "patterns_arm",
    "patterns_neck",
    "patterns_shoulder",
    "patterns_dermatomes",
    "patterns_nerves",
    "patterns_joints",
    "patterns_organs",
)


def _regional() -> None:
    """Register the patterns and pending landmarks of the regional modules.

    Each module (e.g. ``patterns_lower``: trunk and lower limb) imports the Builder and
    helpers from this module, so it is imported here, once this module is complete (also
    when this file runs as a script, under the name ``make_patterns``).  A module may have a
    ``PENDING_LANDMARKS`` table and must have a ``PATTERNS`` registry.
    """
    import importlib

    sys.modules.setdefault("make_patterns", sys.modules[__name__])
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    for module_name in REGIONAL_MODULES:
        module = importlib.import_module(module_name)
        for view, points in getattr(module, "PENDING_LANDMARKS", {}).items():
            PENDING_LANDMARKS.setdefault(view, {}).update(points)
        PATTERNS.update(module.PATTERNS)


_regional()


#: Changes of the chart's landmarks, each with the landmarks' previous positions (by view and
#: name), what changed and why.  :func:`build` builds every pattern a second time on the chart
#: with those previous positions and adds the entry to the ``revisions`` of each pattern whose
#: features differ, so the record follows the geometry exactly.
CHART_REVISIONS: tuple[tuple[dict[str, dict[str, tuple[float, float]]], str, str], ...] = (
    (
        {"back": {"t12-l1": (0.0, 113.0), "l4": (0.0, 105.0)}},
        "Zones placed by the thoracic and lumbar spinal levels moved with the chart's spine: "
        "the T12/L1 junction is at 117.5 cm instead of 113 and L4 at 106 instead of 105, so "
        "the lumbar levels are 3.3-3.5 cm apart (T12/L1 to S1 18.5 cm) instead of 2.3-3.0 "
        "cm, and the thoracic levels 2.6 cm instead of 3.0 cm.",
        "The chart's lumbar spine was short (T12/L1 to S1 about 2.8 cm a segment); in adults "
        "the lumbar vertebrae with their discs measure about 3.5 cm a segment (L1-L5 17-18 "
        "cm), the thoracic about 2.6 cm.",
    ),
    (
        {
            "back": {
                "mastoid-left": (-6.0, 157.8),
                "mastoid-right": (6.0, 157.8),
                **{f"c{n}": (0.0, round(156.8 - 1.36 * (n - 2), 2)) for n in range(2, 7)},
            }
        },
        "Zones and markers placed by the mastoid and the cervical levels moved with the "
        "chart's neck: the mastoid tips are at 159.3 cm instead of 157.8, and C2-C6 are 1.6 "
        "cm apart from C2 at 158 (they were 1.36 cm apart from 156.8).",
        "The neck was short and its facet-joint markers crowded (mastoid to C7 7.8 cm); the "
        "mastoid tip lies about 15.7 cm below the vertex, 2.5 cm below the tragion.",
    ),
)
_PREVIOUS: dict[tuple[int, int], dict[str, Any]] = {}  # (chart id, revision) -> earlier chart


def _previous_chart(chart: dict[str, Any], index: int) -> dict[str, Any]:
    """``chart`` with the landmarks of ``CHART_REVISIONS[index]`` at their previous places."""
    key = (id(chart), index)
    if key not in _PREVIOUS:
        landmarks = {view: dict(points) for view, points in chart["landmarks"].items()}
        for view, points in CHART_REVISIONS[index][0].items():
            landmarks.setdefault(view, {}).update({k: list(v) for k, v in points.items()})
        _PREVIOUS[key] = {**chart, "landmarks": landmarks}
    return _PREVIOUS[key]


def _features(name: str, chart: dict[str, Any]) -> list[dict[str, Any]]:
    b = Builder(chart)
    PATTERNS[name](b)
    return _round(b.features)  # type: ignore[no-any-return]


def build(name: str, chart: dict[str, Any]) -> dict[str, Any]:
    b = Builder(chart)
    meta = PATTERNS[name](b)
    features = _round(b.features)
    for index, (_, change, reason) in enumerate(CHART_REVISIONS):
        if _features(name, _previous_chart(chart, index)) != features:
            meta.setdefault("revisions", []).append({"change": change, "reason": reason})
    head = {
        "kind": meta.pop("kind", "muscle"),
        "version": 1,
        "name": name,
        "chart": "adult",
        "units": "cm",
        "drawn_side": "left",
        "laterality": meta.pop("laterality", "unilateral"),
        "referral": meta.pop("referral", "ipsilateral"),
    }
    head.update(meta)
    head["method"] = METHOD
    head["generator"] = "shapes/make_patterns.py"
    return {"type": "FeatureCollection", "bodymap": head, "features": b.features}


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 2)
    if isinstance(obj, (list, tuple)):
        return [_round(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def write(doc: dict[str, Any], path: Path) -> None:
    head = {k: v for k, v in doc.items() if k != "features"}
    lines = [
        json.dumps(_round(f), ensure_ascii=False, separators=(",", ":")) for f in doc["features"]
    ]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    text += ',\n "features": [\n' + ",\n".join(lines) + "\n ]\n}\n"
    json.loads(text)  # must round-trip
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    chart = load_chart()
    names = argv or sorted(PATTERNS)
    for name in names:
        doc = build(name, chart)
        out = HERE / f"pattern-{name}.json"
        write(doc, out)
        print(f"wrote {out.name}: {len(doc['features'])} features")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
