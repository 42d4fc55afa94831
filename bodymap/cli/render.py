"""``bodymap render``: write a referral-pattern figure as SVG, PNG or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import wrote
from bodymap.cli.options import (
    DEFAULT_DPI,
    chart_option,
    dpi_option,
    drawing_option,
    lang_option,
    output_option,
    pattern_option,
    side_option,
    view_option,
)
from bodymap.core.choices import DEFAULT_PATTERN, PATTERN_SIDES, VIEW_CHOICES


def render(
    output: Annotated[
        Path | None,
        output_option("Output file, .svg, .png or .pdf (default: PATTERN.svg here)."),
    ] = None,
    pattern: Annotated[
        str | None,
        pattern_option(
            f"Built-in pattern name or a pattern file [default: {DEFAULT_PATTERN}, or none "
            "when a drawing is given]."
        ),
    ] = None,
    drawing: Annotated[
        list[str] | None,
        drawing_option(
            "A patient's pain drawing (.json) to draw over the pattern; give it twice "
            "to show two drawings (e.g. first visit and follow-up)."
        ),
    ] = None,
    side: Annotated[str, side_option(PATTERN_SIDES, "Side of the trigger points.")] = "left",
    view: Annotated[str, view_option(VIEW_CHOICES, "Which views to draw.")] = "both",
    lang: Annotated[str, lang_option("Language of the labels.")] = "en",
    title: Annotated[str | None, typer.Option("--title", help="Figure title.")] = None,
    dpi: Annotated[float, dpi_option()] = DEFAULT_DPI,
    no_labels: Annotated[bool, typer.Option("--no-labels", help="Do not label the zones.")] = False,
    regions: Annotated[
        bool, typer.Option("--regions", help="Write each chart region's name on it.")
    ] = False,
    chart: Annotated[str, chart_option()] = "adult",
) -> None:
    """Draw a referral-pain pattern, or a pain drawing, on the body chart.

    Without options this writes iliopsoas.svg here.  With --drawing the patient's marks are
    drawn over the pattern given with --pattern, or on the bare chart if none is given.
    """
    from bodymap.core.output import check_distinct, check_output
    from bodymap.renderers.diagram import render as render_diagram

    drawings = tuple(drawing or ())
    if len(drawings) > 2:
        raise typer.BadParameter("give at most two drawings", param_hint="'--drawing'")
    if pattern is None and not drawings:
        pattern = DEFAULT_PATTERN
    if output is None:
        name = pattern if pattern is not None else drawings[0]
        output = Path(f"{Path(name).stem if name.endswith('.json') else name}.svg")
    check_output(output)
    check_distinct(inputs=[*drawings, pattern, chart], outputs={"-o": output})
    loaded = None
    if drawings:
        from bodymap.model.reader import load_drawing

        loaded = [load_drawing(d, chart) for d in drawings]
    diagram = render_diagram(
        pattern=pattern,
        drawing=loaded,
        side=side,
        view=view,
        lang=lang,
        title=title,
        labels=not no_labels,
        regions=regions,
        chart=chart,
    )
    wrote(diagram.save(output, dpi=dpi))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("render")(render)
