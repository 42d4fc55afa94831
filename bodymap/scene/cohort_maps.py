"""Figures of a cohort: frequency heat maps and region choropleths, as backend-free scenes.

:func:`frequency_scene` draws the share of drawings that mark each spot as a heat map on the
body chart, front and back view, with a colour bar labelled "% of drawings" (the cohort
counts drawings: a patient may have several), a title and the number of drawings; with
groups, one map per group, at most :data:`PANELS_PER_ROW` a row, on one colour scale, and
for two groups a map of their difference on a diverging scale.  :func:`region_scene` colours each
chart region by the share of drawings that touch it; a figure of more than
:data:`MAX_GROUP_PANELS` (24) groups is refused in one line rather than drawn.  Both return a
:class:`~bodymap.scene.Scene`, which the SVG and matplotlib renderers draw as it is.

Colours are binned (a stepped colour bar, easy to read off) from hard-coded colour-blind-safe
scales: ColorBrewer YlOrRd for shares and ColorBrewer RdBu for differences.  The
cells of one colour are merged into polygons (in whole-cell integer coordinates, so the union is
exact) and clipped to the body outline, which keeps the SVG small.  No plotting library is
imported here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from bodymap.core.choices import check_lang
from bodymap.core.errors import BodymapError
from bodymap.core.i18n import format_count, format_number, tr
from bodymap.core.palette import DIVERGING, SEQUENTIAL, text_on
from bodymap.model.chart import Chart
from bodymap.scene.items import Group, Item, Scene, Shape, Style, Text, ViewFrame
from bodymap.scene.layout import text_width
from bodymap.scene.page import (
    BODY_FILL,
    MARGIN,
    MUTED,
    SUBTITLE_SIZE,
    TEXT,
    TITLE_SIZE,
    to_page,
    view_base,
    views_drawn,
)

if TYPE_CHECKING:
    from bodymap.analysis.cohort import CohortData, Grid

__all__ = [
    "DIVERGING",
    "MAX_GROUP_PANELS",
    "SEQUENTIAL",
    "check_group_panels",
    "frequency_scene",
    "nice_edges",
    "region_scene",
]

#: The most groups a figure draws a panel (or a bar) for: more would not fit on a page.
MAX_GROUP_PANELS = 24


def check_group_panels(figure: str, count: int) -> None:
    """Refuse a figure of more than :data:`MAX_GROUP_PANELS` groups, in one line.

    Raises
    ------
    BodymapError
        Naming ``figure``, the number of groups and the limit.
    """
    if count > MAX_GROUP_PANELS:
        raise BodymapError(
            f"the {figure} can show at most {MAX_GROUP_PANELS} groups, not {count:,}: "
            "leave it out or group the drawings more coarsely"
        )


PANEL_SIZE = 4.2
CAPTION_SIZE = 3.6
TICK_SIZE = 3.0
VIEW_GAP = 6.0
PANEL_GAP = 14.0
BAR_WIDTH = 5.0
BAR_GAP = 10.0
REGION_LABEL_SIZE = 2.2
#: At most this many map panels a row; more groups wrap into further rows.
PANELS_PER_ROW = 4
#: Space between two rows of panels, below the view captions (mm).
ROW_GAP = 10.0
#: Size of a legend swatch (mm).
SWATCH = 4.0


def _s(key: str, lang: str, **fields: object) -> str:
    return tr(f"cohort.{key}", lang, **fields)


def n_label(n: int, lang: str) -> str:
    """``n = 120 drawings``: what a cohort's n counts.

    A cohort counts drawings (one row each; a patient may have several, e.g. a first visit
    and a follow-up), so its shares are "% of drawings".
    """
    return _s("n", lang, n=_count(n, lang))


#: A count in the separators of a language (the figures of the cohort statistics use it too).
_count = format_count


def _num(value: float, lang: str) -> str:
    """A short number: ``2.5``, ``10``, ``-0.25`` (decimal comma in Dutch)."""
    shown = round(float(value), 9)
    return format_number(0.0 if shown == 0 else shown, lang, ".4g")


def nice_edges(vmax: float, bins: int = 12, symmetric: bool = False) -> np.ndarray:
    """Colour-bin edges up to a round number ≥ ``vmax``, at most ``bins`` bins.

    The step is 1, 2, 2.5 or 5 times a power of ten, so the colour bar reads easily.  With
    ``symmetric`` the bins are centred on 0 (for differences): the middle bin runs from
    ``-step/2`` to ``step/2`` and is drawn neutral.
    """
    vmax = max(float(vmax), 1e-9)
    raw = vmax / (bins / 2 if symmetric else bins)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw - 1e-12)
    if symmetric:
        half = math.ceil(vmax / step - 0.5 - 1e-9)
        return (np.arange(-half, half + 2) - 0.5) * step
    count = math.ceil(vmax / step - 1e-9)
    return np.arange(0, count + 1) * step


def _colours(palette: Sequence[str], n: int) -> list[str]:
    """``n`` colours spread evenly over ``palette`` (linear in sRGB between stops)."""
    rgb = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in palette], dtype=float)
    where = np.linspace(0, len(palette) - 1, n) if n > 1 else np.array([len(palette) / 2])
    out = []
    for t in where:
        i = min(int(t), len(palette) - 2)
        f = t - i
        c = rgb[i] * (1 - f) + rgb[i + 1] * f
        out.append("#" + "".join(f"{round(v):02x}" for v in c))
    return out


def _mask_polygon(mask: np.ndarray, grid: Grid) -> BaseGeometry:
    """The cells of ``mask`` (``(ny, nx)`` bool, row 0 at the bottom) as one polygon in cm."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)
    if not len(rows):
        return Polygon()
    cells = shapely.box(starts, rows, ends, rows + 1)
    merged = shapely.union_all(cells)
    h = grid.cell
    return shapely.transform(merged, lambda xy: xy * h + np.array([grid.x0, grid.y0]))


