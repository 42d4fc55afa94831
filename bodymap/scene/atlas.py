"""The atlas chart: every pattern of one kind on one body chart, each in its own colour.

The dermatome chart, the cutaneous-nerve chart and the facet-joint maps are atlas charts:
the essential zones of every pattern of one kind (both sides of a unilateral pattern), each
pattern filled with a colour of :data:`~bodymap.core.palette.QUALITATIVE` and labelled with
its short name (:meth:`~bodymap.model.pattern.Pattern.short_title`) on a leader line.
Colours are given by greedy graph colouring of the patterns' adjacency (two patterns whose
essential zones come within :data:`NEIGHBOUR_CM` of each other on a view are neighbours), so
no two neighbours share a colour; the labels keep the chart readable in greyscale.  Labels
are placed by the pattern figures' own label placement
(:func:`~bodymap.scene.pattern_figure.label_columns`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from bodymap.core.choices import check_lang
from bodymap.core.errors import BodymapError
from bodymap.core.i18n import tr
from bodymap.core.palette import QUALITATIVE, text_on
from bodymap.model.chart import Chart
from bodymap.model.pattern import Pattern
from bodymap.scene.items import Group, Item, Scene, Shape, Style, Text, ViewFrame
from bodymap.scene.layout import text_box, text_width, wrap_text
from bodymap.scene.page import (
    CAPTION_SIZE,
    MARGIN,
    MUTED,
    to_page,
    view_base,
    view_origin_y,
)
from bodymap.scene.pattern_figure import (
    HEADER_GAP,
    LETTER_COL,
    VIEW_GAP,
    _anchor,
    column_width,
    header,
    label_columns,
)

__all__ = ["NEIGHBOUR_CM", "adjacency", "atlas_scene", "colour_patterns"]

#: Two patterns are neighbours when their essential zones come this close on a view (cm).
NEIGHBOUR_CM = 0.3
#: Parts of one pattern side's zones this close on a view (cm) share a label: a finger's
#: strip beside the next one reads as one area of one colour; farther parts get their own.
LABEL_MERGE_CM = 1.5
#: Largest and smallest font size of the labels (mm): the size shrinks to fit the column.
LABEL_MAX = 3.6
LABEL_MIN = 2.3
LABEL_PAD = 0.5
INSIDE_SIZE = 2.5
#: Sizes tried, largest first, for a label inside its zone before it goes to a column; the
#: smallest is 6 pt, the least that prints legibly at the sheet's own size.
INSIDE_SIZES = (INSIDE_SIZE, 2.1)
SOURCE_SIZE = 2.4
ZONE_STROKE = "#3A3A3A"


def _essential(pattern: Pattern, view: str) -> BaseGeometry:
    """The union of a pattern's essential zones on ``view``, both sides."""
    zones = pattern.zones("both", view, "essential")
    return shapely.union_all([z.geometry for z in zones]) if zones else shapely.Polygon()


def adjacency(
    patterns: Sequence[Pattern], views: Sequence[str], within: float = NEIGHBOUR_CM
) -> dict[str, set[str]]:
    """Which patterns are neighbours: essential zones within ``within`` cm on some view.

    Parameters
    ----------
    patterns
        The patterns.
    views
        The views to look at.
    within
        Distance in chart cm under which two patterns' essential zones touch.

    Returns
    -------
    dict
        The neighbours of every pattern, by name.
    """
    names = [p.name for p in patterns]
    out: dict[str, set[str]] = {n: set() for n in names}
    for view in views:
        geoms = np.array([_essential(p, view) for p in patterns], dtype=object)
        close = shapely.dwithin(geoms[:, None], geoms[None, :], within)
        close &= ~shapely.is_empty(geoms)[:, None] & ~shapely.is_empty(geoms)[None, :]
        for i, j in zip(*np.nonzero(close)):
            if i != j:
                out[names[i]].add(names[j])
    return out


