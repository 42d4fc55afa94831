"""``bodymap measure`` and ``bodymap track``: a drawing's measures, and a patient over visits.

``measure`` prints the measures of one pain drawing
(:func:`~bodymap.analysis.drawing_measures.measure_drawing`) as a table, or with ``--json``
as one JSON object; ``track`` puts two or more drawings of one patient in date order and
prints one row per visit (:func:`~bodymap.analysis.tracking.track`), or with ``--json`` a
list of one object per visit, and ``--figure`` draws the visits and the extent over time.
Both are thin: options, one library call, the text of :mod:`bodymap.renderers.track_text`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import note, result, wrote
from bodymap.cli.options import (
    DEFAULT_DPI,
    chart_option,
    dpi_option,
    json_option,
    lang_option,
)


def measure(
    drawing: Annotated[str, typer.Argument(metavar="DRAWING", help="The pain drawing (.json).")],
    as_json: Annotated[bool, json_option()] = False,
    lang: Annotated[str, lang_option("Language of the table.")] = "en",
    chart: Annotated[str | None, chart_option()] = None,
) -> None:
    """Measure a pain drawing: extent, intensity-weighted extent, qualities, areas, side.

    The extent (cm² and % of the body chart), the intensity-weighted extent (marked area ×
    intensity, each point at the highest intensity marked there, and its share of the
    whole body at 10), the extent of each pain quality, the number of separate areas, each
    view's centre of the marked area (chart cm) and the laterality index (left − right) /
    (left + right), 1 for pain on the patient's left only.
    """
    from bodymap.analysis.drawing_measures import measure_drawing
    from bodymap.core.choices import check_lang
    from bodymap.model.reader import load_drawing

    check_lang(lang)
    first = load_drawing(drawing, chart)
    found = measure_drawing(first)
    if as_json:
        result(found.to_json())
        return
    from bodymap.renderers.track_text import format_measures

    result(format_measures(found, first, lang))


def track(
    drawings: Annotated[
        list[str],
        typer.Argument(
            metavar="DRAWING DRAWING...",
            help="Two or more drawings of one patient (.json), in any order.",
        ),
    ],
    as_json: Annotated[bool, json_option()] = False,
    figure: Annotated[
        Path | None,
        typer.Option(
            "--figure",
            help="Also write the figure (.svg, .png or .pdf): each visit's new, resolved and "
            "persisting area, and the pain extent over time.",
        ),
    ] = None,
    lang: Annotated[str, lang_option("Language of the table and the figure.")] = "en",
    chart: Annotated[str | None, chart_option()] = None,
    dpi: Annotated[float, dpi_option()] = DEFAULT_DPI,
) -> None:
    """Follow a patient over visits: extent, overlap and change per visit, in date order.

    The drawings are put in the order of their recorded dates (the order given when a
    drawing has none).  Per visit: the extent and intensity-weighted extent, the Jaccard
    index with the previous and with the first visit, and the area new, resolved and
    persisting since the previous visit (cm²); a change in extent larger than the minimal
    detectable change is marked *.
    """
    from bodymap.analysis.tracking import track as track_visits
    from bodymap.core.choices import check_lang
    from bodymap.core.i18n import tr
    from bodymap.core.output import check_distinct, check_output
    from bodymap.model.reader import load_drawing

    check_lang(lang)
    if len(drawings) < 2:
        raise typer.BadParameter(
            f"give at least two drawings, not {len(drawings)}", param_hint="'DRAWING DRAWING...'"
        )
    if figure is not None:
        check_output(figure)
        check_distinct(inputs=[*drawings, chart], outputs={"--figure": figure})
    loaded = [load_drawing(d, chart) for d in drawings]
    found = track_visits(loaded)
    if figure is not None:
        from bodymap.renderers.diagram import track_figure

        wrote(track_figure(found, lang).save(figure, dpi=dpi))
    if as_json:
        result(found.to_json())
        if len(found.subjects) > 1:
            note(tr("track.subjects", lang, subjects=", ".join(found.subjects)))
        return
    from bodymap.renderers.track_text import format_track

    result(format_track(found, lang))


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("measure")(measure)
    app.command("track")(track)
