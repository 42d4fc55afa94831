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

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    return {"outline": outlines, "region": regions}


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
    ) -> BaseGeometry:
        """Add a zone: ``geom`` clipped to the outline (and to region ``within``), minus zones."""
        clipped = geom.intersection(self.inside(view))
        if within is not None:
            clipped = clipped.intersection(self.chart["region"][within])
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

    def trigger_point(self, tp_id: str, view: str, x: float, y: float, en: str, nl: str) -> None:
        if not self.chart["outline"][view].contains(Point(x, y)):
            raise ValueError(f"trigger point {tp_id} lies outside the body")
        self.features.append(
            {
                "type": "Feature",
                "id": tp_id,
                "properties": {
                    "kind": "trigger-point",
                    "view": view,
                    "names": {"en": en, "nl": nl},
                },
                "geometry": {"type": "Point", "coordinates": [x, y]},
            }
        )


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
    upper = b.zone(
        "thigh-front-upper",
        "front",
        "essential",
        "Upper front of the thigh",
        "Bovenste deel voorzijde bovenbeen",
        ellipse(8.6, 79.5, 3.9, 6.8, angle=-4),
        minus=("groin",),
    )
    b.zone(
        "thigh-front-spillover",
        "front",
        "spillover",
        "Front of the thigh, to mid-thigh",
        "Voorzijde bovenbeen, tot halverwege",
        ellipse(9.4, 72.5, 5.0, 12.0, angle=-4),
        minus=("groin", "thigh-front-upper"),
    )
    del groin, upper
    # Back view, patient's left is x < 0.  T12/L1 at y 113, S1 at y 99.
    b.zone(
        "lower-back",
        "back",
        "essential",
        "Lower back beside the spine",
        "Onderrug naast de wervelkolom",
        rounded_box(-7.0, 97.5, -1.0, 113.5, 1.6),
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
        "Distale iliopsoas, onder het liesband",
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
    }


PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "iliopsoas": iliopsoas,
}


def build(name: str, chart: dict[str, Any]) -> dict[str, Any]:
    b = Builder(chart)
    meta = PATTERNS[name](b)
    head = {
        "kind": "pattern",
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
