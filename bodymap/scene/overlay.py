"""Pain drawings as figure content: marks coloured by intensity, legends, titles.

:func:`build_overlay` turns one drawing (or two, e.g. first visit and follow-up) into shapes
in chart centimetres, per view, with stable ids (``mark-0``, ... or ``drawing-1-mark-0``, ...),
hover titles and styles, plus what the legend must explain; the layout step
(:mod:`bodymap.scene.pattern_figure`) places them on the page and builds the legend as scene
items, so the
SVG and matplotlib renderers draw the same thing.  One drawing is coloured by pain intensity
on a sequential yellow-orange-red scale (ColorBrewer YlOrRd, colour-blind safe and legible in
grey); two drawings get two Okabe-Ito colours and outlines that differ in dash as well as
colour.  Marks are drawn clipped to the body, as they are measured; what was drawn outside
the body is shown as a grey ghost.  No plotting library is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.core.bounds import MAX_FIELD, bounded
from bodymap.core.choices import check_lang
from bodymap.core.errors import BodymapError, DataError
from bodymap.core.geometry import clip_to_rect, polygonal
from bodymap.core.i18n import quality_text, tr
from bodymap.core.palette import (
    DRAWING_COLORS,
    NO_INTENSITY_COLOR,
    PLAIN_COLOR,
    intensity_color,
)
from bodymap.model.chart import Chart
from bodymap.model.drawing import Drawing, Mark
from bodymap.scene.items import Shape, Style

__all__ = ["Overlay", "build_overlay", "drawing_caption", "mark_style", "mark_title", "otr"]

#: Dash pattern of each drawing's outline (page mm); the second is dashed.
DRAWING_DASHES: tuple[tuple[float, ...] | None, ...] = (None, (1.6, 0.9))
MARK_STROKE = "#6B0A1E"
OUTSIDE_COLOR = "#9A9A9A"
#: What was drawn outside the body is shown from this area (cm²) up; smaller slivers, too
#: small to see, are still counted by :func:`bodymap.compare`.
OUTSIDE_MIN_CM2 = 0.5


def otr(key: str, lang: str = "en", **fields: object) -> str:
    """Translate an overlay string ``key`` into ``lang`` and fill in ``fields``."""
    return tr(f"overlay.{key}", lang, **fields)


def _same_chart(drawing: Drawing, chart: Chart) -> bool:
    if drawing.chart_name == chart.name:
        return True
    try:
        return drawing.chart.name == chart.name
    except BodymapError:
        return False


def _level(mark: Mark) -> float:
    return -1.0 if mark.intensity is None else mark.intensity


def _number(value: float) -> str:
    return f"{value:g}"


def mark_title(mark: Mark, index: int, lang: str = "en") -> str:
    """Hover text of a mark: ``Mark 3: intensity 6/10, aching`` (numbered from 1)."""
    parts = []
    if mark.intensity is not None:
        parts.append(otr("mark.intensity", lang, value=_number(mark.intensity)))
    if mark.quality:
        parts.append(quality_text(mark.quality, lang))
    head = otr("mark", lang, n=index + 1)
    return f"{head}: {', '.join(parts)}" if parts else head


def _date(recorded: str) -> str:
    """``2026-11-28 10:30`` from an ISO 8601 time stamp; other text is kept as it is."""
    try:
        when = datetime.fromisoformat(recorded.replace("Z", "+00:00"))
    except ValueError:
        return recorded
    if len(recorded) <= 10:
        return when.date().isoformat()
    return when.strftime("%Y-%m-%d %H:%M")


def drawing_caption(drawing: Drawing, lang: str = "en", subject: bool = True) -> str:
    """``Patient anon-17, drawn 2026-11-28 10:30`` (the parts that are known), or ``""``."""
    parts = []
    if drawing.subject and subject:
        parts.append(otr("subject", lang, subject=bounded(drawing.subject, MAX_FIELD)))
    if drawing.recorded:
        parts.append(otr("recorded", lang, date=bounded(_date(drawing.recorded), MAX_FIELD)))
    return ", ".join(parts)


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of the drawing legend: a style and its label."""

    key: str
    label: str
    style: Style


@dataclass(frozen=True)
class Overlay:
    """What one or two drawings add to a figure.

    Attributes
    ----------
    layers
        Per view, the groups to draw over the pattern zones: ``(group id, shapes)`` with
        shapes in chart centimetres.
    scale
        Whether to draw the pain-intensity colour bar.
    entries
        Further legend swatches (drawings, "intensity not given", "drawn outside").
    caption
        The line under the figure title: the patient and, for one drawing, its date.
    count
        The number of drawings (1 or 2).
    """

    layers: Mapping[str, tuple[tuple[str, tuple[Shape, ...]], ...]]
    scale: bool
    entries: tuple[LegendEntry, ...]
    caption: str
    count: int = 1


def _clipped(shape: BaseGeometry, outline: Polygon | MultiPolygon) -> BaseGeometry:
    if shape.is_empty or shapely.covers(outline, shape):
        return shape
    near = clip_to_rect(outline, *shape.bounds)
    return polygonal(shapely.intersection(shape, near))


def mark_style(color: str, opacity: float = 0.88) -> Style:
    """The style of a mark filled with ``color``."""
    return Style(
        fill=color,
        fill_opacity=opacity,
        stroke=MARK_STROKE,
        stroke_width=0.18,
        stroke_opacity=0.55,
    )