class _Page:
    """Places views left to right and collects the scene's items."""

    def __init__(self, chart: Chart, lang: str) -> None:
        self.chart = chart
        self.lang = lang
        self.items: list[Item] = []
        self.frames: list[ViewFrame] = []
        self.x = MARGIN
        self.right = MARGIN
        self.rows = 1
        self.top = MARGIN + TITLE_SIZE + SUBTITLE_SIZE * 1.6 + 8.0 + PANEL_SIZE * 1.6
        b = np.array([chart.outline(v).bounds for v in chart.views])
        self.miny, self.maxy = float(b[:, 1].min()), float(b[:, 3].max())
        self.bottom = self.top + (self.maxy - self.miny)

    def new_row(self) -> None:
        """Start a new row of panels below the current one, at the left margin."""
        self.right = max(self.right, self.x)
        self.x = MARGIN
        step = self.bottom + 6.0 + CAPTION_SIZE + ROW_GAP + PANEL_SIZE * 1.6 + 6.0 - self.top
        self.top += step
        self.bottom += step
        self.rows += 1

    def message(self, prefix: str, text: str, swatches: Sequence[tuple[str, str]] = ()) -> None:
        """A key in place of a colour bar: a message (one line per line of it) and swatches."""
        x = self.x + BAR_GAP
        lines = text.split("\n") if text else []
        size = TICK_SIZE * 1.1
        height = len(lines) * size * 1.3 + len(swatches) * (SWATCH + 2.0)
        y = (self.top + self.bottom) / 2 - height / 2 + size
        items: list[Item] = []
        for i, line in enumerate(lines):
            items.append(
                Text(f"{prefix}-message-{i}", x, y, line, size, "start", "bold", TEXT,
                     kind="no-significant")
            )  # fmt: skip
            y += size * 1.3
        widest = max((text_width(line, size, "bold") for line in lines), default=0.0)
        items += self._swatches(prefix, x, y, swatches)
        widest = max([widest, *(SWATCH + 1.5 + text_width(t, TICK_SIZE) for _, t in swatches)])
        self.items.append(Group(prefix, tuple(items)))
        self.x = x + widest

    def _swatches(
        self, prefix: str, x: float, y: float, swatches: Sequence[tuple[str, str]]
    ) -> list[Item]:
        items: list[Item] = []
        for i, (colour, label) in enumerate(swatches):
            top = y + i * (SWATCH + 2.0)
            items.append(
                Shape(f"{prefix}-swatch-{i}", box(x, top, x + SWATCH, top + SWATCH),
                      Style(fill=colour, stroke=MUTED, stroke_width=0.2), label, "swatch")
            )  # fmt: skip
            items.append(
                Text(f"{prefix}-swatch-label-{i}", x + SWATCH + 1.5, top + SWATCH * 0.8, label,
                     TICK_SIZE, "start", "normal", TEXT, kind="swatch-label")
            )  # fmt: skip
        return items

    def view(self, view: str, layers: list[Item], prefix: str) -> tuple[float, float, float, float]:
        """Draw one view (body, ``layers`` already in page mm, outline); return its box."""
        chart = self.chart
        minx, _, maxx, _ = chart.outline(view).bounds
        ox = self.x - minx
        oy = self.top + self.maxy
        caption = (ox + (minx + maxx) / 2, self.bottom + 6.0, CAPTION_SIZE)
        group = view_base(chart, view, ox, oy, self.lang, layers, caption, f"{prefix}-")
        self.items.append(Group(prefix, tuple(group), tr(f"view.{view}", self.lang)))
        frame_box = (ox + minx, self.top, ox + maxx, self.bottom)
        self.frames.append(ViewFrame(view, round(ox, 4), round(oy, 4), frame_box))
        self.x = ox + maxx
        return frame_box

    def origin(self, view: str) -> tuple[float, float]:
        minx = self.chart.outline(view).bounds[0]
        return self.x - minx, self.top + self.maxy

    def colour_bar(
        self,
        prefix: str,
        edges: np.ndarray,
        colours: Sequence[str],
        label: str,
        swatches: Sequence[tuple[str, str]] = (),
    ) -> None:
        """A stepped vertical colour bar with its edges as ticks and ``label`` above it.

        ``swatches`` (colour, label) are keyed below the bar (e.g. "not significant").
        """
        x = self.x + BAR_GAP
        height = min(100.0, self.bottom - self.top - 10.0)
        y0 = self.top + (self.bottom - self.top - height) / 2
        bins = len(colours)
        step = height / bins
        items: list[Item] = []
        for i, colour in enumerate(colours):
            top = y0 + height - (i + 1) * step
            items.append(
                Shape(
                    f"{prefix}-bin-{i}",
                    box(x, top, x + BAR_WIDTH, top + step),
                    Style(fill=colour, stroke=colour, stroke_width=0.05),
                    f"{_num(edges[i], self.lang)} - {_num(edges[i + 1], self.lang)}",
                    "colour-bin",
                )
            )
        items.append(
            Shape(
                f"{prefix}-frame",
                box(x, y0, x + BAR_WIDTH, y0 + height),
                Style(stroke=MUTED, stroke_width=0.2),
                None,
                "colour-bar-frame",
            )
        )
        for i, edge in enumerate(edges):
            ty = y0 + height - i * step
            items.append(
                Text(
                    f"{prefix}-tick-{i}",
                    x + BAR_WIDTH + 1.5,
                    ty + TICK_SIZE * 0.35,
                    _num(float(edge), self.lang),
                    TICK_SIZE,
                    "start",
                    "normal",
                    TEXT,
                    kind="tick",
                )
            )
        lines = label.split("\n")
        for i, line in enumerate(lines):
            items.append(
                Text(
                    f"{prefix}-label" + (f"-{i}" if i else ""),
                    x,
                    y0 - 4.0 - (len(lines) - 1 - i) * TICK_SIZE * 1.1 * 1.3,
                    line,
                    TICK_SIZE * 1.1,
                    "start",
                    "bold",
                    TEXT,
                    kind="colour-bar-label",
                )
            )
        items += self._swatches(prefix, x, y0 + height + 6.0, swatches)
        self.items.append(Group(prefix, tuple(items)))
        widest = max(text_width(_num(float(e), self.lang), TICK_SIZE) for e in edges)
        label_w = max(text_width(line, TICK_SIZE * 1.1, "bold") for line in lines)
        swatch_w = max((SWATCH + 1.5 + text_width(t, TICK_SIZE) for _, t in swatches), default=0)
        self.x = x + max(BAR_WIDTH + 1.5 + widest, label_w, swatch_w)

    def finish(self, title: str, subtitle: str, desc: str) -> Scene:
        width = max(self.right, self.x) + MARGIN
        header = (
            Text("title", width / 2, MARGIN + TITLE_SIZE * 0.8, title, TITLE_SIZE, "middle",
                 "bold", TEXT, kind="title"),
            Text("subtitle", width / 2, MARGIN + TITLE_SIZE * 0.8 + SUBTITLE_SIZE * 1.7,
                 subtitle, SUBTITLE_SIZE, "middle", "normal", MUTED, kind="subtitle"),
        )  # fmt: skip
        return Scene(
            width=round(width, 2),
            height=round(self.bottom + 6.0 + CAPTION_SIZE + MARGIN, 2),
            title=title,
            desc=desc,
            items=(Group("header", header), *self.items),
            lang=self.lang,
            frames=tuple(self.frames),
        )

    def panel_title(self, prefix: str, x0: float, x1: float, text: str) -> None:
        self.items.append(
            Text(
                f"{prefix}-title",
                (x0 + x1) / 2,
                self.top - 6.0,
                text,
                PANEL_SIZE,
                "middle",
                "bold",
                TEXT,
                kind="panel-title",
            )
        )


