"""Body charts: the outlines of the body per view and their partition into named regions.

A :class:`Chart` holds, for each view (``"front"``, ``"back"``), the body outline as a shapely
polygon and the :class:`Region` objects that partition it.  Coordinates are centimetres on a
reference adult of 175 cm; each view has its own frame with the origin on the floor at the
body midline, y up and x to the viewer's right, so the patient's left side is at ``x > 0`` in
the front view and at ``x < 0`` in the back view.  Charts are loaded with :func:`load_chart`
from a built-in name or a path; they are immutable and cached.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import shapely
from shapely.geometry import Point, Polygon

from bodymap.core.choices import REGION_SIDES, check_lang
from bodymap.core.errors import DataError, UnknownNameError
from bodymap.core.geometry import MAX_COORDINATE, from_geojson
from bodymap.core.text import show_value as _show
from bodymap.model.data import data_geometry, load_cached, text_member, texts_member

__all__ = ["Chart", "Region", "Snomed", "load_chart"]

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
        Unique kebab-case id, side last (``"groin-left"``, ``"abdomen"``).
    view
        The view the region belongs to (``"front"`` or ``"back"``).
    side
        ``"left"``, ``"right"`` or ``"midline"`` (the patient's side).
    names
        Display names by language code (``{"en": "Left groin", "nl": "Linker lies"}``).
    snomed
        The SNOMED CT body structure, where a verified code exists, else ``None``.
    geometry
        The region's polygon in chart centimetres.
    """

    id: str
    view: str
    side: str
    names: Mapping[str, str]
    snomed: Snomed | None
    geometry: Polygon

    def name(self, lang: str = "en") -> str:
        """Display name in ``lang`` (``"en"`` or ``"nl"``)."""
        return self.names.get(check_lang(lang)) or self.names.get("en") or self.id

    @property
    def area(self) -> float:
        """Area in cm²."""
        return float(self.geometry.area)


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
    _outlines: Mapping[str, Polygon] = field(default_factory=dict, repr=False)
    _by_id: Mapping[str, Region] = field(default_factory=dict, repr=False)

    def check_view(self, view: str) -> str:
        """Return ``view`` if the chart has it, else raise :class:`UnknownNameError`."""
        if view not in self.views:
            raise UnknownNameError("view", view, self.views)
        return view

    def outline(self, view: str) -> Polygon:
        """The body outline of ``view`` as a shapely polygon in chart cm."""
        return self._outlines[self.check_view(view)]

    def region(self, region_id: str) -> Region:
        """The region with id ``region_id``."""
        try:
            return self._by_id[region_id]
        except KeyError:
            raise UnknownNameError("region", region_id, self._by_id) from None

    def has_region(self, region_id: str) -> bool:
        """Whether the chart has a region with id ``region_id``."""
        return region_id in self._by_id

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
        """Body area in cm², of one view or summed over all views."""
        views = self.views if view is None else (self.check_view(view),)
        return float(sum(self._outlines[v].area for v in views))


def _parse_snomed(path: Path, region_id: str, raw: Any) -> Snomed | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("code"), str):
        raise DataError(f"{path}: region {region_id!r}: 'snomed' must be null or have a 'code'")
    match = raw.get("match", "exact")
    if match not in ("exact", "broader"):
        raise DataError(f"{path}: region {region_id!r}: snomed 'match' must be exact or broader")
    term = raw.get("term", "")
    if not isinstance(term, str):
        raise DataError(f"{path}: region {region_id!r}: snomed 'term' must be text")
    return Snomed(code=raw["code"], term=term, match=match)


def _views(where: Path, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ("front", "back")
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
    for view, points in raw.items():
        if view not in views:
            raise DataError(
                f"{where}: landmarks on unknown view {view!r}; choose from: {', '.join(views)}"
            )
        if not isinstance(points, dict):
            raise DataError(f"{where}: landmarks of {view!r} must be an object of [x, y] points")
        checked: dict[str, tuple[float, float]] = {}
        for name, xy in points.items():
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
    units = meta.get("units", "cm")
    if units != "cm":
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
    outlines: dict[str, Polygon] = {}
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
        geometry = data_geometry(where, feature.get("geometry"), ("Polygon",), f"feature {index}")
        if not isinstance(geometry, Polygon) or not geometry.is_valid:
            raise DataError(f"{where}: feature {index}: geometry must be a valid Polygon")
        shapely.prepare(geometry)
        kind = props.get("kind")
        if kind == "outline":
            if view in outlines:
                raise DataError(f"{where}: feature {index}: a second outline for view {view!r}")
            outlines[view] = geometry
        elif kind == "region":
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
    return Chart(
        name=name,
        title=MappingProxyType(title),
        views=views,
        units=units,
        height_cm=float(height),
        regions=tuple(regions),
        landmarks=MappingProxyType(landmarks),
        meta=MappingProxyType({k: v for k, v in meta.items() if k != "landmarks"}),
        path=path,
        _outlines=MappingProxyType(outlines),
        _by_id=MappingProxyType(by_id),
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
