"""Render a :class:`~bodymap.scene.Scene` as SVG with svgwrite.

Every shape becomes a ``<path>`` with the scene item's stable id and, where it has one, a
``<title>`` child (hover text); groups become ``<g>`` elements with ids.  The document has a
``viewBox`` in page millimetres, a root ``<title>`` and ``<desc>``, the font the layout
measured texts in (DejaVu Sans) with the generic family as fallback,
and is byte-identical for the same scene.  svgwrite runs with ``debug=False`` (its validating
mode is several times slower) and path data is formatted here from plain Python floats.
All text goes through the XML serialiser, so untrusted strings are escaped.
"""

from __future__ import annotations

from typing import Any

import shapely
import svgwrite
from shapely.geometry import LinearRing, LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.core.text import xml_text
from bodymap.scene.items import Group, Item, Line, Scene, Shape, Style, Text
from bodymap.scene.layout import FONT_NAME

__all__ = ["path_data", "scene_to_svg"]


def _fmt(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _ring(xy: Any, close: bool) -> str:
    """Path data of one ring or line from an (n, 2) coordinate array.

    All pairs are formatted by one ``%`` operation (C speed); after ``M`` the pairs are
    implicit line-tos.
    """
    if close and len(xy) > 1 and (xy[0] == xy[-1]).all():
        xy = xy[:-1]
    flat = xy.ravel().tolist()
    if not flat:
        return ""
    body = ("%.2f,%.2f " * (len(flat) // 2)) % tuple(flat)
    return f"M{body[:-1]}{'Z' if close else ''}"


def path_data(geometry: BaseGeometry) -> str:
    """SVG path data for a polygon, line or a collection of them (page coordinates)."""
    if isinstance(geometry, Polygon):
        rings = [geometry.exterior, *geometry.interiors]
        return "".join(_ring(shapely.get_coordinates(r), True) for r in rings)
    if isinstance(geometry, LinearRing):
        return _ring(shapely.get_coordinates(geometry), True)
    if isinstance(geometry, LineString):
        return _ring(shapely.get_coordinates(geometry), False)
    if isinstance(geometry, (MultiPolygon, MultiLineString)) or hasattr(geometry, "geoms"):
        return "".join(path_data(g) for g in geometry.geoms)
    raise TypeError(f"cannot draw a {geometry.geom_type} as an SVG path")


class _Renderer:
    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.dwg = svgwrite.Drawing(
            size=(f"{_fmt(scene.width)}mm", f"{_fmt(scene.height)}mm"),
            viewBox=f"0 0 {_fmt(scene.width)} {_fmt(scene.height)}",
            debug=False,
            profile="full",
        )
        self.dwg.set_desc(title=scene.title, desc=scene.desc)
        self.dwg.attribs["font-family"] = f"{FONT_NAME}, {scene.font_family}"
        self.dwg.attribs["lang"] = scene.lang
        self.hatches: dict[str, str] = {}

    def hatch(self, style: Style) -> str:
        color = style.hatch_color or style.stroke or "#000000"
        key = f"hatch-dots-{color.lstrip('#').lower()}"
        if key not in self.hatches:
            pattern = self.dwg.pattern(id=key, size=(1.6, 1.6), patternUnits="userSpaceOnUse")
            pattern.add(self.dwg.circle(center=(0.8, 0.8), r=0.3, fill=color))
            self.dwg.defs.add(pattern)
            self.hatches[key] = key
        return key

    def style_attrs(self, style: Style, closed: bool) -> dict[str, str]:
        attrs: dict[str, str] = {}
        if closed and style.fill:
            attrs["fill"] = style.fill
            if style.fill_opacity != 1.0:
                attrs["fill-opacity"] = _fmt(style.fill_opacity)
            attrs["fill-rule"] = "evenodd"
        else:
            attrs["fill"] = "none"
        if style.stroke and style.stroke_width > 0:
            attrs["stroke"] = style.stroke
            attrs["stroke-width"] = _fmt(style.stroke_width)
            attrs["stroke-linejoin"] = "round"
            attrs["stroke-linecap"] = "round"
            if style.stroke_opacity != 1.0:
                attrs["stroke-opacity"] = _fmt(style.stroke_opacity)
            if style.dash:
                attrs["stroke-dasharray"] = " ".join(_fmt(d) for d in style.dash)
        return attrs

    def shape(self, item: Shape) -> Any:
        closed = item.geometry.geom_type in ("Polygon", "MultiPolygon")
        d = path_data(item.geometry)
        path = self.dwg.path(d=d, id=item.id, **self.style_attrs(item.style, closed))
        path.attribs["class"] = item.kind
        if item.title:
            path.set_desc(title=item.title)
        if closed and item.style.hatch:
            # The hatch is a second path over the fill, so the fill colour stays as it is.
            group = self.dwg.g(id=f"{item.id}-group")
            group.attribs["class"] = item.kind
            if item.title:
                group.set_desc(title=item.title)
            group.add(path)
            group.add(
                self.dwg.path(d=d, id=f"{item.id}-hatch", fill=f"url(#{self.hatch(item.style)})")
            )
            return group
        return path

    def line(self, item: Line) -> Any:
        path = self.dwg.path(
            d=path_data(LineString(item.points)), id=item.id, **self.style_attrs(item.style, False)
        )
        path.attribs["class"] = item.kind
        return path

    def text(self, item: Text) -> Any:
        attrs: dict[str, str] = {
            "font-size": _fmt(item.size),
            "fill": item.color,
        }
        if item.anchor != "start":
            attrs["text-anchor"] = item.anchor
        if item.weight != "normal":
            attrs["font-weight"] = item.weight
        lines = item.lines
        if len(lines) == 1:
            el = self.dwg.text(item.text, insert=(_fmt(item.x), _fmt(item.y)), id=item.id, **attrs)
        else:
            el = self.dwg.text("", insert=(_fmt(item.x), _fmt(item.y)), id=item.id, **attrs)
            step = item.size * item.line_height
            for i, line in enumerate(lines):
                el.add(self.dwg.tspan(line, x=[_fmt(item.x)], y=[_fmt(item.y + i * step)]))
        el.attribs["class"] = item.kind
        return el

    def add(self, parent: Any, items: tuple[Item, ...]) -> None:
        for item in items:
            if isinstance(item, Group):
                g = self.dwg.g(id=item.id)
                if item.title:
                    g.set_desc(title=item.title)
                self.add(g, item.items)
                parent.add(g)
            elif isinstance(item, Shape):
                parent.add(self.shape(item))
            elif isinstance(item, Line):
                parent.add(self.line(item))
            else:
                parent.add(self.text(item))

    def render(self) -> str:
        self.dwg.add(
            self.dwg.rect(
                insert=(0, 0),
                size=(_fmt(self.scene.width), _fmt(self.scene.height)),
                fill=self.scene.background,
                id="background",
            )
        )
        self.add(self.dwg, self.scene.items)
        # Text is cleaned where the scene is made; ids and anything else from outside here.
        return xml_text(str(self.dwg.tostring()))


def scene_to_svg(scene: Scene) -> str:
    """Render ``scene`` to an SVG document (a string, without XML declaration).

    Parameters
    ----------
    scene
        The scene to draw.

    Returns
    -------
    str
        The SVG markup; the same scene always gives the same bytes.
    """
    return _Renderer(scene).render()
