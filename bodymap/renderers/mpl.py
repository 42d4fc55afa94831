"""Render a :class:`~bodymap.scene.Scene` with matplotlib (PNG, PDF, or into a user's Axes).

Consecutive shapes with the same style are drawn as one ``PathCollection``, so a chart with
many regions costs about as much as matplotlib drawing the same polygons itself.  Sizes in
the scene are page millimetres; they are converted to points from the size of the Axes, so
a figure drawn into a small subplot keeps its proportions.  This module never selects a
backend and never calls ``pyplot``: figures are made with :class:`matplotlib.figure.Figure`.
"""

from __future__ import annotations

import warnings
from itertools import groupby
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from matplotlib import __version__ as _MPL_VERSION
from matplotlib import rc_context
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.path import Path
from shapely.geometry.base import BaseGeometry

from bodymap.scene.items import Line, Scene, Shape, Style, Text
from bodymap.scene.layout import FONT_NAME

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_scene", "geometry_path", "scene_figure"]

MM_TO_PT = 72.0 / 25.4
_HA = {"start": "left", "middle": "center", "end": "right"}


#: Settings for unhinted text in large PNGs; matplotlib 3.11 deprecated ``text.hinting_factor``
#: (and no longer needs it).
_UNHINTED: dict[Any, Any] = {"text.hinting": "no_hinting"}
if tuple(int(p) for p in _MPL_VERSION.split(".")[:2] if p.isdigit()) < (3, 11):
    _UNHINTED["text.hinting_factor"] = 1


def geometry_path(geometry: BaseGeometry) -> Path:
    """A matplotlib :class:`~matplotlib.path.Path` for polygons (with holes) and lines."""
    parts = getattr(geometry, "geoms", [geometry])
    verts: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for part in parts:
        if part.geom_type == "Polygon":
            rings = [part.exterior, *part.interiors]
            closed = True
        elif part.geom_type == "LinearRing":
            rings, closed = [part], True
        else:
            rings, closed = [part], False
        for ring in rings:
            xy = shapely.get_coordinates(ring)
            if len(xy) == 0:
                continue
            c = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
            c[0] = Path.MOVETO
            if closed:
                c[-1] = Path.CLOSEPOLY
            verts.append(xy)
            codes.append(c)
    if not verts:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(verts), np.concatenate(codes))


def _rgba(color: str | None, alpha: float) -> tuple[float, float, float, float]:
    if color is None:
        return (0.0, 0.0, 0.0, 0.0)
    return to_rgba(color, alpha)


def _draw_shapes(ax: Axes, shapes: list[Shape], style: Style, pt_per_mm: float, z: float) -> None:
    paths = [geometry_path(s.geometry) for s in shapes]
    closed = any(s.geometry.geom_type in ("Polygon", "MultiPolygon") for s in shapes)
    face = _rgba(style.fill, style.fill_opacity) if closed else (0.0, 0.0, 0.0, 0.0)
    edge = _rgba(style.stroke, style.stroke_opacity) if style.stroke_width > 0 else "none"
    coll = PathCollection(
        paths,
        facecolors=[face],
        edgecolors=[edge],
        linewidths=[style.stroke_width * pt_per_mm],
        joinstyle="round",
        capstyle="round",
        zorder=z,
    )
    if style.dash:
        coll.set_linestyle((0.0, [d * pt_per_mm for d in style.dash]))
    coll.set_gid(shapes[0].id if len(shapes) == 1 else f"{shapes[0].kind}-collection")
    ax.add_collection(coll, autolim=False)
    if closed and style.hatch == "dots":
        hatch = PathCollection(
            paths,
            facecolors="none",
            edgecolors=[_rgba(style.hatch_color or style.stroke, 1.0)],
            linewidths=[0.0],
            hatch="...",
            zorder=z + 0.1,
        )
        ax.add_collection(hatch, autolim=False)


def draw_scene(scene: Scene, ax: Axes) -> Axes:
    """Draw ``scene`` into ``ax`` (sets limits, equal aspect and hides the axis).

    Parameters
    ----------
    scene
        The scene to draw.
    ax
        A matplotlib Axes; the scene fills it, keeping its aspect ratio.

    Returns
    -------
    Axes
        ``ax``, for chaining.
    """
    ax.set_xlim(0, scene.width)
    ax.set_ylim(scene.height, 0)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure)
    bbox = ax.get_position()
    fw, fh = fig.get_size_inches()
    pt_per_mm = min(bbox.width * fw * 72.0 / scene.width, bbox.height * fh * 72.0 / scene.height)

    items = scene.walk()
    z = 1.0
    for key, run in groupby(items, key=lambda it: (type(it), getattr(it, "style", None))):
        kind, style = key
        batch = list(run)
        if kind is Shape:
            assert isinstance(style, Style)
            _draw_shapes(ax, batch, style, pt_per_mm, z)  # type: ignore[arg-type]
        elif kind is Line:
            assert isinstance(style, Style)
            lines = [Shape(it.id, shapely.LineString(it.points), style) for it in batch]  # type: ignore[union-attr]
            _draw_shapes(ax, lines, style, pt_per_mm, z)
        else:
            for it in batch:
                assert isinstance(it, Text)
                for i, line in enumerate(it.lines):
                    t = ax.text(
                        it.x,
                        it.y + i * it.size * it.line_height,
                        line,
                        fontsize=it.size * pt_per_mm,
                        ha=_HA[it.anchor],
                        va="baseline",
                        color=it.color,
                        fontweight=it.weight,
                        family=[FONT_NAME, scene.font_family],
                        zorder=z,
                        parse_math=False,  # text from outside is plain text: "$" is a dollar
                    )
                    t.set_gid(it.id)
        z += 1.0
    return ax


def scene_figure(scene: Scene, dpi: float = 200) -> Figure:
    """A new matplotlib :class:`~matplotlib.figure.Figure` at the scene's print size."""
    fig = Figure(figsize=(scene.width / 25.4, scene.height / 25.4), dpi=dpi)
    fig.patch.set_facecolor(scene.background)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    draw_scene(scene, ax)
    return fig


#: From this resolution up, glyphs are rasterised without hinting: hinting snaps outlines to
#: the pixel grid, which helps screen-size text but not print resolutions, and costs time.
UNHINTED_DPI = 150


#: What matplotlib warns (two lines on stderr) when text from outside (a subject id, a
#: pattern name) has a character its fonts lack, an emoji say: the figure is still written,
#: with a placeholder box for the character, so it is not the user's concern.
GLYPH_WARNING = r"Glyph \d+ .*missing from font"


def save_figure(scene: Scene, target: Any, fmt: str, dpi: float = 200) -> None:
    """Write the scene as ``fmt`` (``"png"`` or ``"pdf"``) to a path or binary file.

    Missing-glyph warnings (:data:`GLYPH_WARNING`) are silenced while it is drawn.
    """
    fig = scene_figure(scene, dpi)
    metadata: dict[str, Any] = {"Title": scene.title}
    if fmt == "pdf":
        metadata["Subject"] = scene.desc
        metadata["CreationDate"] = None
    else:
        metadata["Description"] = scene.desc
    unhinted = fmt == "png" and dpi >= UNHINTED_DPI
    with (
        rc_context(_UNHINTED if unhinted else None),
        warnings.catch_warnings(),
    ):
        warnings.filterwarnings("ignore", GLYPH_WARNING, UserWarning)
        fig.savefig(target, format=fmt, dpi=dpi, facecolor=scene.background, metadata=metadata)