def _heat_layers(
    page: _Page,
    view: str,
    values: np.ndarray,
    drawn: np.ndarray,
    edges: np.ndarray,
    colours: Sequence[str],
    grid: Grid,
    prefix: str,
) -> list[Item]:
    """The heat map of one view as a few shapes, one per colour bin.

    The shapes are nested, drawn from the middle bin outwards (from the lowest bin for shares):
    each holds every cell at least as far out as its bin, so no gap can open between bins
    when the cell staircase is simplified (by half a cell) to keep the file small.
    """
    ox, oy = page.origin(view)
    outline = page.chart.outline(view)
    index = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, len(colours) - 1)
    middle = int(np.clip(np.searchsorted(edges, 0.0, side="right") - 1, 0, len(colours) - 1))
    order = [middle, *range(middle + 1, len(colours)), *range(middle - 1, -1, -1)]
    shapes: list[Item] = []
    for b in order:
        if b == middle:
            mask = drawn
        elif b > middle:
            mask = drawn & (index >= b)
        else:
            mask = drawn & (index <= b)
        if not mask.any():
            continue
        cells = shapely.simplify(_mask_polygon(mask, grid), grid.cell / 2)
        geometry = shapely.intersection(cells, outline)
        if geometry.is_empty:
            continue
        low, high = _num(float(edges[b]), page.lang), _num(float(edges[b + 1]), page.lang)
        shapes.append(
            Shape(
                f"{prefix}-bin-{b}",
                to_page(geometry, ox, oy),
                Style(fill=colours[b]),
                f"{low} - {high}",
                "heat",
            )
        )
    return [Group(f"{prefix}-heat", tuple(shapes))] if shapes else []


