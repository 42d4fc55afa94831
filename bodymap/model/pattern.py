"""Referral-pain patterns: the zones to which a muscle's trigger points refer pain.

A :class:`Pattern` is defined once, for the side named in its data file, and mirrored across
the body midline for the other side; ``side`` always means the side of the trigger point
(referred pain from these muscles is ipsilateral).  A pattern holds :class:`Zone` polygons
of kind ``"essential"`` (present in nearly every patient) or ``"spillover"`` (present in
some), and :class:`TriggerPoint` sites.  A bilateral pattern (one that refers to both sides
at once) is stored as drawn and is the same for every side.  Load patterns with
:func:`load_pattern`; the sources of every pattern are recorded in its file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.core.choices import (
    BODY_AREAS,
    DEFAULT_PATTERN,
    PATTERN_KINDS,
    PATTERN_SIDES,
    SEXES,
    ZONE_KINDS,
    check,
    check_lang,
)
from bodymap.core.errors import DataError, UnknownNameError, match_name
from bodymap.core.geometry import mirror
from bodymap.core.text import show_value as _show
from bodymap.model.chart import Chart, load_chart
from bodymap.model.data import (
    builtin_names,
    data_dir,
    data_geometry,
    load_cached,
    text_member,
    texts_member,
)

__all__ = [
    "LATERALITIES",
    "MARKER_KINDS",
    "MAX_PATTERN_FEATURES",
    "MAX_PATTERN_VERTICES",
    "ZONE_KINDS",
    "Pattern",
    "TriggerPoint",
    "Zone",
    "load_pattern",
    "pattern_names",
]

_OTHER = {"left": "right", "right": "left"}

#: The feature kinds of a pattern's point markers: ``trigger-point`` (muscles) and
#: ``marker`` (any kind: a dermatome's key sensory point, the site where a nerve becomes
#: superficial, a joint, an organ's surface projection).  Both load as :class:`TriggerPoint`.
MARKER_KINDS: tuple[str, ...] = ("trigger-point", "marker")
#: The values of a pattern file's ``laterality``: referred to the side of the trigger point
#: only (``unilateral``, the default), or to both sides at once.
LATERALITIES: tuple[str, ...] = ("unilateral", "bilateral")
#: The most features (zones and markers together) one pattern file may hold; the largest
#: built-in pattern has 12.  Every zone is drawn and labelled: 3,000 took 11 to 23 s.
MAX_PATTERN_FEATURES = 200
#: The most vertices the zones of one pattern file may have together; the largest built-in
#: pattern's zones have 995.
MAX_PATTERN_VERTICES = 20_000


def check_side(side: str) -> str:
    """Return ``side`` if it is ``left``, ``right`` or ``both``, else raise an error."""
    return check("side", side, PATTERN_SIDES)


@dataclass(frozen=True, eq=False)
class Zone:
    """One referral zone of a pattern, on one side.

    Attributes
    ----------
    id
        Id with the side last (``"groin-left"``); a bilateral zone has no side suffix.
    base_id
        The id in the data file, without side (``"groin"``).
    view, kind, side
        The chart view, ``"essential"`` or ``"spillover"``, and ``"left"``, ``"right"`` or
        ``"both"`` (bilateral).
    names
        Display names by language.
    geometry
        Polygon or MultiPolygon in chart centimetres.
    """

    id: str
    base_id: str
    view: str
    kind: str
    side: str
    names: Mapping[str, str]
    geometry: Polygon | MultiPolygon

    def name(self, lang: str = "en") -> str:
        """Display name in ``lang``."""
        return self.names.get(check_lang(lang)) or self.names.get("en") or self.base_id

    @property
    def area(self) -> float:
        """Area in cm²."""
        return float(self.geometry.area)


@dataclass(frozen=True, eq=False)
class TriggerPoint:
    """A marker of a pattern, on one side (a point in chart cm).

    For a muscle, a trigger-point site; for other pattern kinds, the kind's marker (a
    dermatome's key sensory point, where a nerve becomes superficial or is entrapped, the
    joint, the organ's surface projection).
    """

    id: str
    base_id: str
    view: str
    side: str
    names: Mapping[str, str]
    x: float
    y: float

    def name(self, lang: str = "en") -> str:
        """Display name in ``lang``."""
        return self.names.get(check_lang(lang)) or self.names.get("en") or self.base_id

    @property
    def geometry(self) -> Point:
        """The site as a shapely point."""
        return Point(self.x, self.y)


@dataclass(frozen=True, eq=False)
class Pattern:
    """A muscle's referral-pain pattern, with zones and trigger points for each side.

    Use :func:`load_pattern` to get one and :meth:`zones` / :meth:`trigger_points` to get
    the geometry for a side.
    """

    name: str
    names: Mapping[str, str]
    chart: str
    drawn_side: str
    bilateral: bool
    summary: Mapping[str, str]
    sources: tuple[str, ...]
    meta: Mapping[str, Any]
    path: Path | None = None
    kind: str = "muscle"
    red_flag: bool = False
    red_flag_note: Mapping[str, str] = field(default_factory=dict)
    sex: str | None = None
    short_names: Mapping[str, str] = field(default_factory=dict)
    _zones: Mapping[str, tuple[Zone, ...]] = field(default_factory=dict, repr=False)
    _points: Mapping[str, tuple[TriggerPoint, ...]] = field(default_factory=dict, repr=False)

    @property
    def source(self) -> str:
        """The file as the user named it, or ``pattern 'name'`` for a built-in pattern."""
        if self.path is None or self.path.parent == data_dir():
            return f"pattern {self.name!r}"
        return str(self.path)

    def check_chart(self, chart: Chart) -> None:
        """Raise :class:`DataError` unless the pattern is drawn on ``chart`` (name and views)."""
        if self.chart != chart.name:
            raise DataError(f"{self.source}: drawn on chart {self.chart!r}, not on {chart.name!r}")
        for side in self._zones:
            items: list[Zone | TriggerPoint] = [*self._zones[side], *self._points[side]]
            for item in items:
                if item.view not in chart.views:
                    raise DataError(
                        f"{self.source}: {item.base_id!r} is on view {item.view!r}, which chart "
                        f"{chart.name!r} does not have"
                    )

    def title(self, lang: str = "en") -> str:
        """The muscle's display name in ``lang``."""
        return self.names.get(check_lang(lang)) or self.names.get("en") or self.name

    def short_title(self, lang: str = "en") -> str:
        """A short label for atlas charts (``"C6"``, ``"Sural"``), else :meth:`title`."""
        return (
            self.short_names.get(check_lang(lang)) or self.short_names.get("en") or self.title(lang)
        )

    def red_flag_text(self, lang: str = "en") -> str:
        """The red-flag sentence of an organ pattern in ``lang`` ("" if it has none).

        The file's ``red_flag_note`` says in plain words what the pain can come from and
        what to rule out, e.g. "pain in this area can come from the kidney or ureter; rule
        out kidney disease before treating it as muscle pain."
        """
        if not self.red_flag:
            return ""
        return self.red_flag_note.get(check_lang(lang)) or self.red_flag_note.get("en", "")

    def areas(self, chart: Chart | None = None) -> tuple[str, ...]:
        """The body areas the pattern's zones touch (by more than 0.5 cm²), head to foot.

        Parameters
        ----------
        chart
            The chart whose regions say which area is where (default: the pattern's chart).
        """
        the_chart = chart if chart is not None else load_chart(self.chart)
        found: set[str] = set()
        for zone in self.zones("both"):
            for region in the_chart.regions_in(zone.view):
                if region.body_area is None or region.body_area in found:
                    continue
                if not zone.geometry.intersects(region.geometry):
                    continue
                if zone.geometry.intersection(region.geometry).area > 0.5:
                    found.add(region.body_area)
        return tuple(a for a in BODY_AREAS if a in found)

    def to_dict(self) -> dict[str, Any]:
        """The pattern's record as ``bodymap patterns --json`` prints it.

        Keys: ``name``, ``kind``, ``red_flag``, ``sex`` (the one sex that has the
        structure, e.g. ``"female"`` for the uterus; ``null`` for both), ``names``,
        ``bilateral``, ``views``, ``zones`` and ``trigger_points`` (the ids of the markers
        as in the file: trigger points of a muscle, key sensory points of a dermatome, ...),
        ``credit`` and ``sources``.
        """
        side = self.sides[0]
        return {
            "name": self.name,
            "kind": self.kind,
            "red_flag": self.red_flag,
            "sex": self.sex,
            "names": dict(self.names),
            "bilateral": self.bilateral,
            "views": list(self.views()),
            "zones": [z.base_id for z in self.zones(side)],
            "trigger_points": [t.base_id for t in self.trigger_points(side)],
            "credit": str(self.meta.get("credit") or self.sources[0]),
            "sources": list(self.sources),
        }

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides this pattern can be compared on: ``("left", "right")`` or ``("both",)``."""
        return ("both",) if self.bilateral else ("left", "right")

    def _sides(self, side: str) -> tuple[str, ...]:
        check_side(side)
        if self.bilateral:
            return ("both",)
        return ("left", "right") if side == "both" else (side,)

    def zones(
        self, side: str = "left", view: str | None = None, kind: str | None = None
    ) -> tuple[Zone, ...]:
        """Zones for one side (``"left"``, ``"right"`` or ``"both"``), optionally filtered.

        Parameters
        ----------
        side
            Side of the trigger point; ``"both"`` returns the zones of both sides.
        view
            Keep only zones of this view.
        kind
            Keep only ``"essential"`` or ``"spillover"`` zones.
        """
        if kind is not None and kind not in ZONE_KINDS:
            raise UnknownNameError("zone kind", kind, ZONE_KINDS)
        return tuple(
            z
            for s in self._sides(side)
            for z in self._zones[s]
            if (view is None or z.view == view) and (kind is None or z.kind == kind)
        )

    def trigger_points(
        self, side: str = "left", view: str | None = None
    ) -> tuple[TriggerPoint, ...]:
        """Trigger-point sites for one side, optionally of one view."""
        return tuple(
            p for s in self._sides(side) for p in self._points[s] if view is None or p.view == view
        )

    def geometries(self, side: str = "left", view: str | None = None) -> Iterator[BaseGeometry]:
        """Yield the zone geometries for a side (cartopy-style access)."""
        for zone in self.zones(side, view):
            yield zone.geometry

    def views(self) -> tuple[str, ...]:
        """The views on which this pattern has zones or trigger points, in chart order."""
        seen = [z.view for z in self._zones[self._sides("left")[0]]]
        seen += [p.view for p in self._points[self._sides("left")[0]]]
        return tuple(v for v in ("front", "back") if v in seen) + tuple(
            sorted({v for v in seen if v not in ("front", "back")})
        )

    def area(self, side: str = "left", view: str | None = None, kind: str | None = None) -> float:
        """Area of the union of the selected zones, in cm² (views are summed, not merged)."""
        total = 0.0
        for v in {z.view for z in self.zones(side, view, kind)}:
            geoms = [z.geometry for z in self.zones(side, v, kind)]
            total += float(shapely.union_all(geoms).area)
        return total


def _polygonal(geometry: BaseGeometry) -> Polygon | MultiPolygon:
    assert isinstance(geometry, (Polygon, MultiPolygon))
    return geometry


def _suffix(base: str, side: str) -> str:
    return base if side == "both" else f"{base}-{side}"


def _chart_views(chart: str) -> tuple[str, ...] | None:
    """The views of the pattern's chart if it is a built-in one, else ``None``."""
    if chart not in builtin_names("chart"):
        return None
    return load_chart(chart).views


