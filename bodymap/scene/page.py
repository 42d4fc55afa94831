"""The page-layout helper every figure uses: the chart's views placed on a page in mm.

A view of the body chart is drawn the same way in every figure (pattern figures, cohort
maps, the desktop editor): its regions as a light body fill with faint borders and titles,
whatever the figure lays over them, the outline on top, the R and L letters beside the
head and the view's caption.  This module holds that view base, the move from chart cm
(y up) to page mm (y down) and the shared sizes and colours; texts are measured and fitted
by :mod:`bodymap.scene.layout`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from bodymap.core.i18n import tr
from bodymap.core.palette import MUTED as MUTED  # the text colours, re-exported
from bodymap.core.palette import TEXT as TEXT
from bodymap.model.chart import Chart
from bodymap.scene.items import Group, Item, Line, Shape, Style, Text
from bodymap.scene.layout import lines_width as lines_width  # re-exported
from bodymap.scene.layout import text_box, wrap_text
from bodymap.scene.layout import text_width as text_width

__all__ = [
    "BODY_STYLES",
    "WARNING_STYLE",
    "body_outline",
    "body_regions",
    "is_small_view",
    "lines_width",
    "side_letters",
    "text_width",
    "to_page",
    "view_base",
    "view_origin_y",
    "views_drawn",
    "warning_box",
]

# Sizes in page mm.
MARGIN = 8.0
SIMPLIFY_MM = 0.01
TITLE_SIZE = 6.0
SUBTITLE_SIZE = 3.6
CAPTION_SIZE = 4.6
LETTER_SIZE = 6.0
LETTER_OFFSET = 11.0  # from the side of the head to the centre of an R/L letter
#: Where an R/L letter may move (chart cm, down positive) when leader lines run through it:
#: the nearest first, up to the top of the head or down to above the shoulders.
LETTER_SHIFTS = (0.0, *sorted((*range(-11, 0), *range(1, 6)), key=lambda d: (abs(d), d)))

BODY_FILL = "#F4F1EC"
REGION_STROKE = "#C9C4BC"
OUTLINE_STROKE = "#4A4A4A"
WARNING_TEXT = "#8A1C00"

#: The box of a safety warning (red flags): pale red fill, a strong vermillion border.
WARNING_STYLE = Style(fill="#FDE8E1", stroke="#D55E00", stroke_width=0.7)

#: How the body itself is drawn in every figure.
BODY_STYLES = {
    "region": Style(fill=BODY_FILL, stroke=REGION_STROKE, stroke_width=0.2),
    "outline": Style(stroke=OUTLINE_STROKE, stroke_width=0.5),
}


def to_page(geometry: BaseGeometry, ox: float, oy: float, scale: float = 1.0) -> BaseGeometry:
    """Move chart cm (y up) to page mm (y down): ``(x, y) -> (ox + s·x, oy - s·y)``.

    ``scale`` is page mm per chart cm: 1 for full-size figures, less for small multiples.
    """
    factor, offset = np.array([scale, -scale]), np.array([ox, oy])
    return shapely.transform(geometry, lambda xy: xy * factor + offset)


def many_to_page(
    geometries: Sequence[BaseGeometry], ox: float, oy: float, scale: float = 1.0
) -> list[BaseGeometry]:
    """:func:`to_page` for many geometries at once (one vectorised GEOS call)."""
    arr = np.empty(len(geometries), dtype=object)
    arr[:] = list(geometries)
    factor, offset = np.array([scale, -scale]), np.array([ox, oy])
    return list(shapely.transform(arr, lambda xy: xy * factor + offset))


@lru_cache(maxsize=32)
def _drawn_chart(chart: Chart, view: str) -> tuple[tuple[BaseGeometry, ...], BaseGeometry]:
    """A view's region polygons and outline ring as drawn: simplified to :data:`SIMPLIFY_MM`.

    The tolerance is far below anything print or screen shows and drops about two thirds of
    the chart's vertices from every output.  Simplification commutes with the move onto the
    page (a translation and a flip), so it is done once per chart and view.
    """
    regions = shapely.simplify([r.geometry for r in chart.regions_in(view)], SIMPLIFY_MM)
    outline = shapely.simplify(chart.outline_rings(view), SIMPLIFY_MM)
    return tuple(regions), outline


def body_regions(
    chart: Chart,
    view: str,
    ox: float,
    oy: float,
    lang: str,
    id_prefix: str = "",
    scale: float = 1.0,
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
    scale
        Page mm per chart cm (see :func:`to_page`).
    """
    shapes = tuple(
        Shape(
            id=f"{id_prefix}region-{r.id}",
            geometry=geometry,
            style=BODY_STYLES["region"],
            title=r.name(lang),
            kind="region",
        )
        for r, geometry in zip(
            chart.regions_in(view), many_to_page(_drawn_chart(chart, view)[0], ox, oy, scale)
        )
    )
    return Group(id=f"{id_prefix}regions-{view}", items=shapes)