def colour_patterns(
    patterns: Sequence[Pattern],
    views: Sequence[str],
    palette: Sequence[str] = QUALITATIVE,
) -> dict[str, str]:
    """A colour per pattern so that no two neighbours (:func:`adjacency`) share one.

    Greedy graph colouring, patterns with the most neighbours first (ties by name): each
    takes, of the palette colours none of its coloured neighbours has, an unused one (the
    first) or else the one whose nearest pattern of that colour is farthest away, so that
    the whole palette is used and patterns of one colour lie far apart.

    Raises
    ------
    BodymapError
        If the palette has too few colours for the patterns' neighbourhoods.
    """
    graph = adjacency(patterns, views)
    names = [p.name for p in patterns]
    far = np.full((len(names), len(names)), np.inf)
    for view in views:
        geoms = np.array([_essential(p, view) for p in patterns], dtype=object)
        dist = shapely.distance(geoms[:, None], geoms[None, :])
        far = np.fmin(far, np.where(np.isnan(dist), np.inf, dist))
    at = {n: i for i, n in enumerate(names)}
    order = sorted(graph, key=lambda n: (-len(graph[n]), n))
    index: dict[str, int] = {}
    for name in order:
        taken = {index[m] for m in graph[name] if m in index}
        free = None
        best = -1.0
        for i in range(len(palette)):
            if i in taken:
                continue
            same = [far[at[name], at[m]] for m, c in index.items() if c == i]
            gap = min(same) if same else np.inf
            if gap > best:
                free, best = i, gap
        if free is None:
            raise BodymapError(
                f"{len(palette)} colours are too few to tell pattern {name!r} from its "
                f"{len(graph[name])} neighbours"
            )
        index[name] = free
    return {name: palette[i] for name, i in index.items()}


def _parts(geometries: Sequence[BaseGeometry]) -> list[BaseGeometry]:
    """The separately labelled parts of some zones, largest first.

    Zones closer than :data:`LABEL_MERGE_CM` to each other are one part.
    """
    merged = shapely.union_all([g.buffer(LABEL_MERGE_CM / 2) for g in geometries])
    clusters = list(getattr(merged, "geoms", [merged]))
    whole = shapely.union_all(list(geometries))
    parts = [whole.intersection(c) for c in clusters]
    return sorted((p for p in parts if not p.is_empty), key=lambda p: -p.area)


def _label_box(text: str, x: float, y: float, size: float) -> BaseGeometry:
    """The box of a bold label of ``size`` centred on ``(x, y)``, with a little room."""
    half_w, half_h = text_width(text, size, "bold") / 2 + 0.3, size * 0.6
    return shapely.box(x - half_w, y - half_h, x + half_w, y + half_h)


def _inside_size(
    part: BaseGeometry, text: str, x: float, y: float, taken: Sequence[BaseGeometry] = ()
) -> float | None:
    """The largest label size at which ``text`` fits inside ``part``, or ``None``.

    Of :data:`INSIDE_SIZES`, the largest at which ``text`` centred on ``(x, y)`` lies inside
    ``part`` clear of the labels already ``taken``.
    """
    if part.is_empty or part.area <= 0.5:
        return None
    for size in INSIDE_SIZES:
        label = _label_box(text, x, y, size)
        if part.contains(label) and not any(label.intersects(t) for t in taken):
            return size
    return None


def _drawing_order(patterns: Sequence[Pattern], view: str) -> tuple[Pattern, ...]:
    """The patterns with essential zones on ``view``, largest first (small ones on top)."""
    areas = {p.name: _essential(p, view).area for p in patterns}
    return tuple(sorted((p for p in patterns if areas[p.name] > 0), key=lambda p: -areas[p.name]))


def _credits(patterns: Sequence[Pattern]) -> list[str]:
    """The patterns' credits, each once; chapters dropped when there are many (one book)."""
    credits = sorted({str(p.meta.get("credit") or p.sources[0]) for p in patterns})
    if len(credits) > 4:
        credits = sorted({re.sub(r",?\s*(ch\.|chapter)\s*\d+.*$", "", c) for c in credits})
    return credits


