"""JSON Schemas of bodymap's file formats, built from the rules its readers check.

bodymap reads four kinds of JSON file: drawings (:mod:`bodymap.model.reader`), patterns
(:mod:`bodymap.model.pattern`), charts (:mod:`bodymap.model.chart`) and region schemes
(:mod:`bodymap.model.scheme`).  The readers are code, so the rules live there as named
constants (format versions, geometry types, ranges, the allowed values of every member);
:func:`json_schema` builds a JSON Schema (draft 2020-12) of each format from those same
constants, for other tools and for the documentation site.  A schema states what a JSON
Schema can: the members, their types, ranges and allowed values.  What only geometry can tell
(a polygon that is not valid, a region id the chart does not have, more vertices than the
reader takes in all, a tangle of crossing edges) is checked by the reader alone, and the
schema's ``description`` says so.  Every file the readers accept is valid under its schema.
"""

from __future__ import annotations

from typing import Any

from bodymap.core.choices import (
    BODY_AREAS,
    INTENSITY_MAX,
    PATTERN_SIDES,
    REGION_SIDES,
    ZONE_KINDS,
)
from bodymap.core.geometry import MAX_COORDINATE
from bodymap.core.jsonio import MAX_DEPTH
from bodymap.model.chart import CHART_FEATURE_KINDS, CHART_UNITS, SNOMED_MATCHES
from bodymap.model.data import _FILE_KINDS, SUPPORTED_VERSIONS
from bodymap.model.drawing import GEOMETRY_TYPES, MAX_VERTICES, MAX_WIDTH
from bodymap.model.drawing import SUPPORTED_VERSIONS as DRAWING_VERSIONS
from bodymap.model.pattern import (
    LATERALITIES,
    MARKER_KINDS,
    MAX_PATTERN_FEATURES,
    MAX_PATTERN_VERTICES,
)

__all__ = ["FORMATS", "json_schema"]

#: The file formats :func:`json_schema` describes.
FORMATS: tuple[str, ...] = ("drawing", "pattern", "chart", "scheme")
_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_TEXT: dict[str, Any] = {"type": "string", "pattern": r"\S"}
_TEXTS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "description": 'Texts by language code, e.g. {"en": ..., "nl": ...}.',
}


def _number(**limits: float) -> dict[str, Any]:
    return {"type": "number", **limits}


def _position() -> dict[str, Any]:
    coordinate = _number(minimum=-MAX_COORDINATE, maximum=MAX_COORDINATE)
    return {
        "type": "array",
        "items": coordinate,
        "minItems": 2,
        "maxItems": 3,
        "description": "[x, y] in chart centimetres (a third number is ignored).",
    }


def _meta(kind: dict[str, Any], versions: tuple[int, ...], **members: Any) -> dict[str, Any]:
    """The ``bodymap`` member: its ``kind`` rule, the versions read and the other members."""
    required = ["version"] if "const" not in kind else ["kind", "version"]
    return {
        "type": "object",
        "properties": {"kind": kind, "version": {"enum": list(versions)}, **members},
        "required": required,
    }


def _geometries() -> dict[str, Any]:
    """GeoJSON geometry objects by type, with the sizes the readers need."""
    line = {"type": "array", "items": {"$ref": "#/$defs/position"}, "minItems": 2}
    ring = {"type": "array", "items": {"$ref": "#/$defs/position"}, "minItems": 3}
    polygon = {"type": "array", "items": ring, "minItems": 1}
    coordinates = {
        "Point": {"$ref": "#/$defs/position"},
        "LineString": line,
        "MultiLineString": {"type": "array", "items": line, "minItems": 1},
        "Polygon": polygon,
        "MultiPolygon": {"type": "array", "items": polygon, "minItems": 1},
    }
    return {
        gtype: {
            "type": "object",
            "properties": {"type": {"const": gtype}, "coordinates": coords},
            "required": ["type", "coordinates"],
        }
        for gtype, coords in coordinates.items()
    }


def _geometry_of(types: tuple[str, ...]) -> dict[str, Any]:
    return {"oneOf": [{"$ref": f"#/$defs/{t}"} for t in types]}


