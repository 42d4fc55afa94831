"""Label layout of every figure: text measured in the renderers' font, fitted and placed apart.

Figures are drawn in DejaVu Sans (:data:`FONT_NAME`): matplotlib's default sans-serif for
the PNG and PDF back ends, and the first family the SVG names, before the generic
``sans-serif``.  Its widths are read here from the copy matplotlib ships, with fontTools, so
that every back end agrees on how wide a text is.  On that measure this module fits texts to a width
(wrapped at word boundaries, and shortened with an ellipsis only when the lines run out,
never cut), places the labels of a column beside a view near their anchors' heights with
leader lines that never cross (:func:`place_column`), flows legend entries into rows that
fit the page (:func:`flow_rows`), and says where a text's box lies (:func:`text_box`) and
whether two leader lines cross (:func:`segments_cross`), so that figures and tests share
one notion of a collision.
"""

from __future__ import annotations

import importlib.util
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from bodymap.scene.items import Text

__all__ = [
    "ASCENT",
    "DESCENT",
    "ELLIPSIS",
    "FONT_NAME",
    "ellipsize",
    "fit_text",
    "flow_rows",
    "font_folder",
    "lines_width",
    "place_column",
    "segments_cross",
    "text_box",
    "text_width",
    "wrap_text",
]

#: The font every renderer names first (the scene's generic family is the fallback), so that
#: a browser draws the SVG in the font the texts were measured in; Chromium's own default
#: sans-serif is often Liberation Sans or Arial, a sixth narrower.
FONT_NAME = "DejaVu Sans"
#: The files of that font (matplotlib's bundled copy), by weight.
FONT_FILES = {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
#: Height above and depth below the baseline of a line's box, in em (DejaVu Sans's hhea
#: ascender 1901 and descender 483 of 2048 units, the box browsers give ``getBBox``).
ASCENT = 1901 / 2048
DESCENT = 483 / 2048
ELLIPSIS = "…"


@dataclass(frozen=True)
class _Metrics:
    advances: dict[int, float]  # code point -> advance in em
    fallback: float  # advance of a character the font lacks (its .notdef box), in em


def font_folder() -> Path:
    """The folder of the font files (matplotlib's bundled fonts; matplotlib is not imported).

    Back ends that bring their own fonts (Typst) are pointed here, so that they too draw
    the figures' text in :data:`FONT_NAME`.
    """
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


@lru_cache(maxsize=2)
def _metrics(weight: str) -> _Metrics:
    """Advance widths of the font of ``weight``, read once from matplotlib's bundled copy."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # when first needed

    path = font_folder() / FONT_FILES["bold" if weight == "bold" else "normal"]
    with TTFont(path, lazy=True) as font:  # closes the file: read once, kept as numbers
        units = float(font["head"].unitsPerEm)
        hmtx = font["hmtx"].metrics
        cmap = font.getBestCmap()
        advances = {code: hmtx[glyph][0] / units for code, glyph in cmap.items()}
        return _Metrics(advances, hmtx[".notdef"][0] / units)


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width in mm of one line of ``text`` at font size ``size`` mm (the em).

    The sum of the glyphs' advance widths in DejaVu Sans (kerning, which only ever narrows
    these texts by a few hundredths of an em, is left out, so the measure errs on the wide
    side).

    Parameters
    ----------
    text
        One line of text.
    size
        Font size in mm.
    weight
        ``"normal"`` or ``"bold"``.
    """
    metrics = _metrics(weight)
    advances, fallback = metrics.advances, metrics.fallback
    return sum(advances.get(ord(ch), fallback) for ch in text) * size


def lines_width(text: str, size: float, weight: str = "normal") -> float:
    """The width in mm of the widest line of a multi-line text (see :func:`text_width`)."""
    return max(text_width(line, size, weight) for line in text.split("\n"))


def text_box(text: Text) -> tuple[float, float, float, float]:
    """The box ``(x0, y0, x1, y1)`` in page mm a scene text covers, all its lines.

    Parameters
    ----------
    text
        The scene text (its anchor, baseline, size, weight and line height).
    """
    width = lines_width(text.text, text.size, text.weight)
    shift = {"start": 0.0, "middle": width / 2, "end": width}[text.anchor]
    x0 = text.x - shift
    lines = len(text.lines)
    y0 = text.y - ASCENT * text.size
    y1 = text.y + (lines - 1) * text.size * text.line_height + DESCENT * text.size
    return x0, y0, x0 + width, y1


def ellipsize(text: str, width: float, size: float, weight: str = "normal") -> str:
    """``text`` shortened at its end with an ellipsis so that it is at most ``width`` mm."""
    if text_width(text, size, weight) <= width:
        return text
    metrics = _metrics(weight)
    room = width / size - metrics.advances.get(ord(ELLIPSIS), metrics.fallback)
    ends = list(accumulate(metrics.advances.get(ord(ch), metrics.fallback) for ch in text))
    cut = text[: bisect_right(ends, room)]
    return cut.rstrip(" ,;:-–(") + ELLIPSIS


def wrap_text(text: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """``text`` broken at spaces into lines of at most ``width`` mm (paragraphs kept).

    A single word wider than ``width`` is shortened with an ellipsis.
    """
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            candidate = f"{line} {word}" if line else word
            if not line or text_width(candidate, size, weight) <= width:
                line = candidate
            else:
                out.append(line)
                line = word
            if text_width(line, size, weight) > width:
                line = ellipsize(line, width, size, weight)
        out.append(line)
    return out


def fit_text(
    text: str, width: float, size: float, weight: str = "normal", max_lines: int = 2
) -> str:
    """``text`` wrapped to ``width`` mm in at most ``max_lines`` lines (joined by newlines).

    What does not fit in the last line is dropped at a word boundary and marked with an
    ellipsis: a title is shortened, never cut through a letter or run off the page.

    Parameters
    ----------
    text
        The text (newlines start new paragraphs).
    width
        Room in mm.
    size
        Font size in mm.
    weight
        ``"normal"`` or ``"bold"``.
    max_lines
        The most lines the text may take.
    """
    lines = wrap_text(text, width, size, weight)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], ellipsize(last, width, size, weight)]
    return "\n".join(lines)


