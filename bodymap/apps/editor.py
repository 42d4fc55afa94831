"""A desktop pain-drawing editor in a matplotlib window, behind ``bodymap draw``.

:class:`DrawingEditor` draws both views of the chart with bodymap's own scene and matplotlib
renderer and lets the user mark pain on them: drag to paint brush strokes, click a region in
*whole-area* mode to mark or unmark all of it, rub marks out with the eraser, undo and redo,
choose the intensity (0-10) and an optional pain quality, and save the result as a drawing
file.  Marks are kept in chart coordinates (centimetres per view, as in the chart and drawing
files), converted from the page through the scene's :class:`~bodymap.scene.ViewFrame`.

The editor is plain logic on a :class:`~matplotlib.figure.Figure`: it reacts to the figure's
mouse and key events and never picks a matplotlib backend, so it is tested headless on an
Agg canvas with synthetic events.  Only :func:`choose_backend`, called by the ``bodymap
draw`` command when it runs, selects an interactive backend.

Keys: ``d`` draw, ``a`` whole area, ``e`` eraser, ``0``-``9`` intensity (``+``/``-`` step,
up to 10), ``[``/``]`` brush size, ``t`` pain quality, ``z`` undo, ``y`` redo, ``C`` clear,
``s`` save, ``h`` help.
"""

from __future__ import annotations

import itertools
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.apps.form import DrawingInput
from bodymap.core.choices import BRUSHES, DEFAULT_INTENSITY, PAIN_QUALITIES, check_lang
from bodymap.core.errors import BodymapError, DataError
from bodymap.core.i18n import tr
from bodymap.core.palette import MUTED, intensity_color, readable_color
from bodymap.model.chart import Chart, load_chart
from bodymap.model.drawing import Mark, format_drawing_json
from bodymap.scene.items import Scene, ViewFrame
from bodymap.scene.page import to_page

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import KeyEvent, MouseEvent
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch
    from matplotlib.text import Text

__all__ = [
    "DrawingEditor",
    "NoDisplayError",
    "choose_backend",
    "figure_size",
    "mark_kind",
    "run_window",
    "stroke_mark",
    "stroke_points",
]

Mode = Literal["draw", "region", "erase"]
MODES: tuple[Mode, ...] = ("draw", "region", "erase")
#: How far (page mm) outside a view's box a press still counts as on that view.
VIEW_PAD = 6.0
#: Smallest distance (cm) between recorded stroke points.
MIN_STEP = 0.2
HISTORY_MAX = 200
HELP = (
    "keys: d draw · a whole area · e eraser · 0-9 intensity (+/- to 10) · [ ] brush · "
    "t quality · z undo · y redo · C clear · s save"
)


class NoDisplayError(BodymapError):
    """There is no display, or no interactive matplotlib backend, for a desktop window."""


def _line(points: Sequence[tuple[float, float]]) -> LineString:
    """A stroke's centre line; a single tap becomes a line of 0.01 cm (a dot of the brush)."""
    pts = [(round(x, 2), round(y, 2)) for x, y in points]
    if len(pts) == 1:
        pts.append((round(pts[0][0] + 0.01, 2), pts[0][1]))
    return LineString(pts)


def stroke_mark(
    view: str,
    points: Sequence[tuple[float, float]],
    width: float,
    intensity: float | None = None,
    quality: str | None = None,
) -> Mark:
    """A brush stroke through ``points`` (chart cm) as a model :class:`~bodymap.Mark`."""
    return Mark(view, _line(points), width=width, intensity=intensity, quality=quality)


def mark_kind(mark: Mark) -> Literal["stroke", "region", "shape"]:
    """How the editor treats a mark: a stroke, a whole region, or a shape from a file."""
    if mark.geometry is None:
        return "region"
    return "stroke" if mark.is_stroke else "shape"