def frequency_scene(
    result: CohortData,
    lang: str = "en",
    title: str | None = None,
    groups: Sequence[str] | None = None,
    difference: bool = True,
) -> Scene:
    """Lay out the frequency map of a cohort (see the module docstring).

    Parameters
    ----------
    result
        The cohort result.
    lang
        ``"en"`` or ``"nl"``.
    title
        Figure title; default "Pain frequency map".
    groups
        Groups to draw side by side (default: all groups if grouped, else all drawings).
    difference
        With exactly two groups, add their difference map.

    Returns
    -------
    Scene
        The figure in page millimetres.
    """
    check_lang(lang)
    chart = result.chart
    names: list[str | None] = list(groups) if groups is not None else list(result.groups)
    names = names or [None]
    check_group_panels("frequency map", len(names))
    panels = [(name, result._of(name)) for name in names]
    top = max((float(c.percent().max(initial=0.0)) for _, c in panels), default=0.0)
    edges = nice_edges(top if top > 0 else 1.0)
    colours = _colours(SEQUENTIAL, len(edges) - 1)
    page = _Page(chart, lang)
    for p, (name, counts) in enumerate(panels):
        if p and p % PANELS_PER_ROW == 0:
            page.new_row()
        elif p:
            page.x += PANEL_GAP
        start = page.x
        pct = counts.percent()
        for k, (v, view) in enumerate(shown_views(result)):
            if k:
                page.x += VIEW_GAP
            layers = _heat_layers(
                page, view, pct[v], counts.grids[v] > 0, edges, colours, result.grid,
                f"map-{p}-{view}",
            )  # fmt: skip
            page.view(view, layers, f"map-{p}-{view}")
        if name is not None or len(panels) > 1:
            label = _s("all", lang) if name is None else name
            if name is not None and result.by:
                label = f"{result.by}: {name}"
            page.panel_title(f"map-{p}", start, page.x, f"{label} ({n_label(counts.n, lang)})")
    page.colour_bar("colour-bar", edges, colours, _s("unit", lang))
    if difference and len(panels) == 2:
        (a, ca), (b, cb) = panels
        diff = ca.percent() - cb.percent()
        span = float(np.abs(diff).max(initial=0.0))
        d_edges = nice_edges(span if span > 0 else 1.0, bins=11, symmetric=True)
        d_colours = _colours(DIVERGING, len(d_edges) - 1)
        page.x += PANEL_GAP
        start = page.x
        drawn = (ca.grids > 0) | (cb.grids > 0)
        for k, (v, view) in enumerate(shown_views(result)):
            if k:
                page.x += VIEW_GAP
            layers = _heat_layers(
                page, view, diff[v], drawn[v], d_edges, d_colours, result.grid, f"diff-{view}"
            )
            page.view(view, layers, f"diff-{view}")
        page.panel_title("diff", start, page.x, _s("difference", lang, a=a or "", b=b or ""))
        page.colour_bar("diff-bar", d_edges, d_colours, _s("unit.difference", lang))
    heading = title if title is not None else _s("title.frequency", lang)
    subtitle = n_label(result.n, lang)
    return page.finish(heading, subtitle, _s("desc.frequency", lang))