def pattern_from_dict(doc: dict[str, Any], path: Path | None = None) -> Pattern:
    """Build a :class:`Pattern` from a parsed pattern document (see ``shapes/README.md``).

    Every member is checked (types of names, summary, sources, laterality and side, each
    feature's id, kind, view, names and geometry; zones on views of the pattern's chart;
    at most :data:`MAX_PATTERN_FEATURES` features and :data:`MAX_PATTERN_VERTICES` zone
    vertices); a problem is a :class:`DataError` naming the file.
    """
    where = path if path is not None else Path("<pattern>")
    meta = doc["bodymap"]
    laterality = meta.get("laterality", LATERALITIES[0])
    if laterality not in LATERALITIES:
        raise DataError(
            f"{where}: 'laterality' must be unilateral or bilateral, not {_show(laterality)}"
        )
    bilateral = laterality == LATERALITIES[1]
    drawn = "both" if bilateral else meta.get("drawn_side", PATTERN_SIDES[0])
    if drawn not in PATTERN_SIDES:
        raise DataError(f"{where}: 'drawn_side' must be left or right, not {_show(drawn)}")
    sources = meta.get("sources")
    if not isinstance(sources, list) or not sources:
        raise DataError(f"{where}: a pattern must record its sources")
    if not all(isinstance(s, str) and s.strip() for s in sources):
        raise DataError(f"{where}: 'sources' must be a list of texts")
    credit = meta.get("credit")
    if credit is not None:
        text_member(where, credit, "'credit'")
    name = text_member(
        where, meta.get("name"), "'bodymap.name'", where.stem.removeprefix("pattern-")
    )
    names = texts_member(where, meta.get("names"), "'bodymap.names'")
    summary = texts_member(where, meta.get("summary"), "'bodymap.summary'")
    chart = text_member(where, meta.get("chart"), "'bodymap.chart'", "adult")
    views = _chart_views(chart)
    if len(doc["features"]) > MAX_PATTERN_FEATURES:
        raise DataError(
            f"{where}: the pattern has {len(doc['features']):,} features (zones and markers); "
            f"a pattern holds at most {MAX_PATTERN_FEATURES}"
        )
    zones: list[Zone] = []
    points: list[TriggerPoint] = []
    seen: set[str] = set()
    vertices = 0
    for index, feature in enumerate(doc["features"]):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise DataError(f"{where}: feature {index}: not a GeoJSON Feature with properties")
        props = feature["properties"]
        raw_id = feature.get("id", f"zone-{index}")
        if not isinstance(raw_id, str) or not raw_id.strip():
            raise DataError(f"{where}: feature {index}: 'id' must be text, not {_show(raw_id)}")
        base_id = raw_id
        if base_id in seen:
            raise DataError(f"{where}: feature {index}: duplicate id {base_id!r}")
        seen.add(base_id)
        kind = props.get("kind")
        view = props.get("view")
        if not isinstance(view, str):
            raise DataError(f"{where}: feature {index}: 'view' is required")
        if views is not None and view not in views:
            raise DataError(
                f"{where}: feature {index}: unknown view {view!r} on chart {chart!r}; "
                f"choose from: {', '.join(views)}"
            )
        feature_names = MappingProxyType(
            texts_member(where, props.get("names"), f"feature {index}: 'names'")
        )
        if kind in ZONE_KINDS:
            geometry = data_geometry(
                where, feature.get("geometry"), ("Polygon", "MultiPolygon"), f"zone {base_id!r}"
            )
            vertices += int(shapely.get_num_coordinates(geometry))
            if vertices > MAX_PATTERN_VERTICES:
                raise DataError(
                    f"{where}: the pattern's zones have more than {MAX_PATTERN_VERTICES:,} "
                    f"vertices (counted up to zone {base_id!r}); a pattern holds at most "
                    f"{MAX_PATTERN_VERTICES:,}"
                )
            if not isinstance(geometry, (Polygon, MultiPolygon)) or not geometry.is_valid:
                raise DataError(f"{where}: zone {base_id!r}: geometry must be a valid polygon")
            zones.append(
                Zone(
                    _suffix(base_id, drawn),
                    base_id,
                    view,
                    kind,
                    drawn,
                    feature_names,
                    geometry,
                )
            )
        elif kind in MARKER_KINDS:
            geometry = data_geometry(
                where, feature.get("geometry"), ("Point",), f"trigger point {base_id!r}"
            )
            assert isinstance(geometry, Point)
            points.append(
                TriggerPoint(
                    _suffix(base_id, drawn),
                    base_id,
                    view,
                    drawn,
                    feature_names,
                    geometry.x,
                    geometry.y,
                )
            )
        else:
            raise DataError(f"{where}: feature {index}: unknown kind {_show(kind)}")
    if not any(z.kind == "essential" for z in zones):
        raise DataError(f"{where}: a pattern needs at least one essential zone")
    by_side_zones: dict[str, tuple[Zone, ...]] = {drawn: tuple(zones)}
    by_side_points: dict[str, tuple[TriggerPoint, ...]] = {drawn: tuple(points)}
    if not bilateral:
        other = _OTHER[drawn]
        by_side_zones[other] = tuple(
            Zone(
                _suffix(z.base_id, other),
                z.base_id,
                z.view,
                z.kind,
                other,
                z.names,
                _polygonal(mirror(z.geometry)),
            )
            for z in zones
        )
        by_side_points[other] = tuple(
            TriggerPoint(_suffix(p.base_id, other), p.base_id, p.view, other, p.names, -p.x, p.y)
            for p in points
        )
    for side_zones in by_side_zones.values():
        for z in side_zones:
            shapely.prepare(z.geometry)
    kind = meta.get("kind")
    kind = "muscle" if kind in (None, "pattern") else kind
    if kind not in PATTERN_KINDS:
        raise DataError(
            f"{where}: unknown pattern kind {_show(kind)}; choose from: {', '.join(PATTERN_KINDS)}"
        )
    red_flag = meta.get("red_flag", False)
    if not isinstance(red_flag, bool):
        raise DataError(f"{where}: 'red_flag' must be true or false, not {_show(red_flag)}")
    red_flag_note = texts_member(where, meta.get("red_flag_note"), "'bodymap.red_flag_note'")
    short_names = texts_member(where, meta.get("short_names"), "'bodymap.short_names'")
    if red_flag and not red_flag_note.get("en"):
        raise DataError(f"{where}: a red-flag pattern needs a 'red_flag_note' in English")
    sex = meta.get("sex")
    if sex is not None and sex not in SEXES:
        raise DataError(
            f"{where}: 'sex' (the one sex that has the structure) must be "
            f"{' or '.join(SEXES)}, not {_show(sex)}"
        )
    return Pattern(
        kind=kind,
        red_flag=red_flag,
        sex=sex,
        red_flag_note=MappingProxyType(red_flag_note),
        short_names=MappingProxyType(short_names),
        name=name,
        names=MappingProxyType(names),
        chart=chart,
        drawn_side=drawn,
        bilateral=bilateral,
        summary=MappingProxyType(summary),
        sources=tuple(sources),
        meta=MappingProxyType(dict(meta)),
        path=path,
        _zones=MappingProxyType(by_side_zones),
        _points=MappingProxyType(by_side_points),
    )