def flow_rows(widths: Sequence[float], room: float, spacing: float) -> list[list[int]]:
    """Indices of items of ``widths`` mm flowed into rows at most ``room`` mm wide.

    Items keep their order and are ``spacing`` mm apart; an item wider than ``room`` has a
    row of its own.
    """
    rows: list[list[int]] = []
    used = 0.0
    for i, w in enumerate(widths):
        if rows and used + spacing + w <= room:
            rows[-1].append(i)
            used += spacing + w
        else:
            rows.append([i])
            used = w
    return rows


def segments_cross(
    a: tuple[tuple[float, float], tuple[float, float]],
    b: tuple[tuple[float, float], tuple[float, float]],
    tolerance: float = 1e-6,
) -> bool:
    """Whether two line segments cross or touch (beyond shared end points)."""
    (ax, ay), (bx, by) = a
    (cx, cy), (dx, dy) = b

    def orient(px: float, py: float, qx: float, qy: float, rx: float, ry: float) -> float:
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    d1 = orient(cx, cy, dx, dy, ax, ay)
    d2 = orient(cx, cy, dx, dy, bx, by)
    d3 = orient(ax, ay, bx, by, cx, cy)
    d4 = orient(ax, ay, bx, by, dx, dy)
    if {(ax, ay), (bx, by)} & {(cx, cy), (dx, dy)}:
        return False
    return (d1 * d2 < -tolerance) and (d3 * d4 < -tolerance)


def _stack(
    order: list[int], heights: Sequence[float], starts: list[float], gaps: list[float]
) -> list[float]:
    """Tops of the labels of ``order`` stacked from ``starts[0]`` with the gaps between."""
    tops = [starts[0]]
    for k in range(1, len(order)):
        tops.append(tops[-1] + heights[order[k - 1]] + gaps[k - 1])
    return tops


def place_column(
    anchors: Sequence[tuple[float, float]],
    heights: Sequence[float],
    elbow_x: float,
    top: float,
    bottom: float,
    pad: float = 1.5,
) -> list[float]:
    """The top of each label of a column, so that none overlap and no leaders cross.

    Labels are stacked in the order of their anchors' heights, each as near its anchor's
    height as the others allow, inside ``top``–``bottom`` when they fit there.  Each leader
    runs straight from its anchor to the column's elbow at ``elbow_x`` (at the middle of its
    label), then along the label.  Where two such leaders cross, the two labels swap places
    (a swap shortens the leaders' total length, so this ends) until none cross.

    Parameters
    ----------
    anchors
        Where each leader starts (page mm).
    heights
        Height of each label (mm).
    elbow_x
        Where every leader reaches the column's side (page mm).
    top, bottom
        The span the column should keep to (page mm).
    pad
        Least gap between two labels (mm).

    Returns
    -------
    list of float
        The top of each label, in the order of ``anchors``.
    """
    n = len(anchors)
    if n == 0:
        return []
    order = sorted(range(n), key=lambda i: (anchors[i][1], anchors[i][0]))
    tops: list[float] = []
    cursor = top
    for i in order:
        y = max(anchors[i][1] - heights[i] / 2, cursor)
        tops.append(y)
        cursor = y + heights[i] + pad
    if cursor - pad > bottom:  # too low: push the column up from the bottom
        cursor = bottom
        for k in range(n - 1, -1, -1):
            tops[k] = min(tops[k], cursor - heights[order[k]])
            cursor = tops[k] - pad
        if tops[0] < top:  # taller than the span: start at its top, run over the bottom
            tops[0] = top
            for k in range(1, n):
                tops[k] = max(tops[k], tops[k - 1] + heights[order[k - 1]] + pad)
    gaps = [tops[k + 1] - tops[k] - heights[order[k]] for k in range(n - 1)]

    def leader(k: int, at: list[float]) -> tuple[tuple[float, float], tuple[float, float]]:
        i = order[k]
        return anchors[i], (elbow_x, at[k] + heights[i] / 2)

    for _ in range(4 * n * n + 10):
        crossing = next(
            (
                (j, k)
                for j in range(n)
                for k in range(j + 1, n)
                if segments_cross(leader(j, tops), leader(k, tops))
            ),
            None,
        )
        if crossing is None:
            break
        j, k = crossing
        order[j], order[k] = order[k], order[j]
        tops = tops[:j] + _stack(order[j:], heights, tops[j:], gaps[j:])
    out = [0.0] * n
    for k, i in enumerate(order):
        out[i] = tops[k]
    return out