def stroke_points(mark: Mark) -> tuple[tuple[float, float], ...]:
    """The centre-line points of a stroke mark (of its first line)."""
    geometry = mark.geometry
    assert geometry is not None
    line = geometry.geoms[0] if isinstance(geometry, MultiLineString) else geometry
    return tuple((float(x), float(y)) for x, y, *_ in line.coords)


def _with_points(mark: Mark, points: Sequence[tuple[float, float]]) -> Mark:
    return replace(mark, geometry=_line(points), _geojson=None)


def _editable(marks: Sequence[Mark]) -> list[Mark]:
    """A loaded drawing's marks, each line of a multi-line stroke as a stroke of its own."""
    out: list[Mark] = []
    for mark in marks:
        if isinstance(mark.geometry, MultiLineString) and mark.region is None:
            out += [replace(mark, geometry=line, _geojson=None) for line in mark.geometry.geoms]
        else:
            out.append(mark)
    return out


def _densify(points: Sequence[tuple[float, float]], step: float) -> list[tuple[float, float]]:
    out = [points[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        n = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / step))
        for k in range(1, n):
            out.append((round(x0 + (x1 - x0) * k / n, 2), round(y0 + (y1 - y0) * k / n, 2)))
        out.append((x1, y1))
    return out


def _page(geometry: BaseGeometry, frame: ViewFrame) -> BaseGeometry:
    """Chart cm of a view to page mm (the scene's coordinates), through its frame."""
    return to_page(geometry, frame.ox, frame.oy)


def color_of(intensity: float | None) -> str:
    """The mark colour for a pain intensity (0-10), or the neutral colour for ``None``."""
    return intensity_color(intensity)