def _collection(
    title: str, description: str, meta: dict[str, Any], feature: dict[str, Any], **features: Any
) -> dict[str, Any]:
    return {
        "title": title,
        "description": description,
        "type": "object",
        "properties": {
            "type": {"const": "FeatureCollection"},
            "bodymap": meta,
            "features": {"type": "array", "items": {"$ref": "#/$defs/feature"}, **features},
        },
        "required": ["type", "bodymap", "features"],
        "$defs": {"position": _position(), **_geometries(), "feature": feature},
    }


def _feature(properties: dict[str, Any], required: list[str], **more: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "type": {"const": "Feature"},
            "properties": {"type": "object", "properties": properties, "required": required},
            **more.pop("members", {}),
        },
        "required": ["type", "properties"],
        **more,
    }


def _drawing() -> dict[str, Any]:
    string = {"type": "string"}
    meta = _meta(
        {"const": "drawing"}, DRAWING_VERSIONS, chart=string, subject=string, recorded=string
    )
    properties = {
        "view": {"type": "string", "description": "A view of the chart: front or back."},
        "region": {"type": "string", "description": "A region id of the chart."},
        "width": _number(exclusiveMinimum=0, maximum=MAX_WIDTH),
        "intensity": _number(minimum=0, maximum=INTENSITY_MAX),
        "quality": {"type": "string"},
    }
    strokes = [t for t in GEOMETRY_TYPES if "Line" in t]
    feature = _feature(
        properties,
        ["view"],
        members={"geometry": {"anyOf": [{"type": "null"}, _geometry_of(GEOMETRY_TYPES)]}},
        allOf=[
            {  # a null geometry marks a whole region
                "if": {"properties": {"geometry": {"type": "null"}}},
                "then": {"properties": {"properties": {"required": ["region"]}}},
            },
            {  # a brush stroke needs its width
                "if": {
                    "properties": {
                        "geometry": {
                            "type": "object",
                            "properties": {"type": {"enum": strokes}},
                        }
                    },
                    "required": ["geometry"],
                },
                "then": {"properties": {"properties": {"required": ["width"]}}},
            },
        ],
    )
    description = (
        "A patient's pain drawing: a GeoJSON FeatureCollection in chart centimetres.  The "
        f"reader also checks: the view and region exist on the chart, at most {MAX_VERTICES:,} "
        f"vertices in all, nesting at most {MAX_DEPTH} levels, no NaN or Infinity, and the "
        "bounds on crossing edges; members it does not know are kept."
    )
    return _collection("bodymap pain drawing", description, meta, feature)


def _pattern() -> dict[str, Any]:
    kinds = [k for k in _FILE_KINDS["pattern"] if isinstance(k, str)]
    meta = _meta(
        {"enum": kinds, "description": "The pattern's kind (missing: muscle)."},
        SUPPORTED_VERSIONS["pattern"],
        **{
            "name": _TEXT,
            "chart": _TEXT,
            "laterality": {"enum": list(LATERALITIES)},
            "drawn_side": {"enum": list(PATTERN_SIDES)},
            "names": _TEXTS,
            "summary": _TEXTS,
            "credit": _TEXT,
            "sources": {"type": "array", "items": _TEXT, "minItems": 1},
            "red_flag": {"type": "boolean"},
            "red_flag_note": _TEXTS,
            "short_names": _TEXTS,
        },
    )
    meta["required"].append("sources")
    properties = {
        "kind": {"enum": [*ZONE_KINDS, *MARKER_KINDS]},
        "view": {"type": "string"},
        "names": _TEXTS,
    }
    zone = {"properties": {"properties": {"properties": {"kind": {"enum": list(ZONE_KINDS)}}}}}
    feature = _feature(
        properties,
        ["kind", "view"],
        members={"id": _TEXT},
        allOf=[
            {
                "if": zone,
                "then": {"properties": {"geometry": _geometry_of(("Polygon", "MultiPolygon"))}},
                "else": {"properties": {"geometry": _geometry_of(("Point",))}},
            }
        ],
    )
    feature["required"].append("geometry")
    essential = {"properties": {"properties": {"properties": {"kind": {"const": "essential"}}}}}
    description = (
        "A referral-pain or sensory pattern: essential and spillover zones and point markers "
        "(trigger points and others), drawn for one side.  The reader also checks: unique "
        f"feature ids, views of the pattern's chart, valid polygons, at most "
        f"{MAX_PATTERN_VERTICES:,} zone vertices."
    )
    return _collection(
        "bodymap referral pattern",
        description,
        meta,
        feature,
        maxItems=MAX_PATTERN_FEATURES,
        contains=essential,
    )


