"""The printed paper chart: one A4 page whose geometry the scan reader knows exactly.

The page (210 x 297 mm, origin top left, y down) holds the front and back views of a body
chart at :data:`SCALE` page mm per chart cm, four ArUco fiducial markers (OpenCV's 4x4
dictionary, ids 0-3 clockwise from the top left, so that a reader knows the page's
orientation at any rotation), a QR code with the chart's name and version, the page-layout
version, the subject and a page id (:func:`qr_payload`, read back by :func:`parse_payload`),
an instruction for the patient and fields for name and date.  The body lines are printed
thin and light grey so that pen marks separate from them.  :class:`PaperLayout` is the one
description of where everything is, used by :func:`paper_scene` to build the page and by the
scan reader (:mod:`bodymap.apps.scan`) to undo the camera's perspective and to turn pixels
back into chart centimetres.  ``segno`` (the ``paper`` extra) makes the QR code.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, unquote

import numpy as np
import shapely
from shapely.affinity import rotate
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from bodymap.core.errors import BodymapError
from bodymap.core.i18n import tr
from bodymap.core.palette import MUTED, TEXT
from bodymap.model.chart import Chart, load_chart
from bodymap.model.drawing import Drawing
from bodymap.scene.items import Group, Item, Scene, Shape, Style, Text
from bodymap.scene.layout import text_width
from bodymap.scene.page import side_letters, to_page

__all__ = [
    "INK",
    "LAYOUT_VERSION",
    "MARKER_BITS",
    "PAGE_SIZE",
    "PAYLOAD_PREFIX",
    "SCALE",
    "PaperLayout",
    "PaperPayload",
    "hatch_shape",
    "new_page_id",
    "paper_layout",
    "paper_scene",
    "parse_payload",
    "qr_payload",
]

#: The version of this page layout; a page printed with another layout is refused by the reader.
LAYOUT_VERSION = 1
#: A4 portrait, in mm.
PAGE_SIZE = (210.0, 297.0)
#: Page mm per chart cm: the 175 cm reference body is 175 mm tall on the page (1:10).
SCALE = 1.0
#: The first field of the QR code's text.
PAYLOAD_PREFIX = "BODYMAP-PAPER"
#: Side of a marker (black border included) and its distance from the page edge, in mm.
MARKER_SIZE = 16.0
MARKER_MARGIN = 10.0
#: Side of the QR code (without its quiet zone), in mm, and its top-left corner.
QR_SIZE = 26.0
QR_ORIGIN = (92.0, 244.0)
#: Where the chart origin (floor, midline) of each view sits on the page, in mm.
VIEW_ORIGINS: Mapping[str, tuple[float, float]] = {"front": (57.3, 226.0), "back": (152.7, 226.0)}
#: The light body line.
LINE_COLOR = "#A6A6A6"
LINE_WIDTH = 0.35
#: The colour ``paper --drawing`` prints marks in (a blue ballpoint).
INK = "#1F3FB0"

#: Bits of the 4x4 ArUco markers 0-3 of OpenCV's ``DICT_4X4_50``, rows top to bottom, 1 white.
MARKER_BITS: tuple[tuple[tuple[int, ...], ...], ...] = (
    ((1, 0, 1, 1), (0, 1, 0, 1), (0, 0, 1, 1), (0, 0, 1, 0)),
    ((0, 0, 0, 0), (1, 1, 1, 1), (1, 0, 0, 1), (1, 0, 1, 0)),
    ((0, 0, 1, 1), (0, 0, 1, 1), (0, 0, 1, 0), (1, 1, 0, 1)),
    ((1, 0, 0, 1), (1, 0, 0, 1), (0, 1, 0, 0), (0, 1, 1, 0)),
)


@dataclass(frozen=True)
class PaperPayload:
    """What the page's QR code says: chart, chart version, layout version, page id, subject."""

    chart: str
    chart_version: int
    layout: int
    page: str
    subject: str | None = None


