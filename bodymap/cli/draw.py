"""``bodymap draw``: mark pain on the body chart in a desktop window."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.echo import wrote
from bodymap.cli.options import chart_option, lang_option, output_option


def draw(
    drawing: Annotated[
        Path | None, typer.Argument(help="An earlier drawing file to continue (optional).")
    ] = None,
    output: Annotated[
        Path | None,
        output_option("Where to save (default: the DRAWING file, else drawing.json here)."),
    ] = None,
    lang: Annotated[str, lang_option("Language of the chart labels.")] = "en",
    subject: Annotated[
        str | None, typer.Option("--subject", help="Subject (patient) id for the file.")
    ] = None,
    chart: Annotated[str, chart_option()] = "adult",
) -> None:
    """Mark pain on the body chart in a desktop window and save a drawing file.

    Drag to colour; keys: d draw, a whole area (click a region), e eraser, 0-9 intensity
    (+/- up to 10), [ ] brush size, t pain quality, z undo, y redo, C clear, s save. The
    drawing is also saved when the window is closed with unsaved changes.
    """
    from bodymap.apps.editor import run_window
    from bodymap.core.output import check_distinct

    # Saving back to DRAWING is what continuing a drawing means; the chart is never written.
    check_distinct(inputs=[chart], outputs={"-o": output or drawing})
    run_window(drawing, output=output, lang=lang, subject=subject, chart=chart, on_save=wrote)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("draw")(draw)
