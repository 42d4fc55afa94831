"""Figures of the cohort statistics, as backend-free scenes.

:func:`tests_scene` colours the chart regions whose adjusted p is significant by the
difference between two groups (on a scale symmetric about 0), or with more groups by the
spread of their shares, and outlines them; the other regions tested are muted grey, and a
map with no significant region says so in place of a colour scale.  :func:`cell_scene`
draws the cell-wise test on the body chart (significant cells coloured by direction, tested
cells without a significant difference grey; a message instead of a colour scale when no
cell is significant); :func:`cooccurrence_scene` is the region × region heat map ordered
by body area; and :func:`histogram_scene` shows, per group, how many regions each drawing
marks and how much of the body. All four reuse the page, colour-bar and heat-map layout of
:mod:`bodymap.scene.cohort_maps`, so the SVG and matplotlib renderers draw them as they are.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import box

from bodymap.core.choices import check_lang
from bodymap.core.i18n import tr
from bodymap.core.palette import DIVERGING, OKABE_ITO, SEQUENTIAL
from bodymap.scene.cohort_maps import (
    PANEL_GAP,
    TICK_SIZE,
    VIEW_GAP,
    _colours,
    _count,
    _heat_layers,
    _mask_polygon,
    _num,
    _Page,
    check_group_panels,
    n_label,
    nice_edges,
    shown_regions,
    shown_views,
)
from bodymap.scene.items import Group, Item, Line, Scene, Shape, Style, Text
from bodymap.scene.layout import text_width
from bodymap.scene.page import (
    BODY_FILL,
    MARGIN,
    MUTED,
    SUBTITLE_SIZE,
    TEXT,
    TITLE_SIZE,
    to_page,
)

if TYPE_CHECKING:
    from bodymap.analysis.cohort import CohortData
    from bodymap.analysis.cohort.stats import CellTest, Cooccurrence, Distributions, StatTable

__all__ = ["cell_scene", "cooccurrence_scene", "histogram_scene", "tests_scene"]

#: Tested cells or regions without a significant difference.
NOT_SIGNIFICANT = "#BDBDBD"
SIGNIFICANT_STROKE = "#111111"
#: Colours of the groups in the histograms (Okabe-Ito, colour-blind safe).
GROUP_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["green"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["purple"],
    OKABE_ITO["sky"],
)


def _s(key: str, lang: str, **fields: object) -> str:
    return tr(f"stats.{key}", lang, **fields)


def _scale(
    span: float, diverging: bool, palette: Sequence[str] | None = None
) -> tuple[np.ndarray, list[str]]:
    """Colour-bin edges up to ``span`` and their colours.

    Centred on 0 on the diverging scale (differences), from 0 on the sequential one (shares,
    statistics).
    """
    if diverging:
        edges = nice_edges(span, bins=11, symmetric=True)
        return edges, _colours(palette or DIVERGING, len(edges) - 1)
    edges = nice_edges(span)
    return edges, _colours(palette or SEQUENTIAL, len(edges) - 1)


def _bin(edges: np.ndarray, value: float, n: int) -> int:
    """The colour bin of ``value``."""
    return int(np.clip(np.searchsorted(edges, value, side="right") - 1, 0, n - 1))


def _below(p: float | None, alpha: float) -> bool:
    """Whether an adjusted p is significant: known and below ``alpha``."""
    return p is not None and p < alpha


def _groups_label(groups: Sequence[str], lang: str) -> str:
    return _s("minus", lang, a=groups[0], b=groups[1]) if len(groups) == 2 else ""


def tests_scene(
    result: CohortData, table: StatTable, lang: str = "en", alpha: float = 0.05
) -> Scene:
    """The region map of a group test (see the module docstring).

    Parameters
    ----------
    result
        The grouped cohort result the table was computed from.
    table
        The result of :func:`~bodymap.analysis.cohort.stats.group_tests`.
    lang
        ``"en"`` or ``"nl"``.
    alpha
        Regions whose adjusted p is below ``alpha`` are outlined.
    """
    check_lang(lang)
    chart = result.chart
    groups = list(result.groups)
    two = len(groups) == 2
    by_region = {row["region"]: row for row in table}
    values: dict[str, float] = {}
    for rid, row in by_region.items():
        raw = [row.get(f"percent_{g}") for g in groups]
        if any(v is None for v in raw):
            continue
        shares = [float(v) for v in raw if v is not None]
        values[rid] = shares[0] - shares[1] if two else max(shares) - min(shares)
    p_of = {rid: row.get("p_adjusted") for rid, row in by_region.items()}
    # Only the regions significant after correction are coloured, on a scale of their own
    # differences (symmetric about 0 for two groups); the others tested are muted grey.
    found_values = [abs(v) for rid, v in values.items() if _below(p_of.get(rid), alpha)]
    edges, colours = _scale(max(found_values, default=0.0) or 1.0, two)
    shown = shown_regions(result, lang)
    muted = False
    page = _Page(chart, lang)
    significant = 0
    for k, (_v, view) in enumerate(shown_views(result)):
        if k:
            page.x += VIEW_GAP
        ox, oy = page.origin(view)
        fills: list[Item] = []
        outlines: list[Item] = []
        for region_id, _, region_geometry, name, _ in shown[view]:
            found = by_region.get(region_id)
            value = values.get(region_id)
            p_adj = found.get("p_adjusted") if found is not None else None
            if value is None or p_adj is None:
                fill = BODY_FILL
            elif _below(p_adj, alpha):
                fill = colours[_bin(edges, value, len(colours))]
            else:
                fill, muted = NOT_SIGNIFICANT, True
            p_text = "-" if p_adj is None else f"{p_adj:.3g}"
            diff = "-" if value is None else _num(round(value, 1), lang)
            title = _s("region.title", lang, name=name, diff=diff, p=p_text)
            geometry = to_page(region_geometry, ox, oy)
            fills.append(
                Shape(
                    f"tests-{region_id}",
                    geometry,
                    Style(fill=fill, stroke="#FFFFFF", stroke_width=0.3),
                    title,
                    "test-region",
                )
            )
            if _below(p_adj, alpha):
                significant += 1
                outlines.append(
                    Shape(
                        f"tests-significant-{region_id}",
                        geometry,
                        Style(stroke=SIGNIFICANT_STROKE, stroke_width=0.9),
                        title,
                        "significant-region",
                    )
                )
        layers: list[Item] = [Group(f"tests-{view}", tuple(fills))]
        if outlines:
            layers.append(Group(f"tests-significant-{view}", tuple(outlines)))
        page.view(view, layers, f"tests-view-{view}")
    unit = _s("unit.difference", lang) if two else _s("unit.range", lang)
    grey = [(NOT_SIGNIFICANT, _s("not-significant", lang))] if muted else []
    if found_values:
        page.colour_bar("colour-bar", edges, colours, unit, grey)
    else:
        page.message("no-significant", _s("none.tests", lang, alpha=_num(alpha, lang)), grey)
    heading = _s("title.tests", lang)
    if two:
        heading = f"{heading}: {_groups_label(groups, lang)}"
    # Each group's n while they fit on one line (two or three groups), else the total.
    n = " · ".join(f"{g}: {_count(result.groups[g].n, lang)}" for g in groups)
    if len(groups) > 3:
        n = n_label(result.n, lang)
    subtitle = _s("subtitle.tests", lang, n=n, k=significant, alpha=_num(alpha, lang))
    return page.finish(heading, subtitle, _s("desc.tests", lang))


def cell_scene(result: CohortData, test: CellTest, lang: str = "en") -> Scene:
    """The cell-wise group test drawn on the chart (see the module docstring)."""
    check_lang(lang)
    chart = result.chart
    two = len(test.groups) == 2
    significant = test.significant
    shown = np.where(significant, test.diff * 100.0 if two else test.statistic, np.nan)
    span = float(np.nanmax(np.abs(shown))) if significant.any() else 1.0
    edges, colours = _scale(span or 1.0, two)
    page = _Page(chart, lang)
    for k, (v, view) in enumerate(shown_views(result)):
        if k:
            page.x += VIEW_GAP
        ox, oy = page.origin(view)
        layers: list[Item] = []
        grey = test.tested[v] & ~significant[v]
        if grey.any():
            cells = shapely.simplify(_mask_polygon(grey, result.grid), result.grid.cell / 2)
            geometry = shapely.intersection(cells, chart.outline(view))
            if not geometry.is_empty:
                layers.append(
                    Shape(
                        f"cells-{view}-not-significant",
                        to_page(geometry, ox, oy),
                        Style(fill=NOT_SIGNIFICANT),
                        _s("not-significant", lang),
                        "not-significant",
                    )
                )
        values = np.nan_to_num(shown[v])
        layers += _heat_layers(
            page, view, values, significant[v], edges, colours, result.grid, f"cells-{view}"
        )
        page.view(view, layers, f"cells-view-{view}")
    unit = _s("unit.difference", lang) if two else _s("unit.statistic", lang)
    grey = [(NOT_SIGNIFICANT, _s("not-significant", lang))] if test.tested.any() else []
    if significant.any():
        page.colour_bar("colour-bar", edges, colours, unit, grey)
    else:
        page.message("no-significant", _s("none.cells", lang, correction=test.correction), grey)
    heading = _s("title.cells", lang)
    if two:
        heading = f"{heading}: {_groups_label(test.groups, lang)}"
    subtitle = _s(
        "subtitle.cells",
        lang,
        tested=_count(int(test.tested.sum()), lang),
        k=_count(int(significant.sum()), lang),
        min=test.min_count,
        correction=test.correction,
    )
    return page.finish(heading, subtitle, _s("desc.cells", lang))


def _header(width: float, title: str, subtitle: str) -> Group:
    return Group(
        "header",
        (
            Text("title", width / 2, MARGIN + TITLE_SIZE * 0.8, title, TITLE_SIZE, "middle",
                 "bold", TEXT, kind="title"),
            Text("subtitle", width / 2, MARGIN + TITLE_SIZE * 0.8 + SUBTITLE_SIZE * 1.7,
                 subtitle, SUBTITLE_SIZE, "middle", "normal", MUTED, kind="subtitle"),
        ),
    )  # fmt: skip


def cooccurrence_scene(co: Cooccurrence, lang: str = "en", cell: float = 3.0) -> Scene:
    """The co-occurrence heat map: regions in body-area order on both axes.

    Each cell is coloured by the association of the two regions (Jaccard from 0, phi
    centred on 0); the diagonal is left white; every cell's title gives both regions, the
    drawings marking both and the association.
    """
    from bodymap.analysis.cohort.stats import body_order

    check_lang(lang)
    mem = co.membership
    order = body_order(mem)
    assoc = co.association
    off = ~np.eye(len(order), dtype=bool)
    finite = assoc[np.isfinite(assoc) & off]
    if co.measure == "phi":
        edges, colours = _scale(
            float(np.abs(finite).max(initial=0.0)) or 1.0, True, DIVERGING[::-1]
        )
    else:
        edges, colours = _scale(float(finite.max(initial=0.0)) or 1.0, False)
    label_w = max(text_width(f"{mem.names[i]} 00", TICK_SIZE * 0.8) for i in order)
    x0 = MARGIN + label_w + 2.0
    y0 = MARGIN + TITLE_SIZE + SUBTITLE_SIZE * 2 + 8.0
    n = len(order)
    cells: list[Item] = []
    labels: list[Item] = []
    for a, i in enumerate(order):
        labels.append(
            Text(f"row-{mem.ids[i]}", x0 - 1.0, y0 + (a + 0.75) * cell, f"{mem.names[i]} {a + 1}",
                 TICK_SIZE * 0.8, "end", "normal", TEXT, kind="axis-label")
        )  # fmt: skip
        for b, j in enumerate(order):
            if i == j:
                continue
            value = assoc[i, j]
            if not math.isfinite(value):
                fill = BODY_FILL
                shown = "-"
            else:
                fill = colours[_bin(edges, float(value), len(colours))]
                shown = _num(round(float(value), 3), lang)
            title = _s(
                "pair.title",
                lang,
                a=mem.names[i],
                b=mem.names[j],
                both=_count(int(co.both[i, j]), lang),
                value=shown,
            )
            cells.append(
                Shape(
                    f"pair-{mem.ids[i]}-{mem.ids[j]}",
                    box(x0 + b * cell, y0 + a * cell, x0 + (b + 1) * cell, y0 + (a + 1) * cell),
                    Style(fill=fill),
                    title,
                    "pair",
                )
            )
    column_labels: list[Item] = [
        Text(f"col-{mem.ids[j]}", x0 + (b + 0.5) * cell, y0 + n * cell + 3.0, str(b + 1),
             TICK_SIZE * 0.72, "middle", "normal", MUTED, kind="axis-number")
        for b, j in enumerate(order)
    ]  # fmt: skip
    page = _Page.__new__(_Page)
    page.items = [
        Group("matrix", tuple(cells)),
        Group("row-labels", tuple(labels)),
        Group("column-labels", tuple(column_labels)),
    ]
    page.frames = []
    page.lang = lang
    page.top = y0
    page.bottom = y0 + n * cell
    page.x = x0 + n * cell
    unit = _s(f"unit.{co.measure}", lang)
    page.colour_bar("colour-bar", edges, colours, unit)
    width = page.x + MARGIN
    height = y0 + n * cell + 8.0 + MARGIN
    title = _s("title.cooccurrence", lang)
    subtitle = _s("subtitle.cooccurrence", lang, n=_count(len(mem.rows), lang))
    return Scene(
        width=round(width, 2),
        height=round(height, 2),
        title=title,
        desc=_s("desc.cooccurrence", lang),
        items=(_header(width, title, subtitle), *page.items),
        lang=lang,
    )


def histogram_scene(dist: Distributions, lang: str = "en") -> Scene:
    """Histograms per group of the regions marked and the pain extent of each drawing."""
    check_lang(lang)
    keys = list(dist.regions)
    check_group_panels("histograms", len(keys))
    panels = [
        ("regions", dist.regions, _s("axis.regions", lang), 1.0),
        ("extent", dist.extent, _s("axis.extent", lang), None),
    ]
    plot_w, plot_h = 110.0, 60.0
    top = MARGIN + TITLE_SIZE + SUBTITLE_SIZE * 2 + 14.0
    items: list[Item] = []
    x = MARGIN + 12.0
    for name, data, axis, width in panels:
        values = np.concatenate([np.asarray(data[k], float) for k in keys]) if keys else np.zeros(0)
        vmax = float(values.max(initial=0.0))
        if width is None:
            edges = nice_edges(vmax or 1.0, bins=20)
        else:
            edges = np.arange(0.0, max(vmax, 1.0) + 2.0) - 0.5
            if len(edges) > 41:
                edges = np.linspace(-0.5, vmax + 0.5, 41)
        shares = []
        for k in keys:
            counts, _ = np.histogram(np.asarray(data[k], float), bins=edges)
            total = counts.sum()
            shares.append(counts * (100.0 / total) if total else counts.astype(float))
        ymax = max((float(s.max(initial=0.0)) for s in shares), default=1.0) or 1.0
        y_edges = nice_edges(ymax, bins=5)
        y_top = float(y_edges[-1])
        span = float(edges[-1] - edges[0])
        bins = len(edges) - 1
        bar = plot_w / bins
        group_items: list[Item] = []
        for g, (k, share) in enumerate(zip(keys, shares)):
            colour = GROUP_COLOURS[g % len(GROUP_COLOURS)]
            sub = bar / max(len(keys), 1)
            for b in range(bins):
                h = plot_h * float(share[b]) / y_top
                if h <= 0:
                    continue
                bx = x + b * bar + g * sub
                group_items.append(
                    Shape(
                        f"hist-{name}-{g}-{b}",
                        box(bx, top + plot_h - h, bx + sub * 0.92, top + plot_h),
                        Style(fill=colour),
                        _s(
                            "bar.title",
                            lang,
                            group=k or _s("all", lang),
                            low=_num(float(edges[b]), lang),
                            high=_num(float(edges[b + 1]), lang),
                            pct=_num(round(float(share[b]), 1), lang),
                        ),
                        "bar",
                    )
                )
        axes: list[Item] = [
            Line(f"hist-{name}-x-axis", ((x, top + plot_h), (x + plot_w, top + plot_h)),
                 Style(stroke=TEXT, stroke_width=0.25)),
            Line(f"hist-{name}-y-axis", ((x, top), (x, top + plot_h)),
                 Style(stroke=TEXT, stroke_width=0.25)),
        ]  # fmt: skip
        for t, value in enumerate(y_edges):
            ty = top + plot_h - plot_h * float(value) / y_top
            axes.append(
                Text(f"hist-{name}-y-{t}", x - 1.5, ty + TICK_SIZE * 0.35, _num(float(value), lang),
                     TICK_SIZE, "end", "normal", TEXT, kind="tick")
            )  # fmt: skip
        ticks = nice_edges(float(edges[-1]), bins=8) if width is None else None
        if ticks is None:
            step = max(1, math.ceil(bins / 10))
            ticks = np.arange(0, bins, step, dtype=float)
        for t, value in enumerate(ticks):
            tx = x + plot_w * (float(value) - float(edges[0])) / span
            if tx > x + plot_w + 0.01:
                continue
            axes.append(
                Text(f"hist-{name}-x-{t}", tx, top + plot_h + TICK_SIZE * 1.4,
                     _num(float(value), lang), TICK_SIZE, "middle", "normal", TEXT, kind="tick")
            )  # fmt: skip
        axes.append(
            Text(f"hist-{name}-x-label", x + plot_w / 2, top + plot_h + TICK_SIZE * 3.0, axis,
                 TICK_SIZE * 1.1, "middle", "bold", TEXT, kind="axis-label")
        )  # fmt: skip
        axes.append(
            Text(f"hist-{name}-y-label", x, top - 3.0, _s("axis.share", lang),
                 TICK_SIZE * 1.1, "start", "bold", TEXT, kind="axis-label")
        )  # fmt: skip
        items.append(Group(f"hist-{name}", (*group_items, *axes)))
        x += plot_w + PANEL_GAP + 12.0
    legend: list[Item] = []
    for g, k in enumerate(keys):
        ly = top + plot_h + TICK_SIZE * 5.5 + g * TICK_SIZE * 1.6
        legend.append(
            Shape(f"legend-{g}", box(MARGIN + 12.0, ly - 2.2, MARGIN + 15.0, ly + 0.4),
                  Style(fill=GROUP_COLOURS[g % len(GROUP_COLOURS)]), None, "legend-swatch")
        )  # fmt: skip
        n = len(dist.regions[k])
        legend.append(
            Text(f"legend-{g}-label", MARGIN + 17.0, ly, f"{k or _s('all', lang)} (n = "
                 f"{_count(n, lang)})", TICK_SIZE * 1.1, "start", "normal", TEXT, kind="legend")
        )  # fmt: skip
    items.append(Group("legend", tuple(legend)))
    width = x - PANEL_GAP - 12.0 + MARGIN + 4.0
    height = top + plot_h + TICK_SIZE * 6.0 + len(keys) * TICK_SIZE * 1.6 + MARGIN
    title = _s("title.histograms", lang)
    return Scene(
        width=round(width, 2),
        height=round(height, 2),
        title=title,
        desc=_s("desc.histograms", lang),
        items=(_header(width, title, _s("subtitle.histograms", lang)), *items),
        lang=lang,
    )
