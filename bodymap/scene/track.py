"""The figure of a patient followed over visits: small multiples of the drawings, and a trend.

:func:`track_scene` lays out a :class:`~bodymap.analysis.tracking.Track`: one panel per
visit (front and back, small) in date order, rows of :data:`PANELS_PER_ROW`, each showing
what changed since the previous visit: new area, resolved area (with a dashed edge: it is
no longer marked) and persisting area in the colours of
:data:`~bodymap.core.palette.TRACK_COLORS` (the first visit shows all it marks), with the
visit's date and extent under it; a legend explains the colours.  Beneath, the pain extent
over time as a line (cm² on the left axis, % of the body chart on the right; dates spaced by
time when every drawing has one), a change larger than the minimal detectable change
(:data:`~bodymap.analysis.tracking.MDC_SHARE`) drawn as a ringed point marked ``*``.  The
scene is backend-free: the SVG and matplotlib renderers draw it.
"""

from __future__ import annotations

import math
import textwrap
from itertools import pairwise

from shapely.geometry import Point, box

from bodymap.analysis.tracking import MDC_SHARE, Track, change_geometries, recorded_time
from bodymap.core.bounds import MAX_FIELD, bounded
from bodymap.core.choices import check_lang
from bodymap.core.i18n import format_date, format_number, tr
from bodymap.core.palette import MUTED, TEXT, TRACK_COLORS
from bodymap.model.drawing import Drawing
from bodymap.scene.items import Group, Item, Line, Scene, Shape, Style, Text, ViewFrame
from bodymap.scene.page import (
    MARGIN,
    TITLE_SIZE,
    text_width,
    to_page,
    view_base,
    views_drawn,
)

__all__ = ["PANELS_PER_ROW", "STYLES", "track_scene", "visit_date"]

#: Page mm per chart cm in each visit's panel.
SCALE = 0.36
#: Visits per row of panels.
PANELS_PER_ROW = 4
#: Space between panels, and between the views of a panel (mm).
PANEL_GAP, VIEW_GAP = 9.0, 3.0
#: Font sizes (mm): a panel's heading, its date and extent, the view names, the legend and
#: the trend's ticks.
HEAD_SIZE, LINE_SIZE, CAPTION_SIZE, LEGEND_SIZE, TICK_SIZE = 3.8, 3.0, 2.4, 3.0, 2.6
#: Height of the trend plot's axes (mm).
PLOT_HEIGHT = 48.0
#: The styles of the areas of a visit's panel.
STYLES: dict[str, Style] = {
    "first": Style(fill=TRACK_COLORS["first"], fill_opacity=0.85),
    "persisting": Style(fill=TRACK_COLORS["persisting"], fill_opacity=0.9),
    "new": Style(fill=TRACK_COLORS["new"], fill_opacity=0.9),
    "resolved": Style(
        fill=TRACK_COLORS["resolved"],
        fill_opacity=0.55,
        stroke=TRACK_COLORS["resolved-edge"],
        stroke_width=0.3,
        dash=(0.8, 0.5),
    ),
}
_LINE = Style(stroke=TEXT, stroke_width=0.45)
_AXIS = Style(stroke=MUTED, stroke_width=0.25)
_GRID = Style(stroke="#DDDDDD", stroke_width=0.2)
_POINT = Style(fill=TEXT)
_MDC = Style(stroke=TRACK_COLORS["new"], stroke_width=0.5)


