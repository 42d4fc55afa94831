"""``bodymap atlas``: every pattern of one kind on one chart, as SVG, PNG or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import wrote
from bodymap.cli.options import (
    DEFAULT_DPI,
    chart_option,
    choice,
    dpi_option,
    lang_option,
    output_option,
    view_option,
)
from bodymap.core.choices import PATTERN_KINDS, VIEW_CHOICES


def atlas(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            callback=choice("kind", PATTERN_KINDS),
            help="The kind of pattern to chart: " + ", ".join(PATTERN_KINDS) + ".",
        ),
    ],
    output: Annotated[
        Path | None,
        output_option("Output file, .svg, .png or .pdf (default: atlas-KIND.svg here)."),
    ] = None,
    view: Annotated[str, view_option(VIEW_CHOICES, "Which views to draw.")] = "both",
    lang: Annotated[str, lang_option("Language of the title and labels.")] = "en",
    title: Annotated[str | None, typer.Option("--title", help="Chart title.")] = None,
    dpi: Annotated[float, dpi_option()] = DEFAULT_DPI,
    chart: Annotated[str, chart_option()] = "adult",
) -> None:
    """Draw every built-in pattern of one kind on one chart, each in its own colour.

    The dermatome chart (bodymap atlas dermatome), the cutaneous-nerve chart (nerve), the
    joint referral maps (joint), the organs' referred-pain areas (organ), or all muscles.
    """
    from bodymap.core.output import check_distinct, check_output
    from bodymap.renderers.diagram import atlas as atlas_diagram

    out = output if output is not None else Path(f"atlas-{kind}.svg")
    check_output(out)
    check_distinct(inputs=[chart], outputs={"-o": out})
    diagram = atlas_diagram(kind, view=view, lang=lang, chart=chart, title=title)
    wrote(diagram.save(out, dpi=dpi))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("atlas")(atlas)
