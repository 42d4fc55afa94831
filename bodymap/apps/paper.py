"""Print a paper pain chart: the A4 page behind ``bodymap paper``, as PDF, PNG or SVG.

:func:`make_paper` lays out the page (:func:`bodymap.scene.paper.paper_scene`) for a chart,
a language, a subject and optionally an earlier drawing whose marks are printed on the body;
:func:`save_paper` writes it atomically, the format chosen by the suffix.  A PDF is a real A4
page (210 x 297 mm) with the body at exactly 1 mm per chart cm, which is what the scan reader
(:mod:`bodymap.apps.scan`) relies on; print it at 100 % ("actual size").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bodymap.core.choices import check_lang
from bodymap.core.errors import BodymapError
from bodymap.core.output import check_output
from bodymap.model.chart import Chart, load_chart
from bodymap.model.drawing import Drawing
from bodymap.model.reader import load_drawing
from bodymap.renderers.diagram import Diagram
from bodymap.scene.paper import INK, paper_scene

__all__ = ["MAX_PAPER_SUBJECT", "make_paper", "save_paper"]

#: The longest subject id the page's QR code carries (it must stay readable at 26 mm).
MAX_PAPER_SUBJECT = 40

PathLike = str | os.PathLike[str]


def make_paper(
    chart: str | PathLike | Chart = "adult",
    lang: str = "en",
    subject: str | None = None,
    drawing: PathLike | Mapping[str, Any] | Drawing | None = None,
    page_id: str | None = None,
    ink: str = INK,
    hatch: tuple[float, float, float] | None = None,
) -> Diagram:
    """The printable paper chart as a :class:`~bodymap.renderers.diagram.Diagram`.

    Parameters
    ----------
    chart
        A chart name, chart file or :class:`~bodymap.model.chart.Chart`.
    lang
        Language of the page (``"en"`` or ``"nl"``).
    subject
        Subject id printed on the page and written into its QR code (at most
        :data:`MAX_PAPER_SUBJECT` characters).
    drawing
        An earlier drawing (file, document or :class:`Drawing`) to print on the chart.
    page_id
        The page id in the QR code (default: a fresh random id).
    ink, hatch
        How the drawing's marks are printed (see :func:`~bodymap.scene.paper.paper_scene`).

    Returns
    -------
    Diagram
        The page; ``save()`` writes it.

    Raises
    ------
    BodymapError
        A subject too long for the QR code, an unknown chart or a bad drawing file.
    """
    check_lang(lang)
    the_chart = chart if isinstance(chart, Chart) else load_chart(chart)
    loaded = None if drawing is None else load_drawing(drawing, the_chart)
    where = ""
    if loaded is not None and subject is None:
        subject = loaded.subject
        where = f"{loaded.source}: "
    if subject is not None and len(subject) > MAX_PAPER_SUBJECT:
        raise BodymapError(
            f"{where}subject is {len(subject):,} characters long; the paper chart's QR code "
            f"takes at most {MAX_PAPER_SUBJECT}"
        )
    if loaded is not None and loaded.chart is not the_chart:
        raise BodymapError(
            f"{loaded.source}: is drawn on chart {loaded.chart_name!r}, not {the_chart.name!r}"
        )
    scene = paper_scene(the_chart, lang, subject, loaded, page_id, ink, hatch)
    return Diagram(scene)


def save_paper(
    path: PathLike,
    chart: str | PathLike | Chart = "adult",
    lang: str = "en",
    subject: str | None = None,
    drawing: PathLike | Mapping[str, Any] | Drawing | None = None,
    dpi: float = 300,
) -> Path:
    """Write the paper chart to ``path`` (``.pdf`` A4 page, ``.png`` or ``.svg``).

    Parameters
    ----------
    path
        The output file; its folder must exist.
    chart, lang, subject, drawing
        As for :func:`make_paper`.
    dpi
        Resolution of a PNG.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputError
        An unknown suffix, a missing folder or a file that cannot be written.
    """
    check_output(path)
    return make_paper(chart, lang, subject, drawing).save(path, dpi=dpi)