def qr_payload(payload: PaperPayload) -> str:
    """The QR code's text: ``BODYMAP-PAPER/1/adult/1/<page>/<subject>`` (fields %-escaped)."""
    fields = [
        PAYLOAD_PREFIX,
        str(payload.layout),
        quote(payload.chart, safe=""),
        str(payload.chart_version),
        quote(payload.page, safe=""),
        quote(payload.subject or "", safe=""),
    ]
    return "/".join(fields)


def parse_payload(text: str) -> PaperPayload | None:
    """Read a QR code's text made by :func:`qr_payload`; ``None`` if it is not one of ours."""
    parts = text.strip().split("/")
    if len(parts) != 6 or parts[0] != PAYLOAD_PREFIX:
        return None
    try:
        layout, chart_version = int(parts[1]), int(parts[3])
    except ValueError:
        return None
    subject = unquote(parts[5])
    return PaperPayload(
        unquote(parts[2]), chart_version, layout, unquote(parts[4]), subject or None
    )


def new_page_id() -> str:
    """A fresh random page id (8 hexadecimal digits)."""
    return secrets.token_hex(4)


def chart_version(chart: Chart) -> int:
    """The version number of a chart's data (``bodymap.version``, default 1)."""
    value = chart.meta.get("version", 1)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 1


@dataclass(frozen=True, eq=False)
class PaperLayout:
    """Where everything sits on the printed page, in page mm (origin top left, y down).

    Attributes
    ----------
    chart
        The chart printed.
    markers
        The four corners of each marker (ids 0-3), clockwise from its top-left corner, as
        OpenCV's ArUco detector reports them for an upright page.
    qr_box
        ``(x0, y0, x1, y1)`` of the QR code.
    origins
        The page position of each view's chart origin.
    """

    chart: Chart
    markers: tuple[tuple[tuple[float, float], ...], ...]
    qr_box: tuple[float, float, float, float]
    origins: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def size(self) -> tuple[float, float]:
        """Page width and height in mm."""
        return PAGE_SIZE

    def to_page(self, view: str, geometry: BaseGeometry) -> BaseGeometry:
        """A geometry of ``view`` moved from chart cm to page mm."""
        ox, oy = self.origins[view]
        return to_page(geometry, ox, oy, SCALE)

    def to_chart(self, view: str, geometry: BaseGeometry) -> BaseGeometry:
        """A geometry in page mm moved into the chart cm of ``view``."""
        ox, oy = self.origins[view]
        factor, offset = np.array([1 / SCALE, -1 / SCALE]), np.array([ox, oy])
        return shapely.transform(geometry, lambda xy: (xy - offset) * factor)

    def outline(self, view: str) -> Polygon:
        """The body outline of ``view`` on the page."""
        out = self.to_page(view, self.chart.outline(view))
        assert isinstance(out, Polygon)
        return out

    @property
    def views(self) -> tuple[str, ...]:
        """The views printed on the page: front and back.

        A chart's further views (the soles) are not printed; marks on them stay off paper.
        """
        return tuple(v for v in self.origins if v in self.chart.views)

    def printed_lines(self) -> dict[str, BaseGeometry]:
        """The body lines printed inside the page's body area, by view (rings, page mm)."""
        return {v: self.outline(v).exterior for v in self.views}


@lru_cache(maxsize=8)
def paper_layout(chart: Chart | None = None) -> PaperLayout:
    """The page layout for ``chart`` (default: the adult chart).

    Raises
    ------
    BodymapError
        If the chart lacks the views ``front`` and ``back`` or does not fit the page at the
        layout's scale.  Other views (the soles) are not printed.
    """
    the_chart = chart if chart is not None else load_chart()
    if not set(VIEW_ORIGINS) <= set(the_chart.views):
        raise BodymapError(
            f"chart {the_chart.name!r}: a paper chart needs the views front and back, "
            f"not {', '.join(the_chart.views)}"
        )
    w, h = PAGE_SIZE
    s, m = MARKER_SIZE, MARKER_MARGIN
    tops = ((m, m), (w - m - s, m), (w - m - s, h - m - s), (m, h - m - s))
    markers = tuple(((x, y), (x + s, y), (x + s, y + s), (x, y + s)) for x, y in tops)
    qx, qy = QR_ORIGIN
    layout = PaperLayout(
        chart=the_chart,
        markers=markers,
        qr_box=(qx, qy, qx + QR_SIZE, qy + QR_SIZE),
        origins=dict(VIEW_ORIGINS),
    )
    body = box(m, m + s + 22.0, w - m, qy - 12.0)
    for view in layout.views:
        if not body.covers(layout.outline(view)):
            raise BodymapError(f"chart {the_chart.name!r}: the {view} view does not fit the page")
    return layout


