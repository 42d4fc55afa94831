"""The differential figure: a pain drawing beside the patterns that fit it best.

The first panel shows the patient's drawing coloured by intensity (as
:mod:`bodymap.scene.overlay` draws it); each further panel shows one ranked pattern side
with the drawing's outline over the pattern's zones and its scores, best first.  This is
the picture a clinician shows a patient: "your pain looks most like these".  Panels are
small multiples of the same chart at a reduced scale, laid out in rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import box

from bodymap.analysis.comparison import Comparison
from bodymap.analysis.ranking import RankResult, red_flags
from bodymap.core.choices import check_lang
from bodymap.core.errors import BodymapError
from bodymap.core.i18n import tr
from bodymap.model.chart import Chart
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import Pattern, load_pattern
from bodymap.scene.items import Group, Item, Scene, Shape, Style, Text, ViewFrame
from bodymap.scene.layout import ellipsize, fit_text, flow_rows, text_box, text_width
from bodymap.scene.overlay import build_overlay, drawing_caption
from bodymap.scene.page import (
    MARGIN,
    MUTED,
    TEXT,
    to_page,
    view_base,
    view_origin_y,
    views_drawn,
    warning_box,
)
from bodymap.scene.pattern_figure import LEGEND_SIZE, STYLES, _overlay_legend, header

__all__ = [
    "MAX_FIGURE_PATTERNS",
    "Panel",
    "check_figure_top",
    "differential_scene",
    "panel_scene",
    "sheet_scene",
]

#: The most ranked patterns one differential figure shows (beside the drawing): three rows of
#: four panels fill a page; every ranked side (about 270 panels) took 25 to 55 s and 0.8 GB.
MAX_FIGURE_PATTERNS = 12

#: Page mm per chart cm in each panel.
SCALE = 0.42
PANELS_PER_ROW = 4
PANEL_GAP = 10.0
VIEW_GAP = 4.0
PANEL_TITLE_SIZE = 3.6
SCORE_SIZE = 3.0
CAPTION_SIZE = 2.6
WARNING_SIZE = 3.2
OUTLINE_STYLE = Style(stroke="#1A1A1A", stroke_width=0.45, dash=(1.2, 0.7))


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


@dataclass(frozen=True)
class Panel:
    """One small multiple: a heading, a second line, and a pattern side (or the drawing)."""

    head: str
    line: str
    pattern: Pattern | None = None
    side: str = "left"


def check_figure_top(top: int) -> int:
    """Return ``top`` if a differential figure can show that many patterns, else raise.

    Raises
    ------
    BodymapError
        ``top`` is less than 1 or more than :data:`MAX_FIGURE_PATTERNS`.
    """
    if not 1 <= top <= MAX_FIGURE_PATTERNS:
        raise BodymapError(
            f"the differential figure shows 1 to {MAX_FIGURE_PATTERNS} ranked patterns, not {top:,}"
        )
    return top


def differential_scene(
    drawing: Drawing,
    ranking: RankResult,
    chart: Chart,
    lang: str = "en",
    patterns: Sequence[Pattern] | None = None,
    columns: int = PANELS_PER_ROW,
) -> Scene:
    """Lay out the differential figure of a drawing and its ranked patterns.

    Parameters
    ----------
    drawing
        The patient's drawing.
    ranking
        The ranked pattern sides (every result is drawn, best first: pass a ranking cut to
        the panels wanted, e.g. ``rank(drawing, top=6)``); at most
        :data:`MAX_FIGURE_PATTERNS` of them.
    chart
        The chart the drawing and patterns are on.
    lang
        Language of titles and captions.
    patterns
        The loaded patterns of the ranking, by position (default: the patterns the ranking
        compared with).
    columns
        Panels per row (the report prints two a row, so its texts stay legible on A4).

    When an organ pattern raises a red flag for the drawing, a warning box under the title
    says so, one sentence per organ (:func:`~bodymap.analysis.ranking.red_flags`).

    Raises
    ------
    BodymapError
        More than :data:`MAX_FIGURE_PATTERNS` results (see :func:`check_figure_top`).
    """
    lang = check_lang(lang)
    results = list(ranking.results)
    check_figure_top(max(1, len(results)))
    panels = [Panel(tr("diff.drawing", lang), drawing_caption(drawing, lang))]
    for index, result in enumerate(results, start=1):
        head, score = _panel_text(result, index, lang)
        if patterns is not None:
            pattern = patterns[index - 1]
        else:
            pattern = result.pattern_data or load_pattern(result.pattern)
        panels.append(Panel(head, score, pattern, result.side or "left"))
    note = None if results and results[0].dice else tr("diff.none", lang)
    warnings = tuple(flag.text for flag in red_flags(ranking, lang))
    return panel_scene(
        panels, chart, lang, tr("diff.title", lang), tr("diff.desc", lang), drawing, note,
        columns=columns, warnings=warnings,
    )  # fmt: skip


def sheet_scene(
    patterns: Sequence[Pattern], chart: Chart, lang: str = "en", title: str = "", columns: int = 8
) -> Scene:
    """A contact sheet: every pattern (its left side, or both for a bilateral one) small."""
    lang = check_lang(lang)
    panels = [Panel(p.title(lang), p.name, p, p.sides[0]) for p in patterns]
    desc = title or "Referral patterns"
    return panel_scene(panels, chart, lang, title or desc, desc, columns=columns, prefix="pattern")


def panel_scene(
    panels: Sequence[Panel],
    chart: Chart,
    lang: str,
    title: str,
    desc: str,
    drawing: Drawing | None = None,
    note: str | None = None,
    columns: int = PANELS_PER_ROW,
    prefix: str = "panel",
    warnings: Sequence[str] = (),
) -> Scene:
    """Small multiples of the chart in rows: each panel a pattern side or the drawing.

    With a ``drawing``, a panel without a pattern shows the drawing in intensity colours,
    and every pattern panel the drawing's outline over the pattern's zones.  ``warnings``
    (red-flag sentences) are shown in a warning box under the title.
    """
    used = {m.view for m in drawing.marks} if drawing is not None else set()
    used.update(v for p in panels if p.pattern is not None for v in p.pattern.views())
    # the front and back, and a further view (the soles) when something is drawn on it
    views = views_drawn(chart, used)
    bounds = {v: chart.outline(v).bounds for v in views}
    view_w = {v: (b[2] - b[0]) * SCALE for v, b in bounds.items()}
    panel_w = sum(view_w.values()) + VIEW_GAP * (len(views) - 1)
    body_h = max(b[3] - b[1] for b in bounds.values()) * SCALE
    heads = [fit_text(p.head, panel_w, PANEL_TITLE_SIZE, "bold", max_lines=2) for p in panels]
    lines = [ellipsize(p.line, panel_w, SCORE_SIZE) for p in panels]
    head_h = PANEL_TITLE_SIZE * 1.2 * max(h.count("\n") + 1 for h in heads)
    panel_h = head_h + PANEL_TITLE_SIZE * 0.4 + SCORE_SIZE * 1.6 + body_h + CAPTION_SIZE * 2.2
    cols = max(1, min(columns, len(panels)))
    rows = -(-len(panels) // cols)
    width = 2 * MARGIN + cols * panel_w + (cols - 1) * PANEL_GAP
    head, head_bottom = header(width, title, "")
    top = head_bottom + 6.0
    warning = None
    if warnings:
        warning, box_h = warning_box(
            "red-flags", MARGIN, top - 2.0, width - 2 * MARGIN, tr("redflag.heading", lang),
            warnings, WARNING_SIZE,
        )  # fmt: skip
        top += box_h + 4.0
    panels_bottom = top + rows * panel_h + (rows - 1) * PANEL_GAP
    overlay = build_overlay((drawing,), chart, views, lang) if drawing is not None else None
    outline = {v: drawing.geometry(v, chart) for v in views} if drawing is not None else {}
    items: list[Item] = [*head.items]  # the title stays a top-level item, id "title"
    if warning is not None:
        items.append(warning)
    frames: list[ViewFrame] = []
    for index, panel in enumerate(panels):
        row, col = divmod(index, cols)
        x0 = MARGIN + col * (panel_w + PANEL_GAP)
        y0 = top + row * (panel_h + PANEL_GAP)
        if panel.pattern is None:
            gid = "drawing"
        elif drawing is None:
            gid = f"{prefix}-{panel.pattern.name}"
        else:
            gid = f"{prefix}-{index}"
        title_h = PANEL_TITLE_SIZE * 1.2 * (heads[index].count("\n") + 1)
        score_y = y0 + title_h + PANEL_TITLE_SIZE * 0.4 + SCORE_SIZE
        group: list[Item] = [
            Text(f"{gid}-title", x0 + panel_w / 2, y0 + PANEL_TITLE_SIZE, heads[index],
                 PANEL_TITLE_SIZE, "middle", "bold", TEXT, line_height=1.2,
                 kind="panel-title"),
            Text(f"{gid}-score", x0 + panel_w / 2, score_y, lines[index], SCORE_SIZE,
                 "middle", "normal", MUTED, kind="panel-score"),
        ]  # fmt: skip
        body_top = y0 + head_h + PANEL_TITLE_SIZE * 0.4 + SCORE_SIZE * 1.6
        x = x0
        for view in views:
            minx = bounds[view][0]
            ox, oy = x - minx * SCALE, body_top + view_origin_y(chart, view, views, 0.0) * SCALE
            layers: list[Item] = []
            if panel.pattern is None:
                assert overlay is not None
                for layer_id, shapes in overlay.layers.get(view, ()):
                    layers.append(Group(f"{gid}-{layer_id}", _moved(shapes, ox, oy, gid)))
                box = (x, body_top, x + view_w[view], body_top + body_h)
                frames.append(ViewFrame(view, round(ox, 4), round(oy, 4), box))
            else:
                layers.append(_zones(panel.pattern, panel.side, view, ox, oy, gid, lang))
                if view in outline and not outline[view].is_empty:
                    layers.append(
                        Shape(f"{gid}-drawing-outline-{view}",
                              to_page(outline[view], ox, oy, SCALE), OUTLINE_STYLE,
                              tr("diff.outline", lang), "drawing-outline")
                    )  # fmt: skip
            caption = (x + view_w[view] / 2, body_top + body_h + CAPTION_SIZE * 1.6, CAPTION_SIZE)
            group += view_base(
                chart, view, ox, oy, lang, layers, caption, f"{gid}-{view}-", scale=SCALE
            )
            x += view_w[view] + VIEW_GAP
        items.append(Group(gid, tuple(group), panel.head))
    cursor = panels_bottom
    if overlay is not None:
        drawing_legend, cursor = _overlay_legend(overlay, width, cursor + 8.0, lang)
        items.append(drawing_legend)
    legend, cursor = _line_legend(width, cursor + 8.0, lang, drawing is not None)
    items.append(legend)
    if note is not None:
        note_text = Text("note", width / 2, cursor + 6.0, note, SCORE_SIZE, "middle", "normal",
                         MUTED, kind="note")  # fmt: skip
        items.append(note_text)
        cursor = text_box(note_text)[3]
    height = cursor + MARGIN
    return Scene(
        width=round(width, 2),
        height=round(height, 2),
        title=title,
        desc=desc,
        items=tuple(items),
        lang=lang,
        frames=tuple(frames),
    )


def _line_legend(width: float, y: float, lang: str, outline: bool) -> tuple[Group, float]:
    """What the panels' lines and fills mean, in rows centred at baseline ``y``.

    The pattern's solid fill (essential zone) and dotted fill (spillover), and with a
    drawing its dashed outline.  Returns the legend and its lowest point.
    """
    keys = [*(["outline"] if outline else []), "essential", "spillover"]
    texts = {k: tr(f"diff.legend.{k}", lang) for k in keys}
    swatch_w, swatch_h, gap, spacing = 8.0, 4.6, 2.0, 9.0
    widths = [swatch_w + gap + text_width(texts[k], LEGEND_SIZE) for k in keys]
    items: list[Item] = []
    for row in flow_rows(widths, width - 2 * MARGIN, spacing):
        x = (width - sum(widths[i] for i in row) - spacing * (len(row) - 1)) / 2
        top = y - swatch_h + 0.9
        for i in row:
            key = keys[i]
            swatch = box(x, top, x + swatch_w, top + swatch_h)
            if key == "outline":
                items.append(Shape("line-legend-swatch-outline", swatch.exterior, OUTLINE_STYLE,
                                   None, "legend-swatch"))  # fmt: skip
            else:
                items.append(Shape(f"line-legend-swatch-{key}", swatch, STYLES[key], None,
                                   "legend-swatch"))  # fmt: skip
            items.append(
                Text(f"line-legend-text-{key}", x + swatch_w + gap, y, texts[key],
                     LEGEND_SIZE, "start", "normal", TEXT, kind="legend-text")
            )  # fmt: skip
            x += widths[i] + spacing
        y += 7.0
    return Group("line-legend", tuple(items), None), y - 7.0 + 1.5


def _panel_text(result: Comparison, rank: int, lang: str) -> tuple[str, str]:
    name = result.title(lang)
    if result.side in ("left", "right"):
        head = tr("diff.panel", lang, rank=rank, name=name, side=tr(f"side.{result.side}", lang))
    else:
        head = tr("diff.panel.bilateral", lang, rank=rank, name=name)
    return head, tr("diff.score", lang, dice=_fmt(result.dice), fit=_fmt(result.fit))


def _moved(shapes: Sequence[Shape], ox: float, oy: float, prefix: str) -> tuple[Shape, ...]:
    return tuple(
        Shape(f"{prefix}-{s.id}", to_page(s.geometry, ox, oy, SCALE), s.style, s.title, s.kind)
        for s in shapes
    )


def _zones(
    pattern: Pattern, side: str, view: str, ox: float, oy: float, prefix: str, lang: str
) -> Group:
    zones = sorted(pattern.zones(side, view), key=lambda z: z.kind != "spillover")
    return Group(
        f"{prefix}-zones-{view}",
        tuple(
            Shape(
                f"{prefix}-zone-{z.id}",
                to_page(z.geometry, ox, oy, SCALE),
                STYLES[z.kind],
                f"{z.name(lang)} ({tr(f'kind.{z.kind}', lang)})",
                f"zone-{z.kind}",
            )
            for z in zones
        ),
    )