class DrawingEditor:
    """Mark pain on the body chart in a matplotlib figure.

    Parameters
    ----------
    figure
        The figure to draw into (its canvas delivers the events); a new
        :class:`~matplotlib.figure.Figure` if ``None``.  The editor never selects a backend.
    drawing
        An earlier drawing to continue (path, parsed document or Drawing), validated with
        :func:`bodymap.load_drawing`; unknown members are written back on save.
    lang
        Language of the chart's captions and region names: ``"en"`` or ``"nl"``.
    subject
        Subject id for the saved file (default: the loaded drawing's subject).
    output
        Where :meth:`save` writes by default (default: the loaded file, else
        ``drawing.json``).
    chart
        Built-in chart name, chart file or loaded chart.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
    >>> fig = Figure()
    >>> canvas = FigureCanvasAgg(fig)
    >>> editor = DrawingEditor(fig, subject="anon-17")
    >>> editor.set_intensity(7)
    >>> editor.press("front", 7, 91); editor.release()
    >>> editor.marks[0].view, editor.marks[0].intensity
    ('front', 7.0)
    """

    def __init__(
        self,
        figure: Figure | None = None,
        drawing: DrawingInput | None = None,
        *,
        lang: str = "en",
        subject: str | None = None,
        output: str | os.PathLike[str] | None = None,
        chart: str | os.PathLike[str] | Chart = "adult",
    ) -> None:
        from matplotlib.figure import Figure

        from bodymap.renderers.diagram import render
        from bodymap.renderers.mpl import draw_scene

        self.chart = chart if isinstance(chart, Chart) else load_chart(chart)
        self.lang = check_lang(lang)
        self.meta: dict[str, Any] = {}
        self.extra: dict[str, Any] = {}
        marks: list[Mark] = []
        source: Path | None = None
        if drawing is not None:
            from bodymap.model.reader import load_drawing

            loaded = load_drawing(drawing)
            if loaded.chart_name != self.chart.name:
                raise DataError(
                    f"{loaded.source}: the drawing is on chart {loaded.chart_name!r}, "
                    f"the editor uses chart {self.chart.name!r}"
                )
            self.meta = dict(loaded.meta)
            self.extra = dict(loaded.extra)
            marks = _editable(loaded.marks)
            source = loaded.path
        self.subject = subject if subject is not None else self.meta.get("subject")
        if output is not None:
            self.output = Path(output)
        else:
            self.output = source if source is not None else Path("drawing.json")

        self.marks: tuple[Mark, ...] = tuple(marks)
        self.mode: Mode = "draw"
        self.intensity: float = DEFAULT_INTENSITY
        self.brush: str = "medium"
        self.quality: str | None = None
        self.dirty = False
        self.message = "Drag to colour where it hurts." if not marks else "Drawing loaded."
        self._undo: list[tuple[Mark, ...]] = []
        self._redo: list[tuple[Mark, ...]] = []
        self._active: dict[str, Any] | None = None

        title = tr("editor.title", lang)
        self.scene: Scene = render(pattern=None, lang=lang, chart=self.chart, title=title).scene
        if figure is None:
            figure = Figure(figsize=self.size_inches())
        self.figure = figure
        self.ax: Axes = figure.add_axes((0.0, 0.08, 1.0, 0.92))
        draw_scene(self.scene, self.ax)
        self.ax.set_navigate(True)
        # Marks go above each view's regions and below its outline, as in the form.
        self._z: dict[str, float] = {}
        for coll in self.ax.collections:
            gid = str(coll.get_gid() or "")
            if gid.startswith("outline-"):
                self._z[gid.removeprefix("outline-")] = coll.get_zorder() - 0.5
        self._clips: dict[str, PathPatch] = {}
        for frame in self.scene.frames:
            self._clips[frame.view] = self._patch(
                _page(self.chart.outline(frame.view), frame), "none", 0.0, visible=False
            )
        self._artists: list[Any] = []
        self._live: PathPatch | None = None
        self._status: Text = figure.text(0.01, 0.05, "", fontsize=10, va="center")
        self._help: Text = figure.text(0.01, 0.018, HELP, fontsize=8, va="center", color=MUTED)
        self._cids = [
            figure.canvas.mpl_connect("button_press_event", self._on_press),
            figure.canvas.mpl_connect("motion_notify_event", self._on_motion),
            figure.canvas.mpl_connect("button_release_event", self._on_release),
            figure.canvas.mpl_connect("key_press_event", self._on_key),
        ]
        self.redraw()

    def size_inches(self) -> tuple[float, float]:
        """A good figure size in inches for this editor (see :func:`figure_size`)."""
        return _size(self.scene)

    # --- coordinates ----------------------------------------------------------------------
    def locate(self, px: float, py: float) -> tuple[str, float, float] | None:
        """The view and chart point (cm) under page point ``(px, py)`` (mm), or ``None``."""
        for frame in self.scene.frames:
            x0, y0, x1, y1 = frame.box
            if x0 - VIEW_PAD <= px <= x1 + VIEW_PAD and y0 - VIEW_PAD <= py <= y1 + VIEW_PAD:
                x, y = frame.to_chart(px, py)
                return frame.view, round(x, 2), round(y, 2)
        return None

    def _frame(self, view: str) -> ViewFrame:
        return self.scene.frame(view)

    # --- editing (chart coordinates) ------------------------------------------------------
    def _commit(self, marks: Sequence[Mark], message: str = "") -> None:
        self._undo.append(self.marks)
        del self._undo[:-HISTORY_MAX]
        self._redo.clear()
        self.marks = tuple(marks)
        self.dirty = True
        self.message = message
        self.redraw()

    def press(self, view: str, x: float, y: float) -> None:
        """Start an action at chart point ``(x, y)`` of ``view`` in the current mode."""
        self.chart.check_view(view)
        if self.mode == "region":
            self.toggle_region(view, x, y)
            return
        if self.mode == "erase":
            self._active = {"view": view, "before": self.marks, "hit": False, "at": (x, y)}
            self._active["hit"] = self._erase(view, x, y)
            return
        self._active = {"view": view, "points": [(round(x, 2), round(y, 2))]}
        self._show_live()

    def drag(self, x: float, y: float) -> None:
        """Continue the stroke or the erasing at chart point ``(x, y)`` of the same view."""
        if self._active is None:
            return
        view = self._active["view"]
        if self.mode == "erase":
            # Rub along the path, not only at the event positions, so a fast move still erases.
            x0, y0 = self._active["at"]
            step = BRUSHES[self.brush] / 4
            n = max(1, math.ceil(math.hypot(x - x0, y - y0) / step))
            for k in range(1, n + 1):
                if self._erase(view, x0 + (x - x0) * k / n, y0 + (y - y0) * k / n):
                    self._active["hit"] = True
            self._active["at"] = (x, y)
            return
        points: list[tuple[float, float]] = self._active["points"]
        last = points[-1]
        if math.hypot(x - last[0], y - last[1]) >= MIN_STEP:
            points.append((round(x, 2), round(y, 2)))
            self._show_live()

    def release(self) -> None:
        """Finish the stroke (it becomes a mark) or the erasing (one undo step)."""
        active, self._active = self._active, None
        if active is None:
            return
        if "points" in active:
            mark = stroke_mark(
                active["view"],
                active["points"],
                BRUSHES[self.brush],
                float(self.intensity),
                self.quality,
            )
            self._commit((*self.marks, mark), "")
        elif active["hit"]:
            before = active["before"]
            current = self.marks
            self.marks = before
            self._commit(current, "Erased.")

    def toggle_region(self, view: str, x: float, y: float) -> str | None:
        """Mark the whole region under ``(x, y)``, or unmark it if it is marked already."""
        region = self.chart.region_at(view, x, y)
        if region is None:
            self.message = "Click inside the body to mark an area."
            self.redraw()
            return None
        kept = [m for m in self.marks if not (mark_kind(m) == "region" and m.region == region.id)]
        if len(kept) < len(self.marks):
            self._commit(kept, f"Unmarked: {region.name(self.lang)}.")
        else:
            mark = Mark(
                view, region=region.id, intensity=float(self.intensity), quality=self.quality
            )
            self._commit((*self.marks, mark), f"Marked: {region.name(self.lang)}.")
        return region.id

    def _erase(self, view: str, x: float, y: float) -> bool:
        """Remove what lies under the eraser at ``(x, y)``; return whether anything went."""
        radius = BRUSHES[self.brush] / 2
        point = Point(x, y)
        out: list[Mark] = []
        hit = False
        for mark in self.marks:
            if mark.view != view:
                out.append(mark)
            elif mark_kind(mark) == "stroke":
                width = mark.width or 0.0
                reach = radius + width / 2
                dense = _densify(stroke_points(mark), max(0.25, width / 4))
                near = [math.hypot(px - x, py - y) <= reach for px, py in dense]
                if not any(near):
                    out.append(mark)
                    continue
                hit = True
                run: list[tuple[float, float]] = []
                for p, gone in zip(dense, near):
                    if gone:
                        if run:
                            out.append(_with_points(mark, run))
                        run = []
                    else:
                        run.append(p)
                if run:
                    out.append(_with_points(mark, run))
            elif mark.shape(self.chart).covers(point):
                hit = True
            else:
                out.append(mark)
        if hit:
            self.marks = tuple(out)
            self.redraw()
        return hit

    def undo(self) -> bool:
        """Undo the last change; return whether there was one."""
        return self._step(self._undo, self._redo, "Undone.")

    def redo(self) -> bool:
        """Redo the last undone change; return whether there was one."""
        return self._step(self._redo, self._undo, "Redone.")

    def _step(
        self, source: list[tuple[Mark, ...]], target: list[tuple[Mark, ...]], said: str
    ) -> bool:
        """Go back (or forward) one state: from the ``source`` history, keeping it in ``target``."""
        if not source:
            return False
        target.append(self.marks)
        self.marks = source.pop()
        self.dirty = True
        self.message = said
        self.redraw()
        return True

    def clear(self) -> None:
        """Remove all marks (one undo step)."""
        if self.marks:
            self._commit((), "All marks removed; z brings them back.")

    def set_mode(self, mode: str) -> None:
        """``"draw"``, ``"region"`` (whole area) or ``"erase"``."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose from: {', '.join(MODES)}")
        self.mode = mode
        self.message = ""
        self.redraw()

    def set_intensity(self, value: float) -> None:
        """Pain intensity (0-10) for new marks."""
        self.intensity = max(0, min(10, round(value)))
        self.message = ""
        self.redraw()

    def set_brush(self, name: str) -> None:
        """Brush size by name: ``"small"``, ``"medium"`` or ``"large"``."""
        if name not in BRUSHES:
            raise ValueError(f"unknown brush {name!r}; choose from: {', '.join(BRUSHES)}")
        self.brush = name
        self.message = ""
        self.redraw()

    def set_quality(self, quality: str | None) -> None:
        """Pain quality for new marks (``None`` for not specified)."""
        self.quality = quality or None
        self.message = ""
        self.redraw()

    # --- the file ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The marks as a drawing document (GeoJSON FeatureCollection, drawing format v1)."""
        meta: dict[str, Any] = {"kind": "drawing", "version": 1, "chart": self.chart.name}
        if self.subject:
            meta["subject"] = self.subject
        meta["recorded"] = datetime.now().astimezone().isoformat(timespec="seconds")
        for key, value in self.meta.items():
            if key not in meta and key != "subject":
                meta[key] = value
        doc: dict[str, Any] = {"type": "FeatureCollection", "bodymap": meta}
        doc.update(self.extra)
        doc["features"] = [m.to_feature() for m in self.marks]
        return doc

    def to_json(self) -> str:
        """The drawing document as JSON text, one feature per line."""
        return format_drawing_json(self.to_dict())

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the drawing file (atomically) and return its path.

        Parameters
        ----------
        path
            Output file; default :attr:`output`.

        Returns
        -------
        Path
            The path written.

        Raises
        ------
        OutputError
            If the folder is missing or the file cannot be written.
        """
        from bodymap.core.output import check_folder, write_bytes

        out = check_folder(path if path is not None else self.output)
        write_bytes(out, self.to_json().encode("utf-8"))
        self.output = out
        self.dirty = False
        self.message = f"Saved to {out}."
        self.redraw()
        return out

    # --- drawing ----------------------------------------------------------------------------
    def _patch(
        self, geometry: BaseGeometry, color: str, zorder: float, visible: bool = True
    ) -> PathPatch:
        from matplotlib.patches import PathPatch

        from bodymap.renderers.mpl import geometry_path

        patch = PathPatch(
            geometry_path(geometry),
            facecolor=color,
            edgecolor="none",
            alpha=0.88,
            zorder=zorder,
            transform=self.ax.transData,
        )
        patch.set_visible(visible)
        return patch

    def _mark_patch(self, mark: Mark) -> PathPatch | None:
        area = mark.shape(self.chart)
        polys = [g for g in getattr(area, "geoms", [area]) if isinstance(g, Polygon)]
        if not polys:
            return None
        page = _page(MultiPolygon(polys) if len(polys) > 1 else polys[0], self._frame(mark.view))
        patch = self._patch(page, color_of(mark.intensity), self._z.get(mark.view, 50.0))
        self.ax.add_patch(patch)
        patch.set_clip_path(self._clips[mark.view])
        return patch

    def _show_live(self) -> None:
        assert self._active is not None
        if self._live is not None:
            self._live.remove()
            self._live = None
        mark = stroke_mark(
            self._active["view"], self._active["points"], BRUSHES[self.brush], self.intensity
        )
        self._live = self._mark_patch(mark)
        self.figure.canvas.draw_idle()

    def status(self) -> str:
        """The status line: tool, intensity, brush, quality, marks and the last message."""
        mode = {"draw": "draw", "region": "whole area", "erase": "eraser"}[self.mode]
        quality = self.quality or "not specified"
        n = len(self.marks)
        saved = "unsaved changes" if self.dirty else "saved" if n else ""
        parts = [
            f"Tool: {mode}",
            f"pain {self.intensity:g}/10",
            f"brush {self.brush} ({BRUSHES[self.brush]:g} cm)",
            f"quality: {quality}",
            f"{n} mark{'s' if n != 1 else ''}" + (f", {saved}" if saved else ""),
        ]
        return "   ".join(parts) + (f"   — {self.message}" if self.message else "")

    def redraw(self) -> None:
        """Redraw the marks and the status line."""
        for artist in self._artists:
            artist.remove()
        self._artists = []
        if self._live is not None:
            self._live.remove()
            self._live = None
        for mark in self.marks:
            patch = self._mark_patch(mark)
            if patch is not None:
                self._artists.append(patch)
        self._status.set_text(self.status())
        # The status line is in the intensity's colour where that is legible, else in TEXT.
        from matplotlib.colors import to_hex

        background = to_hex(self.figure.get_facecolor())
        self._status.set_color(readable_color(color_of(self.intensity), background))
        self.figure.canvas.draw_idle()

    # --- matplotlib events -------------------------------------------------------------------
    def _busy(self) -> bool:
        toolbar = getattr(self.figure.canvas, "toolbar", None)
        return toolbar is not None and bool(str(getattr(toolbar, "mode", "")))

    def _on_press(self, event: MouseEvent) -> None:
        if event.inaxes is not self.ax or self._busy() or event.button != 1:
            return
        if event.xdata is None or event.ydata is None:
            return
        where = self.locate(event.xdata, event.ydata)
        if where is not None:
            self.press(*where)

    def _chart_xy(self, event: MouseEvent) -> tuple[float, float] | None:
        """The event's position in the chart frame of the view being drawn on."""
        if self._active is None or event.xdata is None or event.ydata is None:
            return None
        x, y = self._frame(self._active["view"]).to_chart(event.xdata, event.ydata)
        return round(x, 2), round(y, 2)

    def _on_motion(self, event: MouseEvent) -> None:
        xy = self._chart_xy(event)
        if xy is not None:
            self.drag(*xy)

    def _on_release(self, event: MouseEvent) -> None:
        if self._active is None:
            return
        xy = self._chart_xy(event)
        if xy is not None:
            self.drag(*xy)
        self.release()

    def _on_key(self, event: KeyEvent) -> None:
        if event.key:
            self.handle_key(event.key)

    def handle_key(self, key: str) -> bool:
        """Act on a key as matplotlib names it (``"7"``, ``"ctrl+z"``); return if it was ours."""
        steps = list(BRUSHES)
        if key in ("d", "a", "e"):
            self.set_mode({"d": "draw", "a": "region", "e": "erase"}[key])
        elif key.isdigit() and len(key) == 1:
            self.set_intensity(int(key))
        elif key in ("+", "="):
            self.set_intensity(self.intensity + 1)
        elif key == "-":
            self.set_intensity(self.intensity - 1)
        elif key in ("[", "]"):
            index = steps.index(self.brush) + (1 if key == "]" else -1)
            self.set_brush(steps[max(0, min(len(steps) - 1, index))])
        elif key == "t":
            cycle: list[str | None] = [None, *PAIN_QUALITIES]
            self.set_quality(cycle[(cycle.index(self.quality) + 1) % len(cycle)])
        elif key in ("z", "ctrl+z", "cmd+z"):
            self.undo()
        elif key in ("y", "ctrl+y", "cmd+y", "Z", "ctrl+Z", "ctrl+shift+z"):
            self.redo()
        elif key == "C":
            self.clear()
        elif key in ("s", "ctrl+s", "cmd+s"):
            self.save()
        elif key in ("h", "?"):
            self.message = HELP
            self.redraw()
        else:
            return False
        return True

    def disconnect(self) -> None:
        """Stop listening to the figure's events."""
        for cid in self._cids:
            self.figure.canvas.mpl_disconnect(cid)
        self._cids = []