def shown_regions(
    result: CohortData, lang: str
) -> dict[str, list[tuple[str, int, BaseGeometry, str, float]]]:
    """``(id, position in the counts, geometry, name, area)`` of each region, per view.

    The chart's regions, or the areas of the cohort's scheme (ids are then its codes).
    """
    chart = result.chart
    shown: dict[str, list[tuple[str, int, BaseGeometry, str, float]]]
    if result.scheme is None:
        position = {r.id: i for i, r in enumerate(chart.regions)}
        shown = {
            view: [
                (r.id, position[r.id], r.geometry, r.name(lang), r.area)
                for r in chart.regions_in(view)
            ]
            for view in chart.views
        }
    else:
        shown = {
            view: [
                (a.code, i, a.parts[view], a.name(lang), a.parts[view].area)
                for i, a in enumerate(result.scheme.areas)
                if view in a.parts
            ]
            for view in chart.views
        }
    return shown


def shown_views(result: CohortData) -> tuple[tuple[int, str], ...]:
    """The views a cohort map draws, with their positions in the chart's views.

    Every full-height view, and a small view (the soles) only when a drawing of the cohort
    marks a region or scheme area on it: an empty view of the soles beside every panel would
    only make the figure wider.
    """
    chart = result.chart
    counts = result._of(None)
    shown = shown_regions(result, "en")
    used = [v for v in chart.views if any(counts.regions[i] > 0 for _, i, *_ in shown[v])]
    drawn = views_drawn(chart, used)
    return tuple((v, view) for v, view in enumerate(chart.views) if view in drawn)


def region_scene(
    result: CohortData, lang: str = "en", title: str | None = None, group: str | None = None
) -> Scene:
    """Lay out a choropleth: each chart region coloured by the % of drawings touching it.

    Parameters
    ----------
    result
        The cohort result.
    lang
        ``"en"`` or ``"nl"``.
    title
        Figure title; default "Chart regions marked".
    group
        Draw one group's counts (default: all drawings).

    Returns
    -------
    Scene
        The figure in page millimetres.
    """
    check_lang(lang)
    chart = result.chart
    counts = result._of(group)
    n = counts.n
    pct = counts.regions * (100.0 / n) if n else np.zeros(len(counts.regions))
    edges = nice_edges(float(pct.max(initial=0.0)) or 1.0)
    colours = _colours(SEQUENTIAL, len(edges) - 1)
    index = np.clip(np.searchsorted(edges, pct, side="left") - 1, 0, len(colours) - 1)
    shown = shown_regions(result, lang)
    page = _Page(chart, lang)
    for k, (_v, view) in enumerate(shown_views(result)):
        if k:
            page.x += VIEW_GAP
        ox, oy = page.origin(view)
        fills: list[Item] = []
        labels: list[Item] = []
        for region_id, i, geometry, name, area in shown[view]:
            value = float(pct[i])
            fill = colours[int(index[i])] if counts.regions[i] > 0 else BODY_FILL
            text = _num(round(value, 1) if value < 10 else round(value), lang)
            fills.append(
                Shape(
                    f"choropleth-{region_id}",
                    to_page(geometry, ox, oy),
                    Style(fill=fill, stroke="#FFFFFF", stroke_width=0.3),
                    _s(
                        "region.title",
                        lang,
                        name=name,
                        pct=text,
                        count=_count(int(counts.regions[i]), lang),
                        n=_count(n, lang),
                    ),
                    "choropleth",
                )
            )
            if area >= 25.0:
                biggest = max(shapely.get_parts(geometry), key=lambda g: g.area)
                point = polylabel(biggest, tolerance=0.1)
                labels.append(
                    Text(
                        f"choropleth-label-{region_id}",
                        ox + point.x,
                        oy - point.y + REGION_LABEL_SIZE * 0.35,
                        text,
                        REGION_LABEL_SIZE,
                        "middle",
                        "normal",
                        text_on(fill),
                        kind="choropleth-label",
                    )
                )
        layers: list[Item] = [Group(f"choropleth-{view}", tuple(fills))]
        if labels:
            layers.append(Group(f"choropleth-labels-{view}", tuple(labels)))
        page.view(view, layers, f"regions-{view}")
    page.colour_bar("colour-bar", edges, colours, _s("unit", lang))
    heading = title if title is not None else _s("title.regions", lang)
    label = n_label(n, lang)
    if group is not None:
        label = f"{group}: {label}"
    return page.finish(heading, label, _s("desc.regions", lang))
