"""The layout step: turn a chart, a pattern and options into a :class:`~bodymap.scene.Scene`.

This is the only place that decides what a bodymap figure looks like: page size, where each
view sits, colours (Okabe–Ito, colour-blind safe), the stipple of spillover zones, trigger
point markers, zone labels with leader lines kept apart from each other, R/L letters beside
every view, captions, legend, title and source line.  Renderers draw the resulting scene
as it is.  Page units are millimetres, y down; one chart centimetre is one page millimetre,
so the default two-view figure prints at about A4-landscape size.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from bodymap.core.choices import check_lang
from bodymap.core.i18n import tr
from bodymap.core.palette import INTENSITY_COLORS, OKABE_ITO
from bodymap.model.chart import Chart, Region
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import Pattern, TriggerPoint, Zone, check_side
from bodymap.scene.items import Group, Item, Line, Scene, Shape, Style, Text, ViewFrame
from bodymap.scene.overlay import Overlay, build_overlay, mark_style, otr

__all__ = ["FigureOptions", "build_scene", "text_width"]


BODY_FILL = "#F4F1EC"
REGION_STROKE = "#C9C4BC"
OUTLINE_STROKE = "#4A4A4A"
TEXT = "#222222"
MUTED = "#666666"

STYLES = {
    "region": Style(fill=BODY_FILL, stroke=REGION_STROKE, stroke_width=0.2),
    "outline": Style(stroke=OUTLINE_STROKE, stroke_width=0.5),
    "essential": Style(
        fill=OKABE_ITO["vermillion"], fill_opacity=0.85, stroke="#9E4500", stroke_width=0.25
    ),
    "spillover": Style(
        fill=OKABE_ITO["vermillion"],
        fill_opacity=0.22,
        stroke=OKABE_ITO["vermillion"],
        stroke_width=0.25,
        hatch="dots",
        hatch_color=OKABE_ITO["vermillion"],
    ),
    "trigger-point": Style(fill=OKABE_ITO["blue"]),
    "trigger-halo": Style(fill="#FFFFFF"),
    "leader": Style(stroke="#333333", stroke_width=0.3),
    "leader-dot": Style(fill="#333333"),
}

#: Zone styles when a pain drawing is drawn over the pattern: light blue fills under the
#: marks and blue outlines over them (solid: essential, dashed: spillover), so that both the
#: marks (yellow to red) and the pattern stay readable.
ZONE_DASH = (1.4, 0.9)
OVERLAY_STYLES = {
    "essential": Style(
        fill=OKABE_ITO["sky"], fill_opacity=0.28, stroke=OKABE_ITO["blue"], stroke_width=0.6
    ),
    "spillover": Style(
        fill=OKABE_ITO["sky"],
        fill_opacity=0.12,
        stroke=OKABE_ITO["blue"],
        stroke_width=0.45,
        dash=ZONE_DASH,
    ),
    "essential-outline": Style(stroke=OKABE_ITO["blue"], stroke_width=0.6),
    "spillover-outline": Style(stroke=OKABE_ITO["blue"], stroke_width=0.45, dash=ZONE_DASH),
}

# Sizes in page mm.
MARGIN = 8.0
SIMPLIFY_MM = 0.01
TITLE_SIZE = 6.0
SUBTITLE_SIZE = 3.6
LABEL_SIZE = 3.4
CAPTION_SIZE = 4.6
LETTER_SIZE = 6.0
LEGEND_SIZE = 3.4
SOURCE_SIZE = 2.4
REGION_LABEL_SIZE = 1.5
LABEL_WRAP = 20
LABEL_GAP = 3.0  # between the body's bounding box and a label column
LEADER_PAD = 2.0
LETTER_COL = 9.0
LETTER_OFFSET = 11.0  # from the side of the head to the centre of an R/L letter
VIEW_GAP = 10.0
MARKER_ARM = 1.9
MARKER_WIDTH = 0.9


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Estimated width in mm of one line of sans-serif text of font size ``size`` mm.

    The estimate (0.53 em per character, 0.58 for bold) is what the layout uses to reserve
    room for labels; it is deliberately a little generous so text never runs into a view.
    """
    per_char = 0.58 if weight == "bold" else 0.53
    return len(text) * size * per_char


def _lines_width(text: str, size: float, weight: str = "normal") -> float:
    return max(text_width(line, size, weight) for line in text.split("\n"))


