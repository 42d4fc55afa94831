"""Body charts: the outlines of the body per view and their partition into named regions.

A :class:`Chart` holds, for each view (``"front"``, ``"back"``; the adult chart adds the small
``"sole"`` view of the plantar surfaces of both feet), the body outline as a shapely polygon
(a multipolygon for a view of separate parts, such as the two soles) and the :class:`Region`
objects that partition it.  Coordinates are centimetres on a reference adult of 175 cm; each
view has its own frame with the origin on the floor at the body midline, y up and x to the
viewer's right, so the patient's left side is at ``x > 0`` in the front view and at ``x < 0``
in the back and sole views.  Charts are loaded with :func:`load_chart`
from a built-in name or a path; they are immutable and cached.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath
from types import MappingProxyType
from typing import Any, Literal

import shapely
from shapely.geometry import GeometryCollection, LinearRing, MultiPolygon, Point, Polygon

from bodymap.core.choices import BODY_AREAS, REGION_SIDES, VIEWS, check_lang
from bodymap.core.errors import DataError, UnknownNameError
from bodymap.core.geometry import MAX_COORDINATE, from_geojson
from bodymap.core.text import show_value as _show
from bodymap.model.data import (
    builtin_names,
    data_dir,
    data_geometry,
    is_trusted,
    load_cached,
    looks_like_path,
    text_member,
    texts_member,
)

__all__ = [
    "CHART_FEATURE_KINDS",
    "CHART_UNITS",
    "DEFAULT_VIEWS",
    "SNOMED_MATCHES",
    "Chart",
    "Region",
    "Snomed",
    "load_chart",
    "named_chart",
]

Side = Literal["left", "right", "midline"]


@dataclass(frozen=True)
class Snomed:
    """A SNOMED CT body-structure concept attached to a region.

    ``match`` is ``"exact"`` when the concept denotes the region itself and ``"broader"``
    when it denotes a larger structure that contains the region (for example the whole left
    thigh for the front of the left thigh).
    """

    code: str
    term: str
    match: Literal["exact", "broader"] = "exact"


@dataclass(frozen=True, eq=False)
class Region:
    """One named region of a body chart.

    Attributes
    ----------
    id
        Unique kebab-case id, side last (``"groin-left"``, ``"pubic"``).
    view
        The view the region belongs to (``"front"`` or ``"back"``).
    side
        ``"left"``, ``"right"`` or ``"midline"`` (the patient's side).
    names
        Display names by language code (``{"en": "Left groin", "nl": "Linkerlies"}``).
    snomed
        The SNOMED CT body structure, where a verified code exists, else ``None``.
    geometry
        The region's polygon in chart centimetres.
    body_area
        The body area the region belongs to (see
        :data:`~bodymap.core.choices.BODY_AREAS`), or ``None`` if the chart does not say.
    """

    id: str
    view: str
    side: str
    names: Mapping[str, str]
    snomed: Snomed | None
    geometry: Polygon
    body_area: str | None = None

    def name(self, lang: str = "en") -> str:
        """Display name in ``lang`` (``"en"`` or ``"nl"``)."""
        return self.names.get(check_lang(lang)) or self.names.get("en") or self.id

    @property
    def area(self) -> float:
        """Area in cm²."""
        return float(self.geometry.area)

    def to_dict(self) -> dict[str, Any]:
        """The region's record as ``bodymap regions --json`` prints it.

        Keys: ``id``, ``view``, ``side``, ``names``, ``snomed`` (``code``, ``term``,
        ``match``, or ``None``) and ``area_cm2`` (rounded to 0.1).
        """
        snomed = self.snomed
        return {
            "id": self.id,
            "view": self.view,
            "side": self.side,
            "names": dict(self.names),
            "snomed": None
            if snomed is None
            else {"code": snomed.code, "term": snomed.term, "match": snomed.match},
            "area_cm2": round(self.area, 1),
        }


@dataclass(frozen=True, eq=False)
class Chart:
    """A body chart: outlines per view and the regions that partition them.

    Use :func:`load_chart` to get one.  ``views`` lists the views in drawing order;
    :meth:`outline` gives a view's body outline and :attr:`regions` all regions of all views.
    """

    name: str
    title: Mapping[str, str]
    views: tuple[str, ...]
    units: str
    height_cm: float
    regions: tuple[Region, ...]
    landmarks: Mapping[str, Mapping[str, tuple[float, float]]]
    meta: Mapping[str, Any]
    path: Path | None = None
    _outlines: Mapping[str, Polygon | MultiPolygon] = field(default_factory=dict, repr=False)
    _by_id: Mapping[str, Region] = field(default_factory=dict, repr=False)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def check_view(self, view: str) -> str:
        """Return ``view`` if the chart has it, else raise :class:`UnknownNameError`."""
        if view not in self.views:
            raise UnknownNameError("view", view, self.views)
        return view

    def outline(self, view: str) -> Polygon | MultiPolygon:
        """The body outline of ``view`` in chart cm.

        A polygon, or a multipolygon for a view of separate parts (the two soles).
        """
        return self._outlines[self.check_view(view)]

    def outline_rings(self, view: str) -> LinearRing | GeometryCollection:
        """The edge of ``view``'s outline: its exterior ring, or the rings of its parts."""
        outline = self.outline(view)
        if isinstance(outline, Polygon):
            return outline.exterior
        return GeometryCollection([part.exterior for part in outline.geoms])

    def region(self, region_id: str) -> Region:
        """The region with id ``region_id``."""
        try:
            return self._by_id[region_id]
        except KeyError:
            raise UnknownNameError("region", region_id, self._by_id) from None

    def has_region(self, region_id: str) -> bool:
        """Whether the chart has a region (or a region alias) with id ``region_id``."""
        return region_id in self._by_id or region_id in self.aliases

    def resolve_region(self, region_id: str) -> tuple[Region, ...]:
        """The regions an id stands for: the region itself, or the regions of an alias.

        An alias keeps an old id valid after a region was split: the adult chart reads
        ``abdomen`` as ``abdomen-left`` and ``abdomen-right``.
        """
        if region_id in self.aliases:
            return tuple(self.region(r) for r in self.aliases[region_id])
        return (self.region(region_id),)

    def region_geometry(self, region_id: str) -> Polygon | MultiPolygon:
        """The area of a region or of all the regions of an alias (see :meth:`resolve_region`)."""
        regions = self.resolve_region(region_id)
        if len(regions) == 1:
            return regions[0].geometry
        merged = shapely.union_all([r.geometry for r in regions])
        assert isinstance(merged, (Polygon, MultiPolygon))
        return merged

    def regions_in(self, view: str) -> tuple[Region, ...]:
        """The regions of one view, in file order."""
        self.check_view(view)
        return tuple(r for r in self.regions if r.view == view)

    def region_at(self, view: str, x: float, y: float) -> Region | None:
        """The region of ``view`` that contains the point ``(x, y)``, or ``None`` if outside."""
        point = Point(x, y)
        for region in self.regions_in(view):
            if region.geometry.covers(point):
                return region
        return None

    def geometries(self, view: str | None = None) -> Iterator[Polygon]:
        """Yield the region polygons, of one view or of all views."""
        for region in self.regions:
            if view is None or region.view == view:
                yield region.geometry

    def area(self, view: str | None = None) -> float:
        """Body area in cm², of one view or of the body chart.

        The body chart's area, which extent percentages refer to, is the sum over the front
        and the back view (every view for a chart without them): a further view such as the
        soles adds its marks to the marked cm² but not to the body area, so that extents stay
        comparable with drawings made on a front-and-back chart.
        """
        if view is not None:
            return float(self._outlines[self.check_view(view)].area)
        views = [v for v in self.views if v in VIEWS] or self.views
        return float(sum(self._outlines[v].area for v in views))


#: The values of a region's ``snomed.match``: the concept is the region, or a broader one.
SNOMED_MATCHES: tuple[str, ...] = ("exact", "broader")
#: The kinds of a chart file's features: one ``outline`` per view, and the ``region``\ s.
CHART_FEATURE_KINDS: tuple[str, ...] = ("outline", "region")
#: The views of a chart file that does not name its own, and its only unit.
DEFAULT_VIEWS: tuple[str, ...] = ("front", "back")
CHART_UNITS = "cm"


def _body_area(path: Path, region_id: str, raw: Any) -> str | None:
    if raw is not None and raw not in BODY_AREAS:
        raise DataError(
            f"{path}: region {region_id!r}: body_area must be one of {', '.join(BODY_AREAS)}"
        )
    return raw  # type: ignore[no-any-return]


def _parse_snomed(path: Path, region_id: str, raw: Any) -> Snomed | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("code"), str):
        raise DataError(f"{path}: region {region_id!r}: 'snomed' must be null or have a 'code'")
    match = raw.get("match", SNOMED_MATCHES[0])
    if match not in SNOMED_MATCHES:
        raise DataError(f"{path}: region {region_id!r}: snomed 'match' must be exact or broader")
    term = raw.get("term", "")
    if not isinstance(term, str):
        raise DataError(f"{path}: region {region_id!r}: snomed 'term' must be text")
    return Snomed(code=raw["code"], term=term, match=match)