def _cells(bits: Sequence[Sequence[int]], x0: float, y0: float, cell: float) -> BaseGeometry:
    """The union of the black cells (bit 0) of a bit matrix as polygons in page mm."""
    squares = [
        box(x0 + c * cell, y0 + r * cell, x0 + (c + 1) * cell, y0 + (r + 1) * cell)
        for r, row in enumerate(bits)
        for c, bit in enumerate(row)
        if not bit
    ]
    return shapely.union_all(squares, grid_size=1e-6)


def _marker(index: int, corners: Sequence[tuple[float, float]]) -> Shape:
    (x0, y0) = corners[0]
    bits = MARKER_BITS[index]
    full = [[0] * 6, *[[0, *row, 0] for row in bits], [0] * 6]
    geometry = _cells(full, x0, y0, MARKER_SIZE / 6)
    return Shape(f"marker-{index}", geometry, Style(fill="#000000"), kind="marker")


def _qr(text: str, qr_box: tuple[float, float, float, float]) -> Shape:
    try:
        import segno
    except ImportError:
        raise BodymapError(
            "printing a paper chart needs segno (pip install 'bodymap[paper]')"
        ) from None
    code = segno.make(text, error="m", micro=False)
    matrix = [[0 if bit else 1 for bit in row] for row in code.matrix]
    cell = (qr_box[2] - qr_box[0]) / len(matrix)
    geometry = _cells(matrix, qr_box[0], qr_box[1], cell)
    return Shape("qr-code", geometry, Style(fill="#000000"), title=text, kind="qr")


def hatch_shape(geometry: BaseGeometry, spacing: float, width: float, angle: float) -> BaseGeometry:
    """Hatching of an area as a pen draws it: its inner border and parallel strokes.

    Every stroke is ``width`` mm wide and lies inside the area (the border is an inner band),
    so the hatched area has the area's own outline.

    Parameters
    ----------
    geometry
        The area, in page mm.
    spacing
        Distance between the centre lines of the strokes, mm.
    width
        Stroke width, mm.
    angle
        Direction of the strokes, degrees anticlockwise from the x axis.
    """
    if geometry.is_empty:
        return geometry
    x0, y0, x1, y1 = geometry.bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = float(np.hypot(x1 - x0, y1 - y0)) / 2 + spacing
    ys = np.arange(cy - r, cy + r, spacing)
    stripes = MultiPolygon([box(cx - r, y - width / 2, cx + r, y + width / 2) for y in ys])
    strokes = rotate(stripes, angle, origin=(cx, cy))
    border = geometry.difference(geometry.buffer(-width))
    return shapely.union(shapely.intersection(geometry, strokes), border)


def _marks(
    drawing: Drawing, layout: PaperLayout, ink: str, hatch: tuple[float, float, float] | None
) -> list[Item]:
    items: list[Item] = []
    for view in layout.views:
        area = drawing.geometry(view, layout.chart)
        if area.is_empty:
            continue
        on_page = layout.to_page(view, area)
        if hatch is not None:
            on_page = hatch_shape(on_page, *hatch)
        items.append(Shape(f"marks-{view}", on_page, Style(fill=ink), kind="mark"))
    return items