def body_outline(
    chart: Chart, view: str, ox: float, oy: float, id_prefix: str = "", scale: float = 1.0
) -> Shape:
    """The body outline of ``view`` on the page, drawn over everything inside it."""
    return Shape(
        id=f"{id_prefix}outline-{view}",
        geometry=to_page(_drawn_chart(chart, view)[1], ox, oy, scale),
        style=BODY_STYLES["outline"],
        title=None,
        kind="outline",
    )


#: A view less tall than this (cm) is a small view, such as the soles: figures stand it on
#: the floor line of the tall views, and its R and L letters stand above its parts.
SMALL_VIEW_CM = 60.0


def is_small_view(chart: Chart, view: str) -> bool:
    """Whether ``view`` is a small view (less tall than :data:`SMALL_VIEW_CM`, the soles)."""
    _, miny, _, maxy = chart.outline(view).bounds
    return maxy - miny < SMALL_VIEW_CM


def views_drawn(chart: Chart, used: Iterable[str]) -> tuple[str, ...]:
    """The chart's views a figure draws: the full-height ones, a small one only when used.

    A small view (the soles, :func:`is_small_view`) is drawn only when something shown is on
    it; ``used`` holds the views of the marks or zones shown.
    """
    shown = set(used)
    return tuple(v for v in chart.views if not is_small_view(chart, v) or v in shown)


def view_origin_y(chart: Chart, view: str, views: Sequence[str], top: float) -> float:
    """The page y (mm, scale 1) of ``view``'s chart origin when ``views`` hang from ``top``.

    A tall view hangs from ``top``; a small view (:func:`is_small_view`) stands on the floor
    line of the tallest view, beside its feet.
    """
    floor = top + max(chart.outline(v).bounds[3] for v in views)
    _, miny, _, maxy = chart.outline(view).bounds
    return floor + miny if is_small_view(chart, view) else top + maxy


def side_letters(
    chart: Chart,
    view: str,
    ox: float,
    oy: float,
    lang: str,
    id_prefix: str = "",
    scale: float = 1.0,
    avoid: Sequence[BaseGeometry] = (),
) -> Group:
    """The R and L letters beside the head of ``view``, the patient's sides as seen.

    The patient's right is on the viewer's left in the front view and on the right in the
    back and sole views.  The letters sit beside the head, clear of the arms, so that each
    belongs unmistakably to its own figure (in a small view, the soles, above each part);
    where leader lines (``avoid``) would run through a letter, it moves to the nearest place
    beside the head that the fewest of them cross.
    """
    left_key, right_key = ("right", "left") if view == "front" else ("left", "right")
    minx, _, maxx, maxy = chart.outline(view).bounds
    letter_cy = maxy - 12.0
    if is_small_view(chart, view):  # a small view of two parts (the soles): over each part
        letter_cy = maxy + 4.5
        parts = getattr(chart.outline(view), "geoms", [chart.outline(view)])
        dx = max(abs(part.centroid.x) for part in parts) * scale
    else:  # beside the head
        head = chart.outline(view).intersection(LineString([(minx, letter_cy), (maxx, letter_cy)]))
        dx = (max(abs(head.bounds[0]), abs(head.bounds[2])) + LETTER_OFFSET) * scale
    size = LETTER_SIZE * min(1.0, 0.4 + 0.6 * scale)
    y = oy - letter_cy * scale + size * 0.35
    texts: list[Item] = []
    for key, x in ((left_key, ox - dx), (right_key, ox + dx)):
        letter = Text(f"{id_prefix}side-letter-{view}-{key}", x, y, tr(f"letter.{key}", lang),
                      size, "middle", "bold", MUTED, kind="side-letter")  # fmt: skip
        if avoid:
            out = -1.0 if x < ox else 1.0
            moves = sorted(
                ((sx, sy) for sx in (0.0, 3.0, 6.0) for sy in LETTER_SHIFTS),
                key=lambda m: abs(m[0]) + abs(m[1]),
            )
            places = [replace(letter, x=x + out * sx * scale, y=y + sy * scale) for sx, sy in moves]
            letter = min(places, key=lambda t: _crossed(avoid, t))
        texts.append(letter)
    return Group(id=f"{id_prefix}side-letters-{view}", items=tuple(texts))


