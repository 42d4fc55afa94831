"""A backend-free scene: styled shapes, lines and text on a page, ready for any renderer.

The layout step (:mod:`bodymap.scene.pattern_figure`) computes everything a figure shows —
where each view
sits on the page, which colour and hatch each zone gets, where labels go and how leader lines
run — and records it as a :class:`Scene`.  The SVG and matplotlib renderers then only draw
what the scene says, so both outputs agree and no layout logic is written twice.  Page
coordinates are millimetres with the origin at the top left and y pointing down, as in SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from shapely.geometry.base import BaseGeometry

from bodymap.core.text import shown_text

__all__ = ["Group", "Item", "Line", "Scene", "Shape", "Style", "Text", "ViewFrame"]


@dataclass(frozen=True)
class Style:
    """How a shape or line is painted.

    Colours are ``#rrggbb`` strings or ``None`` for nothing; widths are page millimetres.
    ``hatch`` names a fill pattern drawn over the fill (only ``"dots"`` for now) in
    ``hatch_color``.
    """

    fill: str | None = None
    fill_opacity: float = 1.0
    stroke: str | None = None
    stroke_width: float = 0.0
    stroke_opacity: float = 1.0
    hatch: Literal["dots"] | None = None
    hatch_color: str | None = None
    dash: tuple[float, ...] | None = None


@dataclass(frozen=True, eq=False)
class Shape:
    """A filled and/or stroked geometry (polygons, or lines for strokes) in page mm.

    ``id`` is stable and unique within the scene; ``title`` is the hover text; ``kind`` tells
    renderers and users what it is (``"region"``, ``"zone"``, ``"outline"``, ...).
    """

    id: str
    geometry: BaseGeometry
    style: Style
    title: str | None = None
    kind: str = "shape"

    def __post_init__(self) -> None:
        if self.title:
            object.__setattr__(self, "title", shown_text(self.title))


@dataclass(frozen=True)
class Line:
    """An open polyline (a leader line, a tick) in page mm."""

    id: str
    points: tuple[tuple[float, float], ...]
    style: Style
    kind: str = "line"


@dataclass(frozen=True)
class Text:
    """A text, possibly of several lines, anchored at ``(x, y)`` in page mm.

    ``size`` is the font size in mm (the height of the em box); ``anchor`` is the horizontal
    alignment; ``y`` is the baseline of the first line.
    """

    id: str
    x: float
    y: float
    text: str
    size: float
    anchor: Literal["start", "middle", "end"] = "start"
    weight: Literal["normal", "bold"] = "normal"
    color: str = "#222222"
    line_height: float = 1.2
    kind: str = "text"

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", shown_text(self.text))

    @property
    def lines(self) -> tuple[str, ...]:
        """The text split into lines."""
        return tuple(self.text.split("\n"))


@dataclass(frozen=True)
class Group:
    """A named group of items, drawn in order (an SVG ``<g>`` with an id)."""

    id: str
    items: tuple[Item, ...]
    title: str | None = None

    def __post_init__(self) -> None:
        if self.title:
            object.__setattr__(self, "title", shown_text(self.title))


Item = Shape | Line | Text | Group


@dataclass(frozen=True)
class ViewFrame:
    """Where one chart view sits on the page.

    A chart point ``(x, y)`` in centimetres is drawn at page ``(ox + x, oy - y)`` in
    millimetres; ``box`` is the view's bounding box on the page ``(x0, y0, x1, y1)``.
    """

    view: str
    ox: float
    oy: float
    box: tuple[float, float, float, float]

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        """Page position of chart point ``(x, y)``."""
        return self.ox + x, self.oy - y

    def to_chart(self, px: float, py: float) -> tuple[float, float]:
        """Chart position of page point ``(px, py)``."""
        return px - self.ox, self.oy - py


@dataclass(frozen=True)
class Scene:
    """A whole figure: page size in mm, title and description, and the items to draw."""

    width: float
    height: float
    title: str
    desc: str
    items: tuple[Item, ...] = field(default_factory=tuple)
    background: str = "#ffffff"
    font_family: str = "sans-serif"
    lang: str = "en"
    frames: tuple[ViewFrame, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", shown_text(self.title))
        object.__setattr__(self, "desc", shown_text(self.desc))

    def frame(self, view: str) -> ViewFrame:
        """The placement of ``view`` on the page (``KeyError`` if the scene lacks it)."""
        for frame in self.frames:
            if frame.view == view:
                return frame
        raise KeyError(view)

    def walk(self) -> list[Shape | Line | Text]:
        """All drawable items in drawing order, groups flattened."""
        out: list[Shape | Line | Text] = []

        def visit(items: tuple[Item, ...]) -> None:
            for item in items:
                if isinstance(item, Group):
                    visit(item.items)
                else:
                    out.append(item)

        visit(self.items)
        return out

    def ids(self) -> list[str]:
        """Ids of all items and groups, in drawing order."""
        out: list[str] = []

        def visit(items: tuple[Item, ...]) -> None:
            for item in items:
                out.append(item.id)
                if isinstance(item, Group):
                    visit(item.items)

        visit(self.items)
        return out