def paper_scene(
    chart: Chart | None = None,
    lang: str = "en",
    subject: str | None = None,
    drawing: Drawing | None = None,
    page_id: str | None = None,
    ink: str = INK,
    hatch: tuple[float, float, float] | None = None,
) -> Scene:
    """The printable A4 pain-drawing page as a scene (page mm, ready for any renderer).

    Parameters
    ----------
    chart
        The chart to print (default: the adult chart).
    lang
        Language of the texts (``"en"`` or ``"nl"``).
    subject
        The subject id, printed and written into the QR code.
    drawing
        A drawing whose marks are printed on the chart (clipped to the body), or ``None``.
    page_id
        The page id of the QR code (default: a fresh random one).
    ink
        The colour the drawing's marks are printed in.
    hatch
        ``(spacing, width, angle)`` to print the marks as hatching (see :func:`hatch_shape`)
        instead of solid, or ``None``.

    Returns
    -------
    Scene
        The page; its title is the QR code's text.
    """
    layout = paper_layout(chart)
    the_chart = layout.chart
    page = page_id or new_page_id()
    payload = PaperPayload(the_chart.name, chart_version(the_chart), LAYOUT_VERSION, page, subject)
    text = qr_payload(payload)
    w, h = PAGE_SIZE
    line = Style(stroke=LINE_COLOR, stroke_width=LINE_WIDTH)
    field_line = Style(stroke=MUTED, stroke_width=0.25)
    top = MARKER_MARGIN
    header: list[Item] = [
        Text("paper-title", w / 2, top + 9.0, tr("paper.title", lang), 6.5, "middle", "bold"),
        Text(
            "paper-instruction",
            w / 2,
            top + 24.5,
            tr("paper.instruction", lang),
            3.1,
            "middle",
            color=TEXT,
        ),
    ]
    fields: list[Item] = []
    for key, x0, x1 in (("name", 34.0, 132.0), ("date", 140.0, 176.0)):
        label = tr(f"paper.{key}", lang)
        fields.append(Text(f"paper-field-{key}", x0, top + 16.0, label, 3.4, color=MUTED))
        x_line = x0 + text_width(label, 3.4) + 1.5
        fields.append(
            Shape(
                f"paper-field-{key}-line",
                shapely.LineString([(x_line, top + 16.4), (x1, top + 16.4)]),
                field_line,
                kind="field",
            )
        )
    views: list[Item] = []
    for view in layout.views:
        ox, oy = layout.origins[view]
        outline = layout.outline(view)
        views.append(Shape(f"outline-{view}", outline.exterior, line, kind="outline"))
        letters = side_letters(the_chart, view, ox, oy, lang, scale=SCALE)
        views.append(letters)
        views.append(
            Text(f"caption-{view}", ox, oy + 7.0, tr(f"view.{view}", lang), 4.2, "middle", "bold")
        )
    marks = _marks(drawing, layout, ink, hatch) if drawing is not None else []
    footer: list[Item] = [
        Text(
            "paper-footer",
            w / 2,
            h - MARKER_MARGIN - 3.0,
            tr("paper.footer", lang, chart=the_chart.name, layout=LAYOUT_VERSION, page=page),
            2.6,
            "middle",
            color=MUTED,
        )
    ]
    if subject:
        footer.append(
            Text(
                "paper-subject",
                layout.qr_box[0] - 4.0,
                layout.qr_box[1] + 15.0,
                tr("paper.subject", lang, subject=subject),
                3.6,
                "end",
                color=TEXT,
            )
        )
    fiducials = [_marker(i, c) for i, c in enumerate(layout.markers)]
    items: tuple[Item, ...] = (
        Group("paper-header", tuple(header + fields)),
        Group("paper-views", tuple(views)),
        Group("paper-marks", tuple(marks)),
        Group("paper-fiducials", (*fiducials, _qr(text, layout.qr_box))),
        Group("paper-footer", tuple(footer)),
    )
    return Scene(
        width=w,
        height=h,
        title=text,
        desc=tr("paper.desc", lang),
        items=items,
        lang=lang,
    )