def _nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^k) that divides ``0..top`` into about ``ticks``."""
    raw = max(top, 1e-9) / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw:
            return factor * power
    return 10.0 * power  # pragma: no cover - the loop always returns


def visit_date(drawing: Drawing, lang: str) -> str:
    """A visit's date as a patient reads it, its ``recorded`` text as written, or "no date".

    A text that is not a date is cut at :data:`~bodymap.core.bounds.MAX_FIELD` characters.
    """
    when = recorded_time(drawing)
    if when is None:
        return (
            bounded(drawing.recorded, MAX_FIELD) if drawing.recorded else tr("track.no-date", lang)
        )
    return format_date(when.date(), lang)


def track_scene(track: Track, lang: str = "en") -> Scene:
    """Lay out the figure of a patient's visits (see the module).

    Parameters
    ----------
    track
        The visits, from :func:`~bodymap.analysis.tracking.track`.
    lang
        Language of titles, captions and legend.

    Returns
    -------
    Scene
        Draw it with :class:`~bodymap.renderers.diagram.Diagram` (SVG, PNG or PDF).
    """
    lang = check_lang(lang)
    chart = track.chart
    # Every full-height view; a small one (the soles) only when a visit marks it.
    views = views_drawn(chart, (v for visit in track.visits for v in visit.drawing.views()))
    bounds = {v: chart.outline(v).bounds for v in views}
    view_w = {v: (b[2] - b[0]) * SCALE for v, b in bounds.items()}
    panel_w = sum(view_w.values()) + VIEW_GAP * (len(views) - 1)
    body_h = max(b[3] - b[1] for b in bounds.values()) * SCALE
    panel_h = HEAD_SIZE * 1.6 + body_h + CAPTION_SIZE * 1.8 + LINE_SIZE * 2.9
    n = len(track.visits)
    cols = max(1, min(PANELS_PER_ROW, n))
    rows = -(-n // cols)
    width = max(2 * MARGIN + cols * panel_w + (cols - 1) * PANEL_GAP, 190.0)
    left = (width - (cols * panel_w + (cols - 1) * PANEL_GAP)) / 2
    top = MARGIN + TITLE_SIZE + 5.0
    items: list[Item] = [
        Text("title", width / 2, MARGIN + TITLE_SIZE * 0.8, tr("track.title", lang), TITLE_SIZE,
             "middle", "bold", TEXT, kind="title"),
    ]  # fmt: skip
    subjects = ", ".join(track.subjects)
    if subjects:
        items.append(
            Text("subject", width / 2, MARGIN + TITLE_SIZE * 0.8 + LINE_SIZE * 1.8, subjects,
                 LINE_SIZE, "middle", "normal", MUTED, kind="subtitle")
        )  # fmt: skip
        top += LINE_SIZE * 1.5
    frames: list[ViewFrame] = []
    for index, visit in enumerate(track.visits):
        row, col = divmod(index, cols)
        x0 = left + col * (panel_w + PANEL_GAP)
        y0 = top + row * (panel_h + PANEL_GAP)
        gid = f"visit-{visit.number}"
        group: list[Item] = [
            Text(f"{gid}-title", x0 + panel_w / 2, y0 + HEAD_SIZE,
                 tr("track.visit", lang, n=visit.number), HEAD_SIZE, "middle", "bold", TEXT,
                 kind="panel-title"),
        ]  # fmt: skip
        body_top = y0 + HEAD_SIZE * 1.6
        x = x0
        previous = track.visits[index - 1].drawing if index else None
        for view in views:
            minx, _, _, maxy = bounds[view]
            ox, oy = x - minx * SCALE, body_top + maxy * SCALE
            if previous is None:
                parts = {"first": visit.drawing.geometry(view, chart)}
            else:
                new, resolved, persisting = change_geometries(previous, visit.drawing, view, chart)
                parts = {"persisting": persisting, "resolved": resolved, "new": new}
            layers: list[Item] = [
                Shape(f"{gid}-{view}-{key}", to_page(geom, ox, oy, SCALE), STYLES[key],
                      tr(f"track.legend.{key}", lang), f"track-{key}")
                for key, geom in parts.items()
                if not geom.is_empty
            ]  # fmt: skip
            caption = (x + view_w[view] / 2, body_top + body_h + CAPTION_SIZE * 1.4, CAPTION_SIZE)
            group += view_base(
                chart, view, ox, oy, lang, layers, caption, f"{gid}-{view}-", scale=SCALE
            )
            if index == 0:
                box_ = (x, body_top, x + view_w[view], body_top + body_h)
                frames.append(ViewFrame(view, round(ox, 4), round(oy, 4), box_))
            x += view_w[view] + VIEW_GAP
        below = body_top + body_h + CAPTION_SIZE * 1.8
        m = visit.measures
        extent = (
            f"{format_number(m.extent_cm2, lang, ',.0f')} cm² "
            f"({format_number(m.extent_pct, lang, '.1f')}%)"
        )
        if visit.exceeds_mdc:
            extent += " *"
        day = visit_date(visit.drawing, lang)
        group += [
            Text(f"{gid}-date", x0 + panel_w / 2, below + LINE_SIZE, day, LINE_SIZE, "middle",
                 "bold", TEXT, kind="panel-date"),
            Text(f"{gid}-extent", x0 + panel_w / 2, below + LINE_SIZE * 2.3, extent, LINE_SIZE,
                 "middle", "normal", MUTED, kind="panel-score"),
        ]  # fmt: skip
        items.append(Group(gid, tuple(group), tr("track.visit", lang, n=visit.number)))
    y = top + rows * panel_h + (rows - 1) * PANEL_GAP + 4.0
    legend, legend_h = _legend(width, y, lang, any(v.exceeds_mdc for v in track.visits))
    items.append(legend)
    y += legend_h + 8.0
    plot, plot_h = _trend(track, MARGIN + 14.0, y, width - 2 * MARGIN - 28.0, lang)
    items.append(plot)
    height = y + plot_h + MARGIN
    return Scene(
        width=round(width, 2),
        height=round(height, 2),
        title=tr("track.title", lang),
        desc=tr("track.desc", lang),
        items=tuple(items),
        lang=lang,
        frames=tuple(frames),
    )


def _legend(width: float, y: float, lang: str, mdc: bool) -> tuple[Group, float]:
    """The swatches of the four area colours (and the MDC mark if ``mdc``), centred."""
    size = LEGEND_SIZE
    sw = size * 1.3
    entries: list[tuple[str, str]] = [
        (key, tr(f"track.legend.{key}", lang)) for key in ("first", "new", "resolved", "persisting")
    ]
    if mdc:
        entries.append(("mdc", tr("track.legend.mdc", lang)))
    widths = [sw + 1.5 + text_width(label, size) for _, label in entries]
    gap = 6.0
    lines: list[list[int]] = [[]]
    used = 0.0
    for i, w in enumerate(widths):
        if lines[-1] and used + gap + w > width - 2 * MARGIN:
            lines.append([])
            used = 0.0
        used += (gap if lines[-1] else 0.0) + w
        lines[-1].append(i)
    out: list[Item] = []
    for k, line in enumerate(lines):
        total = sum(widths[i] for i in line) + gap * (len(line) - 1)
        x = (width - total) / 2
        yy = y + k * size * 1.8
        for i in line:
            key, label = entries[i]
            if key == "mdc":
                centre = Point(x + sw / 2, yy + sw / 2)
                out += [
                    Shape("legend-mdc-ring", centre.buffer(sw * 0.45), _MDC, label, "legend"),
                    Shape("legend-mdc-point", centre.buffer(0.7), _POINT, label, "legend"),
                ]
            else:
                out.append(
                    Shape(f"legend-{key}", box(x, yy, x + sw, yy + sw), STYLES[key], label,
                          "legend")
                )  # fmt: skip
            out.append(
                Text(f"legend-{key}-label", x + sw + 1.5, yy + sw * 0.8, label, size,
                     "start", "normal", TEXT, kind="legend")
            )  # fmt: skip
            x += widths[i] + gap
    return Group("legend", tuple(out)), len(lines) * size * 1.8


def _trend(track: Track, x0: float, y0: float, w: float, lang: str) -> tuple[Group, float]:
    """Extent over time: axes, a line through the visits, the MDC changes ringed."""
    h = PLOT_HEIGHT
    visits = track.visits
    extents = [v.measures.extent_cm2 for v in visits]
    body = track.chart.area()
    step = _nice_step(max(extents) * 1.1 if max(extents) > 0 else 1.0)
    ymax = step * math.ceil(max(max(extents) * 1.1, step) / step)
    times = [recorded_time(v.drawing) for v in visits]
    span = 0.0
    if track.by_date and all(t is not None for t in times):
        start = times[0]
        assert start is not None
        offsets = [(t - start).total_seconds() for t in times if t is not None]
        span = max(offsets)
    pad = 8.0
    even = [i / max(1, len(visits) - 1) for i in range(len(visits))]
    share = even
    if span > 0:
        # Spaced by time, unless visits close in time would crowd: then moved towards even
        # spacing, as little as keeps their dates apart.
        by_time = [o / span for o in offsets]
        gap = (text_width("30 September 2026", TICK_SIZE) + 2.0) / (w - 2 * pad)
        for alpha in (1.0, 0.75, 0.5, 0.25, 0.0):
            share = [alpha * t + (1 - alpha) * e for t, e in zip(by_time, even)]
            if min((b - a for a, b in pairwise(share)), default=1.0) >= gap:
                break
    xs = [x0 + pad + (w - 2 * pad) * f for f in share]

    def yof(value: float) -> float:
        return y0 + h - h * value / ymax

    out: list[Item] = [
        Text("trend-title", x0 + w / 2, y0 - 3.0, tr("track.axis.extent", lang), LINE_SIZE,
             "middle", "bold", TEXT, kind="axis-title"),
    ]  # fmt: skip
    ticks = round(ymax / step)
    for t in range(ticks + 1):
        value = t * step
        ty = yof(value)
        out.append(Line(f"trend-grid-{t}", ((x0, ty), (x0 + w, ty)), _GRID if t else _AXIS))
        out.append(
            Text(f"trend-y-{t}", x0 - 1.5, ty + TICK_SIZE * 0.35,
                 format_number(value, lang, ",.0f"), TICK_SIZE, "end", "normal", MUTED,
                 kind="tick")
        )  # fmt: skip
        out.append(
            Text(f"trend-pct-{t}", x0 + w + 1.5, ty + TICK_SIZE * 0.35,
                 f"{format_number(100 * value / body, lang, '.1f')}%", TICK_SIZE, "start",
                 "normal", MUTED, kind="tick")
        )  # fmt: skip
    out += [
        Line("trend-axis-left", ((x0, y0), (x0, y0 + h)), _AXIS),
        Line("trend-axis-right", ((x0 + w, y0), (x0 + w, y0 + h)), _AXIS),
        Text("trend-pct-title", x0 + w + 1.5, y0 - 3.0, tr("track.axis.percent", lang),
             TICK_SIZE, "middle", "normal", MUTED, kind="axis-title"),
    ]  # fmt: skip
    points = tuple((round(x, 3), round(yof(e), 3)) for x, e in zip(xs, extents))
    if len(points) > 1:
        out.append(Line("trend-line", points, _LINE, kind="trend"))
    ends, lowered = [-math.inf], [False]
    for i, (visit, (px, py)) in enumerate(zip(visits, points)):
        day = visit_date(visit.drawing, lang)
        if visit.exceeds_mdc:
            ring = Point(px, py).buffer(2.0).exterior
            out.append(Shape(f"trend-mdc-{visit.number}", ring, _MDC,
                             tr("track.legend.mdc", lang), "trend-mdc"))  # fmt: skip
        out.append(
            Shape(f"trend-point-{visit.number}", Point(px, py).buffer(0.9), _POINT,
                  f"{day}: {format_number(extents[i], lang, ',.1f')} cm²",
                  "trend-point")
        )  # fmt: skip
        label = format_number(extents[i], lang, ",.0f") + (" *" if visit.exceeds_mdc else "")
        out.append(
            Text(f"trend-value-{visit.number}", px, py - 3.0, label, TICK_SIZE, "middle",
                 "bold", TEXT, kind="trend-value")
        )  # fmt: skip
        # A date that would run into the one before it goes a line lower.
        half = text_width(day, TICK_SIZE) / 2 + 1.0
        lower = px - half < ends[-1] and not lowered[-1]
        ends.append(px + half if not lower else ends[-1])
        lowered.append(lower)
        out.append(
            Text(f"trend-x-{visit.number}", px, y0 + h + TICK_SIZE * (2.7 if lower else 1.5),
                 day, TICK_SIZE, "middle", "normal", MUTED, kind="tick")
        )  # fmt: skip
    if not any(v.exceeds_mdc for v in visits):
        return Group("trend", tuple(out)), h + TICK_SIZE * 4.0
    note = tr("track.mdc", lang, share=format_number(100 * MDC_SHARE, lang, ".0f"))
    size = TICK_SIZE * 0.9
    chars = max(40, int(w / (size * 0.5)))
    wrapped = "\n".join(textwrap.wrap(note, chars))
    out.append(
        Text("trend-note", x0 + w / 2, y0 + h + TICK_SIZE * 4.6, wrapped, size, "middle",
             "normal", MUTED, kind="note")
    )  # fmt: skip
    lines = wrapped.count("\n") + 1
    return Group("trend", tuple(out)), h + TICK_SIZE * 4.6 + size * 1.2 * lines