@dataclass(frozen=True)
class FigureOptions:
    """Options of a figure, as the CLI and :func:`bodymap.render` take them."""

    side: str = "left"
    views: tuple[str, ...] = ("front", "back")
    lang: str = "en"
    title: str | None = None
    labels: bool = True
    regions: bool = False
    extra_layers: tuple[Layer, ...] = field(default_factory=tuple)
    drawings: tuple[Drawing, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Layer:
    """Extra chart-coordinate shapes drawn over the pattern in one view (e.g. a drawing).

    ``shapes`` are in chart centimetres; the layout moves them onto the page.
    """

    id: str
    view: str
    shapes: tuple[Shape, ...]


@dataclass
class _Label:
    id: str
    text: str
    anchor: tuple[float, float]  # page mm
    column: str  # "left" or "right" of the view
    y: float = 0.0
    height: float = 0.0


def to_page(geometry: BaseGeometry, ox: float, oy: float) -> BaseGeometry:
    """Move chart cm (y up) to page mm (y down): ``(x, y) -> (ox + x, oy - y)``."""
    return shapely.transform(geometry, lambda xy: xy * np.array([1.0, -1.0]) + np.array([ox, oy]))


def _many_to_page(geometries: Sequence[BaseGeometry], ox: float, oy: float) -> list[BaseGeometry]:
    """:func:`to_page` for many geometries at once (one vectorised GEOS call)."""
    arr = np.empty(len(geometries), dtype=object)
    arr[:] = list(geometries)
    moved = shapely.transform(arr, lambda xy: xy * np.array([1.0, -1.0]) + np.array([ox, oy]))
    return list(moved)


@lru_cache(maxsize=32)
def _drawn_chart(chart: Chart, view: str) -> tuple[tuple[BaseGeometry, ...], BaseGeometry]:
    """A view's region polygons and outline ring as drawn: simplified to :data:`SIMPLIFY_MM`.

    The tolerance is far below anything print or screen shows and drops about two thirds of
    the chart's vertices from every output.  Simplification commutes with the move onto the
    page (a translation and a flip), so it is done once per chart and view.
    """
    regions = shapely.simplify([r.geometry for r in chart.regions_in(view)], SIMPLIFY_MM)
    outline = shapely.simplify(chart.outline(view).exterior, SIMPLIFY_MM)
    return tuple(regions), outline


@lru_cache(maxsize=4096)
def _anchor_of(item: Zone | Region) -> tuple[float, float]:
    """Cached :func:`_anchor` of a zone or region (they are immutable and compared by id)."""
    return _anchor(item.geometry)


def _anchor(geometry: BaseGeometry) -> tuple[float, float]:
    """A point well inside a zone, where its leader line starts (pole of inaccessibility)."""
    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    largest = max(parts, key=lambda g: g.area)
    assert isinstance(largest, Polygon)
    point = polylabel(largest, tolerance=0.05)
    return float(point.x), float(point.y)


def _marker(x: float, y: float, arm: float, width: float) -> Polygon:
    """An X-shaped marker polygon centred on ``(x, y)``."""
    cross = MultiLineString(
        [[(x - arm, y - arm), (x + arm, y + arm)], [(x - arm, y + arm), (x + arm, y - arm)]]
    )
    marker = shapely.union_all(cross.buffer(width / 2, cap_style="flat"))
    assert isinstance(marker, Polygon)
    return marker


def _spread(labels: list[_Label], top: float, bottom: float) -> None:
    """Place labels of one column near their anchors' heights without overlapping."""
    labels.sort(key=lambda lab: lab.anchor[1])
    pad = 1.5
    cursor = top
    for lab in labels:
        lab.y = max(lab.anchor[1] - lab.height / 2, cursor)
        cursor = lab.y + lab.height + pad
    overflow = cursor - pad - bottom
    if overflow > 0:
        for lab in reversed(labels):
            lab.y -= overflow
            if lab is not labels[0]:
                prev = labels[labels.index(lab) - 1]
                overflow = max(0.0, prev.y + prev.height + pad - lab.y)
                if overflow <= 0:
                    break


def body_regions(
    chart: Chart, view: str, ox: float, oy: float, lang: str, id_prefix: str = ""
) -> Group:
    """The chart regions of ``view`` on the page: light body fill, faint borders, titles.

    Parameters
    ----------
    chart, view
        The chart and the view to draw.
    ox, oy
        Where the view sits on the page (see :class:`~bodymap.scene.ViewFrame`).
    lang
        Language of the region titles.
    id_prefix
        Prefix of the ids (``region-<id>``; the group is ``regions-<view>``), for pages
        that show a view more than once.
    """
    shapes = tuple(
        Shape(
            id=f"{id_prefix}region-{r.id}",
            geometry=geometry,
            style=STYLES["region"],
            title=r.name(lang),
            kind="region",
        )
        for r, geometry in zip(
            chart.regions_in(view), _many_to_page(_drawn_chart(chart, view)[0], ox, oy)
        )
    )
    return Group(id=f"{id_prefix}regions-{view}", items=shapes)


def body_outline(chart: Chart, view: str, ox: float, oy: float, id_prefix: str = "") -> Shape:
    """The body outline of ``view`` on the page, drawn over everything inside it."""
    return Shape(
        id=f"{id_prefix}outline-{view}",
        geometry=to_page(_drawn_chart(chart, view)[1], ox, oy),
        style=STYLES["outline"],
        title=None,
        kind="outline",
    )


def side_letters(
    chart: Chart, view: str, ox: float, oy: float, lang: str, id_prefix: str = ""
) -> Group:
    """The R and L letters beside the head of ``view``, the patient's sides as seen.

    The patient's right is on the viewer's left in the front view and on the right in the
    back view.  The letters sit beside the head, clear of the arms, so that each belongs
    unmistakably to its own figure.
    """
    left_key, right_key = ("right", "left") if view == "front" else ("left", "right")
    minx, _, maxx, maxy = chart.outline(view).bounds
    letter_cy = maxy - 12.0
    head = chart.outline(view).intersection(LineString([(minx, letter_cy), (maxx, letter_cy)]))
    dx = max(abs(head.bounds[0]), abs(head.bounds[2])) + LETTER_OFFSET
    y = oy - letter_cy + LETTER_SIZE * 0.35
    return Group(
        id=f"{id_prefix}side-letters-{view}",
        items=tuple(
            Text(
                f"{id_prefix}side-letter-{view}-{key}",
                x,
                y,
                tr(f"letter.{key}", lang),
                LETTER_SIZE,
                "middle",
                "bold",
                MUTED,
                kind="side-letter",
            )
            for key, x in ((left_key, ox - dx), (right_key, ox + dx))
        ),
    )


def build_scene(
    chart: Chart,
    pattern: Pattern | None = None,
    options: FigureOptions | None = None,
) -> Scene:
    """Lay out a figure of ``pattern`` (or of the chart alone) on ``chart``.

    Parameters
    ----------
    chart
        The body chart to draw on.
    pattern
        The referral pattern to show, or ``None`` for the chart alone.
    options
        Side, views, language, title and what to show; see :class:`FigureOptions`.

    Returns
    -------
    Scene
        Everything the figure shows, in page millimetres.
    """
    opts = options or FigureOptions()
    lang = check_lang(opts.lang)
    side = check_side(opts.side)
    views = tuple(chart.check_view(v) for v in opts.views)

    # --- header -------------------------------------------------------------------------
    overlay = build_overlay(opts.drawings, chart, views, lang) if opts.drawings else None
    if pattern is not None:
        muscle = pattern.title(lang)
        if pattern.bilateral:
            default_title = tr("title.pattern.bilateral", lang, muscle=muscle)
        else:
            default_title = tr("title.pattern", lang, muscle=muscle, side=tr(f"side.{side}", lang))
        desc = tr("desc.pattern", lang, muscle=muscle, side=tr(f"side.{side}", lang))
        summary = pattern.summary.get(lang, "")
    else:
        default_title = chart.title.get(lang) or tr("title.chart", lang)
        desc = tr("desc.chart", lang)
        summary = ""
    if overlay is not None:
        default_title, desc, summary = _overlay_header(overlay, pattern, side, lang, summary)
    title = opts.title if opts.title is not None else default_title

    # --- per-view content in chart cm, and the labels each view needs -----------------
    view_zones: dict[str, tuple[Zone, ...]] = {}
    view_points: dict[str, tuple[TriggerPoint, ...]] = {}
    bounds: dict[str, tuple[float, float, float, float]] = {}
    columns: dict[str, dict[str, list[tuple[str, str, tuple[float, float]]]]] = {}
    for view in views:
        zones = pattern.zones(side, view) if pattern is not None else ()
        # Spillover first, essential on top.
        view_zones[view] = tuple(sorted(zones, key=lambda z: z.kind != "spillover"))
        view_points[view] = pattern.trigger_points(side, view) if pattern is not None else ()
        minx, miny, maxx, maxy = chart.outline(view).bounds
        bounds[view] = (minx, miny, maxx, maxy)
        cols: dict[str, list[tuple[str, str, tuple[float, float]]]] = {"left": [], "right": []}
        if opts.labels:
            for zone in view_zones[view]:
                ax, ay = _anchor_of(zone)
                text = "\n".join(textwrap.wrap(zone.name(lang), LABEL_WRAP)) or zone.id
                cols["left" if ax < 0 else "right"].append((zone.id, text, (ax, ay)))
        columns[view] = cols

    def col_width(entries: list[tuple[str, str, tuple[float, float]]]) -> float:
        if not entries:
            return 0.0
        return max(_lines_width(t, LABEL_SIZE) for _, t, _ in entries) + LABEL_GAP + LEADER_PAD

    # --- horizontal placement --------------------------------------------------------
    header_lines = 1 + (len(_wrap(summary, 120)) if summary else 0)
    top = MARGIN + TITLE_SIZE + (header_lines - 1) * SUBTITLE_SIZE * 1.35 + 8.0
    x = MARGIN
    view_origin: dict[str, tuple[float, float]] = {}
    view_box: dict[str, tuple[float, float, float, float]] = {}
    for i, view in enumerate(views):
        minx, miny, maxx, maxy = bounds[view]
        if i:
            x += VIEW_GAP
        x += col_width(columns[view]["left"]) + LETTER_COL
        ox = x - minx
        oy = top + maxy
        view_origin[view] = (ox, oy)
        view_box[view] = (ox + minx, top, ox + maxx, oy - miny)
        x = ox + maxx + LETTER_COL + col_width(columns[view]["right"])
    body_bottom = max(b[3] for b in view_box.values())

    # Footer sizes decide the page height.
    caption_y = body_bottom + 9.0
    legend_y = caption_y + 10.0 if pattern is not None else caption_y
    overlay_y = legend_y
    if overlay is not None:
        overlay_y = legend_y + 10.0
        legend_y += 2.0 if overlay.scale else 0.0
    source_y = overlay_y + (11.0 if overlay is not None and overlay.scale else 8.0)
    if overlay is not None and pattern is None:  # no source line
        source_y = overlay_y + (6.0 if overlay.scale else 3.0)
    height = source_y + MARGIN - 2.0

    items: list[Item] = []
    # --- views ------------------------------------------------------------------------
    for view in views:
        ox, oy = view_origin[view]
        bx0, by0, bx1, by1 = view_box[view]
        group: list[Item] = []
        group.append(body_regions(chart, view, ox, oy, lang))
        zone_styles = STYLES if overlay is None else OVERLAY_STYLES
        zone_shapes = [
            Shape(
                id=f"zone-{pattern.name}-{z.id}" if pattern is not None else f"zone-{z.id}",
                geometry=to_page(z.geometry, ox, oy),
                style=zone_styles[z.kind],
                title=f"{z.name(lang)} ({tr(f'kind.{z.kind}', lang)})",
                kind=f"zone-{z.kind}",
            )
            for z in view_zones[view]
        ]
        if zone_shapes:
            group.append(Group(id=f"zones-{view}", items=tuple(zone_shapes)))
        if overlay is not None:
            for gid, shapes in overlay.layers.get(view, ()):
                moved = tuple(
                    Shape(s.id, to_page(s.geometry, ox, oy), s.style, s.title, s.kind)
                    for s in shapes
                )
                group.append(Group(id=gid, items=moved))
            # The zones' outlines again, over the marks, so the pattern stays visible.
            outlines = tuple(
                Shape(
                    f"zone-outline-{pattern.name if pattern else 'p'}-{z.id}",
                    zs.geometry,
                    OVERLAY_STYLES[f"{z.kind}-outline"],
                    None,
                    "zone-outline",
                )
                for z, zs in zip(view_zones[view], zone_shapes)
            )
            if outlines:
                group.append(Group(id=f"zone-outlines-{view}", items=outlines))
        for layer in opts.extra_layers:
            if layer.view == view:
                moved = tuple(
                    Shape(s.id, to_page(s.geometry, ox, oy), s.style, s.title, s.kind)
                    for s in layer.shapes
                )
                group.append(Group(id=layer.id, items=moved))
        group.append(body_outline(chart, view, ox, oy))
        if opts.regions:
            region_labels: list[Item] = []
            for r in chart.regions_in(view):
                px, py = _anchor_of(r)
                region_labels.append(
                    Text(
                        id=f"region-label-{r.id}",
                        x=ox + px,
                        y=oy - py + REGION_LABEL_SIZE * 0.35,
                        text=r.name(lang),
                        size=REGION_LABEL_SIZE,
                        anchor="middle",
                        color=MUTED,
                    )
                )
            group.append(Group(id=f"region-labels-{view}", items=tuple(region_labels)))
        tp_items: list[Item] = []
        for tp in view_points[view]:
            px, py = ox + tp.x, oy - tp.y
            halo = _marker(px, py, MARKER_ARM + 0.35, MARKER_WIDTH + 0.9)
            mark = _marker(px, py, MARKER_ARM, MARKER_WIDTH)
            name = tp.name(lang)
            tp_items.append(Shape(f"tp-halo-{tp.id}", halo, STYLES["trigger-halo"], None, "halo"))
            tp_items.append(
                Shape(
                    f"tp-{pattern.name if pattern else 'p'}-{tp.id}",
                    mark,
                    STYLES["trigger-point"],
                    name,
                    "trigger-point",
                )
            )
        if tp_items:
            # All halos under all markers: same look, and one batch per kind for renderers.
            tp_items.sort(key=lambda it: isinstance(it, Shape) and it.kind != "halo")
            group.append(Group(id=f"trigger-points-{view}", items=tuple(tp_items)))

        # Labels and leader lines.
        label_items: list[Item] = []
        for col in ("left", "right"):
            labels = [
                _Label(
                    id=zid,
                    text=text,
                    anchor=(ox + ax, oy - ay),
                    column=col,
                    height=LABEL_SIZE * 1.2 * (text.count("\n") + 1),
                )
                for zid, text, (ax, ay) in columns[view][col]
            ]
            if not labels:
                continue
            _spread(labels, by0, by1)
            for lab in labels:
                if col == "left":
                    edge = bx0 - LETTER_COL - LABEL_GAP
                    elbow = bx0 - 1.0
                    tx, anchor = edge, "end"
                    start = edge + 1.0
                else:
                    edge = bx1 + LETTER_COL + LABEL_GAP
                    elbow = bx1 + 1.0
                    tx, anchor = edge, "start"
                    start = edge - 1.0
                mid_y = lab.y + lab.height / 2
                ax, ay = lab.anchor
                label_items.append(
                    Line(
                        id=f"leader-{lab.id}",
                        points=((ax, ay), (elbow, mid_y), (start, mid_y)),
                        style=STYLES["leader"],
                        kind="leader",
                    )
                )
                label_items.append(
                    Shape(
                        id=f"leader-dot-{lab.id}",
                        geometry=shapely.Point(ax, ay).buffer(0.7, quad_segs=8),
                        style=STYLES["leader-dot"],
                        kind="leader-dot",
                    )
                )
                label_items.append(
                    Text(
                        id=f"label-{lab.id}",
                        x=tx,
                        y=lab.y + LABEL_SIZE * 0.9,
                        text=lab.text,
                        size=LABEL_SIZE,
                        anchor=anchor,  # type: ignore[arg-type]
                        color=TEXT,
                        kind="label",
                    )
                )
        if label_items:
            # Leaders, then their dots, then the texts (a stable sort keeps label order).
            order = {"leader": 0, "leader-dot": 1}
            label_items.sort(key=lambda it: order.get(getattr(it, "kind", ""), 2))
            group.append(Group(id=f"labels-{view}", items=tuple(label_items)))

        group.append(side_letters(chart, view, ox, oy, lang))
        group.append(
            Text(
                f"caption-{view}",
                (bx0 + bx1) / 2,
                caption_y,
                tr(f"view.{view}", lang),
                CAPTION_SIZE,
                "middle",
                "bold",
                TEXT,
                kind="caption",
            )
        )
        items.append(Group(id=f"view-{view}", items=tuple(group), title=tr(f"view.{view}", lang)))

    width = x + MARGIN

    # --- header -----------------------------------------------------------------------
    header: list[Item] = [
        Text(
            "title",
            width / 2,
            MARGIN + TITLE_SIZE * 0.8,
            title,
            TITLE_SIZE,
            "middle",
            "bold",
            TEXT,
            kind="title",
        )
    ]
    if summary:
        wrap = max(40, int((width - 2 * MARGIN) / (SUBTITLE_SIZE * 0.53)))
        header.append(
            Text(
                "subtitle",
                width / 2,
                MARGIN + TITLE_SIZE * 0.8 + SUBTITLE_SIZE * 1.9,
                "\n".join(_wrap(summary, wrap)),
                SUBTITLE_SIZE,
                "middle",
                "normal",
                MUTED,
                line_height=1.35,
                kind="subtitle",
            )
        )
    items.insert(0, Group(id="header", items=tuple(header)))

    # --- legend and source ------------------------------------------------------------
    if pattern is not None:
        items.append(
            _legend(
                width,
                legend_y,
                lang,
                view_points,
                STYLES if overlay is None else OVERLAY_STYLES,
                frozenset(z.kind for zones in view_zones.values() for z in zones),
            )
        )
        source = pattern.meta.get("credit") or pattern.sources[0]
        items.append(
            Text(
                "source",
                width / 2,
                source_y,
                tr("source", lang, source=source),
                SOURCE_SIZE,
                "middle",
                "normal",
                MUTED,
                kind="source",
            )
        )
    if overlay is not None:
        items.append(_overlay_legend(overlay, width, overlay_y, lang))
    return Scene(
        width=round(width, 2),
        height=round(height, 2),
        title=title,
        desc=(desc + (" " + " ".join(summary.split()) if summary else "")).strip(),
        items=tuple(items),
        lang=lang,
        frames=tuple(
            ViewFrame(v, round(view_origin[v][0], 4), round(view_origin[v][1], 4), view_box[v])
            for v in views
        ),
    )


def _legend(
    width: float,
    y: float,
    lang: str,
    points: dict[str, tuple[TriggerPoint, ...]],
    styles: dict[str, Style] | None = None,
    kinds: frozenset[str] = frozenset({"essential", "spillover"}),
) -> Group:
    """A one-row legend centred on the page at baseline ``y``, of what the figure shows."""
    entries: list[tuple[str, str]] = [
        (kind, tr(f"legend.{kind}", lang)) for kind in ("essential", "spillover") if kind in kinds
    ]
    if any(points.values()):
        entries.append(("trigger-point", tr("legend.trigger-point", lang)))
    swatch_w, swatch_h, gap, spacing = 8.0, 4.6, 2.0, 9.0
    total = sum(swatch_w + gap + text_width(t, LEGEND_SIZE) for _, t in entries)
    total += spacing * (len(entries) - 1)
    x = (width - total) / 2
    items: list[Item] = []
    for key, text in entries:
        top = y - swatch_h + 0.9
        if key == "trigger-point":
            cx, cy = x + swatch_w / 2, top + swatch_h / 2
            items.append(
                Shape(
                    "legend-swatch-trigger-point",
                    _marker(cx, cy, MARKER_ARM, MARKER_WIDTH),
                    STYLES["trigger-point"],
                    None,
                    "legend-swatch",
                )
            )
        else:
            items.append(
                Shape(
                    f"legend-swatch-{key}",
                    box(x, top, x + swatch_w, top + swatch_h),
                    (styles or STYLES)[key],
                    None,
                    "legend-swatch",
                )
            )
        items.append(
            Text(
                f"legend-text-{key}",
                x + swatch_w + gap,
                y,
                text,
                LEGEND_SIZE,
                "start",
                "normal",
                TEXT,
                kind="legend-text",
            )
        )
        x += swatch_w + gap + text_width(text, LEGEND_SIZE) + spacing
    return Group(id="legend", items=tuple(items))


def _wrap(text: str, width: int) -> list[str]:
    """Wrap each line (paragraph) of ``text`` to ``width`` characters."""
    return [line for para in text.split("\n") for line in (textwrap.wrap(para, width) or [""])]


def _overlay_header(
    overlay: Overlay, pattern: Pattern | None, side: str, lang: str, summary: str
) -> tuple[str, str, str]:
    """Title, description and subtitle of a figure with one or two drawings."""
    two = overlay.count > 1
    if pattern is None:
        title = otr("title.drawings" if two else "title.drawing", lang)
        desc = otr("desc.drawings" if two else "desc.drawing", lang)
    else:
        muscle = pattern.title(lang)
        key = "title.overlays" if two else "title.overlay"
        side_text = tr(f"side.{side}", lang)
        if pattern.bilateral:
            title = otr(f"{key}.bilateral", lang, muscle=muscle)
        else:
            title = otr(key, lang, muscle=muscle, side=side_text)
        desc = otr("desc.overlay", lang, muscle=muscle, side=side_text)
    subtitle = "\n".join(part for part in (overlay.caption, summary) if part)
    return title, desc, subtitle


def _overlay_legend(overlay: Overlay, width: float, y: float, lang: str) -> Group:
    """The drawing legend, centred at baseline ``y``: intensity colour bar and swatches.

    The colour bar is eleven cells, one per whole number of the 0-10 scale, numbered below
    and labelled at both ends; it is made of plain shapes and texts, so every renderer
    draws it the same way.
    """
    cell_w, cell_h, gap, spacing = 5.0, 4.6, 2.0, 9.0
    end_size = LEGEND_SIZE * 0.85
    parts: list[tuple[str, float]] = []  # (what, width)
    if overlay.scale:
        label = otr("legend.intensity", lang)
        low, high = otr("scale.low", lang), otr("scale.high", lang)
        bar = cell_w * len(INTENSITY_COLORS)
        parts.append(
            (
                "scale",
                text_width(label, LEGEND_SIZE, "bold")
                + gap * 1.5
                + text_width(low, end_size)
                + gap
                + bar
                + gap
                + text_width(high, end_size),
            )
        )
    for entry in overlay.entries:
        parts.append((entry.key, 8.0 + gap + text_width(entry.label, LEGEND_SIZE)))
    total = sum(w for _, w in parts) + spacing * (len(parts) - 1)
    x = (width - total) / 2
    items: list[Item] = []
    top = y - cell_h + 0.9
    entries = {e.key: e for e in overlay.entries}
    for key, part_width in parts:
        if key == "scale":
            cx = x
            items.append(
                Text(
                    "legend-intensity-label",
                    cx,
                    y,
                    otr("legend.intensity", lang),
                    LEGEND_SIZE,
                    "start",
                    "bold",
                    TEXT,
                    kind="legend-text",
                )
            )
            cx += text_width(otr("legend.intensity", lang), LEGEND_SIZE, "bold") + gap * 1.5
            items.append(
                Text(
                    "legend-scale-low",
                    cx,
                    y,
                    otr("scale.low", lang),
                    end_size,
                    "start",
                    "normal",
                    MUTED,
                    kind="legend-text",
                )
            )
            cx += text_width(otr("scale.low", lang), end_size) + gap
            for level, color in enumerate(INTENSITY_COLORS):
                x0 = cx + level * cell_w
                items.append(
                    Shape(
                        f"legend-scale-{level}",
                        box(x0, top, x0 + cell_w, top + cell_h),
                        mark_style(color, 1.0),
                        f"{otr('legend.intensity', lang)} {level}",
                        "legend-scale",
                    )
                )
                items.append(
                    Text(
                        f"legend-scale-number-{level}",
                        x0 + cell_w / 2,
                        top + cell_h + 3.0,
                        str(level),
                        LEGEND_SIZE * 0.72,
                        "middle",
                        "normal",
                        MUTED,
                        kind="legend-number",
                    )
                )
            cx += cell_w * len(INTENSITY_COLORS) + gap
            items.append(
                Text(
                    "legend-scale-high",
                    cx,
                    y,
                    otr("scale.high", lang),
                    end_size,
                    "start",
                    "normal",
                    MUTED,
                    kind="legend-text",
                )
            )
        else:
            entry = entries[key]
            items.append(
                Shape(
                    f"legend-swatch-{key}",
                    box(x, top, x + 8.0, top + cell_h),
                    entry.style,
                    None,
                    "legend-swatch",
                )
            )
            items.append(
                Text(
                    f"legend-text-{key}",
                    x + 8.0 + gap,
                    y,
                    entry.label,
                    LEGEND_SIZE,
                    "start",
                    "normal",
                    TEXT,
                    kind="legend-text",
                )
            )
        x += part_width + spacing
    return Group(id="drawing-legend", items=tuple(items))
