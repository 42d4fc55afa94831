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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from bodymap.core.choices import check_lang
from bodymap.core.i18n import tr, tr_kind
from bodymap.core.palette import INTENSITY_COLORS, OKABE_ITO
from bodymap.model.chart import Chart, Region
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import Pattern, TriggerPoint, Zone, check_side
from bodymap.scene.items import Group, Item, Line, Scene, Shape, Style, Text, ViewFrame
from bodymap.scene.layout import (
    fit_text,
    flow_rows,
    lines_width,
    place_column,
    text_box,
    text_width,
    wrap_text,
)
from bodymap.scene.overlay import Overlay, build_overlay, mark_style, otr
from bodymap.scene.page import (
    BODY_STYLES,
    CAPTION_SIZE,
    MARGIN,
    MUTED,
    SUBTITLE_SIZE,
    TEXT,
    TITLE_SIZE,
    to_page,
    view_base,
    view_origin_y,
)

__all__ = [
    "MARKER_SHAPES",
    "FigureOptions",
    "build_scene",
    "column_width",
    "header_group",
    "label_columns",
    "marker",
    "text_width",
]


STYLES = {
    **BODY_STYLES,
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
    "region-leader": Style(stroke="#8A8A8A", stroke_width=0.2),
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

# Sizes in page mm (the shared ones are in bodymap.scene.page).
LABEL_SIZE = 3.4
LEGEND_SIZE = 3.4
LEGEND_ROW = 7.0  # between the baselines of two legend rows
SOURCE_SIZE = 2.4
#: Size of a region's name (mm): 6 pt, the least that prints legibly; written inside the
#: region when it fits there (:data:`REGION_INSIDE_SIZES`), else in the label columns.
REGION_LABEL_SIZE = 2.1
REGION_INSIDE_SIZES = (REGION_LABEL_SIZE,)
#: The narrowest page of a figure (mm), so that a single bare view still has room for its
#: title and legend.
MIN_WIDTH = 130.0
HEADER_GAP = 6.0
LABEL_WRAP = 20
LABEL_GAP = 3.0  # between the body's bounding box and a label column
LEADER_PAD = 2.0
LETTER_COL = 9.0
VIEW_GAP = 10.0
MARKER_ARM = 1.9
MARKER_WIDTH = 0.9


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


#: The marker shape of each pattern kind, so that a figure says what its points are:
#: a muscle's trigger points are crosses, a dermatome's key sensory points circles, the
#: points where a nerve becomes superficial or is entrapped diamonds, joints squares and an
#: organ's surface projection triangles.  Every figure and both renderers take them from
#: :func:`marker` (the scene holds plain polygons).
MARKER_SHAPES = {
    "muscle": "cross",
    "dermatome": "circle",
    "nerve": "diamond",
    "joint": "square",
    "organ": "triangle",
}


def _marker(x: float, y: float, arm: float, width: float) -> Polygon:
    """An X-shaped marker polygon centred on ``(x, y)``."""
    cross = MultiLineString(
        [[(x - arm, y - arm), (x + arm, y + arm)], [(x - arm, y + arm), (x + arm, y - arm)]]
    )
    marker = shapely.union_all(cross.buffer(width / 2, cap_style="flat"))
    assert isinstance(marker, Polygon)
    return marker


def marker(kind: str, x: float, y: float, halo: float = 0.0, scale: float = 1.0) -> Polygon:
    """The marker polygon of a pattern kind (see :data:`MARKER_SHAPES`) centred on ``(x, y)``.

    Parameters
    ----------
    kind
        The pattern kind (``"muscle"``, ``"dermatome"``, ``"nerve"``, ``"joint"``,
        ``"organ"``).
    x, y
        Centre in page mm.
    halo
        Grow the marker by this many mm (for the white halo drawn under it).
    scale
        Size relative to the full-size figure's markers.
    """
    shape = MARKER_SHAPES.get(kind, "cross")
    arm = MARKER_ARM * scale
    if shape == "cross":
        return _marker(x, y, arm + halo * 0.78, MARKER_WIDTH * scale + 2 * halo)
    if shape == "circle":
        geom = shapely.Point(x, y).buffer(arm * 0.72, quad_segs=12)
    elif shape == "diamond":
        r = arm * 0.95
        geom = Polygon([(x, y - r), (x + r * 0.8, y), (x, y + r), (x - r * 0.8, y)])
    elif shape == "square":
        r = arm * 0.62
        geom = box(x - r, y - r, x + r, y + r)
    else:  # triangle, pointing up
        r = arm * 0.95
        geom = Polygon([(x, y - r), (x + r * 0.95, y + r * 0.62), (x - r * 0.95, y + r * 0.62)])
    out = geom.buffer(halo, join_style="mitre") if halo else geom
    assert isinstance(out, Polygon)
    return out


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
    overlay = build_overlay(opts.drawings, chart, views, lang) if opts.drawings else None
    title, desc, summary = _header_text(chart, pattern, overlay, side, lang)
    if opts.title is not None:
        title = opts.title
    content = {
        v: _ViewContent.of(chart, pattern, side, v, opts.labels, lang, opts.regions) for v in views
    }

    # Horizontal placement: label column, R/L letter room, the body, letters, labels.
    x = MARGIN
    placed: list[tuple[str, float]] = []
    for i, view in enumerate(views):
        minx, _, maxx, _ = chart.outline(view).bounds
        left = column_width(content[view].columns["left"], sizes=content[view].sizes)
        right = column_width(content[view].columns["right"], sizes=content[view].sizes)
        x += (VIEW_GAP if i else 0.0) + left + LETTER_COL
        placed.append((view, x - minx))
        x = x - minx + maxx + LETTER_COL + right
    width = max(x + MARGIN, MIN_WIDTH)
    shift = (width - MARGIN - x) / 2  # a narrow figure is centred on its page
    head, header_bottom = header(width, title, summary)
    top = header_bottom + HEADER_GAP
    frames: list[ViewFrame] = []
    for view, ox in placed:
        minx, miny, maxx, maxy = chart.outline(view).bounds
        ox, oy = ox + shift, view_origin_y(chart, view, views, top)
        frames.append(ViewFrame(view, ox, oy, (ox + minx, oy - maxy, ox + maxx, oy - miny)))
    body_bottom = max(f.box[3] for f in frames)

    # The footer, top to bottom: captions, legends, source line.
    caption_y = body_bottom + 9.0
    cursor = caption_y + 2.0
    items: list[Item] = [head]
    for frame in frames:
        items.append(
            _view_group(chart, pattern, content[frame.view], frame, opts, overlay, caption_y, lang)
        )
    if pattern is not None:
        zone_kinds = frozenset(z.kind for c in content.values() for z in c.zones)
        points = {v: c.points for v, c in content.items()}
        styles = STYLES if overlay is None else OVERLAY_STYLES
        legend, cursor = _legend(
            width, cursor + 8.0, lang, points, styles, zone_kinds, pattern.kind
        )
        items.append(legend)
    if overlay is not None:
        drawing_legend, cursor = _overlay_legend(overlay, width, cursor + 8.0, lang)
        items.append(drawing_legend)
    if pattern is not None:
        credit = tr("source", lang, source=pattern.meta.get("credit") or pattern.sources[0])
        text = "\n".join(wrap_text(credit, width - 2 * MARGIN, SOURCE_SIZE))
        source = Text("source", width / 2, cursor + 5.0, text, SOURCE_SIZE, "middle", "normal",
                      MUTED, kind="source")  # fmt: skip
        items.append(source)
        cursor = text_box(source)[3]
    height = cursor + MARGIN - 2.0
    return Scene(
        width=round(width, 2),
        height=round(height, 2),
        title=title,
        desc=(desc + (" " + " ".join(summary.split()) if summary else "")).strip(),
        items=tuple(items),
        lang=lang,
        frames=tuple(ViewFrame(f.view, round(f.ox, 4), round(f.oy, 4), f.box) for f in frames),
    )


def _header_text(
    chart: Chart, pattern: Pattern | None, overlay: Overlay | None, side: str, lang: str
) -> tuple[str, str, str]:
    """The default title, the description and the summary line of a figure."""
    if pattern is not None:
        muscle = pattern.title(lang)
        side_text = tr(f"side.{side}", lang)
        if pattern.bilateral:
            title = tr_kind("title.pattern.bilateral", pattern.kind, lang, muscle=muscle)
        else:
            title = tr_kind("title.pattern", pattern.kind, lang, muscle=muscle, side=side_text)
        desc = tr_kind("desc.pattern", pattern.kind, lang, muscle=muscle, side=side_text)
        summary = pattern.summary.get(lang, "")
    else:
        title = chart.title.get(lang) or tr("title.chart", lang)
        desc = tr("desc.chart", lang)
        summary = ""
    if overlay is not None:
        title, desc, summary = _overlayheader_group(overlay, pattern, side, lang, summary)
    return title, desc, summary


_Entry = tuple[str, str, tuple[float, float]]  # zone id, label text, anchor (chart cm)


@dataclass(frozen=True)
class _ViewContent:
    """What one view shows: zones (spillover first), trigger points, labels.

    ``columns`` are the labels beside the view (zone names, and the names of the regions
    too small to carry their own); ``inside`` the region names written on their regions.
    """

    zones: tuple[Zone, ...]
    points: tuple[TriggerPoint, ...]
    columns: dict[str, list[_Entry]]
    sizes: dict[str, float] = field(default_factory=dict)
    inside: tuple[Text, ...] = ()

    @classmethod
    def of(
        cls,
        chart: Chart,
        pattern: Pattern | None,
        side: str,
        view: str,
        labels: bool,
        lang: str,
        regions: bool = False,
    ) -> _ViewContent:
        zones = pattern.zones(side, view) if pattern is not None else ()
        ordered = tuple(sorted(zones, key=lambda z: z.kind != "spillover"))
        points = pattern.trigger_points(side, view) if pattern is not None else ()
        columns: dict[str, list[_Entry]] = {"left": [], "right": []}
        sizes: dict[str, float] = {}
        if labels:
            for zone in ordered:
                ax, ay = _anchor_of(zone)
                text = "\n".join(textwrap.wrap(zone.name(lang), LABEL_WRAP)) or zone.id
                columns["left" if ax < 0 else "right"].append((zone.id, text, (ax, ay)))
        inside: list[Text] = []
        if regions:
            for region in chart.regions_in(view):
                ax, ay = _anchor_of(region)
                rid = f"region-label-{region.id}"
                fitted = _region_text(region, lang, ax, ay)
                if fitted is not None:
                    text, size = fitted
                    lines = text.count("\n") + 1
                    baseline = -ay - size * 1.2 * (lines - 1) / 2 + size * 0.35
                    inside.append(Text(rid, ax, baseline, text, size, "middle", color=MUTED,
                                       kind="region-label"))  # fmt: skip
                else:
                    columns["left" if ax < 0 else "right"].append((rid, region.name(lang),
                                                                   (ax, ay)))  # fmt: skip
                    sizes[rid] = REGION_LABEL_SIZE
        return cls(ordered, points, columns, sizes, tuple(inside))


def _region_text(region: Region, lang: str, x: float, y: float) -> tuple[str, float] | None:
    """A region's name wrapped to fit inside it around ``(x, y)`` (chart cm), and its size.

    The largest of :data:`REGION_INSIDE_SIZES` and the fewest lines (at most three) at which
    the name's box lies inside the region; ``None`` if it fits at none.
    """
    name = region.name(lang)
    for size in REGION_INSIDE_SIZES:
        longest = max(text_width(word, size) for word in name.split())
        for lines in range(1, 4):
            width = max(longest, text_width(name, size) / lines * 1.15)
            text = "\n".join(wrap_text(name, width, size))
            if text.count("\n") + 1 > lines:
                continue
            w = lines_width(text, size) / 2 + 0.3
            h = size * 1.2 * (text.count("\n") + 1) / 2
            if region.geometry.contains(box(x - w, y - h, x + w, y + h)):
                return text, size
    return None


def column_width(
    entries: list[_Entry], size: float = LABEL_SIZE, sizes: Mapping[str, float] | None = None
) -> float:
    """Room a label column needs beside a view (0 when it has no labels).

    ``entries`` are ``(id, text, anchor)``; ``size`` is the labels' font size (mm) and
    ``sizes`` the sizes of single labels by id, as :func:`label_columns` takes them.
    """
    if not entries:
        return 0.0
    widest = max(lines_width(t, _size_of(zid, size, sizes)) for zid, t, _ in entries)
    return widest + LABEL_GAP + LEADER_PAD


def header_group(width: float, title: str, summary: str) -> Group:
    """The title and the summary under it, fitted to the page (see :func:`header`)."""
    return header(width, title, summary)[0]


def header(width: float, title: str, summary: str) -> tuple[Group, float]:
    """The title (at most two lines) and the wrapped summary, and where they end.

    Both are fitted to the page's width less its margins with the renderers' font metrics
    (:func:`~bodymap.scene.layout.fit_text`): a long title wraps, and is shortened with an
    ellipsis only beyond two lines, so it is never cut at the page's edges.

    Returns
    -------
    tuple of Group and float
        The ``header`` group and the lowest point of its text (page mm).
    """
    room = width - 2 * MARGIN
    title_text = fit_text(title, room, TITLE_SIZE, "bold", max_lines=2)
    baseline = MARGIN + TITLE_SIZE * 0.8
    heading = Text("title", width / 2, baseline, title_text, TITLE_SIZE, "middle", "bold",
                   TEXT, line_height=1.15, kind="title")  # fmt: skip
    header: list[Item] = [heading]
    bottom = text_box(heading)[3]
    if summary:
        lines = "\n".join(wrap_text(summary, room, SUBTITLE_SIZE))
        sub = Text(
            "subtitle",
            width / 2,
            bottom + SUBTITLE_SIZE * 1.5,
            lines,
            SUBTITLE_SIZE,
            "middle",
            "normal",
            MUTED,
            line_height=1.35,
            kind="subtitle",
        )
        header.append(sub)
        bottom = text_box(sub)[3]
    return Group(id="header", items=tuple(header)), bottom


def _moved(shapes: Sequence[Shape], ox: float, oy: float) -> tuple[Shape, ...]:
    """Chart-cm shapes moved onto the page."""
    return tuple(Shape(s.id, to_page(s.geometry, ox, oy), s.style, s.title, s.kind) for s in shapes)


def _view_group(
    chart: Chart,
    pattern: Pattern | None,
    content: _ViewContent,
    frame: ViewFrame,
    opts: FigureOptions,
    overlay: Overlay | None,
    caption_y: float,
    lang: str,
) -> Group:
    """One view: body, zones, drawing marks, extra layers, outline, markers, labels."""
    view, ox, oy = frame.view, frame.ox, frame.oy
    bx0, _, bx1, _ = frame.box
    name = pattern.name if pattern is not None else None
    layers: list[Item] = []
    zone_styles = STYLES if overlay is None else OVERLAY_STYLES
    zone_shapes = [
        Shape(
            id=f"zone-{name}-{z.id}" if name is not None else f"zone-{z.id}",
            geometry=to_page(z.geometry, ox, oy),
            style=zone_styles[z.kind],
            title=f"{z.name(lang)} ({tr(f'kind.{z.kind}', lang)})",
            kind=f"zone-{z.kind}",
        )
        for z in content.zones
    ]
    if zone_shapes:
        layers.append(Group(id=f"zones-{view}", items=tuple(zone_shapes)))
    if overlay is not None:
        for gid, shapes in overlay.layers.get(view, ()):
            layers.append(Group(id=gid, items=_moved(shapes, ox, oy)))
        # The zones' outlines again, over the marks, so the pattern stays visible.
        outlines = tuple(
            Shape(
                f"zone-outline-{name or 'p'}-{z.id}",
                zs.geometry,
                OVERLAY_STYLES[f"{z.kind}-outline"],
                None,
                "zone-outline",
            )
            for z, zs in zip(content.zones, zone_shapes)
        )
        if outlines:
            layers.append(Group(id=f"zone-outlines-{view}", items=outlines))
    for layer in opts.extra_layers:
        if layer.view == view:
            layers.append(Group(id=layer.id, items=_moved(layer.shapes, ox, oy)))
    over: list[Item] = []
    if content.inside:
        over.append(_region_labels(content.inside, view, ox, oy))
    kind = pattern.kind if pattern is not None else "muscle"
    points = _trigger_points(content.points, name, ox, oy, kind, lang)
    if points is not None:
        over.append(points)
        covered = _outlines_over_points(zone_shapes, points, overlay is not None, view)
        if covered is not None:
            over.append(covered)
    labels = label_columns(content.columns, frame, sizes=content.sizes)
    if labels is not None:
        over.append(labels)
    caption = ((bx0 + bx1) / 2, caption_y, CAPTION_SIZE)
    items = view_base(chart, view, ox, oy, lang, layers, caption, over=over)
    return Group(id=f"view-{view}", items=tuple(items), title=tr(f"view.{view}", lang))


def _region_labels(texts: Sequence[Text], view: str, ox: float, oy: float) -> Group:
    """The region names that fit on their regions, moved from chart cm onto the page."""
    moved = tuple(
        Text(t.id, ox + t.x, oy + t.y, t.text, t.size, t.anchor, color=t.color, kind=t.kind)
        for t in texts
    )
    return Group(id=f"region-labels-{view}", items=moved)


#: The zone outlines drawn again over the markers (see :func:`_outlines_over_points`).
POINT_OUTLINE_WIDTH = 0.35


def _outlines_over_points(
    zones: Sequence[Shape], points: Group, overlay: bool, view: str
) -> Group | None:
    """The outlines of the zones a marker (or its white halo) covers, drawn over the markers.

    A trigger point's cross and halo would otherwise hide a small zone under it (or the
    part of a zone it lies on): the zone's edge, in the zone's own stroke colour (the blue
    of the overlay when a drawing is shown), stays visible through the marker.
    """
    halos = shapely.union_all(
        [item.geometry for item in points.items if isinstance(item, Shape) and item.kind == "halo"]
    )
    outlines: list[Item] = []
    for zone in zones:
        if not zone.geometry.intersects(halos):
            continue
        stroke = OKABE_ITO["blue"] if overlay else zone.style.stroke
        outlines.append(
            Shape(
                f"{zone.id}-edge",
                zone.geometry,
                Style(stroke=stroke, stroke_width=POINT_OUTLINE_WIDTH, dash=zone.style.dash),
                None,
                "zone-outline",
            )
        )
    return Group(id=f"zone-edges-{view}", items=tuple(outlines)) if outlines else None


def _trigger_points(
    points: Sequence[TriggerPoint],
    pattern: str | None,
    ox: float,
    oy: float,
    kind: str = "muscle",
    lang: str = "en",
) -> Group | None:
    """The markers of a pattern's points in its kind's shape, each on a white halo.

    All halos come first.  A muscle's trigger points are X marks of class
    ``trigger-point``; the other kinds' markers (:data:`MARKER_SHAPES`) have class
    ``marker``.
    """
    if not points:
        return None
    view = points[0].view
    halos: list[Item] = []
    marks: list[Item] = []
    css = "trigger-point" if kind == "muscle" else "marker"
    for tp in points:
        px, py = ox + tp.x, oy - tp.y
        halo = marker(kind, px, py, halo=0.45)
        halos.append(Shape(f"tp-halo-{tp.id}", halo, STYLES["trigger-halo"], None, "halo"))
        marks.append(
            Shape(
                f"tp-{pattern or 'p'}-{tp.id}",
                marker(kind, px, py),
                STYLES["trigger-point"],
                tp.name(lang),
                css,
            )
        )
    return Group(id=f"trigger-points-{view}", items=(*halos, *marks))


def label_columns(
    columns: dict[str, list[_Entry]],
    frame: ViewFrame,
    size: float = LABEL_SIZE,
    prefix: str = "",
    pad: float = 1.5,
    sizes: Mapping[str, float] | None = None,
    span: tuple[float, float] | None = None,
) -> Group | None:
    """Labels in a column on each side of a view, with elbow leader lines to their anchors.

    The one label placement of bodymap's figures (pattern figures, region names and atlas
    charts), done by :func:`~bodymap.scene.layout.place_column`: each column's labels are
    kept near their anchors' heights, pushed apart so that none overlap, and ordered so
    that no two leaders cross; every leader runs from its anchor (a dot) out to its label.

    Parameters
    ----------
    columns
        ``{"left": [...], "right": [...]}``: ``(id, text, anchor)`` entries, the anchor in
        chart cm.  An entry whose id starts with ``region-label-`` is a chart region's name:
        its text has that id and class ``region-label`` and is written in the muted colour.
    frame
        Where the view sits on the page.
    size
        Font size of the labels (mm).
    prefix
        Prefix of every id (``leader-<id>``, ``leader-dot-<id>``, ``label-<id>``).
    pad
        Least gap between two labels of a column (mm).
    sizes
        Font sizes of single labels by id (default: ``size``).
    span
        The top and bottom (page mm) the columns keep to (default: the view's box).

    Returns
    -------
    Group or None
        ``labels-<view>`` (leaders, then dots, then texts), or ``None`` without labels.
    """
    ox, oy = frame.ox, frame.oy
    bx0, by0, bx1, by1 = frame.box
    top, bottom = span if span is not None else (by0, by1)
    leaders: list[Item] = []
    dots: list[Item] = []
    texts: list[Item] = []
    for col in ("left", "right"):
        entries = columns[col]
        if not entries:
            continue
        if col == "left":
            edge, elbow, anchor = bx0 - LETTER_COL - LABEL_GAP, bx0 - 1.0, "end"
            start = edge + 1.0
        else:
            edge, elbow, anchor = bx1 + LETTER_COL + LABEL_GAP, bx1 + 1.0, "start"
            start = edge - 1.0
        fonts = [_size_of(zid, size, sizes) for zid, _, _ in entries]
        heights = [f * 1.2 * (t.count("\n") + 1) for f, (_, t, _) in zip(fonts, entries)]
        anchors = [(ox + ax, oy - ay) for _, _, (ax, ay) in entries]
        tops = place_column(anchors, heights, elbow, top, bottom, pad)
        for (zid, text, _), (ax, ay), y, h, font in zip(entries, anchors, tops, heights, fonts):
            mid_y = y + h / 2
            region = zid.startswith("region-label-")
            leaders.append(
                Line(
                    id=f"{prefix}leader-{zid}",
                    points=((ax, ay), (elbow, mid_y), (start, mid_y)),
                    style=STYLES["region-leader" if region else "leader"],
                    kind="leader",
                )
            )
            dots.append(
                Shape(
                    id=f"{prefix}leader-dot-{zid}",
                    geometry=shapely.Point(ax, ay).buffer(0.4 if region else 0.7, quad_segs=8),
                    style=STYLES["leader-dot"],
                    kind="leader-dot",
                )
            )
            texts.append(
                Text(
                    id=zid if region else f"{prefix}label-{zid}",
                    x=edge,
                    y=y + font * 0.95,
                    text=text,
                    size=font,
                    anchor=anchor,  # type: ignore[arg-type]
                    color=MUTED if region else TEXT,
                    kind="region-label" if region else "label",
                )
            )
    if not texts:
        return None
    # Leaders, then their dots, then the texts.
    return Group(id=f"{prefix}labels-{frame.view}", items=(*leaders, *dots, *texts))


def _size_of(zid: str, size: float, sizes: Mapping[str, float] | None) -> float:
    return sizes.get(zid, size) if sizes is not None else size


def _legend(
    width: float,
    y: float,
    lang: str,
    points: dict[str, tuple[TriggerPoint, ...]],
    styles: dict[str, Style] | None = None,
    kinds: frozenset[str] = frozenset({"essential", "spillover"}),
    pattern_kind: str = "muscle",
) -> tuple[Group, float]:
    """The legend of what the figure shows, centred, first row at baseline ``y``.

    The zones and the marker are explained as suits the pattern's kind: a muscle's
    essential pain zone and trigger point, a dermatome's area of most consistent supply and
    key sensory point, and so on; the marker swatch has the kind's shape.  Entries flow
    into as many rows as the page's width needs.  Returns the legend and its lowest point.
    """
    entries: list[tuple[str, str]] = [
        (kind, tr_kind(f"legend.{kind}", pattern_kind, lang))
        for kind in ("essential", "spillover")
        if kind in kinds
    ]
    if any(points.values()):
        if pattern_kind == "muscle":
            entries.append(("trigger-point", tr("legend.trigger-point", lang)))
        else:
            entries.append(("marker", tr(f"legend.marker.{pattern_kind}", lang)))
    swatch_w, gap, spacing = 8.0, 2.0, 9.0
    widths = [swatch_w + gap + text_width(t, LEGEND_SIZE) for _, t in entries]
    items: list[Item] = []
    for row in flow_rows(widths, width - 2 * MARGIN, spacing):
        x = (width - sum(widths[i] for i in row) - spacing * (len(row) - 1)) / 2
        for i in row:
            key, text = entries[i]
            _legend_entry(items, key, text, x, y, styles or STYLES, pattern_kind)
            x += widths[i] + spacing
        y += LEGEND_ROW
    return Group(id="legend", items=tuple(items)), y - LEGEND_ROW + 1.5


def _legend_entry(
    items: list[Item],
    key: str,
    text: str,
    x: float,
    y: float,
    styles: dict[str, Style],
    pattern_kind: str,
) -> None:
    """One swatch and its text, the swatch's left edge at ``x``, text baseline at ``y``."""
    swatch_w, swatch_h, gap = 8.0, 4.6, 2.0
    top = y - swatch_h + 0.9
    if key in ("trigger-point", "marker"):
        cx, cy = x + swatch_w / 2, top + swatch_h / 2
        items.append(
            Shape(
                f"legend-swatch-{key}",
                marker(pattern_kind, cx, cy),
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
                styles[key],
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


def _overlayheader_group(
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
            title = tr_kind(f"overlay.{key}.bilateral", pattern.kind, lang, muscle=muscle)
        else:
            title = tr_kind(f"overlay.{key}", pattern.kind, lang, muscle=muscle, side=side_text)
        desc = otr("desc.overlay", lang, muscle=muscle, side=side_text)
    subtitle = "\n".join(part for part in (overlay.caption, summary) if part)
    return title, desc, subtitle


def _overlay_legend(overlay: Overlay, width: float, y: float, lang: str) -> tuple[Group, float]:
    """The drawing legend, centred, first row at baseline ``y``: colour bar and swatches.

    Its parts flow into rows that fit the page; returns the legend and its lowest point.

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
    items: list[Item] = []
    entries = {e.key: e for e in overlay.entries}
    bottom = y
    for row in flow_rows([w for _, w in parts], width - 2 * MARGIN, spacing):
        x = (width - sum(parts[i][1] for i in row) - spacing * (len(row) - 1)) / 2
        top = y - cell_h + 0.9
        for key, part_width in (parts[i] for i in row):
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
        scaled = any(parts[i][0] == "scale" for i in row)
        bottom = y + (4.5 if scaled else 1.5)
        y += LEGEND_ROW + (3.5 if scaled else 0.0)
    return Group(id="drawing-legend", items=tuple(items)), bottom