def _crossed(lines: Sequence[BaseGeometry], text: Text) -> int:
    """How many of ``lines`` run through the box of ``text``."""
    return int(
        np.count_nonzero(shapely.intersects(np.asarray(lines), shapely.box(*text_box(text))))
    )


def warning_box(
    id: str,
    x: float,
    y: float,
    width: float,
    heading: str,
    sentences: Sequence[str],
    size: float = 3.2,
) -> tuple[Group, float]:
    """A warning box: a bold heading and one wrapped paragraph per sentence, in a red frame.

    Used for red flags (an organ pattern among the best fits), so that the warning cannot be
    missed in any figure.

    Parameters
    ----------
    id
        Id of the group (its items are ``<id>-frame``, ``<id>-heading``, ``<id>-text-<n>``).
    x, y
        Top left corner on the page (mm).
    width
        Width of the box (mm); the sentences are wrapped to fit.
    heading
        The bold first line.
    sentences
        The warnings, one paragraph each.
    size
        Font size (mm).

    Returns
    -------
    tuple of Group and float
        The box and its height (mm).
    """
    pad, line = 2.4, size * 1.3
    items: list[Item] = []
    cursor = y + pad + size * 0.85
    items.append(
        Text(f"{id}-heading", x + pad, cursor, heading, size * 1.1, "start", "bold",
             WARNING_TEXT, kind="warning-heading")
    )  # fmt: skip
    cursor += size * 1.1 * 1.35
    for n, sentence in enumerate(sentences, start=1):
        wrapped = "\n".join(wrap_text(sentence, width - 2 * pad, size)) or sentence
        items.append(
            Text(f"{id}-text-{n}", x + pad, cursor, wrapped, size, "start", "normal", TEXT,
                 line_height=1.3, kind="warning-text")
        )  # fmt: skip
        cursor += line * (wrapped.count("\n") + 1) + size * 0.3
    height = cursor - y - size * 0.85 + pad
    frame = Shape(
        f"{id}-frame",
        shapely.box(x, y, x + width, y + height),
        WARNING_STYLE,
        heading,
        "warning-frame",
    )
    return Group(id, (frame, *items), heading), height


def view_base(
    chart: Chart,
    view: str,
    ox: float,
    oy: float,
    lang: str,
    layers: Sequence[Item],
    caption: tuple[float, float, float],
    prefix: str = "",
    over: Sequence[Item] = (),
    scale: float = 1.0,
) -> list[Item]:
    """The items of one view of a figure, in drawing order.

    The regions, then ``layers`` (already in page mm), the outline, then ``over`` (things
    drawn over the outline, such as labels), the R/L letters and the caption.

    Parameters
    ----------
    chart, view
        The chart and the view.
    ox, oy
        Where the view's chart origin sits on the page (mm).
    lang
        Language of titles, letters and caption.
    layers
        What the figure shows on the body, under the outline.
    caption
        ``(x, y, size)`` of the caption (the view's name).
    prefix
        Prefix of every id (``""``, or e.g. ``"map-0-front-"`` for a page with many views).
    over
        Items drawn over the outline, under the letters.
    scale
        Page mm per chart cm (see :func:`to_page`).
    """
    x, y, size = caption
    leaders = [
        shapely.LineString(item.points)
        for group in over
        if isinstance(group, Group)
        for item in group.items
        if isinstance(item, Line) and item.kind == "leader"
    ]
    return [
        body_regions(chart, view, ox, oy, lang, prefix, scale),
        *layers,
        body_outline(chart, view, ox, oy, prefix, scale),
        *over,
        side_letters(chart, view, ox, oy, lang, prefix, scale, leaders),
        Text(
            f"{prefix}caption" if prefix else f"caption-{view}",
            x,
            y,
            tr(f"view.{view}", lang),
            size,
            "middle",
            "bold",
            TEXT,
            kind="caption",
        ),
    ]
