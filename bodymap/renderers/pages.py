"""Typeset pages: the patient handout and the clinician report, as A4 PDF documents.

:func:`handout` and :func:`report` are the calls behind ``bodymap handout`` and ``bodymap
report``: they load the pattern or the drawings, compose the page model
(:mod:`bodymap.scene.handout`, :mod:`bodymap.scene.report`) and typeset it with Typst
(:mod:`bodymap.renderers.typst`, the ``bodymap[pdf]`` extra).  The result is a
:class:`Document`, whose PDF bytes are made once and which :meth:`Document.save` writes
atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

from bodymap.core.choices import DEFAULT_PATTERN
from bodymap.core.notes import note_blocks, read_notes
from bodymap.core.output import check_output, write_bytes
from bodymap.model.chart import Chart, load_chart
from bodymap.model.pattern import Pattern, load_pattern

if TYPE_CHECKING:
    from bodymap.model.drawing import Drawing

    DrawingLike = Drawing | str | os.PathLike[str] | Mapping[str, Any]

__all__ = ["PDF_FORMATS", "Document", "handout", "report"]

#: The one output format of typeset pages.
PDF_FORMATS: Mapping[str, str] = MappingProxyType({".pdf": "pdf"})


class Document:
    """A typeset PDF document (a handout or a report).

    Attributes
    ----------
    pdf
        The PDF file's bytes.
    page
        The page model it was set from.
    """

    def __init__(self, pdf: bytes, page: Any) -> None:
        self.pdf = pdf
        self.page = page

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the PDF to ``path`` (a ``.pdf`` file) atomically and return the path.

        Raises
        ------
        OutputError
            If the suffix is not ``.pdf``, the folder is missing or the file cannot be written.
        """
        out, _ = check_output(path, PDF_FORMATS)
        write_bytes(out, self.pdf)
        return out


def _chart(chart: str | os.PathLike[str] | Chart) -> Chart:
    return chart if isinstance(chart, Chart) else load_chart(chart)


def handout(
    pattern: str | os.PathLike[str] | Pattern = DEFAULT_PATTERN,
    side: str = "left",
    lang: str = "en",
    clinic: str | None = None,
    notes: str | os.PathLike[str] | None = None,
    notes_text: str | None = None,
    date: dt.date | None = None,
) -> Document:
    """Typeset the one-page A4 patient handout of a referral pattern.

    Parameters
    ----------
    pattern
        Built-in pattern name, a pattern file or a loaded Pattern.  The 15 low-back, hip,
        groin and thigh muscles have a full text; every other pattern gets a page made from
        its zones and summary with a marked box for the clinician's advice.
    side
        Side of the trigger points (``"left"``, ``"right"`` or ``"both"``).
    lang
        ``"en"`` or ``"nl"``.
    clinic
        The clinic's name, printed at the top.
    notes
        A plain-text or Markdown file of the clinician's notes (paragraphs, bullet and
        numbered lists, bold and italic; everything else is printed as written).
    notes_text
        The notes as text instead of a file.
    date
        The date printed on the page (default: today).

    Returns
    -------
    Document
        ``.save("handout.pdf")`` writes it; ``.pdf`` holds the bytes.

    Raises
    ------
    BodymapError
        For an unknown pattern, a bad notes file, notes too long for the page, or when
        Typst is not installed (``pip install 'bodymap[pdf]'``).
    """
    from bodymap.renderers.typst import PageOverflow, handout_pdf
    from bodymap.scene.handout import handout_page

    text = read_notes(notes) if notes is not None else notes_text
    blocks = note_blocks(text) if text else ()
    the_pattern = load_pattern(pattern)  # type: ignore[arg-type]
    chart = load_chart(the_pattern.chart)
    the_pattern.check_chart(chart)
    page = handout_page(the_pattern, chart, side, lang, clinic, blocks, date)
    try:
        return Document(handout_pdf(page), page)
    except PageOverflow:
        if text:
            shown = notes if notes is not None else "the notes"
            raise PageOverflow(
                f"{shown}: the handout does not fit on one A4 page with these notes; shorten them"
            ) from None
        raise PageOverflow(
            f"{the_pattern.source}: the handout does not fit on one A4 page; the pattern's "
            "texts (its names, summary or sources) are too long"
        ) from None


def report(
    drawing: DrawingLike,
    before: DrawingLike | Sequence[DrawingLike] | None = None,
    lang: str = "en",
    chart: str | os.PathLike[str] | Chart | None = None,
    date: dt.date | None = None,
) -> Document:
    """Typeset the clinician report of a pain drawing (at most two A4 pages).

    Parameters
    ----------
    drawing
        The pain drawing (a Drawing, a drawing file or a parsed dict).
    before
        An earlier drawing of the same patient, to report the change; or a list of earlier
        drawings (visits): the change since the most recent of them, and a table of every
        visit.
    lang
        ``"en"`` or ``"nl"``.
    chart
        The chart to measure and draw on (default: the drawing's own chart).
    date
        The date the report is made (default: today).

    Returns
    -------
    Document
        ``.save("report.pdf")`` writes it.

    Raises
    ------
    BodymapError
        For a bad drawing, or when Typst is not installed (``pip install 'bodymap[pdf]'``).
    """
    from bodymap.model.reader import load_drawing
    from bodymap.renderers.typst import report_pdf
    from bodymap.scene.report import report_page

    given = None if chart is None else _chart(chart)
    first = load_drawing(drawing, given)
    earlier: Drawing | list[Drawing] | None = None
    if isinstance(before, (list, tuple)):
        earlier = [load_drawing(b, given) for b in before]
    elif before is not None:
        earlier = load_drawing(cast("DrawingLike", before), given)
    the_chart = first.chart if given is None else given
    page = report_page(first, the_chart, earlier, lang, date)
    return Document(report_pdf(page), page)