def _zone_style(colour: str) -> Style:
    return Style(fill=colour, fill_opacity=0.88, stroke=ZONE_STROKE, stroke_width=0.22)


def atlas_scene(
    patterns: Sequence[Pattern],
    chart: Chart,
    kind: str,
    views: Sequence[str] | None = None,
    lang: str = "en",
    title: str | None = None,
) -> Scene:
    """Lay out an atlas chart of ``patterns`` (all of one kind) on ``chart``.

    Every pattern is a group ``atlas-pattern-<name>`` (its ``<title>`` the pattern's name)
    holding its essential zones on every view, both sides (ids
    ``atlas-zone-<name>-<zone id>``, e.g. ``atlas-zone-dermatome-c6-c6-left``); each view
    has labels ``atlas-label-<name>-<side>-<view>`` with leader lines.

    Parameters
    ----------
    patterns
        The patterns to show, all of ``kind``.
    chart
        The chart they are drawn on.
    kind
        Their kind (``"dermatome"``, ``"nerve"``, ...): it names the chart.
    views
        The views to draw (default: all of the chart's).
    lang
        Language of the title, labels and note.
    title
        The title (default: the kind's name, e.g. "Dermatomes").

    Returns
    -------
    Scene
        The chart, in page mm.
    """
    lang = check_lang(lang)
    shown = tuple(views) if views is not None else chart.views
    colours = colour_patterns(patterns, chart.views)
    heading = title if title is not None else tr(f"atlas.kind.{kind}", lang)
    note = tr(f"atlas.note.{kind}", lang)

    # Labels: one per separate part of a pattern side's essential zones on a view (parts
    # within ``LABEL_MERGE_CM`` of each other are one part), so that every zone drawn is
    # named; each anchored in what stays visible under the smaller patterns drawn later.
    columns: dict[str, dict[str, list[tuple[str, str, tuple[float, float]]]]] = {}
    order: dict[str, tuple[Pattern, ...]] = {}
    inside: dict[str, list[tuple[str, str, tuple[float, float], str, float]]] = {}
    for view in shown:
        columns[view] = {"left": [], "right": []}
        inside[view] = []
        taken: list[BaseGeometry] = []  # boxes of the labels written inside zones
        order[view] = _drawing_order(patterns, view)
        above: BaseGeometry = shapely.Polygon()
        for pattern in reversed(order[view]):
            for side in pattern.sides:
                zones = pattern.zones(side, view, "essential")
                if not zones:
                    continue
                text = pattern.short_title(lang)
                for n, part in enumerate(_parts([z.geometry for z in zones])):
                    label_id = f"{pattern.name}-{side}-{view}" + (f"-{n + 1}" if n else "")
                    visible = part.difference(above)
                    shown_part = visible if visible.area > 0.5 else part
                    ax, ay = _anchor(shown_part)
                    fit = _inside_size(visible, text, ax, ay, taken)
                    if fit is not None:
                        inside[view].append((label_id, text, (ax, ay), pattern.name, fit))
                        taken.append(_label_box(text, ax, ay, fit))
                        continue
                    column = "left" if ax < 0 else "right"
                    columns[view][column].append((label_id, text, (ax, ay)))
            above = above.union(_essential(pattern, view))
    body_h = max(chart.outline(v).bounds[3] - chart.outline(v).bounds[1] for v in shown)
    most = max((len(c) for cols in columns.values() for c in cols.values()), default=1)
    size = max(LABEL_MIN, min(LABEL_MAX, (body_h / max(most, 1) - LABEL_PAD) / 1.2))

    # Horizontal placement as in pattern figures: labels, R/L room, body, R/L room, labels.
    x = MARGIN
    placed: list[tuple[str, float]] = []
    for i, view in enumerate(shown):
        minx, _, maxx, _ = chart.outline(view).bounds
        x += (VIEW_GAP if i else 0.0) + column_width(columns[view]["left"], size) + LETTER_COL
        placed.append((view, x - minx))
        x = x - minx + maxx + LETTER_COL + column_width(columns[view]["right"], size)
    width = x + MARGIN
    head, head_bottom = header(width, heading, note)
    # A column taller than the body reaches above and below it, the body centred on it.
    need = most * (size * 1.2 + LABEL_PAD) - LABEL_PAD
    span = (head_bottom + HEADER_GAP, head_bottom + HEADER_GAP + max(body_h, need))
    top = span[0] + max(0.0, need - body_h) / 2
    frames: list[ViewFrame] = []
    for view, ox in placed:
        minx, miny, maxx, maxy = chart.outline(view).bounds
        oy = view_origin_y(chart, view, shown, top)
        frames.append(ViewFrame(view, ox, oy, (ox + minx, oy - maxy, ox + maxx, oy - miny)))
    caption_y = max(f.box[3] for f in frames) + 9.0
    credits = _credits(patterns)
    credit = tr("source", lang, source="; ".join(credits))
    source_text = "\n".join(wrap_text(credit, width - 2 * MARGIN, SOURCE_SIZE))
    source_y = max(caption_y + 2.0, span[1]) + 6.0
    source = Text("source", width / 2, source_y, source_text, SOURCE_SIZE, "middle", "normal",
                  MUTED, kind="source")  # fmt: skip
    height = text_box(source)[3] + MARGIN

    items: list[Item] = [head]
    for frame in frames:
        items.append(_view(chart, order[frame.view], colours, frame, columns[frame.view], size,
                           caption_y, lang, inside[frame.view], span))  # fmt: skip
    items.append(source)
    return Scene(
        width=round(width, 2),
        height=round(height, 2),
        title=heading,
        desc=tr("atlas.desc", lang, kinds=heading) + " " + note,
        items=tuple(items),
        lang=lang,
        frames=tuple(ViewFrame(f.view, round(f.ox, 4), round(f.oy, 4), f.box) for f in frames),
    )


