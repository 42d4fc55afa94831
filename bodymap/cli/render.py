"""``bodymap render``: write a referral-pattern figure as SVG, PNG or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.options import LANGS, SIDES, VIEWS, choice, metavar


def render(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Output file, .svg, .png or .pdf (default: PATTERN.svg here)."
        ),
    ] = None,
    pattern: Annotated[
        str, typer.Option("-p", "--pattern", help="Built-in pattern name or a pattern file.")
    ] = "iliopsoas",
    side: Annotated[
        str,
        typer.Option(
            "--side",
            callback=choice("side", SIDES),
            metavar=metavar(SIDES),
            help="Side of the trigger points.",
        ),
    ] = "left",
    view: Annotated[
        str,
        typer.Option(
            "--view",
            callback=choice("view", VIEWS),
            metavar=metavar(VIEWS),
            help="Which views to draw.",
        ),
    ] = "both",
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            callback=choice("language", LANGS),
            metavar=metavar(LANGS),
            help="Language of the labels.",
        ),
    ] = "en",
    title: Annotated[str | None, typer.Option("--title", help="Figure title.")] = None,
    dpi: Annotated[
        float, typer.Option("--dpi", min=10, max=2400, help="Resolution of PNG output.")
    ] = 200,
    no_labels: Annotated[bool, typer.Option("--no-labels", help="Do not label the zones.")] = False,
    regions: Annotated[
        bool, typer.Option("--regions", help="Write each chart region's name on it.")
    ] = False,
    chart: Annotated[
        str, typer.Option("--chart", help="Built-in chart name or a chart file.")
    ] = "adult",
) -> None:
    """Draw a referral-pain pattern on the body chart (default: iliopsoas.svg here)."""
    from bodymap.diagram import check_output
    from bodymap.diagram import render as render_diagram

    if output is None:
        output = Path(f"{Path(pattern).stem if pattern.endswith('.json') else pattern}.svg")
    check_output(output)
    diagram = render_diagram(
        pattern=pattern,
        side=side,
        view=view,
        lang=lang,
        title=title,
        labels=not no_labels,
        regions=regions,
        chart=chart,
    )
    typer.echo(str(diagram.save(output, dpi=dpi)))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("render")(render)