def _size(scene: Scene) -> tuple[float, float]:
    # The chart at about 85 % of print size, plus room for the status lines.
    return scene.width / 30.0, scene.height / 30.0 / 0.92


def figure_size(
    lang: str = "en", chart: str | os.PathLike[str] | Chart = "adult"
) -> tuple[float, float]:
    """The figure size (inches) to create an editor's figure with.

    Text sizes are fixed when the chart is drawn, so a window should have this size before
    the :class:`DrawingEditor` is made on it.
    """
    from bodymap.renderers.diagram import render

    return _size(render(pattern=None, lang=lang, chart=chart).scene)


def choose_backend() -> str:
    """Switch pyplot to an interactive backend for a desktop window and return its name.

    Only the ``bodymap draw`` command calls this, when it runs; the library never selects a
    backend.  ``MPLBACKEND`` is honoured if set; otherwise the usual GUI backends are tried
    in matplotlib's order.

    Raises
    ------
    NoDisplayError
        On Linux without ``DISPLAY``/``WAYLAND_DISPLAY``, or when no interactive backend can
        be started.
    """
    hint = "'bodymap draw' needs a desktop session (for a browser form use 'bodymap form')"
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        raise NoDisplayError(f"no display available; {hint}")
    import matplotlib.pyplot as plt
    from matplotlib.backends.registry import BackendFilter, backend_registry

    interactive = set(backend_registry.list_builtin(BackendFilter.INTERACTIVE))  # type: ignore[no-untyped-call]
    requested = os.environ.get("MPLBACKEND")
    candidates = [requested] if requested else ["macosx", "qtagg", "gtk4agg", "gtk3agg", "tkagg"]
    for name in candidates:
        try:
            plt.switch_backend(name)
        except Exception:  # any failure means: try the next backend
            continue
        if name.lower() in interactive:
            return name
    raise NoDisplayError(
        "no display available; no interactive matplotlib backend could start "
        "(install tkinter or PyQt, or use 'bodymap form' for a browser form)"
    )


