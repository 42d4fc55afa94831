"""Diagrams: a laid-out scene with ways to save, show and embed it.

:func:`render` is the one call behind ``bodymap render`` (and :func:`atlas` behind
``bodymap atlas``): it loads the chart and pattern,
runs the layout step and returns a :class:`Diagram`.  A diagram writes SVG (svgwrite), PNG
or PDF (matplotlib, imported only when needed) chosen by the file suffix, shows itself inline
in Jupyter through ``_repr_svg_``, and can draw into a user's own matplotlib Axes.  Files are
written atomically: to a temporary file beside the target, then renamed, so a failure never
leaves a half-written figure.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bodymap.core.choices import DEFAULT_PATTERN, VIEW_CHOICES
from bodymap.core.errors import BodymapError, OutputError, UnknownNameError
from bodymap.core.output import FIGURE_FORMATS, atomic_write, check_output, write_bytes
from bodymap.model.chart import Chart, load_chart
from bodymap.model.pattern import Pattern, load_pattern
from bodymap.scene.items import Scene
from bodymap.scene.page import views_drawn
from bodymap.scene.pattern_figure import FigureOptions, Layer, build_scene

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bodymap.analysis.ranking import RankResult
    from bodymap.analysis.tracking import Track
    from bodymap.model.drawing import Drawing

    DrawingLike = Drawing | str | os.PathLike[str] | Mapping[str, Any]

__all__ = [
    "FORMATS",
    "MAX_PIXELS",
    "Diagram",
    "atlas",
    "check_raster",
    "contact_sheet",
    "differential",
    "render",
]

#: Output formats by file suffix.
FORMATS = FIGURE_FORMATS

#: The most pixels one raster (PNG) image may hold: 50 megapixels, room for a two-view
#: figure at 600 dpi (43 megapixels) or an atlas chart at 500 dpi.  Drawing costs time and
#: memory in proportion (about 4 bytes a pixel): a figure at 2,400 dpi (690 megapixels) took
#: 85 to 99 s and 2.8 GB before it was refused.
MAX_PIXELS = 50_000_000


def _check_dpi(dpi: float, where: object) -> None:
    if not math.isfinite(dpi) or dpi <= 0:
        raise OutputError(f"{where}: dpi must be positive, not {dpi}")


def check_raster(scene: Scene, dpi: float, where: object = "figure") -> None:
    """Refuse a raster image of ``scene`` at ``dpi`` that would exceed :data:`MAX_PIXELS`.

    Parameters
    ----------
    scene
        The scene to be drawn; its size is in page millimetres.
    dpi
        The resolution asked for.
    where
        What the message names first (the output file).

    Raises
    ------
    OutputError
        A resolution that is not a positive number, or one that would draw more than
        :data:`MAX_PIXELS` pixels; the message names the highest resolution that fits.
    """
    _check_dpi(dpi, where)
    inches = (scene.width / 25.4, scene.height / 25.4)

    def pixels(at: float) -> tuple[int, int]:
        return math.ceil(inches[0] * at), math.ceil(inches[1] * at)

    w, h = pixels(dpi)
    if w * h <= MAX_PIXELS:
        return
    fit = math.floor(math.sqrt(MAX_PIXELS / (inches[0] * inches[1])))
    while fit >= 1 and math.prod(pixels(fit)) > MAX_PIXELS:
        fit -= 1
    hint = f"dpi {fit} at most fits this figure" if fit >= 1 else "save it as SVG or PDF"
    raise OutputError(
        f"{where}: dpi {dpi:g} would draw a {w:,} x {h:,} pixel image "
        f"({w * h / 1e6:,.0f} megapixels), more than the {MAX_PIXELS / 1e6:g} megapixels "
        f"allowed; {hint}"
    )


class Diagram:
    """A figure ready to be saved or shown.

    Attributes
    ----------
    scene
        The backend-free :class:`~bodymap.scene.Scene` both renderers draw.
    """

    def __init__(self, scene: Scene) -> None:
        self.scene = scene

    def to_svg(self) -> str:
        """The figure as an SVG document (str); the same input gives the same bytes."""
        from bodymap.renderers.svg import scene_to_svg

        return scene_to_svg(self.scene)

    def _repr_svg_(self) -> str:
        return self.to_svg()

    def figure(self, dpi: float = 200) -> Figure:
        """A new matplotlib Figure of the diagram at print size (no pyplot involved)."""
        from bodymap.renderers.mpl import scene_figure

        return scene_figure(self.scene, dpi)

    def plot(self, ax: Axes | None = None) -> Axes:
        """Draw the diagram into ``ax`` (a new figure's Axes if ``None``) and return it."""
        from bodymap.renderers.mpl import draw_scene, scene_figure

        if ax is None:
            return scene_figure(self.scene).axes[0]
        return draw_scene(self.scene, ax)

    def save(self, path: str | os.PathLike[str], dpi: float = 200) -> Path:
        """Write the diagram; the format follows the suffix (``.svg``, ``.png``, ``.pdf``).

        Parameters
        ----------
        path
            Output file; its folder must exist.
        dpi
            Resolution of PNG output (ignored for SVG and PDF, which are vector); a PNG
            holds at most :data:`MAX_PIXELS` pixels.

        Returns
        -------
        Path
            The path written.

        Raises
        ------
        OutputError
            Unknown suffix, missing folder, a resolution that is not positive or a PNG
            larger than :data:`MAX_PIXELS` (refused before anything is drawn), or the file
            cannot be written.
        """
        out, fmt = check_output(path)
        _check_dpi(dpi, out)
        if fmt == "png":
            check_raster(self.scene, dpi, out)
        if fmt == "svg":
            write_bytes(out, self.to_svg().encode("utf-8"))
        else:
            from bodymap.renderers.mpl import save_figure

            atomic_write(out, lambda fh: save_figure(self.scene, fh, fmt, dpi))
        return out


def _views(
    view: str | Sequence[str], chart: Chart, used: Sequence[str] | None = None
) -> tuple[str, ...]:
    """The views to draw.

    ``"both"`` is the front and the back view, plus each further view of the chart (the
    soles) that something drawn uses (``used``; every view if ``None``).
    """
    if isinstance(view, str):
        if view == "both":
            return chart.views if used is None else views_drawn(chart, used) or chart.views
        if view not in VIEW_CHOICES and view not in chart.views:
            raise UnknownNameError("view", view, VIEW_CHOICES)
        return (chart.check_view(view),)
    return tuple(chart.check_view(v) for v in view)


def render(
    pattern: str | os.PathLike[str] | Pattern | None = DEFAULT_PATTERN,
    side: str = "left",
    view: str | Sequence[str] = "both",
    lang: str = "en",
    title: str | None = None,
    labels: bool = True,
    regions: bool = False,
    chart: str | os.PathLike[str] | Chart = "adult",
    layers: Sequence[Layer] = (),
    drawing: DrawingLike | Sequence[DrawingLike] | None = None,
) -> Diagram:
    """Lay out a referral-pattern figure (or a bare chart) and return it as a Diagram.

    Parameters
    ----------
    pattern
        Built-in pattern name, path of a pattern file, a loaded Pattern, or ``None`` to draw
        the chart alone.
    side
        Side of the trigger points: ``"left"``, ``"right"`` or ``"both"``.
    view
        ``"front"``, ``"back"`` or ``"both"`` (or a sequence of view names).
    lang
        ``"en"`` or ``"nl"`` for all labels.
    title
        Figure title; by default built from the muscle and side.
    labels
        Label each zone with a leader line.
    regions
        Write each chart region's name on it.
    chart
        Built-in chart name, path of a chart file or a loaded Chart.
    layers
        Extra shapes to draw over the pattern.
    drawing
        A patient's pain drawing (a Drawing, a drawing file or a parsed dict), or a list of
        two (e.g. first visit and follow-up), drawn over the pattern: one drawing coloured
        by pain intensity with a colour bar, two drawings in two colours; the pattern's
        zones are then drawn as light fills with outlines.  Pass ``pattern=None`` to draw
        the drawing on the bare chart.

    Returns
    -------
    Diagram
        Call ``.save(path)``, ``.to_svg()`` or ``.plot(ax)`` on it.

    Examples
    --------
    >>> import bodymap
    >>> dia = bodymap.render("iliopsoas", side="left", lang="nl")
    >>> svg = dia.to_svg()
    """
    the_chart = chart if isinstance(chart, Chart) else load_chart(chart)
    drawings = _drawings(drawing, the_chart)
    the_pattern = None if pattern is None else load_pattern(pattern)  # type: ignore[arg-type]
    if the_pattern is not None:
        the_pattern.check_chart(the_chart)
    used = {m.view for d in drawings for m in d.marks}
    used.update(() if the_pattern is None else the_pattern.views())
    options = FigureOptions(
        side=side,
        views=_views(view, the_chart, tuple(used)),
        lang=lang,
        title=title,
        labels=labels,
        regions=regions,
        extra_layers=tuple(layers),
        drawings=drawings,
    )
    return Diagram(build_scene(the_chart, the_pattern, options))


def _drawings(drawing: Any, chart: Chart | None = None) -> tuple[Drawing, ...]:
    """One or two drawings from whatever :func:`render` was given."""
    if drawing is None:
        return ()
    from bodymap.model.drawing import Drawing
    from bodymap.model.reader import load_drawing

    if isinstance(drawing, (Drawing, str, os.PathLike, Mapping)):
        drawing = (drawing,)
    loaded = tuple(load_drawing(d, chart) for d in drawing)
    if not 1 <= len(loaded) <= 2:
        raise BodymapError(f"one or two drawings can be drawn at once, not {len(loaded)}")
    return loaded


def differential(
    drawing: DrawingLike,
    top: int = 6,
    by: str = "dice",
    lang: str = "en",
    chart: str | os.PathLike[str] | Chart | None = None,
    ranking: RankResult | None = None,
) -> Diagram:
    """The differential figure: the drawing, then its ``top`` best-fitting pattern sides.

    Parameters
    ----------
    drawing
        A Drawing, a drawing file or a parsed dict.
    top
        How many ranked pattern sides to show (default 6; 1 to
        :data:`~bodymap.scene.differential.MAX_FIGURE_PATTERNS`, checked before ranking).
    by
        The measure they are ranked by (see :func:`bodymap.rank`).
    lang
        Language of titles and captions.
    chart
        The chart to measure and draw on (default: the drawing's own chart).
    ranking
        The drawing's ranking if it was already computed (its first ``top`` results are
        drawn); by default the drawing is ranked here.

    Returns
    -------
    Diagram
        Save it as SVG, PNG or PDF.
    """
    from dataclasses import replace

    from bodymap.analysis.ranking import rank
    from bodymap.model.reader import load_drawing
    from bodymap.scene.differential import check_figure_top, differential_scene

    check_figure_top(top)
    first = load_drawing(drawing, chart)
    the_chart = (
        first.chart if chart is None else chart if isinstance(chart, Chart) else load_chart(chart)
    )
    if ranking is None:
        ranking = rank(first, top=top, by=by, chart=the_chart)
    else:
        ranking = replace(ranking, results=ranking.results[:top])
    return Diagram(differential_scene(first, ranking, the_chart, lang))


def contact_sheet(
    kinds: Sequence[str] | None = None, lang: str = "en", columns: int = 8, title: str = ""
) -> Diagram:
    """Every built-in pattern (optionally of some kinds) small, on one page.

    Parameters
    ----------
    kinds
        Only patterns of these kinds (default: all).
    lang
        Language of the names.
    columns
        Panels per row.
    title
        Page title (default: "Referral patterns").
    """
    from bodymap.model.pattern import select_patterns
    from bodymap.scene.differential import sheet_scene

    patterns = select_patterns(kinds=kinds)
    chart = load_chart(patterns[0].chart if patterns else "adult")
    return Diagram(sheet_scene(patterns, chart, lang, title, columns))


def atlas(
    kind: str,
    view: str | Sequence[str] = "both",
    lang: str = "en",
    chart: str | os.PathLike[str] | Chart = "adult",
    title: str | None = None,
) -> Diagram:
    """The atlas chart of one pattern kind: every built-in pattern of it on one chart.

    Each pattern's essential zones (both sides of a unilateral pattern) are filled in a
    colour of its own, no two neighbouring patterns in one colour, and labelled with the
    pattern's short name on a leader line: the dermatome chart, the cutaneous-nerve chart,
    the facet-joint maps.

    Parameters
    ----------
    kind
        ``"muscle"``, ``"dermatome"``, ``"nerve"``, ``"joint"`` or ``"organ"``.
    view
        ``"front"``, ``"back"`` or ``"both"`` (or a sequence of view names).
    lang
        ``"en"`` or ``"nl"``.
    chart
        Built-in chart name, path of a chart file or a loaded Chart; the patterns drawn on
        it are shown.
    title
        The title (default: the kind's name, e.g. "Dermatomes").

    Returns
    -------
    Diagram
        Save it as SVG, PNG or PDF.

    Raises
    ------
    UnknownNameError
        For an unknown kind, view or language.
    BodymapError
        If no built-in pattern of ``kind`` is drawn on the chart.

    Examples
    --------
    >>> import bodymap
    >>> bodymap.atlas("muscle", view="back").save("muscles-back.svg")  # doctest: +SKIP
    """
    from bodymap.core.choices import PATTERN_KINDS, check_lang
    from bodymap.core.errors import match_name
    from bodymap.model.pattern import select_patterns
    from bodymap.scene.atlas import atlas_scene

    kind = match_name("pattern kind", kind, PATTERN_KINDS)
    check_lang(lang)
    the_chart = chart if isinstance(chart, Chart) else load_chart(chart)
    patterns = [p for p in select_patterns(kinds=[kind]) if p.chart == the_chart.name]
    if not patterns:
        raise BodymapError(f"no built-in {kind} pattern is drawn on chart {the_chart.name!r}")
    views = _views(view, the_chart, tuple({v for p in patterns for v in p.views()}))
    return Diagram(atlas_scene(patterns, the_chart, kind, views, lang, title))


def track_figure(visits: Track, lang: str = "en") -> Diagram:
    """The figure of a patient's visits: new, resolved and persisting area, extent over time.

    Parameters
    ----------
    visits
        The visits, from :func:`bodymap.track`.
    lang
        Language of titles, captions and legend (``"en"`` or ``"nl"``).

    Returns
    -------
    Diagram
        Save it as SVG, PNG or PDF (``.save(path)``), as ``bodymap track --figure`` does.
    """
    from bodymap.scene.track import track_scene

    return Diagram(track_scene(visits, lang))