def _chart() -> dict[str, Any]:
    meta = _meta(
        {"const": "chart"},
        SUPPORTED_VERSIONS["chart"],
        **{
            "name": _TEXT,
            "title": _TEXTS,
            "units": {"const": CHART_UNITS},
            "height_cm": _number(exclusiveMinimum=0, maximum=MAX_COORDINATE),
            "views": {"type": "array", "items": _TEXT, "minItems": 1, "uniqueItems": True},
            "landmarks": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": {"$ref": "#/$defs/position"},
                },
            },
        },
    )
    snomed = {
        "anyOf": [
            {"type": "null"},
            {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "term": {"type": "string"},
                    "match": {"enum": list(SNOMED_MATCHES)},
                },
                "required": ["code"],
            },
        ]
    }
    properties = {
        "kind": {"enum": list(CHART_FEATURE_KINDS)},
        "view": {"type": "string"},
        "side": {"enum": list(REGION_SIDES)},
        "names": _TEXTS,
        "snomed": snomed,
        "body_area": {"anyOf": [{"type": "null"}, {"enum": list(BODY_AREAS)}]},
    }
    region = {"properties": {"properties": {"properties": {"kind": {"const": "region"}}}}}
    feature = _feature(
        properties,
        ["kind", "view"],
        # An outline may be a MultiPolygon (the soles: two feet), a region is one Polygon.
        members={"id": _TEXT, "geometry": _geometry_of(("Polygon", "MultiPolygon"))},
        allOf=[
            {
                "if": region,
                "then": {
                    "required": ["id"],
                    "properties": {
                        "properties": {"required": ["side"]},
                        "geometry": _geometry_of(("Polygon",)),
                    },
                },
            }
        ],
    )
    feature["required"].append("geometry")
    description = (
        "A body chart: one outline per view and the named regions.  The reader also checks: "
        "views named in 'views', an outline for every view, unique region ids, valid polygons."
    )
    return _collection("bodymap body chart", description, meta, feature)


def _scheme() -> dict[str, Any]:
    meta = _meta(
        {"const": "scheme"},
        SUPPORTED_VERSIONS["scheme"],
        name=_TEXT,
        chart=_TEXT,
        groups={"type": "object", "additionalProperties": _TEXTS},
    )
    properties = {
        "code": _TEXT,
        "view": {"type": "string"},
        "side": {"enum": list(REGION_SIDES)},
        "names": _TEXTS,
        "body_area": {"anyOf": [{"type": "null"}, {"enum": list(BODY_AREAS)}]},
        "group": {"type": "string"},
        "generalized": {"type": "boolean"},
    }
    feature = _feature(
        properties,
        ["code", "view", "side"],
        members={"geometry": _geometry_of(("Polygon", "MultiPolygon"))},
    )
    feature["required"].append("geometry")
    description = (
        "A region scheme: coded areas on a chart (one feature per code and view).  The reader "
        "also checks: printable codes, views of the chart, groups named in 'groups', one side "
        "and one set of names per code, valid polygons."
    )
    return _collection("bodymap region scheme", description, meta, feature)


_BUILDERS = {"drawing": _drawing, "pattern": _pattern, "chart": _chart, "scheme": _scheme}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one of bodymap's file formats.

    Parameters
    ----------
    kind
        ``"drawing"``, ``"pattern"``, ``"chart"`` or ``"scheme"`` (see :data:`FORMATS`).

    Returns
    -------
    dict
        The schema, as plain JSON data (``json.dumps`` writes it).

    Raises
    ------
    ValueError
        For an unknown kind.

    Examples
    --------
    >>> from bodymap.model.formats import json_schema
    >>> json_schema("drawing")["properties"]["bodymap"]["properties"]["kind"]
    {'const': 'drawing'}
    """
    if kind not in _BUILDERS:
        raise ValueError(f"unknown file format {kind!r}; choose from: {', '.join(FORMATS)}")
    schema = _BUILDERS[kind]()
    return {"$schema": _DIALECT, "$id": f"bodymap-{kind}.schema.json", **schema}