def _view(
    chart: Chart,
    patterns: Sequence[Pattern],
    colours: Mapping[str, str],
    frame: ViewFrame,
    columns: dict[str, list[tuple[str, str, tuple[float, float]]]],
    size: float,
    caption_y: float,
    lang: str,
    inside: Sequence[tuple[str, str, tuple[float, float], str, float]] = (),
    span: tuple[float, float] | None = None,
) -> Group:
    """One view: the body, every pattern's essential zones in its colour, the labels.

    Labels that fit inside their zone are written there (dark or white by the fill's
    lightness); the others sit in the columns beside the view, on leader lines.
    """
    view, ox, oy = frame.view, frame.ox, frame.oy
    groups: list[Item] = []
    for pattern in patterns:
        zones = pattern.zones("both", view, "essential")
        if not zones:
            continue
        title = pattern.title(lang)
        shapes = tuple(
            Shape(
                f"atlas-zone-{pattern.name}-{z.id}",
                to_page(z.geometry, ox, oy),
                _zone_style(colours[pattern.name]),
                f"{title}: {z.name(lang)}",
                "atlas-zone",
            )
            for z in zones
        )
        groups.append(Group(f"atlas-pattern-{pattern.name}-{view}", shapes, title))
    over: list[Item] = []
    if inside:
        texts = tuple(
            Text(f"atlas-label-{label_id}", ox + ax, oy - ay + fit * 0.36, text,
                 fit, "middle", "bold", text_on(colours[name]), kind="label")
            for label_id, text, (ax, ay), name, fit in inside
        )  # fmt: skip
        over.append(Group(f"atlas-inside-labels-{view}", texts))
    labels = label_columns(columns, frame, size, prefix="atlas-", pad=LABEL_PAD, span=span)
    if labels is not None:
        over.append(labels)
    bx0, _, bx1, _ = frame.box
    caption = ((bx0 + bx1) / 2, caption_y, CAPTION_SIZE)
    items = view_base(chart, view, ox, oy, lang, [Group(f"atlas-zones-{view}", tuple(groups))],
                      caption, over=over)  # fmt: skip
    return Group(f"view-{view}", tuple(items), tr(f"view.{view}", lang))