def run_window(
    drawing: str | os.PathLike[str] | None = None,
    output: str | os.PathLike[str] | None = None,
    lang: str = "en",
    subject: str | None = None,
    chart: str | os.PathLike[str] | Chart = "adult",
    on_save: Callable[[str], object] | None = None,
) -> None:
    """Open the editor in a desktop window and run it until the window is closed.

    Behind ``bodymap draw``: picks an interactive backend (:func:`choose_backend`), frees
    the default matplotlib keys the editor uses itself, and saves the drawing when the
    window is closed with unsaved changes.

    Parameters
    ----------
    drawing
        A drawing file to continue (also the default output), or ``None``.
    output
        Where to save (default: ``drawing``, else ``drawing.json``); the folder must exist.
    lang, subject, chart
        As for :class:`DrawingEditor`.
    on_save
        Called with the path of each file saved on close.

    Raises
    ------
    OutputError
        If the output folder does not exist.
    NoDisplayError
        Without a display or an interactive backend.
    """
    from bodymap.core.output import check_folder
    from bodymap.model.reader import load_drawing

    loaded = load_drawing(drawing) if drawing is not None else None
    target = check_folder(output if output is not None else (drawing or "drawing.json"))
    choose_backend()

    import matplotlib
    import matplotlib.pyplot as plt

    # Free the default matplotlib keys that the editor uses itself (s save, h help, ...).
    with matplotlib.rc_context(
        {
            "keymap.save": [],
            "keymap.home": [],
            "keymap.grid": [],
            "keymap.grid_minor": [],
            "keymap.yscale": [],
            "keymap.xscale": [],
        }
    ):
        figure = plt.figure(num="bodymap draw", figsize=figure_size(lang))
        editor = DrawingEditor(
            figure, loaded, lang=lang, subject=subject, output=target, chart=chart
        )

        def on_save_close(_event: object) -> None:
            if editor.dirty:
                saved = editor.save()
                if on_save is not None:
                    on_save(str(saved))

        figure.canvas.mpl_connect("close_event", on_save_close)
        plt.show()