def load_pattern(name_or_path: str | os.PathLike[str] = DEFAULT_PATTERN) -> Pattern:
    """Load a referral pattern.

    Parameters
    ----------
    name_or_path
        A built-in pattern name (see :func:`pattern_names`) or the path of a pattern file.

    Raises
    ------
    UnknownNameError
        If a built-in name is unknown; the message lists the built-in names.
    DataError
        If the file is missing or malformed.
    """
    if isinstance(name_or_path, Pattern):
        return name_or_path
    return load_cached("pattern", name_or_path, pattern_from_dict)


def pattern_names() -> tuple[str, ...]:
    """Names of the built-in patterns, sorted."""
    return builtin_names("pattern")


def select_patterns(
    kinds: Sequence[str] | None = None, areas: Sequence[str] | None = None
) -> tuple[Pattern, ...]:
    """The built-in patterns, optionally only of some kinds and touching some body areas.

    Parameters
    ----------
    kinds
        Keep patterns of these kinds (:data:`~bodymap.core.choices.PATTERN_KINDS`, in any
        case).
    areas
        Keep patterns whose zones touch one of these body areas (see :meth:`Pattern.areas`).
    """
    kinds = [match_name("pattern kind", k, PATTERN_KINDS) for k in kinds or ()]
    areas = [match_name("body area", a, BODY_AREAS) for a in areas or ()]
    out = []
    for name in pattern_names():
        pattern = load_pattern(name)
        if kinds and pattern.kind not in kinds:
            continue
        if areas and not set(areas) & set(pattern.areas()):
            continue
        out.append(pattern)
    return tuple(out)