def drawing_style(number: int) -> Style:
    """The fill and outline of drawing ``number`` (1 or 2) when two drawings are shown."""
    color = DRAWING_COLORS[number - 1]
    return Style(
        fill=color,
        fill_opacity=0.42,
        stroke=color,
        stroke_width=0.5,
        dash=DRAWING_DASHES[number - 1],
    )


OUTSIDE_STYLE = Style(
    fill=OUTSIDE_COLOR, fill_opacity=0.25, stroke=OUTSIDE_COLOR, stroke_width=0.25, dash=(0.8, 0.6)
)


def build_overlay(
    drawings: Sequence[Drawing], chart: Chart, views: Sequence[str], lang: str = "en"
) -> Overlay:
    """Shapes, styles and legend content for one or two drawings on ``chart``.

    Parameters
    ----------
    drawings
        One drawing (coloured by intensity) or two (coloured by drawing).
    chart
        The chart the figure is drawn on; the drawings must be on the same chart.
    views
        The views shown.
    lang
        Language of titles and legend labels.

    Returns
    -------
    Overlay
        Shapes in chart centimetres with stable ids and titles, per view.
    """
    check_lang(lang)
    if not 1 <= len(drawings) <= 2:
        raise BodymapError(f"one or two drawings can be drawn at once, not {len(drawings)}")
    for d in drawings:
        if not _same_chart(d, chart):
            raise DataError(f"{d.source}: drawn on chart {d.chart_name!r}, not on {chart.name!r}")
    two = len(drawings) == 2
    # Two drawings of one patient: the patient goes under the title, the dates in the legend.
    same = two and drawings[0].subject is not None and drawings[0].subject == drawings[1].subject
    if two:
        caption = otr("subject", lang, subject=drawings[0].subject) if same else ""
    else:
        caption = drawing_caption(drawings[0], lang)
    layers: dict[str, list[tuple[str, tuple[Shape, ...]]]] = {v: [] for v in views}
    entries: list[LegendEntry] = []
    scale = False
    any_outside = False
    for number, drawing in enumerate(drawings, start=1):
        prefix = f"drawing-{number}-" if two else ""
        shapes = drawing.shapes(chart)
        has_intensity = any(m.intensity is not None for m in drawing.marks)
        if two:
            color = DRAWING_COLORS[number - 1]
            fill = Style(fill=color, fill_opacity=0.0)
            key = "first" if number == 1 else "second"
            label = otr(f"legend.{key}", lang)
            named = drawing_caption(drawing, lang, subject=not same) or drawing.label
            entries.append(
                LegendEntry(
                    f"drawing-{number}",
                    f"{label}: {named}",
                    drawing_style(number),
                )
            )
        else:
            scale = has_intensity
            if not has_intensity and drawing.marks:
                entries.append(
                    LegendEntry("marked", otr("legend.marked", lang), mark_style(PLAIN_COLOR))
                )
            elif any(m.intensity is None for m in drawing.marks):
                entries.append(
                    LegendEntry(
                        "no-intensity",
                        otr("legend.no-intensity", lang),
                        mark_style(NO_INTENSITY_COLOR),
                    )
                )
        for view in views:
            outline = chart.outline(view)
            index = [i for i, m in enumerate(drawing.marks) if m.view == view]
            # Weaker pain first, so the strongest is on top (the sort is stable).
            index.sort(key=lambda i: _level(drawing.marks[i]))
            items: list[Shape] = []
            for i in index:
                mark = drawing.marks[i]
                geometry = _clipped(shapes[i], outline)
                if geometry.is_empty:
                    continue
                if two:
                    style = fill
                elif has_intensity:
                    style = mark_style(intensity_color(mark.intensity))
                else:
                    style = mark_style(PLAIN_COLOR)
                items.append(
                    Shape(f"{prefix}mark-{i}", geometry, style, mark_title(mark, i, lang), "mark")
                )
            group: list[Shape] = []
            outside = drawing.outside(view, chart)
            if outside.area >= OUTSIDE_MIN_CM2:
                any_outside = True
                area = f"{outside.area:.1f}"
                group.append(
                    Shape(
                        f"{prefix}outside-{view}",
                        outside,
                        OUTSIDE_STYLE,
                        otr("outside", lang, area=area),
                        "mark-outside",
                    )
                )
            group += items
            if two and items:
                # One fill for the union of the marks (overlapping marks of one drawing
                # would otherwise stack their transparency), and its outline; the marks
                # themselves stay as unpainted shapes with their ids and hover titles.
                inside = drawing.geometry(view, chart)
                color = DRAWING_COLORS[number - 1]
                group.insert(
                    0,
                    Shape(
                        f"{prefix}area-{view}",
                        inside,
                        drawing_style(number),
                        None,
                        "drawing-area",
                    ),
                )
            if group:
                gid = f"drawing-{number}-{view}" if two else f"drawing-{view}"
                layers[view].append((gid, tuple(group)))
    if any_outside:
        entries.append(LegendEntry("outside", otr("legend.outside", lang), OUTSIDE_STYLE))
    return Overlay(
        layers={v: tuple(g) for v, g in layers.items()},
        scale=scale,
        entries=tuple(entries),
        caption=caption,
        count=len(drawings),
    )