def _views(where: Path, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return DEFAULT_VIEWS
    if (
        not isinstance(raw, list)
        or not raw
        or not all(isinstance(v, str) and v.strip() for v in raw)
        or len(set(raw)) != len(raw)
    ):
        raise DataError(
            f"{where}: 'bodymap.views' must be a list of distinct view names, not {_show(raw)}"
        )
    return tuple(raw)


def _landmarks(
    where: Path, raw: Any, views: tuple[str, ...]
) -> dict[str, Mapping[str, tuple[float, float]]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DataError(f"{where}: 'bodymap.landmarks' must be an object by view, not {_show(raw)}")
    out: dict[str, Mapping[str, tuple[float, float]]] = {}
    trusted = is_trusted()  # a built-in chart's points are checked by the test suite
    for view, points in raw.items():
        if view not in views:
            raise DataError(
                f"{where}: landmarks on unknown view {view!r}; choose from: {', '.join(views)}"
            )
        if not isinstance(points, dict):
            raise DataError(f"{where}: landmarks of {view!r} must be an object of [x, y] points")
        checked: dict[str, tuple[float, float]] = {}
        for name, xy in points.items():
            if trusted:
                checked[name] = (float(xy[0]), float(xy[1]))
                continue
            try:
                x, y = from_geojson({"type": "Point", "coordinates": xy}, ("Point",)).coords[0]
            except (ValueError, TypeError):
                raise DataError(
                    f"{where}: landmark {name!r} of {view!r} must be an [x, y] point in range, "
                    f"not {_show(xy)}"
                ) from None
            checked[name] = (float(x), float(y))
        out[view] = MappingProxyType(checked)
    return out


def chart_from_dict(doc: dict[str, Any], path: Path | None = None) -> Chart:
    """Build a :class:`Chart` from a parsed chart document (see ``shapes/README.md``).

    Every member is checked (types of names, titles, views, landmarks and height, each
    feature's kind, view, side, names and geometry); a problem is a :class:`DataError`
    naming the file.
    """
    where = path if path is not None else Path("<chart>")
    meta = doc["bodymap"]
    views = _views(where, meta.get("views"))
    units = meta.get("units", CHART_UNITS)
    if units != CHART_UNITS:
        raise DataError(f"{where}: 'bodymap.units' must be \"cm\", not {_show(units)}")
    height = meta.get("height_cm", 175.0)
    if (
        not isinstance(height, (int, float))
        or isinstance(height, bool)
        or not 0 < height <= MAX_COORDINATE
    ):
        raise DataError(
            f"{where}: 'bodymap.height_cm' must be a positive number of cm, not {_show(height)}"
        )
    name = text_member(where, meta.get("name"), "'bodymap.name'", where.stem)
    title = texts_member(where, meta.get("title"), "'bodymap.title'")
    landmarks = _landmarks(where, meta.get("landmarks"), views)
    outlines: dict[str, Polygon | MultiPolygon] = {}
    regions: list[Region] = []
    for index, feature in enumerate(doc["features"]):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise DataError(f"{where}: feature {index}: not a GeoJSON Feature with properties")
        props = feature["properties"]
        view = props.get("view")
        if view not in views:
            raise DataError(
                f"{where}: feature {index}: unknown view {_show(view)}; "
                f"choose from: {', '.join(views)}"
            )
        kind = props.get("kind")
        allowed = ("Polygon", "MultiPolygon") if kind == CHART_FEATURE_KINDS[0] else ("Polygon",)
        geometry = data_geometry(where, feature.get("geometry"), allowed, f"feature {index}")
        if not isinstance(geometry, (Polygon, MultiPolygon)) or not geometry.is_valid:
            raise DataError(f"{where}: feature {index}: geometry must be a valid {allowed[0]}")
        shapely.prepare(geometry)
        if kind == CHART_FEATURE_KINDS[0]:
            if view in outlines:
                raise DataError(f"{where}: feature {index}: a second outline for view {view!r}")
            outlines[view] = geometry
        elif kind == CHART_FEATURE_KINDS[1]:
            assert isinstance(geometry, Polygon)  # data_geometry allowed only polygons
            region_id = feature.get("id")
            if not isinstance(region_id, str) or not region_id.strip():
                raise DataError(
                    f"{where}: feature {index}: a region needs an 'id' (text), "
                    f"not {_show(region_id)}"
                )
            side = props.get("side")
            if side not in REGION_SIDES:
                raise DataError(
                    f"{where}: region {region_id!r}: side must be one of {REGION_SIDES}"
                )
            regions.append(
                Region(
                    id=region_id,
                    view=view,
                    side=side,
                    names=MappingProxyType(
                        texts_member(where, props.get("names"), f"region {region_id!r}: 'names'")
                    ),
                    snomed=_parse_snomed(where, region_id, props.get("snomed")),
                    geometry=geometry,
                    body_area=_body_area(where, region_id, props.get("body_area")),
                )
            )
        else:
            raise DataError(f"{where}: feature {index}: unknown kind {_show(kind)}")
    missing = [v for v in views if v not in outlines]
    if missing:
        raise DataError(f"{where}: no outline for view(s) {', '.join(missing)}")
    by_id: dict[str, Region] = {}
    for region in regions:
        if region.id in by_id:
            raise DataError(f"{where}: duplicate region id {region.id!r}")
        by_id[region.id] = region
    aliases: dict[str, tuple[str, ...]] = {}
    raw_aliases = meta.get("aliases", {})
    if not isinstance(raw_aliases, dict):
        raise DataError(f"{where}: 'aliases' must map an old region id to a list of region ids")
    for alias, targets in raw_aliases.items():
        if (
            not isinstance(targets, list)
            or not targets
            or not all(isinstance(t, str) and t in by_id for t in targets)
        ):
            raise DataError(f"{where}: alias {alias!r} must list region ids of this chart")
        if len({by_id[t].view for t in targets}) != 1:
            raise DataError(f"{where}: alias {alias!r} must name regions of one view")
        aliases[str(alias)] = tuple(targets)
    return Chart(
        name=name,
        title=MappingProxyType(title),
        views=views,
        units=units,
        height_cm=float(height),
        regions=tuple(regions),
        landmarks=MappingProxyType(landmarks),
        meta=MappingProxyType({k: v for k, v in meta.items() if k not in ("landmarks", "aliases")}),
        path=path,
        _outlines=MappingProxyType(outlines),
        _by_id=MappingProxyType(by_id),
        aliases=MappingProxyType(aliases),
    )


def load_chart(name_or_path: str | os.PathLike[str] = "adult") -> Chart:
    """Load a body chart.

    Parameters
    ----------
    name_or_path
        A built-in chart name (``"adult"``, the default) or the path of a chart JSON file.

    Returns
    -------
    Chart
        The chart; loading the same unchanged file again returns the cached object.

    Raises
    ------
    UnknownNameError
        If a built-in name is unknown (the message lists the valid names).
    DataError
        If the file is missing or malformed (the message names the file).
    """
    return load_cached("chart", name_or_path, chart_from_dict)


def _is_given(name: str, given: Chart) -> bool:
    """Whether a chart name written in a file stands for the chart the user gave."""
    if name == given.name:
        return True
    if given.path is None or not looks_like_path(name):
        return False
    # Only the file name is compared: the file the name points at is never opened.
    return name == str(given.path) or given.path.name in (
        PurePath(name).name,
        PurePosixPath(name).name,
    )


def named_chart(name: object, given: Chart | None = None) -> Chart:
    """The chart a file names (a drawing's, a scheme's or a QR code's ``chart``).

    Content read from a file names a built-in chart or the chart the user gave explicitly
    (``given``: ``--chart FILE``, a ``chart=`` argument), and nothing else: a path written
    in a file is never opened, so a file cannot make bodymap read another file.  A name
    stands for ``given`` if it is its name (``bodymap.name`` of the chart file), its path,
    or a path with the same file name.

    Parameters
    ----------
    name
        The chart as the file names it.
    given
        The chart given explicitly, if any.

    Returns
    -------
    Chart
        ``given``, or the built-in chart of that name.

    Raises
    ------
    UnknownNameError
        For a short name that is not built in (the message lists the charts allowed).
    DataError
        For a path or any other value; the message quotes only the name, shortened.
    """
    if given is not None and isinstance(name, str) and _is_given(name, given):
        return given
    if given is not None and given.path is not None and given.path.parent == data_dir():
        given = None  # a built-in chart: the built-in names say it all
    if isinstance(name, str) and looks_like_path(name):
        builtin = ", ".join(builtin_names("chart"))
        if given is None:
            raise DataError(
                f"chart {_show(name)} is not a built-in chart ({builtin}); a chart file is "
                "used only when given explicitly (--chart FILE, or chart= in Python)"
            )
        raise DataError(
            f"chart {_show(name)} is neither a built-in chart ({builtin}) nor the chart "
            f"given ({given.name!r})"
        )
    choices = (*builtin_names("chart"), *(() if given is None else (given.name,)))
    if isinstance(name, str) and name.isprintable() and 0 < len(name) <= 64:
        try:
            return load_chart(name)
        except UnknownNameError:
            raise UnknownNameError("chart", name, choices) from None
    raise DataError(f"unknown chart {_show(name)}; choose from: {', '.join(choices)}")
