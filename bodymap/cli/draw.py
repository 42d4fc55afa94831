"""``bodymap draw``: mark pain on the body chart in a desktop window."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bodymap.cli.options import lang_option


def draw(
    drawing: Annotated[
        Path | None, typer.Argument(help="An earlier drawing file to continue (optional).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to save (default: the DRAWING file, else drawing.json here).",
        ),
    ] = None,
    lang: Annotated[str, lang_option("Language of the chart labels.")] = "en",
    subject: Annotated[
        str | None, typer.Option("--subject", help="Subject (patient) id for the file.")
    ] = None,
) -> None:
    """Mark pain on the body chart in a desktop window and save a drawing file.

    Drag to colour; keys: d draw, a whole area (click a region), e eraser, 0-9 intensity
    (+/- up to 10), [ ] brush size, t pain quality, z undo, y redo, C clear, s save. The
    drawing is also saved when the window is closed with unsaved changes.
    """
    from bodymap.drawing import load_drawing
    from bodymap.editor import DrawingEditor, choose_backend, figure_size
    from bodymap.errors import OutputError

    loaded = load_drawing(drawing) if drawing is not None else None
    target = output if output is not None else (drawing or Path("drawing.json"))
    if not target.parent.is_dir():
        raise OutputError(f"{target}: folder {str(target.parent)!r} does not exist")
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
        editor = DrawingEditor(figure, loaded, lang=lang, subject=subject, output=target)

        def on_save_close(_event: object) -> None:
            if editor.dirty:
                typer.echo(str(editor.save()))

        figure.canvas.mpl_connect("close_event", on_save_close)
        plt.show()


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("draw")(draw)
